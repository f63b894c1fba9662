//! Scorecards through the built binary (issue 8): a small team built with the CLI, `kpi --json`
//! checked against totals, grades and ranks computed by hand below; ratings, answers and
//! templates, with every refusal leaving the database as it was.

use crate::common::Env;
use crate::common::team::{LATER, at, target, team};
use serde_json::Value;

fn kpi(env: &Env, login: Option<&str>) -> Vec<Value> {
    serde_json::from_str(&at(
        env,
        LATER,
        login,
        &["kpi", "--period", "2026-Q3", "--json"],
    ))
    .unwrap()
}

fn card<'a>(cards: &'a [Value], login: &str) -> &'a Value {
    cards.iter().find(|c| c["rep"] == login).unwrap()
}

fn row<'a>(card: &'a Value, key: &str) -> &'a Value {
    card["kpis"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["key"] == key)
        .unwrap()
}

#[test]
fn kpi_json_matches_the_scores_computed_by_hand() {
    let env = Env::new();
    team(&env);
    let cards = kpi(&env, None);
    let logins: Vec<_> = cards.iter().map(|c| c["rep"].as_str().unwrap()).collect();
    // Team east first, then sales (best first); the manager has no target: no card.
    assert_eq!(logins, ["zhang.wei", "bob", "ann"]);

    // ann (weights 35/10/10/10/10/5/5/5/5/5):
    //   sales 90 000 / 100 000 = 0.9            → 31.5
    //   gross profit 40 000 / 40 000 = 1        → 10
    //   collection rate: won 90 000, paid by 30 Sep 30 000 + 15 000 = 0.5; 0.5/0.9 → 5.5556
    //   new customers: A2 only (A1 was first won in Q2) 1 / 2 → 5
    //   visits: 3 written + 1 joined = 4 / 4     → 10
    //   timeliness: 2 of 3 on time = 0.6667; /0.9 → 3.7037
    //   expense rate: 900 / 90 000 = 1 %, goal 5 %, lower is better: 5, capped at 1 → 5
    //   attitude 4/5 → 4, knowledge 5/5 → 5, teamwork 3/5 → 3
    //   Σ = 73.5 + 50/9 + 100/27 = 82.7593 of 100 → 82.76, good, rank 2 of the sales team
    let ann = card(&cards, "ann");
    assert_eq!(ann["name"], "Ann Lee");
    assert_eq!(ann["total"], 82.76);
    assert_eq!(ann["grade"], "good");
    assert_eq!(ann["rank"], 2);
    assert_eq!(row(ann, "sales")["actual"], 90000);
    assert_eq!(row(ann, "sales")["target"], 100000);
    assert_eq!(row(ann, "sales")["score"], 31.5);
    assert_eq!(row(ann, "sales")["weight"], 35);
    assert_eq!(row(ann, "collection_rate")["actual"], 0.5);
    assert_eq!(row(ann, "collection_rate")["target"], 0.9);
    assert_eq!(row(ann, "collection_rate")["score"], 5.56);
    assert_eq!(row(ann, "new_customers")["actual"], 1);
    assert_eq!(row(ann, "visits")["actual"], 4);
    assert_eq!(row(ann, "visit_timeliness")["actual"], 0.6667);
    assert_eq!(row(ann, "expense_rate")["actual"], 0.01);
    assert_eq!(row(ann, "expense_rate")["score"], 5);
    assert_eq!(row(ann, "attitude")["actual"], 4);

    // bob: only a sales target. sales 50 000 / 50 000 → 35; collection 50 000 / 50 000 = 1,
    //   /0.9 capped → 10; gross profit, new customers, visits: no target → n/a; no visits
    //   written → timeliness n/a; no expenses on 50 000 of sales is a rate of 0, and a
    //   lower-is-better actual of 0 achieves 1 → 5; not rated → the three ratings n/a.
    //   Σ = 35 + 10 + 5 = 50 of 35 + 10 + 5 = 50 → 100.00, excellent, rank 1
    let bob = card(&cards, "bob");
    assert_eq!(
        (
            bob["total"].clone(),
            bob["grade"].clone(),
            bob["rank"].clone()
        ),
        (Value::from(100), Value::from("excellent"), Value::from(1))
    );
    for na in [
        "gross_profit",
        "new_customers",
        "visits",
        "visit_timeliness",
        "attitude",
    ] {
        assert_eq!(row(bob, na)["score"], Value::Null, "{na} is n/a for bob");
    }
    assert_eq!(row(bob, "gross_profit")["target"], Value::Null);
    assert_eq!(
        row(bob, "new_customers")["actual"],
        1,
        "the actual is shown even without a target"
    );

    // zhang.wei: sales 40 000 / 80 000 = 0.5 → 17.5; profit 30 000 / 20 000 capped → 10;
    //   collection 1, capped → 10; new customers: no target → n/a; visits 1 / 2 → 5;
    //   timeliness 1 of 1 → capped → 5; expenses 2 000 / 40 000 = 5 % = goal → 5;
    //   ratings 2, 2, 2 → 2 each.
    //   Σ = 17.5 + 10 + 10 + 5 + 5 + 5 + 6 = 58.5 of 90 → 65.00, pass, rank 1 of east
    let zw = card(&cards, "zhang.wei");
    assert_eq!(zw["total"], 65);
    assert_eq!(zw["grade"], "pass");
    assert_eq!(zw["rank"], 1);
    assert_eq!(zw["team"], "east", "the team the rank is within");
    assert_eq!(row(zw, "expense_rate")["actual"], 0.05);

    // The table marks bob, over his sales target three quarters running.
    let table = at(&env, LATER, None, &["kpi", "--period", "2026-Q3"]);
    let marked: Vec<_> = table.lines().skip(1).filter(|l| l.contains('★')).collect();
    assert_eq!(marked.len(), 1, "{table}");
    assert!(marked[0].contains("bob"), "{table}");
}

