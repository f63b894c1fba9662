//! Deals, payments and the agenda through the built binary (issue 6): every rule and every
//! refusal, each refusal leaving the database as it was.

use crate::common::Env;

/// ann holds Acme Ltd and Acme Trading; a deal of ann's on Acme Ltd, its short id returned.
fn with_a_deal(env: &Env, amount: Option<&str>) -> String {
    env.init();
    env.run(&["customer", "add", "--name", "Acme Ltd", "--owner", "ann"]);
    env.run(&[
        "customer",
        "add",
        "--name",
        "Acme Trading",
        "--owner",
        "ann",
    ]);
    let mut args = vec![
        "--as",
        "ann",
        "deal",
        "add",
        "--customer",
        "Acme Ltd",
        "--title",
        "Line 2",
        "--opened",
        "2026-09-01",
    ];
    if let Some(a) = amount {
        args.extend(["--amount", a]);
    }
    env.run(&args).trim().to_string()
}

fn deals(env: &Env) -> Vec<serde_json::Value> {
    serde_json::from_str(&env.run(&["deal", "list", "--json"])).unwrap()
}

#[test]
fn a_deal_is_opened_won_and_paid_in_full() {
    let env = Env::new();
    let id = with_a_deal(&env, Some("1,200,000.50"));
    let out = env.run(&[
        "--as",
        "ann",
        "deal",
        "win",
        &id,
        "--date",
        "2026-09-20",
        "--no-cost",
    ]);
    assert!(
        out.contains("won") && out.contains("¥1,200,000.50 still to collect"),
        "{out}"
    );
    env.run(&[
        "--as",
        "ann",
        "payment",
        "add",
        "--deal",
        &id,
        "--amount",
        "200000.50",
        "--date",
        "2026-09-25",
    ]);
    let out = env.run(&[
        "--as", "ann", "payment", "add", "--deal", &id, "--amount", "1000000", "--date", "today",
    ]);
    assert!(out.contains("¥0.00 still to collect"), "{out}");
    let d = &deals(&env)[0];
    assert_eq!(
        (
            d["stage"].as_str(),
            d["amount"].as_f64(),
            d["paid"].as_f64()
        ),
        (Some("won"), Some(1_200_000.5), Some(1_200_000.5))
    );
    assert_eq!(d["won_on"], "2026-09-20");
    assert_eq!(d["id"].as_str().unwrap().len(), 36);
}

#[test]
fn winning_needs_a_date_and_an_amount_losing_a_reason() {
    let env = Env::new();
    let id = with_a_deal(&env, None);
    let err = env.refuse(&["--as", "ann", "deal", "win", &id, "--no-cost"]);
    assert!(err.contains("date is required"), "{err}");
    let err = env.refuse(&[
        "--as",
        "ann",
        "deal",
        "win",
        &id,
        "--date",
        "2026-09-20",
        "--no-cost",
    ]);
    assert!(err.contains("amount is required"), "{err}");
    let err = env.refuse(&[
        "--as",
        "ann",
        "deal",
        "win",
        &id,
        "--date",
        "2026-02-30",
        "--amount",
        "10",
        "--no-cost",
    ]);
    assert!(err.contains("not a real calendar date"), "{err}");
    let err = env.refuse(&[
        "--as",
        "ann",
        "deal",
        "win",
        &id,
        "--date",
        "2026-08-01",
        "--amount",
        "10",
        "--no-cost",
    ]);
    assert!(err.contains("before the deal was opened"), "{err}");
    let err = env.refuse(&["--as", "ann", "deal", "lose", &id]);
    assert!(err.contains("reason is required"), "{err}");
    env.run(&["--as", "ann", "deal", "lose", &id, "--reason", "price"]);
    let err = env.refuse(&[
        "--as",
        "ann",
        "deal",
        "win",
        &id,
        "--date",
        "2026-09-20",
        "--amount",
        "10",
        "--no-cost",
    ]);
    assert!(err.contains("already lost"), "{err}");
    assert_eq!(deals(&env)[0]["lost_reason"], "price");
}

