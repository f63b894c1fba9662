//! The Customers tab: the archive, a window at a time, filtered as you type.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;

use crate::store::customers::CustomerRow;
use crate::store::customers::CustomerSort;
use crate::t;
use crate::tui::app::App;
use crate::tui::customers_tab::{QuickFilter, SORTS};
use crate::tui::screens::{TableSpec, draw_table, opt};

const COLUMNS: &[(&str, Constraint)] = &[
    ("col.name", Constraint::Min(12)),
    ("col.grade", Constraint::Length(5)),
    ("col.stage", Constraint::Length(8)),
    ("col.owner", Constraint::Length(10)),
    ("col.region", Constraint::Length(8)),
    ("tui.col_last_visit", Constraint::Length(10)),
    ("tui.col_follow_up", Constraint::Length(10)),
    ("tui.col_overdue", Constraint::Length(1)),
];

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    if let Some(detail) = &app.detail {
        return crate::tui::screens::customer_detail::draw(app, detail, frame, area);
    }
    let theme = app.theme;
    let row = move |c: &CustomerRow| {
        let owner = match &c.owner_login {
            Some(login) => Span::raw(login.clone()),
            None => Span::styled(t!("status.pool"), theme.dim),
        };
        let overdue = if c.overdue {
            Span::styled("!", theme.overdue)
        } else {
            Span::raw("")
        };
        vec![
            Span::raw(c.name.clone()),
            Span::raw(c.grade.code()),
            Span::raw(t!(c.stage.label_key())),
            owner,
            Span::raw(opt(&c.region)),
            Span::raw(opt(&c.last_visit_on)),
            Span::raw(opt(&c.next_follow_up)),
            overdue,
        ]
    };
    let spec = TableSpec {
        columns: COLUMNS,
        empty: "tui.no_customers",
        note: customers_note(app),
    };
    draw_table(app, frame, area, &app.customers, spec, row);
}

/// The quick filter and the sort, when they are not the plain list by name.
fn customers_note(app: &App) -> Option<String> {
    let sort = SORTS
        .iter()
        .find(|(s, _)| *s == app.sort)
        .map(|(_, k)| t!(*k))
        .unwrap_or("");
    (app.quick != QuickFilter::All || app.sort != CustomerSort::Name).then(|| {
        format!(
            "{} · {}",
            app.quick.label(),
            t!("tui.sorted_by", column = sort)
        )
    })
}
