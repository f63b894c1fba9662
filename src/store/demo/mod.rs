//! Demo data: a realistic sales team, deterministic for a seed (README, The CLI `demo`, issue 4).
//!
//! Every id and timestamp comes from the seeded generator and the records' own dates, never
//! from the system clock, so the same flags give the same rows (only `workspace` and `audit`
//! differ). Dates end at the clock's today, so the data looks current. Records are written in
//! time order with statements prepared once, in one transaction: the reference set (1 M
//! visits) must take under a minute (benches/README.md).

mod activity;
mod archive;
pub mod names;
pub mod plans;

use chrono::{DateTime, Days, Months, NaiveDate, Utc};
use rand::{Rng, SeedableRng};
use rand_pcg::Pcg64Mcg;
use rusqlite::{Transaction, params};

use crate::domain::ids;
use crate::store::schema::bulk;
use crate::store::{Result, Store, StoreError};

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
    /// The owner today (`None`: the pool).
    pub owner: Option<usize>,
    /// The owner before a handover: a rep who left, until `handed_over`.
    pub first_owner: Option<usize>,
    pub handed_over: Option<NaiveDate>,
    pub created: NaiveDate,
    pub grade: u8,
    pub contact: String,
}

impl CustomerInfo {
    /// Who owned the customer on `date`.
    pub fn owner_on(&self, date: NaiveDate) -> Option<usize> {
        match self.handed_over {
            Some(h) if date < h => self.first_owner,
            _ => self.owner,
        }
    }
}

/// Shared by the parts of one generation: the random stream and the time frame.
pub(crate) struct Gen {
    pub rng: Pcg64Mcg,
    pub start: NaiveDate,
    pub today: NaiveDate,
    /// The clock's now: no generated timestamp is later.
    pub now: DateTime<Utc>,
}

