//! Spreadsheet import and export through the built binary (issue 5, README, Spreadsheets).

use crate::common::{Env, dump, gbk};

fn names_and_owners(env: &Env) -> Vec<(String, String, String)> {
    let v: Vec<serde_json::Value> =
        serde_json::from_str(&env.run(&["customer", "list", "--json"])).unwrap();
    v.iter()
        .map(|c| {
            let s = |k: &str| c[k].as_str().unwrap_or("").to_string();
            (s("name"), s("grade"), s("owner_login"))
        })
        .collect()
}

#[test]
fn a_gbk_file_with_chinese_headers_imports_and_reports_extra_columns() {
    let env = Env::new();
    env.init();
    let file = env.write(
        "wps.csv",
        &gbk(
            "客户名称,等级,负责人,地区,下次跟进,微信号\n华为技术有限公司,A,张伟,华南,2026/10/8,hw01\n北京精密机械有限公司,b,ann,华北,,x\n",
        ),
    );
    let out = env.run(&["customer", "import", &file]);
    assert!(out.contains("imported 2 customers (GBK)"), "{out}");
    assert!(out.contains("columns not imported: “微信号”"), "{out}");
    assert_eq!(
        names_and_owners(&env),
        [
            ("北京精密机械有限公司".into(), "B".into(), "ann".into()),
            ("华为技术有限公司".into(), "A".into(), "zhang.wei".into()),
        ]
    );
    let json: Vec<serde_json::Value> =
        serde_json::from_str(&env.run(&["customer", "list", "--json", "--search", "华为"]))
            .unwrap();
    assert_eq!(json[0]["next_follow_up"], "2026-10-08");
}

#[test]
fn utf8_with_a_bom_imports() {
    let env = Env::new();
    env.init();
    let file = env.write(
        "excel.csv",
        "\u{feff}Name,Grade,Stage\nAcme Ltd,C,prospect\n".as_bytes(),
    );
    let out = env.run(&["customer", "import", &file]);
    assert!(out.contains("imported 1 customers (UTF-8)"), "{out}");
    assert_eq!(
        names_and_owners(&env)[0].0,
        "Acme Ltd",
        "no BOM in the name"
    );
}

#[test]
fn any_bad_row_lists_every_bad_row_and_imports_nothing() {
    let env = Env::new();
    env.init();
    let file = env.write(
        "bad.csv",
        b"name,grade,owner,next\nGood Co,A,ann,\nBad Grade,E,,\n,B,,\nBad Date,A,,2026-02-30\nNo Owner,A,ghost,\n",
    );
    let err = env.refuse(&["customer", "import", &file]);
    for needle in [
        "4 problems",
        "line 3: grade: “E”",
        "line 4: name is required",
        "line 5: next follow-up: “2026-02-30”",
        "line 6: owner: “ghost”",
    ] {
        assert!(err.contains(needle), "{needle:?} in {err}");
    }
    assert!(!err.contains("line 2"), "the good row is not blamed: {err}");
}

#[test]
fn duplicates_of_the_archive_and_within_the_file_are_skipped_and_reported() {
    let env = Env::new();
    env.init();
    env.run(&["customer", "add", "--name", "Acme Ltd"]);
    let file = env.write(
        "dups.csv",
        "name\nＡＣＭＥ  LTD\nNew Co\nnew co\nOther\n".as_bytes(),
    );
    let out = env.run(&["customer", "import", &file]);
    assert!(out.contains("imported 2 customers"), "{out}");
    assert!(
        out.contains("line 2: “ＡＣＭＥ LTD” skipped, it is already “Acme Ltd”"),
        "{out}"
    );
    assert!(
        out.contains("line 4: “new co” skipped, it is already “New Co”"),
        "{out}"
    );
    let names: Vec<String> = names_and_owners(&env).into_iter().map(|c| c.0).collect();
    assert_eq!(names, ["Acme Ltd", "New Co", "Other"]);
}

#[test]
fn a_dry_run_reports_and_writes_nothing() {
    let env = Env::new();
    env.init();
    let before = dump(&env.db(), &["audit"]);
    let file = env.write("dry.csv", b"name\nA\nB\n");
    let out = env.run(&["customer", "import", &file, "--dry-run"]);
    assert!(
        out.contains("dry run: 2 customers would be imported"),
        "{out}"
    );
    assert_eq!(dump(&env.db(), &["audit"]), before);
}

#[test]
fn reps_may_not_import_and_unreadable_files_are_refused() {
    let env = Env::new();
    env.init();
    let file = env.write("ok.csv", b"name\nA\n");
    let err = env.refuse(&["--as", "ann", "customer", "import", &file]);
    assert!(err.contains("ann may not import customers"), "{err}");
    let latin1 = env.write("latin1.csv", b"name\nCaf\xe9\n");
    let err = env.refuse(&["customer", "import", &latin1, "--encoding", "utf-8"]);
    assert!(err.contains("not UTF-8 text"), "{err}");
    let err = env.refuse(&["customer", "import", &file, "--encoding", "big5"]);
    assert!(err.contains("auto, utf-8, gbk"), "{err}");
    let headless = env.write("headless.csv", b"grade,region\nA,x\n");
    let err = env.refuse(&["customer", "import", &headless]);
    assert!(err.contains("(name / 客户名称)"), "{err}");
}

