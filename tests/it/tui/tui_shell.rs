//! The TUI shell driven by key and mouse events on a TestBackend (issue 4, item 7).

use std::ops::{Deref, DerefMut};
use std::path::Path;

use crate::common::screen::{chars, click, clock, key, lang_lock, render, temp_dir};
use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use salestrack::config::Settings;
use salestrack::domain::{Grade, Money};
use salestrack::i18n::{self, Lang};
use salestrack::store::Store;
use salestrack::store::customers::NewCustomer;
use salestrack::store::reps::NewRep;
use salestrack::store::visits::NewVisit;
use salestrack::tui::app::{App, Dialog};
use salestrack::tui::tab::TabId as Tab;
use tempfile::TempDir;
use unicode_width::UnicodeWidthStr;

/// A small archive: two reps, five customers (three with Chinese names), a visit each.
fn store(dir: &TempDir, name: &str) -> Store {
    let path = dir.path().join(format!("{name}.db"));
    let mut store = Store::create_or_open(&path, clock()).unwrap();
    store.init_first_manager("boss", "Boss").unwrap();
    let boss = store.actor_for("boss").unwrap();
    for (name, login) in [("张伟", "zhang.wei"), ("Ann Lee", "ann")] {
        let rep = NewRep {
            name: name.into(),
            login: login.into(),
            ..NewRep::default()
        };
        store.add_rep(&boss, rep).unwrap();
    }
    let customers = [
        (
            "华为技术有限公司",
            Grade::A,
            Some("zhang.wei"),
            Some("华南"),
        ),
        ("Acme Ltd", Grade::B, Some("ann"), Some("Shanghai")),
        ("北京精密机械有限公司", Grade::C, None, Some("华北")),
        ("Northwind Trading", Grade::D, Some("ann"), None),
        (
            "成都光电科技有限公司",
            Grade::B,
            Some("zhang.wei"),
            Some("西南"),
        ),
    ];
    for (i, (name, grade, owner, region)) in customers.into_iter().enumerate() {
        let c = store
            .add_customer(
                &boss,
                NewCustomer {
                    name: name.into(),
                    grade: Some(grade),
                    owner: owner.map(String::from),
                    region: region.map(String::from),
                    ..NewCustomer::default()
                },
            )
            .unwrap();
        let author = store.actor_for(owner.unwrap_or("boss")).unwrap();
        store
            .add_visit(
                &author,
                NewVisit {
                    customer_id: c.id,
                    date: NaiveDate::from_ymd_opt(2026, 9, 1 + i as u32 * 5),
                    summary: format!("拜访 {} — talked about the next order", i + 1),
                    expense: Money::from_cents(10_000),
                    joint_reps: if i == 0 { vec!["ann".into()] } else { vec![] },
                    ..NewVisit::default()
                },
            )
            .unwrap();
    }
    store
}

/// An App over the small archive, and the directory its database lives in, which lasts as
/// long as the App does. It stands in for the App where one is wanted (`Deref`).
struct Fixture {
    app: App,
    _dir: TempDir,
}

impl Deref for Fixture {
    type Target = App;
    fn deref(&self) -> &App {
        &self.app
    }
}

impl DerefMut for Fixture {
    fn deref_mut(&mut self) -> &mut App {
        &mut self.app
    }
}

fn app(name: &str, w: u16, h: u16) -> Fixture {
    let dir = temp_dir();
    let store = store(&dir, name);
    let actor = store.actor_for("boss").unwrap();
    let mut app = App::new(store, actor, &Settings::default()).unwrap();
    app.resize(w, h);
    Fixture { app, _dir: dir }
}

#[test]
fn the_shell_in_english_at_80x24() {
    let _l = lang_lock(Lang::En);
    let mut app = app("en", 80, 24);
    insta::assert_snapshot!("customers_en_80x24", render(&app, 80, 24));
    key(&mut app, KeyCode::Char('2'));
    insta::assert_snapshot!("visits_en_80x24", render(&app, 80, 24));
}

