//! What a tab asks of the shell after a key, a save or an answer: the tab changes its own
//! state and returns one of these for what lies beyond it.

use crate::tui::loader::Job;
use crate::tui::widgets::form::Form;

#[derive(Debug)]
pub enum Effect {
    None,
    /// Say this on the status line.
    Message(String),
    /// The data changed: say this, and every tab reads again.
    Changed(String),
    /// Open this form over the screen; saving it comes back to the tab that asked.
    OpenForm(Form),
    /// Ask this yes/no question; the answer comes back to the tab that asked.
    Ask(Question),
    /// Start typing into the table's `/` filter.
    StartFilter,
    /// Run this read off the UI thread; its result comes back to the tab (`TabView::loaded`).
    Load(Job),
    /// Show this customer in full on the Customers tab (from the agenda).
    OpenCustomer(String),
}

/// A yes/no question: its title and text (messages already translated).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    pub title: String,
    pub text: String,
}

impl Effect {
    /// A store result as the status line shows it: nothing when it went well.
    pub fn from_error<T>(r: Result<T, crate::store::StoreError>) -> Effect {
        match r {
            Ok(_) => Effect::None,
            Err(e) => Effect::Message(e.to_string()),
        }
    }
}
