//! The Deals tab (issue 6): the pipeline adds up to the deals shown; deals are added, won,
//! lost and paid through forms, the store refusing what breaks a rule.

use crate::common::screen::{Fixture, chars, clock, ctrl, key, lang_lock, render, temp_dir};
use chrono::NaiveDate;
use ratatui::crossterm::event::KeyCode;
use salestrack::domain::{DealStage, Money};
use salestrack::i18n::Lang;
use salestrack::store::Store;
use salestrack::store::customers::NewCustomer;
use salestrack::store::deals::{DealQuery, NewDeal};
use salestrack::store::reps::NewRep;

/// ann's and bob's deals in every stage, seen as `login`, on the Deals tab.
fn fixture(login: &str) -> Fixture {
    let dir = temp_dir();
    let path = dir.path().join("d.db");
    let mut store = Store::create_or_open(&path, clock()).unwrap();
    store.init_first_manager("boss", "Boss").unwrap();
    let boss = store.actor_for("boss").unwrap();
    for l in ["ann", "bob"] {
        store
            .add_rep(
                &boss,
                NewRep {
                    name: l.into(),
                    login: l.into(),
                    ..NewRep::default()
                },
            )
            .unwrap();
    }
    for (i, (owner, stage, yuan)) in [
        ("ann", "lead", 1_000),
        ("ann", "proposal", 2_500),
        ("bob", "proposal", 4_000),
        ("ann", "won", 10_000),
        ("bob", "won", 20_000),
        ("bob", "lost", 7_000),
    ]
    .into_iter()
    .enumerate()
    {
        let c = NewCustomer {
            name: format!("客户 {i}"),
            owner: Some(owner.into()),
            ..NewCustomer::default()
        };
        let c = store.add_customer(&boss, c).unwrap();
        let actor = store.actor_for(owner).unwrap();
        let open = if stage == "proposal" {
            DealStage::Proposal
        } else {
            DealStage::Lead
        };
        let new = NewDeal {
            customer_id: c.id,
            title: format!("Deal {i}"),
            stage: Some(open),
            amount: Some(Money::from_cents(yuan * 100)),
            opened_on: NaiveDate::from_ymd_opt(2026, 9, 1 + i as u32),
            ..NewDeal::default()
        };
        let d = store.add_deal(&actor, new).unwrap();
        match stage {
            "won" => drop(
                store
                    .win_deal(
                        &actor,
                        &d.id,
                        NaiveDate::from_ymd_opt(2026, 9, 20).unwrap(),
                        None,
                        None,
                    )
                    .unwrap(),
            ),
            "lost" => drop(store.lose_deal(&actor, &d.id, "price").unwrap()),
            _ => {}
        }
    }
    Fixture::open(dir, path, store, login, '3')
}