#[test]
fn the_shell_in_chinese_at_80x24() {
    let _l = lang_lock(Lang::Zh);
    let mut app = app("zh", 80, 24);
    insta::assert_snapshot!("customers_zh_80x24", render(&app, 80, 24));
    key(&mut app, KeyCode::Char('?'));
    insta::assert_snapshot!("help_zh_80x24", render(&app, 80, 24));
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('2'));
    insta::assert_snapshot!("visits_zh_80x24", render(&app, 80, 24));
    i18n::set_lang(Lang::En);
}

#[test]
fn chinese_names_keep_the_columns_aligned() {
    let _l = lang_lock(Lang::En);
    let app = app("align", 80, 24);
    let screen = render(&app, 80, 24);
    let col_of = |needle: &str, cell: &str| {
        let line = screen.lines().find(|l| l.contains(needle)).unwrap();
        let at = line.find(cell).unwrap();
        line[..at].width()
    };
    // The grade column starts at the same display column after a Chinese and a Latin name.
    assert_eq!(col_of("华为技术有限公司", " A "), col_of("Acme Ltd", " B "));
    assert_eq!(
        col_of("北京精密机械有限公司", " C "),
        col_of("Northwind Trading", " D ")
    );
}

#[test]
fn tabs_switch_by_number_tab_key_and_mouse() {
    let _l = lang_lock(Lang::En);
    let mut app = app("tabs", 80, 24);
    assert_eq!(app.tab, Tab::Customers);
    key(&mut app, KeyCode::Char('3'));
    assert_eq!(app.tab, Tab::Deals);
    assert!(render(&app, 80, 24).contains("Pipeline"));
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.tab, Tab::Targets);
    assert!(render(&app, 80, 24).contains("quarters"));
    key(&mut app, KeyCode::Char('5'));
    assert!(render(&app, 80, 24).contains("Scorecards ·"));
    key(&mut app, KeyCode::Char('4'));
    key(&mut app, KeyCode::BackTab);
    key(&mut app, KeyCode::BackTab);
    assert_eq!(app.tab, Tab::Visits);
    // " 1 Customers │ 2 Visits │ 3 Deals │ …": column 30 is on "3 Deals".
    click(&mut app, 30, 0);
    assert_eq!(app.tab, Tab::Deals);
    click(&mut app, 2, 0);
    assert_eq!(app.tab, Tab::Customers);
}

#[test]
fn moving_the_selection_with_keys_and_the_mouse() {
    let _l = lang_lock(Lang::En);
    let mut app = app("move", 80, 24);
    assert_eq!(app.tabs.customers.list.total, 5);
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Down);
    assert_eq!(app.tabs.customers.list.selected, 2);
    key(&mut app, KeyCode::Char('k'));
    assert_eq!(app.tabs.customers.list.selected, 1);
    key(&mut app, KeyCode::Char('G'));
    assert_eq!(app.tabs.customers.list.selected, 4);
    assert!(render(&app, 80, 24).contains("5 of 5"));
    key(&mut app, KeyCode::Char('g'));
    assert_eq!(app.tabs.customers.list.selected, 0);
    // Row 2 of the screen is the first table row (tab bar, header).
    click(&mut app, 10, 4);
    assert_eq!(app.tabs.customers.list.selected, 2);
    let name = app.tabs.customers.list.selected_row().unwrap().name.clone();
    assert_eq!(
        name, "北京精密机械有限公司",
        "Latin names first, then by code point"
    );
}

#[test]
fn only_the_visible_rows_are_fetched() {
    let _l = lang_lock(Lang::En);
    let mut app = app("window", 80, 6);
    // 6 lines: tab bar, header, 2 rows, info, status.
    assert_eq!(app.tabs.customers.list.total, 5);
    assert_eq!(app.tabs.customers.list.rows.len(), 2);
    key(&mut app, KeyCode::PageDown);
    key(&mut app, KeyCode::PageDown);
    assert_eq!(app.tabs.customers.list.selected, 4);
    assert_eq!(app.tabs.customers.list.offset, 3);
    assert_eq!(app.tabs.customers.list.rows.len(), 2);
    assert_eq!(app.tabs.customers.list.rows[1].name, "成都光电科技有限公司");
}

