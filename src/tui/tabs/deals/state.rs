//! The Deals tab's state: whose deals, which stage, the pipeline, the list's window, the
//! deal shown with its payments, and what a form it opened is for.

use crate::domain::DealStage;
use crate::store::deals::{Deal, DealQuery, Payment, StageTotal};
use crate::tui::widgets::paged_table::Window;

/// What the open form will do when saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    Add,
    Edit(String),
    Win(String),
    Lose(String),
    Pay(String),
    /// Change this payment's amount or date.
    EditPayment(String),
}

/// A correction waiting for its yes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirm {
    DeletePayment(String),
    Reopen(String),
}

/// Lines the pipeline takes above the deal list: its header and one line a stage.
pub const PIPELINE_LINES: usize = 1 + 6;

#[derive(Default)]
pub struct DealsTab {
    pub list: Window<Deal>,
    /// The pipeline of the tab's scope, stage by stage.
    pub pipeline: Vec<StageTotal>,
    /// Only this stage in the list (`f` steps through them).
    pub stage: Option<DealStage>,
    /// Whose deals: (rep id, login), or None for the whole team. `m` steps: the team, me,
    /// then (managers) every other active rep.
    pub of: Option<(String, String)>,
    /// The deal whose payments are shown, with them.
    pub detail: Option<(Deal, Vec<Payment>)>,
    /// The payment selected in the detail (`j`/`k`), for `Enter` (edit) and `d` (delete).
    pub payment_at: usize,
    pub confirm: Option<Confirm>,
    /// What the open form is for.
    pub purpose: Option<Purpose>,
    pub stale: bool,
}

impl DealsTab {
    pub fn new() -> DealsTab {
        DealsTab {
            stale: true,
            ..DealsTab::default()
        }
    }

    pub fn query(&self) -> DealQuery {
        DealQuery {
            stage: self.stage,
            owner_id: self.of.as_ref().map(|(id, _)| id.clone()),
            customer_id: None,
        }
    }

    /// The deal the keys act on: the open detail's, else the selected row's.
    pub fn current(&self) -> Option<Deal> {
        match &self.detail {
            Some((d, _)) => Some(d.clone()),
            None => self.list.selected_row().cloned(),
        }
    }
}
