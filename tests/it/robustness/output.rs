//! Output that can harm: terminal control characters, spreadsheet formulas, closed pipes.

use std::io::Read;
use std::process::{Command, Stdio};

use rusqlite::Connection;
use serde_json::Value;

use crate::common::Env;
use crate::common::team::{LATER, at, team};

/// Retitles the terminal (OSC 0 … BEL), backspaces over text, clears the screen through the
/// one-byte C1 CSI, and rubs out with DEL: what a hostile name does to a raw terminal.
const EVIL: &str = "Evil\x1b]0;pwned\x07 One\x08\x08\u{9b}2J\x7f\r";

/// Stored text set behind the CLI's back, as a synced copy or an older version could leave
/// it: the output must be safe whatever the input rules let in.
fn store_raw(env: &Env, sql: &str, text: &str) {
    let conn = Connection::open(env.db()).unwrap();
    assert!(conn.execute(sql, [text]).unwrap() > 0, "{sql}");
}

/// No control character but line ends (and the tab some one-line answers use as separator).
fn assert_printable(what: &str, text: &str) {
    let bad: Vec<char> = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\t'))
        .collect();
    assert!(bad.is_empty(), "{what} printed {bad:?}:\n{text:?}");
}

fn evil_customers(env: &Env) {
    env.init();
    for name in ["Evil One", "Evil Two"] {
        env.run(&["customer", "add", "--name", name, "--notes", "x"]);
    }
    store_raw(
        env,
        "UPDATE customers SET name = ?1, region = ?1 WHERE name = 'Evil One'",
        EVIL,
    );
}

#[test]
fn control_characters_in_stored_names_never_reach_the_terminal() {
    let env = Env::new();
    evil_customers(&env);
    let table = env.run(&["customer", "list"]);
    assert!(
        table.contains("Evil\u{241b}]0;pwned\u{2407} One"),
        "{table}"
    );
    assert_printable("customer list", &table);
    assert_printable(
        "customer list --csv",
        &env.run(&["customer", "list", "--csv"]),
    );
    assert_printable("agenda", &env.run(&["agenda", "--csv"]));
    // The name resolves by its key; the answer names it.
    assert_printable("claim", &env.run(&["customer", "claim", "evil one"]));
    // Candidate lists in errors come from the store.
    let err = env.refuse(&["customer", "assign", "evil", "--to", "ann"]);
    assert!(err.contains("Evil"), "{err}");
    assert_printable("an error's candidate list", &err);
    // JSON is data: exact, the controls escaped by JSON.
    let json: Value = serde_json::from_str(&env.run(&["customer", "list", "--json"])).unwrap();
    assert!(json.as_array().unwrap().iter().any(|c| c["name"] == EVIL));
}

#[test]
fn control_characters_in_reports_and_rep_names_are_made_visible() {
    let env = Env::new();
    team(&env);
    store_raw(&env, "UPDATE reps SET name = ?1 WHERE login = 'ann'", EVIL);
    store_raw(&env, "UPDATE ratings SET comment = ?1", EVIL);
    assert_printable("rep list", &env.run(&["rep", "list"]));
    let md = at(
        &env,
        LATER,
        None,
        &["report", "--period", "2026-Q3", "--format", "md"],
    );
    // Shown, and its `]` escaped so Markdown reads it as text.
    assert!(md.contains("### Evil\u{241b}\\]0;pwned"), "{md}");
    assert_printable("report --format md", &md);
    let html = at(
        &env,
        LATER,
        None,
        &["report", "--period", "2026-Q3", "--format", "html"],
    );
    assert_printable("report --format html", &html);
    assert_printable(
        "report --format csv",
        &at(
            &env,
            LATER,
            None,
            &["report", "--period", "2026-Q3", "--format", "csv"],
        ),
    );
}

