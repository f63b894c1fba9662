//! The rollups kept by triggers (migration 0002) always equal a fresh fill from the records,
//! whatever is changed: visits moved, re-authored, deleted and restored; joint reps taken off
//! and added; payments moved between deals and months; deals won, lost, handed over,
//! deleted. The changes are made in raw SQL, as sync does, so every column a trigger watches
//! is exercised and not only the ones the store's own writes touch.

use std::path::Path;

use chrono::DateTime;
use rusqlite::Connection;
use rusqlite::types::Value;
use salestrack::clock::Clock;
use salestrack::store::Store;
use salestrack::store::demo::{self, DemoOptions};

fn rollups(path: &Path) -> Vec<String> {
    let conn = Connection::open(path).unwrap();
    let mut out = Vec::new();
    for sql in [
        "SELECT month, rep_id, written, timely, expense_cents, joined FROM rollup_visits ORDER BY 1, 2",
        "SELECT paid_month, rep_id, won_month, cents FROM rollup_payments ORDER BY 1, 2, 3",
        "SELECT customer_id, deal_id, owner_id, won_on FROM first_wins ORDER BY 1",
        "SELECT owner_id, stage, n, cents FROM rollup_deals ORDER BY 1, 2",
        "SELECT owner_id, grade, n FROM rollup_customers ORDER BY 1, 2",
    ] {
        let mut stmt = conn.prepare(sql).unwrap();
        let n = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            let cells: Vec<String> = (0..n)
                .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                .collect();
            out.push(cells.join("|"));
        }
    }
    out
}

/// A small deterministic generator, so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: i64) -> i64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as i64
    }
}

fn pick(conn: &Connection, rng: &mut Rng, table: &str) -> String {
    let n: i64 = conn
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap();
    conn.query_row(
        &format!("SELECT id FROM {table} ORDER BY id LIMIT 1 OFFSET ?1"),
        [rng.below(n)],
        |r| r.get(0),
    )
    .unwrap()
}

