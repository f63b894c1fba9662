//! The never-panic drive of the TUI (issue 10), shared by `tests/it/tui/tui_never_panic.rs` (a few
//! hundred sequences in `cargo test`) and `benches/never_panic.rs` (10 000 in `cargo bench`):
//! random keys, typed and pasted text (Chinese too), Esc in the middle of forms, clicks and
//! resizes from 1×1 to 300×100, drawing after every event, on a seeded database.

use std::sync::OnceLock;

use chrono::DateTime;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use salestrack::clock::Clock;
use salestrack::config::Settings;
use salestrack::store::Store;
use salestrack::store::demo::{self, DemoOptions};
use salestrack::tui::app::App;

pub fn clock() -> Clock {
    Clock::fixed(DateTime::parse_from_rfc3339("2026-09-30T18:00:00+08:00").unwrap())
}

/// One seeded database for the whole run (cases write to it as a user would).
pub fn database() -> &'static std::path::Path {
    static DB: OnceLock<(tempfile::TempDir, std::path::PathBuf)> = OnceLock::new();
    &DB.get_or_init(|| {
        let dir = tempfile::tempdir_in("/tmp").unwrap();
        let path = dir.path().join("fuzz.db");
        let mut store = Store::create_or_open(&path, clock()).unwrap();
        let o = DemoOptions {
            seed: 3,
            reps: 5,
            customers: 80,
            visits: 400,
            deals: 80,
            years: 2,
        };
        demo::generate(&mut store, "boss", &o).unwrap();
        (dir, path)
    })
    .1
}

#[derive(Debug, Clone)]
pub enum Input {
    Key(KeyCode, KeyModifiers),
    Paste(String),
    Resize(u16, u16),
    Click(u16, u16),
    Scroll(bool),
}

pub fn keys() -> impl Strategy<Value = Input> {
    let named = prop_oneof![
        Just(KeyCode::Enter),
        Just(KeyCode::Esc),
        Just(KeyCode::Tab),
        Just(KeyCode::BackTab),
        Just(KeyCode::Backspace),
        Just(KeyCode::Up),
        Just(KeyCode::Down),
        Just(KeyCode::Left),
        Just(KeyCode::Right),
        Just(KeyCode::PageUp),
        Just(KeyCode::PageDown),
        Just(KeyCode::Home),
        Just(KeyCode::End),
        Just(KeyCode::Delete),
    ];
    // The keys the app binds, more often than any other character.
    let bound = prop::sample::select(
        "12345jkgGaedsfortmx[]/?qynclwpcT "
            .chars()
            .collect::<Vec<_>>(),
    )
    .prop_map(KeyCode::Char);
    let any_char = any::<char>().prop_map(KeyCode::Char);
    let mods = prop_oneof![
        8 => Just(KeyModifiers::NONE),
        1 => Just(KeyModifiers::CONTROL),
        1 => Just(KeyModifiers::SHIFT),
        1 => Just(KeyModifiers::ALT),
    ];
    (prop_oneof![4 => named, 8 => bound, 1 => any_char], mods)
        // Ctrl-C quits for good; leave it to the tests that mean it.
        .prop_filter("not Ctrl-C", |(c, m)| {
            !(*c == KeyCode::Char('c') && m.contains(KeyModifiers::CONTROL))
        })
        .prop_map(|(c, m)| Input::Key(c, m))
}

pub fn input() -> impl Strategy<Value = Input> {
    prop_oneof![
        20 => keys(),
        2 => "[华为技术有限公司张伟成都 ，。a-z0-9\\n]{0,24}".prop_map(Input::Paste),
        2 => (1u16..=300, 1u16..=100).prop_map(|(w, h)| Input::Resize(w, h)),
        1 => (0u16..300, 0u16..100).prop_map(|(x, y)| Input::Click(x, y)),
        1 => any::<bool>().prop_map(Input::Scroll),
    ]
}

pub fn apply(app: &mut App, size: &mut (u16, u16), input: &Input) {
    let event = match input {
        Input::Key(code, mods) => Event::Key(KeyEvent::new(*code, *mods)),
        Input::Paste(text) => Event::Paste(text.clone()),
        Input::Resize(w, h) => {
            *size = (*w, *h);
            Event::Resize(*w, *h)
        }
        Input::Click(x, y) => Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: *x,
            row: *y,
            modifiers: KeyModifiers::NONE,
        }),
        Input::Scroll(down) => Event::Mouse(MouseEvent {
            kind: if *down {
                MouseEventKind::ScrollDown
            } else {
                MouseEventKind::ScrollUp
            },
            column: 1,
            row: 3,
            modifiers: KeyModifiers::NONE,
        }),
    };
    app.handle_event(event);
    app.tick();
    let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
    terminal
        .draw(|f| salestrack::tui::view::draw(app, f))
        .unwrap();
}

/// One sequence of events as `login` (a manager, or a login the database does not know);
/// then the database must still pass `PRAGMA integrity_check`.
pub fn run_case(login: &str, events: &[Input]) -> Result<(), String> {
    let store = Store::open(database(), clock()).map_err(|e| e.to_string())?;
    let actor = match store.actor_for(login) {
        Ok(a) => a,
        Err(_) => salestrack::store::Actor::read_only(login),
    };
    let mut app = App::new(store, actor, &Settings::default()).map_err(|e| e.to_string())?;
    let mut size = (80, 24);
    app.resize(80, 24);
    for e in events {
        apply(&mut app, &mut size, e);
    }
    drop(app);
    let conn = rusqlite::Connection::open(database()).map_err(|e| e.to_string())?;
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|e| e.to_string())?;
    if ok == "ok" { Ok(()) } else { Err(ok) }
}

/// The logins a sequence runs as.
pub fn logins() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["boss", "nobody"])
}

/// A sequence of 1 to 59 events.
pub fn sequences() -> impl Strategy<Value = Vec<Input>> {
    prop::collection::vec(input(), 1..60)
}
