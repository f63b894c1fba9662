//! One visit in full, and changing or deleting it: its author or a manager may (issue 6).
//! The customer's last-contact date follows, so the archive never shows a deleted visit's day.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Transaction};

use crate::domain::{Money, VisitKind, date_input, names};
use crate::store::policy::Write;
use crate::store::visits::NewVisit;
use crate::store::{Actor, Result, Store, StoreError, audit};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visit {
    pub id: String,
    pub customer_id: String,
    pub customer_name: String,
    pub author_login: String,
    pub author_name: String,
    pub date: NaiveDate,
    pub kind: VisitKind,
    pub purpose: Option<String>,
    pub summary: String,
    pub outcome: Option<String>,
    pub next_step: Option<String>,
    pub next_follow_up: Option<NaiveDate>,
    pub expense: Money,
    pub logged_at: String,
    /// Logins of the reps who came along.
    pub joint_reps: Vec<String>,
    /// Their names, in the same order: what a person reads.
    pub joint_names: Vec<String>,
    /// Names of the contacts met.
    pub contacts_met: Vec<String>,
}

/// The customer's last visit is the latest live one.
fn refresh_last_visit(tx: &Transaction, customer_id: &str) -> Result<()> {
    tx.execute(
        "UPDATE customers SET last_visit_on = (SELECT max(date) FROM visits
             WHERE customer_id = ?1 AND deleted_at IS NULL) WHERE id = ?1",
        [customer_id],
    )?;
    Ok(())
}

impl Store {
    pub fn visit(&self, id: &str) -> Result<Visit> {
        let list = |sql: &str| -> Result<Vec<String>> {
            let mut stmt = self.conn().prepare_cached(sql)?;
            let rows = stmt.query_map([id], |r| r.get(0))?;
            Ok(rows.collect::<std::result::Result<_, _>>()?)
        };
        let joint_reps = list(
            "SELECT r.login FROM visit_reps j JOIN reps r ON r.id = j.rep_id WHERE j.visit_id = ?1 ORDER BY r.login",
        )?;
        let joint_names = list(concat!(
            "SELECT ",
            crate::store::reps::shown_name!("r"),
            " FROM visit_reps j JOIN reps r ON r.id = j.rep_id WHERE j.visit_id = ?1 ORDER BY r.login",
        ))?;
        let contacts_met = list(
            "SELECT k.name FROM visit_contacts m JOIN contacts k ON k.id = m.contact_id WHERE m.visit_id = ?1 ORDER BY k.name",
        )?;
        self.conn()
            .query_row(
                &format!("SELECT v.id, v.customer_id, c.name, a.login, v.date, v.kind, v.purpose, v.summary,
                        v.outcome, v.next_step, v.next_follow_up, v.expense_cents, v.logged_at, {}
                 FROM visits v JOIN customers c ON c.id = v.customer_id JOIN reps a ON a.id = v.author_id
                 WHERE v.id = ?1 AND v.deleted_at IS NULL AND {}",
                    crate::store::reps::shown_name!("a"),
                    // Only a visit the viewer sees (see `policy`).
                    self.viewer().visit_sql("v")),
                [id],
                |r| {
                    Ok(Visit {
                        id: r.get(0)?,
                        customer_id: r.get(1)?,
                        customer_name: r.get(2)?,
                        author_login: r.get(3)?,
                        date: r.get(4)?,
                        kind: r.get(5)?,
                        purpose: r.get(6)?,
                        summary: r.get(7)?,
                        outcome: r.get(8)?,
                        next_step: r.get(9)?,
                        next_follow_up: r.get(10)?,
                        expense: Money::from_cents(r.get(11)?),
                        logged_at: r.get(12)?,
                        joint_reps: joint_reps.clone(),
                        joint_names: joint_names.clone(),
                        author_name: r.get(13)?,
                        contacts_met: contacts_met.clone(),
                    })
                },
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound { kind: "visit", key: id.to_string() })
    }

