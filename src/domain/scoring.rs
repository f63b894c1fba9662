//! Scoring a rep against a template (README, Scorecards (KPI)), row by row, so that every number on a
//! scorecard can be explained: the actual, the goal and where it came from, the achievement,
//! the weight and the score — or why the row does not apply.

use std::collections::HashMap;

use crate::domain::kpi::{Direction, KpiKey, Unit};
use crate::domain::tally::{ExpenseRate, Tally};
use crate::domain::template::{Goal, KpiRow, Template};
use crate::domain::{Metric, Period};

code_enum! {
    /// The grade of a total: excellent ≥ 90, good ≥ 70, pass ≥ 40, fail below.
    ScoreGrade, field = "grade", label = "score_grade", default = Fail,
    { Excellent => "excellent" / "优秀", Good => "good" / "良好", Pass => "pass" / "合格", Fail => "fail" / "不合格" }
}

impl ScoreGrade {
    pub fn of(total: f64) -> ScoreGrade {
        if total >= 90.0 {
            ScoreGrade::Excellent
        } else if total >= 70.0 {
            ScoreGrade::Good
        } else if total >= 40.0 {
            ScoreGrade::Pass
        } else {
            ScoreGrade::Fail
        }
    }
}

/// A manager's three 1–5 marks for a rep and a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marks {
    pub attitude: u8,
    pub knowledge: u8,
    pub teamwork: u8,
}

/// What a rep did in a period, and what they were asked to do.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    pub tally: Tally,
    pub marks: Option<Marks>,
    /// The rep's targets for the period (cents for money, counts otherwise).
    pub targets: HashMap<Metric, i64>,
}

/// Why a row scores nothing and leaves the total.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotApplicable {
    /// The goal is the rep's target, and there is none for this period.
    NoTarget,
    /// The actual cannot be computed (no deals won, no visits written, not rated…).
    NoActual,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RowScore {
    pub key: KpiKey,
    pub weight: f64,
    pub direction: Direction,
    pub cap: f64,
    pub goal_from: Goal,
    /// In the key's unit (currency units, a count, a fraction, days, a 1–5 mark);
    /// `f64::INFINITY` for an expense rate with expenses and no sales. None when n/a.
    pub actual: Option<f64>,
    pub goal: Option<f64>,
    pub achievement: Option<f64>,
    /// weight × min(achievement, cap); None when the row does not apply.
    pub score: Option<f64>,
    pub not_applicable: Option<NotApplicable>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    pub rows: Vec<RowScore>,
    /// Σ scores ÷ Σ weights of the rows that apply × 100, to two decimals; 0 when none do.
    pub total: f64,
    pub grade: ScoreGrade,
}

impl Score {
    /// No row applied: the total is 0 for want of anything to score.
    pub fn is_empty(&self) -> bool {
        self.rows.iter().all(|r| r.score.is_none())
    }

    /// More than half of the template's weight is n/a: the total stands on too little to
    /// be compared (a manager given one target would rank first with 100). Such a card is
    /// ranked after the complete ones of its team.
    pub fn incomplete(&self) -> bool {
        let all: f64 = self.rows.iter().map(|r| r.weight).sum();
        let skipped: f64 = self
            .rows
            .iter()
            .filter(|r| r.score.is_none())
            .map(|r| r.weight)
            .sum();
        all > 0.0 && skipped * 2.0 > all
    }
}

impl Inputs {
    /// The same inputs judged against the share of the period gone: every target scaled by
    /// `elapsed` (0–1), so a month on its 10th is measured against a third of its targets.
    /// Fixed goals (rates, days, marks) do not scale.
    pub fn paced(&self, elapsed: f64) -> Inputs {
        let share = elapsed.clamp(0.0, 1.0);
        Inputs {
            tally: self.tally,
            marks: self.marks,
            targets: self
                .targets
                .iter()
                .map(|(m, v)| (*m, (*v as f64 * share).round() as i64))
                .collect(),
        }
    }
}