#[test]
fn the_filter_narrows_as_you_type_chinese_or_latin() {
    let _l = lang_lock(Lang::En);
    let mut app = app("filter", 80, 24);
    key(&mut app, KeyCode::Char('/'));
    chars(&mut app, "有限");
    assert_eq!(app.tabs.customers.list.total, 3);
    chars(&mut app, "公司");
    key(&mut app, KeyCode::Backspace);
    key(&mut app, KeyCode::Backspace);
    chars(&mut app, "光电");
    assert_eq!(app.tabs.customers.list.total, 0);
    let screen = render(&app, 80, 24);
    assert!(screen.contains("No customers match"), "{screen}");
    assert!(screen.contains("Filter: 有限光电"), "{screen}");
    for _ in 0..4 {
        key(&mut app, KeyCode::Backspace);
    }
    chars(&mut app, "ＡＣＭＥ");
    assert_eq!(
        app.tabs.customers.list.total, 1,
        "full-width matches half-width"
    );
    // Enter keeps the filter and gives the keys back to the table; Esc clears it.
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('q'));
    assert!(app.should_quit(), "q quits once the filter is closed");
}

/// The customer filter reads on the worker: while the worker is busy, every letter typed
/// is on the screen at once, the old rows stay with "Loading…", and when the reads come
/// only the newest one is shown (the ones the typist overtook are dropped).
#[test]
fn filter_keystrokes_are_drawn_before_their_reads_come() {
    use salestrack::tui::loader::Job;
    use std::sync::mpsc::channel;
    use std::time::Duration;
    let _l = lang_lock(Lang::En);
    let mut app = app("filter-busy", 80, 24);
    let (release, held) = channel::<()>();
    let (started, running) = channel::<()>();
    app.load(
        Tab::Customers,
        Job::new(move |_store: &mut Store| {
            started.send(()).unwrap();
            held.recv_timeout(Duration::from_secs(30)).ok();
            0usize
        }),
    );
    running.recv_timeout(Duration::from_secs(10)).unwrap();
    crate::common::screen::key_now(&mut app, KeyCode::Char('/'));
    for c in "acme".chars() {
        crate::common::screen::key_now(&mut app, KeyCode::Char(c));
    }
    let screen = render(&app, 80, 24);
    assert!(screen.contains("Filter: acme"), "{screen}");
    assert!(screen.contains("Loading…"), "{screen}");
    assert_eq!(
        app.tabs.customers.list.total, 5,
        "the old rows stay meanwhile"
    );
    release.send(()).unwrap();
    app.settle();
    assert_eq!(app.tabs.customers.list.total, 1, "the newest read is shown");
    assert!(!render(&app, 80, 24).contains("Loading…"));
}

/// The next letter of a search is looked for among what the shorter search found; after a
/// save those matches are forgotten, so a customer added since is found by the next letter.
#[test]
fn a_saved_customer_is_found_by_the_next_letter_of_a_search() {
    let _l = lang_lock(Lang::En);
    let mut app = app("filter-save", 80, 24);
    key(&mut app, KeyCode::Char('/'));
    chars(&mut app, "acm");
    assert_eq!(app.tabs.customers.list.total, 1);
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('a'));
    chars(&mut app, "Acme Zeta");
    crate::common::screen::ctrl(&mut app, 's');
    assert!(app.form.is_none(), "saved");
    assert_eq!(app.tabs.customers.list.total, 2, "the list read again");
    key(&mut app, KeyCode::Char('/'));
    chars(&mut app, "e");
    let screen = render(&app, 80, 24);
    assert!(screen.contains("Filter: acme"), "{screen}");
    assert_eq!(app.tabs.customers.list.total, 2, "{screen}");
    assert!(screen.contains("Acme Zeta"), "{screen}");
    key(&mut app, KeyCode::Char(' '));
    chars(&mut app, "z");
    assert_eq!(app.tabs.customers.list.total, 1, "narrowed");
    key(&mut app, KeyCode::Backspace);
    key(&mut app, KeyCode::Backspace);
    assert_eq!(
        app.tabs.customers.list.total, 2,
        "back to the shorter search"
    );
}

