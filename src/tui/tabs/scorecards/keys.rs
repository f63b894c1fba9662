//! What the Scorecards tab's keys do: move, step the period and its length, explain a card,
//! rate (managers) or answer a rating (the rated rep), edit the template (managers).

use crate::domain::Period;
use crate::store::policy::Write;
use crate::t;
use crate::tui::ctx::Ctx;
use crate::tui::effect::Effect;
use crate::tui::keymap::Action;
use crate::tui::tabs::scorecards::forms::{rating_form, template_form};
use crate::tui::tabs::scorecards::state::Purpose;
use crate::tui::tabs::scorecards::state::{ScorecardsTab, next_granularity};
use crate::tui::widgets::form::{Field, Form};

impl ScorecardsTab {
    pub(super) fn on_action(&mut self, ctx: &mut Ctx, action: Action) -> Effect {
        let last = self.cards.len().saturating_sub(1);
        match action {
            Action::Back => self.detail = false,
            Action::Rate => return self.open_rating_form(ctx),
            _ if self.detail => {}
            Action::Down => self.row = (self.row + 1).min(last),
            Action::Up => self.row = self.row.saturating_sub(1),
            Action::Top => self.row = 0,
            Action::Bottom => self.row = last,
            Action::PeriodBack | Action::PeriodForward => {
                let p = self.shown_period(ctx.today());
                let p = if action == Action::PeriodBack {
                    p.previous()
                } else {
                    p.next()
                };
                self.period = Some(p);
                return self.read(ctx);
            }
            Action::Toggle => {
                let today = ctx.today();
                self.period = Some(next_granularity(self.shown_period(today), today));
                return self.read(ctx);
            }
            // Only a whole card is explained: a teammate's line has no rows to show.
            Action::Open => match self.selected() {
                Some(c) if !c.detail => {
                    let name = c.rep.name.clone();
                    return Effect::Message(t!("scope.card_is_theirs", name = name));
                }
                Some(_) => self.detail = true,
                None => {}
            },
            Action::Edit => return self.open_template_form(ctx),
            _ => {}
        }
        Effect::None
    }

    fn open(&mut self, purpose: Purpose, form: Form) -> Effect {
        self.purpose = Some(purpose);
        Effect::OpenForm(form)
    }

    fn open_rating_form(&mut self, ctx: &mut Ctx) -> Effect {
        let period = self.shown_period(ctx.today());
        let Some(card) = self.selected() else {
            return Effect::None;
        };
        let actor = ctx.actor;
        let mine = actor.rep_id.as_deref() == Some(card.rep.id.as_str());
        if mine && !actor.role_may(Write::Rate) {
            // A rep answers their own rating, once there is one.
            let Some(rating) = &card.rating else {
                return Effect::Message(t!("error.not_rated", period = period));
            };
            let answer = rating.response.clone().unwrap_or_default();
            let form = Form::new("tui.form_respond", vec![Field::text("response", answer)]);
            return self.open(Purpose::Respond(period), form);
        }
        if !actor.role_may(Write::Rate) {
            return Effect::Message(actor.refused(Write::Rate).to_string());
        }
        let form = rating_form(card);
        let login = card.rep.login.clone();
        self.open(Purpose::Rate(login, period), form)
    }

    fn open_template_form(&mut self, ctx: &mut Ctx) -> Effect {
        if !ctx.actor.role_may(Write::ImportTemplate) {
            return Effect::Message(ctx.actor.refused(Write::ImportTemplate).to_string());
        }
        let from = Period::month_of(ctx.today());
        match ctx.store.template_for(from) {
            Ok(template) => {
                let form = template_form(&template);
                self.open(Purpose::Template(template.name, from), form)
            }
            Err(e) => Effect::Message(e.to_string()),
        }
    }
}
