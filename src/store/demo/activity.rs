//! Demo activity: visits (some joint, some logged late), deals in every stage, payments.

use chrono::{Days, NaiveDate};
use rand::Rng;
use rusqlite::{Transaction, params};

use crate::store::Result;
use crate::store::demo::names as words;
use crate::store::demo::{CustomerInfo, Gen, RepInfo, active_on};

/// A customer that exists on `date`, favouring the better grades (they are visited more).
fn pick_customer(g: &mut Gen, custs: &[CustomerInfo], date: NaiveDate) -> usize {
    let known = custs.partition_point(|c| c.created <= date).max(1);
    loop {
        let i = g.rng.random_range(0..known);
        let keep = [1.0, 0.7, 0.45, 0.25][custs[i].grade as usize];
        if g.chance(keep) {
            return i;
        }
    }
}

/// A customer's last visit date and the follow-up it planned.
pub(crate) type LastVisit = Option<(NaiveDate, Option<NaiveDate>)>;

/// The reps on staff on a date, recomputed only when a leaving date is crossed: visits are
/// written in date order.
struct Staff<'r> {
    reps: &'r [RepInfo],
    key: Option<usize>,
    list: Vec<usize>,
}

impl<'r> Staff<'r> {
    fn new(reps: &'r [RepInfo]) -> Self {
        Staff {
            reps,
            key: None,
            list: Vec::new(),
        }
    }

    fn on(&mut self, date: NaiveDate) -> &[usize] {
        let key = self
            .reps
            .iter()
            .filter(|r| r.left_on.is_some_and(|l| l <= date))
            .count();
        if self.key != Some(key) {
            self.key = Some(key);
            self.list = active_on(self.reps, date);
        }
        &self.list
    }
}

pub(crate) fn write_visits(
    tx: &Transaction,
    g: &mut Gen,
    reps: &[RepInfo],
    custs: &[CustomerInfo],
    n: u32,
) -> Result<Vec<LastVisit>> {
    let mut last = vec![None; custs.len()];
    if custs.is_empty() {
        return Ok(last);
    }
    let mut staff = Staff::new(reps);
    let mut visit = tx.prepare(
        "INSERT INTO visits (id, customer_id, author_id, date, kind, purpose, summary, outcome,
             next_step, next_follow_up, expense_cents, logged_at, created_at, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12, ?12, ?13)",
    )?;
    let mut joint =
        tx.prepare("INSERT INTO visit_reps (visit_id, rep_id, created_at) VALUES (?1, ?2, ?3)")?;
    let mut met = tx.prepare(
        "INSERT INTO visit_contacts (visit_id, contact_id, created_at) VALUES (?1, ?2, ?3)",
    )?;
    let kinds = [
        "visit",
        "visit",
        "visit",
        "call",
        "call",
        "meeting",
        "online",
        "exhibition",
        "other",
    ];
    for v in 0..n {
        let date = g.spread(v, n, g.today);
        let ci = pick_customer(g, custs, date);
        let c = &custs[ci];
        let on_staff = staff.on(date);
        // The owner of the day logs most visits on their customers; now and then a colleague
        // of the same team stands in. Pool customers get whoever went.
        let author = match c.owner_on(date) {
            Some(o) if g.chance(0.92) => o,
            Some(o) => {
                let mates: Vec<usize> = on_staff
                    .iter()
                    .copied()
                    .filter(|m| reps[*m].team == reps[o].team)
                    .collect();
                g.pick(&mates)
            }
            None => g.pick(on_staff),
        };
        let late = g.chance(0.15);
        let logged = if late {
            g.days_after(date, 3, 10)
        } else {
            date
        };
        let (logged_at, _) = g.stamp(logged, 9 * 3600 + v % 40_000);
        let (_, ms) = g.stamp(date, 8 * 3600 + v % 40_000);
        let id = g.id(ms);
        // A planned follow-up may lie after today: it is a plan.
        let next = g
            .chance(0.3)
            .then(|| date + Days::new(g.rng.random_range(7..=30)));
        last[ci] = Some((date, next));
        let expense = if g.chance(0.4) {
            g.rng.random_range(50..2_000i64) * 100 + [0, 50][v as usize % 2]
        } else {
            0
        };
        visit.execute(params![
            id,
            c.id,
            reps[author].id,
            date,
            g.pick(&kinds),
            g.chance(0.5).then(|| g.pick(words::PURPOSES)),
            g.pick(words::VISIT_SUMMARIES),
            g.chance(0.4).then(|| g.pick(words::OUTCOMES)),
            g.chance(0.4).then(|| g.pick(words::NEXT_STEPS)),
            next,
            expense,
            logged_at,
            reps[author].login,
        ])?;
        if g.chance(0.1) {
            let mates: Vec<usize> = staff
                .on(date)
                .iter()
                .copied()
                .filter(|m| *m != author && reps[*m].team == reps[author].team)
                .collect();
            if !mates.is_empty() {
                let mate = g.pick(&mates);
                joint.execute(params![id, reps[mate].id, logged_at])?;
            }
        }
        if g.chance(0.05) {
            met.execute(params![id, c.contact, logged_at])?;
        }
    }
    Ok(last)
}

