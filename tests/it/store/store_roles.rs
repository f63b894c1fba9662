//! The role matrix (README, Who you are; issue 9), enforced where the database is written: every write
//! of the store × five actors — a manager, a rep on their own record, a rep on another rep's
//! record, a rep on a record of the public pool, and a login the database does not know.
//! Each cell runs on a fresh copy of one fixture: an allowed write changes the data, a refused
//! one leaves every table (the audit log too) exactly as it was.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate};
use salestrack::clock::Clock;
use salestrack::domain::scoring::Marks;
use salestrack::domain::sheet::{self, Kind, ReadOptions};
use salestrack::domain::template::{DEFAULT_TOML, Template};
use salestrack::domain::{DealStage, Metric, Money, Period, Role};
use salestrack::i18n::Lang;
use salestrack::store::customers::NewCustomer;
use salestrack::store::customers::contacts::NewContact;
use salestrack::store::deals::NewDeal;
use salestrack::store::import::ImportOptions;
use salestrack::store::policy::Write;
use salestrack::store::reps::NewRep;
use salestrack::store::reps::handover::HandoverTo;
use salestrack::store::targets::{SplitBy, SplitInto, TargetScope};
use salestrack::store::visits::NewVisit;
use salestrack::store::{Actor, Store, StoreError};

use crate::common::screen::lang_lock;

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

/// Y: allowed, and the data changes. N: refused, and nothing changes. S: skipped — no
/// error and nothing changes, for a step every session takes on opening that does
/// something only when a manager's does (refusing would stop a rep opening the file).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum May {
    Y,
    N,
    S,
}
use May::{N, S, Y};

/// Every write of the store, with what each column of `WHO` may do. Writes that touch no
/// one's record (add a rep, set a target…) give the three rep columns the same answer.
const MATRIX: &[(&str, [May; 5])] = &[
    // Team administration: managers only.
    ("add_rep", [Y, N, N, N, N]),
    ("edit_rep", [Y, N, N, N, N]),
    ("move_rep", [Y, N, N, N, N]),
    ("rep_leave", [Y, N, N, N, N]),
    ("rejoin_rep", [Y, N, N, N, N]),
    ("import_customers", [Y, N, N, N, N]),
    ("import_contacts", [Y, N, N, N, N]),
    ("import_visits", [Y, N, N, N, N]),
    ("import_deals", [Y, N, N, N, N]),
    ("import_payments", [Y, N, N, N, N]),
    ("pool_sweep", [Y, N, N, N, N]),
    ("lock_customer", [Y, Y, N, N, N]),
    ("assign", [Y, N, N, N, N]),
    // The team's rules (claim limit, cadences, pool, currency): one set for the team.
    ("set_setting", [Y, N, N, N, N]),
    // The rules an older config.toml held, copied in once on opening: a manager's copy
    // only, so a rep's config.toml cannot set the team's rules.
    ("adopt_config_rules", [Y, S, S, S, S]),
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
    ("delete_contact", [Y, Y, N, Y, N]),
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
    ("update_payment", [Y, Y, N, Y, N]),
    ("reopen_deal", [Y, Y, N, Y, N]),
    ("delete_payment", [Y, Y, N, Y, N]),
    // Targets, ratings and templates are set by managers; a rep answers their own rating.
    ("set_target", [Y, N, N, N, N]),
    ("split_target", [Y, N, N, N, N]),
    ("rate", [Y, N, N, N, N]),
    ("respond", [Y, Y, Y, Y, N]),
    ("import_template", [Y, N, N, N, N]),
    // Anyone with a login may merge a copy (what comes in is checked: see sync_rights).
    ("sync_with", [Y, Y, Y, Y, N]),
];

/// The names of every `impl Store` write taking an `Actor`: a new one must join the matrix.
const WRITES: [&str; 40] = [
    "add_rep",
    "edit_rep",
    "move_rep",
    "rep_leave",
    "rejoin_rep",
    "import_customers",
    "import_contacts",
    "import_visits",
    "import_deals",
    "import_payments",
    "pool_sweep",
    "lock_customer",
    "assign",
    "set_setting",
    "adopt_config_rules",
    "add_customer",
    "update_customer",
    "delete_customer",
    "claim",
    "release",
    "add_contact",
    "update_contact",
    "delete_contact",
    "add_visit",
    "add_deal",
    "update_visit",
    "delete_visit",
    "win_deal",
    "lose_deal",
    "update_deal",
    "add_payment",
    "update_payment",
    "delete_payment",
    "reopen_deal",
    "set_target",
    "split_target",
    "rate",
    "respond",
    "import_template",
    "sync_with",
];

