//! Sync checks every incoming change against the rights of whoever runs it: a rep who edits
//! their laptop copy with sqlite3 cannot make themselves manager, take a colleague's customer,
//! forge the audit log or a colleague's visit, or win with a clock set ahead. What they may
//! do still comes in, and the refusals are listed.

use rusqlite::Connection;
use serde_json::Value;

use crate::common::{Env, team::at};

const LAPTOP_DAY: &str = "2026-10-05T20:00:00+08:00";
const SYNC_DAY: &str = "2026-10-06T09:00:00+08:00";
const EDITED: &str = "2026-10-05T12:00:00.000Z";

fn customer(env: &Env, name: &str) -> Value {
    let list: Vec<Value> =
        serde_json::from_str(&env.run(&["customer", "list", "--search", name, "--json"])).unwrap();
    list.into_iter().find(|c| c["name"] == name).unwrap()
}

fn refused(summary: &Value, table: &str, reason: &str) -> usize {
    summary["refused"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r[0] == table && r[2] == reason)
        .count()
}

#[test]
fn a_tampered_laptop_copy_cannot_escalate_and_what_is_allowed_still_comes_in() {
    let server = Env::new();
    server.init();
    server.run(&["customer", "add", "--name", "Ann Co", "--owner", "ann"]);
    server.run(&[
        "customer",
        "add",
        "--name",
        "Zhang Co",
        "--owner",
        "zhang.wei",
    ]);
    let laptop = Env::new();
    server.run(&["backup", laptop.db().to_str().unwrap()]);
    // Ann's honest work on the train.
    at(
        &laptop,
        LAPTOP_DAY,
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
    // Then her edits with sqlite3.
    let c = Connection::open(laptop.db()).unwrap();
    let ann: String = c
        .query_row("SELECT id FROM reps WHERE login = 'ann'", [], |r| r.get(0))
        .unwrap();
    c.execute_batch(&format!(
        "UPDATE reps SET role = 'manager', updated_at = '{EDITED}' WHERE login = 'ann';
         UPDATE customers SET owner_id = '{ann}', updated_at = '{EDITED}' WHERE name = 'Zhang Co';
         UPDATE customers SET notes = 'mine forever', updated_at = '2099-01-01T00:00:00.000Z'
             WHERE name = 'Ann Co';
         INSERT INTO audit (id, at, who, action, detail)
             VALUES ('0199ffff-0000-7000-8000-00000000f0f0', '{EDITED}', 'boss', 'rep.add', 'forged');
         INSERT INTO rep_history (id, rep_id, since, team, employed, changed_by, changed_at)
             VALUES ('0199ffff-0000-7000-8000-00000000f2f2', '{ann}', '2026-07-01', 'elite', 1,
                     'boss', '{EDITED}');
         INSERT INTO visits (id, customer_id, author_id, date, summary, logged_at, created_at,
                             updated_at, updated_by)
             SELECT '0199ffff-0000-7000-8000-00000000f1f1', c.id, r.id, '2026-10-05', 'forged',
                    '{EDITED}', '{EDITED}', '{EDITED}', 'zhang.wei'
             FROM customers c, reps r WHERE c.name = 'Zhang Co' AND r.login = 'zhang.wei';"
    ))
    .unwrap();
    drop(c);

    let summary: Value = serde_json::from_str(&at(
        &server,
        SYNC_DAY,
        Some("ann"),
        &["sync", laptop.db().to_str().unwrap(), "--json"],
    ))
    .unwrap();
    assert_eq!(refused(&summary, "reps", "managers_only"), 1, "{summary}");
    assert_eq!(
        refused(&summary, "rep_history", "managers_only"),
        1,
        "{summary}"
    );
    assert_eq!(refused(&summary, "customers", "not_yours"), 1, "{summary}");
    assert_eq!(refused(&summary, "customers", "ahead"), 1, "{summary}");
    assert_eq!(refused(&summary, "visits", "not_yours"), 1, "{summary}");

    // On the server: Ann is still a rep, Zhang Co still Zhang Wei's, no forged audit entry
    // or visit; her honest visit arrived.
    let reps = server.run(&["rep", "list", "--json"]);
    let reps: Vec<Value> = serde_json::from_str(&reps).unwrap();
    let ann_rep = reps.iter().find(|r| r["login"] == "ann").unwrap();
    assert_eq!(ann_rep["role"], "rep", "{ann_rep}");
    assert_eq!(customer(&server, "Zhang Co")["owner_login"], "zhang.wei");
    assert_ne!(customer(&server, "Ann Co")["notes"], "mine forever");
    let forged: i64 = Connection::open(server.db())
        .unwrap()
        .query_row(
            "SELECT count(*) FROM audit WHERE detail = 'forged'
             UNION ALL SELECT count(*) FROM visits WHERE summary = 'forged'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(forged, 0);
    let moved: i64 = Connection::open(server.db())
        .unwrap()
        .query_row(
            "SELECT count(*) FROM rep_history WHERE team = 'elite'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(moved, 0, "ann may not move herself to another team");
    let visits = server.run(&["visit", "list"]);
    assert!(
        visits.contains("train") && !visits.contains("forged"),
        "{visits}"
    );
    // The laptop got the server's versions back for what the server holds.
    assert_eq!(customer(&laptop, "Zhang Co")["owner_login"], "zhang.wei");
    assert_ne!(customer(&laptop, "Ann Co")["notes"], "mine forever");

    // The forged move is taken out of the laptop too, as every refused log entry is.
    let still: i64 = Connection::open(laptop.db())
        .unwrap()
        .query_row(
            "SELECT count(*) FROM rep_history WHERE team = 'elite'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(still, 0);
    // Syncing again: the forged visit (which the server never had) is still refused and
    // listed; everything else is in step.
    let again: Value = serde_json::from_str(&at(
        &server,
        SYNC_DAY,
        Some("ann"),
        &["sync", laptop.db().to_str().unwrap(), "--json"],
    ))
    .unwrap();
    assert_eq!(again["refused"].as_array().unwrap().len(), 1, "{again}");
    assert_eq!(refused(&again, "visits", "not_yours"), 1, "{again}");
}

#[test]
fn a_manager_syncing_takes_every_honest_change_but_not_a_clock_ahead() {
    let server = Env::new();
    server.init();
    let laptop = Env::new();
    server.run(&["backup", laptop.db().to_str().unwrap()]);
    at(
        &laptop,
        LAPTOP_DAY,
        None,
        &["rep", "add", "--name", "Li Na", "--login", "li.na"],
    );
    let c = Connection::open(laptop.db()).unwrap();
    c.execute(
        "UPDATE reps SET name = 'Time Traveller', updated_at = '2099-01-01T00:00:00.000Z'
         WHERE login = 'ann'",
        [],
    )
    .unwrap();
    drop(c);
    let summary: Value = serde_json::from_str(&at(
        &server,
        SYNC_DAY,
        None,
        &["sync", laptop.db().to_str().unwrap(), "--json"],
    ))
    .unwrap();
    assert_eq!(refused(&summary, "reps", "ahead"), 1, "{summary}");
    let reps = server.run(&["rep", "list"]);
    assert!(
        reps.contains("li.na") && !reps.contains("Time Traveller"),
        "{reps}"
    );
}

#[test]
fn a_rep_may_claim_from_the_pool_offline_but_not_edit_a_pool_customer_left_there() {
    let server = Env::new();
    server.init();
    server.run(&["customer", "add", "--name", "Pool One"]);
    server.run(&["customer", "add", "--name", "Pool Two"]);
    let laptop = Env::new();
    at(
        &server,
        SYNC_DAY,
        Some("ann"),
        &["backup", laptop.db().to_str().unwrap()],
    );
    at(
        &laptop,
        LAPTOP_DAY,
        Some("ann"),
        &["customer", "claim", "Pool One"],
    );
    Connection::open(laptop.db())
        .unwrap()
        .execute(
            "UPDATE customers SET notes = 'scribbled', updated_at = ?1 WHERE name = 'Pool Two'",
            [EDITED],
        )
        .unwrap();
    let summary: Value = serde_json::from_str(&at(
        &server,
        SYNC_DAY,
        Some("ann"),
        &["sync", laptop.db().to_str().unwrap(), "--json"],
    ))
    .unwrap();
    assert_eq!(refused(&summary, "customers", "not_yours"), 1, "{summary}");
    assert_eq!(customer(&server, "Pool One")["owner_login"], "ann");
    assert_ne!(customer(&server, "Pool Two")["notes"], "scribbled");
}

/// The lock quota holds across a sync: a rep who locks customers on their copy with sqlite3
/// (past `pool.lock_quota`, which the command would refuse) gets the first locks within the
/// quota, counting what they hold locked here, and the rest refused and undone on the copy.
#[test]
fn locks_made_on_a_laptop_count_against_the_quota() {
    let server = Env::new();
    server.init();
    server.run(&["settings", "set", "pool.lock_quota", "2"]);
    for name in ["Ann A", "Ann B", "Ann C"] {
        server.run(&["customer", "add", "--name", name, "--owner", "ann"]);
    }
    at(
        &server,
        SYNC_DAY,
        Some("ann"),
        &["customer", "lock", "Ann A"],
    );
    let laptop = Env::new();
    at(
        &server,
        SYNC_DAY,
        Some("ann"),
        &["backup", laptop.db().to_str().unwrap()],
    );
    Connection::open(laptop.db())
        .unwrap()
        .execute_batch(&format!(
            "UPDATE customers SET locked_at = '2026-10-05T01:00:00.000Z', updated_at = '{EDITED}'
                 WHERE name = 'Ann B';
             UPDATE customers SET locked_at = '2026-10-05T02:00:00.000Z', updated_at = '{EDITED}'
                 WHERE name = 'Ann C';"
        ))
        .unwrap();
    let summary: Value = serde_json::from_str(&at(
        &server,
        SYNC_DAY,
        Some("ann"),
        &["sync", laptop.db().to_str().unwrap(), "--json"],
    ))
    .unwrap();
    assert_eq!(refused(&summary, "customers", "lock_quota"), 1, "{summary}");
    let locked = |env: &Env| -> Vec<String> {
        let c = Connection::open(env.db()).unwrap();
        let mut stmt = c
            .prepare("SELECT name FROM customers WHERE locked_at IS NOT NULL ORDER BY name")
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    assert_eq!(locked(&server), ["Ann A", "Ann B"], "the earlier lock fits");
    assert_eq!(
        locked(&laptop),
        ["Ann A", "Ann B"],
        "the later one is undone there"
    );
}

/// Claims made on a laptop keep the team's claim rules: a customer taken from the pool by
/// editing its owner (no claim in the log) is refused and given back; claims past the daily
/// quota are refused in the order made; the honest ones come in.
#[test]
fn claims_made_on_a_laptop_keep_the_claim_rules() {
    let server = Env::new();
    server.init();
    server.run(&["settings", "set", "pool.claims_per_day", "2"]);
    for name in ["Pool 1", "Pool 2", "Pool 3", "Pool 4"] {
        server.run(&["customer", "add", "--name", name]);
    }
    let laptop = Env::new();
    at(
        &server,
        SYNC_DAY,
        Some("ann"),
        &["backup", laptop.db().to_str().unwrap()],
    );
    // Two honest claims (the laptop keeps the quota itself)…
    for name in ["Pool 1", "Pool 2"] {
        at(
            &laptop,
            LAPTOP_DAY,
            Some("ann"),
            &["customer", "claim", name],
        );
    }
    // …then, later that day, a third claim written into the log by hand, and a fourth
    // customer simply taken.
    let later = "2026-10-05T13:00:00.000Z";
    let c = Connection::open(laptop.db()).unwrap();
    let ann: String = c
        .query_row("SELECT id FROM reps WHERE login = 'ann'", [], |r| r.get(0))
        .unwrap();
    c.execute_batch(&format!(
        "UPDATE customers SET owner_id = '{ann}', updated_at = '{later}'
             WHERE name IN ('Pool 3', 'Pool 4');
         INSERT INTO ownership_changes (id, customer_id, from_rep_id, to_rep_id, why, changed_by,
                                        changed_at)
             SELECT '0199ffff-0000-7000-8000-00000000c3c3', id, NULL, '{ann}', 'claim', 'ann',
                    '{later}'
             FROM customers WHERE name = 'Pool 3';"
    ))
    .unwrap();
    drop(c);
    let summary: Value = serde_json::from_str(&at(
        &server,
        SYNC_DAY,
        Some("ann"),
        &["sync", laptop.db().to_str().unwrap(), "--json"],
    ))
    .unwrap();
    assert_eq!(
        refused(&summary, "ownership_changes", "claim_quota"),
        1,
        "{summary}"
    );
    assert_eq!(
        refused(&summary, "customers", "unlogged_claim"),
        2,
        "{summary}"
    );
    for (env, which) in [(&server, "server"), (&laptop, "laptop")] {
        let owners: Vec<Value> = ["Pool 1", "Pool 2", "Pool 3", "Pool 4"]
            .iter()
            .map(|n| customer(env, n)["owner_login"].clone())
            .collect();
        assert_eq!(
            owners,
            ["ann", "ann", "", ""].map(|o| if o.is_empty() { Value::Null } else { o.into() }),
            "{which}: {summary}"
        );
    }
}
