//! Deals (商机/成交) and their payments (回款). The rules of the data model (src/store/schema/migrations/0001_schema.sql) live here: a won deal has
//! a date and an amount, a lost one a reason; payments go only on won deals, never before the
//! win and never past the amount; a rep works only on their own deals, on customers they own
//! or that are in the pool.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row};
use serde::Serialize;

use crate::domain::{DealStage, FieldError, Money, Reason, date_input, ids, names};
use crate::store::policy::Write;
use crate::store::query::{Slice, Where, order_sql, window_ids};
use crate::store::short_ids::IdTable;
use crate::store::visits::money_units;
use crate::store::{Actor, Result, Store, StoreError, audit};

/// The stages a deal may be set to directly; won and lost have their own steps.
const OPEN_STAGES: &[&str] = &["lead", "qualified", "proposal", "negotiation"];

#[derive(Debug, Clone, Default)]
pub struct NewDeal {
    pub customer_id: String,
    pub title: String,
    pub stage: Option<DealStage>,
    pub amount: Option<Money>,
    pub cost: Option<Money>,
    pub product_line: Option<String>,
    pub opened_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Deal {
    pub id: String,
    pub customer_id: String,
    pub customer_name: String,
    pub owner_login: String,
    /// The owner's name, as people are shown.
    pub owner_name: String,
    pub title: String,
    pub stage: DealStage,
    #[serde(serialize_with = "opt_money_units")]
    pub amount: Option<Money>,
    #[serde(serialize_with = "opt_money_units")]
    pub cost: Option<Money>,
    pub product_line: Option<String>,
    pub opened_on: NaiveDate,
    pub won_on: Option<NaiveDate>,
    pub lost_reason: Option<String>,
    #[serde(serialize_with = "money_units")]
    pub paid: Money,
}

impl Deal {
    /// What is still to be collected on a won deal.
    pub fn outstanding(&self) -> Money {
        Money::from_cents(self.amount.map_or(0, |a| a.cents()) - self.paid.cents())
    }
}

pub fn opt_money_units<S: serde::Serializer>(
    m: &Option<Money>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    match m {
        Some(m) => s.serialize_f64(m.to_units_f64()),
        None => s.serialize_none(),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Payment {
    pub id: String,
    pub paid_on: NaiveDate,
    #[serde(serialize_with = "money_units")]
    pub amount: Money,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DealQuery {
    pub stage: Option<DealStage>,
    pub owner_id: Option<String>,
    pub customer_id: Option<String>,
}

/// One stage of the pipeline: how many deals and how much.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StageTotal {
    pub stage: DealStage,
    pub count: usize,
    #[serde(serialize_with = "money_units")]
    pub amount: Money,
}

const DEAL_SELECT: &str = concat!(
    "SELECT d.id, d.customer_id, c.name, r.login, d.title, d.stage, d.amount_cents,
        d.cost_cents, d.product_line, d.opened_on, d.won_on, d.lost_reason,
        (SELECT COALESCE(sum(p.amount_cents), 0) FROM payments p
          WHERE p.deal_id = d.id AND p.deleted_at IS NULL), ",
    crate::store::reps::shown_name!("r"),
    " FROM deals d JOIN customers c ON c.id = d.customer_id JOIN reps r ON r.id = d.owner_id"
);

/// The list's order: newest opened first (the index `deals_opened` serves it both ways).
const DEAL_ORDER: &[(&str, bool)] = &[("d.opened_on", true), ("d.id", true)];

fn deal_from_row(r: &Row) -> rusqlite::Result<Deal> {
    Ok(Deal {
        id: r.get(0)?,
        customer_id: r.get(1)?,
        customer_name: r.get(2)?,
        owner_login: r.get(3)?,
        title: r.get(4)?,
        stage: r.get(5)?,
        amount: r.get::<_, Option<i64>>(6)?.map(Money::from_cents),
        cost: r.get::<_, Option<i64>>(7)?.map(Money::from_cents),
        product_line: r.get(8)?,
        opened_on: r.get(9)?,
        won_on: r.get(10)?,
        lost_reason: r.get(11)?,
        paid: Money::from_cents(r.get(12)?),
        owner_name: r.get(13)?,
    })
}

impl Store {
    /// One deal, if the viewer sees it (see `policy`).
    pub fn deal(&self, id: &str) -> Result<Deal> {
        let sql = format!(
            "{DEAL_SELECT} WHERE d.id = ?1 AND {}",
            self.viewer().deal_sql("d")
        );
        self.conn()
            .query_row(&sql, [id], deal_from_row)
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                kind: "deal",
                key: id.to_string(),
            })
    }

    /// A deal by a typed id: its short id as printed, or the start of its whole id.
    pub fn resolve_deal(&self, reference: &str) -> Result<Deal> {
        let prefix = ids::parse_prefix("id", reference)?;
        // Deals the viewer may not see are not candidates.
        let mut found = self.ids_named(IdTable::Deals, &prefix, 10)?;
        let mut seen = Vec::with_capacity(found.len());
        for id in found.drain(..) {
            match self.deal(&id) {
                Ok(_) => seen.push(id),
                Err(StoreError::NotFound { .. }) => {}
                Err(e) => return Err(e),
            }
        }
        let found = seen;
        match found.as_slice() {
            [one] => self.deal(one),
            _ => Err(StoreError::Ambiguous {
                kind: "deal",
                key: reference.to_string(),
                candidates: found,
            }),
        }
    }

    /// A rep works on their own deals; a manager on any.
    pub(crate) fn require_deal_owner(&self, actor: &Actor, w: Write, d: &Deal) -> Result<()> {
        if actor.may_on(w, actor.holding_login(&d.owner_login))? {
            Ok(())
        } else {
            Err(StoreError::rule(
                "error.not_your_deal",
                &[("deal", &d.title), ("owner", &d.owner_login)],
            ))
        }
    }

    pub fn add_deal(&mut self, actor: &Actor, new: NewDeal) -> Result<Deal> {
        let owner = actor.may(Write::AddDeal)?.to_string();
        let title = names::required("title", &new.title)?;
        let customer = self.customer(&new.customer_id)?;
        self.require_can_work_on(actor, Write::AddDeal, &customer)?;
        let stage = new.stage.unwrap_or_default();
        if !stage.is_open() {
            // Winning and losing have their own steps, with their own required fields.
            return Err(
                FieldError::new("deal_stage", stage.code(), Reason::NotOneOf(OPEN_STAGES)).into(),
            );
        }
        let today = self.clock().today();
        let opened_on = date_input::planned("date", new.opened_on.unwrap_or(today), today)?;
        let id = ids::new_id().to_string();
        self.write(actor, |tx, ctx| {
            tx.execute(
                "INSERT INTO deals (id, customer_id, owner_id, title, stage, amount_cents, cost_cents,
                     product_line, opened_on, created_at, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, ?11)",
                rusqlite::params![
                    id,
                    customer.id,
                    owner,
                    title,
                    stage.code(),
                    new.amount.map(Money::cents),
                    new.cost.map(Money::cents),
                    new.product_line.as_deref().and_then(names::optional),
                    opened_on,
                    ctx.now,
                    ctx.login,
                ],
            )?;
            audit::record(tx, ctx, actor, "deal.add", Some(("deal", &id)), None)
        })?;
        self.deal(&id)
    }

