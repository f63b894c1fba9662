//! Quick add on the Visits tab (issue 6): a usual visit in ≤ 10 keystrokes plus the text, a
//! fuzzy customer picker that narrows as you type, refusals named beside their fields.

use crate::common::screen::{Fixture, chars, clock, ctrl, key, lang_lock, render, temp_dir};
use ratatui::crossterm::event::KeyCode;
use salestrack::domain::{Grade, VisitKind};
use salestrack::i18n::Lang;
use salestrack::store::Store;
use salestrack::store::customers::NewCustomer;
use salestrack::store::reps::NewRep;
use salestrack::store::visits::VisitQuery;
use salestrack::tui::app::App;
use salestrack::tui::widgets::form::Input;

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
    Fixture::open(dir, path, store, login, '2')
}

/// The picker's candidates as shown.
fn candidates(app: &App) -> Vec<String> {
    let form = &app.form.as_ref().expect("a form is open").form;
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
    let visits = f.store().visit_page(&VisitQuery::default(), 0, 10).unwrap();
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
    assert_eq!(f.app.tabs.visits.list.total, 1, "the log shows it");
}

#[test]
fn the_picker_narrows_as_you_type_latin_and_chinese() {
    let _l = lang_lock(Lang::En);
    let mut f = fixture("boss");
    key(&mut f.app, KeyCode::Char('a'));
    chars(&mut f.app, "n");
    // Names holding the text as typed first, then those whose pinyin does (华为…有限公司:
    // youxiangongsi), then shorter names.
    assert_eq!(
        candidates(&f.app),
        [
            "Northwind  (pool)",
            "Acme Trading  (Bob Wu)",
            "华为技术有限公司  (Ann Lee)",
            "华东精密机械有限公司  (pool)"
        ]
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
        ["Acme Ltd  (Ann Lee)", "Acme Trading  (Bob Wu)"]
    );
    chars(&mut f.app, "tr");
    assert_eq!(candidates(&f.app), ["Acme Trading  (Bob Wu)"]);
    for _ in 0..5 {
        key(&mut f.app, KeyCode::Backspace);
    }
    // Pinyin initials: hwjs finds 华为技术.
    chars(&mut f.app, "hwjs");
    assert_eq!(candidates(&f.app), ["华为技术有限公司  (Ann Lee)"]);
    for _ in 0..4 {
        key(&mut f.app, KeyCode::Backspace);
    }
    // Letters in order, not next to each other: 华…技 finds 华为技术有限公司 only.
    chars(&mut f.app, "华技");
    assert_eq!(candidates(&f.app), ["华为技术有限公司  (Ann Lee)"]);
    key(&mut f.app, KeyCode::Backspace);
    let screen = render(&f.app, 80, 24);
    insta::assert_snapshot!("quick_add_picker_en", screen);
    assert_eq!(candidates(&f.app).len(), 2, "华 alone: two companies");
    // ↓ then Enter takes the second.
    key(&mut f.app, KeyCode::Down);
    key(&mut f.app, KeyCode::Enter);
    let form = &f.app.form.as_ref().unwrap().form;
    assert_eq!(form.focus, 1, "on to the summary");
    let chosen = form.value("customer").to_string();
    assert_eq!(
        f.store().customer(&chosen).unwrap().name,
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
        f.store().count_visits(&VisitQuery::default()).unwrap(),
        0,
        "nothing saved"
    );
    // What was typed is thrown away only once Esc has asked.
    key(&mut f.app, KeyCode::Esc);
    assert!(f.app.form.is_some());
    key(&mut f.app, KeyCode::Char('y'));
    assert!(f.app.form.is_none());
}

/// The visits in the log, as the viewer sees them, newest first.
fn summaries(app: &App) -> Vec<&str> {
    app.tabs
        .visits
        .list
        .rows
        .iter()
        .map(|v| v.summary.as_str())
        .collect()
}

