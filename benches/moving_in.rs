//! The performance budgets (benches/README.md) of moving in: 100 000 customers from an
//! `.xlsx` (≤ 10 s) and 1 000 000 follow-up records from CSV (≤ 60 s), each into a new
//! database with the reference set's reps (and, for the visits, its customers). The files
//! are made from the reference set; each import is timed once, reading the file included.

#[path = "reference.rs"]
mod reference;

use std::time::Instant;

use rust_xlsxwriter::Workbook;
use salestrack::domain::sheet::{self, Kind, ReadOptions};
use salestrack::store::Store;
use salestrack::store::import::ImportOptions;
use salestrack::store::reps::NewRep;

/// A new database with the reference set's reps, former ones too.
fn target(path: &std::path::Path) -> Store {
    let reference = Store::open(&reference::reference_db(), reference::clock()).unwrap();
    let mut store = Store::create_or_open(path, reference::clock()).unwrap();
    store
        .init_first_manager(reference::FOUNDER, "Bench")
        .unwrap();
    let boss = store.actor_for(reference::FOUNDER).unwrap();
    for rep in reference.list_reps().unwrap() {
        if rep.login != reference::FOUNDER {
            let new = NewRep {
                name: rep.name,
                login: rep.login,
                team: Some(rep.team),
                ..NewRep::default()
            };
            store.add_rep(&boss, new).unwrap();
        }
    }
    store
}

/// Rows of the reference set, by SQL, as text cells.
fn rows(sql: &str) -> Vec<Vec<String>> {
    let conn = rusqlite::Connection::open(reference::reference_db()).unwrap();
    let mut stmt = conn.prepare(sql).unwrap();
    let n = stmt.column_count();
    stmt.query_map([], |r| {
        (0..n)
            .map(|i| {
                Ok(match r.get_ref(i)? {
                    rusqlite::types::ValueRef::Null => String::new(),
                    rusqlite::types::ValueRef::Integer(v) => v.to_string(),
                    rusqlite::types::ValueRef::Real(v) => v.to_string(),
                    v => v.as_str().unwrap_or_default().to_string(),
                })
            })
            .collect()
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

const CUSTOMERS: &str = "SELECT c.name, c.grade, o.login, c.industry, c.region, c.source,
     c.address, c.notes, c.next_follow_up
     FROM customers c LEFT JOIN reps o ON o.id = c.owner_id WHERE c.deleted_at IS NULL";
const CUSTOMER_HEADERS: [&str; 9] = [
    "客户名称",
    "客户级别",
    "负责人",
    "客户行业",
    "地区",
    "客户来源",
    "详细地址",
    "备注",
    "下次联系时间",
];

fn customers_xlsx(path: &std::path::Path) -> usize {
    let rows = rows(CUSTOMERS);
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in CUSTOMER_HEADERS.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                sheet.write_string(r as u32 + 1, c as u16, v).unwrap();
            }
        }
    }
    book.save(path).unwrap();
    rows.len()
}

fn csv(path: &std::path::Path, headers: &[&str], rows: &[Vec<String>]) {
    let mut w = csv::Writer::from_path(path).unwrap();
    w.write_record(headers).unwrap();
    for row in rows {
        w.write_record(row).unwrap();
    }
    w.flush().unwrap();
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let only = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let wanted = |name: &str| only.as_deref().is_none_or(|o| name.contains(o));

    let xlsx = dir.path().join("customers.xlsx");
    let n = customers_xlsx(&xlsx);
    if wanted("customers") {
        let mut store = target(&dir.path().join("customers.db"));
        let boss = store.actor_for(reference::FOUNDER).unwrap();
        let started = Instant::now();
        let bytes = std::fs::read(&xlsx).unwrap();
        let table = sheet::read(&bytes, Kind::Customers, &ReadOptions::default()).unwrap();
        let report = store
            .import_customers(&boss, &table, ImportOptions::default())
            .unwrap();
        let took = started.elapsed();
        assert_eq!(report.imported, n);
        println!(
            "moving_in/{n} customers from .xlsx ({:.1} MB): {:.2} s (budget 10 s)",
            bytes.len() as f64 / 1e6,
            took.as_secs_f64()
        );
    }
    if wanted("visits") {
        // The customers first (untimed), then every visit of the reference set.
        let mut store = target(&dir.path().join("visits.db"));
        let boss = store.actor_for(reference::FOUNDER).unwrap();
        let bytes = std::fs::read(&xlsx).unwrap();
        let table = sheet::read(&bytes, Kind::Customers, &ReadOptions::default()).unwrap();
        store
            .import_customers(&boss, &table, ImportOptions::default())
            .unwrap();
        let visits = rows(
            "SELECT c.name, v.date || ' 10:00:00', r.login, v.kind, v.summary, v.next_follow_up
             FROM visits v JOIN customers c ON c.id = v.customer_id
             JOIN reps r ON r.id = v.author_id WHERE v.deleted_at IS NULL",
        );
        let file = dir.path().join("visits.csv");
        let headers = [
            "所属客户",
            "跟进时间",
            "跟进人",
            "跟进方式",
            "跟进内容",
            "下次联系时间",
        ];
        csv(&file, &headers, &visits);
        let started = Instant::now();
        let bytes = std::fs::read(&file).unwrap();
        let table = sheet::read(&bytes, Kind::Visits, &ReadOptions::default()).unwrap();
        let read = started.elapsed();
        let report = store
            .import_visits(&boss, &table, ImportOptions::default())
            .unwrap();
        let took = started.elapsed();
        println!(
            "moving_in/{} follow-up records from CSV ({:.0} MB): {:.1} s, {:.1} s of it reading \
             the file (budget 60 s); {} skipped as there already",
            report.imported,
            bytes.len() as f64 / 1e6,
            took.as_secs_f64(),
            read.as_secs_f64(),
            report.duplicates.len()
        );
    }
}
