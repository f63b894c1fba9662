//! The Scorecards tab's forms: a manager's rating, a rep's answer, the template editor with
//! its total weight under it; and saving them.

use crate::domain::kpi::KpiKey;
use crate::domain::scoring::Marks;
use crate::domain::template::{Goal, KpiRow, Template};
use crate::domain::{FieldError, Reason};
use crate::store::kpi::ratings::{Rating, parse_mark};
use crate::store::kpi::scorecards::Scorecard;
use crate::store::{Actor, Store, StoreError};
use crate::t;
use crate::tui::tabs::scorecards::state::Purpose;
use crate::tui::widgets::form::{Field, Form};

/// A template row as the editor shows it: `WEIGHT GOAL [CAP]`, e.g. `35 target`, `10 90% 1.2`.
pub fn row_words(row: &KpiRow) -> String {
    let goal = match row.goal {
        Goal::Target => "target".to_string(),
        Goal::Rating => "rating".to_string(),
        Goal::Fixed(v) if row.key.unit() == crate::domain::kpi::Unit::Share => {
            format!("{}%", (v * 1000.0).round() / 10.0)
        }
        Goal::Fixed(v) => format!("{v}"),
    };
    if row.cap == 1.0 {
        format!("{} {goal}", row.weight)
    } else {
        format!("{} {goal} {}", row.weight, row.cap)
    }
}

/// The editor's text for a key back into a row: empty leaves the key out.
pub fn parse_row_words(
    key: KpiKey,
    text: &str,
    base: Option<&KpiRow>,
) -> Result<Option<KpiRow>, FieldError> {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() {
        return Ok(None);
    }
    let bad = || FieldError::new(key.code(), text, Reason::Format(FORM_HINT));
    if words.len() > 3 || words.len() < 2 {
        return Err(bad());
    }
    let goal = match words[1] {
        g if g.parse::<f64>().is_ok() => g.to_string(),
        g => format!("\"{g}\""),
    };
    let cap = words.get(2).copied().unwrap_or("1");
    // The same rules as a template file: parsed by the one parser.
    let toml = format!(
        "name = \"x\"\neffective_from = \"2000\"\n[[kpi]]\nkey = \"{}\"\nweight = {}\ngoal = {goal}\ncap = {cap}\n{}",
        key.code(),
        words[0],
        base.map(|b| format!("direction = \"{}\"\n", b.direction.code()))
            .unwrap_or_default()
    );
    Template::parse(&toml)
        .map(|t| t.rows.into_iter().next())
        .map_err(|_| bad())
}

const FORM_HINT: &str = "WEIGHT GOAL [CAP], e.g. 35 target, 10 90% 1.2, 5 rating";

fn edited_rows(form: &Form, base: &Template) -> Result<Vec<KpiRow>, FieldError> {
    let mut rows = Vec::new();
    for k in KpiKey::ALL {
        let before = base.rows.iter().find(|r| r.key == *k);
        if let Some(row) = parse_row_words(*k, form.value(k.code()), before)? {
            rows.push(row);
        }
    }
    Ok(rows)
}

pub fn template_notes(form: &Form, base: &Template) -> Vec<String> {
    let mut notes = vec![t!("tui.template_hint").to_string()];
    match edited_rows(form, base) {
        Ok(rows) => {
            let total: f64 = rows.iter().map(|r| r.weight).sum();
            notes.push(t!("tui.template_total", weight = total, rows = rows.len()));
        }
        Err(e) => notes.push(e.to_string()),
    }
    notes
}

/// The rating form for `card` (a manager's marks), filled with the rating there is.
pub fn rating_form(card: &Scorecard) -> Form {
    let r = card.rating.as_ref();
    let mark = |f: fn(&Rating) -> u8| r.map(|r| f(r).to_string()).unwrap_or_default();
    Form::new(
        "tui.form_rate",
        vec![
            Field::text("attitude", mark(|r| r.attitude)),
            Field::text("knowledge", mark(|r| r.knowledge)),
            Field::text("teamwork", mark(|r| r.teamwork)),
            Field::text(
                "comment",
                r.and_then(|r| r.comment.clone()).unwrap_or_default(),
            ),
        ],
    )
}

/// The template editor: one line a KPI, `WEIGHT GOAL [CAP]`, with the total under it.
pub fn template_form(template: &Template) -> Form {
    let fields = KpiKey::ALL
        .iter()
        .map(|k| {
            let words = template
                .rows
                .iter()
                .find(|r| r.key == *k)
                .map(row_words)
                .unwrap_or_default();
            Field::text(k.code(), words)
        })
        .collect();
    let mut form = Form::new("tui.form_template", fields);
    form.notes = template_notes(&form, template);
    form
}

/// Saves the form `purpose` opened.
pub fn save(
    store: &mut Store,
    actor: &Actor,
    purpose: &Purpose,
    form: &Form,
) -> Result<(), StoreError> {
    match purpose {
        Purpose::Rate(login, period) => {
            let marks = Marks {
                attitude: parse_mark("attitude", form.value("attitude"))?,
                knowledge: parse_mark("knowledge", form.value("knowledge"))?,
                teamwork: parse_mark("teamwork", form.value("teamwork"))?,
            };
            let comment = Some(form.value("comment")).filter(|c| !c.trim().is_empty());
            store
                .rate(actor, login, *period, marks, comment)
                .map(|_| ())
        }
        Purpose::Respond(period) => store
            .respond(actor, *period, form.value("response"))
            .map(|_| ()),
        Purpose::Template(name, from) => {
            let base = store.template_for(*from)?;
            let template = Template {
                name: name.to_string(),
                effective_from: *from,
                rows: edited_rows(form, &base)?,
            };
            if template.rows.is_empty() {
                return Err(FieldError::new("sales", "", Reason::Format(FORM_HINT)).into());
            }
            store.import_template(actor, &template).map(|_| ())
        }
    }
}
