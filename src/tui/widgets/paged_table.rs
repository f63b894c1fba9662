//! One reusable table: a window onto a long list (the selection, the first visible row, and
//! only the visible rows), the keys that move in it, and its drawing with a header and an
//! info line. A tab asks the store for exactly `height` rows from `offset` when these change.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState};

use crate::store::Slice;
use crate::t;
use crate::tui::keymap::Action;
use crate::tui::loader::Output;
use crate::tui::theme::Theme;
use crate::tui::widgets::layout::{fit, fit_apart, spread};
use unicode_width::UnicodeWidthStr;

/// A broad search is counted this far and shown as "10000+".
pub const COUNT_CAP: usize = 10_000;

/// A list's first window read anew (a new order, filter or search), with its count: (count,
/// whether it is exact) and the rows.
pub type Fresh<T> = ((usize, bool), Vec<T>);

/// A list's fresh reads on the worker (a new order, filter or search): the number of the
/// latest asked for, and whether it is still to come (the rows shown are the last read's).
/// The worker answers `(ticket, Result<Fresh<T>, String>)`.
#[derive(Debug, Default)]
pub struct FreshRead {
    ticket: u64,
    pub loading: bool,
}

impl FreshRead {
    /// A new read asked for: the number its answer carries.
    pub fn ask(&mut self) -> u64 {
        self.ticket += 1;
        self.loading = true;
        self.ticket
    }

    /// Shows `output` in `list` when it is the answer to the latest read (an older one is
    /// dropped); Ok holds the answer's refusal, if it was one, to say. Err gives `output`
    /// back when it is no fresh read of `T` rows.
    pub fn take<T: 'static>(
        &mut self,
        output: Output,
        list: &mut Window<T>,
    ) -> Result<Option<String>, Output> {
        let (ticket, read) = *output.downcast::<(u64, Result<Fresh<T>, String>)>()?;
        Ok(self.answer(ticket, read, list))
    }

    /// Whether `ticket` is the number of the latest read asked.
    pub fn is_latest(&self, ticket: u64) -> bool {
        ticket == self.ticket
    }

    /// Shows the answer `read` to read number `ticket` in `list` when it is the latest;
    /// gives its refusal, if it was one, to say.
    pub fn answer<T>(
        &mut self,
        ticket: u64,
        read: Result<Fresh<T>, String>,
        list: &mut Window<T>,
    ) -> Option<String> {
        if ticket != self.ticket {
            return None;
        }
        self.loading = false;
        match read {
            Ok(fresh) => {
                list.show_fresh(fresh);
                None
            }
            Err(e) => Some(e),
        }
    }

    /// The info line's note, saying the rows are still to come while they are.
    pub fn note(&self, note: Option<String>) -> Option<String> {
        if !self.loading {
            return note;
        }
        let loading = t!("tui.loading");
        Some(note.map_or(loading.to_string(), |n| format!("{n} · {loading}")))
    }
}

/// A row type's cells, one span each, in its table's column order.
pub trait RowCells {
    fn cells(&self, look: &TableLook) -> Vec<Span<'static>>;
}

/// What drawing a table needs besides its rows.
pub struct TableLook<'a> {
    pub theme: &'a Theme,
    /// The team's currency sign, for money cells.
    pub currency: &'a str,
    /// A filter is being typed into it (the info line shows the cursor).
    pub filtering: bool,
}

/// A row that can be told apart from the others across a refresh.
pub trait Keyed {
    fn key(&self) -> &str;
}

impl Keyed for crate::store::customers::CustomerRow {
    fn key(&self) -> &str {
        &self.id
    }
}

impl Keyed for crate::store::deals::Deal {
    fn key(&self) -> &str {
        &self.id
    }
}

impl Keyed for crate::store::visits::VisitRow {
    fn key(&self) -> &str {
        &self.id
    }
}

#[derive(Debug, Clone)]
pub struct Window<T> {
    /// The text typed after `/`: this table shows only what matches it.
    pub filter: String,
    pub total: usize,
    /// False when `total` is a lower bound (a broad search counted only so far).
    pub exact: bool,
    pub selected: usize,
    pub offset: usize,
    pub height: usize,
    pub rows: Vec<T>,
    /// The key of the row selected before a refresh, to select it again after.
    kept: Option<String>,
}

