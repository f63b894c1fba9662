//! Sync never undoes a handover, a visit is not an edit of its customer, and a copy whose
//! clock runs ahead does not win every later sync.

use serde_json::Value;

use crate::common::{Env, team::at};

fn customer(env: &Env, name: &str) -> Value {
    let list: Vec<Value> =
        serde_json::from_str(&env.run(&["customer", "list", "--search", name, "--json"])).unwrap();
    list.into_iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("{name} not listed"))
}

#[test]
fn a_visit_on_a_laptop_does_not_undo_a_handover_and_a_clock_ahead_is_refused() {
    let server = Env::new();
    server.init();
    server.run(&["rep", "add", "--name", "Bob", "--login", "bob"]);
    for name in ["Acme", "Beta"] {
        server.run(&["customer", "add", "--name", name, "--owner", "ann"]);
    }
    let laptop = Env::new();
    server.run(&["backup", laptop.db().to_str().unwrap()]);

    // On the server Ann leaves and her customers go to Zhang Wei.
    at(
        &server,
        "2026-10-05T10:00:00+08:00",
        None,
        &["rep", "leave", "ann", "--to", "zhang.wei"],
    );
    // On her laptop, that evening, Ann logs a visit with a follow-up date.
    at(
        &laptop,
        "2026-10-05T20:00:00+08:00",
        Some("ann"),
        &[
            "visit",
            "add",
            "--customer",
            "Acme",
            "--date",
            "2026-10-05",
            "--summary",
            "on the train",
            "--next",
            "2026-10-20",
        ],
    );
    // And a laptop whose clock runs 73 years ahead gives Beta to Bob.
    at(
        &laptop,
        "2099-01-01T00:00:00+08:00",
        None,
        &["customer", "assign", "Beta", "--to", "bob"],
    );

    let summary: Value = serde_json::from_str(&at(
        &server,
        "2026-10-06T09:00:00+08:00",
        None,
        &["sync", laptop.db().to_str().unwrap(), "--json"],
    ))
    .unwrap();
    // The laptop's changes dated 2099 are refused and listed; the rest came in.
    let refused = summary["refused"].as_array().unwrap();
    assert!(
        refused
            .iter()
            .any(|r| r[0] == "customers" && r[2] == "ahead")
            && refused
                .iter()
                .any(|r| r[0] == "ownership_changes" && r[2] == "ahead"),
        "{summary}"
    );
    for env in [&server, &laptop] {
        // The server's version of Beta went back to the laptop: Zhang Wei's since the handover.
        assert_eq!(customer(env, "Beta")["owner_login"], "zhang.wei");
        let acme = customer(env, "Acme");
        assert_eq!(
            acme["owner_login"], "zhang.wei",
            "the handover stands: {acme}"
        );
        assert_eq!(acme["last_visit_on"], "2026-10-05", "{acme}");
        assert_eq!(acme["next_follow_up"], "2026-10-20", "{acme}");
    }
    // Later decisions on the server reach the laptop, whatever its clock said.
    at(
        &server,
        "2026-10-07T09:00:00+08:00",
        None,
        &["customer", "assign", "Beta", "--to", "bob"],
    );
    at(
        &laptop,
        "2026-10-08T09:00:00+08:00",
        None,
        &["sync", server.db().to_str().unwrap()],
    );
    for env in [&server, &laptop] {
        assert_eq!(customer(env, "Beta")["owner_login"], "bob");
    }
}

#[test]
fn a_long_sync_never_locks_other_writers_out() {
    let server = Env::new();
    server.init();
    server.run(&["customer", "add", "--name", "Acme", "--owner", "ann"]);
    let laptop = crate::common::laptop_with_visits(&server, 80_000);
    // And 3 000 customers added on both sides apart: 3 000 name clashes to repair.
    let csv = server.dir.path().join("c.csv");
    let names: String = (0..3000).map(|i| format!("Twin {i:04}\n")).collect();
    std::fs::write(&csv, format!("name\n{names}")).unwrap();
    for env in [&server, &laptop] {
        env.run(&["customer", "import", csv.to_str().unwrap()]);
    }
    let mut sync = std::process::Command::new(server.cmd().get_program())
        .args(server.cmd().get_args())
        .envs(
            server
                .cmd()
                .get_envs()
                .filter_map(|(k, v)| v.map(|v| (k, v))),
        )
        .env_remove("SALESTRACK_NOW")
        .env("SALESTRACK_NOW", crate::common::NOW)
        .args(["sync", laptop.db().to_str().unwrap()])
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(
        sync.try_wait().unwrap().is_none(),
        "the sync is still running"
    );
    // Another member saves a customer meanwhile: it waits a batch, not the whole sync.
    let started = std::time::Instant::now();
    server.run(&["customer", "add", "--name", "Meanwhile Co"]);
    let waited = started.elapsed();
    let still_syncing = sync.try_wait().unwrap().is_none();
    assert!(sync.wait().unwrap().success());
    assert!(
        waited < std::time::Duration::from_millis(1500),
        "a writer waited {waited:?} for the sync"
    );
    assert!(
        still_syncing,
        "the writer got in while the sync was running"
    );
    let list = laptop.run(&["customer", "list", "--search", "Twin 0001"]);
    assert!(list.contains("Twin 0001 ("), "{list}");
}