pub(crate) fn write_deals(
    tx: &Transaction,
    g: &mut Gen,
    reps: &[RepInfo],
    custs: &[CustomerInfo],
    n: u32,
) -> Result<u64> {
    if custs.is_empty() {
        return Ok(0);
    }
    let mut deal = tx.prepare(
        "INSERT INTO deals (id, customer_id, owner_id, title, stage, amount_cents, cost_cents,
             product_line, opened_on, won_on, lost_reason, created_at, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?;
    let mut pay = tx.prepare(
        "INSERT INTO payments (id, deal_id, paid_on, amount_cents, created_at, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6)",
    )?;
    let open = ["lead", "qualified", "proposal", "negotiation"];
    for i in 0..n {
        let opened = g.spread(i, n, g.today);
        let c = &custs[pick_customer(g, custs, opened)];
        let old = (g.today - opened).num_days() > 150;
        let roll = g.rng.random_range(0..100);
        let stage = match (old, roll) {
            (true, 0..45) | (false, 0..15) => "won",
            (true, 45..80) | (false, 15..25) => "lost",
            _ => g.pick(&open),
        };
        let won_on = (stage == "won").then(|| g.days_after(opened, 10, 140));
        // A deal belongs to whoever owned the customer when it closed; an open one was handed
        // over with the customer when its first owner left. Pool customers' deals go to
        // someone on staff then.
        let closed = match stage {
            "won" => won_on.unwrap_or(opened),
            "lost" => g.days_after(opened, 10, 120),
            _ => g.today,
        };
        let owner = c
            .owner_on(closed)
            .unwrap_or_else(|| g.pick(&active_on(reps, closed)));
        // Log-uniform between ¥5,000 and ¥2,000,000, in whole yuan.
        let yuan = (5_000f64 * 400f64.powf(g.rng.random::<f64>())).round() as i64;
        let amount = (stage == "won" || g.chance(0.7)).then_some(yuan * 100);
        let cost = amount
            .filter(|_| g.chance(0.9))
            .map(|a| a * g.rng.random_range(40..75) / 100);
        let (created, ms) = g.stamp(opened, 10 * 3600 + i % 30_000);
        let updated = match stage {
            "won" | "lost" => g.stamp(closed, 15 * 3600).0,
            _ => created.clone(),
        };
        let id = g.id(ms);
        deal.execute(params![
            id,
            c.id,
            reps[owner].id,
            g.pick(words::DEAL_TITLES),
            stage,
            amount,
            cost,
            g.pick(words::PRODUCTS),
            opened,
            won_on,
            (stage == "lost").then(|| g.pick(words::LOST_REASONS)),
            created,
            updated,
            reps[owner].login,
        ])?;
        if let (Some(won), Some(total)) = (won_on, amount) {
            // 60 % paid in full, 25 % in part, 15 % not yet; instalments in date order.
            let share = match g.rng.random_range(0..100) {
                0..60 => 100,
                60..85 => g.rng.random_range(30..90),
                _ => 0,
            };
            let due = total * share / 100;
            let parts = g.rng.random_range(1..=3u64);
            let mut paid_on = won;
            for (k, part) in crate::domain::split::largest_remainder(due, &vec![1; parts as usize])
                .into_iter()
                .enumerate()
            {
                if part == 0 {
                    continue;
                }
                paid_on = g.days_after(paid_on, if k == 0 { 0 } else { 1 }, 45);
                let (at, ms) = g.stamp(paid_on, 11 * 3600 + k as u32);
                let pid = g.id(ms);
                pay.execute(params![pid, id, paid_on, part, at, reps[owner].login])?;
            }
        }
    }
    Ok(u64::from(n))
}
