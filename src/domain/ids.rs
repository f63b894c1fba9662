//! Record ids: UUID v7 (time-ordered, so copies edited apart merge by id), shown and typed
//! by a short form taken from the id's random part.
//!
//! A v7 id begins with its timestamp, so records made within the same minute share their
//! first 8 digits: a prefix of the whole id printed today would name two records tomorrow.
//! People are therefore shown the start of the id's last group (its last 12 hex digits),
//! which is random: `Uuid::now_v7` puts the low bits of a per-millisecond counter that is
//! seeded at random in its first 4 digits and random bits in the rest, and `id_from_parts`
//! puts the caller's random bytes there. 8 digits are shown, more when another id of the
//! table shares them (`store::short_ids`). Typed, either form is accepted: the start of the
//! whole id or the start of its last group.

use uuid::Uuid;

use crate::domain::{FieldError, Reason};

pub const PREFIX_FORM: &str =
    "the short id as printed (8 or more hex digits), or the start of the full id";

/// Where the random tail begins in the hyphenated form: `substr(id, 25)` in SQL.
pub const TAIL_START: usize = 24;
/// Hex digits of the tail, the most a short id has.
pub const TAIL_LEN: usize = 12;
/// Hex digits of a printed short id at the least.
pub const SHORT_LEN: usize = 8;
/// The shortest typed start of a whole id: its first 4 digits (as before tails were used).
const MIN_FULL: usize = 4;
/// The shortest typed start of a tail. Below 6 random digits (16.7 million values) a typed
/// id names several records of a large table (4 digits: one in 65 536, so about 15 of a
/// million visits) and is only noise; 6 and 7 still let someone shorten a printed id in a
/// small database, and a clash is refused listing the candidates, never guessed.
const MIN_TAIL: usize = 6;

pub fn new_id() -> Uuid {
    Uuid::now_v7()
}

/// A v7 id from given parts: deterministic demo data uses it. `random` fills every bit
/// after the time and version, so the tail (`random[4..]`) is as random as the caller's bytes.
pub fn id_from_parts(unix_ms: u64, random: [u8; 10]) -> Uuid {
    uuid::Builder::from_unix_timestamp_millis(unix_ms, &random).into_uuid()
}

/// The random tail of a hyphenated id (its last group), or `None` for text not of that form.
pub fn tail(id: &str) -> Option<&str> {
    if id.len() != 36 || id.as_bytes()[TAIL_START - 1] != b'-' {
        return None;
    }
    let t = id.get(TAIL_START..)?;
    t.bytes().all(|b| b.is_ascii_hexdigit()).then_some(t)
}

pub fn short(id: &Uuid) -> String {
    short_str(&id.to_string()).to_string()
}

/// The short form of a hyphenated id without looking at other ids: the first 8 digits of
/// its tail (`Store::short_id` adds digits when another id shares them). Text that is not a
/// hyphenated id is returned whole.
pub fn short_str(id: &str) -> &str {
    tail(id).map_or(id, |t| &t[..SHORT_LEN])
}

/// A typed id, as the two starts the store matches: of the whole id, and of the tail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdPrefix {
    /// The prefix of `Uuid::to_string()` it stands for (lower case, hyphens where the full
    /// form has them), so the store can match it with a range on the primary key.
    pub full: String,
    /// The prefix of the tail, when the text can be one: 6 to 12 digits and no hyphen.
    pub tail: Option<String>,
}

/// A typed short id → the prefixes it can stand for.
pub fn parse_prefix(field: &'static str, s: &str) -> Result<IdPrefix, FieldError> {
    let s_trim = s.trim();
    let hex: String = s_trim.chars().filter(|c| *c != '-').collect();
    let ok = (MIN_FULL..=32).contains(&hex.len()) && hex.chars().all(|c| c.is_ascii_hexdigit());
    if !ok {
        return Err(FieldError::new(field, s, Reason::Format(PREFIX_FORM)));
    }
    let hex = hex.to_ascii_lowercase();
    let full = full_prefix(&hex);
    // A hyphen says the text was copied from a whole id.
    let tail = (!s_trim.contains('-') && (MIN_TAIL..=TAIL_LEN).contains(&hex.len())).then_some(hex);
    Ok(IdPrefix { full, tail })
}