#[test]
fn a_rep_sees_their_own_card_and_their_teams_leaderboard() {
    let env = Env::new();
    team(&env);
    let cards = kpi(&env, Some("ann"));
    // Her team's ranks and totals (bob's), her own KPI rows only, no other team.
    let summary: Vec<_> = cards
        .iter()
        .map(|c| {
            let rows = c["kpis"].as_array().unwrap().len();
            (
                c["rep"].as_str().unwrap(),
                c["rank"].as_u64().unwrap(),
                rows > 0,
            )
        })
        .collect();
    assert_eq!(summary, [("bob", 1, false), ("ann", 2, true)]);
    let east = at(
        &env,
        LATER,
        None,
        &["kpi", "--period", "2026-Q3", "--team", "east", "--json"],
    );
    let east: Vec<Value> = serde_json::from_str(&east).unwrap();
    assert_eq!(east.len(), 1);
    assert_eq!(east[0]["rep"], "zhang.wei");
}

#[test]
fn only_managers_rate_and_only_the_rated_rep_answers() {
    let env = Env::new();
    team(&env);
    let err = env.refuse(&[
        "--as",
        "ann",
        "rate",
        "--rep",
        "bob",
        "--period",
        "2026-Q3",
        "--attitude",
        "3",
        "--knowledge",
        "3",
        "--teamwork",
        "3",
    ]);
    assert!(err.contains("ann may not rate reps"), "{err}");
    let me = whoami::username();
    let err = env.refuse(&[
        "rate",
        "--rep",
        &me,
        "--period",
        "2026-Q3",
        "--attitude",
        "5",
        "--knowledge",
        "5",
        "--teamwork",
        "5",
    ]);
    assert!(err.contains("nobody rates themselves"), "{err}");
    // bob has no rating to answer.
    let err = env.refuse(&[
        "--as",
        "bob",
        "rate",
        "--respond",
        "thanks",
        "--period",
        "2026-Q3",
    ]);
    assert!(err.contains("no rating for 2026-Q3"), "{err}");
    // ann's answer is hers: the manager who rated her may not give it acting as her, and
    // nothing is written.
    let err = env.refuse(&[
        "--as",
        "ann",
        "rate",
        "--respond",
        "Will do.",
        "--period",
        "2026-Q3",
    ]);
    assert!(err.contains("only ann may answer"), "{err}");
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    let (comment, response): (String, Option<String>) = conn
        .query_row(
            "SELECT comment, response FROM ratings r JOIN reps p ON p.id = r.rep_id WHERE p.login = 'ann'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        (comment.as_str(), response),
        ("Strong quarter; log visits sooner.", None)
    );
    // A login answering its own rating, as itself: another manager rates this login, which
    // then answers.
    env.run(&[
        "rep", "add", "--name", "Mia", "--login", "mia", "--role", "manager",
    ]);
    env.run(&[
        "--as",
        "mia",
        "rate",
        "--rep",
        &me,
        "--period",
        "2026-Q3",
        "--attitude",
        "4",
        "--knowledge",
        "4",
        "--teamwork",
        "4",
    ]);
    env.run(&["rate", "--respond", "Will do.", "--period", "2026-Q3"]);
    let response: String = conn
        .query_row(
            "SELECT response FROM ratings r JOIN reps p ON p.id = r.rep_id WHERE p.login = ?1",
            [&me],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(response, "Will do.");
}

#[test]
fn marks_out_of_range_are_refused_naming_the_field() {
    let env = Env::new();
    team(&env);
    for (flag, value) in [
        ("--attitude", "6"),
        ("--knowledge", "0"),
        ("--teamwork", "three"),
    ] {
        let mut args = vec![
            "rate",
            "--rep",
            "bob",
            "--period",
            "2026-Q3",
            "--attitude",
            "3",
            "--knowledge",
            "3",
            "--teamwork",
            "3",
        ];
        let i = args.iter().position(|a| *a == flag).unwrap();
        args[i + 1] = value;
        let err = env.refuse(&args);
        let field = flag.trim_start_matches("--");
        assert!(
            err.contains(field) && err.contains("1, 2, 3, 4, 5"),
            "{flag}: {err}"
        );
    }
    let err = env.refuse(&[
        "rate",
        "--rep",
        "bob",
        "--period",
        "2026-Q3",
        "--attitude",
        "3",
    ]);
    assert!(err.contains("knowledge"), "{err}");
    let err = env.refuse(&[
        "rate",
        "--rep",
        "bob",
        "--period",
        "2026-Q5",
        "--attitude",
        "3",
        "--knowledge",
        "3",
        "--teamwork",
        "3",
    ]);
    assert!(err.contains("period"), "{err}");
}

#[test]
fn a_template_exports_edits_and_imports_and_applies_from_its_period_on() {
    let env = Env::new();
    team(&env);
    let before = kpi(&env, None);
    let out = env.dir.path().join("t.toml");
    at(
        &env,
        LATER,
        None,
        &["template", "export", "-o", out.to_str().unwrap()],
    );
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("effective_from = \"2026-10\""), "{text}");
    // Sales alone, from October: Q3 keeps the default, Q4 uses the new one.
    let mine = "name = \"sales only\"\neffective_from = \"2026-10\"\n[[kpi]]\nkey = \"sales\"\nweight = 1\ngoal = \"target\"\n";
    std::fs::write(&out, mine).unwrap();
    let said = at(
        &env,
        LATER,
        None,
        &["template", "import", out.to_str().unwrap()],
    );
    assert!(
        said.contains("sales only") && said.contains("2026-10"),
        "{said}"
    );
    assert_eq!(
        kpi(&env, None),
        before,
        "Q3 keeps the template it was scored with"
    );
    target(&env, "ann", "sales", "2026-Q4", "1000");
    let q4: Vec<Value> = serde_json::from_str(&at(
        &env,
        LATER,
        None,
        &["kpi", "--period", "2026-Q4", "--json"],
    ))
    .unwrap();
    let ann = card(&q4, "ann");
    assert_eq!(ann["kpis"].as_array().unwrap().len(), 1);
    // No sales in Q4 yet: 0 of 1 000.
    assert_eq!(
        (ann["total"].clone(), ann["grade"].clone()),
        (Value::from(0), Value::from("fail"))
    );
    // Exporting for Q4 gives the imported template back.
    let again = at(
        &env,
        LATER,
        None,
        &["template", "export", "--period", "2026-Q4"],
    );
    assert!(again.contains("name = \"sales only\""), "{again}");
}

