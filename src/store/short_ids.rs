//! Short ids as people see them. A UUID v7 begins with its timestamp, so records made within
//! the same minute share their first 8 digits, and a prefix of the whole id printed today
//! would name two records tomorrow. People are shown instead the start of the id's random
//! tail (its last group, see `domain::ids`): like git, the shortest start of at least 8
//! digits that no other id of the same table shares, found from the two neighbours in tail
//! order on the index migration 0003 adds. Typed, a short id is matched both as the start of
//! a tail and as the start of a whole id (`Store::ids_named`).

use std::collections::BTreeSet;

use rusqlite::OptionalExtension;

use crate::domain::ids::{self, IdPrefix, SHORT_LEN};
use crate::store::{Result, Store};

/// Tables whose ids people type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdTable {
    Reps,
    Customers,
    Contacts,
    Visits,
    Deals,
    Payments,
    Targets,
}

impl IdTable {
    pub const ALL: [IdTable; 7] = [
        IdTable::Reps,
        IdTable::Customers,
        IdTable::Contacts,
        IdTable::Visits,
        IdTable::Deals,
        IdTable::Payments,
        IdTable::Targets,
    ];

    fn name(self) -> &'static str {
        match self {
            IdTable::Reps => "reps",
            IdTable::Customers => "customers",
            IdTable::Contacts => "contacts",
            IdTable::Visits => "visits",
            IdTable::Deals => "deals",
            IdTable::Payments => "payments",
            IdTable::Targets => "targets",
        }
    }
}

// The SQL, one function each so the test of query plans checks the very text that runs.
// `substr(id, 25)` is the tail; it must be written exactly as in
// schema/migrations/0003_short_ids.sql, or SQLite scans the table instead of using the index.

/// The nearest other tail at or below ?1 (?2: this record's id).
fn before_sql(t: &str) -> String {
    format!(
        "SELECT substr(id, 25) FROM {t} WHERE substr(id, 25) <= ?1 AND id <> ?2
         ORDER BY substr(id, 25) DESC LIMIT 1"
    )
}

/// The nearest other tail at or above ?1.
fn after_sql(t: &str) -> String {
    format!(
        "SELECT substr(id, 25) FROM {t} WHERE substr(id, 25) >= ?1 AND id <> ?2
         ORDER BY substr(id, 25) LIMIT 1"
    )
}

/// Whether another id begins with the whole-id prefix ?1.
fn full_taken_sql(t: &str) -> String {
    format!("SELECT EXISTS (SELECT 1 FROM {t} WHERE id >= ?1 AND id < ?1 || 'g' AND id <> ?2)")
}

/// Live ids beginning with ?1, in order, at most ?2.
fn full_named_sql(t: &str) -> String {
    format!(
        "SELECT id FROM {t} WHERE id >= ?1 AND id < ?1 || 'g' AND deleted_at IS NULL
         ORDER BY id LIMIT ?2"
    )
}

/// Live ids whose tail begins with ?1, at most ?2.
fn tail_named_sql(t: &str) -> String {
    format!(
        "SELECT id FROM {t} WHERE substr(id, 25) >= ?1 AND substr(id, 25) < ?1 || 'g'
         AND deleted_at IS NULL LIMIT ?2"
    )
}

/// Characters of `a` and `b` in common at the start.
fn common_len(a: &str, b: &str) -> usize {
    a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count()
}

/// The shortest start of `tail`, at least 8 digits, that the tails just before and after it
/// in order do not share (no other tail can share more than its nearer neighbours do).
pub fn unique_prefix<'a>(tail: &'a str, before: Option<&str>, after: Option<&str>) -> &'a str {
    let shared = before
        .map(|b| common_len(tail, b))
        .max(after.map(|a| common_len(tail, a)))
        .unwrap_or(0);
    let len = (shared + 1).max(SHORT_LEN).min(tail.len());
    &tail[..len]
}

