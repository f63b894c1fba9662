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

/// Mistakes corrected: a contact deleted, a payment edited or deleted, each by whoever may
/// record one, by the same rules, and kept in the audit log.
#[test]
fn a_contact_and_a_payment_recorded_wrong_are_corrected() {
    let env = Env::new();
    env.init();
    env.run(&["customer", "add", "--name", "甲公司", "--owner", "ann"]);
    env.run(&[
        "customer",
        "add",
        "--name",
        "乙公司",
        "--owner",
        "zhang.wei",
    ]);
    for name in ["王五", "王五", "赵六"] {
        env.run(&["contact", "add", "--customer", "甲公司", "--name", name]);
    }
    // Two of one name: refused with both, nothing deleted.
    let err = env.refuse(&["contact", "delete", "--customer", "甲公司", "王五"]);
    assert!(err.contains("王五"), "{err}");
    // Another rep's customer's contact: refused; the owner's own: done.
    env.run(&["contact", "add", "--customer", "乙公司", "--name", "钱七"]);
    let err = env.refuse(&[
        "--as",
        "ann",
        "contact",
        "delete",
        "--customer",
        "乙公司",
        "钱七",
    ]);
    assert!(!err.is_empty());
    let out = env.run(&[
        "--as",
        "ann",
        "contact",
        "delete",
        "--customer",
        "甲公司",
        "赵六",
    ]);
    assert!(out.contains("赵六"), "{out}");
    let left: Vec<serde_json::Value> =
        serde_json::from_str(&env.run(&["contact", "list", "--customer", "甲公司", "--json"]))
            .unwrap();
    assert_eq!(left.len(), 2, "{left:?}");

    // A won deal of 1 000, paid 600: the payment's id from --json, then corrected.
    let deal: serde_json::Value = serde_json::from_str(&env.run(&[
        "--as",
        "ann",
        "deal",
        "add",
        "--customer",
        "甲公司",
        "--title",
        "续约",
        "--amount",
        "1000",
        "--opened",
        "2026-09-01",
        "--json",
    ]))
    .unwrap();
    let id = deal["id"].as_str().unwrap().to_string();
    env.run(&[
        "--as",
        "ann",
        "deal",
        "win",
        &id,
        "--date",
        "2026-09-10",
        "--no-cost",
    ]);
    let paid: serde_json::Value = serde_json::from_str(&env.run(&[
        "--as",
        "ann",
        "payment",
        "add",
        "--deal",
        &id,
        "--amount",
        "600",
        "--date",
        "2026-09-12",
        "--json",
    ]))
    .unwrap();
    let payment = paid["payment_id"].as_str().unwrap().to_string();
    let list = env.run(&["payment", "list", "--deal", &id]);
    assert!(list.contains("2026-09-12"), "{list}");
    // Past the amount, before the win, by another rep: refused, nothing changed.
    let err = env.refuse(&[
        "--as", "ann", "payment", "edit", &payment, "--amount", "1200",
    ]);
    assert!(err.contains("1,200"), "{err}");
    let err = env.refuse(&[
        "--as",
        "ann",
        "payment",
        "edit",
        &payment,
        "--date",
        "2026-09-01",
    ]);
    assert!(err.contains("2026-09-10"), "{err}");
    let err = env.refuse(&["--as", "zhang.wei", "payment", "delete", &payment]);
    assert!(!err.is_empty());
    let out = env.run(&[
        "--as", "ann", "payment", "edit", &payment, "--amount", "1000",
    ]);
    assert!(out.contains("0.00 still to collect"), "{out}");
    let out = env.run(&["--as", "ann", "payment", "delete", &payment]);
    assert!(out.contains("1,000.00 still to collect"), "{out}");
    // A deposit paid before the win: refused as a payment, taken as a deposit.
    let early = [
        "--as",
        "ann",
        "payment",
        "add",
        "--deal",
        &id,
        "--amount",
        "200",
        "--date",
        "2026-09-05",
    ];
    let err = env.refuse(&early);
    assert!(err.contains("2026-09-10"), "{err}");
    // A deposit from before the deal existed is refused, naming the day it was opened.
    let ancient = [&early[..8], &["--date", "1990-01-01", "--deposit"]].concat();
    let err = env.refuse(&ancient);
    assert!(err.contains("before the deal was opened"), "{err}");
    let out = env.run(&[&early[..], &["--deposit"]].concat());
    assert!(out.contains("800.00 still to collect"), "{out}");
    let log = env.run(&["audit", "list", "--json"]);
    for action in ["contact.delete", "payment.edit", "payment.delete"] {
        assert!(log.contains(action), "{action} in the log");
    }
}

