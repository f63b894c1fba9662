//! Writing many rows at once (demo data, a large import): the secondary indexes of the
//! tables written and the rollup triggers that watch them are set aside inside the caller's
//! transaction, the rows written, the indexes built once (a sorted build, rather than each
//! row's scattered inserts into every index) and the rollups filled once from what is there,
//! before the triggers go back. Killed midway, the transaction rolls all of it back. The
//! guard triggers (amounts, dates) stay on: every row is checked like any other.

use rusqlite::Transaction;

use crate::store::Result;
use crate::store::schema::rollups;

/// What a bulk load sets aside, and how the rollups are filled again afterwards.
pub(crate) struct Bulk {
    /// The tables whose secondary indexes are set aside; empty: every table's but the
    /// rollups' own.
    pub tables: &'static [&'static str],
    /// The triggers set aside: names LIKE this.
    pub triggers: &'static str,
    /// Empties and fills again the rollups those triggers keep: SQL batches, in turn.
    pub refill: &'static [&'static str],
}

/// Demo data: everything, into an empty database.
pub(crate) const EVERYTHING: Bulk = Bulk {
    tables: &[],
    triggers: "rollup%",
    refill: &[rollups::EMPTY, rollups::FILL],
};

/// A large import of customers (and their first owners).
pub(crate) const CUSTOMERS: Bulk = Bulk {
    tables: &["customers", "ownership_changes"],
    triggers: "rollup_customers%",
    refill: &["DELETE FROM rollup_customers;", rollups::CUSTOMERS_FILL],
};

/// A large import of visits (and the contacts they met).
pub(crate) const VISITS: Bulk = Bulk {
    tables: &["visits", "visit_contacts"],
    triggers: "rollup_visit%",
    refill: &["DELETE FROM rollup_visits;", rollups::VISITS_FILL],
};

/// Runs `load` with `bulk`'s indexes and triggers set aside, then puts them back.
pub(crate) fn load<T>(
    tx: &Transaction,
    bulk: &Bulk,
    load: impl FnOnce() -> Result<T>,
) -> Result<T> {
    let tables = bulk
        .tables
        .iter()
        .map(|t| format!("'{t}'"))
        .collect::<Vec<_>>()
        .join(", ");
    let which = if tables.is_empty() {
        "tbl_name NOT LIKE 'rollup%' AND tbl_name != 'first_wins'".to_string()
    } else {
        format!("tbl_name IN ({tables})")
    };
    let set_aside: Vec<(String, String, String)> = tx
        .prepare(&format!(
            "SELECT type, name, sql FROM sqlite_master
             WHERE sql IS NOT NULL AND ((type = 'index' AND {which})
                OR (type = 'trigger' AND name LIKE ?1))"
        ))?
        .query_map([bulk.triggers], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<std::result::Result<_, _>>()?;
    for (kind, name, _) in &set_aside {
        // Names are ours (from the migrations), quoted anyway.
        tx.execute_batch(&format!(
            "DROP {} \"{}\";",
            kind.to_uppercase(),
            name.replace('"', "\"\"")
        ))?;
    }
    let loaded = load()?;
    for (kind, _, sql) in &set_aside {
        if kind == "index" {
            tx.execute_batch(sql)?;
        }
    }
    for batch in bulk.refill {
        tx.execute_batch(batch)?;
    }
    for (kind, _, sql) in &set_aside {
        if kind == "trigger" {
            tx.execute_batch(sql)?;
        }
    }
    Ok(loaded)
}
