//! A TUI never freezes while another process writes (a long sync once held the lock for two
//! minutes and a frozen screen took the keys typed meanwhile into a form): a save waits a
//! moment, says so, tries again on each tick, and Esc gives up.

use std::time::{Duration, Instant};

use ratatui::crossterm::event::KeyCode;
use rusqlite::Connection;
use salestrack::i18n::Lang;
use salestrack::store::Store;

use crate::common::screen::{Fixture, chars, clock, ctrl, key, lang_lock, render, temp_dir};

fn customers(path: &std::path::Path) -> i64 {
    Connection::open(path)
        .unwrap()
        .query_row("SELECT count(*) FROM customers", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_save_while_another_process_writes_waits_on_screen_and_esc_cancels() {
    let _l = lang_lock(Lang::En);
    let dir = temp_dir();
    let path = dir.path().join("w.db");
    let mut store = Store::create_or_open(&path, clock()).unwrap();
    store.init_first_manager("boss", "Boss").unwrap();
    let mut f = Fixture::open(dir, path.clone(), store, "boss", '1');
    let other = Connection::open(&path).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();

    key(&mut f.app, KeyCode::Char('a'));
    chars(&mut f.app, "Waiting Co");
    let started = Instant::now();
    ctrl(&mut f.app, 's');
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    let screen = render(&f.app, 80, 24);
    assert!(screen.contains("Waiting for another writer"), "{screen}");
    assert!(f.app.form.is_some(), "the form stays open");
    // Still locked: the next tick tries once more, briefly, and keeps waiting.
    let started = Instant::now();
    f.app.tick();
    assert!(started.elapsed() < Duration::from_secs(1));
    assert!(f.app.form.is_some());
    other.execute_batch("COMMIT").unwrap();
    f.app.tick();
    assert!(f.app.form.is_none(), "saved once the other writer finished");
    assert_eq!(customers(&path), 1);

    // Esc while waiting: nothing is saved, even after the lock is gone.
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    key(&mut f.app, KeyCode::Char('a'));
    chars(&mut f.app, "Given Up Co");
    ctrl(&mut f.app, 's');
    assert!(render(&f.app, 80, 24).contains("Waiting for another writer"));
    key(&mut f.app, KeyCode::Esc);
    other.execute_batch("COMMIT").unwrap();
    f.app.tick();
    f.app.tick();
    assert_eq!(customers(&path), 1);
}
