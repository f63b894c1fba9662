//! The keys in force: the key table with the `[keys]` overrides of config.toml applied.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::tui::keys::{Action, BINDINGS, Key, Scope, key};

/// One binding as the running program has it: the defaults, with the config's overrides.
#[derive(Debug, Clone)]
struct Live {
    keys: Vec<Key>,
    action: Action,
    help: &'static str,
    scope: Scope,
}

/// The keys in force: `BINDINGS`, with `[keys]` from config.toml applied.
#[derive(Debug, Clone)]
pub struct KeyMap {
    bindings: Vec<Live>,
}

impl Default for KeyMap {
    fn default() -> Self {
        KeyMap {
            bindings: BINDINGS
                .iter()
                .map(|b| Live {
                    keys: b.keys.to_vec(),
                    action: b.action,
                    help: b.help,
                    scope: b.scope,
                })
                .collect(),
        }
    }
}

/// Parses a key as written in config.toml: `x`, `Ctrl-X`, `Tab`, `Esc`, `PgDn`, …
pub fn parse_key(s: &str) -> Option<Key> {
    let s = s.trim();
    if let Some(rest) = s.strip_prefix("Ctrl-").or_else(|| s.strip_prefix("ctrl-")) {
        let mut chars = rest.chars();
        return match (chars.next(), chars.next()) {
            (Some(c), None) => Some(Key {
                code: KeyCode::Char(c.to_ascii_lowercase()),
                mods: KeyModifiers::CONTROL,
            }),
            _ => None,
        };
    }
    let named = match s.to_ascii_lowercase().as_str() {
        "tab" => Some(KeyCode::Tab),
        "esc" => Some(KeyCode::Esc),
        "enter" => Some(KeyCode::Enter),
        "pgdn" | "pagedown" => Some(KeyCode::PageDown),
        "pgup" | "pageup" => Some(KeyCode::PageUp),
        "home" => Some(KeyCode::Home),
        "end" => Some(KeyCode::End),
        "up" => Some(KeyCode::Up),
        "down" => Some(KeyCode::Down),
        _ => None,
    };
    if let Some(code) = named {
        return Some(Key {
            code,
            mods: KeyModifiers::NONE,
        });
    }
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Some(key(c)),
        _ => None,
    }
}

