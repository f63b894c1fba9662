//! How a domain refusal reads, in the user's language: the field, the value, the accepted form.

use std::fmt;

use crate::domain::kpi::KpiKey;
use crate::domain::template::{Problem, TemplateError, accepted_goal};
use crate::domain::{FieldError, Reason};
use crate::i18n;
use crate::t;

/// What to say of a new customer's likely twins (`Store::likely_twins`), if it has any: the
/// first by name when the viewer may see it, else only whose it is.
pub fn twins_note(name: &str, twins: &[crate::store::customers::twins::Twin]) -> Option<String> {
    let twin = twins.first()?;
    let owner = twin
        .owner_login
        .clone()
        .unwrap_or_else(|| t!("status.pool").to_string());
    let name = crate::domain::text::printable_cell(name);
    Some(match &twin.name {
        Some(other) => t!(
            "twin.named",
            name = name,
            existing = crate::domain::text::printable_cell(other),
            owner = owner
        ),
        None => t!("twin.hidden", name = name, owner = owner),
    })
}

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
            Reason::Control => t!("input.control", field = field, value = value),
            Reason::TooLong(max) => t!("input.too_long", field = field, max = max),
            Reason::After(latest) => {
                t!(
                    "error.date_after",
                    field = field,
                    value = value,
                    latest = latest
                )
            }
            Reason::Before(earliest) => {
                t!(
                    "error.date_before",
                    field = field,
                    value = value,
                    earliest = earliest
                )
            }
        };
        f.write_str(&text)
    }
}

impl std::error::Error for FieldError {}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let problem = match &self.problem {
            Problem::Syntax(message) => t!("template.syntax", message = message),
            Problem::UnknownField(name) => t!("template.unknown_field", name = name),
            Problem::UnknownKpi(name) => {
                t!(
                    "template.unknown_kpi",
                    name = name,
                    codes = KpiKey::CODES.join(", ")
                )
            }
            Problem::DuplicateKpi(key) => t!("template.duplicate_kpi", key = key),
            Problem::NoRows => t!("template.no_rows").to_string(),
            Problem::EmptyName => t!("template.empty_name").to_string(),
            Problem::BadPeriod(value) => t!("template.bad_period", value = value),
            Problem::Weight(value) => t!("template.weight", value = value),
            Problem::Cap(value) => t!("template.cap", value = value),
            Problem::MissingGoal(key) => {
                t!(
                    "template.missing_goal",
                    key = key,
                    accepted = accepted_goal(*key)
                )
            }
            Problem::BadGoal {
                key,
                value,
                accepted,
            } => t!(
                "template.bad_goal",
                key = key,
                value = value,
                accepted = accepted
            ),
            Problem::BadDirection(value) => t!("template.bad_direction", value = value),
            Problem::ZeroGoal(key) => t!("input.template_zero_goal", key = key),
        };
        f.write_str(&t!("template.error", line = self.line, problem = problem))
    }
}

impl std::error::Error for TemplateError {}

/// An error with its causes, `: ` between them as `{:#}` writes them, each said once: a store
/// error's own text already ends with its cause (the TUI shows only that text), and so does
/// a refused output's, so a cause the text so far ends with is left out.
pub fn error_text(e: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in e.chain() {
        let said = cause.to_string();
        if text.ends_with(&said) {
            continue;
        }
        if !text.is_empty() {
            text.push_str(": ");
        }
        text.push_str(&said);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::error_text;
    use crate::store::StoreError;

    #[test]
    fn a_cause_already_in_the_text_is_said_once() {
        let io = std::io::Error::other("disk on fire");
        let e = anyhow::Error::from(StoreError::from(io)).context("cannot save");
        // `{:#}` would say it twice: in the store error's text and as its source.
        assert_eq!(format!("{e:#}").matches("disk on fire").count(), 2);
        let text = error_text(&e);
        assert_eq!(text.matches("disk on fire").count(), 1, "{text}");
        assert!(text.starts_with("cannot save: "), "{text}");
        // A cause not yet said is kept, as `{:#}` keeps it.
        let plain = anyhow::anyhow!("inner").context("outer");
        assert_eq!(error_text(&plain), format!("{plain:#}"));
    }
}