#[test]
fn export_then_import_gives_back_the_same_archive() {
    let env = Env::new();
    env.init();
    env.run(&[
        "customer",
        "add",
        "--name",
        "华为技术有限公司",
        "--grade",
        "A",
        "--owner",
        "zhang.wei",
        "--region",
        "华南",
        "--tags",
        "重点,续约",
        "--next",
        "2026-10-01",
        "--city",
        "深圳市",
        "--mobile",
        "13800138000",
        "--phone",
        "0755-28780808",
        "--email",
        "sales@huawei.example",
        "--website",
        "www.huawei.example",
        "--source",
        "referral",
    ]);
    env.run(&[
        "customer",
        "add",
        "--name",
        "Acme, \"The\" Ltd",
        "--stage",
        "prospect",
        "--notes",
        "two\nlines",
    ]);
    let out = env.dir.path().join("export.csv");
    env.run(&["customer", "export", "-o", out.to_str().unwrap()]);
    let bytes = std::fs::read(&out).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBFname,grade,stage,owner"),
        "a BOM and English headers"
    );
    let zh = env.run(&["--lang", "zh", "customer", "export"]);
    assert!(
        zh.starts_with("\u{feff}客户名称,客户级别,阶段,负责人"),
        "WukongCRM's headers: {zh}"
    );
    // Under Chinese headers, values read in Chinese too: the stage, the source, the owner.
    let huawei = zh.lines().find(|l| l.starts_with("华为")).unwrap();
    let english = env.run(&["customer", "export"]);
    let stage = english.lines().find(|l| l.starts_with("华为")).unwrap();
    assert!(stage.contains(",lead,"), "{stage}");
    assert!(huawei.contains(",线索,"), "{huawei}");
    assert!(huawei.contains(",转介绍,"), "{huawei}");
    let owner = env.run(&["rep", "list", "--json"]);
    let reps: Vec<serde_json::Value> = serde_json::from_str(&owner).unwrap();
    let zhang = reps.iter().find(|r| r["login"] == "zhang.wei").unwrap();
    let name = zhang["name"].as_str().unwrap();
    assert!(
        huawei.contains(&format!(",{name},")),
        "the owner by name: {huawei}"
    );
    assert!(!huawei.contains("zhang.wei"), "{huawei}");
    let zh_file = env.write("export-zh.csv", zh.as_bytes());

    let other = Env::new();
    other.init();
    other.run(&["customer", "import", out.to_str().unwrap()]);
    let strip = |env: &Env| -> Vec<serde_json::Value> {
        let v: Vec<serde_json::Value> =
            serde_json::from_str(&env.run(&["customer", "list", "--json"])).unwrap();
        v.into_iter()
            .map(|mut c| {
                c.as_object_mut().unwrap().retain(|k, _| {
                    [
                        "name",
                        "grade",
                        "stage",
                        "owner_login",
                        "region",
                        "city",
                        "tags",
                        "notes",
                        "mobile",
                        "phone",
                        "email",
                        "website",
                        "next_follow_up",
                        "source",
                    ]
                    .contains(&k.as_str())
                });
                c
            })
            .collect()
    };
    assert_eq!(strip(&env), strip(&other));
    // The Chinese export comes back as the same archive: labels and names read back as
    // the codes and logins they stand for.
    let third = Env::new();
    third.init();
    third.run(&["customer", "import", &zh_file]);
    assert_eq!(strip(&env), strip(&third));
    let english = third.run(&["customer", "export"]);
    let huawei = english.lines().find(|l| l.starts_with("华为")).unwrap();
    assert!(
        huawei.contains(",referral,"),
        "the source's code is kept: {huawei}"
    );
}

/// A rep whose name is another rep's login, and a source typed in Chinese: the export
/// writes what imports back to the same rep and the same source, in either language.
#[test]
fn an_export_imported_over_itself_changes_nothing() {
    let env = Env::new();
    env.init();
    // Named "ann", which is Ann Lee's login.
    env.run(&["rep", "add", "--name", "ann", "--login", "ann2"]);
    env.run(&[
        "customer",
        "add",
        "--name",
        "Round Trip Co",
        "--owner",
        "ann2",
        "--source",
        "转介绍",
    ]);
    env.run(&["customer", "add", "--name", "Second Co", "--owner", "ann"]);
    // A team's own spelling of a source is theirs, kept as typed.
    env.run(&[
        "customer", "add", "--name", "Third Co", "--source", "Referral",
    ]);
    for lang in ["en", "zh"] {
        let file = env.write(
            &format!("export-{lang}.csv"),
            env.run(&["--lang", lang, "customer", "export"]).as_bytes(),
        );
        let dry = env.run(&["customer", "import", &file, "--update", "--dry-run"]);
        assert!(!dry.contains("would be updated"), "{lang}: {dry}");
    }
    let english = env.run(&["customer", "export"]);
    let line = english
        .lines()
        .find(|l| l.starts_with("Round Trip"))
        .unwrap();
    assert!(
        line.contains(",ann2,"),
        "by login, as the name is a login: {line}"
    );
    assert!(
        line.contains(",referral,"),
        "the source as its code: {line}"
    );
}
