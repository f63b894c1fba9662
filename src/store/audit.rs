//! The append-only audit log: who did what to which record, and when.

use rusqlite::Transaction;

use crate::domain::ids;
use crate::store::{Actor, Result, Store, WriteCtx};

/// Appends one entry inside the caller's transaction.
pub(crate) fn record(
    tx: &Transaction,
    ctx: &WriteCtx,
    actor: &Actor,
    action: &str,
    record: Option<(&str, &str)>,
    detail: Option<&str>,
) -> Result<()> {
    let (who, acting_as) = match &actor.acting_for {
        Some(manager) => (manager.as_str(), Some(ctx.login.as_str())),
        None => (ctx.login.as_str(), None),
    };
    tx.prepare_cached(
        "INSERT INTO audit (id, at, who, acting_as, action, record_kind, record_id, detail)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute((
        ids::new_id().to_string(),
        &ctx.now,
        who,
        acting_as,
        action,
        record.map(|r| r.0),
        record.map(|r| r.1),
        detail,
    ))?;
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AuditEntry {
    pub id: String,
    pub at: String,
    pub who: String,
    pub acting_as: Option<String>,
    pub action: String,
    pub record_kind: Option<String>,
    pub record_id: Option<String>,
    pub detail: Option<String>,
}

fn entry(r: &rusqlite::Row) -> rusqlite::Result<AuditEntry> {
    Ok(AuditEntry {
        id: r.get(0)?,
        at: r.get(1)?,
        who: r.get(2)?,
        acting_as: r.get(3)?,
        action: r.get(4)?,
        record_kind: r.get(5)?,
        record_id: r.get(6)?,
        detail: r.get(7)?,
    })
}

impl Store {
    /// The audit log for a manager to read (README, Who you are): the newest first, since
    /// `since` (that day included), by `who` (the login that acted, or that a manager acted
    /// as), at most `limit`. Anyone else is refused: the log names every colleague's work.
    pub fn audit_entries(
        &self,
        actor: &crate::store::Actor,
        since: Option<chrono::NaiveDate>,
        who: Option<&str>,
        limit: usize,
    ) -> Result<Vec<AuditEntry>> {
        if !actor.is_manager() {
            return Err(actor.denied("audit"));
        }
        // `at` is a UTC stamp; a day starts at the clock's own midnight.
        let from = since.map(|d| self.clock().stamp_at(d, chrono::NaiveTime::MIN));
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, at, who, acting_as, action, record_kind, record_id, detail
             FROM audit
             WHERE (?1 IS NULL OR at >= ?1) AND (?2 IS NULL OR who = ?2 OR acting_as = ?2)
             ORDER BY at DESC, id DESC LIMIT ?3",
        )?;
        let rows = stmt.query_map((from, who, limit.min(i64::MAX as usize) as i64), entry)?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// The newest `limit` entries, newest first.
    pub fn audit_log(&self, limit: usize) -> Result<Vec<AuditEntry>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, at, who, acting_as, action, record_kind, record_id, detail
             FROM audit ORDER BY at DESC, id DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit as i64], entry)?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}
