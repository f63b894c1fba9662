//! Who you are, which file, and with which rights, when salestrack is a team's setgid binary
//! (README, "A team server over SSH"): the `crontab` pattern. The binary is `root:GROUP 2755`,
//! no person is in GROUP, and the database is `root:GROUP 0660` in a `root:GROUP 2770`
//! directory, so the only way into it is this program, which enforces the roles.
//!
//! Guarded means the process runs setgid: its effective gid differs from its real one, and
//! the real user is not root. Then `start` lowers the effective gid to the real one at once,
//! and the team's group is taken back only while the team's database is opened
//! (`for_database`). Everything else the user names — imports, `-o`, backups, `sync PATH`,
//! the config file, the log — is opened with the user's own rights without each place having
//! to remember it: what they cannot read or write themselves stays out of reach, and what
//! they create is theirs (owner and own group, 0600 by the umask set here).

use std::ffi::{CStr, CString};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use serde::{Deserialize, Serialize};

/// Where root records the team's database. Fixed in guarded mode: only root can write it.
pub const SYSTEM_FILE: &str = "/etc/salestrack/server.toml";
/// Another system file, for tests and for root; never honoured in guarded mode.
pub const SYSTEM_FILE_ENV: &str = "SALESTRACK_SYSTEM_FILE";

#[derive(Debug, Clone, Copy)]
struct Ids {
    guarded: bool,
    real_uid: u32,
    real_gid: u32,
    /// The effective gid the process started with: the team's group when guarded.
    start_egid: u32,
}

static IDS: OnceLock<Ids> = OnceLock::new();

fn ids() -> Ids {
    *IDS.get_or_init(|| {
        // SAFETY: these calls only read the process's credentials.
        let (ruid, rgid, egid) = unsafe { (libc::getuid(), libc::getgid(), libc::getegid()) };
        Ids {
            guarded: egid != rgid && ruid != 0,
            real_uid: ruid,
            real_gid: rgid,
            start_egid: egid,
        }
    })
}

/// Call first in `main`, before any thread: records the ids and, when guarded, gives up the
/// team's group until the database is opened, and makes new files private to their owner.
pub fn start() {
    let ids = ids();
    if ids.guarded {
        // SAFETY: no other thread exists yet; both calls only change this process's state.
        unsafe {
            libc::umask(0o077);
            if libc::setegid(ids.real_gid) != 0 {
                // Never go on holding the group we could not put down.
                std::process::abort();
            }
        }
    }
}

/// True when running setgid for someone other than root (see the module text).
pub fn guarded() -> bool {
    ids().guarded
}

/// The real uid: who typed the command, whatever the binary's bits.
pub fn real_uid() -> u32 {
    ids().real_uid
}

/// The effective gid the process started with (the team's group when guarded).
pub fn start_egid() -> u32 {
    ids().start_egid
}

/// How many callers hold the team's group now; the last one out lowers it.
static RAISED: Mutex<usize> = Mutex::new(0);

/// Runs `f` holding the team's group (guarded mode; otherwise just runs it). setegid applies
/// to every thread of the process, so the count is process-wide.
pub fn with_team_group<T>(f: impl FnOnce() -> T) -> T {
    let ids = ids();
    if !ids.guarded {
        return f();
    }
    struct Lower(u32);
    impl Drop for Lower {
        fn drop(&mut self) {
            let mut n = RAISED.lock().unwrap_or_else(|e| e.into_inner());
            *n -= 1;
            // SAFETY: changes only this process's effective gid.
            if *n == 0 && unsafe { libc::setegid(self.0) } != 0 {
                std::process::abort();
            }
        }
    }
    {
        let mut n = RAISED.lock().unwrap_or_else(|e| e.into_inner());
        if *n == 0 {
            // A failure leaves the user's own gid: the open that follows is then refused by
            // the file's permissions, which is the safe side.
            // SAFETY: changes only this process's effective gid, to its saved set-gid.
            unsafe { libc::setegid(ids.start_egid) };
        }
        *n += 1;
    }
    let _lower = Lower(ids.real_gid);
    f()
}

