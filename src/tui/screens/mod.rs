//! One file a tab.

pub mod customers;
pub mod placeholder;
pub mod visits;

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Paragraph, Row, Table, TableState};

use crate::t;
use crate::tui::app::App;
use crate::tui::view::{fit, spread};
use crate::tui::window::Window;

/// What a tab's table is made of: its columns (header key, width) and the message when
/// nothing is there.
pub struct TableSpec<'a> {
    pub columns: &'a [(&'static str, Constraint)],
    pub empty: &'static str,
}

/// Draws a windowed table in `area`: header, the fetched rows, and an info line with the
/// filter and the position. `cells` makes one row's cells.
pub fn draw_table<T>(
    app: &App,
    frame: &mut Frame,
    area: Rect,
    window: &Window<T>,
    spec: TableSpec,
    cells: impl Fn(&T) -> Row<'static>,
) {
    let TableSpec { columns, empty } = spec;
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
    let rows: Vec<Row> = window.rows.iter().map(&cells).collect();
    let table = Table::new(rows, widths)
        .header(header)
        .column_spacing(1)
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
    let left = if app.filtering {
        format!(" {}{f}▏", t!("tui.filter_prompt"))
    } else if !f.is_empty() {
        format!(" {}", t!("status.filter", text = f))
    } else {
        String::new()
    };
    let line = spread(
        Span::raw(left),
        Span::styled(right, app.theme.dim),
        info_area.width,
    );
    frame.render_widget(Paragraph::new(line), info_area);
}

pub fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(T::to_string).unwrap_or_default()
}
