//! What a key can mean (`Action`) and where a binding is in force (`Scope`, and the sets of
//! scopes in force together on one screen).

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
    /// Customers: import a file (managers).
    Import,
    Sort,
    QuickFilter,
    /// Deals: win, lose, record a payment, mine or the team's.
    Win,
    Lose,
    Pay,
    Mine,
    /// Visits: the follow-ups due today and overdue.
    Agenda,
    /// Agenda: step through the customers one by one; a call's outcome; the next customer.
    Run,
    Outcome(crate::domain::CallOutcome),
    Skip,
    /// Targets: move between columns, quarters ↔ months, the next metric, split a target.
    Left,
    Right,
    Toggle,
    Metric,
    Split,
    /// Targets: the selected row's year as a burn-up chart, on or off.
    Chart,
    /// Scorecards: rate the selected rep (managers), or answer your own rating.
    Rate,
    /// People: a rep leaves, comes back; the audit log.
    Leave,
    Rejoin,
    Audit,
    /// Deals: reopen a won or lost deal.
    Reopen,
    /// A customer's contact removed.
    Remove,
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
    /// The agenda's run mode: one customer's card.
    AgendaRun,
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
    /// The People tab's list of reps.
    People,
    /// The audit log, on the People tab.
    Audit,
}

/// The scopes in force together, one set per screen: each tab's `TabView::scopes` picks one, and a key
/// override is refused only where it would meet another action's key on one screen.
pub mod screen {
    use super::Scope::{self, *};

    pub const CUSTOMERS: &[Scope] = &[Everywhere, Table, Customers];
    pub const CUSTOMER_DETAIL: &[Scope] = &[Everywhere, Detail];
    pub const VISITS: &[Scope] = &[Everywhere, Table, Visits];
    pub const VISIT_DETAIL: &[Scope] = &[Everywhere, VisitDetail];
    pub const AGENDA: &[Scope] = &[Everywhere, Agenda];
    pub const AGENDA_RUN: &[Scope] = &[Everywhere, AgendaRun];
    pub const DEALS: &[Scope] = &[Everywhere, Table, Deals];
    pub const DEAL_DETAIL: &[Scope] = &[Everywhere, DealDetail];
    pub const TARGETS: &[Scope] = &[Everywhere, Targets];
    pub const TARGET_HISTORY: &[Scope] = &[Everywhere, TargetHistory];
    pub const SCORECARDS: &[Scope] = &[Everywhere, Scorecards];
    pub const SCORECARD_DETAIL: &[Scope] = &[Everywhere, ScorecardDetail];
    pub const PEOPLE: &[Scope] = &[Everywhere, People];
    pub const AUDIT: &[Scope] = &[Everywhere, Audit];

    /// Every screen.
    pub const ALL: &[&[Scope]] = &[
        CUSTOMERS,
        CUSTOMER_DETAIL,
        VISITS,
        VISIT_DETAIL,
        AGENDA,
        AGENDA_RUN,
        DEALS,
        DEAL_DETAIL,
        TARGETS,
        TARGET_HISTORY,
        SCORECARDS,
        SCORECARD_DETAIL,
        PEOPLE,
        AUDIT,
    ];
}

impl Action {
    /// Where a movement key takes a selection at `at` in a list of `len` rows showing `page`
    /// at a time (the agenda, the People tab, the audit log); None for any other key.
    pub fn moved(self, at: usize, len: usize, page: usize) -> Option<usize> {
        let last = len.saturating_sub(1);
        let page = page.max(1);
        Some(match self {
            Action::Down => (at + 1).min(last),
            Action::Up => at.saturating_sub(1),
            Action::Top => 0,
            Action::Bottom => last,
            Action::PageDown => (at + page).min(last),
            Action::PageUp => at.saturating_sub(page),
            _ => return None,
        })
    }

    /// The action named `name` in the keymap file: `down`, `go_tab_3`, `period_back`.
    pub fn named(name: &str) -> Option<Action> {
        use Action::*;
        if let Some(o) = name.strip_prefix("outcome_") {
            return o.parse().ok().map(Outcome);
        }
        if let Some(n) = name.strip_prefix("go_tab_") {
            return match n.parse::<usize>() {
                Ok(n @ 1..=9) => Some(GoTab(n - 1)),
                _ => None,
            };
        }
        Some(match name {
            "next_tab" => NextTab,
            "prev_tab" => PrevTab,
            "down" => Down,
            "up" => Up,
            "top" => Top,
            "bottom" => Bottom,
            "page_down" => PageDown,
            "page_up" => PageUp,
            "start_filter" => StartFilter,
            "back" => Back,
            "help" => Help,
            "quit" => Quit,
            "force_quit" => ForceQuit,
            "period_back" => PeriodBack,
            "period_forward" => PeriodForward,
            "open" => Open,
            "add" => Add,
            "edit" => Edit,
            "delete" => Delete,
            "claim" => Claim,
            "release" => Release,
            "assign" => Assign,
            "import" => Import,
            "sort" => Sort,
            "quick_filter" => QuickFilter,
            "win" => Win,
            "lose" => Lose,
            "pay" => Pay,
            "mine" => Mine,
            "agenda" => Agenda,
            "run" => Run,
            "skip" => Skip,
            "left" => Left,
            "right" => Right,
            "toggle" => Toggle,
            "metric" => Metric,
            "split" => Split,
            "chart" => Chart,
            "rate" => Rate,
            "leave" => Leave,
            "rejoin" => Rejoin,
            "audit" => Audit,
            "reopen" => Reopen,
            "remove" => Remove,
            _ => return None,
        })
    }
}

impl Scope {
    /// The scope named `on` in the keymap file: `everywhere`, `table`, `visit_detail`.
    pub fn named(name: &str) -> Option<Scope> {
        use Scope::*;
        Some(match name {
            "everywhere" => Everywhere,
            "table" => Table,
            "customers" => Customers,
            "detail" => Detail,
            "visits" => Visits,
            "visit_detail" => VisitDetail,
            "agenda" => Agenda,
            "agenda_run" => AgendaRun,
            "targets" => Targets,
            "target_history" => TargetHistory,
            "deals" => Deals,
            "deal_detail" => DealDetail,
            "scorecards" => Scorecards,
            "scorecard_detail" => ScorecardDetail,
            "people" => People,
            "audit" => Audit,
            _ => return None,
        })
    }
}
