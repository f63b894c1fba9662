//! Scorecard templates (README, Scorecards (KPI)): which KPI rows count, with what weight, against what goal.
//! People read and write them as TOML (`template export` / `template import`); the store keeps
//! the normalised TOML this module writes. Parsing refuses anything doubtful with the line it
//! is on, so a manager can fix the file.

use std::fmt::Write as _;

use serde::Deserialize;
use toml::Spanned;

use crate::domain::Period;
use crate::domain::kpi::{Direction, KpiKey, Unit};

/// The template in force when none was set.
pub const DEFAULT_TOML: &str = include_str!("../../assets/templates/default.toml");

#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    pub name: String,
    /// It applies to periods starting on or after this period's first day.
    pub effective_from: Period,
    pub rows: Vec<KpiRow>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct KpiRow {
    pub key: KpiKey,
    pub weight: f64,
    pub goal: Goal,
    pub direction: Direction,
    /// The most a row earns, as a multiple of its weight.
    pub cap: f64,
}

/// What an actual is measured against.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Goal {
    /// The rep's target for the period, of the row's metric.
    Target,
    /// The manager's 1–5 rating; achievement is rating ÷ 5.
    Rating,
    /// A fixed number in the key's unit (currency units, a count, days, or a fraction).
    Fixed(f64),
}

/// Why a template file was refused, and on which line (1-based).
#[derive(Debug, Clone, PartialEq)]
pub struct TemplateError {
    pub line: usize,
    pub problem: Problem,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// Not TOML, or not the shape of a template (the parser's words).
    Syntax(String),
    UnknownField(String),
    UnknownKpi(String),
    DuplicateKpi(KpiKey),
    NoRows,
    EmptyName,
    BadPeriod(String),
    /// A weight must be a number above 0 and at most `MAX_WEIGHT`.
    Weight(String),
    /// A cap must be a number above 0.
    Cap(String),
    MissingGoal(KpiKey),
    /// This goal does not fit this key (e.g. `"target"` for a rate); the accepted forms.
    BadGoal {
        key: KpiKey,
        value: String,
        accepted: &'static str,
    },
    BadDirection(String),
    /// A fixed goal of 0: met by doing nothing, so every rep would score full marks.
    ZeroGoal(KpiKey),
}

/// The most a row weighs. Weights are points out of 100 (the default template's add up to
/// 100); a larger one is a typo, and one like 1e308 would not survive being stored.
pub const MAX_WEIGHT: f64 = 100.0;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTemplate {
    name: Spanned<String>,
    effective_from: Spanned<String>,
    cap: Option<Spanned<f64>>,
    #[serde(default)]
    kpi: Vec<Spanned<RawRow>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRow {
    key: Spanned<String>,
    weight: Spanned<f64>,
    goal: Option<Spanned<toml::Value>>,
    direction: Option<Spanned<String>>,
    cap: Option<Spanned<f64>>,
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())]
        .bytes()
        .filter(|b| *b == b'\n')
        .count()
        + 1
}

impl Template {
    /// The default template of README, Scorecards (KPI).
    pub fn default_template() -> Template {
        Template::parse(DEFAULT_TOML).expect("the shipped default template is valid")
    }

