//! A refused value: which field, what was typed, and why. The words are the i18n layer's
//! (`crate::messages`), so the same refusal reads well in English and Chinese.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The field's key, e.g. `grade`; its label comes from `field.<key>` in the locales.
    pub field: &'static str,
    pub value: String,
    pub reason: Reason,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// Not one of these codes.
    NotOneOf(&'static [&'static str]),
    /// Not of this form (the accepted form, as a hint).
    Format(&'static str),
    /// The right shape but not a calendar date (2026-02-30).
    NoSuchDate,
    TooManyDecimals,
    Negative,
    Overflow,
    /// A required text was blank.
    Empty,
    /// A one-line text holds a control character (tab, line break, escape…).
    Control,
    /// Longer than this many characters.
    TooLong(usize),
    /// A date later than this one (today for what has happened, a horizon for plans).
    After(chrono::NaiveDate),
    /// A date earlier than this one (a follow-up before its visit).
    Before(chrono::NaiveDate),
}

impl FieldError {
    pub fn new(field: &'static str, value: impl Into<String>, reason: Reason) -> Self {
        FieldError {
            field,
            value: value.into(),
            reason,
        }
    }
}
