//! the performance budgets (benches/README.md) budgets for the foundation: generating demo data and the TUI's first frame on the
//! reference set (`demo --seed 7 --reps 50 --customers 100000 --visits 1000000 --deals 200000
//! --years 5`). The reference database is generated once into `benches/cache/` and reused;
//! the time that took is printed (budget: 60 s).
//!
//! `SALESTRACK_BENCH_SCALE=small` uses a set a hundred times smaller, for a quick look.

use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use salestrack::config::Settings;
use salestrack::store::Store;
use salestrack::store::demo::{self, DemoOptions};
use salestrack::tui::app::App;

#[path = "reference.rs"]
mod reference;

use reference::{FOUNDER, clock, reference_db};

fn demo_generation(c: &mut Criterion) {
    // A tenth of the reference set per sample, so the bench finishes in minutes; the full
    // set's time is printed by `reference_db` when it builds the cache.
    let r = reference::options();
    let o = DemoOptions {
        customers: r.customers / 10,
        visits: r.visits / 10,
        deals: r.deals / 10,
        ..r
    };
    let mut g = c.benchmark_group("demo");
    g.sample_size(10).measurement_time(Duration::from_secs(30));
    g.bench_function("generate one tenth of the reference set", |b| {
        b.iter_with_setup(
            || {
                let dir = tempfile::tempdir().unwrap();
                let store = Store::create_or_open(&dir.path().join("d.db"), clock()).unwrap();
                (dir, store)
            },
            |(_dir, mut store)| demo::generate(&mut store, FOUNDER, &o).unwrap(),
        )
    });
    g.finish();
}

/// Start to first full frame (budget 150 ms): open the database, learn who you are, build
/// the App, read the first tab's window and draw it at 80×24.
fn first_frame(c: &mut Criterion) {
    let path = reference_db();
    let mut g = c.benchmark_group("tui");
    g.sample_size(20);
    g.bench_function("first frame on the reference set", |b| {
        b.iter(|| {
            let store = Store::open(&path, clock()).unwrap();
            let actor = store.actor_for(FOUNDER).unwrap();
            let mut app = App::new(store, actor, &Settings::default()).unwrap();
            app.resize(80, 24);
            let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
            terminal
                .draw(|f| salestrack::tui::view::draw(&app, f))
                .unwrap();
            assert_eq!(
                app.tabs.customers.list.total,
                reference::options().customers as usize
            );
        })
    });
    g.finish();
}

criterion_group!(benches, demo_generation, first_frame);
criterion_main!(benches);
