//! The screens on a test backend: every tab, forms, keys, snapshots, and the never-panic drive.
//! Tests that draw hold `crate::common::screen::lang_lock`.

mod tui_customers;
mod tui_deals;
mod tui_never_panic;
mod tui_people;
mod tui_scorecards;
mod tui_shell;
mod tui_targets;
mod tui_visits;
