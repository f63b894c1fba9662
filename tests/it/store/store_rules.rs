//! The write rules of the foundation, on temp databases: roles (README, Who you are), uniqueness
//! (the data model (src/store/schema/migrations/0001_schema.sql)) and references; every refusal leaves every table as it was.

use chrono::{DateTime, NaiveDate};
use salestrack::clock::Clock;
use salestrack::domain::{Grade, Money, Role};
use salestrack::i18n::Lang;
use salestrack::store::customers::{CustomerQuery, NewCustomer};
use salestrack::store::reps::NewRep;
use salestrack::store::visits::{NewVisit, VisitQuery};
use salestrack::store::{Actor, Store, StoreError};

use crate::common::screen::lang_lock;

struct Fixture {
    _dir: tempfile::TempDir,
    store: Store,
    boss: Actor,
    ann: Actor,
    bob: Actor,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let clock = Clock::fixed(DateTime::parse_from_rfc3339("2026-09-30T18:00:00+08:00").unwrap());
    let mut store = Store::create_or_open(&dir.path().join("t.db"), clock).unwrap();
    store.init_first_manager("boss", "Boss").unwrap();
    let boss = store.actor_for("boss").unwrap();
    for (name, login) in [("Ann Lee", "ann"), ("Bob Wu", "bob")] {
        let rep = NewRep {
            name: name.into(),
            login: login.into(),
            ..NewRep::default()
        };
        store.add_rep(&boss, rep).unwrap();
    }
    let ann = store.actor_for("ann").unwrap();
    let bob = store.actor_for("bob").unwrap();
    Fixture {
        _dir: dir,
        store,
        boss,
        ann,
        bob,
    }
}

fn customer(name: &str) -> NewCustomer {
    NewCustomer {
        name: name.into(),
        ..NewCustomer::default()
    }
}

/// Asserts `f` fails and that no table changed.
fn refused<T: std::fmt::Debug>(
    store: &mut Store,
    f: impl FnOnce(&mut Store) -> Result<T, StoreError>,
) -> StoreError {
    let before = store.table_counts().unwrap();
    let err = f(store).expect_err("the write is refused");
    assert_eq!(store.table_counts().unwrap(), before, "nothing changed");
    err
}

#[test]
fn init_makes_one_first_manager_only() {
    let mut f = fixture();
    assert_eq!(f.boss.role, Some(Role::Manager));
    assert!(
        f.store
            .init_first_manager("someone", "Else")
            .unwrap()
            .is_none()
    );
    assert!(f.store.rep_by_login("someone").unwrap().is_none());
}

#[test]
fn an_unknown_login_reads_but_may_not_write_and_is_told_how_to_be_added() {
    let _l = lang_lock(Lang::En);
    let mut f = fixture();
    let stranger = f.store.actor_for("mallory").unwrap();
    assert!(!stranger.can_write());
    let err = refused(&mut f.store, |s| {
        s.add_customer(&stranger, customer("X Corp"))
    });
    assert!(matches!(err, StoreError::ReadOnly { .. }));
    let msg = err.to_string();
    assert!(
        msg.contains("read-only") && msg.contains("rep add"),
        "{msg}"
    );
    // Reading still works.
    assert_eq!(
        f.store.count_customers(&CustomerQuery::default()).unwrap(),
        0
    );
}

#[test]
fn only_managers_add_reps() {
    let mut f = fixture();
    let ann = f.ann.clone();
    let rep = NewRep {
        name: "Eve".into(),
        login: "eve".into(),
        ..NewRep::default()
    };
    let err = refused(&mut f.store, |s| s.add_rep(&ann, rep));
    assert!(matches!(err, StoreError::Denied { .. }), "{err}");
}

#[test]
fn rep_logins_are_unique_and_well_formed() {
    let _l = lang_lock(Lang::En);
    let mut f = fixture();
    let boss = f.boss.clone();
    let dup = NewRep {
        name: "Another Ann".into(),
        login: "ann".into(),
        ..NewRep::default()
    };
    let err = refused(&mut f.store, |s| s.add_rep(&boss, dup));
    assert!(
        matches!(err, StoreError::Duplicate { field: "login", .. }),
        "{err}"
    );
    let bad = NewRep {
        name: "Spacey".into(),
        login: "has space".into(),
        ..NewRep::default()
    };
    let err = refused(&mut f.store, |s| s.add_rep(&boss, bad));
    assert!(err.to_string().contains("login"), "{err}");
}

