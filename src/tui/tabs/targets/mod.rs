//! The Targets tab: the year's grid of targets and actuals, team by team, with a cell's
//! change log; managers set and split targets here.

mod chart;
pub mod forms;
mod keys;
pub mod state;
mod view;

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::domain::Metric;
use crate::store::StoreError;
use crate::tui::ctx::{Ctx, Look};
use crate::tui::effect::Effect;
use crate::tui::keymap::{Action, Scope, screen};
use crate::tui::loader::{Job, Output};
use crate::tui::tab::TabView;
use crate::tui::widgets::form::Form;
use state::Purpose;
pub use state::{GridCell, GridRow, TargetsTab, compact, full, grid};

/// A grid read on the worker: (ticket, year, metric, months, column, the rows or why not).
type Read = (u64, i32, Metric, bool, usize, Result<Vec<GridRow>, String>);

impl TargetsTab {
    /// The grid again, as it is or as it is next wanted.
    fn read(&mut self, ctx: &mut Ctx) -> Effect {
        self.stale = false;
        let (year, metric, by_month, col) = self.wanted();
        self.ask(ctx, year, metric, by_month, col)
    }

    /// Asks the worker for the grid of `year`, `metric`, quarters or months, with the cursor
    /// in column `col`; the screen keeps the grid it has until it comes (`loaded`).
    pub(super) fn ask(
        &mut self,
        ctx: &mut Ctx,
        year: i32,
        metric: Metric,
        by_month: bool,
        col: usize,
    ) -> Effect {
        self.pending = Some((year, metric, by_month, col));
        self.ticket += 1;
        let (ticket, actor) = (self.ticket, ctx.actor.clone());
        Effect::Load(Job::new(move |store| {
            store.set_viewer(&actor);
            let rows = grid(store, year, metric, by_month).map_err(|e| e.to_string());
            (ticket, year, metric, by_month, col, rows)
        }))
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

    fn loaded(&mut self, _ctx: &mut Ctx, output: Output) -> Effect {
        let Ok(read) = output.downcast::<Read>() else {
            return Effect::None;
        };
        let (ticket, year, metric, by_month, col, rows) = *read;
        if ticket != self.ticket {
            return Effect::None;
        }
        self.pending = None;
        match rows {
            Ok(rows) => {
                (self.year, self.metric, self.by_month) = (year, metric, by_month);
                self.row = self.row.min(rows.len().saturating_sub(1));
                self.col = col.min(self.periods().len() - 1);
                self.rows = rows;
                Effect::None
            }
            Err(e) => Effect::Message(e),
        }
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
