//! What the Customers tab's keys do: the detail, add and edit (customers, contacts), claim,
//! release, assign and delete, sorting and quick filters.

use crate::store::StoreError;
use crate::store::customers::NewCustomer;
use crate::store::customers::contacts::NewContact;
use crate::t;
use crate::tui::ctx::Ctx;
use crate::tui::effect::{Effect, Question};
use crate::tui::keymap::Action;
use crate::tui::tabs::customers::forms::{contact_form, customer_form};
use crate::tui::tabs::customers::state::Purpose;
use crate::tui::tabs::customers::state::{CustomersTab, SORTS};
use crate::tui::widgets::form::{Field, Form};

impl CustomersTab {
    pub(super) fn on_action(&mut self, ctx: &mut Ctx, action: Action) -> Effect {
        use Action as A;
        if self.detail.is_none() {
            if let Some(moved) = self.list.navigate(action) {
                return if moved { self.fetch(ctx) } else { Effect::None };
            }
        }
        match action {
            A::Open if self.detail.is_some() => self.start_edit_contact(),
            A::Open => self.open_detail(ctx),
            A::Down | A::Up if self.detail.is_some() => {
                let n = self.detail.as_ref().map_or(0, |d| d.contacts.len());
                let step: isize = if action == A::Down { 1 } else { -1 };
                let at = self.contact_at as isize + step;
                self.contact_at = at.clamp(0, n.saturating_sub(1) as isize) as usize;
                Effect::None
            }
            A::Back => {
                // Back to the list; a detail still on its way is not wanted any more.
                self.detail_ticket += 1;
                if self.detail.take().is_none() && !self.list.filter.is_empty() {
                    return self.set_filter(ctx, String::clear);
                }
                Effect::None
            }
            A::StartFilter => Effect::StartFilter,
            A::Add => {
                if let Some(refused) = ctx.refuse_read_only() {
                    return refused;
                }
                match self.current().filter(|_| self.detail.is_some()) {
                    Some((id, _)) => self.open(
                        Purpose::AddContact(id),
                        contact_form("tui.form_contact_add", &NewContact::default()),
                    ),
                    None => self.open(
                        Purpose::AddCustomer,
                        customer_form("tui.form_customer_add", &NewCustomer::default()),
                    ),
                }
            }
            A::Edit => self.start_edit(ctx),
            A::Remove => match self
                .detail
                .as_ref()
                .and_then(|d| d.contacts.get(self.contact_at))
            {
                Some(k) => {
                    let text = t!("tui.confirm_remove_contact", name = k.name);
                    self.pending_contact = Some((k.id.clone(), k.name.clone()));
                    Effect::Ask(Question {
                        title: t!("tui.delete_title").to_string(),
                        text,
                    })
                }
                None => Effect::None,
            },
            A::Delete => match self.current() {
                Some(c) => {
                    let text = t!("tui.confirm_delete", name = c.1);
                    self.pending_delete = Some(c);
                    Effect::Ask(Question {
                        title: t!("tui.delete_title").to_string(),
                        text,
                    })
                }
                None => Effect::None,
            },
            A::Claim => {
                self.change_owner(ctx, |ctx, id| ctx.store.claim(ctx.actor, id).map(|_| ()))
            }
            A::Release => {
                self.change_owner(ctx, |ctx, id| ctx.store.release(ctx.actor, id).map(|_| ()))
            }
            A::Assign => self.start_assign(ctx),
            A::Import if self.detail.is_none() => self.start_import(ctx),
            A::Sort => {
                let i = SORTS.iter().position(|(s, _)| *s == self.sort).unwrap_or(0);
                self.sort = SORTS[(i + 1) % SORTS.len()].0;
                self.read_anew(ctx)
            }
            A::QuickFilter => {
                self.quick = self.quick.next();
                self.read_anew(ctx)
            }
            _ => Effect::None,
        }
    }

    pub(super) fn open(&mut self, purpose: Purpose, form: Form) -> Effect {
        self.purpose = Some(purpose);
        Effect::OpenForm(form)
    }

