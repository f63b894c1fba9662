//! the performance budgets (benches/README.md) budget for the Targets tab (issue 7): the grid for a year, twelve months by every
//! rep of the reference set — ≤ 50 ms. Reading the grid is measured for each of the five
//! metrics (each is one grouped query over the year), and drawing it on its own.

#[path = "reference.rs"]
mod reference;

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use salestrack::config::Settings;
use salestrack::domain::Metric;
use salestrack::store::Store;
use salestrack::tui::app::App;
use salestrack::tui::tabs::targets::grid;

const YEAR: i32 = 2026;

fn read_grid(c: &mut Criterion) {
    let store = Store::open(&reference::reference_db(), reference::clock()).unwrap();
    let mut g = c.benchmark_group("targets");
    g.sample_size(20);
    for metric in [
        Metric::Sales,
        Metric::GrossProfit,
        Metric::Collected,
        Metric::NewCustomers,
        Metric::Visits,
    ] {
        g.bench_function(format!("read a year by months and reps: {metric}"), |b| {
            b.iter(|| {
                let rows = grid(&store, YEAR, metric, true).unwrap();
                assert!(rows.len() > 50);
            })
        });
    }
    g.finish();
}

fn draw_grid(c: &mut Criterion) {
    let store = Store::open(&reference::reference_db(), reference::clock()).unwrap();
    let actor = store.actor_for(reference::FOUNDER).unwrap();
    let mut app = App::new(store, actor, &Settings::default()).unwrap();
    app.resize(200, 70);
    for k in ['4', 't'] {
        app.handle_key(KeyEvent::new(KeyCode::Char(k), KeyModifiers::NONE));
    }
    assert_eq!(app.tabs.targets.periods().len(), 12);
    let mut terminal = Terminal::new(TestBackend::new(200, 70)).unwrap();
    c.bench_function("targets/draw a year by months and reps (200×70)", |b| {
        b.iter(|| {
            terminal
                .draw(|f| salestrack::tui::view::draw(&app, f))
                .unwrap();
        })
    });
}

criterion_group!(benches, read_grid, draw_grid);
criterion_main!(benches);
