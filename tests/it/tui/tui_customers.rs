//! The Customers tab (issue 5): the detail, the add/edit forms with refusals named beside
//! their fields, claim, assign, release, delete, sorting and quick filters — driven by keys on
//! a TestBackend, checked against the store.

use crate::common::screen::{
    Fixture, assert_popup_whole, chars, clock, ctrl, key, lang_lock, render, temp_dir,
};
use ratatui::crossterm::event::KeyCode;
use salestrack::domain::{Grade, PurchaseRole};
use salestrack::i18n::Lang;
use salestrack::store::Store;
use salestrack::store::customers::contacts::NewContact;
use salestrack::store::customers::{CustomerQuery, NewCustomer};
use salestrack::store::reps::NewRep;
use salestrack::store::visits::NewVisit;
use salestrack::tui::app::Dialog;

/// Three customers — one of ann's, one in the pool, one of boss's — seen as `login`.
fn fixture(login: &str) -> Fixture {
    let dir = temp_dir();
    let path = dir.path().join("c.db");
    let mut store = Store::create_or_open(&path, clock()).unwrap();
    store.init_first_manager("boss", "Boss").unwrap();
    let boss = store.actor_for("boss").unwrap();
    for (name, l) in [("Ann Lee", "ann"), ("张伟", "zhang.wei")] {
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
    let add = |store: &mut Store, name: &str, grade: Grade, owner: Option<&str>| {
        let new = NewCustomer {
            name: name.into(),
            grade: Some(grade),
            owner: owner.map(String::from),
            region: Some("华东".into()),
            ..NewCustomer::default()
        };
        store.add_customer(&boss, new).unwrap().id
    };
    let acme = add(&mut store, "Acme Ltd", Grade::B, Some("ann"));
    add(&mut store, "北京精密机械有限公司", Grade::A, None);
    add(&mut store, "Zeta Co", Grade::D, Some("boss"));
    let ann = store.actor_for("ann").unwrap();
    let contact = NewContact {
        customer_id: acme.clone(),
        name: "王总".into(),
        title: Some("总经理".into()),
        purchase_role: Some(PurchaseRole::DecisionMaker),
        ..NewContact::default()
    };
    store.add_contact(&ann, contact).unwrap();
    let visit = NewVisit {
        customer_id: acme,
        summary: "Met the buyer".into(),
        ..NewVisit::default()
    };
    store.add_visit(&ann, visit).unwrap();
    Fixture::open(dir, path, store, login, '1')
}

fn names(f: &Fixture, q: CustomerQuery) -> Vec<String> {
    f.store()
        .customer_page(&q, 0, 50)
        .unwrap()
        .into_iter()
        .map(|c| c.name)
        .collect()
}

/// The customers the App lists, as the viewer sees them.
fn shown(f: &Fixture) -> Vec<&str> {
    f.app
        .tabs
        .customers
        .list
        .rows
        .iter()
        .map(|c| c.name.as_str())
        .collect()
}

#[test]
fn enter_opens_the_detail_with_contacts_visits_and_owners() {
    let _l = lang_lock(Lang::En);
    let mut f = fixture("boss");
    key(&mut f.app, KeyCode::Enter);
    let screen = render(&f.app, 80, 24);
    insta::assert_snapshot!("customer_detail_en", screen);
    for needle in [
        "Acme Ltd",
        "Contacts",
        "王总",
        "decision maker",
        "Visits (1)",
        "Met the buyer",
        "Owners",
        "→ Ann Lee",
    ] {
        assert!(screen.contains(needle), "{needle:?}: {screen}");
    }
    key(&mut f.app, KeyCode::Char('?'));
    let help = render(&f.app, 80, 24);
    assert!(
        help.contains("add a contact") && help.contains("back to the list"),
        "{help}"
    );
    key(&mut f.app, KeyCode::Esc);
    key(&mut f.app, KeyCode::Esc);
    assert!(f.app.tabs.customers.detail.is_none());
}

#[test]
fn adding_a_customer_takes_a_few_keys_and_a_refused_field_is_named_beside_it() {
    let _l = lang_lock(Lang::En);
    let mut f = fixture("ann");
    key(&mut f.app, KeyCode::Char('a'));
    ctrl(&mut f.app, 's');
    let screen = render(&f.app, 80, 24);
    insta::assert_snapshot!("customer_form_refused_en", screen);
    assert!(screen.contains("name is required"), "{screen}");
    // A date that is not on the calendar is named beside its own field; nothing is saved.
    chars(&mut f.app, "华为技术有限公司");
    for _ in 0..11 {
        key(&mut f.app, KeyCode::Tab);
    }
    chars(&mut f.app, "2026-02-30");
    ctrl(&mut f.app, 's');
    let screen = render(&f.app, 80, 24);
    assert!(
        screen.contains("next follow-up: “2026-02-30” is not a real calendar date"),
        "{screen}"
    );
    assert_eq!(
        names(&f, CustomerQuery::default()).len(),
        3,
        "nothing saved"
    );
    for _ in 0..10 {
        key(&mut f.app, KeyCode::Backspace);
    }
    // Grade: from C two to the left is A.
    for _ in 0..10 {
        key(&mut f.app, KeyCode::BackTab);
    }
    key(&mut f.app, KeyCode::Left);
    key(&mut f.app, KeyCode::Left);
    ctrl(&mut f.app, 's');
    assert!(f.app.form.is_none(), "saved and closed");
    let c = f.store().resolve_customer("华为技术有限公司").unwrap();
    assert_eq!((c.grade, c.owner_login.as_deref()), (Grade::A, Some("ann")));
}

#[test]
fn a_duplicate_name_is_refused_beside_the_name() {
    let _l = lang_lock(Lang::Zh);
    let mut f = fixture("boss");
    key(&mut f.app, KeyCode::Char('a'));
    chars(&mut f.app, "ＡＣＭＥ ltd");
    key(&mut f.app, KeyCode::Enter);
    ctrl(&mut f.app, 's');
    let screen = render(&f.app, 80, 24);
    assert!(
        screen.contains("已存在") && screen.contains("Acme Ltd"),
        "{screen}"
    );
    insta::assert_snapshot!("customer_form_duplicate_zh", screen);
    // The name was typed: Esc asks before throwing it away.
    key(&mut f.app, KeyCode::Esc);
    key(&mut f.app, KeyCode::Char('y'));
    assert!(f.app.form.is_none());
    assert_eq!(names(&f, CustomerQuery::default()).len(), 3);
}

#[test]
fn editing_changes_the_fields_and_keeps_the_owner() {
    let _l = lang_lock(Lang::En);
    let mut f = fixture("ann");
    key(&mut f.app, KeyCode::Char('e'));
    for _ in 0..6 {
        key(&mut f.app, KeyCode::Tab);
    }
    for _ in 0..2 {
        key(&mut f.app, KeyCode::Backspace);
    }
    chars(&mut f.app, "华南");
    ctrl(&mut f.app, 's');
    let c = f.store().resolve_customer("Acme Ltd").unwrap();
    assert_eq!(
        (c.region.as_deref(), c.owner_login.as_deref()),
        (Some("华南"), Some("ann"))
    );
    // Someone else's customer is not in a rep's list at all (`store::policy`): ann's rows
    // are hers and the pool's, and moving down stops at the pool's, never reaching Zeta Co.
    assert_eq!(shown(&f), ["Acme Ltd", "北京精密机械有限公司"]);
    for _ in 0..3 {
        key(&mut f.app, KeyCode::Char('j'));
    }
    assert_eq!(f.app.tabs.customers.list.selected, 1);
    // The pool's customer is shown but is not hers to change: the store refuses and says
    // why, in the form.
    key(&mut f.app, KeyCode::Char('e'));
    ctrl(&mut f.app, 's');
    let screen = render(&f.app, 80, 24);
    assert!(
        screen.contains("北京精密机械有限公司 belongs to pool"),
        "{screen}"
    );
    assert!(!screen.contains("Zeta Co"), "{screen}");
    let zeta = f.store().resolve_customer("Zeta Co").unwrap();
    assert_eq!(zeta.owner_login.as_deref(), Some("boss"), "untouched");
}

#[test]
fn claim_from_the_pool_then_release_and_a_manager_assigns() {
    let _l = lang_lock(Lang::En);
    let mut f = fixture("zhang.wei");
    // zhang.wei owns nothing: his list is the pool's one customer. ann's Acme Ltd and boss's
    // Zeta Co are not in it, nor found by typing their names, so no key reaches them to claim.
    assert_eq!(shown(&f), ["北京精密机械有限公司"]);
    key(&mut f.app, KeyCode::Char('/'));
    chars(&mut f.app, "Acme");
    assert_eq!(
        f.app.tabs.customers.list.total,
        0,
        "{}",
        render(&f.app, 80, 24)
    );
    key(&mut f.app, KeyCode::Esc);
    assert_eq!(f.app.tabs.customers.list.total, 1);
    key(&mut f.app, KeyCode::Char('G'));
    key(&mut f.app, KeyCode::Char('c'));
    let c = f.store().resolve_customer("北京精密机械有限公司").unwrap();
    assert_eq!(c.owner_login.as_deref(), Some("zhang.wei"));
    // Now his, it is no longer the pool's to claim: refused, in the status line (cut
    // short at 80 columns, so the message is read whole).
    key(&mut f.app, KeyCode::Char('g'));
    key(&mut f.app, KeyCode::Char('c'));
    let screen = render(&f.app, 80, 24);
    assert!(
        screen.contains("北京精密机械有限公司 belongs to"),
        "{screen}"
    );
    let said = f.app.message.clone().unwrap_or_default();
    assert!(
        said.contains("belongs to zhang.wei; only customers in the public pool"),
        "{said}"
    );
    key(&mut f.app, KeyCode::Char('t'));
    ctrl(&mut f.app, 's');
    assert!(
        render(&f.app, 80, 24).contains("may not"),
        "reps do not assign"
    );

    let mut m = fixture("boss");
    key(&mut m.app, KeyCode::Char('t'));
    key(&mut m.app, KeyCode::Right); // the reps in order: Ann Lee, Boss, 张伟
    key(&mut m.app, KeyCode::Right);
    ctrl(&mut m.app, 's');
    let c = m.store().resolve_customer("Acme Ltd").unwrap();
    assert_eq!(c.owner_login.as_deref(), Some("zhang.wei"));
    key(&mut m.app, KeyCode::Char('r'));
    assert_eq!(
        m.store().resolve_customer("Acme Ltd").unwrap().owner_login,
        None
    );
}

#[test]
fn delete_asks_first() {
    let _l = lang_lock(Lang::En);
    let mut f = fixture("boss");
    key(&mut f.app, KeyCode::Char('d'));
    assert!(matches!(f.app.dialog, Some(Dialog::Confirm(..))));
    assert!(render(&f.app, 80, 24).contains("Delete Acme Ltd?"));
    key(&mut f.app, KeyCode::Char('n'));
    assert_eq!(names(&f, CustomerQuery::default()).len(), 3);
    key(&mut f.app, KeyCode::Char('d'));
    key(&mut f.app, KeyCode::Char('y'));
    assert_eq!(
        names(&f, CustomerQuery::default()),
        ["Zeta Co", "北京精密机械有限公司"]
    );
    assert_eq!(f.app.tabs.customers.list.total, 2);
}

#[test]
fn contacts_are_added_from_the_detail() {
    let _l = lang_lock(Lang::En);
    let mut f = fixture("ann");
    key(&mut f.app, KeyCode::Enter);
    key(&mut f.app, KeyCode::Char('a'));
    chars(&mut f.app, "李经理");
    for _ in 0..4 {
        key(&mut f.app, KeyCode::Tab);
    }
    key(&mut f.app, KeyCode::Right); // purchase role: decision maker
    ctrl(&mut f.app, 's');
    let screen = render(&f.app, 80, 24);
    assert!(
        screen.contains("李经理"),
        "the detail shows the new contact: {screen}"
    );
    let contacts = f.store().list_contacts(None).unwrap();
    let li = contacts.iter().find(|c| c.name == "李经理").unwrap();
    assert_eq!(li.purchase_role, Some(PurchaseRole::DecisionMaker));

    // `x` removes the selected contact once confirmed; `n` keeps it.
    let count = |f: &Fixture| f.store().list_contacts(None).unwrap().len();
    let before = count(&f);
    let at = f
        .app
        .tabs
        .customers
        .detail
        .as_ref()
        .unwrap()
        .contacts
        .iter()
        .position(|c| c.name == "李经理")
        .unwrap();
    for _ in 0..at {
        key(&mut f.app, KeyCode::Char('j'));
    }
    key(&mut f.app, KeyCode::Char('x'));
    assert!(render(&f.app, 80, 24).contains("李经理"));
    key(&mut f.app, KeyCode::Char('n'));
    assert_eq!(count(&f), before, "not confirmed");
    key(&mut f.app, KeyCode::Char('x'));
    key(&mut f.app, KeyCode::Char('y'));
    assert_eq!(count(&f), before - 1);
    let gone = f.store().list_contacts(None).unwrap();
    assert!(gone.iter().all(|c| c.name != "李经理"));
}

#[test]
fn sort_and_quick_filters_step_with_one_key_each() {
    let _l = lang_lock(Lang::En);
    let mut f = fixture("ann");
    key(&mut f.app, KeyCode::Char('s')); // by grade
    let first = |f: &Fixture| f.app.tabs.customers.list.rows[0].name.clone();
    assert_eq!(first(&f), "北京精密机械有限公司");
    assert!(render(&f.app, 80, 24).contains("sorted by Grade"));
    key(&mut f.app, KeyCode::Char('f')); // mine
    assert_eq!(f.app.tabs.customers.list.total, 1);
    assert_eq!(first(&f), "Acme Ltd");
    key(&mut f.app, KeyCode::Char('f')); // pool
    assert_eq!(first(&f), "北京精密机械有限公司");
    key(&mut f.app, KeyCode::Char('f')); // overdue
    assert_eq!(
        f.app.tabs.customers.list.total, 0,
        "all three were just visited or added"
    );
    key(&mut f.app, KeyCode::Char('f')); // grade A
    assert_eq!(f.app.tabs.customers.list.total, 1);
    assert!(render(&f.app, 80, 24).contains("grade A"));
}

#[test]
fn a_contact_is_edited_from_the_detail() {
    let _l = lang_lock(Lang::Zh);
    let mut f = fixture("ann");
    key(&mut f.app, KeyCode::Enter);
    key(&mut f.app, KeyCode::Char('a'));
    chars(&mut f.app, "李经理");
    ctrl(&mut f.app, 's');
    // Contacts are listed by name: 李经理, 王总. Move to 王总 and edit it.
    key(&mut f.app, KeyCode::Char('j'));
    key(&mut f.app, KeyCode::Enter);
    let screen = render(&f.app, 80, 24);
    assert!(
        screen.contains("编辑联系人") && screen.contains("王总"),
        "{screen}"
    );
    key(&mut f.app, KeyCode::Tab);
    for _ in 0..3 {
        key(&mut f.app, KeyCode::Backspace);
    }
    chars(&mut f.app, "采购总监");
    ctrl(&mut f.app, 's');
    let contacts = f.store().list_contacts(None).unwrap();
    let wang = contacts.iter().find(|c| c.name == "王总").unwrap();
    assert_eq!(wang.title.as_deref(), Some("采购总监"));
    assert_eq!(
        wang.purchase_role,
        Some(PurchaseRole::DecisionMaker),
        "the rest is kept"
    );
    assert!(
        render(&f.app, 80, 24).contains("采购总监"),
        "the detail shows it"
    );
}

#[test]
fn a_contact_of_someone_elses_customer_is_not_edited() {
    let _l = lang_lock(Lang::En);
    let mut f = fixture("zhang.wei");
    // ann's Acme Ltd is not in zhang.wei's list, so its detail, and 王总 in it, cannot be
    // opened: Enter opens the pool's customer, which has no contacts, and the keys that
    // would edit one find nothing.
    assert_eq!(shown(&f), ["北京精密机械有限公司"]);
    key(&mut f.app, KeyCode::Enter);
    let detail = f
        .app
        .tabs
        .customers
        .detail
        .as_ref()
        .expect("the detail is open");
    assert_eq!(detail.customer.name, "北京精密机械有限公司");
    assert!(detail.contacts.is_empty());
    key(&mut f.app, KeyCode::Enter);
    key(&mut f.app, KeyCode::Char('x'));
    ctrl(&mut f.app, 's');
    let screen = render(&f.app, 80, 24);
    assert!(
        !screen.contains("王总") && !screen.contains("Acme"),
        "{screen}"
    );
    let contacts = f.store().list_contacts(None).unwrap();
    assert_eq!(contacts.len(), 1);
    assert_eq!(
        (contacts[0].name.as_str(), contacts[0].title.as_deref()),
        ("王总", Some("总经理")),
        "unchanged"
    );
}

#[test]
fn the_help_over_a_chinese_detail_keeps_its_borders() {
    let _l = lang_lock(Lang::Zh);
    let mut f = fixture("boss");
    key(&mut f.app, KeyCode::Enter);
    key(&mut f.app, KeyCode::Char('?'));
    let screen = render(&f.app, 80, 24);
    // The detail's labels (拜访（1）, 负责人变更…) run under the help's left edge at 80×24.
    assert!(
        screen.contains("拜访（") && screen.contains("本帮助"),
        "{screen}"
    );
    assert_popup_whole(&screen);
}

/// Where the terminal cursor is after drawing the App at 80×24, and where the caret `▏` is
/// drawn (its display column, wide characters counted as two).
fn cursor_and_caret(app: &salestrack::tui::app::App) -> ((u16, u16), (u16, u16)) {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use unicode_width::UnicodeWidthStr;
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|f| salestrack::tui::view::draw(app, f))
        .unwrap();
    let at = terminal.get_cursor_position().unwrap();
    let screen = render(app, 80, 24);
    let caret = screen
        .lines()
        .enumerate()
        .find_map(|(y, line)| {
            let i = line.find('▏')?;
            Some((line[..i].width() as u16, y as u16))
        })
        .expect("a caret is drawn");
    ((at.x, at.y), caret)
}

