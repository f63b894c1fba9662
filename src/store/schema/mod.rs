//! Schema migrations keyed on `PRAGMA user_version`: migration N takes the schema from
//! version N-1 to N. An older file is copied aside before it is touched; a newer one is
//! refused, because this binary would not know what its columns mean.
//!
//! The SQL is in `migrations/` beside this file; `rollups` runs its fill again, for a repair.

pub(crate) mod bulk;
pub mod rollups;

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::store::error::{Result, StoreError};

/// The embedded migrations, in order.
pub const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_schema.sql"),
    concat!(
        include_str!("migrations/0002_rollups.sql"),
        include_str!("migrations/visits_fill.sql"),
        include_str!("migrations/rollups_fill.sql")
    ),
    include_str!("migrations/0003_short_ids.sql"),
    include_str!("migrations/0004_amount_guards.sql"),
    include_str!("migrations/0005_name_keys.sql"),
    include_str!("migrations/0006_settings.sql"),
    concat!(
        include_str!("migrations/0007_lists.sql"),
        include_str!("migrations/deals_fill.sql")
    ),
    concat!(
        include_str!("migrations/0008_sort_indexes.sql"),
        include_str!("migrations/customers_fill.sql")
    ),
    include_str!("migrations/0009_customer_reach.sql"),
    include_str!("migrations/0010_customer_lock.sql"),
    concat!(
        include_str!("migrations/0011_rep_history.sql"),
        include_str!("migrations/rep_history_fill.sql")
    ),
    include_str!("migrations/0012_name_pinyin.sql"),
    include_str!("migrations/0013_rep_names.sql"),
];

/// What a migration needs done in Rust after its SQL, in its transaction: SQL cannot spell
/// pinyin.
fn after(tx: &rusqlite::Transaction, version: i64) -> Result<()> {
    if version == 12 {
        crate::store::customers::spelling::fill_name_pinyin(tx, "main")?;
    }
    Ok(())
}

/// Gives each rep without history one from their columns (after reps are written directly).
pub const REP_HISTORY_FILL: &str = include_str!("migrations/rep_history_fill.sql");

pub fn latest() -> i64 {
    MIGRATIONS.len() as i64
}

pub fn user_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// What `migrate` did, so the caller can tell the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Migrated {
    UpToDate,
    Created,
    Upgraded { from: i64, to: i64, backup: PathBuf },
}

/// Refuses, before anything is written (even a pragma), a file this program must not touch:
/// one from a newer version, or some other program's database. Returns the version found.
pub fn preflight(conn: &Connection, path: &Path, migrations: &[&str]) -> Result<i64> {
    let latest = migrations.len() as i64;
    let found = user_version(conn)?;
    if found > latest {
        return Err(StoreError::NewerSchema {
            found,
            supported: latest,
        });
    }
    if found == 0 {
        let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
        if tables > 0 {
            return Err(StoreError::NotOurs {
                path: path.display().to_string(),
            });
        }
    }
    Ok(found)
}

/// Brings `conn` (the file at `path`) up to the last of `migrations`.
pub fn migrate(conn: &mut Connection, path: &Path, migrations: &[&str]) -> Result<Migrated> {
    let latest = migrations.len() as i64;
    let found = preflight(conn, path, migrations)?;
    if found == latest {
        return Ok(Migrated::UpToDate);
    }
    // A new file needs no copy; an older one is copied aside before it is touched.
    let backup = if found == 0 {
        None
    } else {
        Some(backup_copy(conn, path, found)?)
    };
    for (i, sql) in migrations.iter().enumerate().skip(found as usize) {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.execute_batch(sql)?;
        after(&tx, (i + 1) as i64)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        tx.commit()?;
    }
    Ok(match backup {
        None => Migrated::Created,
        Some(backup) => Migrated::Upgraded {
            from: found,
            to: latest,
            backup,
        },
    })
}

/// A consistent copy next to the file: `NAME.v{version}.bak` (numbered if taken).
fn backup_copy(conn: &Connection, path: &Path, version: i64) -> Result<PathBuf> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "salestrack.db".into());
    // Absolute, so SQLite never reads the name as a `file:` URI.
    let path = crate::outfile::absolute(path)?;
    let mut n = 1;
    let target = loop {
        let t = match n {
            1 => path.with_file_name(format!("{name}.v{version}.bak")),
            _ => path.with_file_name(format!("{name}.v{version}.{n}.bak")),
        };
        // Made empty and 0600 first: the copy holds every customer and is never readable
        // by others, not even while it is being written.
        match crate::outfile::create_private(&t) {
            Ok(()) => break t,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => n += 1,
            Err(e) => return Err(e.into()),
        }
    };
    if let Err(e) = conn.execute("VACUUM INTO ?1", [target.to_string_lossy().as_ref()]) {
        let _ = std::fs::remove_file(&target);
        return Err(e.into());
    }
    Ok(target)
}
