//! The selected row's year as a burn-up chart (`c` on the Targets tab): the actual summed
//! month by month, filled (█), against the target line (•), so "are we on course for the
//! year" reads at a glance. The fill and the dots tell the two apart without colour.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Borders, Chart, Dataset, GraphType, Paragraph};

use crate::domain::Metric;
use crate::t;
use crate::tui::ctx::Look;
use crate::tui::tabs::targets::state::{GridRow, compact};

/// The rows the chart takes under the grid, its border included.
pub const HEIGHT: u16 = 11;

/// How many months of the year have begun by `today` (all twelve for a past year, none
/// for a year to come): the actual is drawn only that far.
fn months_begun(year: i32, today: chrono::NaiveDate) -> usize {
    use chrono::Datelike;
    match today.year().cmp(&year) {
        std::cmp::Ordering::Greater => 12,
        std::cmp::Ordering::Less => 0,
        std::cmp::Ordering::Equal => today.month() as usize,
    }
}

pub fn draw(look: &Look, row: &GridRow, metric: Metric, year: i32, frame: &mut Frame, area: Rect) {
    let cumulative = row.year.cumulative_actual();
    let shown = months_begun(year, look.today);
    // Month m's point is at x = m (its end). The fill starts where the actual does, so a
    // year with nothing yet draws no fill along the bottom as if there were something.
    let first = cumulative.iter().take(shown).position(|v| *v != 0);
    let actual: Vec<(f64, f64)> = match first {
        Some(f) => std::iter::once((f as f64, 0.0))
            .chain(
                cumulative
                    .iter()
                    .enumerate()
                    .take(shown)
                    .skip(f)
                    .map(|(i, v)| ((i + 1) as f64, *v as f64)),
            )
            .collect(),
        None => Vec::new(),
    };
    let target: Vec<(f64, f64)> = row
        .year
        .cumulative_target()
        .map(|t| {
            std::iter::once((0.0, 0.0))
                .chain(t.iter().enumerate().map(|(i, v)| ((i + 1) as f64, *v)))
                .collect()
        })
        .unwrap_or_default();
    let top = actual
        .iter()
        .chain(&target)
        .map(|(_, y)| *y)
        .fold(0.0, f64::max)
        * 1.05;
    let mut title = t!(
        "tui.chart_title",
        scope = row.label,
        metric = t!(metric.label_key()),
        year = year
    );
    if top <= 0.0 {
        // Nothing to draw: say so rather than an axis of ¥0 ¥0 ¥0.
        let lines = vec![
            Line::from(Span::styled(title, look.theme.header)),
            Line::from(Span::styled(t!("tui.chart_nothing"), look.theme.dim)),
        ];
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    let coloured = *look.theme != crate::tui::theme::Theme::mono();
    let colour = |c: Color| {
        if coloured {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    };
    let mut datasets = vec![
        Dataset::default()
            .marker(Marker::Block)
            .graph_type(GraphType::Area)
            .style(colour(Color::Cyan))
            .data(&actual),
    ];
    if !target.is_empty() {
        datasets.push(
            Dataset::default()
                .marker(Marker::Dot)
                .graph_type(GraphType::Line)
                .style(colour(Color::Yellow))
                .data(&target),
        );
    }
    let sign = look.currency;
    let y_labels = [0.0, top / 2.0, top]
        .iter()
        .map(|v| Span::raw(compact(metric, v.round() as i64, sign)))
        .collect::<Vec<_>>();
    // Quarters, each under its own stretch: ratatui centres the middle labels in equal
    // parts of the axis and puts the first and the last at its ends.
    let x_labels = ["Q1", "Q2", "Q3", "Q4"]
        .iter()
        .map(|s| Span::raw(*s))
        .collect::<Vec<_>>();
    // The key in the title, outside the plot: █ the actual, • the target.
    title = format!(
        "{title} · █ {} · • {}",
        t!("tui.chart_actual"),
        t!("tui.chart_target")
    );
    if target.is_empty() {
        title = format!("{title} · {}", t!("tui.chart_no_target"));
    }
    let chart = Chart::new(datasets)
        .block(
            Block::default()
                .borders(Borders::TOP)
                .title(Span::styled(title, look.theme.header)),
        )
        .x_axis(Axis::default().bounds([0.0, 12.0]).labels(x_labels))
        .y_axis(Axis::default().bounds([0.0, top]).labels(y_labels));
    frame.render_widget(chart, area);
}
