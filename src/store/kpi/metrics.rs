//! The ONE implementation of the actuals of README, Scorecards (KPI): every rep's tally for a period, with one
//! grouped query per metric for all reps at once (never a query per rep). Targets, scorecards
//! and reports all read their actuals from here.

use std::collections::HashMap;

use crate::domain::Period;
use crate::domain::tally::Tally;
use crate::store::query::sum_cents;
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
            "SELECT owner_id, total(amount_cents), total(cost_cents), count(*),
                    CAST(sum(julianday(won_on) - julianday(opened_on)) AS INTEGER),
                    total(CASE WHEN cost_cents IS NOT NULL THEN amount_cents END),
                    sum(cost_cents IS NULL)
             FROM deals WHERE stage = 'won' AND won_on BETWEEN ?1 AND ?2 AND deleted_at IS NULL
             GROUP BY owner_id",
            period,
            &mut t,
            |t, r| {
                t.sales_cents = sum_cents(r, 1)?;
                t.cost_cents = sum_cents(r, 2)?;
                t.won_count = r.get(3)?;
                t.cycle_days = r.get(4)?;
                t.costed_sales_cents = sum_cents(r, 5)?;
                t.uncosted = r.get(6)?;
                Ok(())
            },
        )?;
        // Of those, what was paid by the period's last day.
        fold(
            self,
            "SELECT rep_id, total(cents) FROM rollup_payments
             WHERE won_month BETWEEN substr(?1, 1, 7) AND substr(?2, 1, 7)
               AND paid_month <= substr(?2, 1, 7)
             GROUP BY rep_id",
            period,
            &mut t,
            |t, r| {
                t.paid_by_end_cents = sum_cents(r, 1)?;
                Ok(())
            },
        )?;
        // Payments dated in the period, on the rep's deals.
        fold(
            self,
            "SELECT rep_id, total(cents) FROM rollup_payments
             WHERE paid_month BETWEEN substr(?1, 1, 7) AND substr(?2, 1, 7)
             GROUP BY rep_id",
            period,
            &mut t,
            |t, r| {
                t.collected_cents = sum_cents(r, 1)?;
                Ok(())
            },
        )?;
        // New customers: the customer's first won deal, of anyone, is this one.
        fold(
            self,
            "SELECT owner_id, count(*) FROM first_wins WHERE won_on BETWEEN ?1 AND ?2
             GROUP BY owner_id",
            period,
            &mut t,
            |t, r| {
                t.new_customers = r.get(1)?;
                Ok(())
            },
        )?;
        // Visits written: how many, how many logged within two days, what they cost; and joined.
        fold(
            self,
            "SELECT rep_id, sum(written), sum(timely), total(expense_cents), sum(joined)
             FROM rollup_visits WHERE month BETWEEN substr(?1, 1, 7) AND substr(?2, 1, 7)
             GROUP BY rep_id",
            period,
            &mut t,
            |t, r| {
                t.written = r.get(1)?;
                t.timely = r.get(2)?;
                t.expense_cents = sum_cents(r, 3)?;
                t.joined = r.get(4)?;
                Ok(())
            },
        )?;
        Ok(t)
    }

    /// A team's tally for `period`: the sum of its reps' (rates pooled), each rep for the
    /// months their work counts for the team (`domain::roster`). `tallies` are the period's;
    /// a rep who moved during it is summed month by month instead.
    pub fn team_tally(
        &self,
        team: &str,
        period: Period,
        tallies: &HashMap<String, Tally>,
    ) -> Result<Tally> {
        let roster = self.roster()?;
        let mut total = Tally::default();
        let mut months: HashMap<Period, HashMap<String, Tally>> = HashMap::new();
        for (rep, mine, whole) in roster.members(team, period) {
            if whole {
                total = total + tallies.get(rep).copied().unwrap_or_default();
                continue;
            }
            for m in mine {
                if let std::collections::hash_map::Entry::Vacant(e) = months.entry(m) {
                    e.insert(self.tallies(m)?);
                }
                total = total + months[&m].get(rep).copied().unwrap_or_default();
            }
        }
        Ok(total)
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
            Sales => "SELECT owner_id, CAST(substr(won_on, 6, 2) AS INTEGER), total(amount_cents) FROM deals
                      WHERE stage = 'won' AND won_on BETWEEN ?1 AND ?2 AND deleted_at IS NULL GROUP BY 1, 2",
            // Over the deals that have a cost (`Tally::gross_profit`).
            GrossProfit => "SELECT owner_id, CAST(substr(won_on, 6, 2) AS INTEGER),
                                total(CASE WHEN cost_cents IS NOT NULL
                                           THEN amount_cents - cost_cents END) FROM deals
                            WHERE stage = 'won' AND won_on BETWEEN ?1 AND ?2 AND deleted_at IS NULL GROUP BY 1, 2",
            Collected => "SELECT rep_id, CAST(substr(paid_month, 6, 2) AS INTEGER), total(cents)
                          FROM rollup_payments
                          WHERE paid_month BETWEEN substr(?1, 1, 7) AND substr(?2, 1, 7) GROUP BY 1, 2",
            NewCustomers => "SELECT owner_id, CAST(substr(won_on, 6, 2) AS INTEGER), count(*) FROM first_wins
                             WHERE won_on BETWEEN ?1 AND ?2 GROUP BY 1, 2",
            Visits => "SELECT rep_id, CAST(substr(month, 6, 2) AS INTEGER), sum(written + joined)
                       FROM rollup_visits WHERE month BETWEEN substr(?1, 1, 7) AND substr(?2, 1, 7)
                       GROUP BY 1, 2",
        };
        let p = crate::domain::Period::Year(year);
        let mut out: MonthlyActuals = HashMap::new();
        let mut stmt = self.conn().prepare_cached(sql)?;
        let mut rows = stmt.query((p.first_day(), p.last_day()))?;
        while let Some(r) = rows.next()? {
            let (rep, month, v): (String, i64, i64) = (r.get(0)?, r.get(1)?, sum_cents(r, 2)?);
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
