//! The report as one HTML file that works offline: inline CSS and SVG charts drawn by
//! `report::svg`, no scripts and no links anywhere.

use std::fmt::Write as _;

use crate::i18n;
use crate::report::data::Report;
use crate::report::svg::{self, escape};
use crate::report::values::{percent, points, shown};
use crate::report::{goal_words, why_not};
use crate::t;

const STYLE: &str = "
body { font-family: system-ui, 'Noto Sans CJK SC', 'PingFang SC', sans-serif; margin: 2em auto; max-width: 1000px; color: #222; }
h1 { border-bottom: 2px solid #345; padding-bottom: .2em; }
h2 { margin-top: 1.6em; color: #345; }
table { border-collapse: collapse; margin: .6em 0; }
th, td { border: 1px solid #ccd; padding: .25em .6em; text-align: left; }
th { background: #eef1f5; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.na td { color: #888; }
.card { border: 1px solid #ccd; border-radius: 6px; padding: .4em 1em; margin: 1em 0; }
.grade { font-weight: bold; }
.note { color: #555; font-size: .9em; }
svg.chart { display: block; margin: .8em 0; font-size: 12px; }
svg text { fill: #333; }
svg text.on { fill: #fff; }
svg rect.good { fill: #3a8a4f; } svg rect.fair { fill: #d19a2a; } svg rect.poor { fill: #c0483f; }
svg rect.stage { fill: #4a6fa5; }
svg line.mark { stroke: #333; stroke-dasharray: 4 3; } svg line.grid { stroke: #ddd; }
svg polyline { fill: none; stroke-width: 2; }
.s0 { stroke: #4a6fa5; fill: #4a6fa5; } .s1 { stroke: #c0483f; fill: #c0483f; }
.s2 { stroke: #3a8a4f; fill: #3a8a4f; } .s3 { stroke: #d19a2a; fill: #d19a2a; }
.s4 { stroke: #7a4fa5; fill: #7a4fa5; } .s5 { stroke: #2a9d9d; fill: #2a9d9d; }
.s6 { stroke: #a55f4a; fill: #a55f4a; } .s7 { stroke: #666; fill: #666; }
svg polyline.s0, svg polyline.s1, svg polyline.s2, svg polyline.s3, svg polyline.s4,
svg polyline.s5, svg polyline.s6, svg polyline.s7 { fill: none; }
";

fn table(out: &mut String, heads: &[&str], rows: &[(Vec<(String, bool)>, bool)]) {
    out.push_str("<table><tr>");
    for h in heads {
        let _ = write!(out, "<th>{}</th>", escape(t!(h)));
    }
    out.push_str("</tr>");
    for (cells, dim) in rows {
        out.push_str(if *dim { "<tr class=\"na\">" } else { "<tr>" });
        for (c, numeric) in cells {
            let class = if *numeric { " class=\"n\"" } else { "" };
            let _ = write!(out, "<td{class}>{}</td>", escape(c));
        }
        out.push_str("</tr>");
    }
    out.push_str("</table>");
}

pub fn render(r: &Report) -> String {
    let lang = match i18n::lang() {
        i18n::Lang::Zh => "zh-CN",
        i18n::Lang::En => "en",
    };
    let title = t!("report.title", period = r.period);
    let mut o = String::new();
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{t}</title><style>{STYLE}</style></head><body>\n<h1>{t}</h1><p class=\"note\">{g}</p>\n",
        t = escape(&title),
        g = escape(&t!("report.generated", date = r.today)),
    );

    // Target progress: a table and its bars.
    let _ = write!(o, "<h2>{}</h2>", escape(t!("report.targets")));
    let rows: Vec<_> = r
        .targets
        .iter()
        .map(|s| {
            (
                vec![
                    (s.scope_name.clone(), false),
                    (t!(s.metric.label_key()).to_string(), false),
                    (r.metric_value(s.metric, s.actual), true),
                    (r.metric_value(s.metric, s.value), true),
                    (s.completion.map(percent).unwrap_or_default(), true),
                    (
                        s.standing
                            .map(|p| t!(p.label_key()).to_string())
                            .unwrap_or_default(),
                        false,
                    ),
                ],
                false,
            )
        })
        .collect();
    table(
        &mut o,
        &[
            "col.scope",
            "col.metric",
            "col.actual",
            "col.target",
            "col.completion",
            "col.pace",
        ],
        &rows,
    );
    let bars: Vec<_> = r
        .targets
        .iter()
        .map(|s| {
            (
                format!("{} · {}", s.scope_name, t!(s.metric.label_key())),
                s.completion,
                s.completion.map(percent).unwrap_or_default(),
            )
        })
        .collect();
    if !bars.is_empty() {
        o.push_str(&svg::completion_bars(t!("report.targets"), &bars));
    }

    // Scorecards: the trends of everyone, then each card explained.
    let _ = write!(o, "<h2>{}</h2>", escape(t!("report.scorecards")));
    if let Some(first) = r.cards.first() {
        let periods: Vec<String> = first.trend.iter().map(|(p, _)| p.to_string()).collect();
        let series: Vec<_> = r
            .cards
            .iter()
            .map(|c| {
                (
                    r.person(&c.rep.login),
                    c.trend.iter().map(|(_, v)| *v).collect(),
                )
            })
            .collect();
        o.push_str(&svg::trends(t!("report.trends"), &periods, &series));
    }
    for c in &r.cards {
        let star = if c.over_achiever { " ★" } else { "" };
        let _ = write!(
            o,
            "<div class=\"card\"><h3>{} ({}) — <span class=\"grade\">{} · {}</span> · {}{star}</h3>",
            escape(&r.person(&c.rep.login)),
            escape(&c.rep.team),
            crate::messages::card_total(c),
            escape(&crate::messages::card_grade(c)),
            escape(&t!("report.rank", rank = c.rank, size = c.team_size)),
        );
        let rows: Vec<_> = c
            .score
            .rows
            .iter()
            .map(|k| {
                let (goal, achieved, score) = match k.score {
                    Some(s) => (
                        goal_words(k, &r.currency),
                        k.achievement.map(percent).unwrap_or_default(),
                        points(Some(s)),
                    ),
                    None => (why_not(k), String::new(), String::new()),
                };
                (
                    vec![
                        (t!(k.key.label_key()).to_string(), false),
                        (shown(k.key, k.actual, &r.currency), true),
                        (goal, false),
                        (achieved, true),
                        (format!("{}", k.weight), true),
                        (score, true),
                    ],
                    k.score.is_none(),
                )
            })
            .collect();
        table(
            &mut o,
            &[
                "field.kpi",
                "col.actual",
                "tui.goal",
                "tui.achievement",
                "report.weight",
                "tui.score",
            ],
            &rows,
        );
        match &c.rating {
            Some(rt) => {
                let _ = write!(
                    o,
                    "<p><b>{}</b>: {}</p><p><b>{}</b>: {}</p>",
                    escape(t!("tui.comment")),
                    escape(rt.comment.as_deref().unwrap_or("")),
                    escape(t!("tui.response")),
                    escape(rt.response.as_deref().unwrap_or("")),
                );
            }
            None => {
                let _ = write!(o, "<p class=\"note\">{}</p>", escape(t!("tui.not_rated")));
            }
        }
        o.push_str("</div>\n");
    }

    // The funnel.
    let _ = write!(
        o,
        "<h2>{}</h2><p class=\"note\">{}</p>",
        escape(t!("report.funnel")),
        escape(t!("report.funnel_note"))
    );
    let steps: Vec<_> = r
        .funnel
        .iter()
        .map(|s| {
            (
                t!(s.stage.label_key()).to_string(),
                s.reached,
                s.conversion.map(percent).unwrap_or_default(),
            )
        })
        .collect();
    o.push_str(&svg::funnel(t!("report.funnel"), &steps));
    let _ = write!(
        o,
        "<p>{}</p>",
        escape(&t!("report.lost_deals", count = r.lost))
    );

    // The archive.
    let _ = write!(o, "<h2>{}</h2>", escape(t!("report.customers")));
    let rows: Vec<_> = r
        .change_rows()
        .iter()
        .map(|(k, n)| {
            (
                vec![(t!(k).to_string(), false), (n.to_string(), true)],
                false,
            )
        })
        .collect();
    table(&mut o, &["report.change", "report.count"], &rows);
    o.push_str("</body></html>\n");
    o
}
