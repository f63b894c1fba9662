//! The scripting face: parse, then run one command from the context `env::prepare` built
//! (settings, clock, database, who you are). Errors go to stderr with a non-zero exit (see
//! `main.rs`).

pub mod args;
mod audit;
pub mod contacts;
pub mod customers;
mod deals;
pub mod help_zh;
pub mod output;
pub mod progress;
pub mod reports;
pub mod reps;
pub mod scorecards;
pub mod server;
pub mod settings;
pub mod setup;
pub mod spreadsheet;
pub mod targets;
pub mod visits;

use anyhow::anyhow;

use crate::env::Env;
use crate::store::Actor;
use args::{Cli, Command};

/// Runs a subcommand; `None` (no subcommand) is handled by `main`, which opens the TUI.
pub fn run(cli: Cli, env: Env) -> anyhow::Result<()> {
    let Some(command) = cli.command else {
        return Err(anyhow!("no command"));
    };
    if let Some(notice) = &env.config_notice {
        eprintln!("{notice}");
    }
    if matches!(command, Command::Init { .. } | Command::Demo(_)) {
        // Refused before they create the database file: nobody could write to it after.
        Actor::read_only(&env.login).require_identity()?;
    }
    match command {
        Command::Init { shared, team } => setup::init(&env, shared, team.as_deref()),
        Command::Demo(a) => setup::demo(&env, &a),
        Command::Rep { command } => reps::run(&env, command),
        Command::Customer { command } => customers::run(&env, command),
        Command::Contact { command } => contacts::run(&env, command),
        Command::Agenda { rep, format } => deals::agenda(&env, rep, format),
        Command::Audit { command } => audit::run(&env, command),
        Command::Deal { command } => deals::run(&env, command),
        Command::Payment { command } => deals::payment(&env, command),
        Command::Target { command } => targets::run(&env, command),
        Command::Pool {
            command: args::PoolCommand::Sweep { dry_run },
        } => reps::sweep(&env, dry_run),
        Command::Visit { command } => visits::run(&env, command),
        Command::Kpi {
            period,
            team,
            format,
        } => scorecards::kpi(&env, &period, team.as_deref(), format),
        Command::Rate(a) => scorecards::rate(&env, a),
        Command::Settings { command, format } => settings::run(&env, command, format),
        Command::Backup { file, force } => setup::backup(&env, &file, force),
        // `main` runs these before `prepare`, which refuses a broken installation.
        Command::ServerSetup(a) => server::setup(Some(&env.db_path), &a),
        Command::Doctor(a) => server::doctor(&a),
        Command::Sync { path, json } => setup::sync(&env, &path, json),
        Command::Template { command } => scorecards::template(&env, command),
        Command::Report {
            period,
            format,
            output,
            force,
        } => reports::run(&env, &period, &format, output.as_deref(), force),
    }
}
