//! Quick add on the Visits tab: a visit saved in a few keystrokes. `a`, type a few letters of
//! the customer (Chinese or Latin; the picker matches letters in order), Enter, type the
//! summary, Ctrl-S: three keys and the text. The date defaults to today, the kind to a visit;
//! the rest is there for when it is needed.

use chrono::NaiveDate;

use crate::domain::date_input::{parse_date, parse_optional_date};
use crate::domain::{FieldError, Money, Reason, VisitKind};
use crate::store::customers::CustomerQuery;
use crate::store::visits::NewVisit;
use crate::store::visits::edit::Visit;
use crate::store::{Actor, Store, StoreError};
use crate::t;
use crate::tui::app::{App, Dialog};
use crate::tui::forms::FormPurpose;
use crate::tui::keys::Action;
use crate::tui::widgets::form::{Field, Form, PICKS};

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
fn visit_form(title: &'static str, v: Option<&Visit>) -> Form {
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

/// What the visit log is narrowed to, beside the `/` search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VisitFilter {
    /// (rep id, login)
    pub rep: Option<(String, String)>,
    pub kind: Option<VisitKind>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl VisitFilter {
    /// As the info line says it: `ann · call · 2026-09-01…2026-09-30`.
    pub fn describe(&self) -> Option<String> {
        let mut parts = Vec::new();
        if let Some((_, login)) = &self.rep {
            parts.push(login.clone());
        }
        if let Some(k) = self.kind {
            parts.push(t!(k.label_key()).to_string());
        }
        if self.from.is_some() || self.to.is_some() {
            let d = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
            parts.push(format!("{}…{}", d(self.from), d(self.to)));
        }
        (!parts.is_empty()).then(|| parts.join(" · "))
    }
}

fn filter_form(store: &Store, f: &VisitFilter) -> Form {
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

impl App {
    pub(crate) fn visits_action(&mut self, action: Action) {
        let selected = self.visits.selected_row().map(|v| v.id.clone());
        let current = self
            .visit_detail
            .as_ref()
            .map(|v| v.id.clone())
            .or(selected);
        match action {
            Action::Add if self.refuse_read_only() => {}
            Action::Add => self.form = Some((FormPurpose::AddVisit, quick_visit_form())),
            Action::Open => {
                if let Some(id) = current {
                    match self.store.visit(&id) {
                        Ok(v) => self.visit_detail = Some(v),
                        Err(e) => self.message = Some(e.to_string()),
                    }
                }
            }
            Action::Back => {
                self.visit_detail = None;
                self.agenda = None;
            }
            Action::Edit => {
                if let Some(v) = current.and_then(|id| self.store.visit(&id).ok()) {
                    let form = visit_form("tui.form_visit_edit", Some(&v));
                    self.form = Some((FormPurpose::EditVisit(v.id.clone()), form));
                }
            }
            Action::Delete => {
                if let Some(v) = current.and_then(|id| self.store.visit(&id).ok()) {
                    self.pending_delete = Some((v.id, format!("{} {}", v.date, v.customer_name)));
                    self.dialog = Some(Dialog::ConfirmDelete);
                }
            }
            Action::QuickFilter => {
                self.form = Some((
                    FormPurpose::FilterVisits,
                    filter_form(&self.store, &self.visit_filter),
                ))
            }
            Action::Agenda => self.open_agenda(),
            _ => {}
        }
    }

    /// Follow-ups due today and overdue: mine, or (managers) the filtered rep's.
    fn open_agenda(&mut self) {
        let rep = match (&self.visit_filter.rep, self.actor.is_manager()) {
            (Some((id, _)), true) => Some(id.clone()),
            _ => self.actor.rep_id.clone(),
        };
        let Some(rep) = rep else {
            self.message = Some(App::read_only_message(&self.actor));
            return;
        };
        let q = CustomerQuery {
            owner_id: Some(rep),
            due: true,
            ..CustomerQuery::default()
        };
        match self.store.customer_page(&q, 0, AGENDA_ROWS) {
            Ok(rows) => self.agenda = Some(rows),
            Err(e) => self.message = Some(e.to_string()),
        }
    }
}

/// The agenda shows this many customers at most: a day's work, not the archive.
const AGENDA_ROWS: usize = 200;
