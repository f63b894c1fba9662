//! salestrack: a terminal sales-team tracker over one SQLite file.
//!
//! `domain` is pure rules and types; `store` is the only place that speaks SQL; `cli` and
//! `tui` are the two faces, both started from an `env::Env` (who, which file, the clock). See docs/ARCHITECTURE.md for the shape.

pub mod cli;
pub mod clock;
pub mod config;
pub mod domain;
pub mod env;
pub mod guard;
pub mod i18n;
pub mod infile;
pub mod install;
pub mod logging;
pub mod messages;
pub mod outfile;
pub mod report;
pub mod store;
pub mod tui;
