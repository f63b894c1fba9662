//! The Scorecards tab (issue 8): a row per rep with KPI scores, total, grade, rank, the
//! over-achiever mark and a trend; the detail explaining every row; ratings and answers
//! through forms (refusals beside the field); the template editor; a rep sees their team's
//! leaderboard with only their own card whole.

use crate::common::screen::{Fixture, chars, clock, ctrl, key, lang_lock, render, temp_dir};
use chrono::NaiveDate;
use ratatui::crossterm::event::KeyCode;
use salestrack::domain::scoring::Marks;
use salestrack::domain::{Metric, Money, Period};
use salestrack::i18n::Lang;
use salestrack::store::Store;
use salestrack::store::customers::NewCustomer;
use salestrack::store::deals::NewDeal;
use salestrack::store::reps::NewRep;
use salestrack::store::targets::TargetScope;

fn p(s: &str) -> Period {
    s.parse().unwrap()
}

/// Team 华东: 张伟 won ¥6,000 of a ¥8,000 Q3 sales target (0.75 × 35 = 26.25), nothing paid
/// yet (collection rate 0 → 0 of 10), no expenses on those sales (rate 0 → 5 of 5); boss
/// rated him 4/4/4 with a comment (3 × 4 = 12 of 15); no other targets, no visits (n/a).
/// 张伟's total: (26.25 + 0 + 5 + 12) / (35 + 10 + 5 + 15) × 100 = 43.25 / 65 = 66.54, pass.
/// Ann Lee: nothing applies → 0, fail.
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
                joined_on: NaiveDate::from_ymd_opt(2025, 1, 1),
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
    let me = s.rep_by_login("zhang.wei").unwrap().unwrap();
    let scope = TargetScope::Rep {
        id: me.id,
        login: me.login,
    };
    s.set_target(&boss, &scope, Metric::Sales, p("2026-Q3"), 800_000, None)
        .unwrap();
    let marks = Marks {
        attitude: 4,
        knowledge: 4,
        teamwork: 4,
    };
    s.rate(&boss, "zhang.wei", p("2026-Q3"), marks, Some("稳步提升"))
        .unwrap();
    Fixture::open(dir, path, s, login, '5')
}

#[test]
fn the_list_in_english_and_chinese() {
    let mut f = fixture("boss");
    f.app.tick();
    let _l = lang_lock(Lang::En);
    let en = render(&f.app, 80, 24);
    assert!(
        en.contains("2026-Q3") && en.contains("66.54") && en.contains("pass"),
        "{en}"
    );
    insta::assert_snapshot!("scorecards_list_en", en);
    let _l2 = {
        drop(_l);
        lang_lock(Lang::Zh)
    };
    let zh = render(&f.app, 120, 24);
    assert!(
        zh.contains("考核") && zh.contains("合格") && zh.contains("张伟"),
        "{zh}"
    );
    insta::assert_snapshot!("scorecards_list_zh_120", zh);
}

#[test]
fn the_detail_explains_every_row_in_both_languages() {
    let mut f = fixture("boss");
    key(&mut f.app, KeyCode::Enter);
    let _l = lang_lock(Lang::En);
    let en = render(&f.app, 80, 24);
    for words in [
        "total 66.54 = Σ scores 43.25 ÷ Σ weights 65",
        "¥6000",
        "¥8000 · target",
        "75.0%",
        "26.25 of 35",
        // Each score as a bar of its weight: 26.25 of 35 is 75 %, 7.5 cells of 10.
        "███████▌░░ 26.25 of 35",
        "░░░░░░░░░░ 0.00 of 10",
        "n/a: no target for this period",
        "4/5",
        "稳步提升",
    ] {
        assert!(en.contains(words), "{words}\n{en}");
    }
    insta::assert_snapshot!("scorecard_detail_en", en);
    drop(_l);
    let _l = lang_lock(Lang::Zh);
    let zh = render(&f.app, 80, 24);
    assert!(
        zh.contains("不适用：本期没有目标") && zh.contains("经理评语"),
        "{zh}"
    );
    insta::assert_snapshot!("scorecard_detail_zh", zh);
    key(&mut f.app, KeyCode::Esc);
    assert!(!f.app.tabs.scorecards.detail);
}

