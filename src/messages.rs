//! How a domain refusal reads, in the user's language: the field, the value, the accepted form.

use std::fmt;

use crate::domain::kpi::KpiKey;
use crate::domain::sheet::{Kind, SheetError};
use crate::domain::template::{Problem, TemplateError, accepted_goal};
use crate::domain::text::printable_cell;
use crate::domain::{FieldError, Reason};
use crate::i18n;
use crate::store::import::ImportReport;
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

/// What an import did (or, dry, would do), a line each: the count first, then the header
/// line when it was not the first, each update, each line skipped, each likely twin, and
/// the columns not imported.
pub fn import_report(kind: Kind, header_line: u64, report: &ImportReport) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let key = if report.dry_run {
        format!("import.dry_{}", kind.code())
    } else {
        format!("import.{}", kind.code())
    };
    out.push(t!(&key, count = report.imported, format = report.format));
    if header_line > 1 {
        out.push(t!("import.header_line", line = header_line));
    }
    let updated = if report.dry_run {
        "import.dry_updated"
    } else {
        "import.updated"
    };
    for u in &report.updated {
        let fields: Vec<String> = u.fields.iter().map(|f| import_field_label(f)).collect();
        out.push(t!(
            updated,
            line = u.line,
            name = printable_cell(&u.name),
            fields = fields.join(", ")
        ));
    }
    if !report.updated.is_empty() {
        let key = if report.dry_run {
            "import.dry_updated_count"
        } else {
            "import.updated_count"
        };
        out.push(t!(key, count = report.updated.len()));
    }
    // A customer skipped is the one there already; a contact, a follow-up or a deal is
    // skipped on its customer.
    let skipped = match kind {
        Kind::Customers => "import.duplicate",
        _ => "import.duplicate_there",
    };
    for (line, name, existing) in &report.duplicates {
        out.push(t!(
            skipped,
            line = line,
            name = printable_cell(name),
            existing = printable_cell(existing)
        ));
    }
    for (line, name, existing, owner) in &report.resembles {
        let owner = match owner {
            Some(login) => login.clone(),
            None => t!("status.pool").to_string(),
        };
        out.push(t!(
            "import.resembles",
            line = line,
            name = printable_cell(name),
            existing = printable_cell(existing),
            owner = owner
        ));
    }
    let (known, unknown): (Vec<_>, Vec<_>) = report.ignored_columns.iter().partition(|c| c.known);
    if !unknown.is_empty() {
        let named: Vec<String> = unknown
            .iter()
            .map(|c| match c.did_you_mean {
                Some(known) => t!(
                    "import.did_you_mean",
                    header = printable_cell(&c.header),
                    known = known
                ),
                None => format!("“{}”", printable_cell(&c.header)),
            })
            .collect();
        out.push(t!("import.ignored", columns = named.join(", ")));
    }
    if !known.is_empty() {
        let named: Vec<String> = known
            .iter()
            .map(|c| printable_cell(&c.header).into_owned())
            .collect();
        out.push(t!("import.not_kept", columns = named.join(", ")));
    }
    out
}

/// A field's name as people read it, in the current language.
/// A field of an import as people read it, in the current language.
pub fn import_field_label(key: &str) -> String {
    // The import's field is the next follow-up; the catalogue's label is `field.next`.
    let label = if key == "next_follow_up" { "next" } else { key };
    field_label(label).to_string()
}

/// What a kind of file holds, as people say it.
pub fn kind_label(kind: Kind) -> String {
    t!(&format!("import.kind_{}", kind.code())).to_string()
}

