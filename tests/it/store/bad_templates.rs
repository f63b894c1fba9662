//! Mangled template files (issue 10): whatever the bytes, `template import` answers with a
//! clear error or a valid template, never a panic, and a refused file changes nothing.

use crate::common::Env;
use proptest::prelude::*;
use salestrack::domain::template::Template;

const GOOD: &str = "name = \"t\"\neffective_from = \"2026-10\"\ncap = 1.2\n\n[[kpi]]\nkey = \"sales\"\nweight = 35\ngoal = \"target\"\n\n[[kpi]]\nkey = \"expense_rate\"\nweight = 5\ngoal = \"5%\"\ndirection = \"lower\"\n";

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Any text at all: parsed or refused with a line inside the file.
    #[test]
    fn any_text_is_parsed_or_refused_with_a_line(text in ".{0,400}") {
        if let Err(e) = Template::parse(&text) {
            prop_assert!(e.line >= 1 && e.line <= text.lines().count().max(1) + 1, "{e:?}");
            prop_assert!(!e.to_string().is_empty());
        }
    }

    /// A good file with bytes cut, replaced or inserted somewhere.
    #[test]
    fn a_damaged_good_file_never_panics(cut in 0..GOOD.len(), len in 0usize..12, junk in "[\\[\\]=\"#%\n a-z0-9.-]{0,6}") {
        let mut text = GOOD.as_bytes()[..cut].to_vec();
        text.extend_from_slice(junk.as_bytes());
        text.extend_from_slice(&GOOD.as_bytes()[(cut + len).min(GOOD.len())..]);
        if let Ok(s) = String::from_utf8(text) {
            match Template::parse(&s) {
                Ok(t) => {
                    prop_assert!(t.rows.iter().all(|r| r.weight > 0.0 && r.cap > 0.0));
                    prop_assert_eq!(Template::parse(&t.to_toml()).unwrap(), t);
                }
                Err(e) => prop_assert!(e.line >= 1),
            }
        }
    }

    /// Huge and strange values in the places numbers go.
    #[test]
    fn odd_numbers_are_refused_or_kept_positive(w in prop_oneof![Just("1e400".to_string()), Just("inf".to_string()), Just("-inf".to_string()), Just("nan".to_string()), "-?[0-9]{1,30}(\\.[0-9]{0,5})?"]) {
        let text = format!("name = \"t\"\neffective_from = \"2026-10\"\n[[kpi]]\nkey = \"visits\"\nweight = {w}\ngoal = {w}\n");
        if let Ok(t) = Template::parse(&text) {
            prop_assert!(t.rows[0].weight.is_finite() && t.rows[0].weight > 0.0);
        }
    }
}

/// Through the binary: invalid UTF-8, a huge file, a truncated file; each refused with a
/// message and the database unchanged (`Env::refuse` compares every table).
#[test]
fn mangled_files_through_the_binary() {
    let env = Env::new();
    env.init();
    let file = env.dir.path().join("t.toml");
    let mut huge = GOOD.to_string();
    huge.push_str(&format!(
        "[[kpi]]\nkey = \"visits\"\nweight = 1\ngoal = \"{}\"\n",
        "9".repeat(1 << 20)
    ));
    let cases: Vec<Vec<u8>> = vec![
        vec![0xc3, 0x28, 0xa0, 0xa1],
        b"\xef\xbb\xbfname = \"t\"\n\x00".to_vec(),
        huge.into_bytes(),
        GOOD.as_bytes()[..GOOD.len() / 2].to_vec(),
        Vec::new(),
    ];
    for bytes in cases {
        std::fs::write(&file, &bytes).unwrap();
        let err = env.refuse(&["template", "import", file.to_str().unwrap()]);
        assert!(err.starts_with("error:"), "{err}");
    }
}