/// Hex digits as the start of a whole id: hyphens put where `Uuid::to_string()` has them.
pub fn full_prefix(hex: &str) -> String {
    let mut full = String::with_capacity(hex.len() + 4);
    for (i, c) in hex.chars().enumerate() {
        if matches!(i, 8 | 12 | 16 | 20) {
            full.push('-');
        }
        full.push(c);
    }
    full
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full(s: &str) -> String {
        parse_prefix("id", s).unwrap().full
    }

    #[test]
    fn new_ids_are_v7_and_short_is_eight_hex_of_the_tail() {
        let id = new_id();
        assert_eq!(id.get_version_num(), 7);
        let s = short(&id);
        assert_eq!(s.len(), 8);
        assert!(id.to_string()[TAIL_START..].starts_with(&s));
    }

    #[test]
    fn ids_made_together_differ_in_their_short_form() {
        // The defect: ids made in the same moment shared their first 8 digits. Their tails
        // are random (or a counter's low bits), so a thousand made at once differ there.
        let ids: Vec<String> = (0..1000).map(|_| new_id().to_string()).collect();
        let mut shorts: Vec<&str> = ids.iter().map(|i| short_str(i)).collect();
        shorts.sort_unstable();
        shorts.dedup();
        assert_eq!(shorts.len(), ids.len());
    }

    #[test]
    fn ids_from_parts_are_deterministic_v7() {
        let a = id_from_parts(1_700_000_000_000, [7; 10]);
        assert_eq!(a, id_from_parts(1_700_000_000_000, [7; 10]));
        assert_eq!(a.get_version_num(), 7);
    }

    #[test]
    fn the_random_bytes_of_parts_make_the_tail() {
        // Demo data gets its short ids from its random bytes, not from its times.
        let r = [0, 1, 2, 3, 0xa4, 0xb5, 0xc6, 0xd7, 0xe8, 0xf9];
        let id = id_from_parts(1_700_000_000_000, r).to_string();
        assert_eq!(tail(&id), Some("a4b5c6d7e8f9"));
        assert_eq!(short_str(&id), "a4b5c6d7");
    }

    #[test]
    fn prefixes_take_any_case_and_hyphens() {
        assert_eq!(full("0192E3C4"), "0192e3c4");
        assert_eq!(full("0192e3c4ab"), "0192e3c4-ab");
        assert_eq!(full("0192e3c4-abcd-7"), "0192e3c4-abcd-7");
        let id = new_id().to_string();
        assert_eq!(full(&id), id);
    }

    #[test]
    fn a_prefix_is_also_a_tail_when_it_can_be() {
        let p = parse_prefix("id", " A4B5C6D7 ").unwrap();
        assert_eq!(p.full, "a4b5c6d7");
        assert_eq!(p.tail.as_deref(), Some("a4b5c6d7"));
        assert_eq!(
            parse_prefix("id", "a4b5c6").unwrap().tail.as_deref(),
            Some("a4b5c6")
        );
        let twelve = parse_prefix("id", "a4b5c6d7e8f9").unwrap();
        assert_eq!(twelve.tail.as_deref(), Some("a4b5c6d7e8f9"));
        assert_eq!(twelve.full, "a4b5c6d7-e8f9");
        // Too short for a tail, too long for one, or copied from a whole id: the start only.
        for only_full in ["abcd", "abcde", "a4b5c6d7e8f90", "0192e3c4-ab"] {
            assert_eq!(
                parse_prefix("id", only_full).unwrap().tail,
                None,
                "{only_full}"
            );
        }
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
        assert_eq!(full("0192E3C4AB"), "0192e3c4-ab");
        // Four digits is the shortest accepted; a hyphen after exactly 8 is not doubled.
        assert_eq!(full("abcd"), "abcd");
        assert_eq!(full(" 0192e3c4- "), "0192e3c4");
        let hex32 = "0123456789ABCDEF0123456789abcdef";
        assert_eq!(full(hex32), "01234567-89ab-cdef-0123-456789abcdef");
    }

    #[test]
    fn short_forms() {
        let id = id_from_parts(0x0192_e3c4_ab00, [0, 0, 0, 0, 1, 2, 3, 4, 5, 6]);
        assert_eq!(short(&id), "01020304");
        assert_eq!(
            short_str("0192e3c4-ab00-7000-8000-a1b2c3d4e5f6"),
            "a1b2c3d4"
        );
        // Not a hyphenated id (too short, no hyphen, not ASCII): returned whole, no panic.
        assert_eq!(short_str("abc"), "abc");
        assert_eq!(short_str("1234567é9"), "1234567é9");
        let odd = "0192e3c4xab00x7000x8000xa1b2c3d4e5é";
        assert_eq!(short_str(odd), odd);
        let odd = "0192e3c4-ab00-7000-8000-a1é2c3d4e5f";
        assert_eq!(short_str(odd), odd);
        assert_eq!(
            tail("0192e3c4-ab00-7000-8000-a1b2c3d4e5f6"),
            Some("a1b2c3d4e5f6")
        );
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
