//! A KPI value in words and in JSON: money short with its sign (JSON: exact currency units), shares as
//! percentages (JSON: fractions), days, counts and 1–5 marks.

use crate::domain::Money;
use crate::domain::kpi::{KpiKey, Unit};
use crate::domain::scoring::RowScore;

/// A value of `key` as a person reads it; empty for none.
pub fn shown(key: KpiKey, value: Option<f64>, sign: &str) -> String {
    let Some(v) = value else {
        return String::new();
    };
    if v.is_infinite() {
        return "∞".to_string();
    }
    match key.unit() {
        // Short, as on every summary: 48.8万 in Chinese, 488k in English (JSON stays exact).
        Unit::Money => {
            Money::from_cents((v * 100.0).round() as i64).short(sign, crate::i18n::money_scale())
        }
        Unit::Count => format!("{v:.0}"),
        Unit::Share => percent(v),
        Unit::Days => format!("{v:.1}"),
        Unit::Rating => format!("{v:.0}/5"),
    }
}

/// A fraction as a percentage to a tenth; one that rounds to nothing has no minus sign.
pub fn percent(v: f64) -> String {
    let p = (v * 1000.0).round() / 10.0;
    format!("{:.1}%", if p == 0.0 { 0.0 } else { p })
}

/// A score or a total, to two decimals.
pub fn points(v: Option<f64>) -> String {
    v.map(|v| format!("{v:.2}")).unwrap_or_default()
}

fn round_to(v: f64, places: i32) -> f64 {
    let f = 10f64.powi(places);
    (v * f).round() / f
}

/// A value for JSON (README, The CLI): currency units, fractions to four places; null for none and
/// for an unbounded expense rate (expenses with no sales), whose score says 0.
pub fn json(key: KpiKey, value: Option<f64>) -> serde_json::Value {
    match value {
        Some(v) if v.is_finite() => number(match key.unit() {
            Unit::Money | Unit::Days => round_to(v, 2),
            Unit::Share => round_to(v, 4),
            Unit::Count | Unit::Rating => v,
        }),
        _ => serde_json::Value::Null,
    }
}

/// A whole number as an integer (3, not 3.0), anything else as it is.
pub fn number(v: f64) -> serde_json::Value {
    if v.fract() == 0.0 && v.abs() < 9e15 {
        serde_json::json!(v as i64)
    } else {
        serde_json::json!(v)
    }
}

/// One KPI row as `kpi --json` prints it.
pub fn json_row(r: &RowScore) -> serde_json::Value {
    serde_json::json!({
        "key": r.key.code(),
        "actual": json(r.key, r.actual),
        "target": json(r.key, r.goal),
        "score": r.score.map(|s| number(round_to(s, 2))),
        "weight": number(r.weight),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_in_their_unit() {
        // Money short, as on every summary (the catalogue in use is English in unit tests).
        assert_eq!(shown(KpiKey::Sales, Some(1234.6), "¥"), "¥1235");
        assert_eq!(shown(KpiKey::Sales, Some(488_000.0), "¥"), "¥488k");
        assert_eq!(shown(KpiKey::CollectionRate, Some(0.72727), ""), "72.7%");
        assert_eq!(percent(-0.0003), "0.0%");
        assert_eq!(percent(-0.25), "-25.0%");
        assert_eq!(shown(KpiKey::ExpenseRate, Some(f64::INFINITY), ""), "∞");
        assert_eq!(shown(KpiKey::Attitude, Some(4.0), ""), "4/5");
        assert_eq!(shown(KpiKey::Visits, None, ""), "");
    }

    #[test]
    fn json_uses_units_and_fractions() {
        assert_eq!(json(KpiKey::Sales, Some(1234.5)), serde_json::json!(1234.5));
        assert_eq!(
            json(KpiKey::CollectionRate, Some(0.727272)),
            serde_json::json!(0.7273)
        );
        assert_eq!(
            json(KpiKey::ExpenseRate, Some(f64::INFINITY)),
            serde_json::Value::Null
        );
        assert_eq!(json(KpiKey::Visits, None), serde_json::Value::Null);
        assert_eq!(json(KpiKey::Visits, Some(3.0)).to_string(), "3");
    }
}
