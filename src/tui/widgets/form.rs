//! A form in a dialog: text fields and pick-lists. Tab and Shift-Tab (or the arrows) move
//! between fields, Left/Right or Space change a pick-list, Ctrl-S or Enter on the last field
//! saves, Esc cancels (asking first when something was typed). A refused value is named
//! beside its field (README, The TUI). Text fields edit anywhere: Left/Right, Home/End, Backspace and
//! Delete (and the usual Ctrl keys of `tui-input`) work at the cursor, and the terminal's own
//! cursor is put where typing goes, so an input method's candidate window follows the field.

use ratatui::Frame;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use tui_input::InputRequest;
use tui_input::backend::crossterm::to_input_request;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::t;
use crate::tui::theme::Theme;
use crate::tui::widgets::layout::{centred, fit};

/// A line of text and the cursor in it (a `tui_input::Input`): what a text field and a
/// picker's query hold.
#[derive(Debug, Clone, Default)]
pub struct TextInput(tui_input::Input);

impl PartialEq for TextInput {
    fn eq(&self, other: &TextInput) -> bool {
        self.value() == other.value() && self.cursor() == other.cursor()
    }
}

impl Eq for TextInput {}

impl TextInput {
    /// `value` with the cursor at its end, where an edit form starts.
    pub fn new(value: String) -> TextInput {
        TextInput(tui_input::Input::new(value))
    }

    pub fn value(&self) -> &str {
        self.0.value()
    }

    /// How many characters are before the cursor.
    pub fn cursor(&self) -> usize {
        self.0.cursor()
    }

    /// The text before and after the cursor.
    pub fn split(&self) -> (&str, &str) {
        let value = self.value();
        let at = value
            .char_indices()
            .nth(self.cursor())
            .map_or(value.len(), |(i, _)| i);
        value.split_at(at)
    }

    /// Puts `text` in at the cursor, as `push_line` would (one line, at most `max`
    /// characters in all), and moves the cursor past it. True when some did not fit.
    pub fn insert_line(&mut self, text: &str, max: usize) -> bool {
        let mut piece = String::new();
        let cut = push_line(
            &mut piece,
            text,
            max.saturating_sub(self.value().chars().count()),
        );
        if !piece.is_empty() {
            let (before, after) = self.split();
            let cursor = self.cursor() + piece.chars().count();
            let value = format!("{before}{piece}{after}");
            self.0 = tui_input::Input::new(value).with_cursor(cursor);
        }
        cut
    }

    /// A key typed into the field: a character goes in at the cursor (capped at
    /// `FIELD_MAX_CHARS`), the rest move or delete as `tui-input` does. True when the text
    /// changed.
    fn key(&mut self, key: KeyEvent) -> bool {
        let request = match key.code {
            KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                InputRequest::InsertChar(c)
            }
            _ => match to_input_request(&Event::Key(key)) {
                Some(request) => request,
                None => return false,
            },
        };
        match request {
            InputRequest::InsertChar(c) => {
                let before = self.value().len();
                self.insert_line(c.encode_utf8(&mut [0; 4]), FIELD_MAX_CHARS);
                self.value().len() != before
            }
            request => self.0.handle(request).is_some_and(|changed| changed.value),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Text(TextInput),
    /// (stored code, label as shown) pairs and the chosen one; a code of "" means none.
    Choice {
        options: Vec<(String, String)>,
        index: usize,
    },
    /// Text that narrows a list of (id, label) candidates the owner of the form supplies;
    /// the value is the id of the one chosen.
    Picker {
        query: TextInput,
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
            input: Input::Text(TextInput::new(value.into())),
            error: None,
        }
    }

    /// A picker already on one record (`id`, shown as `label`): the agenda's `a` knows the
    /// customer.
    pub fn picked(key: &'static str, id: String, label: String) -> Field {
        Field {
            key,
            input: Input::Picker {
                query: TextInput::new(label),
                candidates: Vec::new(),
                highlight: 0,
                chosen: Some(id),
            },
            error: None,
        }
    }

