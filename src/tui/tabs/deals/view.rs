//! The Deals tab: the pipeline by stage (count and total), then the deals a window at a time;
//! or one deal with its payments and what is still to collect.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::domain::DealStage;
use crate::domain::Scale;
use crate::store::deals::{Deal, Payment};
use crate::t;
use crate::tui::ctx::Look;
use crate::tui::tabs::deals::state::{DealsTab, PIPELINE_LINES};
use crate::tui::widgets::layout::fit;
use crate::tui::widgets::paged_table::{RowCells, TableLook, TableSpec, draw_table, opt};

const COLUMNS: &[(&str, Constraint)] = &[
    ("col.customer", Constraint::Min(12)),
    ("col.deal_title", Constraint::Min(10)),
    ("col.stage", Constraint::Length(11)),
    ("col.amount", Constraint::Length(14)),
    ("col.owner", Constraint::Length(10)),
    ("col.opened", Constraint::Length(10)),
];

impl RowCells for Deal {
    fn cells(&self, look: &TableLook) -> Vec<Span<'static>> {
        let d = self;
        vec![
            Span::raw(d.customer_name.clone()),
            Span::raw(d.title.clone()),
            Span::raw(t!(d.stage.label_key())),
            Span::raw(
                d.amount
                    .map(|a| a.display(look.currency))
                    .unwrap_or_default(),
            ),
            Span::raw(d.owner_name.clone()),
            Span::raw(d.opened_on.to_string()),
        ]
    }
}

pub fn draw(tab: &DealsTab, look: &Look, frame: &mut Frame, area: Rect) {
    if let Some((deal, payments)) = &tab.detail {
        return draw_detail(look, deal, payments, tab.payment_at, frame, area);
    }
    let pipeline_area = Rect {
        height: (PIPELINE_LINES as u16).min(area.height),
        ..area
    };
    draw_pipeline(tab, look, frame, pipeline_area);
    let list = Rect {
        y: area.y + pipeline_area.height,
        height: area.height - pipeline_area.height,
        ..area
    };
    let note = tab.stage.map(|s| t!(s.label_key()).to_string());
    let spec = TableSpec {
        columns: COLUMNS,
        empty: "tui.no_deals",
        note,
    };
    draw_table(&look.table(), frame, list, &tab.list, spec);
}

fn draw_pipeline(tab: &DealsTab, look: &Look, frame: &mut Frame, area: Rect) {
    let scope = match &tab.of {
        Some((_, login)) if *login == look.actor.login => t!("tui.quick_mine").to_string(),
        Some((_, login)) => login.clone(),
        None => t!("tui.team").to_string(),
    };
    let mut lines = vec![Line::from(Span::styled(
        fit(&t!("tui.pipeline", scope = scope), area.width as usize),
        look.theme.header,
    ))];
    let label_w = DealStage::ALL
        .iter()
        .map(|s| t!(s.label_key()).width())
        .max()
        .unwrap_or(0);
    for total in &tab.pipeline {
        let label = t!(total.stage.label_key());
        let pad = " ".repeat(label_w - label.width());
        // In Chinese the totals read in 万 and 亿, as people say them; in English exactly.
        let amount = match crate::i18n::money_scale() {
            crate::domain::Scale::Chinese => total.amount.short(look.currency, Scale::Chinese),
            crate::domain::Scale::Western => total.amount.display(look.currency),
        };
        let text = format!(" {label}{pad}  {:>6}  {amount:>18}", total.count);
        let style = if tab.stage == Some(total.stage) {
            look.theme.selected
        } else {
            look.theme.dialog
        };
        lines.push(Line::from(Span::styled(
            fit(&text, area.width as usize),
            style,
        )));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

fn draw_detail(
    look: &Look,
    d: &Deal,
    payments: &[Payment],
    at: usize,
    frame: &mut Frame,
    area: Rect,
) {
    let w = area.width as usize;
    let money = |m: Option<crate::domain::Money>| {
        m.map(|m| m.display(look.currency))
            .unwrap_or_else(|| t!("tui.none").to_string())
    };
    let mut lines = vec![
        Line::from(Span::styled(
            fit(&format!("{} — {}", d.title, d.customer_name), w),
            look.theme.tab_active,
        )),
        Line::from(fit(
            &format!(
                "{}: {}   {}: {}",
                t!("col.stage"),
                t!(d.stage.label_key()),
                t!("col.owner"),
                d.owner_name
            ),
            w,
        )),
        Line::from(fit(
            &format!(
                "{}: {}   {}: {}",
                t!("col.amount"),
                money(d.amount),
                t!("field.cost"),
                money(d.cost)
            ),
            w,
        )),
        Line::from(fit(
            &format!(
                "{}: {}   {}: {}",
                t!("col.opened"),
                d.opened_on,
                t!("col.won"),
                opt(&d.won_on)
            ),
            w,
        )),
    ];
    if let Some(reason) = &d.lost_reason {
        lines.push(Line::from(fit(
            &format!("{}: {reason}", t!("field.reason")),
            w,
        )));
    }
    lines.push(Line::from(Span::styled(
        t!("tui.payments"),
        look.theme.header,
    )));
    if payments.is_empty() {
        lines.push(Line::from(Span::styled(
            format!("  {}", t!("tui.none")),
            look.theme.dim,
        )));
    }
    for (i, p) in payments.iter().enumerate() {
        let mark = if i == at { "›" } else { " " };
        let text = format!(
            "{mark} {}  {:>18}",
            p.paid_on,
            p.amount.display(look.currency)
        );
        let style = if i == at {
            look.theme.selected
        } else {
            ratatui::style::Style::default()
        };
        lines.push(Line::from(Span::styled(text, style)));
    }
    if d.stage == DealStage::Won {
        lines.push(Line::from(Span::styled(
            t!(
                "msg.outstanding",
                amount = d.outstanding().display(look.currency)
            ),
            look.theme.header,
        )));
    }
    frame.render_widget(Paragraph::new(lines), area);
}
