//! What a run starts from, for both faces: who you are, which database file, the clock and
//! the settings (config.toml, with what it says of team rules). The CLI and the TUI take an
//! `Env` from `prepare`; nothing here knows of clap (the command line's few global options
//! arrive as plain values, `Flags`).

use std::path::{Path, PathBuf};

use anyhow::anyhow;

use crate::clock::Clock;
use crate::config::{self, Settings};
use crate::domain::text::{printable, shown_path};
use crate::domain::{FieldError, Reason};
use crate::i18n::{self, Lang};
use crate::store::access::NO_LOGIN;
use crate::store::{Actor, Store};
use crate::t;

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

/// What the command line says about the run itself (`--lang`, `--db`, `--as`), whatever the
/// command: `cli::args::Cli::env_flags`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Flags<'a> {
    pub lang: Option<&'a str>,
    pub db: Option<&'a Path>,
    pub as_login: Option<&'a str>,
}

/// Reads settings and chooses the language: `--lang`, then config, then the environment.
/// A broken config file is reported on stderr and defaults are used.
pub fn prepare(flags: Flags<'_>) -> anyhow::Result<Env> {
    let (settings, problem) = match config::config_path() {
        Some(path) => Settings::load(&path),
        None => (Settings::default(), None),
    };
    let lang = match flags.lang {
        Some(code) => Some(Lang::parse(code).ok_or_else(|| {
            anyhow!(FieldError::new("lang", code, Reason::NotOneOf(Lang::CODES)))
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
    let config_notice = config_notice.or_else(|| ignored_notice(&settings));
    let clock = Clock::from_env().map_err(|v| anyhow!(t!("error.bad_now", value = v)))?;
    // A team server's binary opens the team's database and no other (see `guard`).
    let env_db = std::env::var_os(config::DB_ENV)
        .filter(|p| !p.is_empty())
        .map(PathBuf::from);
    let team =
        crate::install::team_database(flags.db, env_db.as_deref(), settings.db_path.as_deref())
            .map_err(|r| anyhow!(r.to_string()))?;
    let db_path = match team {
        Some(db) => db,
        None => config::resolve_db_path(flags.db, &settings)
            .ok_or_else(|| anyhow!(t!("error.no_data_dir")))?,
    };
    Ok(Env {
        settings,
        clock,
        db_path,
        login: os_login()?,
        as_login: flags.as_login.map(str::to_owned),
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
    /// manager's old config.toml rules are copied into it once (`adopt`).
    pub fn open(&self) -> anyhow::Result<Store> {
        let mut store = Store::open(&self.db_path, self.clock)?;
        let as_other = self.as_login.is_some();
        if let Some(said) = adopt(&mut store, &self.login, as_other, &self.settings)? {
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

// How the CLI and the TUI speak of team rules still written in a config.toml: ignored,
// with a notice saying where they live now, and copied into the database once, by the
// first manager who opens it while it has none (`store::settings`).

/// The notice for a config.toml that still sets team rules: they are ignored, and where
/// they are now. Said like a broken config (stderr in the CLI, the status line in the TUI).
pub fn ignored_notice(settings: &Settings) -> Option<String> {
    let found = settings.team_rules();
    if found.is_empty() {
        return None;
    }
    let keys: Vec<&str> = found.iter().map(|(k, _)| *k).collect();
    Some(t!(
        "settings.ignored",
        path = config_shown(),
        keys = keys.join(", ")
    ))
}

/// Copies the team rules of the user's config.toml into the database, once: only when the
/// OS login is a manager acting as themselves (with `--as` they act as someone else, who
/// may be a rep, and the copy waits for their next plain run), and only while the database
/// has no rule set at all (`Store::adopt_config_rules`). The sentence to show when it did.
///
/// Why copy at all: a team that set its claim limit or currency in the manager's
/// config.toml keeps it after the upgrade, instead of silently falling back to defaults.
/// Why only once: after that, the database is the one place rules are changed.
pub fn adopt(
    store: &mut Store,
    login: &str,
    acting_as: bool,
    settings: &Settings,
) -> anyhow::Result<Option<String>> {
    let found = settings.team_rules();
    if found.is_empty() || acting_as {
        return Ok(None);
    }
    let me = store.actor_for(login)?;
    let Some(done) = store.adopt_config_rules(&me, &found)? else {
        return Ok(None);
    };
    let sep = t!("sync.separator");
    let copied: Vec<String> = done
        .copied
        .iter()
        .map(|(k, v)| format!("{k} = {v}"))
        .collect();
    let mut text = t!(
        "settings.adopted",
        path = config_shown(),
        list = copied.join(sep)
    );
    if !done.skipped.is_empty() {
        let skipped: Vec<String> = done
            .skipped
            .iter()
            .map(|(k, v, why)| format!("{k} = {v} ({why})"))
            .collect();
        text.push_str(&t!("settings.not_adopted", list = skipped.join(sep)));
    }
    Ok(Some(printable(&text).into_owned()))
}

fn config_shown() -> String {
    config::config_path()
        .map(|p| shown_path(&p))
        .unwrap_or_else(|| "config.toml".into())
}