#[test]
fn a_name_is_edited_in_the_middle_and_saved() {
    let _l = lang_lock(Lang::En);
    let mut f = fixture("ann");
    key(&mut f.app, KeyCode::Char('e'));
    key(&mut f.app, KeyCode::Home);
    for _ in 0..4 {
        key(&mut f.app, KeyCode::Right);
    }
    chars(&mut f.app, " Widgets");
    key(&mut f.app, KeyCode::End);
    key(&mut f.app, KeyCode::Backspace);
    key(&mut f.app, KeyCode::Left);
    key(&mut f.app, KeyCode::Delete);
    chars(&mut f.app, "T");
    ctrl(&mut f.app, 's');
    assert!(f.app.form.is_none(), "saved and closed");
    assert_eq!(
        names(&f, CustomerQuery::default()),
        ["Acme Widgets LT", "Zeta Co", "北京精密机械有限公司"]
    );
}

#[test]
fn the_terminal_cursor_follows_what_is_typed_chinese_included() {
    let _l = lang_lock(Lang::Zh);
    let mut f = fixture("ann");
    key(&mut f.app, KeyCode::Char('a'));
    let (at, caret) = cursor_and_caret(&f.app);
    assert_eq!(at, caret, "an empty field: the cursor is where typing goes");
    let start = caret.0;
    chars(&mut f.app, "Ac");
    assert_eq!(
        cursor_and_caret(&f.app),
        ((start + 2, caret.1), (start + 2, caret.1))
    );
    chars(&mut f.app, "华为");
    let (at, caret) = cursor_and_caret(&f.app);
    assert_eq!(at, caret);
    assert_eq!(at.0, start + 2 + 4, "华 and 为 take two columns each");
    key(&mut f.app, KeyCode::Left);
    assert_eq!(cursor_and_caret(&f.app).0.0, start + 2 + 2);
}

