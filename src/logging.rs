//! Logs go to a file under the data directory, never to the terminal: under the TUI a line on
//! stderr would tear the screen.

use std::path::PathBuf;

use tracing_appender::non_blocking::WorkerGuard;

use crate::env::Env;

/// The directory of the log files: beside the default database.
pub fn log_dir() -> Option<PathBuf> {
    crate::config::data_dir().map(|d| d.join("logs"))
}

/// Starts logging to `salestrack.log` (rotated daily); keep the guard until exit so the last
/// lines are written. Without a writable data directory the program runs without logs.
pub fn init(env: &Env) -> Option<WorkerGuard> {
    let dir = log_dir()?;
    std::fs::create_dir_all(&dir).ok()?;
    let appender = tracing_appender::rolling::daily(&dir, "salestrack.log");
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let filter = tracing_subscriber::EnvFilter::try_from_env("SALESTRACK_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_writer(writer)
        .with_ansi(false)
        .with_env_filter(filter)
        .try_init()
        .ok()?;
    tracing::info!(db = %env.db_path.display(), login = %env.login, "start");
    Some(guard)
}
