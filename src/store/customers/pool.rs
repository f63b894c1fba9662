//! The public pool's sweep, fair as WukongCRM's (README, The public pool): a customer goes
//! back when its owner has not followed it up for its grade's days, counted from the later of
//! the last visit and the day the owner got it (claimed, assigned, handed over: a customer
//! claimed yesterday is not swept today). A locked customer is not swept, nor (unless the team
//! turns it off) one who has bought or has a deal in the pipeline.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::OwnershipReason;
use crate::store::customers::owner_log::change_owner;
use crate::store::policy::Write;
use crate::store::settings::PoolRules;
use crate::store::{Actor, Result, Store, StoreError, audit};

/// A customer the sweep takes (or, dry, would take).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Swept {
    pub id: String,
    pub name: String,
    pub owner_login: String,
    /// The day its countdown started: the last visit, or the day the owner got it.
    pub since: NaiveDate,
    /// The day the sweep takes it.
    pub due_on: NaiveDate,
}

/// The day a customer's (`c`) countdown to the pool started: the later of its last visit and
/// the day its owner got it (claimed, assigned, handed over), or else the day it was added.
const SINCE_SQL: &str = "max(COALESCE(c.last_visit_on, ''),
    COALESCE((SELECT substr(max(oc.changed_at), 1, 10) FROM ownership_changes oc
              WHERE oc.customer_id = c.id AND oc.to_rep_id = c.owner_id), ''),
    substr(c.created_at, 1, 10))";

/// True for a customer `c` the sweep may take: owned, not locked, and (unless the team says
/// otherwise) neither bought nor with a deal in the pipeline.
pub(crate) fn sweepable_sql(pool: &PoolRules) -> String {
    let exempt = if pool.exempt_deals {
        " AND c.stage <> 'customer' AND NOT EXISTS (SELECT 1 FROM deals d
             WHERE d.customer_id = c.id AND d.deleted_at IS NULL AND d.stage <> 'lost')"
    } else {
        ""
    };
    format!("(c.owner_id IS NOT NULL AND c.locked_at IS NULL{exempt})")
}

/// The day the sweep takes customer `c`: the day after its grade's days have all passed
/// since `SINCE_SQL`. The days are the team's checked numbers, written in directly.
pub(crate) fn due_sql(pool: &PoolRules) -> String {
    let d = |g: usize| pool.days_for(g) + 1;
    format!(
        "date({SINCE_SQL}, '+' || CASE c.grade WHEN 'A' THEN {} WHEN 'B' THEN {} WHEN 'C' THEN {}
                                 ELSE {} END || ' days')",
        d(0),
        d(1),
        d(2),
        d(3)
    )
}

/// Days until the sweep takes customer `c`, when that is within the agenda's warning and the
/// team sweeps (`pool.enabled`); else NULL. A column of every customer row.
pub(crate) fn pool_in_sql(pool: &PoolRules, today: NaiveDate) -> String {
    if !pool.enabled || pool.warn_days == 0 {
        return "NULL".into();
    }
    let until = today + chrono::Days::new(u64::from(pool.warn_days));
    format!(
        "CASE WHEN {sweepable} AND {due} <= '{until}'
              THEN max(0, CAST(julianday({due}) - julianday('{today}') AS INTEGER)) END",
        sweepable = sweepable_sql(pool),
        due = due_sql(pool),
    )
}

impl Store {
    /// The customers due back in the pool today, by the team's rules.
    fn pool_due(&self) -> Result<Vec<Swept>> {
        self.pool_countdowns(None, self.clock().today())
    }

    /// The customers the sweep takes on or before `until` (of one owner, or everyone's), by
    /// the team's rules, soonest first: the sweep takes those due today, the agenda warns of
    /// the rest.
    pub fn pool_countdowns(&self, owner_id: Option<&str>, until: NaiveDate) -> Result<Vec<Swept>> {
        let pool = self.rules()?.pool;
        let owner = if owner_id.is_some() {
            "AND c.owner_id = ?2"
        } else {
            "AND ?2 IS NULL"
        };
        let sql = format!(
            "SELECT id, name, login, since, due_on FROM (
               SELECT c.id, c.name, o.login, {since} AS since, {due} AS due_on
               FROM customers c JOIN reps o ON o.id = c.owner_id
               WHERE c.deleted_at IS NULL AND {sweepable} {owner})
             WHERE due_on <= ?1
             ORDER BY due_on, login, name",
            since = SINCE_SQL,
            due = due_sql(&pool),
            sweepable = sweepable_sql(&pool),
        );
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params![until, owner_id], |r| {
            Ok(Swept {
                id: r.get(0)?,
                name: r.get(1)?,
                owner_login: r.get(2)?,
                since: r.get(3)?,
                due_on: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Returns the customers due back to the pool (managers); with `dry_run`, only says which.
    pub fn pool_sweep(&mut self, actor: &Actor, dry_run: bool) -> Result<Vec<Swept>> {
        actor.may(Write::PoolSweep)?;
        let due = self.pool_due()?;
        if dry_run || due.is_empty() {
            return Ok(due);
        }
        self.write(actor, |tx, ctx| {
            for c in &due {
                change_owner(tx, ctx, actor, &c.id, None, OwnershipReason::Sweep)?;
            }
            Ok(())
        })?;
        Ok(due)
    }

    /// Locks a customer against the sweep, or unlocks it: a manager any, a rep their own
    /// within the team's `pool.lock_quota`.
    pub fn lock_customer(&mut self, actor: &Actor, id: &str, lock: bool) -> Result<()> {
        let c = self.customer(id)?;
        if !actor.may_on(Write::LockCustomer, actor.holding(c.owner_id.as_deref()))? {
            let owner = c
                .owner_login
                .clone()
                .unwrap_or_else(|| crate::t!("status.pool").to_string());
            return Err(StoreError::rule(
                "error.not_yours",
                &[("customer", &c.name), ("owner", &owner)],
            ));
        }
        if lock && c.owner_id.is_none() {
            return Err(StoreError::rule(
                "error.lock_pool",
                &[("customer", &c.name)],
            ));
        }
        if lock && !actor.is_manager() && c.locked_at.is_none() {
            let quota = self.rules()?.pool.lock_quota;
            let held: i64 = self.conn().query_row(
                "SELECT count(*) FROM customers WHERE owner_id = ?1 AND locked_at IS NOT NULL
                   AND deleted_at IS NULL",
                [&c.owner_id],
                |r| r.get(0),
            )?;
            if held as u32 >= quota {
                return Err(StoreError::rule(
                    "error.lock_quota",
                    &[("login", &actor.login), ("held", &held), ("quota", &quota)],
                ));
            }
        }
        let action = if lock {
            "customer.lock"
        } else {
            "customer.unlock"
        };
        self.write(actor, |tx, ctx| {
            let at = lock.then_some(ctx.now.as_str());
            tx.execute(
                "UPDATE customers SET locked_at = ?2, updated_at = ?3, updated_by = ?4
                 WHERE id = ?1",
                (&c.id, at, &ctx.now, &ctx.login),
            )?;
            audit::record(tx, ctx, actor, action, Some(("customer", &c.id)), None)
        })
    }
}
