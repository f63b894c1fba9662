//! Targets (README, Targets): one value per scope × metric × period, set and split by managers
//! only, every change in the change log (old, new, who, when, why). A split writes children
//! that add up exactly (largest remainder) and replaces existing ones only when forced.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, Transaction};
use serde::Serialize;

use crate::domain::pace::{Pace, Standing, completion, forecast};
use crate::domain::split::largest_remainder;
use crate::domain::{FieldError, Metric, Period, Reason, ids, names};
use crate::store::policy::Write;
use crate::store::{Actor, Result, Store, StoreError, WriteCtx, audit};

/// Whose target: a team (by name) or a rep (id and login).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TargetScope {
    Team(String),
    Rep { id: String, login: String },
}

impl TargetScope {
    pub fn kind(&self) -> &'static str {
        match self {
            TargetScope::Team(_) => "team",
            TargetScope::Rep { .. } => "rep",
        }
    }

    pub fn key(&self) -> &str {
        match self {
            TargetScope::Team(t) => t,
            TargetScope::Rep { id, .. } => id,
        }
    }

    /// As people read it: the team's name, or the rep's login.
    pub fn label(&self) -> &str {
        match self {
            TargetScope::Team(t) => t,
            TargetScope::Rep { login, .. } => login,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SplitInto {
    Quarters,
    Months,
    Reps,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SplitBy {
    Even,
    History,
    Weights(Vec<u64>),
}

/// What a split wrote: each child and its value, and whether history had nothing to go on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SplitReport {
    pub children: Vec<(String, i64)>,
    pub fell_back_to_even: bool,
}

/// A split worked out but not written: each child with its value, how many of them already
/// have a target (and would be replaced), and whether history had nothing to go on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitPlan {
    pub children: Vec<(TargetScope, Period, i64)>,
    pub replaced: usize,
    pub fell_back_to_even: bool,
}

/// One entry of a target's change log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetChange {
    pub old: Option<i64>,
    pub new: i64,
    pub reason: Option<String>,
    pub by: String,
    pub at: String,
}

/// A target with how it is going (README, Targets).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetStatus {
    /// A team, or a rep's login.
    pub scope: String,
    /// A rep's target, not a team's.
    #[serde(skip)]
    pub rep: bool,
    /// What a person reads: the team, or the rep's name (with the login if another rep has
    /// the same name).
    pub scope_name: String,
    pub metric: Metric,
    pub period: String,
    pub value: i64,
    pub actual: i64,
    /// actual ÷ value, a fraction; null for a target of 0.
    pub completion: Option<f64>,
    pub elapsed: f64,
    pub pace: Option<Pace>,
    /// The pace while the period runs; achieved or missed once it has ended.
    pub standing: Option<Standing>,
    pub forecast: Option<f64>,
    /// Σ children − value, when the period's children exist and do not add up.
    pub gap: Option<i64>,
}

impl Store {
    /// The team a typed name means, as the reps' records spell it (`" EAST "` is `east`).
    /// A team is known when at least one rep, present or past, is in it: a target for a team
    /// nobody is in could never be met, and would be shown for nobody.
    pub fn team_named(&self, typed: &str) -> Result<String> {
        let team = names::required_line("team", typed)?;
        let key = names::name_key(&team);
        let mut stmt = self.conn().prepare_cached(
            "SELECT DISTINCT team FROM reps WHERE deleted_at IS NULL ORDER BY team",
        )?;
        let teams: Vec<String> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        match teams.iter().find(|t| names::name_key(t) == key) {
            Some(t) => Ok(t.clone()),
            None => Err(StoreError::rule(
                "input.no_such_team",
                &[
                    ("team", &names::shown(&team)),
                    ("teams", &teams.join(crate::t!("sync.separator"))),
                ],
            )),
        }
    }

