//! Follow-up records (跟进记录) from a spreadsheet: each a visit on its customer, by its
//! author, on its own date. An imported visit was logged when it happened elsewhere, so it
//! is logged on its own date here and never counts as late. One the log holds already (same
//! customer, day, author and text) is reported and skipped, so an import run twice adds
//! nothing the second time.

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, NaiveTime};
use rusqlite::OptionalExtension;

use super::{
    CustomersByName, ImportOptions, ImportReport, People, Problems, cell_text, required_text,
};
use crate::domain::date_input::{self, parse_date};
use crate::domain::sheet::{Row, Table, values};
use crate::domain::{FieldError, Reason, VisitKind, ids, names};
use crate::store::policy::Write;
use crate::store::schema::bulk;
use crate::store::{Actor, Result, Store, audit};

struct Valid {
    customer_id: String,
    customer: String,
    author_id: String,
    date: NaiveDate,
    /// When it happened, as the file says (noon when it gives only the day).
    time: NaiveTime,
    kind: VisitKind,
    purpose: Option<String>,
    summary: String,
    outcome: Option<String>,
    next_step: Option<String>,
    next: Option<NaiveDate>,
    contacts: Vec<String>,
}

impl Store {
    pub fn import_visits(
        &mut self,
        actor: &Actor,
        table: &Table,
        options: ImportOptions,
    ) -> Result<ImportReport> {
        actor.may(Write::ImportVisits)?;
        let people = People::load(self, true)?;
        let customers = CustomersByName::load(self)?;
        let contacts = contacts_by_name(self)?;
        let today = self.clock().today();
        let mut problems = Problems::default();
        let mut report = ImportReport::of(table, options);
        let mut rows: Vec<(Valid, String)> = Vec::new();
        let mut seen: HashSet<(String, String, String, &'static str, String)> = HashSet::new();
        let mut logged = self.conn().prepare_cached(
            "SELECT 1 FROM visits WHERE customer_id = ?1 AND logged_at = ?2 AND author_id = ?3
               AND kind = ?4 AND summary = ?5 AND deleted_at IS NULL",
        )?;
        for row in &table.rows {
            let Some(v) = validate(
                row,
                actor,
                &people,
                &customers,
                &contacts,
                today,
                &mut problems,
            ) else {
                continue;
            };
            // The same customer, moment, author, way and text: one follow-up, twice.
            // Logged when it happened (noon of its day when the file gives no time), so it
            // is never late.
            let at = self.clock().stamp_at(v.date, v.time);
            let key = (
                v.customer_id.clone(),
                at.clone(),
                v.author_id.clone(),
                v.kind.code(),
                v.summary.clone(),
            );
            let there = logged
                .query_row((&key.0, &key.1, &key.2, key.3, &key.4), |_| Ok(()))
                .optional()?;
            if there.is_some() || !seen.insert(key) {
                report
                    .duplicates
                    .push((row.line, v.summary.clone(), v.customer.clone()));
                continue;
            }
            rows.push((v, at));
        }
        drop(logged);
        if !report.checked(problems, rows.len())? {
            return Ok(report);
        }
        // A large import is a bulk load (see `schema::bulk`): the visits' indexes built once,
        // their rollup filled once.
        let large = rows.len() >= BULK_ROWS;
        self.write(actor, |tx, ctx| {
            let newest = if large {
                bulk::load(tx, &bulk::VISITS, || insert_rows(tx, ctx, &rows))?
            } else {
                insert_rows(tx, ctx, &rows)?
            };
            // As a visit logged by hand does: derived fields only, not an edit.
            let mut touch = tx.prepare_cached(
                "UPDATE customers SET
                     next_follow_up = CASE WHEN last_visit_on IS NULL OR last_visit_on <= ?2
                                           THEN COALESCE(?3, next_follow_up)
                                           ELSE next_follow_up END,
                     last_visit_on = max(COALESCE(last_visit_on, ?2), ?2)
                 WHERE id = ?1",
            )?;
            for (customer, (date, next)) in &newest {
                touch.execute((customer, date, next))?;
            }
            let detail = format!("{} visits", rows.len());
            audit::record(tx, ctx, actor, "visit.import", None, Some(&detail))
        })?;
        Ok(report)
    }
}

/// An import this large sets the visits' indexes and rollup triggers aside while it writes.
const BULK_ROWS: usize = 5_000;

/// Writes the checked visits (and the contacts met); gives each customer's newest visit's
/// date and follow-up, for the customer's derived fields.
fn insert_rows(
    tx: &rusqlite::Transaction,
    ctx: &crate::store::WriteCtx,
    rows: &[(Valid, String)],
) -> Result<HashMap<String, (NaiveDate, Option<NaiveDate>)>> {
    let mut insert = tx.prepare_cached(
        "INSERT INTO visits (id, customer_id, author_id, date, kind, purpose, summary,
                     outcome, next_step, next_follow_up, expense_cents, logged_at,
                     created_at, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 0, ?11, ?12, ?12, ?13)",
    )?;
    let mut met = tx.prepare_cached(
        "INSERT INTO visit_contacts (visit_id, contact_id, created_at) VALUES (?1, ?2, ?3)",
    )?;
    // Per customer: the newest visit's date, and its follow-up.
    let mut newest: HashMap<String, (NaiveDate, Option<NaiveDate>)> = HashMap::new();
    for (v, logged_at) in rows {
        let id = ids::new_id().to_string();
        insert.execute(rusqlite::params![
            &id,
            &v.customer_id,
            &v.author_id,
            v.date,
            v.kind.code(),
            v.purpose,
            v.summary,
            v.outcome,
            v.next_step,
            v.next,
            logged_at,
            &ctx.now,
            &ctx.login,
        ])?;
        for contact in &v.contacts {
            met.execute((&id, contact, &ctx.now))?;
        }
        let e = newest
            .entry(v.customer_id.clone())
            .or_insert((v.date, v.next));
        if v.date >= e.0 {
            *e = (v.date, v.next.or(e.1));
        }
    }
    Ok(newest)
}

