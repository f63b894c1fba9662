//! The Visits tab: the log, newest first, a window at a time.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;

use crate::store::visits::VisitRow;
use crate::t;
use crate::tui::app::App;
use crate::tui::screens::{TableSpec, draw_table, opt};

const COLUMNS: &[(&str, Constraint)] = &[
    ("col.date", Constraint::Length(10)),
    ("col.kind", Constraint::Length(10)),
    ("col.customer", Constraint::Min(14)),
    ("col.author", Constraint::Length(10)),
    ("col.joint", Constraint::Length(8)),
    ("col.summary", Constraint::Min(16)),
];

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let row = |v: &VisitRow| {
        vec![
            Span::raw(v.date.to_string()),
            Span::raw(t!(v.kind.label_key())),
            Span::raw(v.customer_name.clone()),
            Span::raw(v.author_login.clone()),
            Span::raw(opt(&v.joint_reps)),
            Span::raw(v.summary.clone()),
        ]
    };
    let spec = TableSpec {
        columns: COLUMNS,
        empty: "tui.no_visits",
        note: None,
    };
    draw_table(app, frame, area, &app.visits, spec, row);
}
