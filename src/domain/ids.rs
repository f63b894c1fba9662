//! Record ids: UUID v7 (time-ordered, so copies edited apart merge by id), shown and typed
//! by a short prefix: the first 8 hex digits, or more when that is not unique.

use uuid::Uuid;

use crate::domain::{FieldError, Reason};

pub const PREFIX_FORM: &str = "the first 8 hex digits of the id, or more";

pub fn new_id() -> Uuid {
    Uuid::now_v7()
}

/// A v7 id from given parts: deterministic demo data uses it.
pub fn id_from_parts(unix_ms: u64, random: [u8; 10]) -> Uuid {
    uuid::Builder::from_unix_timestamp_millis(unix_ms, &random).into_uuid()
}

pub fn short(id: &Uuid) -> String {
    short_str(&id.to_string()).to_string()
}

/// The short form of a hyphenated id: its first 8 characters.
pub fn short_str(id: &str) -> &str {
    id.get(..8).unwrap_or(id)
}

/// A typed short id → the prefix of `Uuid::to_string()` it stands for (lower case, hyphens
/// where the full form has them), so the store can match it with a range on the index.
pub fn parse_prefix(field: &'static str, s: &str) -> Result<String, FieldError> {
    let hex: String = s.trim().chars().filter(|c| *c != '-').collect();
    let ok = (4..=32).contains(&hex.len()) && hex.chars().all(|c| c.is_ascii_hexdigit());
    if !ok {
        return Err(FieldError::new(field, s, Reason::Format(PREFIX_FORM)));
    }
    let mut out = String::with_capacity(hex.len() + 4);
    for (i, c) in hex.to_ascii_lowercase().chars().enumerate() {
        if matches!(i, 8 | 12 | 16 | 20) {
            out.push('-');
        }
        out.push(c);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_ids_are_v7_and_short_is_eight_hex() {
        let id = new_id();
        assert_eq!(id.get_version_num(), 7);
        let s = short(&id);
        assert_eq!(s.len(), 8);
        assert!(id.to_string().starts_with(&s));
    }

    #[test]
    fn ids_from_parts_are_deterministic_v7() {
        let a = id_from_parts(1_700_000_000_000, [7; 10]);
        assert_eq!(a, id_from_parts(1_700_000_000_000, [7; 10]));
        assert_eq!(a.get_version_num(), 7);
    }

    #[test]
    fn prefixes_take_any_case_and_hyphens() {
        assert_eq!(parse_prefix("id", "0192E3C4").unwrap(), "0192e3c4");
        assert_eq!(parse_prefix("id", "0192e3c4ab").unwrap(), "0192e3c4-ab");
        assert_eq!(
            parse_prefix("id", "0192e3c4-abcd-7").unwrap(),
            "0192e3c4-abcd-7"
        );
        let full = new_id().to_string();
        assert_eq!(parse_prefix("id", &full).unwrap(), full);
    }

    #[test]
    fn bad_prefixes_are_refused_with_the_form() {
        for bad in ["xyz", "01", "0192e3c4zz", ""] {
            let e = parse_prefix("id", bad).unwrap_err();
            assert_eq!(e.reason, Reason::Format(PREFIX_FORM), "{bad}");
        }
    }
}
