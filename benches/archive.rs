//! the performance budgets (benches/README.md) budgets for the customer archive (issue 5): importing 100 000 customers from CSV
//! (≤ 5 s) and one keystroke of the customer filter, redrawn, on 100 000 customers (≤ 16 ms).
//! Both run on the reference set that `benches/foundation.rs` caches.

#[path = "reference.rs"]
mod reference;

use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use salestrack::config::Settings;
use salestrack::domain::sheet::{self, Kind, ReadOptions};
use salestrack::store::Store;
use salestrack::store::import::ImportOptions;
use salestrack::store::reps::NewRep;
use salestrack::tui::app::App;

/// The reference set's customers as the CSV `customer export` writes.
fn exported_csv(dir: &std::path::Path) -> Vec<u8> {
    let store = Store::open(&reference::reference_db(), reference::clock()).unwrap();
    let path = dir.join("customers.csv");
    salestrack::cli::spreadsheet::export(&store, Some(&path), true).unwrap();
    std::fs::read(path).unwrap()
}

/// A new database with the reference set's reps, so every owner in the file resolves.
fn target(dir: &std::path::Path, n: usize) -> Store {
    let reference = Store::open(&reference::reference_db(), reference::clock()).unwrap();
    let path = dir.join(format!("import-{n}.db"));
    let mut store = Store::create_or_open(&path, reference::clock()).unwrap();
    store
        .init_first_manager(reference::FOUNDER, "Bench")
        .unwrap();
    let boss = store.actor_for(reference::FOUNDER).unwrap();
    for rep in reference.list_reps().unwrap() {
        if rep.is_active() && rep.login != reference::FOUNDER {
            let new = NewRep {
                name: rep.name,
                login: rep.login,
                team: Some(rep.team),
                ..NewRep::default()
            };
            store.add_rep(&boss, new).unwrap();
        }
    }
    store
}

fn import(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let csv = exported_csv(dir.path());
    let mut g = c.benchmark_group("archive");
    g.sample_size(10).measurement_time(Duration::from_secs(30));
    let mut n = 0;
    g.bench_function("import the reference set's customers from CSV", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                n += 1;
                let mut store = target(dir.path(), n);
                let boss = store.actor_for(reference::FOUNDER).unwrap();
                let started = Instant::now();
                let file = sheet::read(&csv, Kind::Customers, &ReadOptions::default()).unwrap();
                let report = store
                    .import_customers(&boss, &file, ImportOptions::default())
                    .unwrap();
                total += started.elapsed();
                assert_eq!(report.imported, reference::options().customers as usize);
                drop(store);
                let _ = std::fs::remove_file(dir.path().join(format!("import-{n}.db")));
            }
            total
        })
    });
    g.finish();
}

/// Untimed: the filter emptied (the list whole again), every read in.
fn empty_filter(app: &mut App) {
    while !app.tabs.customers.list.filter.is_empty() {
        app.handle_key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
    }
    app.settle();
}

