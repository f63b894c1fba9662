//! The keys in force: the default keymap (`defaults.toml`, data read by the same parser as
//! the overrides) with the `[keys]` overrides of config.toml applied. The handlers look keys
//! up here and the help overlay is drawn from here, so the help can never disagree with what
//! the keys do.

mod action;
mod key;

pub use action::{Action, Scope, screen};
pub use key::{Key, parse_key};

use ratatui::crossterm::event::KeyEvent;
use serde::Deserialize;

/// One binding as the running program has it: the defaults, with the config's overrides.
#[derive(Debug, Clone)]
struct Live {
    keys: Vec<Key>,
    action: Action,
    /// The message describing it in the help; empty continues the line above.
    help: String,
    scope: Scope,
}

/// The keys in force: `defaults.toml`, with `[keys]` from config.toml applied.
#[derive(Debug, Clone)]
pub struct KeyMap {
    bindings: Vec<Live>,
}

const DEFAULTS: &str = include_str!("defaults.toml");

/// `defaults.toml` as written.
#[derive(Deserialize)]
struct File {
    bind: Vec<Written>,
}

#[derive(Deserialize)]
struct Written {
    on: String,
    action: String,
    keys: Vec<String>,
    help: String,
}

/// The default bindings, or what is wrong with the file (the test
/// `the_defaults_read_whole` keeps it right; a binding that does not read is left out).
fn defaults() -> (Vec<Live>, Vec<String>) {
    let file: File = match toml::from_str(DEFAULTS) {
        Ok(f) => f,
        Err(e) => return (Vec::new(), vec![e.to_string()]),
    };
    let mut problems = Vec::new();
    let mut live = Vec::new();
    for w in file.bind {
        let keys: Option<Vec<Key>> = w.keys.iter().map(|k| parse_key(k)).collect();
        match (keys, Action::named(&w.action), Scope::named(&w.on)) {
            (Some(keys), Some(action), Some(scope)) if !keys.is_empty() => live.push(Live {
                keys,
                action,
                help: w.help,
                scope,
            }),
            _ => problems.push(format!("{} {} {:?}", w.on, w.action, w.keys)),
        }
    }
    (live, problems)
}

impl Default for KeyMap {
    fn default() -> Self {
        KeyMap {
            bindings: defaults().0,
        }
    }
}

