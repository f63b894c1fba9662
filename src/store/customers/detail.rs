//! Everything the Customers tab shows about one customer, read in one call when the detail
//! opens: fields, contacts, the latest visits, deals and who held it when.

use chrono::NaiveDate;

use crate::domain::{DealStage, Money};
use crate::store::customers::Customer;
use crate::store::customers::contacts::Contact;
use crate::store::customers::ownership::OwnershipChange;
use crate::store::visits::{VisitQuery, VisitRow};
use crate::store::{Result, Store};

/// How many of the latest visits the detail lists.
pub const TIMELINE: usize = 8;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DealLine {
    pub id: String,
    pub title: String,
    pub stage: DealStage,
    pub amount: Option<Money>,
    pub owner_login: String,
    pub opened_on: NaiveDate,
    pub won_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerDetail {
    pub customer: Customer,
    pub contacts: Vec<Contact>,
    /// The latest visits, newest first, and how many there are in all.
    pub visits: Vec<VisitRow>,
    pub visit_count: usize,
    pub deals: Vec<DealLine>,
    pub history: Vec<OwnershipChange>,
    /// Every rep's login → name (`Store::shown_names`), so the detail names people as they
    /// call each other.
    pub names: std::collections::HashMap<String, String>,
}

impl CustomerDetail {
    /// The name of the rep with `login`; the login itself for anyone else (a login that
    /// was never a rep, as an audit entry may hold).
    pub fn name_of<'a>(&'a self, login: &'a str) -> &'a str {
        self.names.get(login).map_or(login, String::as_str)
    }
}

impl Store {
    pub fn customer_detail(&self, id: &str) -> Result<CustomerDetail> {
        let customer = self.customer(id)?;
        let q = VisitQuery {
            customer_id: Some(customer.id.clone()),
            ..VisitQuery::default()
        };
        // The customer is one the viewer sees (`customer` said so), and so are its deals; the
        // condition stays for the day the rule for deals changes (see `policy`).
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT d.id, d.title, d.stage, d.amount_cents, r.login, d.opened_on, d.won_on
             FROM deals d JOIN reps r ON r.id = d.owner_id
             WHERE d.customer_id = ?1 AND d.deleted_at IS NULL AND {}
             ORDER BY d.opened_on DESC, d.id",
            self.viewer().deal_sql("d")
        ))?;
        let deals = stmt
            .query_map([&customer.id], |r| {
                Ok(DealLine {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    stage: r.get(2)?,
                    amount: r.get::<_, Option<i64>>(3)?.map(Money::from_cents),
                    owner_login: r.get(4)?,
                    opened_on: r.get(5)?,
                    won_on: r.get(6)?,
                })
            })?
            .collect::<std::result::Result<_, _>>()?;
        let names = self.shown_names()?;
        Ok(CustomerDetail {
            names,
            contacts: self.list_contacts(Some(&customer.id))?,
            visits: self.visit_page(&q, 0, TIMELINE)?,
            visit_count: self.count_visits(&q)?,
            deals,
            history: self.ownership_history(&customer.id)?,
            customer,
        })
    }
}
