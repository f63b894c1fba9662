//! `salestrack demo` through the built binary: the same flags give the same data.

use assert_cmd::Command;

fn demo(dir: &std::path::Path, db: &str) -> std::path::PathBuf {
    let path = dir.join(db);
    Command::cargo_bin("salestrack")
        .unwrap()
        .env_clear()
        .env("HOME", dir)
        .env("XDG_DATA_HOME", dir.join("data"))
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("SALESTRACK_NOW", "2026-09-30T18:00:00+08:00")
        .arg("--db")
        .arg(&path)
        .args([
            "demo",
            "--seed",
            "3",
            "--reps",
            "6",
            "--customers",
            "120",
            "--visits",
            "800",
        ])
        .args(["--deals", "150", "--years", "2"])
        .assert()
        .success()
        .stderr(predicates::str::contains("120 customers"));
    path
}

#[test]
fn demo_twice_with_one_seed_gives_identical_data_that_the_cli_reads() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (demo(dir.path(), "a.db"), demo(dir.path(), "b.db"));
    let data = crate::common::dump(&a, &["workspace", "audit"]);
    assert!(data.len() > 1_000);
    assert!(
        data == crate::common::dump(&b, &["workspace", "audit"]),
        "the same seed gave different data"
    );

    let out = Command::cargo_bin("salestrack")
        .unwrap()
        .env("SALESTRACK_NOW", "2026-09-30T18:00:00+08:00")
        .arg("--db")
        .arg(&a)
        .args(["customer", "list", "--json"])
        .assert()
        .success();
    let list: Vec<serde_json::Value> = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(list.len(), 120);
    assert!(
        list.iter()
            .all(|c| c["id"].as_str().is_some_and(|id| id.len() == 36))
    );
}
