//! The `?` overlay: the keys of the current screen, made from the key table itself. When the
//! list is taller than the window, it is laid out in two columns (cut to fit), so every key
//! stays on screen at 80×24.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::t;
use crate::tui::app::App;
use crate::tui::view::{centred, fit};

/// One help entry: the keys padded to `key_width`, then what they do.
fn entry(keys: &str, help: &str, key_width: usize) -> (String, String) {
    let pad = " ".repeat(key_width.saturating_sub(keys.width()));
    (format!(" {keys}{pad}  "), t!(help).to_string())
}

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let lines = app.keymap.help_lines(&app.scopes());
    let key_width = lines.iter().map(|(k, _)| k.width()).max().unwrap_or(0);
    let entries: Vec<(String, String)> =
        lines.iter().map(|(k, h)| entry(k, h, key_width)).collect();
    // Borders, a blank line and the closing hint take four rows.
    let room = (area.height as usize).saturating_sub(4).max(1);
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
                    spans.push(Span::styled(k.clone(), app.theme.header));
                    spans.push(Span::raw(format!("{help}{pad}")));
                }
            }
            Line::from(spans)
        })
        .collect();
    text.push(Line::from(""));
    text.push(Line::from(Span::styled(
        format!(" {}", t!("help.close")),
        app.theme.dim,
    )));
    let width = text.iter().map(Line::width).max().unwrap_or(20) as u16 + 3;
    let r = centred(frame, area, width, text.len() as u16 + 2);
    let title = fit(
        &t!("help.title", screen = t!(app.tab.title_key())),
        r.width.saturating_sub(2) as usize,
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .title(title)
        .style(app.theme.dialog);
    frame.render_widget(Paragraph::new(text).block(block), r);
}
