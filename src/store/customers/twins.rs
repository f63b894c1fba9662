//! Customers that are likely the same company as a new one (`domain::company`: the core of
//! its name, or one of its phones), for an add or an import to name. A likely twin is said, never refused. A rep is told only whose
//! it is when it is another rep's: that customer's name is not theirs to read.

use crate::domain::{company, names};
use crate::store::policy::Scope;
use crate::store::{Result, Store};

/// An existing customer a new name resembles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Twin {
    /// Its name, when the viewer may see it.
    pub name: Option<String>,
    /// Its owner's login; None: the pool.
    pub owner_login: Option<String>,
}

/// At most this many twins are named.
const SHOWN: usize = 5;

impl Store {
    /// The live customers but `except` whose names have the same core as `name`, or who
    /// have one of `phones` (as `company::phone_key` compares them).
    pub fn likely_twins(
        &self,
        name: &str,
        phones: &[&str],
        except: Option<&str>,
    ) -> Result<Vec<Twin>> {
        let core = company::core(name);
        let key = names::name_key(name);
        // Someone who sees no customer learns nothing of them, not even whose they are.
        if core.is_empty() || matches!(self.viewer(), Scope::Nothing) {
            return Ok(Vec::new());
        }
        let phones: Vec<String> = phones
            .iter()
            .filter_map(|p| company::phone_key(p))
            .collect();
        // The core is in the name key of every name that has it (the key folds as the core
        // does), and a phone's last seven digits are in every way of writing it: the rows
        // holding either are then compared whole.
        let tails: Vec<String> = phones
            .iter()
            .map(|p| p[p.len() - 7..].to_string())
            .collect();
        let phone_sql = (0..tails.len())
            .map(|i| {
                format!(
                    " OR instr(COALESCE(c.phone, ''), ?{n}) > 0 OR instr(COALESCE(c.mobile, ''), ?{n}) > 0",
                    n = i + 3
                )
            })
            .collect::<String>();
        let sql = format!(
            "SELECT c.id, c.name, o.login, ({}), c.phone, c.mobile FROM customers c
             LEFT JOIN reps o ON o.id = c.owner_id
             WHERE c.deleted_at IS NULL AND c.name_key <> ?2
               AND (instr(c.name_key, ?1) > 0{phone_sql})
             LIMIT 500",
            self.viewer().customer_sql("c")
        );
        let mut params: Vec<&dyn rusqlite::ToSql> = vec![&core, &key];
        params.extend(tails.iter().map(|t| t as &dyn rusqlite::ToSql));
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(params.as_slice(), |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, bool>(3)?,
                [
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, Option<String>>(5)?,
                ],
            ))
        })?;
        let mut twins = Vec::new();
        for row in rows {
            let (id, other, owner_login, visible, their_phones) = row?;
            let same_phone = their_phones
                .iter()
                .flatten()
                .filter_map(|p| company::phone_key(p))
                .any(|p| phones.contains(&p));
            if Some(id.as_str()) == except || !(same_phone || company::core(&other) == core) {
                continue;
            }
            twins.push(Twin {
                name: visible.then_some(other),
                owner_login,
            });
            if twins.len() == SHOWN {
                break;
            }
        }
        Ok(twins)
    }
}