    /// Wins an open deal on `won_on`; the amount is the one given, else the deal's own, and
    /// one of them is required; `cost`, when given, is its cost (gross profit counts only
    /// deals with one).
    pub fn win_deal(
        &mut self,
        actor: &Actor,
        id: &str,
        won_on: NaiveDate,
        amount: Option<Money>,
        cost: Option<Money>,
    ) -> Result<Deal> {
        let d = self.deal(id)?;
        self.require_deal_owner(actor, Write::WinDeal, &d)?;
        self.require_open(&d)?;
        let amount = amount
            .or(d.amount)
            .ok_or_else(|| FieldError::new("amount", "", Reason::Empty))?;
        if let Some(c) = cost.filter(|c| c.cents() < 0) {
            return Err(FieldError::new("cost", c.to_string(), Reason::Negative).into());
        }
        date_input::happened("date", won_on, self.clock().today())?;
        if won_on < d.opened_on {
            return Err(StoreError::rule(
                "error.won_before_opened",
                &[("date", &won_on), ("opened", &d.opened_on)],
            ));
        }
        self.write(actor, |tx, ctx| {
            tx.execute(
                "UPDATE deals SET stage = 'won', won_on = ?2, amount_cents = ?3, updated_at = ?4,
                     updated_by = ?5, cost_cents = COALESCE(?6, cost_cents) WHERE id = ?1",
                rusqlite::params![
                    d.id,
                    won_on,
                    amount.cents(),
                    ctx.now,
                    ctx.login,
                    cost.map(Money::cents)
                ],
            )?;
            audit::record(tx, ctx, actor, "deal.win", Some(("deal", &d.id)), None)
        })?;
        self.deal(&d.id)
    }

