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
/// locale (a config file's language is read later, with the database). A language we do not
/// have (`--lang fr`) falls back to the locale, as the run itself does.
fn asked_lang(args: &[String]) -> Option<Lang> {
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if let Some(v) = a.strip_prefix("--lang=") {
            return Lang::parse(v).or_else(Lang::from_env);
        }
        if a == "--lang" {
            return it
                .next()
                .and_then(|v| Lang::parse(v))
                .or_else(Lang::from_env);
        }
    }
    Lang::from_env()
}

/// Parses the command line; in Chinese when asked for, else as clap does. Arguments that
/// are not UTF-8 reach clap as they are, which refuses them by name.
pub fn parse() -> Cli {
    let args_os: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let args: Vec<String> = args_os
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    if asked_lang(&args) != Some(Lang::Zh) {
        return <Cli as clap::Parser>::parse();
    }
    i18n::set_lang(Lang::Zh);
    let mut cmd = Cli::command();
    // Built first, so the `help` commands and `--help` options clap adds are there to translate.
    cmd.build();
    let matches = localized(cmd, "").try_get_matches_from(&args_os);
    match matches.and_then(|m| Cli::from_arg_matches(&m)) {
        Ok(cli) => cli,
        Err(e) => exit(e),
    }
}

/// The Chinese catalogue's text for `key`, if it has one. Read from the Chinese catalogue
/// itself, not the language in use, so a test can build the Chinese tree beside others.
fn text(key: &str) -> Option<String> {
    let s = i18n::text_in(Lang::Zh, key);
    (s != key).then(|| s.to_string())
}

/// The catalogue key of a command's description: its place without the `help` command's
/// own steps (`help customer add` describes `customer add`).
fn about_key(path: &str) -> String {
    if path.is_empty() {
        return "salestrack".into();
    }
    let steps: Vec<&str> = path.split('.').collect();
    if steps.last() == Some(&"help") {
        return "help".into();
    }
    steps
        .iter()
        .filter(|s| **s != "help")
        .copied()
        .collect::<Vec<_>>()
        .join(".")
}

/// The catalogue's help for an option: `<command>.<id>` where one command means something
/// of its own by it, else `<id>`. Only options clap describes in English are looked up, so
/// a bare `--rep` is not given another command's words.
fn arg_help(path: &str, arg: &clap::Arg) -> Option<String> {
    arg.get_help()?;
    let id = arg.get_id().as_str();
    let at = about_key(path);
    text(&format!("cli.arg.{at}.{id}")).or_else(|| text(&format!("cli.arg.{id}")))
}

/// Whether clap would print the option's default ("[default: 7]").
fn default_shown(arg: &clap::Arg) -> bool {
    !arg.get_default_values().is_empty()
        && !arg.is_hide_default_value_set()
        && arg.get_action().takes_values()
}

/// The option's default in Chinese (默认：7), where clap would print one.
fn shown_default(arg: &clap::Arg) -> Option<String> {
    default_shown(arg).then(|| {
        let values: Vec<String> = arg
            .get_default_values()
            .iter()
            .map(|v| v.to_string_lossy().into_owned())
            .collect();
        i18n::fill(
            i18n::text_in(Lang::Zh, "cli.error.default"),
            &[("value", &values.join(", "))],
        )
    })
}

