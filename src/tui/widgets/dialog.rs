//! Small yes/no dialogs.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::t;
use crate::tui::effect::Question;
use crate::tui::theme::Theme;
use crate::tui::widgets::layout::centred;

/// A new, empty database: would the user like demo data to look around?
pub fn draw_demo_offer(theme: &Theme, path: &str, frame: &mut Frame, area: Rect) {
    let text = vec![
        Line::from(t!("tui.demo_offer", path = path)),
        Line::from(""),
        Line::from(format!("{}    {}", t!("tui.demo_yes"), t!("tui.demo_no"))).style(theme.header),
    ];
    let r = centred(frame, area, 60, 8);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(t!("tui.demo_title"))
        .style(theme.dialog);
    frame.render_widget(
        Paragraph::new(text).wrap(Wrap { trim: true }).block(block),
        r,
    );
}

/// A tab's yes/no question: delete this customer? (y/n). A question of several lines (an
/// import's report) gets a dialog as tall and as wide as it needs, within the screen.
pub fn draw_confirm(theme: &Theme, q: &Question, frame: &mut Frame, area: Rect) {
    let mut text: Vec<Line> = q.text.lines().map(Line::from).collect();
    let several = text.len() > 1;
    text.push(Line::from(""));
    text.push(Line::from(t!("tui.yes_no")).style(theme.header));
    let block = Block::default()
        .borders(Borders::ALL)
        .title(q.title.as_str())
        .style(theme.dialog);
    let paragraph = Paragraph::new(text).wrap(Wrap { trim: true });
    let (width, height) = if several {
        // As many rows as its lines wrap to inside the borders, and the borders.
        let width = 76.min(area.width);
        let rows = paragraph.line_count(width.saturating_sub(2)) as u16;
        (width, rows + 2)
    } else {
        (56, 7)
    };
    let r = centred(frame, area, width, height);
    frame.render_widget(paragraph.block(block), r);
}
