//! The agenda on the Visits tab (README, The agenda): the rep's follow-ups, each with its true
//! reason, to work from. It scrolls and a row is selected; `Enter` opens the customer, `a`
//! logs a visit on it, and `r` runs through them one by one: a card per customer and one key
//! per outcome, which logs the call and sets the next follow-up.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::domain::{CallOutcome, Money};
use crate::store::customers::agenda::{AgendaItem, Card, Why};
use crate::t;
use crate::tui::ctx::{Ctx, Look};
use crate::tui::effect::Effect;
use crate::tui::keymap::Action;
use crate::tui::widgets::layout::{cell, fit};

/// Stepping through the agenda: where, what the card shows, and a typed next follow-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub card: Card,
    /// The next follow-up typed with `d`; None: the grade's cadence.
    pub next: Option<NaiveDate>,
    /// Calls logged in this run.
    pub logged: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Agenda {
    pub items: Vec<AgendaItem>,
    pub selected: usize,
    /// Rows that fit under the title.
    pub height: usize,
    pub run: Option<Run>,
}

/// What a key on the agenda asks of the tab beyond the agenda itself.
pub enum Asked {
    Done(Effect),
    /// `a`: the quick add, on this customer.
    AddVisit(String, String),
    /// `d` in run mode: the next follow-up's form.
    NextDate(Option<NaiveDate>),
    /// `Esc` on the list: back to the visit log.
    Close,
}

impl Agenda {
    pub fn new(items: Vec<AgendaItem>) -> Agenda {
        Agenda {
            items,
            ..Agenda::default()
        }
    }

    pub fn current(&self) -> Option<&AgendaItem> {
        self.items.get(self.selected)
    }

    /// The first row shown: the selection stays in view.
    fn offset(&self) -> usize {
        let h = self.height.max(1);
        self.selected.saturating_sub(h - 1)
    }

    pub fn on_action(&mut self, ctx: &mut Ctx, action: Action) -> Asked {
        if self.run.is_some() {
            return self.on_run(ctx, action);
        }
        if let Some(at) = action.moved(self.selected, self.items.len(), self.height) {
            self.selected = at;
            return Asked::Done(Effect::None);
        }
        match action {
            Action::Back => return Asked::Close,
            Action::Open => {
                if let Some(i) = self.current() {
                    return Asked::Done(Effect::OpenCustomer(i.id.clone()));
                }
            }
            Action::Add => {
                if let Some(refused) = ctx.refuse_read_only() {
                    return Asked::Done(refused);
                }
                if let Some(i) = self.current() {
                    return Asked::AddVisit(i.id.clone(), i.name.clone());
                }
            }
            Action::Run => {
                if let Some(refused) = ctx.refuse_read_only() {
                    return Asked::Done(refused);
                }
                return Asked::Done(self.load_card(ctx));
            }
            _ => {}
        }
        Asked::Done(Effect::None)
    }

    fn on_run(&mut self, ctx: &mut Ctx, action: Action) -> Asked {
        match action {
            Action::Back => self.run = None,
            Action::Skip => {
                if self.selected + 1 < self.items.len() {
                    self.selected += 1;
                    let logged = self.run.as_ref().map_or(0, |r| r.logged);
                    let effect = self.load_card(ctx);
                    if let Some(run) = self.run.as_mut() {
                        run.logged = logged;
                    }
                    return Asked::Done(effect);
                }
                self.run = None;
            }
            Action::Edit => return Asked::NextDate(self.run.as_ref().and_then(|r| r.next)),
            Action::Outcome(outcome) => return Asked::Done(self.log(ctx, outcome)),
            _ => {}
        }
        Asked::Done(Effect::None)
    }