#[test]
fn an_edit_form_opens_with_the_cursor_at_the_end() {
    let _l = lang_lock(Lang::En);
    let mut f = fixture("ann");
    key(&mut f.app, KeyCode::Char('e'));
    let (at, caret) = cursor_and_caret(&f.app);
    assert_eq!(at, caret);
    let screen = render(&f.app, 80, 24);
    let line = screen.lines().nth(caret.1 as usize).unwrap();
    assert!(line.contains("Acme Ltd▏"), "{line}");
}

#[test]
fn esc_with_typed_input_asks_n_keeps_it_and_y_throws_it_away() {
    let _l = lang_lock(Lang::En);
    let mut f = fixture("ann");
    // Nothing typed: Esc closes at once.
    key(&mut f.app, KeyCode::Char('a'));
    key(&mut f.app, KeyCode::Esc);
    assert!(f.app.form.is_none());
    key(&mut f.app, KeyCode::Char('a'));
    chars(&mut f.app, "Temp Co");
    key(&mut f.app, KeyCode::Esc);
    let screen = render(&f.app, 80, 24);
    assert!(f.app.form.is_some(), "{screen}");
    assert!(screen.contains("Discard it?"), "{screen}");
    key(&mut f.app, KeyCode::Char('n'));
    let screen = render(&f.app, 80, 24);
    assert!(!screen.contains("Discard it?"), "{screen}");
    assert!(screen.contains("Temp Co▏"), "kept: {screen}");
    chars(&mut f.app, "!");
    key(&mut f.app, KeyCode::Esc);
    key(&mut f.app, KeyCode::Char('y'));
    assert!(f.app.form.is_none());
    assert_eq!(
        names(&f, CustomerQuery::default()).len(),
        3,
        "nothing saved"
    );
    assert!(!f.app.should_quit());
}