/// `cmd` and its subcommands with Chinese headings and descriptions; `path` is the
/// command's place (`customer.add`).
fn localized(mut cmd: Command, path: &str) -> Command {
    let zh = |key| i18n::text_in(Lang::Zh, key);
    cmd = cmd
        .help_template(zh("cli.template"))
        .subcommand_help_heading(zh("cli.commands"))
        .next_help_heading(zh("cli.options"))
        .mut_args(|a| {
            // clap's "[default: 7]" is English: said in Chinese after the help instead.
            let default = shown_default(&a);
            let help = match (arg_help(path, &a), default) {
                (Some(h), Some(d)) => Some(format!("{h} [{d}]")),
                (None, Some(d)) => Some(format!("[{d}]")),
                (h, None) => h,
            };
            let a = if default_shown(&a) {
                a.hide_default_value(true)
            } else {
                a
            };
            let a = if a.is_positional() {
                a.help_heading(zh("cli.arguments"))
            } else {
                a.help_heading(zh("cli.options"))
            };
            match help {
                Some(help) => a.help(help),
                None => a,
            }
        });
    if let Some(about) = text(&format!("cli.about.{}", about_key(path))) {
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

/// A number parser's reason in Chinese; any other as it was given.
fn reason(why: &str) -> String {
    let key = match why {
        "invalid digit found in string" => "cli.error.not_a_whole_number",
        "invalid float literal" => "cli.error.not_a_number",
        "number too large to fit in target type" => "cli.error.too_large",
        "number too small to fit in target type" => "cli.error.too_small",
        _ => return why.to_string(),
    };
    t!(key).to_string()
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
        // `--owner` with nothing after it: a value is missing, not a wrong one.
        ErrorKind::InvalidValue if value(ContextKind::InvalidValue).is_empty() => t!(
            "cli.error.missing_value",
            arg = value(ContextKind::InvalidArg)
        ),
        ErrorKind::InvalidValue => {
            let mut s = t!(
                "cli.error.invalid_value",
                value = value(ContextKind::InvalidValue),
                arg = value(ContextKind::InvalidArg)
            );
            let valid = value(ContextKind::ValidValue);
            if !valid.is_empty() {
                s = format!("{s}；{}", t!("cli.error.valid_values", valid = valid));
            }
            s
        }
        // `--name a --name b`: clap calls it a conflict with itself.
        ErrorKind::ArgumentConflict
            if value(ContextKind::InvalidArg) == value(ContextKind::PriorArg) =>
        {
            t!(
                "cli.error.given_twice",
                arg = value(ContextKind::InvalidArg)
            )
        }
        ErrorKind::ArgumentConflict => t!(
            "cli.error.conflict",
            arg = value(ContextKind::InvalidArg),
            other = value(ContextKind::PriorArg)
        ),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            t!("cli.error.values", arg = value(ContextKind::InvalidArg))
        }
        // `--seed=` with nothing after the `=`: a value is missing.
        ErrorKind::ValueValidation if value(ContextKind::InvalidValue).is_empty() => t!(
            "cli.error.missing_value",
            arg = value(ContextKind::InvalidArg)
        ),
        // The parser's reason follows, in Chinese where it is one of the number parsers'.
        ErrorKind::ValueValidation => {
            let s = t!(
                "cli.error.invalid_value",
                value = value(ContextKind::InvalidValue),
                arg = value(ContextKind::InvalidArg)
            );
            match std::error::Error::source(&e) {
                Some(why) => format!("{s}（{}）", reason(&why.to_string())),
                None => s,
            }
        }
        _ => {
            // A kind without Chinese words of its own: clap's, which is still precise.
            e.print().ok();
            std::process::exit(code);
        }
    };
    eprintln!("{}：{what}", t!("error.prefix"));
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

#[cfg(test)]
mod coverage {
    use super::*;
    use std::collections::BTreeMap;

    /// Every description and option help clap would print in English, by catalogue key:
    /// `cli.about.<path>` and `cli.arg.<path>.<id>`.
    fn english(cmd: &Command, path: &str, out: &mut BTreeMap<String, String>) {
        let key = if path.is_empty() { "salestrack" } else { path };
        if let Some(about) = cmd.get_about() {
            out.insert(format!("cli.about.{key}"), about.to_string());
        }
        for a in cmd.get_arguments() {
            if let Some(help) = a.get_help() {
                out.insert(format!("cli.arg.{key}.{}", a.get_id()), help.to_string());
            }
        }
        for s in cmd.get_subcommands() {
            let sub = if path.is_empty() {
                s.get_name().to_string()
            } else {
                format!("{path}.{}", s.get_name())
            };
            english(s, &sub, out);
        }
    }

    /// The whole tree as clap builds it (with `help` commands and `--help` options).
    fn built() -> Command {
        let mut cmd = Cli::command();
        cmd.build();
        cmd
    }

    /// Every description and every option's help is in the Chinese catalogue, under a key
    /// that means the same thing wherever it is used, and the catalogue has nothing else:
    /// the English side of "the same keys" is the command tree itself.
    #[test]
    fn every_description_and_option_help_has_its_chinese() {
        let mut english_texts = BTreeMap::new();
        english(&built(), "", &mut english_texts);
        assert!(english_texts.len() > 300, "the walk sees the tree");
        let zh = i18n::flatten_source(i18n::ZH_SOURCE).unwrap();
        let mut missing = Vec::new();
        let mut used = std::collections::BTreeSet::new();
        // A shared `<id>` key stands for one English text only.
        let mut shared: BTreeMap<String, String> = BTreeMap::new();
        for (key, en) in &english_texts {
            let found = if let Some(path) = key.strip_prefix("cli.about.") {
                let k = format!("cli.about.{}", about_key(path));
                zh.contains_key(&k).then_some(k)
            } else {
                let rest = key.strip_prefix("cli.arg.").unwrap();
                let (path, id) = rest.rsplit_once('.').unwrap();
                let path = if path == "salestrack" { "" } else { path };
                let own = format!("cli.arg.{}.{id}", about_key(path));
                let common = format!("cli.arg.{id}");
                if zh.contains_key(&own) {
                    Some(own)
                } else if zh.contains_key(&common) {
                    if let Some(other) = shared.insert(common.clone(), en.clone()) {
                        assert_eq!(
                            &other, en,
                            "{common} stands for two English texts; give {own} its own"
                        );
                    }
                    Some(common)
                } else {
                    None
                }
            };
            match found {
                Some(k) => {
                    used.insert(k);
                }
                None => missing.push(format!("{key} = {en:?}")),
            }
        }
        assert!(missing.is_empty(), "no Chinese for: {missing:#?}");
        let stale: Vec<_> = zh
            .keys()
            .filter(|k| k.starts_with("cli.about.") || k.starts_with("cli.arg."))
            .filter(|k| !used.contains(*k))
            .collect();
        assert!(stale.is_empty(), "catalogue keys nothing uses: {stale:?}");
    }

    /// What a user reads: every command's `--help` in Chinese names no English sentence.
    #[test]
    fn a_second_level_help_reads_in_chinese() {
        let mut cmd = localized(built(), "");
        let help = cmd
            .find_subcommand_mut("customer")
            .and_then(|c| c.find_subcommand_mut("add"))
            .unwrap()
            .render_help()
            .to_string();
        assert!(help.contains("添加客户"), "{help}");
        assert!(help.contains("公司电话（座机）"), "{help}");
        assert!(help.contains("以另一登录名操作"), "{help}");
        assert!(help.contains("显示帮助"), "{help}");
        assert!(!help.contains("Print help"), "{help}");
        assert!(!help.contains("The company's phone"), "{help}");
    }
}