/// A save is copied from the write-ahead log into the database file by the worker, at the
/// next idle tick after it: the file alone (without its log) holds the new customer then.
#[test]
fn the_worker_checkpoints_after_a_save() {
    let _l = lang_lock(Lang::En);
    let mut f = app("ckpt", 80, 24);
    let path = f._dir.path().join("ckpt.db");
    let alone = f._dir.path().join("alone.db");
    let alone_log = f._dir.path().join("alone.db-wal");
    let in_file_alone = |name: &str| {
        std::fs::copy(&path, &alone).unwrap();
        let _ = std::fs::remove_file(&alone_log);
        let conn = rusqlite::Connection::open(&alone).unwrap();
        let n: i64 = conn
            .query_row(
                "SELECT count(*) FROM customers WHERE name = ?1",
                [name],
                |r| r.get(0),
            )
            .unwrap();
        n == 1
    };
    // The fixture's writes into the file first, so only the save is in the log.
    rusqlite::Connection::open(&path)
        .unwrap()
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
    key(&mut f, KeyCode::Char('a'));
    chars(&mut f, "Checkpointed Co");
    crate::common::screen::ctrl(&mut f, 's');
    assert!(f.form.is_none(), "saved");
    assert!(
        !in_file_alone("Checkpointed Co"),
        "in the log only, after the save"
    );
    f.tick();
    f.settle();
    assert!(
        in_file_alone("Checkpointed Co"),
        "in the file after the idle tick"
    );
}

/// A first letter's window is drawn before its matches are counted: the rows first, as
/// "at least these" and still loading; then the count.
#[test]
fn a_first_letters_window_comes_before_its_count() {
    let _l = lang_lock(Lang::En);
    let mut app = app("first-window", 80, 24);
    key(&mut app, KeyCode::Char('/'));
    crate::common::screen::key_now(&mut app, KeyCode::Char('a'));
    let started = std::time::Instant::now();
    while app.tabs.customers.list.exact && started.elapsed().as_secs() < 10 {
        app.pump();
    }
    assert!(
        !app.tabs.customers.list.exact,
        "the window, not yet counted"
    );
    assert!(app.loading(), "the count is still to come");
    assert!(!app.tabs.customers.list.rows.is_empty());
    app.settle();
    assert!(app.tabs.customers.list.exact, "counted");
    // The fixture's matches fit one window: the count is the rows shown.
    assert_eq!(
        app.tabs.customers.list.total,
        app.tabs.customers.list.rows.len()
    );
}

#[test]
fn esc_clears_a_kept_filter() {
    let _l = lang_lock(Lang::En);
    let mut app = app("esc", 80, 24);
    key(&mut app, KeyCode::Char('/'));
    chars(&mut app, "acme");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.tabs.customers.list.total, 1);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.tabs.customers.list.total, 5);
    assert!(!app.should_quit());
}

#[test]
fn help_lists_the_keys_of_the_key_table_and_closes() {
    let _l = lang_lock(Lang::En);
    let mut app = app("help", 80, 24);
    key(&mut app, KeyCode::Char('?'));
    assert_eq!(app.dialog, Some(Dialog::Help));
    let screen = render(&app, 80, 24);
    for line in app.keymap.help_lines(&[
        salestrack::tui::keymap::Scope::Everywhere,
        salestrack::tui::keymap::Scope::Table,
    ]) {
        assert!(screen.contains(&line.0), "help shows {}: {screen}", line.0);
        assert!(
            screen.contains(i18n::text(line.1)),
            "help explains {}",
            line.0
        );
    }
    // Keys go to the dialog while it is open.
    key(&mut app, KeyCode::Char('j'));
    assert_eq!(app.tabs.customers.list.selected, 0);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.dialog, None);
}

#[test]
fn q_and_ctrl_c_quit() {
    let _l = lang_lock(Lang::En);
    let mut app = app("quit", 80, 24);
    key(&mut app, KeyCode::Char('q'));
    assert!(app.should_quit());
    let mut app2 = app_from_existing(&app.db_path());
    key(&mut app2, KeyCode::Char('/'));
    app2.handle_key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    assert!(
        app2.should_quit(),
        "Ctrl-C quits even while typing a filter"
    );
}

/// A second App (another session) on the database at `path`.
fn app_from_existing(path: &str) -> App {
    let store = Store::open(Path::new(path), clock()).unwrap();
    let actor = store.actor_for("boss").unwrap();
    let mut app = App::new(store, actor, &Settings::default()).unwrap();
    app.resize(80, 24);
    app
}

