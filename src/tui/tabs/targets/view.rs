//! The Targets grid: a row per scope, a column per quarter or month; each cell the actual,
//! the target and the completion with a mark: ✓ met or ✗ missed for a period that is over,
//! the pace (▲ = ▼) for one running (coloured, and a distinct symbol so it reads without
//! colour). The selected cell is spelled out in full under the grid; `c` draws the row's
//! year as a burn-up chart below it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::domain::Period;
use crate::domain::pace::{Pace, Standing, completion};
use crate::store::targets::TargetScope;
use crate::t;
use crate::tui::ctx::Look;
use crate::tui::tabs::targets::chart;
use crate::tui::tabs::targets::state::{TargetsTab, compact, full};
use crate::tui::widgets::layout::{centred, fit};

/// The scope column's width; the rest is shared by the period columns.
const SCOPE_WIDTH: usize = 12;

fn pace_style(look: &Look, standing: Standing) -> Style {
    if *look.theme == crate::tui::theme::Theme::mono() {
        return Style::new();
    }
    match standing {
        Standing::Running(Pace::Ahead) | Standing::Achieved => Style::new().fg(Color::Green),
        Standing::Running(Pace::OnTrack) => Style::new().fg(Color::Yellow),
        Standing::Running(Pace::Behind) | Standing::Missed => Style::new().fg(Color::Red),
    }
}

fn column_label(p: Period) -> String {
    match p {
        Period::Quarter(_, q) => format!("Q{q}"),
        Period::Month(_, m) => format!("{m:02}"),
        Period::Year(y) => y.to_string(),
    }
}

