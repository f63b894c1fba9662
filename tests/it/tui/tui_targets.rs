//! The Targets tab (issue 7): the grid of scopes by quarters or months with target, actual,
//! completion and pace; setting and splitting a target (the parts previewed before saving);
//! the change log; read-only for reps.

use crate::common::screen::{
    Fixture, assert_popup_whole, chars, clock, ctrl, key, lang_lock, render, temp_dir,
};
use chrono::NaiveDate;
use ratatui::crossterm::event::KeyCode;
use salestrack::domain::{Metric, Money, Period};
use salestrack::i18n::Lang;
use salestrack::store::Store;
use salestrack::store::customers::NewCustomer;
use salestrack::store::deals::NewDeal;
use salestrack::store::reps::NewRep;
use salestrack::store::targets::TargetScope;

/// Team 华东 (张伟, Ann Lee); ¥6,000 won by 张伟 in 2026-08; a 2026 team target of ¥40,000
/// in quarters of ¥10,000, and ¥8,000 for 张伟 in Q3.
fn fixture(login: &str) -> Fixture {
    let dir = temp_dir();
    let path = dir.path().join("t.db");
    let mut s = Store::create_or_open(&path, clock()).unwrap();
    s.init_first_manager("boss", "Boss").unwrap();
    let boss = s.actor_for("boss").unwrap();
    for (name, l) in [("张伟", "zhang.wei"), ("Ann Lee", "ann")] {
        s.add_rep(
            &boss,
            NewRep {
                name: name.into(),
                login: l.into(),
                team: Some("华东".into()),
                ..NewRep::default()
            },
        )
        .unwrap();
    }
    let zw = s.actor_for("zhang.wei").unwrap();
    let c = s
        .add_customer(
            &zw,
            NewCustomer {
                name: "华为技术有限公司".into(),
                ..NewCustomer::default()
            },
        )
        .unwrap();
    let new = NewDeal {
        customer_id: c.id,
        title: "d".into(),
        amount: Some(Money::from_cents(600_000)),
        opened_on: NaiveDate::from_ymd_opt(2026, 8, 1),
        ..NewDeal::default()
    };
    let d = s.add_deal(&zw, new).unwrap();
    s.win_deal(
        &zw,
        &d.id,
        NaiveDate::from_ymd_opt(2026, 8, 20).unwrap(),
        None,
        None,
    )
    .unwrap();
    let team = TargetScope::Team("华东".into());
    s.set_target(
        &boss,
        &team,
        Metric::Sales,
        Period::Year(2026),
        4_000_000,
        None,
    )
    .unwrap();
    for q in 1..=4 {
        s.set_target(
            &boss,
            &team,
            Metric::Sales,
            Period::Quarter(2026, q),
            1_000_000,
            None,
        )
        .unwrap();
    }
    let zhang = TargetScope::Rep {
        id: zw.rep_id.clone().unwrap(),
        login: "zhang.wei".into(),
    };
    s.set_target(
        &boss,
        &zhang,
        Metric::Sales,
        Period::Quarter(2026, 3),
        800_000,
        None,
    )
    .unwrap();
    Fixture::open(dir, path, s, login, '4')
}

#[test]
fn the_grid_shows_targets_actuals_completion_and_pace() {
    let _l = lang_lock(Lang::En);
    let mut f = fixture("boss");
    let screen = render(&f.app, 80, 24);
    insta::assert_snapshot!("targets_quarters_en_80x24", screen);
    let labels: Vec<&str> = f
        .app
        .tabs
        .targets
        .rows
        .iter()
        .map(|r| r.label.as_str())
        .collect();
    assert_eq!(
        labels,
        ["sales", "Boss", "华东", "Ann Lee", "张伟"],
        "each team, then its reps"
    );
    let zhang = f
        .app
        .tabs
        .targets
        .rows
        .iter()
        .find(|r| r.label == "张伟")
        .unwrap();
    assert_eq!(
        (zhang.cells[2].target, zhang.cells[2].actual),
        (Some(800_000), 600_000)
    );
    // Q3 is over (today is 2026-09-30): 75 % done is behind.
    assert!(screen.contains("6000/8000 75%▼"), "actual/target: {screen}");
    let team = &f.app.tabs.targets.rows[2];
    assert_eq!(
        team.cells.iter().map(|c| c.actual).sum::<i64>(),
        600_000,
        "a team is the sum of its reps"
    );
    // Months, wider, in Chinese.
    drop(_l);
    let _l = lang_lock(Lang::Zh);
    // In Chinese, money reads in 万: the team's ¥10,000 target is 1万.
    let screen = render(&f.app, 80, 24);
    assert!(screen.contains("6000/1万 60%▼"), "{screen}");
    assert!(screen.contains("实际/目标"), "{screen}");
    key(&mut f.app, KeyCode::Char('t'));
    f.app.resize(120, 30);
    f.app.settle();
    insta::assert_snapshot!("targets_months_zh_120x30", render(&f.app, 120, 30));
    assert_eq!(f.app.tabs.targets.periods().len(), 12);
}

