//! What every pop-up stands on. A wide (two-column) character of the screen below whose
//! second half falls under a pop-up's left edge, or whose first half falls under its right
//! edge, would share a cell with the border: ratatui's diff skips the cell after a wide
//! symbol, so the terminal loses the left border, and a terminal writing over half a wide
//! character may shift the rest of the line. [`clear_under`] blanks such a character on the
//! outside, then clears the area for the pop-up.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Widget};
use unicode_width::UnicodeWidthStr;

/// Clears `area` for a pop-up, first blanking (keeping its style) any wide character that
/// straddles the area's left or right edge, so no symbol outside runs under a border.
pub fn clear_under(buf: &mut Buffer, area: Rect) {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    // A symbol is at most this wide (a CJK character or an emoji is two columns).
    const WIDEST: u16 = 4;
    for y in area.top()..area.bottom() {
        // Left edge: a symbol starting outside whose width reaches under the edge.
        let from = area.left().saturating_sub(WIDEST).max(buf.area.left());
        for x in from..area.left() {
            if x + buf[(x, y)].symbol().width() as u16 > area.left() {
                buf[(x, y)].set_symbol(" ");
            }
        }
        // Right edge: a symbol starting inside whose width runs past the edge is cleared
        // below; the cells it covered outside become plain blanks.
        let from = area.right().saturating_sub(WIDEST).max(area.left());
        for x in from..area.right() {
            let end = (x + buf[(x, y)].symbol().width() as u16).min(buf.area.right());
            for covered in area.right()..end {
                buf[(covered, y)].set_symbol(" ");
            }
        }
    }
    Clear.render(area, buf);
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::text::Line;
    use ratatui::widgets::{Block, Borders, Paragraph};
    use unicode_width::UnicodeWidthStr;

    use crate::tui::widgets::layout::centred;

    /// Every wide symbol is followed by blank cells for the columns it covers: no border, no
    /// other symbol lands on its second half (ratatui's diff would skip that cell, and the
    /// terminal would lose what is drawn there).
    fn wide_symbols_overlap_nothing(buf: &Buffer) -> Result<(), String> {
        let a = buf.area;
        for y in a.top()..a.bottom() {
            for x in a.left()..a.right() {
                let w = buf[(x, y)].symbol().width() as u16;
                for dx in 1..w {
                    if x + dx < a.right() && buf[(x + dx, y)].symbol() != " " {
                        return Err(format!(
                            "{:?} at ({x}, {y}) is covered by {:?} at ({}, {y})",
                            buf[(x, y)].symbol(),
                            buf[(x + dx, y)].symbol(),
                            x + dx
                        ));
                    }
                }
            }
        }
        Ok(())
    }

    /// A screen full of Chinese names (each character two columns), with a bordered pop-up
    /// of `width` columns centred over it, as the dialogs draw theirs.
    fn popup_over_chinese(cols: u16, rows: u16, width: u16, shift: bool) -> (Buffer, Rect) {
        let mut terminal = Terminal::new(TestBackend::new(cols, rows)).unwrap();
        let mut r = Rect::default();
        terminal
            .draw(|frame| {
                let area = frame.area();
                let text: Vec<Line> = (0..rows)
                    .map(|i| {
                        let lead = if shift && i % 2 == 1 { " " } else { "" };
                        Line::from(format!(
                            "{lead}{}",
                            "北京精密机械有限公司华为技术".repeat(4)
                        ))
                    })
                    .collect();
                frame.render_widget(Paragraph::new(text), area);
                r = centred(frame, area, width, rows - 4);
                let block = Block::default().borders(Borders::ALL).title("帮助");
                frame.render_widget(Paragraph::new("客户详情").block(block), r);
            })
            .unwrap();
        (terminal.backend().buffer().clone(), r)
    }

    #[test]
    fn a_popup_over_wide_characters_keeps_its_borders_whole() {
        // Widths putting the pop-up's left edge at odd and even columns, on rows where the
        // characters start at even columns and rows where they start at odd ones.
        for width in [20, 21, 30, 31, 57, 58] {
            for shift in [false, true] {
                let (buf, r) = popup_over_chinese(80, 24, width, shift);
                wide_symbols_overlap_nothing(&buf)
                    .unwrap_or_else(|e| panic!("width {width}, pop-up at {r:?}: {e}"));
                for y in r.top() + 1..r.bottom() - 1 {
                    assert_eq!(
                        buf[(r.left(), y)].symbol(),
                        "│",
                        "left edge, row {y}, {r:?}"
                    );
                    assert_eq!(buf[(r.right() - 1, y)].symbol(), "│", "right edge, row {y}");
                }
                assert_eq!(buf[(r.left(), r.top())].symbol(), "┌");
                assert_eq!(buf[(r.right() - 1, r.bottom() - 1)].symbol(), "┘");
                // Outside the pop-up the names are untouched but for the half-covered
                // character blanked beside each edge.
                let row = r.top() + 1;
                let left: String = (0..r.left().saturating_sub(2))
                    .map(|x| buf[(x, row)].symbol())
                    .collect();
                assert!(
                    left.contains("北"),
                    "the names left of the pop-up: {left:?}"
                );
            }
        }
    }
}