impl Inputs {
    /// The actual of a key in its unit; None when n/a.
    pub fn actual(&self, key: KpiKey) -> Option<f64> {
        let t = &self.tally;
        let money = |cents: i64| Some(cents as f64 / 100.0);
        let mark = |f: fn(&Marks) -> u8| self.marks.as_ref().map(|m| f64::from(f(m)));
        match key {
            KpiKey::Sales => money(t.sales_cents),
            KpiKey::GrossProfit => money(t.gross_profit().cents()),
            KpiKey::Collected => money(t.collected_cents),
            KpiKey::CollectionRate => t.collection_rate(),
            KpiKey::NewCustomers => Some(t.new_customers as f64),
            KpiKey::Visits => Some(t.visits() as f64),
            KpiKey::VisitTimeliness => t.visit_timeliness(),
            KpiKey::ExpenseRate => match t.expense_rate() {
                ExpenseRate::NotApplicable => None,
                ExpenseRate::Unbounded => Some(f64::INFINITY),
                ExpenseRate::Rate(r) => Some(r),
            },
            KpiKey::SalesCycle => t.sales_cycle(),
            KpiKey::Attitude => mark(|m| m.attitude),
            KpiKey::Knowledge => mark(|m| m.knowledge),
            KpiKey::Teamwork => mark(|m| m.teamwork),
        }
    }

    /// The goal of a row in its key's unit; None when it is a target the rep does not have.
    pub fn goal(&self, row: &KpiRow) -> Option<f64> {
        match row.goal {
            Goal::Rating => Some(5.0),
            Goal::Fixed(v) => Some(v),
            Goal::Target => {
                let metric = row.key.metric()?;
                let value = *self.targets.get(&metric)?;
                Some(if metric.is_money() {
                    value as f64 / 100.0
                } else {
                    value as f64
                })
            }
        }
    }
}

/// How far an actual went toward its goal, before the cap. Never below 0 (a loss-making
/// gross profit earns nothing, it does not take points away).
pub fn achievement(row: &KpiRow, actual: f64, goal: f64) -> f64 {
    let a = if row.key.unit() == Unit::Rating {
        actual / 5.0
    } else {
        match row.direction {
            // A goal of nothing is met.
            Direction::Higher if goal == 0.0 => 1.0,
            Direction::Higher => actual / goal,
            // Spending nothing (or taking no time) is as good as it gets; an unbounded rate
            // (expenses with no sales) earns nothing.
            Direction::Lower if actual == 0.0 => 1.0,
            Direction::Lower => goal / actual,
        }
    };
    if a.is_nan() { 0.0 } else { a.max(0.0) }
}

pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

pub fn score(template: &Template, inputs: &Inputs) -> Score {
    let rows: Vec<RowScore> = template
        .rows
        .iter()
        .map(|row| {
            let actual = inputs.actual(row.key);
            let goal = inputs.goal(row);
            let not_applicable = match (goal, actual) {
                (None, _) => Some(NotApplicable::NoTarget),
                (_, None) => Some(NotApplicable::NoActual),
                _ => None,
            };
            let achievement = actual.zip(goal).map(|(a, g)| achievement(row, a, g));
            RowScore {
                key: row.key,
                weight: row.weight,
                direction: row.direction,
                cap: row.cap,
                goal_from: row.goal,
                actual,
                goal,
                achievement,
                score: achievement.map(|a| row.weight * a.min(row.cap)),
                not_applicable,
            }
        })
        .collect();
    let (scored, weights) = rows
        .iter()
        .filter_map(|r| r.score.map(|s| (s, r.weight)))
        .fold((0.0, 0.0), |(s, w), (rs, rw)| (s + rs, w + rw));
    let total = if weights > 0.0 {
        round2(scored / weights * 100.0)
    } else {
        0.0
    };
    Score {
        rows,
        total,
        grade: ScoreGrade::of(total),
    }
}

/// Competition ranks of totals, highest first: equal totals share a rank and the next rank
/// skips (90, 80, 80, 70 → 1, 2, 2, 4).
pub fn ranks(totals: &[f64]) -> Vec<u32> {
    let all: Vec<(bool, f64)> = totals.iter().map(|t| (false, *t)).collect();
    ranks_complete_first(&all)
}

/// Competition ranks of (incomplete, total): every complete card before every incomplete
/// one, each by total.
pub fn ranks_complete_first(cards: &[(bool, f64)]) -> Vec<u32> {
    let better = |o: &(bool, f64), me: &(bool, f64)| (!o.0 && me.0) || (o.0 == me.0 && o.1 > me.1);
    cards
        .iter()
        .map(|me| 1 + cards.iter().filter(|o| better(o, me)).count() as u32)
        .collect()
}