/// Three visits: two of ann's (one a call, one long ago), one of bob's.
fn with_visits(login: &str) -> Fixture {
    let f = fixture(login);
    let mut s = f.store();
    let add = |s: &mut Store,
               who: &str,
               customer: &str,
               date: (i32, u32, u32),
               kind: VisitKind,
               summary: &str| {
        let actor = s.actor_for(who).unwrap();
        let c = s.resolve_customer(customer).unwrap();
        let v = salestrack::store::visits::NewVisit {
            customer_id: c.id,
            date: chrono::NaiveDate::from_ymd_opt(date.0, date.1, date.2),
            kind: Some(kind),
            summary: summary.into(),
            ..Default::default()
        };
        s.add_visit(&actor, v).unwrap();
    };
    add(
        &mut s,
        "ann",
        "华为技术有限公司",
        (2026, 9, 28),
        VisitKind::Call,
        "电话确认交期",
    );
    add(
        &mut s,
        "ann",
        "Acme Ltd",
        (2026, 6, 1),
        VisitKind::Visit,
        "Old visit",
    );
    add(
        &mut s,
        "bob",
        "Acme Trading",
        (2026, 9, 29),
        VisitKind::Meeting,
        "Bob's meeting",
    );
    drop(s);
    let mut f = f;
    f.app.tick();
    f
}

#[test]
fn enter_shows_a_visit_in_full_and_its_author_edits_it() {
    let _l = lang_lock(Lang::En);
    let mut f = with_visits("ann");
    // bob's meeting is at bob's customer, so it is not in ann's log (`store::policy`): her
    // newest is her 2026-09-28 call, first.
    assert_eq!(summaries(&f.app), ["电话确认交期", "Old visit"]);
    key(&mut f.app, KeyCode::Enter);
    let screen = render(&f.app, 80, 24);
    assert!(
        screen.contains("华为技术有限公司")
            && screen.contains("电话确认交期")
            && screen.contains("logged at"),
        "{screen}"
    );
    key(&mut f.app, KeyCode::Char('e'));
    for _ in 0..6 {
        key(&mut f.app, KeyCode::Backspace);
    }
    chars(&mut f.app, "交期已确认");
    ctrl(&mut f.app, 's');
    assert!(
        render(&f.app, 80, 24).contains("交期已确认"),
        "the detail shows the change"
    );
    let v = f.store().visit_page(&VisitQuery::default(), 0, 10).unwrap();
    assert!(v.iter().any(|v| v.summary == "交期已确认"));
    key(&mut f.app, KeyCode::Esc);
    assert!(f.app.tabs.visits.detail.is_none());
}

#[test]
fn only_the_author_deletes_a_visit_and_it_asks_first() {
    let _l = lang_lock(Lang::En);
    let mut f = with_visits("ann");
    // bob's meeting at his Acme Trading is not in ann's log at all (`store::policy`), so no
    // key reaches it. A visit of his she does see is one at a customer of the pool: hers to
    // read, his to delete.
    let mut s = f.store();
    let bob = s.actor_for("bob").unwrap();
    let pool = s.resolve_customer("Northwind").unwrap();
    let v = salestrack::store::visits::NewVisit {
        customer_id: pool.id,
        summary: "Bob at Northwind".into(),
        ..Default::default()
    };
    s.add_visit(&bob, v).unwrap();
    drop(s);
    f.app.tick();
    assert_eq!(
        summaries(&f.app),
        ["Bob at Northwind", "电话确认交期", "Old visit"]
    );
    // bob's visit to the pool's customer is the newest (the selection stayed on the row it
    // was on, so go to the top): ann may not delete it.
    key(&mut f.app, KeyCode::Char('g'));
    key(&mut f.app, KeyCode::Char('d'));
    key(&mut f.app, KeyCode::Char('y'));
    let screen = render(&f.app, 80, 24);
    assert!(
        screen.contains("bob's"),
        "refused, in the status line: {screen}"
    );
    assert_eq!(f.store().count_visits(&VisitQuery::default()).unwrap(), 4);
    key(&mut f.app, KeyCode::Char('G')); // ann's old visit to Acme Ltd
    key(&mut f.app, KeyCode::Char('d'));
    assert!(render(&f.app, 80, 24).contains("Delete 2026-06-01 Acme Ltd?"));
    key(&mut f.app, KeyCode::Char('y'));
    assert_eq!(f.store().count_visits(&VisitQuery::default()).unwrap(), 3);
    let acme = f.store().resolve_customer("Acme Ltd").unwrap();
    assert_eq!(
        acme.last_visit_on, None,
        "the customer's last contact follows"
    );
}

