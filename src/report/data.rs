//! Everything a report shows, read once: the period's target progress, the scorecards the
//! reader may see (with their trends), the funnel and the archive's changes.

use chrono::NaiveDate;

use crate::domain::funnel::{self, FunnelStep};
use crate::domain::{DealStage, Metric, Money, Period};
use crate::store::kpi::report_data::{CustomerChanges, StageCount};
use crate::store::kpi::scorecards::Scorecard;
use crate::store::targets::TargetStatus;
use crate::store::{Actor, Result, Store};

pub struct Report {
    pub period: Period,
    pub today: NaiveDate,
    /// The period's last day has passed: targets read achieved or missed, not a pace.
    pub finished: bool,
    pub currency: String,
    pub targets: Vec<TargetStatus>,
    pub cards: Vec<Scorecard>,
    pub stages: Vec<StageCount>,
    pub funnel: Vec<FunnelStep>,
    pub lost: i64,
    /// Why the period's lost deals were lost, the most common reason first.
    pub lost_reasons: Vec<(String, i64)>,
    /// Each team target's actual in the period before: (team, metric, actual).
    pub previous: Vec<(String, Metric, i64)>,
    pub changes: CustomerChanges,
    /// Each rep's login → how the report names them: 张伟, or `张伟 (zhang.wei)` where two
    /// reps share the name.
    pub people: std::collections::HashMap<String, String>,
    /// Each rep's login → their team (the card's, for a rep scored in the period).
    pub teams: std::collections::HashMap<String, String>,
}

impl Report {
    pub fn build(store: &Store, actor: &Actor, period: Period, currency: &str) -> Result<Report> {
        // The report explains cards row by row: only the whole ones (a rep's own; every card
        // for a manager), never a teammate's leaderboard line.
        let mut cards = store.scorecards(actor, period, None, true)?;
        cards.retain(|c| c.detail);
        // The teams' targets and, of the reps', those the viewer may see (`store::policy`).
        let targets = store.target_statuses(period, None)?;
        let stages = store.funnel_counts(period)?;
        let by_stage: Vec<(DealStage, i64)> = stages.iter().map(|s| (s.stage, s.deals)).collect();
        let lost = stages
            .iter()
            .filter(|s| s.stage == DealStage::Lost)
            .map(|s| s.deals)
            .sum();
        let prev = period.previous();
        let prev_tallies = store.tallies(prev)?;
        let mut previous = Vec::new();
        for s in targets.iter().filter(|s| !s.rep) {
            let tally = store.team_tally(&s.scope, prev, &prev_tallies)?;
            previous.push((s.scope.clone(), s.metric, tally.metric(s.metric)));
        }
        let people = store.shown_names()?;
        let reps = store.list_reps()?;
        let mut teams: std::collections::HashMap<String, String> = reps
            .iter()
            .map(|r| (r.login.clone(), r.team.clone()))
            .collect();
        for c in &cards {
            teams.insert(c.rep.login.clone(), c.rep.team.clone());
        }

        Ok(Report {
            people,
            teams,
            previous,
            lost_reasons: store.lost_reasons(period)?,
            finished: store.clock().today() > period.last_day(),
            period,
            today: store.clock().today(),
            currency: currency.to_string(),
            targets,
            cards,
            funnel: funnel::steps(&by_stage),
            stages,
            lost,
            changes: store.customer_changes(period)?,
        })
    }

    /// A target metric's value in words: money short with the sign (万 in Chinese), counts
    /// as they are.
    pub fn metric_value(&self, metric: Metric, v: i64) -> String {
        if metric.is_money() {
            Money::from_cents(v).short(&self.currency, crate::i18n::money_scale())
        } else {
            v.to_string()
        }
    }

    /// The lost deals' reasons as the report lists them: a blank one said as such.
    pub fn lost_reason_rows(&self) -> Vec<(String, i64)> {
        self.lost_reasons
            .iter()
            .map(|(reason, n)| match reason.is_empty() {
                true => (crate::t!("report.no_reason").to_string(), *n),
                false => (reason.clone(), *n),
            })
            .collect()
    }

    /// A rep as the report names them (see `people`).
    pub fn person(&self, login: &str) -> String {
        self.people
            .get(login)
            .cloned()
            .unwrap_or_else(|| login.to_string())
    }

    /// The archive's changes as (i18n key, count) pairs, in reading order.
    pub fn change_rows(&self) -> [(&'static str, i64); 7] {
        let c = &self.changes;
        [
            ("report.new_customers", c.new),
            ("report.lost_customers", c.lost),
            ("report.handed_over", c.handed_over),
            ("report.claimed", c.claimed),
            ("report.released", c.released),
            ("report.swept", c.swept),
            ("report.assigned", c.assigned),
        ]
    }
}
