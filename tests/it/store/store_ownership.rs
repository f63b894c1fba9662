//! Ownership rules in the store (issue 5): claim, release, assign and contacts, each refusal
//! leaving every table as it was, every change in the ownership history.

use chrono::DateTime;
use salestrack::clock::Clock;
use salestrack::domain::{OwnershipReason, PurchaseRole};
use salestrack::i18n::Lang;
use salestrack::store::customers::NewCustomer;
use salestrack::store::customers::contacts::NewContact;
use salestrack::store::reps::NewRep;
use salestrack::store::{Actor, Store, StoreError};

use crate::common::screen::lang_lock;

struct Team {
    _dir: tempfile::TempDir,
    store: Store,
    boss: Actor,
    ann: Actor,
    bob: Actor,
}

fn team(claim_limit: u32) -> Team {
    let dir = tempfile::tempdir().unwrap();
    let clock = Clock::fixed(DateTime::parse_from_rfc3339("2026-09-30T18:00:00+08:00").unwrap());
    let mut store = Store::create_or_open(&dir.path().join("t.db"), clock).unwrap();
    store.init_first_manager("boss", "Boss").unwrap();
    let boss = store.actor_for("boss").unwrap();
    // The team's rule, in the database (store::settings), set by its manager.
    store
        .set_setting(&boss, "claim_limit", &claim_limit.to_string())
        .unwrap();
    for login in ["ann", "bob"] {
        let rep = NewRep {
            name: login.to_uppercase(),
            login: login.into(),
            ..NewRep::default()
        };
        store.add_rep(&boss, rep).unwrap();
    }
    let (ann, bob) = (
        store.actor_for("ann").unwrap(),
        store.actor_for("bob").unwrap(),
    );
    Team {
        _dir: dir,
        store,
        boss,
        ann,
        bob,
    }
}

fn pool_customer(t: &mut Team, name: &str) -> String {
    let boss = t.boss.clone();
    let new = NewCustomer {
        name: name.into(),
        ..NewCustomer::default()
    };
    t.store.add_customer(&boss, new).unwrap().id
}

fn refused<T: std::fmt::Debug>(
    store: &mut Store,
    f: impl FnOnce(&mut Store) -> Result<T, StoreError>,
) -> String {
    let before = store.table_counts().unwrap();
    let err = f(store).expect_err("refused");
    assert_eq!(store.table_counts().unwrap(), before, "nothing changed");
    err.to_string()
}

#[test]
fn a_rep_claims_from_the_pool_up_to_the_limit() {
    let _l = lang_lock(Lang::En);
    let mut t = team(2);
    let ids: Vec<String> = (0..3)
        .map(|i| pool_customer(&mut t, &format!("Pool {i}")))
        .collect();
    let ann = t.ann.clone();
    t.store.claim(&ann, &ids[0]).unwrap();
    t.store.claim(&ann, &ids[1]).unwrap();
    let err = refused(&mut t.store, |s| s.claim(&ann, &ids[2]));
    assert!(
        err.contains("already holds 2 customers") && err.contains("limit is 2"),
        "{err}"
    );
    // A manager is not held to the limit.
    let boss = t.boss.clone();
    t.store.claim(&boss, &ids[2]).unwrap();
}

#[test]
fn only_pool_customers_can_be_claimed() {
    let _l = lang_lock(Lang::En);
    let mut t = team(200);
    let id = pool_customer(&mut t, "Taken Co");
    let (ann, bob) = (t.ann.clone(), t.bob.clone());
    t.store.claim(&ann, &id).unwrap();
    let err = refused(&mut t.store, |s| s.claim(&bob, &id));
    assert!(err.contains("Taken Co belongs to ann"), "{err}");
}

#[test]
fn release_is_for_the_owner_or_a_manager() {
    let _l = lang_lock(Lang::En);
    let mut t = team(200);
    let id = pool_customer(&mut t, "Mine Co");
    let (ann, bob, boss) = (t.ann.clone(), t.bob.clone(), t.boss.clone());
    t.store.claim(&ann, &id).unwrap();
    let err = refused(&mut t.store, |s| s.release(&bob, &id));
    assert!(err.contains("belongs to ann"), "{err}");
    let c = t.store.release(&ann, &id).unwrap();
    assert_eq!(c.owner_id, None);
    let err = refused(&mut t.store, |s| s.release(&boss, &id));
    assert!(err.contains("already in the public pool"), "{err}");
}

#[test]
fn only_managers_assign_and_only_to_active_reps() {
    let _l = lang_lock(Lang::En);
    let mut t = team(200);
    let id = pool_customer(&mut t, "Given Co");
    let (ann, boss) = (t.ann.clone(), t.boss.clone());
    let err = refused(&mut t.store, |s| s.assign(&ann, &id, "ann"));
    assert!(err.contains("ann may not"), "{err}");
    let err = refused(&mut t.store, |s| s.assign(&boss, &id, "nobody"));
    assert!(err.contains("nobody"), "{err}");
    let c = t.store.assign(&boss, &id, "bob").unwrap();
    assert_eq!(c.owner_login.as_deref(), Some("bob"));
}

#[test]
fn every_change_of_owner_is_in_the_history() {
    let mut t = team(200);
    let id = pool_customer(&mut t, "Travelled Co");
    let (ann, boss) = (t.ann.clone(), t.boss.clone());
    t.store.claim(&ann, &id).unwrap();
    t.store.assign(&boss, &id, "bob").unwrap();
    t.store.release(&boss, &id).unwrap();
    let history = t.store.ownership_history(&id).unwrap();
    let steps: Vec<(Option<&str>, Option<&str>, OwnershipReason, &str)> = history
        .iter()
        .map(|h| {
            (
                h.from_login.as_deref(),
                h.to_login.as_deref(),
                h.why,
                h.changed_by.as_str(),
            )
        })
        .collect();
    assert_eq!(
        steps,
        [
            (None, Some("ann"), OwnershipReason::Claim, "ann"),
            (Some("ann"), Some("bob"), OwnershipReason::Assign, "boss"),
            (Some("bob"), None, OwnershipReason::Release, "boss"),
        ]
    );
}

