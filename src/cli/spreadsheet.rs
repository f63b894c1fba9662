//! `customer|contact|visit import FILE` and `customer export`: records to and from
//! spreadsheets (README, Moving in).

use std::io::Write;
use std::path::Path;

use anyhow::anyhow;

use crate::cli::args::ImportArgs;
use crate::cli::progress::Progress;
use crate::domain::sheet::values::ValueMap;
use crate::domain::sheet::{self, Encoding, Kind, ReadOptions, SheetError, headers};
use crate::domain::text::{neutralise_cell, printable_cell};
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
    let bytes = read_file(file)?;
    let table = sheet::read(&bytes, kind, &read).map_err(|e| anyhow!(sheet_error(&e)))?;
    let options = ImportOptions {
        dry_run: args.dry_run,
        update,
    };
    let working = Progress::start(t!("progress.import").to_string(), None, false);
    let report = match kind {
        Kind::Customers => store.import_customers(actor, &table, options)?,
        Kind::Contacts => store.import_contacts(actor, &table, options)?,
        Kind::Visits => store.import_visits(actor, &table, options)?,
        Kind::Deals => store.import_deals(actor, &table, options)?,
        Kind::Payments => store.import_payments(actor, &table, options)?,
    };
    drop(working);
    print_report(kind, &table, &report)
}

/// The largest file an import reads: a million follow-up records as CSV are some 150 MB.
const MAX_FILE: u64 = 512 * 1024 * 1024;

/// The file's bytes, when it is a file of a size an import can hold: not a folder, a device
/// (`/dev/zero` never ends), a pipe, or something larger than any team's records.
fn read_file(file: &Path) -> anyhow::Result<Vec<u8>> {
    let io =
        |e: std::io::Error| anyhow!(t!("error.io", detail = format!("{}: {e}", file.display())));
    let meta = std::fs::metadata(file).map_err(io)?;
    if !meta.is_file() {
        return Err(anyhow!(t!("import.not_a_file", path = file.display())));
    }
    if meta.len() > MAX_FILE {
        return Err(anyhow!(t!(
            "import.too_big",
            path = file.display(),
            mb = meta.len() / (1024 * 1024),
            max = MAX_FILE / (1024 * 1024)
        )));
    }
    use std::io::Read;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(file)
        .map_err(io)?
        .take(MAX_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_FILE {
        return Err(anyhow!(t!(
            "import.too_big",
            path = file.display(),
            mb = bytes.len() / (1024 * 1024),
            max = MAX_FILE / (1024 * 1024)
        )));
    }
    Ok(bytes)
}

fn print_report(kind: Kind, table: &sheet::Table, report: &ImportReport) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    let key = if report.dry_run {
        format!("import.dry_{}", kind.code())
    } else {
        format!("import.{}", kind.code())
    };
    writeln!(
        out,
        "{}",
        t!(&key, count = report.imported, format = report.format)
    )?;
    if table.header_line > 1 {
        writeln!(
            out,
            "  {}",
            t!("import.header_line", line = table.header_line)
        )?;
    }
    let updated = if report.dry_run {
        "import.dry_updated"
    } else {
        "import.updated"
    };
    for u in &report.updated {
        let fields: Vec<String> = u.fields.iter().map(|f| field_label(f)).collect();
        writeln!(
            out,
            "  {}",
            t!(
                updated,
                line = u.line,
                name = printable_cell(&u.name),
                fields = fields.join(", ")
            )
        )?;
    }
    if !report.updated.is_empty() {
        let key = if report.dry_run {
            "import.dry_updated_count"
        } else {
            "import.updated_count"
        };
        writeln!(out, "{}", t!(key, count = report.updated.len()))?;
    }
    // A customer skipped is the one there already; a contact, a follow-up or a deal is
    // skipped on its customer.
    let skipped = match kind {
        Kind::Customers => "import.duplicate",
        _ => "import.duplicate_there",
    };
    for (line, name, existing) in &report.duplicates {
        writeln!(
            out,
            "  {}",
            t!(
                skipped,
                line = line,
                name = printable_cell(name),
                existing = printable_cell(existing)
            )
        )?;
    }
    for (line, name, existing, owner) in &report.resembles {
        let owner = match owner {
            Some(login) => login.clone(),
            None => t!("status.pool").to_string(),
        };
        writeln!(
            out,
            "  {}",
            t!(
                "import.resembles",
                line = line,
                name = printable_cell(name),
                existing = printable_cell(existing),
                owner = owner
            )
        )?;
    }
    let (known, unknown): (Vec<_>, Vec<_>) = report.ignored_columns.iter().partition(|c| c.known);
    if !unknown.is_empty() {
        let named: Vec<String> = unknown
            .iter()
            .map(|c| match c.did_you_mean {
                Some(known) => t!(
                    "import.did_you_mean",
                    header = printable_cell(&c.header),
                    known = known
                ),
                None => format!("“{}”", printable_cell(&c.header)),
            })
            .collect();
        writeln!(
            out,
            "  {}",
            t!("import.ignored", columns = named.join(", "))
        )?;
    }
    if !known.is_empty() {
        let named: Vec<String> = known
            .iter()
            .map(|c| printable_cell(&c.header).into_owned())
            .collect();
        writeln!(
            out,
            "  {}",
            t!("import.not_kept", columns = named.join(", "))
        )?;
    }
    Ok(())
}

