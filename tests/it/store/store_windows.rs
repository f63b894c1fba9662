//! A list's window read from its nearer end is the same window read from its start: the
//! customer list in every order and with each quick filter, the visit log and the deals.

use std::path::Path;

use chrono::DateTime;
use salestrack::clock::Clock;
use salestrack::domain::{DealStage, Grade};
use salestrack::store::customers::{CustomerQuery, CustomerSort};
use salestrack::store::deals::DealQuery;
use salestrack::store::demo::{self, DemoOptions};
use salestrack::store::visits::VisitQuery;
use salestrack::store::{Slice, Store};

fn store(path: &Path) -> Store {
    let clock = Clock::fixed(DateTime::parse_from_rfc3339("2026-09-30T18:00:00+08:00").unwrap());
    let mut store = Store::create_or_open(path, clock).unwrap();
    let options = DemoOptions {
        seed: 11,
        reps: 6,
        customers: 150,
        visits: 900,
        deals: 200,
        years: 2,
    };
    demo::generate(&mut store, "boss", &options).unwrap();
    store
}

/// Every window of `height` rows of a list of `total`, read both ways, is the same.
fn both_ways<T: PartialEq + std::fmt::Debug>(
    total: usize,
    height: usize,
    page: impl Fn(Slice) -> Vec<T>,
) {
    assert!(
        total > 2 * height,
        "a list long enough to have a middle: {total}"
    );
    for offset in [0, 1, height, total / 2, total - height - 1, total - height] {
        let after = total - offset - height;
        let forward = page(Slice::Start(offset));
        assert_eq!(forward.len(), height);
        assert_eq!(
            page(Slice::End(after)),
            forward,
            "offset {offset} of {total}"
        );
    }
}

#[test]
fn a_window_read_from_the_end_is_the_window_read_from_the_start() {
    let dir = tempfile::tempdir().unwrap();
    let s = store(&dir.path().join("w.db"));
    let h = 7;
    let sorts = [
        CustomerSort::Name,
        CustomerSort::Grade,
        CustomerSort::Stage,
        CustomerSort::Owner,
        CustomerSort::Region,
        CustomerSort::LastVisit,
        CustomerSort::NextFollowUp,
    ];
    for sort in sorts {
        let q = CustomerQuery {
            sort,
            ..CustomerQuery::default()
        };
        let total = s.count_customers(&q).unwrap();
        both_ways(total, h, |at| {
            let rows = s.customer_page(&q, at, h).unwrap();
            rows.into_iter().map(|r| r.id).collect()
        });
    }
    let pool = CustomerQuery {
        pool: true,
        grade: Some(Grade::B),
        sort: CustomerSort::LastVisit,
        ..CustomerQuery::default()
    };
    let total = s.count_customers(&pool).unwrap();
    if total > 2 * h {
        both_ways(total, h, |at| {
            let rows = s.customer_page(&pool, at, h).unwrap();
            rows.into_iter().map(|r| r.id).collect()
        });
    }

    let q = VisitQuery::default();
    let (total, exact) = s.count_visits_upto(&q, 100_000).unwrap();
    assert!(exact);
    both_ways(total, h, |at| {
        let rows = s.visit_page(&q, at, h).unwrap();
        rows.into_iter().map(|r| r.id).collect()
    });

    for q in [
        DealQuery::default(),
        DealQuery {
            stage: Some(DealStage::Won),
            ..DealQuery::default()
        },
    ] {
        let total = s.count_deals(&q).unwrap();
        both_ways(total, h, |at| {
            let rows = s.deal_page(&q, at, h).unwrap();
            rows.into_iter().map(|r| r.id).collect()
        });
    }
}