// Written out: a derived Default would ask `T: Default` of the rows.
impl<T> Default for Window<T> {
    fn default() -> Self {
        Window {
            filter: String::new(),
            total: 0,
            exact: true,
            selected: 0,
            offset: 0,
            height: 0,
            rows: Vec::new(),
            kept: None,
        }
    }
}

impl<T> Window<T> {
    /// Moves the selection by `delta` rows (clamped) and scrolls to keep it visible.
    /// Returns whether the visible window moved (the rows must be fetched again).
    pub fn move_by(&mut self, delta: isize) -> bool {
        let last = self.total.saturating_sub(1) as isize;
        self.selected = (self.selected as isize + delta).clamp(0, last.max(0)) as usize;
        self.scroll_to_selection()
    }

    /// The keys that move in a table: whether `action` was one, and whether the visible
    /// window moved (the rows must be fetched again).
    pub fn navigate(&mut self, action: Action) -> Option<bool> {
        Some(match action {
            Action::Down => self.move_by(1),
            Action::Up => self.move_by(-1),
            Action::PageDown => self.move_by(self.page()),
            Action::PageUp => self.move_by(-self.page()),
            Action::Top => self.move_by(isize::MIN / 2),
            Action::Bottom => self.move_by(isize::MAX / 2),
            _ => return None,
        })
    }

    /// Where the visible rows are in the list, counted from its nearer end (see `Slice`).
    pub fn slice(&self) -> Slice {
        Slice::nearer(self.offset, self.height, self.total, self.exact)
    }

    /// The visible rows read again with `page` (given where they are and how many fit).
    pub fn fetch_with<E>(
        &mut self,
        page: impl FnOnce(Slice, usize) -> Result<Vec<T>, E>,
    ) -> Result<(), E> {
        self.rows = page(self.slice(), self.height)?;
        Ok(())
    }

    /// A first window read anew has come: shown from its first row.
    pub fn show_fresh(&mut self, ((total, exact), rows): Fresh<T>) {
        self.rewind();
        (self.total, self.exact) = (total, exact);
        self.rows = rows;
    }

    /// The first rows of a read whose count is still to come: shown from the first row,
    /// counted as "at least these".
    pub fn show_first(&mut self, rows: Vec<T>) {
        self.rewind();
        (self.total, self.exact) = (rows.len(), false);
        self.rows = rows;
    }

    /// Back to the first row, for a new filter or order.
    pub fn rewind(&mut self) {
        self.selected = 0;
        self.offset = 0;
    }

    pub fn top(&mut self) -> bool {
        self.move_by(-(self.total as isize))
    }

    pub fn bottom(&mut self) -> bool {
        self.move_by(self.total as isize)
    }

    pub fn page(&self) -> isize {
        self.height.max(1) as isize
    }

    /// After the total or the height changed: keep the selection in range and in view.
    pub fn scroll_to_selection(&mut self) -> bool {
        self.selected = self.selected.min(self.total.saturating_sub(1));
        let before = self.offset;
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.height > 0 && self.selected >= self.offset + self.height {
            self.offset = self.selected + 1 - self.height;
        }
        // No empty space below the last row when the list could fill the window.
        self.offset = self.offset.min(self.total.saturating_sub(self.height));
        self.offset != before
    }

    pub fn selected_row(&self) -> Option<&T> {
        self.rows.get(self.selected.checked_sub(self.offset)?)
    }

    /// Selects the fetched row that `is_it`, if one is; says whether it found it.
    pub fn reselect(&mut self, is_it: impl Fn(&T) -> bool) -> bool {
        match self.rows.iter().position(is_it) {
            Some(line) => {
                self.selected = self.offset + line;
                true
            }
            None => false,
        }
    }

    /// Selects the row shown at `line` of the window, if there is one.
    pub fn select_visible(&mut self, line: usize) {
        if line < self.rows.len() {
            self.selected = self.offset + line;
        }
    }
}

impl<T: Keyed> Window<T> {
    /// Notes the selected row before the rows are read again.
    pub fn remember(&mut self) {
        self.kept = self.selected_row().map(|r| r.key().to_string());
    }

    /// After a fetch: selects the remembered row if it is among the fetched ones.
    pub fn select_kept(&mut self) {
        if let Some(key) = self.kept.take() {
            self.reselect(|r| r.key() == key);
        }
    }
}

/// What a tab's table is made of: its columns (header key, width) and the message when
/// nothing is there.
pub struct TableSpec<'a> {
    pub columns: &'a [(&'static str, Constraint)],
    pub empty: &'static str,
    /// Said after the filter on the info line (the quick filter, the sort).
    pub note: Option<String>,
}

