//! Customer spreadsheets as people have them (README, Spreadsheets): CSV saved by Excel or WPS, in UTF-8
//! with or without a BOM or in GBK/GB18030, with English or Chinese headers. This file turns
//! bytes into named fields per line; the store checks them against the database.

use encoding_rs::{GB18030, UTF_8};

use super::text::unneutralise;

/// The columns salestrack knows, and the headers that name them (compared ignoring case,
/// spaces, `_` and `-`). The first header of each language is the one export writes.
pub const COLUMNS: &[(&str, &[&str])] = &[
    (
        "name",
        &[
            "name",
            "customer",
            "customer name",
            "客户名称",
            "客户",
            "名称",
            "公司名称",
            "客户名",
        ],
    ),
    ("grade", &["grade", "等级", "客户等级", "级别"]),
    ("stage", &["stage", "阶段", "客户阶段", "状态"]),
    ("owner", &["owner", "负责人", "销售", "所属销售", "业务员"]),
    ("industry", &["industry", "行业", "所属行业"]),
    ("size", &["size", "规模", "公司规模", "人员规模"]),
    ("region", &["region", "地区", "区域", "省份"]),
    ("source", &["source", "来源", "客户来源", "渠道"]),
    ("address", &["address", "地址", "详细地址"]),
    ("tags", &["tags", "标签"]),
    ("notes", &["notes", "备注", "说明"]),
    (
        "next_follow_up",
        &[
            "next follow-up",
            "next",
            "下次跟进",
            "下次跟进日期",
            "下次联系",
        ],
    ),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Auto,
    Utf8,
    Gbk,
}

impl std::str::FromStr for Encoding {
    type Err = super::FieldError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "auto" => Ok(Encoding::Auto),
            "utf-8" | "utf8" => Ok(Encoding::Utf8),
            "gbk" | "gb18030" | "gb2312" => Ok(Encoding::Gbk),
            _ => Err(super::FieldError::new(
                "encoding",
                s,
                super::Reason::NotOneOf(&["auto", "utf-8", "gbk"]),
            )),
        }
    }
}

/// Why a file could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CsvError {
    /// Not text in the encoding given (or, with auto, in either).
    NotText { encoding: &'static str },
    /// The CSV itself is broken at this line.
    Malformed { line: u64, detail: String },
    /// No column is the customer's name.
    NoNameColumn,
    /// A quoted field opened on this line is never closed: the rest of the file would be
    /// read as one value (the csv crate accepts that at the end of input; we do not).
    UnclosedQuote { line: u64 },
    /// Two columns name one field (`name` twice, or `name` and `客户名称`): which one is
    /// meant cannot be guessed. Columns are numbered from 1, as a spreadsheet shows them.
    DuplicateColumn {
        key: &'static str,
        first: (usize, String),
        second: (usize, String),
    },
}

