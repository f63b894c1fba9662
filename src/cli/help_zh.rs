//! `--help` and clap's own errors in Chinese (README, The CLI): under `--lang zh` (or a
//! Chinese locale), the headings, each command's description and the common options come
//! from the i18n catalogue (`[cli]`), and an argument error is said in Chinese, naming what
//! was wrong. Anything the catalogue does not have stays as clap wrote it.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Command, CommandFactory, FromArgMatches};

use crate::cli::args::Cli;
use crate::i18n::{self, Lang};
use crate::t;

/// The language asked for before anything is parsed: `--lang` on the command line, else the
/// locale (a config file's language is read later, with the database).
fn asked_lang(args: &[String]) -> Option<Lang> {
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if let Some(v) = a.strip_prefix("--lang=") {
            return Lang::parse(v);
        }
        if a == "--lang" {
            return it.next().and_then(|v| Lang::parse(v));
        }
    }
    Lang::from_env()
}

/// Parses the command line; in Chinese when asked for, else as clap does.
pub fn parse() -> Cli {
    let args: Vec<String> = std::env::args().collect();
    if asked_lang(&args) != Some(Lang::Zh) {
        return <Cli as clap::Parser>::parse();
    }
    i18n::set_lang(Lang::Zh);
    let matches = localized(Cli::command(), "").try_get_matches_from(&args);
    match matches.and_then(|m| Cli::from_arg_matches(&m)) {
        Ok(cli) => cli,
        Err(e) => exit(e),
    }
}

/// The catalogue's text for `key`, if it has one.
fn text(key: &str) -> Option<String> {
    let s = t!(key);
    (s != key).then(|| s.to_string())
}

/// `cmd` and its subcommands with Chinese headings and descriptions; `path` is the
/// command's place (`customer.add`), the key of its description.
fn localized(mut cmd: Command, path: &str) -> Command {
    cmd = cmd
        .help_template(t!("cli.template"))
        .subcommand_help_heading(t!("cli.commands"))
        .next_help_heading(t!("cli.options"))
        .mut_args(|a| {
            let a = if a.is_positional() {
                a.help_heading(t!("cli.arguments"))
            } else {
                a.help_heading(t!("cli.options"))
            };
            let id = a.get_id().as_str().to_string();
            match text(&format!("cli.arg.{id}")) {
                Some(help) => a.help(help),
                None => a,
            }
        });
    let key = if path.is_empty() { "salestrack" } else { path };
    if let Some(about) = text(&format!("cli.about.{key}")) {
        cmd = cmd.about(about);
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        let sub = if path.is_empty() {
            name.clone()
        } else {
            format!("{path}.{name}")
        };
        cmd = cmd.mut_subcommand(&name, |s| localized(s, &sub));
    }
    cmd
}

/// Says a clap error in Chinese (help and version are printed as they are) and exits.
fn exit(e: clap::Error) -> ! {
    let code = match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => e.exit(),
        _ => 2,
    };
    let value = |k: ContextKind| match e.get(k) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let what = match e.kind() {
        ErrorKind::UnknownArgument => t!(
            "cli.error.unknown_argument",
            arg = value(ContextKind::InvalidArg)
        ),
        ErrorKind::InvalidSubcommand => t!(
            "cli.error.invalid_subcommand",
            name = value(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::MissingRequiredArgument => t!(
            "cli.error.missing_required",
            args = value(ContextKind::InvalidArg)
        ),
        ErrorKind::MissingSubcommand => t!("cli.error.missing_subcommand").to_string(),
        ErrorKind::InvalidValue => t!(
            "cli.error.invalid_value",
            value = value(ContextKind::InvalidValue),
            arg = value(ContextKind::InvalidArg),
            valid = value(ContextKind::ValidValue)
        ),
        ErrorKind::ArgumentConflict => t!(
            "cli.error.conflict",
            arg = value(ContextKind::InvalidArg),
            other = value(ContextKind::PriorArg)
        ),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            t!("cli.error.values", arg = value(ContextKind::InvalidArg))
        }
        ErrorKind::ValueValidation => t!(
            "cli.error.invalid_value",
            value = value(ContextKind::InvalidValue),
            arg = value(ContextKind::InvalidArg),
            valid = String::new()
        ),
        _ => {
            // A kind without Chinese words of its own: clap's, which is still precise.
            e.print().ok();
            std::process::exit(code);
        }
    };
    eprintln!("{}: {what}", t!("error.prefix"));
    eprintln!("{}", t!("cli.error.help_hint"));
    std::process::exit(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_is_read_from_the_arguments_first() {
        let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            asked_lang(&args(&["st", "--lang", "zh", "--help"])),
            Some(Lang::Zh)
        );
        assert_eq!(asked_lang(&args(&["st", "--lang=zh"])), Some(Lang::Zh));
        assert_eq!(asked_lang(&args(&["st", "--lang", "en"])), Some(Lang::En));
    }
}
