//! The rollup tables of migrations 0002, 0007 and 0008 are kept by triggers; this recomputes them from the
//! records, for a check (the tests compare both) or a repair.

use rusqlite::TransactionBehavior;

use crate::store::{Result, Store};

/// Fills every rollup from the records (those of migration 0002, the deals' of 0007, the
/// customers' of 0008).
pub(crate) const FILL: &str = concat!(
    include_str!("migrations/visits_fill.sql"),
    include_str!("migrations/rollups_fill.sql"),
    include_str!("migrations/deals_fill.sql"),
    include_str!("migrations/customers_fill.sql")
);

/// Fills `rollup_customers` alone (after a large import).
pub(crate) const CUSTOMERS_FILL: &str = include_str!("migrations/customers_fill.sql");

/// Fills `rollup_visits` alone (written, on time, expenses, joined), after a large import of
/// visits emptied it.
pub(crate) const VISITS_FILL: &str = include_str!("migrations/visits_fill.sql");

/// Empties the rollups, before `FILL`.
pub(crate) const EMPTY: &str = "DELETE FROM rollup_visits; DELETE FROM rollup_payments;
     DELETE FROM first_wins; DELETE FROM rollup_deals; DELETE FROM rollup_customers;";

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
