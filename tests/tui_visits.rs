//! Quick add on the Visits tab (issue 6): a usual visit in ≤ 10 keystrokes plus the text, a
//! fuzzy customer picker that narrows as you type, refusals named beside their fields.

mod common;

use common::screen::{chars, clock, ctrl, key, lang_lock, render, temp_dir};
use ratatui::crossterm::event::KeyCode;
use salestrack::config::Settings;
use salestrack::domain::{Grade, VisitKind};
use salestrack::i18n::Lang;
use salestrack::store::Store;
use salestrack::store::customers::NewCustomer;
use salestrack::store::reps::NewRep;
use salestrack::store::visits::VisitQuery;
use salestrack::tui::app::App;
use salestrack::tui::widgets::form::Input;
use tempfile::TempDir;

struct Fixture {
    _dir: TempDir,
    app: App,
    path: std::path::PathBuf,
}

fn fixture(login: &str) -> Fixture {
    let dir = temp_dir();
    let path = dir.path().join("v.db");
    let mut store = Store::create_or_open(&path, clock()).unwrap();
    store.init_first_manager("boss", "Boss").unwrap();
    let boss = store.actor_for("boss").unwrap();
    for (name, l) in [("Ann Lee", "ann"), ("Bob Wu", "bob")] {
        store
            .add_rep(
                &boss,
                NewRep {
                    name: name.into(),
                    login: l.into(),
                    ..NewRep::default()
                },
            )
            .unwrap();
    }
    for (name, owner) in [
        ("华为技术有限公司", Some("ann")),
        ("华东精密机械有限公司", None),
        ("Acme Ltd", Some("ann")),
        ("Acme Trading", Some("bob")),
        ("Northwind", None),
    ] {
        let new = NewCustomer {
            name: name.into(),
            grade: Some(Grade::B),
            owner: owner.map(String::from),
            ..NewCustomer::default()
        };
        store.add_customer(&boss, new).unwrap();
    }
    let actor = store.actor_for(login).unwrap();
    let mut app = App::new(store, actor, &Settings::default()).unwrap();
    app.resize(80, 24);
    key(&mut app, KeyCode::Char('2'));
    Fixture {
        _dir: dir,
        app,
        path,
    }
}

fn store(f: &Fixture) -> Store {
    Store::open(&f.path, clock()).unwrap()
}

/// The picker's candidates as shown.
fn candidates(app: &App) -> Vec<String> {
    let (_, form) = app.form.as_ref().expect("a form is open");
    match &form.fields[0].input {
        Input::Picker { candidates, .. } => candidates.iter().map(|(_, l)| l.clone()).collect(),
        other => panic!("the first field is the picker, not {other:?}"),
    }
}

#[test]
fn a_usual_visit_takes_three_keystrokes_and_the_text() {
    let _l = lang_lock(Lang::En);
    let mut f = fixture("ann");
    let mut keystrokes = 0;
    key(&mut f.app, KeyCode::Char('a'));
    keystrokes += 1;
    chars(&mut f.app, "华为"); // text
    key(&mut f.app, KeyCode::Enter); // take the first candidate, go to the summary
    keystrokes += 1;
    chars(&mut f.app, "介绍新产品，客户有兴趣"); // text
    ctrl(&mut f.app, 's');
    keystrokes += 1;
    assert!(keystrokes <= 10, "{keystrokes} keystrokes");
    assert!(f.app.form.is_none(), "saved and closed");
    let visits = store(&f).visit_page(&VisitQuery::default(), 0, 10).unwrap();
    assert_eq!(visits.len(), 1);
    let v = &visits[0];
    assert_eq!(v.customer_name, "华为技术有限公司");
    assert_eq!(v.summary, "介绍新产品，客户有兴趣");
    assert_eq!(v.date.to_string(), "2026-09-30", "today by default");
    assert_eq!(v.kind, VisitKind::Visit, "a visit by default");
    assert_eq!(
        v.logged_at, "2026-09-30T10:00:00.000Z",
        "logged_at is the system's"
    );
    assert_eq!(f.app.visits.total, 1, "the log shows it");
}

