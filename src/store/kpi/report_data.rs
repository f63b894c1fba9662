//! The grouped counts a report needs besides targets and scorecards: the funnel of the deals
//! opened in a period, and what happened to the customer archive in it.

use crate::domain::{DealStage, Period};
use crate::store::{Result, Store};

/// Deals opened in a period, by the stage they are in now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StageCount {
    pub stage: DealStage,
    pub deals: i64,
    pub amount_cents: i64,
}

/// The archive's changes in a period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CustomerChanges {
    /// Added to the archive.
    pub new: i64,
    /// In the stage `lost`, last changed in the period (the archive keeps no date of the
    /// stage change itself, so this is the best witness it has).
    pub lost: i64,
    pub handed_over: i64,
    pub claimed: i64,
    pub released: i64,
    pub swept: i64,
    pub assigned: i64,
}

impl Store {
    /// Why the deals opened in `period` that the viewer sees were lost: each reason as
    /// written (trimmed) and how many deals gave it, the most common first.
    pub fn lost_reasons(&self, period: Period) -> Result<Vec<(String, i64)>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT trim(COALESCE(d.lost_reason, '')), count(*) AS n FROM deals d
             WHERE d.stage = 'lost' AND d.opened_on BETWEEN ?1 AND ?2 AND d.deleted_at IS NULL
               AND {}
             GROUP BY 1 ORDER BY n DESC, 1",
            self.viewer().deal_sql("d")
        ))?;
        let rows = stmt.query_map((period.first_day(), period.last_day()), |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// The deals opened in `period` that the viewer sees, counted by their current stage (one
    /// grouped query): a rep's funnel is their own and the pool's, not the team's.
    pub fn funnel_counts(&self, period: Period) -> Result<Vec<StageCount>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT d.stage, count(*), total(d.amount_cents) FROM deals d
             WHERE d.opened_on BETWEEN ?1 AND ?2 AND d.deleted_at IS NULL AND {}
             GROUP BY d.stage",
            self.viewer().deal_sql("d")
        ))?;
        let rows = stmt.query_map((period.first_day(), period.last_day()), |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get(1)?,
                crate::store::query::sum_cents(r, 2)?,
            ))
        })?;
        let mut out: Vec<StageCount> = DealStage::ALL
            .iter()
            .map(|s| StageCount {
                stage: *s,
                deals: 0,
                amount_cents: 0,
            })
            .collect();
        for row in rows {
            let (stage, deals, amount_cents) = row?;
            if let Some(c) = out.iter_mut().find(|c| c.stage.code() == stage) {
                c.deals = deals;
                c.amount_cents = amount_cents;
            }
        }
        Ok(out)
    }

    /// The archive's changes in `period`, among the customers the viewer sees; a rep also
    /// counts the moves that took a customer from them or gave one to them.
    pub fn customer_changes(&self, period: Period) -> Result<CustomerChanges> {
        let (from, to) = (period.first_day(), period.last_day());
        let conn = self.conn();
        let scope = self.viewer().customer_sql("customers");
        let count = |sql: &str| -> Result<i64> {
            Ok(conn
                .prepare_cached(sql)?
                .query_row((from, to), |r| r.get(0))?)
        };
        let mut c = CustomerChanges {
            new: count(&format!(
                "SELECT count(*) FROM customers WHERE deleted_at IS NULL
                   AND substr(created_at, 1, 10) BETWEEN ?1 AND ?2 AND {scope}"
            ))?,
            lost: count(&format!(
                "SELECT count(*) FROM customers WHERE deleted_at IS NULL AND stage = 'lost'
                   AND substr(updated_at, 1, 10) BETWEEN ?1 AND ?2 AND {scope}"
            ))?,
            ..CustomerChanges::default()
        };
        let v = self.viewer();
        let mine = format!(
            "{} OR {}",
            v.is_me_sql("o.from_rep_id"),
            v.is_me_sql("o.to_rep_id")
        );
        // Ownership moves: the changed_at index, then grouped by why. The day after the
        // period's end bounds the timestamps (they carry a time of day).
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT o.why, count(*) FROM ownership_changes o JOIN customers c ON c.id = o.customer_id
             WHERE o.changed_at >= ?1 AND o.changed_at < date(?2, '+1 day')
               AND ({mine} OR {}) GROUP BY o.why",
            self.viewer().customer_sql("c")
        ))?;
        let rows = stmt.query_map((from, to), |r| Ok((r.get::<_, String>(0)?, r.get(1)?)))?;
        for row in rows {
            let (why, n): (String, i64) = row?;
            match why.as_str() {
                "handover" => c.handed_over = n,
                "claim" => c.claimed = n,
                "release" => c.released = n,
                "sweep" => c.swept = n,
                "assign" => c.assigned = n,
                _ => {}
            }
        }
        Ok(c)
    }
}
