//! The ONE implementation of the actuals of SPEC §5: every rep's tally for a period, with one
//! grouped query per metric for all reps at once (never a query per rep). Targets, scorecards
//! and reports all read their actuals from here.

use std::collections::HashMap;

use crate::domain::Period;
use crate::domain::tally::Tally;
use crate::store::{Result, Store};

/// A grouped query's rows: (rep id, values…) folded into the tallies by `apply`.
fn fold(
    store: &Store,
    sql: &str,
    period: Period,
    tallies: &mut HashMap<String, Tally>,
    apply: fn(&mut Tally, &rusqlite::Row) -> rusqlite::Result<()>,
) -> Result<()> {
    let mut stmt = store.conn().prepare_cached(sql)?;
    let mut rows = stmt.query((period.first_day(), period.last_day()))?;
    while let Some(r) = rows.next()? {
        let rep: String = r.get(0)?;
        apply(tallies.entry(rep).or_default(), r)?;
    }
    Ok(())
}

impl Store {
    /// Every rep's tally for `period`, by rep id (reps with nothing in it are absent).
    pub fn tallies(&self, period: Period) -> Result<HashMap<String, Tally>> {
        let mut t: HashMap<String, Tally> = HashMap::new();
        // Deals won in the period: sales, cost, count, days to win.
        fold(
            self,
            "SELECT owner_id, sum(amount_cents), sum(COALESCE(cost_cents, 0)), count(*),
                    CAST(sum(julianday(won_on) - julianday(opened_on)) AS INTEGER)
             FROM deals WHERE stage = 'won' AND won_on BETWEEN ?1 AND ?2 AND deleted_at IS NULL
             GROUP BY owner_id",
            period,
            &mut t,
            |t, r| {
                t.sales_cents = r.get(1)?;
                t.cost_cents = r.get(2)?;
                t.won_count = r.get(3)?;
                t.cycle_days = r.get(4)?;
                Ok(())
            },
        )?;
        // Of those, what was paid by the period's last day.
        fold(
            self,
            "SELECT d.owner_id, sum(p.amount_cents) FROM deals d JOIN payments p ON p.deal_id = d.id
             WHERE d.stage = 'won' AND d.won_on BETWEEN ?1 AND ?2 AND p.paid_on <= ?2
               AND d.deleted_at IS NULL AND p.deleted_at IS NULL
             GROUP BY d.owner_id",
            period,
            &mut t,
            |t, r| {
                t.paid_by_end_cents = r.get(1)?;
                Ok(())
            },
        )?;
        // Payments dated in the period, on the rep's deals.
        fold(
            self,
            "SELECT d.owner_id, sum(p.amount_cents) FROM payments p JOIN deals d ON d.id = p.deal_id
             WHERE p.paid_on BETWEEN ?1 AND ?2 AND p.deleted_at IS NULL AND d.deleted_at IS NULL
             GROUP BY d.owner_id",
            period,
            &mut t,
            |t, r| {
                t.collected_cents = r.get(1)?;
                Ok(())
            },
        )?;
        // New customers: the customer's first won deal, of anyone, is this one.
        fold(
            self,
            "SELECT d.owner_id, count(*) FROM deals d
             WHERE d.stage = 'won' AND d.won_on BETWEEN ?1 AND ?2 AND d.deleted_at IS NULL
               AND NOT EXISTS (SELECT 1 FROM deals e WHERE e.customer_id = d.customer_id
                   AND e.stage = 'won' AND e.deleted_at IS NULL
                   AND (e.won_on < d.won_on OR (e.won_on = d.won_on AND e.id < d.id)))
             GROUP BY d.owner_id",
            period,
            &mut t,
            |t, r| {
                t.new_customers = r.get(1)?;
                Ok(())
            },
        )?;
        // Visits written: how many, how many logged within two days, what they cost.
        fold(
            self,
            "SELECT author_id, count(*),
                    sum(julianday(substr(logged_at, 1, 10)) - julianday(date) <= 2),
                    sum(expense_cents)
             FROM visits WHERE date BETWEEN ?1 AND ?2 AND deleted_at IS NULL
             GROUP BY author_id",
            period,
            &mut t,
            |t, r| {
                t.written = r.get(1)?;
                t.timely = r.get(2)?;
                t.expense_cents = r.get(3)?;
                Ok(())
            },
        )?;
        // Visits joined.
        fold(
            self,
            "SELECT j.rep_id, count(*) FROM visit_reps j JOIN visits v ON v.id = j.visit_id
             WHERE v.date BETWEEN ?1 AND ?2 AND v.deleted_at IS NULL
             GROUP BY j.rep_id",
            period,
            &mut t,
            |t, r| {
                t.joined = r.get(1)?;
                Ok(())
            },
        )?;
        Ok(t)
    }

