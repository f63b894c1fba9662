//! Short ids: a printed id keeps working after more records are added.
//!
//! Ids are UUID v7, whose leading digits are the time, so records made together share their
//! start. The attack: note the id `add` printed, add more records in the same instant, and
//! type the noted id again. It must still name the same record, never "more than one".

use serde_json::Value;

use crate::common::Env;

/// The last group of a hyphenated id: its random part, which short ids are taken from.
fn tail(full: &str) -> &str {
    assert_eq!(full.len(), 36, "a full id: {full}");
    &full[24..]
}

/// ann holds Acme Ltd; returns the JSON of every deal.
fn deals(env: &Env) -> Vec<Value> {
    serde_json::from_str(&env.run(&["deal", "list", "--json"])).unwrap()
}

fn deal_titled<'a>(all: &'a [Value], title: &str) -> &'a Value {
    all.iter()
        .find(|d| d["title"] == title)
        .unwrap_or_else(|| panic!("no deal {title}: {all:?}"))
}

fn add_deal(env: &Env, title: &str) -> String {
    let args = [
        "--as",
        "ann",
        "deal",
        "add",
        "--customer",
        "Acme Ltd",
        "--title",
        title,
    ];
    env.run(&args).trim().to_string()
}

/// Loses the deal `id` names: a command that finds one deal by a typed id.
fn lose(env: &Env, id: &str) -> String {
    env.run(&["--as", "ann", "deal", "lose", id, "--reason", "price"])
}

fn with_customer(env: &Env) {
    env.init();
    env.run(&["customer", "add", "--name", "Acme Ltd", "--owner", "ann"]);
}

#[test]
fn a_printed_deal_id_still_names_its_deal_after_more_adds_in_the_same_instant() {
    let env = Env::new();
    with_customer(&env);
    // Every add runs at the same SALESTRACK_NOW and within a second of real time, so the
    // ids share their leading (time) digits.
    let titles = ["d0", "d1", "d2", "d3", "d4", "d5"];
    let printed: Vec<String> = titles.iter().map(|t| add_deal(&env, t)).collect();

    // The first printed id, typed after five more adds, still finds its deal and only it.
    let out = env.run(&[
        "--as",
        "ann",
        "deal",
        "win",
        &printed[0],
        "--date",
        "2026-09-30",
        "--amount",
        "100",
        "--no-cost",
    ]);
    assert!(out.starts_with(&printed[0]), "{out}");
    // Every other printed id too.
    for short in &printed[1..] {
        lose(&env, short);
    }
    let all = deals(&env);
    for (title, short) in titles.iter().zip(&printed) {
        let full = deal_titled(&all, title)["id"].as_str().unwrap();
        // --json keeps the whole id; people get the start of its random part.
        assert_eq!(uuid::Uuid::parse_str(full).unwrap().get_version_num(), 7);
        assert!(
            short.len() >= 8 && tail(full).starts_with(short.as_str()),
            "{short} is the start of the random part of {full}"
        );
    }
    assert_eq!(deal_titled(&all, "d0")["stage"], "won");
    for title in &titles[1..] {
        assert_eq!(deal_titled(&all, title)["stage"], "lost", "{title}");
    }
}

#[test]
fn a_printed_customer_id_still_names_its_customer_after_more_adds() {
    let env = Env::new();
    env.init();
    let first = env
        .run(&["customer", "add", "--name", "First Co", "--owner", "ann"])
        .trim()
        .to_string();
    for i in 0..5 {
        env.run(&[
            "customer",
            "add",
            "--name",
            &format!("Later {i}"),
            "--owner",
            "ann",
        ]);
    }
    let deal: Value = serde_json::from_str(&env.run(&[
        "--as",
        "ann",
        "deal",
        "add",
        "--customer",
        &first,
        "--title",
        "x",
        "--json",
    ]))
    .unwrap();
    assert_eq!(deal["customer_name"], "First Co");
    // --json prints the whole id.
    assert_eq!(deal["id"].as_str().unwrap().len(), 36, "{deal}");
}

#[test]
fn full_ids_and_unique_prefixes_of_them_still_work_and_shared_ones_are_ambiguous() {
    let env = Env::new();
    with_customer(&env);
    for t in ["a", "b", "c"] {
        add_deal(&env, t);
    }
    let all = deals(&env);
    let id = |t: &str| deal_titled(&all, t)["id"].as_str().unwrap().to_string();
    let (a, b, c) = (id("a"), id("b"), id("c"));

    // The whole id.
    lose(&env, &a);
    // A prefix of the whole id, long enough to be unique: one digit past what b shares
    // with any other id.
    let shared = |x: &str, y: &str| x.bytes().zip(y.bytes()).take_while(|(p, q)| p == q).count();
    let mut len = shared(&b, &a).max(shared(&b, &c)) + 1;
    if b.as_bytes()[len - 1] == b'-' {
        len += 1;
    }
    lose(&env, &b[..len]);
    // The start every id made in the same moment shares: refused, naming the candidates.
    let common = shared(&a, &c).min(shared(&b, &c));
    assert!(
        common >= 4,
        "ids made together share their time digits: {a} {b} {c}"
    );
    let err = env.refuse(&[
        "--as",
        "ann",
        "deal",
        "lose",
        &c[..common],
        "--reason",
        "price",
    ]);
    assert!(err.contains("more than one"), "{err}");
    // The random part of the whole id, typed in full, is one deal.
    lose(&env, tail(&c));

    let all = deals(&env);
    for t in ["a", "b", "c"] {
        assert_eq!(deal_titled(&all, t)["stage"], "lost", "{t}");
    }
    // No id was printed or typed that named a different deal.
    assert_eq!(all.len(), 3);
}
