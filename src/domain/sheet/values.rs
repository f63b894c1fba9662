//! Values by meaning, as other tools write them: WukongCRM's option labels (`A（重点客户）`,
//! 已成交), date-times, a location of three parts, and a team's own labels mapped by
//! `--map 客户级别=重点客户:A,普通客户:B`. What comes out is what our own parsers take.

use unicode_normalization::UnicodeNormalization;

use crate::domain::{DealStage, FieldError, Grade, Reason, VisitKind};

/// WukongCRM's seeded meanings of its customer levels, which a team may have kept without
/// the letter.
const GRADE_MEANINGS: &[(&str, Grade)] = &[
    ("重点客户", Grade::A),
    ("普通客户", Grade::B),
    ("非优先客户", Grade::C),
];

/// A grade as written: `A`, `a`, `Ａ`, `A（重点客户）`, `A类`, `A级`, `重点客户`. A label after
/// the letter is ignored; a level that is none of these is refused, naming the accepted form.
pub fn grade(s: &str) -> Result<Grade, FieldError> {
    let norm: String = s.nfkc().collect();
    let t = norm.trim();
    if let Some((_, g)) = GRADE_MEANINGS.iter().find(|(m, _)| *m == t) {
        return Ok(*g);
    }
    let mut chars = t.chars();
    let letter = chars.next().map(|c| c.to_ascii_uppercase());
    let rest = chars.as_str().trim_start();
    let labelled = rest.is_empty()
        || rest.starts_with(['(', '[', '-', ':', '类', '级', ' '])
        || rest.chars().next().is_some_and(|c| !c.is_ascii());
    match letter {
        Some(l @ 'A'..='D') if labelled => l.to_string().parse(),
        _ => Err(FieldError::new(
            "grade",
            s,
            Reason::Format("A, B, C or D, with or without a label: A（重点客户）"),
        )),
    }
}

/// A date written with a time or in a spreadsheet's way → `YYYY-MM-DD`: `2026-09-05
/// 14:30:00`, `2026/9/5 14:30`, `2026.9.5`, `2026年9月5日`. Anything else comes back as it
/// was, for the date parser to refuse with the field's name.
pub fn date(s: &str) -> String {
    let norm: String = s.nfkc().collect();
    let t = norm.trim();
    // The date part: before a space or a `T` that starts a time.
    let day = t
        .split([' ', 'T'])
        .next()
        .unwrap_or(t)
        .trim_end_matches('日');
    let parts: Vec<&str> = day.split(['/', '.', '-', '年', '月']).collect();
    match parts.as_slice() {
        [y, m, d]
            if y.len() == 4
                && (1..=2).contains(&m.len())
                && (1..=2).contains(&d.len())
                && [y, m, d]
                    .iter()
                    .all(|p| p.chars().all(|c| c.is_ascii_digit())) =>
        {
            format!("{y}-{m:0>2}-{d:0>2}")
        }
        _ => s.to_string(),
    }
}

/// The time of day of a date-time as written (`2026-09-20 15:00:00`, `2026/9/20 15:00`),
/// when it has one.
pub fn time_of_day(s: &str) -> Option<chrono::NaiveTime> {
    let norm: String = s.nfkc().collect();
    let (_, time) = norm.trim().split_once([' ', 'T'])?;
    let time = time.trim();
    chrono::NaiveTime::parse_from_str(time, "%H:%M:%S")
        .or_else(|_| chrono::NaiveTime::parse_from_str(time, "%H:%M"))
        .ok()
}