/// One random change of a column some trigger watches.
fn change(conn: &Connection, rng: &mut Rng) {
    let now = "2026-10-01T00:00:00.000Z";
    let rep = pick(conn, rng, "reps");
    let step = rng.below(90) - 45;
    let (sql, id): (&str, String) = match rng.below(21) {
        0 => (
            "UPDATE visits SET date = date(date, ?2 || ' days') WHERE id = ?1",
            pick(conn, rng, "visits"),
        ),
        1 => (
            "UPDATE visits SET author_id = ?3 WHERE id = ?1",
            pick(conn, rng, "visits"),
        ),
        2 => (
            "UPDATE visits SET deleted_at = CASE WHEN deleted_at IS NULL THEN ?4 END WHERE id = ?1",
            pick(conn, rng, "visits"),
        ),
        3 => (
            "UPDATE visits SET expense_cents = abs(?2) * 1000,
                 logged_at = datetime(date, (abs(?2) % 5) || ' days') WHERE id = ?1",
            pick(conn, rng, "visits"),
        ),
        4 => (
            "DELETE FROM visit_reps WHERE (visit_id, rep_id) =
                 (SELECT visit_id, rep_id FROM visit_reps WHERE visit_id >= ?1 LIMIT 1)",
            pick(conn, rng, "visits"),
        ),
        5 => (
            "INSERT OR IGNORE INTO visit_reps (visit_id, rep_id, created_at)
             SELECT ?1, ?3, ?4 WHERE ?2 IS NOT NULL",
            pick(conn, rng, "visits"),
        ),
        6 => (
            "UPDATE payments SET paid_on = date(paid_on, ?2 || ' days') WHERE id = ?1",
            pick(conn, rng, "payments"),
        ),
        7 => (
            "UPDATE payments SET amount_cents = amount_cents + abs(?2) + 1,
                 deleted_at = CASE WHEN ?2 % 3 = 0 AND deleted_at IS NULL THEN ?4 END WHERE id = ?1",
            pick(conn, rng, "payments"),
        ),
        8 => (
            "UPDATE payments SET deal_id = (SELECT id FROM deals ORDER BY id LIMIT 1
                 OFFSET (abs(?2) * 7) % (SELECT count(*) FROM deals)) WHERE id = ?1",
            pick(conn, rng, "payments"),
        ),
        9 => (
            "DELETE FROM payments WHERE id = ?1 AND ?2 % 2 = 0",
            pick(conn, rng, "payments"),
        ),
        10 => (
            "UPDATE deals SET owner_id = ?3 WHERE id = ?1",
            pick(conn, rng, "deals"),
        ),
        11 => (
            "UPDATE deals SET stage = 'won', won_on = date(opened_on, abs(?2) || ' days'),
                 amount_cents = COALESCE(amount_cents, 100000) WHERE id = ?1",
            pick(conn, rng, "deals"),
        ),
        12 => (
            "UPDATE deals SET stage = 'lost', lost_reason = 'price', won_on = NULL WHERE id = ?1",
            pick(conn, rng, "deals"),
        ),
        13 => (
            "UPDATE deals SET deleted_at = CASE WHEN deleted_at IS NULL THEN ?4 END WHERE id = ?1",
            pick(conn, rng, "deals"),
        ),
        14 => (
            "UPDATE deals SET customer_id = (SELECT id FROM customers ORDER BY id LIMIT 1
                 OFFSET (abs(?2) % 20)) WHERE id = ?1",
            pick(conn, rng, "deals"),
        ),
        15 => (
            "UPDATE deals SET amount_cents = CASE WHEN ?2 % 4 = 0 AND stage != 'won' THEN NULL
                 ELSE abs(?2) * 100 END WHERE id = ?1",
            pick(conn, rng, "deals"),
        ),
        17 => (
            "UPDATE customers SET owner_id = CASE WHEN ?2 % 3 = 0 THEN NULL ELSE ?3 END
             WHERE id = ?1",
            pick(conn, rng, "customers"),
        ),
        18 => (
            "UPDATE customers SET grade = substr('ABCD', 1 + abs(?2) % 4, 1) WHERE id = ?1",
            pick(conn, rng, "customers"),
        ),
        19 => (
            "UPDATE customers SET deleted_at = CASE WHEN deleted_at IS NULL THEN ?4 END
             WHERE id = ?1",
            pick(conn, rng, "customers"),
        ),
        16 => (
            "DELETE FROM deals WHERE id = ?1 AND ?2 % 3 = 0
                 AND NOT EXISTS (SELECT 1 FROM payments WHERE deal_id = ?1)",
            pick(conn, rng, "deals"),
        ),
        _ => (
            "INSERT INTO payments (id, deal_id, paid_on, amount_cents, created_at, updated_at, updated_by)
             SELECT ?1 || '-' || abs(?2) || ?3, ?1, date('2026-01-01', abs(?2) || ' days'), 5000, ?4, ?4, 'x'",
            pick(conn, rng, "deals"),
        ),
    };
    // Each statement uses the leading ones of ?1 id, ?2 step, ?3 rep, ?4 now.
    let values: [Value; 4] = [id.into(), step.into(), rep.into(), now.to_string().into()];
    let mut stmt = conn.prepare(sql).unwrap();
    for i in 1..=stmt.parameter_count() {
        stmt.raw_bind_parameter(i, &values[i - 1]).unwrap();
    }
    stmt.raw_execute().unwrap();
}

#[test]
fn rollups_equal_a_fresh_fill_after_any_change() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.db");
    let clock = Clock::fixed(DateTime::parse_from_rfc3339("2026-09-30T18:00:00+08:00").unwrap());
    let mut store = Store::create_or_open(&path, clock).unwrap();
    let options = DemoOptions {
        seed: 3,
        reps: 6,
        customers: 120,
        visits: 1500,
        deals: 300,
        years: 2,
    };
    demo::generate(&mut store, "boss", &options).unwrap();
    let filled = rollups(&path);
    assert!(filled.len() > 100, "the demo fills the rollups");
    store.rebuild_rollups().unwrap();
    assert_eq!(
        rollups(&path),
        filled,
        "demo generation fills the rollups once, as a fresh fill does"
    );

    let conn = Connection::open(&path).unwrap();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for round in 0..8 {
        for _ in 0..60 {
            change(&conn, &mut rng);
        }
        let kept = rollups(&path);
        store.rebuild_rollups().unwrap();
        assert_eq!(rollups(&path), kept, "after round {round} of changes");
    }
}
