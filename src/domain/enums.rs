//! The closed vocabularies of SPEC §1. One macro makes them all alike: a stored code, an
//! i18n label key, parsing that accepts the code (any case, `-` or space for `_`) or the
//! Chinese word, and a refusal that names the field and lists the codes.

use std::fmt;
use std::str::FromStr;

use crate::domain::{FieldError, Reason};

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

        impl FromStr for $name {
            type Err = FieldError;

            fn from_str(s: &str) -> Result<Self, FieldError> {
                let t = s.trim();
                let norm = t.to_lowercase().replace(['-', ' '], "_");
                $(
                    if norm == $code.to_lowercase() || (!$zh.is_empty() && t == $zh) {
                        return Ok($name::$variant);
                    }
                )+
                Err(FieldError::new($field, s, Reason::NotOneOf(Self::CODES)))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
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
    /// The target metrics of SPEC §3.
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
    fn codes_round_trip_and_defaults() {
        for s in VisitKind::ALL {
            assert_eq!(s.code().parse::<VisitKind>(), Ok(*s));
        }
        assert_eq!(Grade::default(), Grade::C);
        assert_eq!(CustomerStage::default(), CustomerStage::Lead);
        assert_eq!(VisitKind::default(), VisitKind::Visit);
        assert_eq!(DealStage::Proposal.label_key(), "deal_stage.proposal");
        assert!(DealStage::Negotiation.is_open() && !DealStage::Won.is_open());
        assert!(Metric::Collected.is_money() && !Metric::Visits.is_money());
    }
}
