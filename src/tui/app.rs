//! The shell: the tab bar and the tab shown, the overlays over it (a form, a question, the
//! help, the demo offer) and the status line. A key becomes an `Action` through the keymap;
//! the shell keeps the keys of the tab bar, the help and quitting, and hands the rest to the
//! tab shown, whose `Effect` it then carries out. `view::draw` draws it.

use chrono::Datelike;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use crate::config::Settings;
use crate::store::demo::{self, DemoOptions};
use crate::store::{Actor, Store, StoreError};
use crate::t;
use crate::tui::ctx::{Ctx, Look, read_only_message};
use crate::tui::effect::{Effect, Question};
use crate::tui::keymap::{Action, KeyMap, Scope};
use crate::tui::layout;
use crate::tui::loader::{Job, Loader, Output};
use crate::tui::tab::{TabId, TabView};
use crate::tui::tabs::Tabs;
use crate::tui::theme::Theme;
use crate::tui::widgets::form::{FIELD_MAX_CHARS, Form, FormEvent, Pasted, push_line};
use crate::tui::widgets::picker;

/// How long a save waits for another process's write lock before the form says so.
const WRITE_WAIT: std::time::Duration = std::time::Duration::from_millis(100);

/// A dialog over the screen; it takes the keys while open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dialog {
    Help,
    /// A yes/no question a tab asked; the answer goes back to that tab.
    Confirm(TabId, Question),
    /// A new, empty database: offer demo data.
    DemoOffer,
}

/// Who asked for a read on the worker, and so gets its result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asker {
    Tab(TabId),
    /// The customer picker of the open form.
    Picker,
    /// The shell's own upkeep (a checkpoint): nothing to show.
    Shell,
}

