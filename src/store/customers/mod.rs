//! Customers (客户): the archive the company owns. Names are unique under the name rule of
//! the data model (src/store/schema/migrations/0001_schema.sql) (`name_key`); the list is read a window at a time, never whole.

pub mod agenda;
pub mod contacts;
pub mod detail;
pub mod edit;
pub(crate) mod owner_log;
pub mod ownership;
pub mod picker;
pub mod pool;
pub(crate) mod spelling;
pub mod twins;

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row};
use serde::Serialize;

use crate::domain::{
    CustomerStage, Grade, OwnershipReason, company, date_input, ids, names, pinyin,
};
use crate::store::customers::owner_log::change_owner;
use crate::store::policy::Scope;
use crate::store::policy::Write;
use crate::store::query::{Slice, Where, order_sql, window_ids};
use crate::store::short_ids::IdTable;
use crate::store::{Actor, Result, Store, StoreError, audit};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Customer {
    pub id: String,
    pub name: String,
    pub grade: Grade,
    pub stage: CustomerStage,
    pub owner_id: Option<String>,
    pub owner_login: Option<String>,
    pub industry: Option<String>,
    pub size: Option<String>,
    pub region: Option<String>,
    pub city: Option<String>,
    pub source: Option<String>,
    pub address: Option<String>,
    pub tags: Option<String>,
    pub notes: Option<String>,
    pub phone: Option<String>,
    pub mobile: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub next_follow_up: Option<NaiveDate>,
    pub last_visit_on: Option<NaiveDate>,
    /// Locked against the pool sweep since then (UTC stamp).
    pub locked_at: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, Default)]
pub struct NewCustomer {
    pub name: String,
    pub grade: Option<Grade>,
    pub stage: Option<CustomerStage>,
    /// The owner's login; None: the adding rep (a manager's customer goes to the pool).
    pub owner: Option<String>,
    pub industry: Option<String>,
    pub size: Option<String>,
    pub region: Option<String>,
    pub city: Option<String>,
    pub source: Option<String>,
    pub address: Option<String>,
    pub tags: Option<String>,
    pub notes: Option<String>,
    pub phone: Option<String>,
    pub mobile: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub next_follow_up: Option<NaiveDate>,
}

/// One row of the archive table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CustomerRow {
    pub id: String,
    pub name: String,
    pub grade: Grade,
    pub stage: CustomerStage,
    pub owner_login: Option<String>,
    pub owner_name: Option<String>,
    pub region: Option<String>,
    pub last_visit_on: Option<NaiveDate>,
    pub next_follow_up: Option<NaiveDate>,
    pub overdue: bool,
    /// Days until the pool sweep takes it, when that is within `pool.warn_days`.
    pub pool_in: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CustomerSort {
    #[default]
    Name,
    Grade,
    Stage,
    Owner,
    Region,
    LastVisit,
    NextFollowUp,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CustomerQuery {
    /// Matched against the normalised name, so `ａｃｍｅ` finds `Acme`.
    pub search: Option<String>,
    pub owner_id: Option<String>,
    pub pool: bool,
    pub grade: Option<Grade>,
    pub overdue: bool,
    /// The agenda: overdue, or with a follow-up due today.
    pub due: bool,
    pub sort: CustomerSort,
}

/// A customer's phone and mobile as digits (`|` between them), as a search of digits looks
/// in them: `0571-8888 6666` is `057188886666`.
const PHONE_DIGITS: &str = "replace(replace(replace(replace(replace(
     COALESCE(c.phone, '') || '|' || COALESCE(c.mobile, ''),
     '-', ''), ' ', ''), '+', ''), '(', ''), ')', '')";

