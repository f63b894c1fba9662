//! Two company names people would call the same (README, Moving in): 深圳市海角贸易有限公司
//! and 海角贸易(深圳) are one company to a salesperson, though the name rule (`names`) keeps
//! them apart. The core of a name is its name key without the legal form (有限公司, 股份有限
//! 公司, 集团, Co., Ltd. …), a bracketed place (（中国）, (深圳)) and a leading province or
//! city (深圳, 深圳市, 广东省). A likely twin is only named, never refused: 华为 and 华为技术
//! may be two customers. Two customers with one phone number (`phone_key`: its digits) are
//! likely one too.

use super::names::name_key;

/// Legal forms and like endings, longest first (so 股份有限公司 goes whole before 有限公司).
const SUFFIXES: &[&str] = &[
    "股份有限公司",
    "有限责任公司",
    "集团有限公司",
    "有限公司",
    "分公司",
    "公司",
    "集团",
    "corporation",
    "company",
    "limited",
    "co., ltd.",
    "co.,ltd.",
    "co. ltd.",
    "co.,ltd",
    "co., ltd",
    "co ltd",
    "ltd.",
    "ltd",
    "inc.",
    "inc",
    "corp.",
    "corp",
    "gmbh",
    "llc",
    "co.",
];

/// Provinces, autonomous regions and the larger cities a company name starts with. With their
/// 省 / 市 / 自治区 they are taken off too; a city not here stays (the core is then only less
/// forgiving, never wrong).
const PLACES: &[&str] = &[
    "北京",
    "上海",
    "天津",
    "重庆",
    "河北",
    "山西",
    "辽宁",
    "吉林",
    "黑龙江",
    "江苏",
    "浙江",
    "安徽",
    "福建",
    "江西",
    "山东",
    "河南",
    "湖北",
    "湖南",
    "广东",
    "海南",
    "四川",
    "贵州",
    "云南",
    "陕西",
    "甘肃",
    "青海",
    "台湾",
    "内蒙古",
    "广西",
    "西藏",
    "宁夏",
    "新疆",
    "香港",
    "澳门",
    "深圳",
    "广州",
    "杭州",
    "南京",
    "苏州",
    "武汉",
    "成都",
    "西安",
    "宁波",
    "厦门",
    "青岛",
    "大连",
    "沈阳",
    "长沙",
    "郑州",
    "济南",
    "合肥",
    "福州",
    "无锡",
    "佛山",
    "东莞",
    "昆明",
    "南宁",
    "哈尔滨",
    "长春",
    "石家庄",
    "太原",
    "南昌",
    "贵阳",
    "兰州",
    "珠海",
];

/// The core of a company's name: two names with one core are likely one company.
pub fn core(name: &str) -> String {
    let mut s = name_key(name);
    // A place in brackets anywhere: （中国）, (深圳), 【上海】 (NFKC made the brackets ASCII).
    s = without_brackets(&s);
    loop {
        let before = s.clone();
        for suffix in SUFFIXES {
            let Some(rest) = s.strip_suffix(suffix) else {
                continue;
            };
            // An English form is a word of its own: `acompany` is not `a` + company.
            if suffix.is_ascii() && !rest.ends_with([' ', ',', '.']) {
                continue;
            }
            s = rest.trim_end_matches([' ', ',', '.']).to_string();
            break;
        }
        if s == before {
            break;
        }
    }
    for place in PLACES {
        if let Some(rest) = s.strip_prefix(place) {
            let rest = ["省", "市", "自治区", "特别行政区"]
                .iter()
                .find_map(|unit| rest.strip_prefix(unit))
                .unwrap_or(rest);
            // A name that is only a place keeps it: 深圳市 is not every company.
            if !rest.trim().is_empty() {
                s = rest.trim().to_string();
            }
            break;
        }
    }
    if s.trim().is_empty() {
        name_key(name)
    } else {
        s.trim().to_string()
    }
}

/// A phone number as compared: its digits (full-width ones folded), without China's country
/// code; None when fewer than 7 digits are left (an extension, a typo).
pub fn phone_key(phone: &str) -> Option<String> {
    use unicode_normalization::UnicodeNormalization;
    let digits: String = phone
        .nfkc()
        .filter(char::is_ascii_digit)
        .collect::<String>();
    let national = digits
        .strip_prefix("0086")
        .or_else(|| digits.strip_prefix("86").filter(|d| d.len() == 11))
        .unwrap_or(&digits);
    (national.len() >= 7).then(|| national.to_string())
}

/// The digits a search is looking for in phone numbers, when it looks like part of one:
/// only digits, spaces, `-`, `+` and brackets, with at least four digits (`138 0013`,
/// `0571-8888`). Anything else is a search of names alone.
pub fn phone_search(query: &str) -> Option<String> {
    use unicode_normalization::UnicodeNormalization;
    let norm: String = query.nfkc().collect();
    let t = norm.trim();
    let phone_like = t
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '+' | '(' | ')'));
    let digits: String = t.chars().filter(char::is_ascii_digit).collect();
    (phone_like && digits.len() >= 4).then_some(digits)
}

fn without_brackets(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' | '[' | '【' | '〔' => depth += 1,
            ')' | ']' | '】' | '〕' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    let trimmed = out.split_whitespace().collect::<Vec<_>>().join(" ");
    if trimmed.is_empty() {
        s.to_string()
    } else {
        trimmed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_company_written_several_ways() {
        let same = [
            "深圳市海角贸易有限公司",
            "深圳海角贸易有限公司",
            "海角贸易(深圳)",
            "海角贸易（深圳）有限公司",
            "广东省海角贸易股份有限公司",
            "海角贸易集团",
        ];
        for name in same {
            assert_eq!(core(name), "海角贸易", "{name}");
        }
        assert_eq!(core("Acme Co., Ltd."), "acme");
        assert_eq!(core("ACME Limited"), "acme");
        assert_eq!(core("Acme (China) Inc."), "acme");
    }

    #[test]
    fn phones_compare_by_their_digits() {
        let key = phone_key("138 0013 8000");
        assert_eq!(key.as_deref(), Some("13800138000"));
        for same in [
            "+86 138-0013-8000",
            "0086 13800138000",
            "１３８００１３８０００",
        ] {
            assert_eq!(phone_key(same), key, "{same}");
        }
        assert_eq!(phone_key("0571-8888 6666").as_deref(), Some("057188886666"));
        assert_eq!(phone_key("转 123"), None);
    }

    #[test]
    fn a_search_of_digits_looks_in_phones() {
        assert_eq!(phone_search("138 0013").as_deref(), Some("1380013"));
        assert_eq!(phone_search("(0571) 8888").as_deref(), Some("05718888"));
        assert_eq!(phone_search("１３８０").as_deref(), Some("1380"));
        assert_eq!(phone_search("138"), None);
        assert_eq!(phone_search("138 号"), None);
    }

    #[test]
    fn different_companies_stay_apart() {
        assert_ne!(core("华为技术有限公司"), core("华为终端有限公司"));
        assert_ne!(core("深圳海角贸易"), core("深圳天涯贸易"));
        // A name that is only a place or only a form keeps what it has.
        assert_eq!(core("深圳市"), "深圳市");
        assert_eq!(core("有限公司"), "有限公司");
        assert_eq!(core("Bigcompany"), "bigcompany");
    }
}
