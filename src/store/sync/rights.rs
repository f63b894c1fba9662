//! What a sync may bring into this file. The other copy is somebody's laptop, which its owner
//! can edit with any tool, so its rows prove nothing about who made them. Like a server-side
//! hook (CouchDB's `validate_doc_update`, git's `pre-receive`), every incoming change is
//! checked against the rights of the person running the sync, on this file:
//!
//! - nobody brings in a change dated after this machine's clock plus `SKEW` (a clock running
//!   ahead, or a hand-edited `2099…`, would otherwise win every later sync);
//! - a rep brings in only what a rep could have written here: customers they hold or take from
//!   the pool, and the contacts, visits, deals and payments on those, authored by them; never
//!   reps, targets, ratings, templates or team settings, nor another rep's records;
//! - no record comes in without its parent (a refused customer takes its visits with it);
//! - audit entries are never copied: each file writes its own, saying what it accepted.
//!
//! A refused change is listed in the summary and nothing else is lost: the rest of the sync
//! goes ahead, and where this file holds the record, the other copy gets this file's version
//! back (a `fix`), so a tampered laptop is corrected rather than refused again forever.

use rusqlite::Connection;

use crate::store::query::sql_text;
use crate::store::settings::Rules;
use crate::store::{Actor, Result};

/// Tables only a manager writes.
const MANAGERS_ONLY: &[&str] = &[
    "reps",
    "rep_history",
    "targets",
    "target_changes",
    "ratings",
    "scorecard_templates",
    "settings",
];

/// Who runs the sync, as SQL literals, and the latest timestamp accepted.
pub(crate) struct Rights {
    manager: bool,
    rep: String,
    login: String,
    limit: String,
    /// This file's rules for a rep's locks and claims.
    rules: Rules,
}

impl Rights {
    pub(crate) fn of(actor: &Actor, limit: &str, rules: &Rules) -> Rights {
        Rights {
            manager: actor.is_manager(),
            rep: actor.rep_id.as_deref().map_or("NULL".into(), sql_text),
            login: sql_text(&actor.login),
            limit: sql_text(limit),
            rules: rules.clone(),
        }
    }

    /// Why an incoming row `s` of `table` is refused: (reason, SQL condition), in the order
    /// they are tried; the first that holds names the refusal.
    fn refusals(&self, table: &str, stamp: &str) -> Vec<(&'static str, String)> {
        let mut out = vec![("ahead", format!("s.{stamp} > {}", self.limit))];
        if let Some(parent) = parent_exists(table) {
            out.push(("no_parent", format!("NOT {parent}")));
        }
        if self.manager {
            return out;
        }
        if MANAGERS_ONLY.contains(&table) {
            out.push(("managers_only", "1".into()));
        } else if let Some(allowed) = self.rep_may(table) {
            // A condition that comes out NULL (a NULL owner compared) refuses, never admits.
            out.push(("not_yours", format!("NOT COALESCE(({allowed}), 0)")));
        }
        if table == "customers" {
            out.push(("lock_quota", self.over_lock_quota()));
        }
        if table == "ownership_changes" {
            out.extend(self.over_claim_rules());
        }
        out
    }

