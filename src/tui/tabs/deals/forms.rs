//! The Deals tab's forms: add, edit, win, lose and record a payment, and saving them. The
//! store's rules decide every change.

use chrono::NaiveDate;

use crate::domain::date_input::parse_date;
use crate::domain::{DealStage, FieldError, Money, Reason};
use crate::store::deals::{Deal, NewDeal};
use crate::store::{Actor, Store, StoreError};
use crate::t;
use crate::tui::tabs::deals::state::Purpose;
use crate::tui::widgets::form::{Field, Form};

pub fn money_text(m: Option<Money>) -> String {
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

pub fn deal_form(title: &'static str, d: Option<&Deal>) -> Form {
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
fn save_deal(
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

fn save_win(store: &mut Store, actor: &Actor, form: &Form, id: &str) -> Result<(), StoreError> {
    let today = store.clock().today();
    let date = form.value("date");
    if date.trim().is_empty() {
        return Err(FieldError::new("date", "", Reason::Empty).into());
    }
    let won_on = parse_date("date", date, today)?;
    let amount = optional_money("amount", form.value("amount"))?;
    let cost = optional_money("cost", form.value("cost"))?;
    store.win_deal(actor, id, won_on, amount, cost).map(|_| ())
}

/// The payment form's amount and date, both required.
fn amount_and_date(store: &Store, form: &Form) -> Result<(Money, NaiveDate), StoreError> {
    let today = store.clock().today();
    let amount = match optional_money("amount", form.value("amount"))? {
        Some(a) => a,
        None => return Err(FieldError::new("amount", "", Reason::Empty).into()),
    };
    Ok((amount, parse_date("date", form.value("date"), today)?))
}

/// A payment on a won deal; a deposit (the `deposit` field) may be dated before the win.
fn save_payment(store: &mut Store, actor: &Actor, form: &Form, id: &str) -> Result<(), StoreError> {
    let (amount, paid_on) = amount_and_date(store, form)?;
    let deposit = form.value("deposit") == "yes";
    store
        .add_payment_on(actor, id, amount, paid_on, deposit)
        .map(|_| ())
}

fn save_payment_edit(
    store: &mut Store,
    actor: &Actor,
    form: &Form,
    id: &str,
) -> Result<(), StoreError> {
    let (amount, paid_on) = amount_and_date(store, form)?;
    store
        .update_payment(actor, id, Some(amount), Some(paid_on))
        .map(|_| ())
}

/// Saves the form `purpose` opened.
pub fn save(
    store: &mut Store,
    actor: &Actor,
    purpose: &Purpose,
    form: &Form,
) -> Result<(), StoreError> {
    match purpose {
        Purpose::Add => save_deal(store, actor, form, None),
        Purpose::Edit(id) => save_deal(store, actor, form, Some(id)),
        Purpose::Win(id) => save_win(store, actor, form, id),
        Purpose::Lose(id) => store.lose_deal(actor, id, form.value("reason")).map(|_| ()),
        Purpose::Pay(id) => save_payment(store, actor, form, id),
        Purpose::EditPayment(id) => save_payment_edit(store, actor, form, id),
    }
}
