//! People over time (README, People): a rep moved to another team mid-quarter counts for each
//! team for the months they were on it, and is scored in the team they ended the period in; a
//! rep who left and came back is scored for their spells and not for the gap. Each refusal
//! names its rule and changes nothing.

use chrono::{DateTime, NaiveDate};
use salestrack::clock::Clock;
use salestrack::domain::{Metric, Money, Period, Role};
use salestrack::store::customers::NewCustomer;
use salestrack::store::deals::NewDeal;
use salestrack::store::reps::NewRep;
use salestrack::store::reps::handover::HandoverTo;
use salestrack::store::{Actor, Store, StoreError};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn open(path: &std::path::Path) -> Store {
    let clock = Clock::fixed(DateTime::parse_from_rfc3339("2026-09-30T18:00:00+08:00").unwrap());
    Store::create_or_open(path, clock).unwrap()
}

fn add(s: &mut Store, boss: &Actor, login: &str, team: &str, joined: NaiveDate) {
    let rep = NewRep {
        name: login.into(),
        login: login.into(),
        team: Some(team.into()),
        role: Some(Role::Rep),
        joined_on: Some(joined),
        ..NewRep::default()
    };
    s.add_rep(boss, rep).unwrap();
}

/// A deal of `amount` yuan on a new customer of `login`'s, won on `on`.
fn win(s: &mut Store, login: &str, on: NaiveDate, amount: i64) {
    let who = s.actor_for(login).unwrap();
    let name = format!("{login} {on}");
    let c = NewCustomer {
        name: name.clone(),
        owner: Some(login.into()),
        ..NewCustomer::default()
    };
    let c = s.add_customer(&who, c).unwrap();
    let deal = NewDeal {
        customer_id: c.id,
        title: "d".into(),
        amount: Some(Money::from_cents(amount * 100)),
        opened_on: Some(on),
        ..NewDeal::default()
    };
    let deal = s.add_deal(&who, deal).unwrap();
    s.win_deal(&who, &deal.id, on, None, None).unwrap();
}

fn sales(s: &Store, team: &str, p: Period) -> i64 {
    let tallies = s.tallies(p).unwrap();
    s.team_tally(team, p, &tallies)
        .unwrap()
        .metric(Metric::Sales)
        / 100
}

/// Everything a refusal must leave alone.
fn people(path: &std::path::Path) -> Vec<String> {
    let c = rusqlite::Connection::open(path).unwrap();
    let mut out = Vec::new();
    for sql in [
        "SELECT id || team || ifnull(joined_on, '') || ifnull(left_on, '') || updated_at FROM reps",
        "SELECT id || since || team || employed FROM rep_history",
        "SELECT id FROM audit",
    ] {
        let mut stmt = c.prepare(sql).unwrap();
        let rows = stmt.query_map([], |r| r.get::<_, String>(0)).unwrap();
        out.extend(rows.map(Result::unwrap));
    }
    out.sort();
    out
}

fn rule(e: StoreError) -> String {
    match e {
        StoreError::Rule { key, .. } => key.to_string(),
        other => panic!("not a rule: {other:?}"),
    }
}

