//! The team's rules (README, The public pool, claims and handovers): the claim limit, the follow-up cadence per grade, the pool
//! rules and the currency sign. They live in the database (table `settings`, one row per rule
//! a manager set) so that one team has one set of rules: when each user's config.toml decided
//! them, a rep raised their own claim limit. Only managers change them, every change goes to
//! the audit log, and a rule without a row has its default.
//!
//! Every value is checked when it is set and again when it is read: the file can be written
//! by other tools or arrive by `sync` from a copy edited by hand, and the cadences are put
//! into SQL as numbers. A stored value that does not pass is ignored (its default holds).

use std::cell::RefCell;

use rusqlite::{Connection, OptionalExtension, Transaction};
use serde::Serialize;

use crate::domain::names;
use crate::store::policy::Write;
use crate::store::{Actor, Result, Store, StoreError, WriteCtx, audit};

/// Every rule's key, in the order `salestrack settings` lists them.
pub const KEYS: &[&str] = &[
    "claim_limit",
    "cadence.A",
    "cadence.B",
    "cadence.C",
    "cadence.D",
    "pool.enabled",
    "pool.days_without_visit",
    "pool.days.A",
    "pool.days.B",
    "pool.days.C",
    "pool.days.D",
    "pool.exempt_deals",
    "pool.lock_quota",
    "pool.claims_per_day",
    "pool.claim_back_days",
    "pool.warn_days",
    "currency",
];

/// A rep may hold at most this many customers by claiming (0: reps never claim, managers
/// assign). Above ten thousand a rep is holding the pool, not working it: a typo.
const CLAIM_LIMIT_MAX: u32 = 10_000;
/// Cadences and the pool's days: at least a day, at most ten years.
const DAYS_MAX: u32 = 3650;
/// The furthest ahead the agenda warns of the pool.
const WARN_DAYS_MAX: u32 = 30;
/// A currency is a sign or a code shown before every amount (¥, $, CNY, US$).
const CURRENCY_MAX_CHARS: usize = 8;

/// Follow-up cadence in days per customer grade: a customer is overdue after this.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Cadence {
    pub a: u32,
    pub b: u32,
    pub c: u32,
    pub d: u32,
}

impl Default for Cadence {
    fn default() -> Self {
        Cadence {
            a: 7,
            b: 14,
            c: 30,
            d: 60,
        }
    }
}

/// Customers nobody followed up for their grade's days go back to the public pool: on
/// `pool sweep`, and when enabled also when a manager opens the TUI. The days count from
/// the later of the last visit and the day the owner got the customer (`Store::pool_due`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PoolRules {
    pub enabled: bool,
    pub days_without_visit: u32,
    /// Days per grade A–D; 0: `days_without_visit`.
    pub days: [u32; 4],
    /// Customers who have bought, or have a deal in the pipeline, are not swept.
    pub exempt_deals: bool,
    /// How many of their customers a rep may lock against the sweep (managers: any).
    pub lock_quota: u32,
    /// How many customers a rep may claim in a day; 0: no daily quota.
    pub claims_per_day: u32,
    /// Days before a rep may claim back a customer they released or lost to the sweep.
    pub claim_back_days: u32,
    /// A customer due back in the pool within this many days shows on its owner's agenda.
    pub warn_days: u32,
}

impl Default for PoolRules {
    fn default() -> Self {
        PoolRules {
            enabled: false,
            days_without_visit: 90,
            days: [0; 4],
            exempt_deals: true,
            lock_quota: 10,
            claims_per_day: 0,
            claim_back_days: 0,
            warn_days: 7,
        }
    }
}

impl PoolRules {
    /// The days a customer of grade index `g` (A = 0) may go without a follow-up.
    pub fn days_for(&self, g: usize) -> u32 {
        match self.days.get(g) {
            Some(0) | None => self.days_without_visit,
            Some(d) => *d,
        }
    }
}

/// The rules in force: the stored ones, defaults for the rest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rules {
    pub cadence: Cadence,
    /// How many customers a rep may hold when claiming from the pool.
    pub claim_limit: u32,
    pub pool: PoolRules,
    pub currency: String,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            cadence: Cadence::default(),
            claim_limit: 200,
            pool: PoolRules::default(),
            currency: "¥".into(),
        }
    }
}

