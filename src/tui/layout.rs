//! Where the shell puts things on the screen: the tab bar's labels and the table's rows. The
//! drawing and the mouse handler both ask here, so a click lands on what was drawn.

use unicode_width::UnicodeWidthStr;

use crate::t;
use crate::tui::tab::TabId;

/// Rows of a table that fit: the tab bar, the table header, the info line and the status
/// line take one each.
pub fn table_rows(height: u16) -> usize {
    height.saturating_sub(4) as usize
}

/// The table line (0-based) under screen row `row`, if any.
pub fn table_line_at(height: u16, row: u16) -> Option<usize> {
    let line = row.checked_sub(2)? as usize;
    (line < table_rows(height)).then_some(line)
}

pub fn tab_label(i: usize, tab: TabId) -> String {
    format!(" {} {} ", i + 1, t!(tab.title_key()))
}

/// The tab under column `x` of the tab bar.
pub fn tab_at(x: u16) -> Option<usize> {
    let mut start = 0u16;
    for (i, tab) in TabId::ALL.iter().enumerate() {
        let end = start.saturating_add(tab_label(i, *tab).width() as u16);
        if x >= start && x < end {
            return Some(i);
        }
        start = end.saturating_add(1); // the separator
    }
    None
}
