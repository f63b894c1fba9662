//! The Scorecards tab: the cards of a period, one explained, ratings and the template. The
//! cards and then the trend of the periods before are read on the worker (`tui::loader`), so
//! stepping through periods never waits on years of data.

pub mod forms;
mod keys;
pub mod state;
mod view;

use ratatui::Frame;
use ratatui::layout::Rect;

use std::collections::HashMap;

use crate::domain::Period;
use crate::store::StoreError;
use crate::store::kpi::scorecards::Scorecard;
use crate::tui::ctx::{Ctx, Look};
use crate::tui::effect::Effect;
use crate::tui::keymap::{Action, Scope, screen};
use crate::tui::loader::{Job, Output};
use crate::tui::tab::TabView;
use crate::tui::widgets::form::Form;
use state::Purpose;
pub use state::ScorecardsTab;

/// What the worker read for the cards of a period: the cards and the template's name, or why
/// there are none (a login that is not a rep).
type Cards = Result<(Vec<Scorecard>, String), String>;

/// The earlier periods' totals by rep, for the trend.
type Earlier = Result<Vec<(Period, HashMap<String, f64>)>, String>;

impl ScorecardsTab {
    /// The cards of the period again, on the worker: the screen keeps the cards it has (and
    /// says it is loading) until they come; the trend is read after them.
    fn read(&mut self, ctx: &mut Ctx) -> Effect {
        self.stale = false;
        self.ticket += 1;
        self.loading = true;
        let (ticket, period, actor) = (
            self.ticket,
            self.shown_period(ctx.today()),
            ctx.actor.clone(),
        );
        Effect::Load(Job::new(move |store| {
            store.set_viewer(&actor);
            let cards: Cards = store
                .scorecards(&actor, period, None, false)
                .map(|cards| {
                    let template = store.template_for(period).map(|t| t.name);
                    (cards, template.unwrap_or_default())
                })
                .map_err(|e| e.to_string());
            (ticket, period, cards)
        }))
    }

    /// The cards have come: shown, keeping the selected rep; then the trend is asked for.
    fn show_cards(&mut self, period: Period, cards: Cards) -> Effect {
        self.loading = false;
        let keep = self.selected().map(|c| c.rep.id.clone());
        match cards {
            Ok((cards, template)) => {
                self.template = template;
                self.row = keep
                    .and_then(|id| cards.iter().position(|c| c.rep.id == id))
                    .unwrap_or(self.row)
                    .min(cards.len().saturating_sub(1));
                self.cards = cards;
                self.refused = None;
                let ticket = self.ticket;
                Effect::Load(Job::new(move |store| {
                    let earlier: Earlier = store.earlier_totals(period).map_err(|e| e.to_string());
                    (ticket, period, earlier)
                }))
            }
            Err(why) => {
                self.cards.clear();
                self.refused = Some(why);
                Effect::None
            }
        }
    }

    /// The trend of the periods before, under cards already shown.
    fn show_trend(&mut self, period: Period, earlier: Earlier) -> Effect {
        match earlier {
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
            Err(e) => Effect::Message(e),
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

    fn loaded(&mut self, _ctx: &mut Ctx, output: Output) -> Effect {
        // A result of an older request (the period changed since) is dropped.
        let output = match output.downcast::<(u64, Period, Cards)>() {
            Ok(done) => {
                let (ticket, period, cards) = *done;
                return if ticket == self.ticket {
                    self.show_cards(period, cards)
                } else {
                    Effect::None
                };
            }
            Err(other) => other,
        };
        match output.downcast::<(u64, Period, Earlier)>() {
            Ok(done) if done.0 == self.ticket => {
                let (_, period, earlier) = *done;
                self.show_trend(period, earlier)
            }
            _ => Effect::None,
        }
    }

    fn draw(&self, look: &Look, frame: &mut Frame, area: Rect) {
        view::draw(self, look, frame, area);
    }
}
