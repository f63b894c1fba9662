//! One file a tab.

pub mod customer_detail;
pub mod customers;
pub mod deals;
pub mod scorecards;
pub mod targets;
pub mod visits;

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState};

use crate::t;
use crate::tui::app::App;
use crate::tui::view::{fit, spread};
use crate::tui::window::Window;

/// What a tab's table is made of: its columns (header key, width) and the message when
/// nothing is there.
pub struct TableSpec<'a> {
    pub columns: &'a [(&'static str, Constraint)],
    pub empty: &'static str,
    /// Said after the filter on the info line (the quick filter, the sort).
    pub note: Option<String>,
}

/// Draws a windowed table in `area`: header, the fetched rows, and an info line with the
/// filter and the position. `cells` makes one row's cells, one span each.
pub fn draw_table<T>(
    app: &App,
    frame: &mut Frame,
    area: Rect,
    window: &Window<T>,
    spec: TableSpec,
    cells: impl Fn(&T) -> Vec<Span<'static>>,
) {
    let TableSpec {
        columns,
        empty,
        note,
    } = spec;
    if area.height < 2 {
        return;
    }
    let table_area = Rect {
        height: area.height - 1,
        ..area
    };
    let info_area = Rect {
        y: area.bottom() - 1,
        height: 1,
        ..area
    };
    let header = Row::new(columns.iter().map(|(key, _)| t!(*key))).style(app.theme.header);
    let widths: Vec<Constraint> = columns.iter().map(|(_, w)| *w).collect();
    let room = column_widths(&widths, area.width);
    // Cut here, with `…`, rather than by the table, which cuts silently: a company name that
    // lost its end (有限公司 / 股份公司) must not pass for a whole one.
    let rows: Vec<Row> = window
        .rows
        .iter()
        .map(|r| {
            Row::new(cells(r).into_iter().zip(&room).map(|(span, w)| {
                Cell::from(Span::styled(fit(&span.content, *w as usize), span.style))
            }))
        })
        .collect();
    let table = Table::new(rows, widths)
        .header(header)
        .column_spacing(1)
        .flex(Flex::Start)
        .row_highlight_style(app.theme.selected);
    let mut state = TableState::default().with_selected(window.selected.checked_sub(window.offset));
    frame.render_stateful_widget(table, table_area, &mut state);
    if window.total == 0 && table_area.height > 1 {
        let msg = Rect {
            y: table_area.y + 1,
            height: 1,
            ..table_area
        };
        frame.render_widget(
            Paragraph::new(fit(t!(empty), msg.width as usize)).style(app.theme.dim),
            msg,
        );
    }
    let position = if window.total == 0 {
        0
    } else {
        window.selected + 1
    };
    let total = format!("{}{}", window.total, if window.exact { "" } else { "+" });
    let right = format!("{} ", t!("status.rows", shown = position, total = total));
    let f = &window.filter;
    let mut left = if app.filtering {
        format!(" {}{f}▏", t!("tui.filter_prompt"))
    } else if !f.is_empty() {
        format!(" {}", t!("status.filter", text = f))
    } else {
        String::new()
    };
    if let Some(note) = note {
        let sep = if left.is_empty() { " " } else { " · " };
        left.push_str(&format!("{sep}{note}"));
    }
    let line = spread(
        Span::raw(left),
        Span::styled(right, app.theme.dim),
        info_area.width,
    );
    frame.render_widget(Paragraph::new(line), info_area);
}

/// The columns' widths as the table lays them out (no highlight symbol, so no selection
/// column; one space between columns; `Flex::Start`, set on the table too).
fn column_widths(widths: &[Constraint], width: u16) -> Vec<u16> {
    Layout::horizontal(widths.iter().copied())
        .flex(Flex::Start)
        .spacing(1)
        .split(Rect::new(0, 0, width, 1))
        .iter()
        .map(|r| r.width)
        .collect()
}

pub fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(T::to_string).unwrap_or_default()
}
