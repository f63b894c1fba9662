//! Targets through the built binary (issue 7): set, split (even, history, weights, across
//! reps), show with actual, completion and pace, suggest; the refusals change nothing.

use crate::common::{Env, dump};

/// Team east: ann and zhang.wei (from `init`); ann won ¥600 on 2026-09-10 and ¥400 a year
/// before, in 2025-Q3.
fn team(env: &Env) {
    env.init();
    env.run(&["customer", "add", "--name", "A Co", "--owner", "ann"]);
    for (opened, won, amount) in [
        ("2025-07-01", "2025-08-01", "400"),
        ("2026-09-01", "2026-09-10", "600"),
    ] {
        let id = env.run(&[
            "--as",
            "ann",
            "deal",
            "add",
            "--customer",
            "A Co",
            "--title",
            "t",
            "--amount",
            amount,
            "--opened",
            opened,
        ]);
        env.run(&[
            "--as",
            "ann",
            "deal",
            "win",
            id.trim(),
            "--date",
            won,
            "--no-cost",
        ]);
    }
}

fn show(env: &Env, args: &[&str]) -> Vec<serde_json::Value> {
    let all = [&["target", "show", "--json"][..], args].concat();
    serde_json::from_str(&env.run(&all)).unwrap()
}

#[test]
fn set_then_show_gives_actual_completion_and_pace() {
    let env = Env::new();
    team(&env);
    env.run(&[
        "target", "set", "--period", "2026-Q3", "--metric", "sales", "--value", "1,000", "--rep",
        "ann",
    ]);
    let rows = show(&env, &["--period", "2026-Q3"]);
    assert_eq!(rows.len(), 1);
    let r = &rows[0];
    assert_eq!(
        (
            r["scope"].as_str(),
            r["metric"].as_str(),
            r["period"].as_str()
        ),
        (Some("ann"), Some("sales"), Some("2026-Q3"))
    );
    assert_eq!(
        (r["value"].as_f64(), r["actual"].as_f64()),
        (Some(1000.0), Some(600.0))
    );
    assert_eq!(
        r["completion"].as_f64(),
        Some(0.6),
        "a fraction, not a per cent"
    );
    // Today is 2026-09-30, the quarter's last day: all its time is gone, 60 % done is behind.
    assert_eq!(r["pace"], "behind");
    let table = env.run(&["target", "show", "--period", "2026-Q3"]);
    assert!(
        table.contains("60.0%") && table.contains("behind"),
        "{table}"
    );
}

#[test]
fn a_changed_target_needs_a_reason_once_its_period_has_started_and_reps_may_not_set() {
    let env = Env::new();
    team(&env);
    fn set<'a>(extra: &[&'a str]) -> Vec<&'a str> {
        [
            &[
                "target", "set", "--period", "2026", "--metric", "visits", "--team", "sales",
            ][..],
            extra,
        ]
        .concat()
    }
    env.run(&set(&["--value", "100"]));
    let err = env.refuse(&set(&["--value", "120"]));
    assert!(
        err.contains("2026 has started") && err.contains("--reason"),
        "{err}"
    );
    env.run(&set(&["--value", "120", "--reason", "new hire"]));
    let err = env.refuse(&[
        "--as", "ann", "target", "set", "--period", "2027", "--metric", "sales", "--value", "1",
        "--team", "sales",
    ]);
    assert!(err.contains("ann may not set or split targets"), "{err}");
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    let log: Vec<(Option<i64>, i64, Option<String>)> = conn
        .prepare(
            "SELECT old_value, new_value, reason FROM target_changes ORDER BY changed_at, rowid",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        log,
        [(None, 100, None), (Some(100), 120, Some("new hire".into()))]
    );
}

