//! What the tables show, read from the store: each tab's window (only the rows on screen),
//! its count, and its filter. A tab is read when it is shown; the others wait.

use crate::store::visits::VisitQuery;
use crate::tui::app::{App, Tab};

/// A broad visit search is counted this far and shown as "10000+".
pub(crate) const COUNT_CAP: usize = 10_000;

/// A filter's text as a store search: none when blank.
fn search(filter: &str) -> Option<String> {
    (!filter.trim().is_empty()).then(|| filter.to_string())
}

impl App {
    /// The current table's filter text.
    pub fn filter(&self) -> &str {
        match self.tab {
            Tab::Customers => &self.customers.filter,
            Tab::Visits => &self.visits.filter,
            _ => "",
        }
    }

    /// Changes the current table's filter and shows its first matching rows.
    pub(crate) fn edit_filter(&mut self, edit: impl FnOnce(&mut String)) {
        match self.tab {
            Tab::Customers => {
                edit(&mut self.customers.filter);
                self.customers.selected = 0;
                self.customers.offset = 0;
            }
            Tab::Visits => {
                edit(&mut self.visits.filter);
                self.visits.selected = 0;
                self.visits.offset = 0;
            }
            _ => return,
        }
        self.count_and_fetch(self.tab);
    }

    pub(crate) fn visit_query(&self) -> VisitQuery {
        let f = &self.visit_filter;
        VisitQuery {
            search: search(&self.visits.filter),
            rep_id: f.rep.as_ref().map(|(id, _)| id.clone()),
            customer_id: None,
            kind: f.kind,
            from: f.from,
            to: f.to,
        }
    }

    /// The current tab read again from the database, keeping its selected record when it is
    /// still in the window (else the selection keeps its place); the other tables are read
    /// when they are next shown.
    pub fn reload(&mut self) {
        // The selected records, to select again where they land: another session may have
        // added or removed rows above them.
        self.customers.remember();
        self.visits.remember();
        self.deals.remember();
        self.stale = Tab::ALL
            .iter()
            .copied()
            .filter(|t| t.reads_data())
            .collect();
        self.show(self.tab);
    }

    /// Reads `tab`'s window if it is out of date.
    pub(crate) fn show(&mut self, tab: Tab) {
        if let Some(i) = self.stale.iter().position(|t| *t == tab) {
            self.stale.remove(i);
            match tab {
                Tab::Targets => self.load_targets(),
                Tab::Scorecards => self.load_scorecards(),
                _ => self.count_and_fetch(tab),
            }
        }
    }

    pub(crate) fn count_and_fetch(&mut self, tab: Tab) {
        let counted = match tab {
            Tab::Customers => self
                .store
                .count_customers(&self.customer_query())
                .map(|n| self.customers.total = n),
            Tab::Visits => self
                .store
                .count_visits_upto(&self.visit_query(), COUNT_CAP)
                .map(|(n, exact)| (self.visits.total, self.visits.exact) = (n, exact)),
            Tab::Deals => {
                if let Err(e) = self.count_and_fetch_deals() {
                    self.message = Some(e.to_string());
                }
                return;
            }
            _ => Ok(()),
        };
        if let Err(e) = counted {
            self.message = Some(e.to_string());
        }
        match tab {
            Tab::Customers => self.customers.scroll_to_selection(),
            _ => self.visits.scroll_to_selection(),
        };
        self.fetch(tab);
        match tab {
            Tab::Customers => self.customers.select_kept(),
            _ => self.visits.select_kept(),
        };
    }

    /// The visible rows of `tab`'s table, and nothing more.
    pub(crate) fn fetch(&mut self, tab: Tab) {
        let fetched = match tab {
            Tab::Customers => {
                let w = &self.customers;
                self.store
                    .customer_page(&self.customer_query(), w.offset, w.height)
                    .map(|rows| self.customers.rows = rows)
            }
            Tab::Visits => {
                let w = &self.visits;
                self.store
                    .visit_page(&self.visit_query(), w.offset, w.height)
                    .map(|rows| self.visits.rows = rows)
            }
            Tab::Deals => {
                let w = &self.deals;
                self.store
                    .deal_page(&self.deal_query(), w.offset, w.height)
                    .map(|rows| self.deals.rows = rows)
            }
            _ => Ok(()),
        };
        if let Err(e) = fetched {
            self.message = Some(e.to_string());
        }
    }
}
