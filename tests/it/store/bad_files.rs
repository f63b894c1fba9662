//! Mangled files (issue 10): the spreadsheet reader (CSV and Excel) and the config parser take any bytes
//! — invalid UTF-8, GBK cut in the middle of a character, huge fields, ragged rows, NULs,
//! a BOM in the middle — and answer with a clear error or a valid result, never a panic;
//! an import that is refused writes nothing. (Template files: tests/it/store/bad_templates.rs.)

use crate::common::Env;
use crate::common::screen::clock;
use proptest::prelude::*;
use salestrack::config::Settings;
use salestrack::domain::sheet::{self, Encoding, Kind, ReadOptions};
use salestrack::store::Store;
use salestrack::store::import::ImportOptions;

const GOOD_CSV: &str = "客户名称,等级,行业,地区,负责人,备注\n华为技术有限公司,A,通信,深圳,,重点\nAcme Ltd,B,制造,上海,,\n";

fn gbk(text: &str) -> Vec<u8> {
    encoding_rs::GB18030.encode(text).0.into_owned()
}

/// A good file damaged: bytes cut out, replaced or inserted somewhere.
fn damaged() -> impl Strategy<Value = Vec<u8>> {
    let base = prop_oneof![
        Just(GOOD_CSV.as_bytes().to_vec()),
        Just(gbk(GOOD_CSV)),
        Just(format!("\u{feff}{GOOD_CSV}").into_bytes()),
    ];
    let junk = prop_oneof![
        prop::collection::vec(any::<u8>(), 0..8),
        Just(vec![0]),
        Just(b"\xEF\xBB\xBF".to_vec()),
        Just(b"\"".to_vec()),
        Just(b",,,,,,,,\n".to_vec()),
        Just(vec![0xB2]), // the first byte of a GBK character, alone
    ];
    (base, any::<prop::sample::Index>(), 0usize..6, junk).prop_map(|(b, at, cut, junk)| {
        let i = at.index(b.len() + 1);
        let mut out = b[..i].to_vec();
        out.extend(junk);
        out.extend_from_slice(&b[(i + cut).min(b.len())..]);
        out
    })
}

/// WukongCRM's `.xls` export and an `.xlsx`, as the bytes the Excel fuzz damages.
fn workbooks() -> Vec<Vec<u8>> {
    let xls = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/wukong/客户信息.xls"),
    )
    .unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in [["客户名称", "客户级别"], ["甲公司", "A（重点客户）"]]
        .iter()
        .enumerate()
    {
        for (c, v) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    vec![xls, book.save_to_buffer().unwrap()]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// A workbook cut short or with bytes changed is refused or read, never a panic.
    #[test]
    fn the_excel_reader_never_panics(which in 0usize..2, cut in 0.0f64..1.0,
                                     flips in prop::collection::vec((0.0f64..1.0, any::<u8>()), 0..8)) {
        let mut bytes = workbooks().swap_remove(which);
        for (at, b) in flips {
            let i = ((bytes.len() - 1) as f64 * at) as usize;
            bytes[i] = b;
        }
        let keep = ((bytes.len() as f64) * (0.5 + cut / 2.0)) as usize;
        bytes.truncate(keep.max(8));
        let _ = sheet::read(&bytes, Kind::Customers, &ReadOptions::default());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1500))]

    #[test]
    fn the_csv_reader_never_panics(bytes in prop_oneof![damaged(), prop::collection::vec(any::<u8>(), 0..300)],
                                   enc in prop::sample::select(vec![Encoding::Auto, Encoding::Utf8, Encoding::Gbk])) {
        let options = ReadOptions { encoding: enc, ..ReadOptions::default() };
        match sheet::read(&bytes, Kind::Customers, &options) {
            Ok(file) => prop_assert!(file.rows.len() <= bytes.len()),
            Err(e) => {
                let said = format!("{:?}", e);
                prop_assert!(!said.is_empty());
            }
        }
    }

    #[test]
    fn the_config_parser_never_panics(text in prop_oneof![
        ".{0,200}",
        "(language|currency|theme|claim_limit|db_path) = .{0,20}\n\\[(cadence|pool|keys)\\]\n[a-z_]{1,12} = [0-9a-z\"\\[\\]]{0,10}",
    ]) {
        if let Err((line, message)) = Settings::parse(&text) {
            prop_assert!(!message.is_empty());
            if let Some(l) = line {
                prop_assert!(l >= 1 && l <= text.matches('\n').count() + 1);
            }
        }
    }
}

/// Through the store: a file with one bad row among good ones is refused whole, and the
/// database is as it was.
#[test]
fn a_refused_import_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("i.db");
    let mut s = Store::create_or_open(&path, clock()).unwrap();
    s.init_first_manager("boss", "Boss").unwrap();
    let boss = s.actor_for("boss").unwrap();
    let huge = "x".repeat(1 << 20);
    let cases: Vec<Vec<u8>> = vec![
        format!("{GOOD_CSV}Bad Co,Z,,,,\n").into_bytes(),
        format!("{GOOD_CSV}Ghost Co,A,,,nobody.here,\n").into_bytes(),
        format!("{GOOD_CSV},A,,,,\n").into_bytes(),
        format!("客户名称,备注\nBig Co,{huge}\nBad,\"unclosed\n").into_bytes(),
    ];
    let before = crate::common::dump(&path, &[]);
    for bytes in cases {
        if let Ok(file) = sheet::read(&bytes, Kind::Customers, &ReadOptions::default()) {
            assert!(
                s.import_customers(&boss, &file, ImportOptions::default())
                    .is_err()
            );
        }
        assert_eq!(crate::common::dump(&path, &[]), before);
    }
}

/// Through the binary: undecodable, truncated GBK, ragged and empty files are refused with a
/// message on stderr and the database unchanged (`Env::refuse` compares every table).
#[test]
fn mangled_csv_files_through_the_binary() {
    let env = Env::new();
    env.init();
    let file = env.dir.path().join("c.csv");
    let mut truncated = gbk(GOOD_CSV);
    truncated.truncate(truncated.len() - 2);
    truncated.push(0xB2);
    let cases: Vec<(Vec<u8>, &[&str])> = vec![
        (vec![0xff, 0xfe, 0x00, 0x41, 0x00], &[]),
        (truncated, &["--encoding", "utf-8"]),
        (b"name\n\"never closed,A\n".to_vec(), &[]),
        (b"grade,region\nA,x\n".to_vec(), &[]),
        (Vec::new(), &[]),
        (b"\x00\x00\x00".to_vec(), &[]),
    ];
    for (bytes, extra) in cases {
        std::fs::write(&file, &bytes).unwrap();
        let mut args = vec!["customer", "import", file.to_str().unwrap()];
        args.extend_from_slice(extra);
        let err = env.refuse(&args);
        assert!(err.starts_with("error"), "{bytes:?}: {err}");
    }
}

/// A config file of any bytes: the program still starts, on defaults, and says which line.
#[test]
fn a_broken_config_is_reported_and_the_program_runs_on_defaults() {
    let env = Env::new();
    env.init();
    let config = env.dir.path().join("config/salestrack/config.toml");
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    for bytes in [
        b"language = \"en\"\ncurrency = \n".to_vec(),
        vec![0xc3, 0x28, b'\n'],
        b"[keys]\nquit = 42\n".to_vec(),
        "claim_limit = 99999999999999999999\n".as_bytes().to_vec(),
    ] {
        std::fs::write(&config, &bytes).unwrap();
        let out = env.cmd().args(["rep", "list"]).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("config.toml") && err.contains("defaults"),
            "{err}"
        );
    }
}
