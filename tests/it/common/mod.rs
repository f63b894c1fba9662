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

/// Text as Excel and WPS save it on Chinese Windows: GB18030.
pub fn gbk(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::GB18030.encode(text);
    assert!(!unmappable);
    bytes.into_owned()
}

impl Env {
    /// Writes `bytes` to the file `name` in the test's folder; its path.
    pub fn write(&self, name: &str, bytes: &[u8]) -> String {
        let path = self.dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path.display().to_string()
    }

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

/// A laptop copy of `env` with `visits` more visits (raw rows, as a long trip would leave).
pub fn laptop_with_visits(env: &Env, visits: i64) -> Env {
    let laptop = Env::new();
    env.run(&["backup", laptop.db().to_str().unwrap()]);
    let conn = rusqlite::Connection::open(laptop.db()).unwrap();
    conn.execute(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
         INSERT INTO visits (id, customer_id, author_id, date, summary, logged_at,
                             created_at, updated_at, updated_by)
         SELECT printf('0199aaaa-0000-7000-8000-%012d', i), c.id, r.id,
                date('2026-01-01', (i % 270) || ' days'), 'trip ' || i,
                '2026-09-30T10:00:00.000Z', '2026-09-30T10:00:00.000Z', '2026-09-30T10:00:00.000Z', 'ann'
         FROM n, (SELECT id FROM customers LIMIT 1) c, (SELECT id FROM reps WHERE login = 'ann') r",
        [visits],
    )
    .unwrap();
    laptop
}
