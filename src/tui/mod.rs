//! The terminal user interface: five tabs over the store (README, The TUI).

pub mod app;
pub mod ctx;
pub mod effect;
pub mod keymap;
pub mod layout;
pub mod loader;
pub mod tab;
pub mod tabs;
pub mod theme;
pub mod view;
pub mod widgets;

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;

use crate::env::Env;
use crate::store::{Actor, Migrated, Store};
use crate::t;
use app::App;

/// How often the screen checks for other sessions' writes (`PRAGMA data_version`).
const TICK: Duration = Duration::from_millis(250);
/// How often the loop looks for a finished read while one runs.
const LOAD_POLL: Duration = Duration::from_millis(10);

pub fn run(env: Env) -> anyhow::Result<()> {
    // Checked before the database is touched: `ssh host salestrack` without `-t`, or a script
    // that forgot its subcommand, gets a sentence instead of a panic and no new file.
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(anyhow::anyhow!(t!("tui.no_terminal")));
    }
    // A uid with no passwd entry may read a database but never creates one: it could not be
    // its first manager, and nobody else could then write to the file it left.
    let mut store = match Actor::read_only(&env.login).require_identity() {
        Ok(()) => Store::create_or_open(&env.db_path, env.clock)?,
        Err(e) if !env.db_path.exists() => return Err(e.into()),
        Err(_) => Store::open(&env.db_path, env.clock)?,
    };
    let fresh = store.opened == Migrated::Created;
    if fresh {
        store.init_first_manager(&env.login, &whoami::realname())?;
    }
    let me = store.actor_for(&env.login)?;
    let actor = match &env.as_login {
        Some(other) => store.act_as(&me, other)?,
        None => me,
    };
    // A manager's old config.toml rules go into the database once (env::adopt),
    // before the pool rules below are read from it.
    let as_other = env.as_login.is_some();
    let adopted = crate::env::adopt(&mut store, &env.login, as_other, &env.settings)?;
    // The pool rules, when a team turns them on, run when a manager opens the screens.
    let pool = store.rules()?.pool;
    let swept = if pool.enabled && actor.is_manager() {
        store.pool_sweep(&actor, false)?.len()
    } else {
        0
    };
    let mut app = App::new(store, actor, &env.settings)?;
    if swept > 0 {
        app.message = Some(t!("tui.swept", count = swept));
    }
    if let Some(notice) = env.config_notice {
        app.message = Some(notice);
    }
    // Last, so it wins the one status line: it also says where the rules are now.
    if let Some(said) = adopted {
        app.message = Some(said);
    }
    if fresh {
        app.offer_demo();
    }

    // `try_init`, not `init`: a terminal that refuses raw mode is an error to report, not a
    // panic. It installs ratatui's restoring hook; ours goes on top so it runs first.
    let mut terminal = match ratatui::try_init() {
        Ok(t) => t,
        Err(e) => {
            ratatui::restore();
            return Err(failed(e.into()));
        }
    };
    install_panic_hook();
    // Bracketed paste: a paste arrives as one text event, never as keys that could save a
    // form or delete a record, and a megabyte of it costs one event, not a million.
    let _ = execute!(std::io::stdout(), EnableMouseCapture, EnableBracketedPaste);
    let result = event_loop(&mut terminal, &mut app);
    let _ = execute!(
        std::io::stdout(),
        DisableBracketedPaste,
        DisableMouseCapture
    );
    ratatui::restore();
    result.map_err(failed)
}

/// An error that ended the screens: logged, and said with where the log is (README, Files and configuration: logs).
fn failed(e: anyhow::Error) -> anyhow::Error {
    tracing::error!("tui: {e:#}");
    let log = log_path();
    e.context(t!("tui.failed", log = log))
}

fn log_path() -> String {
    crate::logging::log_dir()
        .map(|d| d.display().to_string())
        .unwrap_or_default()
}

/// On a panic the terminal is restored first, so the message is readable, and the user is
/// told where the log is.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(
            std::io::stdout(),
            DisableBracketedPaste,
            DisableMouseCapture
        );
        ratatui::restore();
        tracing::error!("panic: {info}");
        eprintln!("{}", t!("error.panic", log = log_path()));
        previous(info);
    }));
}

fn event_loop(terminal: &mut DefaultTerminal, app: &mut App) -> anyhow::Result<()> {
    let size = terminal.size()?;
    app.resize(size.width, size.height);
    let mut last_tick = Instant::now();
    loop {
        terminal.draw(|frame| view::draw(app, frame))?;
        if app.should_quit() {
            return Ok(());
        }
        let mut wait = TICK.saturating_sub(last_tick.elapsed());
        if app.loading() {
            // A read is running on the worker: look for its result often.
            wait = wait.min(LOAD_POLL);
        }
        if event::poll(wait)? {
            app.handle_event(event::read()?);
        }
        app.pump();
        if last_tick.elapsed() >= TICK {
            app.tick();
            last_tick = Instant::now();
        }
    }
}
