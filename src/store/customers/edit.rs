//! Changing and deleting customers. A rep changes only their own customers (issue 5), a
//! manager any; the owner itself changes through claim, release and assign, not here.
//! Deletion is soft: the row stays as a tombstone so offline copies learn of it (README, Offline: a laptop copy and `sync`).

use crate::domain::names;
use crate::store::customers::{Customer, NewCustomer, refuse_taken_name};
use crate::store::policy::Write;
use crate::store::{Actor, Result, Store, StoreError, audit};

impl Store {
    /// Who may change `c`: its owner or a manager.
    fn require_can_edit(&self, actor: &Actor, w: Write, c: &Customer) -> Result<()> {
        if actor.may_on(w, actor.holding(c.owner_id.as_deref()))? {
            return Ok(());
        }
        let owner = c
            .owner_login
            .clone()
            .unwrap_or_else(|| crate::t!("status.pool").to_string());
        Err(StoreError::rule(
            "error.not_yours",
            &[("customer", &c.name), ("owner", &owner)],
        ))
    }

    /// Replaces every field of the customer with `fields` (its `owner` is not used).
    pub fn update_customer(
        &mut self,
        actor: &Actor,
        id: &str,
        fields: NewCustomer,
    ) -> Result<Customer> {
        let c = self.customer(id)?;
        self.require_can_edit(actor, Write::UpdateCustomer, &c)?;
        let name = names::required_line("name", &fields.name)?;
        let key = names::name_key(&name);
        if let Some(next) = fields.next_follow_up {
            crate::domain::date_input::planned("next", next, self.clock().today())?;
        }
        let opt = |s: &Option<String>| s.as_deref().and_then(names::optional);
        let scope = crate::store::policy::Scope::of(actor);
        self.write(actor, |tx, ctx| {
            refuse_taken_name(tx, &name, &key, Some(&c.id), &scope)?;
            tx.execute(
                "UPDATE customers SET name = ?2, name_key = ?3, grade = ?4, stage = ?5, industry = ?6,
                     size = ?7, region = ?8, source = ?9, address = ?10, tags = ?11, notes = ?12,
                     next_follow_up = ?13, updated_at = ?14, updated_by = ?15, city = ?16,
                     phone = ?17, mobile = ?18, email = ?19, website = ?20,
                     name_pinyin = CASE WHEN name_key IS ?3 THEN name_pinyin END
                 WHERE id = ?1",
                rusqlite::params![
                    c.id,
                    name,
                    key,
                    fields.grade.unwrap_or_default().code(),
                    fields.stage.unwrap_or_default().code(),
                    opt(&fields.industry),
                    opt(&fields.size),
                    opt(&fields.region),
                    super::source(&fields.source),
                    opt(&fields.address),
                    opt(&fields.tags),
                    opt(&fields.notes),
                    fields.next_follow_up,
                    ctx.now,
                    ctx.login,
                    opt(&fields.city),
                    opt(&fields.phone),
                    opt(&fields.mobile),
                    opt(&fields.email),
                    opt(&fields.website),
                ],
            )?;
            // A new name's pinyin (`spelling`); an unchanged name keeps its own.
            crate::store::customers::spelling::fill_name_pinyin(tx, "main")?;
            audit::record(tx, ctx, actor, "customer.edit", Some(("customer", &c.id)), None)
        })?;
        self.customer(&c.id)
    }

    /// Deletes a customer (a tombstone). Its visits and deals stay in the history.
    pub fn delete_customer(&mut self, actor: &Actor, id: &str) -> Result<()> {
        let c = self.customer(id)?;
        self.require_can_edit(actor, Write::DeleteCustomer, &c)?;
        self.write(actor, |tx, ctx| {
            tx.execute(
                "UPDATE customers SET deleted_at = ?2, updated_at = ?2, updated_by = ?3 WHERE id = ?1",
                (&c.id, &ctx.now, &ctx.login),
            )?;
            audit::record(tx, ctx, actor, "customer.delete", Some(("customer", &c.id)), Some(&c.name))
        })
    }
}