#[test]
fn an_even_split_adds_up_exactly_and_a_resplit_needs_force() {
    let env = Env::new();
    team(&env);
    env.run(&[
        "target",
        "set",
        "--period",
        "2027",
        "--metric",
        "sales",
        "--value",
        "1,000,000.01",
        "--team",
        "sales",
    ]);
    let out = env.run(&[
        "target", "split", "--period", "2027", "--metric", "sales", "--team", "sales", "--into",
        "quarters",
    ]);
    assert_eq!(
        out,
        "sales 2027-Q1: ¥250,000.01\nsales 2027-Q2: ¥250,000.00\nsales 2027-Q3: ¥250,000.00\nsales 2027-Q4: ¥250,000.00\n"
    );
    let err = env.refuse(&[
        "target",
        "split",
        "--period",
        "2027",
        "--metric",
        "sales",
        "--team",
        "sales",
        "--into",
        "quarters",
        "--by",
        "weights:1,1,1,2",
    ]);
    assert!(
        err.contains("4 of the children already have targets") && err.contains("--force"),
        "{err}"
    );
    env.run(&[
        "target",
        "split",
        "--period",
        "2027",
        "--metric",
        "sales",
        "--team",
        "sales",
        "--into",
        "quarters",
        "--by",
        "weights:0,1,1,2",
        "--force",
    ]);
    let rows = show(&env, &["--period", "2027-Q1"]);
    assert_eq!(
        rows[0]["value"].as_f64(),
        Some(0.0),
        "a zero weight gets nothing"
    );
    let q4 = show(&env, &["--period", "2027-Q4"]);
    assert_eq!(q4[0]["value"].as_f64(), Some(500_000.01));
    let year = show(&env, &["--period", "2027"]);
    assert!(year[0]["gap"].is_null(), "the quarters add up: no gap");
    // Every replaced value is in the change log: Q1 (250,000.01 → 0) and Q4 (→ 500,000.01);
    // Q2 and Q3 stay 250,000.00, so nothing changed there.
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    let replaced: Vec<(i64, i64)> = conn
        .prepare("SELECT old_value, new_value FROM target_changes WHERE old_value IS NOT NULL ORDER BY new_value")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(replaced, [(25_000_001, 0), (25_000_000, 50_000_001)]);
    // A quarter changed by hand leaves a gap on the year.
    env.run(&[
        "target", "set", "--period", "2027-Q1", "--metric", "sales", "--value", "10", "--team",
        "sales",
    ]);
    assert_eq!(
        show(&env, &["--period", "2027"])[0]["gap"].as_f64(),
        Some(10.0)
    );
}

#[test]
fn history_splits_by_last_years_actuals_and_says_when_there_are_none() {
    let env = Env::new();
    team(&env);
    // 2026 by 2025's quarters: only Q3 2025 had sales (¥400), so Q3 gets everything.
    env.run(&[
        "target", "set", "--period", "2026", "--metric", "sales", "--value", "1000", "--rep", "ann",
    ]);
    let out = env.run(&[
        "target", "split", "--period", "2026", "--metric", "sales", "--rep", "ann", "--into",
        "quarters", "--by", "history",
    ]);
    assert_eq!(
        out,
        "ann 2026-Q1: ¥0.00\nann 2026-Q2: ¥0.00\nann 2026-Q3: ¥1,000.00\nann 2026-Q4: ¥0.00\n"
    );
    // Visits: no history at all — even, and said on stderr.
    env.run(&[
        "target", "set", "--period", "2026-Q4", "--metric", "visits", "--rep", "ann", "--value",
        "10",
    ]);
    let out = env
        .cmd()
        .args([
            "target", "split", "--period", "2026-Q4", "--metric", "visits", "--rep", "ann",
            "--into", "months", "--by", "history",
        ])
        .assert()
        .success();
    let o = out.get_output();
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("no history"),
        "the fallback is said"
    );
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "ann 2026-10: 4\nann 2026-11: 3\nann 2026-12: 3\n"
    );
}

#[test]
fn a_teams_target_splits_across_its_active_reps() {
    let env = Env::new();
    team(&env);
    env.run(&[
        "target", "set", "--period", "2026-Q4", "--metric", "sales", "--value", "900", "--team",
        "sales",
    ]);
    // The reps' shares of the previous quarter: ann ¥600, the others nothing.
    let out = env.run(&[
        "target", "split", "--period", "2026-Q4", "--metric", "sales", "--team", "sales",
        "--across", "reps", "--by", "history",
    ]);
    assert!(out.contains("ann 2026-Q4: ¥900.00"), "{out}");
    let even = env.run(&[
        "target", "split", "--period", "2026-Q4", "--metric", "sales", "--team", "sales",
        "--across", "reps", "--force",
    ]);
    // Team sales: ann and root, by name (zhang.wei is in east).
    assert_eq!(even, "ann 2026-Q4: ¥450.00\nroot 2026-Q4: ¥450.00\n");
    let err = env.refuse(&[
        "target", "split", "--period", "2026-Q4", "--metric", "sales", "--rep", "ann", "--across",
        "reps",
    ]);
    assert!(err.contains("only a team's target"), "{err}");
}

