//! Reports (issue 8): Markdown and CSV contents, an HTML file that stands alone (charts as
//! inline SVG, no scripts, nothing from the network), both languages, and the refusals.
//! The rendering in a real browser and the charts' layout are in `cli_report_charts`.

use crate::common::Env;
use crate::common::team::{LATER, at, team};
use serde_json::Value;

fn report(env: &Env, login: Option<&str>, format: &str) -> String {
    at(
        env,
        LATER,
        login,
        &["report", "--period", "2026-Q3", "--format", format],
    )
}

#[test]
fn markdown_holds_targets_scorecards_with_comments_funnel_and_changes() {
    let env = Env::new();
    team(&env);
    let md = report(&env, None, "md");
    for words in [
        "# Sales report · 2026-Q3",
        "## Target progress",
        // Actual before target, people by name, money short as on every summary.
        "| Ann Lee | sales | ¥90k | ¥100k | 90.0% |",
        "## Scorecards",
        "### Ann Lee (sales) — 82.76 · good · rank 2 of 2",
        "### Bob Ng (sales) — 100.00 · excellent · rank 1 of 2 ★",
        "### 张伟 (east) — 65.00 · pass · rank 1 of 1",
        "Strong quarter; log visits sooner.",
        "| sales | ¥90k | ¥100k · target | 90.0% | 35 | 31.50 |",
        "n/a: no target for this period",
        "## Funnel",
        "## Customer changes",
    ] {
        assert!(md.contains(words), "{words}\n---\n{md}");
    }
    // The totals are the ones kpi --json gives.
    let cards: Vec<Value> = serde_json::from_str(&at(
        &env,
        LATER,
        None,
        &["kpi", "--period", "2026-Q3", "--json"],
    ))
    .unwrap();
    for c in &cards {
        assert!(md.contains(&format!("— {:.2} ·", c["total"].as_f64().unwrap())));
    }
}

#[test]
fn csv_is_one_filterable_table_with_a_bom() {
    let env = Env::new();
    team(&env);
    let text = report(&env, None, "csv");
    assert!(text.starts_with('\u{feff}'), "a BOM for spreadsheets");
    let mut r = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    assert_eq!(
        r.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "Section", "Subject", "Item", "Actual", "Goal", "Ratio", "Score", "Weight", "Note"
        ]
    );
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    let find = |section: &str, subject: &str, item: &str| {
        rows.iter()
            .find(|r| &r[0] == section && &r[1] == subject && &r[2] == item)
            .unwrap_or_else(|| panic!("{section} {subject} {item}"))
            .clone()
    };
    let sales = find("Scorecards", "Ann Lee", "sales");
    assert_eq!(
        (&sales[3], &sales[4], &sales[6], &sales[7]),
        ("90000", "100000", "31.50", "35")
    );
    let total = find("Total", "Ann Lee", "good");
    assert_eq!(&total[3], "82.76");
    assert!(total[8].contains("Strong quarter"));
    let target = find("Target progress", "张伟", "sales");
    assert_eq!(
        (&target[3], &target[4], &target[5]),
        ("40000.00", "80000.00", "0.5000")
    );
    // The funnel counts the deals opened in Q3: ann's second (her first opened in June),
    // bob's and zhang.wei's, all won; ann's lost deal was opened on 2026-10-10, after Q3.
    assert_eq!(&find("Funnel", "won", "")[3], "3");
    assert_eq!(&find("Funnel", "lead", "")[3], "3");
    assert_eq!(&find("Funnel", "lost", "")[3], "0");
    let new = find("Customer changes", "new to the archive", "");
    assert_eq!(
        &new[3], "6",
        "the six customers were added in Q3 (on 2026-09-30)"
    );
}

