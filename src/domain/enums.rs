//! The closed vocabularies of the data model (src/store/schema/migrations/0001_schema.sql). One macro makes them all alike: a stored code, an
//! i18n label key, parsing that accepts the code (any case, `-` or space for `_`) or the
//! Chinese word, and a refusal that names the field and lists the codes. Its paths are
//! absolute so that other domain files (`kpi`) use it too.

macro_rules! code_enum {
    (
        $(#[$meta:meta])*
        $name:ident, field = $field:literal, label = $label:literal, default = $default:ident,
        { $($variant:ident => $code:literal / $zh:literal),+ $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub const CODES: &'static [&'static str] = &[$($code),+];
            pub const FIELD: &'static str = $field;

            /// The form stored in the database and typed on the command line.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// The key of its label in the locale files.
            pub fn label_key(self) -> &'static str {
                match self { $($name::$variant => concat!($label, ".", $code)),+ }
            }
        }

        impl Default for $name {
            fn default() -> Self { $name::$default }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::domain::FieldError;

            fn from_str(s: &str) -> Result<Self, $crate::domain::FieldError> {
                use unicode_normalization::UnicodeNormalization;
                // NFKC: a full-width `Ａ` from a Chinese input method is the grade A.
                let nfkc: String = s.nfkc().collect();
                let t = nfkc.trim();
                // `decision-maker`, `Decision Maker` and `decision  maker` all mean the code.
                let norm = t
                    .split(|c: char| c == '-' || c == '_' || c.is_whitespace())
                    .filter(|w| !w.is_empty())
                    .collect::<Vec<_>>()
                    .join("_");
                $(
                    // The empty Chinese word (codes without one) must never match blank input.
                    if norm.eq_ignore_ascii_case($code) || (!$zh.is_empty() && t == $zh) {
                        return Ok($name::$variant);
                    }
                )+
                Err($crate::domain::FieldError::new(
                    $field, s, $crate::domain::Reason::NotOneOf(Self::CODES),
                ))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.code())
            }
        }
    };
}

code_enum! {
    /// Customer grade (A best); decides the follow-up cadence.
    Grade, field = "grade", label = "grade", default = C,
    { A => "A" / "", B => "B" / "", C => "C" / "", D => "D" / "" }
}

code_enum! {
    CustomerStage, field = "stage", label = "customer_stage", default = Lead,
    {
        Lead => "lead" / "线索", Prospect => "prospect" / "潜在客户",
        Customer => "customer" / "成交客户", Dormant => "dormant" / "沉睡", Lost => "lost" / "流失",
    }
}

code_enum! {
    VisitKind, field = "kind", label = "visit_kind", default = Visit,
    {
        Visit => "visit" / "拜访", Call => "call" / "电话", Meeting => "meeting" / "会议",
        Online => "online" / "线上", Exhibition => "exhibition" / "展会", Other => "other" / "其他",
    }
}

code_enum! {
    PurchaseRole, field = "purchase_role", label = "purchase_role", default = User,
    {
        DecisionMaker => "decision_maker" / "决策者", Buyer => "buyer" / "购买者",
        User => "user" / "使用者", Influencer => "influencer" / "影响者",
        Evaluator => "evaluator" / "评估者", Coach => "coach" / "教练",
    }
}

code_enum! {
    Personality, field = "personality", label = "personality", default = Analytical,
    {
        Driver => "driver" / "驾驭型", Expressive => "expressive" / "表现型",
        Analytical => "analytical" / "分析型", Amiable => "amiable" / "亲切型",
    }
}

code_enum! {
    /// How a follow-up call went, in the agenda's run mode: one key each.
    CallOutcome, field = "outcome", label = "call_outcome", default = Reached,
    {
        Reached => "reached" / "已联系", NoAnswer => "no_answer" / "未接通",
        CallBack => "call_back" / "约回电", MeetingSet => "meeting_set" / "已约见面",
    }
}

code_enum! {
    DealStage, field = "deal_stage", label = "deal_stage", default = Lead,
    {
        Lead => "lead" / "线索", Qualified => "qualified" / "已确认", Proposal => "proposal" / "方案",
        Negotiation => "negotiation" / "谈判", Won => "won" / "赢单", Lost => "lost" / "输单",
    }
}

code_enum! {
    Role, field = "role", label = "role", default = Rep,
    { Manager => "manager" / "经理", Rep => "rep" / "销售" }
}

