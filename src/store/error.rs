//! The store's typed errors. Their text comes from the locale files (see `crate::i18n`), so a
//! refusal reads the same in the CLI and the TUI, in English or Chinese.

use std::fmt;

use crate::domain::FieldError;
use crate::t;

#[derive(Debug)]
pub enum StoreError {
    /// A value the user gave is wrong: names the field and the accepted form.
    Field(FieldError),
    /// A value that must be unique already exists (e.g. a customer's name).
    Duplicate {
        field: &'static str,
        value: String,
        existing: String,
    },
    NotFound {
        kind: &'static str,
        key: String,
    },
    /// A rule of the trade refuses this (a claim over the limit, a customer not in the pool…):
    /// the i18n key of the explanation and the values it names.
    Rule {
        key: &'static str,
        args: Vec<(&'static str, String)>,
    },
    /// A short id or name matches several records (or none exactly, but some nearly).
    Ambiguous {
        kind: &'static str,
        key: String,
        candidates: Vec<String>,
    },
    /// The actor's role may not do this.
    Denied {
        login: String,
        action: &'static str,
    },
    /// Rows of an import that are wrong: (line, what is wrong). Nothing was written.
    BadRows {
        rows: Vec<(u64, String)>,
    },
    /// The login is not a rep of this database (or has left): reading only.
    ReadOnly {
        login: String,
    },
    NoDatabase {
        path: String,
    },
    NotOurs {
        path: String,
    },
    /// Demo data goes only into a database without customers.
    NotEmpty {
        path: String,
    },
    NewerSchema {
        found: i64,
        supported: i64,
    },
    Sqlite(rusqlite::Error),
    Io(std::io::Error),
    /// A file to write was refused (the database itself, an existing file…).
    Output(crate::outfile::OutError),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

impl From<FieldError> for StoreError {
    fn from(e: FieldError) -> Self {
        StoreError::Field(e)
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        // The schema's own guard (migration 0004) names its rule in the RAISE message.
        match &e {
            rusqlite::Error::SqliteFailure(_, Some(m)) if m.contains("salestrack:amount_range") => {
                StoreError::rule(
                    "error.amount_range",
                    &[("max", &crate::domain::Money::MAX.display(""))],
                )
            }
            _ => StoreError::Sqlite(e),
        }
    }
}

impl From<std::io::Error> for StoreError {
    fn from(e: std::io::Error) -> Self {
        StoreError::Io(e)
    }
}

impl StoreError {
    /// A rule's refusal: `rule("error.claim_limit", &[("limit", &200)])`.
    pub fn rule(key: &'static str, args: &[(&'static str, &dyn std::fmt::Display)]) -> StoreError {
        StoreError::Rule {
            key,
            args: args.iter().map(|(n, v)| (*n, v.to_string())).collect(),
        }
    }

    pub fn output(e: crate::outfile::OutError) -> StoreError {
        StoreError::Output(e)
    }

    pub fn is_busy(&self) -> bool {
        matches!(
            self,
            StoreError::Sqlite(rusqlite::Error::SqliteFailure(e, _))
                if matches!(e.code, rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
        )
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            StoreError::Field(e) => e.to_string(),
            StoreError::Duplicate {
                field,
                value,
                existing,
            } => t!(
                "error.duplicate",
                field = t!(&format!("field.{field}")),
                value = value,
                existing = existing
            ),
            StoreError::NotFound { kind, key } => {
                t!(
                    "error.not_found",
                    kind = t!(&format!("kind.{kind}")),
                    key = key
                )
            }
            StoreError::Ambiguous {
                kind,
                key,
                candidates,
            } if candidates.is_empty() => {
                t!(
                    "error.not_found",
                    kind = t!(&format!("kind.{kind}")),
                    key = key
                )
            }
            StoreError::Ambiguous {
                kind,
                key,
                candidates,
            } => t!(
                "error.ambiguous",
                kind = t!(&format!("kind.{kind}")),
                key = key,
                candidates = candidates.join(", ")
            ),
            StoreError::Denied { login, action } => t!(
                "error.denied",
                login = login,
                action = t!(&format!("action.{action}"))
            ),
            StoreError::Rule { key, args } => {
                let args: Vec<(&str, &dyn std::fmt::Display)> = args
                    .iter()
                    .map(|(n, v)| (*n, v as &dyn std::fmt::Display))
                    .collect();
                crate::i18n::format(key, &args)
            }
            StoreError::BadRows { rows } => {
                let mut text = t!("error.bad_rows", count = rows.len());
                for (line, what) in rows {
                    text.push_str(&format!(
                        "\n  {}",
                        t!("error.at_line", line = line, what = what)
                    ));
                }
                text
            }
            StoreError::ReadOnly { login } => t!("error.read_only", login = login),
            StoreError::NoDatabase { path } => t!("error.no_database", path = path),
            StoreError::NotOurs { path } => t!("error.not_ours", path = path),
            StoreError::NotEmpty { path } => t!("msg.demo_not_empty", path = path),
            StoreError::NewerSchema { found, supported } => {
                t!("error.newer_schema", found = found, supported = supported)
            }
            StoreError::Sqlite(_) if self.is_busy() => t!("error.busy").to_string(),
            StoreError::Sqlite(e) => t!("error.database", detail = e),
            StoreError::Io(e) => t!("error.io", detail = e),
            StoreError::Output(e) => e.to_string(),
        };
        f.write_str(&text)
    }
}

/// The cause underneath, for whoever walks the chain (`main` finds a broken pipe in it). The
/// text above already says the cause, as the TUI shows only that; `messages::error_text`
/// says each once.
impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StoreError::Sqlite(e) => Some(e),
            StoreError::Io(e) => Some(e),
            StoreError::Output(e) => Some(e),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::error::Error;

    use super::*;

    #[test]
    fn a_database_or_file_error_is_the_source_and_a_refusal_has_none() {
        let io = StoreError::from(std::io::Error::from(std::io::ErrorKind::BrokenPipe));
        let cause = io.source().and_then(|c| c.downcast_ref::<std::io::Error>());
        assert_eq!(
            cause.map(|c| c.kind()),
            Some(std::io::ErrorKind::BrokenPipe)
        );
        let sqlite = StoreError::from(rusqlite::Error::InvalidQuery);
        assert!(matches!(
            sqlite
                .source()
                .and_then(|c| c.downcast_ref::<rusqlite::Error>()),
            Some(rusqlite::Error::InvalidQuery)
        ));
        let not_found = StoreError::NotFound {
            kind: "customer",
            key: "x".into(),
        };
        assert!(not_found.source().is_none());
    }
}
