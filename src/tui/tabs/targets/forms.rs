//! The Targets tab's forms: set a target, split one (with the plan shown under the form as
//! it is filled), and saving them.

use crate::domain::{Metric, Money, Period};
use crate::store::targets::{SplitBy, SplitInto, SplitPlan, TargetScope};
use crate::store::{Actor, Store, StoreError};
use crate::t;
use crate::tui::tabs::targets::state::Purpose;
use crate::tui::tabs::targets::state::{TargetsTab, full};
use crate::tui::widgets::form::{Field, Form};

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

pub fn split_form(view: &TargetsTab, period: Period) -> Form {
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
            // Needed when the split replaces targets of a period already started.
            Field::text("reason", ""),
        ],
    )
}

/// Saves the form `purpose` opened, for the grid's metric.
pub fn save(
    store: &mut Store,
    actor: &Actor,
    metric: Metric,
    purpose: &Purpose,
    form: &Form,
) -> Result<(), StoreError> {
    match purpose {
        Purpose::Set(scope, period) => {
            let value = parse_value(metric, form.value("value"))?;
            let reason = Some(form.value("reason")).filter(|r| !r.trim().is_empty());
            store.set_target(actor, scope, metric, *period, value, reason)
        }
        // Saving the split form is the answer to its preview, replacing what it said.
        Purpose::Split(scope, period) => {
            let (into, by) = read_split(form)?;
            let reason = Some(form.value("reason")).filter(|r| !r.trim().is_empty());
            store
                .split_target(actor, scope, metric, *period, into, &by, true, reason)
                .map(|_| ())
        }
    }
}

/// The split form's plan, as notes under it: the children and what they replace.
pub fn split_notes(
    store: &Store,
    tab: &TargetsTab,
    sign: &str,
    scope: &TargetScope,
    period: Period,
    form: &Form,
) -> Vec<String> {
    let plan = || -> Result<SplitPlan, StoreError> {
        let (into, by) = read_split(form)?;
        store.plan_split(scope, tab.metric, period, into, &by)
    };
    match plan() {
        Ok(plan) => {
            let mut n: Vec<String> = plan
                .children
                .iter()
                .map(|(s, p, v)| {
                    format!("{} {p}: {}", tab.row_label(s), full(tab.metric, *v, sign))
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
