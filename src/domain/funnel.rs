//! The sales funnel of a report: of the deals opened in a period, how many reached each stage
//! of the pipeline (a deal in `proposal` has passed `lead` and `qualified`; a won deal has
//! passed them all), and the conversion from each stage to the next. Lost deals are counted
//! apart: the pipeline keeps only a deal's current stage, not where it was lost.

use crate::domain::DealStage;

/// The pipeline's stages in order, ending with `won`.
pub const PIPELINE: [DealStage; 5] = [
    DealStage::Lead,
    DealStage::Qualified,
    DealStage::Proposal,
    DealStage::Negotiation,
    DealStage::Won,
];

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FunnelStep {
    pub stage: DealStage,
    /// Deals at this stage or beyond.
    pub reached: i64,
    /// reached(this) ÷ reached(previous); None for the first stage or after 0.
    pub conversion: Option<f64>,
}

/// Steps from counts of deals by current stage (`lost` is ignored here).
pub fn steps(by_stage: &[(DealStage, i64)]) -> Vec<FunnelStep> {
    let at = |s: DealStage| {
        by_stage
            .iter()
            .filter(|(st, _)| *st == s)
            .map(|(_, n)| n)
            .sum::<i64>()
    };
    let mut out: Vec<FunnelStep> = Vec::new();
    for (i, stage) in PIPELINE.iter().enumerate() {
        let reached: i64 = PIPELINE[i..].iter().map(|s| at(*s)).sum();
        let conversion = out
            .last()
            .and_then(|prev| (prev.reached > 0).then(|| reached as f64 / prev.reached as f64));
        out.push(FunnelStep {
            stage: *stage,
            reached,
            conversion,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reached_counts_every_later_stage_and_conversion_is_step_to_step() {
        use DealStage::*;
        // 4 leads, 3 qualified, 2 proposals, 0 in negotiation, 1 won, 5 lost.
        let s = steps(&[
            (Lead, 4),
            (Qualified, 3),
            (Proposal, 2),
            (Won, 1),
            (Lost, 5),
        ]);
        let reached: Vec<_> = s.iter().map(|x| x.reached).collect();
        assert_eq!(reached, [10, 6, 3, 1, 1]);
        assert_eq!(s[0].conversion, None);
        assert_eq!(s[1].conversion, Some(0.6));
        assert_eq!(s[2].conversion, Some(0.5));
        assert_eq!(s[4].conversion, Some(1.0));
        let empty = steps(&[]);
        assert!(
            empty
                .iter()
                .all(|x| x.reached == 0 && x.conversion.is_none())
        );
    }
}
