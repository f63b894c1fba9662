//! Customers from a spreadsheet: new ones added; one that exists already (by the name rule,
//! in the archive or earlier in the file) reported and skipped, or with `--update` given
//! the file's values for the fields the file has.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, ToSql, Transaction};

use super::{ImportOptions, ImportReport, People, Problems, Updated, cell_text, required_text};
use crate::domain::date_input::{self, parse_optional_date};
use crate::domain::sheet::{Row, Table, values};
use crate::domain::{CustomerStage, Grade, OwnershipReason, company, ids, names};
use crate::store::customers::Customer;
use crate::store::customers::owner_log::change_owner;
use crate::store::policy::Write;
use crate::store::schema::bulk;
use crate::store::{Actor, Result, Store, WriteCtx, audit};

/// The customer's free-text fields an import writes, each its column of the same name.
const TEXT: [&str; 12] = [
    "industry", "size", "region", "city", "source", "address", "tags", "notes", "phone", "mobile",
    "email", "website",
];

/// A customer's free-text field by its key in `TEXT`.
fn text_of<'c>(c: &'c Customer, key: &str) -> Option<&'c str> {
    let v = match key {
        "industry" => &c.industry,
        "size" => &c.size,
        "region" => &c.region,
        "city" => &c.city,
        "source" => &c.source,
        "address" => &c.address,
        "tags" => &c.tags,
        "notes" => &c.notes,
        "phone" => &c.phone,
        "mobile" => &c.mobile,
        "email" => &c.email,
        "website" => &c.website,
        _ => &None,
    };
    v.as_deref()
}