/// A won or lost deal reopened: by its owner the month it closed, by a manager later; never
/// with payments on it, never an open one.
#[test]
fn a_deal_closed_by_mistake_is_reopened_by_the_rules() {
    let env = Env::new();
    env.init();
    env.run(&["customer", "add", "--name", "甲公司", "--owner", "ann"]);
    let add = |title: &str| -> String {
        let d: serde_json::Value = serde_json::from_str(&env.run(&[
            "--as",
            "ann",
            "deal",
            "add",
            "--customer",
            "甲公司",
            "--title",
            title,
            "--amount",
            "1000",
            "--opened",
            "2026-07-01",
            "--json",
        ]))
        .unwrap();
        d["id"].as_str().unwrap().to_string()
    };
    let (this_month, july, paid, open) = (add("本月"), add("七月"), add("已回款"), add("进行中"));
    env.run(&[
        "--as",
        "ann",
        "deal",
        "win",
        &this_month,
        "--date",
        "2026-09-20",
        "--no-cost",
    ]);
    env.run(&[
        "--as",
        "ann",
        "deal",
        "win",
        &july,
        "--date",
        "2026-07-20",
        "--no-cost",
    ]);
    env.run(&[
        "--as",
        "ann",
        "deal",
        "win",
        &paid,
        "--date",
        "2026-09-21",
        "--no-cost",
    ]);
    env.run(&[
        "--as",
        "ann",
        "payment",
        "add",
        "--deal",
        &paid,
        "--amount",
        "100",
        "--date",
        "2026-09-22",
    ]);
    let out = env.run(&["--as", "ann", "deal", "reopen", &this_month]);
    assert!(out.contains("negotiation"), "{out}");
    let err = env.refuse(&["--as", "ann", "deal", "reopen", &july]);
    assert!(err.contains("a manager reopens it"), "{err}");
    env.run(&["deal", "reopen", &july]);
    let err = env.refuse(&["deal", "reopen", &paid]);
    assert!(err.contains("1 payment"), "{err}");
    let err = env.refuse(&["deal", "reopen", &open]);
    assert!(err.contains("still open"), "{err}");
    let won: Vec<serde_json::Value> =
        serde_json::from_str(&env.run(&["deal", "list", "--stage", "won", "--json"])).unwrap();
    assert_eq!(won.len(), 1, "only the paid one stays won");
    // The kept totals follow: ann's sales of the quarter are the one deal still won.
    let cards: Vec<serde_json::Value> =
        serde_json::from_str(&env.run(&["kpi", "--period", "2026-Q3", "--json"])).unwrap();
    let ann = cards.iter().find(|c| c["rep"] == "ann").unwrap();
    let sales = ann["kpis"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["key"] == "sales")
        .unwrap();
    assert_eq!(sales["actual"].as_f64(), Some(1000.0), "{sales}");
}

#[test]
fn a_manager_edits_a_rep_and_may_not_demote_themself() {
    let env = Env::new();
    env.init();
    let out = env.run(&[
        "rep",
        "edit",
        "ann",
        "--name",
        "Ann Lee-Wang",
        "--role",
        "manager",
        "--phone",
        "13800138000",
    ]);
    assert!(out.contains("ann\tAnn Lee-Wang\tmanager"), "{out}");
    let reps: Vec<serde_json::Value> =
        serde_json::from_str(&env.run(&["rep", "list", "--json"])).unwrap();
    let ann = reps.iter().find(|r| r["login"] == "ann").unwrap();
    assert_eq!(ann["phone"], "13800138000");
    assert_eq!(ann["team"], "sales", "the team is not changed here");
    // A blank phone clears it; the rest stays.
    env.run(&["rep", "edit", "ann", "--phone", ""]);
    let reps: Vec<serde_json::Value> =
        serde_json::from_str(&env.run(&["rep", "list", "--json"])).unwrap();
    let ann = reps.iter().find(|r| r["login"] == "ann").unwrap();
    assert_eq!(
        (ann["phone"].clone(), ann["name"].clone()),
        (serde_json::Value::Null, "Ann Lee-Wang".into())
    );
    let me = whoami::username();
    let err = env.refuse(&["rep", "edit", &me, "--role", "rep"]);
    assert!(err.contains("may not make themselves a rep"), "{err}");
    let err = env.refuse(&["--as", "zhang.wei", "rep", "edit", "ann", "--name", "X"]);
    assert!(err.contains("may not change reps"), "{err}");
    let err = env.refuse(&["rep", "edit", "ann", "--name", "红\u{1b}[31m"]);
    assert!(err.contains("name"), "{err}");
}

