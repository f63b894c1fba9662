//! The Deals tab: the pipeline by stage with counts and totals (mine or the team's), the deals
//! below it a window at a time, a deal's payments and what is still to collect, and the forms
//! to add, edit, win, lose and record a payment. The store's rules decide every change.

use crate::domain::date_input::parse_date;
use crate::domain::{DealStage, FieldError, Money, Reason};
use crate::store::deals::{Deal, DealQuery, NewDeal};
use crate::store::{Actor, Store, StoreError};
use crate::t;
use crate::tui::app::App;
use crate::tui::forms::FormPurpose;
use crate::tui::keys::Action;
use crate::tui::widgets::form::{Field, Form};

/// Lines the pipeline takes above the deal list: its header and one line a stage.
pub const PIPELINE_LINES: usize = 1 + 6;

fn money_text(m: Option<Money>) -> String {
    m.map(|m| m.to_string()).unwrap_or_default()
}

fn open_stages(current: DealStage) -> Field {
    let stages = DealStage::ALL
        .iter()
        .filter(|s| s.is_open())
        .map(|s| (s.code().to_string(), t!(s.label_key()).to_string()))
        .collect();
    Field::choice("deal_stage", stages, current.code())
}

fn deal_form(title: &'static str, d: Option<&Deal>) -> Form {
    let mut fields = Vec::new();
    if d.is_none() {
        fields.push(Field::picker("customer"));
    }
    fields.extend([
        Field::text("title", d.map(|d| d.title.clone()).unwrap_or_default()),
        Field::text("amount", money_text(d.and_then(|d| d.amount))),
        Field::text("cost", money_text(d.and_then(|d| d.cost))),
        Field::text(
            "product",
            d.and_then(|d| d.product_line.clone()).unwrap_or_default(),
        ),
        open_stages(d.map_or(DealStage::default(), |d| d.stage)),
    ]);
    Form::new(title, fields)
}

fn optional_money(field: &'static str, s: &str) -> Result<Option<Money>, StoreError> {
    match s.trim() {
        "" => Ok(None),
        s => Ok(Some(Money::parse(field, s)?)),
    }
}

/// Saves a deal form: a new deal on the picked customer, or the changes to `id`.
pub fn save_deal(
    store: &mut Store,
    actor: &Actor,
    form: &Form,
    id: Option<&str>,
) -> Result<(), StoreError> {
    let fields = NewDeal {
        customer_id: form.value("customer").to_string(),
        title: form.value("title").to_string(),
        stage: form.value("deal_stage").parse().ok(),
        amount: optional_money("amount", form.value("amount"))?,
        cost: optional_money("cost", form.value("cost"))?,
        product_line: Some(form.value("product").to_string()),
        opened_on: None,
    };
    match id {
        Some(id) => store.update_deal(actor, id, fields).map(|_| ()),
        None if fields.customer_id.is_empty() => {
            Err(FieldError::new("customer", "", Reason::Empty).into())
        }
        None => store.add_deal(actor, fields).map(|_| ()),
    }
}

pub fn save_win(store: &mut Store, actor: &Actor, form: &Form, id: &str) -> Result<(), StoreError> {
    let today = store.clock().today();
    let date = form.value("date");
    if date.trim().is_empty() {
        return Err(FieldError::new("date", "", Reason::Empty).into());
    }
    let won_on = parse_date("date", date, today)?;
    let amount = optional_money("amount", form.value("amount"))?;
    store.win_deal(actor, id, won_on, amount).map(|_| ())
}

pub fn save_payment(
    store: &mut Store,
    actor: &Actor,
    form: &Form,
    id: &str,
) -> Result<(), StoreError> {
    let today = store.clock().today();
    let amount = match optional_money("amount", form.value("amount"))? {
        Some(a) => a,
        None => return Err(FieldError::new("amount", "", Reason::Empty).into()),
    };
    let paid_on = parse_date("date", form.value("date"), today)?;
    store.add_payment(actor, id, amount, paid_on).map(|_| ())
}

impl App {
    pub(crate) fn deal_query(&self) -> DealQuery {
        DealQuery {
            stage: self.deal_stage,
            owner_id: self.deals_of.as_ref().map(|(id, _)| id.clone()),
            customer_id: None,
        }
    }

    /// The deal the keys act on: the open detail's, else the selected row's.
    fn current_deal(&self) -> Option<Deal> {
        match &self.deal_detail {
            Some((d, _)) => Some(d.clone()),
            None => self.deals.selected_row().cloned(),
        }
    }

