//! Quick add on the Visits tab: a visit saved in a few keystrokes. `a`, type a few letters of
//! the customer (Chinese or Latin; the picker matches letters in order), Enter, type the
//! summary, Ctrl-S: three keys and the text. The date defaults to today, the kind to a visit;
//! the rest is there for when it is needed.

use crate::domain::date_input::{parse_date, parse_optional_date};
use crate::domain::{FieldError, Money, Reason, VisitKind};
use crate::store::visits::NewVisit;
use crate::store::{Actor, Store, StoreError};
use crate::t;
use crate::tui::widgets::form::{Field, Form, PICKS};

pub fn quick_visit_form() -> Form {
    let kinds = VisitKind::ALL
        .iter()
        .map(|k| (k.code().to_string(), t!(k.label_key()).to_string()))
        .collect();
    Form::new(
        "tui.form_visit_add",
        vec![
            Field::picker("customer"),
            Field::text("summary", ""),
            Field::text("date", ""),
            Field::choice("kind", kinds, VisitKind::default().code()),
            Field::text("next", ""),
            Field::text("expense", ""),
            Field::text("with", ""),
            Field::text("met", ""),
            Field::text("purpose", ""),
            Field::text("outcome", ""),
            Field::text("next_step", ""),
        ],
    )
}

/// The picker's candidates for `typed`: customers the actor may log a visit on.
pub fn candidates(store: &Store, actor: &Actor, typed: &str) -> Vec<(String, String)> {
    let pool = t!("status.pool");
    store
        .pick_customers(actor, typed, PICKS)
        .unwrap_or_default()
        .into_iter()
        .map(|p| {
            let owner = p.owner_login.unwrap_or_else(|| pool.to_string());
            (p.id, format!("{}  ({owner})", p.name))
        })
        .collect()
}

fn list(s: &str) -> Vec<String> {
    s.split([',', '，'])
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(String::from)
        .collect()
}

fn some(s: &str) -> Option<String> {
    (!s.trim().is_empty()).then(|| s.to_string())
}

/// Checks the form's values and saves the visit; a refusal names the field it is about.
pub fn save_visit(store: &mut Store, actor: &Actor, form: &Form) -> Result<(), StoreError> {
    let today = store.clock().today();
    let customer_id = form.value("customer").to_string();
    if customer_id.is_empty() {
        return Err(FieldError::new("customer", "", Reason::Empty).into());
    }
    let date = match form.value("date").trim() {
        "" => None,
        d => Some(parse_date("date", d, today)?),
    };
    let expense = match form.value("expense").trim() {
        "" => Money::ZERO,
        e => Money::parse("expense", e)?,
    };
    let visit = NewVisit {
        customer_id,
        date,
        kind: form.value("kind").parse().ok(),
        purpose: some(form.value("purpose")),
        summary: form.value("summary").to_string(),
        outcome: some(form.value("outcome")),
        next_step: some(form.value("next_step")),
        next_follow_up: parse_optional_date("next", form.value("next"), today)?,
        expense,
        joint_reps: list(form.value("with")),
        contacts_met: list(form.value("met")),
    };
    store.add_visit(actor, visit).map(|_| ())
}