impl Rules {
    /// A rule's value as it is stored and shown; None for a key that is not a rule.
    pub fn get(&self, key: &str) -> Option<String> {
        Some(match key {
            "claim_limit" => self.claim_limit.to_string(),
            "cadence.A" => self.cadence.a.to_string(),
            "cadence.B" => self.cadence.b.to_string(),
            "cadence.C" => self.cadence.c.to_string(),
            "cadence.D" => self.cadence.d.to_string(),
            "pool.enabled" => self.pool.enabled.to_string(),
            "pool.days_without_visit" => self.pool.days_without_visit.to_string(),
            "pool.days.A" => self.pool.days[0].to_string(),
            "pool.days.B" => self.pool.days[1].to_string(),
            "pool.days.C" => self.pool.days[2].to_string(),
            "pool.days.D" => self.pool.days[3].to_string(),
            "pool.exempt_deals" => self.pool.exempt_deals.to_string(),
            "pool.lock_quota" => self.pool.lock_quota.to_string(),
            "pool.claims_per_day" => self.pool.claims_per_day.to_string(),
            "pool.claim_back_days" => self.pool.claim_back_days.to_string(),
            "pool.warn_days" => self.pool.warn_days.to_string(),
            "currency" => self.currency.clone(),
            _ => return None,
        })
    }

    /// Sets a rule from a value `check` accepted (so the parses here cannot fail).
    fn put(&mut self, key: &str, value: &str) {
        let n = || value.parse::<u32>().unwrap_or_default();
        match key {
            "claim_limit" => self.claim_limit = n(),
            "cadence.A" => self.cadence.a = n(),
            "cadence.B" => self.cadence.b = n(),
            "cadence.C" => self.cadence.c = n(),
            "cadence.D" => self.cadence.d = n(),
            "pool.enabled" => self.pool.enabled = value == "true",
            "pool.days_without_visit" => self.pool.days_without_visit = n(),
            "pool.days.A" => self.pool.days[0] = n(),
            "pool.days.B" => self.pool.days[1] = n(),
            "pool.days.C" => self.pool.days[2] = n(),
            "pool.days.D" => self.pool.days[3] = n(),
            "pool.exempt_deals" => self.pool.exempt_deals = value == "true",
            "pool.lock_quota" => self.pool.lock_quota = n(),
            "pool.claims_per_day" => self.pool.claims_per_day = n(),
            "pool.claim_back_days" => self.pool.claim_back_days = n(),
            "pool.warn_days" => self.pool.warn_days = n(),
            "currency" => self.currency = value.to_string(),
            _ => {}
        }
    }
}

/// Checks `value` for rule `key`: the key as a `&'static str` and the value as it is stored
/// (`" 5 "` → `"5"`, `"TRUE"` → `"true"`), or the refusal naming the rule.
pub fn check(key: &str, value: &str) -> Result<(&'static str, String)> {
    let Some(key) = KEYS.iter().copied().find(|k| *k == key) else {
        return Err(StoreError::rule(
            "settings.unknown_key",
            &[("key", &names::shown(key)), ("keys", &KEYS.join(", "))],
        ));
    };
    let shown = names::shown(value);
    let number = |min: u32, max: u32| {
        let t = value.trim();
        // Digits only: `parse` would take "+5", and a 30-digit number is refused as a number
        // out of range, not as an overflow.
        let n = (!t.is_empty() && t.len() <= 9 && t.bytes().all(|b| b.is_ascii_digit()))
            .then(|| t.parse::<u32>().ok())
            .flatten()
            .filter(|n| (min..=max).contains(n));
        n.map(|n| n.to_string()).ok_or_else(|| {
            StoreError::rule(
                "settings.range",
                &[
                    ("key", &key),
                    ("value", &shown),
                    ("min", &min),
                    ("max", &max),
                ],
            )
        })
    };
    let value = match key {
        "claim_limit" => number(0, CLAIM_LIMIT_MAX)?,
        "cadence.A" | "cadence.B" | "cadence.C" | "cadence.D" | "pool.days_without_visit" => {
            number(1, DAYS_MAX)?
        }
        // 0: the grade has no days of its own (`pool.days_without_visit`).
        "pool.days.A" | "pool.days.B" | "pool.days.C" | "pool.days.D" => number(0, DAYS_MAX)?,
        "pool.lock_quota" | "pool.claims_per_day" => number(0, CLAIM_LIMIT_MAX)?,
        "pool.claim_back_days" => number(0, DAYS_MAX)?,
        // A warning a month ahead is a list of everything, not a warning.
        "pool.warn_days" => number(0, WARN_DAYS_MAX)?,
        "pool.enabled" | "pool.exempt_deals" => match value.trim().to_ascii_lowercase().as_str() {
            b @ ("true" | "false") => b.to_string(),
            _ => {
                return Err(StoreError::rule(
                    "settings.bool",
                    &[("key", &key), ("value", &shown)],
                ));
            }
        },
        _ => currency(value)?,
    };
    Ok((key, value))
}