    /// A rep changes only the visits they wrote; a manager any.
    fn require_author(&self, actor: &Actor, w: Write, v: &Visit) -> Result<()> {
        if actor.may_on(w, actor.holding_login(&v.author_login))? {
            Ok(())
        } else {
            Err(StoreError::rule(
                "error.not_your_visit",
                &[("author", &v.author_login)],
            ))
        }
    }

    /// Replaces a visit's fields (its customer and author stay; `logged_at` stays the first).
    pub fn update_visit(&mut self, actor: &Actor, id: &str, fields: NewVisit) -> Result<Visit> {
        let v = self.visit(id)?;
        self.require_author(actor, Write::UpdateVisit, &v)?;
        let summary = names::required("summary", &fields.summary)?;
        // Joint reps and contacts are checked as on a new visit.
        let author = self.require_rep(&v.author_login)?;
        let mut joint = Vec::new();
        for login in &fields.joint_reps {
            let rep = self.require_active_rep(login)?;
            if rep.id != author.id && !joint.contains(&rep.id) {
                joint.push(rep.id);
            }
        }
        let met = self.resolve_contacts(&v.customer_id, &fields.contacts_met)?;
        let today = self.clock().today();
        let date = date_input::happened("date", fields.date.unwrap_or(v.date), today)?;
        if let Some(next) = fields.next_follow_up {
            date_input::follow_up("next", next, date, today)?;
        }
        let opt = |s: &Option<String>| s.as_deref().and_then(names::optional);
        self.write(actor, |tx, ctx| {
            tx.execute(
                "UPDATE visits SET date = ?2, kind = ?3, purpose = ?4, summary = ?5, outcome = ?6,
                     next_step = ?7, next_follow_up = ?8, expense_cents = ?9, updated_at = ?10,
                     updated_by = ?11 WHERE id = ?1",
                rusqlite::params![
                    v.id,
                    date,
                    fields.kind.unwrap_or(v.kind).code(),
                    opt(&fields.purpose),
                    summary,
                    opt(&fields.outcome),
                    opt(&fields.next_step),
                    fields.next_follow_up,
                    fields.expense.cents(),
                    ctx.now,
                    ctx.login,
                ],
            )?;
            tx.execute("DELETE FROM visit_reps WHERE visit_id = ?1", [&v.id])?;
            tx.execute("DELETE FROM visit_contacts WHERE visit_id = ?1", [&v.id])?;
            for rep in &joint {
                tx.execute("INSERT INTO visit_reps (visit_id, rep_id, created_at) VALUES (?1, ?2, ?3)", (&v.id, rep, &ctx.now))?;
            }
            for contact in &met {
                tx.execute("INSERT INTO visit_contacts (visit_id, contact_id, created_at) VALUES (?1, ?2, ?3)", (&v.id, contact, &ctx.now))?;
            }
            if let Some(next) = fields.next_follow_up {
                tx.execute("UPDATE customers SET next_follow_up = ?2 WHERE id = ?1", (&v.customer_id, next))?;
            }
            refresh_last_visit(tx, &v.customer_id)?;
            audit::record(tx, ctx, actor, "visit.edit", Some(("visit", &v.id)), None)
        })?;
        self.visit(&v.id)
    }

    /// Deletes a visit (a tombstone), for its author or a manager.
    pub fn delete_visit(&mut self, actor: &Actor, id: &str) -> Result<()> {
        let v = self.visit(id)?;
        self.require_author(actor, Write::DeleteVisit, &v)?;
        self.write(actor, |tx, ctx| {
            tx.execute(
                "UPDATE visits SET deleted_at = ?2, updated_at = ?2, updated_by = ?3 WHERE id = ?1",
                (&v.id, &ctx.now, &ctx.login),
            )?;
            refresh_last_visit(tx, &v.customer_id)?;
            audit::record(tx, ctx, actor, "visit.delete", Some(("visit", &v.id)), None)
        })
    }
}
