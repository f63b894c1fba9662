//! Parse the arguments, set up logging, dispatch: the TUI without a subcommand, else the CLI.

use std::process::ExitCode;

use clap::Parser;

use salestrack::cli::{self, args::Cli};
use salestrack::{logging, t, tui};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = cli::prepare(&cli).and_then(|env| {
        let _guard = logging::init(&env);
        if cli.command.is_none() {
            tui::run(env)
        } else {
            cli::run(cli, env)
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // `salestrack customer list | head`: the reader left; that is not an error.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{}: {e:#}", t!("error.prefix"));
            ExitCode::FAILURE
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
