//! Laying text and boxes out in terminal cells, where a CJK character takes two columns:
//! cutting to a width with `…`, spreading a line, centring a pop-up.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::tui::widgets::popup;

/// `s` cut to `width` display columns (CJK counts two), with `…` where it was cut.
pub fn fit(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// `text` cut to `width` display columns, then padded to them, left or right aligned: one
/// column of a table drawn as text.
pub fn cell(text: &str, width: usize, right: bool) -> String {
    let text = fit(text, width);
    let pad = " ".repeat(width.saturating_sub(text.width()));
    if right {
        format!("{pad}{text}")
    } else {
        format!("{text}{pad}")
    }
}

/// `left` at the start and `right` at the end of a line `width` wide; `right` wins the room
/// and `left` is cut to what is left.
pub fn spread<'a>(left: Span<'a>, right: Span<'a>, width: u16) -> Line<'a> {
    let width = width as usize;
    let right = Span::styled(fit(&right.content, width), right.style);
    let room = width.saturating_sub(right.width());
    let left = Span::styled(fit(&left.content, room), left.style);
    let pad = room.saturating_sub(left.width());
    Line::from(vec![left, Span::raw(" ".repeat(pad)), right])
}

/// `s` cut from the start to `width` columns: `…/cache/team.db`.
pub fn fit_start(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let mut kept: Vec<char> = Vec::new();
    let mut used = 1; // the ellipsis
    for c in s.chars().rev() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width {
            break;
        }
        kept.push(c);
        used += w;
    }
    std::iter::once('…').chain(kept.into_iter().rev()).collect()
}

/// A box in the middle of `area`, cleared, for a dialog: every pop-up comes through here, so
/// none is drawn over half a wide character (see `widgets::popup`).
pub fn centred(frame: &mut Frame, area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    let r = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    };
    popup::clear_under(frame.buffer_mut(), r);
    r
}