code_enum! {
    /// The target metrics of README, The CLI.
    Metric, field = "metric", label = "metric", default = Sales,
    {
        Sales => "sales" / "销售额", GrossProfit => "gross_profit" / "毛利",
        Collected => "collected" / "回款", NewCustomers => "new_customers" / "新客户",
        Visits => "visits" / "拜访量",
    }
}

code_enum! {
    /// Why a customer changed owner (the ownership history).
    OwnershipReason, field = "why", label = "ownership_reason", default = Assign,
    {
        Assign => "assign" / "", Claim => "claim" / "", Release => "release" / "",
        Handover => "handover" / "", Sweep => "sweep" / "", Import => "import" / "",
        Create => "create" / "",
    }
}

impl DealStage {
    /// Still in the pipeline: neither won nor lost.
    pub fn is_open(self) -> bool {
        !matches!(self, DealStage::Won | DealStage::Lost)
    }
}

impl Metric {
    /// Kept in cents rather than as a count.
    pub fn is_money(self) -> bool {
        matches!(
            self,
            Metric::Sales | Metric::GrossProfit | Metric::Collected
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Reason;

    #[test]
    fn a_wrong_grade_names_the_field_and_lists_the_grades() {
        let e = "E".parse::<Grade>().unwrap_err();
        assert_eq!(e.field, "grade");
        assert_eq!(e.value, "E");
        assert_eq!(e.reason, Reason::NotOneOf(&["A", "B", "C", "D"]));
    }

    #[test]
    fn codes_any_case_separators_and_chinese_words() {
        assert_eq!("b".parse::<Grade>(), Ok(Grade::B));
        assert_eq!(
            "Decision-Maker".parse::<PurchaseRole>(),
            Ok(PurchaseRole::DecisionMaker)
        );
        assert_eq!(
            "decision maker".parse::<PurchaseRole>(),
            Ok(PurchaseRole::DecisionMaker)
        );
        assert_eq!(
            "决策者".parse::<PurchaseRole>(),
            Ok(PurchaseRole::DecisionMaker)
        );
        assert_eq!("亲切型".parse::<Personality>(), Ok(Personality::Amiable));
        assert_eq!(" Won ".parse::<DealStage>(), Ok(DealStage::Won));
        assert_eq!("展会".parse::<VisitKind>(), Ok(VisitKind::Exhibition));
        assert_eq!("GROSS_PROFIT".parse::<Metric>(), Ok(Metric::GrossProfit));
    }

    #[test]
    fn every_enum_names_its_own_field() {
        assert_eq!("x".parse::<CustomerStage>().unwrap_err().field, "stage");
        assert_eq!("x".parse::<VisitKind>().unwrap_err().field, "kind");
        assert_eq!(
            "x".parse::<PurchaseRole>().unwrap_err().field,
            "purchase_role"
        );
        assert_eq!("x".parse::<Personality>().unwrap_err().field, "personality");
        assert_eq!("x".parse::<DealStage>().unwrap_err().field, "deal_stage");
        assert_eq!("x".parse::<Role>().unwrap_err().field, "role");
        assert_eq!("x".parse::<Metric>().unwrap_err().field, "metric");
        // the empty Chinese word of a grade must not match blank input
        assert!("".parse::<Grade>().is_err());
    }

    #[test]
    fn full_width_and_sloppy_separators() {
        assert_eq!("Ａ".parse::<Grade>(), Ok(Grade::A));
        assert_eq!(
            " decision  maker ".parse::<PurchaseRole>(),
            Ok(PurchaseRole::DecisionMaker)
        );
        assert_eq!("NEW-CUSTOMERS".parse::<Metric>(), Ok(Metric::NewCustomers));
        assert_eq!("线索".parse::<CustomerStage>(), Ok(CustomerStage::Lead));
        assert_eq!("线索".parse::<DealStage>(), Ok(DealStage::Lead));
        // Separators alone or a code glued to another word are not codes.
        for bad in ["-", "_", "decisionmaker_x", "A B", "grade A", "won!"] {
            assert!(bad.parse::<PurchaseRole>().is_err(), "{bad:?}");
            assert!(bad.parse::<Grade>().is_err(), "{bad:?}");
        }
    }

    /// Every value of every enum: its code parses back to it, Display and serde give the
    /// code, the label key is `<label>.<code>`, CODES lines up with ALL, and a refusal
    /// names the enum's field and lists exactly its codes.
    macro_rules! check_enum {
        ($t:ty, $field:literal, $label:literal) => {{
            assert_eq!(<$t>::ALL.len(), <$t>::CODES.len());
            assert_eq!(<$t>::FIELD, $field);
            for (v, code) in <$t>::ALL.iter().zip(<$t>::CODES) {
                assert_eq!(v.code(), *code);
                assert_eq!(code.parse::<$t>(), Ok(*v));
                assert_eq!(code.to_uppercase().parse::<$t>(), Ok(*v));
                assert_eq!(v.to_string(), *code);
                assert_eq!(serde_json::to_string(v).unwrap(), format!("\"{code}\""));
                assert_eq!(v.label_key(), format!("{}.{code}", $label));
            }
            let e = "nonsense".parse::<$t>().unwrap_err();
            assert_eq!(e.field, $field);
            assert_eq!(e.value, "nonsense");
            assert_eq!(e.reason, Reason::NotOneOf(<$t>::CODES));
        }};
    }

    #[test]
    fn every_enum_is_consistent() {
        check_enum!(Grade, "grade", "grade");
        check_enum!(CustomerStage, "stage", "customer_stage");
        check_enum!(VisitKind, "kind", "visit_kind");
        check_enum!(PurchaseRole, "purchase_role", "purchase_role");
        check_enum!(Personality, "personality", "personality");
        check_enum!(DealStage, "deal_stage", "deal_stage");
        check_enum!(Role, "role", "role");
        check_enum!(Metric, "metric", "metric");
        check_enum!(OwnershipReason, "why", "ownership_reason");
    }

    #[test]
    fn the_chinese_words_of_spec_section_1() {
        let zh = |s: &str| s.parse::<PurchaseRole>().map(PurchaseRole::code);
        assert_eq!(zh("购买者"), Ok("buyer"));
        assert_eq!(zh("使用者"), Ok("user"));
        assert_eq!(zh("影响者"), Ok("influencer"));
        assert_eq!(zh("评估者"), Ok("evaluator"));
        assert_eq!(zh("教练"), Ok("coach"));
        let stages = ["潜在客户", "成交客户", "沉睡", "流失"];
        let codes: Vec<_> = stages
            .iter()
            .map(|s| s.parse::<CustomerStage>().unwrap().code())
            .collect();
        assert_eq!(codes, ["prospect", "customer", "dormant", "lost"]);
        let kinds = ["拜访", "电话", "会议", "线上", "其他"];
        let codes: Vec<_> = kinds
            .iter()
            .map(|s| s.parse::<VisitKind>().unwrap().code())
            .collect();
        assert_eq!(codes, ["visit", "call", "meeting", "online", "other"]);
        let deals = ["已确认", "方案", "谈判", "赢单", "输单"];
        let codes: Vec<_> = deals
            .iter()
            .map(|s| s.parse::<DealStage>().unwrap().code())
            .collect();
        assert_eq!(
            codes,
            ["qualified", "proposal", "negotiation", "won", "lost"]
        );
        assert_eq!("驾驭型".parse::<Personality>(), Ok(Personality::Driver));
        assert_eq!("表现型".parse::<Personality>(), Ok(Personality::Expressive));
        assert_eq!("分析型".parse::<Personality>(), Ok(Personality::Analytical));
        assert_eq!("经理".parse::<Role>(), Ok(Role::Manager));
        assert_eq!("销售".parse::<Role>(), Ok(Role::Rep));
    }

    #[test]
    fn codes_round_trip_and_defaults() {
        for s in VisitKind::ALL {
            assert_eq!(s.code().parse::<VisitKind>(), Ok(*s));
        }
        assert_eq!(Grade::default(), Grade::C);
        assert_eq!(CustomerStage::default(), CustomerStage::Lead);
        assert_eq!(VisitKind::default(), VisitKind::Visit);
        assert_eq!(DealStage::Proposal.label_key(), "deal_stage.proposal");
        assert_eq!(Grade::A.label_key(), "grade.A");
        assert_eq!(CustomerStage::Lead.label_key(), "customer_stage.lead");
        let open: Vec<_> = DealStage::ALL.iter().filter(|s| s.is_open()).collect();
        assert_eq!(
            open,
            [
                &DealStage::Lead,
                &DealStage::Qualified,
                &DealStage::Proposal,
                &DealStage::Negotiation
            ]
        );
        let money: Vec<_> = Metric::ALL.iter().filter(|m| m.is_money()).collect();
        assert_eq!(
            money,
            [&Metric::Sales, &Metric::GrossProfit, &Metric::Collected]
        );
    }
}
