//! Money as integer cents, never floating point (the data model (src/store/schema/migrations/0001_schema.sql)).

use std::fmt;

use unicode_normalization::UnicodeNormalization;

use crate::domain::{FieldError, Reason};

pub const MONEY_FORM: &str = "1200000, 1,200,000.50 or ¥1200000.5";

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(pub i64);

/// Currency marks accepted (and ignored) before the amount; letters in any case.
const SIGNS: &[&str] = &["¥", "$", "€", "£", "rmb", "cny", "usd"];

/// Drops one leading currency mark and the spaces after it. Compares on the string itself
/// (not a lower-cased copy) so the slice always falls on a character boundary.
fn strip_sign(t: &str) -> &str {
    for sign in SIGNS {
        if t.get(..sign.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(sign))
        {
            return t[sign.len()..].trim_start();
        }
    }
    t
}

impl Money {
    pub const ZERO: Money = Money(0);
    /// The largest amount one record may hold: ¥1 000 000 000 000. Far beyond any deal, it
    /// keeps every sum of a team's records exact (see `store::query::sum_cents`).
    pub const MAX: Money = Money(100_000_000_000_000);

    pub fn from_cents(cents: i64) -> Money {
        Money(cents)
    }

    pub fn cents(self) -> i64 {
        self.0
    }

    pub fn checked_add(self, other: Money) -> Option<Money> {
        self.0.checked_add(other.0).map(Money)
    }

    pub fn checked_sub(self, other: Money) -> Option<Money> {
        self.0.checked_sub(other.0).map(Money)
    }

    /// For JSON: the amount in currency units (cents / 100).
    pub fn to_units_f64(self) -> f64 {
        self.0 as f64 / 100.0
    }

    /// Parses what people type: `1200000`, `1,200,000.50`, `¥1200000.5`, full-width digits.
    /// Refusals say why (sign, decimals, size, shape) so the message can tell the user how.
    pub fn parse(field: &'static str, s: &str) -> Result<Money, FieldError> {
        let refuse = |reason| FieldError::new(field, s, reason);
        // NFKC turns full-width digits, commas, points, `－` and ￥ into their ASCII forms.
        let norm: String = s.nfkc().collect();
        let trimmed = norm.trim();
        let t = strip_sign(trimmed);
        // A minus (ASCII or U+2212) before or after the sign is a negative amount, not a
        // badly shaped one: the user is told that amounts cannot be negative.
        let minus = ['-', '\u{2212}'];
        if trimmed.starts_with(minus) || t.starts_with(minus) {
            return Err(refuse(Reason::Negative));
        }
        let (whole, frac) = match t.split_once('.') {
            Some((w, f)) => (w, Some(f)),
            None => (t, None),
        };
        let digits = strip_thousands(whole).ok_or_else(|| refuse(Reason::Format(MONEY_FORM)))?;
        let frac = frac.unwrap_or("");
        if !frac.chars().all(|c| c.is_ascii_digit()) || (t.contains('.') && frac.is_empty()) {
            return Err(refuse(Reason::Format(MONEY_FORM)));
        }
        if frac.len() > 2 {
            return Err(refuse(Reason::TooManyDecimals));
        }
        let mut cents: i64 = 0;
        for c in digits.chars().chain(format!("{frac:0<2}").chars()) {
            let d = i64::from(c as u8 - b'0');
            cents = cents
                .checked_mul(10)
                .and_then(|v| v.checked_add(d))
                .ok_or_else(|| refuse(Reason::Overflow))?;
        }
        if cents > Money::MAX.0 {
            return Err(refuse(Reason::Overflow));
        }
        Ok(Money(cents))
    }

    /// `¥1,200,000.50`; negatives (a loss) as `-¥1,000.00`.
    pub fn display(self, sign: &str) -> String {
        let neg = self.0 < 0;
        let abs = self.0.unsigned_abs();
        let whole = (abs / 100).to_string();
        let mut grouped = String::with_capacity(whole.len() + whole.len() / 3);
        for (i, c) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(c);
        }
        format!(
            "{}{sign}{grouped}.{:02}",
            if neg { "-" } else { "" },
            abs % 100
        )
    }
}

/// How a short amount is written: thousands and millions (`¥488k`, `¥1.2M`), or the Chinese
/// way in 万 and 亿 (`¥48.8万`, `¥1.2亿`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    Western,
    Chinese,
}