/// The first two columns that name the same field, if any.
fn duplicate_column(
    headers: &csv::StringRecord,
    columns: &[Option<&'static str>],
) -> Option<CsvError> {
    columns.iter().enumerate().find_map(|(j, key)| {
        let key = (*key)?;
        let i = columns[..j].iter().position(|k| *k == Some(key))?;
        let named = |i: usize| (i + 1, headers.get(i).unwrap_or_default().to_string());
        Some(CsvError::DuplicateColumn {
            key,
            first: named(i),
            second: named(j),
        })
    })
}

/// The line of a quote left open at the end of the text, if any. `""` inside a quoted field
/// is an escaped quote and toggles twice, so counting toggles is enough.
fn unclosed_quote(text: &str) -> Option<u64> {
    let (mut open_at, mut line, mut inside) = (0, 1, false);
    for c in text.chars() {
        match c {
            '"' => {
                inside = !inside;
                if inside {
                    open_at = line;
                }
            }
            '\n' => line += 1,
            _ => {}
        }
    }
    inside.then_some(open_at)
}

/// One data line: its line number in the file and its values by column key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvRow {
    pub line: u64,
    pub values: Vec<(&'static str, String)>,
}

impl CsvRow {
    pub fn get(&self, key: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.trim().is_empty())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvFile {
    pub encoding: &'static str,
    /// Headers that name no column we know: ignored, and said so.
    pub ignored: Vec<String>,
    pub rows: Vec<CsvRow>,
}

fn header_key(h: &str) -> String {
    h.trim()
        .to_lowercase()
        .replace(['_', '-', ' ', '\u{3000}'], "")
}

/// The column a header names, if any.
pub fn column_of(header: &str) -> Option<&'static str> {
    let h = header_key(header);
    COLUMNS
        .iter()
        .find(|(_, names)| names.iter().any(|n| header_key(n) == h))
        .map(|(k, _)| *k)
}

/// Bytes to text. Auto: UTF-8 (a BOM is dropped) when the bytes are valid UTF-8, else
/// GB18030, the superset of GBK that Excel and WPS write on Chinese Windows.
pub fn decode(bytes: &[u8], encoding: Encoding) -> Result<(String, &'static str), CsvError> {
    let utf8 = || {
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        std::str::from_utf8(body).ok().map(str::to_string)
    };
    let gbk = || {
        let (text, _, had_errors) = GB18030.decode(bytes);
        (!had_errors).then(|| text.into_owned())
    };
    match encoding {
        Encoding::Utf8 => utf8()
            .map(|t| (t, UTF_8.name()))
            .ok_or(CsvError::NotText { encoding: "UTF-8" }),
        Encoding::Gbk => gbk()
            .map(|t| (t, "GBK"))
            .ok_or(CsvError::NotText { encoding: "GBK" }),
        Encoding::Auto => utf8()
            .map(|t| (t, "UTF-8"))
            .or_else(|| gbk().map(|t| (t, "GBK")))
            .ok_or(CsvError::NotText {
                encoding: "UTF-8 / GBK",
            }),
    }
}

/// Reads a customer CSV: decodes it, maps its headers, and returns every data line.
pub fn read(bytes: &[u8], encoding: Encoding) -> Result<CsvFile, CsvError> {
    let (text, encoding) = decode(bytes, encoding)?;
    if let Some(line) = unclosed_quote(&text) {
        return Err(CsvError::UnclosedQuote { line });
    }
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let malformed = |e: csv::Error| CsvError::Malformed {
        line: e.position().map_or(0, |p| p.line()),
        detail: e.to_string(),
    };
    let headers = reader.headers().map_err(malformed)?.clone();
    let columns: Vec<Option<&'static str>> = headers.iter().map(column_of).collect();
    if !columns.contains(&Some("name")) {
        return Err(CsvError::NoNameColumn);
    }
    if let Some(e) = duplicate_column(&headers, &columns) {
        return Err(e);
    }
    let ignored = headers
        .iter()
        .zip(&columns)
        .filter(|(h, c)| c.is_none() && !h.trim().is_empty())
        .map(|(h, _)| h.to_string())
        .collect();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(malformed)?;
        if record.iter().all(|f| f.trim().is_empty()) {
            continue; // the blank lines spreadsheets leave at the end
        }
        let line = record.position().map_or(0, |p| p.line());
        let values = columns
            .iter()
            .zip(record.iter())
            // Export quotes cells a spreadsheet would run as formulas; the quote goes again.
            .filter_map(|(c, v)| c.map(|c| (c, unneutralise(v).to_string())))
            .collect();
        rows.push(CsvRow { line, values });
    }
    Ok(CsvFile {
        encoding,
        ignored,
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_never_closed_is_refused_with_its_line() {
        let text = "name,notes\nAcme,\"fine, \"\"quoted\"\"\"\nBeta,\"never\nclosed\n";
        assert_eq!(
            read(text.as_bytes(), Encoding::Auto).unwrap_err(),
            CsvError::UnclosedQuote { line: 3 }
        );
        let closed = "name,notes\nAcme,\"two\nlines\"\n";
        assert_eq!(
            read(closed.as_bytes(), Encoding::Auto).unwrap().rows.len(),
            1
        );
    }

    #[test]
    fn chinese_headers_in_gbk_with_an_extra_column() {
        let text = "客户名称,等级,负责人,微信号\n华为技术有限公司,A,ann,hw001\n";
        let (bytes, _, _) = GB18030.encode(text);
        let file = read(&bytes, Encoding::Auto).unwrap();
        assert_eq!(file.encoding, "GBK");
        assert_eq!(file.ignored, ["微信号"]);
        assert_eq!(file.rows.len(), 1);
        assert_eq!(file.rows[0].line, 2);
        assert_eq!(file.rows[0].get("name"), Some("华为技术有限公司"));
        assert_eq!(file.rows[0].get("grade"), Some("A"));
        assert_eq!(file.rows[0].get("owner"), Some("ann"));
    }

    #[test]
    fn utf8_with_a_bom_and_english_headers() {
        let bytes = b"\xEF\xBB\xBFName,Grade,Next follow-up\nAcme Ltd,B,2026-10-01\n\n";
        let file = read(bytes, Encoding::Auto).unwrap();
        assert_eq!(file.encoding, "UTF-8");
        assert_eq!(file.rows.len(), 1, "the blank line is skipped");
        assert_eq!(file.rows[0].get("name"), Some("Acme Ltd"));
        assert_eq!(file.rows[0].get("next_follow_up"), Some("2026-10-01"));
    }

    #[test]
    fn quoted_newlines_keep_the_line_numbers_of_the_file() {
        let bytes = "name,notes\nA,\"two\nlines\"\nB,x\n".as_bytes();
        let file = read(bytes, Encoding::Utf8).unwrap();
        assert_eq!(file.rows.iter().map(|r| r.line).collect::<Vec<_>>(), [2, 4]);
    }

    #[test]
    fn one_field_in_two_columns_is_refused_with_both_named() {
        let text = "name,grade,客户名称\nAcme,A,Beta\n";
        assert_eq!(
            read(text.as_bytes(), Encoding::Auto).unwrap_err(),
            CsvError::DuplicateColumn {
                key: "name",
                first: (1, "name".into()),
                second: (3, "客户名称".into()),
            }
        );
        // Two columns we do not know are ignored, not refused.
        assert!(read(b"name,wechat,wechat\nAcme,a,b\n", Encoding::Auto).is_ok());
    }

    #[test]
    fn a_quoted_formula_comes_back_as_it_was_exported() {
        let file = read(b"name,notes\n'=1+1,'-x\n'plain,''@y\n", Encoding::Auto).unwrap();
        assert_eq!(file.rows[0].get("name"), Some("=1+1"));
        assert_eq!(file.rows[0].get("notes"), Some("-x"));
        assert_eq!(file.rows[1].get("name"), Some("'plain"));
        assert_eq!(file.rows[1].get("notes"), Some("'@y"));
    }

    #[test]
    fn unreadable_files_say_why() {
        assert_eq!(
            read(b"grade\nA\n", Encoding::Auto),
            Err(CsvError::NoNameColumn)
        );
        assert_eq!(
            read(b"name\n\xff\xfe\xfa\n", Encoding::Utf8),
            Err(CsvError::NotText { encoding: "UTF-8" })
        );
        // A lone lead byte at the end is not GBK either.
        assert!(matches!(
            read(b"name\n\x81", Encoding::Gbk),
            Err(CsvError::NotText { .. })
        ));
        assert_eq!("big5".parse::<Encoding>().unwrap_err().field, "encoding");
    }
}