#[test]
fn ctrl_c_with_typed_input_asks_before_quitting() {
    let _l = lang_lock(Lang::Zh);
    let mut f = fixture("ann");
    key(&mut f.app, KeyCode::Char('e'));
    chars(&mut f.app, "!");
    ctrl(&mut f.app, 'c');
    assert!(!f.app.should_quit());
    let screen = render(&f.app, 80, 24);
    assert!(screen.contains("仍要退出吗"), "{screen}");
    key(&mut f.app, KeyCode::Char('n'));
    assert!(!f.app.should_quit());
    assert!(render(&f.app, 80, 24).contains("Acme Ltd!▏"));
    ctrl(&mut f.app, 'c');
    key(&mut f.app, KeyCode::Char('y'));
    assert!(f.app.should_quit());
    // With nothing typed Ctrl-C quits at once, form or not.
    let mut g = fixture("ann");
    key(&mut g.app, KeyCode::Char('e'));
    ctrl(&mut g.app, 'c');
    assert!(g.app.should_quit());
}

/// A new order is read on the worker: `s` `s` pressed before the first comes both count
/// (sorted by stage, the second order after the name), the old rows stay with "Loading…" on
/// the info line meanwhile, and the rows then come in the new order.
#[test]
fn sorting_never_waits_for_the_rows() {
    use salestrack::store::customers::CustomerSort;
    let _l = lang_lock(Lang::En);
    let mut f = fixture("boss");
    crate::common::screen::key_now(&mut f.app, KeyCode::Char('s'));
    crate::common::screen::key_now(&mut f.app, KeyCode::Char('s'));
    assert_eq!(f.app.tabs.customers.sort, CustomerSort::Stage);
    if f.app.loading() {
        assert!(render(&f.app, 80, 24).contains("Loading…"));
    }
    f.app.settle();
    assert!(!render(&f.app, 80, 24).contains("Loading…"));
    let q = CustomerQuery {
        sort: CustomerSort::Stage,
        ..CustomerQuery::default()
    };
    let want: Vec<String> = f
        .store()
        .customer_page(&q, 0, 50)
        .unwrap()
        .into_iter()
        .map(|r| r.name)
        .collect();
    let shown: Vec<String> = shown(&f).into_iter().map(String::from).collect();
    assert_eq!(shown, want[..shown.len()]);
}

