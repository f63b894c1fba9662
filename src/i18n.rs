//! Every string a user reads comes from `assets/locales/{en,zh}.toml`, looked up by key.
//!
//! The language is chosen once at start-up (`--lang`, then the config file, then
//! `LC_ALL`/`LC_MESSAGES`/`LANG`) and kept in a global, because every layer that talks to a
//! person needs it and threading it through every call would buy nothing.

use std::collections::HashMap;
use std::fmt::{Display, Write};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Zh,
}

impl Lang {
    pub const CODES: &'static [&'static str] = &["en", "zh"];

    /// `en`, `zh`, and locale names such as `zh_CN.UTF-8` or `en_US`.
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        if s.starts_with("zh") {
            Some(Lang::Zh)
        } else if s.starts_with("en") || s == "c" || s == "posix" {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The POSIX precedence: LC_ALL, then LC_MESSAGES, then LANG.
    pub fn from_env() -> Option<Lang> {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|v| std::env::var(v).ok())
            .find(|v| !v.is_empty())
            .and_then(|v| Lang::parse(&v))
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }
}

static LANG: AtomicU8 = AtomicU8::new(0);

pub fn set_lang(lang: Lang) {
    LANG.store(lang as u8, Ordering::Relaxed);
}

pub fn lang() -> Lang {
    match LANG.load(Ordering::Relaxed) {
        1 => Lang::Zh,
        _ => Lang::En,
    }
}

/// How short amounts are written in the language in use: 万 and 亿 in Chinese.
pub fn money_scale() -> crate::domain::Scale {
    match lang() {
        Lang::Zh => crate::domain::Scale::Chinese,
        _ => crate::domain::Scale::Western,
    }
}

pub const EN_SOURCE: &str = include_str!("../assets/locales/en.toml");
pub const ZH_SOURCE: &str = include_str!("../assets/locales/zh.toml");

type Catalog = HashMap<String, String>;

fn catalogs() -> &'static (Catalog, Catalog) {
    static CATALOGS: OnceLock<(Catalog, Catalog)> = OnceLock::new();
    CATALOGS.get_or_init(|| {
        // The files are ours and compiled in; a test checks they parse.
        (
            flatten_source(EN_SOURCE).unwrap_or_default(),
            flatten_source(ZH_SOURCE).unwrap_or_default(),
        )
    })
}

/// Parses a locale file into `section.key → text`.
pub fn flatten_source(source: &str) -> Result<Catalog, toml::de::Error> {
    let table: toml::Table = source.parse()?;
    let mut out = Catalog::new();
    flatten("", &table, &mut out);
    Ok(out)
}

fn flatten(prefix: &str, table: &toml::Table, out: &mut Catalog) {
    for (k, v) in table {
        let key = if prefix.is_empty() {
            k.clone()
        } else {
            format!("{prefix}.{k}")
        };
        match v {
            toml::Value::Table(t) => flatten(&key, t, out),
            toml::Value::String(s) => {
                out.insert(key, s.clone());
            }
            other => {
                out.insert(key, other.to_string());
            }
        }
    }
}

/// The text for `key` in the current language, falling back to English, then to the key
/// itself (so a missing string shows up on screen instead of vanishing).
pub fn text(key: &str) -> &'static str {
    text_in(lang(), key)
}

pub fn text_in(lang: Lang, key: &str) -> &'static str {
    let (en, zh) = catalogs();
    let primary = if lang == Lang::Zh { zh } else { en };
    primary
        .get(key)
        .or_else(|| en.get(key))
        .map(String::as_str)
        .unwrap_or_else(|| leak_missing(key))
}

fn leak_missing(key: &str) -> &'static str {
    static MISSING: OnceLock<std::sync::Mutex<HashMap<String, &'static str>>> = OnceLock::new();
    let mut map = MISSING
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    map.entry(key.to_string())
        .or_insert_with(|| Box::leak(key.to_string().into_boxed_str()))
}

/// `text(key)` with `{name}` placeholders replaced.
pub fn format(key: &str, args: &[(&str, &dyn Display)]) -> String {
    fill(text(key), args)
}

pub fn fill(template: &str, args: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(n, _)| *n == name) {
                    Some((_, v)) => {
                        let _ = write!(out, "{v}");
                    }
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// `t!("key")` → `&'static str`; `t!("key", name = value, …)` → `String`.
#[macro_export]
macro_rules! t {
    ($key:expr) => {
        $crate::i18n::text($key)
    };
    ($key:expr, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::format($key, &[$((stringify!($name), &$value as &dyn std::fmt::Display)),+])
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_locales_parse_and_have_the_same_keys() {
        let en = flatten_source(EN_SOURCE).expect("en.toml parses");
        let zh = flatten_source(ZH_SOURCE).expect("zh.toml parses");
        let mut only_en: Vec<_> = en.keys().filter(|k| !zh.contains_key(*k)).collect();
        // The commands' descriptions and options' help are English in the command tree
        // itself; `cli::help_zh` checks the Chinese keys against that tree.
        let from_the_tree = |k: &str| k.starts_with("cli.about.") || k.starts_with("cli.arg.");
        let mut only_zh: Vec<_> = zh
            .keys()
            .filter(|k| !en.contains_key(*k) && !from_the_tree(k))
            .collect();
        only_en.sort();
        only_zh.sort();
        assert!(only_en.is_empty(), "keys missing from zh.toml: {only_en:?}");
        assert!(only_zh.is_empty(), "keys missing from en.toml: {only_zh:?}");
        assert!(en.len() > 50, "the catalogue is real, not a stub");
    }

    #[test]
    fn placeholders_are_filled_and_unknown_ones_kept() {
        let s = fill(
            "{field}: {value} ({x})",
            &[("field", &"grade"), ("value", &"E")],
        );
        assert_eq!(s, "grade: E ({x})");
    }

    #[test]
    fn language_names_parse() {
        assert_eq!(Lang::parse("zh_CN.UTF-8"), Some(Lang::Zh));
        assert_eq!(Lang::parse("en_US.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::parse("C"), Some(Lang::En));
        assert_eq!(Lang::parse("fr_FR"), None);
    }

    #[test]
    fn english_and_chinese_differ() {
        assert_eq!(text_in(Lang::En, "tab.customers"), "Customers");
        assert_eq!(text_in(Lang::Zh, "tab.customers"), "客户");
    }
}
