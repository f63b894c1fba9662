//! Charts for the HTML report, drawn as inline SVG by our own code: no scripts, no fonts or
//! images fetched, nothing but shapes and text. Every text is escaped.

use std::fmt::Write as _;

/// Text safe inside HTML and SVG; control characters are shown, not kept (they are invalid
/// in HTML, and a terminal the report is printed to would obey them).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in crate::domain::text::printable(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const ROW: f64 = 22.0;
const LABEL: f64 = 180.0;
const BAR: f64 = 360.0;

/// The width one terminal cell of text takes at the charts' 12 px font: a Latin letter
/// takes one cell, a Chinese character two (`unicode-width`). Generous, so that what is
/// laid out by it never overlaps.
pub const CELL_PX: f64 = 7.0;

/// How wide `text` is drawn, in px (see `CELL_PX`).
pub fn text_px(text: &str) -> f64 {
    unicode_width::UnicodeWidthStr::width(text) as f64 * CELL_PX
}

/// `text` cut to at most `px` wide, with `…` where it was cut.
fn cut(text: &str, px: f64) -> String {
    crate::domain::text::fit(text, (px / CELL_PX).floor() as usize)
}

fn open(title: &str, w: f64, h: f64) -> String {
    format!(
        "<svg class=\"chart\" role=\"img\" aria-label=\"{t}\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\">",
        t = escape(title)
    )
}

/// Horizontal bars of completion (0 to 150 %), with a line at 100 %. Items: (label, share,
/// text shown after the bar). Labels longer than their column are cut.
pub fn completion_bars(title: &str, items: &[(String, Option<f64>, String)]) -> String {
    let h = ROW * items.len() as f64 + 30.0;
    let w = LABEL + BAR + 120.0;
    let mut s = open(title, w, h);
    let full = BAR / 1.5;
    for (i, (label, share, text)) in items.iter().enumerate() {
        let y = 10.0 + ROW * i as f64;
        let len = share.unwrap_or(0.0).clamp(0.0, 1.5) * full;
        let class = match share {
            Some(c) if *c >= 1.0 => "good",
            Some(c) if *c >= 0.7 => "fair",
            _ => "poor",
        };
        let _ = write!(
            s,
            "<text x=\"{lx}\" y=\"{ty}\" text-anchor=\"end\">{label}</text>\
             <rect class=\"{class}\" x=\"{LABEL}\" y=\"{y}\" width=\"{len:.1}\" height=\"14\"/>\
             <text x=\"{tx:.1}\" y=\"{ty}\">{text}</text>",
            lx = LABEL - 6.0,
            ty = y + 11.0,
            label = escape(&cut(label, LABEL - 12.0)),
            tx = LABEL + len + 6.0,
            text = escape(&cut(text, 110.0)),
        );
    }
    let _ = write!(
        s,
        "<line class=\"mark\" x1=\"{x:.1}\" y1=\"4\" x2=\"{x:.1}\" y2=\"{y2:.1}\"/><text x=\"{x:.1}\" y=\"{ty:.1}\" text-anchor=\"middle\">100%</text></svg>",
        x = LABEL + full,
        y2 = h - 16.0,
        ty = h - 4.0,
    );
    s
}

/// The funnel as a funnel: each stage a band as wide as its share of the first, narrowing
/// into the next, with its count; the conversion from one stage to the next between them.
/// Steps: (stage, count, conversion from the stage before).
pub fn funnel(title: &str, steps: &[(String, i64, String)]) -> String {
    const BAND: f64 = 26.0;
    const GAP: f64 = 16.0;
    let h = (BAND + GAP) * steps.len() as f64 + 4.0;
    // Room on the right for a count beside a band too narrow to hold it.
    let widest = steps
        .iter()
        .map(|s| text_px(&s.1.to_string()))
        .fold(0.0, f64::max);
    let w = LABEL + BAR + 12.0 + widest;
    let top = steps.first().map_or(0, |s| s.1).max(1) as f64;
    let width = |n: i64| (n as f64 / top * BAR).clamp(2.0, BAR);
    let mut s = open(title, w, h);
    let mid = LABEL + BAR / 2.0;
    for (i, (label, n, _)) in steps.iter().enumerate() {
        let y = 4.0 + (BAND + GAP) * i as f64;
        let top_w = width(*n);
        // The band narrows to the next stage's width, as a funnel does.
        let bottom_w = steps.get(i + 1).map_or(top_w, |next| width(next.1));
        // The count inside its band, or beside it when the band is too narrow to hold it.
        let count = n.to_string();
        let inside = top_w.min(bottom_w) >= text_px(&count) + 12.0;
        let (cx, anchor, class) = if inside {
            (mid, "middle", " class=\"count\"")
        } else {
            (mid + top_w.max(bottom_w) / 2.0 + 6.0, "start", "")
        };
        let _ = write!(
            s,
            "<polygon class=\"stage\" points=\"{:.1},{y} {:.1},{y} {:.1},{b} {:.1},{b}\"/>\
             <text x=\"{lx}\" y=\"{ty}\" text-anchor=\"end\">{label}</text>\
             <text x=\"{cx:.1}\" y=\"{ty}\" text-anchor=\"{anchor}\"{class}>{count}</text>",
            mid - top_w / 2.0,
            mid + top_w / 2.0,
            mid + bottom_w / 2.0,
            mid - bottom_w / 2.0,
            b = y + BAND,
            lx = LABEL - 8.0,
            ty = y + 17.0,
            label = escape(&cut(label, LABEL - 14.0)),
        );
        // The conversion into the next stage, in the gap between the two bands.
        if let Some((_, _, conversion)) = steps.get(i + 1)
            && !conversion.is_empty()
        {
            let _ = write!(
                s,
                "<text x=\"{mid}\" y=\"{:.1}\" text-anchor=\"middle\" class=\"conv\">↓ {}</text>",
                y + BAND + GAP - 3.0,
                escape(conversion)
            );
        }
    }
    s.push_str("</svg>");
    s
}

