//! The Targets tab's state (README, The TUI: tab 4): rows are scopes (each team, then its reps), columns the
//! quarters or months of a year, each cell target / actual / completion with a pace mark.
//! The grid is computed from two queries — the year's targets and the metric's actuals by
//! rep and month — and then only summed. Managers set a target or split one, seeing the
//! children before they save; everyone sees a cell's change log.

use chrono::NaiveDate;

use crate::domain::pace::{Standing, completion};
use crate::domain::{Metric, Money, Period};
use crate::store::targets::{TargetChange, TargetScope};
use crate::store::{Store, StoreError};
use crate::t;

/// What the open form will do when saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    Set(TargetScope, Period),
    Split(TargetScope, Period),
}

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
    /// The year month by month, for the burn-up chart: each month's actual, and the targets
    /// of the year, its quarters and its months.
    pub year: YearLine,
}

/// A scope's year: what the burn-up chart draws.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct YearLine {
    pub actual: [i64; 12],
    pub year_target: Option<i64>,
    pub quarter_targets: [Option<i64>; 4],
    pub month_targets: [Option<i64>; 12],
}

impl YearLine {
    /// The actual summed to the end of each month.
    pub fn cumulative_actual(&self) -> [i64; 12] {
        let mut out = [0; 12];
        let mut sum = 0i64;
        for (i, v) in self.actual.iter().enumerate() {
            sum = sum.saturating_add(*v);
            out[i] = sum;
        }
        out
    }