/// A field's name as people read it, in the current language.
fn field_label(key: &str) -> String {
    match key {
        "next_follow_up" => t!("field.next").to_string(),
        other => t!(&format!("field.{other}")).to_string(),
    }
}

fn kind_label(kind: Kind) -> String {
    t!(&format!("import.kind_{}", kind.code())).to_string()
}

fn sheet_error(e: &SheetError) -> String {
    match e {
        SheetError::NotText { encoding } => t!("error.csv_not_text", encoding = encoding),
        SheetError::Malformed { line, detail } => {
            t!("error.csv_malformed", line = line, detail = detail)
        }
        SheetError::UnclosedQuote { line } => t!("error.csv_unclosed_quote", line = line),
        SheetError::Excel { detail } => t!("import.excel", detail = detail),
        SheetError::OtherKind { kind, header } => t!(
            "import.other_kind",
            kind = kind_label(*kind),
            header = printable_cell(header),
            command = kind.command()
        ),
        SheetError::MapNoColumn { header } => {
            t!("import.map_no_column", header = printable_cell(header))
        }
        SheetError::NotAWorkbook => t!("import.not_a_workbook").to_string(),
        SheetError::TooLarge { line, column } => {
            t!("import.too_large", line = line, column = column)
        }
        SheetError::NoSuchSheet { name, sheets } => t!(
            "import.no_sheet",
            name = printable_cell(name),
            sheets = sheets
                .iter()
                .map(|s| printable_cell(s).into_owned())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        SheetError::NoHeaderRow { kind, needed } => t!(
            "import.no_header",
            kind = kind_label(*kind),
            needed = needed.join(", ")
        ),
        SheetError::DuplicateColumn { key, first, second } => t!(
            "output.csv_duplicate_column",
            field = header(key),
            first = first.0,
            first_header = printable_cell(&first.1),
            second = second.0,
            second_header = printable_cell(&second.1)
        ),
    }
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

/// A customer's fields in the order of `EXPORTED`. Text typed by people is neutralised (a
/// spreadsheet would run `=HYPERLINK(…)`); import takes the quote off again. Codes and dates
/// are ours and never start with a formula character.
fn record(c: &Customer) -> Vec<String> {
    let text = |v: &Option<String>| neutralise_cell(v.as_deref().unwrap_or_default()).into_owned();
    EXPORTED
        .iter()
        .map(|k| match *k {
            "name" => neutralise_cell(&c.name).into_owned(),
            "grade" => c.grade.code().to_string(),
            "stage" => c.stage.code().to_string(),
            "owner" => text(&c.owner_login),
            "industry" => text(&c.industry),
            "size" => text(&c.size),
            "region" => text(&c.region),
            "city" => text(&c.city),
            "source" => text(&c.source),
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