/// Live contacts by (customer, name key), each name with every contact of it: for the
/// 相关联系人 of a record, and a contact import's duplicates.
pub(super) fn contacts_by_name(store: &Store) -> Result<HashMap<(String, String), Vec<String>>> {
    let mut stmt = store.conn().prepare(
        "SELECT customer_id, name, id FROM contacts WHERE deleted_at IS NULL ORDER BY created_at",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get(2)?))
    })?;
    let mut map: HashMap<(String, String), Vec<String>> = HashMap::new();
    for row in rows {
        let (customer, name, id) = row?;
        map.entry((customer, names::name_key(&name)))
            .or_default()
            .push(id);
    }
    Ok(map)
}

fn validate(
    row: &Row,
    actor: &Actor,
    people: &People,
    customers: &CustomersByName,
    contacts: &HashMap<(String, String), Vec<String>>,
    today: NaiveDate,
    problems: &mut Problems,
) -> Option<Valid> {
    let before = problems.0.len();
    let line = row.line;
    let customer = row.get("customer").unwrap_or("").trim().to_string();
    let customer_id = problems.keep(line, customers.find(&customer));
    let summary = problems.keep(
        line,
        required_text("summary", row.get("summary").unwrap_or("")),
    );
    let date = problems.keep(
        line,
        parse_date("date", &values::date(row.get("date").unwrap_or("")), today)
            .and_then(|d| date_input::happened("date", d, today)),
    );
    let next = match (row.get("next_follow_up"), date) {
        (Some(n), Some(date)) => problems.keep(
            line,
            parse_date("next", &values::date(n), today)
                .and_then(|n| date_input::follow_up("next", n, date, today))
                .map(Some),
        ),
        _ => Some(None),
    };
    let author_id = match row.get("author") {
        Some(a) => problems.keep(line, people.find("author", a)),
        None => problems.keep(
            line,
            actor.rep_id.clone().ok_or_else(|| {
                FieldError::new(
                    "author",
                    "",
                    Reason::Format("the login or name of an active rep"),
                )
            }),
        ),
    };
    let (kind, label) = row
        .get("kind")
        .map_or((VisitKind::default(), None), values::visit_kind);
    // 相关联系人: one name, or several (WukongCRM separates them with `/`).
    let mut met = Vec::new();
    if let (Some(list), Some(cid)) = (row.get("contact"), &customer_id) {
        for name in list.split(['/', ',', '，', '、', ';', '；']).map(str::trim) {
            if name.is_empty() {
                continue;
            }
            let key = (cid.clone(), names::name_key(name));
            match contacts.get(&key).map(Vec::as_slice) {
                Some([id]) => {
                    if !met.contains(id) {
                        met.push(id.clone())
                    }
                }
                Some(several) => problems.add(
                    line,
                    crate::store::StoreError::Ambiguous {
                        kind: "contact",
                        key: name.to_string(),
                        candidates: vec![name.to_string(); several.len()],
                    },
                ),
                None => problems.add(
                    line,
                    crate::store::StoreError::NotFound {
                        kind: "contact",
                        key: format!("{name} ({customer})"),
                    },
                ),
            }
        }
    }
    let outcome = problems.keep(
        line,
        row.get("outcome")
            .map_or(Ok(None), |c| cell_text("outcome", c)),
    );
    let next_step = problems.keep(
        line,
        row.get("next_step")
            .map_or(Ok(None), |c| cell_text("next_step", c)),
    );
    if problems.0.len() > before {
        return None;
    }
    Some(Valid {
        customer_id: customer_id?,
        customer,
        author_id: author_id?,
        date: date?,
        kind,
        purpose: label,
        summary: summary?,
        outcome: outcome?,
        next_step: next_step?,
        next: next?,
        time: row
            .get("date")
            .and_then(values::time_of_day)
            .unwrap_or(NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default()),
        contacts: met,
    })
}
