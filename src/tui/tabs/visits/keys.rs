//! What the Visits tab's keys do: quick add, a visit in full, edit and delete, the filters
//! and the agenda.

use crate::t;
use crate::tui::ctx::{Ctx, read_only_message};
use crate::tui::effect::{Effect, Question};
use crate::tui::keymap::Action;
use crate::tui::tabs::visits::agenda::{Agenda, Asked};
use crate::tui::tabs::visits::forms::{
    filter_form, next_date_form, quick_visit_form, visit_form, visit_form_for,
};
use crate::tui::tabs::visits::state::Purpose;
use crate::tui::tabs::visits::state::VisitsTab;
use crate::tui::widgets::form::Form;

impl VisitsTab {
    pub(super) fn on_action(&mut self, ctx: &mut Ctx, action: Action) -> Effect {
        if self.detail.is_none() {
            if let Some(agenda) = self.agenda.as_mut() {
                return match agenda.on_action(ctx, action) {
                    Asked::Done(effect) => effect,
                    Asked::AddVisit(id, name) => self.open(Purpose::Add, visit_form_for(id, name)),
                    Asked::NextDate(current) => {
                        self.open(Purpose::NextDate, next_date_form(current))
                    }
                    Asked::Close => {
                        self.agenda = None;
                        Effect::None
                    }
                };
            }
        }
        let open = self.detail.is_some() || self.agenda.is_some();
        if !open {
            if let Some(moved) = self.list.navigate(action) {
                return if moved { self.fetch(ctx) } else { Effect::None };
            }
        }
        let selected = self.list.selected_row().map(|v| v.id.clone());
        let current = self.detail.as_ref().map(|v| v.id.clone()).or(selected);
        match action {
            Action::Back if open => {
                self.detail = None;
                self.agenda = None;
                Effect::None
            }
            Action::Back if !self.list.filter.is_empty() => self.set_filter(ctx, String::clear),
            Action::Edit => match current.and_then(|id| ctx.store.visit(&id).ok()) {
                Some(v) => {
                    let form = visit_form("tui.form_visit_edit", Some(&v));
                    self.open(Purpose::Edit(v.id.clone()), form)
                }
                None => Effect::None,
            },
            Action::Delete => match current.and_then(|id| ctx.store.visit(&id).ok()) {
                Some(v) => {
                    let name = format!("{} {}", v.date, v.customer_name);
                    let text = t!("tui.confirm_delete", name = name);
                    self.pending_delete = Some((v.id, name));
                    Effect::Ask(Question {
                        title: t!("tui.delete_title").to_string(),
                        text,
                    })
                }
                None => Effect::None,
            },
            _ if open => Effect::None,
            Action::StartFilter => Effect::StartFilter,
            Action::Add => match ctx.refuse_read_only() {
                Some(refused) => refused,
                None => self.open(Purpose::Add, quick_visit_form()),
            },
            Action::Open => match current {
                Some(id) => match ctx.store.visit(&id) {
                    Ok(v) => {
                        self.detail = Some(v);
                        Effect::None
                    }
                    Err(e) => Effect::Message(e.to_string()),
                },
                None => Effect::None,
            },
            Action::QuickFilter => {
                let form = filter_form(ctx.store, &self.filter);
                self.open(Purpose::Filter, form)
            }
            Action::Agenda => self.open_agenda(ctx),
            _ => Effect::None,
        }
    }

    fn open(&mut self, purpose: Purpose, form: Form) -> Effect {
        self.purpose = Some(purpose);
        Effect::OpenForm(form)
    }

    /// The agenda: mine, or (managers) the filtered rep's.
    fn open_agenda(&mut self, ctx: &mut Ctx) -> Effect {
        let rep = match (&self.filter.rep, ctx.actor.is_manager()) {
            (Some((id, _)), true) => Some(id.clone()),
            _ => ctx.actor.rep_id.clone(),
        };
        let Some(rep) = rep else {
            return Effect::Message(read_only_message(ctx.actor));
        };
        match ctx.store.agenda(&rep) {
            Ok(items) => {
                let mut agenda = Agenda::new(items);
                agenda.height = self.list.height;
                self.agenda = Some(agenda);
                Effect::None
            }
            Err(e) => Effect::Message(e.to_string()),
        }
    }

    pub(super) fn confirm_delete(&mut self, ctx: &mut Ctx, yes: bool) -> Effect {
        let Some((id, name)) = self.pending_delete.take() else {
            return Effect::None;
        };
        if !yes {
            return Effect::None;
        }
        match ctx.store.delete_visit(ctx.actor, &id) {
            Ok(()) => {
                self.detail = None;
                Effect::Changed(t!("tui.deleted", name = name))
            }
            Err(e) => Effect::Message(e.to_string()),
        }
    }
}