#[test]
fn brackets_step_the_periods_of_targets_and_scorecards_and_nothing_on_the_lists() {
    let _l = lang_lock(Lang::En);
    let mut app = app("period", 80, 24);
    let before = render(&app, 80, 24);
    assert!(
        !before.contains("period 2026"),
        "no list reads a period, so the status line shows none: {before}"
    );
    key(&mut app, KeyCode::Char('['));
    assert_eq!(render(&app, 80, 24), before, "[ changes nothing on a list");
    key(&mut app, KeyCode::Char('?'));
    let help = render(&app, 80, 24);
    assert!(!help.contains("previous period"), "{help}");
    key(&mut app, KeyCode::Esc);

    key(&mut app, KeyCode::Char('4'));
    let year = app.tabs.targets.year;
    key(&mut app, KeyCode::Char('['));
    assert_eq!(app.tabs.targets.year, year - 1);
    key(&mut app, KeyCode::Char(']'));
    key(&mut app, KeyCode::Char(']'));
    assert_eq!(app.tabs.targets.year, year + 1);
    key(&mut app, KeyCode::Char('?'));
    let help = render(&app, 80, 24);
    assert!(help.contains("previous period"), "{help}");
    key(&mut app, KeyCode::Esc);

    key(&mut app, KeyCode::Char('5'));
    key(&mut app, KeyCode::Char('['));
    assert_eq!(
        app.tabs.scorecards.period.map(|p| p.to_string()).as_deref(),
        Some("2026-Q2")
    );
}

#[test]
fn small_sizes_adapt_and_never_panic() {
    let _l = lang_lock(Lang::En);
    let mut app = app("small", 80, 24);
    app.resize(20, 5);
    insta::assert_snapshot!("customers_en_20x5", render(&app, 20, 5));
    for (w, h) in [(1, 1), (2, 1), (15, 3), (16, 4), (40, 10), (300, 100)] {
        app.resize(w, h);
        for code in [
            KeyCode::Char('G'),
            KeyCode::Char('?'),
            KeyCode::Esc,
            KeyCode::Char('2'),
        ] {
            key(&mut app, code);
            let screen = render(&app, w, h);
            assert_eq!(screen.lines().count(), h as usize);
        }
    }
    app.resize(10, 3);
    assert!(render(&app, 10, 3).starts_with("Window to"));
}

#[test]
fn another_sessions_write_shows_on_the_next_tick() {
    let _l = lang_lock(Lang::En);
    let mut app = app("tick", 80, 24);
    let mut other = Store::open(Path::new(&app.db_path()), clock()).unwrap();
    let boss = other.actor_for("boss").unwrap();
    let new = NewCustomer {
        name: "Zeta Ltd".into(),
        ..NewCustomer::default()
    };
    other.add_customer(&boss, new).unwrap();
    assert_eq!(app.tabs.customers.list.total, 5);
    app.tick();
    assert_eq!(app.tabs.customers.list.total, 6);
}

#[test]
fn a_new_database_offers_demo_data() {
    let _l = lang_lock(Lang::En);
    let dir = temp_dir();
    let mut store = Store::create_or_open(&dir.path().join("demo-offer.db"), clock()).unwrap();
    store.init_first_manager("boss", "Boss").unwrap();
    let actor = store.actor_for("boss").unwrap();
    let mut app = App::new(store, actor, &Settings::default()).unwrap();
    app.resize(80, 24);
    app.offer_demo();
    let screen = render(&app, 80, 24);
    assert!(screen.contains("new, empty database"), "{screen}");
    key(&mut app, KeyCode::Char('y'));
    assert_eq!(app.dialog, None);
    assert_eq!(app.tabs.customers.list.total, 600, "the first-run demo set");
    assert_eq!(
        app.tabs.visits.list.total, 0,
        "the Visits tab is read when it is shown"
    );
    key(&mut app, KeyCode::Char('2'));
    assert_eq!(app.tabs.visits.list.total, 6_000);
}

