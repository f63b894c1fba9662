//! The TUI's state and how input changes it. Input becomes an `Action` (see `keys`), `update`
//! changes the state and asks the store for the rows it will show; `view` only draws.

use chrono::Datelike;
use ratatui::Frame;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use crate::config::Settings;
use crate::domain::DealStage;
use crate::store::customers::detail::CustomerDetail;
use crate::store::customers::{CustomerRow, CustomerSort};
use crate::store::deals::{Deal, Payment, StageTotal};
use crate::store::demo::{self, DemoOptions};
use crate::store::visits::VisitRow;
use crate::store::visits::edit::Visit;
use crate::store::{Actor, Store};
use crate::t;

/// How long a save waits for another process's write lock before the form says so.
const WRITE_WAIT: std::time::Duration = std::time::Duration::from_millis(100);
use crate::tui::customers_tab::QuickFilter;
use crate::tui::forms::FormPurpose;
use crate::tui::keymap::KeyMap;
use crate::tui::keys::{Action, Scope, screen};
use crate::tui::scorecards_tab::ScorecardsView;
use crate::tui::targets_tab::TargetsView;
use crate::tui::theme::Theme;
use crate::tui::view;
use crate::tui::visits_tab::VisitFilter;
use crate::tui::widgets::form::{FIELD_MAX_CHARS, Form, Pasted, push_line};
use crate::tui::window::Window;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Customers,
    Visits,
    Deals,
    Targets,
    Scorecards,
}

impl Tab {
    pub const ALL: [Tab; 5] = [
        Tab::Customers,
        Tab::Visits,
        Tab::Deals,
        Tab::Targets,
        Tab::Scorecards,
    ];

    pub fn title_key(self) -> &'static str {
        match self {
            Tab::Customers => "tab.customers",
            Tab::Visits => "tab.visits",
            Tab::Deals => "tab.deals",
            Tab::Targets => "tab.targets",
            Tab::Scorecards => "tab.scorecards",
        }
    }

    pub fn has_table(self) -> bool {
        matches!(self, Tab::Customers | Tab::Visits | Tab::Deals)
    }

    /// The tabs that show data from the store (read when shown, again after a change).
    pub fn reads_data(self) -> bool {
        self.has_table() || matches!(self, Tab::Targets | Tab::Scorecards)
    }
}

/// A dialog over the screen; it takes the keys while open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialog {
    Help,
    /// Delete the customer in `App::pending_delete`? (y/n)
    ConfirmDelete,
    /// A new, empty database: offer demo data.
    DemoOffer,
}

/// The demo data a new user is offered: enough to look around, quick to write.
pub const FIRST_RUN_DEMO: DemoOptions = DemoOptions {
    seed: 7,
    reps: 12,
    customers: 600,
    visits: 6000,
    deals: 1200,
    years: 2,
};

pub struct App {
    pub(crate) store: Store,
    pub actor: Actor,
    pub theme: Theme,
    pub keymap: KeyMap,
    pub currency: String,
    pub tab: Tab,
    pub dialog: Option<Dialog>,
    /// A filter is being typed into the current table (after `/`, until Enter or Esc).
    pub filtering: bool,
    /// An open form and what saving it will do; it takes the keys while open.
    pub form: Option<(FormPurpose, Form)>,
    /// The customer whose detail is shown instead of the list.
    pub detail: Option<CustomerDetail>,
    pub quick: QuickFilter,
    pub sort: CustomerSort,
    pub deals: Window<Deal>,
    /// The pipeline of the Deals tab's scope, stage by stage.
    pub pipeline: Vec<StageTotal>,
    /// Only this stage in the deal list (`f` steps through them).
    pub deal_stage: Option<DealStage>,
    /// Whose deals the Deals tab shows: (rep id, login), or None for the whole team. `m`
    /// steps: the team, me, then (managers) every other active rep.
    pub deals_of: Option<(String, String)>,
    /// The deal whose payments are shown, with them.
    pub deal_detail: Option<(Deal, Vec<Payment>)>,
    /// The visit shown in full on the Visits tab.
    pub visit_detail: Option<Visit>,
    /// The visit log's filters (rep, kind, dates).
    pub visit_filter: VisitFilter,
    /// The agenda shown on the Visits tab: customers due today or overdue.
    pub agenda: Option<Vec<CustomerRow>>,
    /// The Targets tab's grid and cursor.
    pub targets: TargetsView,
    /// The Scorecards tab's cards and cursor.
    pub scorecards: ScorecardsView,
    /// The highlighted contact in the open detail.
    pub contact_at: usize,
    /// The customer (id, name) a delete waits to be confirmed for.
    pub pending_delete: Option<(String, String)>,
    pub customers: Window<CustomerRow>,
    pub visits: Window<VisitRow>,
    /// The last message for the status line (an error, or what just happened).
    pub message: Option<String>,
    /// The open form's save found another process writing: tried again on the next tick.
    pub(crate) save_waiting: bool,
    pub size: (u16, u16),
    /// Tables whose window is out of date; a tab is read when it is shown, not before,
    /// so start-up reads only the first tab.
    pub(crate) stale: Vec<Tab>,
    data_version: i64,
    pub(crate) quit: bool,
}

