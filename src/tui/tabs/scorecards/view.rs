//! The Scorecards tab: a row per rep (rank, name, team, total, grade, ★, a trend of the last
//! periods, then as many KPI scores as fit), or one card explained row by row.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::report::values::{percent, points, shown};
use crate::report::{goal_words, why_not};
use crate::store::kpi::scorecards::Scorecard;
use crate::t;
use crate::tui::ctx::Look;
use crate::tui::tabs::scorecards::state::ScorecardsTab;
use crate::tui::widgets::layout::{bar, cell, fit};

/// The width of a KPI score's bar in the detail.
const SCORE_BAR: usize = 10;

const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// A total of 0–100 as one block character; a period without a card as a space.
pub fn sparkline(trend: &[(crate::domain::Period, Option<f64>)]) -> String {
    trend
        .iter()
        .map(|(_, t)| match t {
            Some(t) => BARS[((t.clamp(0.0, 100.0) / 100.0) * 7.0).round() as usize],
            None => ' ',
        })
        .collect()
}

pub fn draw(v: &ScorecardsTab, look: &Look, frame: &mut Frame, area: Rect) {
    let period = v.shown_period(look.today);
    let w = area.width as usize;
    let mut title = t!(
        "tui.scorecards_title",
        period = period,
        template = v.template
    );
    if v.loading {
        title = format!("{title} · {}", t!("tui.loading"));
    }
    let mut lines = vec![Line::from(Span::styled(fit(&title, w), look.theme.header))];
    if let Some(why) = &v.refused {
        lines.push(Line::from(Span::styled(fit(why, w), look.theme.dim)));
    } else if v.cards.is_empty() {
        let none = t!("tui.no_scorecards", period = period);
        lines.push(Line::from(Span::styled(fit(&none, w), look.theme.dim)));
    } else if v.detail {
        if let Some(card) = v.selected() {
            detail(look, card, w, &mut lines);
        }
    } else {
        list(v, look, w, area.height as usize, &mut lines);
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn list(v: &ScorecardsTab, look: &Look, w: usize, height: usize, lines: &mut Vec<Line<'static>>) {
    let mut fixed: Vec<(&str, usize, bool)> = vec![
        ("col.rank", 5, false),
        ("col.name", 10, false),
        ("col.team", 8, false),
        ("col.total", 7, true),
        ("col.grade", 10, false),
        ("col.over_achiever", 2, false),
        ("tui.trend", 7, false),
    ];
    // While the period runs, the total against the share of it gone, beside the total.
    let running = v.cards.iter().any(|c| c.in_progress);
    if running {
        fixed.insert(4, ("col.pace_total", 7, true));
    }
    let kpi_w = 9;
    let used: usize = fixed.iter().map(|(_, cw, _)| cw + 1).sum();
    // The KPI columns are those of a whole card: a rep's teammates are leaderboard lines
    // without rows (see `store::policy`), blank under them.
    let whole = v.cards.iter().find(|c| c.detail);
    let rows = whole.map_or(0, |c| c.score.rows.len());
    let kpis = (w.saturating_sub(used) / (kpi_w + 1)).min(rows);
    let mut head = String::new();
    for (key, cw, right) in &fixed {
        head.push_str(&cell(t!(*key), *cw, *right));
        head.push(' ');
    }
    if let Some(first) = whole {
        for r in first.score.rows.iter().take(kpis) {
            head.push_str(&cell(t!(r.key.label_key()), kpi_w, true));
            head.push(' ');
        }
    }
    lines.push(Line::from(Span::styled(fit(&head, w), look.theme.header)));
    let room = height.saturating_sub(2).max(1);
    let first = v.row.saturating_sub(room.saturating_sub(1));
    for (i, c) in v.cards.iter().enumerate().skip(first).take(room) {
        let mut text = String::new();
        let mut cells = vec![
            format!("{}/{}", c.rank, c.team_size),
            c.rep.name.clone(),
            c.rep.team.clone(),
            crate::messages::card_total(c),
            crate::messages::card_grade(c),
            if c.over_achiever { "★" } else { "" }.to_string(),
            sparkline(&c.trend),
        ];
        if running {
            cells.insert(4, crate::messages::card_pace(c));
        }
        for ((_, cw, right), s) in fixed.iter().zip(cells) {
            text.push_str(&cell(&s, *cw, *right));
            text.push(' ');
        }
        for r in c.score.rows.iter().take(kpis) {
            let s = match r.score {
                Some(s) => format!("{s:.1}"),
                None => t!("tui.not_applicable").to_string(),
            };
            text.push_str(&cell(&s, kpi_w, true));
            text.push(' ');
        }
        let style = if i == v.row {
            look.theme.selected
        } else {
            Style::new()
        };
        lines.push(Line::from(Span::styled(fit(text.trim_end(), w), style)));
    }
}

fn detail(look: &Look, c: &Scorecard, w: usize, lines: &mut Vec<Line<'static>>) {
    let head = format!("{} · {} · {}", c.rep.name, c.rep.login, c.rep.team);
    lines.push(Line::from(Span::styled(fit(&head, w), look.theme.header)));
    let (scores, weights) = c
        .score
        .rows
        .iter()
        .filter_map(|r| r.score.map(|s| (s, r.weight)))
        .fold((0.0, 0.0), |(a, b), (s, wt)| (a + s, b + wt));
    let total = t!(
        "tui.total_line",
        total = crate::messages::card_total(c),
        scores = format!("{scores:.2}"),
        weights = weights,
        grade = crate::messages::card_grade(c),
        rank = c.rank,
        size = c.team_size
    );
    lines.push(Line::from(fit(&total, w)));
    if let Some(pace) = c.pace_total {
        lines.push(Line::from(fit(
            &t!("tui.pace_line", pace = format!("{pace:.2}")),
            w,
        )));
    }
    if c.incomplete {
        lines.push(Line::from(Span::styled(
            fit(t!("tui.incomplete_line"), w),
            look.theme.overdue,
        )));
    }
    if c.over_achiever {
        lines.push(Line::from(fit(t!("tui.over_achiever"), w)));
    }
    // KPI, actual, goal (and where it came from), achieved, score; an n/a row says why
    // across the goal, achieved and score columns.
    let cols: [(&str, usize); 5] = [
        ("field.kpi", 14),
        ("col.actual", 11),
        ("tui.goal", 20),
        ("tui.achievement", 8),
        ("tui.score", SCORE_BAR),
    ];
    let mut h = String::new();
    for (key, cw) in cols {
        h.push_str(&cell(t!(key), cw, false));
        h.push(' ');
    }
    lines.push(Line::from(Span::styled(fit(&h, w), look.theme.dim)));
    for r in &c.score.rows {
        let mut line = format!(
            "{} {} ",
            cell(t!(r.key.label_key()), cols[0].1, false),
            cell(&shown(r.key, r.actual, look.currency), cols[1].1, false)
        );
        match r.score {
            Some(s) => {
                line.push_str(&cell(&goal_words(r, look.currency), cols[2].1, false));
                line.push(' ');
                let achieved = r.achievement.map(percent).unwrap_or_default();
                line.push_str(&cell(&achieved, cols[3].1, false));
                line.push(' ');
                // The score as a share of the row's weight: the rows compare at a glance.
                let share = if r.weight > 0.0 { s / r.weight } else { 0.0 };
                line.push_str(&bar(share, SCORE_BAR));
                line.push(' ');
                line.push_str(&t!(
                    "tui.score_line",
                    score = points(Some(s)),
                    weight = r.weight
                ));
            }
            None => line.push_str(&why_not(r)),
        }
        let style = if r.score.is_none() {
            look.theme.dim
        } else {
            Style::new()
        };
        lines.push(Line::from(Span::styled(fit(&line, w), style)));
    }
    // Gross profit counts only won deals with a cost: say how many were left out.
    if c.uncosted > 0 {
        lines.push(Line::from(Span::styled(
            fit(&t!("tui.uncosted", count = c.uncosted), w),
            look.theme.overdue,
        )));
    }
    lines.push(Line::from(""));
    match &c.rating {
        Some(r) => {
            let comment = r.comment.clone().unwrap_or_default();
            lines.push(Line::from(fit(
                &format!("{}: {comment}", t!("tui.comment")),
                w,
            )));
            let answer = r.response.clone().unwrap_or_default();
            lines.push(Line::from(fit(
                &format!("{}: {answer}", t!("tui.response")),
                w,
            )));
        }
        None => lines.push(Line::from(Span::styled(
            fit(t!("tui.not_rated"), w),
            look.theme.dim,
        ))),
    }
}
