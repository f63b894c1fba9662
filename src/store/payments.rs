//! Correcting payments (回款) recorded wrong: edited or deleted by whoever may record one on
//! their deal (its owner, a manager), by the same rules as a new one: on the won deal, not
//! before the win, not past the deal's amount (the payment's own old amount set aside).

use chrono::NaiveDate;
use rusqlite::OptionalExtension;

use crate::domain::{FieldError, Money, Reason, date_input, ids};
use crate::store::deals::Deal;
use crate::store::policy::Write;
use crate::store::short_ids::IdTable;
use crate::store::{Actor, Result, Store, StoreError, audit};

/// A payment a correction names, and its deal.
struct Named {
    id: String,
    deal_id: String,
    paid_on: NaiveDate,
    amount: Money,
}

impl Store {
    /// A live payment by its short id (or whole id), when the viewer sees its deal.
    fn resolve_payment(&self, reference: &str) -> Result<Named> {
        let prefix = ids::parse_prefix("id", reference)?;
        let mut found = Vec::new();
        for id in self.ids_named(IdTable::Payments, &prefix, 10)? {
            let p: Option<Named> = self
                .conn()
                .query_row(
                    "SELECT id, deal_id, paid_on, amount_cents FROM payments
                     WHERE id = ?1 AND deleted_at IS NULL",
                    [&id],
                    |r| {
                        Ok(Named {
                            id: r.get(0)?,
                            deal_id: r.get(1)?,
                            paid_on: r.get(2)?,
                            amount: Money::from_cents(r.get(3)?),
                        })
                    },
                )
                .optional()?;
            // A payment on a deal the viewer does not see is no candidate.
            if let Some(p) = p.filter(|p| self.deal(&p.deal_id).is_ok()) {
                found.push(p);
            }
        }
        match found.len() {
            1 => Ok(found.remove(0)),
            _ => Err(StoreError::Ambiguous {
                kind: "payment",
                key: reference.to_string(),
                candidates: found.into_iter().map(|p| p.id).collect(),
            }),
        }
    }

    /// Gives a payment a new amount or date (what is None stays).
    pub fn update_payment(
        &mut self,
        actor: &Actor,
        id: &str,
        amount: Option<Money>,
        paid_on: Option<NaiveDate>,
    ) -> Result<Deal> {
        let p = self.resolve_payment(id)?;
        let d = self.deal(&p.deal_id)?;
        self.require_deal_owner(actor, Write::UpdatePayment, &d)?;
        let (amount, paid_on) = (amount.unwrap_or(p.amount), paid_on.unwrap_or(p.paid_on));
        if amount.cents() <= 0 {
            let e = FieldError::new("amount", amount.to_string(), Reason::Format("more than 0"));
            return Err(e.into());
        }
        date_input::happened("date", paid_on, self.clock().today())?;
        // A payment stays after the win; a deposit, paid before it, may stay before it.
        if let Some(won_on) = d.won_on.filter(|w| paid_on < *w && p.paid_on >= *w) {
            return Err(StoreError::rule(
                "error.payment_before_win",
                &[("date", &paid_on), ("won", &won_on)],
            ));
        }
        let total = d.amount.unwrap_or_default();
        let others = d.paid.cents() - p.amount.cents();
        if others + amount.cents() > total.cents() {
            let outstanding = Money::from_cents(total.cents() - others);
            return Err(StoreError::rule(
                "error.payment_over",
                &[
                    ("amount", &amount.display("")),
                    ("outstanding", &outstanding.display("")),
                    ("total", &total.display("")),
                ],
            ));
        }
        self.change_payment(actor, &p, "payment.edit", |tx, ctx| {
            tx.execute(
                "UPDATE payments SET amount_cents = ?2, paid_on = ?3, updated_at = ?4,
                     updated_by = ?5 WHERE id = ?1",
                rusqlite::params![p.id, amount.cents(), paid_on, ctx.now, ctx.login],
            )
        })?;
        self.deal(&d.id)
    }

    /// Deletes a payment (a tombstone, which a sync carries to every copy).
    pub fn delete_payment(&mut self, actor: &Actor, id: &str) -> Result<Deal> {
        let p = self.resolve_payment(id)?;
        let d = self.deal(&p.deal_id)?;
        self.require_deal_owner(actor, Write::DeletePayment, &d)?;
        self.change_payment(actor, &p, "payment.delete", |tx, ctx| {
            tx.execute(
                "UPDATE payments SET deleted_at = ?2, updated_at = ?2, updated_by = ?3
                 WHERE id = ?1",
                (&p.id, &ctx.now, &ctx.login),
            )
        })?;
        self.deal(&d.id)
    }

    /// One correction of `p`, with what it was in the audit log.
    fn change_payment(
        &mut self,
        actor: &Actor,
        p: &Named,
        action: &str,
        change: impl Fn(&rusqlite::Transaction, &crate::store::WriteCtx) -> rusqlite::Result<usize>,
    ) -> Result<()> {
        let was = format!("{} {}", p.paid_on, p.amount.display(""));
        self.write(actor, |tx, ctx| {
            change(tx, ctx)?;
            audit::record(tx, ctx, actor, action, Some(("payment", &p.id)), Some(&was))
        })
    }
}