    pub fn lose_deal(&mut self, actor: &Actor, id: &str, reason: &str) -> Result<Deal> {
        let reason = names::required_line("reason", reason)?;
        let d = self.deal(id)?;
        self.require_deal_owner(actor, Write::LoseDeal, &d)?;
        self.require_open(&d)?;
        self.write(actor, |tx, ctx| {
            tx.execute(
                "UPDATE deals SET stage = 'lost', lost_reason = ?2, updated_at = ?3, updated_by = ?4
                 WHERE id = ?1",
                (&d.id, &reason, &ctx.now, &ctx.login),
            )?;
            audit::record(tx, ctx, actor, "deal.lose", Some(("deal", &d.id)), None)
        })?;
        self.deal(&d.id)
    }

    /// A won or lost deal back in the pipeline, at negotiation: for a manager, or for its
    /// owner while the win or loss is of this month (a closed month's figures are the
    /// manager's to change). A won deal with payments is refused until they are deleted:
    /// money collected on a deal not won would count nowhere.
    pub fn reopen_deal(&mut self, actor: &Actor, id: &str) -> Result<Deal> {
        let d = self.deal(id)?;
        self.require_deal_owner(actor, Write::ReopenDeal, &d)?;
        if d.stage.is_open() {
            return Err(StoreError::rule("error.reopen_open", &[("deal", &d.title)]));
        }
        let today = self.clock().today();
        let closed_on = d.won_on.unwrap_or(today);
        let this_month = closed_on.format("%Y-%m").to_string() == today.format("%Y-%m").to_string();
        if !actor.is_manager() && !this_month {
            return Err(StoreError::rule(
                "error.reopen_old",
                &[("deal", &d.title), ("date", &closed_on)],
            ));
        }
        let paid = self.payments_of(&d.id)?.len();
        if paid > 0 {
            return Err(StoreError::rule(
                "error.reopen_paid",
                &[("deal", &d.title), ("count", &paid)],
            ));
        }
        self.write(actor, |tx, ctx| {
            tx.execute(
                "UPDATE deals SET stage = 'negotiation', won_on = NULL, lost_reason = NULL,
                     updated_at = ?2, updated_by = ?3
                 WHERE id = ?1",
                (&d.id, &ctx.now, &ctx.login),
            )?;
            let was = d.stage.code();
            audit::record(
                tx,
                ctx,
                actor,
                "deal.reopen",
                Some(("deal", &d.id)),
                Some(was),
            )
        })?;
        self.deal(&d.id)
    }

    fn require_open(&self, d: &Deal) -> Result<()> {
        if d.stage.is_open() {
            Ok(())
        } else {
            Err(StoreError::rule(
                "error.deal_closed",
                &[
                    ("deal", &d.title),
                    ("stage", &crate::t!(d.stage.label_key())),
                ],
            ))
        }
    }

    /// A payment on a won deal: not before the win, not past the amount.
    pub fn add_payment(
        &mut self,
        actor: &Actor,
        deal_id: &str,
        amount: Money,
        paid_on: NaiveDate,
    ) -> Result<Deal> {
        self.add_payment_on(actor, deal_id, amount, paid_on, false)
    }