/// The customers a search found (`Store::customer_matches`): their rowids in the list's
/// order with what each matched on (its name key; and, for a search of digits, a `\u{1f}`
/// and its phones' digits), and whether that is all of them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Matches {
    /// Each match's rowid and what it was found in: its name key, then after `\u{1f}` its
    /// phones' digits, then after `\u{1e}` its pinyin (each only when the search looked there).
    pub keys: Vec<(i64, String)>,
    pub complete: bool,
    /// Found by a search of digits, which looks in phones too.
    pub with_phones: bool,
    /// Found by a search of Latin letters, which looks in the names' pinyin too.
    pub with_pinyin: bool,
}

impl Matches {
    /// The first `n` rowids, the rows a window shows.
    pub fn first(&self, n: usize) -> Vec<i64> {
        self.keys.iter().take(n).map(|(id, _)| *id).collect()
    }

    /// The matches of a longer search (`needle`, its name key; `digits`, for a search of
    /// digits), picked from these without reading the names again: what the longer one
    /// matches, the shorter matched. Only all of them, found the same way, are a sound base.
    pub fn narrowed(&self, needle: &str, digits: Option<&str>) -> Option<Matches> {
        let pinyin = pinyin::is_pinyin_search(needle);
        if !self.complete || self.with_phones != digits.is_some() || self.with_pinyin != pinyin {
            return None;
        }
        let matches = |key: &str| {
            let (name, rest) = key.split_once('\u{1f}').unwrap_or((key, ""));
            let (phones, spelled) = rest.split_once('\u{1e}').unwrap_or((rest, ""));
            name.contains(needle)
                || digits.is_some_and(|d| phones.contains(d))
                || (pinyin && spelled.split(pinyin::SEPARATOR).any(|s| s.contains(needle)))
        };
        Some(Matches {
            keys: self
                .keys
                .iter()
                .filter(|(_, key)| matches(key))
                .cloned()
                .collect(),
            complete: true,
            with_phones: self.with_phones,
            with_pinyin: self.with_pinyin,
        })
    }
}

const CUSTOMER_COLUMNS: &str = "c.id, c.name, c.grade, c.stage, c.owner_id, o.login, c.industry, \
     c.size, c.region, c.source, c.address, c.tags, c.notes, c.next_follow_up, c.last_visit_on, \
     c.created_at, c.updated_at, c.city, c.phone, c.mobile, c.email, c.website, c.locked_at";

fn customer_from_row(r: &Row) -> rusqlite::Result<Customer> {
    Ok(Customer {
        id: r.get(0)?,
        name: r.get(1)?,
        grade: r.get(2)?,
        stage: r.get(3)?,
        owner_id: r.get(4)?,
        owner_login: r.get(5)?,
        industry: r.get(6)?,
        size: r.get(7)?,
        region: r.get(8)?,
        source: r.get(9)?,
        address: r.get(10)?,
        tags: r.get(11)?,
        notes: r.get(12)?,
        next_follow_up: r.get(13)?,
        last_visit_on: r.get(14)?,
        created_at: r.get(15)?,
        updated_at: r.get(16)?,
        city: r.get(17)?,
        phone: r.get(18)?,
        mobile: r.get(19)?,
        email: r.get(20)?,
        website: r.get(21)?,
        locked_at: r.get(22)?,
    })
}

fn opt(s: &Option<String>) -> Option<String> {
    s.as_deref().and_then(names::optional)
}

/// A source as stored: one of ours typed in Chinese (转介绍) is kept as its code, as import
/// keeps it, so a customer reads the same however it came in.
pub(crate) fn source(s: &Option<String>) -> Option<String> {
    opt(s).map(crate::domain::sheet::values::source)
}

