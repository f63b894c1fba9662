//! How a domain refusal reads, in the user's language: the field, the value, the accepted form.

use std::fmt;

use crate::domain::{FieldError, Reason};
use crate::i18n;
use crate::t;

/// The field's name as a person reads it.
pub fn field_label(field: &str) -> &'static str {
    i18n::text(&format!("field.{field}"))
}

/// An accepted form, translated where the catalogue knows it.
fn form_label(form: &str) -> String {
    let key = format!("form.{form}");
    let text = i18n::text(&key);
    if text == key {
        form.to_string()
    } else {
        text.to_string()
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let field = field_label(self.field);
        let value = &self.value;
        let text = match &self.reason {
            Reason::NotOneOf(codes) => {
                t!(
                    "error.invalid_choice",
                    field = field,
                    value = value,
                    accepted = codes.join(", ")
                )
            }
            Reason::Format(form) => {
                t!(
                    "error.format",
                    field = field,
                    value = value,
                    accepted = form_label(form)
                )
            }
            Reason::NoSuchDate => t!("error.no_such_date", field = field, value = value),
            Reason::TooManyDecimals => t!("error.too_many_decimals", field = field, value = value),
            Reason::Negative => t!("error.negative", field = field, value = value),
            Reason::Overflow => t!("error.overflow", field = field, value = value),
            Reason::Empty => t!("error.empty", field = field),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for FieldError {}
