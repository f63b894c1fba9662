//! A rep's history (README, People): moves between teams and returns, dated, kept in
//! `rep_history` and read back as a `Roster`. A rep's `team`, `joined_on` and `left_on`
//! columns say where they are now; the history says where they were.

use chrono::NaiveDate;
use rusqlite::OptionalExtension;

use crate::domain::roster::{Roster, State, Timeline};
use crate::domain::{ids, names};
use crate::store::policy::Write;
use crate::store::reps::Rep;
use crate::store::{Actor, Result, Store, StoreError, WriteCtx, audit};

/// Writes one state of a rep's history.
pub(crate) fn record(
    tx: &rusqlite::Transaction,
    ctx: &WriteCtx,
    rep_id: &str,
    since: NaiveDate,
    team: &str,
    employed: bool,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO rep_history (id, rep_id, since, team, employed, changed_by, changed_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute((
        ids::new_id().to_string(),
        rep_id,
        since,
        team,
        employed,
        &ctx.login,
        &ctx.now,
    ))?;
    Ok(())
}

/// Writes a checked move (`Store::check_move`): the history, the rep's team now, the audit.
pub(crate) fn write_move(
    tx: &rusqlite::Transaction,
    ctx: &WriteCtx,
    actor: &Actor,
    rep: &Rep,
    team: &str,
    from: NaiveDate,
) -> Result<()> {
    record(tx, ctx, &rep.id, from, team, true)?;
    tx.execute(
        "UPDATE reps SET team = ?2, updated_at = ?3, updated_by = ?4 WHERE id = ?1",
        (&rep.id, team, &ctx.now, &ctx.login),
    )?;
    let detail = format!("{}: {} → {team} from {from}", rep.login, rep.team);
    audit::record(
        tx,
        ctx,
        actor,
        "rep.move",
        Some(("rep", &rep.id)),
        Some(&detail),
    )
}

impl Store {
    /// Every rep's history.
    pub fn roster(&self) -> Result<Roster> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT rep_id, since, team, employed FROM rep_history ORDER BY rep_id, since, changed_at, id",
        )?;
        let mut rows = stmt.query([])?;
        let mut states: std::collections::HashMap<String, Vec<State>> = Default::default();
        while let Some(r) = rows.next()? {
            states.entry(r.get(0)?).or_default().push(State {
                since: r.get(1)?,
                team: r.get(2)?,
                employed: r.get(3)?,
            });
        }
        Ok(Roster(
            states
                .into_iter()
                .map(|(rep, s)| (rep, Timeline::new(s)))
                .collect(),
        ))
    }

    /// Moves a rep to `team` from `from` on (managers). The move counts from the month it is
    /// dated in; it may not be dated in the future, nor before the rep's last recorded change
    /// (history is added to, never rewritten).
    pub fn move_rep(
        &mut self,
        actor: &Actor,
        login: &str,
        team: &str,
        from: NaiveDate,
    ) -> Result<Rep> {
        actor.may(Write::MoveRep)?;
        let rep = self.require_active_rep(login)?;
        let team = self.check_move(&rep, team, from)?;
        self.write(actor, |tx, ctx| {
            write_move(tx, ctx, actor, &rep, &team, from)
        })?;
        self.rep(&rep.id)
    }

    /// The team a move of `rep` goes to, checked: a new team, dated as history allows.
    pub(crate) fn check_move(&self, rep: &Rep, team: &str, from: NaiveDate) -> Result<String> {
        if let Some(left) = rep.left_on {
            return Err(StoreError::rule(
                "error.rep_left",
                &[("login", &rep.login), ("date", &left)],
            ));
        }
        let team = names::required_line("team", team)?;
        if team == rep.team {
            return Err(StoreError::rule(
                "error.same_team",
                &[("login", &rep.login), ("team", &team)],
            ));
        }
        self.check_history_date(&rep.id, &rep.login, from)?;
        Ok(team)
    }

    /// A rep who left comes back on `date` (managers), on the team they left; their earlier
    /// spell stays in the history, so the periods between are not scored.
    pub fn rejoin_rep(&mut self, actor: &Actor, login: &str, date: NaiveDate) -> Result<Rep> {
        actor.may(Write::RejoinRep)?;
        let rep = self.require_rep(login)?;
        let Some(left) = rep.left_on else {
            return Err(StoreError::rule(
                "error.rep_not_left",
                &[("login", &rep.login)],
            ));
        };
        if date <= left {
            return Err(StoreError::rule(
                "error.rejoin_before_leaving",
                &[("login", &rep.login), ("date", &left)],
            ));
        }
        self.check_history_date(&rep.id, &rep.login, date)?;
        self.write(actor, |tx, ctx| {
            // Checked inside the write: the login may have been taken by a new rep since.
            let taken: Option<String> = tx
                .query_row(
                    "SELECT name FROM reps WHERE login = ?1 AND id != ?2 AND deleted_at IS NULL",
                    (&rep.login, &rep.id),
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(existing) = taken {
                return Err(StoreError::Duplicate {
                    field: "login",
                    value: rep.login.clone(),
                    existing,
                });
            }
            record(tx, ctx, &rep.id, date, &rep.team, true)?;
            tx.execute(
                "UPDATE reps SET left_on = NULL, joined_on = ?2, updated_at = ?3, updated_by = ?4
                 WHERE id = ?1",
                (&rep.id, date, &ctx.now, &ctx.login),
            )?;
            audit::record(
                tx,
                ctx,
                actor,
                "rep.rejoin",
                Some(("rep", &rep.id)),
                Some(&date.to_string()),
            )
        })?;
        self.rep(&rep.id)
    }

    /// A new state dated `day` may not be in the future (a move or return is recorded when
    /// it happens), and must follow the rep's history.
    fn check_history_date(&self, rep_id: &str, login: &str, day: NaiveDate) -> Result<()> {
        let today = self.clock().today();
        if day > today {
            return Err(StoreError::rule(
                "error.history_future",
                &[("login", &login), ("date", &day), ("today", &today)],
            ));
        }
        self.check_history_order(rep_id, login, day)
    }

    /// A new state may not be dated before the rep's last one (history is added to, never
    /// rewritten); on the same day it replaces it (a rep added to the wrong team).
    pub(crate) fn check_history_order(
        &self,
        rep_id: &str,
        login: &str,
        day: NaiveDate,
    ) -> Result<()> {
        let last: Option<NaiveDate> = self.conn().query_row(
            "SELECT max(since) FROM rep_history WHERE rep_id = ?1",
            [rep_id],
            |r| r.get(0),
        )?;
        if let Some(last) = last.filter(|l| day < *l) {
            return Err(StoreError::rule(
                "error.history_before",
                &[("login", &login), ("date", &last)],
            ));
        }
        Ok(())
    }
}
