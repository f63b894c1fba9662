//! `rep add|edit|rejoin|leave|list` and `pool sweep`.

use std::io::Write;

use crate::cli::args::RepCommand;
use crate::cli::output::{col, id_col, opt_text, print_list, short_ids};
use crate::domain::Role;
use crate::domain::date_input::parse_date;
use crate::domain::text::printable_cell;
use crate::env::Env;
use crate::store::reps::handover::HandoverTo;
use crate::store::reps::{NewRep, Rep};
use crate::store::short_ids::IdTable;
use crate::t;

pub fn run(env: &Env, command: RepCommand) -> anyhow::Result<()> {
    let mut store = env.open()?;
    let actor = env.actor(&mut store)?;
    match command {
        RepCommand::Add {
            name,
            login,
            role,
            team,
            phone,
            email,
            joined,
            json,
        } => {
            let role = role.as_deref().map(str::parse::<Role>).transpose()?;
            let today = env.clock.today();
            let joined_on = joined
                .as_deref()
                .map(|d| {
                    parse_date("joined", d, today)
                        .and_then(|d| crate::domain::date_input::planned("joined", d, today))
                })
                .transpose()?;
            let rep = store.add_rep(
                &actor,
                NewRep {
                    name,
                    login,
                    role,
                    team,
                    phone,
                    email,
                    joined_on,
                },
            )?;
            crate::cli::setup::print_added(&store, IdTable::Reps, &rep.id, &rep, json)
        }
        RepCommand::Edit {
            login,
            name,
            role,
            phone,
            email,
            team,
            from,
        } => {
            let role = role.as_deref().map(str::parse::<Role>).transpose()?;
            let today = env.clock.today();
            let from = match from.as_deref() {
                Some(d) => parse_date("from", d, today)?,
                None => today,
            };
            let edit = crate::store::reps::RepEdit {
                name,
                role,
                phone,
                email,
                team: team.map(|t| (t, from)),
            };
            let rep = store.edit_rep(&actor, &login, edit)?;
            print_rep_line(&rep)
        }
        RepCommand::Rejoin { login, date } => {
            let today = env.clock.today();
            let date = match date.as_deref() {
                Some(d) => parse_date("date", d, today)?,
                None => today,
            };
            let rep = store.rejoin_rep(&actor, &login, date)?;
            print_rep_line(&rep)
        }
        RepCommand::Leave {
            login,
            to,
            to_pool,
            date,
        } => {
            let date = match date.as_deref() {
                Some(d) => parse_date("date", d, env.clock.today())?,
                None => env.clock.today(),
            };
            let to = if to_pool {
                HandoverTo::Pool
            } else {
                HandoverTo::Reps(to)
            };
            let summary = store.rep_leave(&actor, &login, to, date)?;
            let mut out = std::io::stdout().lock();
            for (to, customers, deals) in summary.to {
                let to = if to.is_empty() {
                    t!("status.pool").to_string()
                } else {
                    to
                };
                writeln!(
                    out,
                    "{}",
                    t!(
                        "msg.handed_over",
                        to = printable_cell(&to),
                        customers = customers,
                        deals = deals
                    )
                )?;
            }
            Ok(())
        }
        RepCommand::List { format } => {
            let reps = store.list_reps()?;
            let shorts = short_ids(&store, IdTable::Reps, reps.iter().map(|r| r.id.as_str()))?;
            print_list(
                &reps,
                format,
                &[
                    id_col(&shorts, |r: &Rep| &r.id),
                    col("col.name", |r: &Rep| r.name.clone()),
                    col("col.login", |r: &Rep| r.login.clone()),
                    col("col.role", |r: &Rep| {
                        crate::t!(r.role.label_key()).to_string()
                    }),
                    col("col.team", |r: &Rep| r.team.clone()),
                    col("col.left_on", |r: &Rep| opt_text(&r.left_on)),
                ],
            )
        }
    }
}

/// `pool sweep`: the customers due back in the pool go back (dry: are listed), each named
/// with its owner and the day its countdown started.
pub fn sweep(env: &Env, dry_run: bool) -> anyhow::Result<()> {
    let mut store = env.open()?;
    let actor = env.actor(&mut store)?;
    let swept = store.pool_sweep(&actor, dry_run)?;
    let mut out = std::io::stdout().lock();
    for c in &swept {
        writeln!(
            out,
            "{}\t{}\t{}",
            printable_cell(&c.name),
            c.owner_login,
            t!("msg.swept_since", date = c.since)
        )?;
    }
    let key = if dry_run {
        "msg.sweep_dry"
    } else {
        "msg.swept"
    };
    writeln!(out, "{}", t!(key, count = swept.len()))?;
    Ok(())
}

/// A rep as `rep edit` and `rep rejoin` leave them: login, name, role, team.
fn print_rep_line(rep: &Rep) -> anyhow::Result<()> {
    let role = t!(rep.role.label_key());
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{}\t{}\t{role}\t{}",
        rep.login,
        printable_cell(&rep.name),
        printable_cell(&rep.team)
    )?;
    Ok(())
}
