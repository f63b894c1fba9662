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

use crate::domain::{ids, names};
use crate::store::demo_names as words;
use crate::store::demo_plans;
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

struct CustomerInfo {
    id: String,
    owner: Option<usize>,
    created: NaiveDate,
    grade: u8,
    contact: String,
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
    let reps = write_reps(&tx, &mut g, founder_login, o.reps)?;
    let custs = write_customers(&tx, &mut g, &reps, o.customers)?;
    let visits = write_visits(&tx, &mut g, &reps, &custs, o.visits)?;
    let deals = write_deals(&tx, &mut g, &reps, &custs, o.deals)?;
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

fn write_reps(tx: &Transaction, g: &mut Gen, founder: &str, n: u32) -> Result<Vec<RepInfo>> {
    let teams = &words::TEAMS[..((n as usize).div_ceil(10)).clamp(1, words::TEAMS.len())];
    let mut stmt = tx.prepare(
        "INSERT INTO reps (id, name, login, role, team, phone, email, joined_on, left_on,
             created_at, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, ?11)",
    )?;
    let (stamp, ms) = g.stamp(g.start, 8 * 3600);
    let mut reps = Vec::new();
    let existing: Option<(String, String)> = tx
        .query_row(
            "SELECT id, team FROM reps WHERE login = ?1",
            [founder],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .ok();
    let founder_id = match existing {
        Some((id, _)) => id,
        None => {
            let id = g.id(ms);
            stmt.execute(params![
                id,
                founder,
                founder,
                "manager",
                teams[0],
                None::<String>,
                None::<String>,
                g.start,
                None::<NaiveDate>,
                stamp,
                founder
            ])?;
            id
        }
    };
    reps.push(RepInfo {
        id: founder_id,
        login: founder.into(),
        team: teams[0],
        manager: true,
        left_on: None,
    });
    for i in 0..n as usize {
        let (name, base) = words::REPS[i % words::REPS.len()];
        let round = i / words::REPS.len();
        let (name, login) = if round == 0 {
            (name.to_string(), base.to_string())
        } else {
            (
                format!("{name} {}", round + 1),
                format!("{base}{}", round + 1),
            )
        };
        if login == founder {
            continue;
        }
        let team = teams[i % teams.len()];
        let manager = i < teams.len();
        // The last two of a team of six or more have left; they keep their history.
        let left_on =
            (n >= 6 && i >= n as usize - 2).then(|| g.spread(2 + i as u32 % 3, 5, g.today));
        let joined = g.spread(i as u32 % 4, 16, g.today);
        let (stamp, ms) = g.stamp(joined, 8 * 3600 + i as u32);
        let id = g.id(ms);
        let phone = format!("13{:09}", g.rng.random_range(0..1_000_000_000u32));
        let email = format!("{login}@example.com");
        let role = if manager { "manager" } else { "rep" };
        stmt.execute(params![
            id, name, login, role, team, phone, email, joined, left_on, stamp, founder
        ])?;
        reps.push(RepInfo {
            id,
            login,
            team,
            manager,
            left_on,
        });
    }
    Ok(reps)
}

fn company_name(g: &mut Gen) -> String {
    if g.chance(0.7) {
        let (city, a, b) = (
            g.pick(words::ZH_CITIES),
            g.pick(words::ZH_BRANDS),
            g.pick(words::ZH_BRANDS),
        );
        format!(
            "{city}{a}{b}{}{}",
            g.pick(words::ZH_TRADES),
            g.pick(words::ZH_FORMS)
        )
    } else {
        let city = [
            "Shanghai", "Shenzhen", "Suzhou", "Ningbo", "Xiamen", "Qingdao", "Wuxi", "Hangzhou",
        ];
        format!(
            "{} {} {} {}",
            g.pick(words::EN_BRANDS),
            g.pick(&city),
            g.pick(words::EN_TRADES),
            g.pick(words::EN_FORMS)
        )
    }
}

fn write_customers(
    tx: &Transaction,
    g: &mut Gen,
    reps: &[RepInfo],
    n: u32,
) -> Result<Vec<CustomerInfo>> {
    let active: Vec<usize> = (0..reps.len())
        .filter(|i| reps[*i].left_on.is_none())
        .collect();
    let mut cust = tx.prepare(
        "INSERT INTO customers (id, name, name_key, grade, stage, owner_id, industry, size, region,
             source, address, tags, notes, created_at, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14, ?15)",
    )?;
    let mut contact = tx.prepare(
        "INSERT INTO contacts (id, customer_id, name, title, phone, email, purchase_role,
             personality, created_at, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10)",
    )?;
    let mut owned = tx.prepare(
        "INSERT INTO ownership_changes (id, customer_id, from_rep_id, to_rep_id, why, changed_by, changed_at)
         VALUES (?1, ?2, NULL, ?3, ?4, ?5, ?6)",
    )?;
    let roles = [
        "decision_maker",
        "buyer",
        "user",
        "influencer",
        "evaluator",
        "coach",
    ];
    let kinds = ["driver", "expressive", "analytical", "amiable"];
    let stages = ["lead", "prospect", "prospect", "dormant", "lost", "lead"];
    let mut seen = std::collections::HashSet::with_capacity(n as usize);
    let mut out = Vec::with_capacity(n as usize);
    // Customers arrive through the first 85 % of the time frame, so later ones have history too.
    let last_arrival =
        g.start + Days::new(((g.today - g.start).num_days().max(1) as u64) * 85 / 100);
    for i in 0..n {
        let mut name = company_name(g);
        while !seen.insert(names::name_key(&name)) {
            name = format!("{}（{}）", company_name(g), g.pick(words::ZH_CITIES));
        }
        let created = g.spread(i, n, last_arrival);
        let (stamp, ms) = g.stamp(created, 9 * 3600 + i % 30_000);
        let id = g.id(ms);
        let grade = match g.rng.random_range(0..100) {
            0..10 => 0u8,
            10..35 => 1,
            35..75 => 2,
            _ => 3,
        };
        let owner = (!g.chance(0.12)).then(|| g.pick(&active));
        let by = owner.map_or(reps[0].login.as_str(), |o| reps[o].login.as_str());
        cust.execute(params![
            id,
            name,
            names::name_key(&name),
            ["A", "B", "C", "D"][grade as usize],
            g.pick(&stages),
            owner.map(|o| reps[o].id.as_str()),
            g.pick(words::INDUSTRIES),
            g.pick(words::SIZES),
            g.pick(words::REGIONS),
            g.pick(words::SOURCES),
            g.chance(0.5).then(|| format!(
                "{}市工业园区{}号",
                g.pick(words::ZH_CITIES),
                i % 900 + 1
            )),
            g.chance(0.3).then(|| g.pick(words::TAGS)),
            None::<String>,
            stamp,
            by,
        ])?;
        if let Some(o) = owner {
            let why = if g.chance(0.2) { "assign" } else { "create" };
            let oc_id = g.id(ms);
            owned.execute(params![oc_id, id, reps[o].id, why, by, stamp])?;
        }
        let mut first_contact = String::new();
        for k in 0..g.rng.random_range(1..=3) {
            let cid = g.id(ms);
            let person = g.pick(words::PEOPLE);
            contact.execute(params![
                cid,
                id,
                person,
                g.pick(words::TITLES),
                format!("139{:08}", g.rng.random_range(0..100_000_000u32)),
                g.chance(0.6).then(|| format!("contact{i}.{k}@example.cn")),
                g.pick(&roles),
                g.pick(&kinds),
                stamp,
                by,
            ])?;
            if k == 0 {
                first_contact = cid;
            }
        }
        out.push(CustomerInfo {
            id,
            owner,
            created,
            grade,
            contact: first_contact,
        });
    }
    Ok(out)
}

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

