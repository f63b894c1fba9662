//! A rep's laptop copy is their briefcase: `backup` run by a rep writes only what that rep may
//! see — their customers and the pool, what hangs off those (contacts, visits, deals,
//! payments, ownership history), the teams' targets and their own, their own scorecard
//! ratings, and what everyone shares (reps, templates, team settings). The copy is then
//! vacuumed, so nothing cut out can be read back from its free pages.
//!
//! A briefcase says so (table `briefcase`), and `sync` keeps to it: what goes into a
//! briefcase is cut the same way, and what is absent from one is never taken as deleted.
//! One definition (`in_scope`) serves both.

use rusqlite::{Connection, OptionalExtension};

use crate::store::policy::Scope;
use crate::store::query::sql_text;
use crate::store::{Actor, Result, StoreError};

/// Whose briefcase, as SQL literals.
#[derive(Debug, Clone)]
pub(crate) struct Holder {
    rep: String,
    login: String,
    /// The holder's read scope: which customers they see is decided there, once.
    scope: Scope,
}

impl Holder {
    fn new(rep_id: &str, login: &str) -> Holder {
        Holder {
            rep: sql_text(rep_id),
            login: sql_text(login),
            scope: Scope::Own {
                rep_id: rep_id.to_string(),
            },
        }
    }

    /// Whether row `x` of `table` (in schema `db`, whose parents it is checked against)
    /// belongs in this briefcase; None for tables kept whole.
    ///
    /// Which customers: the holder's read scope (`store::policy`). A briefcase holds whole
    /// customers, with everything that hangs off them and nothing else, so the file stays
    /// consistent on its own: the visits a rep wrote on a customer since handed to someone
    /// else, which the rep may still read on the server, stay there. Targets: the teams' and
    /// their own, as a rep sees them; ratings and audit entries: their own.
    pub(crate) fn in_scope(&self, table: &str, x: &str, db: &str) -> Option<String> {
        let rep = &self.rep;
        let held = format!(
            "SELECT c.id FROM {db}.customers c WHERE {}",
            self.scope.customer_sql("c")
        );
        Some(match table {
            "customers" => self.scope.customer_sql(x),
            "contacts" | "visits" | "deals" | "ownership_changes" => {
                format!("{x}.customer_id IN ({held})")
            }
            "payments" => {
                format!("{x}.deal_id IN (SELECT id FROM {db}.deals WHERE customer_id IN ({held}))")
            }
            "visit_reps" | "visit_contacts" => format!(
                "{x}.visit_id IN (SELECT id FROM {db}.visits WHERE customer_id IN ({held}))"
            ),
            "targets" => format!(
                "({x}.scope_kind = 'team' OR ({x}.scope_kind = 'rep' AND {x}.scope = {rep}))"
            ),
            "target_changes" => format!(
                "{x}.target_id IN (SELECT id FROM {db}.targets
                   WHERE scope_kind = 'team' OR (scope_kind = 'rep' AND scope = {rep}))"
            ),
            "ratings" => format!("{x}.rep_id = {rep}"),
            "audit" => format!("{x}.who = {}", self.login),
            _ => return None,
        })
    }
}

/// Tables cut, children before parents (the conditions read the parents as they were).
const CUT: &[&str] = &[
    "payments",
    "visit_reps",
    "visit_contacts",
    "visits",
    "contacts",
    "deals",
    "ownership_changes",
    "target_changes",
    "targets",
    "ratings",
    "audit",
    "customers",
];

/// The briefcase of `actor` (a rep; anyone else is refused as a reader of nothing).
pub(crate) fn holder_for(actor: &Actor) -> Result<Holder> {
    Ok(Holder::new(actor.writer()?, &actor.login))
}

