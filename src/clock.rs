//! The one source of "now". `SALESTRACK_NOW` (RFC 3339) replaces the system clock everywhere,
//! so tests and demos are reproducible (README, Files and configuration).

use chrono::{DateTime, FixedOffset, Local, NaiveDate, SecondsFormat, Utc};

pub const NOW_ENV: &str = "SALESTRACK_NOW";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    fixed: Option<DateTime<FixedOffset>>,
}

impl Clock {
    /// The system clock.
    pub fn system() -> Self {
        Clock { fixed: None }
    }

    /// A clock stopped at `at`.
    pub fn fixed(at: DateTime<FixedOffset>) -> Self {
        Clock { fixed: Some(at) }
    }

    /// Reads `SALESTRACK_NOW`; a value that is not RFC 3339 is an error naming the variable.
    /// Ignored on a team server (`guard`): there the server's clock dates every record, so a
    /// rep cannot backdate a visit.
    pub fn from_env() -> Result<Self, String> {
        if crate::guard::guarded() {
            return Ok(Clock::system());
        }
        match std::env::var(NOW_ENV) {
            Ok(v) if !v.trim().is_empty() => DateTime::parse_from_rfc3339(v.trim())
                .map(Clock::fixed)
                .map_err(|_| v),
            _ => Ok(Clock::system()),
        }
    }

    pub fn now(&self) -> DateTime<FixedOffset> {
        self.fixed.unwrap_or_else(|| Local::now().fixed_offset())
    }

    /// Today in the clock's own time zone: a salesperson in +08:00 at 01:00 means that day.
    pub fn today(&self) -> NaiveDate {
        self.now().date_naive()
    }

    /// A UTC timestamp as stored: RFC 3339 with milliseconds, so text order is time order.
    pub fn stamp(&self) -> String {
        stamp(self.now().with_timezone(&Utc))
    }

    /// The stored stamp of a moment on the clock's own calendar: a day's midnight, to
    /// compare stamps with ("since that day"), or when an imported follow-up happened.
    pub fn stamp_at(&self, date: NaiveDate, time: chrono::NaiveTime) -> String {
        let at = date.and_time(time);
        // A fixed offset has one reading of every local time.
        match at.and_local_timezone(*self.now().offset()).single() {
            Some(t) => stamp(t.to_utc()),
            None => stamp(at.and_utc()),
        }
    }
}

pub fn stamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_clock_gives_local_today_and_utc_stamp() {
        let c = Clock::fixed(DateTime::parse_from_rfc3339("2026-09-30T01:00:00+08:00").unwrap());
        assert_eq!(c.today(), NaiveDate::from_ymd_opt(2026, 9, 30).unwrap());
        assert_eq!(c.stamp(), "2026-09-29T17:00:00.000Z");
    }
}
