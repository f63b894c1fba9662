//! Moving in from WukongCRM and spreadsheets through the built binary (README, Moving in):
//! its real exports (`.xls`, and CSV saved by Excel on Chinese Windows in GBK), its import
//! template with the notes row, `.xlsx`, contacts and follow-up records, `--update`,
//! `--map`, and the files that must be refused with nothing written.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate};
use rust_xlsxwriter::{Format, Workbook};
use salestrack::clock::Clock;
use salestrack::domain::{CustomerStage, Grade};
use salestrack::store::Store;
use salestrack::store::customers::Customer;

use crate::common::{Env, gbk};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/wukong")
        .join(name)
}

fn store(env: &Env) -> Store {
    let clock = Clock::fixed(DateTime::parse_from_rfc3339("2026-09-30T18:00:00+08:00").unwrap());
    Store::open(&env.db(), clock).unwrap()
}

fn customer(env: &Env, name: &str) -> Customer {
    store(env).resolve_customer(name).unwrap()
}

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// The rows of WukongCRM 11's default customer export (as `make_xls.py` writes them).
const EXPORT_CSV: &str = "客户名称,客户来源,手机,电话,网址,邮箱,客户行业,客户级别,下次联系时间,备注,锁定状态,成交状态,最后跟进时间,最后跟进记录,详细地址,地区定位,距进入公海天数,负责人,相关团队,所属部门,更新时间,创建时间,创建人
杭州云帆网络科技有限公司,转介绍,13800138000,0571-88886666,www.yunfan.example,sales@yunfan.example,IT,A（重点客户）,2026-10-08 09:30:00,年底有扩容计划,未锁定,已成交,2026-09-20 15:00:00,电话沟通续约,文三路 90 号,\"浙江省,杭州市,西湖区\",,张伟,,销售部,2026-09-20 15:00:00,2025-03-01 10:00:00,张伟
北京精密机械有限公司,陌拜,13911112222,,,,生产,B（普通客户）,,,已锁定,未成交,,,,\"北京市,北京城区,朝阳区\",,Ann Lee,,销售部,2026-08-01 11:00:00,2026-08-01 11:00:00,Ann Lee
深圳市海角贸易有限公司,线上询价,,0755-28780808,,,商业服务,C（非优先客户）,2026-11-15 14:00:00,公海客户,未锁定,未成交,,,,\"广东省,深圳市,南山区\",,,,,2026-07-15 09:00:00,2026-07-15 09:00:00,张伟
";

/// Every field of the three customers of the export arrived, by meaning.
fn check_the_export_arrived(env: &Env, out: &str) {
    assert!(
        out.contains("WukongCRM's own bookkeeping, not imported: 锁定状态, 最后跟进时间"),
        "{out}"
    );
    assert!(
        !out.contains("columns not imported"),
        "every other column is read: {out}"
    );
    let c = customer(env, "杭州云帆网络科技有限公司");
    assert_eq!((c.grade, c.stage), (Grade::A, CustomerStage::Customer));
    assert_eq!(
        c.owner_login.as_deref(),
        Some("zhang.wei"),
        "负责人 by name"
    );
    // WukongCRM's 转介绍 is our own source, kept as its code (it reads 转介绍 in Chinese).
    assert_eq!(c.source.as_deref(), Some("referral"));
    assert_eq!(c.industry.as_deref(), Some("IT"));
    assert_eq!(c.mobile.as_deref(), Some("13800138000"));
    assert_eq!(c.phone.as_deref(), Some("0571-88886666"));
    assert_eq!(c.website.as_deref(), Some("www.yunfan.example"));
    assert_eq!(c.email.as_deref(), Some("sales@yunfan.example"));
    assert_eq!(
        c.next_follow_up,
        Some(date("2026-10-08")),
        "a date-time is a date"
    );
    assert_eq!(c.notes.as_deref(), Some("年底有扩容计划"));
    assert_eq!(c.address.as_deref(), Some("文三路 90 号"));
    assert_eq!(c.region.as_deref(), Some("浙江省"));
    assert_eq!(c.city.as_deref(), Some("杭州市西湖区"));
    let c = customer(env, "北京精密机械有限公司");
    assert_eq!((c.grade, c.stage), (Grade::B, CustomerStage::Lead));
    assert_eq!(c.owner_login.as_deref(), Some("ann"));
    assert_eq!(
        c.mobile.as_deref(),
        Some("13911112222"),
        "a number keeps no .0"
    );
    assert_eq!(c.city.as_deref(), Some("北京城区朝阳区"));
    let c = customer(env, "深圳市海角贸易有限公司");
    assert_eq!(c.grade, Grade::C);
    assert_eq!(c.owner_login, None, "no 负责人: the pool");
    assert_eq!(c.next_follow_up, Some(date("2026-11-15")));
}

