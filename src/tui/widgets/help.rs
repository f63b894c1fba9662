//! The `?` overlay: the keys of the current screen, made from the key table itself. When the
//! list is taller than the window, it is laid out in two columns (cut to fit), so every key
//! stays on screen at 80×24. Managers also see the team's rules (`rules_lines`).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::store::Rules;
use crate::t;
use crate::tui::theme::Theme;
use crate::tui::widgets::layout::{centred, fit};

/// One help entry: the keys padded to `key_width`, then what they do.
fn entry(keys: &str, help: &str, key_width: usize) -> (String, String) {
    let pad = " ".repeat(key_width.saturating_sub(keys.width()));
    (format!(" {keys}{pad}  "), t!(help).to_string())
}

/// `lines`: (keys, help message) of the screen `screen`; `rules`: the team's rules, shown
/// to managers (empty for others).
pub fn draw(
    theme: &Theme,
    lines: &[(String, &str)],
    rules: &[String],
    screen: &str,
    frame: &mut Frame,
    area: Rect,
) {
    let key_width = lines.iter().map(|(k, _)| k.width()).max().unwrap_or(0);
    let entries: Vec<(String, String)> =
        lines.iter().map(|(k, h)| entry(k, h, key_width)).collect();
    // Borders, a blank line and the closing hint take four rows; the rules theirs and one.
    let extra = if rules.is_empty() { 0 } else { rules.len() + 1 };
    let room = (area.height as usize).saturating_sub(4 + extra).max(1);
    let columns = if entries.len() > room { 2 } else { 1 };
    let rows = entries.len().div_ceil(columns);
    let widest = entries
        .iter()
        .map(|(k, h)| k.width() + h.width())
        .max()
        .unwrap_or(20);
    let column_width = widest.min((area.width as usize).saturating_sub(4) / columns);
    let mut text: Vec<Line> = (0..rows)
        .map(|r| {
            let mut spans = Vec::new();
            for c in 0..columns {
                if let Some((k, h)) = entries.get(c * rows + r) {
                    let help = fit(h, column_width.saturating_sub(k.width()));
                    let pad = " ".repeat(column_width.saturating_sub(k.width() + help.width()));
                    spans.push(Span::styled(k.clone(), theme.header));
                    spans.push(Span::raw(format!("{help}{pad}")));
                }
            }
            Line::from(spans)
        })
        .collect();
    if !rules.is_empty() {
        // Cut to the window like the keys: the help never grows wider than the screen.
        let room = (area.width as usize).saturating_sub(6);
        text.push(Line::from(""));
        for (i, line) in rules.iter().enumerate() {
            let style = if i == 0 {
                theme.header
            } else {
                Style::default()
            };
            text.push(Line::from(Span::styled(
                format!(" {}", fit(line, room)),
                style,
            )));
        }
    }
    text.push(Line::from(""));
    text.push(Line::from(Span::styled(
        format!(" {}", t!("help.close")),
        theme.dim,
    )));
    let width = text.iter().map(Line::width).max().unwrap_or(20) as u16 + 3;
    let r = centred(frame, area, width, text.len() as u16 + 2);
    let title = fit(
        &t!("help.title", screen = screen),
        r.width.saturating_sub(2) as usize,
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .title(title)
        .style(theme.dialog);
    frame.render_widget(Paragraph::new(text).block(block), r);
}

/// The team's rules as the help lists them.
pub fn rules_lines(r: &Rules) -> Vec<String> {
    let days = r.pool.days_without_visit;
    let pool = if r.pool.enabled {
        t!("settings.pool_on", days = days)
    } else {
        t!("settings.pool_off", days = days)
    };
    let c = r.cadence;
    [
        t!("settings.tui_title").to_string(),
        format!(
            "  {}",
            t!(
                "settings.tui_claim",
                claim = r.claim_limit,
                currency = r.currency
            )
        ),
        format!(
            "  {}",
            t!("settings.tui_cadence", a = c.a, b = c.b, c = c.c, d = c.d)
        ),
        format!("  {}", t!("settings.tui_pool", pool = pool)),
    ]
    // The currency is stored text: shown, never obeyed by the terminal.
    .map(|l| crate::domain::text::printable_cell(&l).into_owned())
    .to_vec()
}
