//! the performance budgets (benches/README.md) budget: generating the reference data set ≤ 60 s. Generated once into a temporary
//! file (not the cache the other benches share) and timed; one figure, printed.

#[path = "reference.rs"]
mod reference;

use std::time::Instant;

use salestrack::store::Store;
use salestrack::store::demo;

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut store =
        Store::create_or_open(&dir.path().join("reference.db"), reference::clock()).unwrap();
    let o = reference::options();
    let started = Instant::now();
    let summary = demo::generate(&mut store, reference::FOUNDER, &o).unwrap();
    let took = started.elapsed();
    drop(store);
    let size = std::fs::metadata(dir.path().join("reference.db")).map_or(0, |m| m.len());
    println!(
        "generate the reference set ({} reps, {} customers, {} visits, {} deals, {} years): \
         {:.1} s, {:.0} MB (budget 60 s)",
        summary.reps,
        summary.customers,
        summary.visits,
        summary.deals,
        o.years,
        took.as_secs_f64(),
        size as f64 / 1e6
    );
}
