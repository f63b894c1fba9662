//! Demo targets and ratings: what a manager would have set for the years generated. Targets
//! are drawn near the year's real actuals and split year → quarters → months and team → reps
//! by the largest-remainder method, so every breakdown adds up exactly.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use rand::Rng;
use rusqlite::{Transaction, params};

use crate::domain::split::largest_remainder;
use crate::domain::{Metric, Period};
use crate::store::Result;
use crate::store::demo::names as words;
use crate::store::demo::{Gen, RepInfo};

const METRICS: [Metric; 5] = [
    Metric::Sales,
    Metric::GrossProfit,
    Metric::Collected,
    Metric::NewCustomers,
    Metric::Visits,
];

/// Each rep's actual of each metric per year, from what was generated: (rep id, year) → values.
fn actuals(tx: &Transaction) -> Result<HashMap<(String, i32), [i64; 5]>> {
    let queries = [
        "SELECT owner_id, substr(won_on, 1, 4), sum(amount_cents) FROM deals
         WHERE stage = 'won' GROUP BY 1, 2",
        "SELECT owner_id, substr(won_on, 1, 4), sum(amount_cents - COALESCE(cost_cents, 0))
         FROM deals WHERE stage = 'won' GROUP BY 1, 2",
        "SELECT d.owner_id, substr(p.paid_on, 1, 4), sum(p.amount_cents)
         FROM payments p JOIN deals d ON d.id = p.deal_id GROUP BY 1, 2",
        "SELECT owner_id, yr, count(*) FROM (
             SELECT owner_id, substr(won_on, 1, 4) AS yr, row_number() OVER
                 (PARTITION BY customer_id ORDER BY won_on, id) AS n
             FROM deals WHERE stage = 'won') WHERE n = 1 GROUP BY 1, 2",
        "SELECT author_id, substr(date, 1, 4), count(*) FROM visits GROUP BY 1, 2",
    ];
    let mut out: HashMap<(String, i32), [i64; 5]> = HashMap::new();
    for (m, sql) in queries.iter().enumerate() {
        let mut stmt = tx.prepare(sql)?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let year: String = r.get(1)?;
            let key = (r.get(0)?, year.parse().unwrap_or(0));
            out.entry(key).or_default()[m] = r.get(2)?;
        }
    }
    Ok(out)
}

struct TargetWriter<'t> {
    target: rusqlite::Statement<'t>,
    change: rusqlite::Statement<'t>,
    by: String,
}

impl TargetWriter<'_> {
    fn write(
        &mut self,
        g: &mut Gen,
        scope: (&str, &str),
        metric: Metric,
        period: Period,
        value: i64,
    ) -> Result<()> {
        // Set in the middle of December before the year starts, by the founding manager.
        let day = NaiveDate::from_ymd_opt(period.year() - 1, 12, 15).unwrap_or(g.start);
        let (at, ms) = g.stamp(day, 10 * 3600);
        let id = g.id(ms);
        let note =
            (period.granularity() == crate::domain::Granularity::Year).then_some("demo plan");
        self.target.execute(params![
            id,
            scope.0,
            scope.1,
            metric.code(),
            period.to_string(),
            value,
            note,
            at,
            self.by
        ])?;
        let change_id = g.id(ms);
        self.change
            .execute(params![change_id, id, value, "plan", self.by, at])?;
        Ok(())
    }
}

/// Days of `period` from `from` on (0 when it ends before).
fn days_from(period: Period, from: NaiveDate) -> u64 {
    let first = period.first_day().max(from);
    ((period.last_day() - first).num_days() + 1).max(0) as u64
}

/// Days of `period` within [from, to].
fn days_within(period: Period, from: NaiveDate, to: NaiveDate) -> u64 {
    let first = period.first_day().max(from);
    let last = period.last_day().min(to);
    ((last - first).num_days() + 1).max(0) as u64
}

/// Writes `year`'s value, its quarters and its months for one scope.
fn write_tree(
    w: &mut TargetWriter,
    g: &mut Gen,
    scope: (&str, &str),
    metric: Metric,
    year: i32,
    months: &[i64],
) -> Result<()> {
    let quarters: Vec<i64> = months.chunks(3).map(|m| m.iter().sum()).collect();
    w.write(g, scope, metric, Period::Year(year), quarters.iter().sum())?;
    for (q, v) in Period::Year(year).quarters().into_iter().zip(&quarters) {
        w.write(g, scope, metric, q, *v)?;
    }
    for (m, v) in Period::Year(year).months().into_iter().zip(months) {
        w.write(g, scope, metric, m, *v)?;
    }
    Ok(())
}