/// A row ready to write: what the file gives, None where it says nothing.
struct Valid {
    name: String,
    key: String,
    grade: Option<Grade>,
    stage: Option<CustomerStage>,
    owner: Option<String>,
    next: Option<NaiveDate>,
    text: Vec<(&'static str, String)>,
}

impl Valid {
    fn text(&self, key: &str) -> Option<&str> {
        self.text
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The fields where the file differs from `c`.
    fn changes(&self, c: &Customer) -> Vec<&'static str> {
        let mut changed = Vec::new();
        if self.grade.is_some_and(|g| g != c.grade) {
            changed.push("grade");
        }
        if self.stage.is_some_and(|s| s != c.stage) {
            changed.push("stage");
        }
        if self.owner.is_some() && self.owner != c.owner_id {
            changed.push("owner");
        }
        if self.next.is_some() && self.next != c.next_follow_up {
            changed.push("next_follow_up");
        }
        for (key, v) in &self.text {
            if text_of(c, key) != Some(v.as_str()) {
                changed.push(key);
            }
        }
        changed
    }
}

impl Store {
    pub fn import_customers(
        &mut self,
        actor: &Actor,
        table: &Table,
        options: ImportOptions,
    ) -> Result<ImportReport> {
        actor.may(Write::ImportCustomers)?;
        let people = People::load(self, false)?;
        let today = self.clock().today();
        let mut problems = Problems::default();
        let mut report = ImportReport::of(table, options);
        let mut seen: HashMap<String, String> = HashMap::new();
        let mut added: Vec<Valid> = Vec::new();
        let mut updates: Vec<(String, Valid, Vec<&'static str>)> = Vec::new();
        let mut cores = Cores::load(self)?;
        let mut existing = self.conn().prepare_cached(
            "SELECT id, name FROM customers WHERE name_key = ?1 AND deleted_at IS NULL",
        )?;
        for row in &table.rows {
            let Some(valid) = validate(row, &people, today, &mut problems) else {
                continue;
            };
            if let Some(first) = seen.get(&valid.key) {
                report
                    .duplicates
                    .push((row.line, valid.name, first.clone()));
                continue;
            }
            seen.insert(valid.key.clone(), valid.name.clone());
            let found: Option<(String, String)> = existing
                .query_row([&valid.key], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            match found {
                None => {
                    if let Some((other, owner)) = cores.twin(&valid) {
                        report
                            .resembles
                            .push((row.line, valid.name.clone(), other, owner));
                    }
                    added.push(valid)
                }
                Some((id, _)) if options.update => {
                    let c = self.customer(&id)?;
                    let fields = valid.changes(&c);
                    if !fields.is_empty() {
                        report.updated.push(Updated {
                            line: row.line,
                            name: c.name.clone(),
                            fields: fields.clone(),
                        });
                        updates.push((id, valid, fields));
                    }
                }
                Some((_, name)) => report.duplicates.push((row.line, valid.name, name)),
            }
        }
        drop(existing);
        let to_add = report.checked(problems, added.len())?;
        if options.dry_run || (!to_add && updates.is_empty()) {
            return Ok(report);
        }
        // A large import is a bulk load (see `schema::bulk`): its indexes built once.
        let large = added.len() >= BULK_ROWS;
        self.write(actor, |tx, ctx| {
            if large {
                bulk::load(tx, &bulk::CUSTOMERS, || insert_rows(tx, ctx, &added))?;
            } else {
                insert_rows(tx, ctx, &added)?;
            }
            for (id, v, fields) in &updates {
                update_row(tx, ctx, actor, id, v, fields)?;
            }
            let detail = format!("{} customers, {} updated", added.len(), updates.len());
            audit::record(tx, ctx, actor, "customer.import", None, Some(&detail))
        })?;
        Ok(report)
    }
}

/// Every live customer by the core of its name and by its phones (`domain::company`), and
/// the rows the file adds as it is read: a new customer with a known core or phone is
/// likely a twin.
struct Cores(HashMap<String, (String, Option<String>)>);

impl Cores {
    fn load(store: &Store) -> Result<Cores> {
        let mut stmt = store.conn().prepare(
            "SELECT c.name, o.login, c.phone, c.mobile FROM customers c
             LEFT JOIN reps o ON o.id = c.owner_id WHERE c.deleted_at IS NULL",
        )?;
        let mut cores = Cores(HashMap::new());
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                [
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, Option<String>>(3)?,
                ],
            ))
        })?;
        for row in rows {
            let (name, owner, phones) = row?;
            for key in Cores::keys(&name, phones.iter().flatten().map(String::as_str)) {
                cores.0.entry(key).or_insert((name.clone(), owner.clone()));
            }
        }
        Ok(cores)
    }

    /// What a customer is known by: `n:` and its name's core, `p:` and each phone's digits.
    fn keys<'a>(name: &str, phones: impl Iterator<Item = &'a str>) -> Vec<String> {
        let mut keys = vec![format!("n:{}", company::core(name))];
        keys.extend(
            phones
                .filter_map(company::phone_key)
                .map(|p| format!("p:{p}")),
        );
        keys
    }

    /// The customer `v` resembles, if any; `v` is known from then on.
    fn twin(&mut self, v: &Valid) -> Option<(String, Option<String>)> {
        let phones = ["phone", "mobile"].into_iter().filter_map(|k| v.text(k));
        let keys = Cores::keys(&v.name, phones);
        let found = keys.iter().find_map(|k| self.0.get(k)).cloned();
        for key in keys {
            self.0.entry(key).or_insert((v.name.clone(), None));
        }
        found
    }
}

/// An import this large sets the customers' indexes aside while it writes (`schema::bulk`).
const BULK_ROWS: usize = 5_000;

/// Writes the checked rows, and each one's first owner in the ownership history.
fn insert_rows(tx: &Transaction, ctx: &WriteCtx, rows: &[Valid]) -> Result<()> {
    let mut insert = tx.prepare_cached(&format!(
        "INSERT INTO customers (id, name, name_key, grade, stage, owner_id, next_follow_up,
             created_at, updated_at, updated_by, {})
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9, {})",
        TEXT.join(", "),
        (10..10 + TEXT.len())
            .map(|i| format!("?{i}"))
            .collect::<Vec<_>>()
            .join(", ")
    ))?;
    let mut owned = tx.prepare_cached(
        "INSERT INTO ownership_changes (id, customer_id, from_rep_id, to_rep_id, why,
                 changed_by, changed_at)
             VALUES (?1, ?2, NULL, ?3, ?4, ?5, ?6)",
    )?;
    for v in rows {
        let id = ids::new_id().to_string();
        let (grade, stage) = (
            v.grade.unwrap_or_default().code(),
            v.stage.unwrap_or_default().code(),
        );
        let mut params: Vec<&dyn ToSql> = vec![
            &id, &v.name, &v.key, &grade, &stage, &v.owner, &v.next, &ctx.now, &ctx.login,
        ];
        let text: Vec<Option<&str>> = TEXT.iter().map(|k| v.text(k)).collect();
        params.extend(text.iter().map(|t| t as &dyn ToSql));
        insert.execute(params.as_slice())?;
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
    // The names' pinyin, for a search by it.
    crate::store::customers::spelling::fill_name_pinyin(tx, "main")?;
    Ok(())
}

