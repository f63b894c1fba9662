//! What a manager reads first, worked out once for every format: the ranking, who is behind
//! and the one number that explains it, and what changed most since the period before.

use crate::domain::Metric;
use crate::domain::pace::{Standing, completion};
use crate::domain::scoring::ScoreGrade;
use crate::report::data::Report;
use crate::report::values::percent;
use crate::store::kpi::scorecards::Scorecard;
use crate::t;

/// How many changes of each kind the summary lists.
const CHANGES: usize = 3;

/// The total a card is judged by: against the share of the period gone while it runs.
pub fn judged_total(c: &Scorecard) -> f64 {
    c.pace_total.unwrap_or(c.score.total)
}

/// Every card, best first: complete cards by the total shown beside them, then incomplete
/// ones, then those with nothing scored yet.
pub fn ranking(r: &Report) -> Vec<&Scorecard> {
    let mut cards: Vec<&Scorecard> = r.cards.iter().collect();
    cards.sort_by(|a, b| {
        (a.nothing_scored, a.incomplete)
            .cmp(&(b.nothing_scored, b.incomplete))
            .then(b.score.total.total_cmp(&a.score.total))
            .then(a.rep.name.cmp(&b.rep.name))
    });
    cards
}

/// A card's rank within its team as the ranking shows it (`2/3`, the same as on the card);
/// "—" with nothing scored.
pub fn team_rank(c: &Scorecard) -> String {
    if c.nothing_scored {
        "—".to_string()
    } else {
        format!("{}/{}", c.rank, c.team_size)
    }
}

/// A rep who needs attention, and why in one line.
pub struct Behind {
    pub login: String,
    pub why: String,
}

/// The reps below the pass line (their total, or their pace while the period runs), the
/// lowest first, each with the row that cost the most points; then the reps short of a
/// target of their own, the furthest behind first, each with that target.
pub fn behind(r: &Report) -> Vec<Behind> {
    let mut failing: Vec<(f64, Behind)> = Vec::new();
    for c in r.cards.iter().filter(|c| !c.nothing_scored) {
        let total = judged_total(c);
        if ScoreGrade::of(total) != ScoreGrade::Fail {
            continue;
        }
        let worst = c
            .score
            .rows
            .iter()
            .filter_map(|row| row.score.map(|s| (row, row.weight - s)))
            .max_by(|a, b| a.1.total_cmp(&b.1));
        let why = match worst {
            Some((row, lost)) => t!(
                "report.behind_row",
                total = format!("{total:.1}"),
                kpi = t!(row.key.label_key()),
                achieved = row.achievement.map(percent).unwrap_or_default(),
                lost = format!("{lost:.1}")
            ),
            None => t!("report.behind_total", total = format!("{total:.1}")),
        };
        failing.push((
            total,
            Behind {
                login: c.rep.login.clone(),
                why,
            },
        ));
    }
    // Each rep's target furthest behind, among those short (behind pace, or missed).
    let mut short: Vec<(f64, &crate::store::targets::TargetStatus)> = Vec::new();
    for s in r.targets.iter().filter(|s| s.rep) {
        let (Some(standing), Some(c)) = (s.standing, s.completion) else {
            continue;
        };
        if !standing.is_short() || failing.iter().any(|(_, b)| b.login == s.scope) {
            continue;
        }
        match short.iter_mut().find(|(_, t)| t.scope == s.scope) {
            Some(kept) if c < kept.0 => *kept = (c, s),
            Some(_) => {}
            None => short.push((c, s)),
        }
    }
    failing.sort_by(|a, b| a.0.total_cmp(&b.0));
    short.sort_by(|a, b| a.0.total_cmp(&b.0));
    let short = short.into_iter().map(|(c, s)| Behind {
        login: s.scope.clone(),
        why: t!(
            "report.behind_target",
            metric = t!(s.metric.label_key()),
            completion = percent(c),
            standing = t!(s.standing.map_or("pace.behind", |st| st.label_key()))
        ),
    });
    failing.into_iter().map(|(_, b)| b).chain(short).collect()
}

/// A change since the period before: who or what, and the words for it.
pub struct Change {
    pub subject: String,
    pub words: String,
}