#[test]
fn payment_rules_are_kept_by_the_store() {
    let env = Env::new();
    let id = with_a_deal(&env, Some("1000"));
    let err = env.refuse(&[
        "--as",
        "ann",
        "payment",
        "add",
        "--deal",
        &id,
        "--amount",
        "10",
        "--date",
        "2026-09-21",
    ]);
    assert!(err.contains("not won"), "a payment on an open deal: {err}");
    env.run(&[
        "--as",
        "ann",
        "deal",
        "win",
        &id,
        "--date",
        "2026-09-20",
        "--no-cost",
    ]);
    let err = env.refuse(&[
        "--as",
        "ann",
        "payment",
        "add",
        "--deal",
        &id,
        "--amount",
        "10",
        "--date",
        "2026-09-19",
    ]);
    assert!(
        err.contains("before the deal was won (2026-09-20)"),
        "{err}"
    );
    env.run(&[
        "--as",
        "ann",
        "payment",
        "add",
        "--deal",
        &id,
        "--amount",
        "600",
        "--date",
        "2026-09-21",
    ]);
    let err = env.refuse(&[
        "--as",
        "ann",
        "payment",
        "add",
        "--deal",
        &id,
        "--amount",
        "400.01",
        "--date",
        "2026-09-22",
    ]);
    assert!(err.contains("more than the 400.00 still due"), "{err}");
    let err = env.refuse(&[
        "--as",
        "ann",
        "payment",
        "add",
        "--deal",
        &id,
        "--amount",
        "1.234",
        "--date",
        "2026-09-22",
    ]);
    assert!(
        err.contains("amount") && err.contains("two decimals"),
        "{err}"
    );
    let err = env.refuse(&[
        "--as",
        "ann",
        "payment",
        "add",
        "--deal",
        &id,
        "--amount",
        "0",
        "--date",
        "2026-09-22",
    ]);
    assert!(err.contains("more than 0"), "{err}");
}

#[test]
fn a_rep_writes_only_on_their_own_customers_and_deals() {
    let env = Env::new();
    let id = with_a_deal(&env, Some("1000"));
    let err = env.refuse(&[
        "--as",
        "zhang.wei",
        "deal",
        "add",
        "--customer",
        "Acme Ltd",
        "--title",
        "Mine",
    ]);
    // Another rep's customer is only said to exist and whose it is (data scopes), and
    // their deal is not there at all.
    assert!(err.contains("“Acme Ltd” exists: owned by Ann Lee"), "{err}");
    let err = env.refuse(&["--as", "zhang.wei", "deal", "lose", &id, "--reason", "x"]);
    assert!(
        err.contains("no deal matches") && !err.contains("Acme"),
        "{err}"
    );
    let err = env.refuse(&[
        "--as",
        "zhang.wei",
        "visit",
        "add",
        "--customer",
        "Acme Ltd",
        "--summary",
        "x",
    ]);
    assert!(err.contains("exists: owned by Ann Lee"), "{err}");
}

#[test]
fn customers_are_named_exactly_or_by_short_id_and_ambiguity_is_refused() {
    let env = Env::new();
    with_a_deal(&env, None);
    let err = env.refuse(&[
        "--as",
        "ann",
        "deal",
        "add",
        "--customer",
        "Acme",
        "--title",
        "x",
    ]);
    assert!(
        err.contains("Acme Ltd") && err.contains("Acme Trading"),
        "{err}"
    );
    let err = env.refuse(&[
        "--as",
        "ann",
        "deal",
        "add",
        "--customer",
        "Nobody",
        "--title",
        "x",
    ]);
    assert!(err.contains("no customer matches “Nobody”"), "{err}");
    let err = env.refuse(&[
        "--as",
        "ann",
        "deal",
        "add",
        "--customer",
        "Acme Ltd",
        "--title",
        "x",
        "--opened",
        "2026-02-30",
    ]);
    assert!(err.contains("2026-02-30"), "{err}");
    let err = env.refuse(&[
        "--as",
        "ann",
        "deal",
        "add",
        "--customer",
        "Acme Ltd",
        "--title",
        "x",
        "--stage",
        "won",
    ]);
    assert!(
        err.contains("deal stage") && err.contains("negotiation"),
        "{err}"
    );
    let list: Vec<serde_json::Value> =
        serde_json::from_str(&env.run(&["customer", "list", "--json", "--search", "trading"]))
            .unwrap();
    let short = &list[0]["id"].as_str().unwrap()[..13];
    env.run(&[
        "--as",
        "ann",
        "deal",
        "add",
        "--customer",
        short,
        "--title",
        "By id",
    ]);
    assert!(
        deals(&env)
            .iter()
            .any(|d| d["customer_name"] == "Acme Trading")
    );
}