#[test]
fn bad_templates_are_refused_with_their_line_and_change_nothing() {
    let env = Env::new();
    env.init();
    let file = env.dir.path().join("bad.toml");
    let head = "name = \"t\"\neffective_from = \"2026-10\"\n";
    let cases = [
        (format!("{head}[[kpi]]\nkey = \"sales\"\nwieght = 3\ngoal = \"target\"\n"), "line 5", "wieght"),
        (format!("{head}[[kpi]]\nkey = \"sales\"\nweight = 0\ngoal = \"target\"\n"), "line 5", "weight 0"),
        (format!("{head}[[kpi]]\nkey = \"sales\"\nweight = -2\ngoal = \"target\"\n"), "line 5", "weight -2"),
        (format!("{head}[[kpi]]\nkey = \"sales\"\nweight = 3\n"), "line 3", "no goal"),
        (format!("{head}[[kpi]]\nkey = \"smiles\"\nweight = 3\ngoal = 1\n"), "line 4", "unknown KPI"),
        ("name = \"t\"\neffective_from = \"2026-07\"\n[[kpi]]\nkey = \"sales\"\nweight = 3\ngoal = 1\n".to_string(), "2026-09 or later", "past periods"),
        ("\u{feff}garbage = [\n".to_string(), "line 1", "template"),
    ];
    for (text, line, words) in cases {
        std::fs::write(&file, &text).unwrap();
        let err = env.refuse(&["template", "import", file.to_str().unwrap()]);
        assert!(err.contains(line) && err.contains(words), "{text}\n→ {err}");
    }
    std::fs::write(&file, [0xff, 0xfe, 0x00]).unwrap();
    env.refuse(&["template", "import", file.to_str().unwrap()]);
    env.refuse(&["template", "import", "/nonexistent/t.toml"]);
}

#[test]
fn a_rep_cannot_import_templates() {
    let env = Env::new();
    env.init();
    let file = env.dir.path().join("t.toml");
    std::fs::write(&file, "name = \"t\"\neffective_from = \"2026-10\"\n[[kpi]]\nkey = \"sales\"\nweight = 3\ngoal = 1\n").unwrap();
    let err = env.refuse(&["--as", "ann", "template", "import", file.to_str().unwrap()]);
    assert!(
        err.contains("ann may not change scorecard templates"),
        "{err}"
    );
}

#[test]
fn an_unknown_login_sees_no_scorecards() {
    let env = Env::new();
    team(&env);
    let err = env.refuse(&["--as", "nobody", "kpi", "--period", "2026-Q3"]);
    assert!(!err.is_empty());
}
