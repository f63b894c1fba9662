//! A team server (README, "A team server over SSH"): `server-setup` as root, then a manager,
//! two reps and an outsider — real OS users made for the test — working through the setgid
//! binary. Each attack a rep with a shell could make is performed and must fail: opening the
//! file with `sqlite3`, backdating with `SALESTRACK_NOW`, naming another database, writing
//! into the team's folder with `-o`, reading a file only the group can read, filling the
//! database with demo data. A binary that lost its setgid bit and a -wal a person owns are
//! found by `doctor` and refused by the binary.
//!
//! Needs root (to make users, chown and run as others) and mount namespaces (the guarded
//! binary reads its system file only at /etc/salestrack, so each run as a user sees the
//! test's own there); without them it says why and passes.

use std::ffi::CString;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::MetadataExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use salestrack::guard;

const MOUNT_POINT: &str = "/etc/salestrack";
const OLD_NOW: &str = "2020-01-01T09:00:00+08:00";

/// The users and group made for one run, and the mount point if the test made it; all
/// removed on drop, whatever happened.
struct Made {
    users: Vec<String>,
    group: String,
    mount_point: bool,
}

impl Drop for Made {
    fn drop(&mut self) {
        for u in &self.users {
            let _ = Command::new("userdel").arg(u).status();
        }
        let _ = Command::new("groupdel").arg(&self.group).status();
        if self.mount_point {
            let _ = std::fs::remove_dir(MOUNT_POINT);
        }
    }
}

/// The server: its binary, system file folder, database and the users' homes.
struct Server {
    bin: PathBuf,
    etc: PathBuf,
    db: PathBuf,
    base: PathBuf,
}

impl Server {
    fn home(&self, user: &str) -> PathBuf {
        self.base.join("home").join(user)
    }

    /// The binary as root, with the test's system file (root may name one; a user may not).
    fn root(&self, args: &[&str]) -> Output {
        Command::new(&self.bin)
            .env("SALESTRACK_SYSTEM_FILE", self.etc.join("server.toml"))
            .env("LANG", "C.UTF-8")
            .args(args)
            .output()
            .unwrap()
    }

    /// `program` as `user` (no supplementary groups), in a private mount namespace where
    /// /etc/salestrack is the test's folder, with a home, a clock set in 2020 and `env`.
    fn as_user(&self, user: &str, program: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
        let who = guard::user_by_name(user).unwrap();
        let home = self.home(user);
        let mut c = Command::new(program);
        c.env_clear()
            .env("HOME", &home)
            .env("LANG", "C.UTF-8")
            .env("PATH", "/usr/bin:/bin")
            .env("SALESTRACK_NOW", OLD_NOW)
            .envs(env.iter().copied())
            .current_dir(&home)
            .args(args);
        let src = CString::new(self.etc.as_os_str().as_bytes()).unwrap();
        let dst = CString::new(MOUNT_POINT).unwrap();
        let (uid, gid) = (who.uid, who.gid);
        // SAFETY: only async-signal-safe system calls on memory prepared before the fork.
        unsafe {
            c.pre_exec(move || {
                // Done here, not with CommandExt::uid, which drops root before pre_exec runs.
                let ok = libc::unshare(libc::CLONE_NEWNS) == 0
                    && libc::mount(
                        c"none".as_ptr(),
                        c"/".as_ptr(),
                        std::ptr::null(),
                        libc::MS_REC | libc::MS_PRIVATE,
                        std::ptr::null(),
                    ) == 0
                    && libc::mount(
                        src.as_ptr(),
                        dst.as_ptr(),
                        std::ptr::null(),
                        libc::MS_BIND,
                        std::ptr::null(),
                    ) == 0
                    && libc::setgroups(0, std::ptr::null()) == 0
                    && libc::setgid(gid) == 0
                    && libc::setuid(uid) == 0;
                if ok {
                    Ok(())
                } else {
                    Err(std::io::Error::last_os_error())
                }
            });
        }
        c.output().unwrap()
    }