    /// A payment on a won deal, not past the amount; a `deposit` (定金) may have been paid
    /// before the win, any other payment not.
    pub(crate) fn add_payment_on(
        &mut self,
        actor: &Actor,
        deal_id: &str,
        amount: Money,
        paid_on: NaiveDate,
        deposit: bool,
    ) -> Result<Deal> {
        let d = self.deal(deal_id)?;
        self.require_deal_owner(actor, Write::AddPayment, &d)?;
        let (Some(won_on), Some(total)) =
            (d.won_on.filter(|_| d.stage == DealStage::Won), d.amount)
        else {
            return Err(StoreError::rule(
                "error.payment_not_won",
                &[("deal", &d.title)],
            ));
        };
        if amount.cents() <= 0 {
            return Err(FieldError::new(
                "amount",
                amount.to_string(),
                Reason::Format("more than 0"),
            )
            .into());
        }
        date_input::happened("date", paid_on, self.clock().today())?;
        // A deposit comes before the win, but not before there was a deal to pay for.
        if deposit && paid_on < d.opened_on {
            return Err(StoreError::rule(
                "error.deposit_before_open",
                &[("date", &paid_on), ("opened", &d.opened_on)],
            ));
        }
        if paid_on < won_on && !deposit {
            return Err(StoreError::rule(
                "error.payment_before_win",
                &[("date", &paid_on), ("won", &won_on)],
            ));
        }
        let outstanding = Money::from_cents(total.cents() - d.paid.cents());
        if amount > outstanding {
            let sign = "";
            return Err(StoreError::rule(
                "error.payment_over",
                &[
                    ("amount", &amount.display(sign)),
                    ("outstanding", &outstanding.display(sign)),
                    ("total", &total.display(sign)),
                ],
            ));
        }
        let id = ids::new_id().to_string();
        self.write(actor, |tx, ctx| {
            tx.execute(
                "INSERT INTO payments (id, deal_id, paid_on, amount_cents, created_at, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6)",
                rusqlite::params![id, d.id, paid_on, amount.cents(), ctx.now, ctx.login],
            )?;
            audit::record(tx, ctx, actor, "payment.add", Some(("payment", &id)), None)
        })?;
        self.deal(&d.id)
    }

    fn deal_filter(&self, q: &DealQuery) -> Where {
        let mut w = Where::new("d.deleted_at IS NULL");
        // Only what the viewer sees: the list, its count and the pipeline alike.
        w.and(&self.viewer().deal_sql("d"));
        if let Some(s) = q.stage {
            let p = w.bind(s.code());
            w.and(&format!("d.stage = {p}"));
        }
        if let Some(o) = &q.owner_id {
            let p = w.bind(o.clone());
            w.and(&format!("d.owner_id = {p}"));
        }
        if let Some(c) = &q.customer_id {
            let p = w.bind(c.clone());
            w.and(&format!("d.customer_id = {p}"));
        }
        w
    }

