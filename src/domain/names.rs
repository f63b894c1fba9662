//! Names as people type them. Two customer names are the same when they are equal after NFKC
//! (full-width ↔ half-width), trimming, folding runs of spaces and case (the data model (src/store/schema/migrations/0001_schema.sql)), and with
//! the characters that show as nothing dropped.

use unicode_normalization::UnicodeNormalization;

use crate::domain::{FieldError, Reason};

/// Characters that take no room: zero-width space, non-joiner and joiner (U+200B–U+200D),
/// word joiner (U+2060) and the byte-order mark (U+FEFF). Pasted in from web pages and
/// spreadsheets, they would make `Acme` and `Acme\u{200b}` two customers that look the same,
/// and a name of only them a name that shows as nothing.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}')
}

/// The key two names are compared by: `" ＡＣＭＥ  ltd "` and `"Acme Ltd"` give `"acme ltd"`.
pub fn name_key(s: &str) -> String {
    let folded: String = s.nfkc().collect::<String>().to_lowercase();
    collapse(&folded)
}

/// Trimmed, without invisible characters, with runs of white space (including the
/// ideographic space) made one space.
pub fn clean_text(s: &str) -> String {
    collapse(s)
}

fn collapse(s: &str) -> String {
    let visible: String = s.chars().filter(|c| !is_invisible(*c)).collect();
    visible
        .split(char::is_whitespace)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A required text field: cleaned, refused when blank.
pub fn required(field: &'static str, s: &str) -> Result<String, FieldError> {
    let c = clean_text(s);
    if c.is_empty() {
        Err(FieldError::new(field, s, Reason::Empty))
    } else {
        Ok(c)
    }
}

/// A required one-line text (a team): like `required`, and refused when it holds a control
/// character — a tab or an escape sequence in it would reach every table, report and
/// terminal that shows it.
pub fn required_line(field: &'static str, s: &str) -> Result<String, FieldError> {
    if s.trim().chars().any(char::is_control) {
        return Err(FieldError::new(field, shown(s), Reason::Control));
    }
    required(field, s)
}

/// Like `required_line`, for an optional text: None when blank.
pub fn optional_line(field: &'static str, s: &str) -> Result<Option<String>, FieldError> {
    match required_line(field, s) {
        Ok(t) => Ok(Some(t)),
        Err(e) if e.reason == Reason::Empty => Ok(None),
        Err(e) => Err(e),
    }
}

/// A refused value as a message shows it: control characters escaped, so they do not act on
/// the terminal, and at most 40 characters, so a 128 KB argument is not echoed back whole.
pub fn shown(s: &str) -> String {
    const MAX: usize = 40;
    let mut out: String = s.chars().take(MAX).flat_map(char::escape_debug).collect();
    if s.chars().nth(MAX).is_some() {
        out.push('…');
    }
    out
}

/// An optional text: trimmed, None when blank. Inner line breaks are kept (notes).
pub fn optional(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_case_and_spaces_fold_to_one_key() {
        assert_eq!(name_key(" ＡＣＭＥ ltd "), name_key("Acme Ltd"));
        assert_eq!(name_key("Acme\u{3000}\u{3000}Ltd"), "acme ltd");
        assert_ne!(name_key("Acme Ltd"), name_key("Acme Trading"));
    }

    #[test]
    fn chinese_names_keep_their_characters() {
        assert_eq!(name_key(" 华为　技术 "), "华为 技术");
    }

    #[test]
    fn every_kind_of_white_space_folds() {
        assert_eq!(name_key("Acme\tLtd\n"), "acme ltd");
        assert_eq!(name_key("ＡＣＭＥ　ＬＴＤ"), "acme ltd");
        assert_eq!(name_key(""), "");
    }

    #[test]
    fn clean_text_keeps_case_and_width() {
        // Display names keep what was typed; only the comparison key folds.
        assert_eq!(clean_text("  Ａcme \u{3000} Ltd\t"), "Ａcme Ltd");
        assert_eq!(clean_text(" \n "), "");
    }

    #[test]
    fn required_refuses_blank_and_optional_drops_it() {
        let e = required("name", "  \u{3000} ").unwrap_err();
        assert_eq!((e.field, e.reason), ("name", Reason::Empty));
        assert_eq!(required("name", " a  b ").unwrap(), "a b");
        assert_eq!(optional("   "), None);
        assert_eq!(optional(" x "), Some("x".into()));
        assert_eq!(optional("a\n b "), Some("a\n b".into()));
        assert_eq!(required("name", "").unwrap_err().value, "");
    }

    #[test]
    fn invisible_characters_make_no_difference_and_no_name() {
        for twin in [
            "Acme\u{200b}",
            "\u{feff}Acme",
            "Ac\u{2060}me",
            "A\u{200c}c\u{200d}me",
        ] {
            assert_eq!(name_key(twin), name_key("Acme"), "{twin:?}");
            assert_eq!(clean_text(twin), "Acme", "{twin:?}");
        }
        // Between words they are no space, and next to one they add none.
        assert_eq!(clean_text("Acme \u{200b} Ltd"), "Acme Ltd");
        let e = required("name", "\u{feff}\u{200b} \u{2060}").unwrap_err();
        assert_eq!(e.reason, Reason::Empty);
    }

    #[test]
    fn one_line_texts_refuse_control_characters_and_show_them_escaped() {
        let e = required_line("team", "ea\u{1b}[2Jst").unwrap_err();
        assert_eq!(
            (e.reason, e.value.as_str()),
            (Reason::Control, "ea\\u{1b}[2Jst")
        );
        assert_eq!(
            required_line("team", "we\tst").unwrap_err().reason,
            Reason::Control
        );
        assert_eq!(required_line("team", " east\n").unwrap(), "east");
        assert_eq!(
            required_line("team", " \u{200b}").unwrap_err().reason,
            Reason::Empty
        );
        assert_eq!(optional_line("team", " ").unwrap(), None);
        assert_eq!(
            optional_line("team", "a\u{7}").unwrap_err().reason,
            Reason::Control
        );
        assert_eq!(shown(&"x".repeat(1000)).chars().count(), 41);
    }
}