/// The teams' metrics that moved most (by share of what they were), then the reps' totals
/// that moved most (in points), a few of each.
pub fn changes(r: &Report) -> (Vec<Change>, Vec<Change>) {
    // While the period runs, its part so far is not set against a whole period: a team's
    // figure is its run-rate forecast and a rep's total their pace, both for the whole.
    let running = !r.finished;
    let mut teams: Vec<(f64, Change)> = Vec::new();
    for (team, metric, before) in &r.previous {
        let Some(status) = r
            .targets
            .iter()
            .find(|s| !s.rep && s.scope == *team && s.metric == *metric)
        else {
            continue;
        };
        let now = match (running, status.forecast) {
            (true, Some(f)) => f.round() as i64,
            (true, None) => continue,
            (false, _) => status.actual,
        };
        if now == *before {
            continue;
        }
        let share = (*before > 0).then(|| (now - before) as f64 / *before as f64);
        let delta = match share {
            Some(s) => format!("{:+.0}%", s * 100.0),
            None => t!("report.change_new").to_string(),
        };
        let key = if running {
            "report.change_metric_pace"
        } else {
            "report.change_metric"
        };
        let words = t!(
            key,
            metric = t!(metric.label_key()),
            before = r.metric_value(*metric, *before),
            now = r.metric_value(*metric, now),
            delta = delta
        );
        let size = share.map_or(f64::MAX, f64::abs);
        teams.push((
            size,
            Change {
                subject: team.clone(),
                words,
            },
        ));
    }
    let mut reps: Vec<(f64, Change)> = Vec::new();
    for c in r.cards.iter().filter(|c| !c.nothing_scored) {
        // The period before this one, exactly: not an older one where the rep was away.
        let [.., (_, Some(before)), (_, Some(total))] = c.trend[..] else {
            continue;
        };
        let now = if running {
            c.pace_total.unwrap_or(total)
        } else {
            total
        };
        if (now - before).abs() < 0.005 {
            continue;
        }
        let key = if running {
            "report.change_total_pace"
        } else {
            "report.change_total"
        };
        let words = t!(
            key,
            before = format!("{before:.1}"),
            now = format!("{now:.1}"),
            delta = format!("{:+.1}", now - before)
        );
        reps.push((
            (now - before).abs(),
            Change {
                subject: r.person(&c.rep.login),
                words,
            },
        ));
    }
    let top = |mut v: Vec<(f64, Change)>| -> Vec<Change> {
        v.sort_by(|a, b| b.0.total_cmp(&a.0));
        v.into_iter().take(CHANGES).map(|(_, c)| c).collect()
    };
    (top(teams), top(reps))
}

/// A metric summed over the teams.
pub struct Summed {
    pub metric: Metric,
    pub completion: Option<f64>,
    pub standing: Option<Standing>,
}

/// The whole company, where two teams or more have targets: for each metric, the teams'
/// actuals summed against their targets summed (over the teams with a target for it), with
/// its completion and where it stands.
pub fn all_teams(r: &Report) -> Vec<Summed> {
    let team_targets = || r.targets.iter().filter(|s| !s.rep);
    let teams = {
        let mut t: Vec<&str> = team_targets().map(|s| s.scope.as_str()).collect();
        t.sort();
        t.dedup();
        t.len()
    };
    if teams < 2 {
        return Vec::new();
    }
    let elapsed = r.targets.first().map_or(0.0, |s| s.elapsed);
    metrics(r)
        .into_iter()
        .filter_map(|m| {
            let of: Vec<_> = team_targets().filter(|s| s.metric == m).collect();
            if of.is_empty() {
                return None;
            }
            let actual = of.iter().fold(0i64, |a, s| a.saturating_add(s.actual));
            let value = of.iter().fold(0i64, |a, s| a.saturating_add(s.value));
            let c = completion(actual, value);
            Some(Summed {
                metric: m,
                completion: c,
                standing: c.map(|c| Standing::of(c, elapsed, r.finished)),
            })
        })
        .collect()
}

/// The metrics any target of the period is set for, in their usual order.
pub fn metrics(r: &Report) -> Vec<Metric> {
    Metric::ALL
        .iter()
        .copied()
        .filter(|m| r.targets.iter().any(|s| s.metric == *m))
        .collect()
}

/// The teams with a target or a rep with one, in name order.
pub fn teams(r: &Report) -> Vec<String> {
    let mut teams: Vec<String> = r
        .targets
        .iter()
        .map(|s| {
            if s.rep {
                r.teams.get(&s.scope).cloned().unwrap_or_default()
            } else {
                s.scope.clone()
            }
        })
        .collect();
    teams.sort();
    teams.dedup();
    teams
}
