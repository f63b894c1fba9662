//! Who holds a customer (README, The public pool, claims and handovers): claim from the pool, release to it, assignment by a
//! manager. The rules live here, not in the UI, and every change of owner is written to the
//! ownership history with who, when and why.

use rusqlite::OptionalExtension;

use crate::domain::OwnershipReason;
use crate::store::customers::{Customer, owner_log};
use crate::store::policy::Write;
use crate::store::{Actor, Result, Store, StoreError};

/// One row of a customer's ownership history.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct OwnershipChange {
    pub from_login: Option<String>,
    pub to_login: Option<String>,
    pub why: OwnershipReason,
    pub changed_by: String,
    pub changed_at: String,
}

impl Store {
    /// How many live customers `rep_id` holds.
    pub fn customers_held(&self, rep_id: &str) -> Result<u32> {
        Ok(self.conn().query_row(
            "SELECT count(*) FROM customers WHERE owner_id = ?1 AND deleted_at IS NULL",
            [rep_id],
            |r| r.get(0),
        )?)
    }

    /// A rep works (logs visits, adds contacts) on their own customers and the pool;
    /// a manager on any (README, Who you are).
    pub fn require_can_work_on(&self, actor: &Actor, w: Write, c: &Customer) -> Result<()> {
        if actor.may_on(w, actor.holding(c.owner_id.as_deref()))? {
            return Ok(());
        }
        let owner = self.owner_login(c);
        Err(StoreError::rule(
            "error.not_yours",
            &[("customer", &c.name), ("owner", &owner)],
        ))
    }

    fn owner_login(&self, c: &Customer) -> String {
        c.owner_login.clone().unwrap_or_default()
    }

    /// A rep takes a customer from the public pool, up to the claim limit.
    pub fn claim(&mut self, actor: &Actor, customer_id: &str) -> Result<Customer> {
        let me = actor.may(Write::Claim)?.to_string();
        let c = self.customer(customer_id)?;
        // Only a pool customer can be claimed, by anyone: a state, not a right.
        if c.owner_id.is_some() {
            let owner = self.owner_login(&c);
            return Err(StoreError::rule(
                "error.not_in_pool",
                &[("customer", &c.name), ("owner", &owner)],
            ));
        }
        // The claim limit is a rep's; a manager's holdings are not even counted.
        if !actor.is_manager() {
            self.require_claim_quota(actor, &me, &c)?;
            let limit = self.rules()?.claim_limit;
            let held = self.customers_held(&me)?;
            if held >= limit {
                return Err(StoreError::rule(
                    "error.claim_limit",
                    &[("login", &actor.login), ("held", &held), ("limit", &limit)],
                ));
            }
        }
        self.write(actor, |tx, ctx| {
            owner_log::change_owner(tx, ctx, actor, &c.id, Some(&me), OwnershipReason::Claim)
        })?;
        self.customer(&c.id)
    }

    /// A rep's claim within the team's daily quota, and not of a customer they gave up (or
    /// lost to the sweep) fewer than `pool.claim_back_days` ago. Each refusal says how many
    /// are left, or until when.
    fn require_claim_quota(&self, actor: &Actor, me: &str, c: &Customer) -> Result<()> {
        let pool = self.rules()?.pool;
        let today = self.clock().today();
        // A day starts at the clock's own midnight; stamps are UTC.
        let offset = *self.clock().now().offset();
        let midnight = |d: chrono::NaiveDate| self.clock().stamp_at(d, chrono::NaiveTime::MIN);
        if pool.claims_per_day > 0 {
            let claimed: i64 = self.conn().query_row(
                "SELECT count(*) FROM ownership_changes
                 WHERE to_rep_id = ?1 AND why = 'claim' AND changed_at >= ?2",
                (me, midnight(today)),
                |r| r.get(0),
            )?;
            if claimed as u32 >= pool.claims_per_day {
                return Err(StoreError::rule(
                    "error.claim_quota",
                    &[("login", &actor.login), ("quota", &pool.claims_per_day)],
                ));
            }
        }
        if pool.claim_back_days > 0 {
            let since = today - chrono::Days::new(u64::from(pool.claim_back_days));
            let gave_up: Option<String> = self
                .conn()
                .query_row(
                    "SELECT max(changed_at) FROM ownership_changes
                     WHERE customer_id = ?1 AND from_rep_id = ?2
                       AND why IN ('release', 'sweep') AND changed_at >= ?3",
                    (&c.id, me, midnight(since)),
                    |r| r.get(0),
                )
                .optional()?
                .flatten();
            if let Some(at) = gave_up {
                let day = chrono::DateTime::parse_from_rfc3339(&at)
                    .map(|t| t.with_timezone(&offset).date_naive())
                    .unwrap_or(today);
                let until = day + chrono::Days::new(u64::from(pool.claim_back_days));
                return Err(StoreError::rule(
                    "error.claim_cooldown",
                    &[("customer", &c.name), ("until", &until)],
                ));
            }
        }
        Ok(())
    }

    /// The owner (or a manager) gives a customer back to the public pool.
    pub fn release(&mut self, actor: &Actor, customer_id: &str) -> Result<Customer> {
        actor.may(Write::Release)?;
        let c = self.customer(customer_id)?;
        match c.owner_id.as_deref() {
            None => {
                return Err(StoreError::rule(
                    "error.already_pool",
                    &[("customer", &c.name)],
                ));
            }
            Some(owner) if !actor.may_on(Write::Release, actor.holding(Some(owner)))? => {
                let owner = self.owner_login(&c);
                return Err(StoreError::rule(
                    "error.not_yours",
                    &[("customer", &c.name), ("owner", &owner)],
                ));
            }
            Some(_) => {}
        }
        self.write(actor, |tx, ctx| {
            owner_log::change_owner(tx, ctx, actor, &c.id, None, OwnershipReason::Release)
        })?;
        self.customer(&c.id)
    }

    /// A manager gives a customer to an active rep.
    pub fn assign(&mut self, actor: &Actor, customer_id: &str, to_login: &str) -> Result<Customer> {
        actor.may(Write::Assign)?;
        let c = self.customer(customer_id)?;
        let rep = self.require_active_rep(to_login)?;
        if c.owner_id.as_deref() == Some(rep.id.as_str()) {
            return Ok(c);
        }
        self.write(actor, |tx, ctx| {
            owner_log::change_owner(
                tx,
                ctx,
                actor,
                &c.id,
                Some(&rep.id),
                OwnershipReason::Assign,
            )
        })?;
        self.customer(&c.id)
    }

    /// A customer's owners, oldest first (none for a customer the viewer may not see).
    pub fn ownership_history(&self, customer_id: &str) -> Result<Vec<OwnershipChange>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT f.login, t.login, o.why, o.changed_by, o.changed_at
             FROM ownership_changes o JOIN customers c ON c.id = o.customer_id
             LEFT JOIN reps f ON f.id = o.from_rep_id LEFT JOIN reps t ON t.id = o.to_rep_id
             WHERE o.customer_id = ?1 AND {} ORDER BY o.changed_at, o.id",
            self.viewer().customer_sql("c")
        ))?;
        let rows = stmt.query_map([customer_id], |r| {
            Ok(OwnershipChange {
                from_login: r.get(0)?,
                to_login: r.get(1)?,
                why: r.get(2)?,
                changed_by: r.get(3)?,
                changed_at: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}