#[test]
fn the_pipeline_totals_equal_the_deals_shown() {
    let _l = lang_lock(Lang::En);
    let mut f = fixture("boss");
    let screen = render(&f.app, 80, 24);
    insta::assert_snapshot!("deals_en_80x24", screen);
    assert_eq!(f.app.tabs.deals.list.total, 6);
    assert_eq!(f.app.tabs.deals.list.rows.len(), 6, "all of them fit");
    for total in &f.app.tabs.deals.pipeline {
        let shown: Vec<_> = f
            .app
            .tabs
            .deals
            .list
            .rows
            .iter()
            .filter(|d| d.stage == total.stage)
            .collect();
        let sum: i64 = shown
            .iter()
            .map(|d| d.amount.map_or(0, |a| a.cents()))
            .sum();
        assert_eq!(
            (total.count, total.amount.cents()),
            (shown.len(), sum),
            "{:?}",
            total.stage
        );
    }
    let proposal = f
        .app
        .tabs
        .deals
        .pipeline
        .iter()
        .find(|t| t.stage == DealStage::Proposal)
        .unwrap();
    assert_eq!(
        (proposal.count, proposal.amount),
        (2, Money::from_cents(650_000))
    );
    assert!(screen.contains("¥6,500.00"), "{screen}");
    // Mine only: ann's three deals, and the pipeline follows.
    let mut a = fixture("ann");
    key(&mut a.app, KeyCode::Char('m'));
    assert_eq!(a.app.tabs.deals.list.total, 3);
    let sum: i64 = a
        .app
        .tabs
        .deals
        .pipeline
        .iter()
        .map(|t| t.amount.cents())
        .sum();
    assert_eq!(sum, 1_350_000);
    assert!(render(&a.app, 80, 24).contains("Pipeline — mine"));
    // A manager steps on through each rep: boss (none), then ann, then bob.
    let mut m = fixture("boss");
    key(&mut m.app, KeyCode::Char('m'));
    assert_eq!(m.app.tabs.deals.list.total, 0, "boss's own");
    key(&mut m.app, KeyCode::Char('m'));
    assert_eq!(m.app.tabs.deals.list.total, 3);
    assert!(render(&m.app, 80, 24).contains("Pipeline — ann"));
    key(&mut m.app, KeyCode::Char('m'));
    assert!(render(&m.app, 80, 24).contains("Pipeline — bob"));
    key(&mut m.app, KeyCode::Char('m'));
    assert_eq!(m.app.tabs.deals.list.total, 6, "back to the team");
    // One stage at a time: f steps to lead.
    key(&mut f.app, KeyCode::Char('f'));
    assert_eq!(f.app.tabs.deals.list.total, 1);
}

#[test]
fn a_deal_is_added_won_and_paid_through_forms() {
    let _l = lang_lock(Lang::En);
    let mut f = fixture("ann");
    key(&mut f.app, KeyCode::Char('a'));
    chars(&mut f.app, "客户 0");
    key(&mut f.app, KeyCode::Enter);
    chars(&mut f.app, "Upgrade");
    key(&mut f.app, KeyCode::Tab);
    chars(&mut f.app, "1,200.50");
    ctrl(&mut f.app, 's');
    assert!(f.app.form.is_none(), "saved: {}", render(&f.app, 80, 24));
    let deals = f.store().deal_page(&DealQuery::default(), 0, 20).unwrap();
    let d = deals.iter().find(|d| d.title == "Upgrade").unwrap().clone();
    assert_eq!(
        (d.amount, d.owner_login.as_str()),
        (Some(Money::from_cents(120_050)), "ann")
    );

    // Win it: the date is required; it is today unless changed.
    key(&mut f.app, KeyCode::Char('g'));
    assert_eq!(
        f.app.tabs.deals.list.rows[0].title, "Upgrade",
        "newest opened first"
    );
    key(&mut f.app, KeyCode::Char('w'));
    for _ in 0..10 {
        key(&mut f.app, KeyCode::Backspace);
    }
    ctrl(&mut f.app, 's');
    assert!(render(&f.app, 80, 24).contains("date is required"));
    chars(&mut f.app, "2026-09-30");
    ctrl(&mut f.app, 's');
    assert_eq!(f.store().deal(&d.id).unwrap().stage, DealStage::Won);

    // Pay more than the amount: refused beside the amount; then pay it all.
    key(&mut f.app, KeyCode::Enter);
    key(&mut f.app, KeyCode::Char('p'));
    for _ in 0..10 {
        key(&mut f.app, KeyCode::Backspace);
    }
    chars(&mut f.app, "2000");
    ctrl(&mut f.app, 's');
    let screen = render(&f.app, 80, 24);
    assert!(
        screen.contains("more than the 1,200.50 still due"),
        "{screen}"
    );
    for _ in 0..4 {
        key(&mut f.app, KeyCode::Backspace);
    }
    chars(&mut f.app, "1200.50");
    ctrl(&mut f.app, 's');
    let screen = render(&f.app, 80, 24);
    assert!(
        screen.contains("¥0.00 still to collect"),
        "the detail shows it: {screen}"
    );
    assert_eq!(
        f.store().deal(&d.id).unwrap().paid,
        Money::from_cents(120_050)
    );
}