impl Gen {
    /// A stored timestamp and its Unix milliseconds, `secs` seconds into `date` (UTC), but
    /// never after now.
    pub fn stamp(&self, date: NaiveDate, secs: u32) -> (String, u64) {
        let at = date.and_hms_opt(0, 0, 0).unwrap().and_utc()
            + chrono::Duration::seconds(i64::from(secs % 86_400));
        let at = at.min(self.now);
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
    active_on(reps, NaiveDate::MAX)
}

/// The indexes of the reps with the company on `date` (not yet left).
pub(crate) fn active_on(reps: &[RepInfo], date: NaiveDate) -> Vec<usize> {
    (0..reps.len())
        .filter(|i| reps[*i].left_on.is_none_or(|l| date < l))
        .collect()
}

/// The manager of a rep's team (the founder when the team has none).
pub(crate) fn manager_of(reps: &[RepInfo], rep: usize) -> usize {
    (1..reps.len())
        .find(|m| reps[*m].manager && reps[*m].team == reps[rep].team)
        .unwrap_or(0)
}

/// The first day of the time frame: `years` years before today, so the data covers exactly
/// the last `years` years up to today.
pub(crate) fn frame_start(today: NaiveDate, years: u32) -> NaiveDate {
    today
        .checked_sub_months(Months::new(12 * years.max(1)))
        .and_then(|d| d.succ_opt())
        .unwrap_or(today)
}

pub fn generate(store: &mut Store, founder_login: &str, o: &DemoOptions) -> Result<DemoSummary> {
    let path = store.path().display().to_string();
    let today = store.clock().today();
    let now = store.clock().stamp();
    let now_at = store.clock().now().with_timezone(&Utc);
    let mut g = Gen {
        rng: Pcg64Mcg::seed_from_u64(o.seed),
        start: frame_start(today, o.years),
        today,
        now: now_at,
    };
    let conn = store.conn_mut();
    // A big page cache only while writing the bulk; the old size comes back whatever happens.
    let cache: i64 = conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
    conn.pragma_update(None, "cache_size", -DEMO_CACHE_KIB)?;
    let written = (|| {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        // Checked inside the write transaction, so nobody can add reps or customers in
        // between: demo data goes only into an empty database and only for its manager, so
        // invented records never mix with a team's work (an outsider on a team server).
        refuse_unless_manager(&tx, founder_login)?;
        let customers: i64 = tx.query_row("SELECT count(*) FROM customers", [], |r| r.get(0))?;
        if customers > 0 {
            return Err(StoreError::NotEmpty { path });
        }
        refuse_other_reps(&tx, &path)?;
        let summary = bulk::load(&tx, &bulk::EVERYTHING, || {
            write_all(&tx, &mut g, founder_login, o)
        })?;
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
        Ok(summary)
    })();
    conn.pragma_update(None, "cache_size", cache)?;
    written
}

/// Refused unless `login` is an active manager here, or nobody is a rep yet (the founder of
/// an empty database becomes its manager).
fn refuse_unless_manager(tx: &Transaction, login: &str) -> Result<()> {
    let (reps, manager): (i64, bool) = tx.query_row(
        "SELECT count(*), EXISTS (SELECT 1 FROM reps
             WHERE login = ?1 AND role = 'manager' AND left_on IS NULL)
         FROM reps",
        [login],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    if reps > 0 && !manager {
        return Err(StoreError::rule(
            "server.demo_not_manager",
            &[("login", &login)],
        ));
    }
    Ok(())
}

/// Refused when anyone but the manager running it is a rep: their work is real.
fn refuse_other_reps(tx: &Transaction, path: &str) -> Result<()> {
    let reps: i64 = tx.query_row("SELECT count(*) FROM reps", [], |r| r.get(0))?;
    if reps > 1 {
        return Err(StoreError::rule(
            "server.demo_has_reps",
            &[("path", &path), ("count", &(reps - 1))],
        ));
    }
    Ok(())
}

/// Every table's demo rows, in dependency order.
fn write_all(
    tx: &Transaction,
    g: &mut Gen,
    founder_login: &str,
    o: &DemoOptions,
) -> Result<DemoSummary> {
    let reps = archive::write_reps(tx, g, founder_login, o.reps)?;
    tx.execute_batch(crate::store::schema::REP_HISTORY_FILL)?;
    let custs = archive::write_customers(tx, g, &reps, o.customers)?;
    crate::store::customers::spelling::fill_name_pinyin(tx, "main")?;
    let last = activity::write_visits(tx, g, &reps, &custs, o.visits)?;
    let deals = activity::write_deals(tx, g, &reps, &custs, o.deals)?;
    finish_customers(tx, g, &custs, &last)?;
    plans::write_targets(tx, g, &reps)?;
    plans::write_ratings(tx, g, &reps)?;
    Ok(DemoSummary {
        reps: reps.len() as u64,
        customers: custs.len() as u64,
        visits: if custs.is_empty() {
            0
        } else {
            u64::from(o.visits)
        },
        deals,
    })
}

/// The page cache while writing the bulk, in KiB: the indexes of a million visits stay in
/// memory. The file is new and nobody else is reading; the old size is restored afterwards.
const DEMO_CACHE_KIB: i64 = 128 * 1024;

/// The follow-up cadence of a grade in days (README, The public pool, claims and handovers defaults: A 7, B 14, C 30, D 60).
const CADENCE: [u64; 4] = [7, 14, 30, 60];

/// Derived fields, set once from what was written: last contact, next follow-up, and the
/// stage of customers who bought. `last` holds each customer's last visit date and the
/// follow-up that visit planned.
fn finish_customers(
    tx: &Transaction,
    g: &mut Gen,
    custs: &[CustomerInfo],
    last: &[Option<(NaiveDate, Option<NaiveDate>)>],
) -> Result<()> {
    let mut stmt =
        tx.prepare("UPDATE customers SET last_visit_on = ?2, next_follow_up = ?3 WHERE id = ?1")?;
    for (c, last) in custs.iter().zip(last) {
        let (last_on, planned) = match last {
            Some((d, p)) => (Some(*d), *p),
            None => (None, None),
        };
        // Pool customers have nobody to follow them up. An owner plans the next contact at
        // the last visit, or one cadence after it; most owners keep that plan current, some
        // let it slip (overdue).
        let next = c.owner.map(|_| {
            let cadence = CADENCE[usize::from(c.grade)];
            let due = planned.unwrap_or(last_on.unwrap_or(c.created) + Days::new(cadence));
            if due < g.today && g.chance(0.75) {
                g.today + Days::new(g.rng.random_range(1..=cadence))
            } else {
                due
            }
        });
        if last_on.is_some() || next.is_some() {
            stmt.execute(params![c.id, last_on, next])?;
        }
    }
    tx.execute_batch(
        "UPDATE customers SET stage = 'customer'
             WHERE id IN (SELECT customer_id FROM deals WHERE stage = 'won');",
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_frame_is_the_last_years_up_to_today() {
        assert_eq!(frame_start(d(2026, 9, 30), 5), d(2021, 10, 1));
        assert_eq!(frame_start(d(2026, 9, 30), 1), d(2025, 10, 1));
        assert_eq!(frame_start(d(2026, 9, 30), 0), d(2025, 10, 1));
        assert_eq!(frame_start(d(2028, 2, 29), 1), d(2027, 3, 1));
    }

    #[test]
    fn a_handed_over_customer_had_its_first_owner_until_the_handover() {
        let c = CustomerInfo {
            id: String::new(),
            owner: Some(2),
            first_owner: Some(1),
            handed_over: Some(d(2025, 3, 1)),
            created: d(2024, 1, 1),
            grade: 0,
            contact: String::new(),
        };
        assert_eq!(c.owner_on(d(2025, 2, 28)), Some(1));
        assert_eq!(c.owner_on(d(2025, 3, 1)), Some(2));
    }
}
