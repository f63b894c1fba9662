//! A key as the keymap writes it: parsed from text (the defaults file and config.toml's
//! `[keys]` alike), matched against a terminal's key event, and printed for the help so that
//! what is printed reads back as the same key.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

/// Parses a key as written in config.toml: `x`, `Ctrl-X`, `Alt-x`, `Tab`, `Shift-Tab`, `Esc`,
/// `Enter`, `Space`, `Backspace`, `Delete`, `Insert`, `Home`, `End`, `PgDn`, `PgUp`, `Up`,
/// `Down`, `Left`, `Right` (or the arrows `↑↓←→`), `F1`…, `U+00A0`. Names and the `Ctrl-`
/// and `Alt-` prefixes take any case; a single character is itself. Every `Key::label`
/// reads back as its key.
pub fn parse_key(s: &str) -> Option<Key> {
    let mut rest = s.trim();
    let mut mods = KeyModifiers::NONE;
    loop {
        if let Some(r) = strip_prefix_ignoring_case(rest, "ctrl-") {
            mods |= KeyModifiers::CONTROL;
            rest = r;
        } else if let Some(r) = strip_prefix_ignoring_case(rest, "alt-") {
            mods |= KeyModifiers::ALT;
            rest = r;
        } else {
            break;
        }
    }
    let code = match named_key(rest) {
        Some(code) => code,
        None => {
            let mut chars = rest.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => KeyCode::Char(c),
                _ => return None,
            }
        }
    };
    let code = match code {
        // Terminals send Ctrl with the lower-case letter.
        KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => {
            KeyCode::Char(c.to_ascii_lowercase())
        }
        code => code,
    };
    Some(Key { code, mods })
}

/// `s` without `prefix` (any case), when something is left after it: `Ctrl--` is Ctrl and `-`.
fn strip_prefix_ignoring_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    let rest = &s[prefix.len()..];
    (head.eq_ignore_ascii_case(prefix) && !rest.is_empty()).then_some(rest)
}

/// A key written by name (any case), a function key `F5`, or a character by code point.
fn named_key(s: &str) -> Option<KeyCode> {
    let lower = s.to_lowercase();
    let code = match lower.as_str() {
        "tab" => KeyCode::Tab,
        "shift-tab" | "backtab" => KeyCode::BackTab,
        "esc" | "escape" => KeyCode::Esc,
        "enter" | "return" => KeyCode::Enter,
        "space" => KeyCode::Char(' '),
        "backspace" => KeyCode::Backspace,
        "delete" | "del" => KeyCode::Delete,
        "insert" | "ins" => KeyCode::Insert,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "pgdn" | "pagedown" => KeyCode::PageDown,
        "pgup" | "pageup" => KeyCode::PageUp,
        "up" | "↑" => KeyCode::Up,
        "down" | "↓" => KeyCode::Down,
        "left" | "←" => KeyCode::Left,
        "right" | "→" => KeyCode::Right,
        _ => {
            if let Some(n) = lower.strip_prefix('f').filter(|n| !n.is_empty()) {
                return n.parse().ok().map(KeyCode::F);
            }
            let hex = lower.strip_prefix("u+").filter(|h| !h.is_empty())?;
            return u32::from_str_radix(hex, 16)
                .ok()
                .and_then(char::from_u32)
                .map(KeyCode::Char);
        }
    };
    Some(code)
}

impl Key {
    pub(crate) fn matches(&self, ev: &KeyEvent) -> bool {
        // Terminals report Shift with upper-case letters and some symbols; the character is
        // what counts there.
        let mods = ev.modifiers - KeyModifiers::SHIFT;
        let want = self.mods - KeyModifiers::SHIFT;
        match (self.code, ev.code) {
            (KeyCode::BackTab, KeyCode::BackTab) => true,
            (a, b) => a == b && mods == want,
        }
    }

    /// As shown in the help: `j`, `Tab`, `PgDn`, `Ctrl-C`, `Alt-x`, `F5`, `Space`. The
    /// parser (`parse_key`) reads every label back as the same key.
    pub fn label(&self) -> String {
        let ctrl = self.mods.contains(KeyModifiers::CONTROL);
        let base = match self.code {
            KeyCode::Char(' ') => "Space".into(),
            // Invisible, or drawn like an arrow key: spelled by code point.
            KeyCode::Char(c) if c.is_control() || c.is_whitespace() || ARROWS.contains(&c) => {
                format!("U+{:04X}", c as u32)
            }
            KeyCode::Char(c) if ctrl => c.to_ascii_uppercase().to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Delete => "Delete".into(),
            KeyCode::Insert => "Insert".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        let mut label = String::new();
        if ctrl {
            label.push_str("Ctrl-");
        }
        if self.mods.contains(KeyModifiers::ALT) {
            label.push_str("Alt-");
        }
        label + &base
    }
}

/// How the help draws the arrow keys (so these characters themselves are labelled `U+…`).
pub(crate) const ARROWS: [char; 4] = ['↓', '↑', '←', '→'];
