//! A rep leaves (issue 5): customers and open deals handed over in one transaction, balanced
//! against what each rep already holds; won deals and visits stay credited. And the sweep.

use chrono::{DateTime, NaiveDate};
use rusqlite::Connection;
use salestrack::clock::Clock;
use salestrack::domain::OwnershipReason;
use salestrack::i18n::Lang;
use salestrack::store::customers::NewCustomer;
use salestrack::store::reps::NewRep;
use salestrack::store::reps::handover::HandoverTo;
use salestrack::store::visits::NewVisit;
use salestrack::store::{Actor, Store};

use crate::common::screen::lang_lock;

struct Team {
    dir: tempfile::TempDir,
    store: Store,
    boss: Actor,
}

fn team() -> Team {
    let dir = tempfile::tempdir().unwrap();
    let clock = Clock::fixed(DateTime::parse_from_rfc3339("2026-09-30T18:00:00+08:00").unwrap());
    let mut store = Store::create_or_open(&dir.path().join("t.db"), clock).unwrap();
    store.init_first_manager("boss", "Boss").unwrap();
    let boss = store.actor_for("boss").unwrap();
    for login in ["leaver", "ann", "bob", "cy"] {
        let rep = NewRep {
            name: login.into(),
            login: login.into(),
            ..NewRep::default()
        };
        store.add_rep(&boss, rep).unwrap();
    }
    Team { dir, store, boss }
}

fn give(t: &mut Team, name: &str, owner: &str) -> String {
    let boss = t.boss.clone();
    let new = NewCustomer {
        name: name.into(),
        owner: Some(owner.into()),
        ..NewCustomer::default()
    };
    t.store.add_customer(&boss, new).unwrap().id
}

fn held(t: &Team, login: &str) -> u32 {
    let rep = t.store.rep_by_login(login).unwrap().unwrap();
    t.store.customers_held(&rep.id).unwrap()
}

/// Deals come with issue 6; until then the test writes them itself.
fn deal(t: &Team, customer: &str, owner: &str, stage: &str) -> String {
    let conn = Connection::open(t.dir.path().join("t.db")).unwrap();
    let owner_id: String = conn
        .query_row("SELECT id FROM reps WHERE login = ?1", [owner], |r| {
            r.get(0)
        })
        .unwrap();
    let id = uuid::Uuid::now_v7().to_string();
    let (won_on, amount) = if stage == "won" {
        (Some("2026-09-01"), Some(100_000))
    } else {
        (None, None)
    };
    conn.execute(
        "INSERT INTO deals (id, customer_id, owner_id, title, stage, amount_cents, opened_on, won_on,
             created_at, updated_at, updated_by)
         VALUES (?1, ?2, ?3, 'deal', ?4, ?5, '2026-08-01', ?6, 'now', 'now', 'test')",
        rusqlite::params![id, customer, owner_id, stage, amount, won_on],
    )
    .unwrap();
    id
}

fn deal_owner(t: &Team, deal: &str) -> String {
    let conn = Connection::open(t.dir.path().join("t.db")).unwrap();
    conn.query_row(
        "SELECT r.login FROM deals d JOIN reps r ON r.id = d.owner_id WHERE d.id = ?1",
        [deal],
        |r| r.get(0),
    )
    .unwrap()
}

#[test]
fn seven_customers_to_three_reps_go_three_two_two() {
    let mut t = team();
    for i in 0..7 {
        give(&mut t, &format!("C{i}"), "leaver");
    }
    let boss = t.boss.clone();
    let to = HandoverTo::Reps(vec!["ann".into(), "bob".into(), "cy".into()]);
    let day = NaiveDate::from_ymd_opt(2026, 9, 30).unwrap();
    let summary = t.store.rep_leave(&boss, "leaver", to, day).unwrap();
    let got: Vec<(&str, usize)> = summary
        .to
        .iter()
        .map(|(l, c, _)| (l.as_str(), *c))
        .collect();
    assert_eq!(got, [("ann", 3), ("bob", 2), ("cy", 2)]);
    assert_eq!(
        (
            held(&t, "ann"),
            held(&t, "bob"),
            held(&t, "cy"),
            held(&t, "leaver")
        ),
        (3, 2, 2, 0)
    );
    let leaver = t.store.rep_by_login("leaver").unwrap().unwrap();
    assert_eq!(leaver.left_on, Some(day));
    assert!(
        !t.store.actor_for("leaver").unwrap().can_write(),
        "a rep who left reads only"
    );
}

