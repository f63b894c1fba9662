//! A form in a dialog: text fields and pick-lists. Tab and Shift-Tab (or the arrows) move
//! between fields, Left/Right or Space change a pick-list, Ctrl-S or Enter on the last field
//! saves, Esc cancels. A refused value is named beside its field (SPEC §2).

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::t;
use crate::tui::theme::Theme;
use crate::tui::view::{centred, fit};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Text(String),
    /// (stored code, label as shown) pairs and the chosen one; a code of "" means none.
    Choice {
        options: Vec<(String, String)>,
        index: usize,
    },
    /// Text that narrows a list of (id, label) candidates the owner of the form supplies;
    /// the value is the id of the one chosen.
    Picker {
        query: String,
        candidates: Vec<(String, String)>,
        highlight: usize,
        chosen: Option<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The field's key: its label is `field.<key>`, and refusals name it.
    pub key: &'static str,
    pub input: Input,
    pub error: Option<String>,
}

impl Field {
    pub fn text(key: &'static str, value: impl Into<String>) -> Field {
        Field {
            key,
            input: Input::Text(value.into()),
            error: None,
        }
    }

    pub fn picker(key: &'static str) -> Field {
        Field {
            key,
            input: Input::Picker {
                query: String::new(),
                candidates: Vec::new(),
                highlight: 0,
                chosen: None,
            },
            error: None,
        }
    }

    /// A pick-list of (code, label) options, starting at `current` (else the first).
    pub fn choice(key: &'static str, options: Vec<(String, String)>, current: &str) -> Field {
        let index = options.iter().position(|(c, _)| c == current).unwrap_or(0);
        Field {
            key,
            input: Input::Choice { options, index },
            error: None,
        }
    }
}

/// How many picker candidates are shown under the field.
pub const PICKS: usize = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormEvent {
    None,
    Save,
    Cancel,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    /// The title's i18n key.
    pub title: &'static str,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// A problem that belongs to no one field.
    pub message: Option<String>,
    pub dirty: bool,
    /// A picker's text changed: its candidates should be looked up again.
    pub needs_candidates: bool,
    /// Lines shown under the fields: what saving will do (a split's children).
    pub notes: Vec<String>,
}

impl Form {
    pub fn new(title: &'static str, fields: Vec<Field>) -> Form {
        Form {
            title,
            fields,
            focus: 0,
            message: None,
            dirty: false,
            needs_candidates: false,
            notes: Vec::new(),
        }
    }

    /// The text of a text field, the code chosen in a pick-list, the id chosen in a picker.
    pub fn value(&self, key: &str) -> &str {
        match self.fields.iter().find(|f| f.key == key).map(|f| &f.input) {
            Some(Input::Text(s)) => s,
            Some(Input::Choice { options, index }) => {
                options.get(*index).map_or("", |o| o.0.as_str())
            }
            Some(Input::Picker { chosen, .. }) => chosen.as_deref().unwrap_or(""),
            None => "",
        }
    }

    pub fn clear_errors(&mut self) {
        self.message = None;
        for f in &mut self.fields {
            f.error = None;
        }
    }

    /// Puts `message` beside field `key`, or above the fields when no field has that key.
    pub fn refuse(&mut self, key: &str, message: String) {
        match self.fields.iter().position(|f| f.key == key) {
            Some(i) => {
                self.fields[i].error = Some(message);
                self.focus = i;
            }
            None => self.message = Some(message),
        }
    }

