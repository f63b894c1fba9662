//! The one table of headers (README, Moving in): every header a spreadsheet may give a field,
//! in English or Chinese — ours, WukongCRM 11's (its export and import template) and the
//! usual spreadsheet variants — for each kind of record an import reads. Headers are
//! compared after `normal`: full-width folded to half-width, case, spaces, `_`, `-`, a
//! leading or trailing `*` (a required column in WukongCRM's template) and a "(必填)" note
//! ignored. A header that names nothing is named back, with "did you mean" when it is close
//! to one that does.

/// What a file holds: one kind of record per import.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Customers,
    Contacts,
    Visits,
    Deals,
    Payments,
}

/// A field and the headers that name it. The first ASCII name and the first Chinese one are
/// what export writes.
pub struct Column {
    pub key: &'static str,
    pub names: &'static [&'static str],
}

const fn col(key: &'static str, names: &'static [&'static str]) -> Column {
    Column { key, names }
}

/// The customer's columns. 客户级别 and 成交状态 carry WukongCRM's option labels
/// (`A（重点客户）`, 已成交), read by `values`.
pub const CUSTOMERS: &[Column] = &[
    col(
        "name",
        &[
            "name",
            "customer",
            "customer name",
            "客户名称",
            "客户",
            "名称",
            "公司名称",
            "客户名",
            "企业名称",
            "单位名称",
        ],
    ),
    col(
        "grade",
        &[
            "grade",
            "level",
            "客户级别",
            "等级",
            "客户等级",
            "级别",
            "客户分级",
        ],
    ),
    col("stage", &["stage", "阶段", "客户阶段", "客户状态", "状态"]),
    col("deal_status", &["deal status", "成交状态", "是否成交"]),
    col(
        "owner",
        &[
            "owner",
            "负责人",
            "销售",
            "所属销售",
            "业务员",
            "客户负责人",
            "销售负责人",
            "跟进人",
        ],
    ),
    col("industry", &["industry", "客户行业", "行业", "所属行业"]),
    col(
        "size",
        &["size", "规模", "公司规模", "人员规模", "企业规模"],
    ),
    col(
        "region",
        &[
            "region",
            "province",
            "地区",
            "区域",
            "省份",
            "省",
            "所在省份",
        ],
    ),
    col("city", &["city", "城市", "市", "所在城市"]),
    col("district", &["district", "区", "区县", "县区"]),
    col(
        "location",
        &["location", "地区定位", "省市区", "所在地区", "省/市/区"],
    ),
    col(
        "source",
        &["source", "客户来源", "来源", "渠道", "获客渠道"],
    ),
    col("address", &["address", "详细地址", "地址", "公司地址"]),
    col("tags", &["tags", "标签", "客户标签"]),
    col("notes", &["notes", "备注", "说明", "描述"]),
    col(
        "next_follow_up",
        &[
            "next follow-up",
            "next",
            "下次联系时间",
            "下次跟进",
            "下次跟进时间",
            "下次跟进日期",
            "下次联系",
            "下次联系日期",
        ],
    ),
    col(
        "mobile",
        &["mobile", "手机", "手机号", "手机号码", "移动电话"],
    ),
    col(
        "phone",
        &[
            "phone",
            "telephone",
            "电话",
            "联系电话",
            "座机",
            "固定电话",
            "公司电话",
        ],
    ),
    col("email", &["email", "邮箱", "电子邮箱", "邮件"]),
    col(
        "website",
        &["website", "web", "url", "网址", "公司网址", "官网", "网站"],
    ),
];

/// A customer's people.
pub const CONTACTS: &[Column] = &[
    col(
        "name",
        &["name", "contact", "姓名", "联系人姓名", "联系人", "名字"],
    ),
    col(
        "customer",
        &["customer", "客户名称", "客户", "所属客户", "公司名称"],
    ),
    col("title", &["title", "position", "职务", "职位", "岗位"]),
    col("mobile", &["mobile", "手机", "手机号", "手机号码"]),
    col("phone", &["phone", "电话", "联系电话", "座机", "办公电话"]),
    col("email", &["email", "邮箱", "电子邮箱"]),
    col(
        "decision_maker",
        &["decision maker", "是否关键决策人", "关键决策人", "决策人"],
    ),
    col(
        "role",
        &["purchase role", "role", "采购角色", "角色", "决策角色"],
    ),
    col("notes", &["notes", "备注", "说明"]),
];

/// Follow-up records (跟进记录): a visit, a call, a meeting.
pub const VISITS: &[Column] = &[
    col(
        "customer",
        &["customer", "客户名称", "客户", "所属客户", "关联客户"],
    ),
    col(
        "date",
        &[
            "date",
            "跟进时间",
            "跟进日期",
            "拜访时间",
            "拜访日期",
            "日期",
            "时间",
        ],
    ),
    col(
        "kind",
        &[
            "kind",
            "type",
            "跟进方式",
            "跟进类型",
            "拜访方式",
            "方式",
            "类型",
        ],
    ),
    col(
        "summary",
        &[
            "summary",
            "content",
            "跟进内容",
            "内容",
            "拜访内容",
            "跟进记录",
            "沟通内容",
        ],
    ),
    col(
        "author",
        &[
            "author",
            "rep",
            "跟进人",
            "拜访人",
            "创建人",
            "销售",
            "业务员",
        ],
    ),
    col(
        "next_follow_up",
        &[
            "next follow-up",
            "下次联系时间",
            "下次跟进时间",
            "下次跟进",
            "下次联系",
        ],
    ),
    col("contact", &["contact", "相关联系人", "联系人", "拜访对象"]),
    col("outcome", &["outcome", "结果", "跟进结果", "拜访结果"]),
    col("next_step", &["next step", "下一步", "下一步计划"]),
];

/// Opportunities (商机) and their outcome.
pub const DEALS: &[Column] = &[
    col(
        "title",
        &["title", "deal", "商机名称", "名称", "项目名称", "机会名称"],
    ),
    col("customer", &["customer", "客户名称", "客户", "所属客户"]),
    col(
        "amount",
        &["amount", "商机金额", "金额", "预计金额", "预计成交金额"],
    ),
    col("cost", &["cost", "成本", "成本金额"]),
    col(
        "stage",
        &["stage", "商机阶段", "阶段", "销售阶段", "商机状态"],
    ),
    col(
        "opened_on",
        &["opened", "创建时间", "创建日期", "立项日期", "开始日期"],
    ),
    col(
        "won_on",
        &[
            "won on",
            "closed on",
            "成交日期",
            "预计成交日期",
            "赢单日期",
            "结束日期",
        ],
    ),
    col("owner", &["owner", "负责人", "销售", "业务员"]),
    col("product_line", &["product line", "产品线", "产品"]),
    col("lost_reason", &["lost reason", "输单原因", "丢单原因"]),
];

/// Money received (回款) on a deal.
pub const PAYMENTS: &[Column] = &[
    col("customer", &["customer", "客户名称", "客户", "所属客户"]),
    col(
        "deal",
        &["deal", "商机名称", "商机", "合同名称", "合同", "项目名称"],
    ),
    col(
        "paid_on",
        &[
            "paid on",
            "date",
            "回款日期",
            "付款日期",
            "收款日期",
            "日期",
        ],
    ),
    col(
        "amount",
        &["amount", "回款金额", "付款金额", "收款金额", "金额"],
    ),
];

/// Headers WukongCRM writes that are known and deliberately not imported: its own
/// bookkeeping, which salestrack keeps for itself. Named as "not imported", not "unknown".
/// A kind's own columns come first (a deal's 创建时间 is when it opened).
pub const NOT_IMPORTED: &[&str] = &[
    "创建人",
    "创建时间",
    "更新时间",
    "最后跟进时间",
    "最后跟进记录",
    "锁定状态",
    "距进入公海天数",
    "进入公海时间",
    "前负责人",
    "接收到客户时间",
    "负责人获取客户时间",
    "所属部门",
    "相关团队",
    "负责人",
    "相关商机",
    "回款编号",
    "合同编号",
    "期数",
    "审核状态",
    "回款方式",
    "合同金额",
    "性别",
    "地址",
    "商机状态组",
    "created at",
    "updated at",
    "id",
];

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Customers,
        Kind::Contacts,
        Kind::Visits,
        Kind::Deals,
        Kind::Payments,
    ];

    pub fn columns(self) -> &'static [Column] {
        match self {
            Kind::Customers => CUSTOMERS,
            Kind::Contacts => CONTACTS,
            Kind::Visits => VISITS,
            Kind::Deals => DEALS,
            Kind::Payments => PAYMENTS,
        }
    }

    /// The fields a file of this kind cannot do without: the header row must name them.
    pub fn required(self) -> &'static [&'static str] {
        match self {
            Kind::Customers => &["name"],
            Kind::Contacts => &["name", "customer"],
            Kind::Visits => &["customer", "summary"],
            Kind::Deals => &["title", "customer"],
            Kind::Payments => &["customer", "amount", "paid_on"],
        }
    }

    /// The command that imports it.
    pub fn command(self) -> &'static str {
        match self {
            Kind::Customers => "customer import",
            Kind::Contacts => "contact import",
            Kind::Visits => "visit import",
            Kind::Deals => "deal import",
            Kind::Payments => "payment import",
        }
    }

    /// Its code, as the CLI and messages name it.
    pub fn code(self) -> &'static str {
        match self {
            Kind::Customers => "customers",
            Kind::Contacts => "contacts",
            Kind::Visits => "visits",
            Kind::Deals => "deals",
            Kind::Payments => "payments",
        }
    }
}

