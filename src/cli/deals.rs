//! `deal add|list|win|lose`, `payment add` and `agenda`.

use std::io::Write;

use crate::cli::args::{DealCommand, ListFormat, PaymentCommand};
use crate::cli::output::{col, id_col, opt_text, print_list, read_all, short_ids};
use crate::domain::date_input::parse_date;
use crate::domain::{DealStage, FieldError, Money, Reason};
use crate::env::Env;
use crate::store::StoreError;
use crate::store::customers::{CustomerQuery, CustomerRow};
use crate::store::deals::{Deal, DealQuery, NewDeal, Payment};
use crate::store::short_ids::IdTable;
use crate::t;

fn money(field: &'static str, s: Option<&str>) -> anyhow::Result<Option<Money>> {
    Ok(s.map(|s| Money::parse(field, s)).transpose()?)
}

pub fn run(env: &Env, command: DealCommand) -> anyhow::Result<()> {
    let mut store = env.open()?;
    let actor = env.actor(&mut store)?;
    let today = env.clock.today();
    match command {
        DealCommand::Add {
            customer,
            title,
            amount,
            cost,
            product,
            stage,
            opened,
            json,
        } => {
            // Every flag is checked before anything is written.
            let amount = money("amount", amount.as_deref())?;
            let cost = money("cost", cost.as_deref())?;
            let stage = stage.as_deref().map(str::parse::<DealStage>).transpose()?;
            let opened_on = opened
                .as_deref()
                .map(|d| parse_date("date", d, today))
                .transpose()?;
            let customer = store.resolve_customer(&customer)?;
            let new = NewDeal {
                customer_id: customer.id,
                title,
                stage,
                amount,
                cost,
                product_line: product,
                opened_on,
            };
            let deal = store.add_deal(&actor, new)?;
            crate::cli::setup::print_added(&store, IdTable::Deals, &deal.id, &deal, json)
        }
        DealCommand::Win {
            id,
            date,
            amount,
            cost,
            no_cost,
        } => {
            let date = date.ok_or_else(|| FieldError::new("date", "", Reason::Empty))?;
            let won_on = parse_date("date", &date, today)?;
            let amount = money("amount", amount.as_deref())?;
            let cost = money("cost", cost.as_deref())?;
            let deal = store.resolve_deal(&id)?;
            // Asked before anything is written: a deal won without a cost would add its whole
            // amount to nobody's gross profit, silently.
            if deal.cost.is_none() && cost.is_none() && !no_cost {
                return Err(
                    StoreError::rule("error.cost_missing", &[("deal", &deal.title)]).into(),
                );
            }
            let deal = store.win_deal(&actor, &deal.id, won_on, amount, cost)?;
            print_deal(&store, &deal, &store.rules()?.currency)
        }
        DealCommand::Lose { id, reason } => {
            let deal = store.resolve_deal(&id)?;
            let deal = store.lose_deal(&actor, &deal.id, reason.as_deref().unwrap_or(""))?;
            print_deal(&store, &deal, &store.rules()?.currency)
        }
        DealCommand::Reopen { id } => {
            let deal = store.resolve_deal(&id)?;
            let deal = store.reopen_deal(&actor, &deal.id)?;
            print_deal(&store, &deal, &store.rules()?.currency)
        }
        DealCommand::Import { file } => crate::cli::spreadsheet::import(
            &mut store,
            &actor,
            crate::domain::sheet::Kind::Deals,
            &file,
            false,
        ),
        DealCommand::List {
            stage,
            rep,
            customer,
            format,
        } => {
            let stage = stage.as_deref().map(str::parse::<DealStage>).transpose()?;
            let owner_id = rep
                .map(|l| store.require_rep(&l).map(|r| r.id))
                .transpose()?;
            let customer_id = customer
                .map(|c| store.resolve_customer(&c).map(|c| c.id))
                .transpose()?;
            let q = DealQuery {
                stage,
                owner_id,
                customer_id,
            };
            let rows = read_all(usize::MAX, |at, n| store.deal_page(&q, at, n))?;
            let shorts = short_ids(&store, IdTable::Deals, rows.iter().map(|r| r.id.as_str()))?;
            let cur = store.rules()?.currency;
            let amount = move |m: Option<Money>| m.map(|m| m.display(&cur)).unwrap_or_default();
            print_list(
                &rows,
                format,
                &[
                    id_col(&shorts, |r: &Deal| &r.id),
                    col("col.customer", |r: &Deal| r.customer_name.clone()),
                    col("col.deal_title", |r: &Deal| r.title.clone()),
                    col("col.stage", |r: &Deal| t!(r.stage.label_key()).to_string()),
                    col("col.amount", {
                        let amount = amount.clone();
                        move |r: &Deal| amount(r.amount)
                    }),
                    col("col.owner", |r: &Deal| r.owner_name.clone()),
                    col("col.opened", |r: &Deal| r.opened_on.to_string()),
                    col("col.won", |r: &Deal| opt_text(&r.won_on)),
                    col("col.outstanding", move |r: &Deal| {
                        if r.stage == DealStage::Won {
                            amount(Some(r.outstanding()))
                        } else {
                            String::new()
                        }
                    }),
                ],
            )
        }
    }
}