    /// For an incoming claim `s` (a rep taking a pool customer, in the ownership log) made on
    /// a copy: refused past the claim limit (what the rep holds here, then their claims in
    /// the order made) and past the daily quota (their claims here that day, then the day's
    /// claims in order), as `customer claim` refuses them here.
    fn over_claim_rules(&self) -> Vec<(&'static str, String)> {
        let rep = &self.rep;
        let claim = |x: &str| {
            format!("({x}.from_rep_id IS NULL AND {x}.to_rep_id = {rep} AND {x}.why = 'claim')")
        };
        let incoming = |x: &str| {
            format!(
                "{x}.id IN (SELECT id FROM temp.sync_log_ownership_changes WHERE dest = 'main')"
            )
        };
        let earlier = format!(
            "SELECT count(*) FROM there.ownership_changes t
             WHERE {} AND {} AND (t.changed_at, t.id) <= (s.changed_at, s.id)",
            incoming("t"),
            claim("t")
        );
        let mut out = vec![(
            "claim_limit",
            format!(
                "{} AND (SELECT count(*) FROM main.customers m WHERE m.owner_id = {rep}
                           AND m.deleted_at IS NULL) + ({earlier}) > {}",
                claim("s"),
                self.rules.claim_limit
            ),
        )];
        let per_day = self.rules.pool.claims_per_day;
        if per_day > 0 {
            out.push((
                "claim_quota",
                format!(
                    "{} AND (SELECT count(*) FROM main.ownership_changes m WHERE {}
                               AND substr(m.changed_at, 1, 10) = substr(s.changed_at, 1, 10))
                     + ({earlier} AND substr(t.changed_at, 1, 10) = substr(s.changed_at, 1, 10))
                     > {per_day}",
                    claim("s"),
                    claim("m"),
                ),
            ));
        }
        out
    }

    /// True for an incoming customer `s` a rep locked on their copy beyond `pool.lock_quota`:
    /// the locks they hold here, then their new ones in the order they were made. (Unlocks
    /// on the same copy are not counted first: a lock refused so is made again once here.)
    fn over_lock_quota(&self) -> String {
        let (rep, quota) = (&self.rep, self.rules.pool.lock_quota);
        let new_lock = |x: &str| {
            format!(
                "({x}.locked_at IS NOT NULL AND {x}.owner_id = {rep} AND NOT EXISTS (
                   SELECT 1 FROM main.customers m WHERE m.id = {x}.id AND m.locked_at IS NOT NULL))"
            )
        };
        format!(
            "{s_new} AND
             (SELECT count(*) FROM main.customers m WHERE m.owner_id = {rep}
                AND m.locked_at IS NOT NULL AND m.deleted_at IS NULL)
             + (SELECT count(*) FROM temp.sync_customers t WHERE t.side = 'there' AND {t_new}
                AND (t.locked_at, t.id) <= (s.locked_at, s.id)) > {quota}",
            s_new = new_lock("s"),
            t_new = new_lock("t"),
        )
    }

    /// What a rep may bring into `table`; None when nothing limits it beyond the parent.
    fn rep_may(&self, table: &str) -> Option<String> {
        let rep = &self.rep;
        let held =
            |alias: &str, col: &str| format!("({alias}.{col} IS NULL OR {alias}.{col} = {rep})");
        Some(match table {
            // As the store allows: add their own, edit or release what they hold, claim
            // from the pool (and edit it after); never edit a pool customer left in the
            // pool, nor anything another rep holds.
            "customers" => format!(
                "CASE (SELECT CASE WHEN m.owner_id IS NULL THEN 'pool' WHEN m.owner_id = {rep}
                                   THEN 'own' ELSE 'other' END
                       FROM main.customers m WHERE m.id = s.id)
                   WHEN 'own' THEN {}
                   WHEN 'other' THEN 0
                   ELSE s.owner_id = {rep}
                 END",
                held("s", "owner_id")
            ),
            "contacts" => customer_held("s.customer_id", rep),
            "visits" => format!(
                "s.author_id = {rep}
                 AND NOT EXISTS (SELECT 1 FROM main.visits m WHERE m.id = s.id AND m.author_id != {rep})
                 AND {}",
                customer_held("s.customer_id", rep)
            ),
            "deals" => format!(
                "s.owner_id = {rep}
                 AND NOT EXISTS (SELECT 1 FROM main.deals m WHERE m.id = s.id AND m.owner_id != {rep})
                 AND {}",
                customer_held("s.customer_id", rep)
            ),
            "payments" => format!(
                "EXISTS (SELECT 1 FROM ({}) d WHERE d.id = s.deal_id AND d.owner_id = {rep})",
                merged("deals", "id, owner_id")
            ),
            "ownership_changes" => format!(
                "s.changed_by = {login} AND {} AND {}",
                held("s", "to_rep_id"),
                held("s", "from_rep_id"),
                login = self.login
            ),
            _ => return None,
        })
    }
}

/// `cols` of `table` as they will be in this file: accepted incoming versions over this
/// file's own.
fn merged(table: &str, cols: &str) -> String {
    format!(
        "SELECT {cols} FROM temp.sync_{table} WHERE side IN ('there', 'both')
         UNION ALL SELECT {cols} FROM main.\"{table}\"
         WHERE id NOT IN (SELECT id FROM temp.sync_{table} WHERE side IN ('there', 'both'))"
    )
}

fn customer_held(column: &str, rep: &str) -> String {
    format!(
        "EXISTS (SELECT 1 FROM ({}) c WHERE c.id = {column} AND (c.owner_id IS NULL OR c.owner_id = {rep}))",
        merged("customers", "id, owner_id")
    )
}

/// The condition that an incoming row's parent will exist here.
fn parent_exists(table: &str) -> Option<String> {
    let (column, parent) = match table {
        "contacts" | "visits" | "deals" | "ownership_changes" => ("customer_id", "customers"),
        "payments" => ("deal_id", "deals"),
        "target_changes" => ("target_id", "targets"),
        "rep_history" => ("rep_id", "reps"),
        _ => return None,
    };
    Some(format!(
        "EXISTS (SELECT 1 FROM ({}) p WHERE p.id = s.{column})",
        merged(parent, "id")
    ))
}

/// Makes the list of refusals; called once before any table is checked.
pub(crate) fn start(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "DROP TABLE IF EXISTS temp.sync_refused;
         CREATE TEMP TABLE sync_refused (tbl TEXT NOT NULL, id TEXT NOT NULL, reason TEXT NOT NULL);",
    )?;
    Ok(())
}

