//! `customer import FILE` and `customer export`: the archive to and from spreadsheets.

use std::io::Write;
use std::path::Path;

use anyhow::anyhow;

use crate::cli::progress::Progress;
use crate::domain::customer_csv::{self, COLUMNS, CsvError, Encoding};
use crate::domain::text::{neutralise_cell, printable_cell};
use crate::i18n::{self, Lang};
use crate::store::customers::Customer;
use crate::store::{Actor, Store};
use crate::t;

pub fn import(
    store: &mut Store,
    actor: &Actor,
    file: &Path,
    dry_run: bool,
    encoding: &str,
) -> anyhow::Result<()> {
    let encoding: Encoding = encoding.parse()?;
    let bytes = std::fs::read(file)
        .map_err(|e| anyhow!(t!("error.io", detail = format!("{}: {e}", file.display()))))?;
    let csv = customer_csv::read(&bytes, encoding).map_err(|e| anyhow!(csv_error(&e)))?;
    let working = Progress::start(t!("progress.import").to_string(), None, false);
    let report = store.import_customers(actor, &csv, dry_run)?;
    drop(working);
    let mut out = std::io::stdout().lock();
    let key = if dry_run {
        "msg.import_dry_run"
    } else {
        "msg.imported"
    };
    writeln!(
        out,
        "{}",
        t!(key, count = report.imported, encoding = report.encoding)
    )?;
    for (line, name, existing) in &report.duplicates {
        writeln!(
            out,
            "  {}",
            t!(
                "msg.import_duplicate",
                line = line,
                name = printable_cell(name),
                existing = printable_cell(existing)
            )
        )?;
    }
    if !report.ignored_columns.is_empty() {
        writeln!(
            out,
            "  {}",
            t!(
                "msg.import_ignored",
                columns = printable_cell(&report.ignored_columns.join(", "))
            )
        )?;
    }
    Ok(())
}

fn csv_error(e: &CsvError) -> String {
    match e {
        CsvError::NotText { encoding } => t!("error.csv_not_text", encoding = encoding),
        CsvError::Malformed { line, detail } => {
            t!("error.csv_malformed", line = line, detail = detail)
        }
        CsvError::NoNameColumn => t!("error.csv_no_name").to_string(),
        CsvError::UnclosedQuote { line } => t!("error.csv_unclosed_quote", line = line),
        CsvError::DuplicateColumn { key, first, second } => t!(
            "output.csv_duplicate_column",
            field = header(key),
            first = first.0,
            first_header = first.1,
            second = second.0,
            second_header = second.1
        ),
    }
}

/// The header export writes for a column: the first English or Chinese name of it.
fn header(key: &str) -> &'static str {
    let names = COLUMNS
        .iter()
        .find(|(k, _)| *k == key)
        .map_or(&[][..], |(_, n)| *n);
    let chinese = |n: &str| !n.is_ascii();
    let pick = match i18n::lang() {
        Lang::Zh => names.iter().find(|n| chinese(n)),
        Lang::En => names.iter().find(|n| !chinese(n)),
    };
    pick.copied().unwrap_or("")
}

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
    w.write_record(COLUMNS.iter().map(|(k, _)| header(k)))?;
    let total = store.count_customers(&Default::default())? as u64;
    let working = Progress::start(t!("progress.export").to_string(), Some(total), false);
    let mut after: Option<String> = None;
    loop {
        let page = store.customers_after(after.as_deref(), PAGE)?;
        for c in &page {
            w.write_record(record(c))?;
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

/// A customer's fields in the order of `COLUMNS`. Text typed by people is neutralised (a
/// spreadsheet would run `=HYPERLINK(…)`); import takes the quote off again. Codes and dates
/// are ours and never start with a formula character.
fn record(c: &Customer) -> Vec<String> {
    let text = |v: &Option<String>| neutralise_cell(v.as_deref().unwrap_or_default()).into_owned();
    COLUMNS
        .iter()
        .map(|(k, _)| match *k {
            "name" => neutralise_cell(&c.name).into_owned(),
            "grade" => c.grade.code().to_string(),
            "stage" => c.stage.code().to_string(),
            "owner" => text(&c.owner_login),
            "industry" => text(&c.industry),
            "size" => text(&c.size),
            "region" => text(&c.region),
            "source" => text(&c.source),
            "address" => text(&c.address),
            "tags" => text(&c.tags),
            "notes" => text(&c.notes),
            "next_follow_up" => c.next_follow_up.map(|d| d.to_string()).unwrap_or_default(),
            _ => String::new(),
        })
        .collect()
}
