//! The translation layer: every key the code asks for exists, and refusals read well in
//! both languages.

use std::path::Path;

use salestrack::domain::{FieldError, Grade, Money, Reason};
use salestrack::i18n::{self, EN_SOURCE, Lang, ZH_SOURCE, flatten_source};

use crate::common::screen::lang_lock;

/// The literal keys passed to `t!(...)` in a source text (not `format!(`, not keys built at
/// run time such as `field.{field}`, which the enum and field tests cover).
fn keys_used(source: &str) -> Vec<String> {
    let mut keys = Vec::new();
    let mut rest = source;
    while let Some(at) = rest.find("t!(\"") {
        let word_start = rest[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
        let after = &rest[at + 4..];
        if let Some(end) = after.find('"') {
            let key = &after[..end];
            if word_start && key.contains('.') && !key.contains(['{', ' ']) {
                keys.push(key.to_string());
            }
        }
        rest = after;
    }
    keys
}

fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push((
                path.display().to_string(),
                std::fs::read_to_string(&path).unwrap(),
            ));
        }
    }
}

#[test]
fn every_key_the_code_uses_is_in_both_catalogues() {
    let en = flatten_source(EN_SOURCE).unwrap();
    let zh = flatten_source(ZH_SOURCE).unwrap();
    let mut files = Vec::new();
    sources(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let mut missing = Vec::new();
    let mut seen = 0;
    for (file, text) in &files {
        for key in keys_used(text) {
            seen += 1;
            if !en.contains_key(&key) || !zh.contains_key(&key) {
                missing.push(format!("{file}: {key}"));
            }
        }
    }
    assert!(seen >= 20, "the scan finds the keys ({seen})");
    assert!(
        missing.is_empty(),
        "keys missing from the locales: {missing:#?}"
    );
}

#[test]
fn every_enum_value_and_field_has_a_label_in_both_languages() {
    use salestrack::domain::*;
    let en = flatten_source(EN_SOURCE).unwrap();
    let zh = flatten_source(ZH_SOURCE).unwrap();
    let mut keys: Vec<&str> = Vec::new();
    macro_rules! labels {
        ($($t:ty),+) => {$(
            keys.extend(<$t>::ALL.iter().map(|v| v.label_key()));
            keys.push(Box::leak(format!("field.{}", <$t>::FIELD).into_boxed_str()));
        )+};
    }
    labels!(
        Grade,
        CustomerStage,
        VisitKind,
        PurchaseRole,
        Personality,
        DealStage,
        Role,
        Metric
    );
    keys.extend(OwnershipReason::ALL.iter().map(|v| v.label_key()));
    for key in keys {
        assert!(en.contains_key(key) && zh.contains_key(key), "{key}");
    }
}

#[test]
fn refusals_name_the_field_and_the_accepted_form_in_both_languages() {
    // The lock, so no other test sees the language switch.
    let _l = lang_lock(Lang::En);
    let grade = "E".parse::<Grade>().unwrap_err();
    let money = Money::parse("expense", "1.234").unwrap_err();
    let empty = FieldError::new("name", "", Reason::Empty);

    assert_eq!(
        grade.to_string(),
        "grade: “E” is not accepted; use one of: A, B, C, D"
    );
    assert!(
        money
            .to_string()
            .starts_with("expense: “1.234” has more than two decimals")
    );
    assert_eq!(empty.to_string(), "name is required");
    let date = salestrack::domain::date_input::parse_date(
        "date",
        "30/02/2026",
        chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
    )
    .unwrap_err();
    assert_eq!(
        date.to_string(),
        "date: “30/02/2026” is not accepted; expected YYYY-MM-DD, today or yesterday"
    );

    i18n::set_lang(Lang::Zh);
    assert_eq!(grade.to_string(), "等级：不接受“E”，可选：A, B, C, D");
    assert!(money.to_string().starts_with("费用：“1.234”超过两位小数"));
    assert_eq!(empty.to_string(), "名称不能为空");
    assert!(date.to_string().contains("today（今天）"), "{date}");
    i18n::set_lang(Lang::En);
}
