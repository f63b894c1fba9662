//! Visits (拜访/跟进记录): the log salespeople keep. `logged_at` is the system's, never typed;
//! a visit keeps its customer's last-visit date and next follow-up current.

pub mod edit;

use chrono::NaiveDate;
use rusqlite::Row;
use serde::Serialize;

use crate::domain::{Money, VisitKind, date_input, ids, names};
use crate::store::policy::Write;
use crate::store::query::{Slice, Where, order_sql, window_ids};
use crate::store::{Actor, Result, Store, StoreError, audit};

/// Up to this many customers matching a search, their visits are found through them.
const FEW_CUSTOMERS: usize = 500;

#[derive(Debug, Clone, Default)]
pub struct NewVisit {
    pub customer_id: String,
    pub date: Option<NaiveDate>,
    pub kind: Option<VisitKind>,
    pub purpose: Option<String>,
    pub summary: String,
    pub outcome: Option<String>,
    pub next_step: Option<String>,
    pub next_follow_up: Option<NaiveDate>,
    pub expense: Money,
    /// Logins of the reps who came along (协同拜访).
    pub joint_reps: Vec<String>,
    /// Names of the customer's contacts who were met.
    pub contacts_met: Vec<String>,
}

/// One row of the visit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VisitRow {
    pub id: String,
    pub date: NaiveDate,
    pub kind: VisitKind,
    pub customer_id: String,
    pub customer_name: String,
    pub author_login: String,
    pub author_name: String,
    pub summary: String,
    pub next_follow_up: Option<NaiveDate>,
    #[serde(serialize_with = "crate::store::visits::money_units")]
    pub expense: Money,
    pub joint_reps: Option<String>,
    /// The joint reps by name: what a person reads (`joint_reps` has their logins).
    #[serde(skip)]
    pub joint_names: Vec<String>,
    pub logged_at: String,
}