#[test]
fn the_agenda_lists_exactly_the_due_and_overdue_customers() {
    let env = Env::new();
    env.init();
    // Today is 2026-09-30 (SALESTRACK_NOW). Grade cadences: A 7, B 14, C 30, D 60 days.
    let add = |name: &str, grade: &str| {
        env.run(&[
            "customer", "add", "--name", name, "--grade", grade, "--owner", "ann",
        ])
    };
    add("Due Today", "D");
    add("Follow-up Passed", "D");
    add("Cadence Broken", "A");
    add("All Fine", "A");
    add("Later", "D");
    let visit = |c: &str, date: &str, next: Option<&str>| {
        let mut args = vec![
            "--as",
            "ann",
            "visit",
            "add",
            "--customer",
            c,
            "--summary",
            "x",
            "--date",
            date,
        ];
        if let Some(n) = next {
            args.extend(["--next", n]);
        }
        env.run(&args);
    };
    visit("Due Today", "2026-09-20", Some("today"));
    visit("Follow-up Passed", "2026-09-20", Some("2026-09-29"));
    visit("Cadence Broken", "2026-09-22", None); // 8 days > 7
    visit("All Fine", "2026-09-25", None);
    visit("Later", "2026-09-20", Some("2026-10-05"));
    env.run(&[
        "customer",
        "add",
        "--name",
        "Someone Else's",
        "--grade",
        "A",
        "--owner",
        "zhang.wei",
        "--next",
        "2026-09-01",
    ]);
    let agenda: Vec<serde_json::Value> =
        serde_json::from_str(&env.run(&["--as", "ann", "agenda", "--json"])).unwrap();
    let names: Vec<&str> = agenda.iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Cadence Broken", "Due Today", "Follow-up Passed"]);
    let table = env.run(&["--as", "ann", "agenda"]);
    assert!(
        table
            .lines()
            .any(|l| l.contains("Due Today") && l.ends_with("today")),
        "{table}"
    );
    assert!(
        table
            .lines()
            .any(|l| l.contains("Follow-up Passed") && l.ends_with("overdue")),
        "{table}"
    );
    // A manager may look at anyone's; a rep only at their own.
    let theirs: Vec<serde_json::Value> =
        serde_json::from_str(&env.run(&["agenda", "--rep", "zhang.wei", "--json"])).unwrap();
    assert_eq!(theirs.len(), 1);
    let err = env.refuse(&["--as", "ann", "agenda", "--rep", "zhang.wei"]);
    assert!(err.contains("may not"), "{err}");
}

/// Gross profit needs a cost (issue 21): winning a deal without one asks for it, and nothing
/// is written until `--cost` or `--no-cost` is given; a cost given is kept; a negative one
/// is refused.
#[test]
fn winning_a_deal_without_a_cost_asks_for_one() {
    let env = Env::new();
    let id = with_a_deal(&env, Some("5,000"));
    let win = [
        "--as",
        "ann",
        "deal",
        "win",
        id.as_str(),
        "--date",
        "2026-09-20",
    ];
    let err = env.refuse(&win);
    assert!(err.contains("--cost") && err.contains("--no-cost"), "{err}");
    assert_ne!(deals(&env)[0]["stage"], "won", "nothing written");
    let err = env.refuse(&[&win[..], &["--cost", "-5"]].concat());
    assert!(err.contains("cost"), "{err}");
    assert!(
        env.refuse(&[&win[..], &["--cost", "1", "--no-cost"]].concat())
            .contains("cannot be used with"),
        "one or the other"
    );
    env.run(&[&win[..], &["--cost", "3,000"]].concat());
    let d = &deals(&env)[0];
    assert_eq!(
        (d["stage"].as_str(), d["cost"].as_f64()),
        (Some("won"), Some(3000.0))
    );
    // Its gross profit is counted: ¥5,000 − ¥3,000.
    let table = env.run(&["kpi", "--period", "2026-Q3", "--json"]);
    let cards: Vec<serde_json::Value> = serde_json::from_str(&table).unwrap();
    let ann = cards.iter().find(|c| c["rep"] == "ann").unwrap();
    let gp = ann["kpis"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["key"] == "gross_profit")
        .unwrap();
    assert_eq!(gp["actual"].as_f64(), Some(2000.0), "{gp}");
    assert_eq!(ann["uncosted_won_deals"], 0);
}
