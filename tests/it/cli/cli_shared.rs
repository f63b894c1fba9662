//! One file, many users (issue 9): eight processes writing at once lose nothing and print no
//! error; the files' modes for a private and a shared (team server) database, WAL files
//! included; `--as` for managers only, audited; `backup` while others write.

use std::os::unix::fs::PermissionsExt;
use std::process::Command;

use crate::common::{Env, dump};

fn mode(path: &std::path::Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn with_suffix(path: &std::path::Path, suffix: &str) -> std::path::PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(suffix);
    p.into()
}

#[test]
fn eight_processes_adding_forty_visits_each_lose_nothing() {
    let env = Env::new();
    env.init();
    env.run(&["customer", "add", "--name", "Acme", "--owner", "ann"]);
    let env = std::sync::Arc::new(env);
    let workers: Vec<_> = (0..8)
        .map(|w| {
            let env = env.clone();
            std::thread::spawn(move || {
                for i in 0..40 {
                    let out = env
                        .cmd()
                        .args(["--as", "ann", "visit", "add", "--customer", "Acme"])
                        .args(["--summary", &format!("worker {w} visit {i}")])
                        .output()
                        .unwrap();
                    assert!(
                        out.status.success(),
                        "{}",
                        String::from_utf8_lossy(&out.stderr)
                    );
                    assert!(
                        out.stderr.is_empty(),
                        "no error printed: {}",
                        String::from_utf8_lossy(&out.stderr)
                    );
                }
            })
        })
        .collect();
    for w in workers {
        w.join().unwrap();
    }
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    let n: i64 = conn
        .query_row(
            "SELECT count(*) FROM visits WHERE deleted_at IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 320);
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
}

#[test]
fn a_new_database_is_private_and_its_wal_files_too() {
    let env = Env::new();
    env.init();
    env.run(&["customer", "add", "--name", "Acme"]);
    assert_eq!(mode(&env.db()), 0o600);
    // Hold a reader open so the WAL files stay while we look at them.
    let keep = rusqlite::Connection::open(env.db()).unwrap();
    keep.query_row("SELECT count(*) FROM customers", [], |r| r.get::<_, i64>(0))
        .unwrap();
    env.run(&["customer", "add", "--name", "Beta"]);
    for suffix in ["-wal", "-shm"] {
        let p = with_suffix(&env.db(), suffix);
        if p.exists() {
            assert_eq!(mode(&p) & 0o077, 0, "{suffix} is not readable by others");
        }
    }
}

#[test]
fn a_shared_database_and_its_wal_files_are_group_read_write_whatever_the_umask() {
    let env = Env::new();
    env.cmd().args(["init", "--shared"]).assert().success();
    assert_eq!(mode(&env.db()), 0o660);
    // Another user's session with a strict umask writes: SQLite gives the WAL files the
    // database's own mode, so the group can still write.
    let keep = rusqlite::Connection::open(env.db()).unwrap();
    keep.query_row("SELECT count(*) FROM reps", [], |r| r.get::<_, i64>(0))
        .unwrap();
    let bin = env!("CARGO_BIN_EXE_salestrack");
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "umask 077; SALESTRACK_NOW={} HOME={} XDG_CONFIG_HOME={}/config {bin} --db {} customer add --name Acme",
            crate::common::NOW,
            env.dir.path().display(),
            env.dir.path().display(),
            env.db().display()
        ))
        .status()
        .unwrap();
    assert!(status.success());
    let wal = with_suffix(&env.db(), "-wal");
    let shm = with_suffix(&env.db(), "-shm");
    assert!(wal.exists() && shm.exists());
    assert_eq!(mode(&wal), 0o660);
    assert_eq!(mode(&shm), 0o660);
    assert_eq!(mode(&env.db()), 0o660);
}

#[test]
fn as_is_for_managers_and_is_audited() {
    let env = Env::new();
    env.init();
    env.run(&["--as", "ann", "customer", "add", "--name", "Acme"]);
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    let (who, acting_as): (String, String) = conn
        .query_row(
            "SELECT who, acting_as FROM audit WHERE acting_as IS NOT NULL ORDER BY at DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((who, acting_as), (whoami::username(), "ann".to_string()));
    // (A rep's --as is refused in the store: tests/it/store/store_rules.rs, since the OS login that
    // runs these tests is the manager.)
}

#[test]
fn backup_copies_while_others_write_and_never_over_a_file_without_force() {
    let env = Env::new();
    env.init();
    env.run(&["customer", "add", "--name", "Acme", "--owner", "ann"]);
    let copy = env.dir.path().join("laptop.db");
    // A writer keeps adding visits while the copy is made.
    let writer = {
        let db = env.db();
        let home = env.dir.path().to_path_buf();
        std::thread::spawn(move || {
            for i in 0..15 {
                Command::new(env!("CARGO_BIN_EXE_salestrack"))
                    .env("SALESTRACK_NOW", crate::common::NOW)
                    .env("HOME", &home)
                    .env("XDG_CONFIG_HOME", home.join("config"))
                    .arg("--db")
                    .arg(&db)
                    .args([
                        "--as",
                        "ann",
                        "visit",
                        "add",
                        "--customer",
                        "Acme",
                        "--summary",
                    ])
                    .arg(format!("v{i}"))
                    .status()
                    .unwrap();
            }
        })
    };
    env.run(&["backup", copy.to_str().unwrap()]);
    writer.join().unwrap();
    assert_eq!(mode(&copy), 0o600);
    let c = rusqlite::Connection::open(&copy).unwrap();
    let ok: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    let n: i64 = c
        .query_row("SELECT count(*) FROM visits", [], |r| r.get(0))
        .unwrap();
    assert!((0..=15).contains(&n));
    drop(c);
    // Over an existing file: refused, and the file is untouched.
    let before = std::fs::read(&copy).unwrap();
    let err = env.refuse(&["backup", copy.to_str().unwrap()]);
    assert!(
        err.contains("already exists") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(std::fs::read(&copy).unwrap(), before);
    // With --force it is replaced by today's copy, which holds every row.
    env.run(&["backup", "--force", copy.to_str().unwrap()]);
    assert_eq!(dump(&copy, &[]), dump(&env.db(), &[]));
}
