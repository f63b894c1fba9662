//! The report as one CSV table a spreadsheet can filter: a `section` column says which part
//! of the report each row belongs to. UTF-8 with a BOM, so Excel reads Chinese correctly.
//! Headers and values are in the reader's language (目标进度, 销售额, 张伟); the numbers are
//! exact, in currency units and fractions.

use crate::domain::text::{neutralise_cell, printable};
use crate::report::data::Report;
use crate::report::values::{json, points};
use crate::report::why_not;
use crate::t;

/// A cell of stored text (a scope, a login, a comment): no control characters, and no
/// formula the spreadsheet would run. Numbers are written by us and left as they are.
fn text(s: &str) -> String {
    neutralise_cell(&printable(s)).into_owned()
}

fn number(v: serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => String::new(),
        v => v.to_string(),
    }
}

pub fn render(r: &Report) -> anyhow::Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::from("\u{feff}".as_bytes()));
    w.write_record(
        [
            "report.section",
            "report.subject",
            "report.item",
            "col.actual",
            "tui.goal",
            "report.ratio",
            "tui.score",
            "report.weight",
            "report.note",
        ]
        .map(|k| t!(k)),
    )?;
    let fraction = |v: Option<f64>| v.map(|v| format!("{:.4}", v)).unwrap_or_default();
    for s in &r.targets {
        let money = |v: i64| {
            if s.metric.is_money() {
                format!("{:.2}", v as f64 / 100.0)
            } else {
                v.to_string()
            }
        };
        w.write_record([
            t!("report.targets").to_string(),
            text(&s.scope_name),
            t!(s.metric.label_key()).to_string(),
            money(s.actual),
            money(s.value),
            fraction(s.completion),
            String::new(),
            String::new(),
            s.standing
                .map(|p| t!(p.label_key()).to_string())
                .unwrap_or_default(),
        ])?;
    }
    for c in &r.cards {
        for k in &c.score.rows {
            w.write_record([
                t!("report.scorecards").to_string(),
                text(&r.person(&c.rep.login)),
                t!(k.key.label_key()).to_string(),
                number(json(k.key, k.actual)),
                number(json(k.key, k.goal)),
                fraction(k.achievement),
                points(k.score),
                format!("{}", k.weight),
                why_not(k),
            ])?;
        }
        let rating = c.rating.as_ref();
        let note = [
            rating.and_then(|r| r.comment.clone()),
            rating.and_then(|r| r.response.clone()),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" | ");
        // Nothing scored yet: no total, grade or rank, as the other formats show "—".
        let scored = |s: String| if c.nothing_scored { String::new() } else { s };
        w.write_record([
            t!("col.total").to_string(),
            text(&r.person(&c.rep.login)),
            // The grade as the other formats give it (the pace's while the period runs).
            scored(crate::messages::card_grade(c)),
            scored(format!("{:.2}", c.score.total)),
            String::new(),
            String::new(),
            // "rank 2 of 2" in words: a bare 2/2 is a date to a spreadsheet.
            scored(crate::messages::card_rank(c)),
            String::new(),
            text(&note),
        ])?;
    }
    for s in &r.funnel {
        w.write_record([
            t!("report.funnel").to_string(),
            t!(s.stage.label_key()).to_string(),
            String::new(),
            s.reached.to_string(),
            String::new(),
            fraction(s.conversion),
            String::new(),
            String::new(),
            String::new(),
        ])?;
    }
    let lost = t!(crate::domain::DealStage::Lost.label_key());
    let funnel = t!("report.funnel");
    let count = r.lost.to_string();
    w.write_record([funnel, lost, "", &count, "", "", "", "", ""])?;
    let why = t!("report.lost_reasons");
    for (reason, n) in r.lost_reason_rows() {
        let reason = text(&reason);
        w.write_record([why, &reason, "", &n.to_string(), "", "", "", "", ""])?;
    }
    for (key, n) in r.change_rows() {
        let section = t!("report.customers");
        w.write_record([section, t!(key), "", &n.to_string(), "", "", "", "", ""])?;
    }
    Ok(w.into_inner()?)
}