/// Cuts the copy at `path` (just written by `VACUUM INTO`, not yet in place) down to what
/// `holder` may see, marks it a briefcase, and vacuums it.
pub(crate) fn cut(path: &std::path::Path, holder: &Holder) -> Result<()> {
    let conn = Connection::open_with_flags(
        path,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    // Nothing cut may be left readable in free pages or the journal.
    conn.execute_batch("PRAGMA secure_delete = ON; PRAGMA foreign_keys = OFF; BEGIN;")?;
    for table in CUT {
        if let Some(keep) = holder.in_scope(table, &format!("\"{table}\""), "main") {
            conn.execute(
                &format!("DELETE FROM main.\"{table}\" WHERE NOT ({keep})"),
                [],
            )?;
        }
    }
    conn.execute_batch(&format!(
        "CREATE TABLE briefcase (rep_id TEXT NOT NULL, login TEXT NOT NULL);
         INSERT INTO briefcase VALUES ({}, {});
         {}
         {}
         COMMIT;
         VACUUM;",
        holder.rep,
        holder.login,
        crate::store::schema::rollups::EMPTY,
        crate::store::schema::rollups::FILL
    ))?;
    let broken: i64 = conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
        r.get(0)
    })?;
    if broken > 0 {
        return Err(StoreError::rule("error.briefcase_broken", &[]));
    }
    Ok(())
}

/// Which files of a sync are briefcases, and whose: (holder, schema). This file is one when
/// it says so. The other file never receives more than whoever runs the sync may see — a
/// rep's scope whatever the file says (a rep who drops the marker from their briefcase still
/// gets only their own), and for a manager the holder's scope when it is a briefcase.
pub(crate) fn bounds(conn: &Connection, actor: &Actor) -> Result<Vec<(Holder, &'static str)>> {
    let mut out = Vec::new();
    if let Some(h) = holder_of(conn, "main")? {
        out.push((h, "main"));
    }
    if !actor.is_manager() {
        out.push((holder_for(actor)?, "there"));
    } else if let Some(h) = holder_of(conn, "there")? {
        out.push((h, "there"));
    }
    Ok(out)
}

/// Whose briefcase the file attached as `schema` is, if it is one.
pub(crate) fn holder_of(conn: &Connection, schema: &str) -> Result<Option<Holder>> {
    let is: bool = conn.query_row(
        &format!("SELECT EXISTS (SELECT 1 FROM {schema}.sqlite_schema WHERE name = 'briefcase')"),
        [],
        |r| r.get(0),
    )?;
    if !is {
        return Ok(None);
    }
    Ok(conn
        .query_row(
            &format!("SELECT rep_id, login FROM {schema}.briefcase LIMIT 1"),
            [],
            |r| {
                Ok(Holder::new(
                    &r.get::<_, String>(0)?,
                    &r.get::<_, String>(1)?,
                ))
            },
        )
        .optional()?)
}

/// Keeps what would go into a briefcase (`to`) within it: winners of a versioned `table`
/// from the other file that fall outside are skipped, not written and not counted.
pub(crate) fn keep_versioned(
    conn: &Connection,
    holder: &Holder,
    table: &str,
    to: &str,
) -> Result<()> {
    let from = if to == "there" { "main" } else { "there" };
    if let Some(keep) = holder.in_scope(table, "s", from) {
        conn.execute(
            &format!(
                "UPDATE temp.sync_{table} AS s SET side = 'skip' WHERE s.side = ?1 AND NOT ({keep})"
            ),
            [from],
        )?;
    }
    Ok(())
}

/// The same for a log's entries bound for a briefcase.
pub(crate) fn keep_log(conn: &Connection, holder: &Holder, table: &str, to: &str) -> Result<()> {
    let from = if to == "there" { "main" } else { "there" };
    if let Some(keep) = holder.in_scope(table, "x", from) {
        conn.execute(
            &format!(
                "DELETE FROM temp.sync_log_{table} WHERE dest = ?1
                 AND id IN (SELECT x.id FROM {from}.\"{table}\" x WHERE NOT ({keep}))"
            ),
            [to],
        )?;
    }
    Ok(())
}