/// Runs `f` with the team's group when `path` is the team's database, else with the user's
/// own rights: the one place the store opens a database file through.
pub fn for_database<T>(path: &Path, f: impl FnOnce() -> T) -> T {
    if is_team_database(path) {
        with_team_group(f)
    } else {
        f()
    }
}

/// The path of the system file: fixed when guarded; root and tests may name another.
pub fn system_file_path() -> PathBuf {
    if !guarded()
        && let Some(p) = std::env::var_os(SYSTEM_FILE_ENV).filter(|p| !p.is_empty())
    {
        return PathBuf::from(p);
    }
    PathBuf::from(SYSTEM_FILE)
}

/// What root recorded with `server-setup`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SystemFile {
    pub database: PathBuf,
    pub group: String,
}

/// Why the system file cannot be trusted or read: an i18n key and its values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub key: &'static str,
    pub args: Vec<(&'static str, String)>,
}

impl Finding {
    pub fn new(key: &'static str, args: &[(&'static str, &dyn std::fmt::Display)]) -> Finding {
        Finding {
            key,
            args: args.iter().map(|(n, v)| (*n, v.to_string())).collect(),
        }
    }
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let args: Vec<(&str, &dyn std::fmt::Display)> = self
            .args
            .iter()
            .map(|(n, v)| (*n, v as &dyn std::fmt::Display))
            .collect();
        let text = crate::i18n::format(self.key, &args);
        f.write_str(&crate::domain::text::printable(&text))
    }
}

impl std::error::Error for Finding {}

/// Reads the system file at `path`: `Ok(None)` when there is none. It must be an ordinary
/// file that only root can change, in a folder only root can change: whoever writes it
/// chooses which file the team's group opens.
pub fn load_system_file(path: &Path) -> Result<Option<SystemFile>, Finding> {
    use std::os::unix::fs::MetadataExt;
    let shown = path.display();
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(Finding::new(
                "server.system_unreadable",
                &[("path", &shown), ("error", &e)],
            ));
        }
    };
    let dir = path.parent().unwrap_or(Path::new("/"));
    let dir_meta = std::fs::metadata(dir).ok();
    let unsafe_mode = |m: &std::fs::Metadata| m.uid() != 0 || m.mode() & 0o022 != 0;
    if !meta.file_type().is_file()
        || unsafe_mode(&meta)
        || dir_meta.as_ref().is_none_or(unsafe_mode)
    {
        return Err(Finding::new("server.system_unsafe", &[("path", &shown)]));
    }
    let text = std::fs::read_to_string(path).map_err(|e| {
        Finding::new(
            "server.system_unreadable",
            &[("path", &shown), ("error", &e)],
        )
    })?;
    let file: SystemFile = toml::from_str(&text).map_err(|e| {
        Finding::new(
            "server.system_unreadable",
            &[("path", &shown), ("error", &e.message())],
        )
    })?;
    if !file.database.is_absolute() {
        return Err(Finding::new(
            "server.system_unreadable",
            &[
                ("path", &shown),
                ("error", &"database is not an absolute path"),
            ],
        ));
    }
    Ok(Some(file))
}

/// The system file at its usual place, read once per process. A file that cannot be trusted
/// counts as none here; the start checks (`install::team_database`, from `env::prepare`)
/// refuse it with the reason.
pub fn system() -> Option<&'static SystemFile> {
    static SYSTEM: OnceLock<Option<SystemFile>> = OnceLock::new();
    SYSTEM
        .get_or_init(|| load_system_file(&system_file_path()).ok().flatten())
        .as_ref()
}

/// Whether `path` names the team's database (as recorded, or made absolute).
pub fn is_team_database(path: &Path) -> bool {
    let Some(sys) = system() else {
        return false;
    };
    path == sys.database
        || (!guarded() && crate::outfile::absolute(path).is_ok_and(|a| a == sys.database))
}

