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

/// Horizontal bars of completion (0 to 150 %), with a line at 100 %. Items: (label, share,
/// text shown after the bar).
pub fn completion_bars(title: &str, items: &[(String, Option<f64>, String)]) -> String {
    let h = ROW * items.len() as f64 + 30.0;
    let w = LABEL + BAR + 120.0;
    let mut s = format!(
        "<svg class=\"chart\" role=\"img\" aria-label=\"{t}\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\">",
        t = escape(title)
    );
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
            label = escape(label),
            tx = LABEL + len + 6.0,
            text = escape(text),
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

/// The funnel: one centred bar per stage, its width the share of the first stage.
pub fn funnel(title: &str, steps: &[(String, i64, String)]) -> String {
    let h = 28.0 * steps.len() as f64 + 10.0;
    let w = LABEL + BAR + 140.0;
    let top = steps.first().map_or(0, |s| s.1).max(1) as f64;
    let mut s = format!(
        "<svg class=\"chart\" role=\"img\" aria-label=\"{t}\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\">",
        t = escape(title)
    );
    for (i, (label, n, conversion)) in steps.iter().enumerate() {
        let y = 5.0 + 28.0 * i as f64;
        let len = (*n as f64 / top * BAR).max(2.0);
        let x = LABEL + (BAR - len) / 2.0;
        let _ = write!(
            s,
            "<text x=\"{lx}\" y=\"{ty}\" text-anchor=\"end\">{label}</text>\
             <rect class=\"stage\" x=\"{x:.1}\" y=\"{y}\" width=\"{len:.1}\" height=\"22\"/>\
             <text x=\"{cx}\" y=\"{ty}\" text-anchor=\"middle\" class=\"on\">{n}</text>\
             <text x=\"{rx}\" y=\"{ty}\">{conv}</text>",
            lx = LABEL - 6.0,
            ty = y + 15.0,
            label = escape(label),
            cx = LABEL + BAR / 2.0,
            rx = LABEL + BAR + 8.0,
            conv = escape(conversion),
        );
    }
    s.push_str("</svg>");
    s
}

/// Totals (0–100) over the last periods, a line per rep. Series: (name, points by period).
pub fn trends(title: &str, periods: &[String], series: &[(String, Vec<Option<f64>>)]) -> String {
    let (w, h, left, top, plot_w, plot_h) = (640.0, 240.0, 40.0, 10.0, 440.0, 190.0);
    let n = periods.len().max(2) as f64 - 1.0;
    let x = |i: usize| left + plot_w * i as f64 / n;
    let y = |v: f64| top + plot_h * (1.0 - v.clamp(0.0, 100.0) / 100.0);
    let mut s = format!(
        "<svg class=\"chart\" role=\"img\" aria-label=\"{t}\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\">",
        t = escape(title)
    );
    for v in [0.0, 40.0, 70.0, 90.0, 100.0] {
        let _ = write!(
            s,
            "<line class=\"grid\" x1=\"{left}\" y1=\"{yy:.1}\" x2=\"{x2}\" y2=\"{yy:.1}\"/><text x=\"{tx}\" y=\"{ty:.1}\" text-anchor=\"end\">{v}</text>",
            yy = y(v),
            x2 = left + plot_w,
            tx = left - 4.0,
            ty = y(v) + 4.0,
        );
    }
    for (i, p) in periods.iter().enumerate() {
        let _ = write!(
            s,
            "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            x(i),
            top + plot_h + 16.0,
            escape(p)
        );
    }
    for (k, (name, points)) in series.iter().enumerate() {
        let class = format!("s{}", k % 8);
        let mut path = String::new();
        for (i, v) in points.iter().enumerate() {
            if let Some(v) = v {
                let _ = write!(path, "{:.1},{:.1} ", x(i), y(*v));
                let _ = write!(
                    s,
                    "<circle class=\"{class}\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"2.5\"/>",
                    x(i),
                    y(*v)
                );
            }
        }
        let _ = write!(
            s,
            "<polyline class=\"{class}\" points=\"{}\"/>",
            path.trim_end()
        );
        let _ = write!(
            s,
            "<text class=\"{class}\" x=\"{}\" y=\"{}\">{}</text>",
            left + plot_w + 12.0,
            top + 12.0 + 14.0 * k as f64,
            escape(name)
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
        let t = trends(
            &evil,
            std::slice::from_ref(&evil),
            &[(evil.clone(), vec![Some(50.0)])],
        );
        for svg in [bars, f, t] {
            assert!(!svg.contains("<script"), "{svg}");
            assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        }
    }
}
