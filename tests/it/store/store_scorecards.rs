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