#[test]
fn wukongs_xls_export_arrives_whole() {
    let env = Env::new();
    env.init();
    let file = fixture("客户信息.xls");
    let out = env.run(&["customer", "import", file.to_str().unwrap()]);
    assert!(out.contains("imported 3 customers (xls)"), "{out}");
    check_the_export_arrived(&env, &out);
}

#[test]
fn the_same_export_saved_as_gbk_csv_arrives_whole() {
    let env = Env::new();
    env.init();
    let file = env.write("客户信息.csv", &gbk(EXPORT_CSV));
    let dry = env.run(&["customer", "import", &file, "--dry-run"]);
    assert!(
        dry.contains("dry run: 3 customers would be imported (GBK)"),
        "{dry}"
    );
    assert!(customer_count(&env) == 0, "a dry run writes nothing");
    let out = env.run(&["customer", "import", &file]);
    assert!(out.contains("imported 3 customers (GBK)"), "{out}");
    check_the_export_arrived(&env, &out);
}

fn customer_count(env: &Env) -> usize {
    let v: Vec<serde_json::Value> =
        serde_json::from_str(&env.run(&["customer", "list", "--json"])).unwrap();
    v.len()
}

/// WukongCRM's customer import template as an `.xlsx`: a merged notes cell across the first
/// row, the headers under it with a `*` on the required ones, 省 / 市 / 区 apart.
fn template_xlsx(path: &Path) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("客户导入模板").unwrap();
    let headers = [
        "*客户名称",
        "*负责人",
        "客户来源",
        "手机",
        "电话",
        "网址",
        "邮箱",
        "客户行业",
        "客户级别",
        "下次联系时间",
        "备注",
        "省",
        "市",
        "区",
        "详细地址",
    ];
    let notes = "注意事项：\n1、表头标“*”的红色字体为必填项\n2、日期时间：推荐格式为2020-02-02 13:13:13\n3、日期：推荐格式为2020-02-02";
    sheet
        .merge_range(0, 0, 0, headers.len() as u16 - 1, notes, &Format::new())
        .unwrap();
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(1, c as u16, *h).unwrap();
    }
    let row = [
        "宁波海曙港务有限公司",
        "张伟",
        "广告",
        "",
        "0574-87654321",
        "",
        "",
        "运输/物流",
        "B（普通客户）",
        "",
        "",
        "浙江省",
        "宁波市",
        "海曙区",
        "中山西路 1 号",
    ];
    for (c, v) in row.iter().enumerate() {
        sheet.write_string(2, c as u16, *v).unwrap();
    }
    // The mobile as Excel keeps a typed number, the follow-up as a real date cell.
    sheet.write_number(2, 3, 13700001111.0).unwrap();
    let when = rust_xlsxwriter::ExcelDateTime::parse_from_str("2026-10-20 10:00:00").unwrap();
    let format = Format::new().set_num_format("yyyy-mm-dd hh:mm:ss");
    sheet
        .write_datetime_with_format(2, 9, &when, &format)
        .unwrap();
    book.save(path).unwrap();
}

#[test]
fn wukongs_import_template_as_xlsx_with_its_notes_row() {
    let env = Env::new();
    env.init();
    let path = env.dir.path().join("客户导入模板.xlsx");
    template_xlsx(&path);
    let out = env.run(&["customer", "import", path.to_str().unwrap()]);
    assert!(out.contains("imported 1 customers (xlsx)"), "{out}");
    assert!(out.contains("the column names are on line 2"), "{out}");
    let c = customer(&env, "宁波海曙港务有限公司");
    assert_eq!(c.owner_login.as_deref(), Some("zhang.wei"));
    assert_eq!(c.grade, Grade::B);
    assert_eq!(c.mobile.as_deref(), Some("13700001111"));
    assert_eq!(c.phone.as_deref(), Some("0574-87654321"));
    assert_eq!(c.industry.as_deref(), Some("运输/物流"));
    assert_eq!(c.region.as_deref(), Some("浙江省"));
    assert_eq!(c.city.as_deref(), Some("宁波市海曙区"));
    assert_eq!(c.address.as_deref(), Some("中山西路 1 号"));
    assert_eq!(c.next_follow_up, Some(date("2026-10-20")), "a date cell");
    // --sheet names the sheet; one that is not there is named with those that are.
    let err = env.refuse(&[
        "customer",
        "import",
        path.to_str().unwrap(),
        "--sheet",
        "Sheet9",
    ]);
    assert!(
        err.contains("no sheet “Sheet9”; its sheets: 客户导入模板"),
        "{err}"
    );
}