/// A location as WukongCRM's 地区定位 writes it, `浙江省,杭州市,西湖区` (or with `/`, `，`,
/// spaces): (province, city and district joined). A province alone is a region.
pub fn location(s: &str) -> (Option<String>, Option<String>) {
    let norm: String = s.nfkc().collect();
    let parts: Vec<&str> = norm
        .split([',', '/', ' ', '、', '-'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    match parts.as_slice() {
        [] => (None, None),
        [region] => (Some(region.to_string()), None),
        [region, rest @ ..] => (Some(region.to_string()), Some(rest.concat())),
    }
}

/// WukongCRM's 成交状态: whether the customer has bought. 已成交 makes a customer; 未成交
/// says nothing about the stage. Anything else is refused.
pub fn has_bought(s: &str) -> Result<bool, FieldError> {
    let norm: String = s.nfkc().collect();
    match norm.trim().to_lowercase().as_str() {
        "已成交" | "成交" | "是" | "yes" | "won" | "true" => Ok(true),
        "未成交" | "否" | "no" | "false" => Ok(false),
        _ => Err(FieldError::new(
            "deal_status",
            s,
            Reason::Format("已成交 or 未成交"),
        )),
    }
}

/// Yes or no, as a spreadsheet writes it (是/否, Y/N, true/false, 1/0).
pub fn yes_no(field: &'static str, s: &str) -> Result<bool, FieldError> {
    let norm: String = s.nfkc().collect();
    match norm.trim().to_lowercase().as_str() {
        "是" | "y" | "yes" | "true" | "1" | "√" => Ok(true),
        "否" | "n" | "no" | "false" | "0" | "" => Ok(false),
        _ => Err(FieldError::new(
            field,
            s,
            Reason::Format("是 or 否, yes or no"),
        )),
    }
}

/// WukongCRM's 跟进方式 (its seeded options, and common ones teams add) as our kinds.
const VISIT_KINDS: &[(&str, VisitKind)] = &[
    ("打电话", VisitKind::Call),
    ("电话拜访", VisitKind::Call),
    ("见面拜访", VisitKind::Visit),
    ("上门拜访", VisitKind::Visit),
    ("拜访客户", VisitKind::Visit),
    ("发邮件", VisitKind::Online),
    ("发短信", VisitKind::Online),
    ("微信", VisitKind::Online),
    ("视频会议", VisitKind::Online),
    ("活动", VisitKind::Exhibition),
];

/// A follow-up's way as written: our codes and labels in either language, WukongCRM's
/// options (打电话, 见面拜访…). A way that is none of them is `other`, and its label comes
/// back to be kept (as the visit's purpose) rather than refused: teams invent their own.
pub fn visit_kind(s: &str) -> (VisitKind, Option<String>) {
    let norm: String = s.nfkc().collect();
    let t = norm.trim();
    if let Ok(kind) = t.parse::<VisitKind>() {
        return (kind, None);
    }
    match VISIT_KINDS.iter().find(|(label, _)| *label == t) {
        Some((_, kind)) => (*kind, None),
        None => (VisitKind::Other, Some(t.to_string())),
    }
}

/// Our own sources as the Chinese export writes them (`source.*` in the catalogue), so a
/// file exported in Chinese comes back with the codes it was written from.
pub const SOURCE_WORDS: &[(&str, &str)] = &[
    ("转介绍", "referral"),
    ("展会", "exhibition"),
    ("线上", "online"),
    ("陌生拜访", "cold call"),
    ("其他", "other"),
];

/// A customer's source as written: one of ours in Chinese becomes its code; anything else
/// (a team's own, WukongCRM's 搜索引擎) is kept as typed.
pub fn source(s: String) -> String {
    let norm: String = s.nfkc().collect();
    match SOURCE_WORDS.iter().find(|(word, _)| *word == norm.trim()) {
        Some((_, code)) => code.to_string(),
        None => s,
    }
}

/// WukongCRM's 商机阶段: its seeded stages, and 赢单 / 输单 / 无效 once a deal is closed.
const DEAL_STAGES: &[(&str, DealStage)] = &[
    ("初步接洽", DealStage::Lead),
    ("验证客户", DealStage::Qualified),
    ("需求分析", DealStage::Qualified),
    ("方案/报价", DealStage::Proposal),
    ("方案报价", DealStage::Proposal),
    ("商务谈判", DealStage::Negotiation),
    ("无效", DealStage::Lost),
];

/// A deal's stage as written: our codes and labels, WukongCRM's stages. A lost deal's label
/// (输单, 无效) comes back as its reason. A stage that is none of these is refused: a team's
/// own stages are given their meaning with `--map 商机阶段=…`.
pub fn deal_stage(s: &str) -> Result<(DealStage, Option<String>), FieldError> {
    let norm: String = s.nfkc().collect();
    let t = norm.trim();
    let stage = t
        .parse::<DealStage>()
        .ok()
        .or_else(|| DEAL_STAGES.iter().find(|(l, _)| *l == t).map(|(_, s)| *s))
        .ok_or_else(|| {
            FieldError::new(
                "deal_stage",
                s,
                Reason::Format("lead, qualified, proposal, negotiation, won or lost (or --map)"),
            )
        })?;
    let reason = (stage == DealStage::Lost).then(|| t.to_string());
    Ok((stage, reason))
}

/// `--map 客户级别=重点客户:A,普通客户:B`: a team's own labels for one column's values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueMap {
    /// The header it applies to, as written (compared as headers are).
    pub header: String,
    pub pairs: Vec<(String, String)>,
}

impl std::str::FromStr for ValueMap {
    type Err = FieldError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || FieldError::new("map", s, Reason::Format("HEADER=FROM:TO,FROM:TO"));
        let norm: String = s.nfkc().collect();
        let (header, list) = norm.split_once('=').ok_or_else(bad)?;
        let pairs = list
            .split(',')
            .map(|pair| {
                let (from, to) = pair.split_once(':').ok_or_else(bad)?;
                let (from, to) = (from.trim(), to.trim());
                if from.is_empty() || to.is_empty() || to.contains(':') {
                    return Err(bad());
                }
                Ok((from.to_string(), to.to_string()))
            })
            .collect::<Result<Vec<(String, String)>, _>>()?;
        // One label, two meanings: which is meant cannot be guessed.
        let labels: std::collections::HashSet<&str> =
            pairs.iter().map(|(from, _)| from.as_str()).collect();
        if labels.len() < pairs.len() {
            return Err(bad());
        }
        if header.trim().is_empty() || pairs.is_empty() {
            return Err(bad());
        }
        Ok(ValueMap {
            header: header.trim().to_string(),
            pairs,
        })
    }
}

