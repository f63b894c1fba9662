//! The `?` overlay: the keys of the current screen, made from the key table itself. When the
//! list is taller than the window, it is laid out in two columns (cut to fit), so every key
//! stays on screen at 80×24. Managers also see the team's rules (`rules_lines`).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
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
    let rules = rules_lines(app);
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
                    spans.push(Span::styled(k.clone(), app.theme.header));
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
                app.theme.header
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

/// The team's rules, for managers (who set them with `salestrack settings set`): the help is
/// where a manager looks for how the screens behave, and the rules decide which customers
/// are overdue and how many a rep may claim. Reps see their effects, not the switchboard.
fn rules_lines(app: &App) -> Vec<String> {
    if !app.actor.is_manager() {
        return Vec::new();
    }
    let Ok(r) = app.store.rules() else {
        return Vec::new();
    };
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
