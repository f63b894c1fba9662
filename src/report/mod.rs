//! What a scorecard and a report show, formatted once for every front end: the CLI table and
//! JSON, the TUI, and the Markdown, CSV and HTML reports.

pub mod csv;
pub mod data;
pub mod html;
pub mod markdown;
pub mod summary;
pub mod svg;
pub mod values;

use crate::domain::kpi::Unit;
use crate::domain::scoring::{NotApplicable, RowScore};
use crate::domain::template::Goal;
use crate::t;

/// A row's goal and where it came from: `¥8,000.00 · target`, `90.0% · fixed`, `rating ÷ 5`.
pub fn goal_words(r: &RowScore, currency: &str) -> String {
    let source = match r.goal_from {
        Goal::Target => t!("tui.goal_target"),
        Goal::Fixed(_) => t!("tui.goal_fixed"),
        Goal::Rating => return t!("tui.goal_rating").to_string(),
    };
    match r.goal {
        Some(g) => format!("{} · {source}", values::shown(r.key, Some(g), currency)),
        None => String::new(),
    }
}

/// Why a row is n/a, in words; empty when it applies.
pub fn why_not(r: &RowScore) -> String {
    match r.not_applicable {
        Some(NotApplicable::NoTarget) => t!("tui.na_no_target").to_string(),
        Some(NotApplicable::NoActual) if r.key.unit() == Unit::Rating => {
            t!("tui.na_not_rated").to_string()
        }
        Some(NotApplicable::NoActual) => t!("tui.na_no_actual").to_string(),
        None => String::new(),
    }
}
