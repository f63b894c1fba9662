//! `audit list`: who did what, when (managers).

use crate::cli::args::AuditCommand;
use crate::cli::output::{col, opt_text, print_list};
use crate::domain::date_input::parse_date;
use crate::env::Env;
use crate::store::audit::AuditEntry;

pub fn run(env: &Env, command: AuditCommand) -> anyhow::Result<()> {
    let mut store = env.open()?;
    let actor = env.actor(&mut store)?;
    let AuditCommand::List {
        since,
        who,
        limit,
        format,
    } = command;
    let since = since
        .as_deref()
        .map(|d| parse_date("since", d, env.clock.today()))
        .transpose()?;
    let entries = store.audit_entries(&actor, since, who.as_deref(), limit)?;
    print_list(
        &entries,
        format,
        &[
            col("col.at", |e: &AuditEntry| e.at.clone()),
            col("col.who", |e: &AuditEntry| match &e.acting_as {
                Some(as_login) => format!("{} ({as_login})", e.who),
                None => e.who.clone(),
            }),
            col("col.action", |e: &AuditEntry| e.action.clone()),
            col("col.record", |e: &AuditEntry| {
                e.record_id
                    .as_deref()
                    .map(|id| format!("{} {}", e.record_kind.as_deref().unwrap_or(""), id))
                    .unwrap_or_default()
            }),
            col("col.detail", |e: &AuditEntry| opt_text(&e.detail)),
        ],
    )
}
