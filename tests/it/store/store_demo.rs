//! Demo data (issue 4, item 6): deterministic for a seed, covering every entity, and
//! consistent with the rules of the data model (src/store/schema/migrations/0001_schema.sql) and §4.

use std::path::Path;

use chrono::DateTime;
use rusqlite::Connection;
use salestrack::clock::Clock;
use salestrack::i18n::Lang;
use salestrack::store::demo::{self, DemoOptions};
use salestrack::store::{Store, StoreError};

use crate::common::screen::lang_lock;

fn options(seed: u64) -> DemoOptions {
    DemoOptions {
        seed,
        reps: 8,
        customers: 200,
        visits: 1500,
        deals: 300,
        years: 2,
    }
}

fn make(path: &Path, seed: u64) -> Store {
    let clock = Clock::fixed(DateTime::parse_from_rfc3339("2026-09-30T18:00:00+08:00").unwrap());
    let mut store = Store::create_or_open(path, clock).unwrap();
    demo::generate(&mut store, "boss", &options(seed)).unwrap();
    store
}

/// The data demo generation defines: not the workspace id, not the audit log.
fn dump(path: &Path) -> Vec<String> {
    crate::common::dump(path, &["workspace", "audit"])
}

fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn the_same_seed_gives_the_same_data_and_another_seed_does_not() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, c) = (
        dir.path().join("a.db"),
        dir.path().join("b.db"),
        dir.path().join("c.db"),
    );
    drop((make(&a, 3), make(&b, 3), make(&c, 4)));
    let (da, db, dc) = (dump(&a), dump(&b), dump(&c));
    assert!(da.len() > 5_000, "a real data set ({} rows)", da.len());
    assert!(da == db, "seed 3 twice differs");
    assert!(da != dc, "seeds 3 and 4 give the same data");
}

#[test]
fn every_entity_is_covered() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.db");
    drop(make(&path, 7));
    let conn = Connection::open(&path).unwrap();
    for table in [
        "reps",
        "customers",
        "contacts",
        "visits",
        "visit_reps",
        "visit_contacts",
        "deals",
        "payments",
        "targets",
        "target_changes",
        "ownership_changes",
        "ratings",
    ] {
        assert!(
            count(&conn, &format!("SELECT count(*) FROM {table}")) > 0,
            "{table} is empty"
        );
    }
    assert_eq!(
        count(&conn, "SELECT count(DISTINCT stage) FROM deals"),
        6,
        "every deal stage"
    );
    assert_eq!(
        count(&conn, "SELECT count(DISTINCT grade) FROM customers"),
        4,
        "every grade"
    );
    assert_eq!(
        count(&conn, "SELECT count(DISTINCT kind) FROM visits"),
        6,
        "every visit kind"
    );
    assert!(
        count(
            &conn,
            "SELECT count(*) FROM customers WHERE owner_id IS NULL"
        ) > 0,
        "a pool"
    );
    assert!(count(&conn, "SELECT count(DISTINCT team) FROM reps") >= 1);
    assert!(
        count(&conn, "SELECT count(*) FROM reps WHERE left_on IS NOT NULL") > 0,
        "leavers"
    );
    assert!(
        count(
            &conn,
            "SELECT count(*) FROM reps WHERE login = 'boss' AND role = 'manager'"
        ) == 1
    );
    assert!(
        count(
            &conn,
            "SELECT count(*) FROM ownership_changes WHERE why = 'handover'"
        ) > 0,
        "the customers of reps who left were handed over"
    );
    assert!(
        count(
            &conn,
            "SELECT count(DISTINCT team) FROM reps WHERE role = 'rep'"
        ) >= 2,
        "reps in teams"
    );
    assert!(
        count(
            &conn,
            "SELECT count(*) FROM customers WHERE next_follow_up < '2026-09-30'"
        ) > 0,
        "some follow-ups are overdue"
    );
    assert!(
        count(
            &conn,
            "SELECT count(*) FROM customers WHERE next_follow_up > '2026-09-30'"
        ) > 0,
        "some follow-ups are planned"
    );
    assert!(
        count(
            &conn,
            "SELECT count(*) FROM deals d WHERE stage = 'won' AND amount_cents >
             (SELECT coalesce(sum(amount_cents), 0) FROM payments p WHERE p.deal_id = d.id)
             AND EXISTS (SELECT 1 FROM payments p WHERE p.deal_id = d.id)"
        ) > 0,
        "some deals are partly paid"
    );
    assert!(
        count(
            &conn,
            "SELECT count(*) FROM deals d WHERE stage = 'won'
             AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.deal_id = d.id)"
        ) > 0,
        "some won deals are unpaid"
    );
    let late = "SELECT count(*) FROM visits WHERE julianday(substr(logged_at, 1, 10)) - julianday(date) > 2";
    assert!(count(&conn, late) > 0, "some visits are logged late");
    assert!(
        count(
            &conn,
            "SELECT count(*) FROM ratings WHERE response IS NOT NULL"
        ) > 0
    );
    let chinese = "SELECT count(*) FROM customers WHERE name GLOB '*[一-龥]*'";
    let latin = "SELECT count(*) FROM customers WHERE name GLOB '*[A-Za-z]*'";
    assert!(
        count(&conn, chinese) > 0 && count(&conn, latin) > 0,
        "names in both languages"
    );
}

