//! Contacts (联系人): the people at a customer, with their part in a purchase and their
//! personality, so whoever holds the customer next knows whom to call.

use rusqlite::{OptionalExtension, Row};
use serde::Serialize;

use crate::domain::{Personality, PurchaseRole, ids, names};
use crate::store::policy::Write;
use crate::store::{Actor, Result, Store, StoreError, audit};

#[derive(Debug, Clone, Default)]
pub struct NewContact {
    pub customer_id: String,
    pub name: String,
    pub title: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub purchase_role: Option<PurchaseRole>,
    pub personality: Option<Personality>,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Contact {
    pub id: String,
    pub customer_id: String,
    pub customer_name: String,
    pub name: String,
    pub title: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub purchase_role: Option<PurchaseRole>,
    pub personality: Option<Personality>,
    pub notes: Option<String>,
}

const CONTACT_SELECT: &str = "SELECT k.id, k.customer_id, c.name, k.name, k.title, k.phone,
        k.email, k.purchase_role, k.personality, k.notes
     FROM contacts k JOIN customers c ON c.id = k.customer_id";

fn contact_from_row(r: &Row) -> rusqlite::Result<Contact> {
    Ok(Contact {
        id: r.get(0)?,
        customer_id: r.get(1)?,
        customer_name: r.get(2)?,
        name: r.get(3)?,
        title: r.get(4)?,
        phone: r.get(5)?,
        email: r.get(6)?,
        purchase_role: r.get(7)?,
        personality: r.get(8)?,
        notes: r.get(9)?,
    })
}

impl Store {
    pub fn add_contact(&mut self, actor: &Actor, new: NewContact) -> Result<Contact> {
        let name = names::required("name", &new.name)?;
        let customer = self.customer(&new.customer_id)?;
        self.require_can_work_on(actor, Write::AddContact, &customer)?;
        let id = ids::new_id().to_string();
        let opt = |s: &Option<String>| s.as_deref().and_then(names::optional);
        self.write(actor, |tx, ctx| {
            tx.execute(
                "INSERT INTO contacts (id, customer_id, name, title, phone, email, purchase_role,
                     personality, notes, created_at, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, ?11)",
                rusqlite::params![
                    &id,
                    &customer.id,
                    &name,
                    opt(&new.title),
                    opt(&new.phone),
                    opt(&new.email),
                    new.purchase_role.map(|r| r.code()),
                    new.personality.map(|p| p.code()),
                    opt(&new.notes),
                    &ctx.now,
                    &ctx.login,
                ],
            )?;
            audit::record(tx, ctx, actor, "contact.add", Some(("contact", &id)), None)
        })?;
        self.contact(&id)
    }

    /// Replaces a contact's fields (its customer stays): for whoever may work on the customer.
    pub fn update_contact(
        &mut self,
        actor: &Actor,
        id: &str,
        fields: NewContact,
    ) -> Result<Contact> {
        let name = names::required("name", &fields.name)?;
        let contact = self.contact(id)?;
        let customer = self.customer(&contact.customer_id)?;
        self.require_can_work_on(actor, Write::UpdateContact, &customer)?;
        let opt = |s: &Option<String>| s.as_deref().and_then(names::optional);
        self.write(actor, |tx, ctx| {
            tx.execute(
                "UPDATE contacts SET name = ?2, title = ?3, phone = ?4, email = ?5, purchase_role = ?6,
                     personality = ?7, notes = ?8, updated_at = ?9, updated_by = ?10
                 WHERE id = ?1",
                rusqlite::params![
                    id,
                    name,
                    opt(&fields.title),
                    opt(&fields.phone),
                    opt(&fields.email),
                    fields.purchase_role.map(|r| r.code()),
                    fields.personality.map(|p| p.code()),
                    opt(&fields.notes),
                    ctx.now,
                    ctx.login,
                ],
            )?;
            audit::record(tx, ctx, actor, "contact.edit", Some(("contact", id)), None)
        })?;
        self.contact(id)
    }

    /// Deletes a contact (a tombstone): for whoever may work on its customer. The visits that
    /// met them keep the meeting in their history.
    pub fn delete_contact(&mut self, actor: &Actor, id: &str) -> Result<()> {
        let contact = self.contact(id)?;
        let customer = self.customer(&contact.customer_id)?;
        self.require_can_work_on(actor, Write::DeleteContact, &customer)?;
        self.write(actor, |tx, ctx| {
            tx.execute(
                "UPDATE contacts SET deleted_at = ?2, updated_at = ?2, updated_by = ?3
                 WHERE id = ?1 AND deleted_at IS NULL",
                (id, &ctx.now, &ctx.login),
            )?;
            audit::record(
                tx,
                ctx,
                actor,
                "contact.delete",
                Some(("contact", id)),
                None,
            )
        })
    }

    /// One contact, if the viewer sees its customer.
    pub fn contact(&self, id: &str) -> Result<Contact> {
        let sql = format!(
            "{CONTACT_SELECT} WHERE k.id = ?1 AND {}",
            self.viewer().contact_sql("k")
        );
        self.conn()
            .query_row(&sql, [id], contact_from_row)
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                kind: "contact",
                key: id.to_string(),
            })
    }

    /// Contacts of one customer, or of every customer the viewer sees, by customer then name:
    /// a rep's phone book is their own customers' and the pool's, never the team's.
    pub fn list_contacts(&self, customer_id: Option<&str>) -> Result<Vec<Contact>> {
        let sql = format!(
            "{CONTACT_SELECT} WHERE k.deleted_at IS NULL AND (?1 IS NULL OR k.customer_id = ?1)
               AND {} ORDER BY c.name_key, k.name",
            self.viewer().contact_sql("k")
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map([customer_id], contact_from_row)?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}