/// Small multiples: a row per rep, their name, a sparkline of their totals over the last
/// periods on one scale for everyone (0–100, the pass line dashed at 40) and, after it, the
/// text given (their total and grade). Rows: (name, totals oldest first, text after).
/// Names longer than their column are cut; nothing is drawn over anything else.
pub fn small_multiples(
    title: &str,
    periods: (&str, &str),
    rows: &[(String, Vec<Option<f64>>, String)],
) -> String {
    const LINE: f64 = 26.0;
    const SPARK: f64 = 240.0;
    const HEAD: f64 = 18.0;
    let label_w = rows
        .iter()
        .map(|(name, _, _)| text_px(name))
        .fold(60.0, f64::max)
        .min(200.0)
        + 12.0;
    let after_w = rows
        .iter()
        .map(|(_, _, text)| text_px(text))
        .fold(40.0, f64::max)
        .min(160.0);
    let w = label_w + SPARK + 12.0 + after_w + 4.0;
    let h = HEAD + LINE * rows.len() as f64 + 4.0;
    let mut s = open(title, w, h);
    // The periods the lines span, once, above them.
    let _ = write!(
        s,
        "<text x=\"{label_w}\" y=\"12\">{}</text><text x=\"{:.1}\" y=\"12\" text-anchor=\"end\">{}</text>",
        escape(periods.0),
        label_w + SPARK,
        escape(periods.1)
    );
    for (i, (name, totals, text)) in rows.iter().enumerate() {
        let top = HEAD + LINE * i as f64;
        let (y0, y1) = (top + 3.0, top + LINE - 5.0);
        let y = |v: f64| y1 - (y1 - y0) * v.clamp(0.0, 100.0) / 100.0;
        let n = totals.len().max(2) as f64 - 1.0;
        let x = |k: usize| label_w + SPARK * k as f64 / n;
        let _ = write!(
            s,
            "<rect class=\"lane\" x=\"{label_w}\" y=\"{y0:.1}\" width=\"{SPARK}\" height=\"{:.1}\"/>\
             <line class=\"mark\" x1=\"{label_w}\" y1=\"{p:.1}\" x2=\"{:.1}\" y2=\"{p:.1}\"/>\
             <text x=\"{:.1}\" y=\"{ty:.1}\" text-anchor=\"end\">{}</text>",
            y1 - y0,
            label_w + SPARK,
            label_w - 8.0,
            escape(&cut(name, label_w - 12.0)),
            p = y(40.0),
            ty = top + LINE / 2.0 + 4.0,
        );
        let points: Vec<String> = totals
            .iter()
            .enumerate()
            .filter_map(|(k, v)| v.map(|v| format!("{:.1},{:.1}", x(k), y(v))))
            .collect();
        if !points.is_empty() {
            let _ = write!(
                s,
                "<polyline class=\"s0\" points=\"{}\"/>",
                points.join(" ")
            );
        }
        if let Some((k, Some(v))) = totals.iter().enumerate().rev().find(|(_, v)| v.is_some()) {
            let _ = write!(
                s,
                "<circle class=\"s0\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"2.5\"/>",
                x(k),
                y(*v)
            );
        }
        let _ = write!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            label_w + SPARK + 12.0,
            top + LINE / 2.0 + 4.0,
            escape(&cut(text, after_w))
        );
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_in_every_chart() {
        let evil = "<script>&\"'".to_string();
        let bars = completion_bars(&evil, &[(evil.clone(), Some(0.5), evil.clone())]);
        let f = funnel(&evil, &[(evil.clone(), 3, evil.clone())]);
        let t = small_multiples(
            &evil,
            (&evil, &evil),
            &[(evil.clone(), vec![Some(50.0)], evil.clone())],
        );
        for svg in [bars, f, t] {
            assert!(!svg.contains("<script"), "{svg}");
            assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        }
    }
}
