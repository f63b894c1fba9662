//! The `?` overlay: the keys of the current screen, made from the key table itself.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::t;
use crate::tui::app::App;
use crate::tui::view::{centred, fit};

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let lines = app.keymap.help_lines(&app.scopes());
    let key_width = lines.iter().map(|(k, _)| k.width()).max().unwrap_or(0);
    let mut text: Vec<Line> = lines
        .iter()
        .map(|(keys, help)| {
            let pad = " ".repeat(key_width - keys.width());
            Line::from(vec![
                Span::styled(format!(" {keys}{pad}  "), app.theme.header),
                Span::raw(t!(*help)),
            ])
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
