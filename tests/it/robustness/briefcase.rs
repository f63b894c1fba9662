//! A rep's laptop copy is their briefcase: `backup` as a rep writes only what the rep may
//! see, nothing cut out can be read back from the file, and `sync` keeps to it both ways —
//! nothing outside it goes in, and nothing absent from it is taken as deleted.

use rusqlite::Connection;

use crate::common::{Env, NOW, team::at};

const LATER: &str = "2026-10-06T09:00:00+08:00";

fn names(db: &std::path::Path) -> Vec<String> {
    let c = Connection::open(db).unwrap();
    let mut stmt = c
        .prepare("SELECT name FROM customers ORDER BY name")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn bytes_contain(db: &std::path::Path, needle: &str) -> bool {
    let bytes = std::fs::read(db).unwrap();
    bytes.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn a_reps_backup_holds_only_what_they_may_see_and_sync_keeps_to_it() {
    let server = Env::new();
    server.init();
    server.run(&["customer", "add", "--name", "Ann Co", "--owner", "ann"]);
    server.run(&[
        "customer",
        "add",
        "--name",
        "Zhang Secret Co",
        "--owner",
        "zhang.wei",
    ]);
    server.run(&["customer", "add", "--name", "Pool Co"]);
    server.run(&[
        "contact",
        "add",
        "--customer",
        "Zhang Secret Co",
        "--name",
        "Wang",
        "--phone",
        "13812345678",
    ]);
    at(
        &server,
        NOW,
        Some("zhang.wei"),
        &[
            "visit",
            "add",
            "--customer",
            "Zhang Secret Co",
            "--summary",
            "secret plans",
        ],
    );

    let briefcase = Env::new();
    at(
        &server,
        NOW,
        Some("ann"),
        &["backup", briefcase.db().to_str().unwrap()],
    );
    assert_eq!(names(&briefcase.db()), ["Ann Co", "Pool Co"]);
    for secret in ["Zhang Secret Co", "13812345678", "secret plans"] {
        assert!(
            !bytes_contain(&briefcase.db(), secret),
            "{secret} is in the file"
        );
    }
    // A manager's copy is the whole file.
    let whole = Env::new();
    server.run(&["backup", whole.db().to_str().unwrap()]);
    assert_eq!(names(&whole.db()).len(), 3);

    // Ann works on the train; the server moves on meanwhile.
    at(
        &briefcase,
        "2026-10-05T20:00:00+08:00",
        Some("ann"),
        &[
            "visit",
            "add",
            "--customer",
            "Ann Co",
            "--date",
            "2026-10-05",
            "--summary",
            "train",
        ],
    );
    server.run(&[
        "customer",
        "add",
        "--name",
        "New Zhang Co",
        "--owner",
        "zhang.wei",
    ]);
    server.run(&["customer", "add", "--name", "Fresh Pool Co"]);

    at(
        &server,
        LATER,
        Some("ann"),
        &["sync", briefcase.db().to_str().unwrap()],
    );
    // The server lost nothing and got Ann's visit; the briefcase got only what is Ann's.
    assert_eq!(names(&server.db()).len(), 5);
    assert!(server.run(&["visit", "list"]).contains("train"));
    assert_eq!(
        names(&briefcase.db()),
        ["Ann Co", "Fresh Pool Co", "Pool Co"]
    );
    assert!(!bytes_contain(&briefcase.db(), "New Zhang Co"));
    // Syncing again moves nothing.
    let again = at(
        &server,
        LATER,
        Some("ann"),
        &["sync", briefcase.db().to_str().unwrap()],
    );
    assert!(again.contains("nothing to move"), "{again}");

    // Dropping the marker from the copy (it is Ann's file, sqlite3 works on it) does not make
    // the server pour everything into it: what goes out is bounded by who runs the sync.
    Connection::open(briefcase.db())
        .unwrap()
        .execute_batch("DROP TABLE briefcase")
        .unwrap();
    server.run(&[
        "customer",
        "add",
        "--name",
        "Another Zhang Co",
        "--owner",
        "zhang.wei",
    ]);
    at(
        &server,
        LATER,
        Some("ann"),
        &["sync", briefcase.db().to_str().unwrap()],
    );
    let seen = names(&briefcase.db());
    assert!(
        !seen.iter().any(|n| n.contains("Zhang")),
        "the server's other customers went to Ann's copy: {seen:?}"
    );
}

#[test]
fn a_login_that_is_not_a_rep_gets_no_copy() {
    let env = Env::new();
    env.init();
    env.run(&["rep", "add", "--name", "Gone", "--login", "gone"]);
    env.run(&["customer", "add", "--name", "Acme", "--owner", "gone"]);
    env.run(&["rep", "leave", "gone", "--to", "ann"]);
    let target = env.dir.path().join("copy.db");
    let out = env
        .cmd()
        .args(["--as", "gone", "backup", target.to_str().unwrap()])
        .assert()
        .failure();
    drop(out);
    assert!(!target.exists());
}
