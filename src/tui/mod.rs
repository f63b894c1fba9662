//! The terminal user interface (being written).

use crate::cli::Env;

pub fn run(_env: Env) -> anyhow::Result<()> {
    anyhow::bail!("the TUI is not built yet")
}
