//! `NO_COLOR` turns every colour off (https://no-color.org). A test binary of its own, not a
//! module of `tests/it/`: it sets a process-wide environment variable, which the other tests'
//! threads would read meanwhile (every `App::new` reads `NO_COLOR`, and spawning the built
//! binary copies the environment), and setting a variable while another thread reads the
//! environment is undefined behaviour.

use chrono::DateTime;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;
use salestrack::clock::Clock;
use salestrack::config::Settings;
use salestrack::store::Store;
use salestrack::tui::app::App;

fn colours_on_screen(no_color: bool) -> usize {
    // SAFETY: the only test in this binary, so no other thread reads the environment.
    unsafe {
        if no_color {
            std::env::set_var("NO_COLOR", "1");
        } else {
            std::env::remove_var("NO_COLOR");
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let clock = Clock::fixed(DateTime::parse_from_rfc3339("2026-09-30T18:00:00+08:00").unwrap());
    let mut store = Store::create_or_open(&dir.path().join("c.db"), clock).unwrap();
    store.init_first_manager("boss", "Boss").unwrap();
    let actor = store.actor_for("boss").unwrap();
    let mut app = App::new(store, actor, &Settings::default()).unwrap();
    app.resize(80, 24);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|f| salestrack::tui::view::draw(&app, f))
        .unwrap();
    let buffer = terminal.backend().buffer();
    buffer
        .content()
        .iter()
        .filter(|c| c.fg != Color::Reset || c.bg != Color::Reset)
        .count()
}

#[test]
fn no_color_leaves_no_colour_on_the_screen() {
    assert!(
        colours_on_screen(false) > 0,
        "the default theme has colours"
    );
    assert_eq!(colours_on_screen(true), 0);
}
