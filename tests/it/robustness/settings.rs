//! The team's rules live in the database (issue 3): a rep's own config.toml (or
//! `SALESTRACK_CONFIG`) no longer decides their claim limit; only a manager changes a rule,
//! every change is audited, bad values are refused with the rule; an old config.toml's team
//! rules are ignored with a notice saying where they went, and a manager's are copied into
//! the database once.

use std::path::PathBuf;

use rusqlite::Connection;
use serde_json::Value;

use crate::common::{Env, dump};

/// The config.toml the binary reads by default (`XDG_CONFIG_HOME` is set by `Env::cmd`).
fn write_config(env: &Env, text: &str) -> PathBuf {
    let path = env.dir.path().join("config/salestrack/config.toml");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

fn pool_customers(env: &Env, names: &[&str]) {
    for n in names {
        env.run(&["customer", "add", "--name", n]);
    }
}

/// `settings --json` as key → (value, default, updated_by).
fn settings(env: &Env) -> Vec<(String, String, bool, Option<String>)> {
    let rows: Value = serde_json::from_str(&env.run(&["settings", "--json"])).unwrap();
    rows.as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["key"].as_str().unwrap().to_string(),
                r["value"].as_str().unwrap().to_string(),
                r["default"].as_bool().unwrap(),
                r["updated_by"].as_str().map(str::to_string),
            )
        })
        .collect()
}

fn setting(env: &Env, key: &str) -> (String, bool) {
    let all = settings(env);
    let (_, v, d, _) = all.into_iter().find(|(k, ..)| k == key).unwrap();
    (v, d)
}

/// The audit entries about team rules: (who, action, record_id, detail).
fn rule_audit(env: &Env) -> Vec<(String, String, String, String)> {
    let conn = Connection::open(env.db()).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT who, action, record_id, detail FROM audit
             WHERE action LIKE 'settings.%' ORDER BY at, record_id",
        )
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn a_reps_own_config_does_not_raise_the_teams_claim_limit() {
    let env = Env::new();
    env.init();
    env.run(&["settings", "set", "claim_limit", "2"]);
    pool_customers(&env, &["One", "Two", "Three"]);
    // The attack: the rep's own config, both where it is looked for and by SALESTRACK_CONFIG.
    write_config(&env, "claim_limit = 100000\n[pool]\nenabled = false\n");
    let elsewhere = env.dir.path().join("mine.toml");
    std::fs::write(&elsewhere, "claim_limit = 100000\n").unwrap();
    env.run(&["--as", "ann", "customer", "claim", "One"]);
    env.run(&["--as", "ann", "customer", "claim", "Two"]);
    let err = env.refuse(&["--as", "ann", "customer", "claim", "Three"]);
    assert!(err.contains("the claim limit is 2"), "{err}");
    assert!(err.contains("now live in the database"), "{err}");

    let before = dump(&env.db(), &["audit"]);
    let out = env
        .cmd()
        .env("SALESTRACK_CONFIG", &elsewhere)
        .args(["--as", "ann", "customer", "claim", "Three"])
        .assert()
        .failure();
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(err.contains("the claim limit is 2"), "{err}");
    assert!(
        err.contains("mine.toml"),
        "the notice names that file: {err}"
    );
    assert_eq!(dump(&env.db(), &["audit"]), before, "nothing changed");
    assert_eq!(setting(&env, "claim_limit"), ("2".into(), false));
}

#[test]
fn a_rep_may_not_change_a_team_rule() {
    let env = Env::new();
    env.init();
    let err = env.refuse(&["--as", "ann", "settings", "set", "claim_limit", "5"]);
    assert!(err.contains("ann may not change the team rules"), "{err}");
    assert_eq!(setting(&env, "claim_limit"), ("200".into(), true));
    assert!(rule_audit(&env).is_empty());
}

#[test]
fn a_managers_change_is_audited_and_binds_reps_at_once() {
    let env = Env::new();
    env.init();
    let me = whoami::username();
    let out = env.run(&["settings", "set", "claim_limit", "5"]);
    assert_eq!(out.trim(), "claim_limit: 200 → 5");
    let rows = settings(&env);
    let claim = rows.iter().find(|r| r.0 == "claim_limit").unwrap();
    assert_eq!(
        claim,
        &("claim_limit".into(), "5".into(), false, Some(me.clone()))
    );
    assert!(rows.iter().filter(|r| r.0 != "claim_limit").all(|r| r.2));
    assert_eq!(
        rule_audit(&env),
        [(
            me.clone(),
            "settings.set".into(),
            "claim_limit".into(),
            "200 -> 5".into()
        )]
    );
    // The same value again changes nothing and writes nothing.
    let again = env.run(&["settings", "set", "claim_limit", "5"]);
    assert!(again.contains("already 5"), "{again}");
    assert_eq!(rule_audit(&env).len(), 1);

    let names = ["C1", "C2", "C3", "C4", "C5", "C6"];
    pool_customers(&env, &names);
    for n in &names[..5] {
        env.run(&["--as", "ann", "customer", "claim", n]);
    }
    let err = env.refuse(&["--as", "ann", "customer", "claim", "C6"]);
    assert!(err.contains("ann already holds 5 customers"), "{err}");
}

