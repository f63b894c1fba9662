//! The KPI aggregate: what is measured (metrics, from the rollups), how it is scored
//! (templates, scorecards), the manager's ratings, and the grouped counts reports add.

pub mod metrics;
pub mod ratings;
pub mod report_data;
pub mod scorecards;
pub mod templates;
