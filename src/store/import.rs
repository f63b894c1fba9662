//! Importing customers from a spreadsheet (README, Spreadsheets): every row is checked first; if any is
//! wrong, every wrong row is listed (line, field, why) and nothing is written. Customers that
//! already exist, in the archive or earlier in the file, are reported and skipped. The rest
//! is written in one transaction.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, Transaction};
use serde::Serialize;

use crate::domain::customer_csv::{CsvFile, CsvRow};
use crate::domain::date_input::{self, parse_optional_date};
use crate::domain::{CustomerStage, FieldError, Grade, OwnershipReason, Reason, ids, names};
use crate::store::policy::Write;
use crate::store::schema::bulk;
use crate::store::{Actor, Result, Store, StoreError, WriteCtx, audit};

/// A row ready to write.
struct Valid {
    name: String,
    key: String,
    grade: Grade,
    stage: CustomerStage,
    owner: Option<String>,
    next: Option<chrono::NaiveDate>,
    text: [Option<String>; 7],
}

const TEXT_COLUMNS: [&str; 7] = [
    "industry", "size", "region", "source", "address", "tags", "notes",
];

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    pub encoding: String,
    pub imported: usize,
    /// (line, the name in the file, the customer it duplicates)
    pub duplicates: Vec<(u64, String, String)>,
    pub ignored_columns: Vec<String>,
    pub dry_run: bool,
}

/// `2026/9/5`, `2026.09.05` as spreadsheets write dates → `2026-09-05`; others unchanged.
fn spreadsheet_date(s: &str) -> String {
    let parts: Vec<&str> = s.trim().split(['/', '.', '-']).collect();
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 && (1..=2).contains(&m.len()) && (1..=2).contains(&d.len()) => {
            format!("{y}-{m:0>2}-{d:0>2}")
        }
        _ => s.to_string(),
    }
}

impl Store {
    pub fn import_customers(
        &mut self,
        actor: &Actor,
        file: &CsvFile,
        dry_run: bool,
    ) -> Result<ImportReport> {
        actor.may(Write::ImportCustomers)?;
        // Owners by login and by (unique) name: spreadsheets name people, not logins.
        let reps = self.list_reps()?;
        let mut owners: HashMap<String, Option<String>> = HashMap::new();
        for r in reps.iter().filter(|r| r.is_active()) {
            owners.insert(r.login.clone(), Some(r.id.clone()));
            let by_name = owners
                .entry(names::name_key(&r.name))
                .or_insert(Some(r.id.clone()));
            if by_name.as_deref() != Some(r.id.as_str()) {
                *by_name = None; // two reps share this name: ambiguous
            }
        }
        let today = self.clock().today();
        let mut problems: Vec<(u64, String)> = Vec::new();
        let mut report = ImportReport {
            encoding: file.encoding.to_string(),
            ignored_columns: file.ignored.clone(),
            dry_run,
            ..ImportReport::default()
        };
        let mut seen: HashMap<String, String> = HashMap::new();
        let mut rows: Vec<Valid> = Vec::new();
        let mut existing = self.conn().prepare_cached(
            "SELECT name FROM customers WHERE name_key = ?1 AND deleted_at IS NULL",
        )?;
        for row in &file.rows {
            match validate(row, &owners, today) {
                Err(errors) => {
                    problems.extend(errors.into_iter().map(|e| (row.line, e.to_string())))
                }
                Ok(valid) => {
                    let dup = match seen.get(&valid.key) {
                        Some(first) => Some(first.clone()),
                        None => existing
                            .query_row([&valid.key], |r| r.get::<_, String>(0))
                            .optional()?,
                    };
                    match dup {
                        Some(other) => report.duplicates.push((row.line, valid.name, other)),
                        None => {
                            seen.insert(valid.key.clone(), valid.name.clone());
                            rows.push(valid);
                        }
                    }
                }
            }
        }
        drop(existing);
        if !problems.is_empty() {
            return Err(StoreError::BadRows { rows: problems });
        }
        report.imported = rows.len();
        if dry_run || rows.is_empty() {
            return Ok(report);
        }
        // A large import is a bulk load (see `schema::bulk`): its indexes built once.
        let large = rows.len() >= BULK_ROWS;
        self.write(actor, |tx, ctx| {
            if large {
                bulk::load(tx, &bulk::CUSTOMERS, || insert_rows(tx, ctx, &rows))?;
            } else {
                insert_rows(tx, ctx, &rows)?;
            }
            let detail = format!("{} customers", rows.len());
            audit::record(tx, ctx, actor, "customer.import", None, Some(&detail))
        })?;
        Ok(report)
    }
}