/// A customer's detail is read on the worker: Enter is handled at once, the detail shows
/// when it comes; and Esc pressed before it comes means it never opens.
#[test]
fn the_detail_comes_from_the_worker_and_esc_cancels_it() {
    let _l = lang_lock(Lang::En);
    let mut f = fixture("boss");
    key(&mut f.app, KeyCode::Enter);
    assert!(
        f.app.tabs.customers.detail.is_some(),
        "Enter opens the detail"
    );
    key(&mut f.app, KeyCode::Esc);
    crate::common::screen::key_now(&mut f.app, KeyCode::Enter);
    if f.app.tabs.customers.detail.is_none() {
        // Still on its way: Esc on the list cancels it.
        crate::common::screen::key_now(&mut f.app, KeyCode::Esc);
        f.app.settle();
        assert!(
            f.app.tabs.customers.detail.is_none(),
            "a detail asked for and then left does not open"
        );
    }
}

/// A manager imports a file from the Customers tab: `I`, the file's path, Ctrl-S; the dry
/// run's report is asked about; `y` imports it. A rep is told they may not.
#[test]
fn a_manager_imports_a_file_from_the_customers_tab() {
    let _l = lang_lock(Lang::En);
    let mut f = fixture("boss");
    let file = f.path.with_file_name("客户.csv");
    std::fs::write(
        &file,
        "注意事项：请按模板填写\n*客户名称,客户级别,手机\n华东新材料有限公司,A（重点客户）,13800138000\n华南物流有限公司,B（普通客户）,\nAcme Ltd,C,\n",
    )
    .unwrap();
    key(&mut f.app, KeyCode::Char('I'));
    assert!(f.app.form.is_some(), "the form naming the file");
    chars(&mut f.app, file.to_str().unwrap());
    ctrl(&mut f.app, 's');
    let screen = render(&f.app, 80, 24);
    assert!(
        screen.contains("dry run: 2 customers would be imported (UTF-8)"),
        "{screen}"
    );
    assert!(screen.contains("“Acme Ltd” skipped"), "{screen}");
    assert!(screen.contains("y / n"), "the question whole: {screen}");
    assert_popup_whole(&screen);
    assert_eq!(names(&f, CustomerQuery::default()).len(), 3, "nothing yet");
    key(&mut f.app, KeyCode::Char('y'));
    let screen = render(&f.app, 80, 24);
    assert!(screen.contains("imported 2 customers"), "{screen}");
    assert!(screen.contains("华东新材料有限公司"), "{screen}");
    let c = f.store().resolve_customer("华东新材料有限公司").unwrap();
    assert_eq!(
        (c.grade, c.mobile.as_deref()),
        (Grade::A, Some("13800138000"))
    );
    // A file that cannot be read says why, and nothing is asked.
    key(&mut f.app, KeyCode::Char('I'));
    chars(&mut f.app, "/dev/zero");
    ctrl(&mut f.app, 's');
    let screen = render(&f.app, 80, 24);
    assert!(screen.contains("is not a file"), "{screen}");
    assert!(f.app.dialog.is_none());
    // A rep may not.
    let mut rep = fixture("ann");
    key(&mut rep.app, KeyCode::Char('I'));
    assert!(rep.app.form.is_none());
    let screen = render(&rep.app, 80, 24);
    assert!(screen.contains("may not import"), "{screen}");
}