impl KeyMap {
    /// The defaults with `overrides` (action name → key) applied. A name is that of a help
    /// line (`down`, `edit`, `win`…) and the key replaces that line's keys in every scope
    /// that has it. An unknown name, a key that does not parse, or a key another action
    /// already has on a screen where this one is in force (`screen::ALL`) is left out and
    /// returned as a problem, so a typo in the config never takes a key away.
    pub fn with_overrides<'a>(
        overrides: impl IntoIterator<Item = (&'a String, &'a String)>,
    ) -> (KeyMap, Vec<String>) {
        let mut map = KeyMap::default();
        let mut problems = Vec::new();
        for (name, value) in overrides {
            let named: Vec<usize> = (0..map.bindings.len())
                .filter(|&i| map.bindings[i].help.strip_prefix("keys.") == Some(name.as_str()))
                .collect();
            if named.is_empty() {
                problems.push(format!("keys.{name}"));
                continue;
            }
            let Some(new) = parse_key(value) else {
                problems.push(format!("keys.{name} = {value:?}"));
                continue;
            };
            if map.taken(&new, &named) {
                problems.push(format!("keys.{name} = {value:?}"));
                continue;
            }
            for i in named {
                map.bindings[i].keys = vec![new];
            }
        }
        (map, problems)
    }

    /// Whether `key` is another binding's than `own`'s on a screen where one of `own` is
    /// in force.
    fn taken(&self, key: &Key, own: &[usize]) -> bool {
        let probe = KeyEvent::new(key.code, key.mods);
        screen::ALL
            .iter()
            .filter(|s| own.iter().any(|&i| s.contains(&self.bindings[i].scope)))
            .any(|s| {
                self.bindings.iter().enumerate().any(|(j, b)| {
                    !own.contains(&j)
                        && s.contains(&b.scope)
                        && b.keys.iter().any(|k| k.matches(&probe))
                })
            })
    }

    /// Every key in force in `scopes`, with its action, in the help's order.
    pub fn keys_in(&self, scopes: &[Scope]) -> Vec<(Key, Action)> {
        self.bindings
            .iter()
            .filter(|b| scopes.contains(&b.scope))
            .flat_map(|b| b.keys.iter().map(|k| (*k, b.action)))
            .collect()
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
    pub fn help_lines(&self, scopes: &[Scope]) -> Vec<(String, &str)> {
        let mut lines: Vec<(String, &str)> = Vec::new();
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
            lines.push((keys.join(" "), &b.help));
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    fn lookup(ev: &KeyEvent, scopes: &[Scope]) -> Option<Action> {
        KeyMap::default().lookup(ev, scopes)
    }

    fn help_lines(scopes: &[Scope]) -> Vec<(String, String)> {
        KeyMap::default()
            .help_lines(scopes)
            .into_iter()
            .map(|(k, h)| (k, h.to_string()))
            .collect()
    }

    #[test]
    fn the_defaults_read_whole() {
        let (live, problems) = defaults();
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(live.len(), DEFAULTS.matches("[[bind]]").count());
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
                .any(|(k, h)| k == "1…6" && *h == "keys.goto_tab"),
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

    fn overridden(pairs: &[(&str, &str)]) -> (KeyMap, Vec<String>) {
        let overrides: std::collections::BTreeMap<String, String> = pairs
            .iter()
            .map(|(a, k)| (a.to_string(), k.to_string()))
            .collect();
        KeyMap::with_overrides(&overrides)
    }

    fn ch(c: char) -> KeyEvent {
        press(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn every_key_the_help_can_print_reads_back() {
        let mut codes: Vec<KeyCode> = (0..=0xFFFF)
            .chain([0x1F600, 0x20000, 0x10FFFF])
            .filter_map(char::from_u32)
            .map(KeyCode::Char)
            .collect();
        codes.extend([
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Backspace,
            KeyCode::Delete,
            KeyCode::Insert,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::PageUp,
            KeyCode::PageDown,
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Left,
            KeyCode::Right,
        ]);
        codes.extend((0..=u8::MAX).map(KeyCode::F));
        let ctrl = KeyModifiers::CONTROL;
        let alt = KeyModifiers::ALT;
        for code in codes {
            for mods in [KeyModifiers::NONE, ctrl, alt, ctrl | alt] {
                let k = Key { code, mods };
                let label = k.label();
                let back = parse_key(&label);
                assert_eq!(
                    back.map(|b| b.label()),
                    Some(label.clone()),
                    "{k:?} prints as {label:?}"
                );
                // Ctrl comes with the lower-case letter, as terminals send it.
                let canonical = !(mods.contains(ctrl)
                    && matches!(code, KeyCode::Char(c) if c.is_ascii_uppercase()));
                if canonical {
                    assert_eq!(back, Some(k), "{k:?} prints as {label:?}");
                }
            }
        }
        // The table's own keys, as the help has always shown them.
        for b in &KeyMap::default().bindings {
            for k in &b.keys {
                assert_eq!(parse_key(&k.label()), Some(*k), "{k:?}");
            }
        }
    }

    #[test]
    fn the_parser_reads_named_keys_function_keys_and_alt() {
        let k = |code, mods| Some(Key { code, mods });
        let none = KeyModifiers::NONE;
        let cases = [
            ("Left", k(KeyCode::Left, none)),
            ("right", k(KeyCode::Right, none)),
            ("←", k(KeyCode::Left, none)),
            ("Space", k(KeyCode::Char(' '), none)),
            ("Backspace", k(KeyCode::Backspace, none)),
            ("Delete", k(KeyCode::Delete, none)),
            ("Del", k(KeyCode::Delete, none)),
            ("F5", k(KeyCode::F(5), none)),
            ("f12", k(KeyCode::F(12), none)),
            ("F", k(KeyCode::Char('F'), none)),
            ("Alt-x", k(KeyCode::Char('x'), KeyModifiers::ALT)),
            ("alt-X", k(KeyCode::Char('X'), KeyModifiers::ALT)),
            ("Shift-Tab", k(KeyCode::BackTab, none)),
            ("Ctrl-F", k(KeyCode::Char('f'), KeyModifiers::CONTROL)),
            (
                "Ctrl-Alt-Delete",
                k(KeyCode::Delete, KeyModifiers::CONTROL | KeyModifiers::ALT),
            ),
            ("Ctrl--", k(KeyCode::Char('-'), KeyModifiers::CONTROL)),
            ("-", k(KeyCode::Char('-'), none)),
            ("U+3000", k(KeyCode::Char('\u{3000}'), none)),
            ("Ctrl-", None),
            ("F999", None),
            ("two", None),
            ("", None),
        ];
        for (text, want) in cases {
            assert_eq!(parse_key(text), want, "{text:?}");
        }
        assert_eq!(parse_key("Alt-x").unwrap().label(), "Alt-x");
        assert_eq!(parse_key("space").unwrap().label(), "Space");
        assert_eq!(parse_key("F5").unwrap().label(), "F5");
    }

    #[test]
    fn an_override_applies_in_every_scope_that_binds_the_action() {
        let (map, problems) = overridden(&[("down", "n"), ("edit", "E")]);
        assert!(problems.is_empty(), "{problems:?}");
        let mut down_screens = 0;
        for screen in screen::ALL {
            let binds_down = KeyMap::default()
                .bindings
                .iter()
                .any(|b| b.help == "keys.down" && screen.contains(&b.scope));
            if binds_down {
                down_screens += 1;
                assert_eq!(
                    map.lookup(&ch('n'), screen),
                    Some(Action::Down),
                    "{screen:?}"
                );
                assert_eq!(map.lookup(&ch('j'), screen), None, "{screen:?}");
                assert_eq!(
                    map.lookup(&press(KeyCode::Down, KeyModifiers::NONE), screen),
                    None,
                    "{screen:?}"
                );
                assert!(
                    map.help_lines(screen)
                        .iter()
                        .any(|(k, h)| k == "n" && *h == "keys.down"),
                    "{screen:?}"
                );
            }
        }
        // The lists, the agenda, the targets grid, the scorecards, the People tab and the
        // audit log.
        assert_eq!(down_screens, 8);
        // `edit` is the help line of that name wherever it is; the Targets' `s` (set the
        // target) and a customer's next contact are lines of their own and keep their keys.
        for screen in [
            screen::CUSTOMERS,
            screen::CUSTOMER_DETAIL,
            screen::VISITS,
            screen::VISIT_DETAIL,
            screen::DEALS,
            screen::DEAL_DETAIL,
        ] {
            let shift_e = press(KeyCode::Char('E'), KeyModifiers::SHIFT);
            assert_eq!(
                map.lookup(&shift_e, screen),
                Some(Action::Edit),
                "{screen:?}"
            );
            assert_eq!(map.lookup(&ch('e'), screen), None, "{screen:?}");
        }
        assert_eq!(map.lookup(&ch('s'), screen::TARGETS), Some(Action::Edit));
        assert_eq!(
            map.lookup(&ch('j'), screen::CUSTOMER_DETAIL),
            Some(Action::Down)
        );
    }

    #[test]
    fn a_key_conflicts_only_on_a_screen_where_both_are_in_force() {
        // The agenda is on the Visits list; `w` wins a deal on the Deals tab only.
        let (map, problems) = overridden(&[("agenda", "w")]);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(map.lookup(&ch('w'), screen::VISITS), Some(Action::Agenda));
        assert_eq!(map.lookup(&ch('o'), screen::VISITS), None);
        assert_eq!(map.lookup(&ch('w'), screen::DEALS), Some(Action::Win));
        assert_eq!(map.lookup(&ch('w'), screen::DEAL_DETAIL), Some(Action::Win));
        // And the other way round: win takes the agenda's `o`, on both deal screens.
        let (map, problems) = overridden(&[("win", "o")]);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(map.lookup(&ch('o'), screen::DEALS), Some(Action::Win));
        assert_eq!(map.lookup(&ch('o'), screen::DEAL_DETAIL), Some(Action::Win));
        assert_eq!(map.lookup(&ch('o'), screen::VISITS), Some(Action::Agenda));

        // Refused where both would be in force: the visits' own filter, `/` beside every
        // list's quick filter, down beside the targets' metric, a period key beside split.
        for (name, key) in [
            ("agenda", "f"),
            ("filter", "f"),
            ("down", "m"),
            ("period_back", "x"),
            ("quit", "j"),
        ] {
            let (map, problems) = overridden(&[(name, key)]);
            assert_eq!(problems.len(), 1, "{name} = {key}: {problems:?}");
            let fresh = KeyMap::default();
            for screen in screen::ALL {
                for c in ['f', 'm', 'x', 'j', 'o', '/', 'q', '['] {
                    assert_eq!(map.lookup(&ch(c), screen), fresh.lookup(&ch(c), screen));
                }
            }
        }
    }
}