#[test]
fn customer_names_are_unique_across_width_case_and_spaces() {
    let _l = lang_lock(Lang::En);
    let mut f = fixture();
    let ann = f.ann.clone();
    f.store.add_customer(&ann, customer("Acme Ltd")).unwrap();
    let err = refused(&mut f.store, |s| {
        s.add_customer(&ann, customer(" ＡＣＭＥ  ltd "))
    });
    let msg = err.to_string();
    assert!(matches!(err, StoreError::Duplicate { field: "name", .. }));
    assert!(
        msg.contains("Acme Ltd"),
        "names the existing customer: {msg}"
    );
    let err = refused(&mut f.store, |s| s.add_customer(&ann, customer("   ")));
    assert!(err.to_string().contains("name is required"), "{err}");
}

#[test]
fn a_reps_customer_is_theirs_a_managers_goes_to_the_pool() {
    let mut f = fixture();
    let (ann, boss) = (f.ann.clone(), f.boss.clone());
    let mine = f.store.add_customer(&ann, customer("Mine Co")).unwrap();
    assert_eq!(mine.owner_login.as_deref(), Some("ann"));
    let pooled = f.store.add_customer(&boss, customer("Pool Co")).unwrap();
    assert_eq!(pooled.owner_id, None);
    let q = CustomerQuery {
        pool: true,
        ..CustomerQuery::default()
    };
    let rows = f.store.customer_page(&q, 0, 10).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].name, "Pool Co");
}

#[test]
fn a_rep_may_not_give_a_customer_to_someone_else() {
    let mut f = fixture();
    let ann = f.ann.clone();
    let new = NewCustomer {
        owner: Some("bob".into()),
        ..customer("Gift Co")
    };
    let err = refused(&mut f.store, |s| s.add_customer(&ann, new));
    assert!(matches!(err, StoreError::Denied { .. }), "{err}");
}

#[test]
fn a_rep_logs_visits_on_own_and_pool_customers_only() {
    let _l = lang_lock(Lang::En);
    let mut f = fixture();
    let (ann, bob, boss) = (f.ann.clone(), f.bob.clone(), f.boss.clone());
    let anns = f.store.add_customer(&ann, customer("Ann's Co")).unwrap();
    let pool = f.store.add_customer(&boss, customer("Open Co")).unwrap();
    let visit = |c: &str| NewVisit {
        customer_id: c.into(),
        summary: "talked".into(),
        ..NewVisit::default()
    };
    let err = refused(&mut f.store, |s| s.add_visit(&bob, visit(&anns.id)));
    assert!(err.to_string().contains("Ann's Co belongs to ann"), "{err}");
    f.store.add_visit(&bob, visit(&pool.id)).unwrap();
    f.store.add_visit(&ann, visit(&anns.id)).unwrap();
    assert_eq!(f.store.count_visits(&VisitQuery::default()).unwrap(), 2);
}

#[test]
fn a_visit_keeps_its_customer_current_and_counts_for_joint_reps() {
    let mut f = fixture();
    let ann = f.ann.clone();
    let c = f.store.add_customer(&ann, customer("Busy Co")).unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 9, 20).unwrap();
    let next = NaiveDate::from_ymd_opt(2026, 10, 5).unwrap();
    let v = f
        .store
        .add_visit(
            &ann,
            NewVisit {
                customer_id: c.id.clone(),
                date: Some(day),
                summary: "demo".into(),
                next_follow_up: Some(next),
                expense: Money::from_cents(12_050),
                joint_reps: vec!["bob".into()],
                ..NewVisit::default()
            },
        )
        .unwrap();
    // logged_at is the system's (the fixed clock), never typed
    assert_eq!(v.logged_at, "2026-09-30T10:00:00.000Z");
    assert_eq!(v.joint_reps.as_deref(), Some("bob"));
    let c = f.store.customer(&c.id).unwrap();
    assert_eq!(c.last_visit_on, Some(day));
    assert_eq!(c.next_follow_up, Some(next));
    let bob_id = f.bob.rep_id.clone();
    let q = VisitQuery {
        rep_id: bob_id,
        ..VisitQuery::default()
    };
    assert_eq!(
        f.store.count_visits(&q).unwrap(),
        1,
        "joint visits count for bob"
    );
}

#[test]
fn an_unknown_joint_rep_is_refused() {
    let mut f = fixture();
    let ann = f.ann.clone();
    let c = f.store.add_customer(&ann, customer("Solo Co")).unwrap();
    let new = NewVisit {
        customer_id: c.id,
        summary: "x".into(),
        joint_reps: vec!["ghost".into()],
        ..NewVisit::default()
    };
    let err = refused(&mut f.store, |s| s.add_visit(&ann, new));
    assert!(err.to_string().contains("ghost"), "{err}");
}