/// A move is dated and kept: the quarter's team totals split at the move, `rep list` shows the
/// team now, and a refused part of an edit refuses all of it. A rep who left comes back.
#[test]
fn a_rep_moves_team_and_comes_back_by_the_rules() {
    let env = Env::new();
    env.init();
    env.run(&[
        "rep",
        "add",
        "--name",
        "Li Na",
        "--login",
        "li.na",
        "--joined",
        "2026-01-05",
    ]);
    // A move dated before she joined would rewrite history.
    let err = env.refuse(&[
        "rep",
        "edit",
        "ann",
        "--team",
        "east",
        "--from",
        "2026-08-01",
    ]);
    assert!(err.contains("2026-09-30"), "ann joined today: {err}");
    env.run(&[
        "rep",
        "edit",
        "li.na",
        "--team",
        "east",
        "--from",
        "2026-08-01",
    ]);
    let reps: Vec<serde_json::Value> =
        serde_json::from_str(&env.run(&["rep", "list", "--json"])).unwrap();
    let li = reps.iter().find(|r| r["login"] == "li.na").unwrap();
    assert_eq!(li["team"], "east");
    let audit = env.run(&["audit", "list", "--who", &whoami::username()]);
    assert!(audit.contains("sales → east from 2026-08-01"), "{audit}");

    // Half an edit is no edit: the name stays when the move is refused.
    let err = env.refuse(&[
        "rep", "edit", "li.na", "--name", "New Name", "--team", "east",
    ]);
    assert!(err.contains("already on the team east"), "{err}");
    let err = env.refuse(&[
        "rep",
        "edit",
        "li.na",
        "--name",
        "New Name",
        "--team",
        "west",
        "--from",
        "2026-07-01",
    ]);
    assert!(err.contains("2026-08-01"), "names the last change: {err}");
    let err = env.refuse(&["rep", "edit", "li.na", "--from", "2026-07-01"]);
    assert!(err.contains("--team"), "--from needs --team: {err}");
    let reps: Vec<serde_json::Value> =
        serde_json::from_str(&env.run(&["rep", "list", "--json"])).unwrap();
    let li = reps.iter().find(|r| r["login"] == "li.na").unwrap();
    assert_eq!(li["name"], "Li Na");

    // Leaves, and is refused a return dated before it; comes back.
    env.run(&["rep", "leave", "li.na", "--to-pool", "--date", "2026-09-29"]);
    let err = env.refuse(&["rep", "rejoin", "zhang.wei"]);
    assert!(err.contains("has not left"), "{err}");
    let err = env.refuse(&["--as", "zhang.wei", "rep", "rejoin", "li.na"]);
    assert!(err.contains("may not"), "{err}");
    let out = env.run(&["rep", "rejoin", "li.na"]);
    assert!(out.starts_with("li.na\tLi Na\t"), "{out}");
    let reps: Vec<serde_json::Value> =
        serde_json::from_str(&env.run(&["rep", "list", "--json"])).unwrap();
    let li = reps.iter().find(|r| r["login"] == "li.na").unwrap();
    assert_eq!(li["left_on"], serde_json::Value::Null);
    env.run(&["customer", "add", "--name", "回来了", "--owner", "li.na"]);
}

/// People by their names (issue 21): `--owner`, `--with` and `--to` take a rep's name as well
/// as their login; a name two reps share is refused with each one's login, and nothing is
/// written.
#[test]
fn a_rep_is_named_by_name_or_login_and_a_shared_name_is_refused() {
    let env = Env::new();
    env.init();
    env.run(&["customer", "add", "--name", "甲公司", "--owner", "张伟"]);
    let list: Vec<serde_json::Value> =
        serde_json::from_str(&env.run(&["customer", "list", "--json"])).unwrap();
    assert_eq!(list[0]["owner_login"], "zhang.wei");
    env.run(&[
        "--as",
        "zhang.wei",
        "visit",
        "add",
        "--customer",
        "甲公司",
        "--summary",
        "拜访",
        "--with",
        "Ann Lee",
    ]);
    let visits = env.run(&["visit", "list", "--json"]);
    assert!(visits.contains("\"ann\""), "{visits}");
    // A second 张伟 makes the name ambiguous.
    env.run(&[
        "rep",
        "add",
        "--name",
        "张伟",
        "--login",
        "zhang.wei2",
        "--team",
        "west",
    ]);
    let err = env.refuse(&["customer", "add", "--name", "乙公司", "--owner", "张伟"]);
    assert!(
        err.contains("zhang.wei") && err.contains("zhang.wei2"),
        "{err}"
    );
    let list: Vec<serde_json::Value> =
        serde_json::from_str(&env.run(&["customer", "list", "--json"])).unwrap();
    assert_eq!(list.len(), 1, "nothing written");
    // The login still names one.
    env.run(&[
        "customer",
        "add",
        "--name",
        "乙公司",
        "--owner",
        "zhang.wei2",
    ]);
}
