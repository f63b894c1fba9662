//! The screens need a terminal. Without one (`ssh host salestrack` without `-t`, a script that
//! forgot its subcommand) the program says so and exits, instead of panicking, and creates
//! no database.

use std::process::{Command, Stdio};

#[test]
fn without_a_terminal_the_tui_refuses_with_a_sentence_and_writes_nothing() {
    let home = tempfile::tempdir().unwrap();
    let db = home.path().join("team.db");
    let out = Command::new(env!("CARGO_BIN_EXE_salestrack"))
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("SALESTRACK_NOW", "2026-09-30T18:00:00+08:00")
        .env("RUST_BACKTRACE", "0")
        .args(["--lang", "en", "--db"])
        .arg(&db)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("need a terminal"), "{stderr}");
    assert!(stderr.contains("salestrack --help"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(out.stdout.is_empty(), "no escape codes written to a pipe");
    assert!(!db.exists(), "no database created");
}
