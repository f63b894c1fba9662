//! Reps (销售人员): the people, their logins and roles. The login is the identity (README, Who you are).

pub mod handover;
pub mod history;
pub mod people;

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row};
use serde::Serialize;

use crate::domain::{FieldError, Reason, Role, ids, names};
use crate::store::policy::Write;
use crate::store::{Actor, Result, Store, StoreError, audit};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rep {
    pub id: String,
    pub name: String,
    pub login: String,
    pub role: Role,
    pub team: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub joined_on: Option<NaiveDate>,
    pub left_on: Option<NaiveDate>,
    pub created_at: String,
    pub updated_at: String,
}

impl Rep {
    pub fn is_active(&self) -> bool {
        self.left_on.is_none()
    }
}

#[derive(Debug, Clone, Default)]
pub struct NewRep {
    pub name: String,
    pub login: String,
    pub role: Option<Role>,
    pub team: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub joined_on: Option<NaiveDate>,
}

/// What `rep edit` changes; None: unchanged (a blank phone or e-mail clears it).
#[derive(Debug, Clone, Default)]
pub struct RepEdit {
    pub name: Option<String>,
    pub role: Option<Role>,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// A move to another team, from the day given (see `history`).
    pub team: Option<(String, NaiveDate)>,
}

pub const LOGIN_FORM: &str = "letters, digits, '.', '_' or '-' (an OS user name)";

/// The longest login: longer than any OS allows (Linux: 32).
pub const MAX_LOGIN: usize = 64;

/// A login as the OS spells it: no spaces, nothing a shell would mangle. Each refusal names
/// its rule, and shows the value escaped and cut short (it may be a 128 KB `--as`).
pub fn check_login(field: &'static str, s: &str) -> std::result::Result<String, FieldError> {
    let s = s.trim();
    let refused = |reason| Err(FieldError::new(field, names::shown(s), reason));
    if s.is_empty() {
        refused(Reason::Empty)
    } else if s.chars().count() > MAX_LOGIN {
        refused(Reason::TooLong(MAX_LOGIN))
    } else if s.chars().any(char::is_control) {
        refused(Reason::Control)
    } else if !s
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
    {
        refused(Reason::Format(LOGIN_FORM))
    } else {
        Ok(s.to_string())
    }
}

/// SQL for how a rep of the row aliased `$a` is shown to people: their name, with the login
/// after it where another rep has the same name (`张伟 (zhang.wei)`), so two 张伟 in a column
/// never look like one. A literal, so it goes into `const` queries with `concat!`.
macro_rules! shown_name {
    ($a:literal) => {
        concat!(
            "(CASE WHEN EXISTS (SELECT 1 FROM reps same WHERE same.name = ",
            $a,
            ".name AND same.id <> ",
            $a,
            ".id) THEN ",
            $a,
            ".name || ' (' || ",
            $a,
            ".login || ')' ELSE ",
            $a,
            ".name END)"
        )
    };
}
pub(crate) use shown_name;

const REP_COLUMNS: &str = "id, name, login, role, team, phone, email, joined_on, left_on, \
                           created_at, updated_at";

fn rep_from_row(r: &Row) -> rusqlite::Result<Rep> {
    Ok(Rep {
        id: r.get(0)?,
        name: r.get(1)?,
        login: r.get(2)?,
        role: r.get(3)?,
        team: r.get(4)?,
        phone: r.get(5)?,
        email: r.get(6)?,
        joined_on: r.get(7)?,
        left_on: r.get(8)?,
        created_at: r.get(9)?,
        updated_at: r.get(10)?,
    })
}

impl Store {
    /// Adds a rep (managers only), or on an empty database the very first manager.
    pub fn add_rep(&mut self, actor: &Actor, new: NewRep) -> Result<Rep> {
        actor.may(Write::AddRep)?;
        self.insert_rep(actor, new)
    }