#[test]
fn key_overrides_from_the_config_are_obeyed_and_shown() {
    let _l = lang_lock(Lang::En);
    let dir = temp_dir();
    let store = store(&dir, "keys");
    let actor = store.actor_for("boss").unwrap();
    let mut settings = Settings::default();
    settings.keys.insert("quit".into(), "Q".into());
    settings.keys.insert("help".into(), "not a key".into());
    let mut app = App::new(store, actor, &settings).unwrap();
    app.resize(80, 24);
    let screen = render(&app, 80, 24);
    assert!(
        screen.contains("Ignored in config.toml"),
        "the bad override is reported: {screen}"
    );
    key(&mut app, KeyCode::Char('?'));
    let screen = render(&app, 80, 24);
    assert!(
        screen
            .lines()
            .any(|l| l.contains(" Q ") && l.contains("quit")),
        "{screen}"
    );
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('q'));
    assert!(!app.should_quit(), "q is no longer quit");
    key(&mut app, KeyCode::Char('Q'));
    assert!(app.should_quit());
}

#[test]
fn a_login_that_is_not_a_rep_sees_nothing_and_is_told_how_to_be_added() {
    let _l = lang_lock(Lang::En);
    let dir = temp_dir();
    let store = store(&dir, "stranger");
    let actor = store.actor_for("stranger").unwrap();
    let mut app = App::new(store, actor, &Settings::default()).unwrap();
    app.resize(100, 24);
    let screen = render(&app, 100, 24);
    assert!(screen.contains("read-only"), "{screen}");
    assert!(screen.contains("stranger is not a rep"), "{screen}");
    // The customer list is the company's most guarded asset: a login that is not a rep of
    // this database sees none of its five customers.
    assert_eq!(
        app.tabs.customers.list.total, 0,
        "nothing is shown to a stranger"
    );
}

#[test]
fn the_visits_table_filters_by_customer_name_too() {
    let _l = lang_lock(Lang::En);
    let mut app = app("visit-filter", 80, 24);
    key(&mut app, KeyCode::Char('2'));
    assert_eq!(app.tabs.visits.list.total, 5);
    key(&mut app, KeyCode::Char('/'));
    chars(&mut app, "有限");
    assert_eq!(app.tabs.visits.list.total, 3);
    assert!(
        app.tabs
            .visits
            .list
            .rows
            .iter()
            .all(|v| v.customer_name.contains("有限"))
    );
    chars(&mut app, "公司");
    key(&mut app, KeyCode::Enter);
    let screen = render(&app, 80, 24);
    assert!(
        screen.contains("filter: 有限公司") && screen.contains("1 of 3"),
        "{screen}"
    );
    // Each table keeps its own filter.
    key(&mut app, KeyCode::Char('1'));
    assert_eq!(app.tabs.customers.list.total, 5);
    key(&mut app, KeyCode::Char('2'));
    assert_eq!(app.tabs.visits.list.total, 3);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.tabs.visits.list.total, 5);
}

#[test]
fn a_refresh_keeps_the_selected_record_when_rows_arrive_above_it() {
    let _l = lang_lock(Lang::En);
    let mut app = app("keep", 80, 24);
    key(&mut app, KeyCode::Char('j'));
    assert_eq!(
        app.tabs.customers.list.selected_row().unwrap().name,
        "Northwind Trading"
    );
    key(&mut app, KeyCode::Char('2'));
    key(&mut app, KeyCode::Char('j'));
    let visit = app.tabs.visits.list.selected_row().unwrap().id.clone();

    // Another session adds a customer that sorts first and a visit that is newest.
    let mut other = Store::open(Path::new(&app.db_path()), clock()).unwrap();
    let boss = other.actor_for("boss").unwrap();
    let new = NewCustomer {
        name: "Aardvark Co".into(),
        ..NewCustomer::default()
    };
    let aardvark = other.add_customer(&boss, new).unwrap();
    let newest = NewVisit {
        customer_id: aardvark.id,
        date: NaiveDate::from_ymd_opt(2026, 9, 29),
        summary: "first call".into(),
        ..NewVisit::default()
    };
    other.add_visit(&boss, newest).unwrap();

    app.tick();
    assert_eq!(app.tabs.visits.list.total, 6);
    assert_eq!(app.tabs.visits.list.selected_row().unwrap().id, visit);
    assert_eq!(app.tabs.visits.list.selected, 2, "one row arrived above it");
    key(&mut app, KeyCode::Char('1'));
    assert_eq!(app.tabs.customers.list.total, 6);
    assert_eq!(
        app.tabs.customers.list.selected_row().unwrap().name,
        "Northwind Trading"
    );
}