#[test]
fn the_handover_balances_against_what_reps_already_hold() {
    let mut t = team();
    give(&mut t, "Ann 1", "ann");
    give(&mut t, "Ann 2", "ann");
    give(&mut t, "Ann 3", "ann");
    give(&mut t, "Bob 1", "bob");
    for i in 0..4 {
        give(&mut t, &format!("L{i}"), "leaver");
    }
    let boss = t.boss.clone();
    let to = HandoverTo::Reps(vec!["ann".into(), "bob".into(), "cy".into()]);
    t.store
        .rep_leave(
            &boss,
            "leaver",
            to,
            NaiveDate::from_ymd_opt(2026, 9, 30).unwrap(),
        )
        .unwrap();
    // Everyone ends as even as possible: 3 / 3 / 2 (cy had none, bob had one).
    assert_eq!(
        (held(&t, "ann"), held(&t, "bob"), held(&t, "cy")),
        (3, 3, 2)
    );
}

#[test]
fn open_deals_follow_their_customers_won_deals_and_visits_stay() {
    let mut t = team();
    let c = give(&mut t, "Deal Co", "leaver");
    let open = deal(&t, &c, "leaver", "negotiation");
    let won = deal(&t, &c, "leaver", "won");
    let leaver = t.store.actor_for("leaver").unwrap();
    let v = NewVisit {
        customer_id: c.clone(),
        summary: "met".into(),
        ..NewVisit::default()
    };
    let visit = t.store.add_visit(&leaver, v).unwrap();
    let boss = t.boss.clone();
    let to = HandoverTo::Reps(vec!["bob".into()]);
    let summary = t
        .store
        .rep_leave(
            &boss,
            "leaver",
            to,
            NaiveDate::from_ymd_opt(2026, 9, 30).unwrap(),
        )
        .unwrap();
    assert_eq!(summary.to, [("bob".to_string(), 1, 1)]);
    assert_eq!(deal_owner(&t, &open), "bob");
    assert_eq!(deal_owner(&t, &won), "leaver", "won deals stay credited");
    assert_eq!(t.store.visit_row(&visit.id).unwrap().author_login, "leaver");
    let history = t.store.ownership_history(&c).unwrap();
    let last = history.last().unwrap();
    assert_eq!(
        (
            last.from_login.as_deref(),
            last.to_login.as_deref(),
            last.why
        ),
        (Some("leaver"), Some("bob"), OwnershipReason::Handover)
    );
}

#[test]
fn to_the_pool_open_deals_go_to_the_manager() {
    let mut t = team();
    let c = give(&mut t, "Pool Co", "leaver");
    let open = deal(&t, &c, "leaver", "proposal");
    let boss = t.boss.clone();
    t.store
        .rep_leave(
            &boss,
            "leaver",
            HandoverTo::Pool,
            NaiveDate::from_ymd_opt(2026, 9, 30).unwrap(),
        )
        .unwrap();
    assert_eq!(t.store.customer(&c).unwrap().owner_id, None);
    assert_eq!(deal_owner(&t, &open), "boss");
}

#[test]
fn refusals_change_nothing() {
    let _l = lang_lock(Lang::En);
    let mut t = team();
    give(&mut t, "Stay Co", "leaver");
    let (boss, ann) = (t.boss.clone(), t.store.actor_for("ann").unwrap());
    let day = NaiveDate::from_ymd_opt(2026, 9, 30).unwrap();
    for (actor, to, needle) in [
        (&ann, HandoverTo::Pool, "may not"),
        (&boss, HandoverTo::Reps(vec!["leaver".into()]), "themselves"),
        (
            &boss,
            HandoverTo::Reps(vec!["ann".into(), "ghost".into()]),
            "ghost",
        ),
    ] {
        let before = t.store.table_counts().unwrap();
        let err = t.store.rep_leave(actor, "leaver", to, day).unwrap_err();
        assert!(err.to_string().contains(needle), "{err}");
        assert_eq!(t.store.table_counts().unwrap(), before);
    }
    assert_eq!(held(&t, "leaver"), 1);
}

