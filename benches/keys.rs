//! Key latency (benches/README.md, "Key latency"): the App on a test backend goes through every
//! binding of the keymap (`tui::keymap`, its defaults file) on every screen of `keys::screen::ALL`, and
//! through the keys of every form, the help and delete dialogs and the filter line, timing each
//! key from the event to the drawn frame (`handle_event` + `Terminal::draw` on a TestBackend).
//! Budget: every key ≤ 50 ms, p95 ≤ 16 ms; a key's cost must not grow with the history (within
//! 2× between the reference set and a tenth of it).
//!
//! ```sh
//! cargo bench --bench keys                      # both sets, 80×24, 20 presses a key
//! cargo bench --bench keys -- --scale tenth     # full | tenth | both
//! cargo bench --bench keys -- --size 80x24 --presses 10 --only form
//! cargo bench --bench keys -- --strict          # exit 1 when a key is over budget
//! ```
//!
//! Each press starts from a known state, re-established untimed before it: the App is put back
//! on the screen (nothing open, the tab's first row selected, the screen opened again with its
//! own keys), then a key that needs something to act on gets it (↑, PgUp, Home from the last
//! row; ← from the second column; claim after a release and release after a claim; in a form,
//! Backspace, ← and Home after a typed character; Ctrl-S after the form's required fields are
//! filled). Keys whose effect is undone by another (`[` and `]`, Targets' `t`) are undone
//! after the press; keys that step through a cycle (sorts, quick filters, metric, stage, whose
//! deals, granularity) step on from one press to the next, and are stepped round to where they
//! started when their presses are done. The tick that follows a key (where the Scorecards tab
//! reads its trend) is timed apart. A key that quits is timed and then the App is opened again.
//!
//! The App runs as the founding manager of the reference set, on a copy of it (claims,
//! saves and payments write to the copy, never to `benches/cache/`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use salestrack::config::Settings;
use salestrack::domain::Period;
use salestrack::store::Store;
use salestrack::store::demo::{self, DemoOptions};
use salestrack::tui::app::{App, Dialog};
use salestrack::tui::keymap::{self as keys, Action, KeyMap, Scope};

#[path = "reference.rs"]
mod reference;

use reference::{FOUNDER, clock};

const BUDGET_MAX: Duration = Duration::from_millis(50);
const BUDGET_P95: Duration = Duration::from_millis(16);
/// Below this p50 on the full set a key is too quick for a ratio between sets to mean much.
const RATIO_FLOOR: Duration = Duration::from_millis(1);

// ---------------------------------------------------------------------------------------------
// The data sets

/// A tenth of the reference set, generated once into `benches/cache/` beside it by the same
/// generator (`store::demo`), with the options `benches/foundation.rs` times.
fn tenth_db() -> PathBuf {
    let r = reference::options();
    let o = DemoOptions {
        customers: r.customers / 10,
        visits: r.visits / 10,
        deals: r.deals / 10,
        ..r
    };
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("benches/cache");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("reference-{}-{}.db", o.seed, o.customers));
    if !path.exists() {
        let tmp = path.with_extension("partial");
        let _ = std::fs::remove_file(&tmp);
        let mut store = Store::create_or_open(&tmp, clock()).unwrap();
        let started = Instant::now();
        demo::generate(&mut store, FOUNDER, &o).unwrap();
        drop(store);
        std::fs::rename(&tmp, &path).unwrap();
        println!(
            "a tenth of the reference set ({} customers) generated in {:.1} s",
            o.customers,
            started.elapsed().as_secs_f64()
        );
    }
    path
}

/// A copy of `db` the keys may write to, in a directory removed when it is dropped.
fn scratch_copy(db: &Path) -> (tempfile::TempDir, PathBuf) {
    let cache = db.parent().unwrap();
    let dir = tempfile::Builder::new()
        .prefix("keys-")
        .tempdir_in(cache)
        .unwrap();
    let path = dir.path().join("keys.db");
    std::fs::copy(db, &path).unwrap();
    (dir, path)
}

