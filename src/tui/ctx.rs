//! What a tab may use: `Ctx` while it handles a key or a save (the store, who acts, the
//! team's currency), `Look` while it draws (no store: drawing never reads).

use chrono::NaiveDate;

use crate::store::{Actor, Store};
use crate::tui::effect::Effect;
use crate::tui::theme::Theme;
use crate::tui::widgets::paged_table::TableLook;

pub struct Ctx<'a> {
    pub store: &'a mut Store,
    pub actor: &'a Actor,
    /// The team's currency sign.
    pub currency: &'a str,
}

impl Ctx<'_> {
    pub fn today(&self) -> NaiveDate {
        self.store.clock().today()
    }

    /// Refuses, with `read_only_message`, an action that would open a form to add a record
    /// when nothing this actor types could be saved.
    pub fn refuse_read_only(&self) -> Option<Effect> {
        (!self.actor.can_write()).then(|| Effect::Message(read_only_message(self.actor)))
    }
}

/// Why `actor` may not write. A uid with no passwd entry is told that, never to be added
/// as a rep: its placeholder login can be no rep's.
pub fn read_only_message(actor: &Actor) -> String {
    if actor.require_identity().is_err() {
        crate::t!("identity.tui_read_only").to_string()
    } else {
        crate::t!("error.read_only", login = actor.login)
    }
}

/// What drawing may use.
pub struct Look<'a> {
    pub theme: &'a Theme,
    pub actor: &'a Actor,
    /// The team's currency sign.
    pub currency: &'a str,
    pub today: NaiveDate,
    /// A `/` filter is being typed into the table shown (its info line shows the cursor).
    pub filtering: bool,
}

impl Look<'_> {
    /// What a table needs of it.
    pub fn table(&self) -> TableLook<'_> {
        TableLook {
            theme: self.theme,
            currency: self.currency,
            filtering: self.filtering,
        }
    }
}
