//! What the Deals tab's keys do: a deal and its payments, add, edit, win, lose, record a
//! payment, the stage filter and whose deals.

use crate::domain::DealStage;
use crate::tui::ctx::Ctx;
use crate::tui::effect::Effect;
use crate::tui::keymap::Action;
use crate::tui::tabs::deals::forms::{deal_form, money_text};
use crate::tui::tabs::deals::state::DealsTab;
use crate::tui::tabs::deals::state::Purpose;
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
                    let fields = vec![
                        Field::text("date", today),
                        Field::text("amount", money_text(d.amount)),
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
            Action::Pay => match self.current() {
                Some(d) => {
                    let fields = vec![
                        Field::text("amount", d.outstanding().to_string()),
                        Field::text("date", today),
                    ];
                    self.open(
                        Purpose::Pay(d.id),
                        Form::new("tui.form_payment_add", fields),
                    )
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
                self.detail = Some((d, p));
                Effect::None
            }
            Err(e) => Effect::Message(e.to_string()),
        }
    }
}
