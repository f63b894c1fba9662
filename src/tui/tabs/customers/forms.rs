//! The Customers tab's forms: a customer, a contact, whom to give a customer to; and saving
//! them. Every change goes through the store, whose rules decide; a refusal comes back beside
//! the field it is about.

use crate::domain::date_input::parse_optional_date;
use crate::domain::{CustomerStage, Grade, Personality, PurchaseRole};
use crate::store::customers::contacts::NewContact;
use crate::store::customers::{Customer, NewCustomer};
use crate::store::{Actor, Store, StoreError};
use crate::t;
use crate::tui::tabs::customers::state::Purpose;
use crate::tui::widgets::form::{Field, Form};

fn choices<T: Copy>(
    all: &[T],
    code: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
    none: bool,
) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = if none {
        vec![(String::new(), String::new())]
    } else {
        Vec::new()
    };
    v.extend(
        all.iter()
            .map(|x| (code(*x).to_string(), t!(label(*x)).to_string())),
    );
    v
}

use crate::messages::SOURCES;

pub fn customer_form(title: &'static str, c: &NewCustomer) -> Form {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let mut sources: Vec<(String, String)> = vec![(String::new(), String::new())];
    sources.extend(
        SOURCES
            .iter()
            .map(|(c, l)| (c.to_string(), t!(*l).to_string())),
    );
    // A source typed elsewhere (an import) stays choosable as it is.
    if let Some(s) = c
        .source
        .as_deref()
        .filter(|s| !sources.iter().any(|(c, _)| c == s))
    {
        sources.push((s.to_string(), s.to_string()));
    }
    Form::new(
        title,
        vec![
            Field::text("name", c.name.clone()),
            Field::choice(
                "grade",
                choices(Grade::ALL, Grade::code, Grade::label_key, false),
                c.grade.unwrap_or_default().code(),
            ),
            Field::choice(
                "stage",
                choices(
                    CustomerStage::ALL,
                    CustomerStage::code,
                    CustomerStage::label_key,
                    false,
                ),
                c.stage.unwrap_or_default().code(),
            ),
            Field::choice("source", sources, c.source.as_deref().unwrap_or("")),
            Field::text("industry", text(&c.industry)),
            Field::text("size", text(&c.size)),
            Field::text("region", text(&c.region)),
            Field::text("city", text(&c.city)),
            Field::text("address", text(&c.address)),
            Field::text("tags", text(&c.tags)),
            Field::text("notes", text(&c.notes)),
            Field::text(
                "next",
                c.next_follow_up.map(|d| d.to_string()).unwrap_or_default(),
            ),
            Field::text("mobile", text(&c.mobile)),
            Field::text("phone", text(&c.phone)),
            Field::text("email", text(&c.email)),
            Field::text("website", text(&c.website)),
        ],
    )
}

pub fn contact_form(title: &'static str, c: &NewContact) -> Form {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let roles = choices(
        PurchaseRole::ALL,
        PurchaseRole::code,
        PurchaseRole::label_key,
        true,
    );
    let kinds = choices(
        Personality::ALL,
        Personality::code,
        Personality::label_key,
        true,
    );
    Form::new(
        title,
        vec![
            Field::text("name", c.name.clone()),
            Field::text("title", text(&c.title)),
            Field::text("phone", text(&c.phone)),
            Field::text("email", text(&c.email)),
            Field::choice(
                "purchase_role",
                roles,
                c.purchase_role.map_or("", |r| r.code()),
            ),
            Field::choice("personality", kinds, c.personality.map_or("", |p| p.code())),
            Field::text("notes", text(&c.notes)),
        ],
    )
}

pub(crate) fn some(s: &str) -> Option<String> {
    (!s.trim().is_empty()).then(|| s.to_string())
}

/// Saves the form `purpose` opened; a customer added comes back, to be checked for a likely
/// twin.
pub fn save(
    store: &mut Store,
    actor: &Actor,
    purpose: &Purpose,
    form: &Form,
) -> Result<Option<Customer>, StoreError> {
    let today = store.clock().today();
    match purpose {
        Purpose::AddCustomer | Purpose::EditCustomer(_) => {
            let next = parse_optional_date("next", form.value("next"), today)?;
            let fields = NewCustomer {
                name: form.value("name").to_string(),
                grade: form.value("grade").parse().ok(),
                stage: form.value("stage").parse().ok(),
                owner: None,
                industry: some(form.value("industry")),
                size: some(form.value("size")),
                region: some(form.value("region")),
                city: some(form.value("city")),
                source: some(form.value("source")),
                address: some(form.value("address")),
                tags: some(form.value("tags")),
                notes: some(form.value("notes")),
                phone: some(form.value("phone")),
                mobile: some(form.value("mobile")),
                email: some(form.value("email")),
                website: some(form.value("website")),
                next_follow_up: next,
            };
            match purpose {
                Purpose::EditCustomer(id) => store.update_customer(actor, id, fields).map(|_| None),
                _ => store.add_customer(actor, fields).map(Some),
            }
        }
        Purpose::AddContact(customer_id) | Purpose::EditContact(customer_id) => {
            let contact = NewContact {
                customer_id: customer_id.clone(),
                name: form.value("name").to_string(),
                title: some(form.value("title")),
                phone: some(form.value("phone")),
                email: some(form.value("email")),
                purchase_role: form.value("purchase_role").parse().ok(),
                personality: form.value("personality").parse().ok(),
                notes: some(form.value("notes")),
            };
            match purpose {
                Purpose::EditContact(id) => store.update_contact(actor, id, contact).map(|_| None),
                _ => store.add_contact(actor, contact).map(|_| None),
            }
        }
        Purpose::Assign(id) => {
            let to = form.value("owner").to_string();
            store.assign(actor, id, &to).map(|_| None)
        }
        // Checked and run by the tab on the worker (`import.rs`), never saved here.
        Purpose::Import => Ok(None),
    }
}
