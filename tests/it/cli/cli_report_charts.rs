//! The HTML report as a browser shows it (issue 22): the demo team's report rendered by
//! headless Chromium in English and Chinese, to a screenshot and an A4 PDF left under
//! `target/tmp/report/` for a person to look at; and, from the SVG's own coordinates, no
//! chart label drawn over another, with ten reps of long Chinese names.
//!
//! `.ci/run` installs `chromium-headless-shell` and `fonts-noto-cjk` and sets
//! `SALESTRACK_BROWSER_REQUIRED`, so there the browser test never skips.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::Env;
use crate::common::team::{LATER, at, team};
use salestrack::report::svg::text_px;

/// The browser on this machine, if any: Debian's `chromium-headless-shell`, or Chromium.
fn browser() -> Option<&'static str> {
    ["chromium-headless-shell", "chromium", "chromium-browser"]
        .into_iter()
        .find(|b| {
            Command::new(b)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
}

fn out_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("report");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs the browser on `html` with `args`; fails on a browser error.
fn chromium(browser: &str, html: &Path, args: &[String]) -> String {
    let out = Command::new(browser)
        .args([
            "--headless",
            "--disable-gpu",
            "--no-sandbox",
            "--hide-scrollbars",
        ])
        .args(args)
        .arg(format!("file://{}", html.display()))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{browser} failed on {}: {}",
        html.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_demo_teams_report_renders_in_a_real_browser() {
    let Some(browser) = browser() else {
        assert!(
            std::env::var_os("SALESTRACK_BROWSER_REQUIRED").is_none(),
            "no browser, and CI requires one (chromium-headless-shell)"
        );
        eprintln!("skipped: no Chromium here; the HTML report was not rendered");
        return;
    };
    let env = Env::new();
    env.cmd().arg("init").assert().success();
    env.run(&["demo"]);
    let dir = out_dir();
    // A finished quarter in English, the one running (its last day) in Chinese.
    for (lang, period, title) in [
        ("en", "2026-Q2", "Sales report · 2026-Q2"),
        ("zh", "2026-Q3", "销售报告 · 2026-Q3"),
    ] {
        let html = dir.join(format!("demo-{lang}.html"));
        let _ = std::fs::remove_file(&html);
        env.run(&[
            "--lang",
            lang,
            "report",
            "--period",
            period,
            "--format",
            "html",
            "-o",
            html.to_str().unwrap(),
        ]);
        let source = std::fs::read_to_string(&html).unwrap();
        // The browser's own reading of the page: the document it built from the file.
        let dom = chromium(browser, &html, &["--dump-dom".into()]);
        assert!(dom.contains(title), "{lang}: the title in the DOM");
        assert_eq!(
            dom.matches("<svg").count(),
            source.matches("<svg").count(),
            "{lang}: every chart became an element"
        );
        assert!(
            dom.contains("class=\"matrix\""),
            "{lang}: the target matrix"
        );
        let png = dir.join(format!("demo-{lang}.png"));
        let pdf = dir.join(format!("demo-{lang}.pdf"));
        for f in [&png, &pdf] {
            let _ = std::fs::remove_file(f);
        }
        chromium(
            browser,
            &html,
            &[
                format!("--screenshot={}", png.display()),
                "--window-size=1100,2400".into(),
            ],
        );
        chromium(
            browser,
            &html,
            &[
                format!("--print-to-pdf={}", pdf.display()),
                "--no-pdf-header-footer".into(),
            ],
        );
        assert!(
            std::fs::metadata(&png).unwrap().len() > 40_000,
            "{lang}: a real picture"
        );
        let pdf_bytes = std::fs::read(&pdf).unwrap();
        let pages = pdf_bytes
            .windows(b"/Type /Page\n".len())
            .filter(|w| w.starts_with(b"/Type /Page") && !w.starts_with(b"/Type /Pages"))
            .count();
        assert!(
            pages >= 3,
            "{lang}: print starts each section on a new A4 page ({pages} pages)"
        );
        eprintln!("{lang}: {} and {}", png.display(), pdf.display());
    }
}

/// A `<text>` of an SVG: where it is drawn and what it says.
#[derive(Debug)]
struct Label {
    x0: f64,
    x1: f64,
    y0: f64,
    y1: f64,
    text: String,
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let end = tag[at..].find('"')?;
    Some(tag[at..at + end].to_string())
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Every label of one SVG, boxed by its coordinates, its anchor and its display width at
/// the charts' 12 px font (a line 12 px high, its baseline 2 px above the bottom).
fn labels(svg: &str) -> Vec<Label> {
    let mut out = Vec::new();
    let mut rest = svg;
    while let Some(i) = rest.find("<text") {
        rest = &rest[i..];
        let close = rest.find('>').unwrap();
        let tag = &rest[..close];
        let end = rest.find("</text>").unwrap();
        let text = unescape(&rest[close + 1..end]);
        rest = &rest[end..];
        let x: f64 = attr(tag, "x").unwrap().parse().unwrap();
        let y: f64 = attr(tag, "y").unwrap().parse().unwrap();
        let w = text_px(&text);
        let x0 = match attr(tag, "text-anchor").as_deref() {
            Some("end") => x - w,
            Some("middle") => x - w / 2.0,
            _ => x,
        };
        out.push(Label {
            x0,
            x1: x0 + w,
            y0: y - 10.0,
            y1: y + 2.0,
            text,
        });
    }
    out
}

#[test]
fn no_chart_label_overlaps_another_with_ten_long_chinese_names() {
    let env = Env::new();
    team(&env);
    let long = [
        "欧阳诸葛慕容司马",
        "欧阳诸葛慕容司徒",
        "上官皇甫东方西门",
        "长孙宇文尉迟公孙",
        "令狐端木轩辕夏侯",
        "司空澹台公冶太叔",
        "钟离申屠呼延南宫",
        "独孤百里东郭闻人",
        "赫连拓跋万俟濮阳",
        "Alexandra Montgomery-Fitzgerald",
    ];
    for (i, name) in long.iter().enumerate() {
        let login = format!("long{i}");
        env.run(&[
            "rep",
            "add",
            "--name",
            name,
            "--login",
            &login,
            "--team",
            "sales",
            "--joined",
            "2025-01-01",
        ]);
        env.run(&[
            "target", "set", "--period", "2026-Q3", "--metric", "visits", "--value", "3", "--rep",
            &login,
        ]);
    }
    for metric in ["sales", "visits", "new_customers"] {
        env.run(&[
            "target", "set", "--period", "2026-Q3", "--metric", metric, "--value", "30", "--team",
            "sales",
        ]);
    }
    env.run(&[
        "target", "set", "--period", "2026-Q3", "--metric", "visits", "--value", "7", "--team",
        "east",
    ]);
    // The company's bar: both teams' visits summed against both targets summed.
    let shown: Vec<serde_json::Value> = serde_json::from_str(&at(
        &env,
        LATER,
        None,
        &["target", "show", "--period", "2026-Q3", "--json"],
    ))
    .unwrap();
    let teams: Vec<&serde_json::Value> = shown
        .iter()
        .filter(|t| t["metric"] == "visits" && (t["scope"] == "sales" || t["scope"] == "east"))
        .collect();
    assert_eq!(teams.len(), 2);
    let sum = |k: &str| teams.iter().map(|t| t[k].as_f64().unwrap()).sum::<f64>();
    let company = format!("{:.1}%", sum("actual") / sum("value") * 100.0);
    assert_eq!(sum("value"), 37.0);
    for lang in ["en", "zh"] {
        let html = at(
            &env,
            LATER,
            None,
            &[
                "--lang", lang, "report", "--period", "2026-Q3", "--format", "html",
            ],
        );
        let mut charts = 0;
        let mut rest = html.as_str();
        while let Some(i) = rest.find("<svg") {
            let end = rest[i..].find("</svg>").unwrap() + i;
            let svg = &rest[i..end];
            rest = &rest[end..];
            charts += 1;
            let width: f64 = attr(svg, "width").unwrap().parse().unwrap();
            let ls = labels(svg);
            for l in &ls {
                assert!(
                    l.x0 >= 0.0 && l.x1 <= width,
                    "{lang}: “{}” leaves its chart ({:.0}–{:.0} of {width})",
                    l.text,
                    l.x0,
                    l.x1
                );
            }
            for (k, a) in ls.iter().enumerate() {
                for b in &ls[k + 1..] {
                    let apart = a.x1 <= b.x0 || b.x1 <= a.x0 || a.y1 <= b.y0 || b.y1 <= a.y0;
                    assert!(apart, "{lang}: “{}” overlaps “{}”", a.text, b.text);
                }
            }
        }
        assert!(charts >= 3, "{lang}: bars, small multiples and the funnel");
        let all = if lang == "zh" {
            "全部团队"
        } else {
            "All teams"
        };
        let at_all = html
            .find(&format!("<h4>{all}</h4>"))
            .expect("the company's bars");
        let block = &html[at_all..];
        let block = &block[..block.find("</div>").unwrap()];
        assert!(
            block.contains(&company),
            "{lang}: all teams' visits at {company} (5 of 7 + 30)"
        );
        // Every rep's trend is drawn, each under their name (cut to fit, never dropped).
        assert!(
            html.matches("<polyline").count() >= long.len(),
            "{lang}: a sparkline per rep"
        );
    }
}
