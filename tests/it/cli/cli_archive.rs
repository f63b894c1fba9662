//! The customer archive through the built binary (issue 5): claim, release, assign, contacts,
//! a rep leaving, the pool sweep; every refusal on stderr, non-zero, nothing changed.

use crate::common::Env;

fn customers(env: &Env, args: &[&str]) -> Vec<(String, String)> {
    let all = [&["customer", "list", "--json"][..], args].concat();
    let v: Vec<serde_json::Value> = serde_json::from_str(&env.run(&all)).unwrap();
    v.iter()
        .map(|c| {
            let owner = c["owner_login"].as_str().unwrap_or("").to_string();
            (c["name"].as_str().unwrap().to_string(), owner)
        })
        .collect()
}

#[test]
fn claim_release_and_assign() {
    let env = Env::new();
    env.init();
    env.run(&["customer", "add", "--name", "Pool Co"]);
    let out = env.run(&["--as", "ann", "customer", "claim", "Pool Co"]);
    assert!(out.contains("Pool Co") && out.contains("ann"), "{out}");
    // Now ann's: another rep is told whose it is and nothing more (data scopes).
    let err = env.refuse(&["--as", "zhang.wei", "customer", "claim", "Pool Co"]);
    assert!(err.contains("“Pool Co” exists: owned by Ann Lee"), "{err}");
    let err = env.refuse(&["--as", "zhang.wei", "customer", "release", "Pool Co"]);
    assert!(err.contains("exists: owned by Ann Lee"), "{err}");
    let err = env.refuse(&[
        "--as",
        "ann",
        "customer",
        "assign",
        "Pool Co",
        "--to",
        "zhang.wei",
    ]);
    assert!(err.contains("ann may not"), "{err}");
    env.run(&["customer", "assign", "Pool Co", "--to", "zhang.wei"]);
    assert_eq!(
        customers(&env, &[]),
        [("Pool Co".to_string(), "zhang.wei".to_string())]
    );
    env.run(&["--as", "zhang.wei", "customer", "release", "Pool Co"]);
    assert_eq!(customers(&env, &["--pool"]).len(), 1);
}

#[test]
fn the_claim_limit_comes_from_the_team_settings() {
    let env = Env::new();
    env.init();
    env.run(&["settings", "set", "claim_limit", "1"]);
    env.run(&["customer", "add", "--name", "One"]);
    env.run(&["customer", "add", "--name", "Two"]);
    env.run(&["--as", "ann", "customer", "claim", "One"]);
    let err = env.refuse(&["--as", "ann", "customer", "claim", "Two"]);
    assert!(err.contains("claim limit is 1"), "{err}");
}

