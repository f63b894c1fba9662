//! The Customers tab: the archive a window at a time, filtered as you type, and one
//! customer's detail with its contacts.

mod detail;
pub mod forms;
mod import;
mod keys;
mod searched;
pub mod state;
mod view;

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::store::Slice;
use crate::store::StoreError;
use crate::store::customers::detail::CustomerDetail;
use crate::store::customers::{CustomerQuery, CustomerRow, Matches};
use crate::tui::ctx::{Ctx, Look};
use crate::tui::effect::Effect;
use crate::tui::keymap::{Action, Scope, screen};
use crate::tui::loader::{Job, Output};
use crate::tui::tab::TabView;
use crate::tui::widgets::form::Form;
use crate::tui::widgets::paged_table::{COUNT_CAP, Fresh};
pub use state::{CustomersTab, QuickFilter};

/// The first window of a filter's read number `.0`, before its matches are counted.
struct FirstRows(u64, Result<Vec<CustomerRow>, String>);

/// A save's message, once the worker has looked for the new customer's likely twins.
struct Saved(String);

/// A customer's detail read on the worker, or why not.
type DetailRead = Result<CustomerDetail, String>;

/// A `/` filter's read on the worker: the first window, and what the search found to keep
/// (with the `Searched::generation` it was asked in).
type SearchRead = Result<(Fresh<CustomerRow>, (CustomerQuery, Matches, u64)), String>;

impl CustomersTab {
    /// The count and the visible rows again, keeping the selected customer where it can.
    fn read(&mut self, ctx: &mut Ctx) -> Effect {
        self.stale = false;
        match ctx
            .store
            .count_customers_upto(&self.query(ctx.actor), COUNT_CAP)
        {
            Ok((n, exact)) => (self.list.total, self.list.exact) = (n, exact),
            Err(e) => return Effect::Message(e.to_string()),
        }
        self.list.scroll_to_selection();
        let effect = self.fetch(ctx);
        self.list.select_kept();
        effect
    }

    /// The visible rows, and nothing more.
    fn fetch(&mut self, ctx: &mut Ctx) -> Effect {
        let q = self.query(ctx.actor);
        Effect::from_error(
            self.list
                .fetch_with(|at, n| ctx.store.customer_page(&q, at, n)),
        )
    }

    /// One customer in full, read on the worker (its visits, deals, contacts and owners):
    /// shown when it comes, instead of the list.
    pub(super) fn read_detail(&mut self, ctx: &mut Ctx, id: String) -> Effect {
        self.detail_ticket += 1;
        let (ticket, actor) = (self.detail_ticket, ctx.actor.clone());
        Effect::Load(Job::new(move |store| {
            store.set_viewer(&actor);
            let detail: DetailRead = store.customer_detail(&id).map_err(|e| e.to_string());
            (ticket, id, detail)
        }))
    }

    /// The list in a new order or quick filter, from its first row, read on the worker (an
    /// order without an index, or the overdue filter, reads every customer): the old rows
    /// stay, the info line says it is loading, until the new ones come.
    fn read_anew(&mut self, ctx: &mut Ctx) -> Effect {
        let (ticket, actor) = (self.fresh.ask(), ctx.actor.clone());
        let (q, height) = (self.query(ctx.actor), self.list.height);
        Effect::Load(Job::new(move |store| {
            store.set_viewer(&actor);
            let read = store.count_customers_upto(&q, COUNT_CAP).and_then(|total| {
                let rows = store.customer_page(&q, Slice::Start(0), height)?;
                Ok((total, rows))
            });
            (ticket, read.map_err(|e| e.to_string()))
        }))
    }

    /// A keystroke of the `/` filter, read on the worker like a visit search. When a shorter
    /// search's matches are kept (`Searched`), the new ones are picked from them at once.
    /// Else the first window is read first (the list in its order until a window of matches
    /// is found: a fraction of a millisecond for a letter most names hold) and drawn, and
    /// then every match is found and counted in one pass over the names (on 100 000
    /// customers, about a frame). The rows shown stay until the new ones come, and a faster
    /// typist's older reads are dropped. An empty filter is the whole list again.
    fn set_filter(&mut self, ctx: &mut Ctx, mut edit: impl FnMut(&mut String)) -> Effect {
        edit(&mut self.list.filter);
        self.list.rewind();
        self.stale = false;
        if self.list.filter.trim().is_empty() {
            return self.read_anew(ctx);
        }
        let ticket = self.fresh.ask();
        let q = self.query(ctx.actor);
        match self.searched.recall(&q) {
            Some(found) => self.search(ctx, ticket, Some(found)),
            None => {
                let (actor, height) = (ctx.actor.clone(), self.list.height);
                Effect::Load(Job::new(move |store| {
                    store.set_viewer(&actor);
                    let rows = store.customer_page(&q, Slice::Start(0), height);
                    FirstRows(ticket, rows.map_err(|e| e.to_string()))
                }))
            }
        }
    }

    /// Read number `ticket` of the filter: every match (or those `recalled`) and the first
    /// window's rows, to show and to keep.
    fn search(&self, ctx: &mut Ctx, ticket: u64, recalled: Option<Matches>) -> Effect {
        let (actor, q, height) = (ctx.actor.clone(), self.query(ctx.actor), self.list.height);
        let generation = self.searched.generation;
        Effect::Load(Job::new(move |store| {
            store.set_viewer(&actor);
            let found = match recalled {
                Some(found) => Ok(found),
                None => store.customer_matches(&q, COUNT_CAP),
            };
            let read: SearchRead = found
                .and_then(|found| {
                    let rows = store.customers_at(&found.first(height), q.sort)?;
                    let fresh = ((found.keys.len(), found.complete), rows);
                    Ok((fresh, (q, found, generation)))
                })
                .map_err(|e| e.to_string());
            (ticket, read)
        }))
    }
}

