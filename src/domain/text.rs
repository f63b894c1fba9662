//! Stored text on its way out: to a terminal (control characters made visible) and to a
//! spreadsheet (formulas made inert). Pure, so every printer and writer shares one rule.
//!
//! Names, notes and comments are typed by anyone and synced from other copies: a customer
//! named `"\x1b]0;pwned\x07"` retitles the terminal of whoever lists customers, and one named
//! `=HYPERLINK("http://x","y")` becomes a live link in the manager's Excel.

use std::borrow::Cow;

/// Text for people: every control character (C0, DEL, C1 — ESC, BEL, BS, CR, CSI 0x9b…)
/// becomes a visible stand-in, so nothing of it reaches the terminal as a command. Newline
/// and tab are kept (errors and reports have lines); a CR right before a newline is a
/// Windows line end and is dropped, a lone CR would rewind the line and hide text.
///
/// Stand-ins: the Unicode *Control Pictures* (`␛` for ESC, `␇` for BEL, `␡` for DEL) show
/// the reader exactly what was stored, and they are one column wide in every locale, which
/// keeps tables aligned (U+FFFD is "ambiguous" width and takes two columns in many CJK
/// terminals). C1 controls have no picture and become U+FFFD.
pub fn printable(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_care) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\t' => out.push(c),
            '\r' if chars.peek() == Some(&'\n') => {}
            c => out.push(stand_in(c)),
        }
    }
    Cow::Owned(out)
}

/// One cell of a one-line-per-row table: like `printable`, and line breaks and tabs become a
/// space so a row stays one line.
pub fn printable_cell(s: &str) -> Cow<'_, str> {
    if !s.chars().any(char::is_control) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\t' | '\r' => out.push(' '),
            c => out.push(stand_in(c)),
        }
    }
    Cow::Owned(out)
}

/// A path as a message shows it: it comes from the command line, the config file or a
/// directory listing, and a control character in it would act on the terminal.
pub fn shown_path(path: &std::path::Path) -> String {
    printable_cell(&path.display().to_string()).into_owned()
}

fn needs_care(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

fn stand_in(c: char) -> char {
    match c as u32 {
        n @ 0..=0x1f => char::from_u32(0x2400 + n).unwrap_or('\u{fffd}'),
        0x7f => '\u{2421}',
        _ if c.is_control() => '\u{fffd}',
        _ => c,
    }
}

/// The characters that make a spreadsheet cell a formula (OWASP "CSV injection"): `=`, `+`,
/// `-`, `@`, and TAB or CR, which Excel skips before looking for one of the others.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell of user text on its way to a CSV file: one that a spreadsheet would evaluate gets a
/// leading `'`, which Excel, WPS and LibreOffice read as "this is text" and do not show.
///
/// Text that already starts with quotes before a formula character gets one more, so that
/// `unneutralise` (which removes exactly one) gives back exactly what was stored: `'=x`
/// exports as `''=x` and imports as `'=x`.
pub fn neutralise_cell(s: &str) -> Cow<'_, str> {
    if formula_after_quotes(s) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// The inverse of `neutralise_cell`, for import.
pub fn unneutralise(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if formula_after_quotes(rest) => rest,
        _ => s,
    }
}

/// Like `neutralise_cell`, for cells whose type the writer does not know (list columns):
/// a plain number such as `-12.50` is a value, not a formula, and stays as it is.
pub fn neutralise_unless_number(s: &str) -> Cow<'_, str> {
    if s.trim().parse::<f64>().is_ok_and(f64::is_finite) {
        Cow::Borrowed(s)
    } else {
        neutralise_cell(s)
    }
}

fn formula_after_quotes(s: &str) -> bool {
    s.trim_start_matches('\'').starts_with(FORMULA_START)
}

/// `s` cut to `width` display columns (CJK counts two), with `…` where it was cut: a
/// terminal cell, or a chart label measured in cells (`report::svg`).
pub fn fit(s: &str, width: usize) -> String {
    if unicode_width::UnicodeWidthStr::width(s) <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_controls_become_visible_and_lines_stay() {
        let evil = "A\x1b]0;pwned\x07B\x08\u{9b}31m\x7f";
        let shown = printable(evil);
        assert_eq!(
            shown,
            "A\u{241b}]0;pwned\u{2407}B\u{2408}\u{fffd}31m\u{2421}"
        );
        assert!(!shown.chars().any(char::is_control));
        assert_eq!(printable("one\r\ntwo\tthree\n"), "one\ntwo\tthree\n");
        assert_eq!(printable("over\rwrite"), "over\u{240d}write");
        assert!(matches!(printable("华为 Acme"), Cow::Borrowed(_)));
    }

    #[test]
    fn a_table_cell_is_one_line_without_controls() {
        assert_eq!(printable_cell("a\r\nb\tc\nd\re\x1b"), "a b c d e\u{241b}");
        assert!(matches!(printable_cell("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn formulas_get_a_quote_and_import_takes_it_back() {
        for s in [
            "=HYPERLINK(\"http://x\",\"y\")",
            "-5 Ltd",
            "@SUM(A1)",
            "+1 Co",
            "\tx",
            "\ry",
            "'=already quoted",
            "''-two",
        ] {
            let cell = neutralise_cell(s);
            assert!(cell.starts_with('\''), "{s:?} → {cell:?}");
            assert_eq!(unneutralise(&cell), s);
        }
        for s in ["Acme", "'quoted name", "", "华为", "1-2"] {
            assert_eq!(neutralise_cell(s), s);
            assert_eq!(unneutralise(s), s);
        }
        assert_eq!(neutralise_unless_number("-12.50"), "-12.50");
        assert_eq!(neutralise_unless_number("-5 Ltd"), "'-5 Ltd");
        assert_eq!(neutralise_unless_number("-inf"), "'-inf");
    }
}
