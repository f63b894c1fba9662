//! The six tabs, one folder each: `mod.rs` (how the tab reads and what it tells the shell),
//! `state.rs`, `keys.rs`, `view.rs` and `forms.rs`. A tab never names the shell: it gets a
//! `Ctx` and returns an `Effect` (see `tui::tab`).

pub mod customers;
pub mod deals;
pub mod people;
pub mod scorecards;
pub mod targets;
pub mod visits;

use crate::tui::tab::{TabId, TabView};
use customers::CustomersTab;
use deals::DealsTab;
use people::PeopleTab;
use scorecards::ScorecardsTab;
use targets::TargetsTab;
use visits::VisitsTab;

/// Every tab's state, kept while another is shown.
pub struct Tabs {
    pub customers: CustomersTab,
    pub visits: VisitsTab,
    pub deals: DealsTab,
    pub targets: TargetsTab,
    pub scorecards: ScorecardsTab,
    pub people: PeopleTab,
}

impl Tabs {
    /// Every tab out of date: nothing is read until a tab is shown.
    pub fn new(year: i32) -> Tabs {
        Tabs {
            customers: CustomersTab::new(),
            visits: VisitsTab::new(),
            deals: DealsTab::new(),
            targets: TargetsTab::new(year),
            scorecards: ScorecardsTab::new(),
            people: PeopleTab::new(),
        }
    }

    pub fn get(&self, id: TabId) -> &dyn TabView {
        match id {
            TabId::Customers => &self.customers,
            TabId::Visits => &self.visits,
            TabId::Deals => &self.deals,
            TabId::Targets => &self.targets,
            TabId::Scorecards => &self.scorecards,
            TabId::People => &self.people,
        }
    }

    pub fn get_mut(&mut self, id: TabId) -> &mut dyn TabView {
        match id {
            TabId::Customers => &mut self.customers,
            TabId::Visits => &mut self.visits,
            TabId::Deals => &mut self.deals,
            TabId::Targets => &mut self.targets,
            TabId::Scorecards => &mut self.scorecards,
            TabId::People => &mut self.people,
        }
    }
}