#[test]
fn contacts_are_added_and_listed_with_their_roles() {
    let env = Env::new();
    env.init();
    env.run(&[
        "customer",
        "add",
        "--name",
        "华为技术有限公司",
        "--owner",
        "ann",
    ]);
    let c = "华为技术有限公司";
    env.run(&[
        "--as",
        "ann",
        "contact",
        "add",
        "--customer",
        c,
        "--name",
        "王总",
        "--role",
        "决策者",
    ]);
    env.run(&[
        "--as",
        "ann",
        "contact",
        "add",
        "--customer",
        c,
        "--name",
        "Li",
        "--role",
        "buyer",
        "--personality",
        "amiable",
    ]);
    let err = env.refuse(&[
        "--as",
        "ann",
        "contact",
        "add",
        "--customer",
        c,
        "--name",
        "X",
        "--role",
        "boss",
    ]);
    assert!(
        err.contains("purchase role") && err.contains("decision_maker"),
        "{err}"
    );
    let err = env.refuse(&[
        "--as",
        "zhang.wei",
        "contact",
        "add",
        "--customer",
        c,
        "--name",
        "Y",
    ]);
    assert!(err.contains("exists: owned by Ann Lee"), "{err}");
    let list: Vec<serde_json::Value> =
        serde_json::from_str(&env.run(&["contact", "list", "--customer", c, "--json"])).unwrap();
    let got: Vec<(&str, &str)> = list
        .iter()
        .map(|k| {
            (
                k["name"].as_str().unwrap(),
                k["purchase_role"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(got, [("Li", "buyer"), ("王总", "decision_maker")]);
    let table = env.run(&["--lang", "zh", "contact", "list"]);
    assert!(
        table.contains("决策者") && table.contains("亲切型"),
        "{table}"
    );
}

#[test]
fn a_rep_leaves_and_their_customers_are_shared_out() {
    let env = Env::new();
    env.init();
    env.run(&["rep", "add", "--name", "Leaver", "--login", "leaver"]);
    env.run(&["rep", "add", "--name", "Cy", "--login", "cy"]);
    for i in 0..7 {
        env.run(&[
            "customer",
            "add",
            "--name",
            &format!("C{i}"),
            "--owner",
            "leaver",
        ]);
    }
    let err = env.refuse(&["--as", "ann", "rep", "leave", "leaver", "--to", "zhang.wei"]);
    assert!(err.contains("may not"), "{err}");
    let err = env.refuse(&["rep", "leave", "leaver", "--to", "ann,ghost"]);
    assert!(err.contains("ghost"), "{err}");
    let err = env.refuse(&[
        "rep",
        "leave",
        "leaver",
        "--to",
        "ann",
        "--date",
        "2026-02-30",
    ]);
    assert!(err.contains("date"), "{err}");
    let out = env.run(&[
        "rep",
        "leave",
        "leaver",
        "--to",
        "ann,zhang.wei,cy",
        "--date",
        "2026-09-30",
    ]);
    assert_eq!(
        out,
        "ann: 3 customers, 0 open deals\nzhang.wei: 2 customers, 0 open deals\ncy: 2 customers, 0 open deals\n"
    );
    let list: Vec<serde_json::Value> =
        serde_json::from_str(&env.run(&["rep", "list", "--json"])).unwrap();
    let leaver = list.iter().find(|r| r["login"] == "leaver").unwrap();
    assert_eq!(leaver["left_on"], "2026-09-30");
    let err = env.refuse(&["rep", "leave", "leaver", "--to-pool"]);
    assert!(err.contains("left on 2026-09-30"), "{err}");
    // A rep who has left cannot come along on a visit either.
    env.run(&["customer", "add", "--name", "Joint Co", "--owner", "ann"]);
    let err = env.refuse(&[
        "--as",
        "ann",
        "visit",
        "add",
        "--customer",
        "Joint Co",
        "--summary",
        "x",
        "--with",
        "leaver",
    ]);
    assert!(err.contains("leaver left on 2026-09-30"), "{err}");
}

#[test]
fn the_pool_sweep_returns_unvisited_customers() {
    let env = Env::new();
    env.init();
    // Given to ann in February: the countdown starts at the later of that and her visits.
    for name in ["Old", "Recent"] {
        env.cmd()
            .env("SALESTRACK_NOW", "2026-02-01T10:00:00+08:00")
            .args(["customer", "add", "--name", name, "--owner", "ann"])
            .assert()
            .success();
    }
    env.run(&[
        "--as",
        "ann",
        "visit",
        "add",
        "--customer",
        "Old",
        "--summary",
        "x",
        "--date",
        "2026-03-01",
    ]);
    env.run(&[
        "--as",
        "ann",
        "visit",
        "add",
        "--customer",
        "Recent",
        "--summary",
        "x",
        "--date",
        "2026-09-20",
    ]);
    let err = env.refuse(&["--as", "ann", "pool", "sweep"]);
    assert!(err.contains("may not"), "{err}");
    let dry = env.run(&["pool", "sweep", "--dry-run"]);
    assert!(
        dry.contains("Old\tann\tuntouched since 2026-03-01"),
        "{dry}"
    );
    assert!(dry.contains("dry run: 1 customers would go back"), "{dry}");
    let out = env.run(&["pool", "sweep"]);
    assert!(out.contains("1 customers went back to the pool"), "{out}");
    assert_eq!(
        customers(&env, &["--pool"]),
        [("Old".to_string(), String::new())]
    );
}
