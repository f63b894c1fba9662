//! Scorecards in the store (issue 8): who is scored in a period, who sees which card, and
//! which template scores which period.

use chrono::{DateTime, NaiveDate};
use salestrack::clock::Clock;
use salestrack::domain::scoring::Marks;
use salestrack::domain::template::Template;
use salestrack::domain::{Metric, Period, Role};
use salestrack::store::reps::NewRep;
use salestrack::store::reps::handover::HandoverTo;
use salestrack::store::targets::TargetScope;
use salestrack::store::{Store, StoreError};

fn p(s: &str) -> Period {
    s.parse().unwrap()
}

/// boss (manager, no target) and ann, bob, cy (reps of `sales`), on 2026-09-30.
fn store(dir: &tempfile::TempDir) -> Store {
    let clock = Clock::fixed(DateTime::parse_from_rfc3339("2026-09-30T18:00:00+08:00").unwrap());
    let mut s = Store::create_or_open(&dir.path().join("s.db"), clock).unwrap();
    s.init_first_manager("boss", "Boss").unwrap();
    let boss = s.actor_for("boss").unwrap();
    for l in ["ann", "bob", "cy"] {
        s.add_rep(
            &boss,
            NewRep {
                name: l.into(),
                login: l.into(),
                joined_on: NaiveDate::from_ymd_opt(2026, 1, 5),
                ..NewRep::default()
            },
        )
        .unwrap();
    }
    s
}

fn logins(cards: &[salestrack::store::kpi::scorecards::Scorecard]) -> Vec<&str> {
    cards.iter().map(|c| c.rep.login.as_str()).collect()
}

#[test]
fn reps_on_the_team_in_the_period_are_scored_and_managers_only_with_a_target() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(&dir);
    let boss = s.actor_for("boss").unwrap();
    // cy left on 2026-06-30: scored in Q2, not in Q3.
    s.rep_leave(
        &boss,
        "cy",
        HandoverTo::Pool,
        NaiveDate::from_ymd_opt(2026, 6, 30).unwrap(),
    )
    .unwrap();
    let q3 = logins(&s.scorecards(&boss, p("2026-Q3"), None, false).unwrap()).join(" ");
    assert_eq!(q3, "ann bob");
    let q2 = s.scorecards(&boss, p("2026-Q2"), None, false).unwrap();
    assert!(logins(&q2).contains(&"cy"));
    // A manager who is given a target is measured like anyone else.
    let me = s.rep_by_login("boss").unwrap().unwrap();
    assert_eq!(me.role, Role::Manager);
    let scope = TargetScope::Rep {
        id: me.id,
        login: me.login,
    };
    s.set_target(&boss, &scope, Metric::Sales, p("2026-Q3"), 10_000, None)
        .unwrap();
    let cards = s.scorecards(&boss, p("2026-Q3"), None, false).unwrap();
    let mut scored = logins(&cards);
    scored.sort();
    assert_eq!(scored, ["ann", "bob", "boss"]);
}

#[test]
fn equal_totals_share_a_rank() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(&dir);
    let boss = s.actor_for("boss").unwrap();
    // ann and bob rated alike, cy better: 1 cy, 2 ann, 2 bob.
    for (l, m) in [("ann", 3), ("bob", 3), ("cy", 5)] {
        let marks = Marks {
            attitude: m,
            knowledge: m,
            teamwork: m,
        };
        s.rate(&boss, l, p("2026-Q3"), marks, None).unwrap();
    }
    let cards = s.scorecards(&boss, p("2026-Q3"), None, false).unwrap();
    let ranks: Vec<_> = cards
        .iter()
        .map(|c| (c.rep.login.as_str(), c.rank, c.score.total))
        .collect();
    assert_eq!(
        ranks,
        [("cy", 1, 100.0), ("ann", 2, 60.0), ("bob", 2, 60.0)]
    );
    // The rep sees the team's leaderboard: their own card whole, ranked among the whole
    // team, the others' rank and total without KPI rows or rating.
    let bob = s.actor_for("bob").unwrap();
    let seen = s.scorecards(&bob, p("2026-Q3"), None, false).unwrap();
    assert_eq!(logins(&seen), ["cy", "ann", "bob"]);
    let mine = seen.iter().find(|c| c.detail).unwrap();
    assert_eq!(mine.rep.login, "bob");
    assert_eq!((mine.rank, mine.team_size), (2, 3));
    assert!(mine.rating.is_some() && !mine.score.rows.is_empty());
    let others: Vec<_> = seen.iter().filter(|c| !c.detail).collect();
    assert!(
        others
            .iter()
            .all(|c| c.rating.is_none() && c.score.rows.is_empty())
    );
    assert_eq!(others[0].score.total, 100.0, "cy's total is on the board");
    // A login that is not a rep sees no card at all.
    let stranger = salestrack::store::Actor::read_only("eve");
    assert!(matches!(
        s.scorecards(&stranger, p("2026-Q3"), None, false),
        Err(StoreError::ReadOnly { .. })
    ));
}