#[test]
fn suggest_grows_last_years_actual() {
    let env = Env::new();
    team(&env);
    let out = env.run(&[
        "target", "suggest", "--period", "2026-Q3", "--metric", "sales", "--rep", "ann",
    ]);
    assert_eq!(out.trim(), "¥440.00 (last year's ¥400.00 plus 10%)");
    let out = env.run(&[
        "target", "suggest", "--period", "2026-Q3", "--metric", "sales", "--rep", "ann",
        "--growth", "25",
    ]);
    assert!(out.starts_with("¥500.00"), "{out}");
}

#[test]
fn bad_flags_are_refused_by_name() {
    let env = Env::new();
    team(&env);
    env.run(&[
        "target", "set", "--period", "2026", "--metric", "sales", "--value", "1", "--team", "sales",
    ]);
    let before = dump(&env.db(), &["audit"]);
    for (args, needle) in [
        (
            vec![
                "target", "set", "--period", "2026-13", "--metric", "sales", "--value", "1",
                "--team", "sales",
            ],
            "2026, 2026-Q3 or 2026-11",
        ),
        (
            vec![
                "target", "set", "--period", "2026", "--metric", "revenue", "--value", "1",
                "--team", "sales",
            ],
            "gross_profit",
        ),
        (
            vec![
                "target", "set", "--period", "2026", "--metric", "visits", "--value", "-5",
                "--team", "sales",
            ],
            "a whole number",
        ),
        (
            vec![
                "target", "set", "--period", "2026", "--metric", "sales", "--value", "1",
            ],
            "--team TEAM or --rep LOGIN",
        ),
        (
            vec![
                "target", "split", "--period", "2026", "--metric", "sales", "--team", "sales",
                "--into", "weeks",
            ],
            "quarters or months",
        ),
        (
            vec![
                "target",
                "split",
                "--period",
                "2026",
                "--metric",
                "sales",
                "--team",
                "sales",
                "--into",
                "quarters",
                "--by",
                "weights:a",
            ],
            "weights:W1,W2",
        ),
        (
            vec![
                "target",
                "split",
                "--period",
                "2026",
                "--metric",
                "sales",
                "--team",
                "sales",
                "--into",
                "quarters",
                "--by",
                "weights:1,2",
            ],
            "2 weights for 4 parts",
        ),
        (
            vec![
                "target", "split", "--period", "2026-05", "--metric", "sales", "--team", "sales",
                "--into", "months",
            ],
            "no sales target",
        ),
    ] {
        let err = env.refuse(&args);
        assert!(err.contains(needle), "{args:?}: {err}");
    }
    assert_eq!(dump(&env.db(), &["audit"]), before);
}

/// Splitting a period already started replaces targets as `set` does: it needs a reason,
/// which is logged on every child it changes (issue 21). `target show` prints the gap as
/// money.
#[test]
fn a_resplit_of_a_started_period_needs_a_reason_logged_on_each_change() {
    let env = Env::new();
    team(&env);
    let set = |period: &str, value: &str| {
        env.run(&[
            "target", "set", "--period", period, "--metric", "sales", "--value", value, "--team",
            "sales", "--reason", "plan",
        ]);
    };
    set("2026", "400,000");
    let split = [
        "target", "split", "--period", "2026", "--metric", "sales", "--team", "sales", "--into",
        "quarters",
    ];
    env.run(&split);
    // The year is raised in September; its quarters are split again.
    set("2026", "800,000");
    let again = [&split[..], &["--force"]].concat();
    let err = env.refuse(&again);
    assert!(err.contains("reason"), "{err}");
    let q1 = show(&env, &["--period", "2026-Q1"]);
    assert_eq!(q1[0]["value"].as_f64(), Some(100_000.0), "nothing changed");
    env.run(&[&again[..], &["--reason", "raised in September"]].concat());
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    let logged: i64 = conn
        .query_row(
            "SELECT count(*) FROM target_changes WHERE reason = 'raised in September'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(logged, 4, "one entry per quarter changed");
    // The year's quarters now add up; Q1 set by hand leaves a gap, shown as money.
    env.run(&[
        "target",
        "set",
        "--period",
        "2026-Q1",
        "--metric",
        "sales",
        "--value",
        "150,000.50",
        "--team",
        "sales",
        "--reason",
        "fix",
    ]);
    // The table shows it short, as a summary does; the CSV to the cent.
    let table = env.run(&["target", "show", "--period", "2026", "--team", "sales"]);
    assert!(table.contains("-¥50k"), "{table}");
    let csv = env.run(&[
        "target", "show", "--period", "2026", "--team", "sales", "--csv",
    ]);
    assert!(csv.contains("-¥49,999.50"), "{csv}");
}
