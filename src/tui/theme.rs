//! Colours in one place. `NO_COLOR` (any value) or `theme = "mono"` turns them all off and
//! leaves only bold and reverse, so the screen still reads.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub tab: Style,
    pub tab_active: Style,
    pub header: Style,
    pub selected: Style,
    pub status: Style,
    pub overdue: Style,
    pub dim: Style,
    pub dialog: Style,
    pub error: Style,
}

impl Theme {
    pub fn colour() -> Theme {
        Theme {
            tab: Style::new().fg(Color::Gray),
            tab_active: Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            header: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            selected: Style::new().bg(Color::Blue).fg(Color::White),
            status: Style::new().fg(Color::Black).bg(Color::Gray),
            overdue: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            dim: Style::new().fg(Color::DarkGray),
            dialog: Style::new().fg(Color::White).bg(Color::Black),
            error: Style::new().fg(Color::Red),
        }
    }

    pub fn mono() -> Theme {
        let plain = Style::new();
        Theme {
            tab: plain,
            tab_active: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            header: plain.add_modifier(Modifier::BOLD),
            selected: plain.add_modifier(Modifier::REVERSED),
            status: plain.add_modifier(Modifier::REVERSED),
            overdue: plain.add_modifier(Modifier::BOLD),
            dim: plain,
            dialog: plain,
            error: plain.add_modifier(Modifier::BOLD),
        }
    }

    /// Mono when `NO_COLOR` is set (https://no-color.org) or the config asks for it.
    pub fn choose(no_color: bool, configured: &str) -> Theme {
        if no_color || configured == "mono" {
            Theme::mono()
        } else {
            Theme::colour()
        }
    }
}
