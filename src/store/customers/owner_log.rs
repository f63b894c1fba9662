//! The one way an owner changes: the customer row and its ownership history, with an audit
//! entry, inside the caller's transaction (claim, release, assign, create, handover, sweep).

use rusqlite::{OptionalExtension, Transaction};

use crate::domain::{OwnershipReason, ids};
use crate::store::{Actor, Result, WriteCtx, audit};

/// Moves `customer` to `to` (None: the pool) inside the caller's transaction, and records it.
pub(crate) fn change_owner(
    tx: &Transaction,
    ctx: &WriteCtx,
    actor: &Actor,
    customer_id: &str,
    to: Option<&str>,
    why: OwnershipReason,
) -> Result<()> {
    let from: Option<String> = tx
        .query_row(
            "SELECT owner_id FROM customers WHERE id = ?1",
            [customer_id],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    tx.prepare_cached(
        "UPDATE customers SET owner_id = ?2, updated_at = ?3, updated_by = ?4 WHERE id = ?1",
    )?
    .execute((customer_id, to, &ctx.now, &ctx.login))?;
    tx.prepare_cached(
        "INSERT INTO ownership_changes (id, customer_id, from_rep_id, to_rep_id, why, changed_by,
             changed_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute((
        ids::new_id().to_string(),
        customer_id,
        from,
        to,
        why.code(),
        &ctx.login,
        &ctx.now,
    ))?;
    let action = format!("customer.{}", why.code());
    audit::record(tx, ctx, actor, &action, Some(("customer", customer_id)), to)
}
