//! The one door to the database. Everything outside `store/` sees typed records and typed
//! queries; SQL stays here. Writes are short `BEGIN IMMEDIATE` transactions that take an
//! `Actor`, whose role is checked here (SPEC §7).

pub mod access;
pub mod audit;
pub mod backup;
pub mod contacts;
pub mod customer_detail;
pub mod customer_edit;
pub mod customers;
pub mod deals;
pub mod demo;
mod demo_activity;
mod demo_archive;
pub mod demo_names;
pub mod demo_plans;
pub mod error;
pub mod handover;
pub mod import;
pub mod metrics;
pub mod migrate;
pub mod ownership;
pub mod picker;
mod query;
pub mod ratings;
pub mod report_data;
pub mod reps;
pub mod rollups;
pub mod scorecards;
pub mod short_ids;
pub mod sync;
pub mod targets;
pub mod templates;
pub mod visit_edit;
pub mod visits;

use std::fs::OpenOptions;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDate;
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

pub use access::Actor;
pub use error::{Result, StoreError};
pub use migrate::Migrated;

use crate::clock::Clock;
use crate::config::{Cadence, PoolRules, Settings};

/// The rules of SPEC §6 that a team sets in config.toml; the store enforces them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rules {
    pub cadence: Cadence,
    /// How many customers a rep may hold when claiming from the pool.
    pub claim_limit: u32,
    pub pool: PoolRules,
}

impl Default for Rules {
    fn default() -> Self {
        Rules::from(&Settings::default())
    }
}

impl From<&Settings> for Rules {
    fn from(s: &Settings) -> Self {
        Rules {
            cadence: s.cadence,
            claim_limit: s.claim_limit,
            pool: s.pool,
        }
    }
}

/// How long a writer waits for another process's write before SQLite reports busy; the
/// store then retries, so a busy error never reaches the user in normal use.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);
const WRITE_ATTEMPTS: u32 = 20;

pub struct Store {
    conn: Connection,
    path: PathBuf,
    clock: Clock,
    rules: Rules,
    /// What `open` did to the file (created, migrated), for the caller to report.
    pub opened: Migrated,
}

/// Timestamps and dates shared by everything one write does.
#[derive(Debug, Clone)]
pub struct WriteCtx {
    pub now: String,
    pub today: NaiveDate,
    pub login: String,
}

impl Store {
    /// Opens an existing database; a missing file is an error that says how to make one.
    pub fn open(path: &Path, clock: Clock) -> Result<Store> {
        if !path.exists() {
            return Err(StoreError::NoDatabase {
                path: path.display().to_string(),
            });
        }
        Store::open_file(path, clock)
    }

    /// Opens the database, creating it (readable by its owner only) when missing.
    pub fn create_or_open(path: &Path, clock: Clock) -> Result<Store> {
        create_file(path)?;
        Store::open_file(path, clock)
    }

    fn open_file(path: &Path, clock: Clock) -> Result<Store> {
        Store::open_with_migrations(path, clock, migrate::MIGRATIONS)
    }

    /// `create_or_open` with a given list of migrations; tests use it to make old versions.
    pub fn create_or_open_with(path: &Path, clock: Clock, migrations: &[&str]) -> Result<Store> {
        create_file(path)?;
        Store::open_with_migrations(path, clock, migrations)
    }

    /// `open` with a given list of migrations; tests use it to exercise upgrades.
    pub fn open_with_migrations(path: &Path, clock: Clock, migrations: &[&str]) -> Result<Store> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(path, flags)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        migrate::preflight(&conn, path, migrations)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.set_prepared_statement_cache_capacity(64);
        let opened = migrate::migrate(&mut conn, path, migrations)?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            clock,
            rules: Rules::default(),
            opened,
        };
        store.ensure_workspace()?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn clock(&self) -> Clock {
        self.clock
    }

    /// The team's rules from config.toml: cadences, the claim limit, the pool rules.
    pub fn set_rules(&mut self, rules: Rules) {
        self.rules = rules;
    }

    pub fn rules(&self) -> Rules {
        self.rules
    }

    pub fn cadence(&self) -> Cadence {
        self.rules.cadence
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// For bulk work that manages its own transaction (demo data, import).
    pub(crate) fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// Changes whenever another connection commits: the TUI polls it to refresh.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    pub fn workspace_id(&self) -> Result<String> {
        Ok(self
            .conn
            .query_row("SELECT id FROM workspace", [], |r| r.get(0))?)
    }

    fn ensure_workspace(&mut self) -> Result<()> {
        let exists: bool =
            self.conn
                .query_row("SELECT EXISTS (SELECT 1 FROM workspace)", [], |r| r.get(0))?;
        if !exists {
            let now = self.clock.stamp();
            self.conn.execute(
                "INSERT INTO workspace (id, created_at) SELECT ?1, ?2
                 WHERE NOT EXISTS (SELECT 1 FROM workspace)",
                (crate::domain::ids::new_id().to_string(), now),
            )?;
        }
        Ok(())
    }

    /// Makes the database and its WAL files group-readable and -writable (`init --shared`).
    pub fn share_with_group(&self) -> Result<()> {
        for suffix in ["", "-wal", "-shm"] {
            let mut p = self.path.clone().into_os_string();
            p.push(suffix);
            let p = PathBuf::from(p);
            if p.exists() {
                std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o660))?;
            }
        }
        Ok(())
    }

    /// Runs `f` in one `BEGIN IMMEDIATE` transaction for a writer, retrying while another
    /// process holds the write lock. Nothing of `f` is kept unless it returns Ok.
    pub(crate) fn write<T>(
        &mut self,
        actor: &Actor,
        mut f: impl FnMut(&Transaction, &WriteCtx) -> Result<T>,
    ) -> Result<T> {
        actor.writer()?;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let ctx = WriteCtx {
                now: self.clock.stamp(),
                today: self.clock.today(),
                login: actor.login.clone(),
            };
            let result: Result<T> = (|| {
                let tx = self
                    .conn
                    .transaction_with_behavior(TransactionBehavior::Immediate)?;
                let value = f(&tx, &ctx)?;
                tx.commit()?;
                Ok(value)
            })();
            match result {
                Err(e) if e.is_busy() && attempt < WRITE_ATTEMPTS => {
                    std::thread::sleep(Duration::from_millis(10 * attempt as u64));
                }
                other => return other,
            }
        }
    }

    /// Row counts of every table, for tests and `doctor`-style checks.
    pub fn table_counts(&self) -> Result<Vec<(String, i64)>> {
        let names: Vec<String> = self
            .conn
            .prepare(
                "SELECT name FROM sqlite_schema WHERE type = 'table'
                 AND name NOT LIKE 'sqlite_%' ORDER BY name",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<std::result::Result<_, _>>()?;
        names
            .into_iter()
            .map(|n| {
                let c: i64 =
                    self.conn
                        .query_row(&format!("SELECT count(*) FROM \"{n}\""), [], |r| r.get(0))?;
                Ok((n, c))
            })
            .collect()
    }
}

/// Makes a missing database file, readable by its owner only, before SQLite sees it; SQLite
/// gives its -wal and -shm files the same mode as the database file.
fn create_file(path: &Path) -> Result<()> {
    if path.exists() {
        return Ok(());
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    match OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
    {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e.into()),
    }
}
