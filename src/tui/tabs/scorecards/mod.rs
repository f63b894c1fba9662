//! The Scorecards tab: the cards of a period, one explained, ratings and the template. The
//! cards are read first and the trend of the periods before a moment later (on the next
//! tick), so stepping through periods stays quick on years of data.

pub mod forms;
mod keys;
pub mod state;
mod view;

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::domain::Period;
use crate::store::StoreError;
use crate::tui::ctx::{Ctx, Look};
use crate::tui::effect::Effect;
use crate::tui::keymap::{Action, Scope, screen};
use crate::tui::tab::TabView;
use crate::tui::widgets::form::Form;
use state::Purpose;
pub use state::ScorecardsTab;

impl ScorecardsTab {
    /// The cards of the period again, keeping the selected rep; the trend follows on a tick.
    fn read(&mut self, ctx: &mut Ctx) -> Effect {
        self.stale = false;
        let period = self.shown_period(ctx.today());
        let keep = self.selected().map(|c| c.rep.id.clone());
        match ctx.store.scorecards(ctx.actor, period, None, false) {
            Ok(cards) => {
                self.template = match ctx.store.template_for(period) {
                    Ok(t) => t.name,
                    Err(_) => String::new(),
                };
                self.row = keep
                    .and_then(|id| cards.iter().position(|c| c.rep.id == id))
                    .unwrap_or(self.row)
                    .min(cards.len().saturating_sub(1));
                self.cards = cards;
                self.refused = None;
                self.trend_pending = true;
            }
            Err(e) => {
                self.cards.clear();
                self.refused = Some(e.to_string());
                self.trend_pending = false;
            }
        }
        Effect::None
    }

    /// Reads the trend of the periods before, once the cards are on screen.
    fn read_trend(&mut self, ctx: &mut Ctx) -> Effect {
        if !self.trend_pending {
            return Effect::None;
        }
        self.trend_pending = false;
        let period = self.shown_period(ctx.today());
        match ctx.store.earlier_totals(period) {
            Ok(earlier) => {
                for card in &mut self.cards {
                    card.trend = earlier
                        .iter()
                        .map(|(p, totals)| (*p, totals.get(&card.rep.id).copied()))
                        .collect();
                    card.trend.push((period, Some(card.score.total)));
                }
                Effect::None
            }
            Err(e) => Effect::Message(e.to_string()),
        }
    }
}

impl TabView for ScorecardsTab {
    fn scopes(&self) -> &'static [Scope] {
        if self.detail {
            screen::SCORECARD_DETAIL
        } else {
            screen::SCORECARDS
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
        forms::save(ctx.store, ctx.actor, &purpose, form)?;
        Ok(Effect::Changed(crate::t!("tui.saved").to_string()))
    }

    fn form_changed(&mut self, ctx: &mut Ctx, form: &mut Form) {
        if let Some(Purpose::Template(..)) = &self.purpose {
            let from = Period::month_of(ctx.today());
            if let Ok(template) = ctx.store.template_for(from) {
                form.notes = forms::template_notes(form, &template);
            }
        }
    }

    fn tick(&mut self, ctx: &mut Ctx) -> Effect {
        self.read_trend(ctx)
    }

    fn draw(&self, look: &Look, frame: &mut Frame, area: Rect) {
        view::draw(self, look, frame, area);
    }
}
