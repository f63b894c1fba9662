//! The People tab (README, People), for managers: every rep by team with their role, when
//! they joined or left, the customers they hold, the follow-ups due and this month's sales
//! completion. `a` adds a rep, `e` edits one (a team change is dated), `l` has them leave and
//! hands their customers to named reps or the pool, `r` brings one back, `u` reads the audit
//! log. The rows
//! are read on the worker: the counts read every customer.

mod forms;
mod view;

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::store::StoreError;
use crate::store::audit::AuditEntry;
use crate::store::reps::people::Person;
use crate::t;
use crate::tui::ctx::{Ctx, Look};
use crate::tui::effect::{Effect, Question};
use crate::tui::keymap::{Action, Scope, screen};
use crate::tui::loader::{Job, Output};
use crate::tui::tab::TabView;
use crate::tui::widgets::form::Form;

/// The audit view lists this many entries, newest first.
const AUDIT_ROWS: usize = 500;

type Rows = Result<Vec<Person>, String>;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Purpose {
    Add,
    Edit(String),
    /// This login leaves: to whom their customers go, and the day.
    Leave(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Pending {
    Rejoin(String),
}

#[derive(Default)]
pub struct PeopleTab {
    pub rows: Vec<Person>,
    pub row: usize,
    /// Why there are no rows (not a manager).
    pub refused: Option<String>,
    pub loading: bool,
    ticket: u64,
    /// The audit log, shown instead of the people; and the first entry shown.
    pub audit: Option<Vec<AuditEntry>>,
    pub audit_at: usize,
    purpose: Option<Purpose>,
    pending: Option<Pending>,
    height: usize,
    stale: bool,
}

impl PeopleTab {
    pub fn new() -> PeopleTab {
        PeopleTab {
            stale: true,
            ..PeopleTab::default()
        }
    }

    fn read(&mut self, ctx: &mut Ctx) -> Effect {
        self.stale = false;
        self.ticket += 1;
        self.loading = true;
        let (ticket, actor) = (self.ticket, ctx.actor.clone());
        Effect::Load(Job::new(move |store| {
            store.set_viewer(&actor);
            let rows: Rows = store.people(&actor).map_err(|e| e.to_string());
            (ticket, rows)
        }))
    }

    pub fn selected(&self) -> Option<&Person> {
        self.rows.get(self.row)
    }

    fn on_list(&mut self, ctx: &mut Ctx, action: Action) -> Effect {
        if let Some(at) = action.moved(self.row, self.rows.len(), self.height) {
            self.row = at;
            return Effect::None;
        }
        let login = self.selected().map(|p| p.rep.login.clone());
        match action {
            Action::Add if self.refused.is_none() => {
                self.purpose = Some(Purpose::Add);
                return Effect::OpenForm(forms::add_form());
            }
            Action::Edit => {
                if let Some(rep) = self.selected().map(|p| p.rep.clone()) {
                    self.purpose = Some(Purpose::Edit(rep.login.clone()));
                    return Effect::OpenForm(forms::edit_form(&rep, ctx.today()));
                }
            }
            Action::Leave => {
                if let Some(login) = login {
                    let form = forms::leave_form(&login, ctx.today());
                    self.purpose = Some(Purpose::Leave(login));
                    return Effect::OpenForm(form);
                }
            }
            Action::Rejoin => {
                // Said before asking: only a rep who left can come back.
                if let Some(p) = self.selected().filter(|p| p.rep.left_on.is_none()) {
                    let login = p.rep.login.clone();
                    return Effect::Message(
                        StoreError::rule("error.rep_not_left", &[("login", &login)]).to_string(),
                    );
                }
                if let Some(login) = login {
                    let text =
                        t!("tui.confirm_rejoin", login = login, date = ctx.today()).to_string();
                    self.pending = Some(Pending::Rejoin(login));
                    return Effect::Ask(Question {
                        title: t!("tui.rejoin_title").to_string(),
                        text,
                    });
                }
            }
            Action::Audit => match ctx.store.audit_entries(ctx.actor, None, None, AUDIT_ROWS) {
                Ok(entries) => {
                    self.audit = Some(entries);
                    self.audit_at = 0;
                }
                Err(e) => return Effect::Message(e.to_string()),
            },
            _ => {}
        }
        Effect::None
    }

    fn on_audit(&mut self, action: Action) -> Effect {
        // The log scrolls: the first entry shown moves, up to the last screenful.
        let n = self.audit.as_ref().map_or(0, Vec::len);
        let scrollable = n.saturating_sub(self.height.max(1)) + 1;
        if action == Action::Back {
            self.audit = None;
        } else if let Some(at) = action.moved(self.audit_at, scrollable, self.height) {
            self.audit_at = at;
        }
        Effect::None
    }
}

impl TabView for PeopleTab {
    fn scopes(&self) -> &'static [Scope] {
        if self.audit.is_some() {
            screen::AUDIT
        } else {
            screen::PEOPLE
        }
    }

    fn resize(&mut self, rows: usize) {
        self.height = rows;
    }

    fn mark_stale(&mut self) {
        self.stale = true;
    }

    fn show(&mut self, ctx: &mut Ctx) -> Effect {
        if self.stale {
            self.read(ctx)
        } else {
            Effect::None
        }
    }

    fn action(&mut self, ctx: &mut Ctx, action: Action) -> Effect {
        if self.audit.is_some() {
            self.on_audit(action)
        } else {
            self.on_list(ctx, action)
        }
    }

    fn submit(&mut self, ctx: &mut Ctx, form: &Form) -> Result<Effect, StoreError> {
        match self.purpose.clone() {
            Some(Purpose::Add) => forms::save_new(ctx, form)?,
            Some(Purpose::Edit(login)) => forms::save_edit(ctx, &login, form)?,
            Some(Purpose::Leave(login)) => {
                let to = forms::save_leave(ctx, &login, form)?;
                return Ok(Effect::Changed(to));
            }
            None => return Ok(Effect::None),
        }
        Ok(Effect::Changed(t!("tui.saved").to_string()))
    }

    fn answer(&mut self, ctx: &mut Ctx, yes: bool) -> Effect {
        let Some(pending) = self.pending.take() else {
            return Effect::None;
        };
        if !yes {
            return Effect::None;
        }
        let today = ctx.today();
        let done = match &pending {
            Pending::Rejoin(login) => ctx.store.rejoin_rep(ctx.actor, login, today).map(drop),
        };
        match done {
            Ok(()) => Effect::Changed(t!("tui.saved").to_string()),
            Err(e) => Effect::Message(e.to_string()),
        }
    }

    fn loaded(&mut self, _ctx: &mut Ctx, output: Output) -> Effect {
        let Ok(read) = output.downcast::<(u64, Rows)>() else {
            return Effect::None;
        };
        let (ticket, rows) = *read;
        if ticket != self.ticket {
            return Effect::None;
        }
        self.loading = false;
        match rows {
            Ok(rows) => {
                // The same rep stays selected when a move re-sorts the list.
                let keep = self.selected().map(|p| p.rep.id.clone());
                self.row = keep
                    .and_then(|id| rows.iter().position(|p| p.rep.id == id))
                    .unwrap_or(self.row)
                    .min(rows.len().saturating_sub(1));
                self.rows = rows;
                self.refused = None;
            }
            Err(why) => {
                self.rows.clear();
                self.refused = Some(why);
            }
        }
        Effect::None
    }

    fn draw(&self, look: &Look, frame: &mut Frame, area: Rect) {
        view::draw(self, look, frame, area);
    }
}