    pub fn parse(text: &str) -> Result<Template, TemplateError> {
        let at = |span: std::ops::Range<usize>, problem: Problem| TemplateError {
            line: line_of(text, span.start),
            problem,
        };
        let raw: RawTemplate = toml::from_str(text).map_err(|e| {
            let line = e.span().map_or(1, |s| line_of(text, s.start));
            let message = e.message().trim().to_string();
            let problem = match message.strip_prefix("unknown field `") {
                Some(rest) => Problem::UnknownField(rest.split('`').next().unwrap_or("").into()),
                None => Problem::Syntax(message),
            };
            TemplateError { line, problem }
        })?;
        let name = raw.name.get_ref().trim().to_string();
        if name.is_empty() {
            return Err(at(raw.name.span(), Problem::EmptyName));
        }
        let effective_from: Period = raw.effective_from.get_ref().parse().map_err(|_| {
            at(
                raw.effective_from.span(),
                Problem::BadPeriod(raw.effective_from.get_ref().clone()),
            )
        })?;
        let default_cap = match &raw.cap {
            Some(c) => positive(c).map_err(|v| at(c.span(), Problem::Cap(v)))?,
            None => 1.0,
        };
        if raw.kpi.is_empty() {
            return Err(at(0..text.len(), Problem::NoRows));
        }
        let mut rows: Vec<KpiRow> = Vec::new();
        for spanned in &raw.kpi {
            let r = spanned.get_ref();
            let key: KpiKey = r
                .key
                .get_ref()
                .parse()
                .map_err(|_| at(r.key.span(), Problem::UnknownKpi(r.key.get_ref().clone())))?;
            if rows.iter().any(|row| row.key == key) {
                return Err(at(r.key.span(), Problem::DuplicateKpi(key)));
            }
            let weight = positive(&r.weight)
                .ok()
                .filter(|w| *w <= MAX_WEIGHT)
                .ok_or_else(|| {
                    at(
                        r.weight.span(),
                        Problem::Weight(number(*r.weight.get_ref())),
                    )
                })?;
            let goal = match &r.goal {
                None => return Err(at(spanned.span(), Problem::MissingGoal(key))),
                Some(g) => goal_of(key, g.get_ref()).map_err(|p| at(g.span(), p))?,
            };
            let direction = match &r.direction {
                None => key.natural_direction(),
                Some(d) => d
                    .get_ref()
                    .parse()
                    .map_err(|_| at(d.span(), Problem::BadDirection(d.get_ref().clone())))?,
            };
            let cap = match &r.cap {
                Some(c) => positive(c).map_err(|v| at(c.span(), Problem::Cap(v)))?,
                None => default_cap,
            };
            rows.push(KpiRow {
                key,
                weight,
                goal,
                direction,
                cap,
            });
        }
        Ok(Template {
            name,
            effective_from,
            rows,
        })
    }

    pub fn total_weight(&self) -> f64 {
        self.rows.iter().map(|r| r.weight).sum()
    }

    /// The normalised TOML: what the store keeps and `template export` writes. Parsing it
    /// gives this template back.
    pub fn to_toml(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "name = {}", toml_string(&self.name));
        let _ = writeln!(out, "effective_from = \"{}\"", self.effective_from);
        for r in &self.rows {
            let _ = writeln!(out, "\n[[kpi]]\nkey = \"{}\"", r.key.code());
            let _ = writeln!(out, "weight = {}", number(r.weight));
            let goal = match r.goal {
                Goal::Target => "\"target\"".to_string(),
                Goal::Rating => "\"rating\"".to_string(),
                Goal::Fixed(v) => number(v),
            };
            let _ = writeln!(out, "goal = {goal}");
            if !r.key.is_rating() {
                let _ = writeln!(out, "direction = \"{}\"", r.direction.code());
            }
            let _ = writeln!(out, "cap = {}", number(r.cap));
        }
        out
    }
}

fn positive(v: &Spanned<f64>) -> Result<f64, String> {
    let x = *v.get_ref();
    if x.is_finite() && x > 0.0 {
        Ok(x)
    } else {
        Err(number(x))
    }
}

/// The goals a key takes, as a hint in refusals.
pub fn accepted_goal(key: KpiKey) -> &'static str {
    match key.unit() {
        Unit::Rating => "\"rating\"",
        _ if key.metric().is_some() => "\"target\" | NUMBER",
        Unit::Share => "0.9 | \"90%\"",
        _ => "NUMBER",
    }
}

/// A goal as written: "target", "rating", a number, or a share like "90%".
fn goal_of(key: KpiKey, v: &toml::Value) -> Result<Goal, Problem> {
    let accepted = accepted_goal(key);
    let bad = || Problem::BadGoal {
        key,
        value: v.to_string(),
        accepted,
    };
    let fixed = |x: f64| {
        if x == 0.0 && !key.is_rating() {
            return Err(Problem::ZeroGoal(key));
        }
        (x.is_finite() && x > 0.0 && !key.is_rating())
            .then_some(Goal::Fixed(x))
            .ok_or_else(bad)
    };
    match v {
        toml::Value::String(s) => {
            let s = s.trim();
            if s.eq_ignore_ascii_case("target") && key.metric().is_some() {
                Ok(Goal::Target)
            } else if s.eq_ignore_ascii_case("rating") && key.is_rating() {
                Ok(Goal::Rating)
            } else if let Some(pct) = s.strip_suffix('%').filter(|_| key.unit() == Unit::Share) {
                let x: f64 = pct.trim().parse().map_err(|_| bad())?;
                fixed(x / 100.0)
            } else {
                Err(bad())
            }
        }
        toml::Value::Integer(i) => fixed(*i as f64),
        toml::Value::Float(x) => fixed(*x),
        _ => Err(bad()),
    }
}

