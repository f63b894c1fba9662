//! `init` and `demo`, and the one way an `add` reports what it made.

use std::io::Write;
use std::time::Instant;

use serde::Serialize;

use crate::cli::args::DemoArgs;
use crate::cli::progress::Progress;
use crate::domain::text::{printable_cell, shown_path};
use crate::env::Env;
use crate::store::demo::{self, DemoOptions};
use crate::store::short_ids::IdTable;
use crate::store::{Migrated, Store};
use crate::t;

/// Every `add` prints the new record's short id, or with `--json` the whole record.
pub fn print_added<T: Serialize>(
    store: &Store,
    table: IdTable,
    id: &str,
    record: &T,
    json: bool,
) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    if json {
        writeln!(out, "{}", serde_json::to_string_pretty(record)?)?;
    } else {
        writeln!(out, "{}", store.short_id(table, id)?)?;
    }
    Ok(())
}

pub fn init(env: &Env, shared: bool, team: Option<&str>) -> anyhow::Result<()> {
    let mut store = Store::create_or_open(&env.db_path, env.clock)?;
    report_opened(&store);
    let path = shown_path(&env.db_path);
    match store.init_first_manager_on(&env.login, &whoami::realname(), team)? {
        // Said with the team, and how to change it: the manager's team is where their own
        // scorecard and any team target they are given count.
        Some(rep) => eprintln!(
            "{}",
            t!(
                "msg.first_manager",
                login = printable_cell(&rep.login),
                team = printable_cell(&rep.team)
            )
        ),
        None => eprintln!("{}", t!("msg.already", path = path)),
    }
    if shared {
        store.share_with_group()?;
        eprintln!("{}", t!("msg.shared"));
    }
    Ok(())
}

pub fn backup(env: &Env, file: &std::path::Path, force: bool) -> anyhow::Result<()> {
    let mut store = env.open()?;
    let actor = env.actor(&mut store)?;
    let working = Progress::start(t!("progress.backup").to_string(), None, false);
    store.backup_for(&actor, file, force)?;
    drop(working);
    eprintln!("{}", t!("msg.backed_up", path = shown_path(file)));
    Ok(())
}

/// `sync PATH`: merges both ways and says what moved, in the user's language.
pub fn sync(env: &Env, other: &std::path::Path, json: bool) -> anyhow::Result<()> {
    let mut store = env.open()?;
    let actor = env.actor(&mut store)?;
    let working = Progress::start(t!("progress.sync").to_string(), None, json);
    let summary = store.sync_with(&actor, other)?;
    drop(working);
    // writeln! and `?`, not println!: `sync … | head` must end quietly, not panic.
    let mut out = std::io::stdout().lock();
    if json {
        writeln!(out, "{}", serde_json::to_string_pretty(&summary)?)?;
        return Ok(());
    }
    let path = shown_path(other);
    if summary.is_empty() {
        writeln!(out, "{}", t!("sync.nothing", path = path))?;
        return Ok(());
    }
    writeln!(out, "{}", t!("sync.done", path = path))?;
    let moved = |list: &[(String, usize)]| {
        list.iter()
            .map(|(table, n)| format!("{} {n}", crate::i18n::text(&format!("sync.table.{table}"))))
            .collect::<Vec<_>>()
            .join(t!("sync.separator"))
    };
    if !summary.into_here.is_empty() {
        writeln!(
            out,
            "  {}",
            t!("sync.into_here", list = moved(&summary.into_here))
        )?;
    }
    if !summary.into_there.is_empty() {
        writeln!(
            out,
            "  {}",
            t!(
                "sync.into_there",
                path = path,
                list = moved(&summary.into_there)
            )
        )?;
    }
    if !summary.refused.is_empty() {
        // By table and reason: "customers 2 (another rep's)", in the order first met.
        let mut groups: Vec<((&str, &str), usize)> = Vec::new();
        for (table, _, reason) in &summary.refused {
            match groups
                .iter_mut()
                .find(|(k, _)| *k == (table.as_str(), reason.as_str()))
            {
                Some((_, n)) => *n += 1,
                None => groups.push(((table, reason), 1)),
            }
        }
        let list = groups
            .iter()
            .map(|((table, reason), n)| {
                t!(
                    "sync.refused_item",
                    kind = crate::i18n::text(&format!("sync.table.{table}")),
                    count = n,
                    reason = crate::i18n::text(&format!("sync.reason.{reason}"))
                )
            })
            .collect::<Vec<_>>()
            .join(t!("sync.separator"));
        writeln!(
            out,
            "  {}",
            t!("sync.refused", path = shown_path(other), list = list)
        )?;
    }
    for (old, new) in &summary.renamed {
        writeln!(
            out,
            "  {}",
            t!(
                "sync.renamed",
                old = printable_cell(old),
                new = printable_cell(new)
            )
        )?;
    }
    for (table, id) in &summary.retired {
        let kind = crate::i18n::text(&format!("sync.table.{table}"));
        writeln!(
            out,
            "  {}",
            t!(
                "sync.retired",
                kind = kind,
                // The id came from the other file: anything may be stored there.
                id = printable_cell(crate::domain::ids::short_str(id))
            )
        )?;
    }
    Ok(())
}

pub fn report_opened(store: &Store) {
    let path = shown_path(store.path());
    match &store.opened {
        Migrated::Created => eprintln!("{}", t!("msg.created", path = path)),
        Migrated::Upgraded { from, to, backup } => eprintln!(
            "{}",
            t!(
                "msg.upgraded",
                path = path,
                from = from,
                to = to,
                backup = shown_path(backup)
            )
        ),
        Migrated::UpToDate => {}
    }
}

pub fn demo(env: &Env, a: &DemoArgs) -> anyhow::Result<()> {
    let mut store = Store::create_or_open(&env.db_path, env.clock)?;
    report_opened(&store);
    let options = DemoOptions {
        seed: a.seed,
        reps: a.reps,
        customers: a.customers,
        visits: a.visits,
        deals: a.deals,
        years: a.years,
    };
    let started = Instant::now();
    let working = Progress::start(t!("progress.demo").to_string(), None, false);
    let summary = demo::generate(&mut store, &env.login, &options)?;
    drop(working);
    eprintln!(
        "{}",
        t!(
            "msg.demo_done",
            path = shown_path(&env.db_path),
            reps = summary.reps,
            customers = summary.customers,
            visits = summary.visits,
            deals = summary.deals,
            seconds = format!("{:.1}", started.elapsed().as_secs_f64())
        )
    );
    Ok(())
}
