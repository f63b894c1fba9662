//! Periods: a year (`2026`), a quarter (`2026-Q3`) or a month (`2026-11`), each a closed range
//! of days. Targets, metrics and scorecards are all "for a period".

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use unicode_normalization::UnicodeNormalization;

use crate::domain::{FieldError, Reason};

pub const PERIOD_FORM: &str = "2026, 2026-Q3 or 2026-11";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Period {
    Year(i32),
    /// Year and quarter 1..=4.
    Quarter(i32, u8),
    /// Year and month 1..=12.
    Month(i32, u8),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Granularity {
    Year,
    Quarter,
    Month,
}

impl Period {
    pub fn of(g: Granularity, day: NaiveDate) -> Period {
        match g {
            Granularity::Year => Period::Year(day.year()),
            Granularity::Quarter => Period::Quarter(day.year(), (day.month0() / 3 + 1) as u8),
            Granularity::Month => Period::Month(day.year(), day.month() as u8),
        }
    }

    pub fn year_of(day: NaiveDate) -> Period {
        Period::of(Granularity::Year, day)
    }

    pub fn quarter_of(day: NaiveDate) -> Period {
        Period::of(Granularity::Quarter, day)
    }

    pub fn month_of(day: NaiveDate) -> Period {
        Period::of(Granularity::Month, day)
    }

    pub fn granularity(self) -> Granularity {
        match self {
            Period::Year(_) => Granularity::Year,
            Period::Quarter(..) => Granularity::Quarter,
            Period::Month(..) => Granularity::Month,
        }
    }

    pub fn year(self) -> i32 {
        match self {
            Period::Year(y) | Period::Quarter(y, _) | Period::Month(y, _) => y,
        }
    }

    /// The first and last months (1..=12) of the period.
    fn month_range(self) -> (u32, u32) {
        match self {
            Period::Year(_) => (1, 12),
            Period::Quarter(_, q) => (u32::from(q) * 3 - 2, u32::from(q) * 3),
            Period::Month(_, m) => (u32::from(m), u32::from(m)),
        }
    }

    pub fn first_day(self) -> NaiveDate {
        let (first, _) = self.month_range();
        NaiveDate::from_ymd_opt(self.year(), first, 1).expect("periods hold valid months")
    }

    pub fn last_day(self) -> NaiveDate {
        let (_, last) = self.month_range();
        let (y, m) = if last == 12 {
            (self.year() + 1, 1)
        } else {
            (self.year(), last + 1)
        };
        NaiveDate::from_ymd_opt(y, m, 1)
            .and_then(|d| d.pred_opt())
            .expect("periods hold valid months")
    }

    pub fn days(self) -> i64 {
        (self.last_day() - self.first_day()).num_days() + 1
    }

    pub fn contains(self, day: NaiveDate) -> bool {
        self.first_day() <= day && day <= self.last_day()
    }

    /// The period before, of the same kind: 2026-Q1 → 2025-Q4, 2026-01 → 2025-12.
    pub fn previous(self) -> Period {
        Period::of(
            self.granularity(),
            self.first_day().pred_opt().unwrap_or(NaiveDate::MIN),
        )
    }

    pub fn next(self) -> Period {
        Period::of(
            self.granularity(),
            self.last_day().succ_opt().unwrap_or(NaiveDate::MAX),
        )
    }

    pub fn same_last_year(self) -> Period {
        match self {
            Period::Year(y) => Period::Year(y - 1),
            Period::Quarter(y, q) => Period::Quarter(y - 1, q),
            Period::Month(y, m) => Period::Month(y - 1, m),
        }
    }

    /// A year's four quarters; nothing for a quarter or a month.
    pub fn quarters(self) -> Vec<Period> {
        match self {
            Period::Year(y) => (1..=4).map(|q| Period::Quarter(y, q)).collect(),
            _ => Vec::new(),
        }
    }

    /// A year's twelve months or a quarter's three; nothing for a month.
    pub fn months(self) -> Vec<Period> {
        match self {
            Period::Month(..) => Vec::new(),
            _ => {
                let (first, last) = self.month_range();
                (first..=last)
                    .map(|m| Period::Month(self.year(), m as u8))
                    .collect()
            }
        }
    }

    /// The share of the period's days gone by `today`, counting today: 0 before, 1 after.
    pub fn elapsed_share(self, today: NaiveDate) -> f64 {
        if today < self.first_day() {
            0.0
        } else if today >= self.last_day() {
            1.0
        } else {
            ((today - self.first_day()).num_days() + 1) as f64 / self.days() as f64
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Year(y) => write!(f, "{y}"),
            Period::Quarter(y, q) => write!(f, "{y}-Q{q}"),
            Period::Month(y, m) => write!(f, "{y}-{m:02}"),
        }
    }
}

impl FromStr for Period {
    type Err = FieldError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let refuse = || FieldError::new("period", s, Reason::Format(PERIOD_FORM));
        // NFKC so that a Chinese input method's full-width `２０２６－Ｑ３` reads like dates do.
        let norm: String = s.nfkc().collect();
        let t = norm.trim();
        let digits = |x: &str, n: usize| x.len() == n && x.chars().all(|c| c.is_ascii_digit());
        let (y, rest) = match t.split_once('-') {
            Some((y, r)) => (y, Some(r)),
            None => (t, None),
        };
        if !digits(y, 4) {
            return Err(refuse());
        }
        let year: i32 = y.parse().map_err(|_| refuse())?;
        if year < 1900 {
            return Err(refuse());
        }
        match rest {
            None => Ok(Period::Year(year)),
            Some(r) if r.len() == 2 && (r.starts_with('Q') || r.starts_with('q')) => {
                match r.as_bytes()[1] {
                    q @ b'1'..=b'4' => Ok(Period::Quarter(year, q - b'0')),
                    _ => Err(refuse()),
                }
            }
            Some(r) if digits(r, 2) => match r.parse::<u8>() {
                Ok(m @ 1..=12) => Ok(Period::Month(year, m)),
                _ => Err(refuse()),
            },
            Some(_) => Err(refuse()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn p(s: &str) -> Period {
        s.parse().unwrap()
    }

    #[test]
    fn parses_and_prints_the_three_forms() {
        assert_eq!(p("2026"), Period::Year(2026));
        assert_eq!(p("2026-Q3"), Period::Quarter(2026, 3));
        assert_eq!(p("2026-q3"), Period::Quarter(2026, 3));
        assert_eq!(p("2026-11"), Period::Month(2026, 11));
        for s in ["2026", "2026-Q3", "2026-01"] {
            assert_eq!(p(s).to_string(), s);
        }
        // Lower case, spaces and full-width input print in the canonical form.
        assert_eq!(p(" 2026-q4 ").to_string(), "2026-Q4");
        assert_eq!(p("２０２６－Ｑ３"), Period::Quarter(2026, 3));
        assert_eq!(p("1900"), Period::Year(1900));
        assert_eq!(p("9999-12"), Period::Month(9999, 12));
    }

    #[test]
    fn refuses_other_shapes_with_the_form() {
        for bad in [
            "26",
            "2026-1",
            "2026-13",
            "2026-00",
            "2026-Q5",
            "2026-Q0",
            "Q3",
            "",
            "2026-",
            "1899",
            "10000",
            "2026-Q",
            "2026-Q12",
            "2026-012",
            "2026-11-01",
            "+026",
            "2026 Q3",
        ] {
            let e = bad.parse::<Period>().unwrap_err();
            assert_eq!(
                (e.field, e.reason),
                ("period", Reason::Format(PERIOD_FORM)),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn first_and_last_days() {
        assert_eq!(p("2024-Q1").first_day(), d(2024, 1, 1));
        assert_eq!(p("2024-Q1").last_day(), d(2024, 3, 31));
        assert_eq!(p("2024-02").last_day(), d(2024, 2, 29));
        assert_eq!(p("2026-02").last_day(), d(2026, 2, 28));
        assert_eq!(p("2026").last_day(), d(2026, 12, 31));
        assert_eq!(p("2026-Q4").days(), 92);
        assert_eq!(p("2024").days(), 366);
        assert_eq!(p("2024-02").days(), 29);
        assert_eq!(p("2026-Q1").days(), 90);
        assert_eq!(p("2026-Q3").first_day(), d(2026, 7, 1));
        assert!(p("2026-Q3").contains(d(2026, 9, 30)));
        assert!(!p("2026-Q3").contains(d(2026, 10, 1)));
    }

    #[test]
    fn stepping_and_children() {
        assert_eq!(p("2026-01").previous(), p("2025-12"));
        assert_eq!(p("2026-Q1").previous(), p("2025-Q4"));
        assert_eq!(p("2026").next(), p("2027"));
        assert_eq!(p("2025-12").next(), p("2026-01"));
        assert_eq!(p("2026-Q3").same_last_year(), p("2025-Q3"));
        assert_eq!(p("2026").quarters().len(), 4);
        assert_eq!(p("2026").months().len(), 12);
        assert_eq!(
            p("2026-Q2").months(),
            vec![p("2026-04"), p("2026-05"), p("2026-06")]
        );
        assert!(p("2026-05").months().is_empty());
        assert_eq!(p("2026-Q4").next(), p("2027-Q1"));
        assert_eq!(p("2026").previous(), p("2025"));
        assert_eq!(p("2024-03").same_last_year(), p("2023-03"));
        assert_eq!(p("2026").quarters()[2], p("2026-Q3"));
        assert!(p("2026-Q1").quarters().is_empty() && p("2026-01").quarters().is_empty());
        assert_eq!(p("2026").months()[11], p("2026-12"));
        assert_eq!(Period::quarter_of(d(2026, 11, 24)), p("2026-Q4"));
        assert_eq!(Period::quarter_of(d(2026, 3, 31)), p("2026-Q1"));
        assert_eq!(Period::month_of(d(2026, 11, 24)), p("2026-11"));
        assert_eq!(Period::year_of(d(2026, 11, 24)), p("2026"));
        assert_eq!(
            Period::of(Granularity::Quarter, d(2026, 4, 1)),
            p("2026-Q2")
        );
        assert_eq!(p("2026-Q2").granularity(), Granularity::Quarter);
        assert_eq!(p("2026-05").year(), 2026);
    }

    #[test]
    fn elapsed_share_at_the_boundaries() {
        let q = p("2026-Q3");
        assert_eq!(q.elapsed_share(d(2026, 6, 30)), 0.0);
        assert_eq!(q.elapsed_share(d(2026, 7, 1)), 1.0 / 92.0);
        assert_eq!(q.elapsed_share(d(2026, 8, 15)), 46.0 / 92.0);
        assert_eq!(q.elapsed_share(d(2026, 9, 29)), 91.0 / 92.0);
        assert_eq!(q.elapsed_share(d(2026, 9, 30)), 1.0);
        assert_eq!(q.elapsed_share(d(2027, 1, 1)), 1.0);
    }
}
