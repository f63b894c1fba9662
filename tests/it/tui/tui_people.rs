//! The People tab on a `TestBackend` (README, People): a leaver's customers handed to a named
//! rep from the leave form, and the tab refused to a rep.

use crate::common::screen::{Fixture, chars, clock, ctrl, key, lang_lock, render, temp_dir};
use ratatui::crossterm::event::KeyCode;
use salestrack::i18n::Lang;
use salestrack::store::Store;
use salestrack::store::customers::NewCustomer;
use salestrack::store::reps::NewRep;

/// boss, ann holding two customers, and bob; seen as `login` on the People tab.
fn fixture(login: &str) -> Fixture {
    let dir = temp_dir();
    let path = dir.path().join("p.db");
    let mut store = Store::create_or_open(&path, clock()).unwrap();
    store.init_first_manager("boss", "Boss").unwrap();
    let boss = store.actor_for("boss").unwrap();
    for l in ["ann", "bob"] {
        let rep = NewRep {
            name: l.into(),
            login: l.into(),
            ..NewRep::default()
        };
        store.add_rep(&boss, rep).unwrap();
    }
    for name in ["甲公司", "乙公司"] {
        let c = NewCustomer {
            name: name.into(),
            owner: Some("ann".into()),
            ..NewCustomer::default()
        };
        store.add_customer(&boss, c).unwrap();
    }
    Fixture::open(dir, path, store, login, '6')
}

fn held(f: &Fixture, login: &str) -> u32 {
    let s = f.store();
    let rep = s.rep_by_login(login).unwrap().unwrap();
    s.customers_held(&rep.id).unwrap()
}

#[test]
fn a_leavers_customers_go_to_the_rep_named_in_the_form() {
    let _l = lang_lock(Lang::En);
    let mut f = fixture("boss");
    let screen = render(&f.app, 80, 24);
    assert!(screen.contains("People: 3"), "{screen}");
    let at = f
        .app
        .tabs
        .people
        .rows
        .iter()
        .position(|p| p.rep.login == "ann")
        .unwrap();
    assert_eq!(f.app.tabs.people.rows[at].customers, 2);
    for _ in 0..at {
        key(&mut f.app, KeyCode::Char('j'));
    }
    key(&mut f.app, KeyCode::Char('l'));
    assert!(render(&f.app, 80, 24).contains("A rep leaves"));
    // A login that is not a rep is refused beside nothing and changes nothing.
    chars(&mut f.app, "nobody");
    ctrl(&mut f.app, 's');
    assert!(f.app.form.is_some(), "refused: the form stays");
    assert_eq!(held(&f, "ann"), 2);
    for _ in 0..6 {
        key(&mut f.app, KeyCode::Backspace);
    }
    chars(&mut f.app, "bob");
    ctrl(&mut f.app, 's');
    let screen = render(&f.app, 80, 24);
    assert!(screen.contains("bob: 2 customers"), "{screen}");
    assert_eq!((held(&f, "ann"), held(&f, "bob")), (0, 2));
    assert!(
        f.store()
            .rep_by_login("ann")
            .unwrap()
            .unwrap()
            .left_on
            .is_some()
    );
}

#[test]
fn a_rep_is_told_the_people_tab_is_for_managers() {
    let _l = lang_lock(Lang::En);
    let f = fixture("ann");
    let screen = render(&f.app, 80, 24);
    assert!(screen.contains("may not see the people screen"), "{screen}");
    assert!(f.app.tabs.people.rows.is_empty());
}
