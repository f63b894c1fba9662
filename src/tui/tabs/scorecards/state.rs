//! The Scorecards tab's state (README, The TUI: tab 5): a row per rep for a month, quarter or
//! year (every KPI's score, the total, grade, rank, the over-achiever mark and a trend); the
//! detail explains each row.

use chrono::NaiveDate;

use crate::domain::{Granularity, Period};
use crate::store::kpi::scorecards::Scorecard;

/// What the open form will do when saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    /// Rate this login for this period.
    Rate(String, Period),
    /// Answer my rating for this period.
    Respond(Period),
    /// The template (its name) to save as the one from this period on.
    Template(String, Period),
}

#[derive(Debug, Clone, Default)]
pub struct ScorecardsTab {
    pub period: Option<Period>,
    pub cards: Vec<Scorecard>,
    pub row: usize,
    /// The selected card's rows explained, instead of the list.
    pub detail: bool,
    /// Cards are being read for the period shown (the old ones stay until they come).
    pub loading: bool,
    /// The number of the latest read asked for: an older one's result is dropped.
    pub ticket: u64,
    /// The template scoring the period (its name is in the title).
    pub template: String,
    /// Why there are no cards (a login that is not a rep).
    pub refused: Option<String>,
    /// What the open form is for.
    pub purpose: Option<Purpose>,
    pub stale: bool,
}

impl ScorecardsTab {
    pub fn new() -> ScorecardsTab {
        ScorecardsTab {
            stale: true,
            ..ScorecardsTab::default()
        }
    }

    /// The period the tab shows: the current quarter until another is chosen.
    pub fn shown_period(&self, today: NaiveDate) -> Period {
        self.period.unwrap_or_else(|| Period::quarter_of(today))
    }

    pub fn selected(&self) -> Option<&Scorecard> {
        self.cards.get(self.row)
    }
}

/// Month → quarter → year → month, keeping the day the period starts on in view.
pub fn next_granularity(p: Period, today: NaiveDate) -> Period {
    let day = if p.contains(today) {
        today
    } else {
        p.first_day()
    };
    match p.granularity() {
        Granularity::Month => Period::quarter_of(day),
        Granularity::Quarter => Period::year_of(day),
        Granularity::Year => Period::month_of(day),
    }
}
