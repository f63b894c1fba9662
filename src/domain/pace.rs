//! How a target is going (README, Targets): completion against the share of the period gone.
//! Ahead when completion is at least 10 points above the time elapsed, behind when more than
//! 10 points below, on track between; the run-rate forecast is actual ÷ elapsed.

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Pace {
    Ahead,
    OnTrack,
    Behind,
}

impl Pace {
    pub fn of(completion: f64, elapsed: f64) -> Pace {
        // Compared in whole hundredths, so 0.1 + 0.2 style rounding cannot move a boundary.
        let c = (completion * 10_000.0).round() as i64;
        let e = (elapsed * 10_000.0).round() as i64;
        if c >= e + 1_000 {
            Pace::Ahead
        } else if c < e - 1_000 {
            Pace::Behind
        } else {
            Pace::OnTrack
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Pace::Ahead => "pace.ahead",
            Pace::OnTrack => "pace.on_track",
            Pace::Behind => "pace.behind",
        }
    }

    /// A mark that reads without colour (NO_COLOR): ▲ ahead, = on track, ▼ behind.
    pub fn letter(self) -> char {
        match self {
            Pace::Ahead => '▲',
            Pace::OnTrack => '=',
            Pace::Behind => '▼',
        }
    }
}

/// Where a target stands: its pace while the period runs; once it is over, whether it was
/// met. "Ahead" means nothing of a quarter that has ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    Running(Pace),
    Achieved,
    Missed,
}

impl Standing {
    /// `finished`: the period's last day has passed.
    pub fn of(completion: f64, elapsed: f64, finished: bool) -> Standing {
        match finished {
            true if completion >= 1.0 => Standing::Achieved,
            true => Standing::Missed,
            false => Standing::Running(Pace::of(completion, elapsed)),
        }
    }

    /// As `--json` writes it: `ahead`, `on_track`, `behind`, `achieved`, `missed`.
    pub fn code(self) -> &'static str {
        self.label_key().trim_start_matches("pace.")
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Standing::Running(p) => p.label_key(),
            Standing::Achieved => "pace.achieved",
            Standing::Missed => "pace.missed",
        }
    }

    /// A mark that reads without colour: ✓ met, ✗ missed, else the pace's.
    pub fn letter(self) -> char {
        match self {
            Standing::Running(p) => p.letter(),
            Standing::Achieved => '✓',
            Standing::Missed => '✗',
        }
    }

    /// Worth a manager's attention: behind pace, or missed.
    pub fn is_short(self) -> bool {
        matches!(self, Standing::Running(Pace::Behind) | Standing::Missed)
    }
}

/// Completion as a fraction; none for a target of 0.
pub fn completion(actual: i64, value: i64) -> Option<f64> {
    (value > 0).then(|| actual as f64 / value as f64)
}

/// The run-rate forecast for the whole period; none before it starts.
pub fn forecast(actual: i64, elapsed: f64) -> Option<f64> {
    (elapsed > 0.0).then(|| actual as f64 / elapsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_finished_period_is_achieved_or_missed_not_ahead() {
        assert_eq!(Standing::of(1.3, 1.0, true), Standing::Achieved);
        assert_eq!(Standing::of(1.0, 1.0, true), Standing::Achieved);
        assert_eq!(Standing::of(0.99, 1.0, true), Standing::Missed);
        assert_eq!(
            Standing::of(1.3, 1.0, false),
            Standing::Running(Pace::Ahead)
        );
        assert!(Standing::Missed.is_short() && !Standing::Achieved.is_short());
        assert_eq!(Standing::Achieved.letter(), '✓');
    }

    #[test]
    fn pace_at_the_boundaries() {
        assert_eq!(Pace::of(0.60, 0.50), Pace::Ahead, "exactly 10 points ahead");
        assert_eq!(Pace::of(0.5999, 0.50), Pace::OnTrack);
        assert_eq!(
            Pace::of(0.40, 0.50),
            Pace::OnTrack,
            "exactly 10 points behind is on track"
        );
        assert_eq!(Pace::of(0.3999, 0.50), Pace::Behind);
        assert_eq!(
            Pace::of(0.0, 0.0),
            Pace::OnTrack,
            "nothing done before it starts"
        );
        assert_eq!(Pace::of(1.0, 1.0), Pace::OnTrack);
        assert_eq!(
            Pace::of(0.85, 1.0),
            Pace::Behind,
            "a past period short of its target"
        );
    }

    #[test]
    fn completion_and_forecast() {
        assert_eq!(completion(80, 100), Some(0.8));
        assert_eq!(completion(5, 0), None);
        assert_eq!(forecast(300, 0.25), Some(1_200.0));
        assert_eq!(forecast(300, 0.0), None);
        assert_eq!(
            forecast(300, 1.0),
            Some(300.0),
            "a past period forecasts its actual"
        );
    }
}