/// Checks the incoming winners of a versioned `table` (rows of `temp.sync_TABLE` whose side
/// is 'there'): refused ones are listed, and replaced by this file's version marked 'fix'
/// when this file holds the record.
pub(crate) fn check_versioned(
    conn: &Connection,
    rights: &Rights,
    table: &str,
    cols: &[String],
) -> Result<()> {
    for (reason, cond) in rights.refusals(table, "updated_at") {
        conn.execute(
            &format!(
                "INSERT INTO temp.sync_refused (tbl, id, reason)
                 SELECT ?1, s.id, ?2 FROM temp.sync_{table} s WHERE s.side = 'there' AND ({cond})"
            ),
            (table, reason),
        )?;
        // By the list just made, not the condition again: a condition that counts the other
        // incoming rows (`over_lock_quota`) would see the update half done.
        conn.execute(
            &format!(
                "UPDATE temp.sync_{table} SET side = 'refused' WHERE side = 'there'
                 AND id IN (SELECT id FROM temp.sync_refused WHERE tbl = ?1 AND reason = ?2)"
            ),
            (table, reason),
        )?;
    }
    send_back(conn, table, cols)
}

/// Checks the entries a log would receive here (`temp.sync_log_TABLE`, dest 'main'). Audit
/// entries travel in neither direction: each file's log is what that file itself did and
/// accepted, so a copy can neither forge entries here nor be handed someone else's.
pub(crate) fn check_log(conn: &Connection, rights: &Rights, table: &str) -> Result<()> {
    if table == "audit" {
        conn.execute("DELETE FROM temp.sync_log_audit", [])?;
        return Ok(());
    }
    for (reason, cond) in rights.refusals(table, "changed_at") {
        let incoming = format!(
            "SELECT s.id FROM there.\"{table}\" s
             WHERE s.id IN (SELECT id FROM temp.sync_log_{table} WHERE dest = 'main') AND ({cond})"
        );
        conn.execute(
            &format!("INSERT INTO temp.sync_refused (tbl, id, reason) SELECT ?1, id, ?2 FROM ({incoming})"),
            (table, reason),
        )?;
        // By the list just made, not the condition again (it counts the incoming rows).
        conn.execute(
            &format!(
                "DELETE FROM temp.sync_log_{table} WHERE dest = 'main'
                 AND id IN (SELECT id FROM temp.sync_refused WHERE tbl = ?1 AND reason = ?2)"
            ),
            (table, reason),
        )?;
    }
    Ok(())
}

/// After every table is planned: an incoming customer a rep took from the pool must come with
/// its claim in the ownership log, accepted; one without (an owner set by hand on the copy,
/// or a claim refused above) is refused and this file's version sent back.
pub(crate) fn check_claims(conn: &Connection, rights: &Rights, cols: &[String]) -> Result<()> {
    if rights.manager {
        return Ok(());
    }
    let rep = &rights.rep;
    let unlogged = format!(
        "SELECT s.id FROM temp.sync_customers s JOIN main.customers m ON m.id = s.id
         WHERE s.side = 'there' AND m.owner_id IS NULL AND s.owner_id = {rep}
           AND NOT EXISTS (
             SELECT 1 FROM there.ownership_changes o
             WHERE o.customer_id = s.id AND o.to_rep_id = {rep}
               AND o.id IN (SELECT id FROM temp.sync_log_ownership_changes WHERE dest = 'main'))"
    );
    conn.execute(
        &format!(
            "INSERT INTO temp.sync_refused (tbl, id, reason)
             SELECT 'customers', id, 'unlogged_claim' FROM ({unlogged})"
        ),
        [],
    )?;
    conn.execute(
        "UPDATE temp.sync_customers SET side = 'refused' WHERE side = 'there'
         AND id IN (SELECT id FROM temp.sync_refused
                    WHERE tbl = 'customers' AND reason = 'unlogged_claim')",
        [],
    )?;
    send_back(conn, "customers", cols)
}

/// Refused records this file holds go back to the other copy as this file's version.
fn send_back(conn: &Connection, table: &str, cols: &[String]) -> Result<()> {
    let all = cols
        .iter()
        .map(|c| format!("\"{c}\""))
        .collect::<Vec<_>>()
        .join(", ");
    conn.execute_batch(&format!(
        "DELETE FROM temp.sync_{table} WHERE side = 'refused'
             AND id IN (SELECT id FROM main.\"{table}\");
         INSERT INTO temp.sync_{table} ({all}, side)
             SELECT {all}, 'fix' FROM main.\"{table}\"
             WHERE id IN (SELECT id FROM temp.sync_refused WHERE tbl = '{table}')
               AND id NOT IN (SELECT id FROM temp.sync_{table});"
    ))?;
    Ok(())
}

/// The refusals, for the summary: (table, id, reason).
pub(crate) fn refused(conn: &Connection) -> Result<Vec<(String, String, String)>> {
    let mut stmt = conn.prepare("SELECT tbl, id, reason FROM temp.sync_refused ORDER BY rowid")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}