pub fn draw(v: &TargetsTab, look: &Look, frame: &mut Frame, area: Rect) {
    // The burn-up chart takes the bottom of the tab when asked for and there is room for
    // the grid above it too; on a small terminal it takes the whole tab.
    if let Some((row, _)) = v.selected().filter(|_| v.chart)
        && area.height < chart::HEIGHT + 6
    {
        return chart::draw(look, row, v.metric, v.year, frame, area);
    }
    let area = match v.selected() {
        Some((row, _)) if v.chart && area.height >= chart::HEIGHT + 6 => {
            let grid = Rect {
                height: area.height - chart::HEIGHT,
                ..area
            };
            let below = Rect {
                y: grid.bottom(),
                height: chart::HEIGHT,
                ..area
            };
            chart::draw(look, row, v.metric, v.year, frame, below);
            grid
        }
        _ => area,
    };
    let w = area.width as usize;
    let periods = v.periods();
    let cell_w = (w.saturating_sub(SCOPE_WIDTH) / periods.len().max(1)).max(4);
    let today = look.today;
    let mode = if v.by_month {
        t!("tui.months")
    } else {
        t!("tui.quarters")
    };
    let mut title = format!(
        "{} · {} · {} · {}",
        t!(v.metric.label_key()),
        v.year,
        mode,
        t!("tui.actual_over_target")
    );
    if v.pending.is_some() {
        title = format!("{title} · {}", t!("tui.loading"));
    }
    let mut lines = vec![Line::from(Span::styled(fit(&title, w), look.theme.header))];
    // Padded by display width: 范围 is two characters but four columns.
    let scope_head = fit(t!("col.scope"), SCOPE_WIDTH - 1);
    let mut head = format!(
        "{scope_head}{}",
        " ".repeat(SCOPE_WIDTH - scope_head.width())
    );
    for p in &periods {
        head.push_str(&format!("{:>cell_w$}", column_label(*p)));
    }
    lines.push(Line::from(Span::styled(fit(&head, w), look.theme.header)));
    // Rows scroll to keep the cursor in view: the room is what is left above the last line.
    let room = (area.height as usize).saturating_sub(3).max(1);
    let first = v.row.saturating_sub(room.saturating_sub(1));
    for (i, row) in v.rows.iter().enumerate().skip(first).take(room) {
        let name = match &row.scope {
            TargetScope::Team(_) => row.label.clone(),
            TargetScope::Rep { .. } => format!("  {}", row.label),
        };
        let pad = SCOPE_WIDTH.saturating_sub(fit(&name, SCOPE_WIDTH - 1).width());
        let mut spans = vec![Span::styled(
            format!("{}{}", fit(&name, SCOPE_WIDTH - 1), " ".repeat(pad)),
            look.theme.header,
        )];
        for (j, (cell, p)) in row.cells.iter().zip(&periods).enumerate() {
            // Wide cells say actual/target and the completion; narrow ones (months at 80
            // columns) only the completion; the line under the grid spells out the selected one.
            let wide = cell_w >= 16;
            let (text, pace) = match cell
                .target
                .and_then(|t| completion(cell.actual, t).map(|c| (t, c)))
            {
                Some((target, c)) => {
                    // A period that is over was met or missed; one running has a pace; one
                    // to come has no mark yet.
                    let pace = (today >= p.first_day())
                        .then(|| Standing::of(c, p.elapsed_share(today), today > p.last_day()));
                    // The fullest that fits whole: actual/target and completion, else the
                    // actual and completion (the target is on the line below), else the
                    // completion alone; a cut number would read as another.
                    let (actual, goal) = (
                        compact(v.metric, cell.actual, ""),
                        compact(v.metric, target, ""),
                    );
                    let pct = format!("{:.0}%", c * 100.0);
                    let room = cell_w.saturating_sub(2);
                    let text = [
                        format!("{actual}/{goal} {pct}"),
                        format!("{actual} {pct}"),
                        pct.clone(),
                    ]
                    .into_iter()
                    .find(|t| wide && t.width() <= room)
                    .unwrap_or_else(|| format!("{:.0}", c * 100.0));
                    (text, pace)
                }
                None if wide => (compact(v.metric, cell.actual, ""), None),
                None => (t!("tui.none").to_string(), None),
            };
            let text = fit(&text, cell_w.saturating_sub(2));
            let selected = i == v.row && j == v.col;
            let base = if selected {
                look.theme.selected
            } else {
                Style::new()
            };
            let pad = cell_w.saturating_sub(text.width() + 1);
            spans.push(Span::styled(format!("{}{text}", " ".repeat(pad)), base));
            let mark = pace.map_or(' ', Standing::letter).to_string();
            spans.push(Span::styled(
                mark,
                pace.map_or(base, |p| pace_style(look, p).patch(base)),
            ));
        }
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), area);
    if area.height >= 2 {
        let line = Rect {
            y: area.bottom() - 1,
            height: 1,
            ..area
        };
        let text = v.cell_line(look.today, look.currency).unwrap_or_default();
        frame.render_widget(Paragraph::new(fit(&text, w)).style(look.theme.dim), line);
    }
    if let Some(history) = &v.history {
        draw_history(look, v, history, frame, area);
    }
}

fn draw_history(
    look: &Look,
    v: &TargetsTab,
    history: &[crate::store::targets::TargetChange],
    frame: &mut Frame,
    area: Rect,
) {
    let m = v.metric;
    let sign = look.currency;
    let mut lines: Vec<Line> = history
        .iter()
        .map(|c| {
            let old = c
                .old
                .map(|o| full(m, o, sign))
                .unwrap_or_else(|| t!("tui.none").to_string());
            let reason = c.reason.clone().unwrap_or_default();
            Line::from(format!(
                " {} {}  {old} → {}  {reason}",
                &c.at[..10.min(c.at.len())],
                c.by,
                full(m, c.new, sign)
            ))
        })
        .collect();
    if lines.is_empty() {
        lines.push(Line::from(Span::styled(
            format!(" {}", t!("tui.none")),
            look.theme.dim,
        )));
    }
    let width = lines.iter().map(Line::width).max().unwrap_or(20).max(30) as u16 + 3;
    let r = centred(frame, area, width, lines.len() as u16 + 2);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(t!("tui.change_log"))
        .style(look.theme.dialog);
    frame.render_widget(Paragraph::new(lines).block(block), r);
}
