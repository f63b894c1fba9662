//! `customer add|list`.

use std::io::Write;

use crate::cli::args::CustomerCommand;
use crate::cli::output::{col, id_col, opt_text, print_list, read_all, short_ids};
use crate::domain::date_input::parse_optional_date;
use crate::domain::text::printable_cell;
use crate::domain::{CustomerStage, Grade};
use crate::env::Env;
use crate::store::customers::{CustomerQuery, CustomerRow, NewCustomer};
use crate::store::short_ids::IdTable;
use crate::t;

pub fn run(env: &Env, command: CustomerCommand) -> anyhow::Result<()> {
    let mut store = env.open()?;
    let actor = env.actor(&mut store)?;
    let today = env.clock.today();
    match command {
        CustomerCommand::Add {
            name,
            grade,
            stage,
            owner,
            industry,
            size,
            region,
            city,
            source,
            address,
            tags,
            notes,
            phone,
            mobile,
            email,
            website,
            next,
            json,
        } => {
            // Every flag is checked before anything is written.
            let grade = grade.as_deref().map(str::parse::<Grade>).transpose()?;
            let stage = stage
                .as_deref()
                .map(str::parse::<CustomerStage>)
                .transpose()?;
            let next_follow_up = match next.as_deref() {
                Some(s) => parse_optional_date("next", s, today)?,
                None => None,
            };
            let customer = store.add_customer(
                &actor,
                NewCustomer {
                    name,
                    grade,
                    stage,
                    owner,
                    industry,
                    size,
                    region,
                    city,
                    source,
                    address,
                    tags,
                    notes,
                    phone,
                    mobile,
                    email,
                    website,
                    next_follow_up,
                },
            )?;
            // A likely twin is said on stderr: stdout stays the short id scripts read.
            let phones: Vec<&str> = [&customer.phone, &customer.mobile]
                .into_iter()
                .flatten()
                .map(String::as_str)
                .collect();
            let twins = store.likely_twins(&customer.name, &phones, Some(&customer.id))?;
            if let Some(note) = crate::messages::twins_note(&customer.name, &twins) {
                eprintln!("{note}");
            }
            crate::cli::setup::print_added(
                &store,
                IdTable::Customers,
                &customer.id,
                &customer,
                json,
            )
        }
        CustomerCommand::Import { file, update } => crate::cli::spreadsheet::import(
            &mut store,
            &actor,
            crate::domain::sheet::Kind::Customers,
            &file,
            update,
        ),
        CustomerCommand::Export { output, force } => {
            crate::cli::spreadsheet::export(&store, output.as_deref(), force)
        }
        CustomerCommand::Claim { customer } => {
            let c = store.resolve_customer(&customer)?;
            let c = store.claim(&actor, &c.id)?;
            print_done(&store, &c)
        }
        CustomerCommand::Release { customer } => {
            let c = store.resolve_customer(&customer)?;
            let c = store.release(&actor, &c.id)?;
            print_done(&store, &c)
        }
        CustomerCommand::Lock { customer } => lock(&mut store, &actor, &customer, true),
        CustomerCommand::Unlock { customer } => lock(&mut store, &actor, &customer, false),
        CustomerCommand::Assign { customer, to } => {
            let c = store.resolve_customer(&customer)?;
            let c = store.assign(&actor, &c.id, &to)?;
            print_done(&store, &c)
        }
        CustomerCommand::List {
            owner,
            pool,
            grade,
            overdue,
            search,
            format,
        } => {
            let grade = grade.as_deref().map(str::parse::<Grade>).transpose()?;
            let owner_id = match owner {
                Some(login) => Some(store.require_rep(&login)?.id),
                None => None,
            };
            let query = CustomerQuery {
                search,
                owner_id,
                pool,
                grade,
                overdue,
                ..CustomerQuery::default()
            };
            let rows = read_all(usize::MAX, |at, n| store.customer_page(&query, at, n))?;
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
                    col("col.stage", |r: &CustomerRow| {
                        t!(r.stage.label_key()).to_string()
                    }),
                    col("col.owner", |r: &CustomerRow| {
                        r.owner_name
                            .clone()
                            .unwrap_or_else(|| t!("status.pool").to_string())
                    }),
                    col("col.region", |r: &CustomerRow| opt_text(&r.region)),
                    col("col.last_contact", |r: &CustomerRow| {
                        opt_text(&r.last_visit_on)
                    }),
                    col("col.next_follow_up", |r: &CustomerRow| {
                        opt_text(&r.next_follow_up)
                    }),
                    col("col.overdue", |r: &CustomerRow| {
                        if r.overdue { "!".into() } else { String::new() }
                    }),
                ],
            )
        }
    }
}

/// `customer lock|unlock C`: against the pool sweep, or not.
fn lock(
    store: &mut crate::store::Store,
    actor: &crate::store::Actor,
    customer: &str,
    lock: bool,
) -> anyhow::Result<()> {
    let c = store.resolve_customer(customer)?;
    store.lock_customer(actor, &c.id, lock)?;
    let key = if lock { "msg.locked" } else { "msg.unlocked" };
    let name = crate::domain::text::printable_cell(&c.name);
    println!("{}", t!(key, name = name));
    Ok(())
}

/// After a change of owner: the customer's short id and who holds it now.
fn print_done(
    store: &crate::store::Store,
    c: &crate::store::customers::Customer,
) -> anyhow::Result<()> {
    let owner = c
        .owner_login
        .clone()
        .unwrap_or_else(|| t!("status.pool").to_string());
    let short = store.short_id(IdTable::Customers, &c.id)?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{short}\t{}\t{owner}", printable_cell(&c.name))?;
    Ok(())
}
