//! The key table, as data: the handlers look keys up in it (through `KeyMap`, which adds
//! the config's overrides) and the help overlay is drawn from it, so the help can never
//! disagree with what the keys do.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    NextTab,
    PrevTab,
    GoTab(usize),
    Down,
    Up,
    Top,
    Bottom,
    PageDown,
    PageUp,
    StartFilter,
    Back,
    Help,
    Quit,
    ForceQuit,
    PeriodBack,
    PeriodForward,
    /// Customers: open the detail of the selected customer.
    Open,
    /// Add a customer (list) or a contact (detail).
    Add,
    Edit,
    Delete,
    Claim,
    Release,
    Assign,
    Sort,
    QuickFilter,
    /// Deals: win, lose, record a payment, mine or the team's.
    Win,
    Lose,
    Pay,
    Mine,
    /// Visits: the follow-ups due today and overdue.
    Agenda,
    /// Targets: move between columns, quarters ↔ months, the next metric, split a target.
    Left,
    Right,
    Toggle,
    Metric,
    Split,
    /// Scorecards: rate the selected rep (managers), or answer your own rating.
    Rate,
}

impl Action {
    /// The actions the Targets tab handles itself.
    pub fn is_targets_action(self) -> bool {
        use Action::*;
        matches!(
            self,
            Down | Up
                | Left
                | Right
                | Top
                | Bottom
                | PeriodBack
                | PeriodForward
                | Toggle
                | Metric
                | Open
                | Back
                | Edit
                | Split
        )
    }

    /// The actions the Scorecards tab handles itself (with a card explained, or the list).
    pub fn is_scorecard_action(self, detail: bool) -> bool {
        use Action::*;
        match self {
            Back | Rate => true,
            Down | Up | Top | Bottom | PeriodBack | PeriodForward | Toggle | Open | Edit => !detail,
            _ => false,
        }
    }

    /// The actions the Visits tab handles itself (with a visit or the agenda open, or its log).
    pub fn is_visit_action(self, open: bool) -> bool {
        use Action::*;
        match self {
            Back | Edit | Delete => open || !matches!(self, Back),
            Add | Open | QuickFilter | Agenda => !open,
            _ => false,
        }
    }

    /// The actions the Deals tab handles itself (with its detail open, or its list).
    pub fn is_deal_action(self, detail: bool) -> bool {
        use Action::*;
        match self {
            Back | Edit | Win | Lose | Pay => detail || !matches!(self, Back),
            Open | Add | QuickFilter | Mine => !detail,
            _ => false,
        }
    }
}

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Everywhere,
    /// On a tab with a table (Customers, Visits).
    Table,
    /// The customer list.
    Customers,
    /// One customer's detail.
    Detail,
    /// The visit log.
    Visits,
    /// One visit in full.
    VisitDetail,
    /// The agenda on the Visits tab.
    Agenda,
    /// The targets grid.
    Targets,
    /// A target's change log.
    TargetHistory,
    /// The deal list and pipeline.
    Deals,
    /// One deal and its payments.
    DealDetail,
    /// The scorecards of a period.
    Scorecards,
    /// One scorecard explained.
    ScorecardDetail,
}

/// The scopes in force together, one set per screen: `App::scopes` picks one, and a key
/// override is refused only where it would meet another action's key on one screen.
pub mod screen {
    use super::Scope::{self, *};

    pub const CUSTOMERS: &[Scope] = &[Everywhere, Table, Customers];
    pub const CUSTOMER_DETAIL: &[Scope] = &[Everywhere, Detail];
    pub const VISITS: &[Scope] = &[Everywhere, Table, Visits];
    pub const VISIT_DETAIL: &[Scope] = &[Everywhere, VisitDetail];
    pub const AGENDA: &[Scope] = &[Everywhere, Agenda];
    pub const DEALS: &[Scope] = &[Everywhere, Table, Deals];
    pub const DEAL_DETAIL: &[Scope] = &[Everywhere, DealDetail];
    pub const TARGETS: &[Scope] = &[Everywhere, Targets];
    pub const TARGET_HISTORY: &[Scope] = &[Everywhere, TargetHistory];
    pub const SCORECARDS: &[Scope] = &[Everywhere, Scorecards];
    pub const SCORECARD_DETAIL: &[Scope] = &[Everywhere, ScorecardDetail];

