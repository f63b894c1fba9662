//! Settings from `config.toml` and the `SALESTRACK_*` environment (SPEC §9).
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

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// `en` or `zh`; absent: from the environment.
    pub language: Option<String>,
    pub currency: String,
    /// `default` or `mono`.
    pub theme: String,
    pub db_path: Option<PathBuf>,
    pub claim_limit: u32,
    pub cadence: Cadence,
    pub pool: PoolRules,
    /// Action name → key, e.g. `quit = "x"`.
    pub keys: BTreeMap<String, String>,
}

/// Follow-up cadence in days per customer grade (SPEC §6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Cadence {
    #[serde(rename = "A")]
    pub a: u32,
    #[serde(rename = "B")]
    pub b: u32,
    #[serde(rename = "C")]
    pub c: u32,
    #[serde(rename = "D")]
    pub d: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PoolRules {
    pub enabled: bool,
    pub days_without_visit: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            language: None,
            currency: "¥".into(),
            theme: "default".into(),
            db_path: None,
            claim_limit: 200,
            cadence: Cadence::default(),
            pool: PoolRules::default(),
            keys: BTreeMap::new(),
        }
    }
}

impl Default for Cadence {
    fn default() -> Self {
        Cadence {
            a: 7,
            b: 14,
            c: 30,
            d: 60,
        }
    }
}

impl Default for PoolRules {
    fn default() -> Self {
        PoolRules {
            enabled: false,
            days_without_visit: 90,
        }
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
        let s = Settings::parse(
            "language = \"zh\"\ncurrency = \"$\"\nclaim_limit = 50\n\
             [cadence]\nA = 3\n[pool]\nenabled = true\ndays_without_visit = 45\n",
        )
        .unwrap();
        assert_eq!(s.language.as_deref(), Some("zh"));
        assert_eq!(s.currency, "$");
        assert_eq!(s.claim_limit, 50);
        assert_eq!(
            s.cadence,
            Cadence {
                a: 3,
                ..Cadence::default()
            }
        );
        assert!(s.pool.enabled);
        assert_eq!(s.pool.days_without_visit, 45);
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
