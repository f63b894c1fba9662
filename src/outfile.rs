//! Every file the program writes for a person (backups, exports, reports, templates) goes
//! through here, so one careless `-o` can never destroy the database or a colleague's file:
//!
//! - the database and its sidecars (`-wal`, `-shm`, `-journal`) are refused, compared by
//!   device and inode (hard links, symlinks) and by canonical name (sidecars not yet made);
//! - an existing file is kept unless `--force`, and even then only an ordinary file that no
//!   SQLite connection is using (one with a `-wal` or `-shm` beside it is refused);
//! - the content goes to a hidden temporary file in the same directory, created 0600 from
//!   its first byte, and is renamed into place only when complete; any failure removes it.
//!
//! Paths are made absolute before SQLite sees them, so a name like `file:x?mode=ro` is a
//! file name and never a SQLite URI.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use crate::t;

/// Why a target was refused; the text names the rule.
#[derive(Debug, thiserror::Error)]
pub enum OutError {
    #[error("{}", t!("error.output_is_database", path = .0.display()))]
    IsDatabase(PathBuf),
    #[error("{}", t!("error.backup_exists", path = .0.display()))]
    Exists(PathBuf),
    #[error("{}", t!("error.output_not_file", path = .0.display()))]
    NotAFile(PathBuf),
    #[error("{}", t!("error.output_in_use", path = .0.display()))]
    InUse(PathBuf),
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: io::Error },
}

const SIDECARS: [&str; 4] = ["", "-wal", "-shm", "-journal"];

/// A path with the given suffix appended to its file name (`y.db` → `y.db-wal`).
pub fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// `path` made absolute through its directory's canonical form; the file itself need not
/// exist (its name is kept as given, so a symlink is judged by where it points separately).
pub fn absolute(path: &Path) -> io::Result<PathBuf> {
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file name"))?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    Ok(dir.canonicalize()?.join(name))
}

/// The files that belong to a database and must never be written over.
#[derive(Debug, Clone, Default)]
pub struct Protected {
    inodes: Vec<(u64, u64)>,
    names: Vec<PathBuf>,
}

impl Protected {
    pub fn database(db: &Path) -> Protected {
        let mut p = Protected::default();
        let base = absolute(db).unwrap_or_else(|_| db.to_path_buf());
        for suffix in SIDECARS {
            for name in [with_suffix(db, suffix), with_suffix(&base, suffix)] {
                if let Ok(m) = std::fs::metadata(&name) {
                    p.inodes.push((m.dev(), m.ino()));
                }
                if let Ok(c) = name.canonicalize() {
                    p.names.push(c);
                }
                p.names.push(name);
            }
        }
        p
    }

    fn covers(&self, target: &Path) -> bool {
        let abs = absolute(target).ok();
        let canon = target.canonicalize().ok();
        let same_inode = std::fs::metadata(target)
            .map(|m| self.inodes.contains(&(m.dev(), m.ino())))
            .unwrap_or(false);
        same_inode
            || [abs, canon]
                .into_iter()
                .flatten()
                .any(|n| self.names.contains(&n))
    }
}

/// Decides whether `target` may be written, and returns its absolute path.
pub fn check_target(target: &Path, protect: &Protected, force: bool) -> Result<PathBuf, OutError> {
    let io_err = |source| OutError::Io {
        path: target.to_path_buf(),
        source,
    };
    if protect.covers(target) {
        return Err(OutError::IsDatabase(target.to_path_buf()));
    }
    let abs = absolute(target).map_err(io_err)?;
    match std::fs::symlink_metadata(&abs) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(abs),
        Err(e) => Err(io_err(e)),
        Ok(_) if !force => Err(OutError::Exists(target.to_path_buf())),
        Ok(m) if !m.file_type().is_file() => Err(OutError::NotAFile(target.to_path_buf())),
        Ok(_) => {
            // A database some process has open keeps its -wal/-shm; renaming over it would
            // pull the file from under that process's connection.
            let live = ["-wal", "-shm", "-journal"]
                .iter()
                .any(|s| with_suffix(&abs, s).exists());
            if live {
                Err(OutError::InUse(target.to_path_buf()))
            } else {
                Ok(abs)
            }
        }
    }
}

/// A file being written: hidden beside its target, 0600, removed unless committed.
pub struct Staged {
    tmp: PathBuf,
    target: PathBuf,
    file: Option<File>,
    force: bool,
}

