//! What the Targets tab's keys do: move in the grid, step the year, quarters ↔ months, the
//! metric, a cell's change log, and (managers) set or split a target.

use crate::domain::Metric;
use crate::store::policy::Write;
use crate::tui::ctx::Ctx;
use crate::tui::effect::Effect;
use crate::tui::keymap::Action;
use crate::tui::tabs::targets::forms::{split_form, split_notes};
use crate::tui::tabs::targets::state::Purpose;
use crate::tui::tabs::targets::state::{TargetsTab, full};
use crate::tui::widgets::form::{Field, Form};

impl TargetsTab {
    pub(super) fn on_action(&mut self, ctx: &mut Ctx, action: Action) -> Effect {
        let cols = self.periods().len();
        match action {
            Action::Down => self.row = (self.row + 1).min(self.rows.len().saturating_sub(1)),
            Action::Up => self.row = self.row.saturating_sub(1),
            Action::Left => self.col = self.col.saturating_sub(1),
            Action::Right => self.col = (self.col + 1).min(cols - 1),
            Action::Top => self.row = 0,
            Action::Bottom => self.row = self.rows.len().saturating_sub(1),
            // The grid changes when it comes: each of these steps on from what was last
            // asked, so keys pressed while it loads all count.
            Action::PeriodBack | Action::PeriodForward => {
                let (year, metric, by_month, col) = self.wanted();
                let step = if action == Action::PeriodBack { -1 } else { 1 };
                return self.ask(ctx, year + step, metric, by_month, col);
            }
            Action::Toggle => {
                let (year, metric, by_month, col) = self.wanted();
                // Keep the same stretch of the year under the cursor.
                let col = if by_month { col / 3 } else { col * 3 };
                return self.ask(ctx, year, metric, !by_month, col);
            }
            Action::Metric => {
                let (year, metric, by_month, col) = self.wanted();
                let all = [
                    Metric::Sales,
                    Metric::GrossProfit,
                    Metric::Collected,
                    Metric::NewCustomers,
                    Metric::Visits,
                ];
                let i = all.iter().position(|m| *m == metric).unwrap_or(0);
                return self.ask(ctx, year, all[(i + 1) % all.len()], by_month, col);
            }
            Action::Open => {
                if let Some((row, p)) = self.selected() {
                    let scope = row.scope.clone();
                    match ctx.store.target_history(&scope, self.metric, p) {
                        Ok(h) => self.history = Some(h),
                        Err(e) => return Effect::Message(e.to_string()),
                    }
                }
            }
            Action::Back => self.history = None,
            Action::Chart => self.chart = !self.chart,
            // Reps read the grid; the store would refuse them anyway, so no form opens.
            Action::Edit | Action::Split if !ctx.actor.role_may(Write::SetTarget) => {
                return Effect::Message(ctx.actor.refused(Write::SetTarget).to_string());
            }
            Action::Edit => {
                if let Some((row, p)) = self.selected() {
                    let value = row
                        .cells
                        .get(self.col)
                        .and_then(|c| c.target)
                        .map(|v| full(self.metric, v, ""))
                        .unwrap_or_default();
                    let form = Form::new(
                        "tui.form_target_set",
                        vec![Field::text("value", value), Field::text("reason", "")],
                    );
                    self.purpose = Some(Purpose::Set(row.scope.clone(), p));
                    return Effect::OpenForm(form);
                }
            }
            Action::Split => {
                if let Some((row, p)) = self.selected() {
                    let scope = row.scope.clone();
                    let mut form = split_form(self, p);
                    form.notes = split_notes(ctx.store, self, ctx.currency, &scope, p, &form);
                    self.purpose = Some(Purpose::Split(scope, p));
                    return Effect::OpenForm(form);
                }
            }
            _ => {}
        }
        Effect::None
    }
}