    /// A team's tally: the sum of its reps' (rates pooled).
    pub fn team_tally(&self, team: &str, tallies: &HashMap<String, Tally>) -> Result<Tally> {
        let reps = self.list_reps()?;
        Ok(reps
            .iter()
            .filter(|r| r.team == team)
            .filter_map(|r| tallies.get(&r.id))
            .copied()
            .sum())
    }
}

/// A target metric's actual for every rep in every month of a year: rep id → 12 values.
pub type MonthlyActuals = HashMap<String, [i64; 12]>;

impl Store {
    /// One grouped query for all reps and all twelve months of `year` (the Targets grid):
    /// quarters and the year are sums of months, a team the sum of its reps.
    pub fn monthly_actuals(
        &self,
        year: i32,
        metric: crate::domain::Metric,
    ) -> Result<MonthlyActuals> {
        use crate::domain::Metric::*;
        let sql = match metric {
            Sales => "SELECT owner_id, CAST(substr(won_on, 6, 2) AS INTEGER), sum(amount_cents) FROM deals
                      WHERE stage = 'won' AND won_on BETWEEN ?1 AND ?2 AND deleted_at IS NULL GROUP BY 1, 2",
            GrossProfit => "SELECT owner_id, CAST(substr(won_on, 6, 2) AS INTEGER),
                                sum(amount_cents - COALESCE(cost_cents, 0)) FROM deals
                            WHERE stage = 'won' AND won_on BETWEEN ?1 AND ?2 AND deleted_at IS NULL GROUP BY 1, 2",
            Collected => "SELECT d.owner_id, CAST(substr(p.paid_on, 6, 2) AS INTEGER), sum(p.amount_cents)
                          FROM payments p JOIN deals d ON d.id = p.deal_id
                          WHERE p.paid_on BETWEEN ?1 AND ?2 AND p.deleted_at IS NULL AND d.deleted_at IS NULL
                          GROUP BY 1, 2",
            NewCustomers => "SELECT d.owner_id, CAST(substr(d.won_on, 6, 2) AS INTEGER), count(*) FROM deals d
                             WHERE d.stage = 'won' AND d.won_on BETWEEN ?1 AND ?2 AND d.deleted_at IS NULL
                               AND NOT EXISTS (SELECT 1 FROM deals e WHERE e.customer_id = d.customer_id
                                   AND e.stage = 'won' AND e.deleted_at IS NULL
                                   AND (e.won_on < d.won_on OR (e.won_on = d.won_on AND e.id < d.id)))
                             GROUP BY 1, 2",
            Visits => "SELECT rep, month, count(*) FROM (
                           SELECT author_id AS rep, CAST(substr(date, 6, 2) AS INTEGER) AS month FROM visits
                           WHERE date BETWEEN ?1 AND ?2 AND deleted_at IS NULL
                           UNION ALL
                           SELECT j.rep_id, CAST(substr(v.date, 6, 2) AS INTEGER) FROM visit_reps j
                           JOIN visits v ON v.id = j.visit_id
                           WHERE v.date BETWEEN ?1 AND ?2 AND v.deleted_at IS NULL)
                       GROUP BY 1, 2",
        };
        let p = crate::domain::Period::Year(year);
        let mut out: MonthlyActuals = HashMap::new();
        let mut stmt = self.conn().prepare_cached(sql)?;
        let mut rows = stmt.query((p.first_day(), p.last_day()))?;
        while let Some(r) = rows.next()? {
            let (rep, month, v): (String, i64, i64) = (r.get(0)?, r.get(1)?, r.get(2)?);
            if let Some(slot) = out
                .entry(rep)
                .or_insert([0; 12])
                .get_mut((month - 1) as usize)
            {
                *slot = v;
            }
        }
        Ok(out)
    }
}