#[test]
fn html_stands_alone_with_svg_charts_and_no_network() {
    let env = Env::new();
    team(&env);
    let file = env.dir.path().join("r.html");
    at(
        &env,
        LATER,
        None,
        &[
            "report",
            "--period",
            "2026-Q3",
            "--format",
            "html",
            "-o",
            file.to_str().unwrap(),
        ],
    );
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.trim_end().ends_with("</html>"));
    // The team has no target of its own here, so no team bars: the trends and the funnel.
    assert!(html.matches("<svg").count() >= 2, "trends and the funnel");
    assert_eq!(html.matches("<svg").count(), html.matches("</svg>").count());
    assert!(
        !html.to_lowercase().contains("http"),
        "nothing from the network"
    );
    assert!(!html.to_lowercase().contains("<script"));
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("Strong quarter; log visits sooner."));
    // Well-formed enough for an XML reader once the doctype and void <meta> are set aside.
    let body = html
        .trim_start_matches("<!DOCTYPE html>\n")
        .replace("<meta charset=\"utf-8\">", "");
    let mut reader = quick_xml_free_check(&body);
    assert_eq!(reader.pop(), None, "every element closed");
}

/// A minimal tag balance check (no dependency): every opened element is closed in order.
pub fn quick_xml_free_check(html: &str) -> Vec<String> {
    let mut stack: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let end = rest.find('>').expect("a tag ends");
        let tag = &rest[..end];
        rest = &rest[end + 1..];
        if tag.starts_with('!') {
            continue;
        }
        let self_closing = tag.ends_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if tag.starts_with('/') {
            assert_eq!(
                stack.pop().as_deref(),
                Some(name.as_str()),
                "closing {name}"
            );
        } else if !self_closing {
            stack.push(name);
        }
    }
    stack
}

#[test]
fn the_chinese_report_is_in_chinese() {
    let env = Env::new();
    team(&env);
    let zh = |format: &str| {
        at(
            &env,
            LATER,
            None,
            &[
                "--lang", "zh", "report", "--period", "2026-Q3", "--format", format,
            ],
        )
    };
    let html = zh("html");
    assert!(html.contains("<html lang=\"zh-CN\">"));
    for words in [
        "销售报告 · 2026-Q3",
        "目标进度",
        "考核",
        "销售漏斗",
        "客户变化",
        "良好",
    ] {
        assert!(html.contains(words), "{words}");
    }
    let md = zh("md");
    assert!(
        md.contains("## 目标进度") && md.contains("经理评语"),
        "{md}"
    );
    // Money in 万, actual before target, the rep by name.
    assert!(
        md.contains("| 张伟 | 销售额 | ¥4万 | ¥8万 | 50.0% |"),
        "{md}"
    );
    // The CSV's values in Chinese under its Chinese headers; the numbers exact.
    let csv = zh("csv");
    assert!(
        csv.contains("目标进度,张伟,销售额,40000.00,80000.00,0.5000"),
        "{csv}"
    );
    assert!(csv.contains("考核,Ann Lee,销售额,90000,100000"), "{csv}");
    assert!(csv.contains("总分,Ann Lee,良好,82.76"), "{csv}");
    assert!(
        !csv.contains("zhang.wei") && !csv.contains(",sales,"),
        "{csv}"
    );
}

#[test]
fn two_reps_of_one_name_are_told_apart_by_login() {
    let env = Env::new();
    team(&env);
    env.run(&[
        "rep",
        "add",
        "--name",
        "Ann Lee",
        "--login",
        "ann.lee",
        "--joined",
        "2026-01-01",
    ]);
    let md = report(&env, None, "md");
    assert!(md.contains("### Ann Lee (ann) (sales)"), "{md}");
    assert!(!md.contains("### Ann Lee (sales)"), "{md}");
    // Every table that names owners tells them apart the same way.
    for list in [
        &["customer", "list"][..],
        &["deal", "list"],
        &["visit", "list"],
    ] {
        let table = env.run(list);
        assert!(table.contains("Ann Lee (ann)"), "{list:?}: {table}");
    }
    let table = at(
        &env,
        LATER,
        None,
        &["target", "show", "--period", "2026-Q3"],
    );
    assert!(table.contains("Ann Lee (ann)"), "{table}");
}