impl App {
    pub fn new(mut store: Store, actor: Actor, settings: &Settings) -> anyhow::Result<App> {
        // A save never freezes the screen behind another process's write (a long sync): it
        // waits a moment, then the form says so and tries again on the next tick.
        store.set_write_patience(WRITE_WAIT)?;
        // Every tab, picker and detail shows what this actor may see (store::policy).
        store.set_viewer(&actor);
        let today = store.clock().today();
        let data_version = store.data_version()?;
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let (keymap, problems) = KeyMap::with_overrides(&settings.keys);
        let message = App::first_message(&actor, &problems);
        // The team's currency, from the database (a manager sets it for everyone).
        let currency = store.rules()?.currency;
        let mut app = App {
            store,
            actor,
            theme: Theme::choose(no_color, &settings.theme),
            keymap,
            currency,
            tab: Tab::Customers,
            dialog: None,
            filtering: false,
            form: None,
            detail: None,
            quick: QuickFilter::default(),
            sort: CustomerSort::default(),
            pending_delete: None,
            contact_at: 0,
            deals: Window::default(),
            pipeline: Vec::new(),
            deal_stage: None,
            deals_of: None,
            deal_detail: None,
            visit_detail: None,
            visit_filter: VisitFilter::default(),
            agenda: None,
            targets: TargetsView::new(today.year()),
            scorecards: ScorecardsView::default(),
            customers: Window::default(),
            visits: Window::default(),
            message,
            save_waiting: false,
            size: (80, 24),
            stale: Vec::new(),
            data_version,
            quit: false,
        };
        // Nothing is read until the first `resize` says how many rows fit.
        app.stale = Tab::ALL
            .iter()
            .copied()
            .filter(|t| t.reads_data())
            .collect();
        Ok(app)
    }

    /// What the status line says at start: how to be added when this login may only read,
    /// else any key overrides that were ignored.
    fn first_message(actor: &Actor, key_problems: &[String]) -> Option<String> {
        if !actor.can_write() {
            Some(App::read_only_message(actor))
        } else if !key_problems.is_empty() {
            Some(crate::t!("tui.bad_keys", keys = key_problems.join(", ")))
        } else {
            None
        }
    }

    /// Why `actor` may not write. A uid with no passwd entry is told that, never to be added
    /// as a rep: its placeholder login can be no rep's (robustness item 17).
    pub fn read_only_message(actor: &Actor) -> String {
        if actor.require_identity().is_err() {
            crate::t!("identity.tui_read_only").to_string()
        } else {
            crate::t!("error.read_only", login = actor.login)
        }
    }

    /// Refuses, with `read_only_message`, an action that would open a form to add a record
    /// when nothing this actor types could be saved.
    pub fn refuse_read_only(&mut self) -> bool {
        if self.actor.can_write() {
            return false;
        }
        self.message = Some(App::read_only_message(&self.actor));
        true
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    pub fn db_path(&self) -> String {
        self.store.path().display().to_string()
    }

    pub fn offer_demo(&mut self) {
        self.dialog = Some(Dialog::DemoOffer);
    }

    pub fn draw(&self, frame: &mut Frame) {
        view::draw(self, frame);
    }

    /// The terminal's size is known or changed: the tables show a different number of rows.
    /// The first call reads the first tab's window.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.size = (width, height);
        let rows = view::table_rows(height);
        self.customers.height = rows;
        self.visits.height = rows;
        self.deals.height = rows.saturating_sub(crate::tui::deals_tab::PIPELINE_LINES);
        self.reload();
    }

