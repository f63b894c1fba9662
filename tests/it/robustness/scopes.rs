//! Who sees what (data scopes, issue item 6), through the built binary: a rep's every list,
//! export, report and scorecard leaves out another rep's customer, its contacts' phone
//! numbers and the comment of another rep's rating; adding that customer's name says only
//! whose it is; a login that is not a rep sees nothing at all.

use crate::common::Env;
use crate::common::team::{LATER, at, team};

/// zhang.wei's customer, a contact's phone on it, and the manager's comment on his rating.
const THEIRS: &str = "Z1";
const PHONE: &str = "13912345678";
const COMMENT: &str = "张伟：跟进太慢";

fn fixture() -> Env {
    let env = Env::new();
    team(&env);
    at(
        &env,
        LATER,
        None,
        &[
            "contact",
            "add",
            "--customer",
            THEIRS,
            "--name",
            "王经理",
            "--phone",
            PHONE,
        ],
    );
    at(
        &env,
        LATER,
        None,
        &[
            "rate",
            "--rep",
            "zhang.wei",
            "--period",
            "2026-Q3",
            "--attitude",
            "2",
            "--knowledge",
            "2",
            "--teamwork",
            "2",
            "--comment",
            COMMENT,
        ],
    );
    env
}

/// Everything `login` can list, export or report, as one text.
fn everything(env: &Env, login: &str) -> String {
    let runs: &[&[&str]] = &[
        &["customer", "export"],
        &["customer", "list"],
        &["customer", "list", "--csv"],
        &["customer", "list", "--owner", "zhang.wei"],
        &["contact", "list"],
        &["deal", "list"],
        &["visit", "list"],
        &["visit", "list", "--rep", "zhang.wei"],
        &["kpi", "--period", "2026-Q3"],
        &["kpi", "--period", "2026-Q3", "--json"],
        &["target", "show", "--period", "2026-Q3"],
        &["report", "--period", "2026-Q3", "--format", "md"],
        &["report", "--period", "2026-Q3", "--format", "csv"],
        &["report", "--period", "2026-Q3", "--format", "html"],
    ];
    runs.iter()
        .map(|args| at(env, LATER, Some(login), args))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_rep_never_sees_another_reps_customer_its_phones_or_their_rating_comment() {
    let env = fixture();
    // zhang.wei sees all of it: the fixture holds what ann must not see.
    let his = everything(&env, "zhang.wei");
    assert!(his.contains(THEIRS) && his.contains(PHONE) && his.contains(COMMENT));
    let ann = everything(&env, "ann");
    assert!(ann.contains("A1") && ann.contains("Ann Lee"), "{ann}");
    for secret in [THEIRS, PHONE, COMMENT] {
        let line = ann.lines().find(|l| l.contains(secret));
        assert!(line.is_none(), "ann sees {secret}: {line:?}");
    }
    // zhang.wei's KPI rows and his targets are his: ann's kpi has his rank and total only.
    let kpi: Vec<serde_json::Value> = serde_json::from_str(&at(
        &env,
        LATER,
        Some("ann"),
        &["kpi", "--period", "2026-Q3", "--json"],
    ))
    .unwrap();
    let others: Vec<_> = kpi.iter().filter(|c| c["rep"] != "ann").collect();
    assert!(
        others
            .iter()
            .all(|c| c["kpis"].as_array().unwrap().is_empty())
    );
    assert!(
        others.iter().all(|c| c["rep"] == "bob"),
        "her team only: {kpi:?}"
    );
    let targets = at(
        &env,
        LATER,
        Some("ann"),
        &["target", "show", "--period", "2026-Q3"],
    );
    assert!(!targets.contains("zhang.wei"), "{targets}");
}

#[test]
fn another_reps_customer_is_not_found_and_adding_it_says_whose_and_nothing_more() {
    let env = fixture();
    let refused = |args: &[&str]| {
        let out = env
            .cmd()
            .env("SALESTRACK_NOW", LATER)
            .args(["--as", "ann"])
            .args(args)
            .assert()
            .failure();
        String::from_utf8(out.get_output().stderr.clone()).unwrap()
    };
    let err = refused(&["customer", "add", "--name", THEIRS]);
    assert!(err.contains("“Z1” exists: owned by 张伟"), "{err}");
    assert!(!err.contains("zhang.wei") && !err.contains(PHONE), "{err}");
    let err = refused(&["contact", "list", "--customer", THEIRS]);
    assert!(
        err.contains("exists: owned by 张伟") && !err.contains(PHONE),
        "{err}"
    );
    // A part of the name lists no candidate of his.
    let err = refused(&["deal", "list", "--customer", "Z"]);
    assert!(!err.contains(THEIRS), "{err}");
    at(&env, LATER, None, &["customer", "add", "--name", "Pool Co"]);
    let err = refused(&["customer", "add", "--name", "pool co"]);
    assert!(err.contains("in the pool, claimable"), "{err}");
}

#[test]
fn a_login_that_is_not_a_rep_sees_nothing() {
    let env = fixture();
    // The manager acting as a login the team does not know: read-only, and blind.
    for args in [
        &["customer", "export"][..],
        &["customer", "list", "--json"],
        &["contact", "list", "--json"],
        &["deal", "list", "--json"],
        &["visit", "list", "--json"],
        &["target", "show", "--period", "2026-Q3", "--json"],
    ] {
        let out = at(&env, LATER, Some("stranger"), args);
        let rows = match out.strip_prefix('\u{feff}') {
            // The export: its header line and nothing after.
            Some(csv) => csv.lines().skip(1).count(),
            None => serde_json::from_str::<Vec<serde_json::Value>>(&out)
                .unwrap()
                .len(),
        };
        assert_eq!(rows, 0, "{args:?}: {out}");
    }
}
