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
            Action::PeriodBack | Action::PeriodForward => {
                self.year += if action == Action::PeriodBack { -1 } else { 1 };
                return self.read(ctx);
            }
            Action::Toggle => {
                // Keep the same stretch of the year under the cursor.
                self.col = if self.by_month {
                    self.col / 3
                } else {
                    self.col * 3
                };
                self.by_month = !self.by_month;
                return self.read(ctx);
            }
            Action::Metric => {
                let all = [
                    Metric::Sales,
                    Metric::GrossProfit,
                    Metric::Collected,
                    Metric::NewCustomers,
                    Metric::Visits,
                ];
                let i = all.iter().position(|m| *m == self.metric).unwrap_or(0);
                self.metric = all[(i + 1) % all.len()];
                return self.read(ctx);
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
            // Reps read the grid; the store would refuse them anyway, so no form opens.
            Action::Edit | Action::Split if !ctx.actor.role_may(Write::SetTarget) => {
                return Effect::Message(ctx.actor.refused(Write::SetTarget).to_string());
            }
            Action::Edit => {
                if let Some((row, p)) = self.selected() {
                    let value = row.cells[self.col]
                        .target
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