#[test]
fn a_team_moved_mid_quarter_is_scored_in_each_team_for_its_part() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(&dir.path().join("p.db"));
    s.init_first_manager("boss", "Boss").unwrap();
    let boss = s.actor_for("boss").unwrap();
    add(&mut s, &boss, "ann", "east", d(2026, 1, 5));
    add(&mut s, &boss, "bob", "west", d(2026, 1, 5));
    // ann sells ¥1,000 in July (east), ¥200 in September (west, after her move on 20 August),
    // bob ¥500 in August (west).
    win(&mut s, "ann", d(2026, 7, 15), 1_000);
    win(&mut s, "ann", d(2026, 9, 10), 200);
    win(&mut s, "bob", d(2026, 8, 3), 500);
    let moved = s.move_rep(&boss, "ann", "west", d(2026, 8, 20)).unwrap();
    assert_eq!(moved.team, "west");

    let q3 = Period::Quarter(2026, 3);
    assert_eq!(sales(&s, "east", q3), 1_000, "ann's July");
    assert_eq!(
        sales(&s, "west", q3),
        200 + 500,
        "ann's September and bob's August"
    );
    assert_eq!(
        sales(&s, "east", Period::Month(2026, 8)),
        0,
        "a move counts from its month"
    );
    assert_eq!(sales(&s, "west", Period::Month(2026, 8)), 500);
    assert_eq!(sales(&s, "east", Period::Quarter(2026, 2)), 0);
    // The year: each month in its team, nothing counted twice.
    let year = Period::Year(2026);
    assert_eq!(sales(&s, "east", year) + sales(&s, "west", year), 1_700);

    // Scorecards: July's card is east's, the quarter's is west's (where she ended it).
    let team_of = |s: &Store, p: Period| {
        s.scorecards(&boss, p, None, false)
            .unwrap()
            .into_iter()
            .find(|c| c.rep.login == "ann")
            .map(|c| c.rep.team)
    };
    assert_eq!(team_of(&s, Period::Month(2026, 7)).as_deref(), Some("east"));
    assert_eq!(team_of(&s, q3).as_deref(), Some("west"));
    // Narrowed to a team, July's east board has ann and not bob.
    let east_july: Vec<String> = s
        .scorecards(&boss, Period::Month(2026, 7), Some("east"), false)
        .unwrap()
        .into_iter()
        .map(|c| c.rep.login)
        .collect();
    assert_eq!(east_july, ["ann"]);
}

#[test]
fn a_rep_who_left_and_came_back_is_scored_for_each_spell_and_not_the_gap() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = open(&dir.path().join("p.db"));
    s.init_first_manager("boss", "Boss").unwrap();
    let boss = s.actor_for("boss").unwrap();
    add(&mut s, &boss, "cy", "east", d(2025, 1, 2));
    s.rep_leave(&boss, "cy", HandoverTo::Pool, d(2025, 6, 30))
        .unwrap();
    assert!(s.actor_for("cy").unwrap().rep_id.is_none(), "gone");
    let back = s.rejoin_rep(&boss, "cy", d(2026, 2, 1)).unwrap();
    assert_eq!((back.left_on, back.joined_on), (None, Some(d(2026, 2, 1))));
    assert!(
        s.actor_for("cy").unwrap().rep_id.is_some(),
        "may work again"
    );
    let scored = |s: &Store, p: &str| {
        s.scorecards(&boss, p.parse().unwrap(), None, false)
            .unwrap()
            .iter()
            .any(|c| c.rep.login == "cy")
    };
    assert!(scored(&s, "2025-Q2"));
    assert!(!scored(&s, "2025-Q3"), "the gap");
    assert!(!scored(&s, "2025-Q4"), "the gap");
    assert!(scored(&s, "2026-Q1"), "back in February");
    assert!(scored(&s, "2025"), "a year with a spell in it");
}

