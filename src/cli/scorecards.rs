//! `kpi`, `rate` and `template export|import`.

use std::io::Write;
use std::path::Path;

use crate::cli::args::{ListFormat, RateArgs, TemplateCommand};
use crate::cli::output::{Column, col, print_columns};
use crate::domain::scoring::Marks;
use crate::domain::template::Template;
use crate::domain::text::printable_cell;
use crate::domain::{FieldError, Period, Reason};
use crate::env::Env;
use crate::report::values;
use crate::store::kpi::ratings::parse_mark;
use crate::store::kpi::scorecards::Scorecard;
use crate::store::kpi::templates::Imported;
use crate::t;

/// The mark a rep's row carries when they beat their sales target three quarters running.
pub const OVER_ACHIEVER: &str = "★";

/// `kpi --json` (README, The CLI): exactly this shape.
fn json(card: &Scorecard) -> serde_json::Value {
    serde_json::json!({
        "rep": card.rep.login,
        "name": card.rep.name,
        // The team the card is ranked in: the one the rep was on in the period.
        "team": card.rep.team,
        "total": values::number(card.score.total),
        "grade": card.score.grade.code(),
        "rank": card.rank,
        // Won deals without a cost, which count nothing toward gross profit.
        "uncosted_won_deals": card.uncosted,
        // Most of the template's weight n/a: ranked after the complete cards.
        "incomplete": card.incomplete,
        // The period still runs: `pace_total` is the total against the share of it gone.
        "in_progress": card.in_progress,
        "pace_total": card.pace_total.map(values::number),
        "kpis": card.score.rows.iter().map(values::json_row).collect::<Vec<_>>(),
    })
}

pub fn kpi(env: &Env, period: &str, team: Option<&str>, format: ListFormat) -> anyhow::Result<()> {
    let period: Period = period.parse()?;
    let mut store = env.open()?;
    let actor = env.actor(&mut store)?;
    let cards = store.scorecards(&actor, period, team, false)?;
    if format.json {
        let items: Vec<_> = cards.iter().map(json).collect();
        writeln!(
            std::io::stdout().lock(),
            "{}",
            serde_json::to_string_pretty(&items)?
        )?;
        return Ok(());
    }
    let mut columns: Vec<Column<Scorecard>> = vec![
        col("col.rank", |c: &Scorecard| {
            format!("{}/{}", c.rank, c.team_size)
        }),
        col("col.login", |c: &Scorecard| c.rep.login.clone()),
        col("col.name", |c: &Scorecard| c.rep.name.clone()),
        col("col.team", |c: &Scorecard| c.rep.team.clone()),
        col("col.total", crate::messages::card_total),
        col("col.grade", crate::messages::card_grade),
        col("col.over_achiever", |c: &Scorecard| {
            if c.over_achiever { OVER_ACHIEVER } else { "" }.to_string()
        }),
    ];
    // While the period runs, the total against the share of it gone.
    if cards.iter().any(|c| c.in_progress) {
        columns.insert(5, col("col.pace_total", crate::messages::card_pace));
    }
    // One column per KPI row of the period's template: the row's score, or n/a. A rep's
    // teammates are on the leaderboard without rows (see `store::policy`): blank there.
    if let Some(first) = cards.iter().find(|c| c.detail) {
        for (i, row) in first.score.rows.iter().enumerate() {
            columns.push(col(row.key.label_key(), move |c: &Scorecard| {
                c.score
                    .rows
                    .get(i)
                    .map_or_else(String::new, |r| match r.score {
                        Some(s) => format!("{s:.2}"),
                        None => t!("tui.not_applicable").to_string(),
                    })
            }));
        }
    }
    print_columns(&cards, format.csv, &columns)
}

const MARK_FORM: &str = "1, 2, 3, 4 or 5";

/// A required mark flag, or the refusal naming it.
fn mark(field: &'static str, v: Option<&str>) -> anyhow::Result<u8> {
    match v {
        Some(v) => Ok(parse_mark(field, v)?),
        None => Err(FieldError::new(field, "", Reason::Format(MARK_FORM)).into()),
    }
}

pub fn rate(env: &Env, a: RateArgs) -> anyhow::Result<()> {
    let period: Period = a.period.parse()?;
    let mut store = env.open()?;
    let actor = env.actor(&mut store)?;
    let mut out = std::io::stdout().lock();
    if let Some(text) = a.respond {
        let r = store.respond(&actor, period, &text)?;
        writeln!(out, "{}", t!("msg.responded", period = r.period))?;
        return Ok(());
    }
    let Some(login) = a.rep else {
        return Err(FieldError::new("rep", "", Reason::Format("--rep LOGIN")).into());
    };
    let marks = Marks {
        attitude: mark("attitude", a.attitude.as_deref())?,
        knowledge: mark("knowledge", a.knowledge.as_deref())?,
        teamwork: mark("teamwork", a.teamwork.as_deref())?,
    };
    let r = store.rate(&actor, &login, period, marks, a.comment.as_deref())?;
    writeln!(
        out,
        "{}",
        t!(
            "msg.rated",
            login = printable_cell(&login),
            period = r.period,
            attitude = r.attitude,
            knowledge = r.knowledge,
            teamwork = r.teamwork
        )
    )?;
    Ok(())
}

pub fn template(env: &Env, command: TemplateCommand) -> anyhow::Result<()> {
    match command {
        TemplateCommand::Export {
            output,
            period,
            force,
        } => {
            let store = env.open()?;
            let today = env.clock.today();
            let period: Period = match period {
                Some(p) => p.parse()?,
                None => Period::month_of(today),
            };
            let text = match store.stored_template_for(period)? {
                Some(stored) => stored.template.to_toml(),
                None => {
                    // The default is in force: exported as a template starting this month,
                    // ready to edit and import.
                    let mut t = Template::default_template();
                    t.effective_from = Period::month_of(today);
                    format!("{}\n{}", t!("msg.template_default_header"), t.to_toml())
                }
            };
            write_to(env, output.as_deref(), force, &text)
        }
        TemplateCommand::Import { file } => {
            let text = std::fs::read_to_string(&file).map_err(|e| {
                anyhow::anyhow!(t!("error.io", detail = format!("{}: {e}", file.display())))
            })?;
            let template = Template::parse(&text)?;
            let mut store = env.open()?;
            let actor = env.actor(&mut store)?;
            let done = store.import_template(&actor, &template)?;
            let key = match done {
                Imported::Added => "msg.template_added",
                Imported::Replaced => "msg.template_replaced",
            };
            writeln!(
                std::io::stdout().lock(),
                "{}",
                t!(
                    key,
                    name = printable_cell(&template.name),
                    period = template.effective_from,
                    weight = template.total_weight()
                )
            )?;
            Ok(())
        }
    }
}

fn write_to(env: &Env, output: Option<&Path>, force: bool, text: &str) -> anyhow::Result<()> {
    match output {
        Some(path) => {
            let protect = crate::outfile::Protected::database(&env.db_path);
            crate::outfile::write_all(path, &protect, force, text.as_bytes())
        }
        None => Ok(std::io::stdout().lock().write_all(text.as_bytes())?),
    }
}
