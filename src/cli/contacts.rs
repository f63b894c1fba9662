//! `contact add|delete|import|list`.

use crate::cli::args::ContactCommand;
use crate::cli::output::{col, id_col, opt_text, print_list, short_ids};
use crate::domain::{Personality, PurchaseRole};
use crate::env::Env;
use crate::store::customers::contacts::{Contact, NewContact};
use crate::store::short_ids::IdTable;
use crate::t;

pub fn run(env: &Env, command: ContactCommand) -> anyhow::Result<()> {
    let mut store = env.open()?;
    let actor = env.actor(&mut store)?;
    match command {
        ContactCommand::Add {
            customer,
            name,
            title,
            phone,
            email,
            role,
            personality,
            notes,
            json,
        } => {
            // Every flag is checked before anything is written.
            let purchase_role = role
                .as_deref()
                .map(str::parse::<PurchaseRole>)
                .transpose()?;
            let personality = personality
                .as_deref()
                .map(str::parse::<Personality>)
                .transpose()?;
            let customer = store.resolve_customer(&customer)?;
            let contact = store.add_contact(
                &actor,
                NewContact {
                    customer_id: customer.id,
                    name,
                    title,
                    phone,
                    email,
                    purchase_role,
                    personality,
                    notes,
                },
            )?;
            crate::cli::setup::print_added(&store, IdTable::Contacts, &contact.id, &contact, json)
        }
        ContactCommand::Delete { customer, name } => {
            let c = store.resolve_customer(&customer)?;
            let key = crate::domain::names::name_key(&name);
            let named: Vec<_> = store
                .list_contacts(Some(&c.id))?
                .into_iter()
                .filter(|k| crate::domain::names::name_key(&k.name) == key)
                .collect();
            // One name, one contact: two of one name are refused with both.
            let contact = match named.as_slice() {
                [one] => one.id.clone(),
                _ => {
                    let mut candidates = Vec::new();
                    for k in &named {
                        let short = store.short_id(IdTable::Contacts, &k.id)?;
                        candidates.push(format!("{} ({short})", k.name));
                    }
                    return Err(crate::store::StoreError::Ambiguous {
                        kind: "contact",
                        key: name,
                        candidates,
                    }
                    .into());
                }
            };
            store.delete_contact(&actor, &contact)?;
            let shown = crate::domain::text::printable_cell(&name);
            println!("{}", t!("msg.contact_deleted", name = shown));
            Ok(())
        }
        ContactCommand::Import { file } => crate::cli::spreadsheet::import(
            &mut store,
            &actor,
            crate::domain::sheet::Kind::Contacts,
            &file,
            false,
        ),
        ContactCommand::List { customer, format } => {
            let customer_id = match customer {
                Some(c) => Some(store.resolve_customer(&c)?.id),
                None => None,
            };
            let rows = store.list_contacts(customer_id.as_deref())?;
            let shorts = short_ids(
                &store,
                IdTable::Contacts,
                rows.iter().map(|r| r.id.as_str()),
            )?;
            let label = |v: Option<&'static str>| v.map(|k| t!(k).to_string()).unwrap_or_default();
            print_list(
                &rows,
                format,
                &[
                    id_col(&shorts, |r: &Contact| &r.id),
                    col("col.customer", |r: &Contact| r.customer_name.clone()),
                    col("col.name", |r: &Contact| r.name.clone()),
                    col("col.title", |r: &Contact| opt_text(&r.title)),
                    col("col.phone", |r: &Contact| opt_text(&r.phone)),
                    col("col.purchase_role", move |r: &Contact| {
                        label(r.purchase_role.map(|p| p.label_key()))
                    }),
                    col("col.personality", move |r: &Contact| {
                        label(r.personality.map(|p| p.label_key()))
                    }),
                ],
            )
        }
    }
}