/// Markup in a rep's name, a comment and a lost reason reaches the Markdown report as text
/// (a viewer renders inline HTML) and the HTML report escaped.
#[test]
fn markup_in_stored_text_stays_text_in_every_report() {
    let env = Env::new();
    team(&env);
    let markup = "<script>alert(1)</script></svg><img src=x onerror=y>";
    store_raw(
        &env,
        "UPDATE reps SET name = ?1 WHERE login = 'ann'",
        markup,
    );
    store_raw(&env, "UPDATE ratings SET comment = ?1", markup);
    store_raw(
        &env,
        "UPDATE deals SET stage = 'lost', lost_reason = ?1 WHERE rowid IN
           (SELECT rowid FROM deals WHERE opened_on >= '2026-07-01' LIMIT 1)",
        markup,
    );
    for format in ["md", "html"] {
        let text = at(
            &env,
            LATER,
            None,
            &["report", "--period", "2026-Q3", "--format", format],
        );
        for raw in ["<script", "<img"] {
            assert!(!text.contains(raw), "{format}: {raw} got through:\n{text}");
        }
        assert!(
            text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{format}: the name shown as text"
        );
    }
    // The Markdown report lists the lost reasons too, and the CSV.
    let md = at(
        &env,
        LATER,
        None,
        &["report", "--period", "2026-Q3", "--format", "md"],
    );
    assert!(md.contains("| &lt;script&gt;"), "{md}");
    let csv = at(
        &env,
        LATER,
        None,
        &["report", "--period", "2026-Q3", "--format", "csv"],
    );
    assert!(csv.contains("Why deals were lost,<script>"), "{csv}");
    // Markdown's own markup too: an image that would load from a server, a heading begun by
    // a line break in a comment.
    store_raw(
        &env,
        "UPDATE reps SET name = ?1 WHERE login = 'bob'",
        "![x](http://evil.example/p.png)",
    );
    store_raw(
        &env,
        "UPDATE ratings SET comment = ?1",
        "fine\n# HACKED\n[x](y)",
    );
    let md = at(
        &env,
        LATER,
        None,
        &["report", "--period", "2026-Q3", "--format", "md"],
    );
    assert!(!md.contains("![x]("), "{md}");
    assert!(md.contains("\\!\\[x\\](http://evil.example/p.png)"), "{md}");
    assert!(!md.lines().any(|l| l.starts_with("# HACKED")), "{md}");
    assert!(md.contains("fine \\# HACKED \\[x\\](y)"), "{md}");
}

const FORMULAS: [&str; 4] = [
    "=HYPERLINK(\"http://x\",\"y\")",
    "-5 Ltd",
    "@SUM(A1)",
    "+1 Co",
];

