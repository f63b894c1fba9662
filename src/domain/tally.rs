//! The raw sums behind every metric of README, Scorecards (KPI), for one rep and one period. They add up
//! across reps, so a team's figures are the sum of its reps' tallies and its rates come out
//! computed over the pooled data, as §5 asks. The rates and means are derived here, once.

use std::ops::Add;

use crate::domain::{Metric, Money};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Σ amount of the deals won in the period.
    pub sales_cents: i64,
    /// Σ cost of those deals that have one.
    pub cost_cents: i64,
    /// Σ amount of the won deals that have a cost: gross profit is counted on these only (a
    /// deal without a cost would count its whole amount as profit).
    pub costed_sales_cents: i64,
    /// Won deals without a cost: they add nothing to gross profit until one is entered.
    pub uncosted: i64,
    pub won_count: i64,
    /// Σ days from opened to won, over those deals.
    pub cycle_days: i64,
    /// Σ payments on those deals made by the period's last day.
    pub paid_by_end_cents: i64,
    /// Σ payments dated in the period, on the rep's deals.
    pub collected_cents: i64,
    /// Customers whose first won deal (of anyone) is the rep's, won in the period.
    pub new_customers: i64,
    /// Visits dated in the period that the rep wrote.
    pub written: i64,
    /// … and joined (协同拜访).
    pub joined: i64,
    /// Of those written, logged no later than two days after their date.
    pub timely: i64,
    /// Σ expense of the visits written.
    pub expense_cents: i64,
}

/// Expenses against sales (README, Scorecards (KPI)): n/a when both are 0; when sales are 0 and expenses are
/// not, the rate is unbounded (and scores 0).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ExpenseRate {
    NotApplicable,
    Unbounded,
    Rate(f64),
}

impl Add for Tally {
    type Output = Tally;

    fn add(self, o: Tally) -> Tally {
        Tally {
            sales_cents: self.sales_cents.saturating_add(o.sales_cents),
            cost_cents: self.cost_cents.saturating_add(o.cost_cents),
            costed_sales_cents: self.costed_sales_cents.saturating_add(o.costed_sales_cents),
            uncosted: self.uncosted + o.uncosted,
            won_count: self.won_count + o.won_count,
            cycle_days: self.cycle_days + o.cycle_days,
            paid_by_end_cents: self.paid_by_end_cents.saturating_add(o.paid_by_end_cents),
            collected_cents: self.collected_cents.saturating_add(o.collected_cents),
            new_customers: self.new_customers + o.new_customers,
            written: self.written + o.written,
            joined: self.joined + o.joined,
            timely: self.timely + o.timely,
            expense_cents: self.expense_cents.saturating_add(o.expense_cents),
        }
    }
}

impl std::iter::Sum for Tally {
    fn sum<I: Iterator<Item = Tally>>(iter: I) -> Tally {
        iter.fold(Tally::default(), Add::add)
    }
}

impl Tally {
    pub fn sales(&self) -> Money {
        Money::from_cents(self.sales_cents)
    }

    /// Amount less cost, over the won deals that have a cost.
    pub fn gross_profit(&self) -> Money {
        Money::from_cents(self.costed_sales_cents - self.cost_cents)
    }

    pub fn collected(&self) -> Money {
        Money::from_cents(self.collected_cents)
    }

    /// Of the deals won in the period, the share of their amount paid by its last day.
    pub fn collection_rate(&self) -> Option<f64> {
        (self.won_count > 0 && self.sales_cents > 0)
            .then(|| self.paid_by_end_cents as f64 / self.sales_cents as f64)
    }

    /// Visits written or joined.
    pub fn visits(&self) -> i64 {
        self.written + self.joined
    }

    pub fn visit_timeliness(&self) -> Option<f64> {
        (self.written > 0).then(|| self.timely as f64 / self.written as f64)
    }

    pub fn expense_rate(&self) -> ExpenseRate {
        match (self.expense_cents, self.sales_cents) {
            (0, 0) => ExpenseRate::NotApplicable,
            (_, 0) => ExpenseRate::Unbounded,
            (e, s) => ExpenseRate::Rate(e as f64 / s as f64),
        }
    }

    /// Mean days from opened to won.
    pub fn sales_cycle(&self) -> Option<f64> {
        (self.won_count > 0).then(|| self.cycle_days as f64 / self.won_count as f64)
    }

    /// The value of a target metric: cents for money, a count otherwise.
    pub fn metric(&self, m: Metric) -> i64 {
        match m {
            Metric::Sales => self.sales_cents,
            Metric::GrossProfit => self.gross_profit().cents(),
            Metric::Collected => self.collected_cents,
            Metric::NewCustomers => self.new_customers,
            Metric::Visits => self.visits(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_teams_rates_are_pooled_not_averaged() {
        let a = Tally {
            sales_cents: 100,
            won_count: 1,
            paid_by_end_cents: 100,
            written: 1,
            timely: 1,
            ..Tally::default()
        };
        let b = Tally {
            sales_cents: 300,
            won_count: 1,
            paid_by_end_cents: 0,
            written: 3,
            timely: 0,
            ..Tally::default()
        };
        let team: Tally = [a, b].into_iter().sum();
        assert_eq!(
            team.collection_rate(),
            Some(0.25),
            "100 of 400, not the mean of 100 % and 0 %"
        );
        assert_eq!(team.visit_timeliness(), Some(0.25));
    }

    #[test]
    fn not_applicable_cases() {
        let t = Tally::default();
        assert_eq!(t.collection_rate(), None);
        assert_eq!(t.visit_timeliness(), None);
        assert_eq!(t.sales_cycle(), None);
        assert_eq!(t.expense_rate(), ExpenseRate::NotApplicable);
        let spent = Tally {
            expense_cents: 500,
            ..Tally::default()
        };
        assert_eq!(spent.expense_rate(), ExpenseRate::Unbounded);
        let sold = Tally {
            expense_cents: 500,
            sales_cents: 10_000,
            ..Tally::default()
        };
        assert_eq!(sold.expense_rate(), ExpenseRate::Rate(0.05));
    }

    #[test]
    fn a_won_deal_without_a_cost_adds_nothing_to_gross_profit() {
        // Two deals won: ¥1,000 costing ¥400, and ¥5,000 with no cost entered.
        let t = Tally {
            sales_cents: 600_000,
            cost_cents: 40_000,
            costed_sales_cents: 100_000,
            uncosted: 1,
            won_count: 2,
            ..Tally::default()
        };
        assert_eq!(t.gross_profit(), Money::from_cents(60_000));
        assert_eq!(t.metric(Metric::GrossProfit), 60_000);
        assert_eq!(t.metric(Metric::Sales), 600_000);
    }

    #[test]
    fn target_metrics_in_their_units() {
        let t = Tally {
            sales_cents: 1_000,
            cost_cents: 400,
            costed_sales_cents: 1_000,
            collected_cents: 300,
            new_customers: 2,
            written: 3,
            joined: 1,
            ..Tally::default()
        };
        assert_eq!(t.metric(Metric::Sales), 1_000);
        assert_eq!(t.metric(Metric::GrossProfit), 600);
        assert_eq!(t.metric(Metric::Collected), 300);
        assert_eq!(t.metric(Metric::NewCustomers), 2);
        assert_eq!(t.metric(Metric::Visits), 4);
    }
}