    /// Every screen.
    pub const ALL: &[&[Scope]] = &[
        CUSTOMERS,
        CUSTOMER_DETAIL,
        VISITS,
        VISIT_DETAIL,
        AGENDA,
        DEALS,
        DEAL_DETAIL,
        TARGETS,
        TARGET_HISTORY,
        SCORECARDS,
        SCORECARD_DETAIL,
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

pub(crate) const fn key(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::NONE,
    }
}

const fn code(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    /// The i18n key of its description.
    pub help: &'static str,
    pub scope: Scope,
}

pub const BINDINGS: &[Binding] = &[
    Binding {
        keys: &[code(KeyCode::Tab)],
        action: Action::NextTab,
        help: "keys.next_tab",
        scope: Scope::Everywhere,
    },
    Binding {
        keys: &[code(KeyCode::BackTab)],
        action: Action::PrevTab,
        help: "keys.prev_tab",
        scope: Scope::Everywhere,
    },
    Binding {
        keys: &[key('1')],
        action: Action::GoTab(0),
        help: "keys.goto_tab",
        scope: Scope::Everywhere,
    },
    Binding {
        keys: &[key('2')],
        action: Action::GoTab(1),
        help: "",
        scope: Scope::Everywhere,
    },
    Binding {
        keys: &[key('3')],
        action: Action::GoTab(2),
        help: "",
        scope: Scope::Everywhere,
    },
    Binding {
        keys: &[key('4')],
        action: Action::GoTab(3),
        help: "",
        scope: Scope::Everywhere,
    },
    Binding {
        keys: &[key('5')],
        action: Action::GoTab(4),
        help: "",
        scope: Scope::Everywhere,
    },
    Binding {
        keys: &[key('?'), key('？')],
        action: Action::Help,
        help: "keys.help",
        scope: Scope::Everywhere,
    },
    Binding {
        keys: &[key('q')],
        action: Action::Quit,
        help: "keys.quit",
        scope: Scope::Everywhere,
    },
    Binding {
        keys: &[Key {
            code: KeyCode::Char('c'),
            mods: KeyModifiers::CONTROL,
        }],
        action: Action::ForceQuit,
        help: "keys.force_quit",
        scope: Scope::Everywhere,
    },
    Binding {
        keys: &[key('j'), code(KeyCode::Down)],
        action: Action::Down,
        help: "keys.down",
        scope: Scope::Table,
    },
    Binding {
        keys: &[key('k'), code(KeyCode::Up)],
        action: Action::Up,
        help: "keys.up",
        scope: Scope::Table,
    },
    Binding {
        keys: &[key('g'), code(KeyCode::Home)],
        action: Action::Top,
        help: "keys.top",
        scope: Scope::Table,
    },
    Binding {
        keys: &[key('G'), code(KeyCode::End)],
        action: Action::Bottom,
        help: "keys.bottom",
        scope: Scope::Table,
    },
    Binding {
        keys: &[code(KeyCode::PageDown)],
        action: Action::PageDown,
        help: "keys.page_down",
        scope: Scope::Table,
    },
    Binding {
        keys: &[code(KeyCode::PageUp)],
        action: Action::PageUp,
        help: "keys.page_up",
        scope: Scope::Table,
    },
    Binding {
        keys: &[key('/')],
        action: Action::StartFilter,
        help: "keys.filter",
        scope: Scope::Table,
    },
    Binding {
        keys: &[code(KeyCode::Esc)],
        action: Action::Back,
        help: "keys.clear",
        scope: Scope::Table,
    },
    Binding {
        keys: &[code(KeyCode::Enter)],
        action: Action::Open,
        help: "keys.open",
        scope: Scope::Customers,
    },
    Binding {
        keys: &[key('a')],
        action: Action::Add,
        help: "keys.add_customer",
        scope: Scope::Customers,
    },
    Binding {
        keys: &[key('e')],
        action: Action::Edit,
        help: "keys.edit",
        scope: Scope::Customers,
    },
    Binding {
        keys: &[key('d')],
        action: Action::Delete,
        help: "keys.delete",
        scope: Scope::Customers,
    },
    Binding {
        keys: &[key('c')],
        action: Action::Claim,
        help: "keys.claim",
        scope: Scope::Customers,
    },
    Binding {
        keys: &[key('r')],
        action: Action::Release,
        help: "keys.release",
        scope: Scope::Customers,
    },
    Binding {
        keys: &[key('t')],
        action: Action::Assign,
        help: "keys.assign",
        scope: Scope::Customers,
    },
    Binding {
        keys: &[key('s')],
        action: Action::Sort,
        help: "keys.sort",
        scope: Scope::Customers,
    },
    Binding {
        keys: &[key('f')],
        action: Action::QuickFilter,
        help: "keys.quick_filter",
        scope: Scope::Customers,
    },
    Binding {
        keys: &[key('a')],
        action: Action::Add,
        help: "keys.add_visit",
        scope: Scope::Visits,
    },
    Binding {
        keys: &[key('j'), code(KeyCode::Down)],
        action: Action::Down,
        help: "keys.down",
        scope: Scope::Targets,
    },
    Binding {
        keys: &[key('k'), code(KeyCode::Up)],
        action: Action::Up,
        help: "keys.up",
        scope: Scope::Targets,
    },
    Binding {
        keys: &[key('h'), code(KeyCode::Left)],
        action: Action::Left,
        help: "keys.left",
        scope: Scope::Targets,
    },
    Binding {
        keys: &[key('l'), code(KeyCode::Right)],
        action: Action::Right,
        help: "keys.right",
        scope: Scope::Targets,
    },
    Binding {
        keys: &[key('g'), code(KeyCode::Home)],
        action: Action::Top,
        help: "keys.top",
        scope: Scope::Targets,
    },
    Binding {
        keys: &[key('G'), code(KeyCode::End)],
        action: Action::Bottom,
        help: "keys.bottom",
        scope: Scope::Targets,
    },
    Binding {
        keys: &[key('['), key('【')],
        action: Action::PeriodBack,
        help: "keys.period_back",
        scope: Scope::Targets,
    },
    Binding {
        keys: &[key(']'), key('】')],
        action: Action::PeriodForward,
        help: "keys.period_forward",
        scope: Scope::Targets,
    },
    Binding {
        keys: &[key('t')],
        action: Action::Toggle,
        help: "keys.quarters_months",
        scope: Scope::Targets,
    },
    Binding {
        keys: &[key('m')],
        action: Action::Metric,
        help: "keys.metric",
        scope: Scope::Targets,
    },
    Binding {
        keys: &[code(KeyCode::Enter)],
        action: Action::Open,
        help: "keys.change_log",
        scope: Scope::Targets,
    },
    Binding {
        keys: &[key('s')],
        action: Action::Edit,
        help: "keys.set_target",
        scope: Scope::Targets,
    },
    Binding {
        keys: &[key('x')],
        action: Action::Split,
        help: "keys.split_target",
        scope: Scope::Targets,
    },
    Binding {
        keys: &[code(KeyCode::Esc)],
        action: Action::Back,
        help: "keys.close",
        scope: Scope::TargetHistory,
    },
    Binding {
        keys: &[code(KeyCode::Enter)],
        action: Action::Open,
        help: "keys.open_visit",
        scope: Scope::Visits,
    },
    Binding {
        keys: &[key('e')],
        action: Action::Edit,
        help: "keys.edit",
        scope: Scope::Visits,
    },
    Binding {
        keys: &[key('d')],
        action: Action::Delete,
        help: "keys.delete",
        scope: Scope::Visits,
    },
    Binding {
        keys: &[key('f')],
        action: Action::QuickFilter,
        help: "keys.visit_filter",
        scope: Scope::Visits,
    },
    Binding {
        keys: &[key('o')],
        action: Action::Agenda,
        help: "keys.agenda",
        scope: Scope::Visits,
    },
    Binding {
        keys: &[code(KeyCode::Esc)],
        action: Action::Back,
        help: "keys.back_to_list",
        scope: Scope::VisitDetail,
    },
    Binding {
        keys: &[key('e')],
        action: Action::Edit,
        help: "keys.edit",
        scope: Scope::VisitDetail,
    },
    Binding {
        keys: &[key('d')],
        action: Action::Delete,
        help: "keys.delete",
        scope: Scope::VisitDetail,
    },
    Binding {
        keys: &[code(KeyCode::Esc)],
        action: Action::Back,
        help: "keys.back_to_list",
        scope: Scope::Agenda,
    },
    Binding {
        keys: &[code(KeyCode::Enter)],
        action: Action::Open,
        help: "keys.open_deal",
        scope: Scope::Deals,
    },
    Binding {
        keys: &[key('a')],
        action: Action::Add,
        help: "keys.add_deal",
        scope: Scope::Deals,
    },
    Binding {
        keys: &[key('e')],
        action: Action::Edit,
        help: "keys.edit",
        scope: Scope::Deals,
    },
    Binding {
        keys: &[key('w')],
        action: Action::Win,
        help: "keys.win",
        scope: Scope::Deals,
    },
    Binding {
        keys: &[key('l')],
        action: Action::Lose,
        help: "keys.lose",
        scope: Scope::Deals,
    },
    Binding {
        keys: &[key('p')],
        action: Action::Pay,
        help: "keys.pay",
        scope: Scope::Deals,
    },
    Binding {
        keys: &[key('f')],
        action: Action::QuickFilter,
        help: "keys.stage_filter",
        scope: Scope::Deals,
    },
    Binding {
        keys: &[key('m')],
        action: Action::Mine,
        help: "keys.mine",
        scope: Scope::Deals,
    },
    Binding {
        keys: &[code(KeyCode::Esc)],
        action: Action::Back,
        help: "keys.back_to_list",
        scope: Scope::DealDetail,
    },
    Binding {
        keys: &[key('e')],
        action: Action::Edit,
        help: "keys.edit",
        scope: Scope::DealDetail,
    },
    Binding {
        keys: &[key('w')],
        action: Action::Win,
        help: "keys.win",
        scope: Scope::DealDetail,
    },
    Binding {
        keys: &[key('l')],
        action: Action::Lose,
        help: "keys.lose",
        scope: Scope::DealDetail,
    },
    Binding {
        keys: &[key('p')],
        action: Action::Pay,
        help: "keys.pay",
        scope: Scope::DealDetail,
    },
    Binding {
        keys: &[code(KeyCode::Esc)],
        action: Action::Back,
        help: "keys.back_to_list",
        scope: Scope::Detail,
    },
    Binding {
        keys: &[key('j'), code(KeyCode::Down)],
        action: Action::Down,
        help: "keys.next_contact",
        scope: Scope::Detail,
    },
    Binding {
        keys: &[key('k'), code(KeyCode::Up)],
        action: Action::Up,
        help: "keys.prev_contact",
        scope: Scope::Detail,
    },
    Binding {
        keys: &[code(KeyCode::Enter)],
        action: Action::Open,
        help: "keys.edit_contact",
        scope: Scope::Detail,
    },
    Binding {
        keys: &[key('a')],
        action: Action::Add,
        help: "keys.add_contact",
        scope: Scope::Detail,
    },
    Binding {
        keys: &[key('e')],
        action: Action::Edit,
        help: "keys.edit",
        scope: Scope::Detail,
    },
    Binding {
        keys: &[key('d')],
        action: Action::Delete,
        help: "keys.delete",
        scope: Scope::Detail,
    },
    Binding {
        keys: &[key('c')],
        action: Action::Claim,
        help: "keys.claim",
        scope: Scope::Detail,
    },
    Binding {
        keys: &[key('r')],
        action: Action::Release,
        help: "keys.release",
        scope: Scope::Detail,
    },
    Binding {
        keys: &[key('t')],
        action: Action::Assign,
        help: "keys.assign",
        scope: Scope::Detail,
    },
    Binding {
        keys: &[key('j'), code(KeyCode::Down)],
        action: Action::Down,
        help: "keys.down",
        scope: Scope::Scorecards,
    },
    Binding {
        keys: &[key('k'), code(KeyCode::Up)],
        action: Action::Up,
        help: "keys.up",
        scope: Scope::Scorecards,
    },
    Binding {
        keys: &[key('g'), code(KeyCode::Home)],
        action: Action::Top,
        help: "keys.top",
        scope: Scope::Scorecards,
    },
    Binding {
        keys: &[key('G'), code(KeyCode::End)],
        action: Action::Bottom,
        help: "keys.bottom",
        scope: Scope::Scorecards,
    },
    Binding {
        keys: &[key('['), key('【')],
        action: Action::PeriodBack,
        help: "keys.period_back",
        scope: Scope::Scorecards,
    },
    Binding {
        keys: &[key(']'), key('】')],
        action: Action::PeriodForward,
        help: "keys.period_forward",
        scope: Scope::Scorecards,
    },
    Binding {
        keys: &[key('t')],
        action: Action::Toggle,
        help: "keys.granularity",
        scope: Scope::Scorecards,
    },
    Binding {
        keys: &[code(KeyCode::Enter)],
        action: Action::Open,
        help: "keys.open_scorecard",
        scope: Scope::Scorecards,
    },
    Binding {
        keys: &[key('r')],
        action: Action::Rate,
        help: "keys.rate",
        scope: Scope::Scorecards,
    },
    Binding {
        keys: &[key('e')],
        action: Action::Edit,
        help: "keys.template",
        scope: Scope::Scorecards,
    },
    Binding {
        keys: &[key('r')],
        action: Action::Rate,
        help: "keys.rate",
        scope: Scope::ScorecardDetail,
    },
    Binding {
        keys: &[code(KeyCode::Esc)],
        action: Action::Back,
        help: "keys.close",
        scope: Scope::ScorecardDetail,
    },
];

impl Key {
    pub(crate) fn matches(&self, ev: &KeyEvent) -> bool {
        // Terminals report Shift with upper-case letters and some symbols; the character is
        // what counts there.
        let mods = ev.modifiers - KeyModifiers::SHIFT;
        let want = self.mods - KeyModifiers::SHIFT;
        match (self.code, ev.code) {
            (KeyCode::BackTab, KeyCode::BackTab) => true,
            (a, b) => a == b && mods == want,
        }
    }

    /// As shown in the help: `j`, `Tab`, `PgDn`, `Ctrl-C`, `Alt-x`, `F5`, `Space`. The
    /// config's parser (`keymap::parse_key`) reads every label back as the same key.
    pub fn label(&self) -> String {
        let ctrl = self.mods.contains(KeyModifiers::CONTROL);
        let base = match self.code {
            KeyCode::Char(' ') => "Space".into(),
            // Invisible, or drawn like an arrow key: spelled by code point.
            KeyCode::Char(c) if c.is_control() || c.is_whitespace() || ARROWS.contains(&c) => {
                format!("U+{:04X}", c as u32)
            }
            KeyCode::Char(c) if ctrl => c.to_ascii_uppercase().to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Delete => "Delete".into(),
            KeyCode::Insert => "Insert".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        let mut label = String::new();
        if ctrl {
            label.push_str("Ctrl-");
        }
        if self.mods.contains(KeyModifiers::ALT) {
            label.push_str("Alt-");
        }
        label + &base
    }
}

/// How the help draws the arrow keys (so these characters themselves are labelled `U+…`).
pub(crate) const ARROWS: [char; 4] = ['↓', '↑', '←', '→'];