/// A currency sign: one line of 1 to `CURRENCY_MAX_CHARS` characters. It is printed before
/// every amount in every table, report and terminal, so besides control characters the
/// invisible ones are refused: the direction overrides (U+202A–U+202E, U+2066–U+2069) would
/// turn the digits that follow around, and zero-width ones make a sign that shows as nothing.
fn currency(value: &str) -> Result<String> {
    let t = value.trim();
    let hidden = |c: char| {
        c.is_control()
            || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}')
    };
    if t.is_empty() || t.chars().count() > CURRENCY_MAX_CHARS || t.chars().any(hidden) {
        return Err(StoreError::rule(
            "settings.currency",
            &[
                ("value", &names::shown(value)),
                ("max", &CURRENCY_MAX_CHARS),
            ],
        ));
    }
    Ok(t.to_string())
}

/// One rule as `salestrack settings` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Setting {
    pub key: &'static str,
    /// The value in force.
    pub value: String,
    /// True when no manager set it (or what is stored cannot be read): the default holds.
    pub default: bool,
    /// Who set it last, and when (None for a rule never set).
    pub updated_by: Option<String>,
    pub updated_at: Option<String>,
}

/// What `set_setting` did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Changed {
    pub key: &'static str,
    pub old: String,
    pub new: String,
    /// False when the rule already had this value (nothing written, nothing audited).
    pub changed: bool,
}

/// What the one-time copy of an old config.toml's rules did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Adopted {
    /// (key, value) written to the database.
    pub copied: Vec<(&'static str, String)>,
    /// (key, value as found, why it was refused): left out.
    pub skipped: Vec<(String, String, String)>,
}

/// The rules read last and the moment they were read: `PRAGMA data_version` changes when
/// another connection commits, `total_changes` when this one writes (a `settings set`, or a
/// sync bringing rules in). While both stay, the rules cannot have changed.
#[derive(Debug, Default)]
pub(crate) struct RulesCache(RefCell<Option<((i64, u64), Rules)>>);

struct Stored {
    key: String,
    value: String,
    updated_by: String,
    updated_at: String,
}