    /// A team scope as the reps' records spell it, refused for a team nobody is in.
    fn known_scope(&self, scope: &TargetScope) -> Result<TargetScope> {
        Ok(match scope {
            TargetScope::Team(typed) => TargetScope::Team(self.team_named(typed)?),
            rep => rep.clone(),
        })
    }

    fn target_value(
        &self,
        scope: &TargetScope,
        metric: Metric,
        period: Period,
    ) -> Result<Option<(String, i64)>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT id, value FROM targets WHERE scope_kind = ?1 AND scope = ?2 AND metric = ?3
                 AND period = ?4 AND deleted_at IS NULL",
                (scope.kind(), scope.key(), metric.code(), period.to_string()),
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    /// Sets one target. Changing one whose period has started needs a reason.
    pub fn set_target(
        &mut self,
        actor: &Actor,
        scope: &TargetScope,
        metric: Metric,
        period: Period,
        value: i64,
        reason: Option<&str>,
    ) -> Result<()> {
        actor.may(Write::SetTarget)?;
        let scope = &self.known_scope(scope)?;
        if value < 0 {
            return Err(FieldError::new("value", value.to_string(), Reason::Negative).into());
        }
        let existing = self.target_value(scope, metric, period)?;
        let started = period.first_day() <= self.clock().today();
        let reason = reason.and_then(names::optional);
        if existing.is_some() && started && reason.is_none() {
            return Err(StoreError::rule(
                "error.reason_required",
                &[("period", &period)],
            ));
        }
        self.write(actor, |tx, ctx| {
            write_target(tx, ctx, scope, metric, period, value, reason.as_deref())?;
            audit::record(
                tx,
                ctx,
                actor,
                "target.set",
                None,
                Some(&format!("{} {metric} {period}", scope.label())),
            )
        })
    }

    /// The children a split of `period` writes for `scope`, in order.
    fn split_children(
        &self,
        scope: &TargetScope,
        period: Period,
        into: SplitInto,
    ) -> Result<Vec<(TargetScope, Period)>> {
        let wrong = || StoreError::rule("error.split_shape", &[("period", &period)]);
        Ok(match into {
            SplitInto::Quarters if matches!(period, Period::Year(_)) => period
                .quarters()
                .into_iter()
                .map(|p| (scope.clone(), p))
                .collect(),
            SplitInto::Months if !matches!(period, Period::Month(..)) => period
                .months()
                .into_iter()
                .map(|p| (scope.clone(), p))
                .collect(),
            SplitInto::Reps => {
                let TargetScope::Team(team) = scope else {
                    return Err(StoreError::rule("error.split_reps_team", &[]));
                };
                let reps = self.list_reps()?;
                let members: Vec<_> = reps
                    .into_iter()
                    .filter(|r| r.team == *team && r.is_active())
                    .map(|r| {
                        (
                            TargetScope::Rep {
                                id: r.id,
                                login: r.login,
                            },
                            period,
                        )
                    })
                    .collect();
                if members.is_empty() {
                    return Err(StoreError::rule("error.split_no_reps", &[("team", team)]));
                }
                members
            }
            _ => return Err(wrong()),
        })
    }

    /// A scope's actual of `metric` in `period` (from `store::kpi::metrics`). A rep's is for the
    /// managers and that rep (see `policy`); a team's is a total anyone on it may read.
    pub fn actual(&self, scope: &TargetScope, metric: Metric, period: Period) -> Result<i64> {
        self.require_sees(scope)?;
        let tallies = self.tallies(period)?;
        Ok(match scope {
            TargetScope::Team(team) => self.team_tally(team, period, &tallies)?.metric(metric),
            TargetScope::Rep { id, .. } => tallies.get(id).map_or(0, |t| t.metric(metric)),
        })
    }