/// The three quarters a consistent over-achiever is judged on: the last three that have
/// ended by the last day of `period`, newest first.
pub fn judged_quarters(period: Period) -> [Period; 3] {
    let mut q = Period::quarter_of(period.last_day());
    if q.last_day() > period.last_day() {
        q = q.previous();
    }
    [q, q.previous(), q.previous().previous()]
}

/// Sales completion ≥ 100 % in each of the judged quarters (a quarter without a target
/// does not count as achieved).
pub fn consistent_over_achiever(completions: &[Option<f64>; 3]) -> bool {
    completions.iter().all(|c| c.is_some_and(|c| c >= 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn template(rows: &str) -> Template {
        Template::parse(&format!("name = \"t\"\neffective_from = \"2026\"\n{rows}")).unwrap()
    }

    fn sales_row(weight: u32, cap: f64) -> String {
        format!("[[kpi]]\nkey = \"sales\"\nweight = {weight}\ngoal = \"target\"\ncap = {cap}\n")
    }

    fn with_sales(actual_cents: i64, target_cents: Option<i64>) -> Inputs {
        let mut i = Inputs {
            tally: Tally {
                sales_cents: actual_cents,
                won_count: 1,
                ..Tally::default()
            },
            ..Inputs::default()
        };
        if let Some(t) = target_cents {
            i.targets.insert(Metric::Sales, t);
        }
        i
    }

    #[test]
    fn higher_is_better_is_actual_over_goal_capped() {
        let t = template(&sales_row(35, 1.0));
        // 80 000 of 100 000: 0.8 × 35 = 28 of 35 → 80.00
        let s = score(&t, &with_sales(8_000_000, Some(10_000_000)));
        assert_eq!(s.rows[0].achievement, Some(0.8));
        assert_eq!(s.rows[0].score, Some(28.0));
        assert_eq!((s.total, s.grade), (80.0, ScoreGrade::Good));
        // 150 000 of 100 000: achievement 1.5, capped at 1.0 → 35 of 35 → 100
        let s = score(&t, &with_sales(15_000_000, Some(10_000_000)));
        assert_eq!(s.rows[0].achievement, Some(1.5));
        assert_eq!((s.rows[0].score, s.total), (Some(35.0), 100.0));
        // The same with a cap of 1.2: 35 × 1.2 = 42 of 35 → 120
        let s = score(
            &template(&sales_row(35, 1.2)),
            &with_sales(15_000_000, Some(10_000_000)),
        );
        assert_eq!((s.rows[0].score, s.total), (Some(42.0), 120.0));
    }

    #[test]
    fn a_missing_target_leaves_the_total_with_its_weight() {
        let rows = format!(
            "{}[[kpi]]\nkey = \"visits\"\nweight = 10\ngoal = \"target\"\n[[kpi]]\nkey = \"attitude\"\nweight = 5\ngoal = \"rating\"\n",
            sales_row(35, 1.0)
        );
        let t = template(&rows);
        let mut i = with_sales(5_000_000, Some(10_000_000));
        i.tally.written = 12;
        i.marks = Some(Marks {
            attitude: 4,
            knowledge: 3,
            teamwork: 5,
        });
        // sales 0.5 × 35 = 17.5; visits: no target → n/a; attitude 4/5 × 5 = 4.
        // total = (17.5 + 4) / (35 + 5) × 100 = 53.75
        let s = score(&t, &i);
        assert_eq!(s.rows[1].not_applicable, Some(NotApplicable::NoTarget));
        assert_eq!(s.rows[1].score, None);
        assert_eq!(s.rows[1].actual, Some(12.0));
        assert_eq!(s.rows[2].score, Some(4.0));
        assert_eq!((s.total, s.grade), (53.75, ScoreGrade::Pass));
        // Not rated: the rating row leaves too → 17.5 / 35 = 50.00
        i.marks = None;
        let s = score(&t, &i);
        assert_eq!(s.rows[2].not_applicable, Some(NotApplicable::NoActual));
        assert_eq!(s.total, 50.0);
    }

    #[test]
    fn lower_is_better_is_goal_over_actual_and_one_at_zero() {
        let t = template("[[kpi]]\nkey = \"expense_rate\"\nweight = 5\ngoal = \"5%\"\n");
        let mut i = Inputs::default();
        // expenses 800 on sales 10 000: 8 %; 0.05 / 0.08 = 0.625 × 5 = 3.125 → 62.50
        i.tally.sales_cents = 1_000_000;
        i.tally.expense_cents = 80_000;
        let s = score(&t, &i);
        assert_eq!(s.rows[0].actual, Some(0.08));
        assert_eq!(s.rows[0].achievement, Some(0.625));
        assert_eq!(s.total, 62.5);
        // 2 %: 2.5, capped at 1 → full marks
        i.tally.expense_cents = 20_000;
        assert_eq!(score(&t, &i).total, 100.0);
        // no expenses at all with sales: actual 0 → achievement 1
        i.tally.expense_cents = 0;
        let s = score(&t, &i);
        assert_eq!(
            (s.rows[0].actual, s.rows[0].achievement),
            (Some(0.0), Some(1.0))
        );
        assert_eq!(s.total, 100.0);
    }

    #[test]
    fn sales_zero_and_expenses_above_zero_scores_zero_but_counts() {
        let rows = format!(
            "{}[[kpi]]\nkey = \"expense_rate\"\nweight = 5\ngoal = \"5%\"\n",
            sales_row(35, 1.0)
        );
        let mut i = with_sales(0, Some(10_000_000));
        i.tally.expense_cents = 30_000;
        // sales 0 / 100 000 → 0 of 35; expense rate unbounded → 0 of 5: total 0 of 40.
        let s = score(&template(&rows), &i);
        assert_eq!(s.rows[1].actual, Some(f64::INFINITY));
        assert_eq!(
            (s.rows[1].score, s.rows[1].not_applicable),
            (Some(0.0), None)
        );
        assert_eq!((s.total, s.grade), (0.0, ScoreGrade::Fail));
        // Both 0: the expense row is n/a and leaves; sales alone → still 0 of 35.
        i.tally.expense_cents = 0;
        let s = score(&template(&rows), &i);
        assert_eq!(s.rows[1].not_applicable, Some(NotApplicable::NoActual));
        assert_eq!(s.total, 0.0);
    }

    #[test]
    fn one_target_met_is_incomplete_and_ranks_after_the_complete_cards() {
        let t = Template::default_template();
        // A manager given only a sales target, and met it: 100 on 35 of 100 weight.
        let mut i = Inputs::default();
        i.tally.sales_cents = 100;
        i.targets.insert(Metric::Sales, 100);
        let manager = score(&t, &i);
        assert_eq!(manager.total, 100.0);
        assert!(manager.incomplete(), "{:?}", manager.rows);
        let ranks = ranks_complete_first(&[(true, 100.0), (false, 60.0), (false, 80.0)]);
        assert_eq!(ranks, [3, 2, 1]);
    }

    #[test]
    fn a_period_in_progress_is_judged_against_the_share_gone() {
        let t = template("[[kpi]]\nkey = \"sales\"\nweight = 10\ngoal = \"target\"\n");
        let mut i = Inputs::default();
        i.tally.sales_cents = 30_000;
        i.targets.insert(Metric::Sales, 100_000);
        // A third of the target sold a third of the way through: on pace, 100.
        assert_eq!(score(&t, &i).total, 30.0);
        assert_eq!(score(&t, &i.paced(0.3)).total, 100.0);
        assert_eq!(score(&t, &i.paced(0.6)).total, 50.0);
    }

    #[test]
    fn the_default_template_by_hand() {
        let t = Template::default_template();
        let mut i = Inputs {
            tally: Tally {
                sales_cents: 9_000_000, // 90 000 of a 120 000 target: 0.75 × 35 = 26.25
                cost_cents: 6_000_000,  // profit 30 000 of 25 000: 1.2 → cap 1 → 10
                costed_sales_cents: 9_000_000,
                won_count: 3,
                paid_by_end_cents: 7_200_000, // 72 000 / 90 000 = 0.8; 0.8 / 0.9 × 10 = 8.888…
                new_customers: 1,             // 1 of 2: 0.5 × 10 = 5
                written: 20,                  // 20 + 4 joined = 24 of 30: 0.8 × 10 = 8
                joined: 4,
                timely: 18,             // 18 / 20 = 0.9 of 0.9 → 5
                expense_cents: 900_000, // 9 000 / 90 000 = 0.1; 0.05 / 0.1 = 0.5 × 5 = 2.5
                ..Tally::default()
            },
            marks: Some(Marks {
                attitude: 5,  // 5
                knowledge: 4, // 4
                teamwork: 3,  // 3
            }),
            targets: HashMap::new(),
        };
        i.targets.insert(Metric::Sales, 12_000_000);
        i.targets.insert(Metric::GrossProfit, 2_500_000);
        i.targets.insert(Metric::NewCustomers, 2);
        i.targets.insert(Metric::Visits, 30);
        // Σ = 26.25 + 10 + 8.8889 + 5 + 8 + 5 + 2.5 + 5 + 4 + 3 = 77.6389 of 100 → 77.64 good
        let s = score(&t, &i);
        assert_eq!(s.total, 77.64);
        assert_eq!(s.grade, ScoreGrade::Good);
        // No gross-profit or visits target: they leave with their scores (10 and 8) and
        // weights (10 and 10): 59.6389 of 80 → 74.55
        i.targets.remove(&Metric::GrossProfit);
        i.targets.remove(&Metric::Visits);
        assert_eq!(score(&t, &i).total, 74.55);
    }

    #[test]
    fn nothing_to_score_is_zero() {
        let s = score(&Template::default_template(), &Inputs::default());
        assert!(s.is_empty());
        assert_eq!((s.total, s.grade), (0.0, ScoreGrade::Fail));
    }

    #[test]
    fn a_loss_earns_nothing_rather_than_less_than_nothing() {
        let t = template("[[kpi]]\nkey = \"gross_profit\"\nweight = 10\ngoal = 100\n");
        let mut i = Inputs::default();
        i.tally.sales_cents = 10_000;
        i.tally.costed_sales_cents = 10_000;
        i.tally.cost_cents = 30_000;
        let s = score(&t, &i);
        assert_eq!(
            (s.rows[0].actual, s.rows[0].score),
            (Some(-200.0), Some(0.0))
        );
    }

    #[test]
    fn grades_at_their_edges() {
        let g: Vec<_> = [100.0, 90.0, 89.99, 70.0, 69.99, 40.0, 39.99, 0.0]
            .iter()
            .map(|t| ScoreGrade::of(*t).code())
            .collect();
        assert_eq!(
            g,
            [
                "excellent",
                "excellent",
                "good",
                "good",
                "pass",
                "pass",
                "fail",
                "fail"
            ]
        );
    }

    #[test]
    fn ties_share_a_rank_and_the_next_skips() {
        assert_eq!(ranks(&[80.0, 90.0, 80.0, 70.0]), [2, 1, 2, 4]);
        assert_eq!(ranks(&[50.0, 50.0]), [1, 1]);
        assert_eq!(ranks(&[]), Vec::<u32>::new());
    }

    #[test]
    fn the_quarters_judged_end_by_the_period() {
        let p = |s: &str| s.parse::<Period>().unwrap();
        assert_eq!(
            judged_quarters(p("2026-Q3")),
            [p("2026-Q3"), p("2026-Q2"), p("2026-Q1")]
        );
        assert_eq!(
            judged_quarters(p("2026-08")),
            [p("2026-Q2"), p("2026-Q1"), p("2025-Q4")]
        );
        assert_eq!(
            judged_quarters(p("2026-09")),
            [p("2026-Q3"), p("2026-Q2"), p("2026-Q1")]
        );
        assert_eq!(
            judged_quarters(p("2026")),
            [p("2026-Q4"), p("2026-Q3"), p("2026-Q2")]
        );
    }

    #[test]
    fn over_achiever_needs_all_three_quarters() {
        assert!(consistent_over_achiever(&[
            Some(1.0),
            Some(1.3),
            Some(1.01)
        ]));
        assert!(!consistent_over_achiever(&[
            Some(1.0),
            Some(0.99),
            Some(1.5)
        ]));
        assert!(!consistent_over_achiever(&[Some(1.2), None, Some(1.5)]));
    }
}
