//! What every tab is to the shell (`app.rs`): its id for the tab bar, and `TabView`, the
//! calls the shell makes. A tab owns its state, reads the store through a `Ctx`, draws with a
//! `Look`, and answers with an `Effect`; it never sees the shell.

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::store::StoreError;
use crate::tui::ctx::{Ctx, Look};
use crate::tui::effect::Effect;
use crate::tui::keymap::{Action, Scope};
use crate::tui::loader::Output;
use crate::tui::widgets::form::Form;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TabId {
    Customers,
    Visits,
    Deals,
    Targets,
    Scorecards,
    People,
}

impl TabId {
    pub const ALL: [TabId; 6] = [
        TabId::Customers,
        TabId::Visits,
        TabId::Deals,
        TabId::Targets,
        TabId::Scorecards,
        TabId::People,
    ];

    pub fn title_key(self) -> &'static str {
        match self {
            TabId::Customers => "tab.customers",
            TabId::Visits => "tab.visits",
            TabId::Deals => "tab.deals",
            TabId::Targets => "tab.targets",
            TabId::Scorecards => "tab.scorecards",
            TabId::People => "tab.people",
        }
    }

    pub fn index(self) -> usize {
        TabId::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }
}

/// A tab, as the shell drives it.
pub trait TabView {
    /// The key scopes in force on the screen the tab shows now (its list, a detail…): the
    /// keys are looked up and the help is drawn for these.
    fn scopes(&self) -> &'static [Scope];

    /// Table rows that fit on the screen now.
    fn resize(&mut self, _rows: usize) {}

    /// The data changed (or may have): read again when next shown, keeping the selection.
    fn mark_stale(&mut self);

    /// Shown now: read what is out of date.
    fn show(&mut self, ctx: &mut Ctx) -> Effect;

    /// A key's action on this tab (the shell keeps the tab keys, help and quit).
    fn action(&mut self, ctx: &mut Ctx, action: Action) -> Effect;

    /// Saves the form this tab opened; Ok says what happened, Err is shown in the form.
    fn submit(&mut self, _ctx: &mut Ctx, _form: &Form) -> Result<Effect, StoreError> {
        Ok(Effect::None)
    }

    /// The form this tab opened was typed into: previews and totals under it.
    fn form_changed(&mut self, _ctx: &mut Ctx, _form: &mut Form) {}

    /// The answer to the question this tab asked (`Effect::Ask`).
    fn answer(&mut self, _ctx: &mut Ctx, _yes: bool) -> Effect {
        Effect::None
    }

    /// The result of a read this tab asked for with `Effect::Load`.
    fn loaded(&mut self, _ctx: &mut Ctx, _output: Output) -> Effect {
        Effect::None
    }

    /// About four times a second while idle: work left for after the first draw.
    fn tick(&mut self, _ctx: &mut Ctx) -> Effect {
        Effect::None
    }

    /// The `/` filter's text, for a tab with a table.
    fn filter(&self) -> Option<&str> {
        None
    }

    /// Changes the `/` filter; the tab reads its first matching rows.
    fn edit_filter(&mut self, _ctx: &mut Ctx, _edit: &mut dyn FnMut(&mut String)) -> Effect {
        Effect::None
    }

    /// Show record `id` in full (the Customers tab: a customer opened from the agenda).
    fn open_record(&mut self, _ctx: &mut Ctx, _id: String) -> Effect {
        Effect::None
    }

    /// A click on the table's line `line`.
    fn click(&mut self, _line: usize) {}

    /// The mouse wheel: the table's selection moves by `delta` rows.
    fn scroll(&mut self, _ctx: &mut Ctx, _delta: isize) -> Effect {
        Effect::None
    }

    fn draw(&self, look: &Look, frame: &mut Frame, area: Rect);
}