/// Store methods that take `&mut self` and an actor but write nothing to the database
/// themselves, so the scan below must not take them for writes: `set_viewer` only sets who
/// reads; `import` only hands a file to the `import_*` write of its kind, each in the matrix.
const NOT_WRITES: [&str; 2] = ["set_viewer", "import"];

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
    // A customer of bob's with nothing in the pipeline, for the pool sweep to take (the
    // others' deals shield them).
    let idle = NewCustomer {
        name: "Idle Co".into(),
        owner: Some("bob".into()),
        ..NewCustomer::default()
    };
    s.add_customer(&boss, idle).unwrap();
    // A rep who left in June, to rejoin.
    let cy = NewRep {
        name: "Cy".into(),
        login: "cy".into(),
        ..NewRep::default()
    };
    s.add_rep(&boss, cy).unwrap();
    s.rep_leave(&boss, "cy", HandoverTo::Pool, d(2026, 6, 1))
        .unwrap();
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
        for title in ["open", "won", "lost"] {
            let deal = NewDeal {
                customer_id: id.clone(),
                title: title.into(),
                amount: Some(Money::from_cents(1_000_000)),
                opened_on: Some(d(2026, 6, 1)),
                ..NewDeal::default()
            };
            let deal = s.add_deal(who, deal).unwrap();
            if title == "won" {
                s.win_deal(who, &deal.id, d(2026, 6, 1), None, None)
                    .unwrap();
                // A payment to correct.
                s.add_payment(who, &deal.id, Money::from_cents(500), d(2026, 6, 1))
                    .unwrap();
            }
            if title == "lost" {
                s.lose_deal(who, &deal.id, "price").unwrap();
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
        "payment" => {
            "SELECT p.id FROM payments p JOIN deals d ON d.id = p.deal_id
             WHERE d.customer_id = ?1 AND ?2 <> ''"
        }
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
        "move_rep" => s.move_rep(actor, "bob", "north", later).map(drop),
        "rejoin_rep" => s.rejoin_rep(actor, "cy", later).map(drop),
        "edit_rep" => {
            let edit = salestrack::store::reps::RepEdit {
                phone: Some("13800138000".into()),
                ..Default::default()
            };
            s.edit_rep(actor, "bob", edit).map(drop)
        }
        "import_customers" => {
            let file = sheet::read(
                b"name\nImported Co\n",
                Kind::Customers,
                &ReadOptions::default(),
            )
            .unwrap();
            s.import_customers(actor, &file, ImportOptions::default())
                .map(drop)
        }
        "import_contacts" => {
            let file = sheet::read(
                "客户名称,姓名\nAnn Co,王芳\n".as_bytes(),
                Kind::Contacts,
                &ReadOptions::default(),
            )
            .unwrap();
            s.import_contacts(actor, &file, ImportOptions::default())
                .map(drop)
        }
        "import_visits" => {
            let file = sheet::read(
                "所属客户,跟进内容,跟进时间,跟进人\nAnn Co,电话沟通报价,2026-08-20 10:00:00,ann\n"
                    .as_bytes(),
                Kind::Visits,
                &ReadOptions::default(),
            )
            .unwrap();
            s.import_visits(actor, &file, ImportOptions::default())
                .map(drop)
        }
        "import_deals" => {
            let file = sheet::read(
                "商机名称,客户名称,商机金额,负责人\n新商机,Ann Co,1000,ann\n".as_bytes(),
                Kind::Deals,
                &ReadOptions::default(),
            )
            .unwrap();
            s.import_deals(actor, &file, ImportOptions::default())
                .map(drop)
        }
        "import_payments" => {
            let file = sheet::read(
                "客户名称,回款日期,回款金额\nAnn Co,2026-09-01,1\n".as_bytes(),
                Kind::Payments,
                &ReadOptions::default(),
            )
            .unwrap();
            s.import_payments(actor, &file, ImportOptions::default())
                .map(drop)
        }
        "pool_sweep" => s.pool_sweep(actor, false).map(drop),
        "lock_customer" => {
            let id = s.resolve_customer(name).unwrap().id;
            s.lock_customer(actor, &id, true)
        }
        "assign" => s.assign(actor, &customer_id, "ann").map(drop),
        // The fixture sets no rule, so any value but the default changes the table.
        "set_setting" => s.set_setting(actor, "claim_limit", "7").map(drop),
        "adopt_config_rules" => s
            .adopt_config_rules(actor, &[("claim_limit", "7".to_string())])
            .map(drop),
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
            s.win_deal(actor, &id, later, Some(Money::from_cents(500)), None)
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
        "reopen_deal" => {
            let id = record(s, name, "deal", "lost");
            s.reopen_deal(actor, &id).map(drop)
        }
        "delete_contact" => {
            let id = record(s, name, "contact", "x");
            s.delete_contact(actor, &id)
        }
        "update_payment" | "delete_payment" => {
            let id = record(s, name, "payment", "x");
            if op == "update_payment" {
                s.update_payment(actor, &id, Some(Money::from_cents(700)), None)
                    .map(drop)
            } else {
                s.delete_payment(actor, &id).map(drop)
            }
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

/// Writes whose record is a visit or a deal: held by its author or owner, never by the pool,
/// so the matrix's pool column is the writer's own record on a pool customer.
const HELD_BY_WRITER: &[&str] = &[
    "update_visit",
    "delete_visit",
    "win_deal",
    "lose_deal",
    "update_deal",
    "add_payment",
    "update_payment",
    "delete_payment",
    "reopen_deal",
];

/// Powers in the policy table that are not store writes taking an actor, each with where it
/// is tested instead.
const NOT_IN_MATRIX: &[(&str, &str)] = &[(
    "act_as",
    "store_rules::act_as_is_for_managers_and_audited, cli_foundation",
)];

/// The matrix above, which the cells below run against the store, is the policy table the
/// store asks (`store::policy::Write::rule`): one can never say what the other does not.
#[test]
fn the_matrix_is_the_policy_table() {
    let mut checked = 0;
    for w in Write::ALL {
        let Some((_, row)) = MATRIX.iter().find(|(op, _)| *op == w.name()) else {
            assert!(
                NOT_IN_MATRIX.iter().any(|(n, _)| *n == w.name()),
                "{} is in the policy table but not in the matrix",
                w.name()
            );
            continue;
        };
        let rule = w.rule();
        let pool = if HELD_BY_WRITER.contains(&w.name()) {
            rule.mine
        } else {
            rule.pool
        };
        let want = [rule.manager, rule.mine, rule.others, pool, false];
        let have = row.map(|m| m == Y);
        assert_eq!(have, want, "{}: the matrix says {row:?}", w.name());
        checked += 1;
    }
    // Every row of the matrix but the step a session takes on opening (not a write of the
    // table: it does something only for a manager and skips for anyone else).
    assert_eq!(checked, MATRIX.len() - 1);
    assert!(MATRIX.iter().any(|(op, _)| *op == "adopt_config_rules"));
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
    // And a visit of ann's on her own customer: what a rep may bring in (sync checks every
    // incoming change against the rights of whoever runs it, so a rep's sync takes this and
    // refuses the manager's new pool customer).
    let ann = o.actor_for("ann").unwrap();
    let ann_co = o.resolve_customer("Ann Co").unwrap().id;
    let v = NewVisit {
        customer_id: ann_co,
        summary: "on the laptop".into(),
        ..NewVisit::default()
    };
    o.add_visit(&ann, v).unwrap();
    drop(o);

    let mut failures = Vec::new();
    for (op, row) in MATRIX {
        for (who, may) in WHO.iter().zip(row) {
            let cell = dir.path().join(format!("{op}-{who:?}.db"));
            std::fs::copy(&fixture, &cell).unwrap();
            let before_all = crate::common::dump(&cell, &[]);
            let before = crate::common::dump(&cell, &["audit"]);
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
                (Ok(()), Y) if crate::common::dump(&cell, &["audit"]) != before => None,
                (Ok(()), Y) => Some("allowed but changed nothing".to_string()),
                (Ok(()), N) => Some("allowed, but it should be refused".to_string()),
                (Ok(()), S) if crate::common::dump(&cell, &[]) != before_all => {
                    Some("skipped, but the database changed".to_string())
                }
                (Ok(()), S) => None,
                (Err(e), S) => Some(format!("refused, but it should be skipped: {e}")),
                (Err(e), Y) => Some(format!("refused, but it should be allowed: {e}")),
                (Err(e), N) => {
                    let role_refusal = match who {
                        Who::Unknown => matches!(e, StoreError::ReadOnly { .. }),
                        _ => matches!(e, StoreError::Denied { .. } | StoreError::Rule { .. }),
                    };
                    if !role_refusal {
                        Some(format!("refused for another reason: {e:?}"))
                    } else if crate::common::dump(&cell, &[]) != before_all {
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

/// Every `.rs` file under `dir`, in its sub-folders too (an aggregate is a folder).
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
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
    for path in rust_files(&src) {
        let text = std::fs::read_to_string(path).unwrap();
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for piece in flat.split("pub fn ").skip(1) {
            let name = piece.split('(').next().unwrap();
            let head = piece.split(')').next().unwrap();
            if head.contains("&mut self")
                && head.contains("actor: &Actor")
                && !NOT_WRITES.contains(&name)
            {
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

// ---------------------------------------------------------------------------------------
// Reads (README, Who you are, data scopes): what each read shows to each reader. The same five columns:
// the manager (sees bob's record), ann on her own, ann on bob's, ann on the pool's, and a
// login that is not a rep. Y: the column's record is in what the read returns; N: absent.

use salestrack::store::customers::{CustomerQuery, CustomerSort};
use salestrack::store::deals::DealQuery;
use salestrack::store::visits::VisitQuery;

/// Every read of customers and what hangs off them, with what each column of `WHO` sees:
/// everyone the same, the manager all, a rep their own and the pool, a stranger nothing.
const READ_MATRIX: &[(&str, [May; 5])] = &[
    ("customer", [Y, Y, N, Y, N]),
    ("customer_page", [Y, Y, N, Y, N]),
    ("count_customers", [Y, Y, N, Y, N]),
    ("count_customers_upto", [Y, Y, N, Y, N]),
    ("customer_search", [Y, Y, N, Y, N]),
    ("customer_matches", [Y, Y, N, Y, N]),
    ("customers_at", [Y, Y, N, Y, N]),
    ("likely_twins", [Y, Y, N, Y, N]),
    ("customers_after", [Y, Y, N, Y, N]),
    ("resolve_customer", [Y, Y, N, Y, N]),
    ("pick_customers", [Y, Y, N, Y, N]),
    ("customer_detail", [Y, Y, N, Y, N]),
    ("ownership_history", [Y, Y, N, Y, N]),
    ("contact", [Y, Y, N, Y, N]),
    ("list_contacts", [Y, Y, N, Y, N]),
    ("visit", [Y, Y, N, Y, N]),
    ("visit_row", [Y, Y, N, Y, N]),
    ("visit_page", [Y, Y, N, Y, N]),
    ("count_visits", [Y, Y, N, Y, N]),
    ("count_visits_upto", [Y, Y, N, Y, N]),
    ("deal", [Y, Y, N, Y, N]),
    ("resolve_deal", [Y, Y, N, Y, N]),
    ("deal_page", [Y, Y, N, Y, N]),
    ("count_deals", [Y, Y, N, Y, N]),
    ("pipeline", [Y, Y, N, Y, N]),
    ("payments_of", [Y, Y, N, Y, N]),
    // A rep's detail (ratings, KPI rows, own targets) is theirs and the managers': the
    // manager reads bob's, ann her own; "another's" is bob's, the pool column has none.
    ("rating", [Y, Y, N, N, N]),
    ("ratings", [Y, Y, N, N, N]),
    ("scorecards", [Y, Y, N, N, N]),
    ("target_statuses", [Y, Y, N, N, N]),
    ("year_targets", [Y, Y, N, N, N]),
    ("actual", [Y, Y, N, N, N]),
    ("target_history", [Y, Y, N, N, N]),
    ("suggest_target", [Y, Y, N, N, N]),
    ("earlier_totals", [Y, Y, Y, N, N]),
];

/// Public `&self` functions of the files that hold records, that are not reads of someone's
/// records, each with why it needs no scope. Any other must join `READ_MATRIX`.
const NOT_SCOPED: &[(&str, &str)] = &[
    ("outstanding", "a method of a Deal already read"),
    ("marks", "a method of a Rating already read"),
    ("first", "a method of Matches already read"),
    ("narrowed", "a method of Matches already read"),
    (
        "customers_held",
        "a count for the claim limit, of the rep's own",
    ),
    ("require_can_work_on", "a check of a write"),
    (
        "tallies",
        "the engine: everyone's actuals rank the team; shown through scorecards",
    ),
    ("team_tally", "the engine: a team's total"),
    (
        "monthly_actuals",
        "the engine of the Targets grid, which shows the viewer's rows",
    ),
    (
        "plan_split",
        "a manager's plan before a split (managers see all)",
    ),
    ("team_named", "a team's name as spelled"),
    ("kind", "a method of a TargetScope"),
    ("key", "a method of a TargetScope"),
    ("label", "a method of a TargetScope"),
];

/// Reads that count across customers, so no one customer can be asked about: each
/// reader's totals are checked in `the_report_counts_only_what_the_reader_sees`.
const COUNTED_READS: &[&str] = &["funnel_counts", "customer_changes", "lost_reasons"];

/// The files whose reads this matrix covers.
const RECORD_FILES: &[&str] = &[
    "customers/contacts.rs",
    "customers/detail.rs",
    "customers/mod.rs",
    "customers/ownership.rs",
    "customers/picker.rs",
    "customers/twins.rs",
    "deals.rs",
    "kpi/metrics.rs",
    "kpi/ratings.rs",
    "kpi/report_data.rs",
    "kpi/scorecards.rs",
    "targets.rs",
    "visits/edit.rs",
    "visits/mod.rs",
];

/// The fixture with what the reads need besides: a won deal of each customer paid in part,
/// a target for ann and one for bob, and a rating of bob with a comment.
fn read_fixture(dir: &Path) -> PathBuf {
    let path = fixture(dir);
    let mut s = Store::open(&path, at("2026-09-30T18:00:00+08:00")).unwrap();
    let boss = s.actor_for("boss").unwrap();
    for customer in ["Ann Co", "Bob Co", "Pool Co"] {
        let won = record(&s, customer, "deal", "won");
        s.add_payment(&boss, &won, Money::from_cents(1_000), d(2026, 6, 2))
            .unwrap();
    }
    let q3: Period = "2026-Q3".parse().unwrap();
    for login in ["ann", "bob"] {
        let rep = s.require_rep(login).unwrap();
        let scope = TargetScope::Rep {
            id: rep.id,
            login: rep.login,
        };
        s.set_target(&boss, &scope, Metric::Sales, q3, 9_000_000, Some("plan"))
            .unwrap();
    }
    // The pool's customer gets a history too: ann claims it and lets it go again.
    let ann = s.actor_for("ann").unwrap();
    let pool = s.resolve_customer("Pool Co").unwrap().id;
    s.claim(&ann, &pool).unwrap();
    s.release(&ann, &pool).unwrap();
    let mia = s.actor_for("mia").unwrap();
    let marks = Marks {
        attitude: 2,
        knowledge: 2,
        teamwork: 2,
    };
    s.rate(
        &mia,
        "bob",
        "2026-Q2".parse().unwrap(),
        marks,
        Some("bob: late twice"),
    )
    .unwrap();
    drop(s);
    path
}

/// The reads of a rep's detail rather than of a customer's records.
const DETAIL_READS: &[&str] = &[
    "rating",
    "ratings",
    "scorecards",
    "target_statuses",
    "year_targets",
    "actual",
    "target_history",
    "suggest_target",
    "earlier_totals",
];

/// Whose record `who` reads: the customer's name, or for a rep's detail the rep's login.
fn read_target(who: Who, op: &str) -> &'static str {
    match (who, DETAIL_READS.contains(&op)) {
        (Who::Own, false) => "Ann Co",
        (Who::Pool, false) => "Pool Co",
        (_, false) => "Bob Co",
        (Who::Own, true) => "ann",
        // The pool has no card: ann's column there asks for a manager's (boss, rated by mia).
        (Who::Pool, true) => "boss",
        (_, true) => "bob",
    }
}

/// Whether the read `op`, by the store's current viewer, shows `name`'s record.
fn shows(s: &Store, actor: &Actor, op: &str, name: &str) -> bool {
    let ids = |table: &str, title: &str| {
        let conn = rusqlite::Connection::open(s.path()).unwrap();
        let c: Option<String> = conn
            .query_row("SELECT id FROM customers WHERE name = ?1", [name], |r| {
                r.get(0)
            })
            .ok();
        let c = c.unwrap_or_default();
        let sql = match table {
            "visit" => "SELECT id FROM visits WHERE customer_id = ?1 AND ?2 <> ''",
            "contact" => "SELECT id FROM contacts WHERE customer_id = ?1 AND ?2 <> ''",
            "payment" => {
                "SELECT p.id FROM payments p JOIN deals d ON d.id = p.deal_id
             WHERE d.customer_id = ?1 AND ?2 <> ''"
            }
            _ => "SELECT id FROM deals WHERE customer_id = ?1 AND title = ?2",
        };
        conn.query_row(sql, (&c, title), |r| r.get::<_, String>(0))
            .unwrap_or_default()
    };
    let customer_id = {
        let conn = rusqlite::Connection::open(s.path()).unwrap();
        conn.query_row("SELECT id FROM customers WHERE name = ?1", [name], |r| {
            r.get::<_, String>(0)
        })
        .unwrap_or_default()
    };
    let rep = s.rep_by_login(name).unwrap();
    let rep_id = rep.as_ref().map(|r| r.id.clone()).unwrap_or_default();
    let rep_scope = || TargetScope::Rep {
        id: rep_id.clone(),
        login: name.to_string(),
    };
    let june: Period = "2026-06".parse().unwrap();
    let (q2, q3): (Period, Period) = ("2026-Q2".parse().unwrap(), "2026-Q3".parse().unwrap());
    // Counts are asked of one customer at a time where the query can say which; the
    // period-wide counts of the report compare the total with the other readers'.
    let one = |q: VisitQuery| VisitQuery {
        customer_id: Some(customer_id.clone()),
        ..q
    };
    let deals_of = DealQuery {
        customer_id: Some(customer_id.clone()),
        ..DealQuery::default()
    };
    match op {
        "customer" => s.customer(&customer_id).is_ok(),
        "customer_page" => s
            .customer_page(&CustomerQuery::default(), 0, 100)
            .unwrap()
            .iter()
            .any(|c| c.name == name),
        "count_customers" => {
            let q = CustomerQuery {
                search: Some(name.into()),
                ..CustomerQuery::default()
            };
            s.count_customers(&q).unwrap() == 1
        }
        "count_customers_upto" => {
            let q = CustomerQuery {
                search: Some(name.into()),
                ..CustomerQuery::default()
            };
            s.count_customers_upto(&q, 10).unwrap().0 == 1
        }
        "customer_search" => {
            let q = CustomerQuery {
                search: Some(name.into()),
                ..CustomerQuery::default()
            };
            let ((n, _), rows) = s.customer_search(&q, 5, 10).unwrap();
            n == 1 && rows.len() == 1
        }
        "customer_matches" => {
            let q = CustomerQuery {
                search: Some(name.into()),
                ..CustomerQuery::default()
            };
            s.customer_matches(&q, 10).unwrap().keys.len() == 1
        }
        // Asked by the rowid of every customer there is: only the viewer's come back.
        "customers_at" => {
            let all: Vec<i64> = (1..=500).collect();
            s.customers_at(&all, CustomerSort::Name)
                .unwrap()
                .iter()
                .any(|c| c.name == name)
        }
        // Another rep's customer is a twin too, but by whose it is, not by name.
        "likely_twins" => s
            .likely_twins(&format!("{name} Ltd."), &[], None)
            .unwrap()
            .iter()
            .any(|t| t.name.as_deref() == Some(name)),
        "customers_after" => s
            .customers_after(None, 100)
            .unwrap()
            .iter()
            .any(|c| c.name == name),
        "resolve_customer" => s.resolve_customer(name).is_ok(),
        "pick_customers" => s
            .pick_customers(actor, name, 10)
            .unwrap()
            .iter()
            .any(|p| p.name == name),
        "customer_detail" => s.customer_detail(&customer_id).is_ok(),
        "ownership_history" => !s.ownership_history(&customer_id).unwrap().is_empty(),
        "contact" => s.contact(&ids("contact", "x")).is_ok(),
        "list_contacts" => s
            .list_contacts(None)
            .unwrap()
            .iter()
            .any(|k| k.customer_name == name),
        "visit" => s.visit(&ids("visit", "x")).is_ok(),
        "visit_row" => s.visit_row(&ids("visit", "x")).is_ok(),
        "visit_page" => s
            .visit_page(&VisitQuery::default(), 0, 100)
            .unwrap()
            .iter()
            .any(|v| v.customer_name == name),
        "count_visits" => s.count_visits(&one(VisitQuery::default())).unwrap() == 1,
        "count_visits_upto" => {
            let q = VisitQuery {
                search: Some(name.into()),
                ..VisitQuery::default()
            };
            s.count_visits_upto(&q, 10).unwrap().0 == 1
        }
        "deal" => s.deal(&ids("deal", "open")).is_ok(),
        "resolve_deal" => s.resolve_deal(&ids("deal", "open")).is_ok(),
        "deal_page" => s
            .deal_page(&DealQuery::default(), 0, 100)
            .unwrap()
            .iter()
            .any(|d| d.customer_name == name),
        // Each customer's open, won and lost deal.
        "count_deals" => s.count_deals(&deals_of).unwrap() == 3,
        "pipeline" => s.pipeline(&deals_of).unwrap().iter().any(|t| t.count > 0),
        "payments_of" => !s.payments_of(&ids("deal", "won")).unwrap().is_empty(),
        "rating" => s
            .rating(&rep_id, q2)
            .unwrap()
            .is_some_and(|r| r.rep_id == rep_id),
        "ratings" => s.ratings(q2).unwrap().contains_key(&rep_id),
        "scorecards" => s
            .scorecards(actor, q2, None, false)
            .unwrap_or_default()
            .iter()
            .any(|c| c.rep.id == rep_id && c.detail && !c.score.rows.is_empty()),
        "target_statuses" => s
            .target_statuses(q3, None)
            .unwrap()
            .iter()
            .any(|t| t.scope == name),
        "year_targets" => s
            .year_targets(2026, Metric::Sales)
            .unwrap()
            .keys()
            .any(|(_, key, _)| *key == rep_id),
        "actual" => s.actual(&rep_scope(), Metric::Sales, june).is_ok(),
        "target_history" => s
            .target_history(&rep_scope(), Metric::Sales, q3)
            .is_ok_and(|h| !h.is_empty()),
        "suggest_target" => s
            .suggest_target(&rep_scope(), Metric::Sales, q3, 10.0)
            .is_ok(),
        // Totals are the leaderboard's: a rep reads their team's (bob's too), not mia's.
        "earlier_totals" => s
            .earlier_totals(q3)
            .unwrap()
            .iter()
            .any(|(_, totals)| totals.contains_key(&rep_id)),
        _ => panic!("{op} is in the read matrix but not read"),
    }
}

#[test]
fn every_read_by_every_role() {
    let dir = tempfile::tempdir().unwrap();
    let path = read_fixture(dir.path());
    let mut s = Store::open(&path, at("2026-09-30T18:00:00+08:00")).unwrap();
    let mut failures = Vec::new();
    for (op, row) in READ_MATRIX {
        for (who, may) in WHO.iter().zip(row) {
            let login = match who {
                Who::Manager => "boss",
                Who::Unknown => "stranger",
                _ => "ann",
            };
            let actor = s.actor_for(login).unwrap();
            s.set_viewer(&actor);
            let name = read_target(*who, op);
            let seen = shows(&s, &actor, op, name);
            if seen != (*may == Y) {
                let what = if seen { "shown" } else { "hidden" };
                failures.push(format!("{op} × {who:?} ({name}): {what}"));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn the_report_counts_only_what_the_reader_sees() {
    let dir = tempfile::tempdir().unwrap();
    let path = read_fixture(dir.path());
    let mut s = Store::open(&path, at("2026-09-30T18:00:00+08:00")).unwrap();
    let june: Period = "2026-06".parse().unwrap();
    let mut seen = Vec::new();
    for login in ["boss", "ann", "stranger"] {
        let actor = s.actor_for(login).unwrap();
        s.set_viewer(&actor);
        let funnel = s.funnel_counts(june).unwrap();
        let deals: i64 = funnel.iter().map(|c| c.deals).sum();
        // The lost reasons count the same lost deals as the funnel, for every reader.
        let lost = funnel.iter().find(|c| c.stage == DealStage::Lost).unwrap();
        let reasons: i64 = s.lost_reasons(june).unwrap().iter().map(|(_, n)| n).sum();
        assert_eq!(reasons, lost.deals, "{login}");
        seen.push((login, deals, s.customer_changes(june).unwrap().new));
    }
    // Three deals and one new customer each, and bob's idle one: boss all four customers,
    // ann hers and the pool's.
    assert_eq!(seen, [("boss", 9, 4), ("ann", 6, 2), ("stranger", 0, 0)]);
}

#[test]
fn a_store_nobody_told_who_reads_reads_everything_and_nobody_reads_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = read_fixture(dir.path());
    let mut s = Store::open(&path, at("2026-09-30T18:00:00+08:00")).unwrap();
    let all = CustomerQuery::default();
    // Library use (tests, tools on the file): the whole archive, as sqlite3 would show it.
    assert_eq!(s.count_customers(&all).unwrap(), 4);
    // The CLI's first step after opening: nobody, until the actor is known.
    s.set_viewer_nobody();
    assert_eq!(s.count_customers(&all).unwrap(), 0);
    assert!(s.list_contacts(None).unwrap().is_empty());
}

#[test]
fn a_handover_takes_the_customer_but_leaves_the_rep_their_own_visits_and_deals() {
    let _l = lang_lock(Lang::En);
    let dir = tempfile::tempdir().unwrap();
    let path = read_fixture(dir.path());
    let mut s = Store::open(&path, at("2026-09-30T18:00:00+08:00")).unwrap();
    let boss = s.actor_for("boss").unwrap();
    let ann_co = s.resolve_customer("Ann Co").unwrap().id;
    s.assign(&boss, &ann_co, "bob").unwrap();
    let ann = s.actor_for("ann").unwrap();
    s.set_viewer(&ann);
    // The customer, its contacts and its history went with it…
    assert!(s.customer(&ann_co).is_err());
    assert!(s.customer_detail(&ann_co).is_err());
    assert!(
        !s.list_contacts(None)
            .unwrap()
            .iter()
            .any(|k| k.customer_id == ann_co)
    );
    // …her own work on it stays hers: the visit she wrote and the deals she owns.
    let q = VisitQuery {
        customer_id: Some(ann_co.clone()),
        ..VisitQuery::default()
    };
    assert_eq!(s.count_visits(&q).unwrap(), 1);
    let deals = DealQuery {
        customer_id: Some(ann_co.clone()),
        ..DealQuery::default()
    };
    assert_eq!(s.count_deals(&deals).unwrap(), 3);
    // Typing its name says whose it is now, and nothing more.
    let err = s.resolve_customer("Ann Co").unwrap_err().to_string();
    assert!(err.contains("exists: owned by bob"), "{err}");
}

#[test]
fn adding_a_name_that_exists_says_whose_and_nothing_more() {
    let _l = lang_lock(Lang::En);
    let dir = tempfile::tempdir().unwrap();
    let path = read_fixture(dir.path());
    let mut s = Store::open(&path, at("2026-09-30T18:00:00+08:00")).unwrap();
    let ann = s.actor_for("ann").unwrap();
    s.set_viewer(&ann);
    let add = |s: &mut Store, name: &str| {
        let c = NewCustomer {
            name: name.into(),
            ..NewCustomer::default()
        };
        s.add_customer(&ann, c).unwrap_err().to_string()
    };
    assert_eq!(add(&mut s, "bob co"), "“bob co” exists: owned by bob");
    assert!(add(&mut s, "POOL CO").starts_with("“POOL CO” exists: in the pool, claimable"));
    // Her own is the usual duplicate, naming it.
    assert!(add(&mut s, "ann co").contains("already exists as “Ann Co”"));
}

#[test]
fn the_read_matrix_covers_every_read() {
    let ops: Vec<&str> = READ_MATRIX.iter().map(|(op, _)| *op).collect();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/store");
    let mut unknown = Vec::new();
    for file in RECORD_FILES {
        let text = std::fs::read_to_string(src.join(file)).unwrap();
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for piece in flat.split("pub fn ").skip(1) {
            let name = piece.split(['(', '<']).next().unwrap();
            let head = piece.split(')').next().unwrap();
            if !head.contains("&self") || head.contains("&mut self") {
                continue;
            }
            let known = ops.contains(&name)
                || COUNTED_READS.contains(&name)
                || NOT_SCOPED.iter().any(|(n, _)| *n == name);
            if !known {
                unknown.push(format!("{file}: {name}"));
            }
        }
    }
    assert!(
        unknown.is_empty(),
        "reads with no row in READ_MATRIX (or in COUNTED_READS, or a reason in NOT_SCOPED): \
         {unknown:?}"
    );
}
