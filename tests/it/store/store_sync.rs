//! `sync` (issue 9, README, Offline): a server copy and a laptop copy edited apart — adds on both
//! sides, the same records edited on both, deletions, visits with joint reps, a customer
//! and a target added on both — merge into the same data in both files, every table
//! compared; a second sync moves nothing; the outcome does not depend on which side runs it;
//! other workspaces, the file itself and unknown logins are refused with nothing changed.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate};
use salestrack::clock::Clock;
use salestrack::domain::{Grade, Metric, Money, Period};
use salestrack::store::customers::NewCustomer;
use salestrack::store::deals::NewDeal;
use salestrack::store::reps::NewRep;
use salestrack::store::targets::TargetScope;
use salestrack::store::visits::NewVisit;
use salestrack::store::{Store, StoreError};

/// The store as it is at `time` on 2026-10-DD (each step of the story has its own moment).
fn at(path: &Path, day: u32, time: &str) -> Store {
    let stamp = format!("2026-10-{day:02}T{time}+08:00");
    Store::open(
        path,
        Clock::fixed(DateTime::parse_from_rfc3339(&stamp).unwrap()),
    )
    .unwrap()
}

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, day).unwrap()
}

/// Every table but the audit log: each file keeps its own (what it did and accepted).
fn dump(path: &Path) -> Vec<String> {
    crate::common::dump(path, &["audit"])
}

fn customer(name: &str, owner: &str) -> NewCustomer {
    NewCustomer {
        name: name.into(),
        owner: Some(owner.into()),
        ..NewCustomer::default()
    }
}

fn visit(s: &Store, customer: &str, date: NaiveDate, with: &[&str]) -> NewVisit {
    NewVisit {
        customer_id: s.resolve_customer(customer).unwrap().id,
        date: Some(date),
        summary: format!("met {customer}"),
        joint_reps: with.iter().map(|l| l.to_string()).collect(),
        ..NewVisit::default()
    }
}

/// Edits one field of a customer, keeping the rest.
fn edit(s: &mut Store, login: &str, name: &str, change: impl FnOnce(&mut NewCustomer)) {
    let who = s.actor_for(login).unwrap();
    let c = s.resolve_customer(name).unwrap();
    let mut fields = NewCustomer {
        name: c.name.clone(),
        grade: Some(c.grade),
        stage: Some(c.stage),
        region: c.region.clone(),
        notes: c.notes.clone(),
        ..NewCustomer::default()
    };
    change(&mut fields);
    s.update_customer(&who, &c.id, fields).unwrap();
}

fn rep_scope(s: &Store, login: &str) -> TargetScope {
    let rep = s.require_rep(login).unwrap();
    TargetScope::Rep {
        id: rep.id,
        login: rep.login,
    }
}

struct Story {
    _dir: tempfile::TempDir,
    server: PathBuf,
    laptop: PathBuf,
    /// Visits made before the copy: v0 is deleted on the server, v1 edited on the laptop.
    v0: String,
    v1: String,
}

