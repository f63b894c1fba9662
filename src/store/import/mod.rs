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

use crate::domain::sheet::{Ignored, Kind, Table};
use crate::domain::{FieldError, Reason, names};
use crate::store::{Actor, Result, Store, StoreError};

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
    /// Imported, but likely the same company as a customer there already (`domain::company`):
    /// (line, the name in the file, that customer, its owner's login or None for the pool).
    pub resembles: Vec<(u64, String, String, Option<String>)>,
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
    /// Every row checked: refused when any is wrong; else counts the rows to write and says
    /// whether to write them (not on a dry run, nor when there are none).
    fn checked(&mut self, problems: Problems, rows: usize) -> Result<bool> {
        problems.check()?;
        self.imported = rows;
        Ok(!self.dry_run && rows > 0)
    }

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

/// The longest one-line text a cell may hold (a name, a title, a phone).
const LINE_MAX: usize = 200;

/// The longest text a cell may hold (notes, an address, a follow-up's text).
const TEXT_MAX: usize = 10_000;

/// A cell's text for `field`, None when blank: one line for most fields, with control
/// characters refused (an escape sequence would reach every terminal that shows it);
/// notes, addresses and a follow-up's text may hold line breaks. Ways to reach someone
/// (phone, mobile, e-mail, website) are folded to half-width: an IME types ｐｈｏｎｅ
/// numbers full-width.
fn cell_text(field: &'static str, cell: &str) -> std::result::Result<Option<String>, FieldError> {
    use unicode_normalization::UnicodeNormalization;
    let long = matches!(
        field,
        "notes" | "address" | "summary" | "outcome" | "next_step"
    );
    let folded: String = match field {
        "phone" | "mobile" | "email" | "website" => cell.nfkc().collect(),
        _ => cell.to_string(),
    };
    let max = if long { TEXT_MAX } else { LINE_MAX };
    if folded.chars().count() > max {
        return Err(FieldError::new(
            field,
            names::shown(&folded),
            Reason::TooLong(max),
        ));
    }
    if long {
        if folded
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        {
            return Err(FieldError::new(
                field,
                names::shown(&folded),
                Reason::Control,
            ));
        }
        return Ok(names::optional(&folded));
    }
    names::optional_line(field, &folded)
}

/// A required one-line text (a name, a title): like `cell_text`, refused when blank.
fn required_text(field: &'static str, cell: &str) -> std::result::Result<String, FieldError> {
    cell_text(field, cell)?.ok_or_else(|| FieldError::new(field, "", Reason::Empty))
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

/// Reps by login and by name: spreadsheets name people, not logins. A login is matched
/// first; a name two reps share is refused with both.
struct People {
    logins: HashMap<String, String>,
    names: HashMap<String, Vec<(String, String)>>,
}

impl People {
    /// The active reps; with `former`, those who left too (a follow-up of years ago was
    /// written by someone who may have left since).
    fn load(store: &Store, former: bool) -> Result<People> {
        let mut people = People {
            logins: HashMap::new(),
            names: HashMap::new(),
        };
        for r in store
            .list_reps()?
            .iter()
            .filter(|r| former || r.is_active())
        {
            people.logins.insert(r.login.clone(), r.id.clone());
            people
                .names
                .entry(names::name_key(&r.name))
                .or_default()
                .push((r.id.clone(), r.login.clone()));
        }
        Ok(people)
    }

    /// The rep id a cell names, or why not.
    fn find(&self, field: &'static str, text: &str) -> std::result::Result<String, StoreError> {
        let t = text.trim();
        if let Some(id) = self.logins.get(t) {
            return Ok(id.clone());
        }
        match self.names.get(&names::name_key(t)).map(Vec::as_slice) {
            Some([(id, _)]) => Ok(id.clone()),
            Some(several) => Err(StoreError::Ambiguous {
                kind: "rep",
                key: t.to_string(),
                candidates: several.iter().map(|(_, login)| login.clone()).collect(),
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

impl Store {
    /// Imports `table` as the records its kind is.
    pub fn import(
        &mut self,
        actor: &Actor,
        table: &Table,
        options: ImportOptions,
    ) -> Result<ImportReport> {
        match table.kind {
            Kind::Customers => self.import_customers(actor, table, options),
            Kind::Contacts => self.import_contacts(actor, table, options),
            Kind::Visits => self.import_visits(actor, table, options),
            Kind::Deals => self.import_deals(actor, table, options),
            Kind::Payments => self.import_payments(actor, table, options),
        }
    }
}
