//! `server-setup` and `doctor`: making a team server (see `guard`) and checking one. Both
//! run before the usual start, which would refuse the broken installation they are for.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use anyhow::anyhow;

use crate::clock::Clock;
use crate::domain::Role;
use crate::domain::text::{printable_cell, shown_path};
use crate::guard::{self, Finding, SystemFile};
use crate::install::{self, BIN_MODE, DIR_MODE, FILE_MODE};
use crate::outfile::with_suffix;
use crate::store::Store;
use crate::t;

use crate::i18n::{self, Lang};

use super::args::{Cli, Command, DoctorArgs, ServerSetupArgs};

/// `server-setup` and `doctor` run here, before `prepare`: they are what mends the
/// installation `prepare` would refuse. `None` for every other command.
pub fn early(cli: &Cli) -> Option<anyhow::Result<()>> {
    let lang = cli.lang.as_deref().and_then(Lang::parse);
    match &cli.command {
        Some(Command::ServerSetup(a)) => {
            i18n::set_lang(lang.or_else(Lang::from_env).unwrap_or(Lang::En));
            Some(setup(cli.db.as_deref(), a))
        }
        Some(Command::Doctor(a)) => {
            i18n::set_lang(lang.or_else(Lang::from_env).unwrap_or(Lang::En));
            Some(doctor(a))
        }
        _ => None,
    }
}

/// `server-setup`: everything is checked first, so a refusal changes nothing; then each
/// step is made so that running it again finds it done.
pub fn setup(db: Option<&Path>, a: &ServerSetupArgs) -> anyhow::Result<()> {
    // SAFETY: reads the process's credentials.
    if guard::real_uid() != 0 || unsafe { libc::geteuid() } != 0 {
        return Err(anyhow!(t!("server.setup_not_root")));
    }
    let db = std::path::absolute(db.ok_or_else(|| anyhow!(t!("server.setup_needs_db")))?)?;
    let dir = db
        .parent()
        .filter(|d| *d != Path::new("/"))
        .ok_or_else(|| anyhow!(t!("server.dir_not_own", dir = "/", files = "…")))?
        .to_path_buf();
    let manager = guard::user_by_name(&a.manager).ok_or_else(|| {
        anyhow!(t!(
            "server.no_such_login",
            login = printable_cell(&a.manager)
        ))
    })?;
    let gid = guard::group_by_name(&a.group).map(|(gid, _)| gid);
    if gid.is_some() {
        let sys = SystemFile {
            database: db.clone(),
            group: a.group.clone(),
        };
        if let Some(f) = install::check_group(&sys).into_iter().next() {
            return Err(anyhow!(f));
        }
    }
    check_dir_is_its_own(&dir, &db, gid)?;
    let bin = match &a.bin {
        Some(b) => b.canonicalize()?,
        None => std::env::current_exe()?.canonicalize()?,
    };
    if !std::fs::metadata(&bin)?.file_type().is_file() {
        return Err(anyhow!(t!("server.wrong_kind", path = shown_path(&bin))));
    }
    if install::on_nosuid_mount(&bin) {
        return Err(anyhow!(t!("server.nosuid", path = shown_path(&bin))));
    }
    check_manager(&db, &manager.login)?;

    // From here on, changes: each one idempotent.
    let gid = match gid {
        Some(gid) => gid,
        None => add_group(&a.group)?,
    };
    std::fs::create_dir_all(&dir)?;
    set_owner(&dir, gid, DIR_MODE)?;
    // Recorded through the folder's real name, so root's `--db` through a symlinked path is
    // still known as the team's (and keeps the -wal and -shm, see `Store::serve_team`).
    let db = dir.canonicalize()?.join(db.file_name().unwrap_or_default());
    make_database(&db, &manager)?;
    for file in install::database_files(&db) {
        set_owner(&file, gid, FILE_MODE)?;
    }
    let sys = SystemFile {
        database: db.clone(),
        group: a.group.clone(),
    };
    write_system_file(&guard::system_file_path(), &sys)?;
    set_owner(&bin, gid, BIN_MODE)?;
    eprintln!(
        "{}",
        t!(
            "server.set_up",
            db = shown_path(&db),
            group = printable_cell(&a.group),
            manager = printable_cell(&manager.login),
            bin = shown_path(&bin),
            system = shown_path(&guard::system_file_path())
        )
    );
    report(&findings(&sys, &bin))
}

/// Each problem on its line, and an error (a non-zero exit) when there is any.
fn report(found: &[Finding]) -> anyhow::Result<()> {
    for f in found {
        println!("- {f}");
    }
    if found.is_empty() {
        Ok(())
    } else {
        Err(anyhow!(t!("server.problems", count = found.len())))
    }
}

/// `doctor`: every check of the installation, each problem on its line.
pub fn doctor(a: &DoctorArgs) -> anyhow::Result<()> {
    let path = guard::system_file_path();
    let sys = match guard::load_system_file(&path) {
        Ok(Some(sys)) => sys,
        Ok(None) => {
            // Not a team server (yet): nothing to examine, which is not the setgid refusal.
            return Err(anyhow!(t!("server.not_set_up", path = shown_path(&path))));
        }
        Err(f) => return Err(anyhow!(f)),
    };
    let bin = match &a.bin {
        Some(b) => b.clone(),
        None => std::env::current_exe()?,
    };
    let found = findings(&sys, &bin);
    if found.is_empty() {
        println!(
            "{}",
            t!(
                "server.sound",
                db = shown_path(&sys.database),
                group = printable_cell(&sys.group),
                bin = shown_path(&bin)
            )
        );
        return Ok(());
    }
    report(&found)
}