    fn open_detail(&mut self, ctx: &mut Ctx) -> Effect {
        self.contact_at = 0;
        match self.current() {
            Some((id, _)) => self.read_detail(ctx, id),
            None => Effect::None,
        }
    }

    fn change_owner(
        &mut self,
        ctx: &mut Ctx,
        f: impl FnOnce(&mut Ctx, &str) -> Result<(), StoreError>,
    ) -> Effect {
        let Some((id, _)) = self.current() else {
            return Effect::None;
        };
        match f(ctx, &id) {
            Ok(()) => Effect::Changed(t!("tui.saved").to_string()),
            Err(e) => Effect::Message(e.to_string()),
        }
    }

    fn start_edit(&mut self, ctx: &mut Ctx) -> Effect {
        let Some((id, _)) = self.current() else {
            return Effect::None;
        };
        match ctx.store.customer(&id) {
            Ok(c) => {
                let fields = NewCustomer {
                    name: c.name,
                    grade: Some(c.grade),
                    stage: Some(c.stage),
                    owner: None,
                    industry: c.industry,
                    size: c.size,
                    region: c.region,
                    city: c.city,
                    source: c.source,
                    address: c.address,
                    tags: c.tags,
                    notes: c.notes,
                    phone: c.phone,
                    mobile: c.mobile,
                    email: c.email,
                    website: c.website,
                    next_follow_up: c.next_follow_up,
                };
                self.open(
                    Purpose::EditCustomer(id),
                    customer_form("tui.form_customer_edit", &fields),
                )
            }
            Err(e) => Effect::Message(e.to_string()),
        }
    }

    fn start_edit_contact(&mut self) -> Effect {
        let Some(k) = self
            .detail
            .as_ref()
            .and_then(|d| d.contacts.get(self.contact_at))
            .cloned()
        else {
            return Effect::None;
        };
        let fields = NewContact {
            customer_id: k.customer_id,
            name: k.name,
            title: k.title,
            phone: k.phone,
            email: k.email,
            purchase_role: k.purchase_role,
            personality: k.personality,
            notes: k.notes,
        };
        self.open(
            Purpose::EditContact(k.id),
            contact_form("tui.form_contact_edit", &fields),
        )
    }

    fn start_assign(&mut self, ctx: &mut Ctx) -> Effect {
        let Some((id, _)) = self.current() else {
            return Effect::None;
        };
        match ctx.store.list_reps() {
            Ok(reps) => {
                let options = reps
                    .into_iter()
                    .filter(|r| r.is_active())
                    .map(|r| (r.login.clone(), format!("{} ({})", r.name, r.login)))
                    .collect();
                let form = Form::new("tui.form_assign", vec![Field::choice("owner", options, "")]);
                self.open(Purpose::Assign(id), form)
            }
            Err(e) => Effect::Message(e.to_string()),
        }
    }

    /// A contact removed once confirmed.
    pub(super) fn confirm_remove_contact(&mut self, ctx: &mut Ctx, yes: bool) -> Effect {
        let Some((id, name)) = self.pending_contact.take() else {
            return Effect::None;
        };
        if !yes {
            return Effect::None;
        }
        match ctx.store.delete_contact(ctx.actor, &id) {
            Ok(()) => {
                self.contact_at = self.contact_at.saturating_sub(1);
                Effect::Changed(t!("tui.deleted", name = name))
            }
            Err(e) => Effect::Message(e.to_string()),
        }
    }

    pub(super) fn confirm_delete(&mut self, ctx: &mut Ctx, yes: bool) -> Effect {
        let Some((id, name)) = self.pending_delete.take() else {
            return Effect::None;
        };
        if !yes {
            return Effect::None;
        }
        match ctx.store.delete_customer(ctx.actor, &id) {
            Ok(()) => {
                self.detail = None;
                Effect::Changed(t!("tui.deleted", name = name))
            }
            Err(e) => Effect::Message(e.to_string()),
        }
    }
}