impl KeyMap {
    /// The defaults with `overrides` (action name → key) applied. An unknown action, a key
    /// that does not parse, or one already taken is left out and returned as a problem, so
    /// a typo in the config never takes a key away.
    pub fn with_overrides<'a>(
        overrides: impl IntoIterator<Item = (&'a String, &'a String)>,
    ) -> (KeyMap, Vec<String>) {
        let mut map = KeyMap::default();
        let mut problems = Vec::new();
        for (name, value) in overrides {
            let Some(i) = map
                .bindings
                .iter()
                .position(|b| b.help.strip_prefix("keys.") == Some(name.as_str()))
            else {
                problems.push(format!("keys.{name}"));
                continue;
            };
            let Some(new) = parse_key(value) else {
                problems.push(format!("keys.{name} = {value:?}"));
                continue;
            };
            let probe = KeyEvent::new(new.code, new.mods);
            if map
                .bindings
                .iter()
                .enumerate()
                .any(|(j, b)| j != i && b.keys.iter().any(|k| k.matches(&probe)))
            {
                problems.push(format!("keys.{name} = {value:?}"));
                continue;
            }
            map.bindings[i].keys = vec![new];
        }
        (map, problems)
    }

    /// The action a key press means in any of `scopes`.
    pub fn lookup(&self, ev: &KeyEvent, scopes: &[Scope]) -> Option<Action> {
        self.bindings
            .iter()
            .filter(|b| scopes.contains(&b.scope))
            .find(|b| b.keys.iter().any(|k| k.matches(ev)))
            .map(|b| b.action)
    }

    /// The help lines for `scopes`: (keys, description key). `1`…`5` share one line.
    pub fn help_lines(&self, scopes: &[Scope]) -> Vec<(String, &'static str)> {
        let mut lines: Vec<(String, &'static str)> = Vec::new();
        for b in self.bindings.iter().filter(|b| scopes.contains(&b.scope)) {
            let keys: Vec<String> = b.keys.iter().map(Key::label).collect();
            if b.help.is_empty() {
                // A continuation of the line above (the tab numbers).
                if let Some(last) = lines.last_mut() {
                    last.0 = format!(
                        "{}…{}",
                        last.0.split('…').next().unwrap_or(""),
                        keys.join(" ")
                    );
                }
                continue;
            }
            lines.push((keys.join(" "), b.help));
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    fn lookup(ev: &KeyEvent, scopes: &[Scope]) -> Option<Action> {
        KeyMap::default().lookup(ev, scopes)
    }

    fn help_lines(scopes: &[Scope]) -> Vec<(String, &'static str)> {
        KeyMap::default().help_lines(scopes)
    }

    #[test]
    fn keys_map_to_actions_in_their_scope_only() {
        let all = [Scope::Everywhere, Scope::Table];
        assert_eq!(
            lookup(&press(KeyCode::Char('j'), KeyModifiers::NONE), &all),
            Some(Action::Down)
        );
        assert_eq!(
            lookup(&press(KeyCode::Char('G'), KeyModifiers::SHIFT), &all),
            Some(Action::Bottom)
        );
        assert_eq!(
            lookup(&press(KeyCode::Char('c'), KeyModifiers::CONTROL), &all),
            Some(Action::ForceQuit)
        );
        assert_eq!(
            lookup(&press(KeyCode::Char('c'), KeyModifiers::NONE), &all),
            None
        );
        assert_eq!(
            lookup(
                &press(KeyCode::Char('j'), KeyModifiers::NONE),
                &[Scope::Everywhere]
            ),
            None
        );
        assert_eq!(
            lookup(&press(KeyCode::Char('3'), KeyModifiers::NONE), &all),
            Some(Action::GoTab(2))
        );
    }

    #[test]
    fn help_is_made_from_the_table() {
        let lines = help_lines(&[Scope::Everywhere]);
        assert!(
            lines
                .iter()
                .any(|(k, h)| k == "1…5" && *h == "keys.goto_tab"),
            "{lines:?}"
        );
        assert!(lines.iter().any(|(k, _)| k == "Ctrl-C"));
        assert!(lines.iter().all(|(_, h)| !h.is_empty()));
    }

    #[test]
    fn overrides_replace_keys_and_show_in_the_help() {
        let overrides: std::collections::BTreeMap<String, String> = [
            ("quit".to_string(), "Q".to_string()),
            ("filter".to_string(), "Ctrl-F".to_string()),
        ]
        .into();
        let (map, problems) = KeyMap::with_overrides(&overrides);
        assert!(problems.is_empty(), "{problems:?}");
        let all = [Scope::Everywhere, Scope::Table];
        assert_eq!(
            map.lookup(&press(KeyCode::Char('Q'), KeyModifiers::SHIFT), &all),
            Some(Action::Quit)
        );
        assert_eq!(
            map.lookup(&press(KeyCode::Char('q'), KeyModifiers::NONE), &all),
            None
        );
        assert_eq!(
            map.lookup(&press(KeyCode::Char('f'), KeyModifiers::CONTROL), &all),
            Some(Action::StartFilter)
        );
        let help = map.help_lines(&all);
        assert!(
            help.iter().any(|(k, h)| k == "Q" && *h == "keys.quit"),
            "{help:?}"
        );
        assert!(
            help.iter()
                .any(|(k, h)| k == "Ctrl-F" && *h == "keys.filter"),
            "{help:?}"
        );
    }

    #[test]
    fn bad_overrides_are_reported_and_change_nothing() {
        let overrides: std::collections::BTreeMap<String, String> = [
            ("quitt".to_string(), "x".to_string()),
            ("help".to_string(), "two".to_string()),
            ("quit".to_string(), "j".to_string()),
        ]
        .into();
        let (map, problems) = KeyMap::with_overrides(&overrides);
        assert_eq!(problems.len(), 3, "{problems:?}");
        let all = [Scope::Everywhere, Scope::Table];
        assert_eq!(
            map.lookup(&press(KeyCode::Char('q'), KeyModifiers::NONE), &all),
            Some(Action::Quit)
        );
        assert_eq!(
            map.lookup(&press(KeyCode::Char('j'), KeyModifiers::NONE), &all),
            Some(Action::Down)
        );
    }
}