    pub fn picker(key: &'static str) -> Field {
        Field {
            key,
            input: Input::Picker {
                query: TextInput::default(),
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
    /// The user said yes to quitting with typed input (after Ctrl-C).
    Quit,
}

/// A question over the form before typed input is thrown away; it takes the keys: `y`
/// answers yes, `n` or Esc go back to the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asking {
    /// Esc: close the form without saving?
    Discard,
    /// Ctrl-C: quit the program without saving?
    Quit,
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
    /// A question before typed input is thrown away, while it is shown.
    pub asking: Option<Asking>,
    /// The fields as the form opened, to tell whether anything was typed since.
    opened: Vec<String>,
}

impl Form {
    pub fn new(title: &'static str, fields: Vec<Field>) -> Form {
        let opened = state(&fields);
        Form {
            title,
            fields,
            focus: 0,
            message: None,
            dirty: false,
            needs_candidates: false,
            notes: Vec::new(),
            asking: None,
            opened,
        }
    }

    /// The text of a text field, the code chosen in a pick-list, the id chosen in a picker.
    pub fn value(&self, key: &str) -> &str {
        match self.fields.iter().find(|f| f.key == key).map(|f| &f.input) {
            Some(Input::Text(s)) => s.value(),
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

    /// Whether the fields differ from how the form opened: typed into, a choice moved, a
    /// picker's text or choice changed. Typed and then put back as it was is no change.
    pub fn changed(&self) -> bool {
        state(&self.fields) != self.opened
    }

    /// Ctrl-C while the form is open: true to quit now (nothing typed, or Ctrl-C again while
    /// the question is up); else the form asks first and this is false.
    pub fn ask_quit(&mut self) -> bool {
        if self.asking == Some(Asking::Quit) || !self.changed() {
            return true;
        }
        self.asking = Some(Asking::Quit);
        false
    }

    pub fn has_errors(&self) -> bool {
        self.message.is_some() || self.fields.iter().any(|f| f.error.is_some())
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> FormEvent {
        if let Some(asking) = self.asking {
            return self.answer(asking, key);
        }
        let last = self.fields.len().saturating_sub(1);
        if key.modifiers.contains(KeyModifiers::CONTROL) {
            if key.code == KeyCode::Char('s') {
                return FormEvent::Save;
            }
            // Ctrl-A/E/U/W/K, Ctrl-←/→ … edit the focused text (`tui-input`'s keys).
            self.edit(key);
            return FormEvent::None;
        }
        if self.picker_key(key.code) {
            return FormEvent::None;
        }
        match key.code {
            KeyCode::Esc if self.changed() => self.asking = Some(Asking::Discard),
            KeyCode::Esc => return FormEvent::Cancel,
            KeyCode::Enter if self.focus == last => return FormEvent::Save,
            KeyCode::Enter | KeyCode::Tab | KeyCode::Down => {
                self.focus = (self.focus + 1).min(last)
            }
            KeyCode::BackTab | KeyCode::Up => self.focus = self.focus.saturating_sub(1),
            _ => self.edit(key),
        }
        FormEvent::None
    }

    /// A key while `asking` is shown: `y` answers yes, `n` or Esc go back to the form with
    /// everything as it was; other keys do nothing.
    fn answer(&mut self, asking: Asking, key: KeyEvent) -> FormEvent {
        match key.code {
            KeyCode::Char('y' | 'Y') => {
                self.asking = None;
                match asking {
                    Asking::Discard => FormEvent::Cancel,
                    Asking::Quit => FormEvent::Quit,
                }
            }
            KeyCode::Char('n' | 'N') | KeyCode::Esc => {
                self.asking = None;
                FormEvent::None
            }
            _ => FormEvent::None,
        }
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
                *query = TextInput::new(label);
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
            Some(Input::Picker { query, .. }) if self.needs_candidates => Some(query.value()),
            _ => None,
        }
    }

    /// The candidates for `query` were asked for: not again until the text changes.
    pub fn candidates_asked(&mut self) {
        self.needs_candidates = false;
    }

    /// Candidates found for `query`, offered when the focused picker still holds that text
    /// (they were looked up off the UI thread, and the user may have typed on or moved).
    pub fn offer_candidates(&mut self, query: &str, list: Vec<(String, String)>) {
        let current = match self.fields.get(self.focus).map(|f| &f.input) {
            Some(Input::Picker { query: q, .. }) => q.value() == query,
            _ => false,
        };
        if current {
            self.set_candidates(list);
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

    fn edit(&mut self, key: KeyEvent) {
        let Some(field) = self.fields.get_mut(self.focus) else {
            return;
        };
        let plain = !key.modifiers.contains(KeyModifiers::CONTROL);
        match (&mut field.input, key.code) {
            (Input::Text(s), _) => {
                if !s.key(key) {
                    return;
                }
            }
            (Input::Choice { options, index }, KeyCode::Right | KeyCode::Char(' ')) if plain => {
                *index = (*index + 1) % options.len().max(1);
            }
            (Input::Choice { options, index }, KeyCode::Left) if plain => {
                *index = (*index + options.len().max(1) - 1) % options.len().max(1);
            }
            (Input::Picker { query, chosen, .. }, _) => {
                if !query.key(key) {
                    return;
                }
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
        let Some(field) = self
            .fields
            .get_mut(self.focus)
            .filter(|_| self.asking.is_none())
        else {
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
        let cut = target.insert_line(text, FIELD_MAX_CHARS);
        field.error = None;
        self.dirty = true;
        if cut { Pasted::Cut } else { Pasted::Taken }
    }
}

/// What the fields hold, to compare with how they were: a text, a choice's place, a
/// picker's text and what it chose (not the cursor, nor the candidates shown).
fn state(fields: &[Field]) -> Vec<String> {
    fields
        .iter()
        .map(|f| match &f.input {
            Input::Text(s) => s.value().to_string(),
            Input::Choice { index, .. } => index.to_string(),
            Input::Picker { query, chosen, .. } => format!("{}\0{chosen:?}", query.value()),
        })
        .collect()
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
    // The caret's line and column in the box, for the terminal's cursor.
    let mut caret: Option<(usize, usize)> = None;
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
            Input::Text(s) | Input::Picker { query: s, .. } => {
                let mark = match &f.input {
                    Input::Picker {
                        chosen: Some(_), ..
                    } => " ✓",
                    _ => "",
                };
                if focused {
                    let (before, after) = s.split();
                    let (shown, at) = with_caret(before, after, mark, value_width);
                    caret = at.map(|x| (lines.len(), label_width + 2 + x));
                    shown
                } else {
                    format!("{}{mark}", s.value())
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
    if let Some(asking) = form.asking {
        draw_asking(asking, theme, frame, area);
    } else if let Some((line, column)) = caret {
        // The terminal's own cursor on the caret, inside the box's border: where an input
        // method shows what is being composed.
        let (x, y) = (r.x as usize + 1 + column, r.y as usize + 1 + line);
        if x + 1 < r.right() as usize && y + 1 < r.bottom() as usize {
            frame.set_cursor_position((x as u16, y as u16));
        }
    }
}

/// `before▏after` and then `mark`, cut to `width` columns so that the caret stays in view:
/// the start is shown when the caret fits there, else the text scrolls and starts with `…`.
/// The caret's column comes too, None when there is no room for it.
fn with_caret(before: &str, after: &str, mark: &str, width: usize) -> (String, Option<usize>) {
    let whole = format!("{before}▏{after}{mark}");
    let at = before.width();
    // `fit` keeps `width - 1` columns before its `…`.
    if whole.width() <= width || at + 2 <= width {
        let shown = fit(&whole, width);
        let at = (at < shown.width()).then_some(at);
        return (shown, at);
    }
    if width < 3 {
        return (fit(&whole, width), None);
    }
    // Scrolled: `…`, the end of `before`, the caret, and what of the rest fits (a little of
    // it when there is any, so that it is seen to be there).
    let tail = format!("{after}{mark}");
    let context = tail.width().min(width / 4);
    let room = width - 2 - context;
    let mut kept: Vec<char> = Vec::new();
    let mut used = 0;
    for c in before.chars().rev() {
        let w = c.width().unwrap_or(0);
        if used + w > room {
            break;
        }
        kept.push(c);
        used += w;
    }
    let start: String = kept.into_iter().rev().collect();
    let rest = fit(&tail, width - 2 - used);
    (format!("…{start}▏{rest}"), Some(1 + used))
}

/// The question over the form before typed input is thrown away.
fn draw_asking(asking: Asking, theme: &Theme, frame: &mut Frame, area: Rect) {
    let (title, question) = match asking {
        Asking::Discard => (t!("tui.discard_title"), t!("tui.discard_unsaved")),
        Asking::Quit => (t!("tui.quit_title"), t!("tui.quit_unsaved")),
    };
    let text = vec![
        Line::from(question),
        Line::from(""),
        Line::from(t!("tui.discard_keys")).style(theme.header),
    ];
    let r = centred(frame, area, 48, 7);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(title)
        .style(theme.dialog);
    frame.render_widget(
        Paragraph::new(text).wrap(Wrap { trim: true }).block(block),
        r,
    );
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
        assert_eq!(
            press(&mut form, KeyCode::Esc),
            FormEvent::None,
            "typed input: Esc asks first"
        );
        assert_eq!(press(&mut form, KeyCode::Char('y')), FormEvent::Cancel);
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

    fn typed(form: &mut Form, text: &str) {
        for c in text.chars() {
            press(form, KeyCode::Char(c));
        }
    }

    /// Candidates looked up off the UI thread reach the picker only while it still holds the
    /// text they were found for.
    #[test]
    fn late_candidates_for_older_text_are_dropped() {
        let mut form = Form::new("t", vec![Field::picker("customer")]);
        typed(&mut form, "ac");
        assert_eq!(form.picker_query(), Some("ac"));
        form.candidates_asked();
        assert_eq!(form.picker_query(), None, "asked once per text");
        typed(&mut form, "m");
        let found = vec![("1".to_string(), "Acme".to_string())];
        form.offer_candidates("ac", found.clone());
        let shown = |f: &Form| match &f.fields[0].input {
            Input::Picker { candidates, .. } => candidates.len(),
            _ => 0,
        };
        assert_eq!(shown(&form), 0, "found for `ac`, the field holds `acm`");
        form.offer_candidates("acm", found);
        assert_eq!(shown(&form), 1);
    }

    #[test]
    fn left_right_home_and_end_move_the_cursor_and_typing_goes_in_there() {
        let mut form = sample();
        typed(&mut form, "Acme");
        press(&mut form, KeyCode::Left);
        press(&mut form, KeyCode::Left);
        typed(&mut form, "X");
        assert_eq!(form.value("name"), "AcXme");
        press(&mut form, KeyCode::Home);
        typed(&mut form, "1");
        assert_eq!(form.value("name"), "1AcXme");
        press(&mut form, KeyCode::End);
        press(&mut form, KeyCode::Right);
        typed(&mut form, "2");
        assert_eq!(
            form.value("name"),
            "1AcXme2",
            "Right at the end stays there"
        );
        for _ in 0..10 {
            press(&mut form, KeyCode::Left);
        }
        typed(&mut form, "0");
        assert_eq!(
            form.value("name"),
            "01AcXme2",
            "Left at the start stays there"
        );
        // Chinese moves one character a key, like any other.
        let mut form = sample();
        typed(&mut form, "华为技术");
        press(&mut form, KeyCode::Left);
        press(&mut form, KeyCode::Left);
        typed(&mut form, "云");
        assert_eq!(form.value("name"), "华为云技术");
    }

    #[test]
    fn backspace_and_delete_work_in_the_middle() {
        let mut form = sample();
        typed(&mut form, "Acme Ltd");
        for _ in 0..4 {
            press(&mut form, KeyCode::Left);
        }
        press(&mut form, KeyCode::Backspace);
        assert_eq!(form.value("name"), "Acm Ltd");
        press(&mut form, KeyCode::Delete);
        assert_eq!(form.value("name"), "AcmLtd");
        press(&mut form, KeyCode::Home);
        press(&mut form, KeyCode::Backspace);
        assert_eq!(form.value("name"), "AcmLtd", "nothing before the start");
        press(&mut form, KeyCode::End);
        press(&mut form, KeyCode::Delete);
        assert_eq!(form.value("name"), "AcmLtd", "nothing after the end");
    }

    #[test]
    fn an_edit_form_starts_with_the_cursor_at_the_end_of_the_old_value() {
        let mut form = Form::new("tui.form_customer_edit", vec![Field::text("name", "Acme")]);
        typed(&mut form, " Ltd");
        assert_eq!(form.value("name"), "Acme Ltd");
    }

    #[test]
    fn a_paste_goes_in_at_the_cursor_as_one_line_and_is_capped() {
        let mut form = sample();
        typed(&mut form, "Acme");
        press(&mut form, KeyCode::Left);
        press(&mut form, KeyCode::Left);
        assert_eq!(form.paste("X\r\nY\t"), Pasted::Taken);
        assert_eq!(form.value("name"), "AcX Y me");
        typed(&mut form, "!");
        assert_eq!(
            form.value("name"),
            "AcX Y !me",
            "the cursor is after the paste"
        );
        // Near the cap, a paste in the middle keeps what was there and takes what fits.
        let mut form = sample();
        form.paste(&"x".repeat(FIELD_MAX_CHARS - 2));
        press(&mut form, KeyCode::Home);
        assert_eq!(form.paste("abcd"), Pasted::Cut);
        let name = form.value("name");
        assert_eq!(name.chars().count(), FIELD_MAX_CHARS);
        assert!(
            name.starts_with("abx") && name.ends_with("xxx"),
            "{name:.8}"
        );
        typed(&mut form, "z");
        assert_eq!(
            form.value("name").chars().count(),
            FIELD_MAX_CHARS,
            "typing is capped too"
        );
    }

    /// The cell the caret glyph is drawn in and where the terminal cursor was put, after
    /// drawing `form` on an 80×24 TestBackend.
    fn caret_and_cursor(form: &Form) -> ((u16, u16), (u16, u16)) {
        use ratatui::Terminal;
        use ratatui::backend::TestBackend;
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        let theme = Theme::choose(true, "");
        terminal.draw(|f| draw(form, &theme, f, f.area())).unwrap();
        let buffer = terminal.backend().buffer().clone();
        let caret = (0..24u16)
            .flat_map(|y| (0..80u16).map(move |x| (x, y)))
            .find(|&(x, y)| buffer[(x, y)].symbol() == "▏")
            .expect("a caret is drawn");
        let at = terminal.get_cursor_position().unwrap();
        (caret, (at.x, at.y))
    }

    #[test]
    fn the_terminal_cursor_is_put_on_the_caret_counting_wide_characters_as_two() {
        let mut form = sample();
        typed(&mut form, "Ac");
        let (caret, cursor) = caret_and_cursor(&form);
        assert_eq!(cursor, caret);
        let start = caret.0 - 2;
        typed(&mut form, "华为");
        let (caret, cursor) = caret_and_cursor(&form);
        assert_eq!(
            (cursor, caret.0),
            (caret, start + 2 + 4),
            "华 and 为 are two columns each"
        );
        press(&mut form, KeyCode::Left);
        let (caret, cursor) = caret_and_cursor(&form);
        assert_eq!((cursor, caret.0), (caret, start + 2 + 2));
        press(&mut form, KeyCode::Home);
        assert_eq!(caret_and_cursor(&form).1, (start, caret.1));
        // Far past the box's width the text scrolls so that the caret stays in view.
        press(&mut form, KeyCode::End);
        typed(&mut form, &"长".repeat(60));
        let (caret, cursor) = caret_and_cursor(&form);
        assert_eq!(cursor, caret);
        assert!(caret.0 < 78, "{caret:?}");
    }

    #[test]
    fn esc_asks_before_throwing_typed_input_away() {
        let mut form = sample();
        assert_eq!(
            press(&mut form, KeyCode::Esc),
            FormEvent::Cancel,
            "nothing typed"
        );
        typed(&mut form, "Acme");
        assert_eq!(press(&mut form, KeyCode::Esc), FormEvent::None);
        assert_eq!(form.asking, Some(Asking::Discard));
        typed(&mut form, "x");
        assert_eq!(form.value("name"), "Acme", "the question takes the keys");
        assert_eq!(press(&mut form, KeyCode::Char('n')), FormEvent::None);
        assert_eq!(form.asking, None);
        typed(&mut form, "!");
        assert_eq!(
            form.value("name"),
            "Acme!",
            "back in the form, the input kept"
        );
        press(&mut form, KeyCode::Esc);
        assert_eq!(
            press(&mut form, KeyCode::Esc),
            FormEvent::None,
            "Esc again goes back"
        );
        assert_eq!(form.asking, None);
        press(&mut form, KeyCode::Esc);
        assert_eq!(press(&mut form, KeyCode::Char('y')), FormEvent::Cancel);
        // A choice moved away from how it opened is input too; moved back, it is not.
        let mut form = sample();
        press(&mut form, KeyCode::Tab);
        press(&mut form, KeyCode::Left);
        assert_eq!(press(&mut form, KeyCode::Esc), FormEvent::None);
        press(&mut form, KeyCode::Char('n'));
        press(&mut form, KeyCode::Right);
        assert_eq!(press(&mut form, KeyCode::Esc), FormEvent::Cancel);
    }

    #[test]
    fn ctrl_c_asks_before_quitting_with_typed_input() {
        let mut form = sample();
        assert!(form.ask_quit(), "nothing typed: quit at once");
        typed(&mut form, "Acme");
        assert!(!form.ask_quit());
        assert_eq!(form.asking, Some(Asking::Quit));
        assert_eq!(press(&mut form, KeyCode::Char('n')), FormEvent::None);
        assert_eq!(form.value("name"), "Acme");
        assert!(!form.ask_quit());
        assert_eq!(press(&mut form, KeyCode::Char('y')), FormEvent::Quit);
        let mut form = sample();
        typed(&mut form, "Acme");
        assert!(!form.ask_quit());
        assert!(form.ask_quit(), "Ctrl-C twice quits");
    }
}
