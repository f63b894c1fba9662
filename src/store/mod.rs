//! The one door to the database. Everything outside `store/` sees typed records and typed
//! queries; SQL stays here. Writes are short `BEGIN IMMEDIATE` transactions that take an
//! `Actor`, whose role is checked here (README, Who you are).

pub mod access;
pub mod audit;
pub mod backup;
pub mod customers;
pub mod deals;
pub mod demo;
pub mod error;
pub mod import;
pub mod kpi;
pub mod payments;
pub mod policy;
mod query;
pub mod reps;
pub mod schema;
pub mod settings;
pub mod short_ids;
mod sql_types;
pub mod sync;
pub mod targets;
pub mod visits;

use std::fs::OpenOptions;
use std::io::Read;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDate;
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

pub use access::Actor;
pub use error::{Result, StoreError};
pub use query::Slice;
pub use schema::Migrated;
pub use settings::{Cadence, PoolRules, Rules};

use crate::clock::Clock;

/// How long a writer waits for another process's write before SQLite reports busy; the
/// store then retries, so a busy error never reaches the user in normal use.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);
const WRITE_ATTEMPTS: u32 = 20;

pub struct Store {
    conn: Connection,
    path: PathBuf,
    clock: Clock,
    /// The team rules as last read from `settings` (see `settings::RulesCache`).
    rules: settings::RulesCache,
    /// What `open` did to the file (created, migrated), for the caller to report.
    pub opened: Migrated,
    /// Why this connection only reads, when it does (see `read_only_reason`).
    read_only: Option<ReadOnly>,
    /// How many times a write is tried while another process holds the write lock.
    write_attempts: u32,
    /// Who reads through this store, and so what every read shows (see `policy`).
    viewer: policy::Scope,
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
        // The team's folder is the group's: even a look at the file needs it (see `guard`).
        if !crate::guard::for_database(path, || path.exists()) {
            return Err(StoreError::NoDatabase {
                path: path.display().to_string(),
            });
        }
        Store::open_file(path, clock)
    }

    /// Opens the database, creating it (readable by its owner only) when missing. Only the
    /// commands that make a database (`init`, `demo`, the TUI's first run) come here, so
    /// only they may turn an empty file into one.
    pub fn create_or_open(path: &Path, clock: Clock) -> Result<Store> {
        crate::guard::for_database(path, || create_file(path))?;
        Store::open_at(path, clock, schema::MIGRATIONS, true)
    }

    fn open_file(path: &Path, clock: Clock) -> Result<Store> {
        Store::open_with_migrations(path, clock, schema::MIGRATIONS)
    }

    /// `create_or_open` with a given list of migrations; tests use it to make old versions.
    pub fn create_or_open_with(path: &Path, clock: Clock, migrations: &[&str]) -> Result<Store> {
        crate::guard::for_database(path, || create_file(path))?;
        Store::open_at(path, clock, migrations, true)
    }

    /// `open` with a given list of migrations; tests use it to exercise upgrades. A file that
    /// is not already a database (empty, not SQLite, or SQLite without tables) is refused
    /// before SQLite opens it for writing, and left byte for byte as it was.
    pub fn open_with_migrations(path: &Path, clock: Clock, migrations: &[&str]) -> Result<Store> {
        Store::open_at(path, clock, migrations, false)
    }

    /// Opens with the team's group when `path` is a team server's database, else with the
    /// user's own rights (see `guard`): SQLite opens the -wal and -shm during the first read,
    /// inside this call, and keeps them open.
    fn open_at(path: &Path, clock: Clock, migrations: &[&str], create: bool) -> Result<Store> {
        crate::guard::for_database(path, || Store::open_as_is(path, clock, migrations, create))
    }

    fn open_as_is(path: &Path, clock: Clock, migrations: &[&str], create: bool) -> Result<Store> {
        check_header(path, create)?;
        // Absolute: the bundled SQLite is built with SQLITE_USE_URI=1, so a relative name
        // such as `file:x.db?mode=memory` would be read as a URI; one starting with `/`
        // never is, and stays the file name the user gave.
        let abs = crate::outfile::absolute(path)?;
        let read_only = read_only_reason(&abs);
        let conn = match &read_only {
            Some(ReadOnly::Folder { .. }) => immutable(&abs)?,
            Some(_) => Connection::open_with_flags(&abs, read_flags())?,
            None => Connection::open_with_flags(
                &abs,
                OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?,
        };
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            clock,
            rules: Default::default(),
            opened: Migrated::UpToDate,
            read_only,
            write_attempts: WRITE_ATTEMPTS,
            viewer: policy::Scope::default(),
        };
        store.conn.busy_timeout(BUSY_TIMEOUT)?;
        let found = schema::preflight(&store.conn, path, migrations)?;
        if found == 0 && !create {
            // preflight let it through, so it has no tables: an SQLite file, not ours yet.
            return Err(StoreError::rule(
                "open.no_tables",
                &[("path", &path.display())],
            ));
        }
        if store.read_only.is_some() {
            if found < migrations.len() as i64 {
                // Creating or upgrading writes; say why it cannot, not SQLite's "readonly".
                store.writable()?;
            }
        } else {
            store.conn.pragma_update(None, "journal_mode", "WAL")?;
        }
        if crate::guard::is_team_database(path) {
            store.serve_team(found < migrations.len() as i64)?;
        }
        store.conn.pragma_update(None, "synchronous", "NORMAL")?;
        store.conn.pragma_update(None, "foreign_keys", true)?;
        store.conn.set_prepared_statement_cache_capacity(64);
        store.opened = schema::migrate(&mut store.conn, path, migrations)?;
        if store.read_only.is_none() {
            store.ensure_workspace()?;
        }
        Ok(store)
    }

    /// A team server's database (see `guard`): its -wal and -shm are root's and stay (SQLite
    /// would delete them at the last close and make new ones owned by whoever opens it
    /// next, who could then write frames into the database); sorts stay in memory, not in a
    /// temporary file the user could reach; and only root upgrades it, since the copy made
    /// beside it first would belong to the person who happened to run a newer binary.
    fn serve_team(&self, needs_upgrade: bool) -> Result<()> {
        if needs_upgrade && crate::guard::guarded() {
            return Err(StoreError::rule(
                "server.upgrade_by_root",
                &[("path", &self.path.display())],
            ));
        }
        self.keep_wal_files()?;
        self.conn.pragma_update(None, "temp_store", "MEMORY")?;
        Ok(())
    }

    /// SQLITE_FCNTL_PERSIST_WAL: the -wal and -shm are kept when this connection closes.
    pub fn keep_wal_files(&self) -> Result<()> {
        let mut on: std::ffi::c_int = 1;
        // SAFETY: a valid connection handle, schema name and in/out int for this opcode.
        let rc = unsafe {
            rusqlite::ffi::sqlite3_file_control(
                self.conn.handle(),
                c"main".as_ptr(),
                rusqlite::ffi::SQLITE_FCNTL_PERSIST_WAL,
                (&mut on as *mut std::ffi::c_int).cast(),
            )
        };
        if rc != rusqlite::ffi::SQLITE_OK {
            return Err(rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(rc), None).into());
        }
        Ok(())
    }

    /// Refuses a write when this connection can only read, naming why (the file's
    /// permissions, a read-only folder, or a sidecar that belongs to someone else).
    pub fn writable(&self) -> Result<()> {
        let path = self.path.display();
        match &self.read_only {
            None => Ok(()),
            Some(ReadOnly::File { mode }) => Err(StoreError::rule(
                "open.read_only_file",
                &[("path", &path), ("mode", &permissions(*mode))],
            )),
            Some(ReadOnly::Folder { dir }) => Err(StoreError::rule(
                "open.read_only_folder",
                &[("path", &path), ("dir", &dir.display())],
            )),
            Some(ReadOnly::Sidecar { file, mode }) => Err(StoreError::rule(
                "open.read_only_sidecar",
                &[
                    ("path", &path),
                    ("file", &file.display()),
                    ("mode", &permissions(*mode)),
                ],
            )),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn clock(&self) -> Clock {
        self.clock
    }

    /// For a screen that must never freeze: a write waits `wait` for another process's write
    /// lock, once, then fails as busy (`StoreError::is_busy`) for the caller to try again
    /// later, while the screen keeps answering keys. The CLI keeps the patient default.
    pub fn set_write_patience(&mut self, wait: Duration) -> Result<()> {
        self.conn.busy_timeout(wait)?;
        self.write_attempts = 1;
        Ok(())
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

    /// Stops this connection's commits from copying the write-ahead log back into the file
    /// (SQLite does that at the end of the commit that takes the log past 1000 pages): on
    /// the reference set one such commit held a key for 480 ms. The TUI does it on its
    /// worker instead (`checkpoint`); a command line run keeps SQLite's way.
    pub fn defer_checkpoints(&self) -> Result<()> {
        self.conn.pragma_update(None, "wal_autocheckpoint", 0)?;
        Ok(())
    }

    /// Copies the write-ahead log back into the file as far as no reader needs it, waiting
    /// for nobody (a passive checkpoint).
    pub fn checkpoint(&self) -> Result<()> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))?;
        Ok(())
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
        self.writable()?;
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
                Err(e) if e.is_busy() && attempt < self.write_attempts => {
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

/// Refuses, without writing a byte, a file that is not an SQLite database: SQLite would take
/// an empty file for a new database and turn it into one. `create` (init, demo, the TUI's
/// first run) may fill an empty file: that is making a database.
fn check_header(path: &Path, create: bool) -> Result<()> {
    const MAGIC: &[u8; 16] = b"SQLite format 3\0";
    let mut head = Vec::with_capacity(16);
    // Unreadable or not a file: SQLite says so in its own words.
    let Ok(file) = std::fs::File::open(path) else {
        return Ok(());
    };
    if file.take(16).read_to_end(&mut head).is_err() {
        return Ok(());
    }
    let key = match head.len() {
        0 if create => return Ok(()),
        0 => "open.empty",
        _ if head == MAGIC => return Ok(()),
        _ => "open.not_sqlite",
    };
    Err(StoreError::rule(key, &[("path", &path.display())]))
}

/// Why a connection only reads.
#[derive(Debug, Clone, PartialEq, Eq)]
enum ReadOnly {
    /// The database file's permissions do not let us write it.
    File { mode: u32 },
    /// Its folder cannot be written and holds no -wal or -shm: opened `immutable`.
    Folder { dir: PathBuf },
    /// Its -wal or -shm cannot be written by us, nor given the database's permissions.
    Sidecar { file: PathBuf, mode: u32 },
}

/// Decides, before SQLite opens `abs`, whether we may write it (issue 11).
///
/// A WAL database lives in three files. SQLite makes the -wal and -shm with the database's
/// permissions, and a connection that can only read never removes them, so a spell of
/// `chmod 0444` leaves a read-only -wal and -shm behind; once the database is writable
/// again SQLite opens them read-only ("readonly_shm") and every write fails. So:
///
/// - database writable: a -wal or -shm we cannot write gets the database's permissions
///   (what SQLite would have given it). Changing a mode is harmless to connections that
///   have it open; removing it is not (a connection still mapping the old -shm and one
///   using a new one would not see each other's locks), so we never remove it. If it is
///   not ours to chmod, we only read, and a write names the file.
/// - database not writable: opened read-only; writes are refused naming its permissions.
/// - folder not writable and no -wal or -shm in it: SQLite cannot read a WAL database
///   without making its -shm, unless told it is `immutable` (wal.html, "Read-Only
///   Databases"). That is true here: a WAL writer keeps its -wal for as long as it has the
///   database open and none can make one now, so nobody can be changing it. We read it as
///   immutable; a long-lived reader (the TUI) then sees the file as it was when opened.
///
/// Decided with access(2), which opens nothing: opening and closing a descriptor of a file
/// this process already has open through SQLite would drop that connection's POSIX locks.
fn read_only_reason(abs: &Path) -> Option<ReadOnly> {
    let dir = abs.parent().unwrap_or(Path::new("/"));
    let wal = crate::outfile::with_suffix(abs, "-wal");
    let shm = crate::outfile::with_suffix(abs, "-shm");
    if !may_write(dir) && !wal.exists() && !shm.exists() {
        return Some(ReadOnly::Folder {
            dir: dir.to_path_buf(),
        });
    }
    let mode = std::fs::metadata(abs).ok()?.permissions().mode() & 0o777;
    if !may_write(abs) {
        return Some(ReadOnly::File { mode });
    }
    for side in [wal, shm] {
        if !side.exists() || may_write(&side) {
            continue;
        }
        // Only its owner may change the mode; anyone else just fails here.
        let _ = std::fs::set_permissions(&side, std::fs::Permissions::from_mode(mode | 0o600));
        if !may_write(&side) {
            let mode = std::fs::metadata(&side)
                .map(|m| m.permissions().mode() & 0o777)
                .unwrap_or(0);
            return Some(ReadOnly::Sidecar { file: side, mode });
        }
    }
    None
}

/// access(2) for writing: the kernel's answer for this process (modes, ACLs, read-only
/// mounts, root), without opening the file; with the effective ids, which are the ones
/// that open it (a setgid process, see `guard`).
fn may_write(path: &Path) -> bool {
    crate::guard::may(path, libc::W_OK)
}

fn read_flags() -> OpenFlags {
    OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX
}

/// Opens `abs` read-only and `immutable` (see `read_only_reason`). That takes a URI, so the
/// path is percent-encoded byte by byte: `?`, `#` and `%` in a file name stay part of it.
fn immutable(abs: &Path) -> Result<Connection> {
    let mut uri = String::from("file:");
    for &b in abs.as_os_str().as_bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            uri.push(b as char);
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri.push_str("?immutable=1");
    Ok(Connection::open_with_flags(
        uri,
        read_flags() | OpenFlags::SQLITE_OPEN_URI,
    )?)
}

/// A mode as `ls -l` shows it: 0o444 → "r--r--r--".
fn permissions(mode: u32) -> String {
    (0..9)
        .map(|i| {
            let bit = 0o400 >> i;
            match (mode & bit != 0, i % 3) {
                (false, _) => '-',
                (true, 0) => 'r',
                (true, 1) => 'w',
                (true, _) => 'x',
            }
        })
        .collect()
}
