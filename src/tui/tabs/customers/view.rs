//! The Customers tab: the archive, a window at a time, filtered as you type.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;

use crate::store::customers::{CustomerRow, CustomerSort};
use crate::t;
use crate::tui::ctx::Look;
use crate::tui::tabs::customers::state::{CustomersTab, QuickFilter, SORTS};
use crate::tui::widgets::paged_table::{RowCells, TableLook, TableSpec, draw_table, opt};

const COLUMNS: &[(&str, Constraint)] = &[
    ("col.name", Constraint::Min(12)),
    ("col.grade", Constraint::Length(5)),
    ("col.stage", Constraint::Length(8)),
    ("col.owner", Constraint::Length(9)),
    ("col.region", Constraint::Length(8)),
    ("tui.col_last_visit", Constraint::Length(10)),
    ("tui.col_follow_up", Constraint::Length(10)),
    ("tui.col_overdue", Constraint::Length(3)),
];

impl RowCells for CustomerRow {
    fn cells(&self, look: &TableLook) -> Vec<Span<'static>> {
        let c = self;
        let theme = look.theme;
        // People by their names, as they call each other (the login where there is none).
        let owner = match (&c.owner_name, &c.owner_login) {
            (Some(name), _) => Span::raw(name.clone()),
            (None, Some(login)) => Span::raw(login.clone()),
            (None, None) => Span::styled(t!("status.pool"), theme.dim),
        };
        // `!` overdue; `6d`: the pool sweep takes it in 6 days (0d: at the next sweep); `!6`
        // both. Three cells, so the name keeps its width.
        let mark = match (c.overdue, c.pool_in) {
            (true, Some(d)) if d < 10 => format!("!{d}"),
            (true, _) => "!".to_string(),
            (false, Some(d)) => format!("{d}d"),
            (false, None) => String::new(),
        };
        let overdue = if c.overdue || c.pool_in.is_some() {
            Span::styled(mark, theme.overdue)
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
    }
}

pub fn draw(tab: &CustomersTab, look: &Look, frame: &mut Frame, area: Rect) {
    if let Some(detail) = &tab.detail {
        return super::detail::draw(look, detail, tab.contact_at, frame, area);
    }
    let spec = TableSpec {
        columns: COLUMNS,
        empty: "tui.no_customers",
        note: customers_note(tab),
    };
    draw_table(&look.table(), frame, area, &tab.list, spec);
}

/// The quick filter and the sort, when they are not the plain list by name, and whether a
/// new order is still being read.
fn customers_note(tab: &CustomersTab) -> Option<String> {
    let sort = SORTS
        .iter()
        .find(|(s, _)| *s == tab.sort)
        .map(|(_, k)| t!(*k))
        .unwrap_or("");
    let note = (tab.quick != QuickFilter::All || tab.sort != CustomerSort::Name).then(|| {
        format!(
            "{} · {}",
            tab.quick.label(),
            t!("tui.sorted_by", column = sort)
        )
    });
    tab.fresh.note(note)
}
