//! The Customers tab's state: the list's window, its quick filter and order, the open
//! detail, and what a form or question it opened is for.

use super::searched::Searched;
use crate::domain::Grade;
use crate::store::Actor;
use crate::store::customers::detail::CustomerDetail;
use crate::store::customers::{CustomerQuery, CustomerRow, CustomerSort};
use crate::t;
use crate::tui::widgets::paged_table::{FreshRead, Window};

/// What the open form will do when saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    AddCustomer,
    EditCustomer(String),
    AddContact(String),
    EditContact(String),
    Assign(String),
    /// A file to import: checked first, then asked about.
    Import,
}

/// The quick filters `f` steps through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum QuickFilter {
    #[default]
    All,
    Mine,
    Pool,
    Overdue,
    Grade(Grade),
}

impl QuickFilter {
    pub fn next(self) -> QuickFilter {
        match self {
            QuickFilter::All => QuickFilter::Mine,
            QuickFilter::Mine => QuickFilter::Pool,
            QuickFilter::Pool => QuickFilter::Overdue,
            QuickFilter::Overdue => QuickFilter::Grade(Grade::A),
            QuickFilter::Grade(Grade::A) => QuickFilter::Grade(Grade::B),
            QuickFilter::Grade(Grade::B) => QuickFilter::Grade(Grade::C),
            QuickFilter::Grade(Grade::C) => QuickFilter::Grade(Grade::D),
            QuickFilter::Grade(Grade::D) => QuickFilter::All,
        }
    }

    pub fn label(self) -> String {
        match self {
            QuickFilter::All => t!("tui.quick_all").to_string(),
            QuickFilter::Mine => t!("tui.quick_mine").to_string(),
            QuickFilter::Pool => t!("tui.quick_pool").to_string(),
            QuickFilter::Overdue => t!("tui.quick_overdue").to_string(),
            QuickFilter::Grade(g) => t!("tui.quick_grade", grade = g),
        }
    }
}

/// The order `s` steps through, and the column header each sorts by.
pub const SORTS: &[(CustomerSort, &str)] = &[
    (CustomerSort::Name, "col.name"),
    (CustomerSort::Grade, "col.grade"),
    (CustomerSort::Stage, "col.stage"),
    (CustomerSort::Owner, "col.owner"),
    (CustomerSort::Region, "col.region"),
    (CustomerSort::LastVisit, "tui.col_last_visit"),
    (CustomerSort::NextFollowUp, "tui.col_follow_up"),
];

#[derive(Default)]
pub struct CustomersTab {
    pub list: Window<CustomerRow>,
    pub quick: QuickFilter,
    pub sort: CustomerSort,
    /// The customer whose detail is shown instead of the list.
    pub detail: Option<CustomerDetail>,
    /// The highlighted contact in the open detail.
    pub contact_at: usize,
    /// The customer (id, name) a delete waits to be confirmed for.
    pub pending_delete: Option<(String, String)>,
    /// The contact (id, name) a removal waits to be confirmed for.
    pub pending_contact: Option<(String, String)>,
    /// What the open form is for.
    pub purpose: Option<Purpose>,
    /// The list is out of date: read when next shown.
    pub stale: bool,
    /// A new order or quick filter read on the worker.
    pub fresh: FreshRead,
    /// The number of the latest read of the detail: an older one's result is dropped.
    pub detail_ticket: u64,
    /// What the `/` filter found, for the next letter to look among.
    pub searched: Searched,
    /// A file checked, waiting for the answer to "import?".
    pub pending_import: Option<super::import::PendingImport>,
}

impl CustomersTab {
    pub fn new() -> CustomersTab {
        CustomersTab {
            stale: true,
            ..CustomersTab::default()
        }
    }

    /// The customer the keys act on: the open detail's, else the selected row's.
    pub fn current(&self) -> Option<(String, String)> {
        match &self.detail {
            Some(d) => Some((d.customer.id.clone(), d.customer.name.clone())),
            None => self
                .list
                .selected_row()
                .map(|r| (r.id.clone(), r.name.clone())),
        }
    }

    pub fn query(&self, actor: &Actor) -> CustomerQuery {
        let mut q = CustomerQuery {
            search: (!self.list.filter.trim().is_empty()).then(|| self.list.filter.clone()),
            sort: self.sort,
            ..CustomerQuery::default()
        };
        match self.quick {
            QuickFilter::All => {}
            QuickFilter::Mine => q.owner_id = Some(actor.rep_id.clone().unwrap_or_default()),
            QuickFilter::Pool => q.pool = true,
            QuickFilter::Overdue => q.overdue = true,
            QuickFilter::Grade(g) => q.grade = Some(g),
        }
        q
    }
}
