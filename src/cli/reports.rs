//! `report --period P --format md|csv|html [-o FILE]`.

use std::path::Path;

use crate::cli::Env;

pub fn run(env: &Env, period: &str, format: &str, output: Option<&Path>) -> anyhow::Result<()> {
    let _ = (env, period, format, output);
    anyhow::bail!("report: not yet built")
}