    pub(crate) fn deals_action(&mut self, action: Action) {
        let today = self.store.clock().today().to_string();
        match action {
            Action::Open => self.open_deal(),
            Action::Back if self.deal_detail.is_some() => self.deal_detail = None,
            Action::Add if self.refuse_read_only() => {}
            Action::Add => {
                self.form = Some((FormPurpose::AddDeal, deal_form("tui.form_deal_add", None)))
            }
            Action::Edit => {
                if let Some(d) = self.current_deal() {
                    let form = deal_form("tui.form_deal_edit", Some(&d));
                    self.form = Some((FormPurpose::EditDeal(d.id), form));
                }
            }
            Action::Win => {
                if let Some(d) = self.current_deal() {
                    let fields = vec![
                        Field::text("date", today),
                        Field::text("amount", money_text(d.amount)),
                    ];
                    self.form = Some((
                        FormPurpose::WinDeal(d.id),
                        Form::new("tui.form_deal_win", fields),
                    ));
                }
            }
            Action::Lose => {
                if let Some(d) = self.current_deal() {
                    let form = Form::new("tui.form_deal_lose", vec![Field::text("reason", "")]);
                    self.form = Some((FormPurpose::LoseDeal(d.id), form));
                }
            }
            Action::Pay => {
                if let Some(d) = self.current_deal() {
                    let fields = vec![
                        Field::text("amount", d.outstanding().to_string()),
                        Field::text("date", today),
                    ];
                    self.form = Some((
                        FormPurpose::AddPayment(d.id),
                        Form::new("tui.form_payment_add", fields),
                    ));
                }
            }
            Action::QuickFilter => {
                let i = self.deal_stage.map_or(0, |s| {
                    DealStage::ALL.iter().position(|x| *x == s).unwrap_or(0) + 1
                });
                self.deal_stage = DealStage::ALL.get(i).copied();
                self.deals_changed();
            }
            Action::Mine => {
                self.deals_of = self.next_deal_scope();
                self.deals_changed();
            }
            _ => {}
        }
    }

    /// After the team: me; after me: (managers) each other active rep; then the team again.
    fn next_deal_scope(&self) -> Option<(String, String)> {
        let me = self
            .actor
            .rep_id
            .clone()
            .map(|id| (id, self.actor.login.clone()));
        let mut order: Vec<(String, String)> = me.into_iter().collect();
        if self.actor.is_manager() {
            let reps = self.store.list_reps().unwrap_or_default();
            order.extend(
                reps.into_iter()
                    .filter(|r| r.is_active() && Some(&r.id) != self.actor.rep_id.as_ref())
                    .map(|r| (r.id, r.login)),
            );
        }
        match &self.deals_of {
            None => order.first().cloned(),
            Some((id, _)) => {
                let at = order.iter().position(|(o, _)| o == id);
                at.and_then(|i| order.get(i + 1).cloned())
            }
        }
    }

    fn deals_changed(&mut self) {
        self.deals.selected = 0;
        self.deals.offset = 0;
        self.reload();
    }

    fn open_deal(&mut self) {
        if let Some(d) = self.deals.selected_row().cloned() {
            match self.store.payments_of(&d.id) {
                Ok(p) => self.deal_detail = Some((d, p)),
                Err(e) => self.message = Some(e.to_string()),
            }
        }
    }

    /// After a change on the Deals tab: the pipeline, the list and the open deal again.
    pub(crate) fn refresh_deal_detail(&mut self) {
        if let Some(id) = self.deal_detail.as_ref().map(|(d, _)| d.id.clone()) {
            self.deal_detail = self
                .store
                .deal(&id)
                .ok()
                .and_then(|d| self.store.payments_of(&id).ok().map(|p| (d, p)));
        }
    }

    /// The pipeline and the current window of deals.
    pub(crate) fn count_and_fetch_deals(&mut self) -> Result<(), StoreError> {
        let q = self.deal_query();
        let all_stages = DealQuery {
            stage: None,
            ..q.clone()
        };
        self.pipeline = self.store.pipeline(&all_stages)?;
        self.deals.total = self.store.count_deals(&q)?;
        self.deals.scroll_to_selection();
        self.deals.rows = self
            .store
            .deal_page(&q, self.deals.offset, self.deals.height)?;
        self.deals.select_kept();
        Ok(())
    }
}
