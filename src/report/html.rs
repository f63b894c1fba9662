//! The report as one HTML file that works offline: inline CSS and SVG charts drawn by
//! `report::svg`, no scripts and no links anywhere.

use std::fmt::Write as _;

use crate::domain::pace::Standing;
use crate::i18n;
use crate::report::data::Report;
use crate::report::summary;
use crate::report::svg::{self, escape};
use crate::report::values::{percent, points, shown};
use crate::report::{goal_words, why_not};
use crate::store::targets::TargetStatus;
use crate::t;

const STYLE: &str = "
body { font-family: system-ui, 'Noto Sans CJK SC', 'PingFang SC', sans-serif; margin: 2em auto; max-width: 1000px; color: #222; }
h1 { border-bottom: 2px solid #345; padding-bottom: .2em; }
h2 { margin-top: 1.6em; color: #345; }
h3 { margin: 1em 0 .3em; } h4 { margin: .4em 0 0; }
table { border-collapse: collapse; margin: .6em 0; }
th, td { border: 1px solid #ccd; padding: .25em .6em; text-align: left; }
th { background: #eef1f5; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.na td { color: #888; }
.card { border: 1px solid #ccd; border-radius: 6px; padding: .4em 1em; margin: 1em 0; }
.grade { font-weight: bold; }
.note { color: #555; font-size: .9em; }
.teams { display: flex; flex-wrap: wrap; gap: 0 2em; }
.cols { display: flex; flex-wrap: wrap; gap: 0 2.5em; } .cols > div { flex: 1 1 360px; }
ul.behind li { margin: .2em 0; }
table.matrix thead th { white-space: nowrap; }
table.matrix tbody th { max-width: 12em; overflow-wrap: anywhere; }
.cols td:nth-child(2), .cols td:nth-child(3) { max-width: 12em; overflow-wrap: anywhere; }
.cols td:nth-child(5), .cols td.n { white-space: nowrap; }
table.matrix tr.team th { background: #dde3ec; }
table.matrix tr.rep th { font-weight: normal; padding-left: 1.8em; background: #f6f7f9; }
table.matrix td { min-width: 7.5em; vertical-align: top; }
table.matrix td.none { color: #999; text-align: center; }
.cell { position: relative; height: 1.35em; background: #f0f0f0; border: 1px solid #ccc; }
.cell .fill { position: absolute; left: 0; top: 0; bottom: 0; }
.cell .pct { position: relative; padding: 0 .3em; font-variant-numeric: tabular-nums; }
.fill.good { background: #9fd3ad; } .fill.fair { background: #f1d48f; } .fill.poor { background: #eeaaa5; }
table.matrix small { color: #555; white-space: nowrap; }
svg.chart { display: block; margin: .8em 0; font-size: 12px; }
svg text { fill: #333; }
svg text.count { fill: #fff; font-weight: bold; }
svg rect.good { fill: #3a8a4f; } svg rect.fair { fill: #d19a2a; } svg rect.poor { fill: #c0483f; }
svg polygon.stage { fill: #4a6fa5; }
svg rect.lane { fill: #f4f5f7; }
svg line.mark { stroke: #333; stroke-dasharray: 4 3; } svg line.grid { stroke: #ddd; }
svg polyline { fill: none; stroke-width: 2; }
.s0 { stroke: #4a6fa5; fill: #4a6fa5; }
svg polyline.s0 { fill: none; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  section { break-before: page; } section.summary { break-before: auto; }
  h2, h3, h4 { break-after: avoid; }
  svg, .card, tr, li { break-inside: avoid; }
  thead { display: table-header-group; }
  .cell, .fill { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
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
        "<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"/><title>{t}</title><style>{STYLE}</style></head><body>\n<h1>{t}</h1><p class=\"note\">{g}</p>\n",
        t = escape(&title),
        g = escape(&t!("report.generated", date = r.today)),
    );
    summary(r, &mut o);
    matrix(r, &mut o);

    // Scorecards: everyone's trend on one scale, then each card explained.
    let _ = write!(o, "<section><h2>{}</h2>", escape(t!("report.scorecards")));
    let ranked = summary::ranking(r);
    if let Some(first) = ranked.first() {
        let periods = (
            first
                .trend
                .first()
                .map(|(p, _)| p.to_string())
                .unwrap_or_default(),
            first
                .trend
                .last()
                .map(|(p, _)| p.to_string())
                .unwrap_or_default(),
        );
        let rows: Vec<_> = ranked
            .iter()
            .map(|c| {
                (
                    r.person(&c.rep.login),
                    c.trend.iter().map(|(_, v)| *v).collect(),
                    format!(
                        "{} · {}",
                        crate::messages::card_total(c),
                        crate::messages::card_grade(c)
                    ),
                )
            })
            .collect();
        let _ = write!(o, "<h3>{}</h3>", escape(t!("report.trends")));
        o.push_str(&svg::small_multiples(
            t!("report.trends"),
            (&periods.0, &periods.1),
            &rows,
        ));
    }
    for c in &ranked {
        let star = if c.over_achiever { " ★" } else { "" };
        let _ = write!(
            o,
            "<div class=\"card\"><h3>{} ({}) — <span class=\"grade\">{} · {}</span> · {}{star}</h3>",
            escape(&r.person(&c.rep.login)),
            escape(&c.rep.team),
            crate::messages::card_total(c),
            escape(&crate::messages::card_grade(c)),
            escape(&crate::messages::card_rank(c)),
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

    o.push_str("</section>\n");

    // The funnel, and why deals were lost.
    let _ = write!(
        o,
        "<section><h2>{}</h2><p class=\"note\">{}</p>",
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
    if !r.lost_reasons.is_empty() {
        let _ = write!(o, "<h3>{}</h3>", escape(t!("report.lost_reasons")));
        let rows: Vec<_> = r
            .lost_reason_rows()
            .into_iter()
            .map(|(reason, n)| (vec![(reason, false), (n.to_string(), true)], false))
            .collect();
        table(&mut o, &["report.reason", "report.count"], &rows);
    }
    o.push_str("</section>\n");

    // The archive.
    let _ = write!(o, "<section><h2>{}</h2>", escape(t!("report.customers")));
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
    o.push_str("</section></body></html>\n");
    o
}

/// A completion with its mark (✓ ✗ ▲ = ▼), which reads without colour.
fn completion_words(completion: Option<f64>, standing: Option<Standing>) -> String {
    match (completion, standing) {
        (Some(c), Some(st)) => format!("{} {}", percent(c), st.letter()),
        _ => t!("tui.none").to_string(),
    }
}

/// The first screen: each team's completion of every metric, the ranking, who is behind
/// and why, and what changed most since the period before.
fn summary(r: &Report, o: &mut String) {
    let _ = write!(
        o,
        "<section class=\"summary\"><h2>{}</h2><h3>{}</h3><div class=\"teams\">",
        escape(t!("report.summary")),
        escape(t!("report.team_completion"))
    );
    let all: Vec<_> = summary::all_teams(r)
        .into_iter()
        .map(|s| {
            let words = completion_words(s.completion, s.standing);
            (t!(s.metric.label_key()).to_string(), s.completion, words)
        })
        .collect();
    if !all.is_empty() {
        let name = t!("report.all_teams");
        let _ = write!(o, "<div><h4>{}</h4>", escape(name));
        o.push_str(&svg::completion_bars(name, &all));
        o.push_str("</div>");
    }
    for team in summary::teams(r) {
        // The metrics in one order for every team, the company's too.
        let items: Vec<_> = summary::metrics(r)
            .into_iter()
            .filter_map(|m| {
                r.targets
                    .iter()
                    .find(|s| !s.rep && s.scope == team && s.metric == m)
            })
            .map(|s| {
                (
                    t!(s.metric.label_key()).to_string(),
                    s.completion,
                    completion_words(s.completion, s.standing),
                )
            })
            .collect();
        if items.is_empty() {
            continue;
        }
        let _ = write!(o, "<div><h4>{}</h4>", escape(&team));
        o.push_str(&svg::completion_bars(&team, &items));
        o.push_str("</div>");
    }
    o.push_str("</div>");
    legend(r, o);
    o.push_str("<div class=\"cols\"><div>");
    let _ = write!(o, "<h3>{}</h3>", escape(t!("report.ranking")));
    let rows: Vec<_> = summary::ranking(r)
        .iter()
        .map(|c| {
            (
                vec![
                    (summary::team_rank(c), true),
                    (r.person(&c.rep.login), false),
                    (c.rep.team.clone(), false),
                    (crate::messages::card_total(c), true),
                    (crate::messages::card_grade(c), false),
                ],
                c.nothing_scored,
            )
        })
        .collect();
    table(
        o,
        &["col.rank", "col.name", "col.team", "col.total", "col.grade"],
        &rows,
    );
    o.push_str("</div><div>");
    let _ = write!(o, "<h3>{}</h3>", escape(t!("report.needs_attention")));
    let behind = summary::behind(r);
    if behind.is_empty() {
        let _ = write!(o, "<p>{}</p>", escape(t!("report.nobody_behind")));
    } else {
        o.push_str("<ul class=\"behind\">");
        for b in &behind {
            let _ = write!(
                o,
                "<li><b>{}</b> — {}</li>",
                escape(&r.person(&b.login)),
                escape(&b.why)
            );
        }
        o.push_str("</ul>");
    }
    let previous = r.period.previous();
    let _ = write!(
        o,
        "<h3>{}</h3>",
        escape(&t!("report.biggest_changes", period = previous))
    );
    let (teams, reps) = summary::changes(r);
    if teams.is_empty() && reps.is_empty() {
        let _ = write!(
            o,
            "<p>{}</p>",
            escape(&t!("report.no_changes", period = previous))
        );
    } else {
        o.push_str("<ul>");
        for c in teams.iter().chain(&reps) {
            let _ = write!(
                o,
                "<li><b>{}</b> — {}</li>",
                escape(&c.subject),
                escape(&c.words)
            );
        }
        o.push_str("</ul>");
    }
    o.push_str("</div></div></section>\n");
}

/// What the marks mean: achieved or missed once the period is over, the pace while it runs.
fn legend(r: &Report, o: &mut String) {
    let words = if r.finished {
        t!("report.legend_finished").to_string()
    } else {
        let elapsed = r.targets.first().map_or(0.0, |s| s.elapsed);
        t!("report.legend_running", elapsed = percent(elapsed))
    };
    let _ = write!(o, "<p class=\"note\">{}</p>", escape(&words));
}

/// Target progress as a matrix: each team with its reps nested under it as rows, the
/// metrics as columns; a cell is the completion with a bar in it and its mark, and the
/// actual/target under them.
fn matrix(r: &Report, o: &mut String) {
    let _ = write!(o, "<section><h2>{}</h2>", escape(t!("report.targets")));
    let metrics = summary::metrics(r);
    if metrics.is_empty() {
        let _ = writeln!(o, "<p>{}</p></section>", escape(t!("msg.no_rows")));
        return;
    }
    o.push_str("<table class=\"matrix\"><thead><tr>");
    let _ = write!(o, "<th>{}</th>", escape(t!("col.scope")));
    for m in &metrics {
        let _ = write!(o, "<th>{}</th>", escape(t!(m.label_key())));
    }
    o.push_str("</tr></thead><tbody>");
    let row = |o: &mut String, name: &str, class: &str, of: &dyn Fn(&TargetStatus) -> bool| {
        let _ = write!(o, "<tr class=\"{class}\"><th>{}</th>", escape(name));
        for m in &metrics {
            match r.targets.iter().find(|s| s.metric == *m && of(s)) {
                Some(s) => {
                    let width = s.completion.unwrap_or(0.0).clamp(0.0, 1.0) * 100.0;
                    let level = match s.completion {
                        Some(c) if c >= 1.0 => "good",
                        Some(c) if c >= 0.7 => "fair",
                        _ => "poor",
                    };
                    let _ = write!(
                        o,
                        "<td><div class=\"cell\"><span class=\"fill {level}\" style=\"width:{width:.0}%\"></span><span class=\"pct\">{}</span></div><small>{} / {}</small></td>",
                        escape(&completion_words(s.completion, s.standing)),
                        escape(&r.metric_value(s.metric, s.actual)),
                        escape(&r.metric_value(s.metric, s.value)),
                    );
                }
                None => o.push_str("<td class=\"none\">—</td>"),
            }
        }
        o.push_str("</tr>");
    };
    for team in summary::teams(r) {
        row(o, &team, "team", &|s| !s.rep && s.scope == team);
        let mut reps: Vec<&TargetStatus> = r
            .targets
            .iter()
            .filter(|s| s.rep && r.teams.get(&s.scope) == Some(&team))
            .collect();
        reps.sort_by_key(|s| r.person(&s.scope));
        reps.dedup_by_key(|s| s.scope.clone());
        for rep in reps {
            let login = rep.scope.clone();
            row(o, &r.person(&login), "rep", &|s| s.rep && s.scope == login);
        }
    }
    o.push_str("</tbody></table>");
    legend(r, o);
    o.push_str("</section>\n");
}
