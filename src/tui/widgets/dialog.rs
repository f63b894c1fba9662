//! Small yes/no dialogs.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::t;
use crate::tui::app::App;
use crate::tui::view::centred;

/// A new, empty database: would the user like demo data to look around?
pub fn draw_demo_offer(app: &App, frame: &mut Frame, area: Rect) {
    let text = vec![
        Line::from(t!("tui.demo_offer", path = app.db_path())),
        Line::from(""),
        Line::from(format!("{}    {}", t!("tui.demo_yes"), t!("tui.demo_no")))
            .style(app.theme.header),
    ];
    let r = centred(frame, area, 60, 8);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(t!("tui.demo_title"))
        .style(app.theme.dialog);
    frame.render_widget(
        Paragraph::new(text).wrap(Wrap { trim: true }).block(block),
        r,
    );
}

/// Delete this customer? (y/n)
pub fn draw_confirm_delete(app: &App, frame: &mut Frame, area: Rect) {
    let name = app.pending_delete.as_ref().map_or("", |(_, n)| n.as_str());
    let text = vec![
        Line::from(t!("tui.confirm_delete", name = name)),
        Line::from(""),
        Line::from(t!("tui.yes_no")).style(app.theme.header),
    ];
    let r = centred(frame, area, 56, 7);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(t!("tui.delete_title"))
        .style(app.theme.dialog);
    frame.render_widget(
        Paragraph::new(text).wrap(Wrap { trim: true }).block(block),
        r,
    );
}
