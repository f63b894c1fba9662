//! When a rep leaves (README, The public pool, claims and handovers): every customer and open deal of theirs goes to the named reps,
//! balanced by how many customers each already holds, or to the public pool; won deals and
//! visits stay credited to them. And the pool sweep: customers not visited for too long go
//! back to the pool. Each is one transaction: killed midway, nothing has moved.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::OwnershipReason;
use crate::store::customers::owner_log::change_owner;
use crate::store::policy::Write;
use crate::store::{Actor, Result, Store, StoreError, audit};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HandoverTo {
    /// Logins of active reps, in the order given (ties go to the earlier one).
    Reps(Vec<String>),
    Pool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct HandoverSummary {
    /// (login, customers received, open deals received); the pool as login "". With the
    /// pool, open deals go to the manager who ran the handover (a deal needs an owner).
    pub to: Vec<(String, usize, usize)>,
}

/// The team always keeps a manager: without one nobody can add reps, hand over customers or
/// set targets, and nothing in the app could undo it.
fn refuse_last_manager(tx: &rusqlite::Transaction, leaver_id: &str, login: &str) -> Result<()> {
    let (is_manager, others): (bool, i64) = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM reps WHERE id = ?1 AND role = 'manager'),
                (SELECT count(*) FROM reps WHERE role = 'manager' AND id != ?1
                 AND left_on IS NULL AND deleted_at IS NULL)",
        [leaver_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    if is_manager && others == 0 {
        return Err(StoreError::rule("error.last_manager", &[("login", &login)]));
    }
    Ok(())
}

impl Store {
    pub fn rep_leave(
        &mut self,
        actor: &Actor,
        login: &str,
        to: HandoverTo,
        date: NaiveDate,
    ) -> Result<HandoverSummary> {
        let manager_id = actor.may(Write::RepLeave)?.to_string();
        let leaver = self.require_active_rep(login)?;
        // A departure is recorded when it happens: a date ahead would hand the customers
        // over now for a rep still working, and leave them out of every period until then.
        crate::domain::date_input::happened("date", date, self.clock().today())?;
        self.check_history_order(&leaver.id, &leaver.login, date.succ_opt().unwrap_or(date))?;
        // Targets: (login, rep id, customers already held).
        let mut targets: Vec<(String, String, usize)> = Vec::new();
        if let HandoverTo::Reps(logins) = &to {
            for l in logins {
                let rep = self.require_active_rep(l)?;
                if rep.id == leaver.id {
                    return Err(StoreError::rule(
                        "error.handover_self",
                        &[("login", &rep.login)],
                    ));
                }
                if !targets.iter().any(|t| t.1 == rep.id) {
                    let held = self.customers_held(&rep.id)? as usize;
                    targets.push((rep.login, rep.id, held));
                }
            }
        }
        let customers: Vec<String> = self.ids_of(
            "SELECT id FROM customers WHERE owner_id = ?1 AND deleted_at IS NULL ORDER BY name_key",
            &leaver.id,
        )?;
        let deals: Vec<(String, String)> = {
            let mut stmt = self.conn().prepare(
                "SELECT id, customer_id FROM deals WHERE owner_id = ?1 AND deleted_at IS NULL
                 AND stage NOT IN ('won', 'lost') ORDER BY opened_on, id",
            )?;
            let rows = stmt.query_map([&leaver.id], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<std::result::Result<_, _>>()?
        };
        // Plan first, then write it all in one transaction.
        let mut received = vec![(0usize, 0usize); targets.len()];
        let mut customer_to: Vec<(String, Option<usize>)> = Vec::new();
        for c in &customers {
            let pick = (0..targets.len()).min_by_key(|i| targets[*i].2 + received[*i].0);
            if let Some(i) = pick {
                received[i].0 += 1;
            }
            customer_to.push((c.clone(), pick));
        }
        let mut deal_to: Vec<(String, String)> = Vec::new();
        for (deal, customer) in &deals {
            // A deal follows its customer; a deal on someone else's customer goes to the
            // target with the fewest deals so far; with the pool, to the manager.
            let follow = customer_to
                .iter()
                .find(|(c, _)| c == customer)
                .and_then(|(_, t)| *t);
            let pick = follow.or_else(|| (0..targets.len()).min_by_key(|i| received[*i].1));
            let owner = match pick {
                Some(i) => {
                    received[i].1 += 1;
                    targets[i].1.clone()
                }
                None => manager_id.clone(),
            };
            deal_to.push((deal.clone(), owner));
        }
        self.write(actor, |tx, ctx| {
            // Checked inside the write: two managers leaving at once cannot both pass.
            refuse_last_manager(tx, &leaver.id, &leaver.login)?;
            for (customer, pick) in &customer_to {
                let to = pick.map(|i| targets[i].1.as_str());
                change_owner(tx, ctx, actor, customer, to, OwnershipReason::Handover)?;
            }
            for (deal, owner) in &deal_to {
                tx.prepare_cached("UPDATE deals SET owner_id = ?2, updated_at = ?3, updated_by = ?4 WHERE id = ?1")?
                    .execute((deal, owner, &ctx.now, &ctx.login))?;
                audit::record(tx, ctx, actor, "deal.handover", Some(("deal", deal)), Some(owner))?;
            }
            tx.execute(
                "UPDATE reps SET left_on = ?2, updated_at = ?3, updated_by = ?4 WHERE id = ?1",
                (&leaver.id, date, &ctx.now, &ctx.login),
            )?;
            // Gone from the day after their last.
            let gone = date.succ_opt().unwrap_or(date);
            super::history::record(tx, ctx, &leaver.id, gone, &leaver.team, false)?;
            audit::record(tx, ctx, actor, "rep.leave", Some(("rep", &leaver.id)), Some(&leaver.login))
        })?;
        let mut summary = HandoverSummary::default();
        for (i, t) in targets.iter().enumerate() {
            summary.to.push((t.0.clone(), received[i].0, received[i].1));
        }
        if to == HandoverTo::Pool {
            summary.to.push((String::new(), customers.len(), 0));
            if !deals.is_empty() {
                summary.to.push((actor.login.clone(), 0, deals.len()));
            }
        }
        Ok(summary)
    }

    fn ids_of(&self, sql: &str, param: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn().prepare(sql)?;
        let rows = stmt.query_map([param], |r| r.get(0))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}