/// The deal counts and the pipeline a manager sees come from `rollup_deals` (a rep's are
/// counted from the deals), the whole visit log's count from `rollup_visits`: each agrees
/// with counting the rows themselves.
#[test]
fn the_kept_deal_totals_agree_with_the_deals() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.db");
    let mut s = store(&path);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let boss = s.actor_for("boss").unwrap();
    s.set_viewer(&boss);
    let pipeline = s.pipeline(&DealQuery::default()).unwrap();
    for t in &pipeline {
        let (n, cents): (i64, i64) = conn
            .query_row(
                "SELECT count(*), COALESCE(sum(amount_cents), 0) FROM deals
                 WHERE deleted_at IS NULL AND stage = ?1",
                [t.stage.code()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(
            (t.count as i64, t.amount.cents()),
            (n, cents),
            "{:?}",
            t.stage
        );
    }
    let live: i64 = conn
        .query_row(
            "SELECT count(*) FROM deals WHERE deleted_at IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(s.count_deals(&DealQuery::default()).unwrap() as i64, live);
    assert!(live > 100);
    // The whole visit log's count, kept by the rollups, is the count of live visits.
    let visits: i64 = conn
        .query_row(
            "SELECT count(*) FROM visits WHERE deleted_at IS NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let (n, exact) = s
        .count_visits_upto(&salestrack::store::visits::VisitQuery::default(), 10)
        .unwrap();
    assert_eq!((n as i64, exact), (visits, true));
}

/// The customer list's counts without a search come from `rollup_customers`; with one, they
/// stop at the cap. Each agrees with counting the rows, for a manager and for a rep.
#[test]
fn the_kept_customer_counts_agree_with_the_customers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.db");
    let mut s = store(&path);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let count =
        |sql: &str| -> usize { conn.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap() as usize };
    let rep: String = conn
        .query_row(
            "SELECT owner_id FROM customers WHERE owner_id IS NOT NULL
             GROUP BY owner_id ORDER BY count(*) DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let live = "SELECT count(*) FROM customers WHERE deleted_at IS NULL";
    let cases = [
        (CustomerQuery::default(), live.to_string()),
        (
            CustomerQuery {
                pool: true,
                ..CustomerQuery::default()
            },
            format!("{live} AND owner_id IS NULL"),
        ),
        (
            CustomerQuery {
                grade: Some(Grade::A),
                owner_id: Some(rep.clone()),
                ..CustomerQuery::default()
            },
            format!("{live} AND grade = 'A' AND owner_id = '{rep}'"),
        ),
    ];
    for (q, sql) in &cases {
        assert_eq!(
            s.count_customers_upto(q, 5).unwrap(),
            (count(sql), true),
            "{sql}"
        );
        assert_eq!(s.count_customers(q).unwrap(), count(sql), "{sql}");
    }
    // A rep sees their own and the pool's.
    let login: String = conn
        .query_row("SELECT login FROM reps WHERE id = ?1", [&rep], |r| r.get(0))
        .unwrap();
    let actor = s.actor_for(&login).unwrap();
    s.set_viewer(&actor);
    let theirs = count(&format!(
        "{live} AND (owner_id IS NULL OR owner_id = '{rep}')"
    ));
    assert_eq!(
        s.count_customers_upto(&CustomerQuery::default(), 5)
            .unwrap(),
        (theirs, true)
    );
    // A search stops counting at the cap, and says so.
    let broad = CustomerQuery {
        search: Some("a".into()),
        ..CustomerQuery::default()
    };
    let (n, exact) = s.count_customers_upto(&broad, 5).unwrap();
    assert!(n <= 5);
    assert_eq!(exact, n < 5);
    // One pass gives the same count and the first window the list would read.
    let narrow = CustomerQuery {
        search: Some("co".into()),
        ..CustomerQuery::default()
    };
    let (count, window) = s.customer_search(&narrow, 3, 10_000).unwrap();
    assert_eq!(count, s.count_customers_upto(&narrow, 10_000).unwrap());
    let page: Vec<String> = s
        .customer_page(&narrow, 0, 3)
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(window.into_iter().map(|r| r.id).collect::<Vec<_>>(), page);
}

/// A longer search's matches picked from a shorter one's are what reading the names again
/// finds, for every order and quick filter; an incomplete set is no base to pick from.
#[test]
fn matches_narrowed_from_a_shorter_search_are_a_fresh_search() {
    let dir = tempfile::tempdir().unwrap();
    let s = store(&dir.path().join("n.db"));
    let sorts = [
        CustomerSort::Name,
        CustomerSort::Grade,
        CustomerSort::Owner,
        CustomerSort::LastVisit,
        CustomerSort::NextFollowUp,
    ];
    let mut compared = 0;
    for sort in sorts {
        for (pool, grade) in [(false, None), (true, None), (false, Some(Grade::B))] {
            let q = |search: &str| CustomerQuery {
                search: Some(search.into()),
                pool,
                grade,
                sort,
                ..CustomerQuery::default()
            };
            for (short, long) in [("a", "an"), ("o", "co"), ("n", "ing"), ("e", "xyz")] {
                let base = s.customer_matches(&q(short), 10_000).unwrap();
                assert!(base.complete);
                let picked = base.narrowed(long, None).unwrap();
                let read = s.customer_matches(&q(long), 10_000).unwrap();
                assert_eq!(picked, read, "{short} → {long}, {sort:?}");
                compared += read.keys.len();
                // The rows at the first rowids are the list's first window.
                let rows = s.customers_at(&picked.first(4), sort).unwrap();
                let page = s.customer_page(&q(long), 0, 4).unwrap();
                let ids = |r: Vec<salestrack::store::customers::CustomerRow>| {
                    r.into_iter().map(|r| r.id).collect::<Vec<_>>()
                };
                assert_eq!(ids(rows), ids(page));
            }
        }
    }
    assert!(compared > 100, "the searches found something: {compared}");
    let capped = s.customer_matches(
        &CustomerQuery {
            search: Some("a".into()),
            ..CustomerQuery::default()
        },
        3,
    );
    let capped = capped.unwrap();
    assert!(!capped.complete);
    assert_eq!(
        capped.narrowed("an", None),
        None,
        "a cut-off set is no base"
    );
}

/// A search of digits finds phones, however they were written, as well as names; a longer
/// one picked from a shorter one's matches is what reading again finds.
#[test]
fn a_search_of_digits_finds_phones_and_narrows_the_same() {
    use salestrack::store::customers::NewCustomer;
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(&dir.path().join("p.db"));
    let boss = s.actor_for("boss").unwrap();
    for (name, phone, mobile) in [
        (
            "云帆网络",
            Some("0571-8888 6666"),
            Some("+86 138-0013-8000"),
        ),
        ("海角贸易", None, Some("13800139999")),
        ("1380013 号仓库", None, None),
    ] {
        let c = NewCustomer {
            name: name.into(),
            phone: phone.map(String::from),
            mobile: mobile.map(String::from),
            ..NewCustomer::default()
        };
        s.add_customer(&boss, c).unwrap();
    }
    let q = |search: &str| CustomerQuery {
        search: Some(search.into()),
        ..CustomerQuery::default()
    };
    let names = |m: &salestrack::store::customers::Matches| {
        let rows = s.customers_at(&m.first(100), CustomerSort::Name).unwrap();
        rows.into_iter().map(|r| r.name).collect::<Vec<_>>()
    };
    let found = s.customer_matches(&q("138 0013"), 100).unwrap();
    assert_eq!(
        names(&found),
        ["云帆网络", "海角贸易"],
        "two mobiles, spaced or not"
    );
    let found = s.customer_matches(&q("57188886"), 100).unwrap();
    assert_eq!(
        names(&found),
        ["云帆网络"],
        "the landline, without its dash"
    );
    // Narrowed from a shorter search of digits, as read afresh.
    let base = s.customer_matches(&q("1380"), 100).unwrap();
    for longer in ["13800", "138001", "1380013999", "1380 013"] {
        let digits = salestrack::domain::company::phone_search(longer);
        let picked = base
            .narrowed(
                &salestrack::domain::names::name_key(longer),
                digits.as_deref(),
            )
            .unwrap();
        assert_eq!(
            picked,
            s.customer_matches(&q(longer), 100).unwrap(),
            "{longer}"
        );
    }
    // Three digits are a name search: a base of names is no base for phones.
    let names_only = s.customer_matches(&q("138"), 100).unwrap();
    assert_eq!(names(&names_only), ["1380013 号仓库"]);
    assert_eq!(names_only.narrowed("1380", Some("1380")), None);
}
