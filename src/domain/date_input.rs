//! Dates as people type them: `YYYY-MM-DD`, `today`, `yesterday` (the data model (src/store/schema/migrations/0001_schema.sql)). "Today" is the
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

/// The earliest date any record may carry: older history is a typing mistake.
pub const EARLIEST: NaiveDate = match NaiveDate::from_ymd_opt(1970, 1, 1) {
    Some(d) => d,
    None => panic!("1970-01-01"),
};

/// How far ahead a plan (a follow-up, a deal's opening) may be dated.
pub const HORIZON_YEARS: i32 = 5;

/// The latest date a plan may carry.
pub fn horizon(today: NaiveDate) -> NaiveDate {
    today
        .checked_add_months(chrono::Months::new(12 * HORIZON_YEARS as u32))
        .unwrap_or(NaiveDate::MAX)
}

fn within(
    field: &'static str,
    d: NaiveDate,
    earliest: NaiveDate,
    latest: NaiveDate,
) -> Result<NaiveDate, FieldError> {
    if d > latest {
        Err(FieldError::new(field, d.to_string(), Reason::After(latest)))
    } else if d < earliest {
        Err(FieldError::new(
            field,
            d.to_string(),
            Reason::Before(earliest),
        ))
    } else {
        Ok(d)
    }
}

/// Something that has happened (a visit, a win, a payment): not after today. A visit dated
/// 9999 would shield its customer from the pool and count as logged on time forever.
pub fn happened(
    field: &'static str,
    d: NaiveDate,
    today: NaiveDate,
) -> Result<NaiveDate, FieldError> {
    within(field, d, EARLIEST, today)
}

/// A plan (a follow-up, a deal's opening): within `HORIZON_YEARS` of today.
pub fn planned(
    field: &'static str,
    d: NaiveDate,
    today: NaiveDate,
) -> Result<NaiveDate, FieldError> {
    within(field, d, EARLIEST, horizon(today))
}

/// A visit's next follow-up: not before the visit, not beyond the horizon.
pub fn follow_up(
    field: &'static str,
    next: NaiveDate,
    visit: NaiveDate,
    today: NaiveDate,
) -> Result<NaiveDate, FieldError> {
    within(field, next, visit, horizon(today))
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

#[cfg(test)]
mod bounds {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn what_happened_is_not_after_today_nor_before_1970() {
        let today = d("2026-12-01");
        assert_eq!(happened("date", today, today), Ok(today));
        let e = happened("date", d("9999-12-31"), today).unwrap_err();
        assert_eq!(e.reason, Reason::After(today));
        let e = happened("date", d("1969-12-31"), today).unwrap_err();
        assert_eq!(e.reason, Reason::Before(EARLIEST));
    }

    #[test]
    fn plans_reach_five_years_and_follow_ups_start_at_their_visit() {
        let today = d("2024-02-29");
        assert_eq!(horizon(today), d("2029-02-28"));
        assert!(planned("next", d("2029-02-28"), today).is_ok());
        assert!(planned("next", d("2029-03-01"), today).is_err());
        let e = follow_up("next", d("2024-02-27"), d("2024-02-28"), today).unwrap_err();
        assert_eq!(e.reason, Reason::Before(d("2024-02-28")));
        assert!(follow_up("next", d("2024-02-28"), d("2024-02-28"), today).is_ok());
    }
}
