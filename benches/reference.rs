//! The reference data set of the performance budgets (benches/README.md), generated once into `benches/cache/` and shared by
//! every bench. `SALESTRACK_BENCH_SCALE=small` makes it a hundred times smaller.
#![allow(dead_code)]

use std::path::PathBuf;
use std::time::Instant;

use chrono::DateTime;
use salestrack::clock::Clock;
use salestrack::store::Store;
use salestrack::store::demo::{self, DemoOptions};

pub const FOUNDER: &str = "bench";

pub fn clock() -> Clock {
    Clock::fixed(DateTime::parse_from_rfc3339("2026-11-24T09:00:00+08:00").unwrap())
}

pub fn options() -> DemoOptions {
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
    let o = options();
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

/// The reference database with the OS user who runs the benches added as a manager, so the
/// real binary (whose identity is the OS login) may read every scorecard.
pub fn reference_db_for_cli() -> (PathBuf, String) {
    let path = reference_db();
    let me = whoami::username();
    let mut store = Store::open(&path, clock()).unwrap();
    if store.rep_by_login(&me).unwrap().is_none() {
        let founder = store.actor_for(FOUNDER).unwrap();
        store
            .add_rep(
                &founder,
                salestrack::store::reps::NewRep {
                    name: me.clone(),
                    login: me.clone(),
                    role: Some(salestrack::domain::Role::Manager),
                    ..Default::default()
                },
            )
            .unwrap();
    }
    (path, me)
}