impl Money {
    /// The amount shortened for a cell or a bar's label: in 万 and 亿 to three significant
    /// digits, whole 万 from a hundred 万 (48.8万, 226万, 1235万, 1.2亿); in English k to the
    /// thousand, M and B to a tenth (488k, 7.2M); under ten thousand as it is, in whole
    /// units. The unit is chosen after rounding, so 9 999.50 reads 1万 and 999 950 000 reads
    /// 1.0B, never 10000 or 1000.0M; an amount that rounds to nothing has no minus sign.
    /// Exact amounts (`display`) belong in detail views and exports.
    pub fn short(self, sign: &str, scale: Scale) -> String {
        let units = self.0 as f64 / 100.0;
        let u = units.abs();
        // Rounded half away from zero, to `places` decimals.
        let round = |v: f64, places: i32| {
            let f = 10f64.powi(places);
            (v * f).round() / f
        };
        // Three significant digits below a hundred, whole above.
        let sig = |v: f64| match v {
            v if v >= 99.95 => round(v, 0),
            v if v >= 9.995 => round(v, 1),
            v => round(v, 2),
        };
        let whole = round(u, 0);
        let body = if whole < 1e4 {
            format!("{whole}")
        } else {
            match scale {
                Scale::Chinese => {
                    let (wan, yi) = (sig(u / 1e4), sig(u / 1e8));
                    if wan < 1e4 {
                        format!("{wan}万")
                    } else if yi < 1e4 {
                        format!("{yi}亿")
                    } else {
                        format!("{}万亿", sig(u / 1e12))
                    }
                }
                Scale::Western => {
                    let (k, m) = (round(u / 1e3, 0), round(u / 1e6, 1));
                    if k < 1e3 {
                        format!("{k}k")
                    } else if m < 1e3 {
                        format!("{m:.1}M")
                    } else {
                        format!("{:.1}B", round(u / 1e9, 1))
                    }
                }
            }
        };
        let neg = if units < 0.0 && whole > 0.0 { "-" } else { "" };
        format!("{neg}{sign}{body}")
    }
}

