//! The scripting face: parse, build the context (settings, clock, database, who you are),
//! run one command. Errors go to stderr with a non-zero exit (see `main.rs`).

pub mod args;
pub mod contacts;
pub mod customers;
pub mod deals;
pub mod output;
pub mod reports;
pub mod reps;
pub mod scorecards;
pub mod server;
pub mod settings;
pub mod setup;
pub mod spreadsheet;
pub mod targets;
pub mod visits;

use std::path::PathBuf;

use anyhow::anyhow;

use crate::clock::Clock;
use crate::config::{self, Settings};
use crate::domain::text::printable;
use crate::domain::{FieldError, Reason};
use crate::i18n::{self, Lang};
use crate::store::access::NO_LOGIN;
use crate::store::{Actor, Store};
use crate::t;
use args::{Cli, Command};

/// What every command starts from.
pub struct Env {
    pub settings: Settings,
    pub clock: Clock,
    pub db_path: PathBuf,
    /// The OS login: who you are (README, Who you are).
    pub login: String,
    pub as_login: Option<String>,
    /// What was wrong with config.toml, if anything (the program runs on defaults).
    pub config_notice: Option<String>,
}

/// Reads settings and chooses the language: `--lang`, then config, then the environment.
/// A broken config file is reported on stderr and defaults are used.
pub fn prepare(cli: &Cli) -> anyhow::Result<Env> {
    let (settings, problem) = match config::config_path() {
        Some(path) => Settings::load(&path),
        None => (Settings::default(), None),
    };
    let lang = match &cli.lang {
        Some(code) => Some(Lang::parse(code).ok_or_else(|| {
            anyhow!(FieldError::new(
                "lang",
                code.as_str(),
                Reason::NotOneOf(Lang::CODES)
            ))
        })?),
        None => settings.language.as_deref().and_then(Lang::parse),
    };
    i18n::set_lang(lang.or_else(Lang::from_env).unwrap_or(Lang::En));
    // Said on stderr by the CLI, in the status line by the TUI (which owns the screen).
    // The path and the parser's message may quote the file: shown, not obeyed.
    let config_notice = problem.map(|p| {
        let path = p.path.display();
        let text = match p.line {
            Some(line) => t!(
                "error.config",
                path = path,
                line = line,
                message = p.message
            ),
            None => t!("error.config_no_line", path = path, message = p.message),
        };
        printable(&text).into_owned()
    });
    // Team rules left in config.toml are ignored; said the same way (a broken file has none).
    let config_notice = config_notice.or_else(|| settings::ignored_notice(&settings));
    let clock = Clock::from_env().map_err(|v| anyhow!(t!("error.bad_now", value = v)))?;
    // A team server's binary opens the team's database and no other (see `guard`).
    let env_db = std::env::var_os(config::DB_ENV)
        .filter(|p| !p.is_empty())
        .map(PathBuf::from);
    let team = crate::install::team_database(
        cli.db.as_deref(),
        env_db.as_deref(),
        settings.db_path.as_deref(),
    )
    .map_err(|r| anyhow!(server::start_refusal(&r)))?;
    let db_path = match team {
        Some(db) => db,
        None => config::resolve_db_path(cli.db.as_deref(), &settings)
            .ok_or_else(|| anyhow!(t!("error.no_data_dir")))?,
    };
    Ok(Env {
        settings,
        clock,
        db_path,
        login: os_login()?,
        as_login: cli.as_login.clone(),
        config_notice,
    })
}

/// The OS login name of the process's real user, or `NO_LOGIN` when its uid has no passwd
/// entry: whoami's `username()` would then say "unknown", a login any such uid would share.
/// The real uid, never the effective one or the environment: that is who typed the command.
pub fn os_login() -> anyhow::Result<String> {
    let Some(name) = crate::guard::real_login() else {
        return Ok(NO_LOGIN.to_string());
    };
    if name.trim().is_empty() {
        return Err(anyhow!(t!("error.unknown_login")));
    }
    Ok(name)
}

impl Env {
    /// Opens the existing database. Its team rules are its own (`Store::rules`); a
    /// manager's old config.toml rules are copied into it once (`settings::adopt`).
    pub fn open(&self) -> anyhow::Result<Store> {
        let mut store = Store::open(&self.db_path, self.clock)?;
        let as_other = self.as_login.is_some();
        if let Some(said) = settings::adopt(&mut store, &self.login, as_other, &self.settings)? {
            eprintln!("{said}");
        }
        // Nobody's customers until `actor` says who reads (store::policy): a command that
        // never asks shows nothing rather than everything.
        store.set_viewer_nobody();
        Ok(store)
    }

    /// Who acts: the OS login, or with `--as` (managers only, audited) someone else. From
    /// here on the store shows what this actor may see (store::policy).
    pub fn actor(&self, store: &mut Store) -> anyhow::Result<Actor> {
        let me = store.actor_for(&self.login)?;
        let actor = match &self.as_login {
            Some(other) => store.act_as(&me, other)?,
            None => me,
        };
        store.set_viewer(&actor);
        Ok(actor)
    }
}

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
        Command::Init { shared } => setup::init(&env, shared),
        Command::Demo(a) => setup::demo(&env, &a),
        Command::Rep { command } => reps::run(&env, command),
        Command::Customer { command } => customers::run(&env, command),
        Command::Contact { command } => contacts::run(&env, command),
        Command::Agenda { rep, format } => deals::agenda(&env, rep, format),
        Command::Deal { command } => deals::run(&env, command),
        Command::Payment { command } => deals::payment(&env, command),
        Command::Target { command } => targets::run(&env, command),
        Command::Pool {
            command: args::PoolCommand::Sweep,
        } => reps::sweep(&env),
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
