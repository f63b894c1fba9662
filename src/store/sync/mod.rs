//! `sync PATH` (README, Offline: a laptop copy and `sync`): merges two copies of one workspace, both ways, so that afterwards
//! both files hold the same records and a second sync moves nothing.
//!
//! The other file is attached to this connection. The merge is planned in one read
//! transaction (both files seen at one moment, no lock taken against other writers), then
//! applied in batches of `BATCH` rows, each its own short write transaction, so a sync of
//! thousands of records never locks a colleague out for more than a moment. A process killed
//! midway leaves each file intact and holding whole batches, parents before children; syncing
//! again finishes the work. A batch never overwrites a record edited since the plan was made.
//!
//! How each table merges:
//! - **Versioned records** (reps, customers, contacts, visits, deals, payments, targets,
//!   ratings, templates): per id the newest `updated_at` wins. On a tie, a deletion wins, then
//!   the version whose row, written out column by column with SQLite's `quote()`, sorts last;
//!   so the outcome depends only on the two versions, never on which file is which.
//!   A deletion is a tombstone (`deleted_at`), so it travels like any edit.
//! - **Logs** (reps' history, target changes, ownership changes, audit) are never edited:
//!   unioned by id.
//! - **A visit's joint reps and contacts met** go with the winning version of the visit.
//! - **Natural keys** that must stay unique among live records can clash when both copies
//!   added the same thing apart. The record created first keeps a customer's name or a rep's
//!   login, and the later customer is renamed "NAME (short id)"; for a target (scope, metric,
//!   period) or a rating (rep, period) the last decision wins and the other is retired.
//!   Every such repair is made once and written to both files, and is listed in the summary.
//!
//! Derived data is not copied: the rollups follow the records through their triggers, and a
//! customer's last visit is recomputed from the merged visits. A visit is not an edit of its
//! customer: the follow-up date it sets is taken again from the newest visit logged after
//! the customer's last edit. Who holds a customer follows the ownership log, never the
//! customer's timestamp, so a handover on the server survives an old laptop copy.
//!
//! What comes in is checked first (`rights`): against the clock, and against the
//! rights of whoever runs the sync; refusals are listed and the rest goes ahead.

pub(crate) mod briefcase;
mod rights;

use std::os::unix::fs::MetadataExt;
use std::path::Path;

use rusqlite::Transaction;
use serde::Serialize;

use crate::domain::{ids, names};
use crate::store::policy::Write;
use crate::store::{Actor, Result, Store, StoreError, WriteCtx, audit};
use briefcase::Holder;
use rights::Rights;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Merge {
    Versioned,
    Log,
    OfVisit,
}

/// Every table of records, parents before children: foreign keys are checked as rows arrive.
pub const TABLES: &[(&str, Merge)] = &[
    ("reps", Merge::Versioned),
    ("rep_history", Merge::Log),
    ("customers", Merge::Versioned),
    ("contacts", Merge::Versioned),
    ("visits", Merge::Versioned),
    ("visit_reps", Merge::OfVisit),
    ("visit_contacts", Merge::OfVisit),
    ("deals", Merge::Versioned),
    ("payments", Merge::Versioned),
    ("targets", Merge::Versioned),
    ("target_changes", Merge::Log),
    ("ownership_changes", Merge::Log),
    ("ratings", Merge::Versioned),
    ("scorecard_templates", Merge::Versioned),
    ("settings", Merge::Versioned),
    ("audit", Merge::Log),
];

/// Tables sync leaves alone: the workspace (equal in both, or no sync) and the rollups, which
/// the triggers of each file keep.
pub const NOT_SYNCED: &[&str] = &[
    "workspace",
    "rollup_visits",
    "rollup_payments",
    "first_wins",
    "rollup_deals",
    "rollup_customers",
];

/// Columns computed from other records, recomputed after every merge rather than merged.
const DERIVED: &[(&str, &str)] = &[("customers", "last_visit_on")];

/// What to do with the later of two live records that share a natural key.
#[derive(Clone, Copy)]
enum Repair {
    /// Give the later customer a name of its own.
    Rename,
    /// Delete (tombstone) it.
    Retire,
}

struct Unique {
    table: &'static str,
    key: &'static str,
    /// Which record keeps the key: the first of this order.
    keeps: &'static str,
    repair: Repair,
}

const UNIQUE: &[Unique] = &[
    Unique {
        table: "reps",
        key: "login",
        keeps: "created_at, id",
        repair: Repair::Retire,
    },
    Unique {
        table: "customers",
        key: "name_key",
        keeps: "created_at, id",
        repair: Repair::Rename,
    },
    Unique {
        table: "targets",
        key: "scope_kind, scope, metric, period",
        keeps: "updated_at DESC, id",
        repair: Repair::Retire,
    },
    Unique {
        table: "ratings",
        key: "rep_id, period",
        keeps: "updated_at DESC, id",
        repair: Repair::Retire,
    },
];

