//! Every actual of README, Scorecards (KPI) on a small case built by hand (issue 7): for a rep, for another,
//! and for their team, the n/a cases included. The numbers in the comments are worked out
//! by hand from the records below.

use chrono::{DateTime, NaiveDate};
use salestrack::clock::Clock;
use salestrack::domain::tally::ExpenseRate;
use salestrack::domain::{Metric, Money, Period};
use salestrack::store::customers::NewCustomer;
use salestrack::store::deals::NewDeal;
use salestrack::store::reps::NewRep;
use salestrack::store::visits::NewVisit;
use salestrack::store::{Actor, Store};

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap()
}

fn yuan(y: i64) -> Money {
    Money::from_cents(y * 100)
}

/// Opens a deal on `customer` and wins it; returns its id.
fn won(
    s: &mut Store,
    who: &Actor,
    customer: &str,
    opened: NaiveDate,
    on: NaiveDate,
    amount: i64,
    cost: Option<i64>,
) -> String {
    let c = s.resolve_customer(customer).unwrap();
    let new = NewDeal {
        customer_id: c.id,
        title: "d".into(),
        amount: Some(yuan(amount)),
        cost: cost.map(yuan),
        opened_on: Some(opened),
        ..NewDeal::default()
    };
    let deal = s.add_deal(who, new).unwrap();
    s.win_deal(who, &deal.id, on, None, None).unwrap();
    deal.id
}

