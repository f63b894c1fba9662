//! Laying text and boxes out in terminal cells, where a CJK character takes two columns:
//! cutting to a width with `…`, spreading a line, centring a pop-up.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::tui::widgets::popup;

pub use crate::domain::text::fit;

/// `share` (0 to 1) as a bar of `width` cells in eighths, the rest shaded: `█████▌░░░░`.
/// It reads without colour, and two bars compare by length.
pub fn bar(share: f64, width: usize) -> String {
    const EIGHTHS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    let eighths = (share.clamp(0.0, 1.0) * width as f64 * 8.0).round() as usize;
    let (full, part) = (eighths / 8, eighths % 8);
    let mut s = "█".repeat(full);
    if part > 0 {
        s.push(EIGHTHS[part]);
    }
    let used = full + usize::from(part > 0);
    s.push_str(&"░".repeat(width.saturating_sub(used)));
    s
}

/// A column's texts each cut to `width`, so that two different texts never look the same:
/// where plain cuts collide (`Blue River Hangzhou…` twice, 杭州云帆网络… twice), each
/// keeps its start, then jumps (`…`) to where it differs from the text it resembles most.
pub fn fit_apart(texts: &[&str], width: usize) -> Vec<String> {
    let cut: Vec<String> = texts.iter().map(|t| fit(t, width)).collect();
    let mut out = cut.clone();
    for (i, text) in texts.iter().enumerate() {
        let differs_at = texts
            .iter()
            .enumerate()
            .filter(|(j, other)| cut[*j] == cut[i] && *other != text)
            .map(|(_, other)| common_prefix(text, other))
            .max();
        if let Some(at) = differs_at {
            out[i] = cut_at(text, at, width);
        }
    }
    out
}

/// How many leading characters `a` and `b` share.
fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// `text` in `width` columns as its start (a third of the width), `…`, and what follows
/// character `at`; the plain cut when the start reaches `at` anyway.
fn cut_at(text: &str, at: usize, width: usize) -> String {
    let head_room = width / 3;
    let head: String = text.chars().take(at).collect();
    let tail: String = text.chars().skip(at).collect();
    if width < 5 || head.width() <= head_room {
        return fit(text, width);
    }
    let mut start = String::new();
    for c in head.chars() {
        if start.width() + unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) > head_room {
            break;
        }
        start.push(c);
    }
    let rest = width - start.width() - 1;
    format!("{start}…{}", fit(&tail, rest))
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

#[cfg(test)]
mod apart {
    use super::*;

    #[test]
    fn a_bar_is_as_long_as_its_share_and_always_its_width() {
        assert_eq!(bar(0.75, 4), "███░");
        assert_eq!(bar(0.0, 4), "░░░░");
        assert_eq!(bar(1.4, 4), "████");
        assert_eq!(bar(0.5625, 4), "██▎░");
        for s in [0.0, 0.1, 0.33, 0.999, 1.0] {
            assert_eq!(bar(s, 10).chars().count(), 10);
        }
    }

    #[test]
    fn two_names_cut_alike_are_told_apart() {
        let names = [
            "Blue River Hangzhou Technology Co., Ltd",
            "Blue River Hangzhou Trading Co., Ltd",
            "Acme",
        ];
        let cut = fit_apart(&names, 22);
        assert_ne!(cut[0], cut[1], "{cut:?}");
        assert_eq!(cut[2], "Acme");
        for c in &cut {
            assert!(c.width() <= 22, "{c}");
        }
        assert!(
            cut[0].starts_with("Blue River") || cut[0].starts_with("Blue"),
            "{cut:?}"
        );
        let zh = ["杭州云帆网络科技有限公司", "杭州云帆网络贸易有限公司"];
        let cut = fit_apart(&zh, 14);
        assert_ne!(cut[0], cut[1], "{cut:?}");
        assert!(cut[0].contains('科') && cut[1].contains('贸'), "{cut:?}");
        assert!(cut.iter().all(|c| c.width() <= 14), "{cut:?}");
        // The same name twice is the same text, and a name that fits is left whole.
        let same = fit_apart(&["杭州云帆", "杭州云帆"], 14);
        assert_eq!(same, ["杭州云帆", "杭州云帆"]);
    }
}