/// After win or lose: the deal's short id, its stage and what is still to collect.
fn print_deal(store: &crate::store::Store, d: &Deal, currency: &str) -> anyhow::Result<()> {
    let short = store.short_id(IdTable::Deals, &d.id)?;
    let mut out = std::io::stdout().lock();
    let stage = t!(d.stage.label_key());
    match d.stage {
        DealStage::Won => writeln!(
            out,
            "{short}\t{stage}\t{}",
            t!(
                "msg.outstanding",
                amount = d.outstanding().display(currency)
            )
        )?,
        _ => writeln!(out, "{short}\t{stage}")?,
    }
    Ok(())
}

pub fn payment(env: &Env, command: PaymentCommand) -> anyhow::Result<()> {
    let mut store = env.open()?;
    let actor = env.actor(&mut store)?;
    let (deal, amount, date, deposit, json) = match command {
        PaymentCommand::Add {
            deal,
            amount,
            date,
            deposit,
            json,
        } => (deal, amount, date, deposit, json),
        PaymentCommand::List { deal, format } => {
            let deal = store.resolve_deal(&deal)?;
            let payments = store.payments_of(&deal.id)?;
            let shorts = short_ids(
                &store,
                IdTable::Payments,
                payments.iter().map(|p| p.id.as_str()),
            )?;
            let currency = store.rules()?.currency;
            return print_list(
                &payments,
                format,
                &[
                    id_col(&shorts, |p: &Payment| &p.id),
                    col("col.date", |p: &Payment| p.paid_on.to_string()),
                    col("col.amount", |p: &Payment| p.amount.display(&currency)),
                ],
            );
        }
        PaymentCommand::Edit { id, amount, date } => {
            let amount = amount.map(|a| Money::parse("amount", &a)).transpose()?;
            let today = env.clock.today();
            let paid_on = date.map(|d| parse_date("date", &d, today)).transpose()?;
            let deal = store.update_payment(&actor, &id, amount, paid_on)?;
            return print_deal(&store, &deal, &store.rules()?.currency);
        }
        PaymentCommand::Delete { id } => {
            let deal = store.delete_payment(&actor, &id)?;
            return print_deal(&store, &deal, &store.rules()?.currency);
        }
        PaymentCommand::Import { file } => {
            return crate::cli::spreadsheet::import(
                &mut store,
                &actor,
                crate::domain::sheet::Kind::Payments,
                &file,
                false,
            );
        }
    };
    let amount = Money::parse("amount", &amount)?;
    let paid_on = parse_date("date", &date, env.clock.today())?;
    let deal = store.resolve_deal(&deal)?;
    let deal = store.add_payment_on(&actor, &deal.id, amount, paid_on, deposit)?;
    if json {
        // The deal as it is now, and the payment's own id (to correct it later).
        let mut v = serde_json::to_value(&deal)?;
        if let (Some(obj), Some(p)) = (
            v.as_object_mut(),
            store
                .payments_of(&deal.id)?
                .iter()
                .max_by(|a, b| a.id.cmp(&b.id)),
        ) {
            obj.insert("payment_id".into(), p.id.clone().into());
        }
        writeln!(
            std::io::stdout().lock(),
            "{}",
            serde_json::to_string_pretty(&v)?
        )?;
        return Ok(());
    }
    print_deal(&store, &deal, &store.rules()?.currency)
}

/// Customers to follow up today or already overdue, for `rep` (default: you).
pub fn agenda(env: &Env, rep: Option<String>, format: ListFormat) -> anyhow::Result<()> {
    let mut store = env.open()?;
    let actor = env.actor(&mut store)?;
    let owner_id = match rep {
        Some(login) if login != actor.login && !actor.is_manager() => {
            return Err(actor.denied("agenda_other").into());
        }
        Some(login) => store.require_rep(&login)?.id,
        None => actor.writer()?.to_string(),
    };
    let q = CustomerQuery {
        owner_id: Some(owner_id),
        due: true,
        ..CustomerQuery::default()
    };
    let rows = read_all(usize::MAX, |at, n| store.customer_page(&q, at, n))?;
    let shorts = short_ids(
        &store,
        IdTable::Customers,
        rows.iter().map(|r| r.id.as_str()),
    )?;
    print_list(
        &rows,
        format,
        &[
            id_col(&shorts, |r: &CustomerRow| &r.id),
            col("col.name", |r: &CustomerRow| r.name.clone()),
            col("col.grade", |r: &CustomerRow| r.grade.code().to_string()),
            col("col.last_contact", |r: &CustomerRow| {
                opt_text(&r.last_visit_on)
            }),
            col("col.next_follow_up", |r: &CustomerRow| {
                opt_text(&r.next_follow_up)
            }),
            col("col.due", |r: &CustomerRow| {
                let key = if r.overdue {
                    "msg.due_overdue"
                } else {
                    "msg.due_today"
                };
                t!(key).to_string()
            }),
        ],
    )
}