    pub fn has_errors(&self) -> bool {
        self.message.is_some() || self.fields.iter().any(|f| f.error.is_some())
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> FormEvent {
        let last = self.fields.len().saturating_sub(1);
        if key.modifiers.contains(KeyModifiers::CONTROL) {
            return if key.code == KeyCode::Char('s') {
                FormEvent::Save
            } else {
                FormEvent::None
            };
        }
        if self.picker_key(key.code) {
            return FormEvent::None;
        }
        match key.code {
            KeyCode::Esc => return FormEvent::Cancel,
            KeyCode::Enter if self.focus == last => return FormEvent::Save,
            KeyCode::Enter | KeyCode::Tab | KeyCode::Down => {
                self.focus = (self.focus + 1).min(last)
            }
            KeyCode::BackTab | KeyCode::Up => self.focus = self.focus.saturating_sub(1),
            code => self.edit(code),
        }
        FormEvent::None
    }

    /// Keys a focused picker with candidates takes: ↑/↓ move, Enter or Tab choose and go on.
    fn picker_key(&mut self, code: KeyCode) -> bool {
        let Some(Field {
            input:
                Input::Picker {
                    query,
                    candidates,
                    highlight,
                    chosen,
                },
            error,
            ..
        }) = self.fields.get_mut(self.focus)
        else {
            return false;
        };
        if candidates.is_empty() {
            return false;
        }
        match code {
            KeyCode::Down => *highlight = (*highlight + 1).min(candidates.len() - 1),
            KeyCode::Up => *highlight = highlight.saturating_sub(1),
            KeyCode::Enter | KeyCode::Tab => {
                let (id, label) = candidates[*highlight].clone();
                *chosen = Some(id);
                *query = label;
                candidates.clear();
                *error = None;
                self.focus = (self.focus + 1).min(self.fields.len() - 1);
            }
            _ => return false,
        }
        true
    }

    /// The focused picker's text, when its candidates are due to be looked up.
    pub fn picker_query(&self) -> Option<&str> {
        match self.fields.get(self.focus).map(|f| &f.input) {
            Some(Input::Picker { query, .. }) if self.needs_candidates => Some(query),
            _ => None,
        }
    }

    pub fn set_candidates(&mut self, list: Vec<(String, String)>) {
        self.needs_candidates = false;
        if let Some(Field {
            input:
                Input::Picker {
                    candidates,
                    highlight,
                    ..
                },
            ..
        }) = self.fields.get_mut(self.focus)
        {
            *candidates = list;
            *highlight = 0;
        }
    }

    fn edit(&mut self, code: KeyCode) {
        let Some(field) = self.fields.get_mut(self.focus) else {
            return;
        };
        match (&mut field.input, code) {
            (Input::Text(s), KeyCode::Char(c)) => {
                push_line(s, c.encode_utf8(&mut [0; 4]), FIELD_MAX_CHARS);
            }
            (Input::Text(s), KeyCode::Backspace) => {
                s.pop();
            }
            (Input::Choice { options, index }, KeyCode::Right | KeyCode::Char(' ')) => {
                *index = (*index + 1) % options.len().max(1);
            }
            (Input::Choice { options, index }, KeyCode::Left) => {
                *index = (*index + options.len().max(1) - 1) % options.len().max(1);
            }
            (Input::Picker { query, chosen, .. }, KeyCode::Char(c)) => {
                query.push(c);
                *chosen = None;
                self.needs_candidates = true;
            }
            (Input::Picker { query, chosen, .. }, KeyCode::Backspace) => {
                query.pop();
                *chosen = None;
                self.needs_candidates = true;
            }
            _ => return,
        }
        field.error = None;
        self.dirty = true;
    }

    /// Text pasted into the focused field: one line (newlines and tabs become spaces, other
    /// control characters are dropped), cut at `FIELD_MAX_CHARS`. A paste is text, never
    /// keys, so a pasted newline can neither save the form nor reach the screen behind it.
    pub fn paste(&mut self, text: &str) -> Pasted {
        let Some(field) = self.fields.get_mut(self.focus) else {
            return Pasted::NotText;
        };
        let target = match &mut field.input {
            Input::Text(s) => s,
            Input::Picker { query, chosen, .. } => {
                *chosen = None;
                self.needs_candidates = true;
                query
            }
            Input::Choice { .. } => return Pasted::NotText,
        };
        let cut = push_line(target, text, FIELD_MAX_CHARS);
        field.error = None;
        self.dirty = true;
        if cut { Pasted::Cut } else { Pasted::Taken }
    }
}

/// The longest value a form field takes: far beyond any name, address or note a person
/// types, small enough that a megabyte pasted by mistake costs nothing to hold or draw.
pub const FIELD_MAX_CHARS: usize = 2000;

/// What became of a paste.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pasted {
    Taken,
    /// Taken up to the field's length; the rest was dropped.
    Cut,
    /// The focused field takes no text (a choice).
    NotText,
}

/// Appends `text` to `s` as one line of at most `max` characters in all; true when some of
/// `text` did not fit. Linear in what is kept, however long the paste.
pub fn push_line(s: &mut String, text: &str, max: usize) -> bool {
    let mut room = max.saturating_sub(s.chars().count());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let c = match c {
            // A CR LF pair becomes one space, not two.
            '\r' if chars.peek() == Some(&'\n') => continue,
            '\n' | '\r' | '\t' => ' ',
            c if c.is_control() => continue,
            c => c,
        };
        if room == 0 {
            return true;
        }
        s.push(c);
        room -= 1;
    }
    false
}