#[test]
fn losing_needs_a_reason_and_others_deals_are_not_shown() {
    let _l = lang_lock(Lang::Zh);
    let mut f = fixture("ann");
    // bob's deals are on bob's customers, so they are not in ann's list at all
    // (`store::policy`): walking it from top to bottom meets only hers, newest first.
    let mut walked = Vec::new();
    for _ in 0..6 {
        walked.push(f.app.tabs.deals.list.selected_row().unwrap().title.clone());
        key(&mut f.app, KeyCode::Char('j'));
    }
    walked.dedup();
    assert_eq!(walked, ["Deal 3", "Deal 1", "Deal 0"]);
    assert_eq!(f.app.tabs.deals.list.total, 3);
    // ann's proposal (Deal 1) is one above the oldest.
    key(&mut f.app, KeyCode::Char('G'));
    key(&mut f.app, KeyCode::Char('k'));
    assert_eq!(
        f.app.tabs.deals.list.selected_row().unwrap().title,
        "Deal 1"
    );
    key(&mut f.app, KeyCode::Char('l'));
    ctrl(&mut f.app, 's');
    assert!(render(&f.app, 80, 24).contains("原因不能为空"));
    chars(&mut f.app, "预算取消");
    ctrl(&mut f.app, 's');
    let d = f.store().deal_page(&DealQuery::default(), 0, 20).unwrap();
    let lost = d.iter().find(|d| d.title == "Deal 1").unwrap();
    assert_eq!(
        (lost.stage, lost.lost_reason.as_deref()),
        (DealStage::Lost, Some("预算取消"))
    );
    // Above it is her won deal, not bob's open proposal (Deal 2): no key reaches his, and
    // the screen never names it.
    key(&mut f.app, KeyCode::Char('k'));
    assert_eq!(
        f.app.tabs.deals.list.selected_row().unwrap().title,
        "Deal 3"
    );
    let screen = render(&f.app, 80, 24);
    assert!(
        !screen.contains("Deal 2") && !screen.contains("bob"),
        "{screen}"
    );
    let d = f.store().deal_page(&DealQuery::default(), 0, 20).unwrap();
    assert!(
        d.iter()
            .find(|d| d.title == "Deal 2")
            .unwrap()
            .stage
            .is_open()
    );
}

