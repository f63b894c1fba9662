//! A WHERE clause built condition by condition, with its numbered parameters, so that a
//! list and its count share one filter and the values are always bound, never spliced.

use rusqlite::ToSql;

pub(crate) struct Where {
    sql: String,
    params: Vec<Box<dyn ToSql>>,
}

impl Where {
    /// Starts from a condition every row must meet (e.g. not deleted).
    pub fn new(base: &str) -> Where {
        Where {
            sql: base.to_string(),
            params: Vec::new(),
        }
    }

    /// Binds a value and returns its placeholder (`?3`).
    pub fn bind(&mut self, value: impl ToSql + 'static) -> String {
        self.params.push(Box::new(value));
        format!("?{}", self.params.len())
    }

    pub fn and(&mut self, condition: &str) {
        self.sql.push_str(" AND ");
        self.sql.push_str(condition);
    }

    pub fn sql(&self) -> &str {
        &self.sql
    }

    pub fn params(&self) -> impl rusqlite::Params + '_ {
        rusqlite::params_from_iter(self.params.iter().map(|p| p.as_ref()))
    }
}

/// A money sum read from SQLite's `total()`, which never fails where `sum()` would stop with
/// "integer overflow" and take every screen of the team down with it. `total()` is exact
/// while the sum stays below 2^53 cents (about ¥90 trillion); beyond, it saturates.
pub(crate) fn sum_cents(r: &rusqlite::Row, i: usize) -> rusqlite::Result<i64> {
    use rusqlite::types::ValueRef;
    Ok(match r.get_ref(i)? {
        ValueRef::Integer(n) => n,
        // `as` saturates at i64::MIN/MAX (and maps NaN to 0).
        ValueRef::Real(f) => f.round() as i64,
        _ => 0,
    })
}

/// A text as an SQL string literal, for the few conditions built once per sync or backup
/// from values this program itself holds (a rep id, a login): quotes are doubled.
pub(crate) fn sql_text(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}
