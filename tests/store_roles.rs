//! The role matrix of SPEC §7 (issue 9), enforced where the database is written: every write
//! of the store × five actors — a manager, a rep on their own record, a rep on another rep's
//! record, a rep on a record of the public pool, and a login the database does not know.
//! Each cell runs on a fresh copy of one fixture: an allowed write changes the data, a refused
//! one leaves every table (the audit log too) exactly as it was.

mod common;

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate};
use salestrack::clock::Clock;
use salestrack::domain::customer_csv::{self, Encoding};
use salestrack::domain::scoring::Marks;
use salestrack::domain::template::{DEFAULT_TOML, Template};
use salestrack::domain::{Metric, Money, Period, Role};
use salestrack::store::contacts::NewContact;
use salestrack::store::customers::NewCustomer;
use salestrack::store::deals::NewDeal;
use salestrack::store::handover::HandoverTo;
use salestrack::store::reps::NewRep;
use salestrack::store::targets::{SplitBy, SplitInto, TargetScope};
use salestrack::store::visits::NewVisit;
use salestrack::store::{Actor, Store, StoreError};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    /// "boss", acting on bob's record (or the pool's, where only that makes sense).
    Manager,
    /// "ann" on ann's own record.
    Own,
    /// "ann" on bob's record.
    Others,
    /// "ann" on a record of the public pool.
    Pool,
    /// "stranger": not a rep here.
    Unknown,
}

const WHO: [Who; 5] = [Who::Manager, Who::Own, Who::Others, Who::Pool, Who::Unknown];

/// Y: allowed, and the data changes. N: refused, and nothing changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum May {
    Y,
    N,
}
use May::{N, Y};

/// Every write of the store, with what each column of `WHO` may do. Writes that touch no
/// one's record (add a rep, set a target…) give the three rep columns the same answer.
const MATRIX: &[(&str, [May; 5])] = &[
    // Team administration: managers only.
    ("add_rep", [Y, N, N, N, N]),
    ("rep_leave", [Y, N, N, N, N]),
    ("import_customers", [Y, N, N, N, N]),
    ("pool_sweep", [Y, N, N, N, N]),
    ("assign", [Y, N, N, N, N]),
    // Customers: a rep adds for themselves (no owner given → their own), never for another;
    // edits and deletes their own only (a pool customer is claimed first).
    ("add_customer", [Y, Y, N, Y, N]),
    ("update_customer", [Y, Y, N, N, N]),
    ("delete_customer", [Y, Y, N, N, N]),
    // The pool: claim from it, release your own back to it.
    ("claim", [Y, N, N, Y, N]),
    ("release", [Y, Y, N, N, N]),
    // Contacts, visits and deals: on your own customers and the pool's.
    ("add_contact", [Y, Y, N, Y, N]),
    ("update_contact", [Y, Y, N, Y, N]),
    ("add_visit", [Y, Y, N, Y, N]),
    ("add_deal", [Y, Y, N, Y, N]),
    // A visit is its author's; the pool column is ann's visit on a pool customer.
    ("update_visit", [Y, Y, N, Y, N]),
    ("delete_visit", [Y, Y, N, Y, N]),
    // A deal is its owner's; the pool column is ann's deal on a pool customer.
    ("win_deal", [Y, Y, N, Y, N]),
    ("lose_deal", [Y, Y, N, Y, N]),
    ("update_deal", [Y, Y, N, Y, N]),
    ("add_payment", [Y, Y, N, Y, N]),
    // Targets, ratings and templates are set by managers; a rep answers their own rating.
    ("set_target", [Y, N, N, N, N]),
    ("split_target", [Y, N, N, N, N]),
    ("rate", [Y, N, N, N, N]),
    ("respond", [Y, Y, Y, Y, N]),
    ("import_template", [Y, N, N, N, N]),
    // Anyone with a login may merge a copy.
    ("sync_with", [Y, Y, Y, Y, N]),
];

/// The names of every `impl Store` write taking an `Actor`: a new one must join the matrix.
const WRITES: [&str; 26] = [
    "add_rep",
    "rep_leave",
    "import_customers",
    "pool_sweep",
    "assign",
    "add_customer",
    "update_customer",
    "delete_customer",
    "claim",
    "release",
    "add_contact",
    "update_contact",
    "add_visit",
    "add_deal",
    "update_visit",
    "delete_visit",
    "win_deal",
    "lose_deal",
    "update_deal",
    "add_payment",
    "set_target",
    "split_target",
    "rate",
    "respond",
    "import_template",
    "sync_with",
];