    /// Called about four times a second when idle: notices other sessions' writes.
    pub fn tick(&mut self) {
        if std::mem::take(&mut self.save_waiting) && self.form.is_some() {
            self.submit_form();
        }
        if self.tab == Tab::Scorecards {
            self.load_scorecard_trend();
        }
        if let Ok(v) = self.store.data_version() {
            if v != self.data_version {
                self.data_version = v;
                // A manager may have changed the team's currency meanwhile.
                if let Ok(rules) = self.store.rules() {
                    self.currency = rules.currency;
                }
                self.reload();
            }
        }
    }

    pub fn handle_event(&mut self, event: Event) {
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => self.handle_key(key),
            Event::Mouse(mouse) => self.handle_mouse(mouse),
            Event::Resize(w, h) => self.resize(w, h),
            Event::Paste(text) if self.form.is_some() => {
                if let Some((_, form)) = self.form.as_mut() {
                    self.message = match form.paste(&text) {
                        Pasted::Taken => None,
                        Pasted::Cut => Some(t!("tui.paste_cut", max = FIELD_MAX_CHARS)),
                        Pasted::NotText => Some(t!("tui.paste_ignored").to_string()),
                    };
                }
                self.refresh_picker();
            }
            Event::Paste(text) if self.filtering => {
                let mut cut = false;
                self.edit_filter(|f| cut = push_line(f, &text, FIELD_MAX_CHARS));
                if cut {
                    self.message = Some(t!("tui.paste_cut", max = FIELD_MAX_CHARS));
                }
            }
            // Outside a text field a paste is never taken as keys: `d` `y` in a pasted text
            // must not delete a customer.
            Event::Paste(_) => self.message = Some(t!("tui.paste_ignored").to_string()),
            _ => {}
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent) {
        if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
            // A form with typed input asks first; Ctrl-C again (or `y`) quits.
            self.quit = self.form.as_mut().is_none_or(|(_, form)| form.ask_quit());
            return;
        }
        if self.form.is_some() {
            self.form_key(key);
            return;
        }
        match self.dialog {
            Some(Dialog::ConfirmDelete) => {
                match key.code {
                    KeyCode::Char('y' | 'Y') => self.confirm_delete(true),
                    KeyCode::Char('n' | 'N') | KeyCode::Esc => self.confirm_delete(false),
                    _ => {}
                }
                return;
            }
            Some(Dialog::Help) => {
                if matches!(
                    key.code,
                    KeyCode::Esc | KeyCode::Enter | KeyCode::Char('?' | 'q')
                ) {
                    self.dialog = None;
                }
                return;
            }
            Some(Dialog::DemoOffer) => {
                match key.code {
                    KeyCode::Char('y' | 'Y') => self.write_demo(),
                    KeyCode::Char('n' | 'N') | KeyCode::Esc => self.dialog = None,
                    _ => {}
                }
                return;
            }
            None => {}
        }
        if self.filtering && self.type_into_filter(key) {
            return;
        }
        let scopes = self.scopes();
        if let Some(action) = self.keymap.lookup(&key, &scopes) {
            self.update(action);
        }
    }

    /// Where the keys apply now: the help shows the same scopes.
    pub fn scopes(&self) -> Vec<Scope> {
        match self.tab {
            Tab::Customers if self.detail.is_some() => screen::CUSTOMER_DETAIL,
            Tab::Customers => screen::CUSTOMERS,
            Tab::Visits if self.visit_detail.is_some() => screen::VISIT_DETAIL,
            Tab::Visits if self.agenda.is_some() => screen::AGENDA,
            Tab::Visits => screen::VISITS,
            Tab::Deals if self.deal_detail.is_some() => screen::DEAL_DETAIL,
            Tab::Deals => screen::DEALS,
            Tab::Targets if self.targets.history.is_some() => screen::TARGET_HISTORY,
            Tab::Targets => screen::TARGETS,
            Tab::Scorecards if self.scorecards.detail => screen::SCORECARD_DETAIL,
            Tab::Scorecards => screen::SCORECARDS,
        }
        .to_vec()
    }

    /// Keys while typing a filter. Returns false for keys the filter leaves to the table.
    fn type_into_filter(&mut self, key: KeyEvent) -> bool {
        match key.code {
            KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                self.edit_filter(|f| f.push(c));
            }
            KeyCode::Backspace => self.edit_filter(|f| {
                f.pop();
            }),
            KeyCode::Enter => self.filtering = false,
            KeyCode::Esc => {
                self.filtering = false;
                self.edit_filter(String::clear);
            }
            _ => return false,
        }
        true
    }

    pub fn update(&mut self, action: Action) {
        match action {
            // The Targets, Deals and Visits tabs handle their own keys first (details included).
            _ if self.tab == Tab::Targets && action.is_targets_action() => {
                self.targets_action(action)
            }
            _ if self.tab == Tab::Scorecards
                && action.is_scorecard_action(self.scorecards.detail) =>
            {
                self.scorecards_action(action)
            }
            _ if self.tab == Tab::Deals && action.is_deal_action(self.deal_detail.is_some()) => {
                self.deals_action(action)
            }
            _ if self.tab == Tab::Visits
                && action.is_visit_action(self.visit_detail.is_some() || self.agenda.is_some()) =>
            {
                self.visits_action(action)
            }
            Action::NextTab => self.switch_tab((self.tab_index() + 1) % Tab::ALL.len()),
            Action::PrevTab => {
                self.switch_tab((self.tab_index() + Tab::ALL.len() - 1) % Tab::ALL.len())
            }
            Action::GoTab(i) => self.switch_tab(i),
            Action::Down | Action::Up if self.detail.is_some() => self.customers_action(action),
            Action::Down => self.move_selection(1),
            Action::Up => self.move_selection(-1),
            Action::PageDown => self.move_selection(self.customers.page()),
            Action::PageUp => self.move_selection(-self.customers.page()),
            Action::Top => self.move_selection(isize::MIN / 2),
            Action::Bottom => self.move_selection(isize::MAX / 2),
            Action::StartFilter => self.filtering = self.tab.has_table(),
            Action::Back if self.detail.is_some() => self.customers_action(action),
            Action::Back => {
                if !self.filter().is_empty() {
                    self.edit_filter(String::clear);
                }
            }
            Action::Help => self.dialog = Some(Dialog::Help),
            // No form is open here (an open one takes every key, and Ctrl-C asks in
            // `handle_key` when it holds typed input), so nothing typed is lost.
            Action::Quit | Action::ForceQuit => self.quit = true,
            Action::Open
            | Action::Add
            | Action::Edit
            | Action::Delete
            | Action::Claim
            | Action::Release
            | Action::Assign
            | Action::Sort
            | Action::QuickFilter => self.customers_action(action),
            // Only the Deals, Visits, Targets or Scorecards tab has these; it took them above.
            Action::PeriodBack
            | Action::PeriodForward
            | Action::Win
            | Action::Lose
            | Action::Pay
            | Action::Mine
            | Action::Agenda
            | Action::Left
            | Action::Right
            | Action::Toggle
            | Action::Metric
            | Action::Split
            | Action::Rate => {}
        }
    }

    fn tab_index(&self) -> usize {
        Tab::ALL.iter().position(|t| *t == self.tab).unwrap_or(0)
    }

    fn switch_tab(&mut self, i: usize) {
        if let Some(tab) = Tab::ALL.get(i) {
            self.tab = *tab;
            self.filtering = false;
            self.show(*tab);
        }
    }

    fn move_selection(&mut self, delta: isize) {
        let moved = match self.tab {
            Tab::Customers => self.customers.move_by(delta),
            Tab::Visits => self.visits.move_by(delta),
            Tab::Deals => self.deals.move_by(delta),
            _ => false,
        };
        if moved {
            self.fetch(self.tab);
        }
    }

    fn write_demo(&mut self) {
        self.dialog = None;
        let login = self.actor.login.clone();
        match demo::generate(&mut self.store, &login, &FIRST_RUN_DEMO) {
            Ok(_) => {
                // The founding manager may have been made by the demo; act as them now.
                if let Ok(actor) = self.store.actor_for(&login) {
                    self.actor = actor;
                }
                self.reload();
            }
            Err(e) => self.message = Some(e.to_string()),
        }
    }

    fn handle_mouse(&mut self, mouse: MouseEvent) {
        match mouse.kind {
            MouseEventKind::Down(MouseButton::Left)
                if self.dialog.is_none() && self.form.is_none() =>
            {
                if mouse.row == 0 {
                    if let Some(i) = view::tab_at(mouse.column) {
                        self.switch_tab(i);
                    }
                } else if let Some(line) = view::table_line_at(self.size.1, mouse.row) {
                    match self.tab {
                        Tab::Customers => self.customers.select_visible(line),
                        Tab::Visits => self.visits.select_visible(line),
                        _ => {}
                    }
                }
            }
            MouseEventKind::ScrollDown => self.move_selection(3),
            MouseEventKind::ScrollUp => self.move_selection(-3),
            _ => {}
        }
    }
}
