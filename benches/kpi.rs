//! the performance budgets (benches/README.md) budgets for scorecards (issue 8): all reps' scorecards for a quarter ≤ 100 ms, and
//! `kpi --period 2026-Q3 --json` as a whole process ≤ 1.5 × `sqlite3` running the same SQL
//! (`benches/kpi.sql`) on the same file, best of 5 each.

#[path = "reference.rs"]
mod reference;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group};
use salestrack::domain::Period;
use salestrack::store::Store;

fn quarter() -> Period {
    "2026-Q3".parse().unwrap()
}

fn scorecards(c: &mut Criterion) {
    let store = Store::open(&reference::reference_db(), reference::clock()).unwrap();
    let actor = store.actor_for(reference::FOUNDER).unwrap();
    let mut g = c.benchmark_group("scorecards");
    g.sample_size(20);
    g.bench_function("all reps for a quarter", |b| {
        b.iter(|| {
            let cards = store.scorecards(&actor, quarter(), None, false).unwrap();
            assert!(cards.len() >= 40, "every rep of the reference set");
        })
    });
    g.bench_function("all reps for a quarter, with the 6-quarter trend", |b| {
        b.iter(|| {
            let cards = store.scorecards(&actor, quarter(), None, true).unwrap();
            assert_eq!(cards[0].trend.len(), 6);
        })
    });
    g.finish();
}

/// The fastest of five runs of a command, its output thrown away.
fn best_of_5(mut make: impl FnMut() -> Command) -> Duration {
    (0..5)
        .map(|_| {
            let started = Instant::now();
            let status = make()
                .stdout(Stdio::null())
                .stderr(Stdio::inherit())
                .status()
                .expect("the command runs");
            assert!(status.success());
            started.elapsed()
        })
        .min()
        .unwrap()
}

/// Not a criterion bench: two whole processes, compared.
fn kpi_against_sqlite3() {
    let (db, _) = reference::reference_db_for_cli();
    let sql = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/kpi.sql");
    if Command::new("sqlite3").arg("-version").output().is_err() {
        println!("kpi vs sqlite3: skipped, sqlite3 is not installed");
        return;
    }
    let ours = best_of_5(|| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_salestrack"));
        c.env("SALESTRACK_NOW", "2026-11-24T09:00:00+08:00")
            .arg("--db")
            .arg(&db)
            .args(["kpi", "--period", "2026-Q3", "--json"]);
        c
    });
    let theirs = best_of_5(|| {
        let mut c = Command::new("sqlite3");
        c.arg("-readonly")
            .arg(&db)
            .stdin(std::fs::File::open(&sql).unwrap());
        c
    });
    let ratio = ours.as_secs_f64() / theirs.as_secs_f64();
    println!(
        "kpi --period 2026-Q3 --json: {:.1} ms; sqlite3 < benches/kpi.sql: {:.1} ms; ratio {ratio:.2} (budget ≤ 1.5)",
        ours.as_secs_f64() * 1000.0,
        theirs.as_secs_f64() * 1000.0,
    );
}

criterion_group!(benches, scorecards);

fn main() {
    benches();
    kpi_against_sqlite3();
    Criterion::default().configure_from_args().final_summary();
}