    /// What a split would write, without writing it: the TUI shows it before saving.
    pub fn plan_split(
        &self,
        scope: &TargetScope,
        metric: Metric,
        period: Period,
        into: SplitInto,
        by: &SplitBy,
    ) -> Result<SplitPlan> {
        let Some((_, value)) = self.target_value(scope, metric, period)? else {
            return Err(StoreError::rule(
                "error.no_target",
                &[
                    ("scope", &scope.label()),
                    ("metric", &metric),
                    ("period", &period),
                ],
            ));
        };
        let children = self.split_children(scope, period, into)?;
        let mut fell_back = false;
        let weights: Vec<u64> = match by {
            SplitBy::Even => vec![1; children.len()],
            SplitBy::Weights(w) if w.len() == children.len() => w.clone(),
            SplitBy::Weights(w) => {
                return Err(StoreError::rule(
                    "error.weights_count",
                    &[("given", &w.len()), ("needed", &children.len())],
                ));
            }
            SplitBy::History => {
                // The same sub-periods last year, or the reps' shares of the previous period.
                let mut w = Vec::new();
                for (s, p) in &children {
                    let past = if into == SplitInto::Reps {
                        period.previous()
                    } else {
                        p.same_last_year()
                    };
                    w.push(self.actual(s, metric, past)?.max(0) as u64);
                }
                if w.iter().all(|x| *x == 0) {
                    fell_back = true;
                    vec![1; children.len()]
                } else {
                    w
                }
            }
        };
        let mut replaced = 0;
        for (s, p) in &children {
            if self.target_value(s, metric, *p)?.is_some() {
                replaced += 1;
            }
        }
        let parts = largest_remainder(value, &weights);
        Ok(SplitPlan {
            children: children
                .into_iter()
                .zip(parts)
                .map(|((s, p), v)| (s, p, v))
                .collect(),
            replaced,
            fell_back_to_even: fell_back,
        })
    }

    /// Splits a target into its children (README, Targets): they add up exactly to it.
    #[allow(clippy::too_many_arguments)] // each is one of the command's own flags
    pub fn split_target(
        &mut self,
        actor: &Actor,
        scope: &TargetScope,
        metric: Metric,
        period: Period,
        into: SplitInto,
        by: &SplitBy,
        force: bool,
        reason: Option<&str>,
    ) -> Result<SplitReport> {
        actor.may(Write::SplitTarget)?;
        let scope = &self.known_scope(scope)?;
        let plan = self.plan_split(scope, metric, period, into, by)?;
        if plan.replaced > 0 && !force {
            return Err(StoreError::rule(
                "error.children_exist",
                &[("count", &plan.replaced)],
            ));
        }
        // A split changes targets as `set` does: one it replaces in a period already started
        // needs the reason, which goes on every child it changes.
        let reason = reason.and_then(names::optional);
        let today = self.clock().today();
        if reason.is_none() {
            for (s, p, v) in &plan.children {
                let was = self.target_value(s, metric, *p)?;
                if p.first_day() <= today && was.is_some_and(|(_, w)| w != *v) {
                    return Err(StoreError::rule("error.reason_required", &[("period", p)]));
                }
            }
        }
        let why = reason.unwrap_or_else(|| "split".to_string());
        self.write(actor, |tx, ctx| {
            for (s, p, v) in &plan.children {
                write_target(tx, ctx, s, metric, *p, *v, Some(&why))?;
            }
            audit::record(
                tx,
                ctx,
                actor,
                "target.split",
                None,
                Some(&format!("{} {metric} {period}", scope.label())),
            )
        })?;
        Ok(SplitReport {
            children: plan
                .children
                .iter()
                .map(|(s, p, v)| (format!("{} {p}", s.label()), *v))
                .collect(),
            fell_back_to_even: plan.fell_back_to_even,
        })
    }

    /// Refuses a rep's figures to a viewer who may not see that rep's detail.
    fn require_sees(&self, scope: &TargetScope) -> Result<()> {
        match scope {
            TargetScope::Rep { id, login } if !self.viewer().sees_rep(id) => Err(StoreError::rule(
                "scope.rep_detail",
                &[("login", &names::shown(login))],
            )),
            TargetScope::Team(_) if !self.viewer().sees_teams() => {
                Err(StoreError::rule("scope.not_a_rep", &[]))
            }
            _ => Ok(()),
        }
    }