    /// The card of the selected customer (a few small reads: contacts, three visits, deals).
    fn load_card(&mut self, ctx: &mut Ctx) -> Effect {
        let Some(item) = self.current() else {
            self.run = None;
            return Effect::None;
        };
        match ctx.store.agenda_card(&item.id) {
            Ok(card) => {
                self.run = Some(Run {
                    card,
                    next: None,
                    logged: 0,
                });
                Effect::None
            }
            Err(e) => Effect::Message(e.to_string()),
        }
    }

    /// Logs the call and moves on: the customer leaves the agenda, the next one's card shows.
    fn log(&mut self, ctx: &mut Ctx, outcome: CallOutcome) -> Effect {
        let (Some(item), Some(run)) = (self.current().cloned(), self.run.clone()) else {
            return Effect::None;
        };
        let saved = ctx
            .store
            .outcome_visit(&item.id, outcome, run.next)
            .and_then(|v| ctx.store.add_visit(ctx.actor, v));
        if let Err(e) = saved {
            return Effect::Message(e.to_string());
        }
        self.items.remove(self.selected);
        let logged = run.logged + 1;
        if self.selected >= self.items.len() {
            self.run = None;
            self.selected = self.items.len().saturating_sub(1);
        } else {
            let _ = self.load_card(ctx);
            if let Some(r) = self.run.as_mut() {
                r.logged = logged;
            }
        }
        let next = ctx
            .store
            .customer(&item.id)
            .ok()
            .and_then(|c| c.next_follow_up)
            .map(|d| d.to_string())
            .unwrap_or_default();
        Effect::Changed(
            t!(
                "tui.run_logged",
                outcome = t!(outcome.label_key()),
                name = item.name,
                next = next
            )
            .to_string(),
        )
    }

    pub fn set_next(&mut self, next: Option<NaiveDate>) {
        if let Some(run) = self.run.as_mut() {
            run.next = next;
        }
    }
}

/// Why, as the agenda's first column says it.
fn why_label(why: Why) -> String {
    match why {
        Why::Overdue => t!("msg.due_overdue").to_string(),
        Why::Today => t!("msg.due_today").to_string(),
        Why::PoolSoon(_) => t!("msg.due_pool").to_string(),
    }
}

fn pool_note(days: Option<i64>) -> String {
    match days {
        Some(0) => t!("tui.pool_next_sweep").to_string(),
        Some(n) => t!("tui.pool_in", days = n).to_string(),
        None => String::new(),
    }
}

