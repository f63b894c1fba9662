//! Inputs that must be refused with the rule named and nothing changed.

use std::path::Path;

use crate::common::Env;

/// Writes `text` to a template file in the test's directory and tries to import it.
fn import_template(env: &Env, text: &str) -> String {
    let file = env.dir.path().join("t.toml");
    std::fs::write(&file, text).unwrap();
    env.refuse(&["template", "import", file.to_str().unwrap()])
}

const HEAD: &str = "name = \"push\"\neffective_from = \"2026-10\"\n";

fn audit_rows(db: &Path) -> i64 {
    rusqlite::Connection::open(db)
        .unwrap()
        .query_row("SELECT count(*) FROM audit", [], |r| r.get(0))
        .unwrap()
}

// Issue 15 ---------------------------------------------------------------------------------

/// `weight = 1e308` was stored as a 309-digit integer that no TOML reader takes back, so the
/// template was skipped on every read and the default scored the period instead.
#[test]
fn a_huge_template_weight_is_refused_with_its_line() {
    let env = Env::new();
    env.init();
    for w in ["1e308", "101", "1e20"] {
        let err = import_template(
            &env,
            &format!(
                "{HEAD}\n[[kpi]]\nkey = \"sales\"\nweight = 35\ngoal = \"target\"\n\n[[kpi]]\nkey = \"visits\"\nweight = {w}\ngoal = \"target\"\n"
            ),
        );
        assert!(err.contains("line 11"), "{w}: {err}");
        assert!(err.contains("at most 100"), "{w}: the rule is named: {err}");
    }
}

/// A goal of 0 is met by doing nothing: every rep scored 100 and excellent on it.
#[test]
fn a_template_goal_of_zero_is_refused_with_its_line() {
    let env = Env::new();
    env.init();
    for (key, goal) in [
        ("visits", "0"),
        ("collection_rate", "\"0%\""),
        ("expense_rate", "0.0"),
    ] {
        let err = import_template(
            &env,
            &format!("{HEAD}[[kpi]]\nkey = \"{key}\"\nweight = 10\ngoal = {goal}\n"),
        );
        assert!(err.contains("line 6"), "{key} {goal}: {err}");
        assert!(
            err.contains("above 0"),
            "{key} {goal}: the rule is named: {err}"
        );
    }
}

/// A template in the file that this version cannot read (edited by hand, or written by a
/// newer version) used to be skipped, and an older one or the default scored its periods
/// without a word.
#[test]
fn an_unreadable_stored_template_is_reported_not_replaced_by_the_default() {
    let env = Env::new();
    env.init();
    let file = env.dir.path().join("t.toml");
    std::fs::write(
        &file,
        format!("{HEAD}[[kpi]]\nkey = \"sales\"\nweight = 10\ngoal = \"target\"\n"),
    )
    .unwrap();
    env.run(&["template", "import", file.to_str().unwrap()]);
    // As a version that wrote it on 2026-08-01 would have, in a form this one cannot read.
    rusqlite::Connection::open(env.db())
        .unwrap()
        .execute(
            "UPDATE scorecard_templates SET effective_from = '2026-08',
                 body = replace(body, 'weight = 10', 'weight = 1e400')",
            [],
        )
        .unwrap();
    let err = env.refuse(&["kpi", "--period", "2026-09", "--json"]);
    assert!(err.contains("push") && err.contains("2026-08"), "{err}");
    // Periods before it keep being scored by the template that applies to them.
    env.run(&["kpi", "--period", "2026-07", "--json"]);
    // A manager can put a readable one in its place, though its period is past.
    std::fs::write(
        &file,
        "name = \"fixed\"\neffective_from = \"2026-08\"\n[[kpi]]\nkey = \"sales\"\nweight = 10\ngoal = \"target\"\n",
    )
    .unwrap();
    env.run(&["template", "import", file.to_str().unwrap()]);
    env.run(&["kpi", "--period", "2026-09", "--json"]);
}

