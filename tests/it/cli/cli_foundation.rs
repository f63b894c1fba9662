//! The CLI as a script sees it: the built binary, stdout/stderr and exit codes (issue 4).

use assert_cmd::Command;
use predicates::prelude::*;
use rusqlite::Connection;

use crate::common::Env;

#[test]
fn init_creates_an_owner_only_database_with_me_as_manager() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    env.cmd().arg("init").assert().success().stderr(
        predicate::str::contains("first manager, on the team sales")
            .and(predicate::str::contains("--team")),
    );
    let mode = std::fs::metadata(env.db()).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let json: serde_json::Value =
        serde_json::from_str(&env.run(&["rep", "list", "--json"])).unwrap();
    assert_eq!(json[0]["login"], whoami::username());
    assert_eq!(json[0]["role"], "manager");
    // A second init changes nothing and says so.
    env.cmd()
        .arg("init")
        .assert()
        .success()
        .stderr(predicate::str::contains("already"));
}

/// `init --team` puts the first manager on the team named.
#[test]
fn init_puts_the_first_manager_on_the_team_asked() {
    let env = Env::new();
    env.cmd()
        .args(["init", "--team", "华东"])
        .assert()
        .success()
        .stderr(predicate::str::contains("华东"));
    let json: serde_json::Value =
        serde_json::from_str(&env.run(&["rep", "list", "--json"])).unwrap();
    assert_eq!(json[0]["team"], "华东");
}

#[test]
fn init_shared_makes_the_files_group_read_write() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    env.cmd().args(["init", "--shared"]).assert().success();
    let mode = std::fs::metadata(env.db()).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o660);
}

#[test]
fn rep_add_prints_a_short_id_and_list_json_has_full_uuids() {
    let env = Env::new();
    env.init();
    let short = env.run(&["rep", "add", "--name", "Li Na", "--login", "li.na"]);
    let short = short.trim();
    assert!(short.len() >= 8 && short.chars().all(|c| c.is_ascii_hexdigit()));
    let list: Vec<serde_json::Value> =
        serde_json::from_str(&env.run(&["rep", "list", "--json"])).unwrap();
    assert_eq!(list.len(), 4);
    let li = list.iter().find(|r| r["login"] == "li.na").unwrap();
    let id = li["id"].as_str().unwrap();
    assert_eq!(id.len(), 36, "the full UUID");
    // The short id is the start of the random last group of the id.
    assert!(id[24..].starts_with(short));
    assert_eq!(uuid::Uuid::parse_str(id).unwrap().get_version_num(), 7);
}

#[test]
fn lists_come_as_aligned_tables_and_csv() {
    let env = Env::new();
    env.init();
    let table = env.run(&["rep", "list"]);
    let lines: Vec<&str> = table.lines().collect();
    assert!(lines[0].starts_with("ID"), "{table}");
    let csv = env.run(&["rep", "list", "--csv"]);
    assert!(csv.starts_with("ID,Name,Login,Role,Team,Left\n"), "{csv}");
    assert!(csv.contains("张伟,zhang.wei,rep,east"), "{csv}");
}

#[test]
fn a_full_width_duplicate_customer_name_is_refused() {
    let env = Env::new();
    env.init();
    env.run(&["customer", "add", "--name", "Acme Ltd", "--owner", "ann"]);
    let err = env.refuse(&["customer", "add", "--name", " ＡＣＭＥ ltd "]);
    assert!(
        err.contains("already exists") && err.contains("Acme Ltd"),
        "{err}"
    );
}

#[test]
fn a_wrong_grade_is_refused_naming_the_field_and_the_grades() {
    let env = Env::new();
    env.init();
    let err = env.refuse(&["customer", "add", "--name", "Beta", "--grade", "E"]);
    assert!(err.contains("grade") && err.contains("A, B, C, D"), "{err}");
    let err = env.refuse(&[
        "--lang", "zh", "customer", "add", "--name", "Beta", "--grade", "E",
    ]);
    assert!(err.contains("等级") && err.contains("A, B, C, D"), "{err}");
}