/// Gives an existing customer the file's values for `fields`; a new owner through the
/// ownership history, like any change of owner.
fn update_row(
    tx: &Transaction,
    ctx: &WriteCtx,
    actor: &Actor,
    id: &str,
    v: &Valid,
    fields: &[&'static str],
) -> Result<()> {
    let grade = v.grade.map(|g| g.code());
    let stage = v.stage.map(|s| s.code());
    let mut sets: Vec<String> = vec!["updated_at = ?2".into(), "updated_by = ?3".into()];
    let mut params: Vec<&dyn ToSql> = vec![&id, &ctx.now, &ctx.login];
    for field in fields {
        let value: &dyn ToSql = match *field {
            "grade" => &grade,
            "stage" => &stage,
            "next_follow_up" => &v.next,
            "owner" => continue,
            key => match v.text.iter().find(|(k, _)| *k == key) {
                Some((_, value)) => value,
                None => continue,
            },
        };
        params.push(value);
        sets.push(format!("{field} = ?{}", params.len()));
    }
    tx.prepare_cached(&format!(
        "UPDATE customers SET {} WHERE id = ?1",
        sets.join(", ")
    ))?
    .execute(params.as_slice())?;
    if let (Some(owner), true) = (&v.owner, fields.contains(&"owner")) {
        change_owner(tx, ctx, actor, id, Some(owner), OwnershipReason::Import)?;
    }
    audit::record(
        tx,
        ctx,
        actor,
        "customer.edit",
        Some(("customer", id)),
        None,
    )
}

/// One row's values, by meaning (`sheet::values`); None with every wrong field noted.
fn validate(
    row: &Row,
    people: &People,
    today: NaiveDate,
    problems: &mut Problems,
) -> Option<Valid> {
    let before = problems.0.len();
    let line = row.line;
    let name = problems.keep(line, required_text("name", row.get("name").unwrap_or("")));
    let grade = problems.keep(line, row.get("grade").map(values::grade).transpose());
    let bought = problems.keep(
        line,
        row.get("deal_status").map(values::has_bought).transpose(),
    );
    let stage = problems.keep(
        line,
        row.get("stage")
            .map(str::parse::<CustomerStage>)
            .transpose(),
    );
    // 已成交 makes a customer, unless the file gives the stage itself.
    let stage = stage.map(|s| {
        s.or(bought
            .flatten()
            .filter(|b| *b)
            .map(|_| CustomerStage::Customer))
    });
    let next_text = values::date(row.get("next_follow_up").unwrap_or(""));
    let next = problems.keep(
        line,
        parse_optional_date("next", &next_text, today)
            .and_then(|d| d.map(|d| date_input::planned("next", d, today)).transpose()),
    );
    let owner = problems.keep(
        line,
        row.get("owner")
            .map(|o| people.find("owner", o))
            .transpose(),
    );
    let mut text: Vec<(&'static str, String)> = Vec::new();
    for key in TEXT {
        let value = problems.keep(line, row.get(key).map_or(Ok(None), |c| cell_text(key, c)));
        if let Some(Some(v)) = value {
            let v = if key == "source" {
                values::source(v)
            } else {
                v
            };
            text.push((key, v));
        }
    }
    // 地区定位 `浙江省,杭州市,西湖区`, or 省 / 市 / 区 apart: region and city, where the
    // file does not name them itself.
    let (region, mut city) = row.get("location").map_or((None, None), values::location);
    if let Some(district) = row.get("district").and_then(names::optional) {
        let base = row.get("city").and_then(names::optional).or(city.take());
        let joined = format!("{}{district}", base.unwrap_or_default());
        text.retain(|(k, _)| *k != "city");
        city = Some(joined);
    }
    for (key, value) in [("region", region), ("city", city)] {
        if let Some(v) = value.filter(|_| !text.iter().any(|(k, _)| *k == key)) {
            text.push((key, v));
        }
    }
    if problems.0.len() > before {
        return None;
    }
    let name = name?;
    Some(Valid {
        key: names::name_key(&name),
        name,
        grade: grade?,
        stage: stage?,
        owner: owner?,
        next: next?,
        text,
    })
}
