//! The People screen's rows (README, People): each rep with what a manager checks on them:
//! customers held, follow-ups due, and this month's sales against their target.

use crate::domain::{Metric, Period};
use crate::store::reps::Rep;
use crate::store::{Actor, Result, Store};

#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    pub rep: Rep,
    pub customers: i64,
    /// Follow-ups overdue or due today (the agenda's count).
    pub due: i64,
    /// This month's sales over the rep's sales target for it; None without a target.
    pub completion: Option<f64>,
}

impl Store {
    /// Everyone, by team then name (managers: a rep's colleagues' workloads are not theirs).
    pub fn people(&self, actor: &Actor) -> Result<Vec<Person>> {
        if !actor.is_manager() {
            return Err(actor.denied("people"));
        }
        let count = |sql: &str| -> Result<std::collections::HashMap<String, i64>> {
            let mut stmt = self.conn().prepare(sql)?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            Ok(rows.collect::<std::result::Result<_, _>>()?)
        };
        let held = count(
            "SELECT owner_id, count(*) FROM customers
             WHERE owner_id IS NOT NULL AND deleted_at IS NULL GROUP BY owner_id",
        )?;
        let due = count(&format!(
            "SELECT c.owner_id, count(*) FROM customers c
             WHERE c.deleted_at IS NULL AND {} GROUP BY c.owner_id",
            self.overdue_expr("<=")
        ))?;
        let today = self.clock().today();
        let month = Period::month_of(today);
        let tallies = self.tallies(month)?;
        let mut stmt = self.conn().prepare(
            "SELECT scope, value FROM targets WHERE scope_kind = 'rep' AND metric = ?1
             AND period = ?2 AND deleted_at IS NULL",
        )?;
        let targets: std::collections::HashMap<String, i64> = stmt
            .query_map((Metric::Sales.code(), month.to_string()), |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?
            .collect::<std::result::Result<_, _>>()?;
        Ok(self
            .list_reps()?
            .into_iter()
            .map(|rep| {
                let actual = tallies.get(&rep.id).map_or(0, |t| t.metric(Metric::Sales));
                Person {
                    customers: held.get(&rep.id).copied().unwrap_or(0),
                    due: due.get(&rep.id).copied().unwrap_or(0),
                    completion: targets
                        .get(&rep.id)
                        .and_then(|t| crate::domain::pace::completion(actual, *t)),
                    rep,
                }
            })
            .collect())
    }
}