#[test]
fn customers_resolve_by_name_or_short_id_and_ambiguity_lists_candidates() {
    let _l = lang_lock(Lang::En);
    let mut f = fixture();
    let ann = f.ann.clone();
    let acme = f.store.add_customer(&ann, customer("Acme Ltd")).unwrap();
    f.store
        .add_customer(&ann, customer("Acme Trading"))
        .unwrap();
    assert_eq!(
        f.store.resolve_customer("ＡＣＭＥ ltd").unwrap().id,
        acme.id
    );
    let short = f
        .store
        .short_id(salestrack::store::short_ids::IdTable::Customers, &acme.id)
        .unwrap();
    // The start of the id's random last group, not of its (shared) time digits.
    assert!(short.len() >= 8 && acme.id[24..].starts_with(&short));
    assert_eq!(f.store.resolve_customer(&short).unwrap().id, acme.id);
    let err = f.store.resolve_customer("Acme").unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("Acme Ltd") && msg.contains("Acme Trading"),
        "{msg}"
    );
    let err = f.store.resolve_customer("Nobody").unwrap_err();
    assert!(err.to_string().contains("no customer matches"), "{err}");
}

#[test]
fn act_as_is_for_managers_and_audited() {
    let mut f = fixture();
    let (boss, ann) = (f.boss.clone(), f.ann.clone());
    let as_ann = f.store.act_as(&boss, "ann").unwrap();
    assert_eq!(as_ann.login, "ann");
    assert_eq!(as_ann.role, Some(Role::Rep));
    f.store.add_customer(&as_ann, customer("Via Boss")).unwrap();
    let log = f.store.audit_log(10).unwrap();
    assert!(log.iter().any(|e| e.action == "act_as" && e.who == "boss"));
    let add = log.iter().find(|e| e.action == "customer.add").unwrap();
    assert_eq!(
        (add.who.as_str(), add.acting_as.as_deref()),
        ("boss", Some("ann"))
    );
    let err = refused(&mut f.store, |s| s.act_as(&ann, "boss"));
    assert!(matches!(err, StoreError::Denied { .. }), "{err}");
}

#[test]
fn the_overdue_filter_follows_the_grade_cadence_and_follow_up_dates() {
    use salestrack::domain::CustomerStage;
    let mut f = fixture();
    let boss = f.boss.clone();
    let today = NaiveDate::from_ymd_opt(2026, 9, 30).unwrap();
    let long_ago = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
    // (name, owner, stage, next follow-up, a visit long ago, overdue?)
    type Case<'a> = (
        &'a str,
        Option<&'a str>,
        CustomerStage,
        Option<NaiveDate>,
        bool,
        bool,
    );
    let cases: [Case; 8] = [
        (
            "Fresh A",
            Some("ann"),
            CustomerStage::Lead,
            None,
            false,
            false,
        ),
        (
            "Late Follow-up",
            Some("ann"),
            CustomerStage::Lead,
            today.pred_opt(),
            false,
            true,
        ),
        (
            "Due Today",
            Some("ann"),
            CustomerStage::Lead,
            Some(today),
            true,
            false,
        ),
        (
            "Planned Ahead",
            Some("ann"),
            CustomerStage::Customer,
            today.succ_opt().and_then(|d| d.succ_opt()),
            true,
            false,
        ),
        (
            "Gone Quiet",
            Some("ann"),
            CustomerStage::Customer,
            None,
            true,
            true,
        ),
        (
            "Pool Late",
            None,
            CustomerStage::Lead,
            today.pred_opt(),
            true,
            false,
        ),
        (
            "Lost Late",
            Some("ann"),
            CustomerStage::Lost,
            today.pred_opt(),
            true,
            false,
        ),
        (
            "Dormant Quiet",
            Some("ann"),
            CustomerStage::Dormant,
            None,
            true,
            false,
        ),
    ];
    for (name, owner, stage, next, visited, _) in cases {
        let c = f
            .store
            .add_customer(
                &boss,
                NewCustomer {
                    grade: Some(Grade::A),
                    stage: Some(stage),
                    owner: owner.map(String::from),
                    next_follow_up: next,
                    ..customer(name)
                },
            )
            .unwrap();
        if visited {
            let v = NewVisit {
                customer_id: c.id.clone(),
                date: Some(long_ago),
                summary: "long ago".into(),
                ..NewVisit::default()
            };
            f.store.add_visit(&boss, v).unwrap();
        }
    }
    let q = CustomerQuery {
        overdue: true,
        ..CustomerQuery::default()
    };
    let rows = f.store.customer_page(&q, 0, 20).unwrap();
    let mut names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
    names.sort();
    let mut want: Vec<&str> = cases.iter().filter(|c| c.5).map(|c| c.0).collect();
    want.sort();
    assert_eq!(names, want);
    assert!(rows.iter().all(|r| r.overdue));
    // The agenda takes what is due today too, and nothing planned ahead.
    let due = CustomerQuery {
        due: true,
        ..CustomerQuery::default()
    };
    let rows = f.store.customer_page(&due, 0, 20).unwrap();
    let mut names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
    names.sort();
    want.push("Due Today");
    want.sort();
    assert_eq!(names, want);
}

