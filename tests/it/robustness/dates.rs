//! Dates that would shield a customer or game a score: nothing that happened is dated after
//! today, no plan reaches beyond five years, no follow-up comes before its visit.

use serde_json::Value;

use crate::common::Env;

/// The test clock's today is 2026-09-30 (`common::NOW`).
fn team() -> Env {
    let env = Env::new();
    env.init();
    env.run(&["customer", "add", "--name", "Acme"]);
    env
}

#[test]
fn a_visit_in_9999_or_a_follow_up_before_its_visit_is_refused() {
    let env = team();
    let base = ["visit", "add", "--customer", "Acme", "--summary", "met"];
    for extra in [
        &["--date", "9999-12-31"][..],
        &["--date", "2026-10-01"],
        &["--date", "1900-01-01"],
        &["--next", "9999-12-31"],
        &["--next", "2031-10-01"],
        &["--date", "2026-09-29", "--next", "2026-09-28"],
    ] {
        let mut args = base.to_vec();
        args.extend(extra);
        let err = env.refuse(&args);
        assert!(
            err.contains("too late") || err.contains("too early"),
            "{extra:?}: {err}"
        );
    }
    env.run(&[
        "visit",
        "add",
        "--customer",
        "Acme",
        "--summary",
        "met",
        "--date",
        "2026-09-29",
        "--next",
        "2031-09-30",
    ]);
    let list: Vec<Value> = serde_json::from_str(&env.run(&["visit", "list", "--json"])).unwrap();
    assert_eq!(list.len(), 1);
}

#[test]
fn deals_payments_and_customer_follow_ups_keep_to_the_calendar() {
    let env = team();
    env.refuse(&[
        "deal",
        "add",
        "--customer",
        "Acme",
        "--title",
        "x",
        "--opened",
        "9999-01-01",
    ]);
    env.refuse(&[
        "customer",
        "add",
        "--name",
        "Later Co",
        "--next",
        "9999-01-01",
    ]);
    let deal: Value = serde_json::from_str(&env.run(&[
        "deal",
        "add",
        "--customer",
        "Acme",
        "--title",
        "order",
        "--amount",
        "100",
        "--json",
    ]))
    .unwrap();
    let id = deal["id"].as_str().unwrap();
    let err = env.refuse(&["deal", "win", id, "--date", "9999-12-31", "--no-cost"]);
    assert!(err.contains("too late"), "{err}");
    env.run(&["deal", "win", id, "--date", "2026-09-30", "--no-cost"]);
    let err = env.refuse(&[
        "payment",
        "add",
        "--deal",
        id,
        "--amount",
        "10",
        "--date",
        "2027-01-01",
    ]);
    assert!(err.contains("too late"), "{err}");
    // An import with a follow-up in 9999 is refused with its line, nothing imported.
    let csv = env.dir.path().join("c.csv");
    std::fs::write(&csv, "name,next_follow_up\nFar Co,9999-12-31\n").unwrap();
    let err = env.refuse(&["customer", "import", csv.to_str().unwrap()]);
    assert!(err.contains("9999-12-31"), "{err}");
}
