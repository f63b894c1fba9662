//! What the Customers tab does beyond showing rows: the detail, the add/edit forms for
//! customers and contacts, claim, release, assign and delete, sorting and quick filters.
//! Every change goes through the store, whose rules decide; a refusal comes back beside the
//! field it is about, or in the status line.

use crate::domain::{CustomerStage, Grade, Personality, PurchaseRole};
use crate::store::StoreError;
use crate::store::customers::contacts::NewContact;
use crate::store::customers::{CustomerQuery, CustomerSort, NewCustomer};
use crate::t;
use crate::tui::app::{App, Dialog};
use crate::tui::forms::FormPurpose;
use crate::tui::widgets::form::{Field, Form};

/// The quick filters `f` steps through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum QuickFilter {
    #[default]
    All,
    Mine,
    Pool,
    Overdue,
    Grade(Grade),
}

impl QuickFilter {
    fn next(self) -> QuickFilter {
        match self {
            QuickFilter::All => QuickFilter::Mine,
            QuickFilter::Mine => QuickFilter::Pool,
            QuickFilter::Pool => QuickFilter::Overdue,
            QuickFilter::Overdue => QuickFilter::Grade(Grade::A),
            QuickFilter::Grade(Grade::A) => QuickFilter::Grade(Grade::B),
            QuickFilter::Grade(Grade::B) => QuickFilter::Grade(Grade::C),
            QuickFilter::Grade(Grade::C) => QuickFilter::Grade(Grade::D),
            QuickFilter::Grade(Grade::D) => QuickFilter::All,
        }
    }

    pub fn label(self) -> String {
        match self {
            QuickFilter::All => t!("tui.quick_all").to_string(),
            QuickFilter::Mine => t!("tui.quick_mine").to_string(),
            QuickFilter::Pool => t!("tui.quick_pool").to_string(),
            QuickFilter::Overdue => t!("tui.quick_overdue").to_string(),
            QuickFilter::Grade(g) => t!("tui.quick_grade", grade = g),
        }
    }
}

/// The order `s` steps through, and the column header each sorts by.
pub const SORTS: &[(CustomerSort, &str)] = &[
    (CustomerSort::Name, "col.name"),
    (CustomerSort::Grade, "col.grade"),
    (CustomerSort::Stage, "col.stage"),
    (CustomerSort::Owner, "col.owner"),
    (CustomerSort::Region, "col.region"),
    (CustomerSort::LastVisit, "tui.col_last_visit"),
    (CustomerSort::NextFollowUp, "tui.col_follow_up"),
];

fn choices<T: Copy>(
    all: &[T],
    code: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
    none: bool,
) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = if none {
        vec![(String::new(), String::new())]
    } else {
        Vec::new()
    };
    v.extend(
        all.iter()
            .map(|x| (code(*x).to_string(), t!(label(*x)).to_string())),
    );
    v
}

const SOURCES: &[(&str, &str)] = &[
    ("referral", "source.referral"),
    ("exhibition", "source.exhibition"),
    ("online", "source.online"),
    ("cold call", "source.cold_call"),
    ("other", "source.other"),
];

fn customer_form(title: &'static str, c: &NewCustomer) -> Form {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let mut sources: Vec<(String, String)> = vec![(String::new(), String::new())];
    sources.extend(
        SOURCES
            .iter()
            .map(|(c, l)| (c.to_string(), t!(*l).to_string())),
    );
    // A source typed elsewhere (an import) stays choosable as it is.
    if let Some(s) = c
        .source
        .as_deref()
        .filter(|s| !sources.iter().any(|(c, _)| c == s))
    {
        sources.push((s.to_string(), s.to_string()));
    }
    Form::new(
        title,
        vec![
            Field::text("name", c.name.clone()),
            Field::choice(
                "grade",
                choices(Grade::ALL, Grade::code, Grade::label_key, false),
                c.grade.unwrap_or_default().code(),
            ),
            Field::choice(
                "stage",
                choices(
                    CustomerStage::ALL,
                    CustomerStage::code,
                    CustomerStage::label_key,
                    false,
                ),
                c.stage.unwrap_or_default().code(),
            ),
            Field::choice("source", sources, c.source.as_deref().unwrap_or("")),
            Field::text("industry", text(&c.industry)),
            Field::text("size", text(&c.size)),
            Field::text("region", text(&c.region)),
            Field::text("address", text(&c.address)),
            Field::text("tags", text(&c.tags)),
            Field::text("notes", text(&c.notes)),
            Field::text(
                "next",
                c.next_follow_up.map(|d| d.to_string()).unwrap_or_default(),
            ),
        ],
    )
}

