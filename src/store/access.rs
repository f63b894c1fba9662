//! Who is acting, and what their role lets them do (README, Who you are). Every write takes an `Actor`;
//! what each role may write is the table in `policy::writes`, asked by every write.

use serde::Serialize;

use crate::domain::Role;
use crate::store::error::{Result, StoreError};

/// The login of a process whose uid has no passwd entry (a container's `--user 1234`, a
/// deleted account). whoami calls such a user "unknown", a login anyone could be given as a
/// rep; this one can never be a rep's (`check_login` refuses its spaces and brackets), so it
/// reads as a visitor and writes nothing.
pub const NO_LOGIN: &str = "(no passwd entry)";

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Actor {
    /// The login this session acts as.
    pub login: String,
    /// The rep record of that login; None for an unknown login (read-only).
    pub rep_id: Option<String>,
    pub role: Option<Role>,
    pub name: Option<String>,
    /// The manager's own login when they act as someone else with `--as`.
    pub acting_for: Option<String>,
}

impl Actor {
    /// A login that is not (or no longer) a rep here: may read, may not write.
    pub fn read_only(login: &str) -> Actor {
        Actor {
            login: login.to_string(),
            rep_id: None,
            role: None,
            name: None,
            acting_for: None,
        }
    }

    pub fn is_manager(&self) -> bool {
        self.role == Some(Role::Manager)
    }

    pub fn can_write(&self) -> bool {
        self.role.is_some() && self.rep_id.is_some()
    }

    /// Refused when the OS cannot say who this is (see `NO_LOGIN`): the refusal says so,
    /// where the read-only one would suggest adding the login as a rep.
    pub fn require_identity(&self) -> Result<()> {
        if self.login == NO_LOGIN {
            return Err(StoreError::rule("input.no_passwd_entry", &[]));
        }
        Ok(())
    }

    /// The rep id of a writer, or the read-only refusal.
    pub fn writer(&self) -> Result<&str> {
        self.require_identity()?;
        match (&self.rep_id, self.role) {
            (Some(id), Some(_)) => Ok(id),
            _ => Err(StoreError::ReadOnly {
                login: self.login.clone(),
            }),
        }
    }

    pub fn denied(&self, action: &'static str) -> StoreError {
        StoreError::Denied {
            login: self.login.clone(),
            action,
        }
    }
}
