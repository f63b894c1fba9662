//! Finding a Chinese name the way people type it (README, Customers): by the initials of its
//! pinyin (`hzyf` for 杭州云帆) or the full pinyin (`hangzhou`), as well as by its characters.
//! A name's pinyin is worked out once, when it is written, and stored beside it
//! (`customers.name_pinyin`): a keystroke then only looks it up.
//!
//! A character with more than one reading (重: zhong or chong, 行: xing or hang) matches by
//! any of them. Each reading multiplies the spellings, so within `MAX_SPELLINGS` a character
//! keeps its most common readings first, and past it only its first.

use pinyin::ToPinyinMulti;

/// Spellings kept of one name (its initials and its full pinyin each).
const MAX_SPELLINGS: usize = 8;

/// Between two spellings in `name_pinyin`: a character nobody types.
pub const SEPARATOR: char = '\u{1d}';

/// Every spelling of `key` (a name key: NFKC, lower case) as initials and as full pinyin,
/// joined by `SEPARATOR`; empty when it holds no Chinese character (a Latin name is found
/// by its letters already). Letters and digits outside Chinese stay as they are.
pub fn spellings(key: &str) -> String {
    // (initials, full) of each spelling so far.
    let mut spelled: Vec<(String, String)> = vec![(String::new(), String::new())];
    let mut chinese = false;
    for c in key.chars() {
        let readings: Vec<&'static str> = match c.to_pinyin_multi() {
            Some(multi) => {
                chinese = true;
                let mut r: Vec<&'static str> =
                    (0..multi.count()).map(|i| multi.get(i).plain()).collect();
                r.dedup();
                r
            }
            None if c.is_ascii_alphanumeric() => {
                for (i, f) in &mut spelled {
                    i.push(c);
                    f.push(c);
                }
                continue;
            }
            // Spaces and punctuation are not typed in a search by pinyin.
            None => continue,
        };
        // As many readings, the common ones first, as the budget of spellings allows.
        let room = (MAX_SPELLINGS / spelled.len()).max(1);
        let readings = &readings[..readings.len().min(room)];
        spelled = spelled
            .iter()
            .flat_map(|(i, f)| {
                readings.iter().map(move |r| {
                    let mut i = i.clone();
                    i.extend(r.chars().next());
                    (i, format!("{f}{r}"))
                })
            })
            .collect();
    }
    if !chinese {
        return String::new();
    }
    let mut all: Vec<String> = spelled.iter().map(|(i, _)| i.clone()).collect();
    all.extend(spelled.into_iter().map(|(_, f)| f));
    all.dedup();
    all.join(&SEPARATOR.to_string())
}

/// Whether a search (a name key) may be pinyin: Latin letters only.
pub fn is_pinyin_search(key: &str) -> bool {
    !key.is_empty() && key.chars().all(|c| c.is_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(name: &str, typed: &str) -> bool {
        spellings(name).split(SEPARATOR).any(|s| s.contains(typed))
    }

    #[test]
    fn initials_and_full_pinyin_find_a_name() {
        let name = "杭州云帆网络科技有限公司";
        assert!(found(name, "hzyf"));
        assert!(found(name, "hangzhou"));
        assert!(found(name, "yunfanwangluo"));
        assert!(!found(name, "hzyx"), "letters in a row, not scattered");
        assert_eq!(spellings("acme ltd"), "", "a Latin name needs none");
        // Latin letters and digits in a Chinese name stay.
        assert!(found("3m中国", "3mzg"));
    }

    #[test]
    fn a_character_with_two_readings_matches_by_either() {
        // 重 is zhong (heavy) or chong (again): 重庆 is Chongqing.
        assert!(found("重庆钢铁", "cqgt"));
        assert!(found("重庆钢铁", "chongqing"));
        assert!(found("重庆钢铁", "zhongqing"));
        // 银行 is yinhang; 行 is also xing.
        assert!(found("招商银行", "zsyh"));
        assert!(found("招商银行", "yinhang"));
    }

    #[test]
    fn spellings_stay_few_for_names_full_of_polyphones() {
        let s = spellings("重重重重重重重重重重行行行行");
        assert!(s.split(SEPARATOR).count() <= 2 * MAX_SPELLINGS, "{s}");
    }

    #[test]
    fn a_pinyin_search_is_latin_letters_only() {
        assert!(is_pinyin_search("hzyf"));
        assert!(!is_pinyin_search("hz1"));
        assert!(!is_pinyin_search("杭州"));
        assert!(!is_pinyin_search(""));
    }
}
