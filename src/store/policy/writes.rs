//! Who may write what (README, Who you are): one table, `Write::rule`, read by every write of
//! the store through `Actor::may` and `Actor::may_on`, and by the role test, which checks
//! each cell against what the store really does.
//!
//! A rule says whether a manager may do the write, and whether a rep may on a record they
//! hold, on one another rep holds, and on one of the public pool. What the record must be
//! for the write to make sense at all (only a pool customer can be claimed, only an open
//! deal won) is the write's own check, not a right: it refuses everyone alike.

use crate::store::access::Actor;
use crate::store::error::{Result, StoreError};

/// Every kind of write, and the one power that is not a write (acting as someone else).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Write {
    AddRep,
    EditRep,
    MoveRep,
    RepLeave,
    RejoinRep,
    ImportCustomers,
    ImportContacts,
    ImportVisits,
    ImportDeals,
    ImportPayments,
    PoolSweep,
    Assign,
    SetSetting,
    AddCustomer,
    UpdateCustomer,
    DeleteCustomer,
    Claim,
    LockCustomer,
    Release,
    AddContact,
    UpdateContact,
    DeleteContact,
    AddVisit,
    UpdateVisit,
    DeleteVisit,
    AddDeal,
    UpdateDeal,
    WinDeal,
    LoseDeal,
    ReopenDeal,
    AddPayment,
    UpdatePayment,
    DeletePayment,
    SetTarget,
    SplitTarget,
    Rate,
    Respond,
    ImportTemplate,
    SyncWith,
    ActAs,
}

/// Whose record a write touches, seen from the writer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Held {
    /// The writer holds it: owns the customer or the deal, wrote the visit.
    Mine,
    /// Another rep holds it.
    Others,
    /// No one: a customer of the public pool.
    Pool,
}

/// One row of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub manager: bool,
    pub mine: bool,
    pub others: bool,
    pub pool: bool,
}

/// Team administration: managers only.
const MANAGERS: Rule = Rule {
    manager: true,
    mine: false,
    others: false,
    pool: false,
};

/// A manager, and a rep on what they hold and on the pool's.
const MINE_OR_POOL: Rule = Rule {
    manager: true,
    mine: true,
    others: false,
    pool: true,
};

/// A manager, and a rep on what they hold.
const MINE: Rule = Rule {
    manager: true,
    mine: true,
    others: false,
    pool: false,
};

/// Anyone who writes here: what the write touches is theirs by construction (their own
/// copy, their own rating), and the write checks that itself.
const ANY_WRITER: Rule = Rule {
    manager: true,
    mine: true,
    others: true,
    pool: true,
};

impl Write {
    pub const ALL: [Write; 40] = [
        Write::AddRep,
        Write::EditRep,
        Write::MoveRep,
        Write::RepLeave,
        Write::RejoinRep,
        Write::ImportCustomers,
        Write::ImportContacts,
        Write::ImportVisits,
        Write::ImportDeals,
        Write::ImportPayments,
        Write::PoolSweep,
        Write::Assign,
        Write::SetSetting,
        Write::AddCustomer,
        Write::UpdateCustomer,
        Write::DeleteCustomer,
        Write::Claim,
        Write::LockCustomer,
        Write::Release,
        Write::AddContact,
        Write::UpdateContact,
        Write::DeleteContact,
        Write::AddVisit,
        Write::UpdateVisit,
        Write::DeleteVisit,
        Write::AddDeal,
        Write::UpdateDeal,
        Write::WinDeal,
        Write::LoseDeal,
        Write::ReopenDeal,
        Write::AddPayment,
        Write::UpdatePayment,
        Write::DeletePayment,
        Write::SetTarget,
        Write::SplitTarget,
        Write::Rate,
        Write::Respond,
        Write::ImportTemplate,
        Write::SyncWith,
        Write::ActAs,
    ];

    /// The table.
    pub fn rule(self) -> Rule {
        use Write::*;
        match self {
            AddRep | EditRep | MoveRep | RepLeave | RejoinRep | PoolSweep | Assign | SetSetting => {
                MANAGERS
            }
            ImportCustomers | ImportContacts | ImportVisits | ImportDeals | ImportPayments => {
                MANAGERS
            }
            SetTarget | SplitTarget | Rate | ImportTemplate | ActAs => MANAGERS,
            // Adding a customer for another rep is assigning one: a rep adds for themselves
            // or leaves it in the pool.
            AddCustomer => MINE_OR_POOL,
            // A pool customer is claimed before it is changed; a rep changes their own.
            UpdateCustomer | DeleteCustomer | Release | LockCustomer => MINE,
            Claim => Rule {
                manager: true,
                mine: false,
                others: false,
                pool: true,
            },
            // Contacts, visits and deals are added on a customer: the writer's or the pool's.
            AddContact | UpdateContact | DeleteContact | AddVisit | AddDeal => MINE_OR_POOL,
            // A visit is then its author's and a deal its owner's (never the pool's).
            UpdateVisit | DeleteVisit | UpdateDeal | WinDeal | LoseDeal | ReopenDeal => MINE,
            AddPayment | UpdatePayment | DeletePayment => MINE,
            Respond | SyncWith => ANY_WRITER,
        }
    }