fn at(stamp: &str) -> Clock {
    Clock::fixed(DateTime::parse_from_rfc3339(stamp).unwrap())
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// The fixture, made once at the start of June; the cells run at the end of September, so
/// June's customers are stale enough for a pool sweep.
fn fixture(dir: &Path) -> PathBuf {
    let path = dir.join("fixture.db");
    let mut s = Store::create_or_open(&path, at("2026-06-01T10:00:00+08:00")).unwrap();
    s.init_first_manager("boss", "Boss").unwrap();
    let boss = s.actor_for("boss").unwrap();
    for (login, role) in [
        ("mia", Role::Manager),
        ("ann", Role::Rep),
        ("bob", Role::Rep),
    ] {
        let rep = NewRep {
            name: login.into(),
            login: login.into(),
            role: Some(role),
            ..NewRep::default()
        };
        s.add_rep(&boss, rep).unwrap();
    }
    let (ann, bob, mia) = (
        s.actor_for("ann").unwrap(),
        s.actor_for("bob").unwrap(),
        s.actor_for("mia").unwrap(),
    );
    for (name, owner) in [
        ("Ann Co", Some("ann")),
        ("Bob Co", Some("bob")),
        ("Pool Co", None),
    ] {
        let c = NewCustomer {
            name: name.into(),
            owner: owner.map(String::from),
            ..NewCustomer::default()
        };
        let c = s.add_customer(&boss, c).unwrap();
        let contact = NewContact {
            customer_id: c.id.clone(),
            name: format!("{name} buyer"),
            ..NewContact::default()
        };
        s.add_contact(&boss, contact).unwrap();
    }
    // Visits and deals: ann's on Ann Co and on Pool Co, bob's on Bob Co; one won deal each.
    for (who, customer) in [(&ann, "Ann Co"), (&ann, "Pool Co"), (&bob, "Bob Co")] {
        let id = s.resolve_customer(customer).unwrap().id;
        let v = NewVisit {
            customer_id: id.clone(),
            date: Some(d(2026, 6, 1)),
            summary: "first call".into(),
            ..NewVisit::default()
        };
        s.add_visit(who, v).unwrap();
        for title in ["open", "won"] {
            let deal = NewDeal {
                customer_id: id.clone(),
                title: title.into(),
                amount: Some(Money::from_cents(1_000_000)),
                opened_on: Some(d(2026, 6, 1)),
                ..NewDeal::default()
            };
            let deal = s.add_deal(who, deal).unwrap();
            if title == "won" {
                s.win_deal(who, &deal.id, d(2026, 6, 1), None).unwrap();
            }
        }
    }
    let q2: Period = "2026-Q2".parse().unwrap();
    let marks = Marks {
        attitude: 4,
        knowledge: 4,
        teamwork: 4,
    };
    s.rate(&mia, "ann", q2, marks, None).unwrap();
    s.rate(&mia, "boss", q2, marks, None).unwrap();
    let year: Period = "2027".parse().unwrap();
    let team = TargetScope::Team("sales".into());
    s.set_target(&boss, &team, Metric::Sales, year, 1_200_000, None)
        .unwrap();
    drop(s);
    path
}

/// The record a column acts on: ann's, bob's or the pool's.
fn target(who: Who, op: &str) -> &'static str {
    match who {
        Who::Own => "Ann Co",
        Who::Pool => "Pool Co",
        // Claiming is only ever from the pool, so the manager claims there.
        Who::Manager if op == "claim" => "Pool Co",
        Who::Manager | Who::Others | Who::Unknown => "Bob Co",
    }
}

/// The id of `customer`'s deal called `title` (and that of its visit, for "visit").
fn record(s: &Store, customer: &str, table: &str, title: &str) -> String {
    let c = s.resolve_customer(customer).unwrap();
    let conn = rusqlite::Connection::open(s.path()).unwrap();
    let sql = match table {
        "visit" => "SELECT id FROM visits WHERE customer_id = ?1 AND ?2 <> ''",
        "contact" => "SELECT id FROM contacts WHERE customer_id = ?1 AND ?2 <> ''",
        _ => "SELECT id FROM deals WHERE customer_id = ?1 AND title = ?2",
    };
    conn.query_row(sql, (&c.id, title), |r| r.get(0)).unwrap()
}

