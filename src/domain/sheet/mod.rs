//! Spreadsheets as people have them (README, Moving in): CSV saved by Excel or WPS (UTF-8 with
//! or without a BOM, or GBK), and Excel files (`.xlsx`, and the `.xls` WukongCRM exports).
//! The bytes become a grid of cells (`csv_text`, `excel`); the header row is found (a notes
//! row above it, as in WukongCRM's import template, is skipped); each column is named by
//! meaning through the one header table (`headers`). The store checks the values.

mod csv_text;
mod excel;
pub mod headers;
pub mod values;

pub use csv_text::{Encoding, decode};
pub use headers::Kind;

use self::headers::{column_of, did_you_mean, not_imported};

/// A sheet's cells, row by row, each row with its line as the spreadsheet shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grid {
    /// What was read: `UTF-8`, `GBK`, `xlsx`, `xls`.
    pub format: &'static str,
    pub rows: Vec<(u64, Vec<String>)>,
}

/// Why a file could not be read at all. Nothing is written when it is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SheetError {
    /// Not text in the encoding given (or, with auto, in either).
    NotText { encoding: &'static str },
    /// The CSV itself is broken at this line.
    Malformed { line: u64, detail: String },
    /// A quoted field opened on this line is never closed: the rest of the file would be
    /// read as one value (the csv crate accepts that at the end of input; we do not).
    UnclosedQuote { line: u64 },
    /// An Excel file that cannot be opened: encrypted, truncated, or not a workbook.
    Excel { detail: String },
    /// A cell beyond what any import holds (`MAX_COLUMNS`, `MAX_ROWS`): a sheet made to
    /// exhaust memory, or not a list of records.
    TooLarge { line: u64, column: usize },
    /// `--sheet` given for a file that is no workbook.
    NotAWorkbook,
    /// The header row is of another kind of records (`header` gives it away).
    OtherKind { kind: Kind, header: String },
    /// `--map` names a header that is no column of the file.
    MapNoColumn { header: String },
    /// `--sheet` names no sheet of the workbook; these are its sheets.
    NoSuchSheet { name: String, sheets: Vec<String> },
    /// No row in the first ones names the fields the kind needs (`needed`, by their
    /// English and Chinese headers: `name / 客户名称`).
    NoHeaderRow { kind: Kind, needed: Vec<String> },
    /// Two columns name one field (`name` twice, or `name` and `客户名称`): which one is
    /// meant cannot be guessed. Columns are numbered from 1, as a spreadsheet shows them.
    DuplicateColumn {
        key: &'static str,
        first: (usize, String),
        second: (usize, String),
    },
}

/// A header that names nothing imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ignored {
    pub header: String,
    /// A WukongCRM column salestrack keeps for itself (创建时间, 锁定状态…).
    pub known: bool,
    /// The header it is close to, when it looks like a slip.
    pub did_you_mean: Option<&'static str>,
}

/// One data line: its line in the file and its values by field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub line: u64,
    pub values: Vec<(&'static str, String)>,
}

impl Row {
    /// The field's value, None when blank.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.trim().is_empty())
    }
}

/// A file read as records of one kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub kind: Kind,
    pub format: &'static str,
    /// The line of the header row (after a notes row, 2).
    pub header_line: u64,
    pub ignored: Vec<Ignored>,
    pub rows: Vec<Row>,
}

/// How to read a file: the text encoding of a CSV, the sheet of a workbook (the first
/// unless named), and the team's own labels of some columns' values.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    pub encoding: Encoding,
    pub sheet: Option<String>,
    pub maps: Vec<values::ValueMap>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            encoding: Encoding::Auto,
            sheet: None,
            maps: Vec::new(),
        }
    }
}

/// How many rows from the top may hold notes before the header row.
const HEADER_SEARCH: usize = 10;

/// The widest row an import reads: WukongCRM's widest export has some 40 columns.
pub const MAX_COLUMNS: usize = 1024;

/// The most rows an import reads: an Excel sheet's own bound.
pub const MAX_ROWS: usize = 1_048_576;

/// The bytes as a grid: an Excel workbook when they are one (by their first bytes, not the
/// file's name: a `.csv` that is really a workbook is read as one), else CSV text.
pub fn grid(bytes: &[u8], options: &ReadOptions) -> Result<Grid, SheetError> {
    match excel::format_of(bytes) {
        Some(format) => excel::read(bytes, format, options.sheet.as_deref()),
        None if options.sheet.is_some() => Err(SheetError::NotAWorkbook),
        None => csv_text::read(bytes, options.encoding),
    }
}