impl Store {
    /// How people see the record `id` of `table`: a start of its tail that names it and no
    /// other record, whether typed as a tail or as the start of a whole id; the whole id in
    /// the (astronomically rare) case no start of the tail does.
    pub fn short_id(&self, table: IdTable, id: &str) -> Result<String> {
        let Some(tail) = ids::tail(id) else {
            return Ok(id.to_string());
        };
        let t = table.name();
        let neighbour = |sql: String| -> Result<Option<String>> {
            Ok(self
                .conn()
                .prepare_cached(&sql)?
                .query_row((tail, id), |r| r.get(0))
                .optional()?)
        };
        let before = neighbour(before_sql(t))?;
        let after = neighbour(after_sql(t))?;
        // Another record with this very tail: no start of it can tell them apart.
        if [&before, &after].iter().any(|n| n.as_deref() == Some(tail)) {
            return Ok(id.to_string());
        }
        let mut short = unique_prefix(tail, before.as_deref(), after.as_deref());
        // Typed, the short id is also read as the start of whole ids: lengthen it past any
        // other id whose time digits happen to begin the same way.
        let mut taken = self.conn().prepare_cached(&full_taken_sql(t))?;
        loop {
            let full = ids::full_prefix(short);
            if !taken.query_row((&full, id), |r| r.get::<_, bool>(0))? {
                return Ok(short.to_string());
            }
            if short.len() == tail.len() {
                return Ok(id.to_string());
            }
            short = &tail[..short.len() + 1];
        }
    }

    /// The live records of `table` a typed id names: those whose id begins with it and
    /// those whose tail does, at most `limit`, in id order. The caller decides what one,
    /// none or several mean.
    pub(crate) fn ids_named(
        &self,
        table: IdTable,
        prefix: &IdPrefix,
        limit: usize,
    ) -> Result<Vec<String>> {
        let t = table.name();
        let mut found = BTreeSet::new();
        let mut gather = |sql: String, p: &str| -> Result<()> {
            let mut stmt = self.conn().prepare_cached(&sql)?;
            for id in stmt.query_map((p, limit as i64), |r| r.get::<_, String>(0))? {
                found.insert(id?);
            }
            Ok(())
        };
        gather(full_named_sql(t), &prefix.full)?;
        if let Some(tail) = &prefix.tail {
            gather(tail_named_sql(t), tail)?;
        }
        Ok(found.into_iter().take(limit).collect())
    }
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;

    use super::*;
    use crate::clock::Clock;

    #[test]
    fn eight_digits_when_they_suffice() {
        let tail = "a1b2c3d4e5f6";
        assert_eq!(
            unique_prefix(tail, Some("a1b2c3c0ffff"), Some("a1b3")),
            "a1b2c3d4"
        );
        assert_eq!(unique_prefix(tail, None, None), "a1b2c3d4");
    }

