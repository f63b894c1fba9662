//! Helpers shared by the integration tests.
// Each test binary uses some of these, not all.
#![allow(dead_code)]

pub mod fuzz;
pub mod screen;
pub mod team;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use rusqlite::Connection;

/// Every row of every table but `skip`, as text, table by table in key order: two dumps
/// are equal exactly when the databases hold the same data.
pub fn dump(path: &Path, skip: &[&str]) -> Vec<String> {
    if !path.exists() {
        return Vec::new();
    }
    let conn = Connection::open(path).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .filter(|t: &String| !skip.contains(&t.as_str()))
        .collect();
    let mut out = Vec::new();
    for t in tables {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM \"{t}\" ORDER BY 1, 2"))
            .unwrap();
        let n = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            let cells: Vec<String> = (0..n)
                .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                .collect();
            out.push(format!("{t}|{}", cells.join("|")));
        }
    }
    out
}

/// A private home, config, clock and database for running the built binary.
pub const NOW: &str = "2026-09-30T18:00:00+08:00";

pub struct Env {
    pub dir: tempfile::TempDir,
}

impl Env {
    pub fn new() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("t.db")
    }

    /// The binary with a private home, config and clock, on this test's database.
    pub fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("salestrack").unwrap();
        let home = self.dir.path();
        c.env_clear()
            .env("HOME", home)
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("SALESTRACK_NOW", NOW)
            .env("LANG", "C.UTF-8")
            .arg("--db")
            .arg(self.db());
        c
    }

    pub fn run(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).assert().success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    }

    /// Runs a command that must fail, and checks the database did not change.
    pub fn refuse(&self, args: &[&str]) -> String {
        let before = dump(&self.db(), &["audit"]);
        let out = self.cmd().args(args).assert().failure();
        assert_eq!(
            dump(&self.db(), &["audit"]),
            before,
            "database unchanged by {args:?}"
        );
        let out = out.get_output();
        assert!(out.stdout.is_empty(), "nothing on stdout for a refusal");
        String::from_utf8(out.stderr.clone()).unwrap()
    }

    pub fn init(&self) {
        self.cmd().arg("init").assert().success();
        let me = whoami::username();
        assert!(self.run(&["rep", "list"]).contains(&me));
        self.run(&["rep", "add", "--name", "Ann Lee", "--login", "ann"]);
        self.run(&[
            "rep",
            "add",
            "--name",
            "张伟",
            "--login",
            "zhang.wei",
            "--team",
            "east",
        ]);
    }
}