#[test]
fn visit_add_refuses_bad_money_dates_and_customers_and_changes_nothing() {
    let env = Env::new();
    env.init();
    env.run(&["customer", "add", "--name", "Acme Ltd"]);
    env.run(&["customer", "add", "--name", "Acme Trading"]);
    let base = ["visit", "add", "--customer", "Acme Ltd", "--summary", "met"];
    let with = |extra: &[&'static str]| [&base[..], extra].concat();
    let err = env.refuse(&with(&["--expense", "12.345"]));
    assert!(
        err.contains("expense") && err.contains("more than two decimals"),
        "{err}"
    );
    let err = env.refuse(&with(&["--expense", "-5"]));
    assert!(err.contains("expense") && err.contains("negative"), "{err}");
    let err = env.refuse(&with(&["--date", "2026-02-30"]));
    assert!(err.contains("date") && err.contains("YYYY-MM-DD"), "{err}");
    let err = env.refuse(&with(&["--kind", "lunch"]));
    assert!(err.contains("kind") && err.contains("exhibition"), "{err}");
    let err = env.refuse(&["visit", "add", "--customer", "Acme", "--summary", "x"]);
    assert!(
        err.contains("Acme Ltd") && err.contains("Acme Trading"),
        "{err}"
    );
    let err = env.refuse(&["visit", "add", "--customer", "Zeta", "--summary", "x"]);
    assert!(err.contains("no customer matches"), "{err}");
}

#[test]
fn visits_resolve_today_and_yesterday_against_salestrack_now() {
    let env = Env::new();
    env.init();
    env.run(&["customer", "add", "--name", "华为技术有限公司"]);
    let c = "华为技术有限公司";
    env.run(&[
        "visit",
        "add",
        "--customer",
        c,
        "--summary",
        "a",
        "--date",
        "yesterday",
    ]);
    env.run(&[
        "visit",
        "add",
        "--customer",
        c,
        "--summary",
        "b",
        "--with",
        "ann",
        "--expense",
        "1,200.5",
    ]);
    let list: Vec<serde_json::Value> =
        serde_json::from_str(&env.run(&["visit", "list", "--json"])).unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(
        list[0]["date"], "2026-09-30",
        "newest first, today by SALESTRACK_NOW"
    );
    assert_eq!(list[1]["date"], "2026-09-29");
    assert_eq!(list[0]["expense"], 1200.5);
    assert_eq!(list[0]["joint_reps"], "ann");
    assert_eq!(list[0]["id"].as_str().unwrap().len(), 36);
    let ann = env.run(&["visit", "list", "--rep", "ann", "--csv"]);
    assert_eq!(
        ann.lines().count(),
        2,
        "a header and the joint visit: {ann}"
    );
}

#[test]
fn customer_list_filters() {
    let env = Env::new();
    env.init();
    env.run(&[
        "customer", "add", "--name", "Alpha", "--grade", "A", "--owner", "ann",
    ]);
    env.run(&[
        "customer",
        "add",
        "--name",
        "Beta",
        "--grade",
        "B",
        "--next",
        "2026-09-01",
        "--owner",
        "zhang.wei",
    ]);
    env.run(&[
        "customer",
        "add",
        "--name",
        "Gamma 深圳",
        "--region",
        "华南",
    ]);
    let names = |args: &[&str]| -> Vec<String> {
        let all = [&["customer", "list", "--json"][..], args].concat();
        let v: Vec<serde_json::Value> = serde_json::from_str(&env.run(&all)).unwrap();
        v.iter()
            .map(|c| c["name"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(names(&[]), ["Alpha", "Beta", "Gamma 深圳"]);
    assert_eq!(names(&["--owner", "ann"]), ["Alpha"]);
    assert_eq!(names(&["--pool"]), ["Gamma 深圳"]);
    assert_eq!(names(&["--grade", "b"]), ["Beta"]);
    // Overdue: a follow-up passed, on a customer somebody owns (the pool's are nobody's).
    assert_eq!(names(&["--overdue"]), ["Beta"]);
    assert_eq!(names(&["--search", "ＧＡＭ"]), ["Gamma 深圳"]);
}

#[test]
fn a_rep_is_refused_what_only_managers_may_do_and_as_is_audited() {
    let env = Env::new();
    env.init();
    let err = env.refuse(&["--as", "ann", "rep", "add", "--name", "X", "--login", "x"]);
    assert!(err.contains("ann may not add reps"), "{err}");
    let conn = Connection::open(env.db()).unwrap();
    let audited: i64 = conn
        .query_row(
            "SELECT count(*) FROM audit WHERE action = 'act_as'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(audited >= 1, "the --as use is in the audit log");
}

#[test]
fn an_unknown_login_is_read_only() {
    let env = Env::new();
    env.init();
    // Acting as a login that is not a rep gives read-only access, with the how-to.
    env.run(&["--as", "stranger", "customer", "list"]);
    let err = env.refuse(&["--as", "stranger", "customer", "add", "--name", "Nope"]);
    assert!(
        err.contains("read-only") && err.contains("rep add"),
        "{err}"
    );
}

#[test]
fn commands_on_a_missing_database_say_how_to_make_one() {
    let env = Env::new();
    env.cmd()
        .args(["customer", "list"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("salestrack init"));
    assert!(!env.db().exists());
}

#[test]
fn a_bad_lang_and_a_bad_clock_are_refused() {
    let env = Env::new();
    env.init();
    env.cmd()
        .args(["--lang", "fr", "rep", "list"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("en, zh"));
    env.cmd()
        .env("SALESTRACK_NOW", "yesterday-ish")
        .args(["rep", "list"])
        .assert()
        .failure()
        .stderr(
            predicate::str::contains("SALESTRACK_NOW").and(predicate::str::contains("RFC 3339")),
        );
}

#[test]
fn a_broken_config_is_reported_with_its_line_and_defaults_are_used() {
    let env = Env::new();
    env.init();
    let config = env.dir.path().join("config/salestrack/config.toml");
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::fs::write(&config, "language = \"zh\"\ncurrency = \n").unwrap();
    env.cmd()
        .args(["rep", "list"])
        .assert()
        .success()
        .stderr(predicate::str::contains("line 2"))
        .stdout(predicate::str::contains("Login"));
    // A good config is obeyed: Chinese headers.
    std::fs::write(&config, "language = \"zh\"\n").unwrap();
    env.cmd()
        .args(["rep", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("登录名"));
}

#[test]
fn the_database_path_comes_from_the_flag_then_the_environment() {
    let env = Env::new();
    let other = env.dir.path().join("from-env.db");
    let mut c = Command::cargo_bin("salestrack").unwrap();
    c.env_clear()
        .env("HOME", env.dir.path())
        .env("XDG_DATA_HOME", env.dir.path().join("data"))
        .env("XDG_CONFIG_HOME", env.dir.path().join("config"))
        .env("SALESTRACK_DB", &other)
        .arg("init")
        .assert()
        .success();
    assert!(other.exists());
    // Neither flag nor environment: the platform data directory.
    let mut c = Command::cargo_bin("salestrack").unwrap();
    c.env_clear()
        .env("HOME", env.dir.path())
        .env("XDG_DATA_HOME", env.dir.path().join("data"))
        .env("XDG_CONFIG_HOME", env.dir.path().join("config"))
        .arg("init")
        .assert()
        .success();
    assert!(
        env.dir
            .path()
            .join("data/salestrack/salestrack.db")
            .exists()
    );
}

#[test]
fn doctor_off_a_team_server_says_so_without_talking_of_setgid() {
    let env = Env::new();
    let missing = env.dir.path().join("server.toml");
    let out = env
        .cmd()
        .env("SALESTRACK_SYSTEM_FILE", &missing)
        .arg("doctor")
        .assert()
        .failure();
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(err.contains("not a team server"), "{err}");
    assert!(!err.contains("setgid"), "{err}");
}

/// Help and argument errors in Chinese under `--lang zh` (issue 21): the headings and each
/// command's description from the catalogue, clap's refusals in Chinese naming the argument,
/// the exit code as clap's (2). In English, clap's own.
#[test]
fn help_and_argument_errors_speak_chinese_when_asked() {
    let env = Env::new();
    let help = env.run(&["--lang", "zh", "--help"]);
    assert!(
        help.contains("用法：") && help.contains("客户档案") && help.contains("选项"),
        "{help}"
    );
    let out = env
        .cmd()
        .args(["--lang", "zh", "customer", "list", "--bogus"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("意外的参数 --bogus"), "{err}");
    let out = env
        .cmd()
        .args(["--lang", "zh", "customer", "add"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("缺少必需的参数") && err.contains("--name"),
        "{err}"
    );
    let help = env.run(&["--help"]);
    assert!(
        help.contains("Usage:") && help.contains("The customer archive"),
        "{help}"
    );
    // Each refusal says what was wrong, in Chinese, exit 2.
    let zh_err = |args: &[&str]| {
        let out = env
            .cmd()
            .arg("--lang")
            .arg("zh")
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let err = zh_err(&["customer", "list", "--owner"]);
    assert!(err.contains("错误：--owner <OWNER> 需要一个值"), "{err}");
    let err = zh_err(&["rep", "add", "--name", "a", "--name", "b", "--login", "x"]);
    assert!(err.contains("--name <NAME> 只能给一次"), "{err}");
    let err = zh_err(&["demo", "--seed", "abc"]);
    assert!(
        err.contains("abc 不是 --seed <SEED> 的有效值（不是整数）"),
        "the parser's reason follows, in Chinese: {err}"
    );
    let err = zh_err(&["demo", "--seed="]);
    assert!(err.contains("--seed <SEED> 需要一个值"), "{err}");
    // A default reads in Chinese too, once.
    let help = env.run(&["--lang", "zh", "audit", "list", "--help"]);
    assert!(help.contains("最多这么多条 [默认：200]"), "{help}");
    assert!(!help.contains("default"), "{help}");
}