/// What moved, for the user: records by table, each way, and the clashes repaired.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SyncSummary {
    /// Records this file received, by table.
    pub into_here: Vec<(String, usize)>,
    /// Records the other file received, by table.
    pub into_there: Vec<(String, usize)>,
    /// Customers renamed because both copies added one of that name: (old, new).
    pub renamed: Vec<(String, String)>,
    /// Duplicates retired: (table, id).
    pub retired: Vec<(String, String)>,
    /// Incoming changes this file refused: (table, id, reason), see `rights`.
    pub refused: Vec<(String, String, String)>,
}

/// How far ahead of this machine's clock another copy's timestamps may run.
pub const SKEW: chrono::Duration = chrono::Duration::minutes(10);

impl SyncSummary {
    pub fn is_empty(&self) -> bool {
        self.into_here.is_empty()
            && self.into_there.is_empty()
            && self.renamed.is_empty()
            && self.retired.is_empty()
            && self.refused.is_empty()
    }

    /// Forgets `table`'s counts, to count it again.
    fn uncount(&mut self, table: &str) {
        self.into_here.retain(|(t, _)| t != table);
        self.into_there.retain(|(t, _)| t != table);
    }

    fn count(&mut self, side: &str, table: &str, n: usize) {
        if n == 0 {
            return;
        }
        let list = if side == "main" {
            &mut self.into_here
        } else {
            &mut self.into_there
        };
        match list.iter_mut().find(|(t, _)| t == table) {
            Some((_, total)) => *total += n,
            None => list.push((table.to_string(), n)),
        }
    }
}

impl Store {
    /// Merges this database with the copy at `other`, both ways (see the module doc).
    pub fn sync_with(&mut self, actor: &Actor, other: &Path) -> Result<SyncSummary> {
        actor.may(Write::SyncWith)?;
        self.writable()?;
        if !other.exists() {
            return Err(StoreError::NoDatabase {
                path: other.display().to_string(),
            });
        }
        // The same file under another name: a symlink or `./` has the same canonical path,
        // a hard link only the same device and inode. Attached to itself, the merge would
        // wait on its own write lock until SQLite gave up.
        // Ours is looked at with the team's group on a team server, theirs with the user's
        // own rights only (see `guard`).
        let ours = self.path();
        let (ours_meta, ours_canon) = crate::guard::for_database(ours, || {
            std::io::Result::Ok((std::fs::metadata(ours)?, std::fs::canonicalize(ours)?))
        })?;
        let theirs_meta = std::fs::metadata(other)?;
        if (theirs_meta.dev(), theirs_meta.ino()) == (ours_meta.dev(), ours_meta.ino())
            || std::fs::canonicalize(other)? == ours_canon
        {
            return Err(StoreError::rule(
                "error.sync_self",
                &[("path", &other.display())],
            ));
        }
        // Opening it first migrates an older copy (keeping a backup) and refuses a newer one,
        // a file that is not ours (an empty one included, left as it was), or one we cannot
        // write, with the same messages as for our own file.
        let theirs = Store::open(other, self.clock())?;
        theirs.writable()?;
        let (ours_id, theirs_id) = (self.workspace_id()?, theirs.workspace_id()?);
        drop(theirs);
        if ours_id != theirs_id {
            return Err(StoreError::rule(
                "error.sync_workspace",
                &[("path", &other.display())],
            ));
        }
        // Absolute, so that a name like `file:x?mode=ro` is that file, never a SQLite URI.
        let there = crate::outfile::absolute(other)?;
        self.conn().execute(
            "ATTACH DATABASE ?1 AS there",
            [there.to_string_lossy().as_ref()],
        )?;
        let merged = self.merge_in_steps(actor);
        if !self.conn().is_autocommit() {
            let _ = self.conn().execute_batch("ROLLBACK");
        }
        let _ = drop_plan(self.conn());
        // Cached statements may hold the attached file open; they do not name it.
        self.conn().flush_prepared_statement_cache();
        let detached = self.conn().execute_batch("DETACH DATABASE there");
        let summary = merged?;
        detached?;
        Ok(summary)
    }
}

/// Which file a step writes to, and which it reads from.
const SIDES: [(&str, &str); 2] = [("main", "there"), ("there", "main")];

/// Rows written per transaction. Each batch commits in a few milliseconds, so another
/// writer (a TUI saving a visit) waits at most that long, however large the sync.
const BATCH: i64 = 2000;

/// The order winners are written in: deletions first and new records last, so a key freed
/// by one is free for the other.
#[derive(Clone, Copy)]
enum Pass {
    Deletions,
    Updates,
    Inserts,
    /// This file's version of a record it refused, back into the other copy.
    Fixes,
}