/// An open form and the tab that opened it (which saves it).
pub struct OpenForm {
    pub tab: TabId,
    pub form: Form,
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
    pub tab: TabId,
    pub tabs: Tabs,
    pub dialog: Option<Dialog>,
    /// A filter is being typed into the current table (after `/`, until Enter or Esc).
    pub filtering: bool,
    /// An open form; it takes the keys while open.
    pub form: Option<OpenForm>,
    /// The last message for the status line (an error, or what just happened).
    pub message: Option<String>,
    /// The open form's save found another process writing: tried again on the next tick.
    pub(crate) save_waiting: bool,
    pub size: (u16, u16),
    data_version: i64,
    pub(crate) quit: bool,
    /// The worker that runs slow reads; None when a second connection could not be opened
    /// (the reads then run here, as before).
    loader: Option<Loader<Asker>>,
    /// A save since the last checkpoint: the worker checkpoints at the next idle tick.
    checkpoint_due: bool,
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
        // The worker's own connection, opened here (on this thread, with the team's group
        // when it is a team server's file).
        let loader = Store::open(store.path(), store.clock())
            .ok()
            .map(Loader::start);
        // With a worker, a save never copies the log back into the file on this thread.
        if loader.is_some() {
            store.defer_checkpoints()?;
        }
        // Nothing is read until the first `resize` says how many rows fit.
        Ok(App {
            store,
            actor,
            theme: Theme::choose(no_color, &settings.theme),
            keymap,
            currency,
            tab: TabId::Customers,
            tabs: Tabs::new(today.year()),
            dialog: None,
            filtering: false,
            form: None,
            message,
            save_waiting: false,
            size: (80, 24),
            data_version,
            quit: false,
            loader,
            checkpoint_due: false,
        })
    }

    /// What the status line says at start: how to be added when this login may only read,
    /// else any key overrides that were ignored.
    fn first_message(actor: &Actor, key_problems: &[String]) -> Option<String> {
        if !actor.can_write() {
            Some(read_only_message(actor))
        } else if !key_problems.is_empty() {
            Some(crate::t!("tui.bad_keys", keys = key_problems.join(", ")))
        } else {
            None
        }
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    pub fn db_path(&self) -> String {
        self.store.path().display().to_string()
    }

    pub fn today(&self) -> chrono::NaiveDate {
        self.store.clock().today()
    }

    pub fn offer_demo(&mut self) {
        self.dialog = Some(Dialog::DemoOffer);
    }

    /// The tab shown.
    pub fn current(&self) -> &dyn TabView {
        self.tabs.get(self.tab)
    }

    /// Where the keys apply now: the help shows the same scopes.
    pub fn scopes(&self) -> &'static [Scope] {
        self.current().scopes()
    }

    /// What the tabs may use while drawing.
    pub fn look(&self) -> Look<'_> {
        Look {
            theme: &self.theme,
            actor: &self.actor,
            currency: &self.currency,
            today: self.today(),
            filtering: self.filtering,
        }
    }

    /// Runs `f` on tab `id` with what a tab may use, and carries out what it returns.
    fn on_tab(&mut self, id: TabId, f: impl FnOnce(&mut dyn TabView, &mut Ctx) -> Effect) {
        let mut ctx = Ctx {
            store: &mut self.store,
            actor: &self.actor,
            currency: &self.currency,
        };
        let effect = f(self.tabs.get_mut(id), &mut ctx);
        self.apply(id, effect);
    }

    fn apply(&mut self, from: TabId, effect: Effect) {
        match effect {
            Effect::None => {}
            Effect::Message(m) => self.message = Some(m),
            Effect::Changed(m) => {
                self.message = Some(m);
                self.checkpoint_due = true;
                self.reload();
            }
            Effect::OpenForm(form) => self.form = Some(OpenForm { tab: from, form }),
            Effect::Ask(q) => self.dialog = Some(Dialog::Confirm(from, q)),
            Effect::StartFilter => self.filtering = true,
            Effect::Load(job) => self.load(from, job),
            Effect::OpenCustomer(id) => {
                self.switch_tab(TabId::Customers.index());
                self.on_tab(TabId::Customers, |t, ctx| t.open_record(ctx, id));
            }
        }
    }

    /// Runs `job` for `tab` on the worker, or here when there is none.
    pub fn load(&mut self, tab: TabId, job: Job) {
        self.ask(Asker::Tab(tab), job);
    }

    fn ask(&mut self, asker: Asker, job: Job) {
        let job = match self.loader.as_mut() {
            Some(loader) => match loader.submit(asker, job) {
                Ok(()) => return,
                Err(job) => job,
            },
            None => job,
        };
        let output = job.run(&mut self.store);
        self.deliver(asker, output);
    }

    /// A read's result, to whoever asked for it.
    fn deliver(&mut self, asker: Asker, output: Output) {
        match asker {
            Asker::Tab(tab) => self.on_tab(tab, |t, ctx| t.loaded(ctx, output)),
            Asker::Shell => {}
            Asker::Picker => {
                if let (Ok(found), Some(open)) = (
                    output.downcast::<(String, Vec<(String, String)>)>(),
                    self.form.as_mut(),
                ) {
                    let (query, list) = *found;
                    open.form.offer_candidates(&query, list);
                }
            }
        }
    }

    /// Whether a read is still running on the worker.
    pub fn loading(&self) -> bool {
        self.loader.as_ref().is_some_and(|l| l.busy())
    }

    /// Hands the reads that have finished to their tabs. The event loop calls it between
    /// events; nothing here waits.
    pub fn pump(&mut self) {
        let done = self
            .loader
            .as_mut()
            .map(Loader::finished)
            .unwrap_or_default();
        for (asker, output) in done {
            self.deliver(asker, output);
        }
    }

    /// Waits for every read asked for (and those their results ask for) and hands them
    /// over: for tests and benchmarks, which look at the screen once it has settled.
    pub fn settle(&mut self) {
        while self.loading() {
            let next = self
                .loader
                .as_mut()
                .and_then(|l| l.wait(std::time::Duration::from_secs(10)));
            match next {
                Some((asker, output)) => self.deliver(asker, output),
                None => break,
            }
        }
    }

    /// The terminal's size is known or changed: the tables show a different number of rows.
    /// The first call reads the first tab's window.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.size = (width, height);
        let rows = layout::table_rows(height);
        for id in TabId::ALL {
            self.tabs.get_mut(id).resize(rows);
        }
        self.reload();
    }

    /// Every tab read again when next shown (keeping its selection), the current one now.
    pub fn reload(&mut self) {
        for id in TabId::ALL {
            self.tabs.get_mut(id).mark_stale();
        }
        self.on_tab(self.tab, |t, ctx| t.show(ctx));
    }

    /// Called about four times a second when idle: notices other sessions' writes.
    pub fn tick(&mut self) {
        self.pump();
        if std::mem::take(&mut self.save_waiting) && self.form.is_some() {
            self.submit_form();
        }
        self.on_tab(self.tab, |t, ctx| t.tick(ctx));
        // After a save, when the worker is idle: the log back into the file, off this thread.
        if self.checkpoint_due && self.loader.is_some() && !self.loading() {
            self.checkpoint_due = false;
            self.ask(Asker::Shell, Job::new(|store| store.checkpoint().is_ok()));
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
                if let Some(open) = self.form.as_mut() {
                    self.message = match open.form.paste(&text) {
                        Pasted::Taken => None,
                        Pasted::Cut => Some(t!("tui.paste_cut", max = FIELD_MAX_CHARS)),
                        Pasted::NotText => Some(t!("tui.paste_ignored").to_string()),
                    };
                }
                self.form_changed();
            }
            Event::Paste(text) if self.filtering => {
                let mut cut = false;
                self.on_tab(self.tab, |t, ctx| {
                    t.edit_filter(ctx, &mut |f| cut = push_line(f, &text, FIELD_MAX_CHARS))
                });
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
            self.quit = self.form.as_mut().is_none_or(|open| open.form.ask_quit());
            return;
        }
        if self.form.is_some() {
            self.form_key(key);
            return;
        }
        if let Some(dialog) = self.dialog.clone() {
            self.dialog_key(dialog, key);
            return;
        }
        if self.filtering && self.type_into_filter(key) {
            return;
        }
        if let Some(action) = self.keymap.lookup(&key, self.scopes()) {
            self.update(action);
        }
    }

    fn dialog_key(&mut self, dialog: Dialog, key: KeyEvent) {
        let yes = matches!(key.code, KeyCode::Char('y' | 'Y'));
        let no = matches!(key.code, KeyCode::Char('n' | 'N') | KeyCode::Esc);
        match dialog {
            Dialog::Confirm(tab, _) if yes || no => {
                self.dialog = None;
                self.on_tab(tab, |t, ctx| t.answer(ctx, yes));
            }
            Dialog::Help
                if matches!(
                    key.code,
                    KeyCode::Esc | KeyCode::Enter | KeyCode::Char('?' | 'q')
                ) =>
            {
                self.dialog = None
            }
            Dialog::DemoOffer if yes => self.write_demo(),
            Dialog::DemoOffer if no => self.dialog = None,
            _ => {}
        }
    }

    /// Keys while typing a filter. Returns false for keys the filter leaves to the table.
    fn type_into_filter(&mut self, key: KeyEvent) -> bool {
        let mut edit = |f: &mut dyn FnMut(&mut String)| {
            self.on_tab(self.tab, |t, ctx| t.edit_filter(ctx, f));
        };
        match key.code {
            KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                edit(&mut |f| f.push(c))
            }
            KeyCode::Backspace => edit(&mut |f| {
                f.pop();
            }),
            KeyCode::Enter => self.filtering = false,
            KeyCode::Esc => {
                self.filtering = false;
                self.on_tab(self.tab, |t, ctx| t.edit_filter(ctx, &mut String::clear));
            }
            _ => return false,
        }
        true
    }

    pub fn update(&mut self, action: Action) {
        let n = TabId::ALL.len();
        match action {
            Action::NextTab => self.switch_tab((self.tab.index() + 1) % n),
            Action::PrevTab => self.switch_tab((self.tab.index() + n - 1) % n),
            Action::GoTab(i) => self.switch_tab(i),
            Action::Help => self.dialog = Some(Dialog::Help),
            // No form is open here (an open one takes every key, and Ctrl-C asks in
            // `handle_key` when it holds typed input), so nothing typed is lost.
            Action::Quit | Action::ForceQuit => self.quit = true,
            _ => self.on_tab(self.tab, |t, ctx| t.action(ctx, action)),
        }
    }

    fn switch_tab(&mut self, i: usize) {
        if let Some(tab) = TabId::ALL.get(i) {
            self.tab = *tab;
            self.filtering = false;
            self.on_tab(*tab, |t, ctx| t.show(ctx));
        }
    }

    /// Keys while a form is open.
    fn form_key(&mut self, key: KeyEvent) {
        let Some(open) = self.form.as_mut() else {
            return;
        };
        match open.form.handle_key(key) {
            FormEvent::None => {}
            FormEvent::Cancel => {
                self.form = None;
                self.save_waiting = false;
            }
            FormEvent::Save => self.submit_form(),
            FormEvent::Quit => self.quit = true,
        }
        self.form_changed();
    }

    /// The open form was typed into: its picker's candidates, and the tab's notes under it.
    fn form_changed(&mut self) {
        let Some(open) = self.form.as_mut() else {
            return;
        };
        // The picker's lookup reads every name: on the worker, so typing never waits for it.
        let lookup = picker::to_look_up(&mut open.form);
        let mut ctx = Ctx {
            store: &mut self.store,
            actor: &self.actor,
            currency: &self.currency,
        };
        self.tabs
            .get_mut(open.tab)
            .form_changed(&mut ctx, &mut open.form);
        if let Some(query) = lookup {
            let actor = self.actor.clone();
            let job = Job::new(move |store| {
                store.set_viewer(&actor);
                let found = picker::candidates(store, &actor, &query);
                (query, found)
            });
            self.ask(Asker::Picker, job);
        }
    }

    /// Saves the open form through the tab that opened it.
    pub(crate) fn submit_form(&mut self) {
        if self.form.as_ref().is_some_and(|f| f.form.asking.is_some()) {
            // A save waiting for another writer is not tried while the form asks whether to
            // throw the input away: after `n` it is tried again, after `y` never.
            self.save_waiting = true;
            return;
        }
        let Some(mut open) = self.form.take() else {
            return;
        };
        open.form.clear_errors();
        let mut ctx = Ctx {
            store: &mut self.store,
            actor: &self.actor,
            currency: &self.currency,
        };
        let result = self.tabs.get_mut(open.tab).submit(&mut ctx, &open.form);
        match result {
            Ok(effect) => self.apply(open.tab, effect),
            Err(e) if e.is_busy() => {
                // Another process (a sync, a colleague) holds the write: keep the form and
                // try again on the next tick; Esc gives up.
                open.form.refuse("", t!("tui.waiting_writer").to_string());
                self.form = Some(open);
                self.save_waiting = true;
            }
            Err(e) => {
                refuse(&mut open.form, e);
                self.form = Some(open);
            }
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
                    if let Some(i) = layout::tab_at(mouse.column) {
                        self.switch_tab(i);
                    }
                } else if let Some(line) = layout::table_line_at(self.size.1, mouse.row) {
                    self.tabs.get_mut(self.tab).click(line);
                }
            }
            MouseEventKind::ScrollDown => self.on_tab(self.tab, |t, ctx| t.scroll(ctx, 3)),
            MouseEventKind::ScrollUp => self.on_tab(self.tab, |t, ctx| t.scroll(ctx, -3)),
            _ => {}
        }
    }
}

/// Where a store refusal belongs in a form: beside its field, else above the fields.
fn refuse(form: &mut Form, e: StoreError) {
    let field = match &e {
        StoreError::Field(f) => f.field,
        StoreError::Duplicate { field, .. } => field,
        StoreError::NotFound { kind: "rep", .. } => "with",
        StoreError::Rule {
            key: "error.rep_left",
            ..
        } => "with",
        StoreError::Ambiguous {
            kind: "contact", ..
        } => "met",
        _ => "",
    };
    form.refuse(field, e.to_string());
}
