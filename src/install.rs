//! What a sound team installation is (see `guard`), and what is wrong with this one: shared
//! by `doctor`, which lists everything, and by the binary at start, which refuses to run on
//! a database whose files a person owns or anyone else could reach.

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use crate::guard::{self, Finding, SystemFile};
use crate::outfile::with_suffix;

/// The database's directory: only root and the group (no person) may enter; new files in
/// it belong to the group.
pub const DIR_MODE: u32 = 0o2770;
/// The database and its `-wal` and `-shm`: read and written by the group only.
pub const FILE_MODE: u32 = 0o660;
/// The binary: runs setgid for everyone, changed by root only.
pub const BIN_MODE: u32 = 0o2755;

/// The database and the two files SQLite keeps beside it in WAL mode.
pub fn database_files(db: &Path) -> [PathBuf; 3] {
    [
        db.to_path_buf(),
        with_suffix(db, "-wal"),
        with_suffix(db, "-shm"),
    ]
}

/// The team's group id, or the finding that it does not exist.
pub fn group_id(sys: &SystemFile) -> Result<u32, Finding> {
    guard::group_by_name(&sys.group)
        .map(|(gid, _)| gid)
        .ok_or_else(|| Finding::new("server.no_group", &[("group", &sys.group)]))
}

/// Owner, group and mode of `path` (not following a symlink) against what they must be.
fn check_node(
    path: &Path,
    (gid, group): (u32, &str),
    mode: u32,
    dir: bool,
    out: &mut Vec<Finding>,
) {
    let shown = path.display();
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            out.push(Finding::new("server.missing", &[("path", &shown)]));
            return;
        }
        Err(e) => {
            out.push(Finding::new(
                "server.unreadable",
                &[("path", &shown), ("error", &e)],
            ));
            return;
        }
    };
    let kind_ok = if dir {
        meta.file_type().is_dir()
    } else {
        meta.file_type().is_file()
    };
    if !kind_ok {
        out.push(Finding::new("server.wrong_kind", &[("path", &shown)]));
        return;
    }
    if meta.uid() != 0 {
        let owner = guard::user_by_uid(meta.uid())
            .map(|u| u.login)
            .unwrap_or_else(|| meta.uid().to_string());
        out.push(Finding::new(
            "server.owned_by_person",
            &[("path", &shown), ("owner", &owner)],
        ));
    }
    if meta.gid() != gid {
        out.push(Finding::new(
            "server.wrong_group",
            &[("path", &shown), ("gid", &meta.gid()), ("group", &group)],
        ));
    }
    let have = meta.mode() & 0o7777;
    if have != mode {
        out.push(Finding::new(
            "server.wrong_mode",
            &[
                ("path", &shown),
                ("mode", &format!("{have:04o}")),
                ("want", &format!("{mode:04o}")),
            ],
        ));
    }
    if !dir && meta.nlink() != 1 {
        out.push(Finding::new(
            "server.linked",
            &[("path", &shown), ("links", &meta.nlink())],
        ));
    }
}

/// The directory, the database and its `-wal` and `-shm`: root's, the group's, nobody
/// else's. Run with the team's group (guarded mode) or as root.
pub fn check_files(sys: &SystemFile, gid: u32) -> Vec<Finding> {
    guard::with_team_group(|| {
        let mut out = Vec::new();
        let dir = sys.database.parent().unwrap_or(Path::new("/"));
        let group = (gid, sys.group.as_str());
        check_node(dir, group, DIR_MODE, true, &mut out);
        for file in database_files(&sys.database) {
            check_node(&file, group, FILE_MODE, false, &mut out);
        }
        out
    })
}

/// The group has no person in it: no listed member and nobody's primary group.
pub fn check_group(sys: &SystemFile) -> Vec<Finding> {
    let Some((gid, mut members)) = guard::group_by_name(&sys.group) else {
        return vec![Finding::new("server.no_group", &[("group", &sys.group)])];
    };
    members.extend(guard::users_with_primary_group(gid));
    members.sort();
    members.dedup();
    if members.is_empty() {
        return Vec::new();
    }
    vec![Finding::new(
        "server.group_members",
        &[("group", &sys.group), ("members", &members.join(", "))],
    )]
}

