//! Store::open on temp files: file mode, WAL, schema versions and migrations (issue 4).

use std::os::unix::fs::PermissionsExt;

use chrono::DateTime;
use rusqlite::Connection;
use salestrack::clock::Clock;
use salestrack::i18n::Lang;
use salestrack::store::schema::{self, MIGRATIONS};
use salestrack::store::{Migrated, Store, StoreError};

use crate::common::screen::lang_lock;

fn clock() -> Clock {
    Clock::fixed(DateTime::parse_from_rfc3339("2026-09-30T18:00:00+08:00").unwrap())
}

fn mode(path: &std::path::Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn a_new_database_is_owner_only_wal_and_at_the_latest_version() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.db");
    let mut store = Store::create_or_open(&path, clock()).unwrap();
    assert_eq!(store.opened, Migrated::Created);
    assert_eq!(mode(&path), 0o600);
    store.init_first_manager("boss", "Boss").unwrap();
    // After a write the WAL files exist, with the database's own mode.
    for suffix in ["-wal", "-shm"] {
        let p = dir.path().join(format!("new.db{suffix}"));
        assert!(p.exists(), "{suffix} exists while open");
        assert_eq!(mode(&p), 0o600, "{suffix}");
    }
    drop(store);
    let conn = Connection::open(&path).unwrap();
    let journal: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(journal, "wal");
    assert_eq!(
        schema::user_version(&conn).unwrap(),
        MIGRATIONS.len() as i64
    );
}

#[test]
fn reopening_is_up_to_date_and_keeps_the_workspace_id() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.db");
    let first = Store::create_or_open(&path, clock())
        .unwrap()
        .workspace_id()
        .unwrap();
    let store = Store::open(&path, clock()).unwrap();
    assert_eq!(store.opened, Migrated::UpToDate);
    assert_eq!(store.workspace_id().unwrap(), first);
    assert_eq!(first.len(), 36);
}

#[test]
fn a_missing_file_is_not_created_by_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("none.db");
    let err = Store::open(&path, clock()).err().expect("refused");
    assert!(matches!(err, StoreError::NoDatabase { .. }));
    assert!(err.to_string().contains("salestrack init"), "{err}");
    assert!(!path.exists());
}

#[test]
fn a_database_from_a_newer_version_is_refused_and_left_alone() {
    let _l = lang_lock(Lang::En);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    drop(Store::create_or_open(&path, clock()).unwrap());
    let future = MIGRATIONS.len() as i64 + 5;
    Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", future)
        .unwrap();
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path, clock()).err().expect("refused");
    assert!(matches!(err, StoreError::NewerSchema { found, .. } if found == future));
    let msg = err.to_string();
    assert!(msg.contains("newer salestrack"), "{msg}");
    assert!(msg.contains(&future.to_string()), "{msg}");
    assert_eq!(std::fs::read(&path).unwrap(), before, "file untouched");
}

#[test]
fn an_older_database_is_copied_aside_then_migrated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    // Version 1 of a two-step history, with a row in it.
    let v1 = "CREATE TABLE workspace (id TEXT PRIMARY KEY, created_at TEXT NOT NULL);
              CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);";
    let v2 = "ALTER TABLE notes ADD COLUMN author TEXT;";
    drop(Store::create_or_open_with(&path, clock(), &[v1]));
    Connection::open(&path)
        .unwrap()
        .execute("INSERT INTO notes (body) VALUES ('kept')", [])
        .unwrap();

    let store = Store::open_with_migrations(&path, clock(), &[v1, v2]).unwrap();
    let Migrated::Upgraded { from, to, backup } = store.opened.clone() else {
        panic!("expected an upgrade, got {:?}", store.opened);
    };
    assert_eq!((from, to), (1, 2));
    assert!(backup.exists());
    assert_eq!(backup, dir.path().join("old.db.v1.bak"));
    // The copy is the old version with its data; the file itself is new.
    let old = Connection::open(&backup).unwrap();
    assert_eq!(schema::user_version(&old).unwrap(), 1);
    let body: String = old
        .query_row("SELECT body FROM notes", [], |r| r.get(0))
        .unwrap();
    assert_eq!(body, "kept");
    drop(store);
    let new = Connection::open(&path).unwrap();
    assert_eq!(schema::user_version(&new).unwrap(), 2);
    new.query_row("SELECT author FROM notes", [], |r| {
        r.get::<_, Option<String>>(0)
    })
    .unwrap();
}

