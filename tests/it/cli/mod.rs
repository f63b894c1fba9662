//! The command line through the built binary: every command family, imports, reports, sync,
//! the shared file.

mod cli_archive;
mod cli_deals;
mod cli_demo;
mod cli_foundation;
mod cli_import;
mod cli_moving_in;
mod cli_people;
mod cli_report;
mod cli_report_charts;
mod cli_scorecards;
mod cli_shared;
mod cli_sync;
mod cli_targets;
mod tui_no_terminal;
