//! `report --period P --format md|csv|html [-o FILE]`.

use std::io::Write;
use std::path::Path;

use crate::cli::progress::Progress;
use crate::domain::text::shown_path;
use crate::domain::{FieldError, Period, Reason};
use crate::env::Env;
use crate::report::data::Report;
use crate::report::{csv, html, markdown};
use crate::t;

const FORMATS: &[&str] = &["md", "csv", "html"];

pub fn run(
    env: &Env,
    period: &str,
    format: &str,
    output: Option<&Path>,
    force: bool,
) -> anyhow::Result<()> {
    let period: Period = period.parse()?;
    let format = format.trim().to_ascii_lowercase();
    if !FORMATS.contains(&format.as_str()) {
        return Err(FieldError::new("format", format, Reason::NotOneOf(FORMATS)).into());
    }
    let mut store = env.open()?;
    let actor = env.actor(&mut store)?;
    let currency = store.rules()?.currency;
    let working = Progress::start(t!("progress.report").to_string(), None, false);
    let report = Report::build(&store, &actor, period, &currency)?;
    drop(working);
    let bytes = match format.as_str() {
        "md" => markdown::render(&report).into_bytes(),
        "csv" => csv::render(&report)?,
        _ => html::render(&report).into_bytes(),
    };
    match output {
        Some(path) => {
            let protect = crate::outfile::Protected::database(&env.db_path);
            crate::outfile::write_all(path, &protect, force, &bytes)?;
            eprintln!("{}", t!("report.written", path = shown_path(path)));
        }
        None => std::io::stdout().lock().write_all(&bytes)?,
    }
    Ok(())
}