// Issue 16 ---------------------------------------------------------------------------------

fn set_team_target(team: &str) -> Vec<&str> {
    vec![
        "target", "set", "--period", "2026-12", "--metric", "sales", "--value", "100", "--team",
        team,
    ]
}

#[test]
fn a_target_for_a_blank_unknown_or_garbled_team_is_refused() {
    let env = Env::new();
    env.init();
    let err = env.refuse(&set_team_target(""));
    assert!(err.contains("team is required"), "{err}");
    let err = env.refuse(&set_team_target("  \u{200b} "));
    assert!(err.contains("team is required"), "{err}");
    // No rep is in it: a target nobody can meet, shown for nobody.
    let err = env.refuse(&set_team_target("nowhere"));
    assert!(
        err.contains("nowhere") && err.contains("east, sales"),
        "{err}"
    );
    let err = env.refuse(&set_team_target("ea\u{1b}[2Jst"));
    assert!(err.contains("control character"), "{err}");
    assert!(!err.contains('\u{1b}'), "the escape is not echoed: {err:?}");
    let err = env.refuse(&[
        "target", "split", "--period", "2026", "--metric", "sales", "--team", "nowhere", "--into",
        "quarters",
    ]);
    assert!(err.contains("nowhere"), "{err}");
    // A known team, however it is typed, is the team.
    let out = env.run(&set_team_target(" EAST "));
    assert!(out.contains("east"), "{out}");
}

#[test]
fn a_rep_cannot_be_put_in_a_team_with_control_characters() {
    let env = Env::new();
    env.init();
    let err = env.refuse(&[
        "rep", "add", "--name", "Bo", "--login", "bo", "--team", "we\tst",
    ]);
    assert!(err.contains("control character"), "{err}");
}

#[test]
fn as_must_be_a_possible_login() {
    let env = Env::new();
    env.init();
    // Just under the 128 KiB the kernel allows one argument.
    let long = "a".repeat(128_000);
    for (who, rule) in [
        ("", "login is required"),
        ("  ", "login is required"),
        (long.as_str(), "longer than 64 characters"),
        ("ann\u{7}", "control character"),
        ("a b", "letters, digits"),
    ] {
        let audit = audit_rows(&env.db());
        let who_short: String = who.chars().take(10).collect();
        // A read: `--as` is refused before anything is read, or audited.
        let err = env.refuse(&["--as", who, "rep", "list"]);
        assert!(err.contains(rule), "{who_short:?}: {err}");
        assert!(
            err.len() < 400,
            "the value is not echoed whole: {}",
            err.len()
        );
        assert_eq!(
            audit_rows(&env.db()),
            audit,
            "{who_short:?}: nothing audited"
        );
        env.refuse(&["--as", who, "customer", "add", "--name", "X Co"]);
    }
}

#[test]
fn names_of_only_invisible_characters_are_refused_and_invisibles_do_not_make_a_new_name() {
    let env = Env::new();
    env.init();
    env.run(&["customer", "add", "--name", "Acme"]);
    for twin in [
        "Acme\u{200b}",
        "\u{feff}Acme",
        "Ac\u{2060}me",
        "A\u{200c}c\u{200d}me",
    ] {
        let err = env.refuse(&["customer", "add", "--name", twin]);
        assert!(err.contains("already exists"), "{twin:?}: {err}");
    }
    for blank in ["\u{200b}", "\u{feff}\u{200d} \u{2060}"] {
        let err = env.refuse(&["customer", "add", "--name", blank]);
        assert!(err.contains("name is required"), "{blank:?}: {err}");
        let err = env.refuse(&["rep", "add", "--name", blank, "--login", "bo"]);
        assert!(err.contains("name is required"), "{blank:?}: {err}");
    }
}

