//! The customer picker of a form (a visit's, a deal's): as letters are typed, the customers
//! the actor may work on whose names match them in order.

use crate::store::{Actor, Store};
use crate::t;
use crate::tui::widgets::form::{Form, PICKS};

/// The focused picker's text when its candidates are to be looked up (it changed), marking
/// them asked for.
pub fn to_look_up(form: &mut Form) -> Option<String> {
    let typed = form.picker_query()?.to_string();
    form.candidates_asked();
    Some(typed)
}

/// The picker's candidates for `typed`: customers the actor may log a visit on.
pub fn candidates(store: &Store, actor: &Actor, typed: &str) -> Vec<(String, String)> {
    let pool = t!("status.pool");
    store
        .pick_customers(actor, typed, PICKS)
        .unwrap_or_default()
        .into_iter()
        .map(|p| {
            let owner = p.owner_name.unwrap_or_else(|| pool.to_string());
            (p.id, format!("{}  ({owner})", p.name))
        })
        .collect()
}