#[test]
fn a_cut_name_is_marked_and_the_columns_stay_aligned() {
    let _l = lang_lock(Lang::En);
    let app = app("cut", 60, 24);
    let screen = render(&app, 60, 24);
    let line = |needle: &str| screen.lines().find(|l| l.contains(needle)).unwrap();
    let huawei = line("华为技术");
    assert!(
        huawei.contains('…') && !huawei.contains("华为技术有限公司"),
        "{screen}"
    );
    let grade_at = |l: &str, grade: &str| l[..l.find(grade).unwrap()].width();
    assert_eq!(grade_at(huawei, " A "), grade_at(line("Acme Ltd"), " B "));
    assert!(
        screen.lines().all(|l| l.width() <= 60),
        "nothing spills: {screen}"
    );
}

#[test]
fn a_key_override_holds_on_every_tab_and_clashes_only_where_both_keys_work() {
    let _l = lang_lock(Lang::En);
    let dir = temp_dir();
    let store = store(&dir, "keys_everywhere");
    let actor = store.actor_for("boss").unwrap();
    let mut settings = Settings::default();
    settings.keys.insert("down".into(), "n".into());
    // `w` wins a deal, but only on the Deals tab; the agenda is on the Visits tab.
    settings.keys.insert("agenda".into(), "w".into());
    let mut app = App::new(store, actor, &settings).unwrap();
    app.resize(80, 24);
    let screen = render(&app, 80, 24);
    assert!(
        !screen.contains("Ignored in config.toml"),
        "both overrides are taken: {screen}"
    );

    key(&mut app, KeyCode::Char('n'));
    assert_eq!(
        app.tabs.customers.list.selected, 1,
        "n moves down the customers"
    );

    key(&mut app, KeyCode::Char('4'));
    assert_eq!(app.tab, Tab::Targets);
    assert!(app.tabs.targets.rows.len() > 1, "{}", render(&app, 80, 24));
    key(&mut app, KeyCode::Char('j'));
    assert_eq!(app.tabs.targets.row, 0, "j no longer moves on Targets");
    key(&mut app, KeyCode::Char('n'));
    assert_eq!(app.tabs.targets.row, 1, "n moves on Targets");

    key(&mut app, KeyCode::Char('5'));
    assert_eq!(app.tab, Tab::Scorecards);
    assert!(
        app.tabs.scorecards.cards.len() > 1,
        "{}",
        render(&app, 80, 24)
    );
    key(&mut app, KeyCode::Char('j'));
    assert_eq!(
        app.tabs.scorecards.row, 0,
        "j no longer moves on Scorecards"
    );
    key(&mut app, KeyCode::Char('n'));
    assert_eq!(app.tabs.scorecards.row, 1, "n moves on Scorecards");
    key(&mut app, KeyCode::Char('?'));
    let help = render(&app, 80, 24);
    assert!(
        help.lines()
            .any(|l| l.contains(" n ") && l.contains("down")),
        "{help}"
    );
    key(&mut app, KeyCode::Esc);

    key(&mut app, KeyCode::Char('3'));
    key(&mut app, KeyCode::Char('?'));
    let help = render(&app, 80, 24);
    assert!(
        help.lines().any(|l| l.contains(" w ") && l.contains("win")),
        "w still wins a deal: {help}"
    );
    key(&mut app, KeyCode::Esc);

    key(&mut app, KeyCode::Char('2'));
    key(&mut app, KeyCode::Char('o'));
    assert!(
        app.tabs.visits.agenda.is_none(),
        "o is no longer the agenda"
    );
    key(&mut app, KeyCode::Char('w'));
    assert!(app.tabs.visits.agenda.is_some(), "w opens the agenda");
}

