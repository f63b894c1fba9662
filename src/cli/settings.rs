//! `settings` lists the team's rules, `settings set KEY VALUE` changes one (managers; see
//! `store::settings`). Team rules still written in a config.toml are `env::ignored_notice`
//! and `env::adopt`.

use std::io::Write;

use crate::cli::args::{ListFormat, SettingsCommand};
use crate::cli::output::{col, print_list};
use crate::env::Env;
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