/// Why a file could not be read at all, in the user's language.
pub fn sheet_error(e: &SheetError) -> String {
    match e {
        SheetError::NotText { encoding } => t!("error.csv_not_text", encoding = encoding),
        SheetError::Malformed { line, detail } => {
            t!("error.csv_malformed", line = line, detail = detail)
        }
        SheetError::UnclosedQuote { line } => t!("error.csv_unclosed_quote", line = line),
        SheetError::Excel { detail } => t!("import.excel", detail = detail),
        SheetError::OtherKind { kind, header } => t!(
            "import.other_kind",
            kind = kind_label(*kind),
            header = printable_cell(header),
            command = kind.command()
        ),
        SheetError::MapNoColumn { header } => {
            t!("import.map_no_column", header = printable_cell(header))
        }
        SheetError::NotAWorkbook => t!("import.not_a_workbook").to_string(),
        SheetError::TooLarge { line, column } => {
            t!("import.too_large", line = line, column = column)
        }
        SheetError::NoSuchSheet { name, sheets } => t!(
            "import.no_sheet",
            name = printable_cell(name),
            sheets = sheets
                .iter()
                .map(|s| printable_cell(s).into_owned())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        SheetError::NoHeaderRow { kind, needed } => t!(
            "import.no_header",
            kind = kind_label(*kind),
            needed = needed.join(", ")
        ),
        SheetError::DuplicateColumn { key, first, second } => t!(
            "output.csv_duplicate_column",
            field = import_field_label(key),
            first = first.0,
            first_header = printable_cell(&first.1),
            second = second.0,
            second_header = printable_cell(&second.1)
        ),
    }
}

/// A scorecard's total as shown: "—" while the rep has nothing to score yet (not 0, which
/// would read as a fail).
pub fn card_total(c: &crate::store::kpi::scorecards::Scorecard) -> String {
    if c.nothing_scored {
        "—".to_string()
    } else {
        format!("{:.2}", c.score.total)
    }
}

/// While the period runs: the total against the share of it gone; else blank.
pub fn card_pace(c: &crate::store::kpi::scorecards::Scorecard) -> String {
    match c.pace_total {
        Some(_) if c.nothing_scored => "—".to_string(),
        Some(p) => format!("{p:.2}"),
        None => String::new(),
    }
}

/// A card's place in its team as the reports say it ("rank 2 of 3", 排名 2/3); "—" with
/// nothing scored, where a rank would mean nothing.
pub fn card_rank(c: &crate::store::kpi::scorecards::Scorecard) -> String {
    if c.nothing_scored {
        return "—".to_string();
    }
    t!("report.rank", rank = c.rank, size = c.team_size)
}

/// A scorecard's grade as shown: "—" with nothing scored; "incomplete" when most of the
/// template's weight is n/a; while the period runs, the grade of its pace, marked so.
pub fn card_grade(c: &crate::store::kpi::scorecards::Scorecard) -> String {
    use crate::domain::scoring::ScoreGrade;
    if c.nothing_scored {
        return "—".to_string();
    }
    if c.incomplete {
        return t!("tui.incomplete").to_string();
    }
    match c.pace_total {
        Some(p) => t!(
            "tui.in_progress_grade",
            grade = t!(ScoreGrade::of(p).label_key())
        ),
        None => t!(c.score.grade.label_key()).to_string(),
    }
}

/// The sources a customer is offered (free text: any other is kept as typed), with their
/// labels.
pub const SOURCES: &[(&str, &str)] = &[
    ("referral", "source.referral"),
    ("exhibition", "source.exhibition"),
    ("online", "source.online"),
    ("cold call", "source.cold_call"),
    ("other", "source.other"),
];

/// A customer's source as read: one of `SOURCES` in the user's language (`referral` reads
/// 转介绍), anything else as typed.
pub fn source_label(source: &str) -> String {
    SOURCES
        .iter()
        .find(|(code, _)| code.eq_ignore_ascii_case(source.trim()))
        .map_or_else(|| source.to_string(), |(_, key)| t!(*key).to_string())
}

/// A grade with what it means: `A（重点客户）`, `B (regular)`. WukongCRM's seeded labels for
/// A to C, so a team moving in reads its own words.
pub fn grade_label(grade: crate::domain::Grade) -> String {
    let code = grade.code();
    t!(
        "grade_meaning.shown",
        grade = code,
        meaning = t!(&format!("grade_meaning.{code}"))
    )
}

/// People as a person reads a list of them: 张伟、王芳 in Chinese, Ann Lee, Bob Li in English.
pub fn names(names: &[String]) -> String {
    names.join(t!("output.names_separator"))
}

#[cfg(test)]
mod tests {
    use super::error_text;
    use crate::store::StoreError;

    #[test]
    fn a_grade_reads_with_its_meaning_and_imports_back() {
        use crate::domain::Grade;
        use crate::domain::sheet::values::grade;
        use crate::i18n::{Lang, fill, text_in};
        // The catalogue in use is English in unit tests; Chinese is read from its own.
        assert_eq!(super::grade_label(Grade::A), "A (key account)");
        for g in Grade::ALL {
            let code = g.code();
            let meaning = text_in(Lang::Zh, &format!("grade_meaning.{code}"));
            let shown = text_in(Lang::Zh, "grade_meaning.shown");
            let label = fill(shown, &[("grade", &code), ("meaning", &meaning)]);
            assert_eq!(grade(&label), Ok(*g), "{label}");
        }
        assert_eq!(
            fill(
                text_in(Lang::Zh, "grade_meaning.shown"),
                &[
                    ("grade", &"A"),
                    ("meaning", &text_in(Lang::Zh, "grade_meaning.A"))
                ]
            ),
            "A（重点客户）",
            "WukongCRM's own words"
        );
    }

    #[test]
    fn the_importer_reads_back_every_chinese_source_label() {
        use crate::domain::sheet::values::{SOURCE_WORDS, source};
        for (code, key) in super::SOURCES {
            let zh = crate::i18n::text_in(crate::i18n::Lang::Zh, key);
            assert!(SOURCE_WORDS.contains(&(zh, code)), "{zh} → {code}");
            assert_eq!(source(zh.to_string()), *code);
        }
        assert_eq!(source("搜索引擎".into()), "搜索引擎");
    }

    #[test]
    fn a_known_source_reads_as_its_label_and_others_as_typed() {
        // The catalogue in use is English in unit tests (the TUI tests read it in Chinese).
        assert_eq!(super::source_label("Cold Call"), "cold call");
        assert_eq!(super::source_label("cold call"), "cold call");
        assert_eq!(super::source_label("老客户介绍"), "老客户介绍");
        assert_eq!(
            crate::i18n::text_in(crate::i18n::Lang::Zh, super::SOURCES[0].1),
            "转介绍"
        );
    }

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
