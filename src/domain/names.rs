//! Names as people type them. Two customer names are the same when they are equal after NFKC
//! (full-width ↔ half-width), trimming, folding runs of spaces and case (SPEC §1).

use unicode_normalization::UnicodeNormalization;

use crate::domain::{FieldError, Reason};

/// The key two names are compared by: `" ＡＣＭＥ  ltd "` and `"Acme Ltd"` give `"acme ltd"`.
pub fn name_key(s: &str) -> String {
    let folded: String = s.nfkc().collect::<String>().to_lowercase();
    collapse(&folded)
}

/// Trimmed, with runs of white space (including the ideographic space) made one space.
pub fn clean_text(s: &str) -> String {
    collapse(s)
}

fn collapse(s: &str) -> String {
    s.split(char::is_whitespace)
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
}