#[test]
fn the_year_the_metric_and_the_cursor_move() {
    let _l = lang_lock(Lang::En);
    let mut f = fixture("boss");
    key(&mut f.app, KeyCode::Char('['));
    assert_eq!(f.app.tabs.targets.year, 2025);
    assert!(
        f.app
            .tabs
            .targets
            .rows
            .iter()
            .all(|r| r.cells.iter().all(|c| c.target.is_none()))
    );
    key(&mut f.app, KeyCode::Char(']'));
    key(&mut f.app, KeyCode::Char('m'));
    assert_eq!(f.app.tabs.targets.metric, Metric::GrossProfit);
    assert!(render(&f.app, 80, 24).contains("gross profit · 2026"));
    key(&mut f.app, KeyCode::Char('j'));
    key(&mut f.app, KeyCode::Char('l'));
    assert_eq!((f.app.tabs.targets.row, f.app.tabs.targets.col), (1, 1));
    assert!(
        render(&f.app, 80, 24).contains("Boss 2026-Q2"),
        "the cell is spelled out below"
    );
}

#[test]
fn a_manager_sets_a_target_and_the_change_log_shows_it() {
    let _l = lang_lock(Lang::En);
    let mut f = fixture("boss");
    key(&mut f.app, KeyCode::Char('G')); // 张伟
    key(&mut f.app, KeyCode::Char('l'));
    key(&mut f.app, KeyCode::Char('l')); // Q3
    key(&mut f.app, KeyCode::Char('s'));
    for _ in 0..10 {
        key(&mut f.app, KeyCode::Backspace);
    }
    chars(&mut f.app, "9000");
    ctrl(&mut f.app, 's');
    // Q3 has started: a changed target needs a reason, named in the form.
    assert!(
        render(&f.app, 80, 24).contains("--reason"),
        "{}",
        render(&f.app, 80, 24)
    );
    key(&mut f.app, KeyCode::Tab);
    chars(&mut f.app, "new product line");
    ctrl(&mut f.app, 's');
    assert!(f.app.form.is_none());
    let zhang = f
        .app
        .tabs
        .targets
        .rows
        .iter()
        .find(|r| r.label == "张伟")
        .unwrap();
    assert_eq!(zhang.cells[2].target, Some(900_000));
    key(&mut f.app, KeyCode::Enter);
    let screen = render(&f.app, 80, 24);
    assert!(
        screen.contains("Change log") && screen.contains("¥8,000.00 → ¥9,000.00  new product line"),
        "{screen}"
    );
    key(&mut f.app, KeyCode::Esc);
    assert!(f.app.tabs.targets.history.is_none());
}