/// A number as TOML that reads back as the same number. Whole numbers from 1e15 on are
/// written with an exponent: as digits they would be integers too large for TOML.
fn number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{x:.0}")
    } else if x.is_finite() && x.abs() >= 1e15 {
        format!("{x:e}")
    } else {
        format!("{x}")
    }
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(text: &str) -> TemplateError {
        Template::parse(text).unwrap_err()
    }

    const HEAD: &str = "name = \"t\"\neffective_from = \"2026-Q3\"\n";

    #[test]
    fn the_default_template_is_section_5() {
        let t = Template::default_template();
        let rows: Vec<_> = t.rows.iter().map(|r| (r.key.code(), r.weight)).collect();
        assert_eq!(
            rows,
            [
                ("sales", 35.0),
                ("gross_profit", 10.0),
                ("collection_rate", 10.0),
                ("new_customers", 10.0),
                ("visits", 10.0),
                ("visit_timeliness", 5.0),
                ("expense_rate", 5.0),
                ("attitude", 5.0),
                ("knowledge", 5.0),
                ("teamwork", 5.0),
            ]
        );
        assert_eq!(t.total_weight(), 100.0);
        assert_eq!(t.rows[2].goal, Goal::Fixed(0.9));
        assert_eq!(t.rows[6].goal, Goal::Fixed(0.05));
        assert_eq!(t.rows[6].direction, Direction::Lower);
        assert_eq!(t.rows[0].goal, Goal::Target);
        assert_eq!(t.rows[9].goal, Goal::Rating);
        assert!(t.rows.iter().all(|r| r.cap == 1.0));
    }

    #[test]
    fn export_then_import_gives_the_same_template() {
        let mut t = Template::default_template();
        t.name = "Q3 \"push\" 冲刺".into();
        t.rows[0].cap = 1.2;
        t.rows[1].weight = 12.5;
        assert_eq!(Template::parse(&t.to_toml()).unwrap(), t);
    }

    #[test]
    fn an_unknown_field_is_named_with_its_line() {
        let e = refused(&format!(
            "{HEAD}\n[[kpi]]\nkey = \"sales\"\nwieght = 3\ngoal = \"target\"\n"
        ));
        assert_eq!(e.problem, Problem::UnknownField("wieght".into()));
        assert_eq!(e.line, 6);
    }

    #[test]
    fn an_unknown_kpi_is_refused() {
        let e = refused(&format!(
            "{HEAD}[[kpi]]\nkey = \"smiles\"\nweight = 3\ngoal = 1\n"
        ));
        assert_eq!(e.problem, Problem::UnknownKpi("smiles".into()));
        assert_eq!(e.line, 4);
    }

    #[test]
    fn weights_must_be_above_zero() {
        for w in ["0", "-5", "nan"] {
            let e = refused(&format!(
                "{HEAD}[[kpi]]\nkey = \"sales\"\nweight = {w}\ngoal = \"target\"\n"
            ));
            assert!(matches!(e.problem, Problem::Weight(_)), "{w}: {e:?}");
            assert_eq!(e.line, 5);
        }
    }

    #[test]
    fn weights_are_at_most_100() {
        for w in ["100.5", "1e308", "1e20"] {
            let e = refused(&format!(
                "{HEAD}[[kpi]]\nkey = \"sales\"\nweight = {w}\ngoal = \"target\"\n"
            ));
            assert!(matches!(e.problem, Problem::Weight(_)), "{w}: {e:?}");
            assert_eq!(e.line, 5);
        }
        let t = Template::parse(&format!(
            "{HEAD}[[kpi]]\nkey = \"sales\"\nweight = 100\ngoal = \"target\"\n"
        ))
        .unwrap();
        assert_eq!(t.total_weight(), 100.0);
    }

    #[test]
    fn a_fixed_goal_of_zero_is_refused() {
        for (key, goal) in [
            ("visits", "0"),
            ("collection_rate", "\"0%\""),
            ("expense_rate", "0.0"),
        ] {
            let e = refused(&format!(
                "{HEAD}[[kpi]]\nkey = \"{key}\"\nweight = 3\ngoal = {goal}\n"
            ));
            assert!(
                matches!(e.problem, Problem::ZeroGoal(_)),
                "{key} {goal}: {e:?}"
            );
            assert_eq!(e.line, 6);
        }
    }

    #[test]
    fn extreme_numbers_that_are_accepted_read_back_the_same() {
        let mut t = Template::default_template();
        t.rows[0].cap = 1e300;
        t.rows[1].goal = Goal::Fixed(1e20);
        t.rows[2].goal = Goal::Fixed(1e-300);
        t.rows[3].weight = 1e-9;
        assert_eq!(Template::parse(&t.to_toml()).unwrap(), t);
    }

    #[test]
    fn a_row_without_a_goal_is_refused_at_its_row() {
        let e = refused(&format!(
            "{HEAD}[[kpi]]\nkey = \"sales\"\nweight = 3\ngoal = \"target\"\n\n[[kpi]]\nkey = \"visits\"\nweight = 3\n"
        ));
        assert_eq!(e.problem, Problem::MissingGoal(KpiKey::Visits));
        assert!((8..=10).contains(&e.line), "line {}", e.line);
    }

    #[test]
    fn goals_must_fit_their_key() {
        let cases = [
            ("collection_rate", "\"target\""),
            ("attitude", "3"),
            ("sales", "\"rating\""),
            ("visits", "-1"),
            ("expense_rate", "\"five\""),
        ];
        for (key, goal) in cases {
            let e = refused(&format!(
                "{HEAD}[[kpi]]\nkey = \"{key}\"\nweight = 3\ngoal = {goal}\n"
            ));
            assert!(
                matches!(e.problem, Problem::BadGoal { .. }),
                "{key} {goal}: {e:?}"
            );
            assert_eq!(e.line, 6);
        }
    }

    #[test]
    fn other_refusals() {
        assert_eq!(refused(HEAD).problem, Problem::NoRows);
        let e = refused(
            "name = \"t\"\neffective_from = \"2026-13\"\n[[kpi]]\nkey = \"sales\"\nweight = 1\ngoal = 1\n",
        );
        assert_eq!(
            (e.line, e.problem),
            (2, Problem::BadPeriod("2026-13".into()))
        );
        let e = refused(&format!(
            "{HEAD}[[kpi]]\nkey = \"sales\"\nweight = 1\ngoal = 1\n[[kpi]]\nkey = \"SALES\"\nweight = 1\ngoal = 2\n"
        ));
        assert_eq!(
            (e.line, e.problem),
            (8, Problem::DuplicateKpi(KpiKey::Sales))
        );
        let e = refused("name = \"t\"\n[[kpi]]\nkey = \"sales\"\n");
        assert!(matches!(e.problem, Problem::Syntax(_)), "{e:?}");
        let e = refused(&format!(
            "{HEAD}[[kpi]]\nkey = \"sales\"\nweight = 1\ngoal = 1\ndirection = \"up\"\n"
        ));
        assert_eq!((e.line, e.problem), (7, Problem::BadDirection("up".into())));
        let e = refused(
            "name = \"t\"\neffective_from = \"2026\"\ncap = 0\n[[kpi]]\nkey = \"sales\"\nweight = 1\ngoal = 1\n",
        );
        assert_eq!((e.line, e.problem), (3, Problem::Cap("0".into())));
        let e = refused("name = \"t\" x\n");
        assert!(
            matches!(e.problem, Problem::Syntax(_)) && e.line == 1,
            "{e:?}"
        );
    }

    #[test]
    fn shares_are_written_as_fractions_or_percentages() {
        let t = Template::parse(&format!(
            "{HEAD}cap = 1.5\n[[kpi]]\nkey = \"visit_timeliness\"\nweight = 1\ngoal = 0.8\n[[kpi]]\nkey = \"collection_rate\"\nweight = 1\ngoal = \"80 %\"\ncap = 1\n"
        ))
        .unwrap();
        assert_eq!(t.rows[0].goal, Goal::Fixed(0.8));
        assert_eq!(t.rows[1].goal, Goal::Fixed(0.8));
        assert_eq!((t.rows[0].cap, t.rows[1].cap), (1.5, 1.0));
    }
}
