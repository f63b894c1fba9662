//! Forms on every tab: what saving one does, the keys while one is open, and where a
//! refusal from the store lands (beside its field, or above the fields).

use crate::domain::Period;
use crate::domain::date_input::parse_optional_date;
use crate::store::StoreError;
use crate::store::customers::NewCustomer;
use crate::store::customers::contacts::NewContact;
use crate::store::targets::TargetScope;
use crate::t;
use crate::tui::app::App;
use crate::tui::customers_tab::some;
use crate::tui::widgets::form::{Form, FormEvent};
use crate::tui::{deals_tab, visits_tab};

/// What an open form will do when saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormPurpose {
    AddCustomer,
    EditCustomer(String),
    AddContact(String),
    EditContact(String),
    Assign(String),
    AddVisit,
    SetTarget(TargetScope, Period),
    SplitTarget(TargetScope, Period),
    EditVisit(String),
    FilterVisits,
    AddDeal,
    EditDeal(String),
    WinDeal(String),
    LoseDeal(String),
    AddPayment(String),
    /// Rate this login for this period.
    Rate(String, Period),
    /// Answer my rating for this period.
    Respond(Period),
    /// The template (its name) to save as the one from this period on.
    EditTemplate(String, Period),
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

impl App {
    /// Keys while a form is open.
    pub(crate) fn form_key(&mut self, key: ratatui::crossterm::event::KeyEvent) {
        let Some((_, form)) = self.form.as_mut() else {
            return;
        };
        match form.handle_key(key) {
            FormEvent::None => {}
            FormEvent::Cancel => {
                self.form = None;
                self.save_waiting = false;
            }
            FormEvent::Save => self.submit_form(),
            FormEvent::Quit => self.quit = true,
        }
        self.refresh_picker();
        self.refresh_split_preview();
        self.refresh_template_total();
    }

    /// Looks up the focused picker's candidates after its text changed.
    pub(crate) fn refresh_picker(&mut self) {
        let Some((_, form)) = self.form.as_ref() else {
            return;
        };
        let Some(typed) = form.picker_query().map(str::to_string) else {
            return;
        };
        let found = crate::tui::visits_tab::candidates(&self.store, &self.actor, &typed);
        if let Some((_, form)) = self.form.as_mut() {
            form.set_candidates(found);
        }
    }

    pub(crate) fn submit_form(&mut self) {
        if self.form.as_ref().is_some_and(|(_, f)| f.asking.is_some()) {
            // A save waiting for another writer is not tried while the form asks whether to
            // throw the input away: after `n` it is tried again, after `y` never.
            self.save_waiting = true;
            return;
        }
        let Some((purpose, mut form)) = self.form.take() else {
            return;
        };
        form.clear_errors();
        let today = self.store.clock().today();
        let result: Result<(), StoreError> = match &purpose {
            FormPurpose::AddCustomer | FormPurpose::EditCustomer(_) => {
                match parse_optional_date("next", form.value("next"), today) {
                    Err(e) => Err(StoreError::Field(e)),
                    Ok(next) => {
                        let fields = NewCustomer {
                            name: form.value("name").to_string(),
                            grade: form.value("grade").parse().ok(),
                            stage: form.value("stage").parse().ok(),
                            owner: None,
                            industry: some(form.value("industry")),
                            size: some(form.value("size")),
                            region: some(form.value("region")),
                            source: some(form.value("source")),
                            address: some(form.value("address")),
                            tags: some(form.value("tags")),
                            notes: some(form.value("notes")),
                            next_follow_up: next,
                        };
                        match &purpose {
                            FormPurpose::EditCustomer(id) => self
                                .store
                                .update_customer(&self.actor, id, fields)
                                .map(|_| ()),
                            _ => self.store.add_customer(&self.actor, fields).map(|_| ()),
                        }
                    }
                }
            }
            FormPurpose::AddContact(customer_id) | FormPurpose::EditContact(customer_id) => {
                let contact = NewContact {
                    customer_id: customer_id.clone(),
                    name: form.value("name").to_string(),
                    title: some(form.value("title")),
                    phone: some(form.value("phone")),
                    email: some(form.value("email")),
                    purchase_role: form.value("purchase_role").parse().ok(),
                    personality: form.value("personality").parse().ok(),
                    notes: some(form.value("notes")),
                };
                match &purpose {
                    FormPurpose::EditContact(id) => self
                        .store
                        .update_contact(&self.actor, id, contact)
                        .map(|_| ()),
                    _ => self.store.add_contact(&self.actor, contact).map(|_| ()),
                }
            }
            FormPurpose::Assign(id) => {
                let to = form.value("owner").to_string();
                self.store.assign(&self.actor, id, &to).map(|_| ())
            }
            FormPurpose::AddVisit => {
                visits_tab::save_visit(&mut self.store, &self.actor, &form, None)
            }
            FormPurpose::EditVisit(id) => {
                visits_tab::save_visit(&mut self.store, &self.actor, &form, Some(id))
            }
            FormPurpose::SetTarget(scope, period) => self.save_target(scope, *period, &form),
            FormPurpose::SplitTarget(scope, period) => self.save_split(scope, *period, &form),
            FormPurpose::FilterVisits => match visits_tab::read_filter(&self.store, &form) {
                Ok(filter) => {
                    // Not a change to the data: the log narrows, nothing is said.
                    self.visit_filter = filter;
                    self.visits.selected = 0;
                    self.visits.offset = 0;
                    self.reload();
                    return;
                }
                Err(e) => Err(e),
            },
            FormPurpose::AddDeal => deals_tab::save_deal(&mut self.store, &self.actor, &form, None),
            FormPurpose::EditDeal(id) => {
                deals_tab::save_deal(&mut self.store, &self.actor, &form, Some(id))
            }
            FormPurpose::WinDeal(id) => {
                deals_tab::save_win(&mut self.store, &self.actor, &form, id)
            }
            FormPurpose::LoseDeal(id) => self
                .store
                .lose_deal(&self.actor, id, form.value("reason"))
                .map(|_| ()),
            FormPurpose::AddPayment(id) => {
                deals_tab::save_payment(&mut self.store, &self.actor, &form, id)
            }
            FormPurpose::Rate(login, period) => self.save_rating(login, *period, &form),
            FormPurpose::Respond(period) => self.save_response(*period, &form),
            FormPurpose::EditTemplate(name, from) => self.save_template(name, *from, &form),
        };
        match result {
            Ok(()) => self.after_change(t!("tui.saved").to_string()),
            Err(e) if e.is_busy() => {
                // Another process (a sync, a colleague) holds the write: keep the form and
                // try again on the next tick; Esc gives up.
                form.refuse("", t!("tui.waiting_writer").to_string());
                self.form = Some((purpose, form));
                self.save_waiting = true;
            }
            Err(e) => {
                refuse(&mut form, e);
                self.form = Some((purpose, form));
            }
        }
    }
}
