//! Drawing the shell from the App's state (the tab shown draws itself). Where things are is
//! in `layout`, shared with the mouse handler, so a click lands on what was drawn.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::t;
use crate::tui::app::{App, Dialog};
use crate::tui::layout::tab_label;
use crate::tui::tab::TabId;
use crate::tui::widgets;
use crate::tui::widgets::layout::{fit, fit_start, spread};

/// Below this there is no room for even one row of a table.
const MIN_WIDTH: u16 = 16;
const MIN_HEIGHT: u16 = 4;

pub fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let text = fit(t!("tui.too_small"), area.width as usize);
        frame.render_widget(Paragraph::new(text), area);
        return;
    }
    let tabs = Rect { height: 1, ..area };
    let body = Rect {
        y: area.y + 1,
        height: area.height - 2,
        ..area
    };
    let status = Rect {
        y: area.bottom() - 1,
        height: 1,
        ..area
    };
    draw_tabs(app, frame, tabs);
    app.current().draw(&app.look(), frame, body);
    draw_status(app, frame, status);
    if let Some(open) = &app.form {
        widgets::form::draw(&open.form, &app.theme, frame, area);
    }
    match &app.dialog {
        Some(Dialog::Help) => {
            let lines = app.keymap.help_lines(app.scopes());
            let rules = help_rules(app);
            let title = t!(app.tab.title_key());
            widgets::help::draw(&app.theme, &lines, &rules, title, frame, area);
        }
        Some(Dialog::DemoOffer) => {
            widgets::dialog::draw_demo_offer(&app.theme, &app.db_path(), frame, area)
        }
        Some(Dialog::Confirm(_, q)) => widgets::dialog::draw_confirm(&app.theme, q, frame, area),
        None => {}
    }
}

fn draw_tabs(app: &App, frame: &mut Frame, area: Rect) {
    let mut spans = Vec::new();
    for (i, tab) in TabId::ALL.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled("│", app.theme.dim));
        }
        let style = if *tab == app.tab {
            app.theme.tab_active
        } else {
            app.theme.tab
        };
        spans.push(Span::styled(tab_label(i, *tab), style));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn draw_status(app: &App, frame: &mut Frame, area: Rect) {
    let role = match (&app.actor.role, app.actor.can_write()) {
        (Some(r), true) => t!(r.label_key()),
        _ => t!("status.read_only"),
    };
    let right = format!(
        " {} · {} · {} ",
        app.actor.login,
        role,
        t!("status.help_hint")
    );
    let room = (area.width as usize).saturating_sub(right.width());
    let (left, style) = match &app.message {
        Some(m) => (format!(" {m}"), app.theme.error),
        // A long path keeps its end, the file name, which is what tells databases apart.
        None => (
            format!(" {}", fit_start(&app.db_path(), room.saturating_sub(1))),
            Style::new(),
        ),
    };
    let line = spread(Span::styled(left, style), Span::raw(right), area.width);
    frame.render_widget(Paragraph::new(line).style(app.theme.status), area);
}

/// The team's rules, for managers (who set them with `salestrack settings set`): the help is
/// where a manager looks for how the screens behave, and the rules decide which customers
/// are overdue and how many a rep may claim. Reps see their effects, not the switchboard.
fn help_rules(app: &App) -> Vec<String> {
    if !app.actor.is_manager() {
        return Vec::new();
    }
    match app.store.rules() {
        Ok(r) => widgets::help::rules_lines(&r),
        Err(_) => Vec::new(),
    }
}
