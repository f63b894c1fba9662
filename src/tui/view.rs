//! Drawing, from the App's state only (no store calls here). The layout functions are shared
//! with the mouse handler, so a click lands on what was drawn.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::t;
use crate::tui::app::{App, Dialog, Tab};
use crate::tui::screens;
use crate::tui::widgets;

/// Below this there is no room for even one row of a table.
const MIN_WIDTH: u16 = 16;
const MIN_HEIGHT: u16 = 4;

/// Rows of a table that fit: the tab bar, the table header, the info line and the status
/// line take one each.
pub fn table_rows(height: u16) -> usize {
    height.saturating_sub(4) as usize
}

/// The table line (0-based) under screen row `row`, if any.
pub fn table_line_at(height: u16, row: u16) -> Option<usize> {
    let line = row.checked_sub(2)? as usize;
    (line < table_rows(height)).then_some(line)
}

fn tab_label(i: usize, tab: Tab) -> String {
    format!(" {} {} ", i + 1, t!(tab.title_key()))
}

/// The tab under column `x` of the tab bar.
pub fn tab_at(x: u16) -> Option<usize> {
    let mut start = 0u16;
    for (i, tab) in Tab::ALL.iter().enumerate() {
        let end = start.saturating_add(tab_label(i, *tab).width() as u16);
        if x >= start && x < end {
            return Some(i);
        }
        start = end.saturating_add(1); // the separator
    }
    None
}

/// `s` cut to `width` display columns (CJK counts two), with `…` where it was cut.
pub fn fit(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

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
    match app.tab {
        Tab::Customers => screens::customers::draw(app, frame, body),
        Tab::Visits => screens::visits::draw(app, frame, body),
        Tab::Deals => screens::deals::draw(app, frame, body),
        Tab::Targets => screens::targets::draw(app, frame, body),
        Tab::Scorecards => screens::scorecards::draw(app, frame, body),
    }
    draw_status(app, frame, status);
    if let Some((_, form)) = &app.form {
        widgets::form::draw(form, &app.theme, frame, area);
    }
    match app.dialog {
        Some(Dialog::Help) => widgets::help::draw(app, frame, area),
        Some(Dialog::DemoOffer) => widgets::dialog::draw_demo_offer(app, frame, area),
        Some(Dialog::ConfirmDelete) => widgets::dialog::draw_confirm_delete(app, frame, area),
        None => {}
    }
}

fn draw_tabs(app: &App, frame: &mut Frame, area: Rect) {
    let mut spans = Vec::new();
    for (i, tab) in Tab::ALL.iter().enumerate() {
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

/// `left` at the start and `right` at the end of a line `width` wide; `right` wins the room
/// and `left` is cut to what is left.
pub fn spread<'a>(left: Span<'a>, right: Span<'a>, width: u16) -> Line<'a> {
    let width = width as usize;
    let right = Span::styled(fit(&right.content, width), right.style);
    let room = width.saturating_sub(right.width());
    let left = Span::styled(fit(&left.content, room), left.style);
    let pad = room.saturating_sub(left.width());
    Line::from(vec![left, Span::raw(" ".repeat(pad)), right])
}

/// `s` cut from the start to `width` columns: `…/cache/team.db`.
fn fit_start(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let mut kept: Vec<char> = Vec::new();
    let mut used = 1; // the ellipsis
    for c in s.chars().rev() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width {
            break;
        }
        kept.push(c);
        used += w;
    }
    std::iter::once('…').chain(kept.into_iter().rev()).collect()
}

/// A box in the middle of `area`, cleared, for a dialog: every pop-up comes through here, so
/// none is drawn over half a wide character (see `widgets::popup`).
pub fn centred(frame: &mut Frame, area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    let r = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    };
    widgets::popup::clear_under(frame.buffer_mut(), r);
    r
}
