//! Excel workbooks, read with calamine: `.xlsx` (a zip) and the older `.xls` (a compound
//! file) that WukongCRM exports. Cells become the text a person sees: a whole number
//! without `.0` (a phone typed as a number stays 13800138000), a date as `YYYY-MM-DD` and a
//! date-time as `YYYY-MM-DD HH:MM:SS`.

use std::io::Cursor;

use std::collections::BTreeMap;

use calamine::{Data, Reader, Xlsx};

use super::{Grid, MAX_COLUMNS, MAX_ROWS, SheetError};

/// The kind of workbook the bytes are, by their first bytes; None for anything else.
pub fn format_of(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"PK\x03\x04") {
        Some("xlsx")
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Some("xls")
    } else {
        None
    }
}

/// The named sheet (the first when None) of a workbook: every row that holds anything, with
/// its line. An `.xlsx` is read a cell at a time, so a cell far out (XFD1048576) is refused
/// instead of a grid that size being made; an `.xls` is read whole by calamine (at most
/// 65 536 × 256 cells, the format's own bound).
pub fn read(bytes: &[u8], format: &'static str, sheet: Option<&str>) -> Result<Grid, SheetError> {
    // calamine trusts a workbook's own offsets: an `.xls` cut short panicked inside it (an
    // out-of-range slice in its compound-file reader). A panic there is a file it cannot
    // read, said as such, not the end of the process; its message is not printed.
    quiet_panics();
    QUIET.with(|q| q.set(true));
    let read = std::panic::catch_unwind(|| read_workbook(bytes, format, sheet));
    QUIET.with(|q| q.set(false));
    read.unwrap_or_else(|_| {
        Err(SheetError::Excel {
            detail: "the workbook is damaged".into(),
        })
    })
}

thread_local! {
    /// Set while calamine reads on this thread: a panic then is a damaged file, not a bug.
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Installs, once, a panic hook that says nothing for a panic while `QUIET` is set on its
/// thread, and hands every other panic to the hook there was.
fn quiet_panics() {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(|q| q.get()) {
                previous(info);
            }
        }));
    });
}

fn read_workbook(
    bytes: &[u8],
    format: &'static str,
    sheet: Option<&str>,
) -> Result<Grid, SheetError> {
    let mut rows = Rows::default();
    if format == "xlsx" {
        let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).map_err(xlsx_broken)?;
        let name = pick(book.sheet_names(), sheet)?;
        let mut cells = book.worksheet_cells_reader(&name).map_err(xlsx_broken)?;
        while let Some(cell) = cells.next_cell().map_err(xlsx_broken)? {
            let (row, col) = cell.get_position();
            rows.put(row, col, cell_text(&Data::from(cell.get_value().clone())))?;
        }
    } else {
        let mut book =
            calamine::open_workbook_auto_from_rs(Cursor::new(bytes.to_vec())).map_err(broken)?;
        let name = pick(book.sheet_names(), sheet)?;
        let range = book.worksheet_range(&name).map_err(broken)?;
        for (row, col, cell) in range.used_cells() {
            let (top, left) = range.start().unwrap_or((0, 0));
            rows.put(top + row as u32, left + col as u32, cell_text(cell))?;
        }
    }
    Ok(Grid {
        format,
        rows: rows.into_grid(),
    })
}

fn broken(e: calamine::Error) -> SheetError {
    SheetError::Excel {
        detail: e.to_string(),
    }
}

fn xlsx_broken(e: calamine::XlsxError) -> SheetError {
    SheetError::Excel {
        detail: e.to_string(),
    }
}

/// The sheet `wanted` names (compared trimmed), or the first.
fn pick(names: Vec<String>, wanted: Option<&str>) -> Result<String, SheetError> {
    match wanted {
        None => names.first().cloned().ok_or(SheetError::Excel {
            detail: "the workbook has no sheet".into(),
        }),
        Some(w) => names
            .iter()
            .find(|n| n.trim() == w.trim())
            .cloned()
            .ok_or_else(|| SheetError::NoSuchSheet {
                name: w.to_string(),
                sheets: names.clone(),
            }),
    }
}

/// The cells read so far, by row; only rows that hold something.
#[derive(Default)]
struct Rows(BTreeMap<u32, Vec<String>>);

impl Rows {
    fn put(&mut self, row: u32, col: u32, text: String) -> Result<(), SheetError> {
        if text.trim().is_empty() {
            return Ok(());
        }
        let col = col as usize;
        if col >= MAX_COLUMNS || (self.0.len() >= MAX_ROWS && !self.0.contains_key(&row)) {
            return Err(SheetError::TooLarge {
                line: u64::from(row) + 1,
                column: col + 1,
            });
        }
        let cells = self.0.entry(row).or_default();
        if cells.len() <= col {
            cells.resize(col + 1, String::new());
        }
        cells[col] = text;
        Ok(())
    }

    /// Rows numbered as the spreadsheet shows them, from 1.
    fn into_grid(self) -> Vec<(u64, Vec<String>)> {
        self.0
            .into_iter()
            .map(|(row, cells)| (u64::from(row) + 1, cells))
            .collect()
    }
}

/// A cell as the text a person sees in it.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "是" } else { "否" }.to_string(),
        Data::DateTime(d) => match d.as_datetime() {
            Some(t) if t.time() == chrono::NaiveTime::MIN => t.date().to_string(),
            Some(t) => t.format("%Y-%m-%d %H:%M:%S").to_string(),
            None => d.to_string(),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}
