//! A customer's people from a spreadsheet (联系人). One the customer has already (the same
//! name, by the name rule) is reported and skipped. WukongCRM keeps a mobile and a landline;
//! a contact here has one phone: the mobile, with the landline kept in the notes.

use std::collections::HashSet;

use super::{CustomersByName, ImportOptions, ImportReport, Problems, cell_text, required_text};
use crate::domain::sheet::{Row, Table, values};
use crate::domain::{PurchaseRole, ids, names};
use crate::store::policy::Write;
use crate::store::{Actor, Result, Store, audit};

struct Valid {
    customer_id: String,
    name: String,
    title: Option<String>,
    phone: Option<String>,
    email: Option<String>,
    role: Option<PurchaseRole>,
    notes: Option<String>,
}

impl Store {
    pub fn import_contacts(
        &mut self,
        actor: &Actor,
        table: &Table,
        options: ImportOptions,
    ) -> Result<ImportReport> {
        actor.may(Write::ImportContacts)?;
        let customers = CustomersByName::load(self)?;
        let known = super::visits::contacts_by_name(self)?;
        let mut problems = Problems::default();
        let mut report = ImportReport::of(table, options);
        let mut seen: HashSet<(String, String)> = HashSet::new();
        let mut rows: Vec<Valid> = Vec::new();
        for row in &table.rows {
            let Some(v) = validate(row, &customers, &mut problems) else {
                continue;
            };
            let key = (v.customer_id.clone(), names::name_key(&v.name));
            if known.contains_key(&key) || !seen.insert(key) {
                let customer = row.get("customer").unwrap_or_default().trim().to_string();
                report.duplicates.push((row.line, v.name, customer));
                continue;
            }
            rows.push(v);
        }
        if !report.checked(problems, rows.len())? {
            return Ok(report);
        }
        self.write(actor, |tx, ctx| {
            let mut insert = tx.prepare_cached(
                "INSERT INTO contacts (id, customer_id, name, title, phone, email, purchase_role,
                     notes, created_at, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10)",
            )?;
            for v in &rows {
                insert.execute(rusqlite::params![
                    ids::new_id().to_string(),
                    v.customer_id,
                    v.name,
                    v.title,
                    v.phone,
                    v.email,
                    v.role.map(|r| r.code()),
                    v.notes,
                    &ctx.now,
                    &ctx.login,
                ])?;
            }
            let detail = format!("{} contacts", rows.len());
            audit::record(tx, ctx, actor, "contact.import", None, Some(&detail))
        })?;
        Ok(report)
    }
}

fn validate(row: &Row, customers: &CustomersByName, problems: &mut Problems) -> Option<Valid> {
    let before = problems.0.len();
    let line = row.line;
    let name = problems.keep(line, required_text("name", row.get("name").unwrap_or("")));
    let customer_id = problems.keep(line, customers.find(row.get("customer").unwrap_or("")));
    let decides = problems.keep(
        line,
        row.get("decision_maker")
            .map(|v| values::yes_no("decision_maker", v))
            .transpose(),
    );
    let role = problems.keep(
        line,
        row.get("role").map(str::parse::<PurchaseRole>).transpose(),
    );
    let mut cells: Vec<(&'static str, Option<String>)> = Vec::new();
    for key in ["title", "mobile", "phone", "email", "notes"] {
        let value = problems.keep(line, row.get(key).map_or(Ok(None), |c| cell_text(key, c)));
        cells.push((key, value.flatten()));
    }
    if problems.0.len() > before {
        return None;
    }
    let text = |k: &str| {
        cells
            .iter()
            .find(|(key, _)| *key == k)
            .and_then(|(_, v)| v.clone())
    };
    let (mobile, landline) = (text("mobile"), text("phone"));
    let mut notes = text("notes");
    let phone = match (mobile, landline) {
        (Some(m), Some(l)) if m != l => {
            let kept = format!("{}: {l}", crate::t!("field.phone"));
            notes = Some(notes.map_or(kept.clone(), |n| format!("{n}\n{kept}")));
            Some(m)
        }
        (m, l) => m.or(l),
    };
    let decision_maker = decides
        .flatten()
        .filter(|d| *d)
        .map(|_| PurchaseRole::DecisionMaker);
    Some(Valid {
        customer_id: customer_id?,
        name: name?,
        title: text("title"),
        phone,
        email: text("email"),
        role: role.flatten().or(decision_maker),
        notes,
    })
}