    fn run_as(&self, user: &str, args: &[&str]) -> Output {
        self.as_user(user, &self.bin, args, &[])
    }
}

fn text(o: &Output) -> String {
    format!(
        "status {:?}\nstdout: {}\nstderr: {}",
        o.status.code(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn ok(o: Output) -> String {
    assert!(o.status.success(), "{}", text(&o));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Refused, saying `why`.
fn refused(o: Output, why: &str) {
    assert!(!o.status.success(), "should be refused: {}", text(&o));
    let err = String::from_utf8_lossy(&o.stderr);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        err.contains(why) || out.contains(why),
        "refusal should say “{why}”: {}",
        text(&o)
    );
}

/// Owner, group and permission bits (with setgid).
fn owner_mode(p: &Path) -> (u32, u32, u32) {
    let m = std::fs::symlink_metadata(p).unwrap();
    (m.uid(), m.gid(), m.mode() & 0o7777)
}

fn sidecar(db: &Path, suffix: &str) -> PathBuf {
    let mut s = db.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// A folder for the test where the setgid bit works (not mounted nosuid).
fn suid_dir() -> Option<tempfile::TempDir> {
    for place in ["/var/tmp", env!("CARGO_TARGET_TMPDIR")] {
        let Ok(dir) = tempfile::tempdir_in(place) else {
            continue;
        };
        if !salestrack::install::on_nosuid_mount(dir.path()) {
            return Some(dir);
        }
    }
    None
}

fn add_user(name: &str) {
    let s = Command::new("useradd")
        .args(["-M", "-N", "-s", "/bin/sh", name])
        .status()
        .unwrap();
    assert!(s.success(), "useradd {name}");
}

/// Whether this process may make a mount namespace (a container may forbid it).
fn namespaces_work() -> bool {
    let mut c = Command::new("true");
    // SAFETY: one system call in the child.
    unsafe {
        c.pre_exec(|| {
            if libc::unshare(libc::CLONE_NEWNS) == 0 {
                Ok(())
            } else {
                Err(std::io::Error::last_os_error())
            }
        });
    }
    c.status().is_ok_and(|s| s.success())
}

#[test]
fn reps_reach_the_team_database_only_through_the_setgid_binary() {
    // SAFETY: reads this process's uid.
    if unsafe { libc::getuid() } != 0 {
        eprintln!("skipped: the team server test makes OS users and needs root");
        return;
    }
    if !namespaces_work() {
        eprintln!("skipped: the team server test needs mount namespaces (unshare)");
        return;
    }
    let Some(tmp) = suid_dir() else {
        eprintln!("skipped: no folder here without nosuid for a setgid binary");
        return;
    };
    let id = std::process::id() % 1_000_000;
    let [manager, ann, bob, outsider] = ["m", "a", "b", "o"].map(|k| format!("st{k}{id}"));
    let group = format!("stg{id}");
    let mount_point = !Path::new(MOUNT_POINT).exists();
    if mount_point {
        std::fs::create_dir(MOUNT_POINT).unwrap();
    }
    let _made = Made {
        users: vec![manager.clone(), ann.clone(), bob.clone(), outsider.clone()],
        group: group.clone(),
        mount_point,
    };
    for u in [&manager, &ann, &bob, &outsider] {
        add_user(u);
    }

    let base = tmp.path().to_path_buf();
    chmod(&base, 0o755);
    let server = Server {
        bin: base.join("bin/salestrack"),
        etc: base.join("etc"),
        db: base.join("srv/team.db"),
        base: base.clone(),
    };
    std::fs::create_dir_all(base.join("bin")).unwrap();
    std::fs::create_dir_all(&server.etc).unwrap();
    std::fs::copy(env!("CARGO_BIN_EXE_salestrack"), &server.bin).unwrap();
    for u in [&manager, &ann, &bob, &outsider] {
        let home = server.home(u);
        std::fs::create_dir_all(&home).unwrap();
        let who = guard::user_by_name(u).unwrap();
        std::os::unix::fs::chown(&home, Some(who.uid), Some(who.gid)).unwrap();
        chmod(&home, 0o700);
    }
    let db = server.db.to_str().unwrap().to_string();

    // Not root: refused, nothing made.
    refused(
        server.run_as(
            &ann,
            &[
                "--db",
                &db,
                "server-setup",
                "--group",
                &group,
                "--manager",
                &manager,
            ],
        ),
        "run it as root",
    );
    assert!(!server.db.exists());

    // Set up, twice: the second run finds everything done.
    for _ in 0..2 {
        ok(server.root(&[
            "--db",
            &db,
            "server-setup",
            "--group",
            &group,
            "--manager",
            &manager,
        ]));
    }
    let gid = guard::group_by_name(&group).unwrap().0;
    assert_eq!(owner_mode(server.db.parent().unwrap()), (0, gid, 0o2770));
    for suffix in ["", "-wal", "-shm"] {
        assert_eq!(
            owner_mode(&sidecar(&server.db, suffix)),
            (0, gid, 0o660),
            "{suffix}"
        );
    }
    assert_eq!(owner_mode(&server.bin), (0, gid, 0o2755));
    assert_eq!(
        guard::group_by_name(&group).unwrap().1,
        Vec::<String>::new()
    );
    ok(server.root(&["doctor", "--bin", server.bin.to_str().unwrap()]));

    // The manager adds two reps; Ann adds a customer and logs a visit "in 2020".
    ok(server.run_as(&manager, &["rep", "add", "--name", "Ann", "--login", &ann]));
    ok(server.run_as(&manager, &["rep", "add", "--name", "Bob", "--login", &bob]));
    // Demo data would mix with the reps' real work: refused even for the manager.
    refused(server.run_as(&manager, &["demo"]), "besides you");
    ok(server.run_as(&ann, &["customer", "add", "--name", "Acme"]));
    let visit = ok(server.run_as(
        &ann,
        &[
            "visit",
            "add",
            "--customer",
            "Acme",
            "--summary",
            "demo",
            "--json",
        ],
    ));
    let visit: serde_json::Value = serde_json::from_str(&visit).unwrap();
    let logged =
        chrono::DateTime::parse_from_rfc3339(visit["logged_at"].as_str().unwrap()).unwrap();
    let drift = (chrono::Utc::now() - logged.to_utc()).num_seconds().abs();
    assert!(drift < 600, "SALESTRACK_NOW is ignored: logged at {logged}");
    assert_eq!(
        visit["author_login"],
        ann.as_str(),
        "identity is the real uid"
    );

    // sqlite3 as a rep: the folder is the group's and no person is in the group.
    let sqlite3 = Path::new("/usr/bin/sqlite3");
    if sqlite3.exists() {
        let o = server.as_user(&ann, sqlite3, &[&db, "SELECT count(*) FROM reps"], &[]);
        assert!(
            !o.status.success(),
            "sqlite3 must not open it: {}",
            text(&o)
        );
    }

    // Another database, by flag or environment: refused.
    let other = server.home(&ann).join("mine.db");
    let other = other.to_str().unwrap();
    refused(
        server.run_as(&ann, &["--db", other, "rep", "list"]),
        "is refused",
    );
    refused(
        server.as_user(
            &ann,
            &server.bin,
            &["rep", "list"],
            &[("SALESTRACK_DB", other)],
        ),
        "is refused",
    );

    // -o into the team's folder: refused by the folder's permissions; nothing appears.
    let inside = server.db.with_file_name("dump.csv");
    refused(
        server.run_as(
            &ann,
            &["customer", "export", "-o", inside.to_str().unwrap()],
        ),
        "Permission denied",
    );
    assert_eq!(
        std::fs::read_dir(server.db.parent().unwrap())
            .unwrap()
            .count(),
        3
    );

    // A file only the group may read, outside the team's folder: a user-named file is
    // opened with the user's own rights.
    let secret = base.join("secret.csv");
    std::fs::write(&secret, "name\nSecret Corp\n").unwrap();
    std::os::unix::fs::chown(&secret, Some(0), Some(gid)).unwrap();
    chmod(&secret, 0o640);
    refused(
        server.run_as(&ann, &["customer", "import", secret.to_str().unwrap()]),
        "Permission denied",
    );
    let copy = base.join("copy.db");
    std::fs::copy(&server.db, &copy).unwrap();
    std::os::unix::fs::chown(&copy, Some(0), Some(gid)).unwrap();
    chmod(&copy, 0o660);
    let before = std::fs::read(&copy).unwrap();
    refused(
        server.run_as(&ann, &["sync", copy.to_str().unwrap()]),
        "unable to open",
    );
    assert_eq!(
        std::fs::read(&copy).unwrap(),
        before,
        "sync wrote a group-only file"
    );
    // Her own copy, made and merged back through the binary, is hers to sync.
    ok(server.run_as(&ann, &["backup", "laptop.db"]));
    ok(server.run_as(&ann, &["sync", "laptop.db"]));

    // Bob's customers and his rating comments are invisible to Ann, in every list and export.
    ok(server.run_as(&bob, &["customer", "add", "--name", "Bob Secret Co"]));
    ok(server.run_as(
        &manager,
        &[
            "rate",
            "--rep",
            &bob,
            "--period",
            "2026-Q3",
            "--attitude",
            "3",
            "--knowledge",
            "3",
            "--teamwork",
            "3",
            "--comment",
            "coaching needed",
        ],
    ));
    for args in [
        &["customer", "list", "--json"][..],
        &["customer", "export"],
        &["kpi", "--period", "2026-Q3", "--json"],
        &["report", "--period", "2026-Q3", "--format", "md"],
    ] {
        let seen = ok(server.run_as(&ann, args));
        assert!(
            !seen.contains("Bob Secret Co") && !seen.contains("coaching needed"),
            "{args:?} shows Bob's records to Ann:\n{seen}"
        );
    }
    assert!(ok(server.run_as(&manager, &["customer", "list"])).contains("Bob Secret Co"));

    // The claim limit is the team's: Ann can neither set it nor raise it in her own config.
    refused(
        server.run_as(&ann, &["settings", "set", "claim_limit", "100000"]),
        "ask a manager",
    );
    ok(server.run_as(&manager, &["settings", "set", "claim_limit", "1"]));
    ok(server.run_as(&manager, &["customer", "add", "--name", "Pool Co"]));
    let config = server.home(&ann).join("mine.toml");
    std::fs::write(&config, "claim_limit = 100000\n").unwrap();
    refused(
        server.as_user(
            &ann,
            &server.bin,
            &["customer", "claim", "Pool Co"],
            &[("SALESTRACK_CONFIG", config.to_str().unwrap())],
        ),
        "the claim limit is 1",
    );

    // Her laptop copy is hers to edit with sqlite3; what she forges there does not come in.
    let laptop = server.home(&ann).join("laptop.db");
    // Stamped now: later than the server's record, not ahead of its clock.
    let stamp = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    rusqlite::Connection::open(&laptop)
        .unwrap()
        .execute(
            "UPDATE reps SET role = 'manager', updated_at = ?1 WHERE login = ?2",
            (&stamp, &ann),
        )
        .unwrap();
    let said = ok(server.run_as(&ann, &["sync", "laptop.db"]));
    assert!(said.contains("refused"), "{said}");
    let reps = ok(server.run_as(&manager, &["rep", "list", "--json"]));
    let reps: serde_json::Value = serde_json::from_str(&reps).unwrap();
    let her = reps
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["login"] == ann.as_str())
        .unwrap();
    assert_eq!(her["role"], "rep", "a forged copy made her manager");

    // What a rep writes with -o is theirs: their uid, their own group, 0600.
    ok(server.run_as(&ann, &["customer", "export", "-o", "acme.csv"]));
    let who = guard::user_by_name(&ann).unwrap();
    assert_eq!(
        owner_mode(&server.home(&ann).join("acme.csv")),
        (who.uid, who.gid, 0o600)
    );

    // Bob cannot act as Ann; nobody but an empty database's manager may write demo data.
    refused(
        server.run_as(&bob, &["--as", &ann, "customer", "list"]),
        &bob,
    );
    refused(server.run_as(&outsider, &["demo"]), "not one");
    refused(server.run_as(&ann, &["demo"]), "not one");
    refused(
        server.run_as(&manager, &["demo"]),
        "already holds customers",
    );
    let reps = ok(server.run_as(&manager, &["rep", "list", "--json"]));
    let reps: serde_json::Value = serde_json::from_str(&reps).unwrap();
    assert_eq!(reps.as_array().unwrap().len(), 3, "demo wrote nothing");

    // Root looks in with salestrack too: the last connection to close keeps the -wal and
    // -shm (SQLite would delete them, and the next user to open the database would own them).
    ok(server.root(&["--db", &db, "rep", "list"]));
    // After all that use, the -wal and -shm are still root's.
    for suffix in ["-wal", "-shm"] {
        assert_eq!(
            owner_mode(&sidecar(&server.db, suffix)),
            (0, gid, 0o660),
            "{suffix}"
        );
    }

    // A -wal a person owns: the binary refuses to run, doctor names it, setup mends it.
    let wal = sidecar(&server.db, "-wal");
    std::os::unix::fs::chown(&wal, Some(who.uid), None).unwrap();
    refused(server.run_as(&bob, &["customer", "list"]), "a person");
    refused(
        server.root(&["doctor", "--bin", server.bin.to_str().unwrap()]),
        "a person",
    );
    ok(server.root(&[
        "--db",
        &db,
        "server-setup",
        "--group",
        &group,
        "--manager",
        &manager,
    ]));
    assert_eq!(owner_mode(&wal), (0, gid, 0o660));

    // The binary loses its setgid bit: doctor says so, and a rep is told, not half served.
    chmod(&server.bin, 0o755);
    refused(
        server.root(&["doctor", "--bin", server.bin.to_str().unwrap()]),
        "is not setgid",
    );
    refused(
        server.run_as(&ann, &["customer", "list"]),
        "lost its setgid bit",
    );
    ok(server.root(&[
        "--db",
        &db,
        "server-setup",
        "--group",
        &group,
        "--manager",
        &manager,
    ]));
    ok(server.run_as(&ann, &["customer", "list"]));
}

/// The demo rules hold without a server too: only a manager, only with no other rep.
#[test]
fn demo_is_for_the_manager_of_an_empty_database_only() {
    use crate::common::screen::lang_lock;
    use salestrack::clock::Clock;
    use salestrack::i18n::Lang;
    use salestrack::store::Store;
    use salestrack::store::demo::{self, DemoOptions};
    let _l = lang_lock(Lang::En);
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create_or_open(&dir.path().join("t.db"), Clock::system()).unwrap();
    let boss = store.init_first_manager("boss", "Boss").unwrap().unwrap();
    let options = DemoOptions {
        seed: 1,
        reps: 3,
        customers: 5,
        visits: 10,
        deals: 2,
        years: 1,
    };
    let before = store.table_counts().unwrap();
    let err = demo::generate(&mut store, "stranger", &options).unwrap_err();
    assert!(err.to_string().contains("stranger is not one"), "{err}");
    let manager = store.actor_for(&boss.login).unwrap();
    store
        .add_rep(
            &manager,
            salestrack::store::reps::NewRep {
                name: "Ann".into(),
                login: "ann".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let with_ann = store.table_counts().unwrap();
    assert_ne!(with_ann, before);
    for who in ["ann", "boss"] {
        let err = demo::generate(&mut store, who, &options).unwrap_err();
        let why = if who == "ann" {
            "ann is not one"
        } else {
            "1 rep(s) besides you"
        };
        assert!(err.to_string().contains(why), "{who}: {err}");
    }
    assert_eq!(store.table_counts().unwrap(), with_ann, "nothing written");
}

fn chmod(p: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
}
