//! Scorecards (README, Scorecards (KPI)): every rep's actuals from `store::kpi::metrics`, their targets and
//! ratings, scored by the template in force for the period. Managers see every card; a rep
//! sees their own in full and their team's leaderboard (each teammate's rank and total, no
//! KPI rows, rating or comment: see `policy`); an unknown login sees none.

use std::collections::HashMap;

use crate::domain::scoring::{self, Inputs, Score};
use crate::domain::template::Template;
use crate::domain::{Metric, Period, Role};
use crate::store::kpi::ratings::Rating;
use crate::store::reps::Rep;
use crate::store::{Actor, Result, Store};

/// How many periods the trend shows, this one included.
pub const TREND_PERIODS: usize = 6;

#[derive(Debug, Clone)]
pub struct Scorecard {
    pub rep: Rep,
    pub period: Period,
    pub template: String,
    pub score: Score,
    /// By total within the rep's team; ties share a rank.
    pub rank: u32,
    pub team_size: u32,
    /// Sales completion ≥ 100 % in each of the three quarters judged.
    pub over_achiever: bool,
    pub rating: Option<Rating>,
    /// The total of each of the last periods, oldest first, ending with this one; None where
    /// the rep was not on the team.
    pub trend: Vec<(Period, Option<f64>)>,
    /// The whole card (KPI rows, rating, over-achiever mark); false for a teammate's line
    /// on a rep's leaderboard, which keeps only the rank, total, grade and trend.
    pub detail: bool,
    /// Won deals in the period without a cost: they add nothing to gross profit until the
    /// cost is entered (0 on a teammate's line).
    pub uncosted: i64,
    /// More than half the template's weight is n/a (`Score::incomplete`): ranked after the
    /// complete cards of the team.
    pub incomplete: bool,
    /// The period is still running: the total is against the whole targets, and
    /// `pace_total` against the share of the period gone.
    pub in_progress: bool,
    pub pace_total: Option<f64>,
    /// No row applied yet (a rep with no data): the total means nothing, shown as "—".
    pub nothing_scored: bool,
}

/// Everyone scored in a period, their scores and ratings by rep id, and the template used.
struct PeriodScores {
    reps: Vec<Rep>,
    scores: HashMap<String, Score>,
    /// Won deals without a cost, by rep id.
    uncosted: HashMap<String, i64>,
    /// While the period runs: each total against the share of the period gone, by rep id.
    paced: HashMap<String, f64>,
    ratings: HashMap<String, Rating>,
    template: Template,
}

/// Rep targets of a period: rep id → metric → value.
type RepTargets = HashMap<String, HashMap<Metric, i64>>;

