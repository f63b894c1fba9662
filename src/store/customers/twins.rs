//! Customers that are likely the same company as a name (`domain::company::core`), for an
//! add or an import to name. A likely twin is said, never refused. A rep is told only whose
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
    /// The live customers but `except` whose names have the same core as `name`.
    pub fn likely_twins(&self, name: &str, except: Option<&str>) -> Result<Vec<Twin>> {
        let core = company::core(name);
        let key = names::name_key(name);
        // Someone who sees no customer learns nothing of them, not even whose they are.
        if core.is_empty() || matches!(self.viewer(), Scope::Nothing) {
            return Ok(Vec::new());
        }
        // The core is in the name key of every name that has it (the key folds as the core
        // does); the names holding it are then compared whole.
        let sql = format!(
            "SELECT c.id, c.name, o.login, ({}) FROM customers c
             LEFT JOIN reps o ON o.id = c.owner_id
             WHERE c.deleted_at IS NULL AND instr(c.name_key, ?1) > 0 AND c.name_key <> ?2
             LIMIT 500",
            self.viewer().customer_sql("c")
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map((&core, &key), |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, bool>(3)?,
            ))
        })?;
        let mut twins = Vec::new();
        for row in rows {
            let (id, other, owner_login, visible) = row?;
            if Some(id.as_str()) == except || company::core(&other) != core {
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
