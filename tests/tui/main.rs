//! The screens on a test backend: every tab, forms, keys, snapshots, and the never-panic drive.
//! One binary, so the suite links once; tests that draw hold `common::screen::lang_lock`.

#[path = "../common/mod.rs"]
mod common;

mod tui_customers;
mod tui_deals;
mod tui_never_panic;
mod tui_scorecards;
mod tui_shell;
mod tui_targets;
mod tui_visits;
