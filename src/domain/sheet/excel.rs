//! Excel workbooks, read with calamine: `.xlsx` (a zip) and the older `.xls` (a compound
//! file) that WukongCRM exports. Cells become the text a person sees: a whole number
//! without `.0` (a phone typed as a number stays 13800138000), a date as `YYYY-MM-DD` and a
//! date-time as `YYYY-MM-DD HH:MM:SS`.

use std::io::Cursor;

use calamine::{Data, Reader};

use super::{Grid, SheetError};

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

/// The named sheet (the first when None) of a workbook, every row with its line.
pub fn read(bytes: &[u8], format: &'static str, sheet: Option<&str>) -> Result<Grid, SheetError> {
    let broken = |e: calamine::Error| SheetError::Excel {
        detail: e.to_string(),
    };
    let mut book =
        calamine::open_workbook_auto_from_rs(Cursor::new(bytes.to_vec())).map_err(broken)?;
    let names = book.sheet_names();
    let name = match sheet {
        None => names.first().cloned().ok_or(SheetError::Excel {
            detail: "the workbook has no sheet".into(),
        })?,
        Some(wanted) => names
            .iter()
            .find(|n| n.trim() == wanted.trim())
            .cloned()
            .ok_or_else(|| SheetError::NoSuchSheet {
                name: wanted.to_string(),
                sheets: names.clone(),
            })?,
    };
    let range = book.worksheet_range(&name).map_err(broken)?;
    // Rows are numbered as the spreadsheet shows them: from 1, counting rows above the
    // first one that holds anything.
    let first = range.start().map_or(0, |(row, _)| row as u64);
    let left = range.start().map_or(0, |(_, col)| col as usize);
    let rows = range
        .rows()
        .enumerate()
        .map(|(i, cells)| {
            let mut text: Vec<String> = vec![String::new(); left];
            text.extend(cells.iter().map(cell_text));
            (first + i as u64 + 1, text)
        })
        .collect();
    Ok(Grid { format, rows })
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