pub(crate) fn write_targets(tx: &Transaction, g: &mut Gen, reps: &[RepInfo]) -> Result<()> {
    let actual = actuals(tx)?;
    let mut w = TargetWriter {
        target: tx.prepare(
            "INSERT INTO targets (id, scope_kind, scope, metric, period, value, note,
                 created_at, updated_at, updated_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9)",
        )?,
        change: tx.prepare(
            "INSERT INTO target_changes (id, target_id, old_value, new_value, reason, changed_by, changed_at)
             VALUES (?1, ?2, NULL, ?3, ?4, ?5, ?6)",
        )?,
        by: reps[0].login.clone(),
    };
    let mut teams: Vec<&str> = reps.iter().map(|r| r.team).collect();
    teams.sort();
    teams.dedup();
    // Every calendar year the time frame touches. The months before the frame starts get
    // nothing (no data was made for them); the rest of the year is planned from the run rate
    // of the days that have data.
    for year in g.start.year()..=g.today.year() {
        let period = Period::Year(year);
        let months = period.months();
        let month_days: Vec<u64> = months.iter().map(|m| days_from(*m, g.start)).collect();
        let planned = days_from(period, g.start) as f64;
        let seen = days_within(period, g.start, g.today).max(1) as f64;
        for team in &teams {
            let members: Vec<&RepInfo> = reps
                .iter()
                .filter(|r| r.team == *team && !r.manager)
                .filter(|r| r.left_on.is_none_or(|l| l > period.first_day()))
                .collect();
            for (m, metric) in METRICS.iter().enumerate() {
                let of = |r: &RepInfo| actual.get(&(r.id.clone(), year)).map_or(0, |a| a[m]);
                let team_actual: i64 = members.iter().map(|r| of(r)).sum();
                // A target near what the year will bring: the run rate, give or take.
                let factor = g.rng.random_range(90..125) as f64 / 100.0;
                let mut value = (team_actual as f64 * planned / seen * factor) as i64;
                if metric.is_money() {
                    value = (value / 1_000_000).max(1) * 1_000_000; // whole ¥10,000s
                }
                let team_months = largest_remainder(value.max(1), &month_days);
                write_tree(&mut w, g, ("team", team), *metric, year, &team_months)?;
                // Each team month is split across the reps still there that month by their
                // share of the year, and a rep's quarters and year are the sums of their
                // months: every breakdown, in time and across people, adds up exactly.
                let mut rep_months = vec![Vec::with_capacity(12); members.len()];
                for (month, month_value) in months.iter().zip(&team_months) {
                    let weights: Vec<u64> = members
                        .iter()
                        .map(|r| match r.left_on {
                            Some(l) if l <= month.first_day() => 0,
                            _ => of(r).max(0) as u64 + 1,
                        })
                        .collect();
                    for (r, part) in largest_remainder(*month_value, &weights)
                        .into_iter()
                        .enumerate()
                    {
                        rep_months[r].push(part);
                    }
                }
                for (rep, months) in members.iter().zip(&rep_months) {
                    write_tree(&mut w, g, ("rep", &rep.id), *metric, year, months)?;
                }
            }
        }
    }
    Ok(())
}

pub(crate) fn write_ratings(tx: &Transaction, g: &mut Gen, reps: &[RepInfo]) -> Result<()> {
    let mut stmt = tx.prepare(
        "INSERT INTO ratings (id, rep_id, period, attitude, knowledge, teamwork, comment, rated_by,
             response, responded_at, created_at, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, ?8)",
    )?;
    let mut quarter = Period::quarter_of(g.start);
    while quarter.last_day() < g.today {
        for rep in reps.iter().filter(|r| !r.manager) {
            if rep.left_on.is_some_and(|l| l <= quarter.first_day()) || !g.chance(0.85) {
                continue;
            }
            let manager = reps
                .iter()
                .find(|m| m.manager && m.team == rep.team)
                .unwrap_or(&reps[0]);
            let day = g.days_after(quarter.last_day(), 3, 12);
            let (at, ms) = g.stamp(day, 16 * 3600);
            let id = g.id(ms);
            // Mostly 3 and 4; a few 1s and 5s.
            let score = |g: &mut Gen| match g.rng.random_range(0..100) {
                0..3 => 1,
                3..15 => 2,
                15..50 => 3,
                50..85 => 4,
                _ => 5,
            };
            let (a, k, t) = (score(g), score(g), score(g));
            let response = g.chance(0.3).then(|| g.pick(words::RATING_RESPONSES));
            let answered_on = g.days_after(day, 1, 5);
            let responded = response.map(|_| g.stamp(answered_on, 18 * 3600).0);
            stmt.execute(params![
                id,
                rep.id,
                quarter.to_string(),
                a,
                k,
                t,
                g.pick(words::RATING_COMMENTS),
                manager.login,
                response,
                responded,
                at,
            ])?;
        }
        quarter = quarter.next();
    }
    Ok(())
}