#[test]
fn periods_step_and_toggle_month_quarter_year() {
    let mut f = fixture("boss");
    assert_eq!(
        f.app.tabs.scorecards.shown_period(f.app.today()),
        p("2026-Q3")
    );
    key(&mut f.app, KeyCode::Char('['));
    assert_eq!(
        f.app.tabs.scorecards.shown_period(f.app.today()),
        p("2026-Q2")
    );
    key(&mut f.app, KeyCode::Char(']'));
    key(&mut f.app, KeyCode::Char('t'));
    assert_eq!(f.app.tabs.scorecards.shown_period(f.app.today()), p("2026"));
    key(&mut f.app, KeyCode::Char('t'));
    assert_eq!(
        f.app.tabs.scorecards.shown_period(f.app.today()),
        p("2026-09")
    );
    key(&mut f.app, KeyCode::Char('t'));
    assert_eq!(
        f.app.tabs.scorecards.shown_period(f.app.today()),
        p("2026-Q3")
    );
    // The trend is read on the next tick: six periods, this one last.
    f.app.tick();
    assert_eq!(f.app.tabs.scorecards.cards[0].trend.len(), 6);
}

#[test]
fn a_manager_rates_through_the_form_and_a_wrong_mark_is_named() {
    // Messages are worded when they are made: hold the language from the start.
    let _l = lang_lock(Lang::En);
    let mut f = fixture("boss");
    // Ann Lee is second (0 points); rate her.
    key(&mut f.app, KeyCode::Char('j'));
    assert_eq!(f.app.tabs.scorecards.selected().unwrap().rep.login, "ann");
    key(&mut f.app, KeyCode::Char('r'));
    chars(&mut f.app, "7");
    key(&mut f.app, KeyCode::Tab);
    chars(&mut f.app, "3");
    key(&mut f.app, KeyCode::Tab);
    chars(&mut f.app, "5");
    ctrl(&mut f.app, 's');
    let screen = render(&f.app, 80, 24);
    assert!(f.app.form.is_some(), "the form stays open");
    assert!(screen.contains("1, 2, 3, 4, 5"), "{screen}");
    assert!(
        f.store()
            .rating(&ann_id(&f), p("2026-Q3"))
            .unwrap()
            .is_none()
    );
    // Correct it: 7 → 4.
    key(&mut f.app, KeyCode::BackTab);
    key(&mut f.app, KeyCode::BackTab);
    key(&mut f.app, KeyCode::Backspace);
    chars(&mut f.app, "4");
    ctrl(&mut f.app, 's');
    assert!(f.app.form.is_none(), "{}", render(&f.app, 80, 24));
    let r = f
        .store()
        .rating(&ann_id(&f), p("2026-Q3"))
        .unwrap()
        .unwrap();
    assert_eq!((r.attitude, r.knowledge, r.teamwork), (4, 3, 5));
    // Ann's total is now her ratings alone: (4 + 3 + 5) / 15 = 80.00.
    let ann = f
        .app
        .tabs
        .scorecards
        .cards
        .iter()
        .find(|c| c.rep.login == "ann")
        .unwrap();
    assert_eq!(ann.score.total, 80.0);
}

fn ann_id(f: &Fixture) -> String {
    f.store().rep_by_login("ann").unwrap().unwrap().id
}

