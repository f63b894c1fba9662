//! Opening the database (robustness items 9 and 11): a hard link to this very file given to
//! `sync`, a 0-byte or foreign file given to `--db` or to `sync`, names that look like SQLite
//! URIs, and a database that was read-only for a while or sits in a read-only folder.

use std::ffi::OsStr;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant, SystemTime};

use crate::common::{self, Env, NOW};

/// The files SQLite may put beside a database.
fn sidecars(db: &Path) -> Vec<PathBuf> {
    ["-wal", "-shm", "-journal"]
        .iter()
        .map(|s| {
            let mut p = db.as_os_str().to_owned();
            p.push(s);
            PathBuf::from(p)
        })
        .collect()
}

/// Bytes and modification time: what "left untouched" means.
fn fingerprint(path: &Path) -> (Vec<u8>, SystemTime) {
    let bytes = std::fs::read(path).unwrap();
    let mtime = std::fs::metadata(path).unwrap().modified().unwrap();
    (bytes, mtime)
}

/// Gives `path` an old modification time, so that any write would show.
fn age(path: &Path) {
    let old = SystemTime::UNIX_EPOCH + Duration::from_secs(1_600_000_000);
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(old)
        .unwrap();
}

/// Files a read command must refuse and leave as they are: empty, not SQLite, and an SQLite
/// file with no tables (what `sqlite3 x.db 'VACUUM'` leaves).
fn not_databases(dir: &Path) -> Vec<PathBuf> {
    let empty = dir.join("empty.db");
    std::fs::write(&empty, b"").unwrap();
    let text = dir.join("notes.db");
    std::fs::write(&text, "shopping list\nmilk\n").unwrap();
    let bare = dir.join("bare.db");
    let conn = rusqlite::Connection::open(&bare).unwrap();
    conn.execute_batch("CREATE TABLE t (x); DROP TABLE t;")
        .unwrap();
    drop(conn);
    for p in [&empty, &text, &bare] {
        age(p);
    }
    vec![empty, text, bare]
}

#[test]
fn sync_with_a_hard_link_to_itself_is_refused_at_once() {
    let env = Env::new();
    env.init();
    let alias = env.dir.path().join("alias.db");
    std::fs::hard_link(env.db(), &alias).unwrap();
    let before = common::dump(&env.db(), &[]);
    let started = Instant::now();
    let out = env
        .cmd()
        .args(["sync", alias.to_str().unwrap()])
        .timeout(Duration::from_secs(30))
        .assert()
        .failure();
    // It used to wait out SQLite's lock on its own file (100 s) before failing.
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "refused at once, not after {:?}",
        started.elapsed()
    );
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(err.contains("is this database itself"), "{err}");
    assert_eq!(common::dump(&env.db(), &[]), before);
}

#[test]
fn read_and_write_commands_leave_a_file_that_is_no_database_untouched() {
    let env = Env::new();
    for file in not_databases(env.dir.path()) {
        let before = fingerprint(&file);
        for args in [
            &["customer", "list"][..],
            &["rep", "list"],
            &["customer", "add", "--name", "Acme"],
        ] {
            let out = in_dir(&env, &file, args).failure();
            let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
            assert!(
                err.contains("not a salestrack database") && err.contains("left as it was"),
                "{file:?} {args:?}: {err}"
            );
            assert_eq!(fingerprint(&file), before, "{file:?} untouched by {args:?}");
            for s in sidecars(&file) {
                assert!(!s.exists(), "{s:?} made by {args:?}");
            }
        }
    }
    // `init` makes a database, so it may fill an empty file (a creating command).
    let empty = env.dir.path().join("empty.db");
    in_dir(&env, &empty, &["init"]).success();
    in_dir(&env, &empty, &["customer", "list"]).success();
}

#[test]
fn sync_refuses_a_missing_empty_or_foreign_other_file_and_makes_nothing() {
    let env = Env::new();
    env.init();
    let missing = env.dir.path().join("missing.db");
    let mut others = not_databases(env.dir.path());
    others.push(missing.clone());
    for other in others {
        let before = other.exists().then(|| fingerprint(&other));
        let err = env.refuse(&["sync", other.to_str().unwrap()]);
        assert!(
            err.contains("not a salestrack database") || err.contains("no database at"),
            "{other:?}: {err}"
        );
        assert_eq!(other.exists().then(|| fingerprint(&other)), before);
        for s in sidecars(&other) {
            assert!(!s.exists(), "{s:?} made by sync");
        }
    }
}

