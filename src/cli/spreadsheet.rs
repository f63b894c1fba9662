//! `customer|contact|visit import FILE` and `customer export`: records to and from
//! spreadsheets (README, Moving in).

use std::io::Write;
use std::path::Path;

use anyhow::anyhow;

use crate::cli::args::ImportArgs;
use crate::cli::progress::Progress;
use crate::domain::sheet::values::ValueMap;
use crate::domain::sheet::{self, Encoding, Kind, ReadOptions, headers};
use crate::domain::text::neutralise_cell;
use crate::i18n::{self, Lang};
use crate::store::customers::Customer;
use crate::store::import::{ImportOptions, ImportReport};
use crate::store::{Actor, Store};
use crate::t;

/// `customer|contact|visit import FILE`: reads the file as records of `kind`, imports them
/// (or, dry, checks them) and says what happened, line by line where a line matters.
pub fn import(
    store: &mut Store,
    actor: &Actor,
    kind: Kind,
    args: &ImportArgs,
    update: bool,
) -> anyhow::Result<()> {
    let read = ReadOptions {
        encoding: args.encoding.parse::<Encoding>()?,
        sheet: args.sheet.clone(),
        maps: args
            .maps
            .iter()
            .map(|m| m.parse::<ValueMap>())
            .collect::<Result<_, _>>()?,
    };
    let file = &args.file;
    let bytes = crate::infile::read(file)?;
    let table =
        sheet::read(&bytes, kind, &read).map_err(|e| anyhow!(crate::messages::sheet_error(&e)))?;
    let options = ImportOptions {
        dry_run: args.dry_run,
        update,
    };
    let working = Progress::start(t!("progress.import").to_string(), None, false);
    let report = store.import(actor, &table, options)?;
    drop(working);
    print_report(kind, &table, &report)
}

fn print_report(kind: Kind, table: &sheet::Table, report: &ImportReport) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    let lines = crate::messages::import_report(kind, table.header_line, report);
    for (i, line) in lines.iter().enumerate() {
        let indent = if i == 0 { "" } else { "  " };
        writeln!(out, "{indent}{line}")?;
    }
    Ok(())
}

/// The header export writes for a customer's field, in the current language.
fn header(key: &str) -> &'static str {
    headers::export_header(Kind::Customers, key, i18n::lang() == Lang::Zh)
}

/// The customer's fields export writes, in order: everything an import reads back.
const EXPORTED: &[&str] = &[
    "name",
    "grade",
    "stage",
    "owner",
    "industry",
    "size",
    "region",
    "city",
    "source",
    "address",
    "tags",
    "notes",
    "next_follow_up",
    "mobile",
    "phone",
    "email",
    "website",
];

const PAGE: usize = 1000;

/// Every customer as CSV, to standard output or to a file written whole or not at all.
pub fn export(store: &Store, output: Option<&Path>, force: bool) -> anyhow::Result<()> {
    match output {
        Some(path) => {
            let protect = crate::outfile::Protected::database(store.path());
            let mut staged = crate::outfile::Staged::new(path, &protect, force)?;
            write_csv(store, &mut staged)?;
            staged.commit()?;
            Ok(())
        }
        None => write_csv(store, std::io::stdout().lock()),
    }
}

fn write_csv(store: &Store, sink: impl Write) -> anyhow::Result<()> {
    let mut sink = std::io::BufWriter::new(sink);
    // A BOM, so that Excel opens a UTF-8 file of Chinese names as text, not mojibake.
    sink.write_all(b"\xEF\xBB\xBF")?;
    let mut w = csv::Writer::from_writer(sink);
    w.write_record(EXPORTED.iter().map(|k| header(k)))?;
    let people = People::read(store)?;
    let total = store.count_customers(&Default::default())? as u64;
    let working = Progress::start(t!("progress.export").to_string(), Some(total), false);
    let mut after: Option<String> = None;
    loop {
        let page = store.customers_after(after.as_deref(), PAGE)?;
        for c in &page {
            w.write_record(record(c, &people))?;
        }
        working.add(page.len() as u64);
        match page.last() {
            Some(last) if page.len() == PAGE => {
                after = Some(crate::domain::names::name_key(&last.name))
            }
            _ => break,
        }
    }
    w.flush()?;
    Ok(())
}

/// Who a login is, as the export writes them: by name, or by login where the name would
/// not come back to the same rep (two reps share it, or it is another rep's login: import
/// tries logins first).
struct People(std::collections::HashMap<String, String>);

impl People {
    fn read(store: &Store) -> anyhow::Result<People> {
        let reps = store.list_reps()?;
        let key = |n: &str| crate::domain::names::name_key(n);
        let shared = |n: &str| reps.iter().filter(|r| key(&r.name) == key(n)).count() > 1;
        let a_login = |n: &str| reps.iter().any(|r| r.login == n.trim());
        Ok(People(
            reps.iter()
                .map(|r| {
                    let by_login =
                        shared(&r.name) || (a_login(&r.name) && r.name.trim() != r.login);
                    let shown = if by_login { &r.login } else { &r.name };
                    (r.login.clone(), shown.clone())
                })
                .collect(),
        ))
    }

    fn shown(&self, login: &Option<String>) -> String {
        let login = login.as_deref().unwrap_or_default();
        self.0.get(login).map_or(login, String::as_str).to_string()
    }
}

/// A customer's fields in the order of `EXPORTED`, values in the reader's language (the
/// headers are): 成交客户, 转介绍, 张伟. Import reads them back in either language. Text typed
/// by people is neutralised (a spreadsheet would run `=HYPERLINK(…)`); import takes the
/// quote off again. Labels and dates never start with a formula character.
fn record(c: &Customer, people: &People) -> Vec<String> {
    let text = |v: &Option<String>| neutralise_cell(v.as_deref().unwrap_or_default()).into_owned();
    EXPORTED
        .iter()
        .map(|k| match *k {
            "name" => neutralise_cell(&c.name).into_owned(),
            "grade" => c.grade.code().to_string(),
            "stage" => t!(c.stage.label_key()).to_string(),
            "owner" => neutralise_cell(&people.shown(&c.owner_login)).into_owned(),
            "industry" => text(&c.industry),
            "size" => text(&c.size),
            "region" => text(&c.region),
            "city" => text(&c.city),
            // Only our own codes, exactly as stored: a team's "Referral" is theirs, kept.
            "source" => text(&c.source.as_deref().map(|s| {
                match crate::messages::SOURCES.iter().any(|(code, _)| *code == s) {
                    true => crate::messages::source_label(s),
                    false => s.to_string(),
                }
            })),
            "address" => text(&c.address),
            "tags" => text(&c.tags),
            "notes" => text(&c.notes),
            "next_follow_up" => c.next_follow_up.map(|d| d.to_string()).unwrap_or_default(),
            "mobile" => text(&c.mobile),
            "phone" => text(&c.phone),
            "email" => text(&c.email),
            "website" => text(&c.website),
            _ => String::new(),
        })
        .collect()
}