pub fn money_units<S: serde::Serializer>(m: &Money, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_f64(m.to_units_f64())
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VisitQuery {
    /// Visits to customers whose (normalised) name contains this.
    pub search: Option<String>,
    /// Visits the rep wrote or joined.
    pub rep_id: Option<String>,
    pub customer_id: Option<String>,
    pub kind: Option<VisitKind>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

fn visit_from_row(r: &Row) -> rusqlite::Result<VisitRow> {
    Ok(VisitRow {
        id: r.get(0)?,
        date: r.get(1)?,
        kind: r.get(2)?,
        customer_id: r.get(3)?,
        customer_name: r.get(4)?,
        author_login: r.get(5)?,
        author_name: r.get(6)?,
        summary: r.get(7)?,
        next_follow_up: r.get(8)?,
        expense: Money::from_cents(r.get(9)?),
        joint_reps: r.get(10)?,
        joint_names: r
            .get::<_, Option<String>>(12)?
            .map(|s| s.split('\u{1f}').map(str::to_string).collect())
            .unwrap_or_default(),
        logged_at: r.get(11)?,
    })
}

impl Store {
    /// The ids of the customer's contacts named in `names` (compared by the name rule); an
    /// unknown name is refused with the contacts there are.
    pub(crate) fn resolve_contacts(
        &self,
        customer_id: &str,
        wanted: &[String],
    ) -> Result<Vec<String>> {
        if wanted.is_empty() {
            return Ok(Vec::new());
        }
        let contacts = self.list_contacts(Some(customer_id))?;
        let mut met: Vec<String> = Vec::new();
        for name in wanted {
            let key = names::name_key(name);
            match contacts.iter().find(|c| names::name_key(&c.name) == key) {
                Some(c) if !met.contains(&c.id) => met.push(c.id.clone()),
                Some(_) => {}
                None => {
                    let known = contacts.iter().map(|c| c.name.clone()).collect();
                    return Err(StoreError::Ambiguous {
                        kind: "contact",
                        key: name.clone(),
                        candidates: known,
                    });
                }
            }
        }
        Ok(met)
    }

    pub fn add_visit(&mut self, actor: &Actor, new: NewVisit) -> Result<VisitRow> {
        let author_id = actor.may(Write::AddVisit)?.to_string();
        let summary = names::required("summary", &new.summary)?;
        let customer = self.customer(&new.customer_id)?;
        self.require_can_work_on(actor, Write::AddVisit, &customer)?;
        let mut joint = Vec::new();
        for login in &new.joint_reps {
            let rep = self.require_active_rep(login)?;
            if rep.id != author_id && !joint.contains(&rep.id) {
                joint.push(rep.id);
            }
        }
        let met = self.resolve_contacts(&customer.id, &new.contacts_met)?;
        let today = self.clock().today();
        let date = date_input::happened("date", new.date.unwrap_or(today), today)?;
        if let Some(next) = new.next_follow_up {
            date_input::follow_up("next", next, date, today)?;
        }
        let id = ids::new_id().to_string();
        self.write(actor, |tx, ctx| {
            tx.prepare_cached(
                "INSERT INTO visits (id, customer_id, author_id, date, kind, purpose, summary,
                     outcome, next_step, next_follow_up, expense_cents, logged_at,
                     created_at, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12, ?12, ?13)",
            )?
            .execute(rusqlite::params![
                &id,
                &customer.id,
                &author_id,
                date,
                new.kind.unwrap_or_default().code(),
                new.purpose.as_deref().and_then(names::optional),
                &summary,
                new.outcome.as_deref().and_then(names::optional),
                new.next_step.as_deref().and_then(names::optional),
                new.next_follow_up,
                new.expense.cents(),
                &ctx.now,
                &ctx.login,
            ])?;
            for rep_id in &joint {
                tx.prepare_cached(
                    "INSERT INTO visit_reps (visit_id, rep_id, created_at) VALUES (?1, ?2, ?3)",
                )?
                .execute((&id, rep_id, &ctx.now))?;
            }
            for contact_id in &met {
                tx.prepare_cached(
                    "INSERT INTO visit_contacts (visit_id, contact_id, created_at) VALUES (?1, ?2, ?3)",
                )?
                .execute((&id, contact_id, &ctx.now))?;
            }
            // Derived fields only: a visit is not an edit of its customer, so it does not
            // touch `updated_at`. Otherwise a visit logged on a laptop would make the laptop's
            // old copy of the customer (its owner before a handover) win the next sync.
            tx.prepare_cached(
                "UPDATE customers SET
                     last_visit_on = max(COALESCE(last_visit_on, ?2), ?2),
                     next_follow_up = COALESCE(?3, next_follow_up)
                 WHERE id = ?1",
            )?
            .execute((&customer.id, date, new.next_follow_up))?;
            audit::record(tx, ctx, actor, "visit.add", Some(("visit", &id)), None)
        })?;
        self.visit_row(&id)
    }

    /// One row of the log, if the viewer sees the visit.
    pub fn visit_row(&self, id: &str) -> Result<VisitRow> {
        let sql = format!(
            "{VISIT_SELECT} WHERE v.id = ?1 AND {}",
            self.viewer().visit_sql("v")
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let mut rows = stmt.query_map([id], visit_from_row)?;
        match rows.next() {
            Some(row) => Ok(row?),
            None => Err(StoreError::NotFound {
                kind: "visit",
                key: id.to_string(),
            }),
        }
    }

    /// How many customers' names contain `key`, up to `cap`.
    fn customers_matching(&self, key: &str, cap: usize) -> Result<usize> {
        let n: i64 = self
            .conn()
            .prepare_cached(
                "SELECT count(*) FROM (SELECT 1 FROM customers
             WHERE instr(name_key, ?1) > 0 AND deleted_at IS NULL LIMIT ?2)",
            )?
            .query_row((key, cap as i64), |r| r.get(0))?;
        Ok(n as usize)
    }

    /// The WHERE clause of a visit query, and whether it is a broad customer search.
    ///
    /// A search is answered through the matching customers' own visits when few customers
    /// match; when many do, the log is walked newest first and the customer test is applied
    /// to each visit (the `+` keeps SQLite from choosing the per-customer index), which finds
    /// the newest rows at once instead of sorting most of the log.
    fn visit_filter(&self, q: &VisitQuery) -> Result<(Where, bool)> {
        let mut w = Where::new("v.deleted_at IS NULL");
        // Only what the viewer sees (see `policy`): a rep's log is their customers', the
        // pool's, and the visits they wrote or joined.
        w.and(&self.viewer().visit_sql("v"));
        let mut broad = false;
        if let Some(key) = q
            .search
            .as_deref()
            .map(names::name_key)
            .filter(|k| !k.is_empty())
        {
            broad = self.customers_matching(&key, FEW_CUSTOMERS + 1)? > FEW_CUSTOMERS;
            let p = w.bind(key);
            let plus = if broad { "+" } else { "" };
            w.and(&format!(
                "{plus}v.customer_id IN (SELECT id FROM customers WHERE instr(name_key, {p}) > 0)"
            ));
        }
        if let Some(rep) = &q.rep_id {
            let p = w.bind(rep.clone());
            w.and(&format!(
                "(v.author_id = {p} OR EXISTS (SELECT 1 FROM visit_reps j
                   WHERE j.visit_id = v.id AND j.rep_id = {p}))"
            ));
        }
        if let Some(c) = &q.customer_id {
            let p = w.bind(c.clone());
            w.and(&format!("v.customer_id = {p}"));
        }
        if let Some(k) = q.kind {
            let p = w.bind(k.code());
            w.and(&format!("v.kind = {p}"));
        }
        if let Some(d) = q.from {
            let p = w.bind(d);
            w.and(&format!("v.date >= {p}"));
        }
        if let Some(d) = q.to {
            let p = w.bind(d);
            w.and(&format!("v.date <= {p}"));
        }
        Ok((w, broad))
    }

    pub fn count_visits(&self, q: &VisitQuery) -> Result<usize> {
        self.count_visits_upto(q, usize::MAX).map(|(n, _)| n)
    }

    /// The number of matching visits, counting no further than `cap` when the query is a
    /// broad search (a screen says "10000+" rather than wait for an exact million).
    /// Returns the count and whether it is exact.
    pub fn count_visits_upto(&self, q: &VisitQuery, cap: usize) -> Result<(usize, bool)> {
        // The whole log, as a manager sees it: the rollups count it (every live visit is
        // written by someone, in some month), a few thousand rows instead of a million.
        if self.viewer().is_all() && *q == VisitQuery::default() {
            let n: f64 = self
                .conn()
                .prepare_cached("SELECT total(written) FROM rollup_visits")?
                .query_row([], |r| r.get(0))?;
            return Ok((n as usize, true));
        }
        let (mut w, broad) = self.visit_filter(q)?;
        let limit = if broad {
            cap.min(i64::MAX as usize) as i64
        } else {
            -1
        };
        let p = w.bind(limit);
        let sql = format!(
            "SELECT count(*) FROM (SELECT 1 FROM visits v WHERE {} LIMIT {p})",
            w.sql()
        );
        let n: i64 = self
            .conn()
            .prepare_cached(&sql)?
            .query_row(w.params(), |r| r.get(0))?;
        Ok((n as usize, !broad || (n as usize) < cap))
    }

    /// One window of the log, newest first: `at` rows from its start, or from its end.
    pub fn visit_page(
        &self,
        q: &VisitQuery,
        at: impl Into<Slice>,
        limit: usize,
    ) -> Result<Vec<VisitRow>> {
        let (mut w, _) = self.visit_filter(q)?;
        let ids = window_ids(&mut w, "v.id", "visits v", VISIT_ORDER, at.into(), limit);
        let sql = format!(
            "{VISIT_SELECT} WHERE v.id IN ({ids}) ORDER BY {}",
            order_sql(VISIT_ORDER, false)
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(w.params(), visit_from_row)?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}

/// The log's order: newest first (the index `visits_date` serves it both ways).
const VISIT_ORDER: &[(&str, bool)] = &[("v.date", true), ("v.id", true)];

const VISIT_SELECT: &str = concat!(
    "SELECT v.id, v.date, v.kind, v.customer_id, c.name, a.login, ",
    crate::store::reps::shown_name!("a"),
    ", v.summary, v.next_follow_up, v.expense_cents,
        (SELECT group_concat(r.login, ',') FROM visit_reps j JOIN reps r ON r.id = j.rep_id
          WHERE j.visit_id = v.id),
        v.logged_at,
        (SELECT group_concat(",
    crate::store::reps::shown_name!("r"),
    ", char(31)) FROM visit_reps j JOIN reps r ON r.id = j.rep_id
          WHERE j.visit_id = v.id)
     FROM visits v JOIN customers c ON c.id = v.customer_id JOIN reps a ON a.id = v.author_id"
);