#[test]
fn the_log_filters_by_rep_kind_and_dates() {
    let _l = lang_lock(Lang::En);
    let mut f = with_visits("boss");
    key(&mut f.app, KeyCode::Char('f'));
    key(&mut f.app, KeyCode::Right); // rep: the first, Ann Lee
    ctrl(&mut f.app, 's');
    assert_eq!(f.app.tabs.visits.list.total, 2);
    assert!(
        render(&f.app, 80, 24).contains(" ann"),
        "the filter is on the info line"
    );
    key(&mut f.app, KeyCode::Char('f'));
    key(&mut f.app, KeyCode::Tab);
    key(&mut f.app, KeyCode::Tab);
    chars(&mut f.app, "2026-02-30");
    ctrl(&mut f.app, 's');
    assert!(
        render(&f.app, 80, 24).contains("from: “2026-02-30”"),
        "a bad date is named"
    );
    for _ in 0..10 {
        key(&mut f.app, KeyCode::Backspace);
    }
    chars(&mut f.app, "2026-09-01");
    ctrl(&mut f.app, 's');
    assert_eq!(f.app.tabs.visits.list.total, 1);
    assert_eq!(f.app.tabs.visits.list.rows[0].summary, "电话确认交期");
    key(&mut f.app, KeyCode::Char('f'));
    key(&mut f.app, KeyCode::Tab);
    key(&mut f.app, KeyCode::Right); // kind: visit
    ctrl(&mut f.app, 's');
    assert_eq!(
        f.app.tabs.visits.list.total, 0,
        "ann's September visits are a call"
    );
}

#[test]
fn the_agenda_lists_the_follow_ups_due() {
    let _l = lang_lock(Lang::En);
    let mut f = with_visits("ann");
    // ann holds 华为技术有限公司 (visited 2 days ago, grade B: fine) and Acme Ltd (visited in
    // June: overdue by cadence).
    key(&mut f.app, KeyCode::Char('o'));
    let names: Vec<String> = f
        .app
        .tabs
        .visits
        .agenda
        .as_ref()
        .unwrap()
        .items
        .iter()
        .map(|c| c.name.clone())
        .collect();
    assert_eq!(names, ["Acme Ltd"]);
    let screen = render(&f.app, 80, 24);
    assert!(
        screen.contains("Agenda: 1 ·") && screen.contains("› overdue"),
        "{screen}"
    );
    key(&mut f.app, KeyCode::Esc);
    assert!(f.app.tabs.visits.agenda.is_none());
}

/// At 40×12 the log keeps its first columns whole, the date and the customer among them, and
/// drops the last ones (issue 21), in both languages.
#[test]
fn a_narrow_terminal_keeps_the_date_and_the_customer() {
    for lang in [Lang::En, Lang::Zh] {
        let _l = lang_lock(lang);
        let mut f = with_visits("ann");
        f.app.resize(40, 12);
        let screen = render(&f.app, 40, 12);
        let head = screen.lines().nth(1).unwrap_or_default().to_string();
        let (date, customer) = match lang {
            Lang::En => ("Date", "Customer"),
            Lang::Zh => ("日期", "客户"),
        };
        assert!(head.contains(date) && head.contains(customer), "{screen}");
        assert!(screen.contains("2026-09-"), "dates shown whole: {screen}");
    }
}