#[test]
fn the_currency_is_the_teams_not_the_readers() {
    let env = Env::new();
    env.init();
    env.run(&["settings", "set", "currency", "US$"]);
    env.run(&["customer", "add", "--name", "Acme", "--owner", "ann"]);
    let deal = [
        "--as",
        "ann",
        "deal",
        "add",
        "--customer",
        "Acme",
        "--title",
        "Order",
        "--amount",
        "1000",
    ];
    env.run(&deal);
    write_config(&env, "currency = \"¥\"\n");
    let list = env.run(&["--as", "ann", "deal", "list"]);
    assert!(list.contains("US$1,000.00"), "{list}");
    assert!(!list.contains('¥'), "{list}");
}

#[test]
fn bad_values_are_refused_naming_the_rule() {
    let env = Env::new();
    env.init();
    for (key, value, says) in [
        (
            "claim_limit",
            "-1",
            "claim_limit: “-1” is not accepted; expected a whole number from 0 to 10000",
        ),
        ("claim_limit", "100000", "from 0 to 10000"),
        ("claim_limit", "many", "from 0 to 10000"),
        ("claim_limit", "99999999999999999999999", "from 0 to 10000"),
        (
            "cadence.A",
            "0",
            "cadence.A: “0” is not accepted; expected a whole number from 1 to 3650",
        ),
        ("pool.days_without_visit", "4000", "from 1 to 3650"),
        ("pool.enabled", "yes", "expected true or false"),
        ("currency", "", "currency: “” is not accepted"),
        (
            "currency",
            "\u{1b}]0;pwned\u{7}",
            "currency: “\\u{1b}]0;pwned\\u{7}” is not accepted",
        ),
        ("currency", "\u{202e}$", "currency"),
        ("currency", "DOLLARSIGN", "1 to 8 visible characters"),
        (
            "claim_limits",
            "5",
            "“claim_limits” is not a team rule; the rules are: claim_limit, cadence.A",
        ),
    ] {
        let err = env.refuse(&["settings", "set", key, value]);
        assert!(err.contains(says), "{key} = {value:?}: {err}");
        assert!(
            !err.contains('\u{1b}'),
            "the escape is shown, not sent: {err:?}"
        );
    }
    assert!(rule_audit(&env).is_empty());
    assert!(
        settings(&env).iter().all(|r| r.2),
        "every rule still its default"
    );
}

#[test]
fn an_old_config_with_team_rules_says_they_now_live_in_the_database() {
    let env = Env::new();
    env.init();
    let path = write_config(
        &env,
        "language = \"en\"\ncurrency = \"$\"\nclaim_limit = 50\n\
         [cadence]\nA = 3\n[pool]\nenabled = true\ndays_without_visit = 45\n",
    );
    // As a rep (through --as): the rules are named, ignored, and nothing is copied.
    let out = env
        .cmd()
        .args(["--as", "ann", "customer", "list"])
        .assert()
        .success();
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        err.contains(&format!(
            "{} sets team rules (claim_limit, cadence.A, pool.enabled, \
             pool.days_without_visit, currency); they now live in the database and are ignored here",
            path.display()
        )),
        "{err}"
    );
    assert!(err.contains("salestrack settings"), "{err}");
    // Read from the file: `settings` run as the manager would itself copy them.
    assert!(rule_audit(&env).is_empty(), "nothing copied for a rep");
    // In Chinese too.
    let out = env
        .cmd()
        .args(["--lang", "zh", "--as", "ann", "customer", "list"])
        .assert()
        .success();
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(err.contains("这些规则现在保存在数据库中"), "{err}");
}