#[test]
fn every_actual_for_a_rep_and_the_team() {
    let dir = tempfile::tempdir().unwrap();
    // Visits are logged "now", on 2026-09-30: a visit dated 07-01 is logged late.
    let clock = Clock::fixed(DateTime::parse_from_rfc3339("2026-09-30T18:00:00+08:00").unwrap());
    let mut s = Store::create_or_open(&dir.path().join("m.db"), clock).unwrap();
    s.init_first_manager("boss", "Boss").unwrap();
    let boss = s.actor_for("boss").unwrap();
    for l in ["ann", "bob"] {
        s.add_rep(
            &boss,
            NewRep {
                name: l.into(),
                login: l.into(),
                team: Some("east".into()),
                ..NewRep::default()
            },
        )
        .unwrap();
    }
    let (ann, bob) = (s.actor_for("ann").unwrap(), s.actor_for("bob").unwrap());
    for (name, owner) in [("A Co", "ann"), ("X Co", "ann"), ("B Co", "bob")] {
        s.add_customer(
            &boss,
            NewCustomer {
                name: name.into(),
                owner: Some(owner.into()),
                ..NewCustomer::default()
            },
        )
        .unwrap();
    }
    // bob first won X Co in Q2 (as its owner then) — so ann's later win there is no new customer.
    s.assign(&boss, &s.resolve_customer("X Co").unwrap().id, "bob")
        .unwrap();
    won(&mut s, &bob, "X Co", d(4, 1), d(5, 1), 999, None);
    s.assign(&boss, &s.resolve_customer("X Co").unwrap().id, "ann")
        .unwrap();
    // ann, Q3: ¥1,000 (cost 400) opened 07-01 won 07-21 (20 days); ¥200 opened 09-01 won 09-10 (9 days).
    let d1 = won(&mut s, &ann, "A Co", d(7, 1), d(7, 21), 1_000, Some(400));
    won(&mut s, &ann, "X Co", d(9, 1), d(9, 10), 200, None);
    s.add_payment(&ann, &d1, yuan(600), d(7, 25)).unwrap(); // in Q3
    {
        // Paid after Q3 (not collected in it), so recorded on a later day: no payment is dated
        // after the day it is recorded.
        let later =
            Clock::fixed(DateTime::parse_from_rfc3339("2026-10-06T10:00:00+08:00").unwrap());
        let mut s = Store::open(&dir.path().join("m.db"), later).unwrap();
        let ann = s.actor_for("ann").unwrap();
        s.add_payment(&ann, &d1, yuan(300), d(10, 5)).unwrap();
    }
    // bob, Q3: ¥500 opened 08-01 won 08-10 (9 days), paid in full on 08-15.
    let d2 = won(&mut s, &bob, "B Co", d(8, 1), d(8, 10), 500, None);
    s.add_payment(&bob, &d2, yuan(500), d(8, 15)).unwrap();
    // ann's visits in Q3: two logged on time (¥50 spent on one), one logged late (¥100); bob joins one.
    let a = s.resolve_customer("A Co").unwrap().id;
    for (date, expense, with) in [
        (d(9, 28), 50, vec!["bob".to_string()]),
        (d(9, 29), 0, vec![]),
        (d(7, 1), 100, vec![]),
    ] {
        let v = NewVisit {
            customer_id: a.clone(),
            summary: "x".into(),
            date: Some(date),
            expense: yuan(expense),
            joint_reps: with,
            ..NewVisit::default()
        };
        s.add_visit(&ann, v).unwrap();
    }

    let q3 = Period::Quarter(2026, 3);
    let tallies = s.tallies(q3).unwrap();
    let of = |a: &Actor| tallies[a.rep_id.as_ref().unwrap()];

    let t = of(&ann);
    assert_eq!(t.sales(), yuan(1_200));
    // Gross profit only where a cost was entered: the ¥1,000 deal (cost 400); the ¥200 one
    // has none, so it adds nothing (issue 21) and is counted as lacking one.
    assert_eq!(t.gross_profit(), yuan(600));
    assert_eq!(t.uncosted, 1);
    assert_eq!(t.collected(), yuan(600));
    assert_eq!(t.collection_rate(), Some(0.5), "600 of 1,200 paid by 09-30");
    assert_eq!(t.new_customers, 1, "A Co only: X Co was first won by bob");
    assert_eq!(t.visits(), 3);
    assert_eq!(t.visit_timeliness(), Some(2.0 / 3.0));
    assert_eq!(t.expense_rate(), ExpenseRate::Rate(150.0 / 1_200.0));
    assert_eq!(t.sales_cycle(), Some(14.5), "(20 + 9) / 2");

    let b = of(&bob);
    assert_eq!(
        (b.sales(), b.gross_profit(), b.collected()),
        (yuan(500), yuan(0), yuan(500))
    );
    assert_eq!(b.collection_rate(), Some(1.0));
    assert_eq!(b.new_customers, 1);
    assert_eq!(b.visits(), 1, "one joined");
    assert_eq!(b.visit_timeliness(), None, "bob wrote none: n/a");
    assert_eq!(b.expense_rate(), ExpenseRate::Rate(0.0));
    assert_eq!(b.sales_cycle(), Some(9.0));

    let team = s.team_tally("east", q3, &tallies).unwrap();
    assert_eq!(team.metric(Metric::Sales), 170_000);
    assert_eq!(
        team.collection_rate(),
        Some(1_100.0 / 1_700.0),
        "pooled: (600 + 500) / 1,700"
    );
    assert_eq!(team.metric(Metric::NewCustomers), 2);
    assert_eq!(team.metric(Metric::Visits), 4);
    assert_eq!(team.visit_timeliness(), Some(2.0 / 3.0));

    // Q2: bob's win on X Co; ann has nothing (n/a rates).
    let q2 = s.tallies(Period::Quarter(2026, 2)).unwrap();
    assert_eq!(q2[bob.rep_id.as_ref().unwrap()].sales(), yuan(999));
    assert!(
        !q2.contains_key(ann.rep_id.as_ref().unwrap()),
        "nothing for ann in Q2"
    );
    // A month inside Q3 sees only its own part.
    let sept = s.tallies(Period::Month(2026, 9)).unwrap();
    assert_eq!(sept[ann.rep_id.as_ref().unwrap()].sales(), yuan(200));
    assert_eq!(sept[ann.rep_id.as_ref().unwrap()].collected(), Money::ZERO);
}

#[test]
fn monthly_actuals_agree_with_the_tallies_for_every_target_metric() {
    // The demo data, generated: both ways of counting must give the same numbers.
    let dir = tempfile::tempdir().unwrap();
    let clock = Clock::fixed(DateTime::parse_from_rfc3339("2026-09-30T18:00:00+08:00").unwrap());
    let mut s = Store::create_or_open(&dir.path().join("demo.db"), clock).unwrap();
    let o = salestrack::store::demo::DemoOptions {
        seed: 5,
        reps: 8,
        customers: 150,
        visits: 1500,
        deals: 400,
        years: 2,
    };
    salestrack::store::demo::generate(&mut s, "boss", &o).unwrap();
    for metric in [
        Metric::Sales,
        Metric::GrossProfit,
        Metric::Collected,
        Metric::NewCustomers,
        Metric::Visits,
    ] {
        let monthly = s.monthly_actuals(2026, metric).unwrap();
        for month in 1..=9u8 {
            let tallies = s.tallies(Period::Month(2026, month)).unwrap();
            for (rep, t) in &tallies {
                let m = monthly.get(rep).map_or(0, |v| v[month as usize - 1]);
                assert_eq!(m, t.metric(metric), "{metric} 2026-{month:02} {rep}");
            }
        }
    }
}
