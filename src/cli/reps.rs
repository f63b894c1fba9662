//! `rep add|list`.

use crate::cli::Env;
use crate::cli::args::RepCommand;
use crate::cli::output::{col, id_col, opt_text, print_list, short_ids};
use crate::domain::Role;
use crate::store::reps::{NewRep, Rep};
use crate::store::short_ids::IdTable;

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
            json,
        } => {
            let role = role.as_deref().map(str::parse::<Role>).transpose()?;
            let rep = store.add_rep(
                &actor,
                NewRep {
                    name,
                    login,
                    role,
                    team,
                    phone,
                    email,
                    joined_on: None,
                },
            )?;
            crate::cli::setup::print_added(&store, IdTable::Reps, &rep.id, &rep, json)
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