/// Everything wrong with the installation `sys` served by `bin`.
fn findings(sys: &SystemFile, bin: &Path) -> Vec<Finding> {
    let gid = match install::group_id(sys) {
        Ok(gid) => gid,
        Err(f) => return vec![f],
    };
    let mut found = install::check_group(sys);
    found.extend(install::check_files(sys, gid));
    found.extend(install::check_binary(bin, gid));
    found
}

/// The database's folder becomes the group's: refused when it holds anything but the
/// database, its sidecars and its upgrade copies (unless it is already the group's), so a
/// typo such as `--db /home/ann/team.db` cannot hand Ann's home to the group.
fn check_dir_is_its_own(dir: &Path, db: &Path, gid: Option<u32>) -> anyhow::Result<()> {
    let meta = match std::fs::symlink_metadata(dir) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    if !meta.file_type().is_dir() {
        return Err(anyhow!(t!("server.wrong_kind", path = shown_path(dir))));
    }
    if meta.uid() == 0 && Some(meta.gid()) == gid {
        return Ok(());
    }
    let name = db.file_name().unwrap_or_default().to_string_lossy();
    let mut others = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?.file_name().to_string_lossy().into_owned();
        let ours = entry == name
            || ["-wal", "-shm", "-journal"]
                .iter()
                .any(|s| entry == format!("{name}{s}"))
            || (entry.starts_with(&format!("{name}.v")) && entry.ends_with(".bak"));
        if !ours {
            others.push(entry);
        }
    }
    if others.is_empty() {
        return Ok(());
    }
    others.sort();
    others.truncate(5);
    Err(anyhow!(t!(
        "server.dir_not_own",
        dir = shown_path(dir),
        files = printable_cell(&others.join(", "))
    )))
}

/// On an existing database the manager named must already be one (or nobody is a rep yet):
/// setup never changes who manages a team. Read before anything is written.
fn check_manager(db: &Path, login: &str) -> anyhow::Result<()> {
    if !db.exists() {
        return Ok(());
    }
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    // A file that is not SQLite fails here, before anything is changed.
    let tables: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_schema WHERE name = 'reps'",
        [],
        |r| r.get(0),
    )?;
    let has_reps = tables > 0
        && conn.query_row("SELECT EXISTS (SELECT 1 FROM reps)", [], |r| {
            r.get::<_, bool>(0)
        })?;
    if !has_reps {
        return Ok(());
    }
    let role: Option<String> = conn
        .query_row(
            "SELECT role FROM reps WHERE login = ?1 AND left_on IS NULL",
            [login],
            |r| r.get(0),
        )
        .ok();
    if role.as_deref() == Some(Role::Manager.code()) {
        return Ok(());
    }
    Err(anyhow!(t!(
        "server.not_a_manager",
        login = printable_cell(login),
        db = shown_path(db)
    )))
}

fn add_group(name: &str) -> anyhow::Result<u32> {
    let status = std::process::Command::new("groupadd")
        .arg("--system")
        .arg("--")
        .arg(name)
        .status()?;
    if !status.success() {
        return Err(anyhow!(t!(
            "server.groupadd_failed",
            group = printable_cell(name)
        )));
    }
    guard::group_by_name(name)
        .map(|(gid, _)| gid)
        .ok_or_else(|| anyhow!(t!("server.no_group", group = printable_cell(name))))
}

/// `root:gid` and `mode` (chown first: it clears the setgid bit).
fn set_owner(path: &Path, gid: u32, mode: u32) -> anyhow::Result<()> {
    std::os::unix::fs::lchown(path, Some(0), Some(gid))?;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))?;
    Ok(())
}

/// Creates or opens the database as root, makes the manager, and leaves its `-wal` and `-shm`
/// in place (root's, so no person ever owns them), emptied into the database.
fn make_database(db: &Path, manager: &guard::User) -> anyhow::Result<()> {
    let mut store = Store::create_or_open(db, Clock::system())?;
    super::setup::report_opened(&store);
    store.keep_wal_files()?;
    if let Some(rep) = store.init_first_manager(&manager.login, &manager.real_name)? {
        eprintln!(
            "{}",
            t!("msg.first_manager", login = printable_cell(&rep.login))
        );
    }
    drop(store);
    for file in install::database_files(db) {
        if !file.exists() {
            // SQLite made none (an old file never opened in WAL mode): an empty one is valid.
            std::fs::File::create(&file)?;
        }
    }
    Ok(())
}

/// The system file, written whole (a temporary file renamed) and readable by all.
fn write_system_file(path: &Path, sys: &SystemFile) -> anyhow::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("/"));
    std::fs::create_dir_all(dir)?;
    let text = format!(
        "# Written by `salestrack server-setup`; read by the setgid salestrack binary.\n{}",
        toml::to_string(sys)?
    );
    let tmp: PathBuf = with_suffix(path, ".new");
    std::fs::write(&tmp, text)?;
    std::os::unix::fs::lchown(&tmp, Some(0), Some(0))?;
    std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(0o644))?;
    std::fs::rename(&tmp, path)?;
    Ok(())
}
