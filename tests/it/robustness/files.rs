//! Files the program writes: backups, exports and reports never land on the database or its
//! sidecars, never replace a file unasked, never leave half a file or a world-readable copy.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::common::{Env, dump};

fn sidecar(db: &Path, suffix: &str) -> PathBuf {
    let mut s = db.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

fn integrity(db: &Path) -> String {
    Connection::open(db)
        .unwrap()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

/// A reader holding the database open (as a TUI would), so its -wal and -shm exist.
fn hold_open(db: &Path) -> Connection {
    let c = Connection::open(db).unwrap();
    let _: i64 = c
        .query_row("SELECT count(*) FROM customers", [], |r| r.get(0))
        .unwrap();
    c
}

#[test]
fn backup_onto_the_live_database_or_its_files_is_refused() {
    let env = Env::new();
    env.init();
    env.run(&["customer", "add", "--name", "Acme"]);
    let _tui = hold_open(&env.db());
    let db = env.db();
    let link = env.dir.path().join("hard-link.db");
    std::fs::hard_link(&db, &link).unwrap();
    let sym = env.dir.path().join("sym.db");
    std::os::unix::fs::symlink(&db, &sym).unwrap();
    let dotted = env.dir.path().join(".").join("t.db");
    for target in [
        db.clone(),
        sidecar(&db, "-wal"),
        sidecar(&db, "-shm"),
        link,
        sym,
        dotted,
    ] {
        let err = env.refuse(&["backup", target.to_str().unwrap(), "--force"]);
        assert!(err.contains("is the database"), "{target:?}: {err}");
        assert_eq!(integrity(&db), "ok");
    }
    assert!(env.run(&["customer", "list"]).contains("Acme"));
}

#[test]
fn a_backup_never_replaces_a_database_in_use_nor_a_file_unasked() {
    let env = Env::new();
    env.init();
    let other = Env::new();
    other.init();
    let _open = hold_open(&other.db());
    let before = dump(&other.db(), &[]);
    let err = env.refuse(&["backup", other.db().to_str().unwrap(), "--force"]);
    assert!(err.contains("in use"), "{err}");
    assert_eq!(dump(&other.db(), &[]), before);

    let notes = env.dir.path().join("notes.txt");
    std::fs::write(&notes, "mine").unwrap();
    let err = env.refuse(&["backup", notes.to_str().unwrap()]);
    assert!(err.contains("--force"), "{err}");
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), "mine");
    env.run(&["backup", notes.to_str().unwrap(), "--force"]);
    assert_eq!(integrity(&notes), "ok");
    assert_eq!(mode(&notes), 0o600);
}

#[test]
fn every_export_refuses_the_database_and_existing_files() {
    let env = Env::new();
    env.init();
    env.run(&["customer", "add", "--name", "Acme"]);
    let _tui = hold_open(&env.db());
    let db = env.db();
    let db_s = db.to_str().unwrap();
    let exports: [&[&str]; 3] = [
        &["customer", "export", "-o"],
        &["report", "--period", "2026-Q3", "--format", "md", "-o"],
        &["template", "export", "-o"],
    ];
    for args in exports {
        for target in [db_s, sidecar(&db, "-wal").to_str().unwrap()] {
            let mut a = args.to_vec();
            a.extend([target, "--force"]);
            let err = env.refuse(&a);
            assert!(err.contains("is the database"), "{a:?}: {err}");
            assert_eq!(integrity(&db), "ok");
        }
        let out = env.dir.path().join("out.txt");
        std::fs::write(&out, "keep me").unwrap();
        let mut a = args.to_vec();
        a.push(out.to_str().unwrap());
        let err = env.refuse(&a);
        assert!(err.contains("already exists"), "{a:?}: {err}");
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me");
        a.push("--force");
        env.run(&a);
        assert_ne!(std::fs::read_to_string(&out).unwrap(), "keep me");
        assert_eq!(mode(&out), 0o600, "{a:?}");
        std::fs::remove_file(&out).unwrap();
    }
    assert!(env.run(&["customer", "list"]).contains("Acme"));
}

#[test]
fn a_failed_export_leaves_nothing_behind() {
    let env = Env::new();
    env.init();
    let csv = env.dir.path().join("in.csv");
    let names: String = (0..3000)
        .map(|i| format!("Customer number {i:04}\n"))
        .collect();
    std::fs::write(&csv, format!("name\n{names}")).unwrap();
    env.run(&["customer", "import", csv.to_str().unwrap()]);
    // The disk fills (a file-size limit of 64 KiB) half-way through the export: the command
    // fails, and neither the target nor a temporary file is left.
    let out = env.dir.path().join("out.csv");
    let cmd = env.cmd();
    let program = cmd.get_program().to_owned();
    let args: Vec<_> = cmd.get_args().map(|a| a.to_owned()).collect();
    let mut sh = std::process::Command::new("sh");
    sh.arg("-c")
        .arg("trap '' XFSZ; ulimit -f 128; exec \"$@\"")
        .arg("sh")
        .arg(program)
        .args(args)
        .args(["customer", "export", "-o", out.to_str().unwrap()]);
    for (k, v) in cmd.get_envs() {
        match v {
            Some(v) => sh.env(k, v),
            None => sh.env_remove(k),
        };
    }
    let status = sh.status().unwrap();
    assert!(!status.success());
    assert!(!out.exists(), "no half-written export");
    let left: Vec<_> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("out.csv"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn uri_like_names_are_plain_files() {
    let env = Env::new();
    env.init();
    let dir = env.dir.path();
    // Relative to the working directory, as a user would type it.
    let out = env
        .cmd()
        .current_dir(dir)
        .args(["backup", "file:copy.db?mode=memory"])
        .assert()
        .success();
    drop(out);
    let made = dir.join("file:copy.db?mode=memory");
    assert!(made.is_file(), "the name is a file name");
    assert_eq!(integrity(&made), "ok");
    assert_eq!(mode(&made), 0o600);
}

#[test]
fn upgrade_copies_are_private_from_the_first_byte() {
    use salestrack::clock::Clock;
    use salestrack::store::Store;
    use salestrack::store::schema::MIGRATIONS;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("old.db");
    let clock = Clock::fixed("2026-09-30T18:00:00+08:00".parse().unwrap());
    drop(Store::create_or_open_with(&db, clock, &MIGRATIONS[..1]).unwrap());
    // Under the usual umask (022) a file SQLite creates would be 0644; the copy holds
    // every customer and must be 0600.
    let store = Store::open(&db, clock).unwrap();
    match &store.opened {
        salestrack::store::Migrated::Upgraded { backup, .. } => {
            assert_eq!(mode(backup), 0o600, "{backup:?}");
        }
        other => panic!("expected an upgrade, got {other:?}"),
    }
}