/// The binary on a database named relative to the test's directory, as a user would type it.
fn in_dir(env: &Env, db: impl AsRef<OsStr>, args: &[&str]) -> assert_cmd::assert::Assert {
    let home = env.dir.path();
    assert_cmd::Command::new(env!("CARGO_BIN_EXE_salestrack"))
        .current_dir(home)
        .env_clear()
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("SALESTRACK_NOW", NOW)
        .env("LANG", "C.UTF-8")
        .arg("--db")
        .arg(db)
        .args(args)
        .assert()
}

#[test]
fn names_that_look_like_sqlite_uris_are_file_names() {
    let env = Env::new();
    // As a URI this is a database in memory: init "succeeded" and everything was lost.
    let main = "file:x.db?mode=memory";
    in_dir(&env, main, &["init"]).success();
    in_dir(&env, main, &["customer", "add", "--name", "Acme"]).success();
    let file = env.dir.path().join(main);
    assert!(std::fs::metadata(&file).unwrap().len() > 0, "a real file");
    let listed = in_dir(&env, main, &["customer", "list"]).success();
    let listed = String::from_utf8_lossy(&listed.get_output().stdout).into_owned();
    assert!(listed.contains("Acme"), "{listed}");

    // The other copy of a sync: opened and attached as the file of that name.
    let other = "file:o.db?mode=memory";
    in_dir(&env, main, &["backup", other]).success();
    in_dir(&env, main, &["customer", "add", "--name", "Bolt"]).success();
    in_dir(&env, main, &["sync", other]).success();
    // Read here through an absolute name: a name starting with `/` is never a URI.
    let copy = rusqlite::Connection::open(env.dir.path().join(other)).unwrap();
    let bolt: i64 = copy
        .query_row(
            "SELECT count(*) FROM customers WHERE name = 'Bolt'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(bolt, 1, "the file {other} received the new customer");
}

/// An unprivileged account to run the binary as: root ignores file modes, so a permission
/// attack run as root proves nothing. Made (a system user, no home) when missing.
const TEST_USER: &str = "salestrack-test";

fn id_of(flag: &str) -> Option<u32> {
    let out = std::process::Command::new("id")
        .args([flag, TEST_USER])
        .output()
        .ok()?;
    String::from_utf8(out.stdout).ok()?.trim().parse().ok()
}

fn am_root() -> bool {
    let out = std::process::Command::new("id").arg("-u").output().unwrap();
    String::from_utf8_lossy(&out.stdout).trim() == "0"
}

/// The uid and gid to run as, or None to run as ourselves (already unprivileged).
fn unprivileged() -> Option<(u32, u32)> {
    if !am_root() {
        return None;
    }
    if id_of("-u").is_none() {
        // Several tests may race to create it; whoever loses finds it made.
        let _ = std::process::Command::new("useradd")
            .args(["-r", "-M", "-s", "/usr/sbin/nologin", TEST_USER])
            .output();
    }
    let ids = id_of("-u").zip(id_of("-g"));
    assert!(
        ids.is_some(),
        "running as root: the permission attacks need the user {TEST_USER} (useradd failed)"
    );
    ids
}

/// A test directory owned by the unprivileged user, and how to run the binary as that user.
struct AsUser {
    env: Env,
    ids: Option<(u32, u32)>,
}

impl AsUser {
    fn new() -> AsUser {
        let env = Env::new();
        let ids = unprivileged();
        if let Some((uid, gid)) = ids {
            std::os::unix::fs::chown(env.dir.path(), Some(uid), Some(gid)).unwrap();
        }
        AsUser { env, ids }
    }

    fn run(&self, args: &[&str]) -> Output {
        let home = self.env.dir.path();
        let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_salestrack"));
        c.env_clear()
            .env("HOME", home)
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("SALESTRACK_NOW", NOW)
            .env("LANG", "C.UTF-8")
            .arg("--db")
            .arg(self.env.db())
            .args(args);
        if let Some((uid, gid)) = self.ids {
            c.uid(uid).gid(gid);
        }
        c.output().unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn refused(&self, args: &[&str]) -> String {
        let before = common::dump(&self.env.db(), &[]);
        let out = self.run(args);
        assert!(!out.status.success(), "{args:?} refused");
        assert!(out.stdout.is_empty(), "nothing on stdout for a refusal");
        assert_eq!(common::dump(&self.env.db(), &[]), before);
        String::from_utf8(out.stderr).unwrap()
    }

    fn chmod(&self, path: &Path, mode: u32) {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    }
}

#[test]
fn a_database_read_only_for_a_while_is_writable_again_once_its_mode_is() {
    let u = AsUser::new();
    let db = u.env.db();
    u.ok(&["init"]);
    u.ok(&["customer", "add", "--name", "Acme"]);

    u.chmod(&db, 0o444);
    assert!(u.ok(&["customer", "list"]).contains("Acme"));
    let err = u.refused(&["customer", "add", "--name", "Bolt"]);
    assert!(
        err.contains("read-only") && err.contains("r--r--r--"),
        "{err}"
    );

    // Reading it used to leave its -wal and -shm behind, read-only too, and every write
    // failed after the mode was restored.
    u.chmod(&db, 0o644);
    u.ok(&["customer", "add", "--name", "Bolt"]);
    let listed = u.ok(&["customer", "list"]);
    assert!(
        listed.contains("Acme") && listed.contains("Bolt"),
        "{listed}"
    );

    // What such a spell leaves when the reader opened the file for writing (as this program
    // did, and other SQLite tools do): a -wal and -shm of mode 0444, ours.
    leave_sidecars(&db, u.ids, 0o444);
    u.ok(&["customer", "add", "--name", "Cord"]);
    assert!(u.ok(&["customer", "list"]).contains("Cord"));

    // Left by someone else, they are not ours to change: we read, and a write names the file.
    if u.ids.is_some() {
        leave_sidecars(&db, None, 0o444);
        assert!(u.ok(&["customer", "list"]).contains("Cord"));
        // Not `refused`: its dump, as the last connection to close, would remove them.
        let out = u.run(&["customer", "add", "--name", "Dart"]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            !out.status.success()
                && err.contains("read-only")
                && err.contains("belongs to another user"),
            "{err}"
        );
        assert!(!u.ok(&["customer", "list"]).contains("Dart"));
    }
}

/// Leaves a -wal and -shm beside `db` as a connection that closed without removing them
/// does, owned by `owner` (else by whoever runs the test) with `mode`.
fn leave_sidecars(db: &Path, owner: Option<(u32, u32)>, mode: u32) {
    let sides = &sidecars(db)[..2];
    let copies: Vec<PathBuf> = sides
        .iter()
        .map(|s| {
            let mut c = s.as_os_str().to_owned();
            c.push(".copy");
            PathBuf::from(c)
        })
        .collect();
    let conn = rusqlite::Connection::open(db).unwrap();
    let _: i64 = conn
        .query_row("SELECT count(*) FROM customers", [], |r| r.get(0))
        .unwrap();
    for (side, copy) in sides.iter().zip(&copies) {
        std::fs::copy(side, copy).unwrap();
    }
    drop(conn);
    for (side, copy) in sides.iter().zip(&copies) {
        let _ = std::fs::remove_file(side);
        std::fs::rename(copy, side).unwrap();
        if let Some((uid, gid)) = owner {
            std::os::unix::fs::chown(side, Some(uid), Some(gid)).unwrap();
        }
        std::fs::set_permissions(side, std::fs::Permissions::from_mode(mode)).unwrap();
    }
}

#[test]
fn a_database_in_a_read_only_folder_can_be_read() {
    let u = AsUser::new();
    let db = u.env.db();
    u.ok(&["init"]);
    u.ok(&["customer", "add", "--name", "Acme"]);
    for s in sidecars(&db) {
        assert!(!s.exists(), "{s:?} removed when the last connection closed");
    }
    let dir = u.env.dir.path();
    for mode in [0o644, 0o444] {
        u.chmod(&db, mode);
        u.chmod(dir, 0o555);
        let listed = u.run(&["customer", "list"]);
        let refused = u.run(&["customer", "add", "--name", "Bolt"]);
        u.chmod(dir, 0o755);
        assert!(
            listed.status.success() && String::from_utf8_lossy(&listed.stdout).contains("Acme"),
            "db {mode:o} in a read-only folder: {}",
            String::from_utf8_lossy(&listed.stderr)
        );
        let err = String::from_utf8_lossy(&refused.stderr);
        assert!(
            !refused.status.success() && err.contains("read-only"),
            "{err}"
        );
    }
    u.chmod(&db, 0o644);
    let listed = u.ok(&["customer", "list"]);
    assert!(
        listed.contains("Acme") && !listed.contains("Bolt"),
        "{listed}"
    );
    u.ok(&["customer", "add", "--name", "Bolt"]);
}