/// The server before the laptop copy is made, then edits on both sides.
fn story() -> Story {
    let dir = tempfile::tempdir().unwrap();
    let (server, laptop) = (dir.path().join("server.db"), dir.path().join("laptop.db"));
    let mut s = Store::create_or_open(
        &server,
        Clock::fixed(DateTime::parse_from_rfc3339("2026-10-01T09:00:00+08:00").unwrap()),
    )
    .unwrap();
    s.init_first_manager("boss", "Boss").unwrap();
    let boss = s.actor_for("boss").unwrap();
    for login in ["ann", "bob"] {
        let rep = NewRep {
            name: login.into(),
            login: login.into(),
            ..NewRep::default()
        };
        s.add_rep(&boss, rep).unwrap();
    }
    for (name, owner) in [("A Co", "ann"), ("B Co", "bob"), ("Shared Co", "ann")] {
        s.add_customer(&boss, customer(name, owner)).unwrap();
    }
    let ann = s.actor_for("ann").unwrap();
    let v0 = s
        .add_visit(&ann, visit(&s, "A Co", d(9, 20), &["bob"]))
        .unwrap()
        .id;
    let v1 = s
        .add_visit(&ann, visit(&s, "A Co", d(9, 25), &["bob"]))
        .unwrap()
        .id;
    let deal = NewDeal {
        customer_id: s.resolve_customer("A Co").unwrap().id,
        title: "order".into(),
        amount: Some(Money::from_cents(5_000_000)),
        opened_on: Some(d(9, 1)),
        ..NewDeal::default()
    };
    let deal = s.add_deal(&ann, deal).unwrap();
    s.win_deal(&ann, &deal.id, d(9, 28), None, None).unwrap();
    s.backup_to(&laptop, false).unwrap();
    drop(s);

    // Day 2, on the laptop (offline): ann adds a customer and visits, edits Shared Co,
    // gets a payment, adds Twin Co; the manager's laptop copy sets a Q4 visits target.
    let mut l = at(&laptop, 2, "10:00:00");
    let ann = l.actor_for("ann").unwrap();
    l.add_customer(&ann, customer("Laptop Co", "ann")).unwrap();
    l.add_customer(&ann, customer("Twin Co", "ann")).unwrap();
    l.add_visit(&ann, visit(&l, "Laptop Co", d(10, 2), &[]))
        .unwrap();
    l.add_visit(&ann, visit(&l, "B Co", d(10, 1), &["bob"]))
        .unwrap_err(); // not hers
    l.add_visit(&ann, visit(&l, "A Co", d(10, 2), &["bob"]))
        .unwrap();
    edit(&mut l, "ann", "Shared Co", |c| c.grade = Some(Grade::A));
    l.add_payment(&ann, &deal.id, Money::from_cents(2_000_000), d(10, 2))
        .unwrap();
    drop(l);

    // Day 3, on the server: the manager edits Shared Co later (so the server wins it) and
    // A Co's region, deletes v0, adds Server Co and a target; bob adds Twin Co too.
    let mut s = at(&server, 3, "11:00:00");
    let boss = s.actor_for("boss").unwrap();
    edit(&mut s, "boss", "Shared Co", |c| c.grade = Some(Grade::B));
    edit(&mut s, "boss", "A Co", |c| c.region = Some("north".into()));
    s.delete_visit(&boss, &v0).unwrap();
    s.add_customer(&boss, customer("Server Co", "bob")).unwrap();
    s.add_customer(&boss, customer("Twin Co", "bob")).unwrap();
    let q4: Period = "2026-Q4".parse().unwrap();
    let ann_scope = rep_scope(&s, "ann");
    s.set_target(&boss, &ann_scope, Metric::Visits, q4, 10, None)
        .unwrap();
    drop(s);

    // Day 4, on the laptop: A Co's notes (later than the server's region edit, so the
    // laptop's version of A Co wins whole), v1 moved to October without bob, and the
    // manager's own Q4 visits target for ann set again, later.
    let mut l = at(&laptop, 4, "08:30:00");
    edit(&mut l, "ann", "A Co", |c| {
        c.notes = Some("wants a discount".into())
    });
    let ann = l.actor_for("ann").unwrap();
    let mut moved = visit(&l, "A Co", d(10, 3), &[]);
    moved.summary = "moved".into();
    l.update_visit(&ann, &v1, moved).unwrap();
    let boss = l.actor_for("boss").unwrap();
    let ann_scope = rep_scope(&l, "ann");
    l.set_target(&boss, &ann_scope, Metric::Visits, q4, 12, None)
        .unwrap();
    drop(l);
    Story {
        _dir: dir,
        server,
        laptop,
        v0,
        v1,
    }
}

fn sync(from: &Path, other: &Path) -> salestrack::store::sync::SyncSummary {
    let mut s = at(from, 5, "09:00:00");
    let boss = s.actor_for("boss").unwrap();
    s.sync_with(&boss, other).unwrap()
}