#[test]
fn a_template_scores_from_its_period_on_and_the_past_keeps_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(&dir);
    let boss = s.actor_for("boss").unwrap();
    assert_eq!(
        s.template_for(p("2026-09")).unwrap(),
        Template::default_template()
    );
    let mut t = Template::default_template();
    t.name = "autumn".into();
    t.effective_from = p("2026-09");
    t.rows.truncate(3);
    s.import_template(&boss, &t).unwrap();
    assert_eq!(s.template_for(p("2026-09")).unwrap().name, "autumn");
    assert_eq!(s.template_for(p("2027")).unwrap().name, "autumn");
    // Periods that started before September keep the default, the quarter included.
    for earlier in ["2026-08", "2026-Q3", "2026", "2025-Q4"] {
        assert_eq!(
            s.template_for(p(earlier)).unwrap().name,
            "default",
            "{earlier}"
        );
    }
    // Reaching back is refused; a rep may not import at all.
    t.effective_from = p("2026-08");
    assert!(matches!(
        s.import_template(&boss, &t),
        Err(StoreError::Rule {
            key: "error.template_past",
            ..
        })
    ));
    t.effective_from = p("2026-10");
    let ann = s.actor_for("ann").unwrap();
    assert!(matches!(
        s.import_template(&ann, &t),
        Err(StoreError::Denied { .. })
    ));
    // A second import for the same period replaces the first.
    t.effective_from = p("2026-09");
    t.name = "autumn 2".into();
    s.import_template(&boss, &t).unwrap();
    assert_eq!(s.templates().unwrap().len(), 1);
    assert_eq!(s.template_for(p("2026-12")).unwrap().name, "autumn 2");
}

#[test]
fn changing_a_rating_clears_the_answer_to_the_old_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(&dir);
    let boss = s.actor_for("boss").unwrap();
    let ann = s.actor_for("ann").unwrap();
    let marks = Marks {
        attitude: 3,
        knowledge: 3,
        teamwork: 3,
    };
    s.rate(&boss, "ann", p("2026-Q3"), marks, Some("ok"))
        .unwrap();
    s.respond(&ann, p("2026-Q3"), "thanks").unwrap();
    // The same rating again keeps the answer; a different one clears it.
    let r = s
        .rate(&boss, "ann", p("2026-Q3"), marks, Some("ok"))
        .unwrap();
    assert_eq!(r.response.as_deref(), Some("thanks"));
    let r = s
        .rate(
            &boss,
            "ann",
            p("2026-Q3"),
            Marks {
                attitude: 4,
                ..marks
            },
            Some("ok"),
        )
        .unwrap();
    assert_eq!(r.response, None);
    // bob cannot answer ann's rating: he has none of his own.
    let bob = s.actor_for("bob").unwrap();
    assert!(s.respond(&bob, p("2026-Q3"), "hi").is_err());
    assert!(s.rate(&ann, "bob", p("2026-Q3"), marks, None).is_err());
}

