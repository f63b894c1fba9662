//! Money within a sane range: no record above ¥1 000 000 000 000, sums that never fail for
//! the team, rollups that stay exact integers, and a hand-edited copy cannot bring in more.

use rusqlite::Connection;
use serde_json::Value;

use crate::common::{Env, team::at};

const MAX: &str = "1000000000000";

/// A deal of Ann's, won today.
fn won_deal(env: &Env, amount: &str) {
    let ann = |args: &[&str]| at(env, crate::common::NOW, Some("ann"), args);
    let deal: Value = serde_json::from_str(&ann(&[
        "deal",
        "add",
        "--customer",
        "Acme",
        "--title",
        "big",
        "--amount",
        amount,
        "--json",
    ]))
    .unwrap();
    ann(&[
        "deal",
        "win",
        deal["id"].as_str().unwrap(),
        "--date",
        "2026-09-30",
        "--no-cost",
    ]);
}

#[test]
fn amounts_above_the_cap_are_refused_and_sums_of_capped_ones_never_fail() {
    let env = Env::new();
    env.init();
    env.run(&["customer", "add", "--name", "Acme", "--owner", "ann"]);
    for too_much in ["92233720368547758.07", "1000000000000.01"] {
        let err = env.refuse(&[
            "deal",
            "add",
            "--customer",
            "Acme",
            "--title",
            "x",
            "--amount",
            too_much,
        ]);
        assert!(err.contains("too large"), "{err}");
        env.refuse(&[
            "visit",
            "add",
            "--customer",
            "Acme",
            "--summary",
            "x",
            "--expense",
            too_much,
        ]);
    }
    won_deal(&env, MAX);
    won_deal(&env, MAX);
    // Everything that sums the team's deals still works and shows ¥2 000 000 000 000.
    env.run(&["kpi", "--period", "2026-Q3"]);
    env.run(&["target", "show", "--period", "2026"]);
    let report = env.run(&["report", "--period", "2026-Q3", "--format", "csv"]);
    assert!(report.contains("2000000000000"), "{report}");
    let report = env.run(&["report", "--period", "2026-Q3", "--format", "md"]);
    assert!(report.contains("¥2000.0B"), "short on the page: {report}");
    env.run(&["deal", "list"]);
}

#[test]
fn a_hand_edited_copy_with_a_huge_amount_is_refused_by_sync() {
    let server = Env::new();
    server.init();
    server.run(&["customer", "add", "--name", "Acme", "--owner", "ann"]);
    won_deal(&server, "100");
    let laptop = Env::new();
    server.run(&["backup", laptop.db().to_str().unwrap()]);
    let c = Connection::open(laptop.db()).unwrap();
    c.execute(
        "UPDATE deals SET amount_cents = 9223372036854775807, updated_at = ?1",
        ["2026-09-30T10:00:00.000Z"],
    )
    .unwrap_err();
    // Even with the guards dropped from the copy, the server's own guards refuse the rows.
    c.execute_batch(
        "DROP TRIGGER guard_deals_update;
         UPDATE deals SET amount_cents = 9223372036854775807, updated_at = '2026-09-30T10:00:00.000Z';",
    )
    .unwrap();
    drop(c);
    let err = server.refuse(&["sync", laptop.db().to_str().unwrap()]);
    assert!(err.contains("amount must be between"), "{err}");
    let deals: Vec<Value> = serde_json::from_str(&at(
        &server,
        crate::common::NOW,
        None,
        &["deal", "list", "--json"],
    ))
    .unwrap();
    assert_eq!(deals[0]["amount"], 100.0, "{deals:?}");
}

#[test]
fn rollups_stay_exact_integers_when_expenses_pile_up() {
    use crate::common::screen::lang_lock;
    use salestrack::clock::Clock;
    use salestrack::domain::Money;
    use salestrack::i18n::Lang;
    use salestrack::store::Store;
    use salestrack::store::customers::NewCustomer;
    use salestrack::store::visits::NewVisit;
    let _l = lang_lock(Lang::En);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let clock = Clock::fixed(crate::common::NOW.parse().unwrap());
    let mut s = Store::create_or_open(&db, clock).unwrap();
    let me = s.init_first_manager("boss", "Boss").unwrap().unwrap();
    let boss = s.actor_for(&me.login).unwrap();
    let c = s
        .add_customer(
            &boss,
            NewCustomer {
                name: "Acme".into(),
                owner: Some("boss".into()),
                ..NewCustomer::default()
            },
        )
        .unwrap();
    let visit = || NewVisit {
        customer_id: c.id.clone(),
        summary: "dinner".into(),
        expense: Money::MAX,
        ..NewVisit::default()
    };
    // A month's expenses may reach 10^17 cents (a thousand records at the cap); the write
    // that would go past is refused, the ones before are kept.
    let mut kept = 0;
    let err = loop {
        match s.add_visit(&boss, visit()) {
            Ok(_) => kept += 1,
            Err(e) => break e,
        }
        assert!(kept <= 1000, "no guard");
    };
    assert_eq!(kept, 1000);
    assert!(err.to_string().contains("amount must be between"), "{err}");
    let (kind, cents): (String, i64) = Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT typeof(expense_cents), expense_cents FROM rollup_visits",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((kind.as_str(), cents), ("integer", 100_000_000_000_000_000));
}