/// Reads a file of `kind`: its grid, its header row, and every data line below it by field,
/// with `options.maps` applied.
pub fn read(bytes: &[u8], kind: Kind, options: &ReadOptions) -> Result<Table, SheetError> {
    let grid = grid(bytes, options)?;
    table(grid, kind, &options.maps)
}

/// The header row of a grid: the first of the top rows that names every field `kind`
/// requires. Notes above it (WukongCRM's 注意事项, a title) name none of them whole.
fn header_row(grid: &Grid, kind: Kind) -> Option<usize> {
    grid.rows.iter().take(HEADER_SEARCH).position(|(_, cells)| {
        let named: Vec<&'static str> = cells.iter().filter_map(|c| column_of(kind, c)).collect();
        kind.required().iter().all(|r| named.contains(r))
    })
}

/// The kind of records a header row is really of, when not `kind`: it names every field
/// another kind requires, one of them with a header `kind` does not know (a contacts file,
/// 姓名 and 客户名称, given to `customer import` would make customers of its people).
fn other_kind(headers: &[String], kind: Kind) -> Option<(Kind, String)> {
    Kind::ALL
        .into_iter()
        .filter(|k| *k != kind)
        .find_map(|other| {
            let named: Vec<(&'static str, &String)> = headers
                .iter()
                .filter_map(|h| column_of(other, h).map(|k| (k, h)))
                .collect();
            let all = other
                .required()
                .iter()
                .all(|r| named.iter().any(|(k, _)| k == r));
            let foreign = named
                .iter()
                .find(|(k, h)| other.required().contains(k) && column_of(kind, h).is_none())?;
            all.then(|| (other, foreign.1.clone()))
        })
}

/// The grid as records of `kind`.
pub fn table(grid: Grid, kind: Kind, maps: &[values::ValueMap]) -> Result<Table, SheetError> {
    let at = header_row(&grid, kind).ok_or_else(|| SheetError::NoHeaderRow {
        kind,
        needed: kind
            .required()
            .iter()
            .map(|k| {
                let (en, zh) = (
                    headers::export_header(kind, k, false),
                    headers::export_header(kind, k, true),
                );
                format!("{en} / {zh}")
            })
            .collect(),
    })?;
    let (header_line, headers) = grid.rows[at].clone();
    if let Some((other, header)) = other_kind(&headers, kind) {
        return Err(SheetError::OtherKind {
            kind: other,
            header,
        });
    }
    let columns: Vec<Option<&'static str>> = headers.iter().map(|h| column_of(kind, h)).collect();
    if let Some(e) = duplicate_column(&headers, &columns) {
        return Err(e);
    }
    // A map applies to the column its header names, by field; one naming no column of the
    // file is a slip to say, not to pass over.
    let maps: Vec<(&'static str, &values::ValueMap)> = maps
        .iter()
        .map(|m| {
            column_of(kind, &m.header)
                .filter(|k| columns.contains(&Some(k)))
                .map(|k| (k, m))
                .ok_or_else(|| SheetError::MapNoColumn {
                    header: m.header.clone(),
                })
        })
        .collect::<Result<_, _>>()?;
    let ignored = headers
        .iter()
        .zip(&columns)
        .filter(|(h, c)| c.is_none() && !h.trim().is_empty())
        .map(|(h, _)| Ignored {
            header: h.clone(),
            known: not_imported(h),
            did_you_mean: (!not_imported(h)).then(|| did_you_mean(kind, h)).flatten(),
        })
        .collect();
    let rows = grid
        .rows
        .into_iter()
        .skip(at + 1)
        .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()))
        .map(|(line, cells)| Row {
            line,
            values: columns
                .iter()
                .zip(cells)
                .filter_map(|(c, v)| {
                    let key = (*c)?;
                    let mapped = maps
                        .iter()
                        .filter(|(k, _)| *k == key)
                        .find_map(|(_, m)| m.apply(&v).map(str::to_string));
                    Some((key, mapped.unwrap_or(v)))
                })
                .collect(),
        })
        .collect();
    Ok(Table {
        kind,
        format: grid.format,
        header_line,
        ignored,
        rows,
    })
}