/// A header as compared: `" *客户名称 "`, `"客户名称（必填）"` and `"ＣＵＳＴＯＭＥＲ_name"` give
/// `"客户名称"`, `"客户名称"` and `"customername"`.
pub fn normal(header: &str) -> String {
    // name_key folds width and case and drops the characters that show as nothing.
    let folded = crate::domain::names::name_key(header);
    let trimmed = folded
        .trim()
        .trim_matches(|c: char| c == '*' || c.is_whitespace());
    // WukongCRM's follow-up template writes an example into a header: `跟进时间-例:2020-2-1`.
    let trimmed = ["-例:", "例:", "(例"]
        .iter()
        .find_map(|m| trimmed.split_once(m).map(|(h, _)| h))
        .unwrap_or(trimmed);
    let trimmed = trimmed
        .strip_suffix("(必填)")
        .or_else(|| trimmed.strip_suffix("(选填)"))
        .unwrap_or(trimmed)
        .trim_matches(|c: char| c == '*' || c.is_whitespace());
    trimmed
        .chars()
        .filter(|c| !matches!(c, '_' | '-' | ' ' | '\u{3000}'))
        .collect()
}

/// The field a header names in a file of `kind`, if any.
pub fn column_of(kind: Kind, header: &str) -> Option<&'static str> {
    let h = normal(header);
    if h.is_empty() {
        return None;
    }
    kind.columns()
        .iter()
        .find(|c| c.names.iter().any(|n| normal(n) == h))
        .map(|c| c.key)
}