#[test]
fn suggest_refuses_growth_that_is_not_a_sane_per_cent() {
    let env = Env::new();
    env.init();
    for g in ["-inf", "inf", "NaN", "-100.5", "1000.1", "1e300"] {
        let err = env.refuse(&[
            "target", "suggest", "--period", "2026-Q3", "--metric", "sales", "--rep", "ann",
            "--growth", g,
        ]);
        assert!(err.contains("-100") && err.contains("1000"), "{g}: {err}");
    }
    for g in ["-100", "1000", "0"] {
        env.run(&[
            "target", "suggest", "--period", "2026-Q3", "--metric", "sales", "--rep", "ann",
            "--growth", g,
        ]);
    }
}

// Issue 17 ---------------------------------------------------------------------------------

/// A uid no account has: whoami's `username()` calls it "unknown", and `unknown` is a login
/// anyone could be given as a rep.
const NO_SUCH_UID: u32 = 54321;

fn running_as_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

fn chmod_world(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let mode = if path.is_dir() { 0o777 } else { 0o666 };
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    if path.is_dir() {
        for e in std::fs::read_dir(path).unwrap() {
            chmod_world(&e.unwrap().path());
        }
    }
}

/// The binary as `env.cmd()` runs it, but under a uid with no passwd entry.
fn as_nobody(env: &Env, args: &[&str]) -> assert_cmd::assert::Assert {
    use std::os::unix::process::CommandExt;
    let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("salestrack"));
    let home = env.dir.path();
    c.env_clear()
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("SALESTRACK_NOW", crate::common::NOW)
        .env("LANG", "C.UTF-8")
        .arg("--db")
        .arg(env.db())
        .args(args)
        .uid(NO_SUCH_UID)
        .gid(NO_SUCH_UID);
    assert_cmd::Command::from_std(c).assert()
}

#[test]
fn a_uid_without_a_passwd_entry_reads_but_never_writes() {
    if !running_as_root() {
        eprintln!("skipped: only root can run the binary under a uid with no passwd entry");
        return;
    }
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    if passwd.contains(&format!(":{NO_SUCH_UID}:")) {
        eprintln!("skipped: uid {NO_SUCH_UID} has a passwd entry here");
        return;
    }
    let env = Env::new();
    env.init();
    // Were `unknown` a rep, the uid would act as them: it must not.
    env.run(&["rep", "add", "--name", "Un Known", "--login", "unknown"]);
    chmod_world(env.dir.path());
    let before = crate::common::dump(&env.db(), &[]);
    let out = as_nobody(&env, &["rep", "list"]).success();
    let listed = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(listed.contains("ann"), "reads still work: {listed}");
    for write in [
        &["customer", "add", "--name", "X Co"][..],
        &["rep", "add", "--name", "Bo", "--login", "bo"],
        &["--as", "ann", "customer", "add", "--name", "Y Co"],
        &["init"],
    ] {
        let out = as_nobody(&env, write).failure();
        let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
        assert!(
            err.contains("passwd"),
            "{write:?}: the rule is named: {err}"
        );
        assert!(
            !err.contains("unknown") && !err.contains("rep add"),
            "{write:?}: no one is told to add `unknown` as a rep: {err}"
        );
    }
    assert_eq!(
        crate::common::dump(&env.db(), &[]),
        before,
        "nothing written"
    );
}

/// A rep's name and a lost deal's reason are one line of text, as every other name is: an
/// escape sequence in them is refused, naming the rule, and nothing changes.
#[test]
fn a_reps_name_and_a_lost_reason_refuse_control_characters() {
    let env = Env::new();
    env.init();
    let err = env.refuse(&["rep", "add", "--name", "Eve\x1b[31m", "--login", "eve"]);
    assert!(err.contains("control character"), "{err}");
    env.run(&["customer", "add", "--name", "Acme"]);
    let id = env.run(&["deal", "add", "--customer", "Acme", "--title", "x"]);
    let err = env.refuse(&["deal", "lose", id.trim(), "--reason", "price\x1b[2J"]);
    assert!(err.contains("control character"), "{err}");
}
