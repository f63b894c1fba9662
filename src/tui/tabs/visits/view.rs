//! The Visits tab: the log, newest first, a window at a time.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use ratatui::text::Span;

use crate::store::visits::VisitRow;
use crate::store::visits::edit::Visit;
use crate::t;
use crate::tui::ctx::Look;
use crate::tui::tabs::visits::state::VisitsTab;
use crate::tui::widgets::layout::fit;
use crate::tui::widgets::paged_table::{RowCells, TableLook, TableSpec, draw_table};

const COLUMNS: &[(&str, Constraint)] = &[
    ("col.date", Constraint::Length(10)),
    ("col.kind", Constraint::Length(10)),
    ("col.customer", Constraint::Min(14)),
    ("col.author", Constraint::Length(10)),
    ("col.joint", Constraint::Length(8)),
    ("col.summary", Constraint::Min(16)),
];

impl RowCells for VisitRow {
    fn cells(&self, _look: &TableLook) -> Vec<Span<'static>> {
        let v = self;
        vec![
            Span::raw(v.date.to_string()),
            Span::raw(t!(v.kind.label_key())),
            Span::raw(v.customer_name.clone()),
            Span::raw(v.author_name.clone()),
            Span::raw(crate::messages::names(&v.joint_names)),
            Span::raw(v.summary.clone()),
        ]
    }
}

pub fn draw(tab: &VisitsTab, look: &Look, frame: &mut Frame, area: Rect) {
    if let Some(v) = &tab.detail {
        return draw_detail(look, v, frame, area);
    }
    if let Some(a) = &tab.agenda {
        return super::agenda::draw(a, look, frame, area);
    }
    let spec = TableSpec {
        columns: COLUMNS,
        empty: "tui.no_visits",
        note: tab.fresh.note(tab.filter.describe()),
    };
    draw_table(&look.table(), frame, area, &tab.list, spec);
}

/// One visit with every field.
fn draw_detail(look: &Look, v: &Visit, frame: &mut Frame, area: Rect) {
    let w = area.width as usize;
    let none = t!("tui.none");
    let or_none = |s: &Option<String>| s.clone().unwrap_or_else(|| none.to_string());
    let list = |l: &[String]| {
        if l.is_empty() {
            none.to_string()
        } else {
            crate::messages::names(l)
        }
    };
    let fields: Vec<(&str, String)> = vec![
        ("field.date", v.date.to_string()),
        ("field.kind", t!(v.kind.label_key()).to_string()),
        ("col.author", v.author_name.clone()),
        ("field.with", list(&v.joint_names)),
        ("field.met", list(&v.contacts_met)),
        ("field.purpose", or_none(&v.purpose)),
        ("field.summary", v.summary.clone()),
        ("field.outcome", or_none(&v.outcome)),
        ("field.next_step", or_none(&v.next_step)),
        (
            "field.next",
            v.next_follow_up
                .map(|d| d.to_string())
                .unwrap_or_else(|| none.to_string()),
        ),
        ("field.expense", v.expense.display(look.currency)),
        ("tui.logged_at", v.logged_at.clone()),
    ];
    let label_w = fields
        .iter()
        .map(|(k, _)| t!(*k).width())
        .max()
        .unwrap_or(0);
    let mut lines = vec![Line::from(Span::styled(
        fit(&v.customer_name, w),
        look.theme.tab_active,
    ))];
    for (k, value) in fields {
        let label = t!(k);
        let pad = " ".repeat(label_w - label.width());
        lines.push(Line::from(vec![
            Span::styled(format!("{label}{pad}  "), look.theme.header),
            Span::raw(fit(&value, w.saturating_sub(label_w + 2))),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), area);
}