impl TabView for CustomersTab {
    fn scopes(&self) -> &'static [Scope] {
        if self.detail.is_some() {
            screen::CUSTOMER_DETAIL
        } else {
            screen::CUSTOMERS
        }
    }

    fn resize(&mut self, rows: usize) {
        self.list.height = rows;
    }

    fn mark_stale(&mut self) {
        self.searched.forget();
        self.list.remember();
        self.stale = true;
    }

    fn show(&mut self, ctx: &mut Ctx) -> Effect {
        if !self.stale {
            return Effect::None;
        }
        let read = self.read(ctx);
        // An open detail follows the change (it closes if the customer went away).
        match self.detail.as_ref().map(|d| d.customer.id.clone()) {
            Some(id) if matches!(read, Effect::None) => self.read_detail(ctx, id),
            _ => read,
        }
    }

    fn action(&mut self, ctx: &mut Ctx, action: Action) -> Effect {
        self.on_action(ctx, action)
    }

    fn submit(&mut self, ctx: &mut Ctx, form: &Form) -> Result<Effect, StoreError> {
        let Some(purpose) = self.purpose.clone() else {
            return Ok(Effect::None);
        };
        if purpose == state::Purpose::Import {
            return self.check_import(ctx, form);
        }
        let saved = crate::t!("tui.saved").to_string();
        match forms::save(ctx.store, ctx.actor, &purpose, form)? {
            // A customer added: whether it is likely one there already is looked up on the
            // worker (a pass over the names), and said with "saved" when it comes.
            Some(c) => {
                let actor = ctx.actor.clone();
                Ok(Effect::Load(Job::new(move |store| {
                    store.set_viewer(&actor);
                    let phones: Vec<&str> = [&c.phone, &c.mobile]
                        .into_iter()
                        .flatten()
                        .map(String::as_str)
                        .collect();
                    let twins = store
                        .likely_twins(&c.name, &phones, Some(&c.id))
                        .unwrap_or_default();
                    let note = crate::messages::twins_note(&c.name, &twins)
                        .map_or(saved.clone(), |n| format!("{saved} · {n}"));
                    Saved(note)
                })))
            }
            None => Ok(Effect::Changed(saved)),
        }
    }

    fn answer(&mut self, ctx: &mut Ctx, yes: bool) -> Effect {
        if self.pending_import.is_some() {
            return self.answer_import(ctx, yes);
        }
        if self.pending_contact.is_some() {
            return self.confirm_remove_contact(ctx, yes);
        }
        self.confirm_delete(ctx, yes)
    }

    fn loaded(&mut self, ctx: &mut Ctx, output: Output) -> Effect {
        let output = match output.downcast::<Saved>() {
            Ok(saved) => return Effect::Changed(saved.0),
            Err(other) => other,
        };
        let output = match self.import_read(output) {
            Ok(effect) => return effect,
            Err(other) => other,
        };
        let output = match output.downcast::<FirstRows>() {
            Ok(first) => {
                let FirstRows(ticket, rows) = *first;
                if !self.fresh.is_latest(ticket) {
                    return Effect::None;
                }
                return match rows {
                    // Shown while still loading: the count is to come.
                    Ok(rows) => {
                        self.list.show_first(rows);
                        self.search(ctx, ticket, None)
                    }
                    Err(e) => {
                        self.fresh.loading = false;
                        Effect::Message(e)
                    }
                };
            }
            Err(other) => other,
        };
        let output = match output.downcast::<(u64, String, DetailRead)>() {
            Ok(read) => {
                let (ticket, id, detail) = *read;
                if ticket != self.detail_ticket {
                    return Effect::None;
                }
                let open = self.detail.as_ref().map(|d| d.customer.id.as_str());
                return match detail {
                    Ok(d) => {
                        if open != Some(id.as_str()) {
                            self.contact_at = 0;
                        }
                        self.detail = Some(d);
                        Effect::None
                    }
                    // Gone since (deleted, handed to another rep): the detail closes.
                    Err(_) if open == Some(id.as_str()) => {
                        self.detail = None;
                        Effect::None
                    }
                    Err(e) => Effect::Message(e),
                };
            }
            Err(other) => other,
        };
        let output = match output.downcast::<(u64, SearchRead)>() {
            Ok(read) => {
                let (ticket, read) = *read;
                let read = read.map(|(fresh, (q, found, generation))| {
                    self.searched.keep(&q, found, generation);
                    fresh
                });
                return match self.fresh.answer(ticket, read, &mut self.list) {
                    Some(refused) => Effect::Message(refused),
                    None => Effect::None,
                };
            }
            Err(other) => other,
        };
        match self.fresh.take(output, &mut self.list) {
            Ok(Some(refused)) => Effect::Message(refused),
            _ => Effect::None,
        }
    }

    fn filter(&self) -> Option<&str> {
        Some(&self.list.filter)
    }

    fn edit_filter(&mut self, ctx: &mut Ctx, edit: &mut dyn FnMut(&mut String)) -> Effect {
        self.set_filter(ctx, edit)
    }

    fn open_record(&mut self, ctx: &mut Ctx, id: String) -> Effect {
        self.contact_at = 0;
        self.read_detail(ctx, id)
    }

    fn click(&mut self, line: usize) {
        if self.detail.is_none() {
            self.list.select_visible(line);
        }
    }

    fn scroll(&mut self, ctx: &mut Ctx, delta: isize) -> Effect {
        if self.list.move_by(delta) {
            self.fetch(ctx)
        } else {
            Effect::None
        }
    }

    fn draw(&self, look: &Look, frame: &mut Frame, area: Rect) {
        view::draw(self, look, frame, area);
    }
}