    /// The target summed to the end of each month, from the finest targets set for the whole
    /// year: twelve months, else four quarters (spread evenly over their months), else the
    /// year's (spread evenly). None when none of these is whole.
    pub fn cumulative_target(&self) -> Option<[f64; 12]> {
        let per_month: [f64; 12] = if self.month_targets.iter().all(Option::is_some) {
            self.month_targets.map(|t| t.unwrap_or(0) as f64)
        } else if self.quarter_targets.iter().all(Option::is_some) {
            std::array::from_fn(|m| self.quarter_targets[m / 3].unwrap_or(0) as f64 / 3.0)
        } else {
            let y = self.year_target? as f64;
            [y / 12.0; 12]
        };
        let mut out = [0.0; 12];
        let mut sum = 0.0;
        for (i, v) in per_month.iter().enumerate() {
            sum += v;
            out[i] = sum;
        }
        Some(out)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct TargetsTab {
    pub year: i32,
    pub metric: Metric,
    /// Months instead of quarters.
    pub by_month: bool,
    pub rows: Vec<GridRow>,
    pub row: usize,
    pub col: usize,
    /// The change log of the selected cell, when open.
    pub history: Option<Vec<TargetChange>>,
    /// The selected row's year drawn as a burn-up chart under the grid (`c`).
    pub chart: bool,
    /// What the open form is for.
    pub purpose: Option<Purpose>,
    pub stale: bool,
    /// The grid asked for and not come yet: (year, metric, months, column). The screen keeps
    /// the grid it has until then; keys meanwhile step on from what was asked.
    pub pending: Option<(i32, Metric, bool, usize)>,
    /// The number of the latest read asked for: an older one's result is dropped.
    pub ticket: u64,
}

impl TargetsTab {
    pub fn new(year: i32) -> TargetsTab {
        TargetsTab {
            year,
            metric: Metric::Sales,
            by_month: false,
            rows: Vec::new(),
            row: 0,
            col: 0,
            history: None,
            chart: false,
            purpose: None,
            stale: true,
            pending: None,
            ticket: 0,
        }
    }

    /// What the next grid is to be: the one asked for, else the one shown.
    pub fn wanted(&self) -> (i32, Metric, bool, usize) {
        self.pending
            .unwrap_or((self.year, self.metric, self.by_month, self.col))
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

    /// A scope as its grid row names it (a rep by name), else by its own label.
    pub fn row_label<'a>(&'a self, scope: &'a TargetScope) -> &'a str {
        self.rows
            .iter()
            .find(|r| r.scope == *scope)
            .map_or(scope.label(), |r| r.label.as_str())
    }

    /// How the selected cell reads in full, for the line under the grid.
    pub fn cell_line(&self, today: NaiveDate, sign: &str) -> Option<String> {
        let (row, p) = self.selected()?;
        let cell = row.cells.get(self.col)?;
        let m = self.metric;
        let mut line = format!(
            "{} {p}: {} {}",
            row.label,
            t!("col.actual"),
            full(m, cell.actual, sign)
        );
        if let Some(target) = cell.target {
            let elapsed = p.elapsed_share(today);
            line.push_str(&format!(
                " / {} {}",
                t!("col.target"),
                full(m, target, sign)
            ));
            if let Some(c) = completion(cell.actual, target) {
                line.push_str(&format!(" · {:.1}%", c * 100.0));
                // Where it stands, once the period has begun.
                if today >= p.first_day() {
                    let standing = Standing::of(c, elapsed, today > p.last_day());
                    line.push_str(&format!(" · {}", t!(standing.label_key())));
                }
            }
        }
        Some(line)
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
    // A rep by name, with the login where two share it.
    let names = store.shown_names()?;
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
    // A team's actual in a month sums the reps whose work that month counts for it
    // (`domain::roster`): a rep moved in June is in the old team's May and the new one's June.
    let roster = store.roster()?;
    let month = |i: usize| Period::Month(year, i as u8 + 1);
    let team_actual = |team: &str, p: &Period| -> i64 {
        month_indexes(*p)
            .iter()
            .flat_map(|i| {
                monthly
                    .iter()
                    .filter(|(id, _)| roster.team_in(id, month(*i)) == Some(team))
                    .map(|(_, m)| m[*i])
            })
            .fold(0i64, i64::saturating_add)
    };
    let mut teams: Vec<String> = reps.iter().map(|r| r.team.clone()).collect();
    teams.extend((0..12).flat_map(|i| {
        monthly
            .keys()
            .filter_map(|id| roster.team_in(id, month(i)).map(str::to_string))
            .collect::<Vec<_>>()
    }));
    teams.sort();
    teams.dedup();
    let mut rows = Vec::new();
    if !store.viewer().sees_teams() {
        return Ok(rows);
    }
    let target = |scope: &TargetScope, p: &Period| {
        targets
            .get(&(
                scope.kind().to_string(),
                scope.key().to_string(),
                p.to_string(),
            ))
            .copied()
    };
    let year_line = |scope: &TargetScope, actual: &dyn Fn(usize) -> i64| YearLine {
        actual: std::array::from_fn(actual),
        year_target: target(scope, &Period::Year(year)),
        quarter_targets: std::array::from_fn(|q| {
            target(scope, &Period::Quarter(year, q as u8 + 1))
        }),
        month_targets: std::array::from_fn(|m| target(scope, &month(m))),
    };
    for team in teams {
        let members: Vec<_> = reps.iter().filter(|r| r.team == team).collect();
        let scope = TargetScope::Team(team.clone());
        let cells = periods
            .iter()
            .map(|p| GridCell {
                target: target(&scope, p),
                actual: team_actual(&team, p),
            })
            .collect();
        let line = year_line(&scope, &|i| team_actual(&team, &month(i)));
        rows.push(GridRow {
            cells,
            scope,
            label: team.clone(),
            year: line,
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
            let cells = periods
                .iter()
                .map(|p| GridCell {
                    target: target(&scope, p),
                    actual: actual_of(&one, p),
                })
                .collect();
            let line = year_line(&scope, &|i| actual_of(&one, &month(i)));
            rows.push(GridRow {
                cells,
                scope,
                label: names.get(&r.login).unwrap_or(&r.name).clone(),
                year: line,
            });
        }
    }
    Ok(rows)
}

/// As a cell shows a value: money shortened (¥1.2M, or ¥48.8万 in Chinese), counts as they are.
pub fn compact(metric: Metric, v: i64, sign: &str) -> String {
    if metric.is_money() {
        Money::from_cents(v).short(sign, crate::i18n::money_scale())
    } else {
        v.to_string()
    }
}

pub fn full(metric: Metric, v: i64, sign: &str) -> String {
    if metric.is_money() {
        Money::from_cents(v).display(sign)
    } else {
        v.to_string()
    }
}
