//! Demo people and the archive: reps in teams, customers with contacts and owners.

use chrono::{Days, NaiveDate};
use rand::Rng;
use rusqlite::{Transaction, params};

use crate::domain::names;
use crate::store::Result;
use crate::store::demo::names as words;
use crate::store::demo::{CustomerInfo, Gen, RepInfo, active, active_on, manager_of};

pub(crate) fn write_reps(
    tx: &Transaction,
    g: &mut Gen,
    founder: &str,
    n: u32,
) -> Result<Vec<RepInfo>> {
    // About one team per ten people, at least two when there are enough for a manager and a
    // rep each: 50 reps make 5 teams, 8 make 2.
    let team_count = ((n as usize + 2) / 4).min(n as usize / 3);
    let teams = &words::TEAMS[..team_count.clamp(1, words::TEAMS.len())];
    let mut stmt = tx.prepare(
        "INSERT INTO reps (id, name, login, role, team, phone, email, joined_on, left_on,
             created_at, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, ?11)",
    )?;
    let founded = g.start - Days::new(2_000);
    let (stamp, ms) = g.stamp(founded, 8 * 3600);
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
                founded,
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
        // Everyone was on board before the time frame starts, so every visit has its author.
        let joined = g.start - Days::new(g.rng.random_range(30..1_800));
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

/// A company name, seven in ten Chinese (城市 + 字号 + 行业 + 组织形式: 2 + 4 800 000
/// combinations) and the rest English ([brand] [place] trade form: 350 000), so even the
/// reference set of 100 000 customers rarely needs a second draw for a unique name.
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
        let brand = g.pick(words::EN_BRANDS);
        let place = g.rng.random_range(0..=words::EN_PLACES.len());
        let place = words::EN_PLACES
            .get(place)
            .map_or(String::new(), |p| format!(" {p}"));
        format!(
            "{brand}{place} {} {}",
            g.pick(words::EN_TRADES),
            g.pick(words::EN_FORMS)
        )
    }
}

/// A person's name: Chinese (姓 + 名) or, one time in five, English.
fn person_name(g: &mut Gen) -> String {
    if g.chance(0.8) {
        format!(
            "{}{}",
            g.pick(words::ZH_SURNAMES),
            g.pick(words::ZH_GIVEN_NAMES)
        )
    } else {
        format!(
            "{} {}",
            g.pick(words::EN_GIVEN_NAMES),
            g.pick(words::EN_SURNAMES)
        )
    }
}

pub(crate) fn write_customers(
    tx: &Transaction,
    g: &mut Gen,
    reps: &[RepInfo],
    n: u32,
) -> Result<Vec<CustomerInfo>> {
    let active = active(reps);
    let mut cust = tx.prepare(
        "INSERT INTO customers (id, name, name_key, grade, stage, owner_id, industry, size, region,
             source, address, tags, notes, created_at, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
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
    let mut handover_stmt = tx.prepare(
        "INSERT INTO ownership_changes (id, customer_id, from_rep_id, to_rep_id, why, changed_by, changed_at)
         VALUES (?1, ?2, ?3, ?4, 'handover', ?5, ?6)",
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
        let mut tries = 0;
        while !seen.insert(names::name_key(&name)) {
            tries += 1;
            name = if tries < 50 {
                company_name(g)
            } else {
                format!("{} #{i}", company_name(g))
            };
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
        // 12 % stay in the pool. The first owner is someone on the team that day; a rep who
        // left since has handed the customer over to a colleague still here.
        let first_owner = (!g.chance(0.12)).then(|| g.pick(&active_on(reps, created)));
        let handover = first_owner
            .and_then(|o| reps[o].left_on.map(|l| (o, l)))
            .map(|(o, left)| {
                let mates: Vec<usize> = active
                    .iter()
                    .copied()
                    .filter(|m| reps[*m].team == reps[o].team && !reps[*m].manager)
                    .collect();
                let to = if mates.is_empty() {
                    g.pick(&active)
                } else {
                    g.pick(&mates)
                };
                (o, to, left)
            });
        let owner = handover.map_or(first_owner, |h| Some(h.1));
        let assigned = first_owner.is_some() && g.chance(0.2);
        let creator = match first_owner {
            Some(o) if assigned => reps[manager_of(reps, o)].login.as_str(),
            Some(o) => reps[o].login.as_str(),
            None => reps[0].login.as_str(),
        };
        let handed = handover.map(|(o, to, left)| {
            let (at, left_ms) = g.stamp(left, 17 * 3600);
            (o, to, at, g.id(left_ms))
        });
        let by = handed
            .as_ref()
            .map_or(creator, |h| reps[manager_of(reps, h.0)].login.as_str());
        let updated = handed.as_ref().map_or(stamp.clone(), |h| h.2.clone());
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
                "{}市{}{}号",
                g.pick(words::ZH_CITIES),
                g.pick(words::ZH_STREETS),
                g.rng.random_range(1..900)
            )),
            g.chance(0.3).then(|| g.pick(words::TAGS)),
            None::<String>,
            stamp,
            updated,
            by,
        ])?;
        if let Some(o) = first_owner {
            let why = if assigned { "assign" } else { "create" };
            let oc_id = g.id(ms);
            owned.execute(params![oc_id, id, reps[o].id, why, creator, stamp])?;
        }
        if let Some((o, to, at, oc_id)) = &handed {
            handover_stmt.execute(params![oc_id, id, reps[*o].id, reps[*to].id, by, at])?;
        }
        let mut first_contact = String::new();
        for k in 0..g.rng.random_range(1..=3) {
            let cid = g.id(ms);
            let person = person_name(g);
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
                creator,
            ])?;
            if k == 0 {
                first_contact = cid;
            }
        }
        out.push(CustomerInfo {
            id,
            owner,
            first_owner,
            handed_over: handover.map(|h| h.2),
            created,
            grade,
            contact: first_contact,
        });
    }
    Ok(out)
}
