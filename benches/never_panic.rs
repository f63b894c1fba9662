//! Never panic, the long run of issue 10: 10 000 random event sequences through the TUI
//! (the same drive as `tests/it/tui/tui_never_panic.rs`, which runs a few hundred in `cargo test`).
//! Prints how many ran and how long it took; a failing sequence is printed, shrunk.

#[path = "../tests/it/common/fuzz.rs"]
mod fuzz;

use std::time::Instant;

use proptest::test_runner::{Config, TestRunner};

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let cases = std::env::var("SALESTRACK_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    let mut runner = TestRunner::new(Config {
        cases,
        max_shrink_iters: 200,
        // A bench has no source file to keep failing seeds beside; the panic prints it.
        failure_persistence: None,
        ..Config::default()
    });
    let started = Instant::now();
    let outcome = runner.run(&(fuzz::logins(), fuzz::sequences()), |(login, events)| {
        fuzz::run_case(login, &events).map_err(proptest::test_runner::TestCaseError::fail)
    });
    if let Err(e) = outcome {
        panic!("a sequence broke the TUI or the database: {e}");
    }
    println!(
        "never panic: {cases} sequences of up to 59 events, no panic, integrity ok, in {:.0} s",
        started.elapsed().as_secs_f64()
    );
}