/// The cells of a CSV text (a BOM dropped), row by row.
fn cells(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// A spreadsheet evaluates a cell that starts with one of these.
fn live_formula(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

#[test]
fn exported_formulas_are_inert_and_import_gives_the_names_back() {
    let env = Env::new();
    env.init();
    for name in FORMULAS {
        env.run(&[
            "customer",
            "add",
            &format!("--name={name}"),
            "--notes=-1+2",
            "--next",
            "2026-10-01",
        ]);
    }
    let file = env.dir.path().join("export.csv");
    env.run(&["customer", "export", "-o", file.to_str().unwrap()]);
    let rows = cells(&std::fs::read_to_string(&file).unwrap());
    for name in FORMULAS {
        assert!(
            rows.iter().any(|r| r[0] == format!("'{name}")),
            "{name} not neutralised: {rows:?}"
        );
    }
    assert!(rows.iter().flatten().all(|c| !live_formula(c)), "{rows:?}");
    for list in [
        env.run(&["customer", "list", "--csv"]),
        env.run(&["customer", "export"]),
    ] {
        assert!(
            cells(&list).iter().flatten().all(|c| !live_formula(c)),
            "{list}"
        );
    }

    let fresh = Env::new();
    fresh.init();
    fresh.run(&["customer", "import", file.to_str().unwrap()]);
    assert_eq!(names_and_notes(&fresh), names_and_notes(&env));
}

/// Every customer's name and notes, in name order.
fn names_and_notes(env: &Env) -> Vec<(String, String)> {
    let conn = Connection::open(env.db()).unwrap();
    conn.prepare("SELECT name, notes FROM customers ORDER BY name")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn report_csv_neutralises_stored_text_but_not_numbers() {
    let env = Env::new();
    team(&env);
    store_raw(
        &env,
        "UPDATE ratings SET comment = ?1",
        "=HYPERLINK(\"http://x\",\"y\")",
    );
    let text = at(
        &env,
        LATER,
        None,
        &["report", "--period", "2026-Q3", "--format", "csv"],
    );
    let rows = cells(&text);
    assert!(rows.iter().flatten().all(|c| !live_formula(c)), "{text}");
    // The actual values are numbers a spreadsheet can add up: never quoted.
    assert!(
        rows[1..]
            .iter()
            .all(|r| r[3].is_empty() || r[3].parse::<f64>().is_ok()),
        "{text}"
    );
    assert!(
        rows.iter().flatten().any(|c| c.starts_with("'=HYPERLINK")),
        "{text}"
    );
}

#[test]
fn a_file_with_one_field_in_two_columns_is_refused_with_both_named() {
    let env = Env::new();
    env.init();
    for (text, header, columns) in [
        ("name,grade,name\nAcme,A,Beta\n", "name", ["1", "3"]),
        ("grade,name,客户名称\nA,Acme,Beta\n", "客户名称", ["2", "3"]),
    ] {
        let file = env.dir.path().join("dup.csv");
        std::fs::write(&file, text).unwrap();
        let err = env.refuse(&["customer", "import", file.to_str().unwrap()]);
        assert!(err.contains(header), "{err}");
        for c in columns {
            assert!(err.contains(c), "column {c}: {err}");
        }
    }
    let err = env.refuse(&[
        "--lang",
        "zh",
        "customer",
        "import",
        env.dir.path().join("dup.csv").to_str().unwrap(),
    ]);
    assert!(err.contains("第 2 列") && err.contains("第 3 列"), "{err}");
}

/// Runs the binary with stdout a pipe whose reader leaves after `keep` bytes, like `| head -c`.
/// Returns the exit code and what went to stderr.
fn reader_leaves(env: &Env, keep: usize, args: &[&str]) -> (Option<i32>, String) {
    let home = env.dir.path();
    let mut child = Command::new(env!("CARGO_BIN_EXE_salestrack"))
        .env_clear()
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("SALESTRACK_NOW", crate::common::NOW)
        .env("LANG", "C.UTF-8")
        .arg("--db")
        .arg(env.db())
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut head = vec![0; keep];
    stdout.read_exact(&mut head).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

#[test]
fn a_reader_that_leaves_ends_the_program_quietly() {
    let env = Env::new();
    env.cmd()
        .args([
            "demo",
            "--customers",
            "3000",
            "--visits",
            "300",
            "--deals",
            "60",
        ])
        .args(["--reps", "4", "--years", "1"])
        .assert()
        .success();
    let laptop = env.dir.path().join("laptop.db");
    env.run(&["backup", laptop.to_str().unwrap()]);
    let big = env.run(&["customer", "export"]);
    assert!(
        big.len() > 4 * 65536,
        "more than a pipe holds: {}",
        big.len()
    );
    let laptop = laptop.to_str().unwrap();
    let runs = [
        (1, &["customer", "export"][..]),
        (0, &["customer", "export"]),
        (1, &["customer", "list"]),
        (1, &["customer", "list", "--csv"]),
        (0, &["rep", "list"]),
        (0, &["sync", laptop]),
        (0, &["sync", "--json", laptop]),
        (0, &["report", "--period", "2026-Q3", "--format", "md"]),
    ];
    let loud: Vec<_> = runs
        .iter()
        .map(|(keep, args)| (args, reader_leaves(&env, *keep, args)))
        .filter(|(_, ended)| *ended != (Some(0), String::new()))
        .collect();
    assert!(loud.is_empty(), "not a quiet success: {loud:#?}");
}

/// A login as a synced copy or an older version could have stored it: the CLI's own rules
/// would refuse it, so it is written behind the CLI's back. No trailing white space, so the
/// login can still be typed back exactly (`--rep` trims what is typed).
const EVIL_LOGIN: &str = "eve\x1b]0;pwned\x07\x08\u{9b}2J";

#[test]
fn target_answers_and_the_config_notice_show_stored_text_without_its_controls() {
    let env = Env::new();
    env.init();
    env.run(&[
        "rep", "add", "--name", "Eve", "--login", "eve", "--team", "north",
    ]);
    let conn = Connection::open(env.db()).unwrap();
    conn.execute(
        "UPDATE reps SET name = ?1, login = ?2 WHERE login = 'eve'",
        [EVIL, EVIL_LOGIN],
    )
    .unwrap();
    drop(conn);
    let set = |scope: &str, who: &str| {
        env.run(&[
            "target", "set", "--period", "2026", "--metric", "sales", "--value", "1200", scope, who,
        ])
    };
    // The answer names the scope as stored: the login read from the database.
    assert_printable("target set --rep", &set("--rep", EVIL_LOGIN));
    set("--team", "north");
    // Each child of a split across reps is named by its login.
    let split = env.run(&[
        "target", "split", "--period", "2026", "--metric", "sales", "--team", "north", "--across",
        "reps", "--force",
    ]);
    assert!(split.contains("eve\u{241b}]0;pwned\u{2407}"), "{split}");
    assert_printable("target split --across reps", &split);
    // The table names the rep as people read them, by name, controls shown as symbols.
    let table = env.run(&["target", "show", "--period", "2026"]);
    assert!(table.contains("\u{241b}]0;pwned"), "{table}");
    assert_printable("target show", &table);
    let json: Value =
        serde_json::from_str(&env.run(&["target", "show", "--period", "2026", "--json"])).unwrap();
    assert!(
        json.as_array()
            .unwrap()
            .iter()
            .any(|t| t["scope"] == EVIL_LOGIN),
        "--json keeps the login exact: {json}"
    );

    // A config file is text too: its parse error quotes the line and names the path.
    let config = env.dir.path().join("bad\x1b]0;pwned\x07.toml");
    std::fs::write(&config, "currency = \"¥\"\nbroken \x1b]0;pwned\x07 line\n").unwrap();
    let out = env
        .cmd()
        .env("SALESTRACK_CONFIG", &config)
        .args(["rep", "list"])
        .assert()
        .success();
    let notice = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(notice.contains("pwned"), "the notice is shown: {notice}");
    assert_printable("the config notice", &notice);
}