#[test]
fn contacts_and_follow_up_records_land_on_their_customers() {
    let env = Env::new();
    env.init();
    let file = fixture("客户信息.xls");
    env.run(&["customer", "import", file.to_str().unwrap()]);
    // WukongCRM's contacts template: *姓名, *负责人, *客户名称 … (负责人 is its own).
    let contacts = "*姓名,*负责人,*客户名称,手机,电话,邮箱,职务,是否关键决策人,地址,下次联系时间,备注,性别
王芳,张伟,杭州云帆网络科技有限公司,13500001111,0571-1234,wang@yunfan.example,采购经理,是,,,喜欢早上联系,女
李强,张伟,杭州云帆网络科技有限公司,,0571-5678,,工程师,否,,,,男
";
    let file = env.write("联系人.csv", contacts.as_bytes());
    let out = env.run(&["contact", "import", &file]);
    assert!(out.contains("imported 2 contacts (UTF-8)"), "{out}");
    let s = store(&env);
    let c = customer(&env, "杭州云帆网络科技有限公司");
    let people = s.list_contacts(Some(&c.id)).unwrap();
    let wang = people.iter().find(|p| p.name == "王芳").unwrap();
    assert_eq!(wang.title.as_deref(), Some("采购经理"));
    assert_eq!(
        wang.phone.as_deref(),
        Some("13500001111"),
        "the mobile first"
    );
    assert_eq!(wang.email.as_deref(), Some("wang@yunfan.example"));
    assert_eq!(
        wang.purchase_role,
        Some(salestrack::domain::PurchaseRole::DecisionMaker)
    );
    assert!(
        wang.notes.as_deref().unwrap().contains("0571-1234"),
        "the landline is kept in the notes: {:?}",
        wang.notes
    );
    let li = people.iter().find(|p| p.name == "李强").unwrap();
    assert_eq!(li.phone.as_deref(), Some("0571-5678"));
    assert_eq!(li.purchase_role, None);
    // Again: both are there already, so both are skipped.
    let again = env.run(&["contact", "import", &file]);
    assert!(again.contains("imported 0 contacts"), "{again}");
    assert!(
        again.contains("line 2: “王芳” at “杭州云帆网络科技有限公司” skipped"),
        "{again}"
    );

    // WukongCRM's follow-up export (跟进记录): 所属客户, 跟进内容, 跟进人, 跟进时间 …
    let records = "所属客户,跟进内容,跟进人,跟进时间,跟进方式,下次联系时间,相关联系人,相关商机
杭州云帆网络科技有限公司,电话沟通续约价格,张伟,2026-09-20 15:00:00,打电话,2026-10-08 09:30:00,王芳,
杭州云帆网络科技有限公司,上门演示新版本,张伟,2026-08-03 10:00:00,见面拜访,,,
北京精密机械有限公司,寄送样品,Ann Lee,2026-07-15 09:00:00,送样品,,,
";
    let file = env.write("跟进记录.csv", records.as_bytes());
    let out = env.run(&["visit", "import", &file]);
    assert!(
        out.contains("imported 3 follow-up records (UTF-8)"),
        "{out}"
    );
    assert!(
        out.contains("WukongCRM's own bookkeeping, not imported: 相关商机"),
        "{out}"
    );
    let v: Vec<serde_json::Value> = serde_json::from_str(&env.run(&[
        "visit",
        "list",
        "--customer",
        "杭州云帆网络科技有限公司",
        "--json",
    ]))
    .unwrap();
    assert_eq!(v.len(), 2);
    assert_eq!(v[0]["date"], "2026-09-20", "{v:?}");
    assert_eq!(v[0]["kind"], "call");
    assert_eq!(v[0]["author_login"], "zhang.wei");
    assert_eq!(v[1]["kind"], "visit");
    let c = customer(&env, "杭州云帆网络科技有限公司");
    assert_eq!(c.last_visit_on, Some(date("2026-09-20")));
    assert_eq!(c.next_follow_up, Some(date("2026-10-08")));
    // An imported visit was logged when it happened: never late.
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    let late: i64 = conn
        .query_row(
            "SELECT count(*) FROM visits WHERE julianday(substr(logged_at, 1, 10)) - julianday(date) > 2",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(late, 0);
    // The contact met, and an unknown way kept as the visit's purpose.
    let met: i64 = conn
        .query_row("SELECT count(*) FROM visit_contacts", [], |r| r.get(0))
        .unwrap();
    assert_eq!(met, 1);
    let purpose: String = conn
        .query_row("SELECT purpose FROM visits WHERE kind = 'other'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(purpose, "送样品");
    // Run twice, the log is unchanged.
    let again = env.run(&["visit", "import", &file]);
    assert!(again.contains("imported 0 follow-up records"), "{again}");
}

#[test]
fn update_overwrites_the_fields_the_file_has_and_says_which() {
    let env = Env::new();
    env.init();
    let file = fixture("客户信息.xls");
    env.run(&["customer", "import", file.to_str().unwrap()]);
    let change = "客户名称,客户级别,手机,负责人\n杭州云帆网络科技有限公司,B（普通客户）,13800138000,Ann Lee\n北京精密机械有限公司,B,13911112222,\n";
    let file = env.write("更新.csv", change.as_bytes());
    let skipped = env.run(&["customer", "import", &file]);
    assert!(
        skipped.contains("line 2: “杭州云帆网络科技有限公司” skipped"),
        "{skipped}"
    );
    let dry = env.run(&["customer", "import", &file, "--update", "--dry-run"]);
    assert!(
        dry.contains("line 2: “杭州云帆网络科技有限公司” would be updated: grade, owner"),
        "{dry}"
    );
    assert_eq!(customer(&env, "杭州云帆网络科技有限公司").grade, Grade::A);
    let out = env.run(&["customer", "import", &file, "--update"]);
    assert!(out.contains("updated: grade, owner"), "{out}");
    assert!(
        !out.contains("北京精密机械有限公司"),
        "nothing changed there: {out}"
    );
    let c = customer(&env, "杭州云帆网络科技有限公司");
    assert_eq!((c.grade, c.owner_login.as_deref()), (Grade::B, Some("ann")));
    assert_eq!(
        c.source.as_deref(),
        Some("referral"),
        "a field not in the file stays"
    );
    let history = store(&env).ownership_history(&c.id).unwrap();
    assert_eq!(
        history.len(),
        2,
        "the new owner is in the history: {history:?}"
    );
}

#[test]
fn a_teams_own_levels_through_map_and_a_slip_named() {
    let env = Env::new();
    env.init();
    let text = "客户名称,客户级另,级别\n甲公司,x,大客户\n乙公司,x,小客户\n";
    let file = env.write("自定义.csv", text.as_bytes());
    let err = env.refuse(&["customer", "import", &file]);
    assert!(err.contains("line 2") && err.contains("大客户"), "{err}");
    assert!(err.contains("line 3") && err.contains("小客户"), "{err}");
    let out = env.run(&[
        "customer",
        "import",
        &file,
        "--map",
        "级别=大客户:A,小客户:D",
    ]);
    assert!(out.contains("imported 2 customers"), "{out}");
    assert!(
        out.contains("“客户级另” (did you mean “客户级别”?)"),
        "{out}"
    );
    assert_eq!(customer(&env, "甲公司").grade, Grade::A);
    assert_eq!(customer(&env, "乙公司").grade, Grade::D);
    let err = env.refuse(&["customer", "import", &file, "--map", "级别"]);
    assert!(err.contains("HEADER=FROM:TO"), "{err}");
}

#[test]
fn broken_and_foreign_files_are_refused_with_nothing_written() {
    let env = Env::new();
    env.init();
    let path = env.dir.path().join("ok.xlsx");
    template_xlsx(&path);
    let good = std::fs::read(&path).unwrap();
    let xls = std::fs::read(fixture("客户信息.xls")).unwrap();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "cut.xlsx",
            good[..good.len() / 2].to_vec(),
            "cannot be read",
        ),
        ("cut.xls", xls[..xls.len() / 3].to_vec(), "cannot be read"),
        // Cut inside a sector: calamine panicked here, before it was caught.
        ("cut2.xls", xls[..4600].to_vec(), "the workbook is damaged"),
        (
            "zip.xlsx",
            b"PK\x03\x04not really a zip".to_vec(),
            "cannot be read",
        ),
        (
            "image.png",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec(),
            "not UTF-8 / GBK text",
        ),
        (
            "notes.csv",
            "注意事项：请按模板填写\n甲,乙\n".as_bytes().to_vec(),
            "name / 客户名称",
        ),
        (
            "twice.csv",
            "客户名称,手机,联系电话,电话\n甲,1,2,3\n"
                .as_bytes()
                .to_vec(),
            "both hold",
        ),
    ];
    for (name, bytes, said) in cases {
        let file = env.write(name, &bytes);
        let err = env.refuse(&["customer", "import", &file]);
        assert!(err.contains(said), "{name}: {err}");
        assert!(!err.contains("panicked"), "{name}: {err}");
    }
    // A rep may not import, in any kind.
    let file = env.write("c.csv", "客户名称,姓名\n甲,王\n".as_bytes());
    let err = env.refuse(&["--as", "ann", "contact", "import", &file]);
    assert!(err.contains("ann may not"), "{err}");
}