fn open_app(path: &Path, w: u16, h: u16) -> App {
    let store = Store::open(path, clock()).unwrap();
    let actor = store.actor_for(FOUNDER).unwrap();
    let mut app = App::new(store, actor, &Settings::default()).unwrap();
    // The Scorecards tab's period written out, so stepping its granularity round comes back
    // to the same state (the App starts with "the current quarter" left unset).
    app.tabs.scorecards.period = Some(Period::quarter_of(clock().today()));
    app.resize(w, h);
    app
}

// ---------------------------------------------------------------------------------------------
// Keys

fn ev(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

fn ch(c: char) -> KeyEvent {
    ev(KeyCode::Char(c))
}

fn label(k: &KeyEvent) -> String {
    keys::Key {
        code: k.code,
        mods: k.modifiers,
    }
    .label()
}

/// What a key does on a screen: an action of the key table, or a key of a form, a dialog or
/// the filter line.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Does {
    Action(Action),
    /// Typed text: a character.
    Type,
    Backspace,
    /// Moves the cursor back in a text (←, Home).
    CursorBack,
    Save,
    Other,
}

#[derive(Clone, Copy)]
struct Press {
    key: KeyEvent,
    does: Does,
}

/// The screens of the key table, how to reach each, and the forms, dialogs and filters.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A screen of `keys::screen::ALL`: these scopes in force.
    Table(&'static [Scope]),
    /// A form with this title open.
    Form(&'static str),
    /// The help over the screen.
    Help,
    /// A tab's yes/no question.
    Confirm,
    Filter,
    /// The Customers list just after a save (every other tab out of date): the tab keys.
    AfterSave,
}

struct Screen {
    name: &'static str,
    kind: Kind,
    /// The tab's number key.
    tab: char,
    /// Keys pressed after the tab's first row is selected (the Customers tab selects a
    /// customer with contacts first).
    open: Vec<KeyEvent>,
}

fn screens() -> Vec<Screen> {
    use keys::screen::*;
    let s = |name, kind, tab, open: &[KeyEvent]| Screen {
        name,
        kind,
        tab,
        open: open.to_vec(),
    };
    let enter = ev(KeyCode::Enter);
    let t = Kind::Table;
    let f = Kind::Form;
    let all = vec![
        s("Customers", t(CUSTOMERS), '1', &[]),
        s("Customer detail", t(CUSTOMER_DETAIL), '1', &[enter]),
        s("Visits", t(VISITS), '2', &[]),
        s("Visit detail", t(VISIT_DETAIL), '2', &[enter]),
        s("Agenda", t(AGENDA), '2', &[ch('o')]),
        s("Agenda run", t(AGENDA_RUN), '2', &[ch('o'), ch('r')]),
        s("Deals", t(DEALS), '3', &[]),
        s("Deal detail", t(DEAL_DETAIL), '3', &[enter]),
        s("Targets", t(TARGETS), '4', &[]),
        s("Target history", t(TARGET_HISTORY), '4', &[enter]),
        s("Scorecards", t(SCORECARDS), '5', &[]),
        s("Scorecard detail", t(SCORECARD_DETAIL), '5', &[enter]),
        s("People", t(PEOPLE), '6', &[]),
        s("Audit log", t(AUDIT), '6', &[ch('u')]),
        s("Help", Kind::Help, '1', &[ch('?')]),
        s("Delete customer?", Kind::Confirm, '1', &[ch('d')]),
        s("Delete visit?", Kind::Confirm, '2', &[ch('d')]),
        s("Filter customers", Kind::Filter, '1', &[ch('/')]),
        s("Filter visits", Kind::Filter, '2', &[ch('/')]),
        s("Customers after a save", Kind::AfterSave, '1', &[]),
        s(
            "Form add customer",
            f("tui.form_customer_add"),
            '1',
            &[ch('a')],
        ),
        s(
            "Form edit customer",
            f("tui.form_customer_edit"),
            '1',
            &[ch('e')],
        ),
        s("Form assign", f("tui.form_assign"), '1', &[ch('t')]),
        s(
            "Form add contact",
            f("tui.form_contact_add"),
            '1',
            &[enter, ch('a')],
        ),
        s(
            "Form edit contact",
            f("tui.form_contact_edit"),
            '1',
            &[enter, enter],
        ),
        s("Form add visit", f("tui.form_visit_add"), '2', &[ch('a')]),
        s("Form edit visit", f("tui.form_visit_edit"), '2', &[ch('e')]),
        s(
            "Form visit filter",
            f("tui.form_visit_filter"),
            '2',
            &[ch('f')],
        ),
        s("Form add deal", f("tui.form_deal_add"), '3', &[ch('a')]),
        s("Form edit deal", f("tui.form_deal_edit"), '3', &[ch('e')]),
        s("Form win deal", f("tui.form_deal_win"), '3', &[ch('w')]),
        s("Form lose deal", f("tui.form_deal_lose"), '3', &[ch('l')]),
        s("Form payment", f("tui.form_payment_add"), '3', &[ch('p')]),
        s("Form set target", f("tui.form_target_set"), '4', &[ch('s')]),
        s(
            "Form split target",
            f("tui.form_target_split"),
            '4',
            &[ch('x')],
        ),
        s("Form rate", f("tui.form_rate"), '5', &[ch('r')]),
        s("Form template", f("tui.form_template"), '5', &[ch('e')]),
    ];
    // Every screen of the key table is driven here: a new one must be added above.
    for scopes in ALL {
        assert!(
            all.iter().any(|s| s.kind == Kind::Table(scopes)),
            "benches/keys.rs does not drive the screen {scopes:?}"
        );
    }
    all
}

/// The keys to time on a screen: every key of every binding in force there, or a form's,
/// a dialog's or the filter line's keys (`typed` is a character a customer's name has).
fn presses(kind: Kind, typed: char) -> Vec<Press> {
    let p = |key, does| Press { key, does };
    match kind {
        Kind::Table(scopes) => KeyMap::default()
            .keys_in(scopes)
            .into_iter()
            .map(|(k, action)| Press {
                key: KeyEvent::new(k.code, k.mods),
                does: Does::Action(action),
            })
            .collect(),
        Kind::Form(_) => vec![
            p(ev(KeyCode::Tab), Does::Other),
            p(ev(KeyCode::BackTab), Does::Other),
            p(ev(KeyCode::Down), Does::Other),
            p(ev(KeyCode::Up), Does::Other),
            p(ev(KeyCode::Enter), Does::Other),
            p(ch(typed), Does::Type),
            p(ch(' '), Does::Other),
            p(ev(KeyCode::Backspace), Does::Backspace),
            p(ev(KeyCode::Left), Does::CursorBack),
            p(ev(KeyCode::Right), Does::Other),
            p(ev(KeyCode::Home), Does::CursorBack),
            p(ev(KeyCode::End), Does::Other),
            p(ev(KeyCode::Esc), Does::Other),
            p(ctrl('s'), Does::Save),
            p(ctrl('c'), Does::Other),
        ],
        Kind::Help => vec![
            p(ev(KeyCode::Esc), Does::Other),
            p(ev(KeyCode::Enter), Does::Other),
            p(ch('?'), Does::Other),
            p(ch('q'), Does::Other),
            p(ch('j'), Does::Other),
        ],
        Kind::Confirm => vec![p(ch('n'), Does::Other), p(ev(KeyCode::Esc), Does::Other)],
        Kind::AfterSave => ['2', '3', '4', '5']
            .map(|c| p(ch(c), Does::Action(Action::GoTab(0))))
            .to_vec(),
        Kind::Filter => vec![
            p(ch(typed), Does::Type),
            p(ev(KeyCode::Backspace), Does::Backspace),
            p(ev(KeyCode::Enter), Does::CursorBack),
            p(ev(KeyCode::Esc), Does::CursorBack),
        ],
    }
}

// ---------------------------------------------------------------------------------------------
// Driving the App

struct Rig {
    path: PathBuf,
    app: App,
    terminal: Terminal<TestBackend>,
    w: u16,
    h: u16,
    /// The customer row (from the top) whose detail has contacts.
    contact_row: usize,
    /// Unique names for what Ctrl-S adds.
    saved: usize,
    typed: char,
}

impl Rig {
    /// An untimed key, and what it asked the worker to read, handed over.
    fn key(&mut self, k: KeyEvent) {
        self.app.handle_event(Event::Key(k));
        self.app.settle();
    }

    fn draw(&mut self) {
        let app = &self.app;
        self.terminal
            .draw(|f| salestrack::tui::view::draw(app, f))
            .unwrap();
    }

    fn text(&mut self, s: &str) {
        for c in s.chars() {
            self.key(ch(c));
        }
    }

    /// The view's state that keys step through, to step it back to where it started.
    fn fingerprint(&self) -> String {
        let t = &self.app.tabs;
        format!(
            "{:?}",
            (
                t.customers.sort,
                t.customers.quick,
                t.deals.stage,
                &t.deals.of,
                (t.targets.year, t.targets.metric, t.targets.by_month),
                t.scorecards.period,
                &t.visits.filter,
                (&t.customers.list.filter, &t.visits.list.filter),
            )
        )
    }

    /// Puts the App on `s`, untimed: nothing open, the tab's first row, the screen's keys.
    /// False when the screen could not be reached.
    fn reach(&mut self, s: &Screen) -> bool {
        let a = &mut self.app;
        a.form = None;
        a.dialog = None;
        a.filtering = false;
        a.tabs.customers.pending_delete = None;
        a.tabs.visits.pending_delete = None;
        a.tabs.customers.detail = None;
        a.tabs.visits.detail = None;
        a.tabs.visits.agenda = None;
        a.tabs.deals.detail = None;
        a.tabs.targets.history = None;
        a.tabs.targets.col = 0;
        a.tabs.scorecards.detail = false;
        a.message = None;
        // Every tab read (after a change they are read again when shown), so a tab key
        // finds its tab up to date, as it is when nothing changed since it was last shown.
        for tab in ['1', '2', '3', '4', '5'] {
            self.key(ch(tab));
        }
        self.app.tick();
        self.app.settle();
        self.key(ch(s.tab));
        if !self.app.current().filter().unwrap_or_default().is_empty() {
            self.key(ev(KeyCode::Esc));
        }
        self.key(ev(KeyCode::Home));
        if s.tab == '1' {
            for _ in 0..self.contact_row {
                self.key(ev(KeyCode::Down));
            }
        }
        for k in s.open.clone() {
            self.key(k);
        }
        self.app.tick();
        self.app.settle();
        self.draw();
        self.is_on(s)
    }

    fn is_on(&self, s: &Screen) -> bool {
        let a = &self.app;
        match s.kind {
            Kind::Table(scopes) => {
                a.form.is_none() && a.dialog.is_none() && !a.filtering && a.scopes() == scopes
            }
            Kind::Form(title) => a.form.as_ref().is_some_and(|f| f.form.title == title),
            Kind::Help => a.dialog == Some(Dialog::Help),
            Kind::Confirm => matches!(a.dialog, Some(Dialog::Confirm(..))),
            Kind::Filter => a.filtering,
            Kind::AfterSave => a.scopes() == keys::screen::CUSTOMERS && a.form.is_none(),
        }
    }

    /// What a key needs before it, untimed, and what undoes it after.
    fn before_after(&mut self, s: &Screen, p: &Press) -> Vec<KeyEvent> {
        let detail = s.kind == Kind::Table(keys::screen::CUSTOMER_DETAIL);
        if s.kind == Kind::AfterSave {
            // A release and a claim of the selected customer: two saves, every tab stale.
            self.key(ch('r'));
            self.key(ch('c'));
            return Vec::new();
        }
        match p.does {
            Does::Action(Action::Up | Action::PageUp | Action::Top) if detail => {
                self.key(ev(KeyCode::Down));
                self.key(ev(KeyCode::Down));
            }
            Does::Action(Action::Up | Action::PageUp | Action::Top) => self.key(ev(KeyCode::End)),
            Does::Action(Action::Left) => self.key(ev(KeyCode::Right)),
            Does::Action(Action::Claim) => self.key(ch('r')),
            Does::Action(Action::Release) => self.key(ch('c')),
            Does::Action(Action::PeriodBack) => return vec![ch(']')],
            Does::Action(Action::PeriodForward) => return vec![ch('[')],
            Does::Action(Action::Toggle) if s.tab == '4' => return vec![ch('t')],
            Does::Backspace | Does::CursorBack => {
                let t = self.typed;
                self.key(ch(t));
            }
            Does::Save => self.fill(s),
            _ => {}
        }
        Vec::new()
    }

    /// Fills what a form needs to be saved: a name, a picked customer, a reason, a value,
    /// marks. Forms opened on a record are saved as they are.
    fn fill(&mut self, s: &Screen) {
        let Kind::Form(title) = s.kind else { return };
        self.saved += 1;
        let name = format!("kb{}", self.saved);
        match title {
            "tui.form_customer_add" | "tui.form_contact_add" | "tui.form_deal_lose" => {
                self.text(&name)
            }
            "tui.form_visit_add" | "tui.form_deal_add" => {
                let t = self.typed;
                self.key(ch(t));
                self.key(ev(KeyCode::Enter));
                self.text(&name);
            }
            "tui.form_target_set" => {
                self.key(ctrl('u'));
                self.text("1000");
            }
            "tui.form_rate" => {
                for c in ['3', '\t', '4', '\t', '3'] {
                    match c {
                        '\t' => self.key(ev(KeyCode::Tab)),
                        c => self.key(ch(c)),
                    }
                }
            }
            _ => {}
        }
    }

    /// Where a key left the App, as the table says it.
    fn outcome(&self, s: &Screen, quits: bool) -> String {
        let a = &self.app;
        if quits {
            return "quits".into();
        }
        if self.is_on(s) {
            return match &a.form {
                Some(f) if f.form.asking.is_some() => "asks".into(),
                Some(f) if f.form.has_errors() => "refused".into(),
                _ => "stays".into(),
            };
        }
        if let Some(f) = a.form.as_ref().map(|o| &o.form) {
            return format!("→ {}", f.title.trim_start_matches("tui.form_"));
        }
        if let Some(d) = &a.dialog {
            // The dialog's kind, as before a question carried its text.
            let kind = format!("{d:?}");
            let kind = kind.split('(').next().unwrap_or_default();
            return format!(
                "→ {}",
                if kind == "Confirm" {
                    "ConfirmDelete"
                } else {
                    kind
                }
            );
        }
        if a.filtering {
            return "→ filter".into();
        }
        let here = keys::screen::ALL
            .iter()
            .position(|sc| a.scopes() == *sc)
            .map_or("?", |i| SCREEN_NAMES[i]);
        let saved = matches!(s.kind, Kind::Form(_)) && a.message.is_some();
        format!("→ {here}{}", if saved { " (saved)" } else { "" })
    }
}

/// The names of `keys::screen::ALL`, in its order.
const SCREEN_NAMES: [&str; 14] = [
    "Customers",
    "Customer detail",
    "Visits",
    "Visit detail",
    "Agenda",
    "Agenda run",
    "Deals",
    "Deal detail",
    "Targets",
    "Target history",
    "Scorecards",
    "Scorecard detail",
    "People",
    "Audit log",
];

/// One key on one screen.
struct Timing {
    screen: &'static str,
    key: String,
    samples: Vec<Duration>,
    tick_max: Duration,
    outcomes: BTreeMap<String, usize>,
}

impl Timing {
    fn pct(&self, p: f64) -> Duration {
        let mut v = self.samples.clone();
        v.sort();
        // Nearest rank.
        let rank = ((p * v.len() as f64).ceil() as usize).clamp(1, v.len());
        v[rank - 1]
    }
    fn max(&self) -> Duration {
        self.samples.iter().copied().max().unwrap_or_default()
    }
    fn over(&self) -> bool {
        self.max() > BUDGET_MAX || self.pct(0.95) > BUDGET_P95
    }
    fn outcome(&self) -> String {
        self.outcomes
            .iter()
            .map(|(o, n)| {
                if self.outcomes.len() == 1 {
                    o.clone()
                } else {
                    format!("{o} ×{n}")
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

struct Options {
    presses: usize,
    sizes: Vec<(u16, u16)>,
    scales: Vec<&'static str>,
    only: Option<String>,
    strict: bool,
    cold: bool,
}

fn options() -> Options {
    let mut o = Options {
        presses: 20,
        sizes: Vec::new(),
        scales: vec!["full", "tenth"],
        only: None,
        strict: false,
        cold: false,
    };
    // `cargo bench` passes `--bench`; anything not known here is left alone.
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--presses" => o.presses = args.next().and_then(|n| n.parse().ok()).unwrap_or(20),
            "--size" => {
                let s = args.next().unwrap_or_default();
                let (w, h) = s.split_once('x').expect("--size WxH");
                o.sizes.push((w.parse().unwrap(), h.parse().unwrap()));
            }
            "--scale" => {
                o.scales = match args.next().as_deref() {
                    Some("full") => vec!["full"],
                    Some("tenth") => vec!["tenth"],
                    _ => vec!["full", "tenth"],
                }
            }
            "--only" => o.only = args.next(),
            "--strict" => o.strict = true,
            "--cold" => o.cold = true,
            _ => {}
        }
    }
    if o.sizes.is_empty() {
        o.sizes = vec![(80, 24)];
    }
    o
}

fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

/// Every key on every screen of one data set at one size.
fn run(db: &Path, (w, h): (u16, u16), o: &Options) -> Vec<Timing> {
    let (_dir, path) = scratch_copy(db);
    let app = open_app(&path, w, h);
    let mut rig = Rig {
        path,
        app,
        terminal: Terminal::new(TestBackend::new(w, h)).unwrap(),
        w,
        h,
        contact_row: 0,
        saved: 0,
        typed: 'a',
    };
    rig.draw();
    // A customer near the top whose detail has contacts, for the contact keys and forms.
    rig.key(ev(KeyCode::Home));
    if let Some(c) = rig
        .app
        .tabs
        .customers
        .list
        .rows
        .first()
        .and_then(|r| r.name.chars().next())
    {
        rig.typed = c;
    }
    for i in 0..rig.app.tabs.customers.list.rows.len() {
        rig.key(ev(KeyCode::Enter));
        let has = rig
            .app
            .tabs
            .customers
            .detail
            .as_ref()
            .is_some_and(|d| !d.contacts.is_empty());
        rig.key(ev(KeyCode::Esc));
        if has {
            rig.contact_row = i;
            break;
        }
        rig.key(ev(KeyCode::Down));
    }
    let mut out = Vec::new();
    for s in screens() {
        if o.only.as_deref().is_some_and(|f| !s.name.contains(f)) {
            continue;
        }
        if !rig.reach(&s) {
            eprintln!("  could not reach {}: skipped", s.name);
            continue;
        }
        eprintln!("  {} ({} x{w}x{h})", s.name, load());
        let start = rig.fingerprint();
        for p in presses(s.kind, rig.typed) {
            let mut t = Timing {
                screen: s.name,
                key: label(&p.key),
                samples: Vec::with_capacity(o.presses),
                tick_max: Duration::ZERO,
                outcomes: BTreeMap::new(),
            };
            let mut quit = false;
            for _ in 0..o.presses {
                if !rig.reach(&s) {
                    eprintln!("  lost {} before {}", s.name, t.key);
                    break;
                }
                let undo = rig.before_after(&s, &p);
                rig.draw();
                let quit_before = rig.app.should_quit();
                let started = Instant::now();
                rig.app.handle_event(Event::Key(p.key));
                rig.draw();
                t.samples.push(started.elapsed());
                let started = Instant::now();
                rig.app.tick();
                rig.app.settle();
                t.tick_max = t.tick_max.max(started.elapsed());
                // Quitting is a flag the App keeps: once this key set it, its later presses
                // (from the same state) are taken to do the same.
                let quits = rig.app.should_quit() && (!quit_before || quit);
                *t.outcomes.entry(rig.outcome(&s, quits)).or_default() += 1;
                quit |= quits;
                if undo.is_empty() {
                    continue;
                }
                rig.reach(&s);
                for k in undo {
                    rig.key(k);
                }
            }
            // A key that steps through a cycle is stepped round to where it started.
            rig.reach(&s);
            for _ in 0..100 {
                if rig.fingerprint() == start || !matches!(p.does, Does::Action(_)) {
                    break;
                }
                rig.reach(&s);
                rig.key(p.key);
                rig.app.tick();
                rig.app.settle();
            }
            if rig.fingerprint() != start {
                eprintln!("  {} {} left the view changed", s.name, t.key);
            }
            if quit {
                // Quitting is only a flag for the event loop: open the App again.
                rig.app = open_app(&rig.path, rig.w, rig.h);
                rig.reach(&s);
            }
            if !t.samples.is_empty() {
                out.push(t);
            }
        }
    }
    out
}

fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1000.0)
}

fn print_run(title: &str, ts: &[Timing]) {
    let mut v: Vec<&Timing> = ts.iter().collect();
    v.sort_by_key(|t| std::cmp::Reverse((t.pct(0.95), t.max())));
    println!("\n{title}: {} keys", v.len());
    println!(
        "{:<24} {:<10} {:>8} {:>8} {:>8} {:>9}  {:<5} outcome",
        "screen", "key", "p50 ms", "p95 ms", "max ms", "tick ms", ""
    );
    for t in v {
        println!(
            "{:<24} {:<10} {:>8} {:>8} {:>8} {:>9}  {:<5} {}",
            t.screen,
            t.key,
            ms(t.pct(0.5)),
            ms(t.pct(0.95)),
            ms(t.max()),
            ms(t.tick_max),
            if t.over() { "OVER" } else { "" },
            t.outcome()
        );
    }
}

/// Both sets side by side at one size, as a Markdown table, the worst keys first.
fn print_compare(size: (u16, u16), full: &[Timing], tenth: &[Timing]) -> usize {
    let mut grown = 0;
    let by_key: BTreeMap<(&str, &str), &Timing> = tenth
        .iter()
        .map(|t| ((t.screen, t.key.as_str()), t))
        .collect();
    let mut v: Vec<&Timing> = full.iter().collect();
    v.sort_by_key(|t| std::cmp::Reverse((t.pct(0.95), t.max())));
    println!(
        "\n{}×{}, full set against a tenth (ms; ratio of the p50s; ! over budget, ^ grows more \
         than 2× with p50 ≥ 1 ms):\n",
        size.0, size.1
    );
    println!("| screen | key | full p50 | p95 | max | tenth p50 | p95 | max | ratio | outcome |");
    println!("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
    for f in v {
        let Some(t) = by_key.get(&(f.screen, f.key.as_str())) else {
            continue;
        };
        let ratio = f.pct(0.5).as_secs_f64() / t.pct(0.5).as_secs_f64().max(1e-9);
        let grows = ratio > 2.0 && f.pct(0.5) >= RATIO_FLOOR;
        grown += usize::from(grows);
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {:.2}{} | {} |",
            f.screen,
            f.key.replace('|', "\\|"),
            ms(f.pct(0.5)),
            ms(f.pct(0.95)),
            ms(f.max()) + if f.over() { " !" } else { "" },
            ms(t.pct(0.5)),
            ms(t.pct(0.95)),
            ms(t.max()) + if t.over() { " !" } else { "" },
            ratio,
            if grows { " ^" } else { "" },
            f.outcome()
        );
    }
    grown
}

/// Drops the kernel's page cache (root only): the next reads come from the disk, as on a
/// server idle overnight. False when it could not.
fn drop_page_cache() -> bool {
    // SAFETY: sync(2) takes no arguments and cannot fail.
    unsafe { libc::sync() };
    std::fs::write("/proc/sys/vm/drop_caches", "3").is_ok()
}

/// `--cold`: with the page cache dropped before each, the first frame (open, identify,
/// read, draw) and the first open of each tab, the worker's reads included (`settle`).
fn cold(db: &Path, (w, h): (u16, u16)) {
    let (_dir, path) = scratch_copy(db);
    drop(open_app(&path, w, h)); // migrated once, warm, so the cold runs read only
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    if !drop_page_cache() {
        println!("cold: the page cache cannot be dropped here (root only); not measured");
        return;
    }
    let started = Instant::now();
    let mut app = open_app(&path, w, h);
    terminal
        .draw(|f| salestrack::tui::view::draw(&app, f))
        .unwrap();
    let first = started.elapsed();
    println!("cold: first frame {:.1} ms", first.as_secs_f64() * 1000.0);
    for (tab, name) in [
        ('2', "Visits"),
        ('3', "Deals"),
        ('4', "Targets"),
        ('5', "Scorecards"),
        ('1', "Customers"),
    ] {
        drop_page_cache();
        let started = Instant::now();
        app.handle_event(Event::Key(ch(tab)));
        terminal
            .draw(|f| salestrack::tui::view::draw(&app, f))
            .unwrap();
        let key = started.elapsed();
        app.settle();
        let loaded = started.elapsed();
        println!(
            "cold: {name} ({tab}) key and frame {:.1} ms, its reads done {:.1} ms",
            key.as_secs_f64() * 1000.0,
            loaded.as_secs_f64() * 1000.0
        );
    }
}

fn main() {
    let o = options();
    if o.cold {
        cold(&reference::reference_db(), o.sizes[0]);
        return;
    }
    println!(
        "key latency: {} presses a key, load average {} on {} cores",
        o.presses,
        load(),
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    let mut results: BTreeMap<(&str, (u16, u16)), Vec<Timing>> = BTreeMap::new();
    for scale in &o.scales {
        let db = match *scale {
            "full" => reference::reference_db(),
            _ => tenth_db(),
        };
        for &size in &o.sizes {
            let started = Instant::now();
            let ts = run(&db, size, &o);
            print_run(
                &format!(
                    "{scale} set ({}), {}×{}, {:.0} s, load average {}",
                    db.file_name().unwrap().to_string_lossy(),
                    size.0,
                    size.1,
                    started.elapsed().as_secs_f64(),
                    load()
                ),
                &ts,
            );
            results.insert((scale, size), ts);
        }
    }
    let mut over = 0;
    let mut grown = 0;
    for ((scale, size), ts) in &results {
        let n = ts.iter().filter(|t| t.over()).count();
        over += n;
        println!(
            "{scale} set {}×{}: {n} of {} keys over budget (max ≤ 50 ms, p95 ≤ 16 ms)",
            size.0,
            size.1,
            ts.len()
        );
    }
    for &size in &o.sizes {
        if let (Some(f), Some(t)) = (results.get(&("full", size)), results.get(&("tenth", size))) {
            grown += print_compare(size, f, t);
        }
    }
    println!("\nload average at the end: {}", load());
    if o.strict && (over > 0 || grown > 0) {
        eprintln!("{over} timings over budget, {grown} keys growing more than 2× with the history");
        std::process::exit(1);
    }
}
