//! SPEC §10 budgets for the foundation: generating demo data and the TUI's first frame on the
//! reference set (`demo --seed 7 --reps 50 --customers 100000 --visits 1000000 --deals 200000
//! --years 5`). The reference database is generated once into `benches/cache/` and reused;
//! the time that took is printed (budget: 60 s).
//!
//! `SALESTRACK_BENCH_SCALE=small` uses a set a hundred times smaller, for a quick look.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::DateTime;
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use salestrack::clock::Clock;
use salestrack::config::Settings;
use salestrack::store::Store;
use salestrack::store::demo::{self, DemoOptions};
use salestrack::tui::app::App;

const FOUNDER: &str = "bench";

fn clock() -> Clock {
    Clock::fixed(DateTime::parse_from_rfc3339("2026-11-24T09:00:00+08:00").unwrap())
}

fn reference_options() -> DemoOptions {
    let small = std::env::var("SALESTRACK_BENCH_SCALE").is_ok_and(|s| s == "small");
    let div = if small { 100 } else { 1 };
    DemoOptions {
        seed: 7,
        reps: 50,
        customers: 100_000 / div,
        visits: 1_000_000 / div,
        deals: 200_000 / div,
        years: 5,
    }
}

/// The reference database, generated on first use.
pub fn reference_db() -> PathBuf {
    let o = reference_options();
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("benches/cache");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("reference-{}-{}.db", o.seed, o.customers));
    if !path.exists() {
        let tmp = path.with_extension("partial");
        let _ = std::fs::remove_file(&tmp);
        let mut store = Store::create_or_open(&tmp, clock()).unwrap();
        let started = Instant::now();
        let summary = demo::generate(&mut store, FOUNDER, &o).unwrap();
        let took = started.elapsed();
        drop(store);
        std::fs::rename(&tmp, &path).unwrap();
        println!(
            "reference set: {} reps, {} customers, {} visits, {} deals generated in {:.1} s \
             (budget 60 s)",
            summary.reps,
            summary.customers,
            summary.visits,
            summary.deals,
            took.as_secs_f64()
        );
    }
    path
}

fn demo_generation(c: &mut Criterion) {
    // A tenth of the reference set per sample, so the bench finishes in minutes; the full
    // set's time is printed by `reference_db` when it builds the cache.
    let r = reference_options();
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
            terminal.draw(|f| app.draw(f)).unwrap();
            assert_eq!(app.customers.total, reference_options().customers as usize);
        })
    });
    g.finish();
}

criterion_group!(benches, demo_generation, first_frame);
criterion_main!(benches);
