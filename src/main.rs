//! Parse the arguments, set up logging, dispatch: the TUI without a subcommand, else the CLI.

use std::process::ExitCode;

use salestrack::cli;
use salestrack::domain::text::printable;
use salestrack::{env, guard, logging, messages, t, tui};

fn main() -> ExitCode {
    // Before anything else: a setgid run gives up the team's group until it opens the database.
    guard::start();
    // In Chinese when asked for: the help and clap's errors too.
    let cli = cli::help_zh::parse();
    let result = cli::server::early(&cli).unwrap_or_else(|| {
        env::prepare(cli.env_flags()).and_then(|env| {
            let _guard = logging::init(&env);
            if cli.command.is_none() {
                tui::run(env)
            } else {
                cli::run(cli, env)
            }
        })
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // `salestrack customer list | head`: the reader left; that is not an error.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            // The whole text (each cause once): candidate lists and echoed values hold
            // stored names.
            let text = format!("{}: {}", t!("error.prefix"), messages::error_text(&e));
            eprintln!("{}", printable(&text));
            ExitCode::FAILURE
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    let broken = |io: &std::io::Error| io.kind() == std::io::ErrorKind::BrokenPipe;
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>().is_some_and(broken)
            // csv::Error holds the io::Error of a failed write but is not its `source()`.
            || c.downcast_ref::<csv::Error>().is_some_and(|e| match e.kind() {
                csv::ErrorKind::Io(io) => broken(io),
                _ => false,
            })
    })
}