#[test]
fn some_other_programs_database_is_refused_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    Connection::open(&path)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path, clock()).err().expect("refused");
    assert!(matches!(err, StoreError::NotOurs { .. }), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn shared_makes_the_files_group_read_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("team.db");
    let mut store = Store::create_or_open(&path, clock()).unwrap();
    store.init_first_manager("boss", "Boss").unwrap();
    store.share_with_group().unwrap();
    assert_eq!(mode(&path), 0o660);
    assert_eq!(mode(&dir.path().join("team.db-wal")), 0o660);
}

/// A code the schema forbids, written behind its back (a hand edit, another program, a
/// damaged file): reading it is refused with the column's value named, never taken for the
/// default grade, stage, kind or role.
#[test]
fn a_stored_code_outside_its_vocabulary_is_refused_by_name_not_read_as_the_default() {
    use salestrack::store::customers::{CustomerQuery, NewCustomer};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.db");
    let mut store = Store::create_or_open(&path, clock()).unwrap();
    store.init_first_manager("boss", "Boss").unwrap();
    let boss = store.actor_for("boss").unwrap();
    let new = NewCustomer {
        name: "华为技术有限公司".into(),
        ..NewCustomer::default()
    };
    let id = store.add_customer(&boss, new).unwrap().id;
    drop(store);
    // Every enum column has a CHECK; SQLite lets a connection ignore them.
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch(
        "PRAGMA ignore_check_constraints = ON;
         UPDATE customers SET grade = 'E', stage = 'Prospect';",
    )
    .unwrap();
    drop(conn);
    let store = Store::open(&path, clock()).unwrap();
    for said in [
        store
            .customer(&id)
            .map(|c| c.grade)
            .unwrap_err()
            .to_string(),
        store
            .customer_page(&CustomerQuery::default(), 0, 10)
            .map(|page| page.len())
            .unwrap_err()
            .to_string(),
    ] {
        assert!(
            said.contains("grade") && said.contains("\"E\"") && said.contains("A, B, C, D"),
            "{said}"
        );
    }
    drop(store);
    // The stage alone: a code in the wrong case is not the code either.
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch("UPDATE customers SET grade = 'B'")
        .unwrap();
    drop(conn);
    let store = Store::open(&path, clock()).unwrap();
    let said = store.customer(&id).unwrap_err().to_string();
    assert!(
        said.contains("stage") && said.contains("\"Prospect\""),
        "{said}"
    );
    drop(store);
    // A role no login has: the store does not make them a rep.
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch(
        "PRAGMA ignore_check_constraints = ON;
         UPDATE customers SET stage = 'lead';
         UPDATE reps SET role = 'admin';",
    )
    .unwrap();
    drop(conn);
    let said = Store::open(&path, clock())
        .and_then(|s| s.actor_for("boss").map(|_| ()))
        .unwrap_err()
        .to_string();
    assert!(
        said.contains("role") && said.contains("\"admin\""),
        "{said}"
    );
}

/// A connection that defers checkpoints never copies its log back into the file on commit,
/// however long the log grows (SQLite's default does at 1000 pages, inside a commit); a
/// checkpoint then does.
#[test]
fn deferred_checkpoints_leave_the_log_to_the_checkpoint() {
    use salestrack::store::customers::NewCustomer;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wal.db");
    let mut s = Store::create_or_open(&path, clock()).unwrap();
    s.init_first_manager("boss", "Boss").unwrap();
    let boss = s.actor_for("boss").unwrap();
    s.checkpoint().unwrap();
    let file_size = || std::fs::metadata(&path).unwrap().len();
    let before = file_size();
    s.defer_checkpoints().unwrap();
    // About 6 MB of notes: well past 1000 pages of log.
    for i in 0..60 {
        let c = NewCustomer {
            name: format!("Customer {i}"),
            notes: Some("x".repeat(100_000)),
            ..NewCustomer::default()
        };
        s.add_customer(&boss, c).unwrap();
    }
    let log = std::fs::metadata(dir.path().join("wal.db-wal"))
        .unwrap()
        .len();
    assert!(log > 5_000_000, "the log holds it: {log}");
    assert_eq!(file_size(), before, "nothing copied back on commit");
    s.checkpoint().unwrap();
    assert!(file_size() > before + 5_000_000, "the checkpoint copied it");
}