/// Export, import into an empty database, export again: the same file.
#[test]
fn an_export_imported_elsewhere_exports_the_same() {
    let env = Env::new();
    env.init();
    env.run(&[
        "customer",
        "import",
        fixture("客户信息.xls").to_str().unwrap(),
    ]);
    let first = env.run(&["customer", "export"]);
    let file = env.write("export.csv", first.as_bytes());
    let other = Env::new();
    other.init();
    other.run(&["customer", "import", &file]);
    assert_eq!(other.run(&["customer", "export"]), first);
    let zh = env.run(&["--lang", "zh", "customer", "export"]);
    let file = env.write("export-zh.csv", zh.as_bytes());
    let third = Env::new();
    third.init();
    third.run(&["customer", "import", &file]);
    assert_eq!(
        third.run(&["customer", "export"]),
        first,
        "Chinese headers too"
    );
}

#[test]
fn deals_and_payments_from_wukongs_exports() {
    let env = Env::new();
    env.init();
    env.run(&[
        "customer",
        "import",
        fixture("客户信息.xls").to_str().unwrap(),
    ]);
    // WukongCRM's 商机 export: its default columns, 商机阶段 a stage or 赢单 / 输单.
    let deals = "商机名称,客户名称,商机金额,预计成交日期,备注,商机状态组,商机阶段,最后跟进时间,负责人,相关团队,所属部门,更新时间,创建时间,创建人
云帆续约 2026,杭州云帆网络科技有限公司,120000.00,2026-09-10 00:00:00,三年期,销售流程商机组,赢单,,张伟,,销售部,2026-09-10 10:00:00,2026-06-01 09:00:00,张伟
精密机床改造,北京精密机械有限公司,80000,2026-12-20 00:00:00,,销售流程商机组,方案/报价,,Ann Lee,,,,2026-08-01 11:00:00,Ann Lee
海角试用,深圳市海角贸易有限公司,5000,,,销售流程商机组,输单,,张伟,,,,2026-07-20 09:00:00,张伟
";
    let file = env.write("商机信息.csv", &gbk(deals));
    let out = env.run(&["deal", "import", &file]);
    assert!(out.contains("imported 3 deals (GBK)"), "{out}");
    assert!(
        out.contains("columns not imported: “备注”"),
        "a deal has no notes: {out}"
    );
    let v: Vec<serde_json::Value> =
        serde_json::from_str(&env.run(&["deal", "list", "--json"])).unwrap();
    let deal = |title: &str| v.iter().find(|d| d["title"] == title).unwrap().clone();
    let won = deal("云帆续约 2026");
    assert_eq!(won["stage"], "won");
    assert_eq!(won["won_on"], "2026-09-10");
    assert_eq!(won["opened_on"], "2026-06-01");
    assert_eq!(won["owner_login"], "zhang.wei");
    assert_eq!(won["amount"], 120000.0);
    assert_eq!(deal("精密机床改造")["stage"], "proposal");
    let lost = deal("海角试用");
    assert_eq!(
        (lost["stage"].clone(), lost["lost_reason"].clone()),
        ("lost".into(), "输单".into())
    );
    let again = env.run(&["deal", "import", &file]);
    assert!(again.contains("imported 0 deals"), "{again}");

    // WukongCRM's 回款 export names a contract, not a deal: the customer's only won deal.
    let payments =
        "回款编号,客户名称,合同编号,期数,回款日期,回款金额,回款方式,备注,审核状态,合同金额,负责人
HK-001,杭州云帆网络科技有限公司,HT-001,1,2026-09-15,50000,电汇,,通过,120000,张伟
HK-002,杭州云帆网络科技有限公司,HT-001,2,2026-09-25,80000,电汇,,通过,120000,张伟
HK-003,北京精密机械有限公司,HT-002,1,2026-09-25,1000,电汇,,通过,80000,Ann Lee
HK-004,杭州云帆网络科技有限公司,HT-001,3,2026-09-01,100,电汇,,通过,120000,张伟
";
    let file = env.write("回款信息.csv", payments.as_bytes());
    let err = env.refuse(&["payment", "import", &file]);
    assert!(
        err.contains("line 3") && err.contains("more than the"),
        "{err}"
    );
    assert!(
        err.contains("line 4") && err.contains("no won deal"),
        "{err}"
    );
    assert!(
        err.contains("line 5") && err.contains("2026-09-10"),
        "before the win: {err}"
    );
    let fixed = "回款日期,回款金额,客户名称,商机名称\n2026-09-15,50000,杭州云帆网络科技有限公司,云帆续约 2026\n2026-09-25,70000,杭州云帆网络科技有限公司,\n";
    let file = env.write("回款.csv", fixed.as_bytes());
    let out = env.run(&["payment", "import", &file]);
    assert!(out.contains("imported 2 payments"), "{out}");
    let v: Vec<serde_json::Value> =
        serde_json::from_str(&env.run(&["deal", "list", "--json", "--stage", "won"])).unwrap();
    assert_eq!(v[0]["paid"], 120000.0, "{v:?}");
}