#[test]
fn the_import_question_in_chinese_at_80x24() {
    let _l = lang_lock(Lang::Zh);
    let mut f = fixture("boss");
    let file = f.path.with_file_name("c.csv");
    // WukongCRM's bookkeeping columns make a report line that wraps: the dialog grows.
    std::fs::write(
        &file,
        "客户名称,客户级别,微信号,锁定状态,最后跟进时间,最后跟进记录,距进入公海天数,相关团队,所属部门,更新时间,创建时间,创建人\n华东新材料有限公司,A（重点客户）,x,,,,,,,,,\n",
    )
    .unwrap();
    key(&mut f.app, KeyCode::Char('I'));
    chars(&mut f.app, file.to_str().unwrap());
    ctrl(&mut f.app, 's');
    let screen = render(&f.app, 80, 24).replace(file.to_str().unwrap(), "<file>");
    assert!(screen.contains("试运行：将导入 1 个客户"), "{screen}");
    assert!(screen.contains("y / n"), "the question whole: {screen}");
    insta::assert_snapshot!("import_question_zh", screen);
}

/// Two names alike for their first twenty cells never look the same when cut, and at
/// 200×50 a long name is shown whole while the other columns keep their text.
#[test]
fn long_names_are_told_apart_narrow_and_whole_wide() {
    let _l = lang_lock(Lang::En);
    let dir = temp_dir();
    let path = dir.path().join("c.db");
    let mut store = Store::create_or_open(&path, clock()).unwrap();
    store.init_first_manager("boss", "Boss").unwrap();
    let boss = store.actor_for("boss").unwrap();
    let rep = NewRep {
        name: "Alexandra Montgomery".into(),
        login: "alexandra.montgomery".into(),
        ..NewRep::default()
    };
    store.add_rep(&boss, rep).unwrap();
    for name in [
        "Blue River Hangzhou Technology Co., Ltd",
        "Blue River Hangzhou Trading Co., Ltd",
        "杭州云帆网络科技有限公司",
        "杭州云帆网络贸易有限公司",
    ] {
        let new = NewCustomer {
            name: name.into(),
            owner: Some("alexandra.montgomery".into()),
            ..NewCustomer::default()
        };
        store.add_customer(&boss, new).unwrap();
    }
    let mut f = Fixture::open(dir, path, store, "boss", '1');
    let narrow = render(&f.app, 80, 24);
    let cells: Vec<&str> = narrow
        .lines()
        .filter(|l| l.starts_with("Blue") || l.starts_with("杭州"))
        .map(|l| l.split("  ").next().unwrap())
        .collect();
    assert_eq!(cells.len(), 4, "{narrow}");
    for (i, a) in cells.iter().enumerate() {
        for b in &cells[i + 1..] {
            assert_ne!(a, b, "two customers look the same:\n{narrow}");
        }
    }
    f.app.resize(200, 50);
    let wide = render(&f.app, 200, 50);
    for whole in [
        "Blue River Hangzhou Technology Co., Ltd",
        "Blue River Hangzhou Trading Co., Ltd",
        "杭州云帆网络贸易有限公司",
        "Alexandra Montgomery",
    ] {
        assert!(wide.contains(whole), "{whole}:\n{wide}");
    }
    let header = wide.lines().nth(1).unwrap();
    let grade_at = header.find("Grade").unwrap();
    assert!(
        grade_at <= 61,
        "the name column stops at what the names need: {header}"
    );
}