/// A group by name: its gid and its listed members.
pub fn group_by_name(name: &str) -> Option<(u32, Vec<String>)> {
    let c = CString::new(name).ok()?;
    let mut buf = vec![0u8; 16 * 1024];
    loop {
        let mut grp: libc::group = unsafe { std::mem::zeroed() };
        let mut out: *mut libc::group = std::ptr::null_mut();
        // SAFETY: every pointer is valid for the call; the buffer outlives the reads below.
        let rc = unsafe {
            libc::getgrnam_r(
                c.as_ptr(),
                &mut grp,
                buf.as_mut_ptr().cast(),
                buf.len(),
                &mut out,
            )
        };
        if rc == libc::ERANGE && buf.len() < 1 << 22 {
            buf.resize(buf.len() * 4, 0);
            continue;
        }
        if rc != 0 || out.is_null() {
            return None;
        }
        let mut members = Vec::new();
        let mut p = grp.gr_mem;
        // SAFETY: gr_mem is a NULL-terminated array of C strings inside `buf`.
        unsafe {
            while !p.is_null() && !(*p).is_null() {
                members.push(CStr::from_ptr(*p).to_string_lossy().into_owned());
                p = p.add(1);
            }
        }
        return Some((grp.gr_gid, members));
    }
}

/// A passwd entry: login, uid, primary gid and the name in its comment field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub login: String,
    pub uid: u32,
    pub gid: u32,
    pub real_name: String,
}

fn user_from(pw: &libc::passwd) -> User {
    // SAFETY: the strings of a passwd entry returned by libc are valid C strings.
    let text = |p: *const libc::c_char| {
        if p.is_null() {
            String::new()
        } else {
            unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
        }
    };
    let gecos = text(pw.pw_gecos);
    User {
        login: text(pw.pw_name),
        uid: pw.pw_uid,
        gid: pw.pw_gid,
        real_name: gecos.split(',').next().unwrap_or("").to_string(),
    }
}

fn lookup_user(
    by: impl Fn(&mut libc::passwd, &mut [u8], &mut *mut libc::passwd) -> i32,
) -> Option<User> {
    let mut buf = vec![0u8; 16 * 1024];
    loop {
        let mut pw: libc::passwd = unsafe { std::mem::zeroed() };
        let mut out: *mut libc::passwd = std::ptr::null_mut();
        let rc = by(&mut pw, &mut buf, &mut out);
        if rc == libc::ERANGE && buf.len() < 1 << 22 {
            buf.resize(buf.len() * 4, 0);
            continue;
        }
        if rc != 0 || out.is_null() {
            return None;
        }
        return Some(user_from(&pw));
    }
}

/// The passwd entry of a uid.
pub fn user_by_uid(uid: u32) -> Option<User> {
    lookup_user(|pw, buf, out| {
        // SAFETY: every pointer is valid for the call.
        unsafe { libc::getpwuid_r(uid, pw, buf.as_mut_ptr().cast(), buf.len(), out) }
    })
}

/// The passwd entry of a login.
pub fn user_by_name(login: &str) -> Option<User> {
    let c = CString::new(login).ok()?;
    lookup_user(|pw, buf, out| {
        // SAFETY: every pointer is valid for the call.
        unsafe { libc::getpwnam_r(c.as_ptr(), pw, buf.as_mut_ptr().cast(), buf.len(), out) }
    })
}

/// The login of the real uid: identity never comes from the effective ids or the environment.
pub fn real_login() -> Option<String> {
    user_by_uid(real_uid()).map(|u| u.login)
}

/// Every user whose primary group is `gid` (they are in it without being listed).
pub fn users_with_primary_group(gid: u32) -> Vec<String> {
    static LOCK: Mutex<()> = Mutex::new(());
    let _one = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let mut found = Vec::new();
    // SAFETY: getpwent's iteration is serialised by LOCK within this program; entries are
    // copied before the next call.
    unsafe {
        libc::setpwent();
        loop {
            let pw = libc::getpwent();
            if pw.is_null() {
                break;
            }
            if (*pw).pw_gid == gid {
                found.push(user_from(&*pw).login);
            }
        }
        libc::endpwent();
    }
    found
}

/// access(2) with the effective ids: what this process may do now (the plain call asks for
/// the real ids, which in guarded mode cannot reach the team's folder).
pub fn may(path: &Path, mode: libc::c_int) -> bool {
    let Ok(c) = CString::new(path.as_os_str().as_bytes()) else {
        return false;
    };
    // SAFETY: `c` is a valid NUL-terminated string that outlives the call.
    unsafe { libc::faccessat(libc::AT_FDCWD, c.as_ptr(), mode, libc::AT_EACCESS) == 0 }
}
