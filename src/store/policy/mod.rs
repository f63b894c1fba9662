//! Who sees what (README, Who you are, data scopes), and who may write what (`writes`). The one place that decides what a reader may see;
//! every read of the store asks it, so a new screen cannot forget a rule it never had.
//!
//! - A manager sees everything (`Scope::All`).
//! - A rep (`Scope::Own`) sees the customers they own and the public pool, and what hangs
//!   off those: contacts, visits, deals and their payments. Other reps' customers are absent
//!   from every list, search, picker, export and report, as if they did not exist; adding a
//!   customer under a name another rep holds says only "exists: owned by NAME".
//! - Anyone else (a login that is not a rep, one who has left, a uid with no passwd entry)
//!   sees nothing (`Scope::Nothing`): the customer list is the company's most guarded asset,
//!   and "may read" must not mean "may read everything".
//!
//! Records that hang off a customer follow the customer, with one exception: a rep keeps
//! seeing the visits they wrote and the deals they own after their customer was handed to
//! someone else. Those are their own work (their KPIs count them, and they wrote the words),
//! and they reveal only what the rep already knew; the customer's contacts, other reps'
//! visits and its new owner's deals go with the customer. A visit the rep only joined stays
//! its author's: it is another rep's log of another rep's customer (it still counts in the
//! joining rep's KPIs, which are totals).
//!
//! Scorecards and targets: a rep sees their own detail (KPI rows, rating and its comment,
//! their own targets) and of the others only what makes a leaderboard: their team's ranks
//! and totals, and the team-level targets. Rating comments are the manager's and the rated
//! rep's only.
//!
//! The scope reaches the store once, as its viewer (`Store::set_viewer`): the CLI sets it in
//! `Env::open` (nothing) and `Env::actor` (the actor's), the TUI in `App::new`. A `Store`
//! built directly (library tests, internal tools) reads everything, like `sqlite3` on the
//! file would; every production path goes through one of those doors before reading.

use crate::domain::Role;
use crate::store::Store;
use crate::store::access::{Actor, NO_LOGIN};

mod writes;
pub use writes::{Held, Rule, Write};

/// What a reader may see.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Scope {
    /// A manager (and a `Store` nobody set a viewer on: see the module's comment).
    #[default]
    All,
    /// A rep: their customers and the pool, and what hangs off those.
    Own { rep_id: String },
    /// Not a rep here: nothing at all.
    Nothing,
}

