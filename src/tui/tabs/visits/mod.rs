//! The Visits tab: the log newest first a window at a time, a visit in full, and the agenda
//! of follow-ups due.

pub mod agenda;
pub mod forms;
mod keys;
pub mod state;
mod view;

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::store::Slice;
use crate::store::StoreError;
use crate::tui::ctx::{Ctx, Look};
use crate::tui::effect::Effect;
use crate::tui::keymap::{Action, Scope, screen};
use crate::tui::loader::{Job, Output};
use crate::tui::tab::TabView;
use crate::tui::widgets::form::Form;
use state::COUNT_CAP;
use state::Purpose;
pub use state::{VisitFilter, VisitsTab};

impl VisitsTab {
    /// The count (up to `COUNT_CAP`) and the visible rows again, keeping the selection.
    fn read(&mut self, ctx: &mut Ctx) -> Effect {
        self.stale = false;
        match ctx.store.count_visits_upto(&self.query(), COUNT_CAP) {
            Ok((n, exact)) => (self.list.total, self.list.exact) = (n, exact),
            Err(e) => return Effect::Message(e.to_string()),
        }
        self.list.scroll_to_selection();
        let effect = self.fetch(ctx);
        self.list.select_kept();
        effect
    }

    fn fetch(&mut self, ctx: &mut Ctx) -> Effect {
        let q = self.query();
        Effect::from_error(
            self.list
                .fetch_with(|at, n| ctx.store.visit_page(&q, at, n)),
        )
    }

    /// A new search typed into the `/` filter: read on the worker (a few letters can match
    /// thousands of customers' visits), the rows shown until the new ones come.
    fn set_filter(&mut self, ctx: &mut Ctx, mut edit: impl FnMut(&mut String)) -> Effect {
        edit(&mut self.list.filter);
        let (ticket, actor, q, height) = (
            self.fresh.ask(),
            ctx.actor.clone(),
            self.query(),
            self.list.height,
        );
        Effect::Load(Job::new(move |store| {
            store.set_viewer(&actor);
            let read = store.count_visits_upto(&q, COUNT_CAP).and_then(|count| {
                let rows = store.visit_page(&q, Slice::Start(0), height)?;
                Ok((count, rows))
            });
            (ticket, read.map_err(|e| e.to_string()))
        }))
    }
}

impl TabView for VisitsTab {
    fn scopes(&self) -> &'static [Scope] {
        if self.detail.is_some() {
            screen::VISIT_DETAIL
        } else if let Some(a) = &self.agenda {
            if a.run.is_some() {
                screen::AGENDA_RUN
            } else {
                screen::AGENDA
            }
        } else {
            screen::VISITS
        }
    }

    fn resize(&mut self, rows: usize) {
        self.list.height = rows;
        if let Some(a) = self.agenda.as_mut() {
            a.height = rows;
        }
    }

    fn mark_stale(&mut self) {
        self.list.remember();
        self.stale = true;
    }

    fn show(&mut self, ctx: &mut Ctx) -> Effect {
        if !self.stale {
            return Effect::None;
        }
        if let Some(id) = self.detail.as_ref().map(|v| v.id.clone()) {
            self.detail = ctx.store.visit(&id).ok();
        }
        self.read(ctx)
    }

    fn action(&mut self, ctx: &mut Ctx, action: Action) -> Effect {
        self.on_action(ctx, action)
    }

    fn submit(&mut self, ctx: &mut Ctx, form: &Form) -> Result<Effect, StoreError> {
        match self.purpose.clone() {
            Some(Purpose::Add) => forms::save_visit(ctx.store, ctx.actor, form, None)?,
            Some(Purpose::Edit(id)) => forms::save_visit(ctx.store, ctx.actor, form, Some(&id))?,
            Some(Purpose::NextDate) => {
                let today = ctx.store.clock().today();
                let next = crate::domain::date_input::parse_optional_date(
                    "next",
                    form.value("next"),
                    today,
                )?;
                if let Some(a) = self.agenda.as_mut() {
                    a.set_next(next);
                }
                return Ok(Effect::None);
            }
            Some(Purpose::Filter) => {
                // Not a change to the data: the log narrows, nothing is said.
                self.filter = forms::read_filter(ctx.store, form)?;
                self.list.rewind();
                return Ok(self.read(ctx));
            }
            None => return Ok(Effect::None),
        }
        Ok(Effect::Changed(crate::t!("tui.saved").to_string()))
    }

    fn answer(&mut self, ctx: &mut Ctx, yes: bool) -> Effect {
        self.confirm_delete(ctx, yes)
    }

    fn loaded(&mut self, _ctx: &mut Ctx, output: Output) -> Effect {
        match self.fresh.take(output, &mut self.list) {
            Ok(Some(refused)) => Effect::Message(refused),
            _ => Effect::None,
        }
    }

    fn filter(&self) -> Option<&str> {
        Some(&self.list.filter)
    }

    fn edit_filter(&mut self, ctx: &mut Ctx, edit: &mut dyn FnMut(&mut String)) -> Effect {
        self.set_filter(ctx, edit)
    }

    fn click(&mut self, line: usize) {
        if self.detail.is_none() && self.agenda.is_none() {
            self.list.select_visible(line);
        }
    }

    fn scroll(&mut self, ctx: &mut Ctx, delta: isize) -> Effect {
        if self.list.move_by(delta) {
            self.fetch(ctx)
        } else {
            Effect::None
        }
    }

    fn draw(&self, look: &Look, frame: &mut Frame, area: Rect) {
        view::draw(self, look, frame, area);
    }
}