#[test]
fn a_rep_sees_their_own_card_and_answers_but_cannot_rate_or_edit_templates() {
    let _l = lang_lock(Lang::En);
    let mut f = fixture("zhang.wei");
    // The team's leaderboard (`store::policy`): his own card whole, Ann Lee's only as a rank,
    // a total and a grade, without her KPI rows or rating.
    let cards = &f.app.tabs.scorecards.cards;
    let lines: Vec<(&str, u32, bool)> = cards
        .iter()
        .map(|c| (c.rep.login.as_str(), c.rank, c.detail))
        .collect();
    assert_eq!(lines, [("zhang.wei", 1, true), ("ann", 2, false)]);
    assert!(!cards[0].score.rows.is_empty() && cards[0].rating.is_some());
    assert!(cards[1].score.rows.is_empty() && cards[1].rating.is_none());
    // Her card does not open, and rating her is a manager's.
    key(&mut f.app, KeyCode::Char('j'));
    key(&mut f.app, KeyCode::Enter);
    assert!(!f.app.tabs.scorecards.detail);
    let said = f.app.message.clone().unwrap_or_default();
    assert!(said.contains("Ann Lee's card is for Ann Lee"), "{said}");
    key(&mut f.app, KeyCode::Char('r'));
    assert!(f.app.form.is_none());
    let said = f.app.message.clone().unwrap_or_default();
    assert!(said.contains("zhang.wei may not"), "{said}");
    key(&mut f.app, KeyCode::Char('k'));
    key(&mut f.app, KeyCode::Char('e'));
    assert!(f.app.form.is_none());
    let said = f.app.message.clone().unwrap_or_default();
    assert!(
        said.contains("may not change scorecard templates"),
        "{said}"
    );
    // `r` on one's own card is the answer.
    key(&mut f.app, KeyCode::Enter);
    key(&mut f.app, KeyCode::Char('r'));
    chars(&mut f.app, "谢谢，会继续努力");
    ctrl(&mut f.app, 's');
    assert!(f.app.form.is_none());
    let me = f.store().rep_by_login("zhang.wei").unwrap().unwrap();
    let r = f.store().rating(&me.id, p("2026-Q3")).unwrap().unwrap();
    assert_eq!(r.response.as_deref(), Some("谢谢，会继续努力"));
    drop(_l);
    let _l = lang_lock(Lang::Zh);
    assert!(render(&f.app, 80, 24).contains("回复: 谢谢，会继续努力"));
    drop(_l);
    // The other way round: Ann Lee sees 张伟 ranked first with his total, never the comment
    // boss wrote him, even when she tries to open his card.
    let _l = lang_lock(Lang::En);
    let mut a = fixture("ann");
    let top = &a.app.tabs.scorecards.cards[0];
    assert_eq!((top.rep.login.as_str(), top.detail), ("zhang.wei", false));
    assert!(render(&a.app, 80, 24).contains("66.54"));
    key(&mut a.app, KeyCode::Enter);
    assert!(!a.app.tabs.scorecards.detail);
    let screen = render(&a.app, 80, 24);
    assert!(!screen.contains("稳步提升"), "{screen}");
}

#[test]
fn a_manager_edits_the_template_from_this_month_with_the_total_weight_shown() {
    let _l = lang_lock(Lang::En);
    let mut f = fixture("boss");
    key(&mut f.app, KeyCode::Char('e'));
    assert!(render(&f.app, 80, 30).contains("total weight 100 over 10 KPIs"));
    // sales: 35 target → 50 target
    for _ in 0.."35 target".len() {
        key(&mut f.app, KeyCode::Backspace);
    }
    chars(&mut f.app, "50 target 1.2");
    let screen = render(&f.app, 80, 30);
    assert!(screen.contains("total weight 115 over 10 KPIs"), "{screen}");
    ctrl(&mut f.app, 's');
    assert!(f.app.form.is_none(), "{}", render(&f.app, 80, 30));
    let t = f.store().template_for(p("2026-09")).unwrap();
    assert_eq!((t.rows[0].weight, t.rows[0].cap), (50.0, 1.2));
    assert_eq!(t.effective_from, p("2026-09"));
    // The quarter that started before keeps the default.
    assert_eq!(
        f.store().template_for(p("2026-Q3")).unwrap().rows[0].weight,
        35.0
    );
    // A bad row is named beside its field and nothing is saved.
    key(&mut f.app, KeyCode::Char('e'));
    for _ in 0.."50 target 1.2".len() {
        key(&mut f.app, KeyCode::Backspace);
    }
    chars(&mut f.app, "-3 target");
    ctrl(&mut f.app, 's');
    assert!(f.app.form.is_some());
    assert!(render(&f.app, 80, 30).contains("WEIGHT GOAL [CAP]"));
    assert_eq!(
        f.store().template_for(p("2026-09")).unwrap().rows[0].weight,
        50.0
    );
}

#[test]
fn no_panic_at_any_small_size() {
    let mut f = fixture("boss");
    f.app.tick();
    for (w, h) in [(1, 1), (10, 3), (30, 8), (80, 24), (200, 60)] {
        render(&f.app, w, h);
        key(&mut f.app, KeyCode::Enter);
        render(&f.app, w, h);
        key(&mut f.app, KeyCode::Esc);
    }
    let _ = Store::open(&f.path, clock()).unwrap();
}