/// Refuses `name` when another live customer (not `except`) already has its name key.
/// Told to `scope`: a customer it may see is named (the usual duplicate); one it may not
/// is only said to exist and whose it is, nothing more (see `policy`).
pub(crate) fn refuse_taken_name(
    conn: &rusqlite::Connection,
    name: &str,
    key: &str,
    except: Option<&str>,
    scope: &Scope,
) -> Result<()> {
    let existing: Option<(String, Option<String>, Option<String>)> = conn
        .query_row(
            "SELECT c.name, c.owner_id, o.name FROM customers c
             LEFT JOIN reps o ON o.id = c.owner_id
             WHERE c.name_key = ?1 AND c.deleted_at IS NULL AND c.id IS NOT ?2",
            (key, except),
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let Some((existing, owner_id, owner_name)) = existing else {
        return Ok(());
    };
    let shown = names::shown(name);
    match (owner_id.as_deref(), scope) {
        // A rep adding it is pointed at the pool, where it is theirs for a claim.
        (None, Scope::Own { .. }) if except.is_none() => Err(StoreError::rule(
            "scope.exists_in_pool",
            &[("name", &shown)],
        )),
        (owner, _) if !scope.sees_customer(owner) => Err(StoreError::rule(
            "scope.exists_owned",
            &[
                ("name", &shown),
                ("owner", &names::shown(&owner_name.unwrap_or_default())),
            ],
        )),
        _ => Err(StoreError::Duplicate {
            field: "name",
            value: name.to_string(),
            existing,
        }),
    }
}

/// A sort's order as terms; every one ends with the name key and the id, so it is total and
/// reads the same backwards. Indexes serve every order but the owner's (a rep's login is in
/// another table): `customers_name_key`, `_grade`, `_stage`, `_region_order`,
/// `_last_visit_order`, `_follow_up_order` (migrations 0007, 0008).
fn customer_order(sort: CustomerSort) -> &'static [(&'static str, bool)] {
    match sort {
        CustomerSort::Name => &[("c.name_key", false), ("c.id", false)],
        CustomerSort::Grade => &[("c.grade", false), ("c.name_key", false), ("c.id", false)],
        CustomerSort::Stage => &[("c.stage", false), ("c.name_key", false), ("c.id", false)],
        CustomerSort::Owner => &[
            ("o.login IS NULL", false),
            ("o.login", false),
            ("c.name_key", false),
            ("c.id", false),
        ],
        CustomerSort::Region => &[
            ("c.region IS NULL", false),
            ("c.region", false),
            ("c.name_key", false),
            ("c.id", false),
        ],
        CustomerSort::LastVisit => &[
            ("c.last_visit_on", true),
            ("c.name_key", false),
            ("c.id", false),
        ],
        CustomerSort::NextFollowUp => &[
            ("c.next_follow_up IS NULL", false),
            ("c.next_follow_up", false),
            ("c.name_key", false),
            ("c.id", false),
        ],
    }
}