/// Whether a header is one WukongCRM writes that salestrack does not import.
pub fn not_imported(header: &str) -> bool {
    let h = normal(header);
    NOT_IMPORTED.iter().any(|n| normal(n) == h)
}

/// The known header closest to one that names nothing, when it is close enough to be a
/// slip (`客户级另`, `Grad`, `下次联系时问`): within an edit distance of a third of its
/// length (at least 1), or sharing all but one of its characters in any order (Chinese
/// headers are short: `级别客户` for `客户级别`).
pub fn did_you_mean(kind: Kind, header: &str) -> Option<&'static str> {
    let h: Vec<char> = normal(header).chars().collect();
    if h.len() < 2 {
        return None;
    }
    let mut best: Option<(usize, &'static str)> = None;
    for name in kind.columns().iter().flat_map(|c| c.names.iter()) {
        let n: Vec<char> = normal(name).chars().collect();
        let distance = edit_distance(&h, &n);
        let allowed = (h.len().max(n.len()) / 3).max(1);
        let shared = shared_chars(&h, &n);
        let close =
            distance <= allowed || (h.len() == n.len() && n.len() >= 3 && shared + 1 >= n.len());
        if close && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, name));
        }
    }
    best.map(|(_, name)| name)
}

/// Levenshtein distance over characters.
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

/// How many characters of `a` are in `b`, each of `b` used once.
fn shared_chars(a: &[char], b: &[char]) -> usize {
    let mut left: Vec<char> = b.to_vec();
    a.iter()
        .filter(|c| match left.iter().position(|x| x == *c) {
            Some(i) => {
                left.swap_remove(i);
                true
            }
            None => false,
        })
        .count()
}

