//! The Targets tab: the year's grid of targets and actuals, team by team, with a cell's
//! change log; managers set and split targets here.

pub mod forms;
mod keys;
pub mod state;
mod view;

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::store::StoreError;
use crate::tui::ctx::{Ctx, Look};
use crate::tui::effect::Effect;
use crate::tui::keymap::{Action, Scope, screen};
use crate::tui::tab::TabView;
use crate::tui::widgets::form::Form;
use state::Purpose;
pub use state::{GridCell, GridRow, TargetsTab, compact, full, grid};

impl TargetsTab {
    /// The grid again (after a change, a year or a metric).
    fn read(&mut self, ctx: &mut Ctx) -> Effect {
        self.stale = false;
        match grid(ctx.store, self.year, self.metric, self.by_month) {
            Ok(rows) => {
                self.row = self.row.min(rows.len().saturating_sub(1));
                self.col = self.col.min(self.periods().len() - 1);
                self.rows = rows;
                Effect::None
            }
            Err(e) => Effect::Message(e.to_string()),
        }
    }
}

impl TabView for TargetsTab {
    fn scopes(&self) -> &'static [Scope] {
        if self.history.is_some() {
            screen::TARGET_HISTORY
        } else {
            screen::TARGETS
        }
    }

    fn mark_stale(&mut self) {
        self.stale = true;
    }

    fn show(&mut self, ctx: &mut Ctx) -> Effect {
        if self.stale {
            self.read(ctx)
        } else {
            Effect::None
        }
    }

    fn action(&mut self, ctx: &mut Ctx, action: Action) -> Effect {
        self.on_action(ctx, action)
    }

    fn submit(&mut self, ctx: &mut Ctx, form: &Form) -> Result<Effect, StoreError> {
        let Some(purpose) = self.purpose.clone() else {
            return Ok(Effect::None);
        };
        forms::save(ctx.store, ctx.actor, self.metric, &purpose, form)?;
        Ok(Effect::Changed(crate::t!("tui.saved").to_string()))
    }

    fn form_changed(&mut self, ctx: &mut Ctx, form: &mut Form) {
        if let Some(Purpose::Split(scope, period)) = &self.purpose {
            form.notes = forms::split_notes(ctx.store, self, ctx.currency, scope, *period, form);
        }
    }

    fn draw(&self, look: &Look, frame: &mut Frame, area: Rect) {
        view::draw(self, look, frame, area);
    }
}
