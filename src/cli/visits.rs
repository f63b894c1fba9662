//! `visit add|import|list`.

use crate::cli::args::VisitCommand;
use crate::cli::output::{col, id_col, opt_text, print_list, read_all, short_ids};
use crate::domain::date_input::parse_date;
use crate::domain::{Money, VisitKind};
use crate::env::Env;
use crate::store::short_ids::IdTable;
use crate::store::visits::{NewVisit, VisitQuery, VisitRow};
use crate::t;

pub fn run(env: &Env, command: VisitCommand) -> anyhow::Result<()> {
    let mut store = env.open()?;
    let actor = env.actor(&mut store)?;
    let today = env.clock.today();
    match command {
        VisitCommand::Add {
            customer,
            date,
            kind,
            summary,
            purpose,
            outcome,
            next_step,
            next,
            expense,
            with,
            met,
            json,
        } => {
            // Every flag is checked before anything is written.
            let date = date
                .as_deref()
                .map(|d| parse_date("date", d, today))
                .transpose()?;
            let kind = kind.as_deref().map(str::parse::<VisitKind>).transpose()?;
            let next_follow_up = next
                .as_deref()
                .map(|d| parse_date("next", d, today))
                .transpose()?;
            let expense = match expense.as_deref() {
                Some(e) => Money::parse("expense", e)?,
                None => Money::ZERO,
            };
            let customer = store.resolve_customer(&customer)?;
            let visit = store.add_visit(
                &actor,
                NewVisit {
                    customer_id: customer.id,
                    date,
                    kind,
                    purpose,
                    summary,
                    outcome,
                    next_step,
                    next_follow_up,
                    expense,
                    joint_reps: with.into_iter().filter(|l| !l.trim().is_empty()).collect(),
                    contacts_met: met.into_iter().filter(|n| !n.trim().is_empty()).collect(),
                },
            )?;
            crate::cli::setup::print_added(&store, IdTable::Visits, &visit.id, &visit, json)
        }
        VisitCommand::Import { file } => crate::cli::spreadsheet::import(
            &mut store,
            &actor,
            crate::domain::sheet::Kind::Visits,
            &file,
            false,
        ),
        VisitCommand::List {
            rep,
            customer,
            kind,
            from,
            to,
            limit,
            format,
        } => {
            let kind = kind.as_deref().map(str::parse::<VisitKind>).transpose()?;
            let from = from
                .as_deref()
                .map(|d| parse_date("from", d, today))
                .transpose()?;
            let to = to
                .as_deref()
                .map(|d| parse_date("to", d, today))
                .transpose()?;
            let rep_id = match rep {
                Some(login) => Some(store.require_rep(&login)?.id),
                None => None,
            };
            let customer_id = match customer {
                Some(c) => Some(store.resolve_customer(&c)?.id),
                None => None,
            };
            let query = VisitQuery {
                rep_id,
                customer_id,
                kind,
                from,
                to,
                ..VisitQuery::default()
            };
            let rows = read_all(limit.unwrap_or(usize::MAX), |at, n| {
                store.visit_page(&query, at, n)
            })?;
            let shorts = short_ids(&store, IdTable::Visits, rows.iter().map(|r| r.id.as_str()))?;
            let columns = [
                id_col(&shorts, |r: &VisitRow| &r.id),
                col("col.date", |r: &VisitRow| r.date.to_string()),
                col("col.kind", |r: &VisitRow| {
                    t!(r.kind.label_key()).to_string()
                }),
                col("col.customer", |r: &VisitRow| r.customer_name.clone()),
                col("col.author", |r: &VisitRow| r.author_name.clone()),
                col("col.joint", |r: &VisitRow| {
                    crate::messages::names(&r.joint_names)
                }),
                col("col.summary", |r: &VisitRow| r.summary.clone()),
                col("col.next_follow_up", |r: &VisitRow| {
                    opt_text(&r.next_follow_up)
                }),
                col("col.expense", |r: &VisitRow| r.expense.display("")),
            ];
            print_list(&rows, format, &columns)
        }
    }
}
