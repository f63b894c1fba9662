//! `settings` lists the team's rules, `settings set KEY VALUE` changes one (managers; see
//! `store::settings`). Also how the CLI and the TUI speak of team rules still written in a
//! config.toml: ignored, with a notice saying where they live now, and copied into the
//! database once, by the first manager who opens it while it has none.

use std::io::Write;

use crate::cli::Env;
use crate::cli::args::{ListFormat, SettingsCommand};
use crate::cli::output::{col, print_list};
use crate::cli::setup::shown_path;
use crate::config::{self, Settings};
use crate::store::Store;
use crate::store::settings::Setting;
use crate::t;

pub fn run(env: &Env, command: Option<SettingsCommand>, format: ListFormat) -> anyhow::Result<()> {
    let mut store = env.open()?;
    // Also for the list: `--as` is refused for reps and audited for managers, as everywhere.
    let actor = env.actor(&mut store)?;
    match command {
        None => {
            let rows = store.settings()?;
            let yes = t!("settings.yes");
            print_list(
                &rows,
                format,
                &[
                    col("settings.col_key", |s: &Setting| s.key.to_string()),
                    col("settings.col_value", |s: &Setting| s.value.clone()),
                    col("settings.col_default", |s: &Setting| {
                        if s.default {
                            yes.to_string()
                        } else {
                            String::new()
                        }
                    }),
                    col("settings.col_by", |s: &Setting| {
                        s.updated_by.clone().unwrap_or_default()
                    }),
                    col("settings.col_at", |s: &Setting| {
                        s.updated_at.clone().unwrap_or_default()
                    }),
                ],
            )
        }
        Some(SettingsCommand::Set { key, value }) => {
            let c = store.set_setting(&actor, &key, &value)?;
            let text = if c.changed {
                t!("settings.changed", key = c.key, old = c.old, new = c.new)
            } else {
                t!("settings.unchanged", key = c.key, value = c.new)
            };
            // The currency is a stored text: shown, never obeyed by the terminal.
            let text = crate::domain::text::printable(&text).into_owned();
            writeln!(std::io::stdout().lock(), "{text}")?;
            Ok(())
        }
    }
}

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
    Ok(Some(crate::domain::text::printable(&text).into_owned()))
}

fn config_shown() -> String {
    config::config_path()
        .map(|p| shown_path(&p))
        .unwrap_or_else(|| "config.toml".into())
}