impl Store {
    /// Plans the merge reading only (no lock held against other writers), then applies it in
    /// short batches, each its own transaction on both files. Killed midway, every file
    /// holds whole batches and stays consistent (parents are written before children), and
    /// syncing again finishes the work: each batch only writes what still differs.
    fn merge_in_steps(&mut self, actor: &Actor) -> Result<SyncSummary> {
        actor.writer()?;
        let clock = self.clock();
        let ctx = WriteCtx {
            now: clock.stamp(),
            today: clock.today(),
            login: actor.login.clone(),
        };
        let mut summary = SyncSummary::default();
        let rights = Rights::of(actor, &skew_limit(&ctx)?, &self.rules()?);
        // One read transaction: both files seen at one moment while the plan is made.
        self.conn().execute_batch("BEGIN DEFERRED")?;
        let briefcases = briefcase::bounds(self.conn(), actor)?;
        plan(self.conn(), &ctx, &rights, &briefcases, &mut summary)?;
        self.conn().execute_batch("COMMIT")?;
        for (table, how) in TABLES {
            let cols = columns(self.conn(), table)?;
            for (to, from) in SIDES {
                match how {
                    Merge::Versioned => {
                        for pass in [Pass::Deletions, Pass::Updates, Pass::Inserts, Pass::Fixes] {
                            let mut after = 0;
                            while let Some(last) = self.write(actor, |tx, _| {
                                apply_batch(tx, table, &cols, to, from, pass, after)
                            })? {
                                after = last;
                            }
                        }
                    }
                    Merge::Log => {
                        let mut after = 0;
                        while let Some(last) = self.write(actor, |tx, _| {
                            copy_log_batch(tx, table, &cols, to, from, after)
                        })? {
                            after = last;
                        }
                    }
                    Merge::OfVisit => {
                        let n = self.write(actor, |tx, _| of_visit(tx, table, &cols, to, from))?;
                        summary.count(to, table, n);
                    }
                }
            }
        }
        // Said in the order of TABLES, whichever step counted them.
        let rank = |t: &str| TABLES.iter().position(|(name, _)| *name == t);
        summary.into_here.sort_by_key(|(t, _)| rank(t));
        summary.into_there.sort_by_key(|(t, _)| rank(t));
        let done = summary.clone();
        self.write(actor, |tx, ctx| finish(tx, ctx, actor, &done))?;
        Ok(summary)
    }
}

fn skew_limit(ctx: &WriteCtx) -> Result<String> {
    let now: chrono::DateTime<chrono::Utc> = chrono::DateTime::parse_from_rfc3339(&ctx.now)
        .map_err(|_| StoreError::rule("error.bad_now", &[("value", &ctx.now)]))?
        .into();
    Ok(crate::clock::stamp(now + SKEW))
}