#[test]
fn the_data_keeps_the_rules() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.db");
    drop(make(&path, 11));
    let conn = Connection::open(&path).unwrap();
    let zero = |what: &str, sql: &str| assert_eq!(count(&conn, sql), 0, "{what}");
    zero(
        "payments over a deal's amount",
        "SELECT count(*) FROM deals d WHERE (SELECT sum(amount_cents) FROM payments p
         WHERE p.deal_id = d.id) > d.amount_cents",
    );
    zero(
        "payments before the win or on open deals",
        "SELECT count(*) FROM payments p JOIN deals d ON d.id = p.deal_id
         WHERE d.stage <> 'won' OR p.paid_on < d.won_on",
    );
    zero(
        "wins before opening",
        "SELECT count(*) FROM deals WHERE won_on < opened_on",
    );
    zero(
        "dates after today",
        "SELECT count(*) FROM visits WHERE date > '2026-09-30'",
    );
    zero(
        "customers owned by reps who left",
        "SELECT count(*) FROM customers c JOIN reps r ON r.id = c.owner_id WHERE r.left_on IS NOT NULL",
    );
    zero(
        "a last contact that is not the last visit",
        "SELECT count(*) FROM customers c WHERE c.last_visit_on IS NOT
         (SELECT max(date) FROM visits v WHERE v.customer_id = c.id)",
    );
    // Every breakdown adds up exactly: years into quarters, quarters into months, teams into reps.
    zero(
        "quarters not summing to their year",
        "SELECT count(*) FROM targets p WHERE length(p.period) = 4 AND p.value <>
         (SELECT sum(c.value) FROM targets c WHERE c.scope_kind = p.scope_kind AND c.scope = p.scope
          AND c.metric = p.metric AND c.period LIKE p.period || '-Q_')",
    );
    zero(
        "months not summing to their quarter",
        "SELECT count(*) FROM targets p WHERE p.period LIKE '____-Q_' AND p.value <>
         (SELECT sum(c.value) FROM targets c WHERE c.scope_kind = p.scope_kind AND c.scope = p.scope
          AND c.metric = p.metric AND length(c.period) = 7 AND c.period NOT LIKE '%Q%'
          AND (CAST(substr(c.period, 6, 2) AS INTEGER) + 2) / 3 = CAST(substr(p.period, 7, 1) AS INTEGER)
          AND substr(c.period, 1, 4) = substr(p.period, 1, 4))",
    );
    zero(
        "reps' targets not summing to their team's",
        "SELECT count(*) FROM targets t WHERE t.scope_kind = 'team' AND t.value <>
         (SELECT sum(c.value) FROM targets c JOIN reps r ON r.id = c.scope
          WHERE c.scope_kind = 'rep' AND r.team = t.scope AND c.metric = t.metric AND c.period = t.period)",
    );
    zero(
        "targets without their change log",
        "SELECT count(*) FROM targets t WHERE NOT EXISTS
         (SELECT 1 FROM target_changes c WHERE c.target_id = t.id)",
    );
    zero(
        "customer names not unique by the name rule",
        "SELECT count(*) - count(DISTINCT name_key) FROM customers",
    );
    zero(
        "open deals of reps who left",
        "SELECT count(*) FROM deals d JOIN reps r ON r.id = d.owner_id
         WHERE r.left_on IS NOT NULL AND d.stage NOT IN ('won', 'lost')",
    );
    zero(
        "visits written by someone not on staff that day",
        "SELECT count(*) FROM visits v JOIN reps r ON r.id = v.author_id
         WHERE v.date >= r.left_on OR v.date < r.joined_on",
    );
    zero(
        "follow-ups planned for pool customers",
        "SELECT count(*) FROM customers WHERE owner_id IS NULL AND next_follow_up IS NOT NULL",
    );
    zero(
        "authors that are not logins",
        "SELECT count(*) FROM (SELECT updated_by AS who FROM customers UNION ALL
         SELECT updated_by FROM visits UNION ALL SELECT updated_by FROM deals UNION ALL
         SELECT updated_by FROM payments UNION ALL SELECT changed_by FROM ownership_changes)
         WHERE who NOT IN (SELECT login FROM reps)",
    );
    // The data covers the last two years up to today (2026-09-30 in +08:00), and no stamp is
    // later than the clock's now; stamps are UTC with milliseconds.
    assert_eq!(
        conn.query_row("SELECT min(date) FROM visits", [], |r| r
            .get::<_, String>(0))
            .unwrap(),
        "2024-10-01"
    );
    for (table, column) in [
        ("customers", "created_at"),
        ("customers", "updated_at"),
        ("visits", "logged_at"),
        ("visits", "updated_at"),
        ("deals", "updated_at"),
        ("payments", "created_at"),
        ("targets", "created_at"),
        ("ownership_changes", "changed_at"),
        ("ratings", "updated_at"),
    ] {
        zero(
            &format!("{table}.{column} after now or not in the stored form"),
            &format!(
                "SELECT count(*) FROM {table} WHERE {column} > '2026-09-30T10:00:00.000Z'
                 OR {column} NOT GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9].[0-9][0-9][0-9]Z'"
            ),
        );
    }
    for (what, table) in [
        ("visit", "visits"),
        ("payment", "payments"),
        ("deal", "deals"),
    ] {
        let column = match table {
            "visits" => "date",
            "payments" => "paid_on",
            _ => "max(opened_on, coalesce(won_on, opened_on))",
        };
        zero(
            &format!("{what} dates after today"),
            &format!("SELECT count(*) FROM {table} WHERE {column} > '2026-09-30'"),
        );
    }
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    zero(
        "foreign keys",
        "SELECT count(*) FROM pragma_foreign_key_check",
    );
}

