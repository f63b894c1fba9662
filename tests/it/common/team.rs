//! A small team built through the CLI, shared by the scorecard and report tests: ann and bob
//! in `sales`, zhang.wei in `east`, with targets, won and lost deals, payments on both sides
//! of the quarter's end, visits logged on time and late, a joint visit, and ratings. The
//! scores it gives are worked out by hand in tests/it/cli/cli_scorecards.rs.

use serde_json::Value;

use super::Env;

/// After the quarter: payments made in October fall outside 2026-Q3.
pub const LATER: &str = "2026-10-10T10:00:00+08:00";

/// Runs as `login` (through the manager's `--as`) at the clock `now`.
pub fn at(env: &Env, now: &str, login: Option<&str>, args: &[&str]) -> String {
    let mut c = env.cmd();
    c.env("SALESTRACK_NOW", now);
    if let Some(l) = login {
        c.args(["--as", l]);
    }
    let out = c.args(args).assert().success();
    String::from_utf8(out.get_output().stdout.clone())
        .unwrap()
        .trim()
        .to_string()
}

/// A won deal of `login`'s; returns its short id.
#[allow(clippy::too_many_arguments)]
pub fn won(
    env: &Env,
    login: &str,
    customer: &str,
    amount: &str,
    cost: Option<&str>,
    opened: &str,
    won_on: &str,
) -> String {
    let mut args = vec![
        "deal",
        "add",
        "--customer",
        customer,
        "--title",
        "order",
        "--amount",
        amount,
        "--opened",
        opened,
    ];
    if let Some(c) = cost {
        args.extend(["--cost", c]);
    }
    // The whole id: short ids made in the same instant can grow longer later.
    args.push("--json");
    let deal: Value = serde_json::from_str(&at(env, LATER, Some(login), &args)).unwrap();
    let id = deal["id"].as_str().unwrap().to_string();
    at(
        env,
        LATER,
        Some(login),
        &[
            &["deal", "win", &id, "--date", won_on][..],
            if cost.is_none() {
                &["--no-cost"][..]
            } else {
                &[][..]
            },
        ]
        .concat(),
    );
    id
}

pub fn pay(env: &Env, login: &str, deal: &str, amount: &str, date: &str) {
    at(
        env,
        LATER,
        Some(login),
        &[
            "payment", "add", "--deal", deal, "--amount", amount, "--date", date,
        ],
    );
}

/// A visit logged at `logged` (the clock when it was typed).
pub fn visit(env: &Env, login: &str, customer: &str, date: &str, logged: &str, extra: &[&str]) {
    let mut args = vec![
        "visit",
        "add",
        "--customer",
        customer,
        "--date",
        date,
        "--kind",
        "visit",
        "--summary",
        "talked",
    ];
    args.extend(extra);
    at(env, logged, Some(login), &args);
}

pub fn target(env: &Env, rep: &str, metric: &str, period: &str, value: &str) {
    at(
        env,
        LATER,
        None,
        &[
            "target", "set", "--period", period, "--metric", metric, "--value", value, "--rep", rep,
        ],
    );
}

/// ann and bob sell for team `sales`, zhang.wei for `east`; the manager (the OS user) has
/// no target and so no scorecard.
pub fn team(env: &Env) {
    env.init();
    env.run(&["rep", "add", "--name", "Bob Ng", "--login", "bob"]);
    for (name, owner) in [
        ("A1", "ann"),
        ("A2", "ann"),
        ("A3", "ann"),
        ("B0", "bob"),
        ("B1", "bob"),
        ("Z1", "zhang.wei"),
    ] {
        env.run(&["customer", "add", "--name", name, "--owner", owner]);
    }

    // ann, 2026-Q3 targets: sales 100 000, gross profit 40 000, 2 new customers, 4 visits.
    target(env, "ann", "sales", "2026-Q3", "100000");
    target(env, "ann", "gross_profit", "2026-Q3", "40000");
    target(env, "ann", "new_customers", "2026-Q3", "2");
    target(env, "ann", "visits", "2026-Q3", "4");
    // A1 was first won in Q2, so it is not new in Q3.
    let d0 = won(env, "ann", "A1", "10000", None, "2026-04-01", "2026-05-01");
    pay(env, "ann", &d0, "10000", "2026-07-15");
    // Q3: 60 000 (cost 30 000) and 30 000 (cost 20 000); won 90 000, profit 40 000.
    let d1 = won(
        env,
        "ann",
        "A1",
        "60000",
        Some("30000"),
        "2026-06-01",
        "2026-07-11",
    );
    let d2 = won(
        env,
        "ann",
        "A2",
        "30000",
        Some("20000"),
        "2026-08-01",
        "2026-08-21",
    );
    pay(env, "ann", &d1, "30000", "2026-08-01");
    pay(env, "ann", &d1, "20000", "2026-10-05"); // after the quarter: not paid by its end
    pay(env, "ann", &d2, "15000", "2026-09-30");
    let lost: Value = serde_json::from_str(&at(
        env,
        LATER,
        Some("ann"),
        &[
            "deal",
            "add",
            "--customer",
            "A3",
            "--title",
            "x",
            "--amount",
            "99000",
            "--json",
        ],
    ))
    .unwrap();
    let lost = lost["id"].as_str().unwrap();
    at(
        env,
        LATER,
        Some("ann"),
        &["deal", "lose", lost, "--reason", "price"],
    );
    // Three visits written: two logged the next day, one two months late.
    visit(
        env,
        "ann",
        "A1",
        "2026-07-09",
        "2026-07-10T10:00:00+08:00",
        &["--expense", "500"],
    );
    visit(
        env,
        "ann",
        "A2",
        "2026-08-01",
        "2026-08-02T10:00:00+08:00",
        &["--expense", "400"],
    );
    visit(env, "ann", "A3", "2026-08-10", LATER, &[]);

    // bob: a sales target only, met exactly, and met in Q1 and Q2 too.
    for (q, won_on) in [("2026-Q1", "2026-02-10"), ("2026-Q2", "2026-05-10")] {
        target(env, "bob", "sales", q, "10000");
        won(env, "bob", "B0", "12000", None, "2026-01-05", won_on);
    }
    target(env, "bob", "sales", "2026-Q3", "50000");
    let b1 = won(env, "bob", "B1", "50000", None, "2026-07-01", "2026-09-10");
    pay(env, "bob", &b1, "50000", "2026-09-20");

    // zhang.wei: sales 80 000, gross profit 20 000, 2 visits.
    target(env, "zhang.wei", "sales", "2026-Q3", "80000");
    target(env, "zhang.wei", "gross_profit", "2026-Q3", "20000");
    target(env, "zhang.wei", "visits", "2026-Q3", "2");
    let z1 = won(
        env,
        "zhang.wei",
        "Z1",
        "40000",
        Some("10000"),
        "2026-07-01",
        "2026-07-31",
    );
    pay(env, "zhang.wei", &z1, "40000", "2026-08-15");
    // A joint visit: zhang.wei writes it, ann joins it.
    visit(
        env,
        "zhang.wei",
        "Z1",
        "2026-09-29",
        "2026-09-30T10:00:00+08:00",
        &["--expense", "2000", "--with", "ann"],
    );

    at(
        env,
        LATER,
        None,
        &[
            "rate",
            "--rep",
            "ann",
            "--period",
            "2026-Q3",
            "--attitude",
            "4",
            "--knowledge",
            "5",
            "--teamwork",
            "3",
            "--comment",
            "Strong quarter; log visits sooner.",
        ],
    );
    at(
        env,
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
        ],
    );
}