impl Store {
    pub fn add_customer(&mut self, actor: &Actor, new: NewCustomer) -> Result<Customer> {
        let actor_id = actor.may(Write::AddCustomer)?.to_string();
        let name = names::required_line("name", &new.name)?;
        let key = names::name_key(&name);
        let owner_id = match &new.owner {
            Some(login) => {
                let rep = self.require_active_rep(login)?;
                actor.require_on(Write::AddCustomer, actor.holding(Some(&rep.id)))?;
                Some(rep.id)
            }
            None if actor.is_manager() => None,
            None => Some(actor_id),
        };
        if let Some(next) = new.next_follow_up {
            date_input::planned("next", next, self.clock().today())?;
        }
        let id = ids::new_id().to_string();
        let scope = Scope::of(actor);
        self.write(actor, |tx, ctx| {
            refuse_taken_name(tx, &name, &key, None, &scope)?;
            tx.execute(
                "INSERT INTO customers (id, name, name_key, grade, stage, owner_id, industry,
                     size, region, source, address, tags, notes, next_follow_up,
                     created_at, updated_at, updated_by, city, phone, mobile, email, website)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,
                         ?15, ?15, ?16, ?17, ?18, ?19, ?20, ?21)",
                rusqlite::params![
                    &id,
                    &name,
                    &key,
                    new.grade.unwrap_or_default().code(),
                    new.stage.unwrap_or_default().code(),
                    None::<String>,
                    opt(&new.industry),
                    opt(&new.size),
                    opt(&new.region),
                    source(&new.source),
                    opt(&new.address),
                    opt(&new.tags),
                    opt(&new.notes),
                    new.next_follow_up,
                    &ctx.now,
                    &ctx.login,
                    opt(&new.city),
                    opt(&new.phone),
                    opt(&new.mobile),
                    opt(&new.email),
                    opt(&new.website),
                ],
            )?;
            // The new name's pinyin, for a search by it (`spelling`).
            spelling::fill_name_pinyin(tx, "main")?;
            audit::record(
                tx,
                ctx,
                actor,
                "customer.add",
                Some(("customer", &id)),
                None,
            )?;
            if let Some(owner) = &owner_id {
                change_owner(tx, ctx, actor, &id, Some(owner), OwnershipReason::Create)?;
            }
            Ok(())
        })?;
        self.customer(&id)
    }

    /// One customer by id, if the viewer may see it (else not found, as if it did not exist).
    pub fn customer(&self, id: &str) -> Result<Customer> {
        self.conn()
            .query_row(
                &format!(
                    "SELECT {CUSTOMER_COLUMNS} FROM customers c
                     LEFT JOIN reps o ON o.id = c.owner_id WHERE c.id = ?1 AND {}",
                    self.viewer().customer_sql("c")
                ),
                [id],
                customer_from_row,
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                kind: "customer",
                key: id.to_string(),
            })
    }

    /// Whole records in name order after `after` (a name key), `limit` at a time: export
    /// walks the archive with it without ever holding all of it. Only what the viewer sees:
    /// a rep exports their own customers and the pool, never the team's.
    pub fn customers_after(&self, after: Option<&str>, limit: usize) -> Result<Vec<Customer>> {
        let sql = format!(
            "SELECT {CUSTOMER_COLUMNS} FROM customers c LEFT JOIN reps o ON o.id = c.owner_id
             WHERE c.deleted_at IS NULL AND c.name_key > ?1 AND {}
             ORDER BY c.name_key LIMIT ?2",
            self.viewer().customer_sql("c")
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map((after.unwrap_or(""), limit as i64), customer_from_row)?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// `C` on the command line: an exact (normalised) name, or a short id. Unknown or
    /// ambiguous references list the candidates, only among what the viewer sees. The exact
    /// name of a customer the viewer may not see says only that it exists and whose it is,
    /// as adding it would (see `policy`); its short id is simply not found.
    pub fn resolve_customer(&self, reference: &str) -> Result<Customer> {
        let key = names::name_key(reference);
        let exact: Option<(String, Option<String>, Option<String>)> = self
            .conn()
            .query_row(
                "SELECT c.id, c.owner_id, o.name FROM customers c
                 LEFT JOIN reps o ON o.id = c.owner_id
                 WHERE c.name_key = ?1 AND c.deleted_at IS NULL",
                [&key],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        match exact {
            Some((id, owner, _)) if self.viewer().sees_customer(owner.as_deref()) => {
                return self.customer(&id);
            }
            Some((_, _, Some(owner))) if self.viewer().rep_id().is_some() => {
                return Err(StoreError::rule(
                    "scope.exists_owned",
                    &[
                        ("name", &names::shown(reference)),
                        ("owner", &names::shown(&owner)),
                    ],
                ));
            }
            _ => {}
        }
        let mut candidates: Vec<(String, String)> = Vec::new();
        // A short id as printed, or the start of a whole id; hidden ones are not candidates.
        if let Ok(prefix) = ids::parse_prefix("customer", reference) {
            for id in self.ids_named(IdTable::Customers, &prefix, 10)? {
                match self.customer(&id) {
                    Ok(c) => candidates.push((id, c.name)),
                    Err(StoreError::NotFound { .. }) => {}
                    Err(e) => return Err(e),
                }
            }
        }
        if candidates.len() == 1 {
            return self.customer(&candidates[0].0);
        }
        if candidates.is_empty() && !key.is_empty() {
            let mut stmt = self.conn().prepare_cached(&format!(
                "SELECT c.id, c.name FROM customers c WHERE instr(c.name_key, ?1) > 0
                 AND c.deleted_at IS NULL AND {} ORDER BY c.name_key LIMIT 10",
                self.viewer().customer_sql("c")
            ))?;
            candidates = stmt
                .query_map([&key], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<std::result::Result<_, _>>()?;
        }
        let candidates = candidates
            .into_iter()
            .map(|(id, name)| {
                let short = self.short_id(IdTable::Customers, &id)?;
                Ok(format!("{name} ({short})"))
            })
            .collect::<Result<_>>()?;
        Err(StoreError::Ambiguous {
            kind: "customer",
            key: reference.to_string(),
            candidates,
        })
    }

    /// The WHERE clause of a customer query, shared by page and count.
    fn customer_filter(&self, q: &CustomerQuery) -> Where {
        let mut w = Where::new("c.deleted_at IS NULL");
        w.and(&self.viewer().customer_sql("c"));
        if let Some(s) = q
            .search
            .as_deref()
            .map(names::name_key)
            .filter(|s| !s.is_empty())
        {
            let pinyin = pinyin::is_pinyin_search(&s);
            let p = w.bind(s);
            // Digits look in the phones too (README, Moving in): `138 0013` finds a mobile;
            // Latin letters in the names' pinyin: `hzyf` finds 杭州云帆.
            let mut found = vec![format!("instr(c.name_key, {p}) > 0")];
            if let Some(digits) = q.search.as_deref().and_then(company::phone_search) {
                let d = w.bind(digits);
                found.push(format!("instr({PHONE_DIGITS}, {d}) > 0"));
            }
            if pinyin {
                found.push(format!("instr(COALESCE(c.name_pinyin, ''), {p}) > 0"));
            }
            w.and(&format!("({})", found.join(" OR ")));
        }
        if q.pool {
            w.and("c.owner_id IS NULL");
        } else if let Some(owner) = &q.owner_id {
            let p = w.bind(owner.clone());
            w.and(&format!("c.owner_id = {p}"));
        }
        if let Some(g) = q.grade {
            let p = w.bind(g.code());
            w.and(&format!("c.grade = {p}"));
        }
        if q.overdue {
            w.and(&self.overdue_expr("<"));
        }
        if q.due {
            w.and(&self.overdue_expr("<="));
        }
        w
    }

    /// SQL that is true for an overdue customer (README, The public pool, claims and
    /// handovers): one somebody owns and still works (not in the pool, not lost or dormant)
    /// whose follow-up date has passed, or, with no follow-up date, whose last visit (or,
    /// never visited, the day it was added) is older than its grade's cadence. A follow-up
    /// still to come is a plan, not a debt, however old the last visit. The numbers are ours,
    /// not the user's, so they are written in directly. With `follow_up` "<=", a follow-up
    /// due today counts too (the agenda).
    pub(crate) fn overdue_expr(&self, follow_up: &str) -> String {
        let c = self.cadence();
        let today = self.clock().today();
        format!(
            "(c.owner_id IS NOT NULL AND c.stage NOT IN ('lost', 'dormant') AND (
               (c.next_follow_up IS NOT NULL AND c.next_follow_up {follow_up} '{today}')
               OR (c.next_follow_up IS NULL
                   AND COALESCE(c.last_visit_on, substr(c.created_at, 1, 10))
                     < date('{today}', '-' || CASE c.grade WHEN 'A' THEN {} WHEN 'B' THEN {}
                        WHEN 'C' THEN {} ELSE {} END || ' days'))))",
            c.a, c.b, c.c, c.d
        )
    }

    /// How many customers `q` finds, counting no further than `cap` when it searches by
    /// name (a letter matches much of the archive; the list then says "10000+"): (count,
    /// exact). Without a search, and without the overdue or due filters, the count comes
    /// from `rollup_customers` (live customers by owner and grade).
    pub fn count_customers_upto(&self, q: &CustomerQuery, cap: usize) -> Result<(usize, bool)> {
        let searches = q
            .search
            .as_deref()
            .is_some_and(|s| !names::name_key(s).is_empty());
        if !searches && !q.overdue && !q.due {
            if let Some(n) = self.kept_customer_count(q)? {
                return Ok((n, true));
            }
            return Ok((self.count_customers(q)?, true));
        }
        let mut w = self.customer_filter(q);
        let limit = if searches {
            cap.min(i64::MAX as usize) as i64
        } else {
            -1
        };
        let p = w.bind(limit);
        let sql = format!(
            "SELECT count(*) FROM (SELECT 1 FROM customers c WHERE {} LIMIT {p})",
            w.sql()
        );
        let n: i64 = self
            .conn()
            .prepare_cached(&sql)?
            .query_row(w.params(), |r| r.get(0))?;
        Ok((n as usize, !searches || (n as usize) < cap))
    }

    /// The count of a query by owner, pool or grade alone, from `rollup_customers`, as the
    /// viewer sees it (a rep: their own and the pool's); None for a viewer who sees nothing.
    fn kept_customer_count(&self, q: &CustomerQuery) -> Result<Option<usize>> {
        let mine = match self.viewer() {
            Scope::All => None,
            Scope::Own { rep_id } => Some(rep_id.clone()),
            Scope::Nothing => return Ok(None),
        };
        let owner = if q.pool {
            Some(String::new())
        } else {
            q.owner_id.clone()
        };
        let n: f64 = self
            .conn()
            .prepare_cached(
                "SELECT total(n) FROM rollup_customers
                 WHERE (?1 IS NULL OR owner_id = ?1) AND (?2 IS NULL OR grade = ?2)
                   AND (?3 IS NULL OR owner_id IN (?3, ''))",
            )?
            .query_row((owner, q.grade.map(|g| g.code()), mine), |r| r.get(0))?;
        Ok(Some(n as usize))
    }

    pub fn count_customers(&self, q: &CustomerQuery) -> Result<usize> {
        let w = self.customer_filter(q);
        let sql = format!("SELECT count(*) FROM customers c WHERE {}", w.sql());
        let n: i64 = self
            .conn()
            .prepare_cached(&sql)?
            .query_row(w.params(), |r| r.get(0))?;
        Ok(n as usize)
    }

    /// One window of the archive in the query's order: `at` rows from its start, or its end.
    pub fn customer_page(
        &self,
        q: &CustomerQuery,
        at: impl Into<Slice>,
        limit: usize,
    ) -> Result<Vec<CustomerRow>> {
        let mut w = self.customer_filter(q);
        let order = customer_order(q.sort);
        let from = "customers c LEFT JOIN reps o ON o.id = c.owner_id";
        let ids = window_ids(&mut w, "c.id", from, order, at.into(), limit);
        self.customer_rows(&format!("c.id IN ({ids})"), order, w.params())
    }

    /// The first `limit` customers a search finds, and how many it finds (counting up to
    /// `cap`: (count, exact)), in one pass over the names: what a keystroke of the list's
    /// filter shows. Two passes (a count, then a window) read every name twice.
    pub fn customer_search(
        &self,
        q: &CustomerQuery,
        limit: usize,
        cap: usize,
    ) -> Result<((usize, bool), Vec<CustomerRow>)> {
        let found = self.customer_matches(q, cap)?;
        let rows = self.customers_at(&found.first(limit), q.sort)?;
        Ok(((found.keys.len(), found.complete), rows))
    }

    /// What a search finds, up to `cap` customers, in the list's order, each with the name
    /// key it matched on: a longer search's matches are among them (`Matches::narrowed`).
    pub fn customer_matches(&self, q: &CustomerQuery, cap: usize) -> Result<Matches> {
        let mut w = self.customer_filter(q);
        let order = customer_order(q.sort);
        let cap_at = w.bind(cap.min(i64::MAX as usize) as i64);
        // A search of digits matches phones too: each match keeps its phones' digits after
        // its name key, for a longer search to look in as the read did.
        let with_phones = q
            .search
            .as_deref()
            .and_then(company::phone_search)
            .is_some();
        let with_pinyin = q
            .search
            .as_deref()
            .map(names::name_key)
            .is_some_and(|s| pinyin::is_pinyin_search(&s));
        let key = match (with_phones, with_pinyin) {
            (false, false) => "c.name_key".to_string(),
            _ => format!(
                "c.name_key || char(31) || {} || char(30) || {}",
                if with_phones { PHONE_DIGITS } else { "''" },
                if with_pinyin {
                    "COALESCE(c.name_pinyin, '')"
                } else {
                    "''"
                }
            ),
        };
        let sql = format!(
            "SELECT c.rowid, {key} FROM customers c LEFT JOIN reps o ON o.id = c.owner_id
             WHERE {} ORDER BY {} LIMIT {cap_at}",
            w.sql(),
            order_sql(order, false)
        );
        // The rowid, not the id: a match in name order is then read from the name index
        // alone, without a visit to the table for each of up to `cap` matches.
        let keys: Vec<(i64, String)> = self
            .conn()
            .prepare_cached(&sql)?
            .query_map(w.params(), |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<std::result::Result<_, _>>()?;
        let complete = keys.len() < cap;
        Ok(Matches {
            keys,
            complete,
            with_phones,
            with_pinyin,
        })
    }

    /// The rows of the customers at these rowids (`Matches::first`), in `sort`'s order:
    /// those the viewer may see, like every read, whatever rowids they are asked for.
    pub fn customers_at(&self, rowids: &[i64], sort: CustomerSort) -> Result<Vec<CustomerRow>> {
        if rowids.is_empty() {
            return Ok(Vec::new());
        }
        let mut ids = Where::new("c.deleted_at IS NULL");
        ids.and(&self.viewer().customer_sql("c"));
        let marks: Vec<String> = rowids.iter().map(|id| ids.bind(*id)).collect();
        ids.and(&format!("c.rowid IN ({})", marks.join(", ")));
        self.customer_rows(ids.sql(), customer_order(sort), ids.params())
    }

    /// The rows of the customers `which` picks, in `order`.
    fn customer_rows(
        &self,
        which: &str,
        order: &[(&str, bool)],
        params: impl rusqlite::Params,
    ) -> Result<Vec<CustomerRow>> {
        let sql = format!(
            "SELECT c.id, c.name, c.grade, c.stage, o.login, {owner}, c.region, c.last_visit_on,
                    c.next_follow_up, {overdue}, {pool_in}
             FROM customers c LEFT JOIN reps o ON o.id = c.owner_id
             WHERE {which} ORDER BY {order}",
            owner = crate::store::reps::shown_name!("o"),
            overdue = self.overdue_expr("<"),
            pool_in = pool::pool_in_sql(&self.rules()?.pool, self.clock().today()),
            order = order_sql(order, false),
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(params, |r| {
            Ok(CustomerRow {
                id: r.get(0)?,
                name: r.get(1)?,
                grade: r.get(2)?,
                stage: r.get(3)?,
                owner_login: r.get(4)?,
                owner_name: r.get(5)?,
                region: r.get(6)?,
                last_visit_on: r.get(7)?,
                next_follow_up: r.get(8)?,
                overdue: r.get(9)?,
                pool_in: r.get(10)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}