#[test]
fn edits_on_both_sides_merge_into_the_same_data() {
    let st = story();
    let summary = sync(&st.server, &st.laptop);
    assert_eq!(dump(&st.server), dump(&st.laptop), "every table alike");

    let s = at(&st.server, 5, "10:00:00");
    // Adds from both sides are in both.
    for name in ["Laptop Co", "Server Co", "Twin Co"] {
        s.resolve_customer(name).unwrap();
    }
    // The same record edited on both sides: the newer version wins.
    assert_eq!(s.resolve_customer("Shared Co").unwrap().grade, Grade::B);
    let a = s.resolve_customer("A Co").unwrap();
    assert_eq!(a.notes.as_deref(), Some("wants a discount"));
    assert_eq!(
        a.region, None,
        "record-level: the laptop's A Co replaced the server's"
    );
    // Deletion carried to the laptop; the edited visit carried to the server, without bob.
    assert!(s.visit(&st.v0).is_err(), "v0 is deleted");
    let v1 = s.visit(&st.v1).unwrap();
    assert_eq!(v1.date, d(10, 3));
    assert!(v1.joint_reps.is_empty(), "{:?}", v1.joint_reps);
    // Twin Co was added on both: the laptop's came first and keeps the name.
    assert_eq!(summary.renamed.len(), 1, "{summary:?}");
    let (old, new) = &summary.renamed[0];
    assert_eq!(old, "Twin Co");
    let twin = s.resolve_customer(new).unwrap();
    assert_eq!(
        twin.owner_login.as_deref(),
        Some("bob"),
        "the server's is renamed"
    );
    // The Q4 visits target set on both: the later decision (12) stands.
    let live: Vec<i64> = rusqlite::Connection::open(&st.server)
        .unwrap()
        .prepare("SELECT value FROM targets WHERE period = '2026-Q4' AND deleted_at IS NULL")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(live, [12]);
    assert_eq!(summary.retired.len(), 1);
    assert_eq!(summary.retired[0].0, "targets");
    // Actuals follow: ann's October visits are the laptop's two and the moved v1.
    let oct: Period = "2026-10".parse().unwrap();
    let tallies = s.tallies(oct).unwrap();
    let ann_id = s.require_rep("ann").unwrap().id;
    assert_eq!(tallies[&ann_id].written, 3);
    assert_eq!(tallies[&ann_id].collected_cents, 2_000_000);
    // What moved, each way.
    let into = |list: &[(String, usize)], t: &str| {
        list.iter().find(|(n, _)| n == t).map_or(0, |(_, k)| *k)
    };
    assert_eq!(into(&summary.into_here, "visits"), 3, "{summary:?}");
    assert_eq!(into(&summary.into_here, "payments"), 1);
    assert_eq!(into(&summary.into_there, "visits"), 1, "v0's deletion");
    // Shared Co and Server Co; the renamed Twin Co is a repair, written to both.
    assert_eq!(into(&summary.into_there, "customers"), 2, "{summary:?}");
}

#[test]
fn a_second_sync_changes_nothing() {
    let st = story();
    sync(&st.server, &st.laptop);
    let (server, laptop) = (dump(&st.server), dump(&st.laptop));
    for (from, other) in [(&st.server, &st.laptop), (&st.laptop, &st.server)] {
        let again = sync(from, other);
        assert!(again.is_empty(), "{again:?}");
        assert_eq!(dump(&st.server), server);
        assert_eq!(dump(&st.laptop), laptop);
    }
}

#[test]
fn either_side_may_run_it_with_the_same_outcome() {
    let one = story();
    let two = story();
    sync(&one.server, &one.laptop);
    sync(&two.laptop, &two.server);
    // Ids and clocks are the same in both stories except for fresh record ids, so compare
    // what the data says: names, grades, dates, counts.
    let facts = |p: &Path| {
        let conn = rusqlite::Connection::open(p).unwrap();
        let mut out: Vec<String> = conn
            .prepare(
                "SELECT name || '|' || grade || '|' || COALESCE(notes, '') || '|' || (deleted_at IS NULL)
                 FROM customers ORDER BY name",
            )
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .map(|s: String| s.split(" (").next().unwrap().to_string())
            .collect();
        for sql in [
            "SELECT count(*) FROM visits WHERE deleted_at IS NULL",
            "SELECT count(*) FROM visit_reps",
            "SELECT group_concat(value) FROM (SELECT value FROM targets WHERE deleted_at IS NULL ORDER BY value)",
            "SELECT sum(amount_cents) FROM payments WHERE deleted_at IS NULL",
        ] {
            out.push(
                conn.query_row(sql, [], |r| r.get::<_, rusqlite::types::Value>(0))
                    .map(|v| format!("{v:?}"))
                    .unwrap(),
            );
        }
        out
    };
    assert_eq!(facts(&one.server), facts(&two.server));
    assert_eq!(facts(&one.server), facts(&two.laptop));
}

