//! The Visits tab's forms. Quick add: a visit saved in a few keystrokes. `a`, type a few letters of
//! the customer (Chinese or Latin; the picker matches letters in order), Enter, type the
//! summary, Ctrl-S: three keys and the text. The date defaults to today, the kind to a visit;
//! the rest is there for when it is needed.

use chrono::NaiveDate;

use crate::domain::date_input::{parse_date, parse_optional_date};
use crate::domain::{FieldError, Money, Reason, VisitKind};
use crate::store::visits::NewVisit;
use crate::store::visits::edit::Visit;
use crate::store::{Actor, Store, StoreError};
use crate::t;
use crate::tui::tabs::visits::state::VisitFilter;
use crate::tui::widgets::form::{Field, Form};

fn kinds(none: bool) -> Vec<(String, String)> {
    let mut v = if none {
        vec![(String::new(), String::new())]
    } else {
        Vec::new()
    };
    v.extend(
        VisitKind::ALL
            .iter()
            .map(|k| (k.code().to_string(), t!(k.label_key()).to_string())),
    );
    v
}

/// The visit form: new (with the customer picker first) or filled from `v` to edit.
pub fn visit_form(title: &'static str, v: Option<&Visit>) -> Form {
    let text = |f: fn(&Visit) -> String| v.map(f).unwrap_or_default();
    let mut fields = Vec::new();
    if v.is_none() {
        fields.push(Field::picker("customer"));
    }
    fields.extend([
        Field::text("summary", text(|v| v.summary.clone())),
        Field::text("date", text(|v| v.date.to_string())),
        Field::choice(
            "kind",
            kinds(false),
            v.map_or(VisitKind::default(), |v| v.kind).code(),
        ),
        Field::text(
            "next",
            text(|v| v.next_follow_up.map(|d| d.to_string()).unwrap_or_default()),
        ),
        Field::text(
            "expense",
            text(|v| {
                if v.expense.cents() == 0 {
                    String::new()
                } else {
                    v.expense.to_string()
                }
            }),
        ),
        Field::text("with", text(|v| v.joint_reps.join(", "))),
        Field::text("met", text(|v| v.contacts_met.join(", "))),
        Field::text("purpose", text(|v| v.purpose.clone().unwrap_or_default())),
        Field::text("outcome", text(|v| v.outcome.clone().unwrap_or_default())),
        Field::text(
            "next_step",
            text(|v| v.next_step.clone().unwrap_or_default()),
        ),
    ]);
    Form::new(title, fields)
}

pub fn quick_visit_form() -> Form {
    visit_form("tui.form_visit_add", None)
}

/// The quick add with the customer already picked (from the agenda).
pub fn visit_form_for(customer_id: String, name: String) -> Form {
    let mut form = quick_visit_form();
    if let Some(f) = form.fields.iter_mut().find(|f| f.key == "customer") {
        *f = Field::picked("customer", customer_id, name);
    }
    form.focus = 1;
    form
}

/// Run mode's one field: the next follow-up, when it is not the grade's cadence.
pub fn next_date_form(current: Option<NaiveDate>) -> Form {
    let value = current.map(|d| d.to_string()).unwrap_or_default();
    Form::new("tui.form_next_follow_up", vec![Field::text("next", value)])
}

pub fn filter_form(store: &Store, f: &VisitFilter) -> Form {
    let mut reps = vec![(String::new(), String::new())];
    let all = store.list_reps().unwrap_or_default();
    reps.extend(
        all.into_iter()
            .map(|r| (r.id, format!("{} ({})", r.name, r.login))),
    );
    let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    Form::new(
        "tui.form_visit_filter",
        vec![
            Field::choice("rep", reps, f.rep.as_ref().map_or("", |r| r.0.as_str())),
            Field::choice("kind", kinds(true), f.kind.map_or("", |k| k.code())),
            Field::text("from", date(f.from)),
            Field::text("to", date(f.to)),
        ],
    )
}

/// Reads the filter form; a date that is wrong is refused beside its field.
pub fn read_filter(store: &Store, form: &Form) -> Result<VisitFilter, StoreError> {
    let today = store.clock().today();
    let rep_id = form.value("rep").to_string();
    let rep = if rep_id.is_empty() {
        None
    } else {
        Some((rep_id.clone(), store.rep(&rep_id)?.login))
    };
    Ok(VisitFilter {
        rep,
        kind: form.value("kind").parse().ok(),
        from: parse_optional_date("from", form.value("from"), today)?,
        to: parse_optional_date("to", form.value("to"), today)?,
    })
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

/// Checks the form's values and saves the visit (new, or the changes to `id`); a refusal
/// names the field it is about.
pub fn save_visit(
    store: &mut Store,
    actor: &Actor,
    form: &Form,
    id: Option<&str>,
) -> Result<(), StoreError> {
    let today = store.clock().today();
    let customer_id = form.value("customer").to_string();
    if customer_id.is_empty() && id.is_none() {
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
    match id {
        Some(id) => store.update_visit(actor, id, visit).map(|_| ()),
        None => store.add_visit(actor, visit).map(|_| ()),
    }
}