fn filter_keystroke(c: &mut Criterion) {
    let store = Store::open(&reference::reference_db(), reference::clock()).unwrap();
    let actor = store.actor_for(reference::FOUNDER).unwrap();
    let mut app = App::new(store, actor, &Settings::default()).unwrap();
    app.resize(120, 40);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    app.handle_key(KeyEvent::new(KeyCode::Char('/'), KeyModifiers::NONE));
    app.handle_key(KeyEvent::new(KeyCode::Char('成'), KeyModifiers::NONE));
    app.settle();
    // Each iteration is one keystroke, typing 都 or deleting it. The key's own frame (the
    // letter on the filter line, the old rows with "Loading…") is drawn at once; the matches
    // are read on the worker and drawn when they come. Timed: both, from the key to the
    // frame that shows the matches.
    let mut typed = false;
    let mut g = c.benchmark_group("archive");
    g.bench_function(
        "one filter keystroke on 100 000 customers, redrawn with its matches",
        |b| {
            b.iter(|| {
                let key = if typed {
                    KeyCode::Backspace
                } else {
                    KeyCode::Char('都')
                };
                typed = !typed;
                app.handle_key(KeyEvent::new(key, KeyModifiers::NONE));
                terminal
                    .draw(|f| salestrack::tui::view::draw(&app, f))
                    .unwrap();
                app.settle();
                terminal
                    .draw(|f| salestrack::tui::view::draw(&app, f))
                    .unwrap();
            })
        },
    );
    // The first letter of a search has no shorter search to look among: a pass over every
    // name. Twelve letters in turn, more than the tab keeps, so none is remembered.
    let firsts: Vec<char> = "杭州上海北京深圳广南天津".chars().collect();
    let mut turn = 0;
    g.bench_function(
        "the first letter of a filter on 100 000 customers, redrawn with its matches",
        |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let first = firsts[turn % firsts.len()];
                    turn += 1;
                    empty_filter(&mut app);
                    let started = Instant::now();
                    app.handle_key(KeyEvent::new(KeyCode::Char(first), KeyModifiers::NONE));
                    terminal
                        .draw(|f| salestrack::tui::view::draw(&app, f))
                        .unwrap();
                    app.settle();
                    terminal
                        .draw(|f| salestrack::tui::view::draw(&app, f))
                        .unwrap();
                    total += started.elapsed();
                }
                total
            })
        },
    );
    // A search by pinyin initials, letter by letter from an empty filter (h, hz, hzy, hzyf):
    // Latin letters look in the names' stored pinyin too. Timed per letter, to the frame that
    // shows its matches.
    g.bench_function(
        "a pinyin filter (hzyf) on 100 000 customers, each letter redrawn with its matches",
        |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    empty_filter(&mut app);
                    let started = Instant::now();
                    for letter in "hzyf".chars() {
                        app.handle_key(KeyEvent::new(KeyCode::Char(letter), KeyModifiers::NONE));
                        terminal
                            .draw(|f| salestrack::tui::view::draw(&app, f))
                            .unwrap();
                        app.settle();
                        terminal
                            .draw(|f| salestrack::tui::view::draw(&app, f))
                            .unwrap();
                    }
                    total += started.elapsed() / 4;
                }
                total
            })
        },
    );
    // The same first letters, timed to the frame that shows their first window (the count
    // of every match comes after, on the worker).
    g.bench_function(
        "the first letter of a filter on 100 000 customers, its first window drawn",
        |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let first = firsts[turn % firsts.len()];
                    turn += 1;
                    empty_filter(&mut app);
                    let before = app.tabs.customers.list.rows.first().map(|r| r.id.clone());
                    let started = Instant::now();
                    app.handle_key(KeyEvent::new(KeyCode::Char(first), KeyModifiers::NONE));
                    terminal
                        .draw(|f| salestrack::tui::view::draw(&app, f))
                        .unwrap();
                    // Handed over as the event loop does between events, until it shows.
                    while app.tabs.customers.list.rows.first().map(|r| r.id.clone()) == before
                        && app.loading()
                    {
                        app.pump();
                    }
                    terminal
                        .draw(|f| salestrack::tui::view::draw(&app, f))
                        .unwrap();
                    total += started.elapsed();
                    app.settle();
                }
                total
            })
        },
    );
    g.bench_function(
        "one filter keystroke on 100 000 customers, its own frame",
        |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let key = if typed {
                        KeyCode::Backspace
                    } else {
                        KeyCode::Char('都')
                    };
                    typed = !typed;
                    let started = Instant::now();
                    app.handle_key(KeyEvent::new(key, KeyModifiers::NONE));
                    terminal
                        .draw(|f| salestrack::tui::view::draw(&app, f))
                        .unwrap();
                    total += started.elapsed();
                    // Untimed: the read comes before the next key, as between two keys typed.
                    app.settle();
                }
                total
            })
        },
    );
    g.finish();
}

criterion_group!(benches, import, filter_keystroke);
criterion_main!(benches);
