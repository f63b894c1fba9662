//! `target set|split|show|suggest`.

use std::io::Write;

use crate::cli::args::{ScopeArgs, TargetCommand};
use crate::cli::output::{col, print_list};
use crate::domain::text::printable_cell;
use crate::domain::{FieldError, Metric, Money, Period, Reason};
use crate::env::Env;
use crate::store::Store;
use crate::store::targets::{SplitBy, SplitInto, TargetScope, TargetStatus};
use crate::t;

const SCOPE_FORM: &str = "--team TEAM or --rep LOGIN";
const COUNT_FORM: &str = "a whole number, 0 or more";
const INTO_FORM: &str = "quarters or months (or --across reps)";
const BY_FORM: &str = "even, history or weights:W1,W2,...";

fn scope(store: &Store, s: &ScopeArgs) -> anyhow::Result<TargetScope> {
    match (&s.team, &s.rep) {
        (Some(team), None) => Ok(TargetScope::Team(store.team_named(team)?)),
        (None, Some(login)) => {
            let rep = store.require_rep(login)?;
            Ok(TargetScope::Rep {
                id: rep.id,
                login: rep.login,
            })
        }
        _ => Err(FieldError::new("scope", "", Reason::Format(SCOPE_FORM)).into()),
    }
}

/// A target value in the metric's unit: cents for money, a count otherwise.
fn value(metric: Metric, s: &str) -> anyhow::Result<i64> {
    if metric.is_money() {
        return Ok(Money::parse("value", s)?.cents());
    }
    s.trim()
        .parse::<u32>()
        .map(i64::from)
        .map_err(|_| FieldError::new("value", s, Reason::Format(COUNT_FORM)).into())
}

/// How a value reads: money with its sign, counts as they are. A table shows money short
/// (48.8万, 488k), as the Targets grid does; an export (`exact`) to the cent.
fn shown(metric: Metric, v: i64, sign: &str, exact: bool) -> String {
    match metric.is_money() {
        true if exact => Money::from_cents(v).display(sign),
        true => Money::from_cents(v).short(sign, crate::i18n::money_scale()),
        false => v.to_string(),
    }
}

fn by(s: &str) -> anyhow::Result<SplitBy> {
    let s = s.trim();
    match s {
        "even" => Ok(SplitBy::Even),
        "history" => Ok(SplitBy::History),
        _ => {
            let bad = || FieldError::new("by", s, Reason::Format(BY_FORM));
            let list = s.strip_prefix("weights:").ok_or_else(bad)?;
            let w: Result<Vec<u64>, _> = list.split(',').map(|x| x.trim().parse::<u64>()).collect();
            Ok(SplitBy::Weights(w.map_err(|_| bad())?))
        }
    }
}

