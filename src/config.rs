//! Settings from `config.toml` and the `SALESTRACK_*` environment (README, Files and configuration).
//!
//! A missing file means defaults. A broken file is reported with its line and the program
//! still starts on defaults: a typo in a config file must never lock a salesperson out.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use directories::ProjectDirs;
use serde::Deserialize;

pub const DB_ENV: &str = "SALESTRACK_DB";
pub const CONFIG_ENV: &str = "SALESTRACK_CONFIG";
pub const DB_FILE_NAME: &str = "salestrack.db";

/// A user's own preferences. The team's rules (claim limit, cadences, pool, currency) are
/// not here: they live in the database (`store::settings`), where only managers change
/// them. An older config.toml that still sets them loads as before, and they are kept here
/// only to say they are ignored and, once, to be copied into the database by a manager
/// (see `team_rules`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// `en` or `zh`; absent: from the environment.
    pub language: Option<String>,
    /// `default` or `mono`.
    pub theme: String,
    pub db_path: Option<PathBuf>,
    /// Action name → key, e.g. `quit = "x"`.
    pub keys: BTreeMap<String, String>,
    // Team rules of an older config.toml, with their old types, so a file that worked still
    // loads and one that was broken (`claim_limit = "many"`) is still reported on its line.
    // Private: nothing may obey them.
    currency: Option<String>,
    claim_limit: Option<u32>,
    cadence: Option<OldCadence>,
    pool: Option<OldPool>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct OldCadence {
    #[serde(rename = "A")]
    a: Option<u32>,
    #[serde(rename = "B")]
    b: Option<u32>,
    #[serde(rename = "C")]
    c: Option<u32>,
    #[serde(rename = "D")]
    d: Option<u32>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct OldPool {
    enabled: Option<bool>,
    days_without_visit: Option<u32>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            language: None,
            theme: "default".into(),
            db_path: None,
            keys: BTreeMap::new(),
            currency: None,
            claim_limit: None,
            cadence: None,
            pool: None,
        }
    }
}

impl Settings {
    /// The team rules this file sets, as (key of `salestrack settings`, value): never
    /// obeyed, only named in the notice that they moved and copied once by a manager.
    pub fn team_rules(&self) -> Vec<(&'static str, String)> {
        let n = |key, v: Option<u32>| v.map(|v| (key, v.to_string()));
        let c = self.cadence.unwrap_or_default();
        let p = self.pool.unwrap_or_default();
        [
            n("claim_limit", self.claim_limit),
            n("cadence.A", c.a),
            n("cadence.B", c.b),
            n("cadence.C", c.c),
            n("cadence.D", c.d),
            p.enabled.map(|e| ("pool.enabled", e.to_string())),
            n("pool.days_without_visit", p.days_without_visit),
            self.currency.clone().map(|v| ("currency", v)),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

/// What went wrong reading the config file, for the user: the file, the line and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigProblem {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub message: String,
}

impl Settings {
    /// Parses a config file's text; on error, the 1-based line of the problem.
    pub fn parse(text: &str) -> Result<Settings, (Option<usize>, String)> {
        toml::from_str::<Settings>(text).map_err(|e| {
            let line = e
                .span()
                .map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1);
            (line, e.message().to_string())
        })
    }

    /// Loads `path`; a missing file is defaults, a broken one is defaults plus the problem.
    pub fn load(path: &Path) -> (Settings, Option<ConfigProblem>) {
        let text = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return (Settings::default(), None);
            }
            Err(e) => {
                let problem = ConfigProblem {
                    path: path.into(),
                    line: None,
                    message: e.to_string(),
                };
                return (Settings::default(), Some(problem));
            }
        };
        let text = match String::from_utf8(text) {
            Ok(t) => t,
            Err(_) => {
                let problem = ConfigProblem {
                    path: path.into(),
                    line: None,
                    message: "not UTF-8 text".into(),
                };
                return (Settings::default(), Some(problem));
            }
        };
        match Settings::parse(&text) {
            Ok(s) => (s, None),
            Err((line, message)) => (
                Settings::default(),
                Some(ConfigProblem {
                    path: path.into(),
                    line,
                    message,
                }),
            ),
        }
    }
}

fn project_dirs() -> Option<ProjectDirs> {
    ProjectDirs::from("", "", "salestrack")
}

/// `SALESTRACK_CONFIG`, else `config.toml` in the platform config directory.
pub fn config_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(CONFIG_ENV).filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    project_dirs().map(|d| d.config_dir().join("config.toml"))
}

/// The platform data directory: the default database and the log files live here.
pub fn data_dir() -> Option<PathBuf> {
    project_dirs().map(|d| d.data_dir().to_path_buf())
}

/// `--db`, else `SALESTRACK_DB`, else `db_path` in the config, else the data directory.
pub fn resolve_db_path(flag: Option<&Path>, settings: &Settings) -> Option<PathBuf> {
    if let Some(p) = flag {
        return Some(p.to_path_buf());
    }
    if let Some(p) = std::env::var_os(DB_ENV).filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    if let Some(p) = &settings.db_path {
        return Some(p.clone());
    }
    data_dir().map(|d| d.join(DB_FILE_NAME))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_file_is_defaults_without_a_problem() {
        let dir = tempfile::tempdir().unwrap();
        let (s, p) = Settings::load(&dir.path().join("none.toml"));
        assert_eq!(s, Settings::default());
        assert!(p.is_none());
    }

    #[test]
    fn a_full_file_is_read() {
        let s =
            Settings::parse("language = \"zh\"\ntheme = \"mono\"\n[keys]\nquit = \"Q\"\n").unwrap();
        assert_eq!(s.language.as_deref(), Some("zh"));
        assert_eq!(s.theme, "mono");
        assert_eq!(s.keys.get("quit").map(String::as_str), Some("Q"));
        assert!(s.team_rules().is_empty());
    }

    #[test]
    fn team_rules_of_an_old_file_load_and_are_named_by_their_database_keys() {
        let s = Settings::parse(
            "language = \"zh\"\ncurrency = \"$\"\nclaim_limit = 50\n\
             [cadence]\nA = 3\n[pool]\nenabled = true\ndays_without_visit = 45\n",
        )
        .unwrap();
        assert_eq!(s.language.as_deref(), Some("zh"));
        let want = [
            ("claim_limit", "50"),
            ("cadence.A", "3"),
            ("pool.enabled", "true"),
            ("pool.days_without_visit", "45"),
            ("currency", "$"),
        ]
        .map(|(k, v)| (k, v.to_string()));
        assert_eq!(s.team_rules(), want);
    }

    #[test]
    fn a_broken_file_names_its_line_and_gives_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "currency = \"$\"\n\nclaim_limit = \"many\"\n").unwrap();
        let (s, p) = Settings::load(&path);
        assert_eq!(s, Settings::default());
        let p = p.expect("a problem is reported");
        assert_eq!(p.line, Some(3));
        assert_eq!(p.path, path);
    }

    #[test]
    fn an_unknown_key_is_a_problem_on_its_line() {
        let (line, _) = Settings::parse("currency = \"$\"\ncolour = \"red\"\n").unwrap_err();
        assert_eq!(line, Some(2));
    }

    #[test]
    fn the_db_flag_wins() {
        let s = Settings {
            db_path: Some("/from/config.db".into()),
            ..Settings::default()
        };
        let p = resolve_db_path(Some(Path::new("/flag.db")), &s);
        assert_eq!(p.as_deref(), Some(Path::new("/flag.db")));
    }
}
