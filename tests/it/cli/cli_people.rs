//! People through the built binary (README, People): a rep added as of the day they joined,
//! and the audit log a manager reads.

use crate::common::Env;

fn visits_scored(env: &Env, period: &str, login: &str) -> Option<f64> {
    let v: Vec<serde_json::Value> =
        serde_json::from_str(&env.run(&["kpi", "--period", period, "--json"])).unwrap();
    let card = v.iter().find(|c| c["rep"] == login)?;
    let kpi = card["kpis"]
        .as_array()?
        .iter()
        .find(|k| k["key"] == "visits")?;
    kpi["actual"].as_f64()
}

/// A team back-filling last quarter adds its reps as of the day they joined: their visits of
/// then are scored. Added without it, a rep joined today, and last quarter has no card for
/// them.
#[test]
fn a_back_filled_quarter_scores_reps_who_joined_before_it() {
    let env = Env::new();
    env.init();
    env.run(&[
        "rep",
        "add",
        "--name",
        "李娜",
        "--login",
        "li.na",
        "--joined",
        "2026-01-01",
    ]);
    env.run(&["rep", "add", "--name", "王磊", "--login", "wang.lei"]);
    for (login, customer) in [("li.na", "甲公司"), ("wang.lei", "乙公司")] {
        env.run(&["customer", "add", "--name", customer, "--owner", login]);
        env.run(&[
            "--as",
            login,
            "visit",
            "add",
            "--customer",
            customer,
            "--summary",
            "拜访",
            "--date",
            "2026-02-10",
        ]);
    }
    assert_eq!(visits_scored(&env, "2026-Q1", "li.na"), Some(1.0));
    assert_eq!(
        visits_scored(&env, "2026-Q1", "wang.lei"),
        None,
        "joined after it"
    );
    let err = env.refuse(&[
        "rep",
        "add",
        "--name",
        "X",
        "--login",
        "x",
        "--joined",
        "2099-01-01",
    ]);
    assert!(err.contains("joined"), "{err}");
}

#[test]
fn a_manager_reads_the_audit_log_by_who_and_since() {
    let env = Env::new();
    env.init();
    env.run(&["customer", "add", "--name", "甲公司", "--owner", "ann"]);
    env.run(&[
        "--as",
        "ann",
        "visit",
        "add",
        "--customer",
        "甲公司",
        "--summary",
        "拜访",
    ]);
    let all: Vec<serde_json::Value> =
        serde_json::from_str(&env.run(&["audit", "list", "--json"])).unwrap();
    let actions: Vec<&str> = all.iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert!(
        actions.contains(&"visit.add") && actions.contains(&"customer.add"),
        "{actions:?}"
    );
    assert_eq!(
        actions.last(),
        Some(&"rep.add"),
        "newest first: {actions:?}"
    );
    // By who: what ann did, or what a manager did as ann.
    let ann: Vec<serde_json::Value> =
        serde_json::from_str(&env.run(&["audit", "list", "--who", "ann", "--json"])).unwrap();
    assert!(!ann.is_empty());
    assert!(
        ann.iter()
            .all(|e| e["who"] == "ann" || e["acting_as"] == "ann"),
        "{ann:?}"
    );
    let none: Vec<serde_json::Value> =
        serde_json::from_str(&env.run(&["audit", "list", "--since", "2026-10-01", "--json"]))
            .unwrap();
    assert!(none.is_empty(), "nothing after today: {none:?}");
    let table = env.run(&["audit", "list", "--limit", "2"]);
    assert_eq!(
        table.lines().count(),
        3,
        "a header and two entries: {table}"
    );
    // A rep may not read it.
    let err = env.refuse(&["--as", "ann", "audit", "list"]);
    assert!(err.contains("may not read the audit log"), "{err}");
}