/// Scorecards nobody can misread (issue 21), by hand on 2026-09-10 with a template of sales
/// (weight 60) and visits (40), both against targets:
/// - ann, targets ¥30,000 and 30 visits, has sold ¥10,000 and made 10 visits: 60 × ⅓ + 40 × ⅓
///   = 33.33 of 100, a fail against the month's whole targets; a third of September is gone
///   (10 of 30 days), so against a third of each target she is on pace: 100.
/// - boss, a manager given only a visits target (2) and 2 visits: 100, but on 40 of the 100
///   weight (60 n/a): incomplete, ranked after ann.
/// - bob has no target at all: nothing is scored.
#[test]
fn a_month_in_progress_is_judged_on_pace_and_a_thin_card_ranks_last() {
    use salestrack::domain::Money;
    use salestrack::store::customers::NewCustomer;
    use salestrack::store::deals::NewDeal;
    use salestrack::store::visits::NewVisit;
    let dir = tempfile::tempdir().unwrap();
    drop(store(&dir));
    let clock = Clock::fixed(DateTime::parse_from_rfc3339("2026-09-10T18:00:00+08:00").unwrap());
    let mut s = Store::open(&dir.path().join("s.db"), clock).unwrap();
    let boss = s.actor_for("boss").unwrap();
    let t = Template::parse(
        "name = \"pace\"\neffective_from = \"2026-09\"\n\
         [[kpi]]\nkey = \"sales\"\nweight = 60\ngoal = \"target\"\n\
         [[kpi]]\nkey = \"visits\"\nweight = 40\ngoal = \"target\"\n",
    )
    .unwrap();
    s.import_template(&boss, &t).unwrap();
    let sep = p("2026-09");
    let ann_scope = TargetScope::Rep {
        id: s.rep_by_login("ann").unwrap().unwrap().id,
        login: "ann".into(),
    };
    let boss_scope = TargetScope::Rep {
        id: boss.rep_id.clone().unwrap(),
        login: "boss".into(),
    };
    s.set_target(&boss, &ann_scope, Metric::Sales, sep, 3_000_000, None)
        .unwrap();
    s.set_target(&boss, &ann_scope, Metric::Visits, sep, 30, None)
        .unwrap();
    s.set_target(&boss, &boss_scope, Metric::Visits, sep, 2, None)
        .unwrap();
    for (who, n) in [("ann", 10), ("boss", 2)] {
        let actor = s.actor_for(who).unwrap();
        let c = NewCustomer {
            name: format!("{who} Co"),
            owner: Some(who.into()),
            ..NewCustomer::default()
        };
        let c = s.add_customer(&boss, c).unwrap();
        for day in 1..=n {
            let v = NewVisit {
                customer_id: c.id.clone(),
                summary: "x".into(),
                date: NaiveDate::from_ymd_opt(2026, 9, day.min(10)),
                ..NewVisit::default()
            };
            s.add_visit(&actor, v).unwrap();
        }
        if who == "ann" {
            let d = NewDeal {
                customer_id: c.id,
                title: "d".into(),
                amount: Some(Money::from_cents(1_000_000)),
                opened_on: NaiveDate::from_ymd_opt(2026, 9, 1),
                ..NewDeal::default()
            };
            let d = s.add_deal(&actor, d).unwrap();
            s.win_deal(
                &actor,
                &d.id,
                NaiveDate::from_ymd_opt(2026, 9, 5).unwrap(),
                None,
                None,
            )
            .unwrap();
        }
    }
    let cards = s.scorecards(&boss, sep, None, false).unwrap();
    let card = |l: &str| cards.iter().find(|c| c.rep.login == l).unwrap();
    let ann = card("ann");
    assert_eq!(ann.score.total, 33.33);
    assert!(ann.in_progress && !ann.incomplete);
    assert_eq!(ann.pace_total, Some(100.0));
    let b = card("boss");
    assert_eq!((b.score.total, b.incomplete), (100.0, true));
    assert_eq!((ann.rank, b.rank), (1, 2), "the complete card first");
    assert!(card("bob").nothing_scored);
    assert_eq!(salestrack::messages::card_total(card("bob")), "—");
    // A finished period is not in progress: no pace.
    let aug = s.scorecards(&boss, p("2026-08"), None, false).unwrap();
    assert!(aug.iter().all(|c| !c.in_progress && c.pace_total.is_none()));
}