#[test]
fn visit_searches_by_customer_name_count_exactly_or_up_to_a_cap() {
    let mut f = fixture();
    let boss = f.boss.clone();
    // More customers than the "few" path takes, all matching "co", one visit each.
    for i in 0..520 {
        let c = f
            .store
            .add_customer(&boss, customer(&format!("Co {i:03}")))
            .unwrap();
        let v = NewVisit {
            customer_id: c.id,
            summary: "x".into(),
            ..NewVisit::default()
        };
        f.store.add_visit(&boss, v).unwrap();
    }
    let broad = VisitQuery {
        search: Some("co".into()),
        ..VisitQuery::default()
    };
    assert_eq!(
        f.store.count_visits_upto(&broad, 100).unwrap(),
        (100, false)
    );
    assert_eq!(
        f.store.count_visits_upto(&broad, 1000).unwrap(),
        (520, true)
    );
    assert_eq!(f.store.count_visits(&broad).unwrap(), 520);
    let page = f.store.visit_page(&broad, 0, 10).unwrap();
    assert_eq!(page.len(), 10);
    let narrow = VisitQuery {
        search: Some("ｃｏ ０１".into()),
        ..VisitQuery::default()
    };
    assert_eq!(
        f.store.count_visits_upto(&narrow, 5).unwrap(),
        (10, true),
        "Co 010…019"
    );
    let names: Vec<String> = f
        .store
        .visit_page(&narrow, 0, 20)
        .unwrap()
        .into_iter()
        .map(|v| v.customer_name)
        .collect();
    assert_eq!(names.len(), 10);
    assert!(names.iter().all(|n| n.starts_with("Co 01")), "{names:?}");
}

#[test]
fn visits_are_edited_and_deleted_by_their_author_with_contacts_met() {
    let _l = lang_lock(Lang::En);
    let mut f = fixture();
    let (ann, bob, boss) = (f.ann.clone(), f.bob.clone(), f.boss.clone());
    let c = f.store.add_customer(&ann, customer("Met Co")).unwrap();
    let contact = salestrack::store::customers::contacts::NewContact {
        customer_id: c.id.clone(),
        name: "王总".into(),
        ..Default::default()
    };
    f.store.add_contact(&ann, contact).unwrap();
    let new = |met: &[&str]| NewVisit {
        customer_id: c.id.clone(),
        summary: "talk".into(),
        date: NaiveDate::from_ymd_opt(2026, 9, 20),
        contacts_met: met.iter().map(|s| s.to_string()).collect(),
        ..NewVisit::default()
    };
    let err = refused(&mut f.store, |s| s.add_visit(&ann, new(&["李四"])));
    assert!(
        err.to_string().contains("李四") && err.to_string().contains("王总"),
        "{err}"
    );
    let v = f.store.add_visit(&ann, new(&["王总"])).unwrap();
    assert_eq!(f.store.visit(&v.id).unwrap().contacts_met, ["王总"]);
    let err = refused(&mut f.store, |s| s.update_visit(&bob, &v.id, new(&[])));
    assert!(err.to_string().contains("ann's"), "{err}");
    let mut changed = new(&[]);
    changed.summary = "changed".into();
    changed.joint_reps = vec!["bob".into()];
    let edited = f.store.update_visit(&ann, &v.id, changed).unwrap();
    assert_eq!(
        (
            edited.summary.as_str(),
            edited.contacts_met.len(),
            edited.joint_reps.as_slice()
        ),
        ("changed", 0, &["bob".to_string()][..])
    );
    let err = refused(&mut f.store, |s| s.delete_visit(&bob, &v.id));
    assert!(err.to_string().contains("ann's"), "{err}");
    f.store.delete_visit(&boss, &v.id).unwrap();
    assert_eq!(f.store.count_visits(&VisitQuery::default()).unwrap(), 0);
    assert_eq!(f.store.customer(&c.id).unwrap().last_visit_on, None);
}
