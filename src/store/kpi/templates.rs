//! Scorecard templates in the database: each applies from its effective period onward, so a
//! past period keeps the template it was scored with. Kept as the normalised TOML of
//! `domain::template`, one record per effective period.

use rusqlite::OptionalExtension;

use crate::domain::Period;
use crate::domain::ids;
use crate::domain::template::Template;
use crate::store::policy::Write;
use crate::store::{Actor, Result, Store, StoreError, audit};

/// A template as stored, with who last changed it.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredTemplate {
    pub id: String,
    pub template: Template,
    pub updated_at: String,
    pub updated_by: String,
}

/// What `import_template` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Imported {
    Added,
    /// A template with the same effective period was replaced.
    Replaced,
}

impl Store {
    /// Every stored template, oldest effective period first.
    pub fn templates(&self) -> Result<Vec<StoredTemplate>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, body, updated_at, updated_by FROM scorecard_templates
             WHERE deleted_at IS NULL",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, body, updated_at, updated_by) = row?;
            // A body this version cannot read (edited by hand in the file, or from a newer
            // version) is skipped rather than breaking every scorecard; the log says so.
            match Template::parse(&body) {
                Ok(template) => out.push(StoredTemplate {
                    id,
                    template,
                    updated_at,
                    updated_by,
                }),
                Err(e) => tracing::warn!("template {id} is unreadable and ignored: {e}"),
            }
        }
        out.sort_by_key(|t| t.template.effective_from.first_day());
        Ok(out)
    }

    /// The template that scores `period`: the newest whose effective period starts on or
    /// before the period's first day, else the default of README, Scorecards (KPI).
    pub fn template_for(&self, period: Period) -> Result<Template> {
        Ok(self
            .stored_template_for(period)?
            .map(|t| t.template)
            .unwrap_or_else(Template::default_template))
    }

    /// Adds a template, or replaces the one with the same effective period. Managers only.
    pub fn import_template(&mut self, actor: &Actor, template: &Template) -> Result<Imported> {
        actor.may(Write::ImportTemplate)?;
        // Past periods keep the template they were scored with: a template may start with
        // the current month at the earliest. Except in place of one that cannot be read:
        // those periods have no template to keep, and no other way to get one.
        let earliest = Period::month_of(self.clock().today());
        if template.effective_from.first_day() < earliest.first_day()
            && !self.unreadable_at(template.effective_from)?
        {
            return Err(StoreError::rule(
                "error.template_past",
                &[
                    ("period", &template.effective_from),
                    ("earliest", &earliest),
                ],
            ));
        }
        let from = template.effective_from.to_string();
        let existing: Option<String> = self
            .conn()
            .query_row(
                "SELECT id FROM scorecard_templates WHERE effective_from = ?1 AND deleted_at IS NULL",
                [&from],
                |r| r.get(0),
            )
            .optional()?;
        let body = template.to_toml();
        // What is stored must read back as this template: one that does not would be skipped
        // on every read, and another template would score the period in its place.
        match Template::parse(&body) {
            Ok(back) if back == *template => {}
            Ok(_) => {
                return Err(StoreError::rule(
                    "input.template_not_kept",
                    &[("name", &template.name)],
                ));
            }
            Err(e) => {
                return Err(StoreError::rule(
                    "input.template_refused",
                    &[("name", &template.name), ("problem", &e)],
                ));
            }
        }
        self.write(actor, |tx, ctx| {
            let id = match &existing {
                Some(id) => {
                    tx.execute(
                        "UPDATE scorecard_templates SET name = ?2, body = ?3, updated_at = ?4,
                             updated_by = ?5
                         WHERE id = ?1",
                        (id, &template.name, &body, &ctx.now, &ctx.login),
                    )?;
                    id.clone()
                }
                None => {
                    let id = ids::new_id().to_string();
                    tx.execute(
                        "INSERT INTO scorecard_templates (id, name, effective_from, body,
                             created_at, updated_at, updated_by)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6)",
                        (&id, &template.name, &from, &body, &ctx.now, &ctx.login),
                    )?;
                    id
                }
            };
            audit::record(
                tx,
                ctx,
                actor,
                "template.import",
                Some(("template", &id)),
                Some(&format!("{} {from}", template.name)),
            )
        })?;
        Ok(if existing.is_some() {
            Imported::Replaced
        } else {
            Imported::Added
        })
    }
}

impl Store {
    /// Whether the template stored for exactly `from` is one this version cannot read.
    fn unreadable_at(&self, from: Period) -> Result<bool> {
        let body: Option<String> = self
            .conn()
            .query_row(
                "SELECT body FROM scorecard_templates WHERE effective_from = ?1 AND deleted_at IS NULL",
                [from.to_string()],
                |r| r.get(0),
            )
            .optional()?;
        Ok(body.is_some_and(|b| Template::parse(&b).is_err()))
    }

    /// The stored template in force for `period`, if any (else the default applies).
    ///
    /// The one in force is chosen by its effective period, not by whether it can be read: a
    /// template this version cannot read (edited by hand in the file, or written by a newer
    /// version) is an error for the periods it applies to, never silently replaced by an
    /// older template or the default. A manager fixes it by importing a corrected template
    /// for the same period, which replaces it without reading it.
    pub fn stored_template_for(&self, period: Period) -> Result<Option<StoredTemplate>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, name, effective_from, body, updated_at, updated_by
             FROM scorecard_templates WHERE deleted_at IS NULL",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
            ))
        })?;
        let mut in_force: Option<(Period, _)> = None;
        for row in rows {
            let row = row?;
            let Ok(from) = row.2.parse::<Period>() else {
                // Without a period it applies to none; nothing is replaced by skipping it.
                tracing::warn!("template {} has no effective period and is ignored", row.0);
                continue;
            };
            let newer = in_force
                .as_ref()
                .is_none_or(|(f, _)| from.first_day() > f.first_day());
            if from.first_day() <= period.first_day() && newer {
                in_force = Some((from, row));
            }
        }
        let Some((from, (id, name, _, body, updated_at, updated_by))) = in_force else {
            return Ok(None);
        };
        match Template::parse(&body) {
            Ok(template) => Ok(Some(StoredTemplate {
                id,
                template,
                updated_at,
                updated_by,
            })),
            Err(e) => Err(StoreError::rule(
                "input.template_unreadable",
                &[("name", &name), ("period", &from), ("problem", &e)],
            )),
        }
    }
}
