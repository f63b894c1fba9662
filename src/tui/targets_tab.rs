//! The Targets tab (README, The TUI: tab 4): rows are scopes (each team, then its reps), columns the
//! quarters or months of a year, each cell target / actual / completion with a pace mark.
//! The grid is computed from two queries — the year's targets and the metric's actuals by
//! rep and month — and then only summed. Managers set a target or split one, seeing the
//! children before they save; everyone sees a cell's change log.

use crate::domain::pace::{Pace, completion};
use crate::domain::{Metric, Money, Period};
use crate::store::targets::{SplitBy, SplitInto, TargetChange, TargetScope};
use crate::store::{Store, StoreError};
use crate::t;
use crate::tui::app::App;
use crate::tui::forms::FormPurpose;
use crate::tui::keys::Action;
use crate::tui::widgets::form::{Field, Form};

/// One cell: the target (if any) and the actual.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct GridCell {
    pub target: Option<i64>,
    pub actual: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridRow {
    pub scope: TargetScope,
    /// The team's name, or the rep's (张伟), as the row shows it.
    pub label: String,
    pub cells: Vec<GridCell>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TargetsView {
    pub year: i32,
    pub metric: Metric,
    /// Months instead of quarters.
    pub by_month: bool,
    pub rows: Vec<GridRow>,
    pub row: usize,
    pub col: usize,
    /// The change log of the selected cell, when open.
    pub history: Option<Vec<TargetChange>>,
}

impl TargetsView {
    pub fn new(year: i32) -> TargetsView {
        TargetsView {
            year,
            metric: Metric::Sales,
            by_month: false,
            rows: Vec::new(),
            row: 0,
            col: 0,
            history: None,
        }
    }

    pub fn periods(&self) -> Vec<Period> {
        let y = Period::Year(self.year);
        if self.by_month {
            y.months()
        } else {
            y.quarters()
        }
    }

    pub fn selected(&self) -> Option<(&GridRow, Period)> {
        Some((self.rows.get(self.row)?, *self.periods().get(self.col)?))
    }
}

/// The months (0 = January) a period covers.
fn month_indexes(p: Period) -> Vec<usize> {
    match p {
        Period::Month(_, m) => vec![usize::from(m) - 1],
        other => other.months().into_iter().flat_map(month_indexes).collect(),
    }
}

/// The grid for a year and metric: two queries, then sums.
pub fn grid(
    store: &Store,
    year: i32,
    metric: Metric,
    by_month: bool,
) -> Result<Vec<GridRow>, StoreError> {
    let monthly = store.monthly_actuals(year, metric)?;
    let targets = store.year_targets(year, metric)?;
    let reps = store.list_reps()?;
    let periods = if by_month {
        Period::Year(year).months()
    } else {
        Period::Year(year).quarters()
    };
    let actual_of = |ids: &[&str], p: &Period| -> i64 {
        let months = month_indexes(*p);
        ids.iter()
            .filter_map(|id| monthly.get(*id))
            .map(|m| months.iter().fold(0i64, |a, i| a.saturating_add(m[*i])))
            .fold(0i64, i64::saturating_add)
    };
    let mut teams: Vec<String> = reps.iter().map(|r| r.team.clone()).collect();
    teams.sort();
    teams.dedup();
    let mut rows = Vec::new();
    if !store.viewer().sees_teams() {
        return Ok(rows);
    }
    for team in teams {
        let members: Vec<_> = reps.iter().filter(|r| r.team == team).collect();
        let ids: Vec<&str> = members.iter().map(|r| r.id.as_str()).collect();
        let scope = TargetScope::Team(team.clone());
        let cell = |scope: &TargetScope, ids: &[&str], p: &Period| GridCell {
            target: targets
                .get(&(
                    scope.kind().to_string(),
                    scope.key().to_string(),
                    p.to_string(),
                ))
                .copied(),
            actual: actual_of(ids, p),
        };
        let cells = periods.iter().map(|p| cell(&scope, &ids, p)).collect();
        rows.push(GridRow {
            cells,
            scope,
            label: team.clone(),
        });
        // Each team's totals, and the reps' rows the viewer may see: a rep reads their own
        // and the teams', not a teammate's (see `store::policy`).
        let shown = |id: &str| store.viewer().sees_rep(id);
        for r in members.iter().filter(|r| r.is_active() && shown(&r.id)) {
            let scope = TargetScope::Rep {
                id: r.id.clone(),
                login: r.login.clone(),
            };
            let one = [r.id.as_str()];
            let cells = periods.iter().map(|p| cell(&scope, &one, p)).collect();
            rows.push(GridRow {
                cells,
                scope,
                label: r.name.clone(),
            });
        }
    }
    Ok(rows)
}

/// A value in the metric's unit as typed: money or a whole count.
fn parse_value(metric: Metric, s: &str) -> Result<i64, StoreError> {
    if metric.is_money() {
        return Ok(Money::parse("value", s)?.cents());
    }
    s.trim().parse::<u32>().map(i64::from).map_err(|_| {
        crate::domain::FieldError::new(
            "value",
            s,
            crate::domain::Reason::Format("a whole number, 0 or more"),
        )
        .into()
    })
}

/// As a cell shows a value: money shortened (¥1.2M), counts as they are.
pub fn compact(metric: Metric, v: i64, sign: &str) -> String {
    if !metric.is_money() {
        return v.to_string();
    }
    let units = v as f64 / 100.0;
    match units.abs() {
        u if u >= 1e6 => format!("{sign}{:.1}M", units / 1e6),
        u if u >= 1e4 => format!("{sign}{:.0}k", units / 1e3),
        _ => format!("{sign}{units:.0}"),
    }
}

pub fn full(metric: Metric, v: i64, sign: &str) -> String {
    if metric.is_money() {
        Money::from_cents(v).display(sign)
    } else {
        v.to_string()
    }
}

fn split_form(view: &TargetsView, period: Period) -> Form {
    let mut into = Vec::new();
    if matches!(period, Period::Year(_)) {
        into.push(("quarters".to_string(), t!("tui.split_quarters").to_string()));
    }
    if !matches!(period, Period::Month(..)) {
        into.push(("months".to_string(), t!("tui.split_months").to_string()));
    }
    if matches!(
        view.selected().map(|(r, _)| &r.scope),
        Some(TargetScope::Team(_))
    ) {
        into.push(("reps".to_string(), t!("tui.split_reps").to_string()));
    }
    let by = ["even", "history", "weights"]
        .map(|b| (b.to_string(), t!(&format!("tui.split_{b}")).to_string()))
        .to_vec();
    Form::new(
        "tui.form_target_split",
        vec![
            Field::choice("into", into, ""),
            Field::choice("by", by, "even"),
            Field::text("weights", ""),
        ],
    )
}

impl App {
    /// The grid again (after a change, a year or a metric).
    pub(crate) fn load_targets(&mut self) {
        let v = &self.targets;
        match grid(&self.store, v.year, v.metric, v.by_month) {
            Ok(rows) => {
                self.targets.row = self.targets.row.min(rows.len().saturating_sub(1));
                self.targets.col = self.targets.col.min(self.targets.periods().len() - 1);
                self.targets.rows = rows;
            }
            Err(e) => self.message = Some(e.to_string()),
        }
    }

    pub(crate) fn targets_action(&mut self, action: Action) {
        let cols = self.targets.periods().len();
        match action {
            Action::Down => {
                self.targets.row =
                    (self.targets.row + 1).min(self.targets.rows.len().saturating_sub(1))
            }
            Action::Up => self.targets.row = self.targets.row.saturating_sub(1),
            Action::Left => self.targets.col = self.targets.col.saturating_sub(1),
            Action::Right => self.targets.col = (self.targets.col + 1).min(cols - 1),
            Action::Top => self.targets.row = 0,
            Action::Bottom => self.targets.row = self.targets.rows.len().saturating_sub(1),
            Action::PeriodBack | Action::PeriodForward => {
                self.targets.year += if action == Action::PeriodBack { -1 } else { 1 };
                self.load_targets();
            }
            Action::Toggle => {
                // Keep the same stretch of the year under the cursor.
                self.targets.col = if self.targets.by_month {
                    self.targets.col / 3
                } else {
                    self.targets.col * 3
                };
                self.targets.by_month = !self.targets.by_month;
                self.load_targets();
            }
            Action::Metric => {
                let all = [
                    Metric::Sales,
                    Metric::GrossProfit,
                    Metric::Collected,
                    Metric::NewCustomers,
                    Metric::Visits,
                ];
                let i = all
                    .iter()
                    .position(|m| *m == self.targets.metric)
                    .unwrap_or(0);
                self.targets.metric = all[(i + 1) % all.len()];
                self.load_targets();
            }
            Action::Open => {
                if let Some((row, p)) = self.targets.selected() {
                    let scope = row.scope.clone();
                    match self.store.target_history(&scope, self.targets.metric, p) {
                        Ok(h) => self.targets.history = Some(h),
                        Err(e) => self.message = Some(e.to_string()),
                    }
                }
            }
            Action::Back => self.targets.history = None,
            // Reps read the grid; the store would refuse them anyway, so no form opens.
            Action::Edit | Action::Split if !self.actor.is_manager() => {
                self.message = Some(t!(
                    "error.denied",
                    login = self.actor.login,
                    action = t!("action.set_targets")
                ));
            }
            Action::Edit => {
                if let Some((row, p)) = self.targets.selected() {
                    let value = row.cells[self.targets.col]
                        .target
                        .map(|v| full(self.targets.metric, v, ""))
                        .unwrap_or_default();
                    let form = Form::new(
                        "tui.form_target_set",
                        vec![Field::text("value", value), Field::text("reason", "")],
                    );
                    self.form = Some((FormPurpose::SetTarget(row.scope.clone(), p), form));
                }
            }
            Action::Split => {
                if let Some((row, p)) = self.targets.selected() {
                    let form = split_form(&self.targets, p);
                    self.form = Some((FormPurpose::SplitTarget(row.scope.clone(), p), form));
                    self.refresh_split_preview();
                }
            }
            _ => {}
        }
    }

    /// The split form's plan, shown under it: the children and what they replace.
    pub(crate) fn refresh_split_preview(&mut self) {
        let Some((FormPurpose::SplitTarget(scope, period), form)) = &self.form else {
            return;
        };
        let notes = match self.split_plan(scope, *period, form) {
            Ok(plan) => {
                let sign = &self.currency;
                let mut n: Vec<String> = plan
                    .children
                    .iter()
                    .map(|(s, p, v)| {
                        format!(
                            "{} {p}: {}",
                            self.row_label(s),
                            full(self.targets.metric, *v, sign)
                        )
                    })
                    .collect();
                if plan.fell_back_to_even {
                    n.push(t!("msg.split_fallback").to_string());
                }
                if plan.replaced > 0 {
                    n.push(t!("tui.split_replaces", count = plan.replaced));
                }
                n
            }
            Err(e) => vec![e.to_string()],
        };
        if let Some((_, form)) = self.form.as_mut() {
            form.notes = notes;
        }
    }

    /// A scope as its grid row names it (a rep by name), else by its own label.
    fn row_label<'a>(&'a self, scope: &'a TargetScope) -> &'a str {
        self.targets
            .rows
            .iter()
            .find(|r| r.scope == *scope)
            .map_or(scope.label(), |r| r.label.as_str())
    }

    fn split_plan(
        &self,
        scope: &TargetScope,
        period: Period,
        form: &Form,
    ) -> Result<crate::store::targets::SplitPlan, StoreError> {
        let (into, by) = read_split(form)?;
        self.store
            .plan_split(scope, self.targets.metric, period, into, &by)
    }

    pub(crate) fn save_target(
        &mut self,
        scope: &TargetScope,
        period: Period,
        form: &Form,
    ) -> Result<(), StoreError> {
        let metric = self.targets.metric;
        let value = parse_value(metric, form.value("value"))?;
        let reason = Some(form.value("reason")).filter(|r| !r.trim().is_empty());
        self.store
            .set_target(&self.actor, scope, metric, period, value, reason)
    }

    /// Saving the split form is the answer to its preview, replacing what it said.
    pub(crate) fn save_split(
        &mut self,
        scope: &TargetScope,
        period: Period,
        form: &Form,
    ) -> Result<(), StoreError> {
        let (into, by) = read_split(form)?;
        self.store
            .split_target(
                &self.actor,
                scope,
                self.targets.metric,
                period,
                into,
                &by,
                true,
                None,
            )
            .map(|_| ())
    }

    /// How the selected cell reads in full, for the line under the grid.
    pub fn target_cell_line(&self) -> Option<String> {
        let (row, p) = self.targets.selected()?;
        let cell = row.cells.get(self.targets.col)?;
        let m = self.targets.metric;
        let sign = &self.currency;
        let mut line = format!(
            "{} {p}: {} {}",
            row.label,
            t!("col.actual"),
            full(m, cell.actual, sign)
        );
        if let Some(target) = cell.target {
            let elapsed = p.elapsed_share(self.store.clock().today());
            line.push_str(&format!(
                " / {} {}",
                t!("col.target"),
                full(m, target, sign)
            ));
            if let Some(c) = completion(cell.actual, target) {
                line.push_str(&format!(
                    " · {:.1}% · {}",
                    c * 100.0,
                    t!(Pace::of(c, elapsed).label_key())
                ));
            }
        }
        Some(line)
    }
}

fn read_split(form: &Form) -> Result<(SplitInto, SplitBy), StoreError> {
    let into = match form.value("into") {
        "quarters" => SplitInto::Quarters,
        "months" => SplitInto::Months,
        _ => SplitInto::Reps,
    };
    let by = match form.value("by") {
        "history" => SplitBy::History,
        "weights" => {
            let text = form.value("weights");
            let w: Result<Vec<u64>, _> = text
                .split([',', '，', ' '])
                .filter(|x| !x.is_empty())
                .map(|x| x.parse::<u64>())
                .collect();
            SplitBy::Weights(w.map_err(|_| {
                crate::domain::FieldError::new(
                    "weights",
                    text,
                    crate::domain::Reason::Format("W1,W2,..."),
                )
            })?)
        }
        _ => SplitBy::Even,
    };
    Ok((into, by))
}