    /// Every target of `metric` in `year` and its quarters and months: (scope kind, scope
    /// key, period) → value, in one query (the Targets grid). Reps' targets only where the
    /// viewer sees the rep; teams' always.
    pub fn year_targets(
        &self,
        year: i32,
        metric: Metric,
    ) -> Result<HashMap<(String, String, String), i64>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT scope_kind, scope, period, value FROM targets
             WHERE metric = ?1 AND substr(period, 1, 4) = ?2 AND deleted_at IS NULL",
        )?;
        let rows = stmt.query_map((metric.code(), year.to_string()), |r| {
            Ok(((r.get(0)?, r.get(1)?, r.get(2)?), r.get(3)?))
        })?;
        let mut all: HashMap<(String, String, String), i64> =
            rows.collect::<std::result::Result<_, _>>()?;
        let v = self.viewer();
        all.retain(|(kind, key, _), _| match kind.as_str() {
            "rep" => v.sees_rep(key),
            _ => v.sees_teams(),
        });
        Ok(all)
    }

    /// The change log of one target, oldest first.
    pub fn target_history(
        &self,
        scope: &TargetScope,
        metric: Metric,
        period: Period,
    ) -> Result<Vec<TargetChange>> {
        self.require_sees(scope)?;
        let Some((id, _)) = self.target_value(scope, metric, period)? else {
            return Ok(Vec::new());
        };
        let mut stmt = self.conn().prepare_cached(
            "SELECT old_value, new_value, reason, changed_by, changed_at FROM target_changes
             WHERE target_id = ?1 ORDER BY changed_at, rowid",
        )?;
        let rows = stmt.query_map([id], |r| {
            Ok(TargetChange {
                old: r.get(0)?,
                new: r.get(1)?,
                reason: r.get(2)?,
                by: r.get(3)?,
                at: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Last year's actual for the same period, grown by `growth_pct` per cent (rounded).
    /// Growth is from −100 % (nothing) to +1000 % (eleven times): beyond that it is a typo,
    /// and an infinite one printed −9223372036854775808 as the suggestion.
    pub fn suggest_target(
        &self,
        scope: &TargetScope,
        metric: Metric,
        period: Period,
        growth_pct: f64,
    ) -> Result<i64> {
        if !(growth_pct.is_finite() && (-100.0..=1000.0).contains(&growth_pct)) {
            let value = names::shown(&growth_pct.to_string());
            return Err(StoreError::rule("input.growth", &[("value", &value)]));
        }
        let last = self.actual(scope, metric, period.same_last_year())?;
        Ok((last as f64 * (1.0 + growth_pct / 100.0)).round() as i64)
    }

    /// Every target of `period` (for one scope, or all), with actual, completion and pace:
    /// teams' targets, and reps' where the viewer sees the rep (see `policy`).
    pub fn target_statuses(
        &self,
        period: Period,
        scope: Option<&TargetScope>,
    ) -> Result<Vec<TargetStatus>> {
        let mut stmt = self.conn().prepare_cached(concat!(
            "SELECT t.scope_kind, t.scope, t.metric, t.value, COALESCE(r.login, t.scope),
                    COALESCE(",
            crate::store::reps::shown_name!("r"),
            ", t.scope)
             FROM targets t LEFT JOIN reps r ON t.scope_kind = 'rep' AND r.id = t.scope
             WHERE t.period = ?1 AND t.deleted_at IS NULL AND (?2 IS NULL OR (t.scope_kind = ?2 AND t.scope = ?3))
             ORDER BY t.scope_kind DESC, 5, t.metric",
        ))?;
        type Row = (String, String, Metric, i64, String, String);
        let rows: Vec<Row> = stmt
            .query_map(
                (
                    period.to_string(),
                    scope.map(|s| s.kind()),
                    scope.map(|s| s.key().to_string()),
                ),
                |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                    ))
                },
            )?
            .collect::<std::result::Result<_, _>>()?;
        let tallies = self.tallies(period)?;
        let elapsed = period.elapsed_share(self.clock().today());
        let finished = self.clock().today() > period.last_day();
        let mut out = Vec::new();
        for (kind, key, metric, value, label, scope_name) in rows {
            let visible = match kind.as_str() {
                "rep" => self.viewer().sees_rep(&key),
                _ => self.viewer().sees_teams(),
            };
            if !visible {
                continue;
            }
            let scope = if kind == "team" {
                TargetScope::Team(key)
            } else {
                TargetScope::Rep {
                    id: key,
                    login: label.clone(),
                }
            };
            let actual = match &scope {
                TargetScope::Team(t) => self.team_tally(t, period, &tallies)?.metric(metric),
                TargetScope::Rep { id, .. } => tallies.get(id).map_or(0, |t| t.metric(metric)),
            };
            let completion = completion(actual, value);
            let children_sum = self.children_sum(&scope, metric, period)?;
            out.push(TargetStatus {
                rep: kind == "rep",
                scope: label,
                scope_name,
                metric,
                period: period.to_string(),
                value,
                actual,
                completion,
                elapsed,
                pace: completion.map(|c| Pace::of(c, elapsed)),
                standing: completion.map(|c| Standing::of(c, elapsed, finished)),
                forecast: forecast(actual, elapsed),
                gap: children_sum.filter(|s| *s != value).map(|s| s - value),
            });
        }
        Ok(out)
    }

    /// Σ of the period's time children (quarters of a year, else months), when there are any.
    fn children_sum(
        &self,
        scope: &TargetScope,
        metric: Metric,
        period: Period,
    ) -> Result<Option<i64>> {
        let children = match period {
            Period::Year(_) => period.quarters(),
            Period::Quarter(..) => period.months(),
            Period::Month(..) => return Ok(None),
        };
        let mut sum = None;
        for p in children {
            if let Some((_, v)) = self.target_value(scope, metric, p)? {
                sum = Some(sum.unwrap_or(0) + v);
            }
        }
        Ok(sum)
    }
}

/// Inserts or changes one target inside the caller's transaction, logging the change.
fn write_target(
    tx: &Transaction,
    ctx: &WriteCtx,
    scope: &TargetScope,
    metric: Metric,
    period: Period,
    value: i64,
    reason: Option<&str>,
) -> Result<()> {
    let existing: Option<(String, i64)> = tx
        .query_row(
            "SELECT id, value FROM targets WHERE scope_kind = ?1 AND scope = ?2 AND metric = ?3
             AND period = ?4 AND deleted_at IS NULL",
            (scope.kind(), scope.key(), metric.code(), period.to_string()),
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (id, old) = match existing {
        Some((id, old)) => {
            tx.execute(
                "UPDATE targets SET value = ?2, updated_at = ?3, updated_by = ?4 WHERE id = ?1",
                (&id, value, &ctx.now, &ctx.login),
            )?;
            (id, Some(old))
        }
        None => {
            let id = ids::new_id().to_string();
            tx.execute(
                "INSERT INTO targets (id, scope_kind, scope, metric, period, value, created_at,
                     updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8)",
                (
                    &id,
                    scope.kind(),
                    scope.key(),
                    metric.code(),
                    period.to_string(),
                    value,
                    &ctx.now,
                    &ctx.login,
                ),
            )?;
            (id, None)
        }
    };
    if old != Some(value) {
        tx.execute(
            "INSERT INTO target_changes (id, target_id, old_value, new_value, reason, changed_by, changed_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            (ids::new_id().to_string(), &id, old, value, reason, &ctx.login, &ctx.now),
        )?;
    }
    Ok(())
}