/// The first two columns that name the same field, if any.
fn duplicate_column(headers: &[String], columns: &[Option<&'static str>]) -> Option<SheetError> {
    columns.iter().enumerate().find_map(|(j, key)| {
        let key = (*key)?;
        let i = columns[..j].iter().position(|k| *k == Some(key))?;
        let named = |i: usize| (i + 1, headers[i].clone());
        Some(SheetError::DuplicateColumn {
            key,
            first: named(i),
            second: named(j),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn customers(text: &str) -> Result<Table, SheetError> {
        read(text.as_bytes(), Kind::Customers, &ReadOptions::default())
    }

    #[test]
    fn wukongs_template_notes_row_is_skipped() {
        let text = "注意事项：1、表头标*的为必填项 2、日期格式 2020-01-01,,\n\
                    *客户名称,客户级别,下次联系时间\n\
                    杭州云帆网络科技有限公司,A（重点客户）,2026-10-08 09:00:00\n";
        let t = customers(text).unwrap();
        assert_eq!(t.header_line, 2);
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.rows[0].line, 3);
        assert_eq!(t.rows[0].get("name"), Some("杭州云帆网络科技有限公司"));
        assert_eq!(t.rows[0].get("grade"), Some("A（重点客户）"));
    }

    #[test]
    fn unknown_headers_are_named_with_a_guess_or_as_not_imported() {
        let t = customers("客户名称,客户级另,锁定状态,微信号\nA,B,未锁定,x\n").unwrap();
        let said: Vec<(&str, bool, Option<&str>)> = t
            .ignored
            .iter()
            .map(|i| (i.header.as_str(), i.known, i.did_you_mean))
            .collect();
        assert_eq!(
            said,
            [
                ("客户级另", false, Some("客户级别")),
                ("锁定状态", true, None),
                ("微信号", false, None)
            ]
        );
    }

    #[test]
    fn a_map_gives_a_teams_labels_their_meaning() {
        let options = ReadOptions {
            maps: vec!["级别=大客户:A,小客户:D".parse().unwrap()],
            ..ReadOptions::default()
        };
        let t = read(
            "客户名称,客户级别\nA,大客户\nB,小客户\nC,B\n".as_bytes(),
            Kind::Customers,
            &options,
        )
        .unwrap();
        let grades: Vec<_> = t.rows.iter().map(|r| r.get("grade").unwrap()).collect();
        assert_eq!(grades, ["A", "D", "B"]);
    }

    #[test]
    fn many_columns_of_a_teams_own_do_not_hide_the_header() {
        let t = customers("客户名称,微信,QQ号,钉钉\n甲,a,b,c\n").unwrap();
        assert_eq!((t.header_line, t.rows.len()), (1, 1));
    }

    #[test]
    fn a_file_of_another_kind_is_named() {
        assert_eq!(
            customers("姓名,客户名称,手机\n王芳,甲,1\n"),
            Err(SheetError::OtherKind {
                kind: Kind::Contacts,
                header: "姓名".into()
            })
        );
        // A contacts file to `contact import` is fine, its 客户名称 being the customer.
        let contacts = read(
            "姓名,客户名称\n王芳,甲\n".as_bytes(),
            Kind::Contacts,
            &ReadOptions::default(),
        );
        assert!(contacts.is_ok(), "{contacts:?}");
    }

    #[test]
    fn a_map_or_a_sheet_that_fits_nothing_is_refused() {
        let options = ReadOptions {
            maps: vec!["不存在=x:y".parse().unwrap()],
            ..ReadOptions::default()
        };
        assert_eq!(
            read("客户名称\n甲\n".as_bytes(), Kind::Customers, &options),
            Err(SheetError::MapNoColumn {
                header: "不存在".into()
            })
        );
        let options = ReadOptions {
            sheet: Some("Sheet1".into()),
            ..ReadOptions::default()
        };
        assert_eq!(
            read("客户名称\n甲\n".as_bytes(), Kind::Customers, &options),
            Err(SheetError::NotAWorkbook)
        );
    }

    #[test]
    fn no_header_row_names_what_is_needed() {
        assert_eq!(
            customers("grade\nA\n"),
            Err(SheetError::NoHeaderRow {
                kind: Kind::Customers,
                needed: vec!["name / 客户名称".to_string()]
            })
        );
        // A row of notes only, and data under it: no header.
        assert!(matches!(
            customers("just some notes\nAcme,B\n"),
            Err(SheetError::NoHeaderRow { .. })
        ));
    }

    #[test]
    fn one_field_in_two_columns_is_refused_with_both_named() {
        assert_eq!(
            customers("name,grade,客户名称\nAcme,A,Beta\n"),
            Err(SheetError::DuplicateColumn {
                key: "name",
                first: (1, "name".into()),
                second: (3, "客户名称".into()),
            })
        );
        assert!(customers("name,grade,wechat,wechat\nAcme,A,a,b\n").is_ok());
    }
}
