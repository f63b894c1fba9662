//! The integration tests, as one binary so the suite links once after a change to the library
//! (each test binary links all of `salestrack` and its dependencies again). The groups:
//!
//! - `store` — the store on temporary databases: rules, roles and scopes, metrics, rollups,
//!   sync, demo data, bad files;
//! - `cli` — every command family through the built binary;
//! - `tui` — the screens on a test backend, with insta snapshots in `tui/snapshots/`, and the
//!   never-panic drive;
//! - `robustness` — one module per family of attacks a careless or hostile user makes;
//! - `i18n_catalogue` — every key the code asks for is in both catalogues;
//! - `architecture` — no import circle in the TUI or the store, no tab naming the shell.
//!
//! The language is process-wide and every group shares this process: a test that sets it, draws,
//! or reads a translated text holds `common::screen::lang_lock` for as long as it does.
//! Apart, because they need a process of their own or drive real processes for long:
//! `tests/e2e_tmux.rs`, `tests/crash_safety.rs` and `tests/tui_no_color.rs`.

mod common;

mod architecture;
mod cli;
mod i18n_catalogue;
mod robustness;
mod store;
mod tui;
