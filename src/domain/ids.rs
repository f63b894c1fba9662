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
        let too_long = "a".repeat(33);
        for bad in [
            "xyz",
            "01",
            "012",
            "0192e3c4zz",
            "",
            "----",
            too_long.as_str(),
        ] {
            let e = parse_prefix("id", bad).unwrap_err();
            assert_eq!(e.reason, Reason::Format(PREFIX_FORM), "{bad}");
        }
        let e = parse_prefix("customer", "nope").unwrap_err();
        assert_eq!(
            e,
            FieldError::new("customer", "nope", Reason::Format(PREFIX_FORM))
        );
    }

    #[test]
    fn prefix_edges() {
        // The example of the contract: upper case, hyphen put back after 8 digits.
        assert_eq!(parse_prefix("id", "0192E3C4AB").unwrap(), "0192e3c4-ab");
        // Four digits is the shortest accepted; a hyphen after exactly 8 is not doubled.
        assert_eq!(parse_prefix("id", "abcd").unwrap(), "abcd");
        assert_eq!(parse_prefix("id", " 0192e3c4- ").unwrap(), "0192e3c4");
        let hex32 = "0123456789ABCDEF0123456789abcdef";
        assert_eq!(
            parse_prefix("id", hex32).unwrap(),
            "01234567-89ab-cdef-0123-456789abcdef"
        );
    }

    #[test]
    fn short_forms() {
        let id = id_from_parts(0x0192_e3c4_ab00, [0; 10]);
        assert_eq!(short(&id), "0192e3c4");
        assert_eq!(
            short_str("0192e3c4-ab00-7000-8000-000000000000"),
            "0192e3c4"
        );
        // Too short or not ASCII at byte 8: returned whole rather than panicking.
        assert_eq!(short_str("abc"), "abc");
        assert_eq!(short_str("1234567é9"), "1234567é9");
    }

    #[test]
    fn parts_land_where_v7_puts_them() {
        let a = id_from_parts(1_700_000_000_123, [7; 10]);
        let (secs, nanos) = a.get_timestamp().unwrap().to_unix();
        assert_eq!((secs, nanos), (1_700_000_000, 123_000_000));
        assert_ne!(a, id_from_parts(1_700_000_000_123, [8; 10]));
        // Later times sort later, which is what makes v7 ids merge-friendly.
        assert!(a < id_from_parts(1_700_000_000_124, [0; 10]));
    }
}
