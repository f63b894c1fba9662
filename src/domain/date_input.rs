//! Dates as people type them: `YYYY-MM-DD`, `today`, `yesterday` (SPEC §1). "Today" is the
//! caller's, so `SALESTRACK_NOW` decides it in tests.

use chrono::NaiveDate;
use unicode_normalization::UnicodeNormalization;

use crate::domain::{FieldError, Reason};

pub const DATE_FORMAT_HINT: &str = "YYYY-MM-DD, today or yesterday";

pub fn parse_date(field: &'static str, s: &str, today: NaiveDate) -> Result<NaiveDate, FieldError> {
    let norm: String = s.nfkc().collect();
    let t = norm.trim();
    match t.to_lowercase().as_str() {
        "today" | "今天" => return Ok(today),
        "yesterday" | "昨天" => {
            return today
                .pred_opt()
                .ok_or_else(|| FieldError::new(field, s, Reason::NoSuchDate));
        }
        _ => {}
    }
    let b = t.as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shaped {
        return Err(FieldError::new(field, s, Reason::Format(DATE_FORMAT_HINT)));
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .map_err(|_| FieldError::new(field, s, Reason::NoSuchDate))
}

/// Blank means "no date".
pub fn parse_optional_date(
    field: &'static str,
    s: &str,
    today: NaiveDate,
) -> Result<Option<NaiveDate>, FieldError> {
    if s.trim().is_empty() {
        Ok(None)
    } else {
        parse_date(field, s, today).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
    }

    #[test]
    fn words_resolve_against_the_given_today() {
        assert_eq!(parse_date("date", "today", today()), Ok(today()));
        assert_eq!(
            parse_date("date", " Yesterday ", today())
                .unwrap()
                .to_string(),
            "2026-02-28"
        );
        assert_eq!(
            parse_date("date", "昨天", today()).unwrap().to_string(),
            "2026-02-28"
        );
    }

    #[test]
    fn iso_dates_and_full_width_digits() {
        assert_eq!(
            parse_date("date", "2024-02-29", today())
                .unwrap()
                .to_string(),
            "2024-02-29"
        );
        assert_eq!(
            parse_date("date", "２０２６-０１-０２", today())
                .unwrap()
                .to_string(),
            "2026-01-02"
        );
    }

    #[test]
    fn impossible_dates_and_other_shapes_are_refused() {
        let e = parse_date("date", "2026-02-30", today()).unwrap_err();
        assert_eq!((e.field, e.reason.clone()), ("date", Reason::NoSuchDate));
        assert_eq!(
            parse_date("next", "2026-13-01", today())
                .unwrap_err()
                .reason,
            Reason::NoSuchDate
        );
        for bad in ["2026-2-3", "03/01/2026", "tomorrow", "", "2026-02-030"] {
            let e = parse_date("date", bad, today()).unwrap_err();
            assert_eq!(e.reason, Reason::Format(DATE_FORMAT_HINT), "{bad:?}");
        }
    }

    #[test]
    fn words_in_any_case_and_with_spaces() {
        for word in ["TODAY", "Today", " 今天 "] {
            assert_eq!(parse_date("date", word, today()), Ok(today()), "{word:?}");
        }
        let y = NaiveDate::from_ymd_opt(2026, 2, 28).unwrap();
        assert_eq!(parse_date("date", "YESTERDAY", today()), Ok(y));
        // Full-width hyphens too, as a Chinese input method types them.
        assert_eq!(
            parse_date("date", "２０２６－０１－０２", today()),
            Ok(NaiveDate::from_ymd_opt(2026, 1, 2).unwrap())
        );
    }

    #[test]
    fn refusals_keep_the_field_and_what_was_typed() {
        for no_such in ["2026-02-29", "2026-04-31", "2026-00-10", "2026-01-00"] {
            let e = parse_date("paid_on", no_such, today()).unwrap_err();
            assert_eq!(e, FieldError::new("paid_on", no_such, Reason::NoSuchDate));
        }
        let e = parse_date("won_on", " 1/2/2026 ", today()).unwrap_err();
        assert_eq!(
            e,
            FieldError::new("won_on", " 1/2/2026 ", Reason::Format(DATE_FORMAT_HINT))
        );
        for bad in [
            "2026-01-0a",
            "20260102",
            "２０２６年1月2日",
            "2026-01-02T00:00",
        ] {
            let e = parse_date("date", bad, today()).unwrap_err();
            assert_eq!(e.reason, Reason::Format(DATE_FORMAT_HINT), "{bad:?}");
        }
    }

    #[test]
    fn blank_is_no_date() {
        assert_eq!(parse_optional_date("next", "  ", today()), Ok(None));
        assert_eq!(parse_optional_date("next", "", today()), Ok(None));
        assert_eq!(
            parse_optional_date("next", "today", today()),
            Ok(Some(today()))
        );
        let e = parse_optional_date("next", "2026-02-30", today()).unwrap_err();
        assert_eq!((e.field, e.reason), ("next", Reason::NoSuchDate));
    }
}