/// The binary: root's, setgid to the group, writable by root only.
pub fn check_binary(bin: &Path, gid: u32) -> Vec<Finding> {
    let mut out = Vec::new();
    let shown = bin.display();
    match std::fs::metadata(bin) {
        Err(e) => out.push(Finding::new(
            "server.unreadable",
            &[("path", &shown), ("error", &e)],
        )),
        Ok(m) => {
            let mode = m.mode() & 0o7777;
            if mode & 0o2000 == 0 || m.gid() != gid {
                out.push(Finding::new(
                    "server.binary_not_setgid",
                    &[("path", &shown), ("mode", &format!("{mode:04o}"))],
                ));
            } else if mode != BIN_MODE || m.uid() != 0 {
                out.push(Finding::new(
                    "server.wrong_mode",
                    &[
                        ("path", &shown),
                        ("mode", &format!("{mode:04o}")),
                        ("want", &format!("{BIN_MODE:04o}")),
                    ],
                ));
            }
            if on_nosuid_mount(bin) {
                out.push(Finding::new("server.nosuid", &[("path", &shown)]));
            }
        }
    }
    out
}

/// A filesystem mounted nosuid ignores the setgid bit.
pub fn on_nosuid_mount(path: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let Ok(c) = std::ffi::CString::new(path.as_os_str().as_bytes()) else {
        return false;
    };
    let mut st: libc::statvfs = unsafe { std::mem::zeroed() };
    // SAFETY: valid string and out-pointer for the call.
    unsafe { libc::statvfs(c.as_ptr(), &mut st) == 0 && st.f_flag & libc::ST_NOSUID != 0 }
}

/// Why a run does not start.
#[derive(Debug)]
pub enum StartRefusal {
    /// A rule of the team server, said on its own.
    Refused(Finding),
    /// The installation is broken: each problem, for root to mend.
    Broken(Vec<Finding>),
}

/// Why the run does not start, for the user: a rule on its own, or a list of what is wrong
/// and who can mend it.
impl std::fmt::Display for StartRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StartRefusal::Refused(finding) => finding.fmt(f),
            StartRefusal::Broken(found) => {
                f.write_str(crate::t!("server.refused_start"))?;
                for finding in found {
                    write!(f, "\n  {finding}")?;
                }
                Ok(())
            }
        }
    }
}

/// The database this run must use, decided before anything is opened:
///
/// - guarded: the team's, from the system file, after checking that the installation is
///   sound (`--db` or `SALESTRACK_DB` naming another file is refused);
/// - not guarded, not root, on a server with a system file: refused when the run would use
///   the team's database or none was named — the binary has lost its setgid bit or group,
///   and without it nothing would work but half;
/// - otherwise `None`: the usual choice (`--db`, `SALESTRACK_DB`, the config, the default).
pub fn team_database(
    flag: Option<&Path>,
    env_db: Option<&Path>,
    config_db: Option<&Path>,
) -> Result<Option<PathBuf>, StartRefusal> {
    let path = guard::system_file_path();
    let shown = path.display();
    if !guard::guarded() {
        if guard::real_uid() == 0 {
            return Ok(None);
        }
        let Ok(Some(sys)) = guard::load_system_file(&path) else {
            return Ok(None);
        };
        let named = flag.or(env_db).or(config_db);
        if named.is_none_or(|p| p == sys.database) {
            let bin = std::env::current_exe().unwrap_or_else(|_| "salestrack".into());
            return Err(StartRefusal::Refused(Finding::new(
                "server.not_setgid",
                &[
                    ("bin", &bin.display()),
                    ("group", &sys.group),
                    ("db", &sys.database.display()),
                ],
            )));
        }
        return Ok(None);
    }
    let sys = match guard::load_system_file(&path) {
        Ok(Some(sys)) => sys,
        Ok(None) => {
            return Err(StartRefusal::Refused(Finding::new(
                "server.no_system_file",
                &[("path", &shown)],
            )));
        }
        Err(f) => return Err(StartRefusal::Broken(vec![f])),
    };
    let gid = group_id(&sys).map_err(|f| StartRefusal::Broken(vec![f]))?;
    if gid != guard::start_egid() {
        return Err(StartRefusal::Broken(vec![Finding::new(
            "server.not_team_group",
            &[("gid", &guard::start_egid()), ("group", &sys.group)],
        )]));
    }
    for given in [flag, env_db].into_iter().flatten() {
        if given != sys.database {
            return Err(StartRefusal::Refused(Finding::new(
                "server.other_database",
                &[("given", &given.display()), ("db", &sys.database.display())],
            )));
        }
    }
    let problems = check_files(&sys, gid);
    if !problems.is_empty() {
        return Err(StartRefusal::Broken(problems));
    }
    Ok(Some(sys.database))
}
