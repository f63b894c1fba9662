//! Scorecards come in a later release; until then the tab says so plainly.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Wrap};

use crate::t;
use crate::tui::app::App;

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let what = t!("tui.scorecards_later");
    let text = t!("tui.coming_later", what = what);
    let inner = Rect {
        y: area.y + area.height / 3,
        height: area.height - area.height / 3,
        ..area
    };
    let p = Paragraph::new(text)
        .style(app.theme.dim)
        .wrap(Wrap { trim: true })
        .centered();
    frame.render_widget(p, inner);
}