#[test]
fn a_rep_reads_the_team_targets_and_their_own_card() {
    let env = Env::new();
    team(&env);
    let md = report(&env, Some("ann"), "md");
    assert!(md.contains("### Ann Lee"));
    assert!(
        !md.contains("### Bob Ng") && !md.contains("### 张伟"),
        "{md}"
    );
    assert!(!md.contains("| bob |"), "no other rep's targets");
    // The ranking gives her place in her team, as her card does.
    assert!(
        md.contains("### Ann Lee (sales) — 82.76 · good · rank 2 of 2"),
        "{md}"
    );
    assert!(
        md.contains("| 2/2 | Ann Lee | sales | 82.76 | good |"),
        "{md}"
    );
}

/// A period with nothing scored yet (2026-Q4 on 2026-10-10 has no data): no total, grade or
/// rank anywhere, "—" on the page and empty cells in the CSV, never 0.00 fail.
#[test]
fn nothing_scored_has_no_total_grade_or_rank() {
    let env = Env::new();
    team(&env);
    let md = at(
        &env,
        LATER,
        None,
        &["report", "--period", "2026-Q4", "--format", "md"],
    );
    assert!(md.contains("| — | Ann Lee | sales | — | — |"), "{md}");
    assert!(md.contains("### Ann Lee (sales) — — · — · —"), "{md}");
    assert!(!md.contains("fail") && !md.contains("0.00 ·"), "{md}");
    let csv = at(
        &env,
        LATER,
        None,
        &["report", "--period", "2026-Q4", "--format", "csv"],
    );
    assert!(csv.contains("Total,Ann Lee,,,,,,"), "{csv}");
    assert!(!csv.contains("fail"), "{csv}");
}

#[test]
fn bad_formats_and_periods_are_refused_and_nothing_is_written() {
    let env = Env::new();
    team(&env);
    let file = env.dir.path().join("r.xls");
    let err = env.refuse(&[
        "report",
        "--period",
        "2026-Q3",
        "--format",
        "xls",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert!(
        err.contains("format") && err.contains("md, csv, html"),
        "{err}"
    );
    assert!(!file.exists());
    let err = env.refuse(&["report", "--period", "Q3", "--format", "md"]);
    assert!(err.contains("period"), "{err}");
}

/// Twenty days before a quarter ends, its part so far is not set against the whole quarter
/// before: the teams' figures are their run-rate forecasts and the reps' totals their pace,
/// and the summary says so. Needs attention lists the failing cards first, then the reps
/// short of a target, the furthest behind first.
#[test]
fn a_running_period_compares_its_pace_not_its_part() {
    let env = Env::new();
    env.cmd().arg("init").assert().success();
    env.run(&["demo"]);
    let now = "2026-09-10T18:00:00+08:00";
    let md = at(
        &env,
        now,
        None,
        &["report", "--period", "2026-Q3", "--format", "md"],
    );
    let section = |title: &str| -> Vec<String> {
        md.split(&format!("### {title}"))
            .nth(1)
            .unwrap_or_else(|| panic!("{title}: {md}"))
            .lines()
            .skip(1)
            .take_while(|l| !l.starts_with('#'))
            .filter(|l| l.starts_with("- "))
            .map(str::to_string)
            .collect()
    };
    let changes = section("Biggest changes since 2026-Q2");
    assert!(!changes.is_empty(), "{md}");
    for line in &changes {
        assert!(
            line.contains("at this pace") || line.contains("on pace"),
            "{line}"
        );
    }
    let behind = section("Needs attention");
    let points = |l: &str| l.contains(" points: ") || l.ends_with(" points");
    let first_target = behind
        .iter()
        .position(|l| !points(l))
        .unwrap_or(behind.len());
    assert!(
        behind[first_target..].iter().all(|l| !points(l)),
        "failing cards first: {behind:?}"
    );
    let completion = |l: &str| -> f64 {
        let at = l.rfind(" at ").unwrap() + 4;
        l[at..].split('%').next().unwrap().parse().unwrap()
    };
    let shares: Vec<f64> = behind[first_target..]
        .iter()
        .map(|l| completion(l))
        .collect();
    assert!(
        shares.windows(2).all(|w| w[0] <= w[1]),
        "the furthest behind first: {behind:?}"
    );
}