/// An import this large sets the customers' indexes aside while it writes (`schema::bulk`).
const BULK_ROWS: usize = 5_000;

/// Writes the checked rows, and each one's first owner in the ownership history.
fn insert_rows(tx: &Transaction, ctx: &WriteCtx, rows: &[Valid]) -> Result<()> {
    let mut insert = tx.prepare_cached(
        "INSERT INTO customers (id, name, name_key, grade, stage, owner_id, industry, size,
                 region, source, address, tags, notes, next_follow_up, created_at, updated_at,
                 updated_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15, ?16)",
    )?;
    let mut owned = tx.prepare_cached(
        "INSERT INTO ownership_changes (id, customer_id, from_rep_id, to_rep_id, why,
                 changed_by, changed_at)
             VALUES (?1, ?2, NULL, ?3, ?4, ?5, ?6)",
    )?;
    for v in rows {
        let id = ids::new_id().to_string();
        let [industry, size, region, source, address, tags, notes] = &v.text;
        insert.execute(rusqlite::params![
            id,
            v.name,
            v.key,
            v.grade.code(),
            v.stage.code(),
            v.owner,
            industry,
            size,
            region,
            source,
            address,
            tags,
            notes,
            v.next,
            ctx.now,
            ctx.login,
        ])?;
        if let Some(owner) = &v.owner {
            owned.execute((
                ids::new_id().to_string(),
                &id,
                owner,
                OwnershipReason::Import.code(),
                &ctx.login,
                &ctx.now,
            ))?;
        }
    }
    Ok(())
}

/// The value, or None with its refusal added to `errors`.
fn keep<T>(errors: &mut Vec<StoreError>, r: std::result::Result<T, FieldError>) -> Option<T> {
    r.map_err(|e| errors.push(StoreError::Field(e))).ok()
}

/// One row's values, typed; or every field that is wrong in it.
fn validate(
    row: &CsvRow,
    owners: &HashMap<String, Option<String>>,
    today: chrono::NaiveDate,
) -> std::result::Result<Valid, Vec<StoreError>> {
    let mut errors: Vec<StoreError> = Vec::new();
    let name = keep(
        &mut errors,
        names::required("name", row.get("name").unwrap_or("")),
    );
    let grade = keep(
        &mut errors,
        row.get("grade").map_or(Ok(Grade::default()), str::parse),
    );
    let stage = keep(
        &mut errors,
        row.get("stage")
            .map_or(Ok(CustomerStage::default()), str::parse),
    );
    let next_text = spreadsheet_date(row.get("next_follow_up").unwrap_or(""));
    let next = keep(
        &mut errors,
        parse_optional_date("next", &next_text, today)
            .and_then(|d| d.map(|d| date_input::planned("next", d, today)).transpose()),
    );
    let owner = match row.get("owner").map(str::trim) {
        None => Some(None),
        Some(o) => match owners.get(o).or_else(|| owners.get(&names::name_key(o))) {
            Some(Some(id)) => Some(Some(id.clone())),
            Some(None) => {
                errors.push(StoreError::Ambiguous {
                    kind: "rep",
                    key: o.to_string(),
                    candidates: Vec::new(),
                });
                None
            }
            None => {
                errors.push(StoreError::Field(FieldError::new(
                    "owner",
                    o,
                    Reason::Format("the login or name of an active rep"),
                )));
                None
            }
        },
    };
    match (name, grade, stage, next, owner) {
        (Some(name), Some(grade), Some(stage), Some(next), Some(owner)) if errors.is_empty() => {
            Ok(Valid {
                key: names::name_key(&name),
                name,
                grade,
                stage,
                owner,
                next,
                text: TEXT_COLUMNS.map(|c| row.get(c).and_then(names::optional)),
            })
        }
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::spreadsheet_date;

    #[test]
    fn spreadsheet_dates_become_iso() {
        assert_eq!(spreadsheet_date("2026/9/5"), "2026-09-05");
        assert_eq!(spreadsheet_date("2026.10.15"), "2026-10-15");
        assert_eq!(spreadsheet_date("2026-02-30"), "2026-02-30");
        assert_eq!(spreadsheet_date("next week"), "next week");
    }
}