#[test]
fn a_split_shows_its_parts_before_saving_and_they_add_up() {
    let _l = lang_lock(Lang::En);
    let mut f = fixture("boss");
    key(&mut f.app, KeyCode::Char('j'));
    key(&mut f.app, KeyCode::Char('j')); // 华东, Q1 (¥10,000)
    key(&mut f.app, KeyCode::Char('x'));
    key(&mut f.app, KeyCode::Right); // into: the team's reps
    let form = &f.app.form.as_ref().unwrap().form;
    assert_eq!(
        form.notes,
        ["Ann Lee 2026-Q1: ¥5,000.00", "张伟 2026-Q1: ¥5,000.00"]
    );
    key(&mut f.app, KeyCode::Tab);
    key(&mut f.app, KeyCode::Right);
    key(&mut f.app, KeyCode::Right); // by weights
    key(&mut f.app, KeyCode::Tab);
    chars(&mut f.app, "1,2");
    let form = &f.app.form.as_ref().unwrap().form;
    // 1,000,000 cents by 1:2 — the spare cent goes to the larger remainder (⅔).
    assert_eq!(
        form.notes,
        ["Ann Lee 2026-Q1: ¥3,333.33", "张伟 2026-Q1: ¥6,666.67"]
    );
    insta::assert_snapshot!("target_split_preview_en", render(&f.app, 80, 24));
    ctrl(&mut f.app, 's');
    assert!(f.app.form.is_none());
    let s = f.store();
    let shown: i64 = ["Ann Lee", "张伟"]
        .iter()
        .map(|n| {
            f.app
                .tabs
                .targets
                .rows
                .iter()
                .find(|r| r.label == *n)
                .unwrap()
                .cells[0]
                .target
                .unwrap()
        })
        .sum();
    assert_eq!(shown, 1_000_000);
    drop(s);
    // Splitting Q3 across reps replaces 张伟's target there, and says so first.
    key(&mut f.app, KeyCode::Char('l'));
    key(&mut f.app, KeyCode::Char('l'));
    key(&mut f.app, KeyCode::Char('x'));
    key(&mut f.app, KeyCode::Right);
    let form = &f.app.form.as_ref().unwrap().form;
    assert!(
        form.notes.iter().any(|n| n.contains("replaces 1 targets")),
        "{:?}",
        form.notes
    );
}

#[test]
fn a_rep_sees_the_teams_and_their_own_row_but_may_not_change_them() {
    let _l = lang_lock(Lang::En);
    let mut f = fixture("ann");
    // Every team's totals and her own row (`store::policy`): 张伟's row, with his ¥8,000
    // target, is his and the managers'. His ¥6,000 still counts in the team's actual.
    let labels: Vec<&str> = f
        .app
        .tabs
        .targets
        .rows
        .iter()
        .map(|r| r.label.as_str())
        .collect();
    assert_eq!(labels, ["sales", "华东", "Ann Lee"]);
    let team = &f.app.tabs.targets.rows[1];
    assert_eq!(team.cells.iter().map(|c| c.actual).sum::<i64>(), 600_000);
    let screen = render(&f.app, 80, 24);
    assert!(
        !screen.contains("张伟") && !screen.contains("8000"),
        "{screen}"
    );
    key(&mut f.app, KeyCode::Char('s'));
    assert!(f.app.form.is_none(), "no form opens for a rep");
    assert!(render(&f.app, 80, 24).contains("ann may not set or split targets"));
    key(&mut f.app, KeyCode::Char('x'));
    assert!(f.app.form.is_none());
    let v = f.store().year_targets(2026, Metric::Sales).unwrap();
    assert_eq!(v.len(), 6, "nothing changed");
}

#[test]
fn the_change_log_over_chinese_names_keeps_its_borders() {
    let _l = lang_lock(Lang::Zh);
    let mut f = fixture("boss");
    key(&mut f.app, KeyCode::Char('G')); // 张伟
    key(&mut f.app, KeyCode::Char('l'));
    key(&mut f.app, KeyCode::Char('l')); // Q3
    key(&mut f.app, KeyCode::Char('s'));
    for _ in 0..10 {
        key(&mut f.app, KeyCode::Backspace);
    }
    chars(&mut f.app, "9000");
    ctrl(&mut f.app, 's');
    key(&mut f.app, KeyCode::Tab);
    // A reason that makes the log 74 columns wide: its left edge at column 3, under the
    // second half of 华东's 东 and 张伟's 张.
    chars(&mut f.app, "新产品线上市后华东目标随之上调");
    ctrl(&mut f.app, 's');
    assert!(f.app.form.is_none());
    key(&mut f.app, KeyCode::Enter);
    f.app.resize(80, 12);
    let screen = render(&f.app, 80, 12);
    assert!(
        screen.contains("华东") && screen.contains("随之上调"),
        "{screen}"
    );
    assert_popup_whole(&screen);
}