/// Everything that differs, decided while reading: the winners of each versioned table (with
/// clashes repaired) in `temp.sync_TABLE`, and each log's missing entries in
/// `temp.sync_log_TABLE`. Nothing in either file is written.
fn plan(
    conn: &rusqlite::Connection,
    ctx: &WriteCtx,
    rights: &Rights,
    briefcases: &[(Holder, &str)],
    summary: &mut SyncSummary,
) -> Result<()> {
    rights::start(conn)?;
    for (table, how) in TABLES {
        let cols = columns(conn, table)?;
        match how {
            Merge::Versioned => versioned(conn, ctx, rights, briefcases, table, &cols, summary)?,
            Merge::Log => {
                conn.execute_batch(&format!(
                    "DROP TABLE IF EXISTS temp.sync_log_{table};
                     CREATE TEMP TABLE sync_log_{table} AS
                     SELECT a.id, 'main' AS dest FROM there.\"{table}\" a
                         WHERE NOT EXISTS (SELECT 1 FROM main.\"{table}\" b WHERE b.id = a.id)
                     UNION ALL
                     SELECT a.id, 'there' FROM main.\"{table}\" a
                         WHERE NOT EXISTS (SELECT 1 FROM there.\"{table}\" b WHERE b.id = a.id);"
                ))?;
                rights::check_log(conn, rights, table)?;
                for (holder, to) in briefcases {
                    briefcase::keep_log(conn, holder, table, to)?;
                }
                for (to, _) in SIDES {
                    let n: i64 = conn.query_row(
                        &format!("SELECT count(*) FROM temp.sync_log_{table} WHERE dest = ?1"),
                        [to],
                        |r| r.get(0),
                    )?;
                    summary.count(to, table, n as usize);
                }
            }
            Merge::OfVisit => {}
        }
    }
    // A customer taken from the pool needs its claim, accepted: known once the log is planned.
    let before = refused_count(conn)?;
    rights::check_claims(conn, rights, &columns(conn, "customers")?)?;
    if refused_count(conn)? != before {
        summary.uncount("customers");
        count_versioned(conn, "customers", summary)?;
    }
    summary.refused = rights::refused(conn)?;
    Ok(())
}

/// The next batch of winners for `to` in one pass, after rowid `after`; the last rowid
/// written, or None when the pass is done. A record edited in `to` since the plan was made
/// (a newer `updated_at`) is left as it is: the plan never overwrites a later edit.
fn apply_batch(
    tx: &Transaction,
    table: &str,
    cols: &[String],
    to: &str,
    from: &str,
    pass: Pass,
    after: i64,
) -> Result<Option<i64>> {
    if let Pass::Fixes = pass {
        return fix_batch(tx, table, cols, to, after);
    }
    let exists = format!("EXISTS (SELECT 1 FROM {to}.\"{table}\" t WHERE t.id = s.id)");
    let cond = match pass {
        Pass::Fixes => unreachable!("handled above"),
        Pass::Deletions => "s.deleted_at IS NOT NULL".to_string(),
        Pass::Updates => format!("s.deleted_at IS NULL AND {exists}"),
        Pass::Inserts => format!("s.deleted_at IS NULL AND NOT {exists}"),
    };
    let Some(last) = batch_end(
        tx,
        &format!("sync_{table}"),
        &format!("s.side IN ('{from}', 'both') AND {cond}"),
        after,
    )?
    else {
        return Ok(None);
    };
    let all = list(cols, "");
    let set = cols
        .iter()
        .filter(|c| *c != "id")
        .map(|c| format!("\"{c}\" = excluded.\"{c}\""))
        .collect::<Vec<_>>()
        .join(", ");
    tx.execute(
        &format!(
            "INSERT INTO {to}.\"{table}\" ({all})
             SELECT {all} FROM temp.sync_{table} s
             WHERE s.side IN (?1, 'both') AND {cond} AND s.rowid > ?2 AND s.rowid <= ?3
             ORDER BY s.rowid
             ON CONFLICT (id) DO UPDATE SET {set}
             WHERE excluded.updated_at >= \"{table}\".updated_at"
        ),
        (from, after, last),
    )?;
    refresh_after(tx, table, after, last)?;
    Ok(Some(last))
}

/// After a batch of `table` rows `after..=last`: the derived fields of the customers they
/// touch, in both files (so both end alike, even where one was stale before).
fn refresh_after(tx: &Transaction, table: &str, after: i64, last: i64) -> Result<()> {
    let column = match table {
        "customers" => "id",
        "visits" => "customer_id",
        _ => return Ok(()),
    };
    let which =
        format!("SELECT {column} FROM temp.sync_{table} WHERE rowid > {after} AND rowid <= {last}");
    for schema in ["main", "there"] {
        refresh(tx, schema, &which)?;
    }
    Ok(())
}

/// The last rowid of the next batch: the rows of the plan's table `temp` (alias `s`) meeting
/// `cond` after rowid `after`, at most `BATCH` of them; None when there are none left. `cond`
/// names only the schemas `main`/`there` and fixed codes, never user data.
fn batch_end(tx: &Transaction, temp: &str, cond: &str, after: i64) -> Result<Option<i64>> {
    Ok(tx.query_row(
        &format!(
            "SELECT max(r) FROM (SELECT s.rowid AS r FROM temp.{temp} s
             WHERE {cond} AND s.rowid > ?1 ORDER BY s.rowid LIMIT {BATCH})"
        ),
        [after],
        |r| r.get(0),
    )?)
}

/// The next batch of this file's versions of records it refused, written over the other
/// copy's (only ever into `there`): unconditionally, since the other copy's version may be
/// dated in the future or forged.
fn fix_batch(
    tx: &Transaction,
    table: &str,
    cols: &[String],
    to: &str,
    after: i64,
) -> Result<Option<i64>> {
    if to != "there" {
        return Ok(None);
    }
    let Some(last) = batch_end(tx, &format!("sync_{table}"), "s.side = 'fix'", after)? else {
        return Ok(None);
    };
    let set = cols
        .iter()
        .filter(|c| *c != "id")
        .map(|c| format!("\"{c}\" = s.\"{c}\""))
        .collect::<Vec<_>>()
        .join(", ");
    tx.execute(
        &format!(
            "UPDATE there.\"{table}\" AS t SET {set} FROM temp.sync_{table} s
             WHERE s.id = t.id AND s.side = 'fix' AND s.rowid > ?1 AND s.rowid <= ?2"
        ),
        (after, last),
    )?;
    refresh_after(tx, table, after, last)?;
    Ok(Some(last))
}

/// The next batch of log entries `to` lacks, copied from `from`.
fn copy_log_batch(
    tx: &Transaction,
    table: &str,
    cols: &[String],
    to: &str,
    from: &str,
    after: i64,
) -> Result<Option<i64>> {
    let Some(last) = batch_end(
        tx,
        &format!("sync_log_{table}"),
        &format!("s.dest = '{to}'"),
        after,
    )?
    else {
        return Ok(None);
    };
    let (all, all_a) = (list(cols, ""), list(cols, "a."));
    tx.execute(
        &format!(
            "INSERT OR IGNORE INTO {to}.\"{table}\" ({all}) SELECT {all_a} FROM {from}.\"{table}\" a
             WHERE a.id IN (SELECT id FROM temp.sync_log_{table}
                            WHERE dest = ?1 AND rowid > ?2 AND rowid <= ?3)"
        ),
        (to, after, last),
    )?;
    if table == "ownership_changes" {
        let which = format!(
            "SELECT customer_id FROM {to}.ownership_changes WHERE id IN
             (SELECT id FROM temp.sync_log_ownership_changes
              WHERE dest = '{to}' AND rowid > {after} AND rowid <= {last})"
        );
        for schema in ["main", "there"] {
            owners(tx, schema, &which)?;
        }
    }
    Ok(Some(last))
}

/// The last step: refused log entries out of the other copy, and the audit entry. (Derived
/// fields were recomputed with each batch.)
fn finish(tx: &Transaction, ctx: &WriteCtx, actor: &Actor, summary: &SyncSummary) -> Result<()> {
    // Log entries this file refused are taken out of the other copy too (they are dated
    // ahead or forged), so its owners are worked out from the same history as here.
    tx.execute_batch(
        "DROP TABLE IF EXISTS temp.sync_unlogged;
         CREATE TEMP TABLE sync_unlogged AS SELECT customer_id AS id FROM there.ownership_changes
         WHERE id IN (SELECT id FROM temp.sync_refused WHERE tbl = 'ownership_changes');",
    )?;
    for (table, how) in TABLES {
        if *how == Merge::Log {
            tx.execute(
                &format!(
                    "DELETE FROM there.\"{table}\"
                     WHERE id IN (SELECT id FROM temp.sync_refused WHERE tbl = ?1)"
                ),
                [table],
            )?;
        }
    }
    owners(tx, "there", "SELECT id FROM temp.sync_unlogged")?;
    // A customer whose only entry was refused has no history left there: it is held as it
    // is here (a claim made on the copy was applied to it while the entry was still there).
    tx.execute(
        "UPDATE there.customers AS c
         SET owner_id = (SELECT m.owner_id FROM main.customers m WHERE m.id = c.id)
         WHERE c.id IN (SELECT id FROM temp.sync_unlogged)
           AND EXISTS (SELECT 1 FROM main.customers m WHERE m.id = c.id)
           AND NOT EXISTS (SELECT 1 FROM there.ownership_changes o WHERE o.customer_id = c.id)",
        [],
    )?;
    for schema in ["main", "there"] {
        reps_from_history(tx, schema)?;
        // A customer renamed to settle a clash spells its new name.
        crate::store::customers::spelling::fill_name_pinyin(tx, schema)?;
    }
    if !summary.is_empty() {
        let detail = format!(
            "in {}, out {}, renamed {}, retired {}, refused {}",
            total(&summary.into_here),
            total(&summary.into_there),
            summary.renamed.len(),
            summary.retired.len(),
            summary.refused.len()
        );
        audit::record(tx, ctx, actor, "sync", None, Some(&detail))?;
        // The other file records the sync too.
        let rowid = tx.last_insert_rowid();
        let all = list(&columns(tx, "audit")?, "");
        tx.execute(
            &format!(
                "INSERT INTO there.audit ({all}) SELECT {all} FROM main.audit WHERE rowid = ?1"
            ),
            [rowid],
        )?;
    }
    Ok(())
}

/// Removes the plan's temporary tables.
fn drop_plan(conn: &rusqlite::Connection) -> Result<()> {
    for (table, how) in TABLES {
        match how {
            Merge::Versioned => {
                conn.execute_batch(&format!("DROP TABLE IF EXISTS temp.sync_{table}"))?
            }
            Merge::Log => {
                conn.execute_batch(&format!("DROP TABLE IF EXISTS temp.sync_log_{table}"))?
            }
            Merge::OfVisit => {}
        }
    }
    conn.execute_batch(
        "DROP TABLE IF EXISTS temp.sync_taken; DROP TABLE IF EXISTS temp.sync_unlogged;",
    )?;
    Ok(())
}

fn total(list: &[(String, usize)]) -> usize {
    list.iter().map(|(_, n)| n).sum()
}

fn columns(tx: &rusqlite::Connection, table: &str) -> Result<Vec<String>> {
    let mut stmt = tx.prepare(&format!("PRAGMA main.table_info(\"{table}\")"))?;
    let cols = stmt
        .query_map([], |r| r.get::<_, String>(1))?
        .collect::<std::result::Result<Vec<_>, _>>()?;
    Ok(cols)
}

fn list(cols: &[String], prefix: &str) -> String {
    cols.iter()
        .map(|c| format!("{prefix}\"{c}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Newest version wins, per id. Only the records that differ between the files are looked
/// at: they are gathered with their winners in `temp.sync_TABLE`, whose `side` says which
/// file the winner came from ('both' for a repaired clash, written to both).
fn versioned(
    tx: &rusqlite::Connection,
    ctx: &WriteCtx,
    rights: &Rights,
    briefcases: &[(Holder, &str)],
    table: &str,
    cols: &[String],
    summary: &mut SyncSummary,
) -> Result<()> {
    // A derived column is recomputed after the merge, so a difference in it alone is no
    // reason to move a record.
    let same = cols
        .iter()
        .filter(|c| !DERIVED.contains(&(table, c.as_str())))
        .map(|c| format!("b.\"{c}\" IS a.\"{c}\""))
        .collect::<Vec<_>>()
        .join(" AND ");
    let canon = cols
        .iter()
        .map(|c| format!("quote(\"{c}\")"))
        .collect::<Vec<_>>()
        .join(" || '|' || ");
    let (all, all_a) = (list(cols, ""), list(cols, "a."));
    tx.execute_batch(&format!(
        "DROP TABLE IF EXISTS temp.sync_{table};
         CREATE TEMP TABLE sync_{table} AS
         SELECT {all}, side FROM (
             SELECT *, row_number() OVER (PARTITION BY id
                 ORDER BY updated_at DESC, deleted_at IS NOT NULL DESC, {canon} DESC) AS rn
             FROM (SELECT {all_a}, 'main' AS side FROM main.\"{table}\" a
                   WHERE NOT EXISTS (SELECT 1 FROM there.\"{table}\" b WHERE b.id = a.id AND {same})
                   UNION ALL
                   SELECT {all_a}, 'there' FROM there.\"{table}\" a
                   WHERE NOT EXISTS (SELECT 1 FROM main.\"{table}\" b WHERE b.id = a.id AND {same})))
         WHERE rn = 1;
         CREATE UNIQUE INDEX temp.sync_{table}_id ON sync_{table} (id);"
    ))?;
    rights::check_versioned(tx, rights, table, cols)?;
    for (holder, to) in briefcases {
        briefcase::keep_versioned(tx, holder, table, to)?;
    }
    for u in UNIQUE.iter().filter(|u| u.table == table) {
        repair_clashes(tx, ctx, u, cols, summary)?;
    }
    count_versioned(tx, table, summary)
}

fn refused_count(conn: &rusqlite::Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM temp.sync_refused", [], |r| r.get(0))?)
}

/// Counts a versioned table's planned records each way into the summary.
fn count_versioned(
    tx: &rusqlite::Connection,
    table: &str,
    summary: &mut SyncSummary,
) -> Result<()> {
    for (to, from) in SIDES {
        // Into the other copy also go this file's versions of what it refused ('fix').
        let n: i64 = tx.query_row(
            &format!(
                "SELECT count(*) FROM temp.sync_{table}
                 WHERE side = ?1 OR (side = 'fix' AND ?2 = 'there')"
            ),
            [from, to],
            |r| r.get(0),
        )?;
        summary.count(to, table, n as usize);
    }
    Ok(())
}

/// Finds live records that would share `u.key` once merged, and repairs all but the one that
/// keeps it. The merged table is the same from either file: the records in `sync_TABLE`
/// over the records both files hold alike.
fn repair_clashes(
    tx: &rusqlite::Connection,
    ctx: &WriteCtx,
    u: &Unique,
    cols: &[String],
    summary: &mut SyncSummary,
) -> Result<()> {
    let t = u.table;
    let merged = format!(
        "SELECT * FROM temp.sync_{t} WHERE side != 'refused'
         UNION ALL SELECT {all}, 'main' FROM main.\"{t}\"
         WHERE id NOT IN (SELECT id FROM temp.sync_{t} WHERE side != 'refused')",
        all = list(cols, "")
    );
    let losers: Vec<String> = tx
        .prepare(&format!(
            "SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY {key} ORDER BY {keeps}) AS n
                 FROM ({merged}) WHERE deleted_at IS NULL)
             WHERE n > 1 ORDER BY id",
            key = u.key,
            keeps = u.keeps
        ))?
        .query_map([], |r| r.get(0))?
        .collect::<std::result::Result<_, _>>()?;
    if matches!(u.repair, Repair::Rename) && !losers.is_empty() {
        // The keys in use once merged, indexed: a new name is checked against it in one
        // lookup, where a scan of the merged table per clash made 7 500 clashes take minutes.
        tx.execute_batch(&format!(
            "DROP TABLE IF EXISTS temp.sync_taken;
             CREATE TEMP TABLE sync_taken (key TEXT PRIMARY KEY) WITHOUT ROWID;
             INSERT OR IGNORE INTO temp.sync_taken
                 SELECT name_key FROM ({merged}) WHERE deleted_at IS NULL;"
        ))?;
    }
    for id in losers {
        tx.execute(
            &format!(
                "INSERT INTO temp.sync_{t} SELECT {all}, 'both' FROM main.\"{t}\"
                 WHERE id = ?1 AND id NOT IN (SELECT id FROM temp.sync_{t})",
                all = list(cols, "")
            ),
            [&id],
        )?;
        tx.execute(
            &format!(
                "UPDATE temp.sync_{t} SET side = 'both', updated_at = ?2, updated_by = ?3 WHERE id = ?1"
            ),
            (&id, &ctx.now, &ctx.login),
        )?;
        match u.repair {
            Repair::Retire => {
                tx.execute(
                    &format!("UPDATE temp.sync_{t} SET deleted_at = ?2 WHERE id = ?1"),
                    (&id, &ctx.now),
                )?;
                summary.retired.push((t.to_string(), id));
            }
            Repair::Rename => {
                let name: String = tx.query_row(
                    &format!("SELECT name FROM temp.sync_{t} WHERE id = ?1"),
                    [&id],
                    |r| r.get(0),
                )?;
                let taken = |key: &str| -> Result<bool> {
                    Ok(tx.query_row(
                        "SELECT EXISTS (SELECT 1 FROM temp.sync_taken WHERE key = ?1)",
                        [key],
                        |r| r.get(0),
                    )?)
                };
                // The short id names it; the whole random tail, then the whole id, when even
                // that is taken.
                let tail = id.get(24..).unwrap_or(&id);
                let mut renamed = format!("{name} ({})", ids::short_str(&id));
                for longer in [tail, id.as_str()] {
                    if !taken(&names::name_key(&renamed))? {
                        break;
                    }
                    renamed = format!("{name} ({longer})");
                }
                let key = names::name_key(&renamed);
                tx.execute(
                    &format!(
                        "UPDATE temp.sync_{t} SET name = ?2, name_key = ?3, name_pinyin = NULL
                         WHERE id = ?1"
                    ),
                    (&id, &renamed, &key),
                )?;
                tx.execute(
                    "INSERT OR IGNORE INTO temp.sync_taken (key) VALUES (?1)",
                    [&key],
                )?;
                summary.renamed.push((name, renamed));
            }
        }
    }
    Ok(())
}

/// A visit's joint reps or contacts met: the winning visit's set replaces the other file's;
/// for a visit alike in both files, the sets are unioned (they are equal unless a write was
/// lost, and then nothing more is lost).
fn of_visit(tx: &Transaction, table: &str, cols: &[String], to: &str, from: &str) -> Result<usize> {
    let member = &cols[1];
    // Visits whose version `from` wins here, and those whose members must not come from
    // `from` (won by `to`, or refused by this file, or this file's version sent back).
    let (won_by_from, not_from) = if to == "main" {
        ("'there'", "'main', 'refused', 'fix'")
    } else {
        ("'main', 'fix'", "'there', 'refused'")
    };
    let (all, all_a) = (list(cols, ""), list(cols, "a."));
    let removed = tx.execute(
        &format!(
            "DELETE FROM {to}.\"{table}\" WHERE visit_id IN (SELECT id FROM temp.sync_visits WHERE side IN ({won_by_from}))
             AND NOT EXISTS (SELECT 1 FROM {from}.\"{table}\" w
                 WHERE w.visit_id = \"{table}\".visit_id AND w.\"{member}\" = \"{table}\".\"{member}\")"
        ),
        [],
    )?;
    let added = tx.execute(
        &format!(
            "INSERT INTO {to}.\"{table}\" ({all}) SELECT {all_a} FROM {from}.\"{table}\" a
             WHERE a.visit_id NOT IN (SELECT id FROM temp.sync_visits WHERE side IN ({not_from}))
               AND a.visit_id IN (SELECT id FROM {to}.visits)
               AND NOT EXISTS (SELECT 1 FROM {to}.\"{table}\" b
                   WHERE b.visit_id = a.visit_id AND b.\"{member}\" = a.\"{member}\")"
        ),
        [],
    )?;
    Ok(removed + added)
}

/// A customer's last visit, from the merged visits (it is derived, so it is not versioned).
fn last_visits(tx: &Transaction, schema: &str, which: &str) -> Result<()> {
    let latest = format!(
        "(SELECT max(v.date) FROM {schema}.visits v WHERE v.customer_id = c.id AND v.deleted_at IS NULL)"
    );
    tx.execute(
        &format!(
            "UPDATE {schema}.customers AS c SET last_visit_on = {latest}
             WHERE c.id IN ({which}) AND last_visit_on IS NOT {latest}"
        ),
        [],
    )?;
    Ok(())
}

/// The derived fields of the customers `which` (an SQL query of ids) in `schema`, written
/// in the same transaction as the batch that changed what they derive from: a sync killed
/// between two batches never leaves a last visit or an owner behind its records.
fn refresh(tx: &Transaction, schema: &str, which: &str) -> Result<()> {
    last_visits(tx, schema, which)?;
    follow_ups(tx, schema, which)?;
    owners(tx, schema, which)
}

/// A customer's owner is the one named by the latest entry of its ownership log (customers
/// without one keep theirs), so a handover is never undone by a newer edit of an old copy.
fn owners(tx: &Transaction, schema: &str, which: &str) -> Result<()> {
    let latest = format!(
        "(SELECT o.to_rep_id FROM {schema}.ownership_changes o WHERE o.customer_id = c.id
          ORDER BY o.changed_at DESC, o.id DESC LIMIT 1)"
    );
    tx.execute(
        &format!(
            "UPDATE {schema}.customers AS c SET owner_id = {latest}
             WHERE c.id IN ({which})
               AND EXISTS (SELECT 1 FROM {schema}.ownership_changes o WHERE o.customer_id = c.id)
               AND owner_id IS NOT {latest}"
        ),
        [],
    )?;
    Ok(())
}

/// A rep's team and whether they left follow their history (a log, merged whole), never the
/// rep's own timestamp: a manager's laptop that moved a rep before the server saw them leave
/// must not bring them back. From the latest state: `left_on` (the day before a departure)
/// and `joined_on` (the start of the latest spell); the team is the latest one a rep worked
/// on (a departure's own row may name a team another copy had already moved them from), as
/// `domain::roster` reads it.
fn reps_from_history(tx: &Transaction, schema: &str) -> Result<()> {
    tx.execute_batch(&format!(
        "WITH h AS (
           SELECT rep_id, since, team, employed, changed_at, id,
                  lag(employed) OVER (PARTITION BY rep_id ORDER BY since, changed_at, id) AS prev,
                  row_number() OVER (PARTITION BY rep_id
                                     ORDER BY since DESC, changed_at DESC, id DESC) AS newest
           FROM {schema}.rep_history),
         starts AS (
           SELECT rep_id, max(since) AS joined FROM h
           WHERE employed = 1 AND (prev IS NULL OR prev = 0) GROUP BY rep_id),
         worked AS (
           SELECT rep_id, team FROM (
             SELECT rep_id, team, row_number() OVER (PARTITION BY rep_id
                        ORDER BY since DESC, changed_at DESC, id DESC) AS n
             FROM h WHERE employed = 1) WHERE n = 1),
         latest AS (
           SELECT h.rep_id, COALESCE(w.team, h.team) AS team,
                  CASE WHEN h.employed THEN NULL ELSE date(h.since, '-1 day') END AS left_on,
                  s.joined
           FROM h LEFT JOIN starts s ON s.rep_id = h.rep_id
                  LEFT JOIN worked w ON w.rep_id = h.rep_id
           WHERE h.newest = 1)
         UPDATE {schema}.reps AS r
         SET team = l.team, left_on = l.left_on, joined_on = COALESCE(l.joined, r.joined_on)
         FROM latest l
         WHERE l.rep_id = r.id
           AND (r.team IS NOT l.team OR r.left_on IS NOT l.left_on
                OR r.joined_on IS NOT COALESCE(l.joined, r.joined_on));"
    ))?;
    Ok(())
}

/// The follow-up date a visit set, when that visit was logged after the customer's last edit
/// (a visit does not edit its customer, so the customer's version alone would lose it).
fn follow_ups(tx: &Transaction, schema: &str, which: &str) -> Result<()> {
    let latest = format!(
        "(SELECT v.next_follow_up FROM {schema}.visits v
          WHERE v.customer_id = c.id AND v.deleted_at IS NULL AND v.next_follow_up IS NOT NULL
            AND v.logged_at > c.updated_at
          ORDER BY v.logged_at DESC, v.id DESC LIMIT 1)"
    );
    tx.execute(
        &format!(
            "UPDATE {schema}.customers AS c SET next_follow_up = {latest}
             WHERE c.id IN ({which})
               AND {latest} IS NOT NULL AND next_follow_up IS NOT {latest}"
        ),
        [],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, text_in};

    #[test]
    fn every_synced_table_has_a_name_in_both_languages() {
        for (table, _) in TABLES {
            for lang in [Lang::En, Lang::Zh] {
                let key = format!("sync.table.{table}");
                assert_ne!(text_in(lang, &key), key, "{key} in {lang:?}");
            }
        }
    }
}
