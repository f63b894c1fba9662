//! Finding a customer the way people type (issue 21): pinyin initials and full pinyin find a
//! Chinese name, by any reading of a character with two; the spelling is stored by every
//! write of a name and by the migration that added it, and a longer search narrowed from a
//! shorter one's matches finds what a fresh read finds.

use chrono::DateTime;
use salestrack::clock::Clock;
use salestrack::store::Store;
use salestrack::store::customers::{CustomerQuery, NewCustomer};

fn store(dir: &tempfile::TempDir) -> Store {
    let clock = Clock::fixed(DateTime::parse_from_rfc3339("2026-09-30T18:00:00+08:00").unwrap());
    let mut s = Store::create_or_open(&dir.path().join("p.db"), clock).unwrap();
    s.init_first_manager("boss", "Boss").unwrap();
    let boss = s.actor_for("boss").unwrap();
    for name in [
        "杭州云帆网络科技有限公司",
        "重庆钢铁股份有限公司",
        "招商银行杭州分行",
        "Acme Hangzhou Ltd",
    ] {
        let c = NewCustomer {
            name: name.into(),
            ..NewCustomer::default()
        };
        s.add_customer(&boss, c).unwrap();
    }
    s
}

fn search(s: &Store, typed: &str) -> Vec<String> {
    let q = CustomerQuery {
        search: Some(typed.into()),
        ..CustomerQuery::default()
    };
    let mut names: Vec<String> = s
        .customer_page(&q, 0, 50)
        .unwrap()
        .into_iter()
        .map(|r| r.name)
        .collect();
    names.sort();
    names
}

#[test]
fn initials_full_pinyin_and_any_reading_find_a_chinese_name() {
    let dir = tempfile::tempdir().unwrap();
    let s = store(&dir);
    assert_eq!(search(&s, "hzyf"), ["杭州云帆网络科技有限公司"]);
    assert_eq!(search(&s, "HZYF"), ["杭州云帆网络科技有限公司"], "any case");
    assert_eq!(
        search(&s, "hangzhou"),
        [
            "Acme Hangzhou Ltd",
            "招商银行杭州分行",
            "杭州云帆网络科技有限公司"
        ]
    );
    // 重 reads chong in 重庆, zhong elsewhere: both find it.
    assert_eq!(search(&s, "cqgt"), ["重庆钢铁股份有限公司"]);
    assert_eq!(search(&s, "chongqing"), ["重庆钢铁股份有限公司"]);
    assert_eq!(search(&s, "zhongqing"), ["重庆钢铁股份有限公司"]);
    // 行 is hang in 银行.
    assert_eq!(search(&s, "yinhang"), ["招商银行杭州分行"]);
    // Characters as before, and the picker too.
    assert_eq!(search(&s, "云帆"), ["杭州云帆网络科技有限公司"]);
    let boss = s.actor_for("boss").unwrap();
    let picked = s.pick_customers(&boss, "zsyh", 10).unwrap();
    assert_eq!(picked[0].name, "招商银行杭州分行");
}

#[test]
fn a_narrowed_search_finds_what_a_fresh_one_does() {
    let dir = tempfile::tempdir().unwrap();
    let s = store(&dir);
    let q = |t: &str| CustomerQuery {
        search: Some(t.into()),
        ..CustomerQuery::default()
    };
    let base = s.customer_matches(&q("h"), 10_000).unwrap();
    for longer in ["hz", "hzy", "hang", "hangzhou", "ha"] {
        let narrowed = base.narrowed(longer, None).unwrap();
        let fresh = s.customer_matches(&q(longer), 10_000).unwrap();
        let ids = |m: &salestrack::store::customers::Matches| {
            let mut v: Vec<i64> = m.keys.iter().map(|(id, _)| *id).collect();
            v.sort();
            v
        };
        assert_eq!(ids(&narrowed), ids(&fresh), "{longer}");
    }
    // A search of characters is not narrowed from one of pinyin.
    assert!(base.narrowed("杭", None).is_none());
}

#[test]
fn a_renamed_customer_is_found_by_its_new_name_only() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(&dir);
    let boss = s.actor_for("boss").unwrap();
    let c = s.resolve_customer("杭州云帆网络科技有限公司").unwrap();
    let fields = NewCustomer {
        name: "苏州云帆网络科技有限公司".into(),
        ..NewCustomer::default()
    };
    s.update_customer(&boss, &c.id, fields).unwrap();
    assert!(search(&s, "hzyf").is_empty());
    assert_eq!(search(&s, "szyf"), ["苏州云帆网络科技有限公司"]);
}

#[test]
fn the_migration_spells_the_names_already_there() {
    let dir = tempfile::tempdir().unwrap();
    drop(store(&dir));
    // As a database from before the column: the spellings gone, the version one back.
    let path = dir.path().join("p.db");
    let c = rusqlite::Connection::open(&path).unwrap();
    c.execute_batch(
        "DROP INDEX customers_pinyin_missing;
         ALTER TABLE customers DROP COLUMN name_pinyin;
         PRAGMA user_version = 11;",
    )
    .unwrap();
    drop(c);
    let clock = Clock::fixed(DateTime::parse_from_rfc3339("2026-09-30T18:00:00+08:00").unwrap());
    let s = Store::open(&path, clock).unwrap();
    assert_eq!(search(&s, "cqgt"), ["重庆钢铁股份有限公司"]);
}
