//! The Scorecards tab (README, The TUI: tab 5): a row per rep for a month, quarter or year (every
//! KPI's score, the total, grade, rank, the over-achiever mark and a trend); the detail
//! explains each row. Managers rate reps and edit the template here; a rated rep answers.
//! The cards are read first and the trend of the periods before a moment later (on the next
//! tick), so stepping through periods stays quick on years of data.

use chrono::NaiveDate;

use crate::domain::kpi::KpiKey;
use crate::domain::scoring::Marks;
use crate::domain::template::{Goal, KpiRow, Template};
use crate::domain::{FieldError, Granularity, Period, Reason};
use crate::store::StoreError;
use crate::store::kpi::ratings::parse_mark;
use crate::store::kpi::scorecards::Scorecard;
use crate::t;
use crate::tui::app::App;
use crate::tui::forms::FormPurpose;
use crate::tui::keys::Action;
use crate::tui::widgets::form::{Field, Form};

#[derive(Debug, Clone, Default)]
pub struct ScorecardsView {
    pub period: Option<Period>,
    pub cards: Vec<Scorecard>,
    pub row: usize,
    /// The selected card's rows explained, instead of the list.
    pub detail: bool,
    /// The trend of the periods before is still to be read.
    pub trend_pending: bool,
    /// The template scoring the period (its name is in the title).
    pub template: String,
    /// Why there are no cards (a login that is not a rep).
    pub refused: Option<String>,
}

impl ScorecardsView {
    pub fn selected(&self) -> Option<&Scorecard> {
        self.cards.get(self.row)
    }
}

/// Month → quarter → year → month, keeping the day the period starts on in view.
fn next_granularity(p: Period, today: NaiveDate) -> Period {
    let day = if p.contains(today) {
        today
    } else {
        p.first_day()
    };
    match p.granularity() {
        Granularity::Month => Period::quarter_of(day),
        Granularity::Quarter => Period::year_of(day),
        Granularity::Year => Period::month_of(day),
    }
}

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

impl App {
    /// The period the tab shows: the current quarter until another is chosen.
    pub fn scorecard_period(&self) -> Period {
        self.scorecards
            .period
            .unwrap_or_else(|| Period::quarter_of(self.store.clock().today()))
    }

    pub(crate) fn load_scorecards(&mut self) {
        let period = self.scorecard_period();
        let keep = self.scorecards.selected().map(|c| c.rep.id.clone());
        match self.store.scorecards(&self.actor, period, None, false) {
            Ok(cards) => {
                self.scorecards.template = match self.store.template_for(period) {
                    Ok(t) => t.name,
                    Err(_) => String::new(),
                };
                self.scorecards.row = keep
                    .and_then(|id| cards.iter().position(|c| c.rep.id == id))
                    .unwrap_or(self.scorecards.row)
                    .min(cards.len().saturating_sub(1));
                self.scorecards.cards = cards;
                self.scorecards.refused = None;
                self.scorecards.trend_pending = true;
            }
            Err(e) => {
                self.scorecards.cards.clear();
                self.scorecards.refused = Some(e.to_string());
                self.scorecards.trend_pending = false;
            }
        }
    }

    /// Reads the trend of the periods before, once the cards are on screen.
    pub(crate) fn load_scorecard_trend(&mut self) {
        if !self.scorecards.trend_pending {
            return;
        }
        self.scorecards.trend_pending = false;
        let period = self.scorecard_period();
        match self.store.earlier_totals(period) {
            Ok(earlier) => {
                for card in &mut self.scorecards.cards {
                    card.trend = earlier
                        .iter()
                        .map(|(p, totals)| (*p, totals.get(&card.rep.id).copied()))
                        .collect();
                    card.trend.push((period, Some(card.score.total)));
                }
            }
            Err(e) => self.message = Some(e.to_string()),
        }
    }