/// Keys are never queued behind a slow read: while a read the Scorecards tab asked for is
/// still running on the worker (held here until the test lets it go), a tab key is handled
/// at once, and the read's result comes to the tab afterwards.
#[test]
fn a_key_is_handled_while_a_slow_read_runs() {
    use salestrack::tui::loader::Job;
    use std::sync::mpsc::channel;
    use std::time::{Duration, Instant};
    let _l = lang_lock(Lang::En);
    let mut app = app("slow", 80, 24);
    key(&mut app, KeyCode::Char('5'));
    let (release, held) = channel::<()>();
    let (started, running) = channel::<()>();
    app.load(
        Tab::Scorecards,
        Job::new(move |store: &mut Store| {
            started.send(()).unwrap();
            // The slow read: it ends when the test says so (or after 30 s).
            held.recv_timeout(Duration::from_secs(30)).ok();
            store.list_reps().map(|r| r.len()).unwrap_or(0)
        }),
    );
    running.recv_timeout(Duration::from_secs(10)).unwrap();
    let pressed = Instant::now();
    crate::common::screen::key_now(&mut app, KeyCode::Char('2'));
    let took = pressed.elapsed();
    assert_eq!(app.tab, Tab::Visits, "the key was handled");
    assert!(app.loading(), "while the read still runs");
    assert!(
        took < Duration::from_secs(1),
        "at once, not after the read: {took:?}"
    );
    assert!(
        render(&app, 80, 24).contains("Date"),
        "the Visits tab is drawn"
    );
    release.send(()).unwrap();
    app.settle();
    assert!(!app.loading());
}

/// The Scorecards tab steps through periods without waiting for their cards: after `[`
/// the title says it is loading, over the cards it had; a moment later the new period's
/// cards (and their trend) are shown.
#[test]
fn scorecards_load_off_the_ui_thread() {
    let _l = lang_lock(Lang::En);
    let mut app = app("cards", 80, 24);
    key(&mut app, KeyCode::Char('5'));
    let before = app.tabs.scorecards.cards.len();
    crate::common::screen::key_now(&mut app, KeyCode::Char('['));
    if app.loading() {
        assert!(render(&app, 80, 24).contains("Loading…"));
        assert_eq!(
            app.tabs.scorecards.cards.len(),
            before,
            "the old cards stay meanwhile"
        );
    }
    app.settle();
    assert!(!app.tabs.scorecards.loading);
    assert!(!render(&app, 80, 24).contains("Loading…"));
}

/// Every tab in Chinese on demo data at 80×24, 40×12 and 200×50 (issue 21): the screens as
/// a manager sees them, money in 万 where it is shortened, names by name.
#[test]
fn every_tab_in_chinese_at_three_sizes() {
    let _l = lang_lock(Lang::Zh);
    let dir = temp_dir();
    let mut store = Store::create_or_open(&dir.path().join("demo.db"), clock()).unwrap();
    store.init_first_manager("boss", "Boss").unwrap();
    let o = salestrack::store::demo::DemoOptions {
        seed: 7,
        reps: 8,
        customers: 60,
        visits: 400,
        deals: 120,
        years: 2,
    };
    salestrack::store::demo::generate(&mut store, "boss", &o).unwrap();
    let actor = store.actor_for("boss").unwrap();
    let mut app = App::new(store, actor, &Settings::default()).unwrap();
    for (w, h) in [(80, 24), (40, 12), (200, 50)] {
        app.resize(w, h);
        for (tab, name) in [
            ('1', "customers"),
            ('2', "visits"),
            ('3', "deals"),
            ('4', "targets"),
            ('5', "scorecards"),
            ('6', "people"),
        ] {
            key(&mut app, KeyCode::Char(tab));
            app.settle();
            // The database's path, cut short on a narrow screen, is the temporary one.
            let screen: String = render(&app, w, h)
                .lines()
                .map(
                    |l| match l.split_whitespace().find(|t| t.ends_with("demo.db")) {
                        Some(path) => l.replace(path, "<db>"),
                        None => l.to_string(),
                    },
                )
                .collect::<Vec<_>>()
                .join("\n");
            if (w, h) == (80, 24) && matches!(name, "targets" | "deals") {
                assert!(screen.contains('万'), "{name}: {screen}");
            }
            insta::assert_snapshot!(format!("demo_{name}_zh_{w}x{h}"), screen);
        }
    }
    i18n::set_lang(Lang::En);
}
