//! Ratings (the data model (src/store/schema/migrations/0001_schema.sql)): a manager's 1–5 marks for a rep and a period, with a comment, and the
//! rep's answer. Only managers rate, never themselves; only the rated rep answers.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, Row};
use serde::Serialize;

use crate::domain::scoring::Marks;
use crate::domain::{FieldError, Period, Reason, ids, names};
use crate::store::policy::Write;
use crate::store::{Actor, Result, Store, StoreError, audit};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rating {
    pub id: String,
    pub rep_id: String,
    pub period: String,
    pub attitude: u8,
    pub knowledge: u8,
    pub teamwork: u8,
    pub comment: Option<String>,
    /// The manager who rated.
    pub rated_by: String,
    pub response: Option<String>,
    pub responded_at: Option<String>,
    pub updated_at: String,
}

impl Rating {
    pub fn marks(&self) -> Marks {
        Marks {
            attitude: self.attitude,
            knowledge: self.knowledge,
            teamwork: self.teamwork,
        }
    }
}

const MARKS: &[&str] = &["1", "2", "3", "4", "5"];

/// A mark as typed: a whole number from 1 to 5.
pub fn parse_mark(field: &'static str, s: &str) -> std::result::Result<u8, FieldError> {
    match s.trim().parse::<u8>() {
        Ok(n @ 1..=5) => Ok(n),
        _ => Err(FieldError::new(field, s, Reason::NotOneOf(MARKS))),
    }
}

const COLUMNS: &str = "id, rep_id, period, attitude, knowledge, teamwork, comment, rated_by,
                       response, responded_at, updated_at";

fn from_row(r: &Row) -> rusqlite::Result<Rating> {
    Ok(Rating {
        id: r.get(0)?,
        rep_id: r.get(1)?,
        period: r.get(2)?,
        attitude: r.get(3)?,
        knowledge: r.get(4)?,
        teamwork: r.get(5)?,
        comment: r.get(6)?,
        rated_by: r.get(7)?,
        response: r.get(8)?,
        responded_at: r.get(9)?,
        updated_at: r.get(10)?,
    })
}

impl Store {
    /// A rep's rating of a period, with its comment: for the managers and the rated rep only
    /// (see `policy`); anyone else gets none.
    pub fn rating(&self, rep_id: &str, period: Period) -> Result<Option<Rating>> {
        if !self.viewer().sees_rep(rep_id) {
            return Ok(None);
        }
        self.rating_of(rep_id, period)
    }

    /// The rating whoever looks: for the writes, which check the actor themselves.
    fn rating_of(&self, rep_id: &str, period: Period) -> Result<Option<Rating>> {
        Ok(self
            .conn()
            .query_row(
                &format!(
                    "SELECT {COLUMNS} FROM ratings
                     WHERE rep_id = ?1 AND period = ?2 AND deleted_at IS NULL"
                ),
                (rep_id, period.to_string()),
                from_row,
            )
            .optional()?)
    }

    /// The ratings of a period the viewer may see (all for a manager, a rep's own), by rep id.
    pub fn ratings(&self, period: Period) -> Result<HashMap<String, Rating>> {
        let mut all = self.all_ratings(period)?;
        all.retain(|rep, _| self.viewer().sees_rep(rep));
        Ok(all)
    }

    /// Every rating of a period, by rep id: the marks score everyone, and so rank the team;
    /// what is shown of them is decided by the scorecards.
    pub(crate) fn all_ratings(&self, period: Period) -> Result<HashMap<String, Rating>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM ratings WHERE period = ?1 AND deleted_at IS NULL"
        ))?;
        let rows = stmt.query_map([period.to_string()], from_row)?;
        let mut out = HashMap::new();
        for r in rows {
            let r = r?;
            out.insert(r.rep_id.clone(), r);
        }
        Ok(out)
    }

    /// Rates a rep for a period, or changes the rating (a changed rating clears an answer
    /// given to the old one, so the answer always speaks to what is shown).
    pub fn rate(
        &mut self,
        actor: &Actor,
        rep_login: &str,
        period: Period,
        marks: Marks,
        comment: Option<&str>,
    ) -> Result<Rating> {
        let me = actor.may(Write::Rate)?.to_string();
        let rep = self.require_rep(rep_login)?;
        if rep.id == me {
            return Err(StoreError::rule("error.rate_self", &[]));
        }
        for (field, v) in [
            ("attitude", marks.attitude),
            ("knowledge", marks.knowledge),
            ("teamwork", marks.teamwork),
        ] {
            parse_mark(field, &v.to_string())?;
        }
        let comment = comment.and_then(names::optional);
        let existing = self.rating_of(&rep.id, period)?;
        self.write(actor, |tx, ctx| {
            let id = match &existing {
                Some(old) => {
                    let changed = old.marks() != marks || old.comment != comment;
                    tx.execute(
                        "UPDATE ratings SET attitude = ?2, knowledge = ?3, teamwork = ?4,
                             comment = ?5, rated_by = ?6, updated_at = ?7, updated_by = ?6,
                             response = CASE WHEN ?8 THEN NULL ELSE response END,
                             responded_at = CASE WHEN ?8 THEN NULL ELSE responded_at END
                         WHERE id = ?1",
                        (
                            &old.id,
                            marks.attitude,
                            marks.knowledge,
                            marks.teamwork,
                            &comment,
                            &ctx.login,
                            &ctx.now,
                            changed,
                        ),
                    )?;
                    old.id.clone()
                }
                None => {
                    let id = ids::new_id().to_string();
                    tx.execute(
                        "INSERT INTO ratings (id, rep_id, period, attitude, knowledge, teamwork,
                             comment, rated_by, created_at, updated_at, updated_by)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?8)",
                        (
                            &id,
                            &rep.id,
                            period.to_string(),
                            marks.attitude,
                            marks.knowledge,
                            marks.teamwork,
                            &comment,
                            &ctx.login,
                            &ctx.now,
                        ),
                    )?;
                    id
                }
            };
            audit::record(
                tx,
                ctx,
                actor,
                "rating.set",
                Some(("rating", &id)),
                Some(&format!("{} {period}", rep.login)),
            )
        })?;
        Ok(self.rating_of(&rep.id, period)?.expect("just written"))
    }

    /// The rated rep answers their rating for a period.
    pub fn respond(&mut self, actor: &Actor, period: Period, text: &str) -> Result<Rating> {
        let me = actor.may(Write::Respond)?.to_string();
        let text = names::optional(text)
            .ok_or_else(|| FieldError::new("response", text, Reason::Empty))?;
        let Some(rating) = self.rating_of(&me, period)? else {
            return Err(StoreError::rule("error.not_rated", &[("period", &period)]));
        };
        // The answer is the rep's own voice: a manager acting as them (`--as`) may not give
        // it, least of all to the manager's own rating.
        if let Some(real) = &actor.acting_for {
            return Err(StoreError::rule(
                "error.respond_as",
                &[("login", &actor.login), ("real", real)],
            ));
        }

        self.write(actor, |tx, ctx| {
            tx.execute(
                "UPDATE ratings SET response = ?2, responded_at = ?3, updated_at = ?3,
                     updated_by = ?4
                 WHERE id = ?1",
                (&rating.id, &text, &ctx.now, &ctx.login),
            )?;
            audit::record(
                tx,
                ctx,
                actor,
                "rating.respond",
                Some(("rating", &rating.id)),
                Some(&period.to_string()),
            )
        })?;
        Ok(self.rating_of(&me, period)?.expect("just written"))
    }
}