fn apply(s: &mut Store, op: &str, actor: &Actor, who: Who, other: &Path) -> Result<(), StoreError> {
    let name = target(who, op);
    let customer_id = s.resolve_customer(name).unwrap().id;
    let edit = NewCustomer {
        name: format!("{name} Ltd"),
        ..NewCustomer::default()
    };
    let later = d(2026, 9, 30);
    let q3: Period = "2026-Q3".parse().unwrap();
    match op {
        "add_rep" => {
            let rep = NewRep {
                name: "Dan".into(),
                login: "dan".into(),
                ..NewRep::default()
            };
            s.add_rep(actor, rep).map(drop)
        }
        "rep_leave" => s.rep_leave(actor, "bob", HandoverTo::Pool, later).map(drop),
        "import_customers" => {
            let file = customer_csv::read(b"name\nImported Co\n", Encoding::Auto).unwrap();
            s.import_customers(actor, &file, false).map(drop)
        }
        "pool_sweep" => s.pool_sweep(actor, 30).map(drop),
        "assign" => s.assign(actor, &customer_id, "ann").map(drop),
        "add_customer" => {
            let owner = match who {
                Who::Own => Some("ann".to_string()),
                Who::Others | Who::Manager => Some("bob".to_string()),
                Who::Pool | Who::Unknown => None,
            };
            let c = NewCustomer {
                name: "New Co".into(),
                owner,
                ..NewCustomer::default()
            };
            s.add_customer(actor, c).map(drop)
        }
        "update_customer" => s.update_customer(actor, &customer_id, edit).map(drop),
        "delete_customer" => s.delete_customer(actor, &customer_id),
        "claim" => s.claim(actor, &customer_id).map(drop),
        "release" => s.release(actor, &customer_id).map(drop),
        "add_contact" => {
            let c = NewContact {
                customer_id,
                name: "New Person".into(),
                ..NewContact::default()
            };
            s.add_contact(actor, c).map(drop)
        }
        "update_contact" => {
            let id = record(s, name, "contact", "x");
            let c = NewContact {
                customer_id,
                name: "Renamed Person".into(),
                ..NewContact::default()
            };
            s.update_contact(actor, &id, c).map(drop)
        }
        "add_visit" | "update_visit" => {
            let v = NewVisit {
                customer_id,
                date: Some(later),
                summary: "on site".into(),
                ..NewVisit::default()
            };
            if op == "add_visit" {
                s.add_visit(actor, v).map(drop)
            } else {
                let id = record(s, name, "visit", "x");
                s.update_visit(actor, &id, v).map(drop)
            }
        }
        "delete_visit" => {
            let id = record(s, name, "visit", "x");
            s.delete_visit(actor, &id)
        }
        "add_deal" => {
            let deal = NewDeal {
                customer_id,
                title: "new".into(),
                opened_on: Some(later),
                ..NewDeal::default()
            };
            s.add_deal(actor, deal).map(drop)
        }
        "win_deal" => {
            let id = record(s, name, "deal", "open");
            s.win_deal(actor, &id, later, Some(Money::from_cents(500)))
                .map(drop)
        }
        "lose_deal" => {
            let id = record(s, name, "deal", "open");
            s.lose_deal(actor, &id, "price").map(drop)
        }
        "update_deal" => {
            let id = record(s, name, "deal", "open");
            let deal = NewDeal {
                customer_id,
                title: "renamed".into(),
                opened_on: Some(d(2026, 6, 1)),
                ..NewDeal::default()
            };
            s.update_deal(actor, &id, deal).map(drop)
        }
        "add_payment" => {
            let id = record(s, name, "deal", "won");
            s.add_payment(actor, &id, Money::from_cents(100_000), later)
                .map(drop)
        }
        "set_target" => {
            let rep = s.require_rep("ann").unwrap();
            let scope = TargetScope::Rep {
                id: rep.id,
                login: rep.login,
            };
            s.set_target(actor, &scope, Metric::Sales, q3, 500_000, Some("plan"))
        }
        "split_target" => {
            let team = TargetScope::Team("sales".into());
            let year: Period = "2027".parse().unwrap();
            s.split_target(
                actor,
                &team,
                Metric::Sales,
                year,
                SplitInto::Quarters,
                &SplitBy::Even,
                false,
                None,
            )
            .map(drop)
        }
        "rate" => {
            let marks = Marks {
                attitude: 5,
                knowledge: 3,
                teamwork: 4,
            };
            // A rep "rating" is refused whoever they would rate: bob, or themselves.
            let rep = if who == Who::Own { "ann" } else { "bob" };
            s.rate(actor, rep, q3, marks, None).map(drop)
        }
        // Each answers their own rating (the manager too: mia rated boss).
        "respond" => s
            .respond(actor, "2026-Q2".parse().unwrap(), "thank you")
            .map(drop),
        "import_template" => {
            let text =
                DEFAULT_TOML.replace("effective_from = \"2000\"", "effective_from = \"2026-10\"");
            let template = Template::parse(&text).unwrap();
            s.import_template(actor, &template).map(drop)
        }
        "sync_with" => s.sync_with(actor, other).map(drop),
        _ => panic!("{op} is in the matrix but not applied"),
    }
}