#[test]
fn contacts_go_on_customers_one_may_work_on() {
    let _l = lang_lock(Lang::En);
    let mut t = team(200);
    let id = pool_customer(&mut t, "Contact Co");
    let (ann, bob) = (t.ann.clone(), t.bob.clone());
    let contact = |name: &str| NewContact {
        customer_id: id.clone(),
        name: name.into(),
        purchase_role: Some(PurchaseRole::DecisionMaker),
        ..NewContact::default()
    };
    // The pool is open to every rep; once claimed, the customer is the owner's.
    t.store.add_contact(&bob, contact("王总")).unwrap();
    t.store.claim(&ann, &id).unwrap();
    let err = refused(&mut t.store, |s| s.add_contact(&bob, contact("李经理")));
    assert!(err.contains("belongs to ann"), "{err}");
    t.store.add_contact(&ann, contact("李经理")).unwrap();
    let names: Vec<String> = t
        .store
        .list_contacts(Some(&id))
        .unwrap()
        .into_iter()
        .map(|c| c.name)
        .collect();
    assert_eq!(names, ["李经理", "王总"]);
    let err = refused(&mut t.store, |s| s.add_contact(&ann, contact("  ")));
    assert!(err.contains("required"), "{err}");
}

#[test]
fn a_rep_edits_and_deletes_only_their_own_customers() {
    let _l = lang_lock(Lang::En);
    let mut t = team(200);
    let id = pool_customer(&mut t, "Edit Co");
    let (ann, bob, boss) = (t.ann.clone(), t.bob.clone(), t.boss.clone());
    let fields = |name: &str| NewCustomer {
        name: name.into(),
        region: Some("华东".into()),
        ..NewCustomer::default()
    };
    let err = refused(&mut t.store, |s| {
        s.update_customer(&ann, &id, fields("Mine Now"))
    });
    assert!(
        err.contains("Edit Co belongs to pool"),
        "pool customers are claimed first: {err}"
    );
    t.store.claim(&ann, &id).unwrap();
    let c = t
        .store
        .update_customer(&ann, &id, fields("Edited Co"))
        .unwrap();
    assert_eq!(
        (c.name.as_str(), c.region.as_deref()),
        ("Edited Co", Some("华东"))
    );
    assert_eq!(
        c.owner_login.as_deref(),
        Some("ann"),
        "editing keeps the owner"
    );
    let err = refused(&mut t.store, |s| {
        s.update_customer(&bob, &id, fields("Bob's"))
    });
    assert!(err.contains("belongs to ann"), "{err}");
    pool_customer(&mut t, "Other Co");
    let err = refused(&mut t.store, |s| {
        s.update_customer(&ann, &id, fields("ＯＴＨＥＲ co"))
    });
    assert!(err.contains("already exists as “Other Co”"), "{err}");
    // Renaming to its own name in another case is not a clash with itself.
    t.store
        .update_customer(&ann, &id, fields("EDITED CO"))
        .unwrap();
    let err = refused(&mut t.store, |s| s.delete_customer(&bob, &id));
    assert!(err.contains("belongs to ann"), "{err}");
    t.store.delete_customer(&boss, &id).unwrap();
    assert!(
        t.store.resolve_customer("Edited Co").is_err(),
        "deleted customers are gone from lists"
    );
    // The name is free again once the customer is deleted.
    pool_customer(&mut t, "Edited Co");
}

/// The pool's claim rules: a daily quota per rep (a manager's claims uncounted), and a
/// cooldown before a rep claims back a customer they released. Each refusal says how many
/// are left or until when, and changes nothing.
#[test]
fn a_daily_claim_quota_and_a_cooldown_before_claiming_back() {
    let _l = lang_lock(Lang::En);
    let mut t = team(100);
    let boss = t.boss.clone();
    t.store
        .set_setting(&boss, "pool.claims_per_day", "2")
        .unwrap();
    t.store
        .set_setting(&boss, "pool.claim_back_days", "30")
        .unwrap();
    let ids: Vec<String> = (1..=4)
        .map(|i| pool_customer(&mut t, &format!("Pool {i}")))
        .collect();
    let ann = t.ann.clone();
    t.store.claim(&ann, &ids[0]).unwrap();
    t.store.claim(&ann, &ids[1]).unwrap();
    let third = ids[2].clone();
    let err = refused(&mut t.store, |s| s.claim(&ann, &third));
    assert!(
        err.contains("claimed 2 customers today") && err.contains("none are left"),
        "{err}"
    );
    // Another rep has their own quota; a manager has none.
    let bob = t.bob.clone();
    t.store.claim(&bob, &ids[2]).unwrap();
    t.store.claim(&boss, &ids[3]).unwrap();
    // Released today: bob (one claim left today) may claim it back in 30 days, not before.
    t.store.release(&bob, &ids[2]).unwrap();
    let back = ids[2].clone();
    let err = refused(&mut t.store, |s| s.claim(&bob, &back));
    assert!(err.contains("from 2026-10-30"), "{err}");
    // Another pool customer he may take at once.
    t.store.release(&ann, &ids[0]).unwrap();
    t.store.claim(&bob, &ids[0]).unwrap();
}
