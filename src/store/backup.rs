//! `backup FILE`: a consistent copy of the database while others keep writing (SPEC §7), made
//! with `VACUUM INTO` (one read transaction, so the copy is one moment of the data). The copy
//! is written through `outfile::Staged`: never onto the database or its sidecars, never over
//! an existing file unasked, 0600 from its first byte, renamed into place only when whole.

use std::path::Path;

use crate::outfile::{Protected, Staged};
use crate::store::{Result, Store, StoreError};

impl Store {
    pub fn backup_to(&self, target: &Path, force: bool) -> Result<()> {
        let protect = Protected::database(self.path());
        let mut staged = Staged::new(target, &protect, force).map_err(StoreError::output)?;
        staged.close();
        // An absolute path: SQLite would read `file:…` as a URI.
        let tmp = staged.tmp_path().to_string_lossy().into_owned();
        self.conn().execute("VACUUM INTO ?1", [tmp.as_str()])?;
        staged.commit().map_err(StoreError::output)?;
        Ok(())
    }
}
