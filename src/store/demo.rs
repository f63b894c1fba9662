//! Demo data (being written).

use crate::store::{Result, Store};

#[derive(Debug, Clone)]
pub struct DemoOptions {
    pub seed: u64,
    pub reps: u32,
    pub customers: u32,
    pub visits: u32,
    pub deals: u32,
    pub years: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DemoSummary {
    pub reps: u64,
    pub customers: u64,
    pub visits: u64,
    pub deals: u64,
}

pub fn generate(_store: &mut Store, _founder: &str, _o: &DemoOptions) -> Result<DemoSummary> {
    Ok(DemoSummary::default())
}
