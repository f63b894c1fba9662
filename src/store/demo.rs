//! Demo data: a realistic sales team, deterministic for a seed (SPEC §3 `demo`, issue 4).
//!
//! Every id and timestamp comes from the seeded generator and the records' own dates, never
//! from the system clock, so the same flags give the same rows (only `workspace` and `audit`
//! differ). Dates end at the clock's today, so the data looks current. Records are written in
//! time order with statements prepared once, in one transaction: the reference set (1 M
//! visits) must take under a minute (SPEC §10).

use chrono::{Datelike, Days, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_pcg::Pcg64Mcg;
use rusqlite::{Transaction, params};

use crate::domain::ids;
use crate::store::{Result, Store, StoreError};
use crate::store::{demo_activity, demo_archive, demo_plans};

#[derive(Debug, Clone)]
pub struct DemoOptions {
    pub seed: u64,
    pub reps: u32,
    pub customers: u32,
    pub visits: u32,
    pub deals: u32,
    pub years: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DemoSummary {
    pub reps: u64,
    pub customers: u64,
    pub visits: u64,
    pub deals: u64,
}

pub(crate) struct RepInfo {
    pub id: String,
    pub login: String,
    pub team: &'static str,
    pub manager: bool,
    pub left_on: Option<NaiveDate>,
}

pub(crate) struct CustomerInfo {
    pub id: String,
    pub owner: Option<usize>,
    pub created: NaiveDate,
    pub grade: u8,
    pub contact: String,
}

/// Shared by the parts of one generation: the random stream and the time frame.
pub(crate) struct Gen {
    pub rng: Pcg64Mcg,
    pub start: NaiveDate,
    pub today: NaiveDate,
}

impl Gen {
    /// A stored timestamp and its Unix milliseconds, `secs` seconds into `date` (UTC).
    pub fn stamp(&self, date: NaiveDate, secs: u32) -> (String, u64) {
        let at = date.and_hms_opt(0, 0, 0).unwrap().and_utc()
            + chrono::Duration::seconds(i64::from(secs % 86_400));
        (crate::clock::stamp(at), at.timestamp_millis().max(0) as u64)
    }

    /// A v7 id for a record made at `ms`, its random part from the seeded stream.
    pub fn id(&mut self, ms: u64) -> String {
        ids::id_from_parts(ms, self.rng.random()).to_string()
    }

    pub fn pick<T: Copy>(&mut self, list: &[T]) -> T {
        list[self.rng.random_range(0..list.len())]
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.rng.random_bool(p)
    }

    pub fn days_after(&mut self, date: NaiveDate, lo: u64, hi: u64) -> NaiveDate {
        (date + Days::new(self.rng.random_range(lo..=hi))).min(self.today)
    }

    /// The day `i` of `n` evenly through [start, end].
    pub fn spread(&self, i: u32, n: u32, end: NaiveDate) -> NaiveDate {
        let span = (end - self.start).num_days().max(0) as u64;
        self.start + Days::new(span * u64::from(i) / u64::from(n.max(1)))
    }
}

/// The indexes of the reps still with the company: only they get customers and new work.
pub(crate) fn active(reps: &[RepInfo]) -> Vec<usize> {
    (0..reps.len())
        .filter(|i| reps[*i].left_on.is_none())
        .collect()
}

pub fn generate(store: &mut Store, founder_login: &str, o: &DemoOptions) -> Result<DemoSummary> {
    let path = store.path().display().to_string();
    let today = store.clock().today();
    let now = store.clock().stamp();
    let conn = store.conn_mut();
    let customers: i64 = conn.query_row("SELECT count(*) FROM customers", [], |r| r.get(0))?;
    if customers > 0 {
        return Err(StoreError::NotEmpty { path });
    }
    let years = o.years.max(1) as i32;
    let mut g = Gen {
        rng: Pcg64Mcg::seed_from_u64(o.seed),
        start: NaiveDate::from_ymd_opt(today.year() - years + 1, 1, 1).unwrap_or(today),
        today,
    };
    // A big page cache only while writing the bulk; the file is new, nobody else is reading.
    conn.pragma_update(None, "cache_size", -256_000)?;
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let reps = demo_archive::write_reps(&tx, &mut g, founder_login, o.reps)?;
    let custs = demo_archive::write_customers(&tx, &mut g, &reps, o.customers)?;
    let visits = demo_activity::write_visits(&tx, &mut g, &reps, &custs, o.visits)?;
    let deals = demo_activity::write_deals(&tx, &mut g, &reps, &custs, o.deals)?;
    finish_customers(&tx)?;
    demo_plans::write_targets(&tx, &mut g, &reps, years)?;
    demo_plans::write_ratings(&tx, &mut g, &reps)?;
    tx.execute(
        "INSERT INTO audit (id, at, who, action, detail) VALUES (?1, ?2, ?3, 'demo', ?4)",
        params![
            ids::new_id().to_string(),
            now,
            founder_login,
            format!("seed {}", o.seed)
        ],
    )?;
    tx.commit()?;
    conn.pragma_update(None, "cache_size", -2_000)?;
    Ok(DemoSummary {
        reps: reps.len() as u64,
        customers: custs.len() as u64,
        visits,
        deals,
    })
}

/// Derived fields, set once from what was written: last contact, next follow-up, and the
/// stage of customers who bought.
fn finish_customers(tx: &Transaction) -> Result<()> {
    tx.execute_batch(
        "UPDATE customers SET
             last_visit_on = (SELECT max(v.date) FROM visits v WHERE v.customer_id = customers.id),
             next_follow_up = (SELECT v.next_follow_up FROM visits v
                               WHERE v.customer_id = customers.id ORDER BY v.date DESC LIMIT 1);
         UPDATE customers SET stage = 'customer'
             WHERE id IN (SELECT customer_id FROM deals WHERE stage = 'won');",
    )?;
    Ok(())
}
