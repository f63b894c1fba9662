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
fn a_visit_on_a_laptop_does_not_undo_a_handover_and_a_clock_ahead_does_not_win() {
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
    assert!(summary["clamped"].as_u64().unwrap() >= 2, "{summary}");
    for env in [&server, &laptop] {
        assert_eq!(customer(env, "Beta")["owner_login"], "bob");
        let acme = customer(env, "Acme");
        assert_eq!(
            acme["owner_login"], "zhang.wei",
            "the handover stands: {acme}"
        );
        assert_eq!(acme["last_visit_on"], "2026-10-05", "{acme}");
        assert_eq!(acme["next_follow_up"], "2026-10-20", "{acme}");
    }
    // The manager on the server hands Beta back to Zhang Wei the next day: that decision,
    // made later than the sync, stands against the copy dated 2099.
    at(
        &server,
        "2026-10-07T09:00:00+08:00",
        None,
        &["customer", "assign", "Beta", "--to", "zhang.wei"],
    );
    at(
        &laptop,
        "2026-10-08T09:00:00+08:00",
        None,
        &["sync", server.db().to_str().unwrap()],
    );
    for env in [&server, &laptop] {
        assert_eq!(customer(env, "Beta")["owner_login"], "zhang.wei");
    }
    let text = at(
        &server,
        "2026-10-08T10:00:00+08:00",
        None,
        &["sync", laptop.db().to_str().unwrap()],
    );
    assert!(text.contains("nothing to move"), "{text}");
}
