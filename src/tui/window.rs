//! A window onto a long list: the selection, the first visible row, and only the visible rows.
//! The screens ask the store for exactly `height` rows from `offset` when these change.

use crate::store::customers::CustomerRow;
use crate::store::visits::VisitRow;

/// A row that can be told apart from the others across a refresh.
pub trait Keyed {
    fn key(&self) -> &str;
}

impl Keyed for CustomerRow {
    fn key(&self) -> &str {
        &self.id
    }
}

impl Keyed for crate::store::deals::Deal {
    fn key(&self) -> &str {
        &self.id
    }
}

impl Keyed for VisitRow {
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
