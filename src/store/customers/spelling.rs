//! Keeps `customers.name_pinyin` (`domain::pinyin`): every write that sets a name leaves it
//! NULL, and this fills what is NULL, in the same transaction. One mechanism for new
//! customers, renamed ones, imports, demo data, a sync's merged rows and the migration that
//! added the column.

use rusqlite::Connection;

use crate::domain::pinyin;
use crate::store::Result;

/// Fills the missing spellings in `schema` ("main", or an attached copy); how many.
pub(crate) fn fill_name_pinyin(conn: &Connection, schema: &str) -> Result<usize> {
    let missing: Vec<(i64, String)> = conn
        .prepare(&format!(
            "SELECT rowid, name_key FROM {schema}.customers WHERE name_pinyin IS NULL"
        ))?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<std::result::Result<_, _>>()?;
    let mut set = conn.prepare(&format!(
        "UPDATE {schema}.customers SET name_pinyin = ?2 WHERE rowid = ?1"
    ))?;
    for (rowid, key) in &missing {
        set.execute((rowid, pinyin::spellings(key)))?;
    }
    Ok(missing.len())
}
