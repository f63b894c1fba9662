//! One customer in full: fields, contacts, the latest visits, deals and the owners it had.
//! Sections are cut to the room there is, the latest first.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::store::customers::detail::CustomerDetail;
use crate::t;
use crate::tui::ctx::Look;
use crate::tui::widgets::layout::fit;

fn or_dash(v: &Option<String>) -> String {
    v.clone().unwrap_or_else(|| t!("tui.none").to_string())
}

/// `contact_at`: the highlighted contact.
pub fn draw(look: &Look, d: &CustomerDetail, contact_at: usize, frame: &mut Frame, area: Rect) {
    let c = &d.customer;
    let w = area.width as usize;
    let theme = look.theme;
    let heading = |key: String| Line::from(Span::styled(fit(&key, w), theme.header));
    let owner = c.owner_login.as_deref().map_or_else(
        || t!("status.pool").to_string(),
        |l| d.name_of(l).to_string(),
    );
    let date = |v: Option<chrono::NaiveDate>| {
        v.map(|d| d.to_string())
            .unwrap_or_else(|| t!("tui.none").to_string())
    };
    // Fields two to a line: (label key, value).
    let fields: Vec<(&str, String)> = vec![
        ("field.grade", crate::messages::grade_label(c.grade)),
        ("field.stage", t!(c.stage.label_key()).to_string()),
        ("field.owner", owner),
        ("field.region", or_dash(&c.region)),
        ("field.city", or_dash(&c.city)),
        ("field.industry", or_dash(&c.industry)),
        ("field.size", or_dash(&c.size)),
        (
            "field.source",
            or_dash(&c.source.as_deref().map(crate::messages::source_label)),
        ),
        ("field.tags", or_dash(&c.tags)),
        ("tui.col_last_visit", date(c.last_visit_on)),
        ("field.next", date(c.next_follow_up)),
        ("field.phone", or_dash(&c.phone)),
        ("field.mobile", or_dash(&c.mobile)),
        ("field.email", or_dash(&c.email)),
        ("field.website", or_dash(&c.website)),
        ("field.address", or_dash(&c.address)),
        ("field.notes", or_dash(&c.notes)),
    ];
    let label_w = fields
        .iter()
        .map(|(k, _)| t!(*k).width())
        .max()
        .unwrap_or(0);
    let half = w / 2;
    let cell = |(k, v): &(&str, String), width: usize| {
        let label = t!(*k);
        fit(
            &format!("{label}{} {v}", " ".repeat(label_w - label.width())),
            width.saturating_sub(1),
        )
    };
    let mut lines = vec![
        Line::from(Span::styled(fit(&c.name, w), theme.tab_active)),
        heading(t!("tui.detail_fields").to_string()),
    ];
    for pair in fields.chunks(2) {
        let left = cell(&pair[0], half);
        let right = pair.get(1).map(|f| cell(f, w - half)).unwrap_or_default();
        let pad = " ".repeat(half.saturating_sub(left.width()));
        lines.push(Line::from(format!("{left}{pad}{right}")));
    }
    // `highlight`: the row the keys act on (the contacts' cursor).
    let mut section = |title: String, rows: Vec<String>, highlight: Option<usize>| {
        lines.push(heading(title));
        if rows.is_empty() {
            lines.push(Line::from(Span::styled(
                format!("  {}", t!("tui.none")),
                theme.dim,
            )));
        }
        for (i, r) in rows.into_iter().enumerate() {
            let line = Line::from(fit(&format!("  {r}"), w));
            lines.push(if Some(i) == highlight {
                line.style(theme.selected)
            } else {
                line
            });
        }
    };
    section(
        t!("tui.detail_contacts").to_string(),
        d.contacts
            .iter()
            .map(|k| {
                let role = k.purchase_role.map(|r| t!(r.label_key())).unwrap_or("");
                let personality = k.personality.map(|p| t!(p.label_key())).unwrap_or("");
                let phone = k.phone.clone().unwrap_or_default();
                format!(
                    "{}  {}  {role} {personality}  {phone}",
                    k.name,
                    k.title.clone().unwrap_or_default()
                )
            })
            .collect(),
        Some(contact_at),
    );
    section(
        t!("tui.detail_visits", count = d.visit_count),
        d.visits
            .iter()
            .map(|v| {
                format!(
                    "{} {}  {}  {}",
                    v.date,
                    t!(v.kind.label_key()),
                    v.author_name,
                    v.summary
                )
            })
            .collect(),
        None,
    );
    section(
        t!("tui.detail_deals").to_string(),
        d.deals
            .iter()
            .map(|x| {
                let amount = x
                    .amount
                    .map(|a| a.display(look.currency))
                    .unwrap_or_default();
                format!(
                    "{} {}  {}  {amount}  {}",
                    x.opened_on,
                    t!(x.stage.label_key()),
                    x.title,
                    d.name_of(&x.owner_login)
                )
            })
            .collect(),
        None,
    );
    section(
        t!("tui.detail_history").to_string(),
        d.history
            .iter()
            .rev()
            .map(|h| {
                let pool = t!("status.pool");
                let from = h.from_login.as_deref().map_or(pool, |l| d.name_of(l));
                let to = h.to_login.as_deref().map_or(pool, |l| d.name_of(l));
                format!(
                    "{} {} → {}  {}  ({})",
                    &h.changed_at[..10.min(h.changed_at.len())],
                    from,
                    to,
                    t!(h.why.label_key()),
                    d.name_of(&h.changed_by)
                )
            })
            .collect(),
        None,
    );
    frame.render_widget(Paragraph::new(lines), area);
}
