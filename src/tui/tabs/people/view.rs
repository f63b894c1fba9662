//! Draws the People tab: the reps by team, or the audit log.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::t;
use crate::tui::ctx::Look;
use crate::tui::widgets::layout::{cell, fit};

use super::PeopleTab;

pub fn draw(tab: &PeopleTab, look: &Look, frame: &mut Frame, area: Rect) {
    if let Some(entries) = &tab.audit {
        return draw_audit(tab, entries, look, frame, area);
    }
    let w = area.width as usize;
    let mut title = t!("tui.people", count = tab.rows.len()).to_string();
    if tab.loading {
        title = format!("{title} · {}", t!("tui.loading"));
    }
    let mut lines = vec![Line::from(Span::styled(fit(&title, w), look.theme.header))];
    if let Some(why) = &tab.refused {
        lines.push(Line::from(Span::styled(fit(why, w), look.theme.error)));
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    // Team, name, login, role, joined, left, customers, due, this month: 76 cells with the
    // mark, so the row fits 80 columns.
    let widths = [7, 8, 11, 7, 10, 10, 5, 4, 5];
    let head = [
        t!("col.team"),
        t!("col.name"),
        t!("col.login"),
        t!("col.role"),
        t!("col.joined"),
        t!("col.left"),
        t!("col.customers"),
        t!("col.due"),
        t!("col.month_done"),
    ];
    let row = |cells: Vec<String>| {
        cells
            .iter()
            .zip(widths)
            .map(|(c, w)| cell(c, w, false))
            .collect::<Vec<_>>()
            .join(" ")
    };
    lines.push(Line::from(Span::styled(
        fit(&row(head.iter().map(|h| h.to_string()).collect()), w),
        look.theme.header,
    )));
    let height = area.height.saturating_sub(2) as usize;
    let first = tab.row.saturating_sub(height.saturating_sub(1));
    for (i, p) in tab.rows.iter().enumerate().skip(first).take(height) {
        let r = &p.rep;
        let text = row(vec![
            r.team.clone(),
            r.name.clone(),
            r.login.clone(),
            t!(r.role.label_key()).to_string(),
            r.joined_on.map(|d| d.to_string()).unwrap_or_default(),
            r.left_on.map(|d| d.to_string()).unwrap_or_default(),
            p.customers.to_string(),
            p.due.to_string(),
            p.completion
                .map(|c| format!("{:.0}%", c * 100.0))
                .unwrap_or_else(|| "—".into()),
        ]);
        let style = if i == tab.row {
            look.theme.selected
        } else if r.left_on.is_some() {
            look.theme.dim
        } else {
            look.theme.dialog
        };
        let mark = if i == tab.row { "›" } else { " " };
        lines.push(Line::from(Span::styled(
            fit(&format!("{mark}{text}"), w),
            style,
        )));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn draw_audit(
    tab: &PeopleTab,
    entries: &[crate::store::audit::AuditEntry],
    look: &Look,
    frame: &mut Frame,
    area: Rect,
) {
    let w = area.width as usize;
    let mut lines = vec![Line::from(Span::styled(
        fit(&t!("tui.audit", count = entries.len()), w),
        look.theme.header,
    ))];
    let height = area.height.saturating_sub(1) as usize;
    for e in entries.iter().skip(tab.audit_at).take(height) {
        let at = e.at.get(..16).unwrap_or(&e.at).replace('T', " ");
        let who = match &e.acting_as {
            Some(real) => format!("{} ({real})", e.who),
            None => e.who.clone(),
        };
        let text = format!(
            "{at}  {}  {}  {}",
            cell(&who, 10, false),
            cell(&e.action, 12, false),
            e.detail.clone().unwrap_or_default()
        );
        lines.push(Line::from(fit(&text, w)));
    }
    frame.render_widget(Paragraph::new(lines), area);
}