/// Draws a windowed table in `area`: header, the fetched rows, and an info line with the
/// filter and the position. Each row gives its cells (`RowCells`).
pub fn draw_table<T: RowCells>(
    look: &TableLook,
    frame: &mut Frame,
    area: Rect,
    window: &Window<T>,
    spec: TableSpec,
) {
    let TableSpec {
        columns,
        empty,
        note,
    } = spec;
    if area.height < 2 {
        return;
    }
    // On a narrow terminal the last columns go first, whole, so the first ones (a visit's
    // date and customer, a customer's name) keep their width rather than all being squeezed.
    let columns = &columns[..fitting(columns, area.width)];
    let table_area = Rect {
        height: area.height - 1,
        ..area
    };
    let info_area = Rect {
        y: area.bottom() - 1,
        height: 1,
        ..area
    };
    let header = Row::new(columns.iter().map(|(key, _)| t!(*key))).style(look.theme.header);
    let cells: Vec<Vec<Span>> = window.rows.iter().map(|r| r.cells(look)).collect();
    let room = shared_widths(columns, &cells, area.width);
    // Cut here, with `…`, rather than by the table, which cuts silently: a company name that
    // lost its end (有限公司 / 股份公司) must not pass for a whole one, and two names cut
    // alike are told apart (`fit_apart`).
    let mut cut: Vec<Vec<String>> = vec![Vec::new(); cells.len()];
    for (col, w) in room.iter().enumerate() {
        let texts: Vec<&str> = cells
            .iter()
            .map(|row| row.get(col).map_or("", |s| &s.content))
            .collect();
        for (row, text) in fit_apart(&texts, *w as usize).into_iter().enumerate() {
            cut[row].push(text);
        }
    }
    let rows: Vec<Row> = cells
        .iter()
        .zip(cut)
        .map(|(spans, texts)| {
            Row::new(
                spans
                    .iter()
                    .zip(texts)
                    .map(|(span, text)| Cell::from(Span::styled(text, span.style))),
            )
        })
        .collect();
    let widths: Vec<Constraint> = room.iter().map(|w| Constraint::Length(*w)).collect();
    let table = Table::new(rows, widths)
        .header(header)
        .column_spacing(1)
        .flex(Flex::Start)
        .row_highlight_style(look.theme.selected);
    let mut state = TableState::default().with_selected(window.selected.checked_sub(window.offset));
    frame.render_stateful_widget(table, table_area, &mut state);
    if window.total == 0 && table_area.height > 1 {
        let msg = Rect {
            y: table_area.y + 1,
            height: 1,
            ..table_area
        };
        frame.render_widget(
            Paragraph::new(fit(t!(empty), msg.width as usize)).style(look.theme.dim),
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
    let mut left = if look.filtering {
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
        Span::styled(right, look.theme.dim),
        info_area.width,
    );
    frame.render_widget(Paragraph::new(line), info_area);
}

/// A column's least width: what its constraint asks for (1 for any other kind).
fn least(c: &Constraint) -> u16 {
    match c {
        Constraint::Length(n) | Constraint::Min(n) => *n,
        _ => 1,
    }
}

/// How many of the first `columns` fit in `width` at their least widths, one space apart
/// (at least one).
fn fitting(columns: &[(&str, Constraint)], width: u16) -> usize {
    let mut used: u16 = 0;
    for (i, (_, c)) in columns.iter().enumerate() {
        let need = least(c) + u16::from(i > 0);
        if i > 0 && used.saturating_add(need) > width {
            return i;
        }
        used = used.saturating_add(need);
    }
    columns.len()
}

/// The widest a growing (`Min`) column gets, unless it is the last: a company's full name,
/// not a line of 150 cells; a summary at the end of the row may take what is left.
const GROWN: u16 = 60;

/// Each column's width in `width`, one space apart. Every column has its least width; the
/// room left goes to what the shown rows need whole, in the columns' order, which is their
/// importance (as `fitting` drops the last first): a customer's name (up to `GROWN`)
/// before its owner's, an owner before a region. Room nobody needs is left at the right.
fn shared_widths(columns: &[(&str, Constraint)], cells: &[Vec<Span>], width: u16) -> Vec<u16> {
    let n = columns.len();
    let grows = |c: &Constraint| matches!(c, Constraint::Min(_));
    let mut w: Vec<u16> = columns.iter().map(|(_, c)| least(c)).collect();
    let used = w.iter().sum::<u16>() + n.saturating_sub(1) as u16;
    let mut spare = width.saturating_sub(used);
    let want: Vec<u16> = columns
        .iter()
        .enumerate()
        .map(|(i, (key, c))| {
            let content = cells
                .iter()
                .filter_map(|row| row.get(i))
                .map(|s| s.content.width())
                .chain([t!(*key).width()])
                .max()
                .map_or(0, |w| u16::try_from(w).unwrap_or(u16::MAX));
            let cap = if grows(c) && i + 1 < n {
                GROWN
            } else {
                content
            };
            content.min(cap).max(w[i])
        })
        .collect();
    for i in 0..n {
        let give = (want[i] - w[i]).min(spare);
        w[i] += give;
        spare -= give;
    }
    // Narrower than even the first column's least width: it takes what there is, so the
    // cut is ours (with `…`), not the table's silent one.
    let mut left = width;
    for x in &mut w {
        *x = (*x).min(left);
        left = left.saturating_sub(*x + 1);
    }
    w
}

pub fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(T::to_string).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn window(total: usize, height: usize) -> Window<()> {
        Window {
            total,
            height,
            ..Window::default()
        }
    }

    #[test]
    fn widths_go_to_what_the_rows_need_in_column_order_and_never_past_the_area() {
        let cols = [
            ("name", Constraint::Min(12)),
            ("owner", Constraint::Length(9)),
            ("summary", Constraint::Min(10)),
        ];
        let row = |a: &str, b: &str, c: &str| {
            vec![
                Span::raw(a.to_string()),
                Span::raw(b.to_string()),
                Span::raw(c.to_string()),
            ]
        };
        let long = "x".repeat(80);
        let rows = vec![row(
            &long,
            "Alexandra Montgomery",
            "a summary of forty cells, more or less",
        )];
        // Wide: the name stops at 60, the owner is whole, the last column takes its need.
        assert_eq!(shared_widths(&cols, &rows, 200), vec![60, 20, 38]);
        // Narrow: the name first, then what is left.
        assert_eq!(shared_widths(&cols, &rows, 40), vec![19, 9, 10]);
        // Narrower than the first column's least width: never past the area.
        let w = shared_widths(&cols[..1], &rows, 8);
        assert_eq!(w, vec![8]);
    }

    #[test]
    fn a_narrow_table_drops_its_last_columns_whole() {
        let cols = [
            ("date", Constraint::Length(10)),
            ("kind", Constraint::Length(10)),
            ("customer", Constraint::Min(14)),
        ];
        assert_eq!(fitting(&cols, 80), 3);
        assert_eq!(fitting(&cols, 36), 3, "10 + 1 + 10 + 1 + 14");
        assert_eq!(fitting(&cols, 35), 2);
        assert_eq!(fitting(&cols, 5), 1, "the first is always kept");
    }

    #[test]
    fn moving_scrolls_only_past_the_edges() {
        let mut w = window(100, 10);
        assert!(!w.move_by(9));
        assert_eq!((w.selected, w.offset), (9, 0));
        assert!(w.move_by(1));
        assert_eq!((w.selected, w.offset), (10, 1));
        assert!(w.bottom());
        assert_eq!((w.selected, w.offset), (99, 90));
        assert!(w.top());
        assert_eq!((w.selected, w.offset), (0, 0));
    }

    #[test]
    fn empty_and_short_lists_stay_in_range() {
        let mut w = window(0, 10);
        w.move_by(5);
        assert_eq!((w.selected, w.offset), (0, 0));
        let mut w = window(3, 10);
        w.bottom();
        assert_eq!((w.selected, w.offset), (2, 0));
    }

    #[test]
    fn reselect_finds_a_fetched_row_or_leaves_the_selection() {
        let mut w = Window {
            rows: vec!["a", "b", "c"],
            offset: 10,
            selected: 10,
            total: 20,
            height: 3,
            ..Window::default()
        };
        assert!(w.reselect(|r| *r == "c"));
        assert_eq!(w.selected, 12);
        assert!(!w.reselect(|r| *r == "z"));
        assert_eq!(w.selected, 12);
    }

    #[test]
    fn shrinking_the_total_pulls_the_selection_back() {
        let mut w = window(100, 10);
        w.bottom();
        w.total = 5;
        w.scroll_to_selection();
        assert_eq!((w.selected, w.offset), (4, 0));
    }
}