/// The schema as SQLite keeps it: every table, index and trigger with its SQL.
fn schema(path: &Path) -> Vec<String> {
    let conn = Connection::open(path).unwrap();
    let mut stmt = conn
        .prepare("SELECT type, name, sql FROM sqlite_master ORDER BY type, name")
        .unwrap();
    stmt.query_map([], |r| {
        Ok(format!(
            "{} {} {}",
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?.unwrap_or_default()
        ))
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

/// Demo data is loaded with the secondary indexes and the rollup triggers set aside (a bulk
/// load); afterwards every one of them is back as a new database has it, and they work.
#[test]
fn after_demo_data_the_schema_is_whole_again() {
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("fresh.db");
    let clock = Clock::fixed(DateTime::parse_from_rfc3339("2026-09-30T18:00:00+08:00").unwrap());
    drop(Store::create_or_open(&fresh, clock).unwrap());
    let path = dir.path().join("demo.db");
    drop(make(&path, 4));
    let want = schema(&fresh);
    assert!(want.iter().filter(|s| s.starts_with("index ")).count() > 20);
    assert!(
        want.iter()
            .any(|s| s.starts_with("trigger rollup_visit_insert"))
    );
    assert_eq!(schema(&path), want);
    // The indexes are used again: a lookup by a secondary index is a search, not a scan.
    let conn = Connection::open(&path).unwrap();
    let plan: String = conn
        .query_row(
            "EXPLAIN QUERY PLAN SELECT id FROM visits WHERE customer_id = 'x'",
            [],
            |r| r.get(3),
        )
        .unwrap();
    assert!(plan.contains("USING INDEX"), "{plan}");
}

#[test]
fn demo_data_goes_into_an_empty_database_only() {
    let _l = lang_lock(Lang::En);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.db");
    let mut store = make(&path, 5);
    let before = store.table_counts().unwrap();
    let err = demo::generate(&mut store, "boss", &options(6)).unwrap_err();
    assert!(matches!(err, StoreError::NotEmpty { .. }), "{err}");
    assert!(err.to_string().contains("already holds customers"), "{err}");
    assert_eq!(store.table_counts().unwrap(), before);
}

#[test]
fn demo_data_after_init_reuses_the_founding_manager() {
    let dir = tempfile::tempdir().unwrap();
    let clock = Clock::fixed(DateTime::parse_from_rfc3339("2026-09-30T18:00:00+08:00").unwrap());
    let mut store = Store::create_or_open(&dir.path().join("i.db"), clock).unwrap();
    let founder = store.init_first_manager("boss", "Boss").unwrap().unwrap();
    demo::generate(&mut store, "boss", &options(1)).unwrap();
    let boss = store.rep_by_login("boss").unwrap().unwrap();
    assert_eq!(boss.id, founder.id);
    assert_eq!(
        store
            .list_reps()
            .unwrap()
            .iter()
            .filter(|r| r.login == "boss")
            .count(),
        1
    );
}

/// A large import is a bulk load too: afterwards the schema is whole again, the customers'
/// rollup agrees with the customers, and the imported names are found by their index.
#[test]
fn a_large_import_leaves_the_schema_whole_and_the_counts_right() {
    use salestrack::domain::sheet::{self, Encoding, Kind, ReadOptions};
    use salestrack::store::import::ImportOptions;
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("fresh.db");
    let clock = Clock::fixed(DateTime::parse_from_rfc3339("2026-09-30T18:00:00+08:00").unwrap());
    drop(Store::create_or_open(&fresh, clock).unwrap());
    let path = dir.path().join("big.db");
    let mut s = Store::create_or_open(&path, clock).unwrap();
    s.init_first_manager("boss", "Boss").unwrap();
    let boss = s.actor_for("boss").unwrap();
    let mut csv = String::from("name,grade,owner\n");
    for i in 0..6_000 {
        let grade = ["A", "B", "C", "D"][i % 4];
        let owner = if i % 3 == 0 { "" } else { "boss" };
        csv.push_str(&format!("Customer {i:05},{grade},{owner}\n"));
    }
    let options = ReadOptions {
        encoding: Encoding::Utf8,
        ..ReadOptions::default()
    };
    let file = sheet::read(csv.as_bytes(), Kind::Customers, &options).unwrap();
    let report = s
        .import_customers(&boss, &file, ImportOptions::default())
        .unwrap();
    assert_eq!(report.imported, 6_000);
    drop(s);
    assert_eq!(schema(&path), schema(&fresh));
    let conn = Connection::open(&path).unwrap();
    let kept = count(&conn, "SELECT sum(n) FROM rollup_customers");
    let live = count(
        &conn,
        "SELECT count(*) FROM customers WHERE deleted_at IS NULL",
    );
    assert_eq!((kept, live), (6_000, 6_000));
    let pool = count(
        &conn,
        "SELECT n FROM rollup_customers WHERE owner_id = '' AND grade = 'A'",
    );
    assert_eq!(pool, 500);
    let owned = count(
        &conn,
        "SELECT count(*) FROM ownership_changes WHERE why = 'import'",
    );
    assert_eq!(owned, 4_000);
}

/// A large import of follow-up records is a bulk load too: afterwards the schema is a fresh
/// database's, the visit rollup is what a fill from the visits gives, and the customers
/// carry their newest visit.
#[test]
fn a_large_visit_import_leaves_the_schema_whole_and_the_rollup_right() {
    use salestrack::domain::sheet::{self, Encoding, Kind, ReadOptions};
    use salestrack::store::import::ImportOptions;
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("fresh.db");
    let clock = Clock::fixed(DateTime::parse_from_rfc3339("2026-09-30T18:00:00+08:00").unwrap());
    drop(Store::create_or_open(&fresh, clock).unwrap());
    let path = dir.path().join("visits.db");
    let mut s = Store::create_or_open(&path, clock).unwrap();
    s.init_first_manager("boss", "Boss").unwrap();
    let boss = s.actor_for("boss").unwrap();
    let options = ReadOptions {
        encoding: Encoding::Utf8,
        ..ReadOptions::default()
    };
    let mut customers = String::from("客户名称\n");
    for i in 0..50 {
        customers.push_str(&format!("客户 {i:02}\n"));
    }
    let file = sheet::read(customers.as_bytes(), Kind::Customers, &options).unwrap();
    s.import_customers(&boss, &file, ImportOptions::default())
        .unwrap();
    let mut visits = String::from("所属客户,跟进内容,跟进时间,跟进方式\n");
    for i in 0..6_000 {
        let day = 1 + i % 28;
        let month = 1 + (i / 28) % 9;
        visits.push_str(&format!(
            "客户 {:02},第 {i} 次沟通,2026-{month:02}-{day:02} 10:00:00,打电话\n",
            i % 50
        ));
    }
    let file = sheet::read(visits.as_bytes(), Kind::Visits, &options).unwrap();
    let report = s
        .import_visits(&boss, &file, ImportOptions::default())
        .unwrap();
    assert_eq!(report.imported, 6_000);
    drop(s);
    assert_eq!(schema(&path), schema(&fresh));
    let conn = Connection::open(&path).unwrap();
    let kept = |sql: &str| -> Vec<(String, String, i64, i64)> {
        conn.prepare(sql)
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let rollup = kept(
        "SELECT month, rep_id, written, timely FROM rollup_visits
         WHERE written > 0 ORDER BY 1, 2",
    );
    let fill = kept(
        "SELECT substr(date, 1, 7), author_id, count(*),
                sum(julianday(substr(logged_at, 1, 10)) - julianday(date) <= 2)
         FROM visits WHERE deleted_at IS NULL GROUP BY 1, 2 ORDER BY 1, 2",
    );
    assert_eq!(rollup, fill);
    assert_eq!(rollup.iter().map(|r| r.2).sum::<i64>(), 6_000);
    assert_eq!(rollup.iter().map(|r| r.3).sum::<i64>(), 6_000, "none late");
    let behind = count(
        &conn,
        "SELECT count(*) FROM customers c WHERE c.last_visit_on IS NOT
            (SELECT max(v.date) FROM visits v WHERE v.customer_id = c.id)",
    );
    assert_eq!(behind, 0, "every customer carries its newest visit");
}
