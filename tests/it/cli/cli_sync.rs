//! `salestrack sync PATH` (issue 9) through the built binary: a laptop copy made with
//! `backup`, visits logged on it and a customer added on the server, merged both ways with a
//! summary in English and Chinese; a second sync says nothing moved; another workspace is
//! refused with its path named and both files unchanged.

use crate::common::{Env, dump, team::at};

const LAPTOP_DAY: &str = "2026-10-05T20:00:00+08:00";
const SYNC_DAY: &str = "2026-10-06T09:00:00+08:00";

fn laptop_copy(server: &Env) -> Env {
    let laptop = Env::new();
    server.run(&["backup", laptop.db().to_str().unwrap()]);
    laptop
}

#[test]
fn a_laptop_copy_merges_back_and_a_second_sync_moves_nothing() {
    let server = Env::new();
    server.init();
    server.run(&["customer", "add", "--name", "Acme", "--owner", "ann"]);
    let laptop = laptop_copy(&server);
    for date in ["2026-10-02", "2026-10-03"] {
        at(
            &laptop,
            LAPTOP_DAY,
            Some("ann"),
            &[
                "visit",
                "add",
                "--customer",
                "Acme",
                "--date",
                date,
                "--summary",
                "on the road",
            ],
        );
    }
    at(
        &server,
        LAPTOP_DAY,
        None,
        &["customer", "add", "--name", "北京华信"],
    );

    let said = at(
        &server,
        SYNC_DAY,
        None,
        &["sync", laptop.db().to_str().unwrap()],
    );
    assert!(said.contains("synced with"), "{said}");
    let lines: Vec<&str> = said.lines().collect();
    // Into the server: the two visits. Not Acme: a visit is not an edit of its customer
    // (its last visit is recomputed on both sides).
    assert!(
        lines[1].contains("into this file:") && lines[1].contains("visits 2"),
        "{said}"
    );
    assert!(!lines[1].contains("customers"), "{said}");
    // Into the laptop: the new customer.
    let into_laptop = format!("into {}: customers 1", laptop.db().display());
    assert!(lines[2].contains(&into_laptop), "{said}");
    // Each file keeps its own audit log (what it did and accepted); the data is the same.
    assert_eq!(
        dump(&server.db(), &["audit"]),
        dump(&laptop.db(), &["audit"]),
        "both files hold the same data"
    );
    let visits = server.run(&["visit", "list"]);
    assert!(visits.contains("on the road"), "{visits}");
    assert!(laptop.run(&["customer", "list"]).contains("北京华信"));

    let before = dump(&server.db(), &["audit"]);
    let again = at(
        &server,
        SYNC_DAY,
        None,
        &["sync", laptop.db().to_str().unwrap()],
    );
    assert!(again.contains("already in step"), "{again}");
    let zh = at(
        &laptop,
        SYNC_DAY,
        None,
        &["--lang", "zh", "sync", server.db().to_str().unwrap()],
    );
    assert!(zh.contains("已一致"), "{zh}");
    assert_eq!(dump(&server.db(), &["audit"]), before);
    assert_eq!(dump(&laptop.db(), &["audit"]), before);
}

#[test]
fn the_summary_reads_in_chinese_and_as_json() {
    let server = Env::new();
    server.init();
    server.run(&["customer", "add", "--name", "Acme", "--owner", "ann"]);
    let laptop = laptop_copy(&server);
    at(
        &laptop,
        LAPTOP_DAY,
        Some("ann"),
        &[
            "visit",
            "add",
            "--customer",
            "Acme",
            "--date",
            "2026-10-02",
            "--summary",
            "路上",
            "--with",
            "zhang.wei",
        ],
    );
    let copy = Env::new();
    std::fs::copy(server.db(), copy.db()).unwrap();
    let zh = at(
        &server,
        SYNC_DAY,
        None,
        &["--lang", "zh", "sync", laptop.db().to_str().unwrap()],
    );
    assert!(
        zh.contains("已与") && zh.contains("拜访 1，协同销售 1"),
        "{zh}"
    );

    let json = at(
        &copy,
        SYNC_DAY,
        None,
        &["sync", "--json", laptop.db().to_str().unwrap()],
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let into_here = v["into_here"].as_array().unwrap();
    assert!(
        into_here.contains(&serde_json::json!(["visits", 1])),
        "{json}"
    );
    assert!(
        into_here.contains(&serde_json::json!(["visit_reps", 1])),
        "{json}"
    );
}

#[test]
fn another_workspace_is_refused_and_nothing_changes() {
    let server = Env::new();
    server.init();
    let stranger = Env::new();
    stranger.init();
    stranger.run(&["customer", "add", "--name", "Other Co"]);
    let theirs = dump(&stranger.db(), &[]);
    let err = server.refuse(&["sync", stranger.db().to_str().unwrap()]);
    assert!(err.contains("another workspace"), "{err}");
    assert!(
        err.contains(stranger.db().to_str().unwrap()),
        "names the file: {err}"
    );
    assert_eq!(dump(&stranger.db(), &[]), theirs);

    let err = server.refuse(&["sync", server.db().to_str().unwrap()]);
    assert!(err.contains("this database itself"), "{err}");
    let missing = server.dir.path().join("missing.db");
    let err = server.refuse(&["sync", missing.to_str().unwrap()]);
    assert!(err.contains("missing.db"), "{err}");
    assert!(!missing.exists(), "no file is made for a mistyped path");
}
