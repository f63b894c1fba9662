//! What the Deals tab's keys do: a deal and its payments, add, edit, win, lose, record a
//! payment, the stage filter and whose deals.

use crate::domain::DealStage;
use crate::t;
use crate::tui::ctx::Ctx;
use crate::tui::effect::Effect;
use crate::tui::effect::Question;
use crate::tui::keymap::Action;
use crate::tui::tabs::deals::forms::{deal_form, money_text};
use crate::tui::tabs::deals::state::DealsTab;
use crate::tui::tabs::deals::state::{Confirm, Purpose};
use crate::tui::widgets::form::{Field, Form};

impl DealsTab {
    pub(super) fn on_action(&mut self, ctx: &mut Ctx, action: Action) -> Effect {
        let detail = self.detail.is_some();
        if !detail {
            if let Some(moved) = self.list.navigate(action) {
                return if moved { self.fetch(ctx) } else { Effect::None };
            }
        }
        let today = ctx.today().to_string();
        match action {
            Action::Back if detail => {
                self.detail = None;
                Effect::None
            }
            Action::Edit => match self.current() {
                Some(d) => {
                    let form = deal_form("tui.form_deal_edit", Some(&d));
                    self.open(Purpose::Edit(d.id), form)
                }
                None => Effect::None,
            },
            Action::Win => match self.current() {
                Some(d) => {
                    // The cost is asked for here: gross profit counts only deals with one.
                    let fields = vec![
                        Field::text("date", today),
                        Field::text("amount", money_text(d.amount)),
                        Field::text("cost", money_text(d.cost)),
                    ];
                    self.open(Purpose::Win(d.id), Form::new("tui.form_deal_win", fields))
                }
                None => Effect::None,
            },
            Action::Lose => match self.current() {
                Some(d) => {
                    let form = Form::new("tui.form_deal_lose", vec![Field::text("reason", "")]);
                    self.open(Purpose::Lose(d.id), form)
                }
                None => Effect::None,
            },
            // A deposit is a payment dated before the win, said so (`deposit`: yes).
            Action::Pay => match self.current() {
                Some(d) => {
                    let no_yes = [("no", t!("tui.no")), ("yes", t!("tui.yes"))]
                        .map(|(code, label)| (code.to_string(), label.to_string()));
                    let fields = vec![
                        Field::text("amount", d.outstanding().to_string()),
                        Field::text("date", today),
                        Field::choice("deposit", no_yes.to_vec(), "no"),
                    ];
                    self.open(
                        Purpose::Pay(d.id),
                        Form::new("tui.form_payment_add", fields),
                    )
                }
                None => Effect::None,
            },
            Action::Down | Action::Up if detail => {
                let n = self.detail.as_ref().map_or(0, |(_, p)| p.len());
                if let Some(at) = action.moved(self.payment_at, n, 1) {
                    self.payment_at = at;
                }
                Effect::None
            }
            Action::Open if detail => match self.selected_payment() {
                Some(p) => {
                    let fields = vec![
                        Field::text("amount", p.amount.to_string()),
                        Field::text("date", p.paid_on.to_string()),
                    ];
                    self.open(
                        Purpose::EditPayment(p.id),
                        Form::new("tui.form_payment_edit", fields),
                    )
                }
                None => Effect::None,
            },
            Action::Delete if detail => match self.selected_payment() {
                Some(p) => {
                    let text = t!(
                        "tui.confirm_payment_delete",
                        amount = p.amount.display(ctx.currency),
                        date = p.paid_on
                    )
                    .to_string();
                    self.confirm = Some(Confirm::DeletePayment(p.id));
                    Effect::Ask(Question {
                        title: t!("tui.delete_title").to_string(),
                        text,
                    })
                }
                None => Effect::None,
            },
            Action::Reopen if detail => match self.current() {
                Some(d) => {
                    let text = t!("tui.confirm_reopen", deal = d.title).to_string();
                    self.confirm = Some(Confirm::Reopen(d.id));
                    Effect::Ask(Question {
                        title: t!("tui.reopen_title").to_string(),
                        text,
                    })
                }
                None => Effect::None,
            },
            _ if detail => Effect::None,
            Action::StartFilter => Effect::StartFilter,
            Action::Open => self.open_deal(ctx),
            Action::Add => match ctx.refuse_read_only() {
                Some(refused) => refused,
                None => self.open(Purpose::Add, deal_form("tui.form_deal_add", None)),
            },
            Action::QuickFilter => {
                let i = self.stage.map_or(0, |s| {
                    DealStage::ALL.iter().position(|x| *x == s).unwrap_or(0) + 1
                });
                self.stage = DealStage::ALL.get(i).copied();
                self.list.rewind();
                self.read(ctx)
            }
            Action::Mine => {
                self.of = self.next_scope(ctx);
                self.list.rewind();
                self.read(ctx)
            }
            _ => Effect::None,
        }
    }

    fn selected_payment(&self) -> Option<crate::store::deals::Payment> {
        self.detail
            .as_ref()
            .and_then(|(_, p)| p.get(self.payment_at).cloned())
    }

    /// The answer to a correction's question.
    pub(super) fn confirmed(&mut self, ctx: &mut Ctx, yes: bool) -> Effect {
        let Some(c) = self.confirm.take() else {
            return Effect::None;
        };
        if !yes {
            return Effect::None;
        }
        let done = match &c {
            Confirm::DeletePayment(id) => ctx.store.delete_payment(ctx.actor, id).map(drop),
            Confirm::Reopen(id) => ctx.store.reopen_deal(ctx.actor, id).map(drop),
        };
        match done {
            Ok(()) => {
                self.payment_at = 0;
                Effect::Changed(t!("tui.saved").to_string())
            }
            Err(e) => Effect::Message(e.to_string()),
        }
    }

    fn open(&mut self, purpose: Purpose, form: Form) -> Effect {
        self.purpose = Some(purpose);
        Effect::OpenForm(form)
    }

    /// After the team: me; after me: (managers) each other active rep; then the team again.
    fn next_scope(&self, ctx: &Ctx) -> Option<(String, String)> {
        let actor = ctx.actor;
        let me = actor.rep_id.clone().map(|id| (id, actor.login.clone()));
        let mut order: Vec<(String, String)> = me.into_iter().collect();
        if actor.is_manager() {
            let reps = ctx.store.list_reps().unwrap_or_default();
            order.extend(
                reps.into_iter()
                    .filter(|r| r.is_active() && Some(&r.id) != actor.rep_id.as_ref())
                    .map(|r| (r.id, r.login)),
            );
        }
        match &self.of {
            None => order.first().cloned(),
            Some((id, _)) => {
                let at = order.iter().position(|(o, _)| o == id);
                at.and_then(|i| order.get(i + 1).cloned())
            }
        }
    }

    fn open_deal(&mut self, ctx: &mut Ctx) -> Effect {
        let Some(d) = self.list.selected_row().cloned() else {
            return Effect::None;
        };
        match ctx.store.payments_of(&d.id) {
            Ok(p) => {
                self.payment_at = 0;
                self.detail = Some((d, p));
                Effect::None
            }
            Err(e) => Effect::Message(e.to_string()),
        }
    }
}