#[test]
fn every_write_by_every_role() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = fixture(dir.path());
    // sync's other copy: the fixture plus one customer, so merging it changes this file.
    let other = dir.path().join("other.db");
    std::fs::copy(&fixture, &other).unwrap();
    let mut o = Store::open(&other, at("2026-09-01T10:00:00+08:00")).unwrap();
    let boss = o.actor_for("boss").unwrap();
    let c = NewCustomer {
        name: "From the laptop".into(),
        ..NewCustomer::default()
    };
    o.add_customer(&boss, c).unwrap();
    drop(o);

    let mut failures = Vec::new();
    for (op, row) in MATRIX {
        for (who, may) in WHO.iter().zip(row) {
            let cell = dir.path().join(format!("{op}-{who:?}.db"));
            std::fs::copy(&fixture, &cell).unwrap();
            let before_all = common::dump(&cell, &[]);
            let before = common::dump(&cell, &["audit"]);
            let mut s = Store::open(&cell, at("2026-09-30T18:00:00+08:00")).unwrap();
            let login = match who {
                Who::Manager => "boss",
                Who::Unknown => "stranger",
                _ => "ann",
            };
            let actor = s.actor_for(login).unwrap();
            let result = apply(&mut s, op, &actor, *who, &other);
            drop(s);
            let outcome = match (&result, may) {
                (Ok(()), Y) if common::dump(&cell, &["audit"]) != before => None,
                (Ok(()), Y) => Some("allowed but changed nothing".to_string()),
                (Ok(()), N) => Some("allowed, but it should be refused".to_string()),
                (Err(e), Y) => Some(format!("refused, but it should be allowed: {e}")),
                (Err(e), N) => {
                    let role_refusal = match who {
                        Who::Unknown => matches!(e, StoreError::ReadOnly { .. }),
                        _ => matches!(e, StoreError::Denied { .. } | StoreError::Rule { .. }),
                    };
                    if !role_refusal {
                        Some(format!("refused for another reason: {e:?}"))
                    } else if common::dump(&cell, &[]) != before_all {
                        Some("refused, but the database changed".to_string())
                    } else {
                        None
                    }
                }
            };
            if let Some(problem) = outcome {
                failures.push(format!("{op} × {who:?}: {problem}"));
            }
            std::fs::remove_file(&cell).unwrap();
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn the_matrix_covers_every_write() {
    let ops: Vec<&str> = MATRIX.iter().map(|(op, _)| *op).collect();
    for w in WRITES {
        assert!(ops.contains(&w), "{w} has no row in the matrix");
    }
    assert_eq!(ops.len(), WRITES.len(), "one row per write");
    // Every write in the store's source that takes an actor is in WRITES.
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/store");
    let mut found = Vec::new();
    for entry in std::fs::read_dir(src).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for piece in flat.split("pub fn ").skip(1) {
            let name = piece.split('(').next().unwrap();
            let head = piece.split(')').next().unwrap();
            if head.contains("&mut self") && head.contains("actor: &Actor") {
                found.push(name.to_string());
            }
        }
    }
    for f in &found {
        assert!(
            WRITES.contains(&f.as_str()),
            "{f} writes as an actor but is not in the matrix"
        );
    }
    assert_eq!(found.len(), WRITES.len(), "{found:?}");
}
