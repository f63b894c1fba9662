//! The rollup tables of migration 0002 are kept by triggers; this recomputes them from the
//! records, for a check (the tests compare both) or a repair.

use rusqlite::TransactionBehavior;

use crate::store::{Result, Store};

pub(crate) const FILL: &str = include_str!("migrations/rollups_fill.sql");

/// Empties the rollups, before `FILL`.
pub(crate) const EMPTY: &str =
    "DELETE FROM rollup_visits; DELETE FROM rollup_payments; DELETE FROM first_wins;";

impl Store {
    /// Empties the rollups and fills them again from the records, in one transaction.
    pub fn rebuild_rollups(&mut self) -> Result<()> {
        let tx = self
            .conn_mut()
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(EMPTY)?;
        tx.execute_batch(FILL)?;
        tx.commit()?;
        Ok(())
    }
}