fn contact_form(title: &'static str, c: &NewContact) -> Form {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    let roles = choices(
        PurchaseRole::ALL,
        PurchaseRole::code,
        PurchaseRole::label_key,
        true,
    );
    let kinds = choices(
        Personality::ALL,
        Personality::code,
        Personality::label_key,
        true,
    );
    Form::new(
        title,
        vec![
            Field::text("name", c.name.clone()),
            Field::text("title", text(&c.title)),
            Field::text("phone", text(&c.phone)),
            Field::text("email", text(&c.email)),
            Field::choice(
                "purchase_role",
                roles,
                c.purchase_role.map_or("", |r| r.code()),
            ),
            Field::choice("personality", kinds, c.personality.map_or("", |p| p.code())),
            Field::text("notes", text(&c.notes)),
        ],
    )
}

pub(crate) fn some(s: &str) -> Option<String> {
    (!s.trim().is_empty()).then(|| s.to_string())
}

impl App {
    /// The customer the keys act on: the open detail's, else the selected row's.
    fn current_customer(&self) -> Option<(String, String)> {
        match &self.detail {
            Some(d) => Some((d.customer.id.clone(), d.customer.name.clone())),
            None => self
                .customers
                .selected_row()
                .map(|r| (r.id.clone(), r.name.clone())),
        }
    }

    pub(crate) fn customer_query(&self) -> CustomerQuery {
        let mut q = CustomerQuery {
            search: (!self.customers.filter.trim().is_empty())
                .then(|| self.customers.filter.clone()),
            sort: self.sort,
            ..CustomerQuery::default()
        };
        match self.quick {
            QuickFilter::All => {}
            QuickFilter::Mine => q.owner_id = Some(self.actor.rep_id.clone().unwrap_or_default()),
            QuickFilter::Pool => q.pool = true,
            QuickFilter::Overdue => q.overdue = true,
            QuickFilter::Grade(g) => q.grade = Some(g),
        }
        q
    }

    /// A Customers-tab action; `None` when the action is not one of these.
    pub(crate) fn customers_action(&mut self, action: crate::tui::keys::Action) {
        use crate::tui::keys::Action as A;
        match action {
            A::Open if self.detail.is_some() => self.start_edit_contact(),
            A::Open => self.open_detail(),
            A::Down | A::Up if self.detail.is_some() => {
                let n = self.detail.as_ref().map_or(0, |d| d.contacts.len());
                let step: isize = if action == A::Down { 1 } else { -1 };
                let at = self.contact_at as isize + step;
                self.contact_at = at.clamp(0, n.saturating_sub(1) as isize) as usize;
            }
            A::Back if self.detail.is_some() => self.detail = None,
            A::Add if self.refuse_read_only() => {}
            A::Add => match self.current_customer().filter(|_| self.detail.is_some()) {
                Some((id, _)) => {
                    let form = contact_form("tui.form_contact_add", &NewContact::default());
                    self.form = Some((FormPurpose::AddContact(id), form));
                }
                None => {
                    self.form = Some((
                        FormPurpose::AddCustomer,
                        customer_form("tui.form_customer_add", &NewCustomer::default()),
                    ))
                }
            },
            A::Edit => self.start_edit(),
            A::Delete => {
                if let Some(c) = self.current_customer() {
                    self.pending_delete = Some(c);
                    self.dialog = Some(Dialog::ConfirmDelete);
                }
            }
            A::Claim => self.change_owner(|app, id| app.store.claim(&app.actor, id).map(|_| ())),
            A::Release => {
                self.change_owner(|app, id| app.store.release(&app.actor, id).map(|_| ()))
            }
            A::Assign => self.start_assign(),
            A::Sort => {
                let i = SORTS.iter().position(|(s, _)| *s == self.sort).unwrap_or(0);
                self.sort = SORTS[(i + 1) % SORTS.len()].0;
                self.customers_changed();
            }
            A::QuickFilter => {
                self.quick = self.quick.next();
                self.customers_changed();
            }
            _ => {}
        }
    }