/// `s` as an SQL string literal. Rep ids are ours, but a hand-edited copy merged by sync
/// could hold any text; doubling the quote is SQLite's own escape, so nothing ends the
/// literal early. (A literal rather than a bound value: the scope joins queries whose
/// parameters are numbered by the code that owns them.)
fn literal(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

impl Scope {
    /// The scope of a reader: decided by role, never by what they ask for.
    pub fn of(actor: &Actor) -> Scope {
        if actor.login == NO_LOGIN {
            return Scope::Nothing;
        }
        match (&actor.rep_id, actor.role) {
            (Some(_), Some(Role::Manager)) => Scope::All,
            (Some(id), Some(Role::Rep)) => Scope::Own { rep_id: id.clone() },
            _ => Scope::Nothing,
        }
    }

    pub fn is_all(&self) -> bool {
        matches!(self, Scope::All)
    }

    /// The rep whose records these are, for a rep's scope.
    pub fn rep_id(&self) -> Option<&str> {
        match self {
            Scope::Own { rep_id } => Some(rep_id),
            _ => None,
        }
    }

    /// A condition for every query of one kind: everything, nothing, or `own(rep)`.
    fn sql(&self, own: impl FnOnce(&str) -> String) -> String {
        match self {
            Scope::All => "1".to_string(),
            Scope::Nothing => "0".to_string(),
            Scope::Own { rep_id } => own(&literal(rep_id)),
        }
    }

    /// SQL true for a visible row of `customers` under the alias (or table name) `c`.
    pub fn customer_sql(&self, c: &str) -> String {
        self.sql(|me| format!("({c}.owner_id = {me} OR {c}.owner_id IS NULL)"))
    }

    /// SQL true when the customer with the id in column `column` is visible.
    fn customer_of(&self, column: &str) -> String {
        let inner = self.customer_sql("sc");
        format!("EXISTS (SELECT 1 FROM customers sc WHERE sc.id = {column} AND {inner})")
    }

    /// SQL true for a visible row of `contacts` under the alias `k`: its customer's.
    pub fn contact_sql(&self, k: &str) -> String {
        let customer = self.customer_of(&format!("{k}.customer_id"));
        self.sql(|_| customer)
    }

    /// SQL true for a visible row of `visits` under the alias `v`: its customer is visible,
    /// or the rep wrote it.
    pub fn visit_sql(&self, v: &str) -> String {
        let customer = self.customer_of(&format!("{v}.customer_id"));
        self.sql(|me| format!("({v}.author_id = {me} OR {customer})"))
    }

    /// SQL true for a visible row of `deals` under the alias `d` (and so of its payments):
    /// its customer is visible, or the rep owns the deal.
    pub fn deal_sql(&self, d: &str) -> String {
        let customer = self.customer_of(&format!("{d}.customer_id"));
        self.sql(|me| format!("({d}.owner_id = {me} OR {customer})"))
    }

    /// SQL true when the rep id in `column` is the rep of a rep's scope (never otherwise).
    pub fn is_me_sql(&self, column: &str) -> String {
        match self {
            Scope::Own { rep_id } => format!("{column} = {}", literal(rep_id)),
            _ => "0".to_string(),
        }
    }

    /// Whether a customer held by `owner_id` (None: the pool) is visible.
    pub fn sees_customer(&self, owner_id: Option<&str>) -> bool {
        match self {
            Scope::All => true,
            Scope::Nothing => false,
            Scope::Own { rep_id } => owner_id.is_none_or(|o| o == rep_id),
        }
    }

    /// Whether teams' totals are visible (their targets and actuals): to anyone on the team
    /// list. Every team's, not only the reader's own: a team's total is nobody's detail, and
    /// the report has always set the teams side by side.
    pub fn sees_teams(&self) -> bool {
        !matches!(self, Scope::Nothing)
    }

    /// Whether a rep's detail is visible: KPI rows, rating and comment, their own targets.
    pub fn sees_rep(&self, rep_id: &str) -> bool {
        match self {
            Scope::All => true,
            Scope::Nothing => false,
            Scope::Own { rep_id: me } => me == rep_id,
        }
    }
}

impl Store {
    /// Who reads through this store from now on (see the module's comment).
    pub fn set_viewer(&mut self, actor: &Actor) {
        self.viewer = Scope::of(actor);
    }

    /// Reads nothing until `set_viewer` says who is looking: the CLI's first step, so a
    /// command that never asks who acts shows nobody's customers.
    pub fn set_viewer_nobody(&mut self) {
        self.viewer = Scope::Nothing;
    }

    pub fn viewer(&self) -> &Scope {
        &self.viewer
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(rep_id: Option<&str>, role: Option<Role>, login: &str) -> Actor {
        Actor {
            login: login.into(),
            rep_id: rep_id.map(String::from),
            role,
            name: None,
            acting_for: None,
        }
    }

    #[test]
    fn the_scope_follows_the_role() {
        let m = actor(Some("m1"), Some(Role::Manager), "boss");
        let r = actor(Some("r1"), Some(Role::Rep), "ann");
        assert_eq!(Scope::of(&m), Scope::All);
        assert_eq!(
            Scope::of(&r),
            Scope::Own {
                rep_id: "r1".into()
            }
        );
        assert_eq!(Scope::of(&Actor::read_only("eve")), Scope::Nothing);
        assert_eq!(Scope::of(&Actor::read_only(NO_LOGIN)), Scope::Nothing);
    }

    #[test]
    fn a_quote_in_an_id_stays_inside_the_literal() {
        let s = Scope::Own {
            rep_id: "x' OR 1 OR '".into(),
        };
        assert_eq!(
            s.customer_sql("c"),
            "(c.owner_id = 'x'' OR 1 OR ''' OR c.owner_id IS NULL)"
        );
        assert_eq!(Scope::All.customer_sql("c"), "1");
        assert_eq!(Scope::Nothing.deal_sql("d"), "0");
    }
}