#[test]
fn the_sweep_returns_long_unvisited_customers_to_the_pool() {
    // Customers given out in March (the store opened at that day's clock)…
    let t = team();
    let path = t.dir.path().join("t.db");
    let boss = t.boss.clone();
    drop(t.store);
    let march = Clock::fixed(DateTime::parse_from_rfc3339("2026-03-02T10:00:00+08:00").unwrap());
    let mut s = Store::open(&path, march).unwrap();
    let mut ids = std::collections::HashMap::new();
    for (name, owner) in [
        ("Fresh Co", "ann"),
        ("Stale Co", "ann"),
        ("Claimed Co", "bob"),
        ("Locked Co", "ann"),
        ("Bought Co", "ann"),
        ("Dealing Co", "ann"),
        ("Grade A Co", "ann"),
    ] {
        let new = NewCustomer {
            name: name.into(),
            owner: Some(owner.into()),
            grade: (name == "Grade A Co").then_some(salestrack::domain::Grade::A),
            stage: (name == "Bought Co").then_some(salestrack::domain::CustomerStage::Customer),
            ..NewCustomer::default()
        };
        ids.insert(name, s.add_customer(&boss, new).unwrap().id);
    }
    drop(s);
    // …and worked on since, at the end of September.
    let mut t = Team {
        store: Store::open(
            &path,
            Clock::fixed(DateTime::parse_from_rfc3339("2026-09-30T18:00:00+08:00").unwrap()),
        )
        .unwrap(),
        dir: t.dir,
        boss: boss.clone(),
    };
    let ann = t.store.actor_for("ann").unwrap();
    for (name, date) in [
        ("Fresh Co", (2026, 9, 1)),
        ("Stale Co", (2026, 5, 1)),
        ("Grade A Co", (2026, 8, 1)),
    ] {
        let v = NewVisit {
            customer_id: ids[name].clone(),
            summary: "x".into(),
            date: NaiveDate::from_ymd_opt(date.0, date.1, date.2),
            ..NewVisit::default()
        };
        t.store.add_visit(&ann, v).unwrap();
    }
    // Handed from bob to cy yesterday: cy's countdown starts then, whatever bob did.
    t.store.assign(&boss, &ids["Claimed Co"], "cy").unwrap();
    t.store
        .lock_customer(&ann, &ids["Locked Co"], true)
        .unwrap();
    deal(&t, &ids["Dealing Co"], "ann", "proposal");
    // Grade A customers go back after 30 days here, the rest after 90.
    t.store.set_setting(&boss, "pool.days.A", "30").unwrap();

    assert!(t.store.pool_sweep(&ann, false).is_err(), "managers only");
    let before = t.store.table_counts().unwrap();
    let dry = t.store.pool_sweep(&boss, true).unwrap();
    assert_eq!(
        t.store.table_counts().unwrap(),
        before,
        "a dry run changes nothing"
    );
    let names = |v: &[salestrack::store::customers::pool::Swept]| {
        let mut n: Vec<String> = v.iter().map(|c| c.name.clone()).collect();
        n.sort();
        n
    };
    assert_eq!(names(&dry), ["Grade A Co", "Stale Co"]);
    let swept = t.store.pool_sweep(&boss, false).unwrap();
    assert_eq!(swept, dry, "the sweep takes what the dry run named");
    let stale = &ids["Stale Co"];
    assert_eq!(t.store.customer(stale).unwrap().owner_id, None);
    for kept in [
        "Fresh Co",
        "Claimed Co",
        "Locked Co",
        "Bought Co",
        "Dealing Co",
    ] {
        assert!(
            t.store.customer(&ids[kept]).unwrap().owner_id.is_some(),
            "{kept}"
        );
    }
    assert_eq!(
        t.store
            .ownership_history(stale)
            .unwrap()
            .last()
            .unwrap()
            .why,
        OwnershipReason::Sweep
    );
    // A rep locks within the quota; a pool customer is not locked.
    t.store.set_setting(&boss, "pool.lock_quota", "1").unwrap();
    let before = t.store.table_counts().unwrap();
    let locked = |s: &Store| s.customer(&ids["Fresh Co"]).unwrap().locked_at;
    let err = t
        .store
        .lock_customer(&ann, &ids["Fresh Co"], true)
        .unwrap_err();
    assert!(err.to_string().contains("lock quota is 1"), "{err}");
    assert_eq!(locked(&t.store), None, "not locked");
    let err = t.store.lock_customer(&boss, stale, true).unwrap_err();
    assert!(err.to_string().contains("in the pool"), "{err}");
    assert_eq!(t.store.table_counts().unwrap(), before, "nothing changed");
}

