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

/// Where a window of a list starts: so many rows after its first, or, for a window nearer
/// the end, so many rows before its last. The second is read in reverse order, so the rows
/// skipped are the few after the window rather than all those before it: `G` on a million
/// visits skips nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slice {
    Start(usize),
    End(usize),
}

impl From<usize> for Slice {
    fn from(offset: usize) -> Slice {
        Slice::Start(offset)
    }
}

impl Slice {
    /// The window of `height` rows at `offset` in a list of `total` rows, counted from the
    /// nearer end (from the start when the total is only a lower bound).
    pub fn nearer(offset: usize, height: usize, total: usize, exact: bool) -> Slice {
        let after = total.saturating_sub(offset.saturating_add(height));
        if exact && after < offset {
            Slice::End(after)
        } else {
            Slice::Start(offset)
        }
    }
}

/// An ORDER BY as terms (an expression, and whether it is descending), so that it can be
/// read the other way round for a `Slice::End`.
pub(crate) fn order_sql(terms: &[(&str, bool)], reverse: bool) -> String {
    terms
        .iter()
        .map(|(expr, desc)| {
            let dir = if *desc != reverse { "DESC" } else { "ASC" };
            format!("{expr} {dir}")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The ids of one window of a list, as a subquery: the filter and order on the list's own
/// table (and joins the order needs), skipping rows by `slice`. The caller selects whole rows
/// `WHERE x.id IN (...)` and sorts those few in the list's order, so the joins and
/// computed columns of a row are paid for the rows shown, never for the rows skipped.
pub(crate) fn window_ids(
    w: &mut Where,
    id: &str,
    from: &str,
    order: &[(&str, bool)],
    slice: Slice,
    limit: usize,
) -> String {
    let (reverse, skip) = match slice {
        Slice::Start(n) => (false, n),
        Slice::End(n) => (true, n),
    };
    let (limit_at, skip_at) = (w.bind(limit as i64), w.bind(skip as i64));
    format!(
        "SELECT {id} FROM {from} WHERE {filter} ORDER BY {order} LIMIT {limit_at} OFFSET {skip_at}",
        filter = w.sql(),
        order = order_sql(order, reverse),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_window_is_counted_from_the_nearer_end() {
        assert_eq!(Slice::nearer(0, 20, 1000, true), Slice::Start(0));
        assert_eq!(Slice::nearer(980, 20, 1000, true), Slice::End(0));
        assert_eq!(Slice::nearer(960, 20, 1000, true), Slice::End(20));
        assert_eq!(Slice::nearer(491, 20, 1000, true), Slice::End(489));
        assert_eq!(Slice::nearer(490, 20, 1000, true), Slice::Start(490));
        // A count that is a lower bound never says where the end is.
        assert_eq!(Slice::nearer(980, 20, 1000, false), Slice::Start(980));
        assert_eq!(Slice::nearer(0, 20, 5, true), Slice::Start(0));
    }

    #[test]
    fn an_order_reads_the_other_way_round() {
        let terms = [
            ("c.grade", false),
            ("c.last_visit_on", true),
            ("c.id", false),
        ];
        assert_eq!(
            order_sql(&terms, false),
            "c.grade ASC, c.last_visit_on DESC, c.id ASC"
        );
        assert_eq!(
            order_sql(&terms, true),
            "c.grade DESC, c.last_visit_on ASC, c.id DESC"
        );
    }
}