    fn insert_rep(&mut self, actor: &Actor, new: NewRep) -> Result<Rep> {
        let name = names::required_line("name", &new.name)?;
        let login = check_login("login", &new.login)?;
        let team = match new.team.as_deref() {
            Some(t) => names::optional_line("team", t)?,
            None => None,
        }
        .unwrap_or_else(|| "sales".to_string());
        let role = new.role.unwrap_or(Role::Rep);
        let id = ids::new_id().to_string();
        let added_id = id.clone();
        self.write(actor, |tx, ctx| {
            let taken: Option<String> = tx
                .query_row(
                    "SELECT name FROM reps WHERE login = ?1 AND deleted_at IS NULL",
                    [&login],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(existing) = taken {
                return Err(StoreError::Duplicate {
                    field: "login",
                    value: login.clone(),
                    existing,
                });
            }
            tx.execute(
                "INSERT INTO reps (id, name, login, role, team, phone, email, joined_on,
                                   created_at, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10)",
                (
                    &id,
                    &name,
                    &login,
                    role.code(),
                    &team,
                    new.phone.as_deref().and_then(names::optional),
                    new.email.as_deref().and_then(names::optional),
                    new.joined_on.unwrap_or(ctx.today),
                    &ctx.now,
                    &ctx.login,
                ),
            )?;
            // Where the rep starts, for each period's team (`history`).
            tx.execute_batch(crate::store::schema::REP_HISTORY_FILL)?;
            audit::record(tx, ctx, actor, "rep.add", Some(("rep", &id)), Some(&login))
        })?;
        self.rep(&added_id)
    }

