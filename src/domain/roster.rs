//! Who was on which team, and employed, on a given day (README, People). Each rep's history is
//! a list of states, each holding from its day until the next: a move to another team, a
//! departure, a return. Scorecards and team targets read a period's team from here, so a rep
//! moved mid-quarter counts for the old team in the months before the move and for the new
//! one from the month of the move on.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::domain::Period;

/// What a rep was from `since` until the next state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    pub since: NaiveDate,
    pub team: String,
    pub employed: bool,
}

/// One rep's states, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Timeline(Vec<State>);

impl Timeline {
    /// Sorts the states by day; of two on one day, the later in `states` stands. A
    /// departure keeps the team the rep was on before it, whatever team its row names: it
    /// may have been written on another copy that had not yet seen a move.
    pub fn new(mut states: Vec<State>) -> Timeline {
        states.sort_by_key(|s| s.since);
        let mut kept: Vec<State> = Vec::with_capacity(states.len());
        for mut s in states {
            if !s.employed {
                if let Some(before) = kept.iter().rev().find(|k| k.since < s.since) {
                    s.team = before.team.clone();
                }
            }
            match kept.last_mut() {
                Some(last) if last.since == s.since => *last = s,
                _ => kept.push(s),
            }
        }
        Timeline(kept)
    }

    pub fn states(&self) -> &[State] {
        &self.0
    }

    /// The state holding on `day`; before the first state, the first (work logged before a
    /// rep's recorded joining belongs to the team they joined).
    fn on(&self, day: NaiveDate) -> Option<&State> {
        self.0
            .iter()
            .rev()
            .find(|s| s.since <= day)
            .or_else(|| self.0.first())
    }

    /// The team credited with the rep's work on `day`.
    pub fn team_on(&self, day: NaiveDate) -> Option<&str> {
        self.on(day).map(|s| s.team.as_str())
    }

    /// The team a period's work is credited to: the team on its last day (a move counts
    /// from the month it is dated in).
    pub fn team_in(&self, period: Period) -> Option<&str> {
        self.team_on(period.last_day())
    }

    /// Whether the rep was employed on any day of `period`.
    pub fn employed_in(&self, period: Period) -> bool {
        let (first, last) = (period.first_day(), period.last_day());
        let at_start = self.0.iter().rev().find(|s| s.since <= first);
        at_start.is_some_and(|s| s.employed)
            || self
                .0
                .iter()
                .any(|s| s.employed && s.since > first && s.since <= last)
    }

    /// The last day the rep was employed before `day`, if they are not employed on it.
    pub fn left_before(&self, day: NaiveDate) -> Option<NaiveDate> {
        match self.on(day) {
            Some(s) if !s.employed && s.since <= day => s.since.pred_opt(),
            _ => None,
        }
    }
}

/// Every rep's timeline, by rep id.
#[derive(Debug, Clone, Default)]
pub struct Roster(pub HashMap<String, Timeline>);

impl Roster {
    pub fn of(&self, rep_id: &str) -> Option<&Timeline> {
        self.0.get(rep_id)
    }

    /// The team `rep_id`'s work in `period` counts for.
    pub fn team_in(&self, rep_id: &str, period: Period) -> Option<&str> {
        self.of(rep_id).and_then(|t| t.team_in(period))
    }

    /// The months of `period` (the period itself when it is a month).
    pub fn months(period: Period) -> Vec<Period> {
        match period {
            Period::Month(..) => vec![period],
            _ => period.months(),
        }
    }

    /// For each rep whose work in some month of `period` counts for `team`: which of the
    /// months do, and whether that is every month of the period.
    pub fn members(&self, team: &str, period: Period) -> Vec<(&str, Vec<Period>, bool)> {
        let months = Roster::months(period);
        let mut out: Vec<_> = self
            .0
            .iter()
            .filter_map(|(rep, t)| {
                let mine: Vec<Period> = months
                    .iter()
                    .copied()
                    .filter(|m| t.team_in(*m) == Some(team))
                    .collect();
                let whole = mine.len() == months.len();
                (!mine.is_empty()).then_some((rep.as_str(), mine, whole))
            })
            .collect();
        out.sort_by(|a, b| a.0.cmp(b.0));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn st(since: &str, team: &str, employed: bool) -> State {
        State {
            since: d(since),
            team: team.into(),
            employed,
        }
    }

    #[test]
    fn a_move_counts_from_the_month_it_is_dated_in() {
        let t = Timeline::new(vec![
            st("2026-01-10", "east", true),
            st("2026-02-15", "west", true),
        ]);
        assert_eq!(t.team_in(Period::Month(2026, 1)), Some("east"));
        assert_eq!(t.team_in(Period::Month(2026, 2)), Some("west"));
        assert_eq!(t.team_in(Period::Quarter(2026, 1)), Some("west"));
        // Before joining: the team joined.
        assert_eq!(t.team_on(d("2025-06-01")), Some("east"));
        let r = Roster([("r1".to_string(), t)].into_iter().collect());
        assert_eq!(
            r.members("east", Period::Quarter(2026, 1)),
            vec![("r1", vec![Period::Month(2026, 1)], false)]
        );
        assert_eq!(
            r.members("west", Period::Quarter(2026, 1)),
            vec![(
                "r1",
                vec![Period::Month(2026, 2), Period::Month(2026, 3)],
                false
            )]
        );
        assert!(r.members("west", Period::Month(2026, 3))[0].2);
    }

    #[test]
    fn employment_has_gaps_after_a_departure_until_a_return() {
        let t = Timeline::new(vec![
            st("2025-03-01", "east", true),
            st("2025-07-01", "east", false),
            st("2026-02-01", "east", true),
        ]);
        assert!(t.employed_in(Period::Month(2025, 6)));
        assert!(!t.employed_in(Period::Month(2025, 9)));
        assert!(!t.employed_in(Period::Month(2025, 2)), "before joining");
        assert!(t.employed_in(Period::Quarter(2026, 1)), "back in February");
        assert!(!t.employed_in(Period::Quarter(2025, 3)));
        assert_eq!(t.left_before(d("2025-09-01")), Some(d("2025-06-30")));
        assert_eq!(t.left_before(d("2026-03-01")), None);
    }

    #[test]
    fn a_departure_keeps_the_team_before_it() {
        let t = Timeline::new(vec![
            st("2026-01-01", "east", true),
            st("2026-09-01", "north", true),
            st("2026-09-30", "east", false),
        ]);
        assert_eq!(t.team_in(Period::Month(2026, 9)), Some("north"));
        assert_eq!(t.team_on(d("2026-12-01")), Some("north"));
    }

    #[test]
    fn of_two_states_on_one_day_the_later_stands() {
        let t = Timeline::new(vec![
            st("2026-01-01", "east", true),
            st("2026-01-01", "west", true),
        ]);
        assert_eq!(t.states().len(), 1);
        assert_eq!(t.team_on(d("2026-01-02")), Some("west"));
    }
}
