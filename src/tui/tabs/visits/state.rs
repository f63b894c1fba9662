//! The Visits tab's state: the log's window and filters, the visit shown in full, the
//! agenda, and what a form or question it opened is for.

use chrono::NaiveDate;

use crate::domain::VisitKind;
use crate::store::visits::edit::Visit;
use crate::store::visits::{VisitQuery, VisitRow};
use crate::t;
use crate::tui::tabs::visits::agenda::Agenda;
pub(crate) use crate::tui::widgets::paged_table::COUNT_CAP;
use crate::tui::widgets::paged_table::{FreshRead, Window};

/// What the open form will do when saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    Add,
    Edit(String),
    Filter,
    /// The agenda's run mode: the next follow-up, typed.
    NextDate,
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

#[derive(Default)]
pub struct VisitsTab {
    pub list: Window<VisitRow>,
    /// The log's filters (rep, kind, dates).
    pub filter: VisitFilter,
    /// The visit shown in full.
    pub detail: Option<Visit>,
    /// The agenda, shown instead of the log.
    pub agenda: Option<Agenda>,
    /// The visit (id, what to call it) a delete waits to be confirmed for.
    pub pending_delete: Option<(String, String)>,
    /// What the open form is for.
    pub purpose: Option<Purpose>,
    pub stale: bool,
    /// A new search read on the worker.
    pub fresh: FreshRead,
}

impl VisitsTab {
    pub fn new() -> VisitsTab {
        VisitsTab {
            stale: true,
            ..VisitsTab::default()
        }
    }

    pub fn query(&self) -> VisitQuery {
        let f = &self.filter;
        VisitQuery {
            search: (!self.list.filter.trim().is_empty()).then(|| self.list.filter.clone()),
            rep_id: f.rep.as_ref().map(|(id, _)| id.clone()),
            customer_id: None,
            kind: f.kind,
            from: f.from,
            to: f.to,
        }
    }
}