    /// Changes a rep's name, role, phone, e-mail or team (managers); what is None stays, and
    /// all of it is one write: a refused move leaves the name unchanged too. A team change
    /// is dated and kept (`history`). A manager may not make themselves a rep: the team
    /// would be left with nobody to undo it.
    pub fn edit_rep(&mut self, actor: &Actor, login: &str, edit: RepEdit) -> Result<Rep> {
        actor.may(Write::EditRep)?;
        let rep = self.require_rep(login)?;
        let team = match &edit.team {
            Some((team, from)) => {
                actor.may(Write::MoveRep)?;
                Some((self.check_move(&rep, team, *from)?, *from))
            }
            None => None,
        };
        let name = edit
            .name
            .as_deref()
            .map(|n| names::required_line("name", n))
            .transpose()?;
        if edit.role == Some(Role::Rep) && rep.login == actor.login {
            return Err(StoreError::rule(
                "error.demote_self",
                &[("login", &rep.login)],
            ));
        }
        let line = |field: &'static str, v: &Option<String>| {
            v.as_deref()
                .map(|s| names::optional_line(field, s))
                .transpose()
        };
        let (phone, email) = (line("phone", &edit.phone)?, line("email", &edit.email)?);
        self.write(actor, |tx, ctx| {
            tx.execute(
                "UPDATE reps SET name = COALESCE(?2, name), role = COALESCE(?3, role),
                     phone = CASE WHEN ?4 THEN ?5 ELSE phone END,
                     email = CASE WHEN ?6 THEN ?7 ELSE email END,
                     updated_at = ?8, updated_by = ?9
                 WHERE id = ?1",
                rusqlite::params![
                    rep.id,
                    name,
                    edit.role.map(|r| r.code()),
                    phone.is_some(),
                    phone.clone().flatten(),
                    email.is_some(),
                    email.clone().flatten(),
                    ctx.now,
                    ctx.login,
                ],
            )?;
            if let Some((team, from)) = &team {
                history::write_move(tx, ctx, actor, &rep, team, *from)?;
            }
            audit::record(
                tx,
                ctx,
                actor,
                "rep.edit",
                Some(("rep", &rep.id)),
                Some(&rep.login),
            )
        })?;
        self.rep(&rep.id)
    }

    /// `init`: on a database with no reps, `login` becomes the first manager. Returns None
    /// when the database already has reps.
    pub fn init_first_manager(&mut self, login: &str, name: &str) -> Result<Option<Rep>> {
        self.init_first_manager_on(login, name, None)
    }

    /// `init --team`: the first manager on the team named (else `sales`).
    pub fn init_first_manager_on(
        &mut self,
        login: &str,
        name: &str,
        team: Option<&str>,
    ) -> Result<Option<Rep>> {
        Actor::read_only(login).require_identity()?;
        let login = check_login("login", login)?;
        let any: bool = self
            .conn()
            .query_row("SELECT EXISTS (SELECT 1 FROM reps)", [], |r| r.get(0))?;
        if any {
            return Ok(None);
        }
        // Nobody can be checked against yet: the founding manager acts for themself.
        let founder = Actor {
            login: login.clone(),
            rep_id: Some(String::new()),
            role: Some(Role::Manager),
            name: None,
            acting_for: None,
        };
        let new = NewRep {
            name: if name.trim().is_empty() {
                login.clone()
            } else {
                name.to_string()
            },
            login,
            role: Some(Role::Manager),
            team: team.map(str::to_string),
            ..NewRep::default()
        };
        self.insert_rep(&founder, new).map(Some)
    }

    pub fn rep(&self, id: &str) -> Result<Rep> {
        self.conn()
            .query_row(
                &format!("SELECT {REP_COLUMNS} FROM reps WHERE id = ?1"),
                [id],
                rep_from_row,
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                kind: "rep",
                key: id.to_string(),
            })
    }

    pub fn rep_by_login(&self, login: &str) -> Result<Option<Rep>> {
        Ok(self
            .conn()
            .query_row(
                &format!("SELECT {REP_COLUMNS} FROM reps WHERE login = ?1 AND deleted_at IS NULL"),
                [login.trim()],
                rep_from_row,
            )
            .optional()?)
    }

    /// A rep by login, or else by name as people call them (`--owner 张伟`): a name two reps
    /// share is refused with each one's login. NotFound names what was typed. (Who *you*
    /// are is never a name: `actor_for` reads the login only.)
    pub fn require_rep(&self, login: &str) -> Result<Rep> {
        if let Some(rep) = self.rep_by_login(login)? {
            return Ok(rep);
        }
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {REP_COLUMNS} FROM reps WHERE name = ?1 AND deleted_at IS NULL
             ORDER BY left_on IS NOT NULL, login"
        ))?;
        let named: Vec<Rep> = stmt
            .query_map([login.trim()], rep_from_row)?
            .collect::<std::result::Result<_, _>>()?;
        match named.len() {
            1 => Ok(named.into_iter().next().expect("one")),
            0 => Err(StoreError::NotFound {
                kind: "rep",
                key: login.to_string(),
            }),
            _ => Err(StoreError::Ambiguous {
                kind: "rep",
                key: login.to_string(),
                candidates: named
                    .iter()
                    .map(|r| format!("{} ({})", r.name, r.login))
                    .collect(),
            }),
        }
    }

    /// A rep who is still with the company, or an error naming the login.
    pub fn require_active_rep(&self, login: &str) -> Result<Rep> {
        let rep = self.require_rep(login)?;
        match rep.left_on {
            None => Ok(rep),
            Some(left) => Err(StoreError::rule(
                "error.rep_left",
                &[("login", &rep.login), ("date", &left)],
            )),
        }
    }

    /// All reps (including those who left), by team then name.
    /// Every rep's login → how people are shown it (`shown_name!`): 张伟, or
    /// `张伟 (zhang.wei)` where two reps share the name.
    pub fn shown_names(&self) -> Result<std::collections::HashMap<String, String>> {
        let mut stmt = self.conn().prepare_cached(concat!(
            "SELECT r.login, ",
            shown_name!("r"),
            " FROM reps r"
        ))?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    pub fn list_reps(&self) -> Result<Vec<Rep>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {REP_COLUMNS} FROM reps WHERE deleted_at IS NULL ORDER BY team, name, login"
        ))?;
        let rows = stmt.query_map([], rep_from_row)?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Who `login` is here: an active rep acts with their role; anyone else reads only.
    pub fn actor_for(&self, login: &str) -> Result<Actor> {
        Ok(match self.rep_by_login(login)? {
            Some(rep) if rep.is_active() => Actor {
                login: rep.login,
                rep_id: Some(rep.id),
                role: Some(rep.role),
                name: Some(rep.name),
                acting_for: None,
            },
            _ => Actor::read_only(login),
        })
    }

    /// `--as LOGIN`: a manager acts as another login; audited. Refused for anyone else.
    pub fn act_as(&mut self, real: &Actor, login: &str) -> Result<Actor> {
        // Checked before anything is read or audited: `--as ''` acted as nobody and a 128 KB
        // login went whole into the audit log.
        let login = &check_login("login", login)?;
        real.require_identity()?;
        // Refused as "not allowed", not "read-only": the point is that --as is for managers.
        if !real.role_may(Write::ActAs) {
            return Err(real.refused(Write::ActAs));
        }
        let mut target = self.actor_for(login)?;
        target.acting_for = Some(real.login.clone());
        self.write(real, |tx, ctx| {
            audit::record(tx, ctx, real, "act_as", None, Some(login))
        })?;
        Ok(target)
    }
}
