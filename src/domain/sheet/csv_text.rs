//! CSV as Excel and WPS save it: UTF-8 with or without a BOM, or GBK/GB18030 on Chinese
//! Windows, with quoted fields over several lines.

use encoding_rs::{GB18030, UTF_8};

use super::{Grid, MAX_COLUMNS, SheetError};
use crate::domain::text::unneutralise;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Auto,
    Utf8,
    Gbk,
}

impl std::str::FromStr for Encoding {
    type Err = crate::domain::FieldError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "auto" => Ok(Encoding::Auto),
            "utf-8" | "utf8" => Ok(Encoding::Utf8),
            "gbk" | "gb18030" | "gb2312" => Ok(Encoding::Gbk),
            _ => Err(crate::domain::FieldError::new(
                "encoding",
                s,
                crate::domain::Reason::NotOneOf(&["auto", "utf-8", "gbk"]),
            )),
        }
    }
}

/// Bytes to text. Auto: UTF-8 (a BOM is dropped) when the bytes are valid UTF-8, else
/// GB18030, the superset of GBK that Excel and WPS write on Chinese Windows.
pub fn decode(bytes: &[u8], encoding: Encoding) -> Result<(String, &'static str), SheetError> {
    // Excel's "Unicode text" is UTF-16 with a byte-order mark, whatever was asked.
    for (bom, utf16, name) in [
        (&b"\xFF\xFE"[..], encoding_rs::UTF_16LE, "UTF-16"),
        (&b"\xFE\xFF"[..], encoding_rs::UTF_16BE, "UTF-16"),
    ] {
        if bytes.starts_with(bom) {
            let (text, _, had_errors) = utf16.decode(bytes);
            return match had_errors {
                false => Ok((text.trim_start_matches('\u{feff}').to_string(), name)),
                true => Err(SheetError::NotText { encoding: name }),
            };
        }
    }
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
            .ok_or(SheetError::NotText { encoding: "UTF-8" }),
        Encoding::Gbk => gbk()
            .map(|t| (t, "GBK"))
            .ok_or(SheetError::NotText { encoding: "GBK" }),
        Encoding::Auto => utf8()
            .map(|t| (t, "UTF-8"))
            .or_else(|| gbk().map(|t| (t, "GBK")))
            .ok_or(SheetError::NotText {
                encoding: "UTF-8 / GBK",
            }),
    }
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

/// Where each line of a text starts, by byte: a line ends at `\r\n`, `\n` or a lone `\r`
/// (Excel and WPS on Windows write `\r\n`; old Macs `\r`).
struct LineStarts<'t> {
    text: &'t [u8],
    starts: Vec<u64>,
}

impl LineStarts<'_> {
    fn of(text: &str) -> LineStarts<'_> {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for (i, b) in bytes.iter().enumerate() {
            let ends = *b == b'\n' || (*b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
            if ends {
                starts.push(i as u64 + 1);
            }
        }
        LineStarts {
            text: bytes,
            starts,
        }
    }

    /// The line (from 1) of the record the reader says starts at byte `at`: the reader may
    /// count the end of the line before it (the `\n` of a `\r\n`) as its start.
    fn line_of(&self, at: u64) -> u64 {
        let mut at = at as usize;
        while matches!(self.text.get(at), Some(b'\r' | b'\n')) {
            at += 1;
        }
        self.starts.partition_point(|start| *start <= at as u64) as u64
    }
}

