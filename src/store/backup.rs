//! `backup FILE`: a consistent copy of the database while others keep writing (README, A team server over SSH), made
//! with `VACUUM INTO` (one read transaction, so the copy is one moment of the data). The copy
//! is written through `outfile::Staged`: never onto the database or its sidecars, never over
//! an existing file unasked, 0600 from its first byte, renamed into place only when whole.

use std::path::Path;

use crate::outfile::{Protected, Staged};
use crate::store::sync::briefcase;
use crate::store::{Actor, Result, Store, StoreError};

impl Store {
    pub fn backup_to(&self, target: &Path, force: bool) -> Result<()> {
        self.vacuum_into(target, force, |_| Ok(()))
    }

    /// `backup` as `actor`: a manager's copy is the whole file; a rep's is their briefcase,
    /// only what they may see (see `store::sync::briefcase`); a login that is not a rep gets none.
    pub fn backup_for(&self, actor: &Actor, target: &Path, force: bool) -> Result<()> {
        if actor.is_manager() {
            return self.backup_to(target, force);
        }
        let holder = briefcase::holder_for(actor)?;
        self.vacuum_into(target, force, |copy| briefcase::cut(copy, &holder))
    }

    /// The copy written to a staged file, `finish`ed there (still not in place), then moved
    /// into place: a failure at any step leaves nothing at `target`.
    fn vacuum_into(
        &self,
        target: &Path,
        force: bool,
        finish: impl FnOnce(&Path) -> Result<()>,
    ) -> Result<()> {
        let protect = Protected::database(self.path());
        let mut staged = Staged::new(target, &protect, force).map_err(StoreError::output)?;
        staged.close();
        // An absolute path: SQLite would read `file:…` as a URI.
        let tmp = staged.tmp_path().to_string_lossy().into_owned();
        self.conn().execute("VACUUM INTO ?1", [tmp.as_str()])?;
        finish(staged.tmp_path())?;
        staged.commit().map_err(StoreError::output)?;
        Ok(())
    }
}
