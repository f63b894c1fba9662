//! Moving in from the Customers tab (README, Moving in): a manager names a file and what it
//! holds; the file is read and checked on the worker (a dry run), the report is shown with
//! the question; on yes it is imported on the worker, the screen saying "Loading…" meanwhile,
//! and every tab reads again.

use std::path::PathBuf;

use crate::domain::sheet::{self, Kind, ReadOptions};
use crate::store::StoreError;
use crate::store::import::ImportOptions;
use crate::store::policy::Write;
use crate::t;
use crate::tui::ctx::Ctx;
use crate::tui::effect::{Effect, Question};
use crate::tui::loader::{Job, Output};
use crate::tui::tabs::customers::state::{CustomersTab, Purpose};
use crate::tui::widgets::form::{Field, Form};

/// How many lines of a report the question shows; the rest are counted.
const SHOWN: usize = 8;

/// An import's read on the worker: a dry run's report to ask about, or the import done.
pub(super) enum ImportRead {
    Checked(Result<Vec<String>, String>),
    Done(Result<Vec<String>, String>),
}

/// The file and its kind, waiting for the answer to the question.
pub type PendingImport = (PathBuf, Kind);

impl CustomersTab {
    /// `I`: the form naming the file, for a manager; anyone else is told why not.
    pub(super) fn start_import(&mut self, ctx: &mut Ctx) -> Effect {
        if let Err(e) = ctx.actor.may(Write::ImportCustomers) {
            return Effect::Message(e.to_string());
        }
        let kinds = Kind::ALL
            .iter()
            .map(|k| (k.code().to_string(), crate::messages::kind_label(*k)))
            .collect();
        let form = Form::new(
            "tui.form_import",
            vec![
                Field::text("file", ""),
                Field::choice("records", kinds, Kind::Customers.code()),
            ],
        );
        self.open(Purpose::Import, form)
    }

    /// The form saved: the file checked on the worker, written nowhere.
    pub(super) fn check_import(
        &mut self,
        ctx: &mut Ctx,
        form: &Form,
    ) -> Result<Effect, StoreError> {
        let file = PathBuf::from(form.value("file").trim());
        let kind = Kind::ALL
            .into_iter()
            .find(|k| k.code() == form.value("records"))
            .unwrap_or(Kind::Customers);
        self.pending_import = Some((file.clone(), kind));
        let actor = ctx.actor.clone();
        Ok(Effect::Load(Job::new(move |store| {
            ImportRead::Checked(run(store, &actor, &file, kind, true))
        })))
    }

    /// The answer to "import?": on yes, the import, on the worker.
    pub(super) fn answer_import(&mut self, ctx: &mut Ctx, yes: bool) -> Effect {
        let Some((file, kind)) = self.pending_import.take() else {
            return Effect::None;
        };
        if !yes {
            return Effect::None;
        }
        let actor = ctx.actor.clone();
        Effect::Load(Job::new(move |store| {
            ImportRead::Done(run(store, &actor, &file, kind, false))
        }))
    }

    /// A read of the import has come: the question, or the outcome.
    pub(super) fn import_read(&mut self, output: Output) -> Result<Effect, Output> {
        let read = *output.downcast::<ImportRead>()?;
        Ok(match read {
            ImportRead::Checked(Ok(lines)) => Effect::Ask(Question {
                title: t!("tui.import_title").to_string(),
                text: shown(&lines),
            }),
            ImportRead::Checked(Err(refused)) | ImportRead::Done(Err(refused)) => {
                self.pending_import = None;
                Effect::Message(refused)
            }
            ImportRead::Done(Ok(lines)) => {
                Effect::Changed(lines.into_iter().next().unwrap_or_default())
            }
        })
    }
}

/// The first lines of a report, and how many more there are.
fn shown(lines: &[String]) -> String {
    let mut text: Vec<String> = lines.iter().take(SHOWN).cloned().collect();
    if lines.len() > SHOWN {
        text.push(t!("tui.import_more", count = lines.len() - SHOWN));
    }
    text.join("\n")
}

/// Reads `file` as records of `kind` and imports them (dry: checks them), on the worker's
/// own connection: the report's lines, or why not.
fn run(
    store: &mut crate::store::Store,
    actor: &crate::store::Actor,
    file: &std::path::Path,
    kind: Kind,
    dry_run: bool,
) -> Result<Vec<String>, String> {
    store.set_viewer(actor);
    let bytes = crate::infile::read(file).map_err(|e| e.to_string())?;
    let table = sheet::read(&bytes, kind, &ReadOptions::default())
        .map_err(|e| crate::messages::sheet_error(&e))?;
    let options = ImportOptions {
        dry_run,
        update: false,
    };
    let report = store
        .import(actor, &table, options)
        .map_err(|e| e.to_string())?;
    Ok(crate::messages::import_report(
        kind,
        table.header_line,
        &report,
    ))
}