    /// Its name in the role test and the log.
    pub fn name(self) -> &'static str {
        use Write::*;
        match self {
            AddRep => "add_rep",
            EditRep => "edit_rep",
            MoveRep => "move_rep",
            RepLeave => "rep_leave",
            RejoinRep => "rejoin_rep",
            ImportCustomers => "import_customers",
            ImportContacts => "import_contacts",
            ImportVisits => "import_visits",
            ImportDeals => "import_deals",
            ImportPayments => "import_payments",
            PoolSweep => "pool_sweep",
            Assign => "assign",
            SetSetting => "set_setting",
            AddCustomer => "add_customer",
            UpdateCustomer => "update_customer",
            DeleteCustomer => "delete_customer",
            Claim => "claim",
            LockCustomer => "lock_customer",
            Release => "release",
            AddContact => "add_contact",
            UpdateContact => "update_contact",
            DeleteContact => "delete_contact",
            AddVisit => "add_visit",
            UpdateVisit => "update_visit",
            DeleteVisit => "delete_visit",
            AddDeal => "add_deal",
            UpdateDeal => "update_deal",
            WinDeal => "win_deal",
            LoseDeal => "lose_deal",
            ReopenDeal => "reopen_deal",
            AddPayment => "add_payment",
            UpdatePayment => "update_payment",
            DeletePayment => "delete_payment",
            SetTarget => "set_target",
            SplitTarget => "split_target",
            Rate => "rate",
            Respond => "respond",
            ImportTemplate => "import_template",
            SyncWith => "sync_with",
            ActAs => "act_as",
        }
    }

    /// What a refusal says was asked: the `action.*` message. Writes on another rep's record
    /// are refused with the record's own message (whose it is), so only the writes a role can
    /// be refused outright need one.
    fn action(self) -> &'static str {
        use Write::*;
        match self {
            AddRep | RejoinRep => "add_rep",
            EditRep | MoveRep => "edit_rep",
            RepLeave => "handover",
            ImportCustomers => "import",
            ImportContacts | ImportVisits | ImportDeals | ImportPayments => "import_records",
            PoolSweep => "sweep",
            Assign | AddCustomer => "assign",
            SetSetting => "settings",
            SetTarget | SplitTarget => "set_targets",
            Rate => "rate",
            ImportTemplate => "templates",
            ActAs => "act_as",
            _ => "write",
        }
    }
}

impl Rule {
    pub fn allows(self, manager: bool, held: Held) -> bool {
        if manager {
            return self.manager;
        }
        match held {
            Held::Mine => self.mine,
            Held::Others => self.others,
            Held::Pool => self.pool,
        }
    }

    /// Whether a rep may do it on some record.
    fn reps_may(self) -> bool {
        self.mine || self.others || self.pool
    }
}

impl Actor {
    /// The writer's rep id when their role may do `w` on some record; else the refusal
    /// (read-only, or the role's). A write on a record then asks `may_on` too.
    pub fn may(&self, w: Write) -> Result<&str> {
        let id = self.writer()?;
        if self.role_may(w) {
            Ok(id)
        } else {
            Err(self.refused(w))
        }
    }

    /// Whether this login's role may do `w` on some record, writer or not.
    pub fn role_may(&self, w: Write) -> bool {
        let rule = w.rule();
        if self.is_manager() {
            rule.manager
        } else {
            rule.reps_may()
        }
    }

    /// The refusal of `w` to this login's role.
    pub fn refused(&self, w: Write) -> StoreError {
        self.denied(w.action())
    }

    /// Whether `w` is allowed on a record the writer stands to as `held`. The caller refuses
    /// with the record's own message (whose it is).
    pub fn may_on(&self, w: Write, held: Held) -> Result<bool> {
        self.may(w)?;
        Ok(w.rule().allows(self.is_manager(), held))
    }

    /// How the writer stands to a record held by the rep `holder` (None: the pool).
    pub fn holding(&self, holder: Option<&str>) -> Held {
        match holder {
            None => Held::Pool,
            Some(h) if self.rep_id.as_deref() == Some(h) => Held::Mine,
            Some(_) => Held::Others,
        }
    }

    /// As `holding`, for a record that names its holder by login (a visit's author, a
    /// deal's owner): never the pool.
    pub fn holding_login(&self, login: &str) -> Held {
        if self.rep_id.is_some() && login == self.login {
            Held::Mine
        } else {
            Held::Others
        }
    }

    /// Refuses `w` with the role's refusal unless `held` allows it: for writes whose
    /// refusal on another's record is the role's (adding a customer for someone else).
    pub fn require_on(&self, w: Write, held: Held) -> Result<&str> {
        let id = self.may(w)?;
        if w.rule().allows(self.is_manager(), held) {
            Ok(id)
        } else {
            Err(self.refused(w))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_write_has_a_name_of_its_own() {
        let mut names: Vec<&str> = Write::ALL.iter().map(|w| w.name()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), Write::ALL.len());
    }

    #[test]
    fn a_role_refused_outright_is_told_what_was_asked() {
        for w in Write::ALL {
            if !w.rule().reps_may() {
                assert_ne!(w.action(), "write", "{w:?} needs an action message");
            }
        }
    }
}