pub fn run(env: &Env, command: TargetCommand) -> anyhow::Result<()> {
    let mut store = env.open()?;
    let actor = env.actor(&mut store)?;
    let sign = store.rules()?.currency;
    let mut out = std::io::stdout().lock();
    match command {
        TargetCommand::Set {
            period,
            metric,
            value: v,
            scope: s,
            reason,
        } => {
            let period: Period = period.parse()?;
            let metric: Metric = metric.parse()?;
            let v = value(metric, &v)?;
            let scope = scope(&store, &s)?;
            store.set_target(&actor, &scope, metric, period, v, reason.as_deref())?;
            writeln!(
                out,
                "{}",
                t!(
                    "msg.target_set",
                    // Team names and logins are stored text (a synced copy may hold anything).
                    scope = printable_cell(scope.label()),
                    metric = metric,
                    period = period,
                    value = shown(metric, v, &sign, true)
                )
            )?;
        }
        TargetCommand::Split {
            period,
            metric,
            scope: s,
            into,
            across,
            by: b,
            force,
            reason,
        } => {
            let period: Period = period.parse()?;
            let metric: Metric = metric.parse()?;
            let into = match (into.as_deref(), across.as_deref()) {
                (Some("quarters"), None) => SplitInto::Quarters,
                (Some("months"), None) => SplitInto::Months,
                (None, Some("reps")) => SplitInto::Reps,
                (i, a) => {
                    return Err(FieldError::new(
                        "into",
                        i.or(a).unwrap_or(""),
                        Reason::Format(INTO_FORM),
                    )
                    .into());
                }
            };
            let b = by(&b)?;
            let scope = scope(&store, &s)?;
            let report = store.split_target(
                &actor,
                &scope,
                metric,
                period,
                into,
                &b,
                force,
                reason.as_deref(),
            )?;
            if report.fell_back_to_even {
                eprintln!("{}", t!("msg.split_fallback"));
            }
            for (child, v) in report.children {
                writeln!(
                    out,
                    "{}",
                    t!(
                        "msg.split",
                        child = printable_cell(&child),
                        value = shown(metric, v, &sign, true)
                    )
                )?;
            }
        }
        TargetCommand::Show {
            period,
            scope: s,
            format,
        } => {
            let period: Period = period.parse()?;
            let scope = match (&s.team, &s.rep) {
                (None, None) => None,
                _ => Some(scope(&store, &s)?),
            };
            let rows = store.target_statuses(period, scope.as_ref())?;
            if format.json {
                // Money in currency units, completion as a fraction (README, The CLI).
                let items: Vec<serde_json::Value> = rows.iter().map(json).collect();
                writeln!(out, "{}", serde_json::to_string_pretty(&items)?)?;
                return Ok(());
            }
            drop(out);
            let pct = |v: Option<f64>| v.map(|v| format!("{:.1}%", v * 100.0)).unwrap_or_default();
            let exact = format.csv;
            let money = |r: &TargetStatus, v: i64| shown(r.metric, v, &sign, exact);
            print_list(
                &rows,
                format,
                &[
                    col("col.scope", |r: &TargetStatus| r.scope_name.clone()),
                    col("col.metric", |r: &TargetStatus| {
                        t!(r.metric.label_key()).to_string()
                    }),
                    // Actual before target, as everywhere progress is shown.
                    col("col.actual", move |r: &TargetStatus| money(r, r.actual)),
                    col("col.target", move |r: &TargetStatus| money(r, r.value)),
                    col("col.completion", move |r: &TargetStatus| pct(r.completion)),
                    col("col.elapsed", move |r: &TargetStatus| pct(Some(r.elapsed))),
                    col("col.pace", |r: &TargetStatus| {
                        r.standing
                            .map(|p| t!(p.label_key()).to_string())
                            .unwrap_or_default()
                    }),
                    col("col.forecast", move |r: &TargetStatus| {
                        r.forecast
                            .map(|f| money(r, f.round() as i64))
                            .unwrap_or_default()
                    }),
                    col("col.gap", move |r: &TargetStatus| {
                        r.gap.map(|g| money(r, g)).unwrap_or_default()
                    }),
                ],
            )?;
        }
        TargetCommand::Suggest {
            period,
            metric,
            scope: s,
            growth,
        } => {
            let period: Period = period.parse()?;
            let metric: Metric = metric.parse()?;
            let scope = scope(&store, &s)?;
            let last = store.actual(&scope, metric, period.same_last_year())?;
            let v = store.suggest_target(&scope, metric, period, growth)?;
            writeln!(
                out,
                "{}",
                t!(
                    "msg.suggested",
                    value = shown(metric, v, &sign, true),
                    last = shown(metric, last, &sign, true),
                    growth = growth
                )
            )?;
        }
    }
    Ok(())
}

/// One target for `--json`: money in currency units, rates as fractions.
fn json(r: &TargetStatus) -> serde_json::Value {
    let unit = |v: i64| {
        if r.metric.is_money() {
            serde_json::json!(v as f64 / 100.0)
        } else {
            serde_json::json!(v)
        }
    };
    let round4 = |f: f64| (f * 10_000.0).round() / 10_000.0;
    serde_json::json!({
        "scope": r.scope,
        "scope_name": r.scope_name,
        "metric": r.metric.code(),
        "period": r.period,
        "value": unit(r.value),
        "actual": unit(r.actual),
        "completion": r.completion.map(round4),
        "elapsed": round4(r.elapsed),
        "pace": r.pace,
        "standing": r.standing.map(|s| s.code()),
        "forecast": r.forecast.map(|f| if r.metric.is_money() { f.round() / 100.0 } else { f.round() }),
        "gap": r.gap.map(unit),
    })
}
