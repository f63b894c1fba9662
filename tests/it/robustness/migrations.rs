//! Databases made by older versions, opened by this one: stored keys follow today's rules.

use rusqlite::Connection;
use salestrack::domain::names::name_key;
use salestrack::store::Store;
use salestrack::store::schema::MIGRATIONS;

use crate::common::Env;
use crate::common::screen::clock;

/// Customers as version 4 stored them: the key kept zero-width characters (item 16), so
/// `Acme` and `Acme\u{200b}` were two customers that look the same. (id, name, old key,
/// created, deleted).
const OLD: [(&str, &str, &str, &str, Option<&str>); 10] = [
    (
        "01900000-0000-7000-8000-0000aaaa0001",
        "Acme",
        "acme",
        "2026-01-01T00:00:00.000Z",
        None,
    ),
    // Made later: renamed, as sync renames the later of two customers with one key.
    (
        "01900000-0000-7000-8000-0000bbbb0002",
        "Acme\u{200b}",
        "acme\u{200b}",
        "2026-02-01T00:00:00.000Z",
        None,
    ),
    // Made first, so the one whose key does not change is the one renamed.
    (
        "01900000-0000-7000-8000-0000cccc0003",
        "Delta\u{2060}",
        "delta\u{2060}",
        "2026-01-01T00:00:00.000Z",
        None,
    ),
    (
        "01900000-0000-7000-8000-0000dddd0004",
        "Delta",
        "delta",
        "2026-03-01T00:00:00.000Z",
        None,
    ),
    // A zero-width word between words: the key's spaces fold again ("beta ltd").
    (
        "01900000-0000-7000-8000-0000eeee0005",
        "\u{feff}Beta \u{200c}\u{200d} Ltd",
        "\u{feff}beta \u{200c}\u{200d} ltd",
        "2026-01-01T00:00:00.000Z",
        None,
    ),
    // A deleted twin clashes with nobody, but its key is recomputed for a later restore.
    (
        "01900000-0000-7000-8000-0000ffff0006",
        "Gamma\u{feff}",
        "gamma\u{feff}",
        "2026-01-01T00:00:00.000Z",
        Some("2026-04-01T00:00:00.000Z"),
    ),
    (
        "01900000-0000-7000-8000-000011110007",
        "Gamma",
        "gamma",
        "2026-05-01T00:00:00.000Z",
        None,
    ),
    // The twin's short id is taken by a name already: the whole id names it instead.
    (
        "01900000-0000-7000-8000-000022220008",
        "Zeta",
        "zeta",
        "2026-01-01T00:00:00.000Z",
        None,
    ),
    (
        "01900000-0000-7000-8000-000033330009",
        "Zeta (0000abcd)",
        "zeta (0000abcd)",
        "2026-01-01T00:00:00.000Z",
        None,
    ),
    (
        "01900000-0000-7000-8000-0000abcd0010",
        "Zeta\u{200b}",
        "zeta\u{200b}",
        "2026-06-01T00:00:00.000Z",
        None,
    ),
];

/// A version-4 database at `env.db()` holding the customers of `OLD`.
fn old_database(env: &Env) {
    drop(Store::create_or_open_with(&env.db(), clock(), &MIGRATIONS[..4]).unwrap());
    let conn = Connection::open(env.db()).unwrap();
    assert_eq!(
        conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))
            .unwrap(),
        4
    );
    for (id, name, key, created, deleted) in OLD {
        conn.execute(
            "INSERT INTO customers (id, name, name_key, created_at, updated_at, updated_by,
                                    deleted_at)
             VALUES (?1, ?2, ?3, ?4, ?4, 'boss', ?5)",
            (id, name, key, created, deleted),
        )
        .unwrap();
    }
}

fn customers(env: &Env) -> Vec<(String, String, String, bool)> {
    let conn = Connection::open(env.db()).unwrap();
    conn.prepare("SELECT id, name, name_key, deleted_at IS NULL FROM customers ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn keys_stored_by_an_older_version_are_recomputed_and_twins_renamed() {
    let env = Env::new();
    old_database(&env);
    // Opened by this version: the upgrade runs (a backup copy is made first).
    let store = Store::open(&env.db(), clock()).unwrap();
    let after = customers(&env);
    assert_eq!(after.len(), OLD.len(), "every customer remains: {after:?}");
    for (id, name, key, _) in &after {
        assert_eq!(
            key,
            &name_key(name),
            "{id} {name:?}: the key by today's rule"
        );
    }
    let name_of = |id: &str| after.iter().find(|c| c.0 == id).unwrap().1.clone();
    assert_eq!(name_of(OLD[0].0), "Acme", "the first made keeps its name");
    assert_eq!(name_of(OLD[1].0), "Acme\u{200b} (0000bbbb)");
    assert_eq!(name_of(OLD[2].0), "Delta\u{2060}");
    assert_eq!(name_of(OLD[3].0), "Delta (0000dddd)");
    assert_eq!(name_of(OLD[4].0), OLD[4].1, "no twin, no rename");
    assert_eq!(name_of(OLD[5].0), OLD[5].1, "deleted: not renamed");
    assert_eq!(
        name_of(OLD[9].0),
        "Zeta\u{200b} (01900000-0000-7000-8000-0000abcd0010)"
    );
    assert_eq!(name_of(OLD[8].0), OLD[8].1);
    let key_of = |id: &str| after.iter().find(|c| c.0 == id).unwrap().2.clone();
    assert_eq!(key_of(OLD[4].0), "beta ltd");
    assert_eq!(key_of(OLD[5].0), "gamma");

    // Each is found by what people type: the plain name, the zero-width twin of it (the
    // same name now), and the renamed one by its new name.
    let found = |typed: &str| store.resolve_customer(typed).unwrap().id;
    assert_eq!(found("Acme"), OLD[0].0);
    assert_eq!(found("acme\u{200b}"), OLD[0].0);
    assert_eq!(found("ACME (0000bbbb)"), OLD[1].0);
    assert_eq!(found("Delta"), OLD[2].0);
    assert_eq!(found("delta (0000dddd)"), OLD[3].0);
    assert_eq!(found("Beta Ltd"), OLD[4].0);
    drop(store);
    // Nine live customers, none lost (counted in the file: the OS user of this test is no
    // rep of this database, and a login that is not a rep sees no customer).
    let live: i64 = rusqlite::Connection::open(env.db())
        .unwrap()
        .query_row(
            "SELECT count(*) FROM customers WHERE deleted_at IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(live, 9);
}