/// Corrections from the deal's detail: a deposit on an open deal, a payment corrected and
/// deleted (each confirmed), a reopen refused while payments stand and allowed once they are
/// gone; each says what happened and the totals follow.
#[test]
fn payments_are_corrected_and_a_deal_reopened_from_its_detail() {
    let _l = lang_lock(Lang::En);
    let mut f = fixture("ann");
    let deal = |f: &crate::common::screen::Fixture, title: &str| {
        let all = f.store().deal_page(&DealQuery::default(), 0, 20).unwrap();
        all.into_iter().find(|d| d.title == title).unwrap()
    };
    // From the top of the list, down to the deal titled so, and open it.
    let open_deal = |f: &mut crate::common::screen::Fixture, title: &str| {
        key(&mut f.app, KeyCode::Char('g'));
        let id = deal(f, title).id;
        let at = f.app.tabs.deals.list.rows.iter().position(|d| d.id == id);
        for _ in 0..at.unwrap() {
            key(&mut f.app, KeyCode::Char('j'));
        }
        key(&mut f.app, KeyCode::Enter);
    };
    // The payment form, its amount emptied.
    let pay = |f: &mut crate::common::screen::Fixture| {
        key(&mut f.app, KeyCode::Char('p'));
        for _ in 0..12 {
            key(&mut f.app, KeyCode::Backspace);
        }
    };
    // Deal 1 is ann's open proposal: no payment goes on it, deposit or not.
    open_deal(&mut f, "Deal 1");
    pay(&mut f);
    chars(&mut f.app, "300");
    ctrl(&mut f.app, 's');
    let screen = render(&f.app, 80, 24);
    assert!(screen.contains("is not won"), "{screen}");
    assert_eq!(deal(&f, "Deal 1").paid, Money::ZERO);
    // Esc asks before the typed amount is thrown away; then back to the list.
    key(&mut f.app, KeyCode::Esc);
    key(&mut f.app, KeyCode::Char('y'));
    assert!(f.app.form.is_none());
    key(&mut f.app, KeyCode::Esc);

    // Deal 3 is ann's won deal: pay twice, correct the first, delete the second.
    open_deal(&mut f, "Deal 3");
    // Won on 09-20: a payment dated 09-10 is refused, unless it is said to be a deposit.
    pay(&mut f);
    chars(&mut f.app, "1000");
    key(&mut f.app, KeyCode::Tab);
    for _ in 0..10 {
        key(&mut f.app, KeyCode::Backspace);
    }
    chars(&mut f.app, "2026-09-10");
    ctrl(&mut f.app, 's');
    let screen = render(&f.app, 80, 24);
    assert!(screen.contains("before the deal was won"), "{screen}");
    key(&mut f.app, KeyCode::Tab);
    key(&mut f.app, KeyCode::Right);
    ctrl(&mut f.app, 's');
    assert!(f.app.form.is_none(), "{}", render(&f.app, 80, 24));
    pay(&mut f);
    chars(&mut f.app, "500");
    ctrl(&mut f.app, 's');
    assert_eq!(deal(&f, "Deal 3").paid, Money::from_cents(150_000));
    // The first payment is selected: correct it to 1,200.
    key(&mut f.app, KeyCode::Enter);
    assert!(render(&f.app, 80, 24).contains("Correct a payment"));
    for _ in 0..12 {
        key(&mut f.app, KeyCode::Backspace);
    }
    chars(&mut f.app, "1200");
    ctrl(&mut f.app, 's');
    assert_eq!(deal(&f, "Deal 3").paid, Money::from_cents(170_000));
    // Reopening is refused while payments stand, and changes nothing.
    key(&mut f.app, KeyCode::Char('r'));
    key(&mut f.app, KeyCode::Char('y'));
    let screen = render(&f.app, 80, 24);
    assert_eq!(deal(&f, "Deal 3").stage, DealStage::Won, "{screen}");
    assert!(
        screen.contains("payment"),
        "the refusal names the rule: {screen}"
    );
    // Delete both (the second, then the first), each confirmed; `n` keeps one.
    key(&mut f.app, KeyCode::Char('j'));
    key(&mut f.app, KeyCode::Char('d'));
    key(&mut f.app, KeyCode::Char('n'));
    assert_eq!(
        deal(&f, "Deal 3").paid,
        Money::from_cents(170_000),
        "not confirmed"
    );
    key(&mut f.app, KeyCode::Char('d'));
    key(&mut f.app, KeyCode::Char('y'));
    assert_eq!(deal(&f, "Deal 3").paid, Money::from_cents(120_000));
    key(&mut f.app, KeyCode::Char('d'));
    key(&mut f.app, KeyCode::Char('y'));
    assert_eq!(deal(&f, "Deal 3").paid, Money::ZERO);
    // Now the reopen goes through: the deal is in the pipeline again.
    key(&mut f.app, KeyCode::Char('r'));
    key(&mut f.app, KeyCode::Char('y'));
    assert!(
        deal(&f, "Deal 3").stage.is_open(),
        "{}",
        render(&f.app, 80, 24)
    );
}

/// In Chinese the pipeline's totals read in 万 (exact amounts stay in the deal's detail).
#[test]
fn the_pipeline_reads_in_wan_in_chinese() {
    let _l = lang_lock(Lang::Zh);
    let f = fixture("boss");
    let screen = render(&f.app, 80, 24);
    // Won: ann's ¥10,000 and bob's ¥20,000.
    assert!(screen.contains("¥3万"), "{screen}");
    assert!(!screen.contains("¥30,000.00"), "{screen}");
}