pub fn draw(form: &Form, theme: &Theme, frame: &mut Frame, area: Rect) {
    let label_width = form
        .fields
        .iter()
        .map(|f| t!(&format!("field.{}", f.key)).width())
        .max()
        .unwrap_or(0);
    let width = area.width.saturating_sub(4).clamp(10, 76);
    let value_width = (width as usize).saturating_sub(label_width + 6);
    let mut lines: Vec<Line> = Vec::new();
    if let Some(m) = &form.message {
        lines.push(Line::from(Span::styled(
            fit(m, width as usize - 2),
            theme.error,
        )));
    }
    for (i, f) in form.fields.iter().enumerate() {
        let label = t!(&format!("field.{}", f.key));
        let pad = " ".repeat(label_width - label.width());
        let focused = i == form.focus;
        let value = match &f.input {
            Input::Text(s) if focused => format!("{s}▏"),
            Input::Text(s) => s.clone(),
            Input::Picker { query, chosen, .. } => {
                let mark = if chosen.is_some() { " ✓" } else { "" };
                if focused {
                    format!("{query}▏{mark}")
                } else {
                    format!("{query}{mark}")
                }
            }
            Input::Choice { options, index } => {
                let shown = options.get(*index).map_or(String::new(), |(c, l)| {
                    if c.is_empty() {
                        t!("tui.none").to_string()
                    } else {
                        l.clone()
                    }
                });
                format!("‹ {shown} ›")
            }
        };
        let style = if focused {
            theme.selected
        } else {
            theme.dialog
        };
        let mut spans = vec![
            Span::styled(format!(" {label}{pad} "), theme.header),
            Span::styled(fit(&value, value_width), style),
        ];
        if let Some(e) = &f.error {
            // Beside the field when there is room, else on the next line.
            let room =
                (width as usize).saturating_sub(label_width + value.width().min(value_width) + 5);
            if e.width() <= room {
                spans.push(Span::styled(format!("  {e}"), theme.error));
                lines.push(Line::from(spans));
            } else {
                lines.push(Line::from(spans));
                let indent = " ".repeat(label_width + 2);
                lines.push(Line::from(Span::styled(
                    fit(&format!("{indent}{e}"), width as usize - 2),
                    theme.error,
                )));
            }
            continue;
        }
        lines.push(Line::from(spans));
        if let Input::Picker {
            candidates,
            highlight,
            ..
        } = &f.input
        {
            if focused {
                for (j, (_, label)) in candidates.iter().enumerate().take(PICKS) {
                    let style = if j == *highlight {
                        theme.selected
                    } else {
                        theme.dim
                    };
                    let indent = " ".repeat(label_width + 2);
                    lines.push(Line::from(Span::styled(
                        fit(&format!("{indent}{label}"), width as usize - 2),
                        style,
                    )));
                }
            }
        }
    }
    for note in &form.notes {
        let text = fit(&format!(" {note}"), width as usize - 2);
        lines.push(Line::from(Span::styled(text, theme.dim)));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        format!(" {}", t!("tui.form_keys")),
        theme.dim.add_modifier(Modifier::ITALIC),
    )));
    let r = centred(frame, area, width, lines.len() as u16 + 2);
    let title = fit(t!(form.title), r.width.saturating_sub(2) as usize);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(title)
        .style(theme.dialog);
    frame.render_widget(Paragraph::new(lines).block(block), r);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(form: &mut Form, code: KeyCode) -> FormEvent {
        form.handle_key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    fn sample() -> Form {
        let grades = ["A", "B", "C", "D"]
            .map(|g| (g.to_string(), g.to_string()))
            .to_vec();
        Form::new(
            "tui.form_customer_add",
            vec![Field::text("name", ""), Field::choice("grade", grades, "C")],
        )
    }

    #[test]
    fn typing_moving_choosing_and_saving() {
        let mut form = sample();
        for c in "华为".chars() {
            press(&mut form, KeyCode::Char(c));
        }
        assert_eq!(form.value("name"), "华为");
        assert_eq!(press(&mut form, KeyCode::Tab), FormEvent::None);
        assert_eq!(form.value("grade"), "C");
        press(&mut form, KeyCode::Left);
        press(&mut form, KeyCode::Left);
        assert_eq!(form.value("grade"), "A");
        press(&mut form, KeyCode::Left);
        assert_eq!(form.value("grade"), "D", "pick-lists wrap around");
        assert_eq!(
            press(&mut form, KeyCode::Enter),
            FormEvent::Save,
            "Enter on the last field"
        );
        assert!(form.dirty);
        assert_eq!(
            form.handle_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)),
            FormEvent::Save
        );
        assert_eq!(press(&mut form, KeyCode::Esc), FormEvent::Cancel);
    }

    #[test]
    fn a_refusal_lands_on_its_field_and_editing_clears_it() {
        let mut form = sample();
        press(&mut form, KeyCode::Tab);
        form.refuse("name", "name is required".into());
        assert_eq!(form.focus, 0, "the refused field takes the focus");
        assert!(form.has_errors());
        press(&mut form, KeyCode::Char('x'));
        assert!(!form.has_errors());
        form.refuse("owner", "not a field here".into());
        assert_eq!(form.message.as_deref(), Some("not a field here"));
    }
}