/// What a hostile review of the import found, each as it must now be.
#[test]
fn a_hostile_file_is_refused_and_a_careless_one_named_line_by_line() {
    let env = Env::new();
    env.init();
    // A cell at the far corner of a sheet: refused, not a grid that size in memory.
    let far = env.dir.path().join("far.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "客户名称").unwrap();
    sheet.write_string(1, 0, "甲").unwrap();
    sheet.write_string(1_048_575, 16_383, "x").unwrap();
    book.save(&far).unwrap();
    let err = env.refuse(&["customer", "import", far.to_str().unwrap()]);
    assert!(err.contains("beyond any list of records"), "{err}");
    // Not a file: a device that never ends, a folder.
    for path in ["/dev/zero", env.dir.path().to_str().unwrap()] {
        let err = env.refuse(&["customer", "import", path]);
        assert!(err.contains("is not a file"), "{path}: {err}");
    }
    // A control character in one cell refuses that line, named; a CRLF file keeps its lines.
    let text = "客户名称,备注\r\n甲公司,ok\r\n乙\u{1b}[31m公司,x\r\n丙公司,a\u{7}b\r\n";
    let file = env.write("cc.csv", text.as_bytes());
    let err = env.refuse(&["customer", "import", &file]);
    assert!(err.contains("line 3") && err.contains("line 4"), "{err}");
    assert!(!err.contains("line 2"), "{err}");
    // Nor may one be added by hand: the export would carry it to every terminal.
    let err = env.refuse(&["customer", "add", "--name", "红\u{1b}[31m字"]);
    assert!(err.contains("name"), "{err}");
    // Too long a name, full-width digits in a phone.
    let long = format!(
        "客户名称,手机\n{},１３８００１３８０００\n",
        "名".repeat(201)
    );
    let file = env.write("long.csv", long.as_bytes());
    let err = env.refuse(&["customer", "import", &file]);
    assert!(err.contains("line 2") && err.contains("200"), "{err}");
    let file = env.write(
        "wide.csv",
        "客户名称,手机\n丁公司,１３８００１３８０００\n".as_bytes(),
    );
    env.run(&["customer", "import", &file]);
    assert_eq!(
        customer(&env, "丁公司").mobile.as_deref(),
        Some("13800138000")
    );
    // A contacts file given to the customer import is named for what it is.
    let file = env.write("c.csv", "姓名,客户名称,手机\n王芳,丁公司,1\n".as_bytes());
    let err = env.refuse(&["customer", "import", &file]);
    assert!(err.contains("salestrack contact import"), "{err}");
}

#[test]
fn people_and_contacts_are_found_or_the_ambiguity_named() {
    let env = Env::new();
    env.init();
    env.run(&["rep", "add", "--name", "李明", "--login", "li.ming"]);
    env.run(&["rep", "add", "--name", "李明", "--login", "li.ming2"]);
    // A rep whose name is another's login: the login wins.
    env.run(&["rep", "add", "--name", "ann", "--login", "ann.other"]);
    let file = env.write(
        "owners.csv",
        "客户名称,负责人\n甲公司,李明\n乙公司,ann\n".as_bytes(),
    );
    let err = env.refuse(&["customer", "import", &file]);
    assert!(err.contains("line 2") && err.contains("li.ming2"), "{err}");
    assert!(!err.contains("line 3"), "{err}");
    let file = env.write("ok.csv", "客户名称,负责人\n乙公司,ann\n".as_bytes());
    env.run(&["customer", "import", &file]);
    assert_eq!(customer(&env, "乙公司").owner_login.as_deref(), Some("ann"));
    // Two contacts of one name: a follow-up naming it is refused, not linked at random.
    for _ in 0..2 {
        env.run(&["contact", "add", "--customer", "乙公司", "--name", "王五"]);
    }
    env.run(&["contact", "add", "--customer", "乙公司", "--name", "赵六"]);
    let records = "所属客户,跟进内容,跟进人,跟进时间,相关联系人
乙公司,电话沟通,ann,2026-09-20 10:00:00,王五
乙公司,上门拜访,ann,2026-09-20 16:00:00,赵六
";
    let file = env.write("v.csv", records.as_bytes());
    let err = env.refuse(&["visit", "import", &file]);
    assert!(err.contains("line 2") && err.contains("王五"), "{err}");
    // The same text on one day at two times is two follow-ups; at one time, one.
    let records = "所属客户,跟进内容,跟进人,跟进时间,相关联系人
乙公司,电话沟通,ann,2026-09-20 10:00:00,赵六
乙公司,电话沟通,ann,2026-09-20 16:00:00,赵六
乙公司,电话沟通,ann,2026-09-20 16:00:00,赵六
";
    let file = env.write("v2.csv", records.as_bytes());
    let out = env.run(&["visit", "import", &file]);
    assert!(out.contains("imported 2 follow-up records"), "{out}");
    assert!(
        out.contains("line 4"),
        "the third is the second again: {out}"
    );
}

#[test]
fn a_likely_twin_is_named_and_a_rep_learns_only_whose_it_is() {
    let env = Env::new();
    env.init();
    env.run(&[
        "customer",
        "import",
        fixture("客户信息.xls").to_str().unwrap(),
    ]);
    let file = env.write(
        "twin.csv",
        "客户名称\n海角贸易(深圳)\n海角天涯\n".as_bytes(),
    );
    let out = env.run(&["customer", "import", &file]);
    assert!(
        out.contains("imported 2 customers"),
        "a twin is imported: {out}"
    );
    assert!(
        !out.contains("海角天涯” imported, and"),
        "another company: {out}"
    );
    assert!(
        out.contains(
            "line 2: “海角贸易(深圳)” imported, and it looks like “深圳市海角贸易有限公司” (pool)"
        ),
        "{out}"
    );
    // A rep adding a twin of a colleague's customer is told whose, not its name.
    let out = env
        .cmd()
        .args([
            "--as",
            "ann",
            "customer",
            "add",
            "--name",
            "云帆网络科技（杭州）有限公司",
        ])
        .assert()
        .success();
    let said = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        said.contains("looks like a customer of zhang.wei"),
        "{said}"
    );
    assert!(!said.contains("杭州云帆网络科技有限公司"), "{said}");
    // One phone, written another way, under another name: likely one company too.
    let file = env.write(
        "phone.csv",
        "客户名称,手机\n云帆科技,+86 138-0013-8000\n".as_bytes(),
    );
    let out = env.run(&["customer", "import", &file]);
    assert!(
        out.contains("“云帆科技” imported, and it looks like “杭州云帆网络科技有限公司”"),
        "{out}"
    );
    let out = env
        .cmd()
        .args([
            "customer",
            "add",
            "--name",
            "冷链物流",
            "--phone",
            "(0755) 2878 0808",
        ])
        .assert()
        .success();
    let said = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        said.contains("looks like “深圳市海角贸易有限公司”"),
        "{said}"
    );
}
