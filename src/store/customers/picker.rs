//! The customer picker of quick add: a fuzzy match typed as you go. The characters typed
//! (white space left out) must appear in that order in the name's key (NFKC, lower case):
//! `acm` and `ＡＣＭ` find Acme Ltd, `华技` finds 华为技术有限公司, and Latin letters look in
//! the names' pinyin as well, as a run of letters (`domain::pinyin`): `hwjs` and `huawei`
//! find 华为技术. Names that
//! hold the text as it was typed come first, then those whose pinyin does, then shorter names. SQLite does the matching, so
//! the archive is never loaded to pick one customer.

use crate::domain::names;
use crate::store::{Actor, Result, Store};

/// A customer offered by the picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pick {
    pub id: String,
    pub name: String,
    /// The owner by name (None: the pool).
    pub owner_name: Option<String>,
}

/// `%a%c%m%e%` for LIKE, with LIKE's own wildcards escaped.
fn subsequence_pattern(key: &str) -> String {
    let mut p = String::from("%");
    for c in key.chars().filter(|c| !c.is_whitespace()) {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
        p.push('%');
    }
    p
}

impl Store {
    /// Up to `limit` customers matching `typed`, that `actor` may log work on (a rep: their
    /// own and the pool; a manager: all) and the viewer may see (a stranger: none).
    pub fn pick_customers(&self, actor: &Actor, typed: &str, limit: usize) -> Result<Vec<Pick>> {
        let key = names::name_key(typed);
        let mine = if actor.is_manager() {
            None
        } else {
            actor.rep_id.clone()
        };
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT c.id, c.name, {owner} FROM customers c LEFT JOIN reps o ON o.id = c.owner_id
             WHERE c.deleted_at IS NULL
               AND (c.name_key LIKE ?1 ESCAPE '\\'
                    OR (?5 AND instr(COALESCE(c.name_pinyin, ''), ?3) > 0))
               AND (?2 IS NULL OR c.owner_id IS NULL OR c.owner_id = ?2) AND {}
             ORDER BY instr(c.name_key, ?3) = 0, instr(COALESCE(c.name_pinyin, ''), ?3) = 0,
                      length(c.name_key), c.name_key
             LIMIT ?4",
            self.viewer().customer_sql("c"),
            owner = crate::store::reps::shown_name!("o"),
        ))?;
        let pinyin = crate::domain::pinyin::is_pinyin_search(&key);
        let params = (subsequence_pattern(&key), mine, &key, limit as i64, pinyin);
        let rows = stmt.query_map(params, |r| {
            Ok(Pick {
                id: r.get(0)?,
                name: r.get(1)?,
                owner_name: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::subsequence_pattern;

    #[test]
    fn letters_in_order_with_wildcards_escaped() {
        assert_eq!(subsequence_pattern("acm"), "%a%c%m%");
        assert_eq!(subsequence_pattern("华为 技"), "%华%为%技%");
        assert_eq!(subsequence_pattern("5%_"), "%5%\\%%\\_%");
    }

    /// What the module's comment promises: characters in order, and pinyin as a run.
    #[test]
    fn characters_in_order_and_pinyin_find_a_name() {
        use crate::clock::Clock;
        use crate::store::Store;
        use crate::store::customers::NewCustomer;

        let dir = tempfile::tempdir().unwrap();
        let at = chrono::DateTime::parse_from_rfc3339("2026-09-30T18:00:00+08:00").unwrap();
        let mut store = Store::create_or_open(&dir.path().join("p.db"), Clock::fixed(at)).unwrap();
        store.init_first_manager("boss", "Boss").unwrap();
        let boss = store.actor_for("boss").unwrap();
        for name in ["华为技术有限公司", "Acme Ltd"] {
            let new = NewCustomer {
                name: name.into(),
                ..NewCustomer::default()
            };
            store.add_customer(&boss, new).unwrap();
        }
        let names = |typed: &str| -> Vec<String> {
            let picks = store.pick_customers(&boss, typed, 10).unwrap();
            picks.into_iter().map(|p| p.name).collect()
        };
        assert_eq!(names("华技"), ["华为技术有限公司"]);
        assert_eq!(names("ＡＣＭ"), ["Acme Ltd"]);
        assert_eq!(names("acm"), ["Acme Ltd"]);
        assert_eq!(names("hwjs"), ["华为技术有限公司"]);
        assert_eq!(names("huawei"), ["华为技术有限公司"]);
        // Pinyin as a run of letters, not scattered: h…j…s is no name's run.
        assert!(names("hjs").is_empty());
    }
}