pub fn draw(a: &Agenda, look: &Look, frame: &mut Frame, area: Rect) {
    if let Some(run) = &a.run {
        return draw_card(a, run, look, frame, area);
    }
    let w = area.width as usize;
    let mut lines = vec![Line::from(Span::styled(
        fit(&t!("tui.agenda", count = a.items.len()), w),
        look.theme.header,
    ))];
    if a.items.is_empty() {
        lines.push(Line::from(Span::styled(
            format!("  {}", t!("tui.agenda_empty")),
            look.theme.dim,
        )));
    }
    // Columns: the reason, the grade, the name (what is left), the next follow-up, the pool.
    let why_w = [Why::Overdue, Why::Today, Why::PoolSoon(0)]
        .map(|y| why_label(y).width())
        .into_iter()
        .max()
        .unwrap_or(8);
    let pool_w = a
        .items
        .iter()
        .map(|r| pool_note(r.pool_in).width())
        .max()
        .unwrap_or(0);
    let name_w = w
        .saturating_sub(2 + why_w + 5 + 2 + 10 + 2 + pool_w + 1)
        .max(8);
    let shown = a.items.iter().enumerate().skip(a.offset()).take(a.height);
    for (i, r) in shown {
        let next = r.next_follow_up.map_or("—".to_string(), |d| d.to_string());
        let mark = if i == a.selected { "›" } else { " " };
        let text = format!(
            "{mark} {}  {}  {}  {}  {}",
            cell(&why_label(r.why), why_w, false),
            r.grade.code(),
            cell(&r.name, name_w, false),
            cell(&next, 10, false),
            pool_note(r.pool_in)
        );
        let style = if i == a.selected {
            look.theme.selected
        } else if r.why == Why::Overdue {
            look.theme.overdue
        } else {
            look.theme.dialog
        };
        lines.push(Line::from(Span::styled(fit(text.trim_end(), w), style)));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// Run mode: one customer's card and the keys for the outcome.
fn draw_card(a: &Agenda, run: &Run, look: &Look, frame: &mut Frame, area: Rect) {
    let Some(item) = a.current() else {
        return;
    };
    let w = area.width as usize;
    let sign = look.currency;
    let head = |s: String| Line::from(Span::styled(fit(&s, w), look.theme.header));
    let line = |s: String| Line::from(fit(&s, w));
    let mut lines = vec![head(
        t!(
            "tui.run_title",
            at = a.selected + 1,
            count = a.items.len(),
            logged = run.logged
        )
        .to_string(),
    )];
    lines.push(Line::from(vec![
        Span::styled(
            format!("{} ({}) ", item.name, item.grade.code()),
            look.theme.header.add_modifier(Modifier::BOLD),
        ),
        Span::raw(format!(
            "{} {}",
            why_label(item.why),
            pool_note(item.pool_in)
        )),
    ]));
    lines.push(head(t!("tui.run_contacts").to_string()));
    if run.card.contacts.is_empty() {
        lines.push(Line::from(Span::styled("  —", look.theme.dim)));
    }
    for c in run.card.contacts.iter().take(3) {
        let role = c.purchase_role.map(|r| t!(r.label_key()).to_string());
        let kind = c.personality.map(|p| t!(p.label_key()).to_string());
        let about: Vec<String> = [role, kind, c.phone.clone()]
            .into_iter()
            .flatten()
            .collect();
        lines.push(line(format!("  {}  {}", c.name, about.join(" · "))));
    }
    lines.push(head(t!("tui.run_visits").to_string()));
    if run.card.visits.is_empty() {
        lines.push(Line::from(Span::styled("  —", look.theme.dim)));
    }
    for v in &run.card.visits {
        lines.push(line(format!(
            "  {} {} {}",
            v.date,
            t!(v.kind.label_key()),
            v.summary
        )));
    }
    lines.push(head(t!("tui.run_deals").to_string()));
    for d in &run.card.open_deals {
        let amount = d.amount.map(|m| m.display(sign)).unwrap_or_default();
        lines.push(line(format!(
            "  {}  {amount}  {}",
            d.title,
            t!(d.stage.label_key())
        )));
    }
    if run.card.open_deals.is_empty() {
        lines.push(Line::from(Span::styled("  —", look.theme.dim)));
    }
    if run.card.outstanding > Money::ZERO {
        lines.push(line(
            t!(
                "tui.run_outstanding",
                amount = run.card.outstanding.display(sign)
            )
            .to_string(),
        ));
    }
    let next = match run.next {
        Some(d) => d.to_string(),
        None => t!("tui.run_next_cadence").to_string(),
    };
    lines.push(line(t!("tui.run_next", next = next).to_string()));
    let keys = CallOutcome::ALL
        .iter()
        .map(|o| format!("{} {}", outcome_key(*o), t!(o.label_key())))
        .collect::<Vec<_>>()
        .join("  ");
    lines.push(Line::from(Span::styled(fit(&keys, w), look.theme.selected)));
    lines.push(Line::from(Span::styled(
        fit(t!("tui.run_keys"), w),
        look.theme.dim,
    )));
    frame.render_widget(Paragraph::new(lines), area);
}

/// The key shown for an outcome (the keymap's default; the help lists any override).
fn outcome_key(o: CallOutcome) -> &'static str {
    match o {
        CallOutcome::Reached => "r",
        CallOutcome::NoAnswer => "n",
        CallOutcome::CallBack => "c",
        CallOutcome::MeetingSet => "m",
    }
}