    #[test]
    fn longer_when_a_neighbour_shares_the_start() {
        let tail = "a1b2c3d4e5f6";
        assert_eq!(
            unique_prefix(tail, None, Some("a1b2c3d4e500")),
            "a1b2c3d4e5f"
        );
        assert_eq!(
            unique_prefix(tail, Some("a1b2c3d4e000"), None),
            "a1b2c3d4e5"
        );
        // Sharing all of it (a twin) gives the whole tail; `short_id` then shows the whole id.
        assert_eq!(unique_prefix(tail, Some(tail), None), tail);
    }

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let at = DateTime::parse_from_rfc3339("2026-09-30T18:00:00+08:00").unwrap();
        let store = Store::create_or_open(&dir.path().join("t.db"), Clock::fixed(at)).unwrap();
        (dir, store)
    }

    fn plan(store: &Store, sql: &str) -> String {
        let sql = format!("EXPLAIN QUERY PLAN {sql}");
        let mut stmt = store.conn().prepare(&sql).unwrap();
        let n = stmt.parameter_count();
        let params: Vec<String> = (0..n).map(|_| "a".to_string()).collect();
        let rows = stmt
            .query_map(rusqlite::params_from_iter(params), |r| {
                r.get::<_, String>(3)
            })
            .unwrap();
        rows.map(Result::unwrap).collect::<Vec<_>>().join("; ")
    }

    #[test]
    fn every_query_searches_an_index_and_none_scans() {
        let (_dir, store) = store();
        for table in IdTable::ALL {
            let t = table.name();
            for sql in [before_sql(t), after_sql(t), tail_named_sql(t)] {
                let p = plan(&store, &sql);
                assert!(
                    p.contains(&format!("USING INDEX {t}_id_tail")),
                    "{sql}: {p}"
                );
                assert!(!p.contains("TEMP B-TREE"), "{sql}: {p}");
            }
            for sql in [full_taken_sql(t), full_named_sql(t)] {
                let p = plan(&store, &sql);
                assert!(p.contains(&format!("SEARCH {t} USING")), "{sql}: {p}");
                assert!(p.contains("(id>? AND id<?)"), "{sql}: {p}");
            }
        }
    }

    /// Inserts a bare record with the given id into `deals` (constraints set aside: only
    /// ids matter here).
    fn put(store: &Store, id: &str) {
        store
            .conn()
            .execute_batch(&format!(
                "PRAGMA foreign_keys = OFF;
                 PRAGMA ignore_check_constraints = ON;
                 INSERT INTO deals (id, customer_id, owner_id, title, opened_on, created_at,
                     updated_at, updated_by)
                 VALUES ('{id}', 'c', 'r', 't', '2026-01-01', 'x', 'x', 'r');"
            ))
            .unwrap();
    }

    #[test]
    fn short_ids_grow_past_shared_tails_and_lookalike_times() {
        let (_dir, store) = store();
        let me = "0199aaaa-0000-7000-8000-a1b2c3d4e5f6";
        put(&store, me);
        assert_eq!(store.short_id(IdTable::Deals, me).unwrap(), "a1b2c3d4");
        // Another tail sharing 9 digits: 10 are shown.
        put(&store, "0199aaaa-0001-7000-8000-a1b2c3d4e000");
        assert_eq!(store.short_id(IdTable::Deals, me).unwrap(), "a1b2c3d4e5");
        // An id whose time reads like those 10 digits: one more, so typing it names one.
        put(&store, "a1b2c3d4-e5aa-7000-8000-000000000000");
        assert_eq!(store.short_id(IdTable::Deals, me).unwrap(), "a1b2c3d4e5f");
        // A twin tail: only the whole id names it.
        put(&store, "0199aaaa-0002-7000-8000-a1b2c3d4e5f6");
        assert_eq!(store.short_id(IdTable::Deals, me).unwrap(), me);
    }

    #[test]
    fn a_typed_id_gathers_matches_of_both_forms() {
        let (_dir, store) = store();
        let a = "0199aaaa-0000-7000-8000-a1b2c3d4e5f6";
        let b = "0199aaaa-0001-7000-8000-00000000beef";
        let c = "a1b2c3d4-0000-7000-8000-000000000000";
        for id in [a, b, c] {
            put(&store, id);
        }
        let named = |s: &str| {
            let p = ids::parse_prefix("id", s).unwrap();
            store.ids_named(IdTable::Deals, &p, 10).unwrap()
        };
        assert_eq!(named("a1b2c3d4e5"), vec![a]);
        assert_eq!(named("00000000be"), vec![b]);
        assert_eq!(named("0199aaaa-0001"), vec![b]);
        assert_eq!(named(a), vec![a]);
        // The start of a's tail and of c's whole id: both, for the caller to refuse.
        assert_eq!(named("a1b2c3d4"), vec![a, c]);
        assert_eq!(named("0199aaaa"), vec![a, b]);
        assert!(named("ffffffff").is_empty());
        // Deleted records are not named.
        store
            .conn()
            .execute("UPDATE deals SET deleted_at = 'x' WHERE id = ?1", [c])
            .unwrap();
        assert_eq!(named("a1b2c3d4"), vec![a]);
    }
}