impl Store {
    fn rep_targets(&self, period: Period) -> Result<RepTargets> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT scope, metric, value FROM targets
             WHERE scope_kind = 'rep' AND period = ?1 AND deleted_at IS NULL",
        )?;
        let mut rows = stmt.query([period.to_string()])?;
        let mut out = RepTargets::new();
        while let Some(r) = rows.next()? {
            let (rep, metric, value): (String, Metric, i64) = (r.get(0)?, r.get(1)?, r.get(2)?);
            out.entry(rep).or_default().insert(metric, value);
        }
        Ok(out)
    }

    /// Who is scored for a period: the reps employed on some day of it, and the managers who
    /// were given a target for it (a manager who sells is measured like anyone else). Each
    /// is scored in the team their work in the period counts for (`domain::roster`), which
    /// is not their team today when they moved since.
    fn scored_reps(&self, period: Period, targets: &RepTargets) -> Result<Vec<Rep>> {
        let roster = self.roster()?;
        Ok(self
            .list_reps()?
            .into_iter()
            .filter_map(|mut r| {
                let t = roster.of(&r.id)?;
                if !t.employed_in(period) {
                    return None;
                }
                if let Some(team) = t.team_in(period) {
                    r.team = team.to_string();
                }
                Some(r)
            })
            .filter(|r| r.role == Role::Rep || targets.contains_key(&r.id))
            .collect())
    }

    /// The scores of everyone scored in a period, by rep id, with the ratings read.
    fn score_period(&self, period: Period) -> Result<PeriodScores> {
        let targets = self.rep_targets(period)?;
        let reps = self.scored_reps(period, &targets)?;
        let tallies = self.tallies(period)?;
        let ratings = self.all_ratings(period)?;
        let template = self.template_for(period)?;
        let today = self.clock().today();
        let running = period.contains(today) && today < period.last_day();
        let elapsed = period.elapsed_share(today);
        let mut paced = HashMap::new();
        let scores = reps
            .iter()
            .map(|rep| {
                let inputs = Inputs {
                    tally: tallies.get(&rep.id).copied().unwrap_or_default(),
                    marks: ratings.get(&rep.id).map(Rating::marks),
                    targets: targets.get(&rep.id).cloned().unwrap_or_default(),
                };
                if running {
                    let pace = scoring::score(&template, &inputs.paced(elapsed));
                    paced.insert(rep.id.clone(), pace.total);
                }
                (rep.id.clone(), scoring::score(&template, &inputs))
            })
            .collect();
        let uncosted = tallies
            .iter()
            .map(|(rep, t)| (rep.clone(), t.uncosted))
            .collect();
        Ok(PeriodScores {
            reps,
            scores,
            uncosted,
            paced,
            ratings,
            template,
        })
    }

    /// Sales completion of each rep in each judged quarter, by rep id.
    fn over_achievers(&self, period: Period) -> Result<HashMap<String, bool>> {
        let quarters = scoring::judged_quarters(period);
        let mut completions: HashMap<String, [Option<f64>; 3]> = HashMap::new();
        let mut years: HashMap<i32, crate::store::kpi::metrics::MonthlyActuals> = HashMap::new();
        for (i, q) in quarters.iter().enumerate() {
            if let std::collections::hash_map::Entry::Vacant(e) = years.entry(q.year()) {
                e.insert(self.monthly_actuals(q.year(), Metric::Sales)?);
            }
            let months = &years[&q.year()];
            for (rep, targets) in self.rep_targets(*q)? {
                let Some(target) = targets.get(&Metric::Sales) else {
                    continue;
                };
                let actual: i64 = q
                    .months()
                    .iter()
                    .filter_map(|m| match m {
                        Period::Month(_, m) => months.get(&rep).map(|v| v[*m as usize - 1]),
                        _ => None,
                    })
                    .sum();
                completions.entry(rep).or_default()[i] =
                    crate::domain::pace::completion(actual, *target);
            }
        }
        Ok(completions
            .into_iter()
            .map(|(rep, c)| (rep, scoring::consistent_over_achiever(&c)))
            .collect())
    }

    /// The totals in the periods before `period` that a trend shows, oldest first, by rep
    /// id: everyone's for a manager, a rep's team's (their leaderboard), none for anyone
    /// else. (The TUI reads these after the cards, so the table shows at once.)
    pub fn earlier_totals(&self, period: Period) -> Result<Vec<(Period, HashMap<String, f64>)>> {
        let reps = self.list_reps()?;
        let team_of = |id: &str| reps.iter().find(|r| r.id == id).map(|r| r.team.as_str());
        let v = self.viewer();
        let my_team = v.rep_id().and_then(team_of);
        let shown = |id: &str| v.is_all() || (my_team.is_some() && team_of(id) == my_team);
        let mut out = Vec::new();
        let mut p = period;
        for _ in 1..TREND_PERIODS {
            p = p.previous();
            let totals = self
                .score_period(p)?
                .scores
                .into_iter()
                .filter(|(rep, _)| shown(rep))
                .map(|(rep, s)| (rep, s.total))
                .collect();
            out.push((p, totals));
        }
        out.reverse();
        Ok(out)
    }

    /// The scorecards of `period` the actor may see, team by team, best first. `team`
    /// narrows to one team; `trend` also scores the periods before (for the sparkline).
    pub fn scorecards(
        &self,
        actor: &Actor,
        period: Period,
        team: Option<&str>,
        trend: bool,
    ) -> Result<Vec<Scorecard>> {
        actor.writer()?;
        let PeriodScores {
            reps,
            scores,
            uncosted,
            paced,
            mut ratings,
            template,
        } = self.score_period(period)?;
        let over = self.over_achievers(period)?;
        let history = if trend {
            self.earlier_totals(period)?
        } else {
            Vec::new()
        };
        // A rep's leaderboard is their own team's (see `policy`): the one they were on in
        // the period, or else the one they are on now.
        let mine = |r: &Rep| actor.rep_id.as_deref() == Some(r.id.as_str());
        let my_team = match actor.is_manager() {
            true => None,
            false => match reps.iter().find(|r| mine(r)) {
                Some(r) => Some(r.team.clone()),
                None => self.list_reps()?.into_iter().find(mine).map(|r| r.team),
            },
        };
        let mut teams: HashMap<&str, Vec<&Rep>> = HashMap::new();
        for rep in &reps {
            teams.entry(rep.team.as_str()).or_default().push(rep);
        }
        let mut cards = Vec::new();
        for (name, members) in teams {
            if team.is_some_and(|t| t != name) {
                continue;
            }
            if !actor.is_manager() && my_team.as_deref() != Some(name) {
                continue;
            }
            let totals: Vec<(bool, f64)> = members
                .iter()
                .map(|r| (scores[&r.id].incomplete(), scores[&r.id].total))
                .collect();
            let ranks = scoring::ranks_complete_first(&totals);
            for (rep, rank) in members.into_iter().zip(ranks) {
                let detail = actor.is_manager() || actor.rep_id.as_deref() == Some(rep.id.as_str());
                let mut line: Vec<(Period, Option<f64>)> = history
                    .iter()
                    .map(|(p, totals)| (*p, totals.get(&rep.id).copied()))
                    .collect();
                if trend {
                    line.push((period, Some(scores[&rep.id].total)));
                }
                let mut score = scores[&rep.id].clone();
                if !detail {
                    // A teammate's KPI rows are theirs and the managers' (see `policy`).
                    score.rows.clear();
                }
                cards.push(Scorecard {
                    rep: rep.clone(),
                    period,
                    template: template.name.clone(),
                    score,
                    rank,
                    team_size: totals.len() as u32,
                    over_achiever: detail && over.get(&rep.id).copied().unwrap_or(false),
                    rating: ratings.remove(&rep.id).filter(|_| detail),
                    trend: line,
                    detail,
                    uncosted: uncosted
                        .get(&rep.id)
                        .copied()
                        .filter(|_| detail)
                        .unwrap_or(0),
                    incomplete: scores[&rep.id].incomplete(),
                    nothing_scored: scores[&rep.id].is_empty(),
                    in_progress: paced.contains_key(&rep.id),
                    pace_total: paced.get(&rep.id).copied(),
                });
            }
        }
        cards.sort_by(|a, b| {
            (a.rep.team.as_str(), a.rank, a.rep.name.as_str()).cmp(&(
                b.rep.team.as_str(),
                b.rank,
                b.rep.name.as_str(),
            ))
        });
        Ok(cards)
    }
}