impl Staged {
    /// Checks `target` and opens its temporary file.
    pub fn new(target: &Path, protect: &Protected, force: bool) -> Result<Staged, OutError> {
        let target = check_target(target, protect, force)?;
        let dir = target.parent().unwrap_or(Path::new("/")).to_path_buf();
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut n = std::process::id() as u64;
        loop {
            let tmp = dir.join(format!(".{name}.{n:x}.partial"));
            match OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .open(&tmp)
            {
                Ok(file) => {
                    return Ok(Staged {
                        tmp,
                        target,
                        file: Some(file),
                        force,
                    });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => n += 0x1_0000_0000,
                Err(source) => return Err(OutError::Io { path: tmp, source }),
            }
        }
    }

    /// The temporary file's path, for writers that open it themselves (`VACUUM INTO`): an
    /// empty file that already exists keeps its 0600 mode when SQLite fills it.
    pub fn tmp_path(&self) -> &Path {
        &self.tmp
    }

    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Flushes to disk and moves the file into place. Without `--force` the move fails if a
    /// file appeared at the target meanwhile, rather than replacing it.
    pub fn commit(mut self) -> Result<(), OutError> {
        let io_err = |source| OutError::Io {
            path: self.target.clone(),
            source,
        };
        if let Some(f) = self.file.take() {
            f.sync_all().map_err(io_err)?;
        } else {
            File::open(&self.tmp)
                .and_then(|f| f.sync_all())
                .map_err(io_err)?;
        }
        if self.force {
            std::fs::rename(&self.tmp, &self.target).map_err(io_err)?;
        } else {
            match std::fs::hard_link(&self.tmp, &self.target) {
                Ok(()) => {
                    let _ = std::fs::remove_file(&self.tmp);
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                    return Err(OutError::Exists(self.target.clone()));
                }
                Err(e) => return Err(io_err(e)),
            }
        }
        self.tmp = PathBuf::new();
        Ok(())
    }

    /// Closes the handle, for writers that reopen the file by name.
    pub fn close(&mut self) {
        self.file = None;
    }
}

impl Write for Staged {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.file {
            Some(f) => f.write(buf),
            None => Err(io::Error::other("closed")),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.file {
            Some(f) => f.flush(),
            None => Ok(()),
        }
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.tmp.as_os_str().is_empty() {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Writes `bytes` to `target` through a staged file: all or nothing.
pub fn write_all(
    target: &Path,
    protect: &Protected,
    force: bool,
    bytes: &[u8],
) -> anyhow::Result<()> {
    let mut staged = Staged::new(target, protect, force)?;
    staged.write_all(bytes)?;
    staged.commit()?;
    Ok(())
}

/// Makes a new, empty file readable by its owner only; `VACUUM INTO` then fills it without
/// the copy ever being readable by others (SQLite keeps an existing file's mode).
pub fn create_private(path: &Path) -> io::Result<()> {
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sidecars_and_hard_links_of_the_database_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("y.db");
        std::fs::write(&db, b"x").unwrap();
        std::fs::write(with_suffix(&db, "-wal"), b"x").unwrap();
        let link = dir.path().join("alias");
        std::fs::hard_link(&db, &link).unwrap();
        let sym = dir.path().join("sym");
        std::os::unix::fs::symlink(&db, &sym).unwrap();
        let p = Protected::database(&db);
        for t in [
            db.clone(),
            with_suffix(&db, "-wal"),
            with_suffix(&db, "-shm"),
            link,
            sym,
            dir.path().join(".").join("y.db"),
        ] {
            assert!(
                matches!(check_target(&t, &p, true), Err(OutError::IsDatabase(_))),
                "{t:?}"
            );
        }
    }

    #[test]
    fn existing_files_need_force_and_only_ordinary_unused_ones() {
        let dir = tempfile::tempdir().unwrap();
        let p = Protected::database(&dir.path().join("y.db"));
        let other = dir.path().join("other.csv");
        std::fs::write(&other, b"old").unwrap();
        assert!(matches!(
            check_target(&other, &p, false),
            Err(OutError::Exists(_))
        ));
        assert!(check_target(&other, &p, true).is_ok());
        std::fs::write(with_suffix(&other, "-shm"), b"").unwrap();
        assert!(matches!(
            check_target(&other, &p, true),
            Err(OutError::InUse(_))
        ));
        assert!(matches!(
            check_target(dir.path(), &p, true),
            Err(OutError::NotAFile(_))
        ));
    }

    #[test]
    fn a_dropped_file_leaves_nothing_and_a_committed_one_is_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = Protected::default();
        let target = dir.path().join("out.csv");
        {
            let mut s = Staged::new(&target, &p, false).unwrap();
            s.write_all(b"half").unwrap();
        }
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
        write_all(&target, &p, false, b"whole").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"whole");
        let mode = std::fs::metadata(&target).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        assert!(write_all(&target, &p, false, b"again").is_err());
        assert_eq!(std::fs::read(&target).unwrap(), b"whole");
    }

    #[test]
    fn uri_like_names_stay_file_names() {
        let dir = tempfile::tempdir().unwrap();
        let t = dir.path().join("file:x?mode=memory");
        let abs = absolute(&t).unwrap();
        assert!(abs.is_absolute());
        assert!(abs.to_string_lossy().starts_with('/'));
    }
}
