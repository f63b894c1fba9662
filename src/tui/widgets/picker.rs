//! The customer picker of a form (a visit's, a deal's): as letters are typed, the customers
//! the actor may work on whose names match them in order.

use crate::store::{Actor, Store};
use crate::t;
use crate::tui::widgets::form::{Form, PICKS};

/// Looks up the focused picker's candidates after its text changed.
pub fn refresh(store: &Store, actor: &Actor, form: &mut Form) {
    let Some(typed) = form.picker_query().map(str::to_string) else {
        return;
    };
    form.set_candidates(candidates(store, actor, &typed));
}

/// The picker's candidates for `typed`: customers the actor may log a visit on.
pub fn candidates(store: &Store, actor: &Actor, typed: &str) -> Vec<(String, String)> {
    let pool = t!("status.pool");
    store
        .pick_customers(actor, typed, PICKS)
        .unwrap_or_default()
        .into_iter()
        .map(|p| {
            let owner = p.owner_login.unwrap_or_else(|| pool.to_string());
            (p.id, format!("{}  ({owner})", p.name))
        })
        .collect()
}
