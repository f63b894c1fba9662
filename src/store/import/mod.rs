//! Importing records from a spreadsheet (README, Moving in): customers, their contacts,
//! follow-up records, deals and payments. Each import checks every row first; if any is wrong, every wrong row
//! is listed (line, field, why) and nothing is written. The rest is written in one
//! transaction. A record is linked to its customer by the customer's name (the name rule of
//! `names::name_key`), and to people by a rep's login or name.

mod contacts;
mod customers;
mod deals;
mod visits;

use std::collections::HashMap;

use serde::Serialize;

use crate::domain::sheet::{Ignored, Table};
use crate::domain::{FieldError, Reason, names};
use crate::store::{Result, Store, StoreError};

/// How an import runs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Check and report only; write nothing.
    pub dry_run: bool,
    /// Customers that exist already get the fields present in the file, instead of being
    /// skipped.
    pub update: bool,
}

/// What an import did (or, dry, would do).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    /// What the file was read as: `UTF-8`, `GBK`, `xlsx`, `xls`.
    pub format: String,
    pub imported: usize,
    /// Existing records given the file's values (`--update`), with the fields that changed.
    pub updated: Vec<Updated>,
    /// (line, the name in the file, the customer it duplicates): skipped.
    pub duplicates: Vec<(u64, String, String)>,
    pub ignored_columns: Vec<IgnoredColumn>,
    pub dry_run: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Updated {
    pub line: u64,
    pub name: String,
    pub fields: Vec<&'static str>,
}

/// A column the import did not read, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IgnoredColumn {
    pub header: String,
    /// A WukongCRM column salestrack keeps for itself.
    pub known: bool,
    pub did_you_mean: Option<&'static str>,
}

impl ImportReport {
    fn of(table: &Table, options: ImportOptions) -> ImportReport {
        ImportReport {
            format: table.format.to_string(),
            ignored_columns: table.ignored.iter().map(IgnoredColumn::from).collect(),
            dry_run: options.dry_run,
            ..ImportReport::default()
        }
    }
}

impl From<&Ignored> for IgnoredColumn {
    fn from(i: &Ignored) -> Self {
        IgnoredColumn {
            header: i.header.clone(),
            known: i.known,
            did_you_mean: i.did_you_mean,
        }
    }
}

/// Every wrong row of a file, (line, what is wrong), gathered before anything is written.
#[derive(Default)]
struct Problems(Vec<(u64, String)>);

impl Problems {
    fn add(&mut self, line: u64, e: impl ToString) {
        self.0.push((line, e.to_string()));
    }

    /// The value, or None with its refusal noted for `line`.
    fn keep<T>(&mut self, line: u64, r: std::result::Result<T, impl ToString>) -> Option<T> {
        r.map_err(|e| self.add(line, e)).ok()
    }

    fn check(self) -> Result<()> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(StoreError::BadRows { rows: self.0 })
        }
    }
}

/// Active reps by login and by name: spreadsheets name people, not logins. A name two reps
/// share names neither.
struct People(HashMap<String, Option<String>>);

impl People {
    fn load(store: &Store) -> Result<People> {
        let mut by: HashMap<String, Option<String>> = HashMap::new();
        for r in store.list_reps()?.iter().filter(|r| r.is_active()) {
            by.insert(r.login.clone(), Some(r.id.clone()));
            let by_name = by
                .entry(names::name_key(&r.name))
                .or_insert(Some(r.id.clone()));
            if by_name.as_deref() != Some(r.id.as_str()) {
                *by_name = None;
            }
        }
        Ok(People(by))
    }

    /// The rep id a cell names, or why not.
    fn find(&self, field: &'static str, text: &str) -> std::result::Result<String, StoreError> {
        let t = text.trim();
        match self.0.get(t).or_else(|| self.0.get(&names::name_key(t))) {
            Some(Some(id)) => Ok(id.clone()),
            Some(None) => Err(StoreError::Ambiguous {
                kind: "rep",
                key: t.to_string(),
                candidates: Vec::new(),
            }),
            None => Err(StoreError::Field(FieldError::new(
                field,
                t,
                Reason::Format("the login or name of an active rep"),
            ))),
        }
    }
}

/// Live customers by name key, for linking a contact, a visit or a deal to its customer.
struct CustomersByName(HashMap<String, String>);

impl CustomersByName {
    fn load(store: &Store) -> Result<CustomersByName> {
        let mut stmt = store
            .conn()
            .prepare("SELECT name_key, id FROM customers WHERE deleted_at IS NULL")?;
        let map = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<std::result::Result<_, _>>()?;
        Ok(CustomersByName(map))
    }

    fn find(&self, name: &str) -> std::result::Result<String, StoreError> {
        self.0
            .get(&names::name_key(name))
            .cloned()
            .ok_or_else(|| StoreError::NotFound {
                kind: "customer",
                key: name.trim().to_string(),
            })
    }
}