/// `1,200,000` → `1200000`; commas, when used, must make groups of three. None if not digits.
fn strip_thousands(whole: &str) -> Option<String> {
    if whole.is_empty() || !whole.chars().all(|c| c.is_ascii_digit() || c == ',') {
        return None;
    }
    if whole.contains(',') {
        let mut groups = whole.split(',');
        let first = groups.next()?;
        // A leading zero group (`0,100`) is refused: it is most likely a decimal comma
        // (0.1 in much of Europe), and reading it as 100 would be a silent misreading.
        let bad_first = first.is_empty() || first.len() > 3 || first.starts_with('0');
        if bad_first || groups.clone().any(|g| g.len() != 3) {
            return None;
        }
    }
    Some(whole.replace(',', ""))
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display(""))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_amounts_in_wan_and_yi_or_k_and_m() {
        let m = |yuan: i64| Money::from_cents(yuan * 100);
        assert_eq!(m(488_000).short("¥", Scale::Chinese), "¥48.8万");
        assert_eq!(m(120_000_000).short("¥", Scale::Chinese), "¥1.2亿");
        assert_eq!(m(1_234_567).short("", Scale::Chinese), "123万");
        assert_eq!(m(12_345).short("", Scale::Chinese), "1.23万");
        assert_eq!(m(2_263_600).short("", Scale::Chinese), "226万");
        assert_eq!(m(10_000).short("", Scale::Chinese), "1万");
        assert_eq!(m(9_999).short("¥", Scale::Chinese), "¥9999");
        assert_eq!(m(-50_000).short("¥", Scale::Chinese), "-¥5万");
        assert_eq!(m(488_000).short("¥", Scale::Western), "¥488k");
        assert_eq!(m(7_200_000).short("", Scale::Western), "7.2M");
        assert_eq!(m(2_000_000_000_000).short("¥", Scale::Western), "¥2000.0B");
        assert_eq!(m(2_000_000_000_000).short("¥", Scale::Chinese), "¥2万亿");
        // The unit is chosen after rounding: no 10000, 1000k or 1000.0M.
        let c = Money::from_cents;
        assert_eq!(c(999_950).short("¥", Scale::Chinese), "¥1万");
        assert_eq!(c(999_950).short("¥", Scale::Western), "¥10k");
        assert_eq!(m(999_999).short("¥", Scale::Western), "¥1.0M");
        assert_eq!(m(999_500).short("¥", Scale::Western), "¥1.0M");
        assert_eq!(m(999_950_000).short("¥", Scale::Western), "¥1.0B");
        assert_eq!(m(99_995_000).short("¥", Scale::Chinese), "¥1亿");
        assert_eq!(m(9_999_500).short("¥", Scale::Chinese), "¥1000万");
        assert_eq!(m(12_345_678).short("¥", Scale::Chinese), "¥1235万");
        assert_eq!(m(99_960).short("", Scale::Chinese), "10万");
        // Halves round away from zero; nothing has no sign.
        assert_eq!(c(250).short("¥", Scale::Western), "¥3");
        assert_eq!(c(350).short("¥", Scale::Western), "¥4");
        assert_eq!(c(-30).short("¥", Scale::Chinese), "¥0");
        assert_eq!(c(-130).short("¥", Scale::Chinese), "-¥1");
    }
    use proptest::prelude::*;

    fn p(s: &str) -> Result<i64, Reason> {
        Money::parse("amount", s)
            .map(Money::cents)
            .map_err(|e| e.reason)
    }

    #[test]
    fn accepted_forms() {
        assert_eq!(p("1200000"), Ok(120_000_000));
        assert_eq!(p("1,200,000.50"), Ok(120_000_050));
        assert_eq!(p("1200000.5"), Ok(120_000_050));
        assert_eq!(p("¥1200000.5"), Ok(120_000_050));
        assert_eq!(p("￥ 1,200"), Ok(120_000));
        assert_eq!(p("RMB 12.3"), Ok(1_230));
        assert_eq!(p("１２３"), Ok(12_300));
        assert_eq!(p(" 0.05 "), Ok(5));
        assert_eq!(p("cny5"), Ok(500));
        assert_eq!(p("Usd 1"), Ok(100));
        assert_eq!(p("$1,000"), Ok(100_000));
        assert_eq!(p("€1"), Ok(100));
        assert_eq!(p("£0.1"), Ok(10));
        assert_eq!(p("１，２００．５"), Ok(120_050));
        assert_eq!(p("0"), Ok(0));
        assert_eq!(p("1,000,000,000,000"), Ok(Money::MAX.0));
    }

    #[test]
    fn amounts_above_the_cap_are_too_large() {
        assert_eq!(p("1,000,000,000,000.01"), Err(Reason::Overflow));
        assert_eq!(p("92,233,720,368,547,758.07"), Err(Reason::Overflow));
        assert_eq!(p("99999999999999999999999"), Err(Reason::Overflow));
    }

    #[test]
    fn refusals_name_the_reason_and_field() {
        assert_eq!(p("1.234"), Err(Reason::TooManyDecimals));
        assert_eq!(p("-5"), Err(Reason::Negative));
        assert_eq!(p("¥-5"), Err(Reason::Negative));
        assert_eq!(p("－5"), Err(Reason::Negative));
        assert_eq!(p("\u{2212}5"), Err(Reason::Negative));
        assert_eq!(p("RMB -5"), Err(Reason::Negative));
        assert_eq!(p("99999999999999999999"), Err(Reason::Overflow));
        assert_eq!(p("92233720368547758.08"), Err(Reason::Overflow));
        let bad_shapes = [
            "", "abc", "1.2.3", "1e5", "1,20,0", ",100", "12.", "1 000", ".5", "+5", "¥", "rmb",
            "0,100", "1,2000", "1,200.", "1.2,0", "1,5", "\u{130}5",
        ];
        for bad in bad_shapes {
            assert_eq!(p(bad), Err(Reason::Format(MONEY_FORM)), "{bad:?}");
        }
        let e = Money::parse("expense", "1.234").unwrap_err();
        assert_eq!(e.field, "expense");
        assert_eq!(e.value, "1.234");
    }

    #[test]
    fn display_groups_thousands_with_two_decimals() {
        assert_eq!(Money(120_000_050).display("¥"), "¥1,200,000.50");
        assert_eq!(Money(5).display(""), "0.05");
        assert_eq!(Money(-100_000).display("¥"), "-¥1,000.00");
        assert_eq!(Money(99_999).to_string(), "999.99");
        assert_eq!(Money(i64::MIN).display(""), "-92,233,720,368,547,758.08");
        assert_eq!(Money(100).display("¥"), "¥1.00");
        assert_eq!(Money(123_456).display("$"), "$1,234.56");
    }

    #[test]
    fn arithmetic_is_checked_and_units_are_for_json() {
        assert_eq!(Money::from_cents(150).cents(), 150);
        assert_eq!(Money::ZERO, Money::default());
        assert_eq!(Money(1).checked_add(Money(2)), Some(Money(3)));
        assert_eq!(Money(i64::MAX).checked_add(Money(1)), None);
        assert_eq!(Money(1).checked_sub(Money(3)), Some(Money(-2)));
        assert_eq!(Money(i64::MIN).checked_sub(Money(1)), None);
        assert_eq!(Money(120_000_050).to_units_f64(), 1_200_000.5);
    }

    proptest! {
        #[test]
        fn display_then_parse_round_trips(cents in 0i64..=Money::MAX.0) {
            prop_assert_eq!(Money::parse("amount", &Money(cents).display("")), Ok(Money(cents)));
            prop_assert_eq!(Money::parse("amount", &Money(cents).display("¥")), Ok(Money(cents)));
        }

        #[test]
        fn parse_never_panics(s in "\\PC{0,40}") {
            let _ = Money::parse("amount", &s);
        }

        #[test]
        fn parse_never_panics_on_money_like_text(s in "[-¥$ RMBrmbİ0-9,.\u{2212}１２．，]{0,30}") {
            let _ = Money::parse("amount", &s);
        }
    }
}
