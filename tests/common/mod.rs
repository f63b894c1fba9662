//! Helpers shared by the integration tests.

use std::path::Path;

use rusqlite::Connection;

/// Every row of every table but `skip`, as text, table by table in key order: two dumps
/// are equal exactly when the databases hold the same data.
pub fn dump(path: &Path, skip: &[&str]) -> Vec<String> {
    if !path.exists() {
        return Vec::new();
    }
    let conn = Connection::open(path).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .filter(|t: &String| !skip.contains(&t.as_str()))
        .collect();
    let mut out = Vec::new();
    for t in tables {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM \"{t}\" ORDER BY 1, 2"))
            .unwrap();
        let n = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            let cells: Vec<String> = (0..n)
                .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                .collect();
            out.push(format!("{t}|{}", cells.join("|")));
        }
    }
    out
}