/// The header export writes for a field: its first English or Chinese name.
pub fn export_header(kind: Kind, key: &str, chinese: bool) -> &'static str {
    let names = kind
        .columns()
        .iter()
        .find(|c| c.key == key)
        .map_or(&[][..], |c| c.names);
    names
        .iter()
        .find(|n| n.is_ascii() != chinese)
        .copied()
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wukong_headers_with_stars_and_notes_name_their_fields() {
        assert_eq!(column_of(Kind::Customers, "*客户名称"), Some("name"));
        assert_eq!(column_of(Kind::Customers, "客户名称（必填）"), Some("name"));
        assert_eq!(column_of(Kind::Customers, " 客户级别 "), Some("grade"));
        assert_eq!(
            column_of(Kind::Customers, "下次联系时间"),
            Some("next_follow_up")
        );
        assert_eq!(
            column_of(Kind::Customers, "ＷＥＢＳＩＴＥ"),
            Some("website")
        );
        assert_eq!(
            column_of(Kind::Customers, "Next_Follow-Up"),
            Some("next_follow_up")
        );
        assert_eq!(column_of(Kind::Visits, "跟进方式"), Some("kind"));
        assert_eq!(
            column_of(Kind::Visits, "跟进时间-例:2020-2-1"),
            Some("date")
        );
        assert_eq!(column_of(Kind::Visits, "*所属客户"), Some("customer"));
        assert_eq!(column_of(Kind::Customers, "跟进方式"), None);
        assert!(not_imported("锁定状态"));
        assert_eq!(column_of(Kind::Customers, "***"), None);
        assert_eq!(
            column_of(Kind::Customers, "\u{200b}客户名称\u{feff}"),
            Some("name")
        );
    }

    #[test]
    fn every_header_names_one_field_of_its_kind() {
        for kind in [
            Kind::Customers,
            Kind::Contacts,
            Kind::Visits,
            Kind::Deals,
            Kind::Payments,
        ] {
            let mut seen = std::collections::HashMap::new();
            for c in kind.columns() {
                for n in c.names {
                    if let Some(other) = seen.insert(normal(n), c.key) {
                        panic!("{kind:?}: {n} names {other} and {}", c.key);
                    }
                }
            }
            for key in kind.required() {
                assert!(kind.columns().iter().any(|c| c.key == *key), "{key}");
            }
        }
    }

    #[test]
    fn a_slip_is_named_with_what_was_meant() {
        assert_eq!(did_you_mean(Kind::Customers, "客户级另"), Some("客户级别"));
        assert_eq!(did_you_mean(Kind::Customers, "级别客户"), Some("客户级别"));
        assert_eq!(did_you_mean(Kind::Customers, "Grad"), Some("grade"));
        assert_eq!(
            did_you_mean(Kind::Customers, "下次联系时问"),
            Some("下次联系时间")
        );
        assert_eq!(did_you_mean(Kind::Customers, "微信号"), None);
        assert_eq!(did_you_mean(Kind::Customers, "x"), None);
    }

    /// The README's table of headers is this table: a header added here is documented there.
    #[test]
    fn every_header_is_in_the_readme() {
        let readme = include_str!("../../../README.md");
        let section = readme
            .split("### Moving in")
            .nth(1)
            .expect("the README's Moving in section");
        for kind in [
            Kind::Customers,
            Kind::Contacts,
            Kind::Visits,
            Kind::Deals,
            Kind::Payments,
        ] {
            for c in kind.columns() {
                for n in c.names {
                    assert!(
                        section.contains(n),
                        "{kind:?} header {n} is not in the README"
                    );
                }
            }
        }
    }

    #[test]
    fn export_writes_the_first_name_of_each_language() {
        assert_eq!(export_header(Kind::Customers, "name", false), "name");
        assert_eq!(export_header(Kind::Customers, "name", true), "客户名称");
        assert_eq!(export_header(Kind::Customers, "grade", true), "客户级别");
        assert_eq!(
            export_header(Kind::Customers, "next_follow_up", true),
            "下次联系时间"
        );
    }
}
