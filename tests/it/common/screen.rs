//! Driving the TUI in tests: keys, clicks, the screen as text, and the language lock.

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use chrono::DateTime;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use salestrack::clock::Clock;
use salestrack::config::Settings;
use salestrack::i18n::{self, Lang};
use salestrack::store::Store;
use salestrack::tui::app::App;
use tempfile::TempDir;
use unicode_width::UnicodeWidthStr;

/// A database in a directory of its own, and the App on it as one login.
pub struct Fixture {
    _dir: TempDir,
    pub app: App,
    pub path: PathBuf,
}

impl Fixture {
    /// The App on `store` (whose file is `path`, in `dir`) as `login`, at 80×24, on the tab
    /// of number key `tab`.
    pub fn open(dir: TempDir, path: PathBuf, store: Store, login: &str, tab: char) -> Fixture {
        let actor = store.actor_for(login).unwrap();
        let mut app = App::new(store, actor, &Settings::default()).unwrap();
        app.resize(80, 24);
        key(&mut app, KeyCode::Char(tab));
        Fixture {
            _dir: dir,
            app,
            path,
        }
    }

    /// The database opened again, as another session would: what was really saved.
    pub fn store(&self) -> Store {
        Store::open(&self.path, clock()).unwrap()
    }
}

/// The language is process-wide; tests that draw hold this while they set it and render.
static LANG: Mutex<()> = Mutex::new(());

pub fn lang_lock(lang: Lang) -> MutexGuard<'static, ()> {
    let guard = LANG.lock().unwrap_or_else(|e| e.into_inner());
    i18n::set_lang(lang);
    guard
}

pub fn clock() -> Clock {
    Clock::fixed(DateTime::parse_from_rfc3339("2026-09-30T18:00:00+08:00").unwrap())
}

/// A directory of its own for each test's database: the tests run in parallel, and so may
/// `cargo test` in other checkouts of this repository on the same machine. Under /tmp, so the
/// path is short enough to show whole in the status line (`render` replaces it).
pub fn temp_dir() -> TempDir {
    tempfile::tempdir_in("/tmp").unwrap()
}

/// The screen as text, one line a row. The database's temporary path becomes `<db>`, padded
/// to the same width, so snapshots do not depend on where the test ran.
pub fn render(app: &App, w: u16, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal
        .draw(|f| salestrack::tui::view::draw(app, f))
        .unwrap();
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..h {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..w {
            // A wide character fills two cells; the second holds no symbol of its own.
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buffer[(x, y)].symbol();
            skip = symbol.width().saturating_sub(1);
            line.push_str(symbol);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    let path = app.db_path();
    out.replace(&path, &format!("{:<w$}", "<db>", w = path.width()))
}

/// A key, and whatever it asked the worker to read, handed over (`App::settle`): the tests
/// look at the screen a user would see a moment later. `key_now` does not wait.
pub fn key(app: &mut App, code: KeyCode) {
    key_now(app, code);
    app.settle();
}

pub fn key_now(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

pub fn ctrl(app: &mut App, c: char) {
    app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
    app.settle();
}

pub fn chars(app: &mut App, s: &str) {
    for c in s.chars() {
        key(app, KeyCode::Char(c));
    }
}

pub fn click(app: &mut App, column: u16, row: u16) {
    app.handle_event(Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column,
        row,
        modifiers: KeyModifiers::NONE,
    }));
    app.settle();
}

/// The pop-up on `screen` (from `render`) has its four sides whole: every row between its
/// top and bottom holds `│` at both its corners' columns. A wide character of the screen
/// below that ran under its left edge would take the border's cell (ratatui's diff skips the
/// cell after a wide symbol), so the row would read without its `│`.
pub fn assert_popup_whole(screen: &str) {
    let columns = |line: &str| -> Vec<(usize, char)> {
        let mut at = 0;
        line.chars()
            .map(|c| {
                let here = at;
                at += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
                (here, c)
            })
            .collect()
    };
    let at = |line: &str, col: usize| columns(line).into_iter().find(|(x, _)| *x == col);
    let lines: Vec<&str> = screen.lines().collect();
    let top = lines
        .iter()
        .position(|l| l.contains('┌'))
        .expect("a pop-up");
    let (left, _) = columns(lines[top])
        .into_iter()
        .find(|(_, c)| *c == '┌')
        .unwrap();
    let (right, _) = columns(lines[top])
        .into_iter()
        .find(|(_, c)| *c == '┐')
        .expect("the top right corner");
    let bottom = top
        + lines[top..]
            .iter()
            .position(|l| at(l, left) == Some((left, '└')))
            .unwrap_or_else(|| panic!("the bottom left corner under column {left}:\n{screen}"));
    for (y, line) in lines.iter().enumerate().take(bottom).skip(top + 1) {
        assert_eq!(
            at(line, left),
            Some((left, '│')),
            "left edge, row {y}:\n{screen}"
        );
        assert_eq!(
            at(line, right),
            Some((right, '│')),
            "right edge, row {y}:\n{screen}"
        );
    }
    assert_eq!(at(lines[bottom], right), Some((right, '┘')), "{screen}");
}