/// The countdown is one: the customer list, the agenda and the sweep count the same days.
/// Given out today with five days allowed, a customer goes on the sixth day's sweep: the
/// list and the agenda say "in 6 days" (within `pool.warn_days`, 7), and the dry sweep of
/// that day names it. A customer further off shows nothing; with the pool off, neither.
#[test]
fn the_list_the_agenda_and_the_sweep_count_the_same_days() {
    use salestrack::store::customers::CustomerQuery;
    use salestrack::store::customers::agenda::Why;
    let mut t = team();
    let soon = give(&mut t, "Soon Co", "ann");
    let boss = t.boss.clone();
    let later = NewCustomer {
        name: "Later Co".into(),
        owner: Some("ann".into()),
        grade: Some(salestrack::domain::Grade::B),
        ..NewCustomer::default()
    };
    t.store.add_customer(&boss, later).unwrap();
    let ann = t.store.rep_by_login("ann").unwrap().unwrap();
    for (k, v) in [
        ("pool.days_without_visit", "5"),
        ("pool.days.B", "60"),
        ("pool.enabled", "true"),
    ] {
        t.store.set_setting(&boss, k, v).unwrap();
    }
    let q = CustomerQuery {
        owner_id: Some(ann.id.clone()),
        ..CustomerQuery::default()
    };
    let rows = t.store.customer_page(&q, 0, 10).unwrap();
    let pool_in = |name: &str| rows.iter().find(|r| r.name == name).unwrap().pool_in;
    assert_eq!(pool_in("Soon Co"), Some(6));
    assert_eq!(pool_in("Later Co"), None, "60 days off");
    let agenda = t.store.agenda(&ann.id).unwrap();
    assert_eq!(agenda.len(), 1, "{agenda:?}");
    assert_eq!(
        (agenda[0].id.as_str(), agenda[0].why),
        (soon.as_str(), Why::PoolSoon(6))
    );
    // Six days on, the sweep takes it.
    let path = t.dir.path().join("t.db");
    drop(t.store);
    let day6 = Clock::fixed(DateTime::parse_from_rfc3339("2026-10-06T09:00:00+08:00").unwrap());
    let mut s = Store::open(&path, day6).unwrap();
    let dry = s.pool_sweep(&boss, true).unwrap();
    assert_eq!(
        dry.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(),
        ["Soon Co"]
    );
    assert_eq!(dry[0].due_on, NaiveDate::from_ymd_opt(2026, 10, 6).unwrap());
    // The day before, it was not due.
    drop(s);
    let day5 = Clock::fixed(DateTime::parse_from_rfc3339("2026-10-05T09:00:00+08:00").unwrap());
    let mut s = Store::open(&path, day5).unwrap();
    assert!(s.pool_sweep(&boss, true).unwrap().is_empty());
    s.set_setting(&boss, "pool.enabled", "false").unwrap();
    let rows = s.customer_page(&q, 0, 10).unwrap();
    assert!(
        rows.iter().all(|r| r.pool_in.is_none()),
        "no sweep, no warning"
    );
}