    pub(crate) fn scorecards_action(&mut self, action: Action) {
        let v = &mut self.scorecards;
        let last = v.cards.len().saturating_sub(1);
        match action {
            Action::Down => v.row = (v.row + 1).min(last),
            Action::Up => v.row = v.row.saturating_sub(1),
            Action::Top => v.row = 0,
            Action::Bottom => v.row = last,
            Action::PeriodBack | Action::PeriodForward => {
                let p = self.scorecard_period();
                let p = if action == Action::PeriodBack {
                    p.previous()
                } else {
                    p.next()
                };
                self.scorecards.period = Some(p);
                self.load_scorecards();
            }
            Action::Toggle => {
                let today = self.store.clock().today();
                self.scorecards.period = Some(next_granularity(self.scorecard_period(), today));
                self.load_scorecards();
            }
            // Only a whole card is explained: a teammate's line has no rows to show.
            Action::Open => match v.selected() {
                Some(c) if !c.detail => {
                    let name = c.rep.name.clone();
                    self.message = Some(t!("scope.card_is_theirs", name = name));
                }
                Some(_) => v.detail = true,
                None => {}
            },
            Action::Back => v.detail = false,
            Action::Rate => self.open_rating_form(),
            Action::Edit => self.open_template_form(),
            _ => {}
        }
    }

    fn open_rating_form(&mut self) {
        let period = self.scorecard_period();
        let Some(card) = self.scorecards.selected() else {
            return;
        };
        let mine = self.actor.rep_id.as_deref() == Some(card.rep.id.as_str());
        if mine && !self.actor.is_manager() {
            // A rep answers their own rating, once there is one.
            if card.rating.is_none() {
                self.message = Some(t!("error.not_rated", period = period));
                return;
            }
            let answer = card
                .rating
                .as_ref()
                .and_then(|r| r.response.clone())
                .unwrap_or_default();
            let form = Form::new("tui.form_respond", vec![Field::text("response", answer)]);
            self.form = Some((FormPurpose::Respond(period), form));
            return;
        }
        if !self.actor.is_manager() {
            self.message = Some(t!(
                "error.denied",
                login = self.actor.login,
                action = t!("action.rate")
            ));
            return;
        }
        let r = card.rating.as_ref();
        let mark = |f: fn(&crate::store::kpi::ratings::Rating) -> u8| {
            r.map(|r| f(r).to_string()).unwrap_or_default()
        };
        let form = Form::new(
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
        );
        self.form = Some((FormPurpose::Rate(card.rep.login.clone(), period), form));
    }

    fn open_template_form(&mut self) {
        if !self.actor.is_manager() {
            self.message = Some(t!(
                "error.denied",
                login = self.actor.login,
                action = t!("action.templates")
            ));
            return;
        }
        let from = Period::month_of(self.store.clock().today());
        let template = match self.store.template_for(from) {
            Ok(t) => t,
            Err(e) => {
                self.message = Some(e.to_string());
                return;
            }
        };
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
        form.notes = template_notes(&form, &template);
        self.form = Some((FormPurpose::EditTemplate(template.name.clone(), from), form));
    }

    /// The template editor's total weight, shown under it as it is typed.
    pub(crate) fn refresh_template_total(&mut self) {
        let Some((FormPurpose::EditTemplate(..), form)) = &self.form else {
            return;
        };
        let from = Period::month_of(self.store.clock().today());
        let Ok(template) = self.store.template_for(from) else {
            return;
        };
        let notes = template_notes(form, &template);
        if let Some((_, form)) = self.form.as_mut() {
            form.notes = notes;
        }
    }

    pub(crate) fn save_rating(
        &mut self,
        login: &str,
        period: Period,
        form: &Form,
    ) -> Result<(), StoreError> {
        let marks = Marks {
            attitude: parse_mark("attitude", form.value("attitude"))?,
            knowledge: parse_mark("knowledge", form.value("knowledge"))?,
            teamwork: parse_mark("teamwork", form.value("teamwork"))?,
        };
        let comment = Some(form.value("comment")).filter(|c| !c.trim().is_empty());
        self.store
            .rate(&self.actor, login, period, marks, comment)
            .map(|_| ())
    }

    pub(crate) fn save_response(&mut self, period: Period, form: &Form) -> Result<(), StoreError> {
        self.store
            .respond(&self.actor, period, form.value("response"))
            .map(|_| ())
    }

    pub(crate) fn save_template(
        &mut self,
        name: &str,
        from: Period,
        form: &Form,
    ) -> Result<(), StoreError> {
        let base = self.store.template_for(from)?;
        let template = Template {
            name: name.to_string(),
            effective_from: from,
            rows: edited_rows(form, &base)?,
        };
        if template.rows.is_empty() {
            return Err(FieldError::new("sales", "", Reason::Format(FORM_HINT)).into());
        }
        self.store
            .import_template(&self.actor, &template)
            .map(|_| ())
    }
}

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

fn template_notes(form: &Form, base: &Template) -> Vec<String> {
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