    fn customers_changed(&mut self) {
        self.customers.selected = 0;
        self.customers.offset = 0;
        self.reload();
    }

    fn open_detail(&mut self) {
        self.contact_at = 0;
        if let Some((id, _)) = self.current_customer() {
            match self.store.customer_detail(&id) {
                Ok(d) => self.detail = Some(d),
                Err(e) => self.message = Some(e.to_string()),
            }
        }
    }

    /// After a change: the list and the open detail read again.
    pub(crate) fn after_change(&mut self, message: String) {
        self.message = Some(message);
        self.reload();
        self.refresh_deal_detail();
        if let Some(id) = self.visit_detail.as_ref().map(|v| v.id.clone()) {
            self.visit_detail = self.store.visit(&id).ok();
        }
        if let Some(id) = self.detail.as_ref().map(|d| d.customer.id.clone()) {
            self.detail = self.store.customer_detail(&id).ok();
        }
    }

    fn change_owner(&mut self, f: impl FnOnce(&mut App, &str) -> Result<(), StoreError>) {
        if let Some((id, _)) = self.current_customer() {
            match f(self, &id) {
                Ok(()) => self.after_change(t!("tui.saved").to_string()),
                Err(e) => self.message = Some(e.to_string()),
            }
        }
    }

    fn start_edit(&mut self) {
        let Some((id, _)) = self.current_customer() else {
            return;
        };
        match self.store.customer(&id) {
            Ok(c) => {
                let fields = NewCustomer {
                    name: c.name,
                    grade: Some(c.grade),
                    stage: Some(c.stage),
                    owner: None,
                    industry: c.industry,
                    size: c.size,
                    region: c.region,
                    source: c.source,
                    address: c.address,
                    tags: c.tags,
                    notes: c.notes,
                    next_follow_up: c.next_follow_up,
                };
                self.form = Some((
                    FormPurpose::EditCustomer(id),
                    customer_form("tui.form_customer_edit", &fields),
                ));
            }
            Err(e) => self.message = Some(e.to_string()),
        }
    }

    fn start_edit_contact(&mut self) {
        let Some(k) = self
            .detail
            .as_ref()
            .and_then(|d| d.contacts.get(self.contact_at))
            .cloned()
        else {
            return;
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
        self.form = Some((
            FormPurpose::EditContact(k.id),
            contact_form("tui.form_contact_edit", &fields),
        ));
    }

    fn start_assign(&mut self) {
        let Some((id, _)) = self.current_customer() else {
            return;
        };
        match self.store.list_reps() {
            Ok(reps) => {
                let options = reps
                    .into_iter()
                    .filter(|r| r.is_active())
                    .map(|r| (r.login.clone(), format!("{} ({})", r.name, r.login)))
                    .collect();
                let form = Form::new("tui.form_assign", vec![Field::choice("owner", options, "")]);
                self.form = Some((FormPurpose::Assign(id), form));
            }
            Err(e) => self.message = Some(e.to_string()),
        }
    }

    pub(crate) fn confirm_delete(&mut self, yes: bool) {
        self.dialog = None;
        let Some((id, name)) = self.pending_delete.take() else {
            return;
        };
        if !yes {
            return;
        }
        // The dialog asks about the record of the tab it was opened on.
        let deleted = match self.tab {
            crate::tui::app::Tab::Visits => self.store.delete_visit(&self.actor, &id),
            _ => self.store.delete_customer(&self.actor, &id),
        };
        match deleted {
            Ok(()) => {
                self.detail = None;
                self.visit_detail = None;
                self.after_change(t!("tui.deleted", name = name));
            }
            Err(e) => self.message = Some(e.to_string()),
        }
    }
}
