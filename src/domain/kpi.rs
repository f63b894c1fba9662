//! The KPI keys of README, Scorecards (KPI): what each measures, in which unit, and which way is better.

use crate::domain::Metric;

code_enum! {
    /// A row of a scorecard.
    KpiKey, field = "kpi", label = "kpi", default = Sales,
    {
        Sales => "sales" / "销售额", GrossProfit => "gross_profit" / "毛利",
        Collected => "collected" / "回款额", CollectionRate => "collection_rate" / "回款率",
        NewCustomers => "new_customers" / "新客户", Visits => "visits" / "拜访量",
        VisitTimeliness => "visit_timeliness" / "及时录入率", ExpenseRate => "expense_rate" / "费用率",
        SalesCycle => "sales_cycle" / "销售周期", Attitude => "attitude" / "工作态度",
        Knowledge => "knowledge" / "专业知识", Teamwork => "teamwork" / "团队协作",
    }
}

code_enum! {
    /// Whether a bigger actual is better (sales) or worse (expenses).
    Direction, field = "direction", label = "direction", default = Higher,
    { Higher => "higher" / "越高越好", Lower => "lower" / "越低越好" }
}

/// The unit an actual is counted in, for display and for JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Currency units (the store keeps cents; scoring works in units).
    Money,
    Count,
    /// A fraction: 0.7273, shown as 72.7 %.
    Share,
    Days,
    /// A manager's 1–5 rating.
    Rating,
}

impl KpiKey {
    pub fn unit(self) -> Unit {
        match self {
            KpiKey::Sales | KpiKey::GrossProfit | KpiKey::Collected => Unit::Money,
            KpiKey::NewCustomers | KpiKey::Visits => Unit::Count,
            KpiKey::CollectionRate | KpiKey::VisitTimeliness | KpiKey::ExpenseRate => Unit::Share,
            KpiKey::SalesCycle => Unit::Days,
            KpiKey::Attitude | KpiKey::Knowledge | KpiKey::Teamwork => Unit::Rating,
        }
    }

    /// Expenses and the days a deal takes are better small; everything else big.
    pub fn natural_direction(self) -> Direction {
        match self {
            KpiKey::ExpenseRate | KpiKey::SalesCycle => Direction::Lower,
            _ => Direction::Higher,
        }
    }

    /// The target metric a row may take its goal from (`goal = "target"`).
    pub fn metric(self) -> Option<Metric> {
        match self {
            KpiKey::Sales => Some(Metric::Sales),
            KpiKey::GrossProfit => Some(Metric::GrossProfit),
            KpiKey::Collected => Some(Metric::Collected),
            KpiKey::NewCustomers => Some(Metric::NewCustomers),
            KpiKey::Visits => Some(Metric::Visits),
            _ => None,
        }
    }

    pub fn is_rating(self) -> bool {
        self.unit() == Unit::Rating
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_target_metric_is_a_kpi_of_the_same_name() {
        for m in Metric::ALL {
            let k: KpiKey = m.code().parse().unwrap();
            assert_eq!(k.metric(), Some(*m));
        }
    }

    #[test]
    fn only_expenses_and_cycle_are_lower_is_better() {
        let lower: Vec<_> = KpiKey::ALL
            .iter()
            .filter(|k| k.natural_direction() == Direction::Lower)
            .collect();
        assert_eq!(lower, [&KpiKey::ExpenseRate, &KpiKey::SalesCycle]);
    }
}