#[test]
fn a_managers_old_config_rules_are_copied_once() {
    let env = Env::new();
    env.init();
    let me = whoami::username();
    // A rep opening first copies nothing: the copy waits for a manager.
    write_config(&env, "claim_limit = 7\n");
    env.run(&["--as", "ann", "customer", "list"]);
    assert!(rule_audit(&env).is_empty());

    write_config(
        &env,
        "claim_limit = 1\ncurrency = \"$\"\n[cadence]\nA = 3\nB = 0\n",
    );
    let out = env.cmd().args(["rep", "list"]).assert().success();
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        err.contains("into the database, once: claim_limit = 1, cadence.A = 3, currency = $"),
        "{err}"
    );
    assert!(
        err.contains("not copied: cadence.B = 0 (cadence.B:"),
        "{err}"
    );
    assert_eq!(setting(&env, "claim_limit"), ("1".into(), false));
    assert_eq!(setting(&env, "cadence.A"), ("3".into(), false));
    assert_eq!(setting(&env, "cadence.B"), ("14".into(), true));
    assert_eq!(setting(&env, "currency"), ("$".into(), false));
    let audit = rule_audit(&env);
    assert_eq!(audit.len(), 3, "{audit:?}");
    assert!(
        audit
            .iter()
            .all(|(who, action, ..)| *who == me && action == "settings.adopt"),
        "{audit:?}"
    );

    // Once: editing config.toml afterwards changes nothing, and says it is ignored.
    write_config(&env, "claim_limit = 50\n");
    let out = env.cmd().args(["rep", "list"]).assert().success();
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(!err.contains("copied"), "{err}");
    assert!(err.contains("now live in the database"), "{err}");
    assert_eq!(setting(&env, "claim_limit"), ("1".into(), false));
    assert_eq!(rule_audit(&env).len(), 3);
    pool_customers(&env, &["One", "Two"]);
    env.run(&["--as", "ann", "customer", "claim", "One"]);
    let err = env.refuse(&["--as", "ann", "customer", "claim", "Two"]);
    assert!(err.contains("the claim limit is 1"), "{err}");
}

#[test]
fn a_rule_set_on_a_copy_travels_by_sync() {
    let server = Env::new();
    server.init();
    let laptop = Env::new();
    server.run(&["backup", laptop.db().to_str().unwrap()]);
    laptop.run(&["settings", "set", "cadence.C", "21"]);
    server.run(&["sync", laptop.db().to_str().unwrap()]);
    assert_eq!(setting(&server, "cadence.C"), ("21".into(), false));
}

#[test]
fn managers_see_the_rules_in_the_help_and_reps_do_not() {
    use ratatui::crossterm::event::KeyCode;
    use salestrack::config::Settings;
    use salestrack::i18n::Lang;
    use salestrack::store::Store;
    use salestrack::store::reps::NewRep;
    use salestrack::tui::app::App;

    use crate::common::screen::{clock, key, lang_lock, render, temp_dir};

    let _l = lang_lock(Lang::En);
    let dir = temp_dir();
    let path = dir.path().join("t.db");
    let mut store = Store::create_or_open(&path, clock()).unwrap();
    store.init_first_manager("boss", "Boss").unwrap();
    let boss = store.actor_for("boss").unwrap();
    let ann = NewRep {
        name: "Ann".into(),
        login: "ann".into(),
        ..NewRep::default()
    };
    store.add_rep(&boss, ann).unwrap();
    store.set_setting(&boss, "claim_limit", "35").unwrap();
    store.set_setting(&boss, "currency", "US$").unwrap();
    drop(store);
    for (login, shown) in [("boss", true), ("ann", false)] {
        let store = Store::open(&path, clock()).unwrap();
        let actor = store.actor_for(login).unwrap();
        let mut app = App::new(store, actor, &Settings::default()).unwrap();
        app.resize(80, 24);
        key(&mut app, KeyCode::Char('?'));
        let screen = render(&app, 80, 24);
        assert_eq!(
            screen.contains("claim limit 35 · currency US$"),
            shown,
            "{login}: {screen}"
        );
        assert_eq!(screen.contains("Team rules"), shown, "{login}: {screen}");
    }
}

#[test]
fn a_rule_forged_on_a_reps_copy_does_not_come_in_by_sync() {
    let server = Env::new();
    server.init();
    server.run(&["settings", "set", "claim_limit", "2"]);
    let laptop = Env::new();
    server.run(&["backup", laptop.db().to_str().unwrap()]);
    // The rep edits her copy with another tool: a newer, bigger claim limit.
    let conn = Connection::open(laptop.db()).unwrap();
    conn.execute(
        "UPDATE settings SET value = '10000', updated_at = '2026-09-30T10:00:01.000Z',
         updated_by = 'ann' WHERE id = 'claim_limit'",
        [],
    )
    .unwrap();
    drop(conn);
    let out = server
        .cmd()
        .args(["--as", "ann", "sync"])
        .arg(laptop.db())
        .assert();
    let out = out.get_output();
    let said =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("refused"), "the refusal is said: {said}");
    assert_eq!(
        setting(&server, "claim_limit"),
        ("2".into(), false),
        "{said}"
    );
}
