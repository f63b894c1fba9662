//! `backup FILE`: a consistent copy of the database while others keep writing (SPEC §7), made
//! with `VACUUM INTO` (one read transaction, so the copy is one moment of the data). It is
//! written beside the target under a temporary name and renamed into place, so a copy cut
//! short never looks finished, and it is readable by its owner only, like a new database.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use crate::store::{Result, Store, StoreError};

impl Store {
    pub fn backup_to(&self, target: &Path, force: bool) -> Result<()> {
        if target.exists() && !force {
            return Err(StoreError::rule(
                "error.backup_exists",
                &[("path", &target.display())],
            ));
        }
        let mut tmp = target.as_os_str().to_owned();
        tmp.push(".partial");
        let tmp = std::path::PathBuf::from(tmp);
        let _ = std::fs::remove_file(&tmp);
        self.conn()
            .execute("VACUUM INTO ?1", [tmp.to_string_lossy().as_ref()])?;
        std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(0o600))?;
        std::fs::rename(&tmp, target)?;
        Ok(())
    }
}
