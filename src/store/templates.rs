//! Scorecard templates in the database: each applies from its effective period onward, so a
//! past period keeps the template it was scored with. Kept as the normalised TOML of
//! `domain::template`, one record per effective period.

use rusqlite::OptionalExtension;

use crate::domain::Period;
use crate::domain::ids;
use crate::domain::template::Template;
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
    /// before the period's first day, else the default of SPEC §5.
    pub fn template_for(&self, period: Period) -> Result<Template> {
        Ok(self
            .stored_template_for(period)?
            .map(|t| t.template)
            .unwrap_or_else(Template::default_template))
    }

    /// Adds a template, or replaces the one with the same effective period. Managers only.
    pub fn import_template(&mut self, actor: &Actor, template: &Template) -> Result<Imported> {
        actor.require_manager("templates")?;
        // Past periods keep the template they were scored with: a template may start with
        // the current month at the earliest.
        let earliest = Period::month_of(self.clock().today());
        if template.effective_from.first_day() < earliest.first_day() {
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
    /// The stored template in force for `period`, if any (else the default applies).
    pub fn stored_template_for(&self, period: Period) -> Result<Option<StoredTemplate>> {
        Ok(self
            .templates()?
            .into_iter()
            .rev()
            .find(|t| t.template.effective_from.first_day() <= period.first_day()))
    }
}
