//! List output: an aligned table (display widths, so Chinese names line up), one JSON array,
//! or CSV with a header row.

use std::collections::HashMap;
use std::io::Write;

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::cli::args::ListFormat;
use crate::domain::text::{neutralise_unless_number, printable, printable_cell};
use crate::store::Store;
use crate::store::short_ids::IdTable;
use crate::t;

/// Every row of a list (up to `limit`), read from the store a page at a time, so a script
/// can list a hundred thousand customers without one huge query.
pub fn read_all<T>(
    limit: usize,
    mut page: impl FnMut(usize, usize) -> crate::store::Result<Vec<T>>,
) -> crate::store::Result<Vec<T>> {
    const PAGE: usize = 1000;
    let mut rows = Vec::new();
    while rows.len() < limit {
        let want = PAGE.min(limit - rows.len());
        let got = page(rows.len(), want)?;
        let done = got.len() < want;
        rows.extend(got);
        if done {
            break;
        }
    }
    Ok(rows)
}

/// A column: its header's i18n key and how to show a row's cell.
pub struct Column<'a, T> {
    pub header: &'static str,
    pub cell: Box<dyn Fn(&T) -> String + 'a>,
}

pub fn col<'a, T>(header: &'static str, cell: impl Fn(&T) -> String + 'a) -> Column<'a, T> {
    Column {
        header,
        cell: Box::new(cell),
    }
}

/// The short id of each row's record (see `store::short_ids`), looked up once per row.
pub fn short_ids<'r>(
    store: &Store,
    table: IdTable,
    ids: impl Iterator<Item = &'r str>,
) -> anyhow::Result<HashMap<String, String>> {
    ids.map(|id| Ok((id.to_string(), store.short_id(table, id)?)))
        .collect()
}

/// The ID column over a map from `short_ids`.
pub fn id_col<'a, T: 'a>(shorts: &'a HashMap<String, String>, id: fn(&T) -> &str) -> Column<'a, T> {
    col("col.id", move |r: &T| {
        shorts.get(id(r)).cloned().unwrap_or_default()
    })
}

pub fn print_list<T: Serialize>(
    rows: &[T],
    format: ListFormat,
    columns: &[Column<T>],
) -> anyhow::Result<()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if format.json {
        // Rendered first, so a closed pipe surfaces as the io::Error `main` recognises.
        let text = serde_json::to_string_pretty(rows)?;
        writeln!(out, "{text}")?;
        Ok(())
    } else {
        drop(out);
        print_columns(rows, format.csv, columns)
    }
}

/// The rows as CSV with a header row, or as an aligned table.
pub fn print_columns<T>(rows: &[T], csv: bool, columns: &[Column<T>]) -> anyhow::Result<()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if csv {
        let mut w = csv::Writer::from_writer(out);
        w.write_record(columns.iter().map(|c| t!(c.header)))?;
        for row in rows {
            w.write_record(columns.iter().map(|c| csv_cell(&(c.cell)(row))))?;
        }
        w.flush()?;
    } else {
        write!(out, "{}", table(rows, columns))?;
    }
    Ok(())
}

/// The rows as a plain-text table; `(none)` when empty.
pub fn table<T>(rows: &[T], columns: &[Column<T>]) -> String {
    if rows.is_empty() {
        return format!("{}\n", t!("msg.no_rows"));
    }
    let headers: Vec<&str> = columns.iter().map(|c| t!(c.header)).collect();
    let cells: Vec<Vec<String>> = rows
        .iter()
        // One line a row, and nothing in a cell that the terminal would obey.
        .map(|r| {
            columns
                .iter()
                .map(|c| printable_cell(&(c.cell)(r)).into_owned())
                .collect()
        })
        .collect();
    let widths: Vec<usize> = (0..columns.len())
        .map(|i| {
            cells
                .iter()
                .map(|row| row[i].width())
                .chain(std::iter::once(headers[i].width()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut s = String::new();
    push_row(&mut s, headers.iter().copied(), &widths);
    for row in &cells {
        push_row(&mut s, row.iter().map(String::as_str), &widths);
    }
    s
}

fn push_row<'a>(s: &mut String, cells: impl Iterator<Item = &'a str>, widths: &[usize]) {
    let mut line = String::new();
    for (i, cell) in cells.enumerate() {
        if i > 0 {
            line.push_str("  ");
        }
        line.push_str(cell);
        line.push_str(&" ".repeat(widths[i].saturating_sub(cell.width())));
    }
    s.push_str(line.trim_end());
    s.push('\n');
}

/// A list cell as CSV: read by people (no control characters) and opened in spreadsheets
/// (no live formulas). Columns do not say their type, and numbers such as `-12.50` must stay
/// numbers, hence "unless number".
fn csv_cell(s: &str) -> String {
    neutralise_unless_number(&printable(s)).into_owned()
}

pub fn opt_text<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(T::to_string).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    struct R(&'static str, &'static str);

    #[test]
    fn cjk_columns_align_by_display_width() {
        let rows = [R("华为技术", "A"), R("Acme Ltd", "B")];
        let cols = [
            col("col.name", |r: &R| r.0.into()),
            col("col.grade", |r: &R| r.1.into()),
        ];
        let text = table(&rows, &cols);
        let lines: Vec<&str> = text.lines().collect();
        // "华为技术" is 8 columns wide, like "Acme Ltd": the grade column starts at the same
        // display column on both rows.
        let at = |l: &str| l[..l.rfind(' ').unwrap()].width();
        assert_eq!(at(lines[1]), at(lines[2]));
    }
}
