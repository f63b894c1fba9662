//! The People tab's forms: a new rep, and a rep's edit (a team change dated from `from`).

use crate::domain::Role;
use crate::domain::date_input::parse_date;
use crate::store::StoreError;
use crate::store::reps::handover::HandoverTo;
use crate::store::reps::{NewRep, Rep, RepEdit};
use crate::t;
use crate::tui::ctx::Ctx;
use crate::tui::widgets::form::{Field, Form};

fn roles() -> Vec<(String, String)> {
    Role::ALL
        .iter()
        .map(|r| (r.code().to_string(), t!(r.label_key()).to_string()))
        .collect()
}

pub fn add_form() -> Form {
    Form::new(
        "tui.form_rep_add",
        vec![
            Field::text("name", ""),
            Field::text("login", ""),
            Field::text("team", ""),
            Field::choice("role", roles(), Role::Rep.code()),
            Field::text("joined", ""),
        ],
    )
}

pub fn edit_form(rep: &Rep, today: chrono::NaiveDate) -> Form {
    Form::new(
        "tui.form_rep_edit",
        vec![
            Field::text("name", rep.name.clone()),
            Field::choice("role", roles(), rep.role.code()),
            Field::text("phone", rep.phone.clone().unwrap_or_default()),
            Field::text("email", rep.email.clone().unwrap_or_default()),
            Field::text("team", rep.team.clone()),
            Field::text("from", today.to_string()),
        ],
    )
}

pub fn save_new(ctx: &mut Ctx, form: &Form) -> Result<(), StoreError> {
    let today = ctx.today();
    let joined = match form.value("joined").trim() {
        "" => None,
        d => Some(parse_date("joined", d, today)?),
    };
    let team = form.value("team").trim();
    let new = NewRep {
        name: form.value("name").to_string(),
        login: form.value("login").to_string(),
        role: form.value("role").parse().ok(),
        team: (!team.is_empty()).then(|| team.to_string()),
        joined_on: joined,
        ..NewRep::default()
    };
    ctx.store.add_rep(ctx.actor, new).map(drop)
}

pub fn save_edit(ctx: &mut Ctx, login: &str, form: &Form) -> Result<(), StoreError> {
    let today = ctx.today();
    let rep = ctx.store.require_rep(login)?;
    let team = form.value("team").trim().to_string();
    // The team field shows the team now: a move only when it was changed.
    let team = if team == rep.team {
        None
    } else {
        Some((team, parse_date("from", form.value("from"), today)?))
    };
    let changed =
        |v: &str, was: &Option<String>| (v != was.as_deref().unwrap_or("")).then(|| v.to_string());
    let edit = RepEdit {
        name: (form.value("name") != rep.name).then(|| form.value("name").to_string()),
        role: form.value("role").parse().ok().filter(|r| *r != rep.role),
        phone: changed(form.value("phone"), &rep.phone),
        email: changed(form.value("email"), &rep.email),
        team,
    };
    ctx.store.edit_rep(ctx.actor, login, edit).map(drop)
}

/// Who takes a leaver's customers (logins, comma-separated; blank: the pool) and their last day.
pub fn leave_form(login: &str, today: chrono::NaiveDate) -> Form {
    let mut form = Form::new(
        "tui.form_rep_leave",
        vec![
            Field::text("handover_to", ""),
            Field::text("date", today.to_string()),
        ],
    );
    // The note's lines, each short enough for 80 columns.
    form.notes = t!("tui.leave_note", login = login)
        .lines()
        .map(str::to_string)
        .collect();
    form
}

/// The leave, and what the status line says of the handover.
pub fn save_leave(ctx: &mut Ctx, login: &str, form: &Form) -> Result<String, StoreError> {
    let today = ctx.today();
    let date = parse_date("date", form.value("date"), today)?;
    let logins: Vec<String> = form
        .value("handover_to")
        .split([',', '，', ' '])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    let to = if logins.is_empty() {
        HandoverTo::Pool
    } else {
        HandoverTo::Reps(logins)
    };
    let summary = ctx.store.rep_leave(ctx.actor, login, to, date)?;
    let parts: Vec<String> = summary
        .to
        .iter()
        .map(|(to, customers, deals)| {
            let to = if to.is_empty() {
                t!("status.pool").to_string()
            } else {
                to.clone()
            };
            t!(
                "msg.handed_over",
                to = to,
                customers = customers,
                deals = deals
            )
            .to_string()
        })
        .collect();
    Ok(parts.join(" · "))
}