/// Every line of a CSV file as cells, the header line too.
pub fn read(bytes: &[u8], encoding: Encoding) -> Result<Grid, SheetError> {
    let (text, format) = decode(bytes, encoding)?;
    // GB18030 takes almost any bytes: an image or a PDF would decode. Text a spreadsheet
    // saves never holds a NUL. (Other control characters are a cell's trouble, named with
    // its line by the field that refuses them.)
    if text.contains('\0') {
        let encoding = match encoding {
            Encoding::Auto => "UTF-8 / GBK",
            _ => format,
        };
        return Err(SheetError::NotText { encoding });
    }
    if let Some(line) = unclosed_quote(&text) {
        return Err(SheetError::UnclosedQuote { line });
    }
    let lines = LineStarts::of(&text);
    // Excel's "Unicode text" and many a paste are tab-separated: the first line says.
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let delimiter = if first.matches('\t').count() > first.matches(',').count() {
        b'\t'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| SheetError::Malformed {
            line: e.position().map_or(0, |p| lines.line_of(p.byte())),
            detail: e.to_string(),
        })?;
        let line = record.position().map_or(0, |p| lines.line_of(p.byte()));
        if record.len() > MAX_COLUMNS {
            return Err(SheetError::TooLarge {
                line,
                column: record.len(),
            });
        }
        // Export quotes cells a spreadsheet would run as formulas; the quote goes again.
        let cells = record.iter().map(|v| unneutralise(v).to_string()).collect();
        rows.push((line, cells));
    }
    Ok(Grid { format, rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_never_closed_is_refused_with_its_line() {
        let text = "name,notes\nAcme,\"fine, \"\"quoted\"\"\"\nBeta,\"never\nclosed\n";
        assert_eq!(
            read(text.as_bytes(), Encoding::Auto).unwrap_err(),
            SheetError::UnclosedQuote { line: 3 }
        );
        let closed = "name,notes\nAcme,\"two\nlines\"\n";
        assert_eq!(
            read(closed.as_bytes(), Encoding::Auto).unwrap().rows.len(),
            2
        );
    }

    #[test]
    fn gbk_and_utf8_with_a_bom() {
        let (bytes, _, _) = GB18030.encode("客户名称,客户级别\n华为技术有限公司,A\n");
        let grid = read(&bytes, Encoding::Auto).unwrap();
        assert_eq!(grid.format, "GBK");
        assert_eq!(
            grid.rows[1],
            (2, vec!["华为技术有限公司".into(), "A".into()])
        );
        let grid = read(b"\xEF\xBB\xBFName\nAcme\n", Encoding::Auto).unwrap();
        assert_eq!(grid.format, "UTF-8");
        assert_eq!(grid.rows[0].1, ["Name"]);
    }

    #[test]
    fn utf16_with_its_mark_is_read() {
        let text: Vec<u8> = "\u{feff}客户名称\tx\n甲\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let (decoded, format) = decode(&text, Encoding::Auto).unwrap();
        assert_eq!((decoded.as_str(), format), ("客户名称\tx\n甲\n", "UTF-16"));
        let grid = read(&text, Encoding::Auto).unwrap();
        assert_eq!(
            grid.rows[0].1,
            ["客户名称", "x"],
            "tab-separated, as Excel saves it"
        );
    }

    #[test]
    fn quoted_newlines_keep_the_line_numbers_of_the_file() {
        let grid = read(
            "name,notes\nA,\"two\nlines\"\nB,x\n".as_bytes(),
            Encoding::Utf8,
        )
        .unwrap();
        assert_eq!(grid.rows.iter().map(|r| r.0).collect::<Vec<_>>(), [1, 2, 4]);
    }

    #[test]
    fn windows_and_old_mac_line_ends_keep_the_line_numbers() {
        let crlf = read(
            b"name,notes\r\nQ1,x\r\nQ2,\"a\r\nb\"\r\n,z\r\n",
            Encoding::Utf8,
        )
        .unwrap();
        assert_eq!(
            crlf.rows.iter().map(|r| r.0).collect::<Vec<_>>(),
            [1, 2, 3, 5]
        );
        let cr = read(b"name\rQ1\rQ2\r", Encoding::Utf8).unwrap();
        assert_eq!(cr.rows.iter().map(|r| r.0).collect::<Vec<_>>(), [1, 2, 3]);
    }

    #[test]
    fn a_row_wider_than_any_import_is_refused() {
        let wide = format!("name{}\n", ",x".repeat(MAX_COLUMNS));
        assert_eq!(
            read(wide.as_bytes(), Encoding::Utf8),
            Err(SheetError::TooLarge {
                line: 1,
                column: MAX_COLUMNS + 1
            })
        );
    }

    #[test]
    fn a_quoted_formula_comes_back_as_it_was_exported() {
        let grid = read(b"name,notes\n'=1+1,'-x\n'plain,''@y\n", Encoding::Auto).unwrap();
        assert_eq!(grid.rows[1].1, ["=1+1", "-x"]);
        assert_eq!(grid.rows[2].1, ["'plain", "'@y"]);
    }

    #[test]
    fn text_in_neither_encoding_says_so() {
        assert_eq!(
            read(b"name\n\xff\xfe\xfa\n", Encoding::Utf8),
            Err(SheetError::NotText { encoding: "UTF-8" })
        );
        assert!(matches!(
            read(b"name\n\x81", Encoding::Gbk),
            Err(SheetError::NotText { .. })
        ));
        assert_eq!("big5".parse::<Encoding>().unwrap_err().field, "encoding");
        assert_eq!(
            read(b"\x89PNG\r\n\x1a\n\x00\x00", Encoding::Auto),
            Err(SheetError::NotText {
                encoding: "UTF-8 / GBK"
            })
        );
    }
}