fn write_visits(
    tx: &Transaction,
    g: &mut Gen,
    reps: &[RepInfo],
    custs: &[CustomerInfo],
    n: u32,
) -> Result<u64> {
    if custs.is_empty() {
        return Ok(0);
    }
    let active: Vec<usize> = (0..reps.len())
        .filter(|i| reps[*i].left_on.is_none())
        .collect();
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
        let c = &custs[pick_customer(g, custs, date)];
        // The owner logs visits on their customers; pool customers get whoever went. Reps who
        // have left keep the visits they made before leaving.
        let mut author = c.owner.unwrap_or_else(|| g.pick(&active));
        if let Some(left) = reps
            .iter()
            .position(|r| r.left_on.is_some_and(|l| date < l))
        {
            if g.chance(0.03) {
                author = left;
            }
        }
        let late = g.chance(0.15);
        let logged = if late {
            g.days_after(date, 3, 10)
        } else {
            date
        };
        let (logged_at, _) = g.stamp(logged, 9 * 3600 + v % 40_000);
        let (_, ms) = g.stamp(date, 8 * 3600 + v % 40_000);
        let id = g.id(ms);
        let next = g.chance(0.3).then(|| g.days_after(date, 7, 30));
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
            let mates: Vec<usize> = active
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
    Ok(u64::from(n))
}

fn write_deals(
    tx: &Transaction,
    g: &mut Gen,
    reps: &[RepInfo],
    custs: &[CustomerInfo],
    n: u32,
) -> Result<u64> {
    if custs.is_empty() {
        return Ok(0);
    }
    let active: Vec<usize> = (0..reps.len())
        .filter(|i| reps[*i].left_on.is_none())
        .collect();
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
        let owner = c.owner.unwrap_or_else(|| g.pick(&active));
        let old = (g.today - opened).num_days() > 150;
        let roll = g.rng.random_range(0..100);
        let stage = match (old, roll) {
            (true, 0..45) | (false, 0..15) => "won",
            (true, 45..80) | (false, 15..25) => "lost",
            _ => g.pick(&open),
        };
        // Log-uniform between ¥5,000 and ¥2,000,000, in whole yuan.
        let yuan = (5_000f64 * 400f64.powf(g.rng.random::<f64>())).round() as i64;
        let amount = (stage == "won" || g.chance(0.7)).then_some(yuan * 100);
        let cost = amount
            .filter(|_| g.chance(0.9))
            .map(|a| a * g.rng.random_range(40..75) / 100);
        let won_on = (stage == "won").then(|| g.days_after(opened, 10, 140));
        let (created, ms) = g.stamp(opened, 10 * 3600 + i % 30_000);
        let updated = match won_on {
            Some(w) => g.stamp(w, 15 * 3600).0,
            None => created.clone(),
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
