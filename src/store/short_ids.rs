//! Short ids as people see them. The SPEC's short form is "the first 8 hex digits, or any
//! longer unique prefix"; a UUID v7 begins with its timestamp, so records made within the
//! same minute share their first 8 digits. We therefore show, like git, the shortest prefix
//! of at least 8 digits that no other id of the same table shares: two index lookups.

use rusqlite::OptionalExtension;

use crate::store::{Result, Store};

/// Tables whose ids people type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdTable {
    Reps,
    Customers,
    Contacts,
    Visits,
    Deals,
    Payments,
    Targets,
}

impl IdTable {
    fn name(self) -> &'static str {
        match self {
            IdTable::Reps => "reps",
            IdTable::Customers => "customers",
            IdTable::Contacts => "contacts",
            IdTable::Visits => "visits",
            IdTable::Deals => "deals",
            IdTable::Payments => "payments",
            IdTable::Targets => "targets",
        }
    }
}

/// Characters of `a` and `b` in common at the start.
fn common_len(a: &str, b: &str) -> usize {
    a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count()
}

/// The shortest unique prefix given the ids just before and after `id` in order.
pub fn unique_prefix<'a>(id: &'a str, before: Option<&str>, after: Option<&str>) -> &'a str {
    let shared = before
        .map(|b| common_len(id, b))
        .max(after.map(|a| common_len(id, a)))
        .unwrap_or(0);
    let mut len = (shared + 1).max(8).min(id.len());
    // Never end on a hyphen: `0192e3c4-` says no more than `0192e3c4`.
    if id.as_bytes().get(len - 1) == Some(&b'-') {
        len = (len + 1).min(id.len());
    }
    &id[..len]
}

impl Store {
    pub fn short_id(&self, table: IdTable, id: &str) -> Result<String> {
        let t = table.name();
        let before: Option<String> = self
            .conn()
            .prepare_cached(&format!("SELECT max(id) FROM {t} WHERE id < ?1"))?
            .query_row([id], |r| r.get(0))
            .optional()?
            .flatten();
        let after: Option<String> = self
            .conn()
            .prepare_cached(&format!("SELECT min(id) FROM {t} WHERE id > ?1"))?
            .query_row([id], |r| r.get(0))
            .optional()?
            .flatten();
        Ok(unique_prefix(id, before.as_deref(), after.as_deref()).to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eight_digits_when_they_suffice() {
        let id = "0192e3c4-aaaa-7000-8000-000000000000";
        assert_eq!(
            unique_prefix(id, Some("0191ffff-0000"), Some("0193")),
            "0192e3c4"
        );
        assert_eq!(unique_prefix(id, None, None), "0192e3c4");
    }

    #[test]
    fn longer_when_a_neighbour_shares_the_start() {
        let id = "0192e3c4-aaaa-7000-8000-000000000000";
        let next = "0192e3c4-aabb-7000-8000-000000000000";
        assert_eq!(unique_prefix(id, None, Some(next)), "0192e3c4-aaa");
        // a shared run ending just before the hyphen reaches past it
        assert_eq!(unique_prefix(id, Some("0192e3c4-b"), None), "0192e3c4-a");
    }
}
