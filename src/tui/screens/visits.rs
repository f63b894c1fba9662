//! The Visits tab: the log, newest first, a window at a time.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::{Cell, Row};

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
        Row::new(vec![
            Cell::from(v.date.to_string()),
            Cell::from(t!(v.kind.label_key())),
            Cell::from(v.customer_name.clone()),
            Cell::from(v.author_login.clone()),
            Cell::from(opt(&v.joint_reps)),
            Cell::from(v.summary.clone()),
        ])
    };
    let spec = TableSpec {
        columns: COLUMNS,
        empty: "tui.no_visits",
    };
    draw_table(app, frame, area, &app.visits, spec, row);
}