#[test]
fn a_tie_on_the_clock_is_broken_the_same_way_from_both_sides() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.db"), dir.path().join("b.db"));
    let mut s = Store::create_or_open(
        &a,
        Clock::fixed(DateTime::parse_from_rfc3339("2026-10-01T09:00:00+08:00").unwrap()),
    )
    .unwrap();
    s.init_first_manager("boss", "Boss").unwrap();
    let boss = s.actor_for("boss").unwrap();
    s.add_customer(&boss, customer("Tie Co", "boss")).unwrap();
    s.backup_to(&b, false).unwrap();
    drop(s);
    // The same instant on both copies, different grades.
    for (p, g) in [(&a, Grade::A), (&b, Grade::D)] {
        let mut s = at(p, 2, "12:00:00");
        edit(&mut s, "boss", "Tie Co", |c| c.grade = Some(g));
    }
    let (a2, b2) = (dir.path().join("a2.db"), dir.path().join("b2.db"));
    std::fs::copy(&a, &a2).unwrap();
    std::fs::copy(&b, &b2).unwrap();
    sync(&a, &b);
    sync(&b2, &a2);
    let grade = |p: &Path| {
        at(p, 5, "10:00:00")
            .resolve_customer("Tie Co")
            .unwrap()
            .grade
    };
    assert_eq!(grade(&a), grade(&b));
    assert_eq!(
        grade(&a),
        grade(&a2),
        "the same winner whichever side syncs"
    );
    assert_eq!(grade(&a2), grade(&b2));
}

#[test]
fn refusals_change_nothing() {
    let st = story();
    let before = (dump(&st.server), dump(&st.laptop));
    let unchanged = |why: &str| {
        assert_eq!((dump(&st.server), dump(&st.laptop)), before, "{why}");
    };

    // Another workspace.
    let other = st.server.with_file_name("other.db");
    let mut o = Store::create_or_open(&other, Clock::system()).unwrap();
    o.init_first_manager("boss", "Boss").unwrap();
    drop(o);
    let other_before = dump(&other);
    let mut s = at(&st.server, 5, "09:00:00");
    let boss = s.actor_for("boss").unwrap();
    let err = s.sync_with(&boss, &other).unwrap_err();
    assert!(
        matches!(&err, StoreError::Rule { key, .. } if *key == "error.sync_workspace"),
        "{err:?}"
    );
    assert!(err.to_string().contains("other.db"), "{err}");
    assert_eq!(dump(&other), other_before);
    unchanged("another workspace");

    // The file itself, under another spelling of its path.
    let itself = st.server.parent().unwrap().join(".").join("server.db");
    let err = s.sync_with(&boss, &itself).unwrap_err();
    assert!(matches!(&err, StoreError::Rule { key, .. } if *key == "error.sync_self"));
    // A missing file.
    let err = s
        .sync_with(&boss, &st.server.with_file_name("nope.db"))
        .unwrap_err();
    assert!(matches!(err, StoreError::NoDatabase { .. }));
    // An unknown login may read but not write, so may not sync.
    let stranger = s.actor_for("stranger").unwrap();
    let err = s.sync_with(&stranger, &st.laptop).unwrap_err();
    assert!(matches!(err, StoreError::ReadOnly { .. }), "{err:?}");
    drop(s);
    unchanged("refused");
}

#[test]
fn the_rollups_agree_after_a_sync() {
    let st = story();
    sync(&st.server, &st.laptop);
    for p in [&st.server, &st.laptop] {
        let before = dump(p);
        let mut s = at(p, 5, "10:00:00");
        s.rebuild_rollups().unwrap();
        drop(s);
        assert_eq!(dump(p), before);
    }
}

#[test]
fn every_table_is_merged_or_deliberately_left_alone() {
    use salestrack::store::sync::{NOT_SYNCED, TABLES};
    let st = story();
    let conn = rusqlite::Connection::open(&st.server).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for t in &tables {
        let merged = TABLES.iter().any(|(name, _)| name == t);
        let left = NOT_SYNCED.contains(&t.as_str());
        assert!(
            merged != left,
            "{t}: a new table must be merged by sync or listed as left alone"
        );
    }
    assert_eq!(tables.len(), TABLES.len() + NOT_SYNCED.len());
}
