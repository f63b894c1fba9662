//! The Deals tab: the pipeline by stage with counts and totals (mine or the team's), the
//! deals below it a window at a time, and a deal's payments with what is still to collect.

pub mod forms;
mod keys;
pub mod state;
mod view;

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::store::StoreError;
use crate::store::deals::DealQuery;
use crate::tui::ctx::{Ctx, Look};
use crate::tui::effect::Effect;
use crate::tui::keymap::{Action, Scope, screen};
use crate::tui::tab::TabView;
use crate::tui::widgets::form::Form;
pub use state::{DealsTab, PIPELINE_LINES};

impl DealsTab {
    /// The pipeline, the count and the visible rows again, keeping the selection.
    fn read(&mut self, ctx: &mut Ctx) -> Effect {
        self.stale = false;
        let q = self.query();
        let all_stages = DealQuery {
            stage: None,
            ..q.clone()
        };
        let read = (|| -> Result<(), StoreError> {
            self.pipeline = ctx.store.pipeline(&all_stages)?;
            self.list.total = ctx.store.count_deals(&q)?;
            self.list.scroll_to_selection();
            self.list.rows = ctx
                .store
                .deal_page(&q, self.list.slice(), self.list.height)?;
            self.list.select_kept();
            Ok(())
        })();
        Effect::from_error(read)
    }

    fn fetch(&mut self, ctx: &mut Ctx) -> Effect {
        let q = self.query();
        Effect::from_error(self.list.fetch_with(|at, n| ctx.store.deal_page(&q, at, n)))
    }
}

impl TabView for DealsTab {
    fn scopes(&self) -> &'static [Scope] {
        if self.detail.is_some() {
            screen::DEAL_DETAIL
        } else {
            screen::DEALS
        }
    }

    fn resize(&mut self, rows: usize) {
        self.list.height = rows.saturating_sub(PIPELINE_LINES);
    }

    fn mark_stale(&mut self) {
        self.list.remember();
        self.stale = true;
    }

    fn show(&mut self, ctx: &mut Ctx) -> Effect {
        if !self.stale {
            return Effect::None;
        }
        if let Some(id) = self.detail.as_ref().map(|(d, _)| d.id.clone()) {
            self.detail = ctx
                .store
                .deal(&id)
                .ok()
                .and_then(|d| ctx.store.payments_of(&id).ok().map(|p| (d, p)));
        }
        self.read(ctx)
    }

    fn action(&mut self, ctx: &mut Ctx, action: Action) -> Effect {
        self.on_action(ctx, action)
    }

    fn submit(&mut self, ctx: &mut Ctx, form: &Form) -> Result<Effect, StoreError> {
        let Some(purpose) = self.purpose.clone() else {
            return Ok(Effect::None);
        };
        forms::save(ctx.store, ctx.actor, &purpose, form)?;
        Ok(Effect::Changed(crate::t!("tui.saved").to_string()))
    }

    fn answer(&mut self, ctx: &mut Ctx, yes: bool) -> Effect {
        self.confirmed(ctx, yes)
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
