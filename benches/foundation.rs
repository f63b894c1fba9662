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
use salestrack::clock::Clock;
use salestrack::store::Store;
use salestrack::store::demo::{self, DemoOptions};

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

criterion_group!(benches, demo_generation);
criterion_main!(benches);
