//! The report as Markdown: headings and tables a person can read as plain text too.

use std::fmt::Write as _;

use crate::domain::text::{printable, printable_cell};
use crate::report::data::Report;
use crate::report::summary;
use crate::report::values::{percent, points, shown};
use crate::report::{goal_words, why_not};
use crate::t;

/// Stored text (a name, a comment, a reason) as Markdown shows it, not obeys it: a viewer
/// renders inline HTML and Markdown's own links and images, so `<script>` or
/// `![x](http://…)` in a rep's name must arrive as text, and a line break in a comment must
/// not start a heading of its own.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '!' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn row(out: &mut String, cells: &[String]) {
    let cells: Vec<String> = cells
        .iter()
        .map(|c| text(&printable_cell(c)).replace('|', "\\|"))
        .collect();
    let _ = writeln!(out, "| {} |", cells.join(" | "));
}

fn head(out: &mut String, keys: &[&str]) {
    row(
        out,
        &keys.iter().map(|k| t!(k).to_string()).collect::<Vec<_>>(),
    );
    let _ = writeln!(out, "|{}", " --- |".repeat(keys.len()));
}

/// What a manager reads first: the ranking, who needs attention and why, and the biggest
/// changes since the period before.
fn summary(r: &Report, out: &mut String) {
    let _ = writeln!(out, "## {}\n", t!("report.summary"));
    let _ = writeln!(out, "### {}\n", t!("report.ranking"));
    head(
        out,
        &["col.rank", "col.name", "col.team", "col.total", "col.grade"],
    );
    for c in summary::ranking(r) {
        row(
            out,
            &[
                summary::team_rank(c),
                r.person(&c.rep.login),
                c.rep.team.clone(),
                crate::messages::card_total(c),
                crate::messages::card_grade(c),
            ],
        );
    }
    let _ = writeln!(out, "\n### {}\n", t!("report.needs_attention"));
    let behind = summary::behind(r);
    if behind.is_empty() {
        let _ = writeln!(out, "{}", t!("report.nobody_behind"));
    }
    for b in &behind {
        let who = text(&r.person(&b.login));
        let _ = writeln!(out, "- **{who}** — {}", b.why);
    }
    let previous = r.period.previous();
    let _ = writeln!(
        out,
        "\n### {}\n",
        t!("report.biggest_changes", period = previous)
    );
    let (teams, reps) = summary::changes(r);
    if teams.is_empty() && reps.is_empty() {
        let _ = writeln!(out, "{}", t!("report.no_changes", period = previous));
    }
    for c in teams.iter().chain(&reps) {
        let who = text(&c.subject);
        let _ = writeln!(out, "- **{who}** — {}", c.words);
    }
    out.push('\n');
}

pub fn render(r: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", t!("report.title", period = r.period));
    let _ = writeln!(out, "{}\n", t!("report.generated", date = r.today));
    summary(r, &mut out);

    let _ = writeln!(out, "## {}\n", t!("report.targets"));
    if r.targets.is_empty() {
        let _ = writeln!(out, "{}\n", t!("msg.no_rows"));
    } else {
        head(
            &mut out,
            &[
                "col.scope",
                "col.metric",
                "col.actual",
                "col.target",
                "col.completion",
                "col.pace",
            ],
        );
        for s in &r.targets {
            row(
                &mut out,
                &[
                    s.scope_name.clone(),
                    t!(s.metric.label_key()).to_string(),
                    r.metric_value(s.metric, s.actual),
                    r.metric_value(s.metric, s.value),
                    s.completion.map(percent).unwrap_or_default(),
                    s.standing
                        .map(|p| t!(p.label_key()).to_string())
                        .unwrap_or_default(),
                ],
            );
        }
        out.push('\n');
    }

    let _ = writeln!(out, "## {}\n", t!("report.scorecards"));
    if r.cards.is_empty() {
        let _ = writeln!(out, "{}\n", t!("msg.no_rows"));
    }
    for c in &r.cards {
        let star = if c.over_achiever { " ★" } else { "" };
        let _ = writeln!(
            out,
            "### {} ({}) — {} · {} · {}{star}\n",
            text(&r.person(&c.rep.login)),
            text(&c.rep.team),
            crate::messages::card_total(c),
            crate::messages::card_grade(c),
            crate::messages::card_rank(c),
        );
        head(
            &mut out,
            &[
                "field.kpi",
                "col.actual",
                "tui.goal",
                "tui.achievement",
                "report.weight",
                "tui.score",
            ],
        );
        for k in &c.score.rows {
            let (goal, achieved, score) = match k.score {
                Some(s) => (
                    goal_words(k, &r.currency),
                    k.achievement.map(percent).unwrap_or_default(),
                    points(Some(s)),
                ),
                None => (why_not(k), String::new(), String::new()),
            };
            row(
                &mut out,
                &[
                    t!(k.key.label_key()).to_string(),
                    shown(k.key, k.actual, &r.currency),
                    goal,
                    achieved,
                    format!("{}", k.weight),
                    score,
                ],
            );
        }
        out.push('\n');
        match &c.rating {
            Some(rt) => {
                let _ = writeln!(
                    out,
                    "- **{}**: {}",
                    t!("tui.comment"),
                    text(rt.comment.as_deref().unwrap_or_default())
                );
                let _ = writeln!(
                    out,
                    "- **{}**: {}\n",
                    t!("tui.response"),
                    text(rt.response.as_deref().unwrap_or_default())
                );
            }
            None => {
                let _ = writeln!(out, "- {}\n", t!("tui.not_rated"));
            }
        }
    }

    let _ = writeln!(out, "## {}\n", t!("report.funnel"));
    let _ = writeln!(out, "{}\n", t!("report.funnel_note"));
    head(
        &mut out,
        &["report.stage", "report.reached", "report.conversion"],
    );
    for s in &r.funnel {
        row(
            &mut out,
            &[
                t!(s.stage.label_key()).to_string(),
                s.reached.to_string(),
                s.conversion.map(percent).unwrap_or_default(),
            ],
        );
    }
    let _ = writeln!(out, "\n{}\n", t!("report.lost_deals", count = r.lost));
    if !r.lost_reasons.is_empty() {
        let _ = writeln!(out, "### {}\n", t!("report.lost_reasons"));
        head(&mut out, &["report.reason", "report.count"]);
        for (reason, n) in r.lost_reason_rows() {
            row(&mut out, &[reason, n.to_string()]);
        }
        out.push('\n');
    }

    let _ = writeln!(out, "## {}\n", t!("report.customers"));
    head(&mut out, &["report.change", "report.count"]);
    for (key, n) in r.change_rows() {
        row(&mut out, &[t!(key).to_string(), n.to_string()]);
    }
    // Names in headings and comments too: the report is read in a terminal as often as not.
    printable(&out).into_owned()
}