/// The grid is read on the worker: `]` `]` `m` pressed before any grid comes all count (two
/// years on, the next metric), the old grid stays on screen meanwhile, and the title says so.
#[test]
fn keys_pressed_while_the_grid_loads_all_count() {
    let _l = lang_lock(Lang::En);
    let mut f = fixture("boss");
    let year = f.app.tabs.targets.year;
    let shown = f.app.tabs.targets.rows.len();
    for c in [']', ']', 'm'] {
        crate::common::screen::key_now(&mut f.app, KeyCode::Char(c));
    }
    if f.app.loading() {
        assert!(render(&f.app, 80, 24).contains("Loading…"));
        assert_eq!(f.app.tabs.targets.rows.len(), shown, "the old grid stays");
    }
    f.app.settle();
    let t = &f.app.tabs.targets;
    assert_eq!((t.year, t.metric), (year + 2, Metric::GrossProfit));
    assert!(t.pending.is_none());
    assert!(!render(&f.app, 80, 24).contains("Loading…"));
}

/// `c` draws the selected row's year under the grid: the actual summed month by month
/// against the target line, read from the grid's own numbers; in both languages at 80×24.
#[test]
fn the_burn_up_chart_shows_the_year_against_its_target() {
    let _l = lang_lock(Lang::En);
    let mut f = fixture("boss");
    // The team 华东: a year target of ¥40,000 in four quarters of ¥10,000.
    key(&mut f.app, KeyCode::Char('j'));
    key(&mut f.app, KeyCode::Char('j'));
    let row = &f.app.tabs.targets.rows[f.app.tabs.targets.row];
    assert_eq!(row.label, "华东");
    let actual = row.year.cumulative_actual();
    assert_eq!(actual[6], 0, "nothing by July");
    assert_eq!(actual[7], 600_000, "¥6,000 won in August");
    assert_eq!(actual[11], 600_000);
    let target = row.year.cumulative_target().unwrap();
    assert_eq!(target[2].round() as i64, 1_000_000, "Q1's target by March");
    assert_eq!(
        target[11].round() as i64,
        4_000_000,
        "the year's by December"
    );
    let before = render(&f.app, 80, 24);
    key(&mut f.app, KeyCode::Char('c'));
    let en = render(&f.app, 80, 24);
    assert!(
        en.contains("华东 · sales · 2026, summed month by month"),
        "{en}"
    );
    assert!(en.contains("█ actual") && en.contains("• target"), "{en}");
    assert!(
        en.contains('•') && en.contains('█'),
        "the two read apart without colour"
    );
    // Q1 and Q2 are over: met or missed, not ahead or behind.
    assert!(en.contains("0/10k 0%✗"), "{en}");
    insta::assert_snapshot!("targets_chart_en_80x24", en);
    drop(_l);
    let _l = lang_lock(Lang::Zh);
    let zh = render(&f.app, 80, 24);
    assert!(zh.contains("华东 · 销售额 · 2026 逐月累计"), "{zh}");
    assert!(zh.contains("█ 实际") && zh.contains("• 目标"), "{zh}");
    insta::assert_snapshot!("targets_chart_zh_80x24", zh);
    drop(_l);
    let _l = lang_lock(Lang::En);
    // On a small terminal the chart takes the whole tab rather than nothing.
    f.app.resize(40, 12);
    let small = render(&f.app, 40, 12);
    assert!(small.contains('•') && small.contains("华东"), "{small}");
    f.app.resize(80, 24);
    // A row with nothing this year and no target says so, with no axis of zeros.
    key(&mut f.app, KeyCode::Char('g'));
    let empty = render(&f.app, 80, 24);
    assert!(
        empty.contains("nothing yet this year, and no target"),
        "{empty}"
    );
    assert!(!empty.contains("¥0 "), "{empty}");
    key(&mut f.app, KeyCode::Char('j'));
    key(&mut f.app, KeyCode::Char('j'));
    key(&mut f.app, KeyCode::Char('c'));
    assert_eq!(render(&f.app, 80, 24), before, "c again puts it away");
}
