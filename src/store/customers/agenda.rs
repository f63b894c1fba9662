//! A rep's agenda (README, The agenda): the customers to follow up today, each with the true
//! reason, and what run mode shows and writes for one of them.
//!
//! Overdue and due today come from the one overdue rule (`Store::overdue_expr`); returning to
//! the pool soon from the sweep's own countdown (`Store::pool_countdowns`), so the agenda
//! never warns of a customer the sweep would not take, nor misses one it would.

use chrono::{Days, NaiveDate};

use crate::domain::{CallOutcome, Grade, Money, VisitKind};
use crate::store::customers::contacts::Contact;
use crate::store::customers::detail::DealLine;
use crate::store::customers::{CustomerQuery, CustomerRow};
use crate::store::visits::{NewVisit, VisitQuery, VisitRow};
use crate::store::{Result, Store};

/// The agenda lists this many customers at most: a day's work, not the archive.
pub const AGENDA_MAX: usize = 200;

/// Why a customer is on the agenda.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Why {
    /// The follow-up date passed, or none was set and the grade's cadence ran out.
    Overdue,
    /// The follow-up is today.
    Today,
    /// Not due, but the pool takes it in this many days (0: at the next sweep).
    PoolSoon(i64),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaItem {
    pub id: String,
    pub name: String,
    pub grade: Grade,
    pub last_visit_on: Option<NaiveDate>,
    pub next_follow_up: Option<NaiveDate>,
    pub why: Why,
    /// Days until the pool takes it, when that is within the warning.
    pub pool_in: Option<i64>,
}

/// What run mode shows of one customer before the call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    pub contacts: Vec<Contact>,
    /// The last three visits, newest first.
    pub visits: Vec<VisitRow>,
    /// Deals still in the pipeline.
    pub open_deals: Vec<DealLine>,
    /// Won but not yet paid, over all its deals.
    pub outstanding: Money,
}

impl AgendaItem {
    fn of(row: CustomerRow, today: NaiveDate) -> AgendaItem {
        let why = if row.overdue {
            Why::Overdue
        } else {
            match row.next_follow_up {
                Some(d) if d == today => Why::Today,
                // Due by the cadence with no follow-up set (counted overdue) or today.
                _ => Why::Overdue,
            }
        };
        AgendaItem {
            id: row.id,
            name: row.name,
            grade: row.grade,
            last_visit_on: row.last_visit_on,
            next_follow_up: row.next_follow_up,
            why,
            pool_in: row.pool_in,
        }
    }
}

impl Store {
    /// `rep_id`'s agenda: overdue first, then due today, then the customers the pool takes
    /// within `pool.warn_days` (when the team sweeps: `pool.enabled`), soonest first.
    pub fn agenda(&self, rep_id: &str) -> Result<Vec<AgendaItem>> {
        let today = self.clock().today();
        let q = CustomerQuery {
            owner_id: Some(rep_id.to_string()),
            due: true,
            ..CustomerQuery::default()
        };
        let mut items: Vec<AgendaItem> = self
            .customer_page(&q, 0, AGENDA_MAX)?
            .into_iter()
            .map(|r| AgendaItem::of(r, today))
            .collect();
        items.sort_by_key(|i| i.why);
        let pool = self.rules()?.pool;
        if pool.enabled && pool.warn_days > 0 {
            let until = today + Days::new(u64::from(pool.warn_days));
            for soon in self.pool_countdowns(Some(rep_id), until)? {
                let days = (soon.due_on - today).num_days().max(0);
                if let Some(listed) = items.iter_mut().find(|i| i.id == soon.id) {
                    listed.pool_in = Some(days);
                    continue;
                }
                if items.len() >= AGENDA_MAX {
                    break;
                }
                let c = self.customer(&soon.id)?;
                items.push(AgendaItem {
                    id: c.id,
                    name: c.name,
                    grade: c.grade,
                    last_visit_on: c.last_visit_on,
                    next_follow_up: c.next_follow_up,
                    why: Why::PoolSoon(days),
                    pool_in: Some(days),
                });
            }
        }
        Ok(items)
    }

    /// Run mode's card for customer `id`: who to ask for, what was said, what is open.
    pub fn agenda_card(&self, id: &str) -> Result<Card> {
        let detail = self.customer_detail(id)?;
        let q = VisitQuery {
            customer_id: Some(id.to_string()),
            ..VisitQuery::default()
        };
        let outstanding: i64 = self.conn().query_row(
            "SELECT COALESCE(sum(d.amount_cents - COALESCE((SELECT sum(p.amount_cents)
                 FROM payments p WHERE p.deal_id = d.id AND p.deleted_at IS NULL), 0)), 0)
             FROM deals d
             WHERE d.customer_id = ?1 AND d.stage = 'won' AND d.deleted_at IS NULL",
            [id],
            |r| r.get(0),
        )?;
        Ok(Card {
            contacts: detail.contacts,
            visits: self.visit_page(&q, 0, 3)?,
            open_deals: detail
                .deals
                .into_iter()
                .filter(|d| d.stage.is_open())
                .collect(),
            outstanding: Money::from_cents(outstanding.max(0)),
        })
    }

    /// The visit a run-mode call on customer `id` logs (with `add_visit`, under its rules): a
    /// call today whose summary is the outcome, and the next follow-up `next`, or else the
    /// grade's cadence from today.
    pub fn outcome_visit(
        &self,
        id: &str,
        outcome: CallOutcome,
        next: Option<NaiveDate>,
    ) -> Result<NewVisit> {
        let customer = self.customer(id)?;
        let cadence = self.cadence();
        let days = match customer.grade {
            Grade::A => cadence.a,
            Grade::B => cadence.b,
            Grade::C => cadence.c,
            Grade::D => cadence.d,
        };
        let today = self.clock().today();
        let label = crate::t!(outcome.label_key()).to_string();
        Ok(NewVisit {
            customer_id: customer.id,
            date: Some(today),
            kind: Some(VisitKind::Call),
            summary: label.clone(),
            outcome: Some(label),
            next_follow_up: Some(next.unwrap_or(today + Days::new(u64::from(days)))),
            ..NewVisit::default()
        })
    }
}