#[test]
fn the_picker_narrows_as_you_type_latin_and_chinese() {
    let _l = lang_lock(Lang::En);
    let mut f = fixture("boss");
    key(&mut f.app, KeyCode::Char('a'));
    chars(&mut f.app, "n");
    // Names holding the text as typed first, then shorter names.
    assert_eq!(
        candidates(&f.app),
        ["Northwind  (pool)", "Acme Trading  (bob)"]
    );
    chars(&mut f.app, "d");
    assert_eq!(
        candidates(&f.app),
        ["Northwind  (pool)"],
        "n…d: only Northwind"
    );
    key(&mut f.app, KeyCode::Backspace);
    key(&mut f.app, KeyCode::Backspace);
    chars(&mut f.app, "acm");
    assert_eq!(
        candidates(&f.app),
        ["Acme Ltd  (ann)", "Acme Trading  (bob)"]
    );
    chars(&mut f.app, "tr");
    assert_eq!(candidates(&f.app), ["Acme Trading  (bob)"]);
    for _ in 0..5 {
        key(&mut f.app, KeyCode::Backspace);
    }
    // Letters in order, not next to each other: 华…技 finds 华为技术有限公司 only.
    chars(&mut f.app, "华技");
    assert_eq!(candidates(&f.app), ["华为技术有限公司  (ann)"]);
    key(&mut f.app, KeyCode::Backspace);
    let screen = render(&f.app, 80, 24);
    insta::assert_snapshot!("quick_add_picker_en", screen);
    assert_eq!(candidates(&f.app).len(), 2, "华 alone: two companies");
    // ↓ then Enter takes the second.
    key(&mut f.app, KeyCode::Down);
    key(&mut f.app, KeyCode::Enter);
    let (_, form) = f.app.form.as_ref().unwrap();
    assert_eq!(form.focus, 1, "on to the summary");
    let chosen = form.value("customer").to_string();
    assert_eq!(
        store(&f).customer(&chosen).unwrap().name,
        "华东精密机械有限公司"
    );
}

#[test]
fn a_rep_is_offered_their_own_customers_and_the_pool() {
    let _l = lang_lock(Lang::En);
    let mut f = fixture("bob");
    key(&mut f.app, KeyCode::Char('a'));
    chars(&mut f.app, "a");
    let offered = candidates(&f.app);
    assert!(
        offered.iter().any(|c| c.starts_with("Acme Trading")),
        "{offered:?}"
    );
    assert!(
        !offered.iter().any(|c| c.starts_with("Acme Ltd")),
        "ann's customer is not offered: {offered:?}"
    );
}

#[test]
fn refused_fields_are_named_and_nothing_is_saved() {
    let _l = lang_lock(Lang::Zh);
    let mut f = fixture("ann");
    key(&mut f.app, KeyCode::Char('a'));
    ctrl(&mut f.app, 's');
    assert!(
        render(&f.app, 80, 24).contains("客户不能为空"),
        "no customer chosen"
    );
    chars(&mut f.app, "acme l");
    key(&mut f.app, KeyCode::Enter);
    chars(&mut f.app, "met");
    key(&mut f.app, KeyCode::Tab);
    chars(&mut f.app, "2026-02-30");
    ctrl(&mut f.app, 's');
    let screen = render(&f.app, 80, 24);
    assert!(
        screen.contains("“2026-02-30”不是日历上存在的日期"),
        "{screen}"
    );
    insta::assert_snapshot!("quick_add_refused_zh", screen);
    for _ in 0..10 {
        key(&mut f.app, KeyCode::Backspace);
    }
    for _ in 0..3 {
        key(&mut f.app, KeyCode::Tab);
    }
    chars(&mut f.app, "1.234");
    ctrl(&mut f.app, 's');
    assert!(
        render(&f.app, 80, 24).contains("超过两位小数"),
        "the expense"
    );
    for _ in 0..5 {
        key(&mut f.app, KeyCode::Backspace);
    }
    key(&mut f.app, KeyCode::Tab);
    chars(&mut f.app, "ghost");
    ctrl(&mut f.app, 's');
    assert!(render(&f.app, 80, 24).contains("ghost"), "the joint rep");
    assert_eq!(
        store(&f).count_visits(&VisitQuery::default()).unwrap(),
        0,
        "nothing saved"
    );
    key(&mut f.app, KeyCode::Esc);
    assert!(f.app.form.is_none());
}