    /// A window of deals, newest opened first: `at` rows from the list's start, or its end.
    pub fn deal_page(
        &self,
        q: &DealQuery,
        at: impl Into<Slice>,
        limit: usize,
    ) -> Result<Vec<Deal>> {
        let mut w = self.deal_filter(q);
        let ids = window_ids(&mut w, "d.id", "deals d", DEAL_ORDER, at.into(), limit);
        let sql = format!(
            "{DEAL_SELECT} WHERE d.id IN ({ids}) ORDER BY {}",
            order_sql(DEAL_ORDER, false)
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(w.params(), deal_from_row)?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    pub fn count_deals(&self, q: &DealQuery) -> Result<usize> {
        if self.rollup_serves(q) {
            let n: f64 = self
                .conn()
                .prepare_cached(
                    "SELECT total(n) FROM rollup_deals
                 WHERE (?1 IS NULL OR owner_id = ?1) AND (?2 IS NULL OR stage = ?2)",
                )?
                .query_row((&q.owner_id, q.stage.map(|s| s.code())), |r| r.get(0))?;
            return Ok(n as usize);
        }
        let w = self.deal_filter(q);
        let sql = format!("SELECT count(*) FROM deals d WHERE {}", w.sql());
        let n: i64 = self
            .conn()
            .prepare_cached(&sql)?
            .query_row(w.params(), |r| r.get(0))?;
        Ok(n as usize)
    }

    /// Whether `rollup_deals` (every live deal, by owner and stage) answers a count of `q`:
    /// it is what a manager sees. A rep sees another set (their customers' deals too, and
    /// the pool's), counted from the deals themselves.
    fn rollup_serves(&self, q: &DealQuery) -> bool {
        self.viewer().is_all() && q.customer_id.is_none()
    }

    /// Changes an open deal's title, stage, amounts and product line (winning and losing have
    /// their own steps).
    pub fn update_deal(&mut self, actor: &Actor, id: &str, fields: NewDeal) -> Result<Deal> {
        let d = self.deal(id)?;
        self.require_deal_owner(actor, Write::UpdateDeal, &d)?;
        self.require_open(&d)?;
        let title = names::required("title", &fields.title)?;
        let stage = fields.stage.unwrap_or(d.stage);
        if !stage.is_open() {
            return Err(
                FieldError::new("deal_stage", stage.code(), Reason::NotOneOf(OPEN_STAGES)).into(),
            );
        }
        self.write(actor, |tx, ctx| {
            tx.execute(
                "UPDATE deals SET title = ?2, stage = ?3, amount_cents = ?4, cost_cents = ?5,
                     product_line = ?6, updated_at = ?7, updated_by = ?8 WHERE id = ?1",
                rusqlite::params![
                    d.id,
                    title,
                    stage.code(),
                    fields.amount.map(Money::cents),
                    fields.cost.map(Money::cents),
                    fields.product_line.as_deref().and_then(names::optional),
                    ctx.now,
                    ctx.login,
                ],
            )?;
            audit::record(tx, ctx, actor, "deal.edit", Some(("deal", &d.id)), None)
        })?;
        self.deal(&d.id)
    }

    /// The pipeline: every stage with its count and total amount (for one rep or all).
    pub fn pipeline(&self, q: &DealQuery) -> Result<Vec<StageTotal>> {
        let mut by_stage: Vec<(String, usize, i64)> = if self.rollup_serves(q) {
            let mut stmt = self.conn().prepare_cached(
                "SELECT stage, total(n), total(cents) FROM rollup_deals
                 WHERE (?1 IS NULL OR owner_id = ?1) AND (?2 IS NULL OR stage = ?2)
                 GROUP BY stage",
            )?;
            stmt.query_map((&q.owner_id, q.stage.map(|s| s.code())), |r| {
                Ok((
                    r.get(0)?,
                    r.get::<_, f64>(1)? as usize,
                    crate::store::query::sum_cents(r, 2)?,
                ))
            })?
            .collect::<std::result::Result<_, _>>()?
        } else {
            let w = self.deal_filter(q);
            let sql = format!(
                "SELECT d.stage, count(*), total(d.amount_cents) FROM deals d WHERE {}
                 GROUP BY d.stage",
                w.sql()
            );
            let mut stmt = self.conn().prepare_cached(&sql)?;
            stmt.query_map(w.params(), |r| {
                Ok((
                    r.get(0)?,
                    r.get::<_, i64>(1)? as usize,
                    crate::store::query::sum_cents(r, 2)?,
                ))
            })?
            .collect::<std::result::Result<_, _>>()?
        };
        Ok(DealStage::ALL
            .iter()
            .map(|s| {
                let found = by_stage.iter_mut().find(|(code, _, _)| code == s.code());
                let (count, cents) = found.map_or((0, 0), |(_, n, c)| (*n, *c));
                StageTotal {
                    stage: *s,
                    count,
                    amount: Money::from_cents(cents),
                }
            })
            .collect())
    }

    /// The payments of a deal the viewer sees, in date order.
    pub fn payments_of(&self, deal_id: &str) -> Result<Vec<Payment>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT p.id, p.paid_on, p.amount_cents FROM payments p JOIN deals d ON d.id = p.deal_id
             WHERE p.deal_id = ?1 AND p.deleted_at IS NULL AND {}
             ORDER BY p.paid_on, p.id",
            self.viewer().deal_sql("d")
        ))?;
        let rows = stmt.query_map([deal_id], |r| {
            Ok(Payment {
                id: r.get(0)?,
                paid_on: r.get(1)?,
                amount: Money::from_cents(r.get(2)?),
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}