impl ValueMap {
    /// The value it maps `v` to (compared after NFKC and trimming), if any.
    pub fn apply(&self, v: &str) -> Option<&str> {
        let norm: String = v.nfkc().collect();
        self.pairs
            .iter()
            .find(|(from, _)| *from == norm.trim())
            .map(|(_, to)| to.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wukong_levels_are_grades() {
        assert_eq!(grade("A（重点客户）"), Ok(Grade::A));
        assert_eq!(grade("B（普通客户）"), Ok(Grade::B));
        assert_eq!(grade("C（非优先客户）"), Ok(Grade::C));
        assert_eq!(grade("ｄ"), Ok(Grade::D));
        assert_eq!(grade("A类"), Ok(Grade::A));
        assert_eq!(grade("B级客户"), Ok(Grade::B));
        assert_eq!(grade("重点客户"), Ok(Grade::A));
        for bad in ["E", "Alpha", "VIP", "", "AB"] {
            assert!(grade(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn date_times_and_spreadsheet_dates_become_iso() {
        assert_eq!(date("2026-09-05 14:30:00"), "2026-09-05");
        assert_eq!(date("2026/9/5 14:30"), "2026-09-05");
        assert_eq!(date("2026.10.15"), "2026-10-15");
        assert_eq!(date("2026年9月5日"), "2026-09-05");
        assert_eq!(date("2026-09-05T08:00:00"), "2026-09-05");
        assert_eq!(date("2026-02-30"), "2026-02-30");
        assert_eq!(date("next week"), "next week");
    }

    #[test]
    fn a_time_of_day_when_there_is_one() {
        let t = |h, m| chrono::NaiveTime::from_hms_opt(h, m, 0);
        assert_eq!(time_of_day("2026-09-20 15:00:00"), t(15, 0));
        assert_eq!(time_of_day("2026/9/20 9:30"), t(9, 30));
        assert_eq!(time_of_day("2026-09-20"), None);
        assert_eq!(time_of_day("2026-09-20 later"), None);
    }

    #[test]
    fn a_location_is_a_region_and_a_city() {
        assert_eq!(
            location("浙江省,杭州市,西湖区"),
            (Some("浙江省".into()), Some("杭州市西湖区".into()))
        );
        assert_eq!(location("上海市"), (Some("上海市".into()), None));
        assert_eq!(location(" , "), (None, None));
    }

    #[test]
    fn wukong_ways_of_following_up_are_kinds() {
        assert_eq!(visit_kind("打电话"), (VisitKind::Call, None));
        assert_eq!(visit_kind("见面拜访"), (VisitKind::Visit, None));
        assert_eq!(visit_kind("发邮件"), (VisitKind::Online, None));
        assert_eq!(visit_kind("meeting"), (VisitKind::Meeting, None));
        assert_eq!(visit_kind("展会"), (VisitKind::Exhibition, None));
        assert_eq!(
            visit_kind("送样品"),
            (VisitKind::Other, Some("送样品".into()))
        );
    }

    #[test]
    fn wukong_deal_stages_are_ours() {
        assert_eq!(deal_stage("方案/报价"), Ok((DealStage::Proposal, None)));
        assert_eq!(deal_stage("赢单"), Ok((DealStage::Won, None)));
        assert_eq!(
            deal_stage("输单"),
            Ok((DealStage::Lost, Some("输单".into())))
        );
        assert_eq!(
            deal_stage("无效"),
            Ok((DealStage::Lost, Some("无效".into())))
        );
        assert_eq!(
            deal_stage("negotiation"),
            Ok((DealStage::Negotiation, None))
        );
        assert!(deal_stage("签约前").is_err());
    }

    #[test]
    fn a_map_reads_and_applies() {
        let m: ValueMap = "客户级别=重点客户:A, 普通客户 : B".parse().unwrap();
        assert_eq!(m.header, "客户级别");
        assert_eq!(m.apply("普通客户"), Some("B"));
        assert_eq!(m.apply("其他"), None);
        for bad in [
            "客户级别",
            "=a:b",
            "客户级别=a",
            "客户级别=a:",
            "客户级别=甲:A,甲:D",
            "客户级别=甲:A:B",
        ] {
            assert!(bad.parse::<ValueMap>().is_err(), "{bad}");
        }
    }
}