#[test]
fn each_refusal_names_its_rule_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.db");
    let mut s = open(&path);
    s.init_first_manager("boss", "Boss").unwrap();
    let boss = s.actor_for("boss").unwrap();
    add(&mut s, &boss, "ann", "east", d(2026, 1, 5));
    add(&mut s, &boss, "cy", "east", d(2025, 1, 2));
    s.move_rep(&boss, "ann", "west", d(2026, 6, 1)).unwrap();
    s.rep_leave(&boss, "cy", HandoverTo::Pool, d(2026, 3, 31))
        .unwrap();
    let ann = s.actor_for("ann").unwrap();
    let before = people(&path);

    let cases: Vec<(&str, Result<_, StoreError>)> = vec![
        (
            "error.same_team",
            s.move_rep(&boss, "ann", "west", d(2026, 9, 1)),
        ),
        (
            "error.history_future",
            s.move_rep(&boss, "ann", "north", d(2026, 10, 1)),
        ),
        (
            "error.history_before",
            s.move_rep(&boss, "ann", "north", d(2026, 5, 31)),
        ),
        (
            "error.rep_left",
            s.move_rep(&boss, "cy", "west", d(2026, 9, 1)),
        ),
        (
            "error.rep_not_left",
            s.rejoin_rep(&boss, "ann", d(2026, 9, 1)),
        ),
        (
            "error.rejoin_before_leaving",
            s.rejoin_rep(&boss, "cy", d(2026, 3, 31)),
        ),
        (
            "error.history_future",
            s.rejoin_rep(&boss, "cy", d(2026, 12, 1)),
        ),
    ];
    for (want, got) in cases {
        assert_eq!(rule(got.unwrap_err()), want);
    }
    // A leave in the future (9999, or tomorrow) is refused like any date still to come.
    for day in [d(9999, 12, 31), d(2026, 10, 1)] {
        assert!(s.rep_leave(&boss, "ann", HandoverTo::Pool, day).is_err());
    }
    // A leave dated before a recorded move would rewrite history.
    let early = s.rep_leave(&boss, "ann", HandoverTo::Pool, d(2026, 5, 1));
    assert_eq!(rule(early.unwrap_err()), "error.history_before");
    // A rep may not move anyone, themselves included, nor bring anyone back.
    assert!(s.move_rep(&ann, "ann", "north", d(2026, 9, 1)).is_err());
    assert!(s.rejoin_rep(&ann, "cy", d(2026, 9, 1)).is_err());
    assert_eq!(people(&path), before);
    // On the same day as the last change, a move replaces it: a rep put on the wrong team.
    s.move_rep(&boss, "ann", "north", d(2026, 6, 1)).unwrap();
    assert_eq!(
        s.roster()
            .unwrap()
            .team_in(&ann.rep_id.clone().unwrap(), Period::Month(2026, 6)),
        Some("north")
    );
}

/// A rep's team and departure follow their history through a sync, not the rep's row: a
/// manager's laptop copy that moved a rep before the server saw them leave does not bring
/// them back, on either file.
#[test]
fn a_stale_move_on_a_laptop_does_not_undo_a_departure() {
    let dir = tempfile::tempdir().unwrap();
    let (server, laptop) = (dir.path().join("s.db"), dir.path().join("l.db"));
    let mut s = open(&server);
    s.init_first_manager("boss", "Boss").unwrap();
    let boss = s.actor_for("boss").unwrap();
    add(&mut s, &boss, "zhao", "east", d(2026, 1, 5));
    s.backup_to(&laptop, false).unwrap();
    // On the laptop: zhao moves to north. Then, on the server: zhao leaves.
    // Its clock a few minutes ahead (within what sync allows), so its row of zhao is newer.
    let earlier = Clock::fixed(DateTime::parse_from_rfc3339("2026-09-30T18:05:00+08:00").unwrap());
    let mut l = Store::open(&laptop, earlier).unwrap();
    l.move_rep(&boss, "zhao", "north", d(2026, 9, 1)).unwrap();
    drop(l);
    s.rep_leave(&boss, "zhao", HandoverTo::Pool, d(2026, 9, 29))
        .unwrap();
    s.sync_with(&boss, &laptop).unwrap();
    for path in [&server, &laptop] {
        let st = open(path);
        let zhao = st.require_rep("zhao").unwrap();
        assert_eq!(
            (zhao.left_on, zhao.team.as_str()),
            (Some(d(2026, 9, 29)), "north"),
            "{}: left, on the team the move put them in before",
            path.display()
        );
        assert!(
            st.actor_for("zhao").unwrap().rep_id.is_none(),
            "may not work"
        );
    }
}