/// Every live row of `settings`; none in a file older than the table (tests open those).
fn stored(conn: &Connection) -> Result<Vec<Stored>> {
    let exists: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'settings')",
        [],
        |r| r.get(0),
    )?;
    if !exists {
        return Ok(Vec::new());
    }
    let mut stmt = conn.prepare_cached(
        "SELECT id, value, updated_by, updated_at FROM settings WHERE deleted_at IS NULL",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Stored {
            key: r.get(0)?,
            value: r.get(1)?,
            updated_by: r.get(2)?,
            updated_at: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// A stored row as a rule: the checked value, or None (with a log line) when the key is
/// unknown (a newer version's rule) or the value does not pass.
fn readable(row: &Stored) -> Option<(&'static str, String)> {
    match check(&row.key, &row.value) {
        Ok(kv) => Some(kv),
        Err(e) => {
            tracing::warn!("settings: {:?} ignored: {e}", row.key);
            None
        }
    }
}

fn read_rules(conn: &Connection) -> Result<Rules> {
    let mut rules = Rules::default();
    for row in stored(conn)? {
        if let Some((key, value)) = readable(&row) {
            rules.put(key, &value);
        }
    }
    Ok(rules)
}

/// Writes one rule and its audit entry; false when it already had `value`.
fn put(
    tx: &Transaction,
    ctx: &WriteCtx,
    actor: &Actor,
    action: &str,
    (key, old, value): (&str, &str, &str),
) -> Result<bool> {
    let current: Option<String> = tx
        .query_row(
            "SELECT value FROM settings WHERE id = ?1 AND deleted_at IS NULL",
            [key],
            |r| r.get(0),
        )
        .optional()?;
    if current.as_deref() == Some(value) {
        return Ok(false);
    }
    tx.execute(
        "INSERT INTO settings (id, value, created_at, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?3, ?4)
         ON CONFLICT (id) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at,
             updated_by = excluded.updated_by, deleted_at = NULL",
        (key, value, &ctx.now, &ctx.login),
    )?;
    let detail = format!("{old} -> {value}");
    audit::record(
        tx,
        ctx,
        actor,
        action,
        Some(("setting", key)),
        Some(&detail),
    )?;
    Ok(true)
}

impl Store {
    /// The rules in force, read again only when the database changed since the last read.
    pub fn rules(&self) -> Result<Rules> {
        let stamp = (self.data_version()?, self.conn().total_changes());
        if let Some((at, rules)) = &*self.rules.0.borrow() {
            if *at == stamp {
                return Ok(rules.clone());
            }
        }
        let rules = read_rules(self.conn())?;
        *self.rules.0.borrow_mut() = Some((stamp, rules.clone()));
        Ok(rules)
    }

    /// The cadences, for the overdue flag on lists. Infallible for its callers, which build
    /// SQL text; should reading fail, the defaults only change which rows are flagged, and
    /// the query itself then reports the database's error.
    pub fn cadence(&self) -> Cadence {
        self.rules().map(|r| r.cadence).unwrap_or_default()
    }

    /// Every rule, its value in force, and who set it last.
    pub fn settings(&self) -> Result<Vec<Setting>> {
        let rows = stored(self.conn())?;
        let rules = self.rules()?;
        Ok(KEYS
            .iter()
            .map(|&key| {
                let row = rows.iter().find(|r| r.key == key);
                Setting {
                    key,
                    value: rules.get(key).unwrap_or_default(),
                    default: row.is_none_or(|r| readable(r).is_none()),
                    updated_by: row.map(|r| r.updated_by.clone()),
                    updated_at: row.map(|r| r.updated_at.clone()),
                }
            })
            .collect())
    }

    /// Sets one rule: managers only, the value checked for its rule, the change audited.
    pub fn set_setting(&mut self, actor: &Actor, key: &str, value: &str) -> Result<Changed> {
        actor.may(Write::SetSetting)?;
        let (key, value) = check(key, value)?;
        let old = self.rules()?.get(key).unwrap_or_default();
        let changed = self.write(actor, |tx, ctx| {
            put(tx, ctx, actor, "settings.set", (key, &old, &value))
        })?;
        Ok(Changed {
            key,
            old,
            new: value,
            changed,
        })
    }

    /// The one-time move of the team rules an older config.toml set (`found`, as (key,
    /// value) text) into the database. Done only for a manager, and only while the table has
    /// no row at all, deleted ones included: once any rule was set here, config.toml is never
    /// read for rules again, so editing it later changes nothing. A value this version
    /// refuses is left out and said. None when there was nothing to do.
    pub fn adopt_config_rules(
        &mut self,
        actor: &Actor,
        found: &[(&'static str, String)],
    ) -> Result<Option<Adopted>> {
        if found.is_empty() || actor.may(Write::SetSetting).is_err() || self.writable().is_err() {
            return Ok(None);
        }
        let any: bool =
            self.conn()
                .query_row("SELECT EXISTS (SELECT 1 FROM settings)", [], |r| r.get(0))?;
        if any {
            return Ok(None);
        }
        let defaults = Rules::default();
        let mut adopted = Adopted::default();
        for (key, value) in found {
            match check(key, value) {
                Ok(kv) => adopted.copied.push(kv),
                Err(e) => {
                    adopted
                        .skipped
                        .push((key.to_string(), names::shown(value), e.to_string()))
                }
            }
        }
        let copied = adopted.copied.clone();
        let wrote = self.write(actor, |tx, ctx| {
            // Checked again inside the write: two managers opening at once copy once.
            let any: bool =
                tx.query_row("SELECT EXISTS (SELECT 1 FROM settings)", [], |r| r.get(0))?;
            if any {
                return Ok(false);
            }
            for (key, value) in &copied {
                let old = defaults.get(key).unwrap_or_default();
                put(tx, ctx, actor, "settings.adopt", (key, &old, value))?;
            }
            Ok(true)
        })?;
        Ok(wrote.then_some(adopted))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(key: &str, value: &str) -> String {
        check(key, value).unwrap_err().to_string()
    }

    #[test]
    fn numbers_are_taken_in_their_range_and_stored_plainly() {
        assert_eq!(
            check("claim_limit", " 5 ").unwrap(),
            ("claim_limit", "5".into())
        );
        assert_eq!(check("claim_limit", "0").unwrap().1, "0");
        assert_eq!(check("claim_limit", "10000").unwrap().1, "10000");
        assert_eq!(check("cadence.A", "1").unwrap().1, "1");
        assert_eq!(check("pool.days_without_visit", "3650").unwrap().1, "3650");
    }

    #[test]
    fn numbers_out_of_range_or_not_whole_are_refused_naming_the_range() {
        for (key, value) in [
            ("claim_limit", "10001"),
            ("claim_limit", "-1"),
            ("claim_limit", "+5"),
            ("claim_limit", "5.0"),
            ("claim_limit", "1e3"),
            ("claim_limit", "99999999999999999999999"),
            ("claim_limit", ""),
            ("claim_limit", "many"),
            ("cadence.B", "0"),
            ("cadence.D", "3651"),
            ("pool.days_without_visit", "0"),
        ] {
            let e = refused(key, value);
            assert!(e.contains(key) && e.contains(" to "), "{key}={value}: {e}");
        }
    }

    #[test]
    fn the_pool_switch_is_true_or_false() {
        assert_eq!(check("pool.enabled", "TRUE").unwrap().1, "true");
        assert_eq!(check("pool.enabled", "false").unwrap().1, "false");
        for v in ["yes", "1", "", "truee"] {
            assert!(refused("pool.enabled", v).contains("true or false"), "{v}");
        }
    }

    #[test]
    fn a_currency_is_a_short_visible_line() {
        // Trimmed like every one-line text, a trailing line break included.
        assert_eq!(check("currency", " $\n").unwrap().1, "$");
        assert_eq!(check("currency", "US$").unwrap().1, "US$");
        assert_eq!(check("currency", "人民币").unwrap().1, "人民币");
        for v in [
            "",
            "   ",
            "\x1b]0;pwned\x07",
            "$\n$",
            "a\tb",
            "\u{202e}$",
            "\u{200b}",
            "TOOLONGSIGN",
        ] {
            let e = refused("currency", v);
            assert!(e.contains("currency"), "{v:?}: {e}");
            assert!(!e.contains('\x1b'), "the escape is shown, not sent: {e}");
        }
    }

    #[test]
    fn an_unknown_key_is_refused_with_the_keys_listed() {
        let e = refused("claim_limits", "5");
        assert!(e.contains("claim_limit, cadence.A"), "{e}");
        assert!(refused("cadence.E", "5").contains("cadence.D"));
        assert!(refused("Currency", "$").contains("currency"));
    }

    #[test]
    fn every_key_reads_back_what_it_stores() {
        let mut rules = Rules::default();
        for (key, value) in [
            ("claim_limit", "5"),
            ("cadence.A", "3"),
            ("cadence.B", "4"),
            ("cadence.C", "5"),
            ("cadence.D", "6"),
            ("pool.enabled", "true"),
            ("pool.days_without_visit", "45"),
            ("pool.days.A", "20"),
            ("pool.days.B", "30"),
            ("pool.days.C", "0"),
            ("pool.days.D", "120"),
            ("pool.exempt_deals", "false"),
            ("pool.lock_quota", "3"),
            ("pool.claims_per_day", "5"),
            ("pool.claim_back_days", "30"),
            ("pool.warn_days", "3"),
            ("currency", "$"),
        ] {
            let (key, value) = check(key, value).unwrap();
            rules.put(key, &value);
            assert_eq!(rules.get(key).as_deref(), Some(value.as_str()), "{key}");
        }
        assert_eq!(KEYS.iter().filter(|k| rules.get(k).is_some()).count(), 17);
        // A grade's 0 is the days without a visit.
        assert_eq!(
            [0, 1, 2, 3].map(|g| rules.pool.days_for(g)),
            [20, 30, 45, 120]
        );
        assert_ne!(rules, Rules::default());
    }
}
