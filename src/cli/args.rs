//! The command line (README, The CLI), as clap derive types. Values with rules of their own (grades,
//! dates, money) arrive as text and are parsed by `domain`, so a refusal names the field and
//! the accepted form in the user's language.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "salestrack", version, about = "A terminal sales-team tracker", long_about = None)]
pub struct Cli {
    /// The database file (else SALESTRACK_DB, else db_path in config.toml, else the data dir).
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Act as another login (managers only; audited).
    #[arg(long = "as", global = true, value_name = "LOGIN")]
    pub as_login: Option<String>,
    /// Language of messages: en or zh.
    #[arg(long, global = true, value_name = "en|zh")]
    pub lang: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Cli {
    /// The options `env::prepare` needs, as plain values: `env` knows nothing of clap.
    pub fn env_flags(&self) -> crate::env::Flags<'_> {
        crate::env::Flags {
            lang: self.lang.as_deref(),
            db: self.db.as_deref(),
            as_login: self.as_login.as_deref(),
        }
    }
}

// Parsed once per run: the size of a variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the database; your OS login becomes the first manager.
    Init {
        /// Make the database and its WAL files group read/write, for a team server.
        #[arg(long)]
        shared: bool,
        /// The first manager's team (default `sales`).
        #[arg(long)]
        team: Option<String>,
    },
    /// Fill a new database with realistic demo data (deterministic for a seed).
    Demo(DemoArgs),
    /// Sales reps.
    Rep {
        #[command(subcommand)]
        command: RepCommand,
    },
    /// The customer archive.
    Customer {
        #[command(subcommand)]
        command: CustomerCommand,
    },
    /// The audit log: who did what, when (managers).
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Follow-ups due today and overdue: yours, or (managers) any rep's.
    Agenda {
        /// Another rep's follow-ups, by name or login (managers).
        #[arg(long)]
        rep: Option<String>,
        #[command(flatten)]
        format: ListFormat,
    },
    /// Deals (商机): the pipeline.
    Deal {
        #[command(subcommand)]
        command: DealCommand,
    },
    /// Payments (回款) on won deals.
    Payment {
        #[command(subcommand)]
        command: PaymentCommand,
    },
    /// Targets: set, split, show, suggest (managers set and split).
    Target {
        #[command(subcommand)]
        command: TargetCommand,
    },
    /// The public pool (公海).
    Pool {
        #[command(subcommand)]
        command: PoolCommand,
    },
    /// The people at a customer.
    Contact {
        #[command(subcommand)]
        command: ContactCommand,
    },
    /// The visit log.
    Visit {
        #[command(subcommand)]
        command: VisitCommand,
    },
    /// The scorecards of a period: every rep's KPIs, total, grade and rank.
    Kpi {
        /// 2026, 2026-Q3 or 2026-11.
        #[arg(long)]
        period: String,
        /// Only this team's cards.
        #[arg(long)]
        team: Option<String>,
        #[command(flatten)]
        format: ListFormat,
    },
    /// Rate a rep for a period (managers), or answer your own rating (--respond).
    Rate(RateArgs),
    /// Scorecard templates as TOML (managers import).
    Template {
        #[command(subcommand)]
        command: TemplateCommand,
    },
    /// Merge with another copy of this workspace (e.g. a laptop's), both ways.
    Sync {
        path: PathBuf,
        /// Print what moved as JSON.
        #[arg(long)]
        json: bool,
    },
    /// The team's rules (claim limit, cadences, pool, currency): list, or set (managers).
    #[command(args_conflicts_with_subcommands = true)]
    Settings {
        #[command(subcommand)]
        command: Option<SettingsCommand>,
        #[command(flatten)]
        format: ListFormat,
    },
    /// A consistent copy of the database (e.g. for a laptop), while others keep writing.
    Backup {
        file: PathBuf,
        /// Replace the file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// A period's report: target progress, scorecards, funnel, customer changes.
    Report {
        #[arg(long)]
        period: String,
        /// md, csv or html.
        #[arg(long)]
        format: String,
        /// Write to this file instead of standard output.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        /// Replace FILE if it exists (never the database or another database in use).
        #[arg(long)]
        force: bool,
    },
    /// Make this machine a team server (as root, with --db): group, folder, database, binary.
    ServerSetup(ServerSetupArgs),
    /// Check a team server's installation and say what is wrong.
    Doctor(DoctorArgs),
}

#[derive(Debug, Args)]
pub struct ServerSetupArgs {
    // The database is the global `--db PATH` (required here): its folder becomes the group's.
    /// A group no person belongs to; created when missing.
    #[arg(long)]
    pub group: String,
    /// The OS login of the team's first manager.
    #[arg(long, value_name = "LOGIN")]
    pub manager: String,
    /// The binary made setgid (default: this one).
    #[arg(long, value_name = "PATH")]
    pub bin: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct DoctorArgs {
    /// The binary to check (default: this one).
    #[arg(long, value_name = "PATH")]
    pub bin: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct RateArgs {
    /// The rep rated (managers).
    #[arg(long, conflicts_with = "respond")]
    pub rep: Option<String>,
    #[arg(long)]
    pub period: String,
    /// 1 to 5.
    #[arg(long, conflicts_with = "respond")]
    pub attitude: Option<String>,
    /// 1 to 5.
    #[arg(long, conflicts_with = "respond")]
    pub knowledge: Option<String>,
    /// 1 to 5.
    #[arg(long, conflicts_with = "respond")]
    pub teamwork: Option<String>,
    #[arg(long, conflicts_with = "respond")]
    pub comment: Option<String>,
    /// Your answer to your own rating.
    #[arg(long, value_name = "TEXT")]
    pub respond: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum TemplateCommand {
    /// Write the template in force for a period (default: this month) as TOML.
    Export {
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        #[arg(long)]
        period: Option<String>,
        /// Replace FILE if it exists (never the database or another database in use).
        #[arg(long)]
        force: bool,
    },
    /// Add a template from a TOML file, or replace the one with the same effective period.
    Import { file: PathBuf },
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    #[arg(long, default_value_t = 7)]
    pub seed: u64,
    #[arg(long, default_value_t = 12)]
    pub reps: u32,
    #[arg(long, default_value_t = 600)]
    pub customers: u32,
    #[arg(long, default_value_t = 6000)]
    pub visits: u32,
    #[arg(long, default_value_t = 1200)]
    pub deals: u32,
    #[arg(long, default_value_t = 2)]
    pub years: u32,
}

/// `--json` / `--csv` on list commands; a table otherwise.
#[derive(Debug, Args, Clone, Copy)]
pub struct ListFormat {
    /// One JSON array.
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// CSV with a header row.
    #[arg(long)]
    pub csv: bool,
}

// Parsed once per run: the size of a variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum RepCommand {
    /// Add a rep (managers only).
    Add {
        #[arg(long)]
        name: String,
        #[arg(long)]
        login: String,
        /// manager or rep.
        #[arg(long)]
        role: Option<String>,
        #[arg(long)]
        team: Option<String>,
        #[arg(long)]
        phone: Option<String>,
        #[arg(long)]
        email: Option<String>,
        /// The day they joined: YYYY-MM-DD (default today). Scorecards count from it, so a
        /// team back-filling last quarter adds its reps as of then.
        #[arg(long)]
        joined: Option<String>,
        /// Print the whole record as JSON instead of the short id.
        #[arg(long)]
        json: bool,
    },
    /// Change a rep's name, role, phone, e-mail or team (managers).
    Edit {
        login: String,
        #[arg(long)]
        name: Option<String>,
        /// manager or rep.
        #[arg(long)]
        role: Option<String>,
        /// A blank value clears it.
        #[arg(long)]
        phone: Option<String>,
        #[arg(long)]
        email: Option<String>,
        /// Move them to this team. Their work counts for it from the month of --from on;
        /// earlier periods keep the team they were on.
        #[arg(long)]
        team: Option<String>,
        /// The day of the move: YYYY-MM-DD, not in the future (default today).
        #[arg(long, requires = "team")]
        from: Option<String>,
    },
    /// A rep who left comes back (managers); the months between are not scored.
    Rejoin {
        login: String,
        /// The day they came back: YYYY-MM-DD, not in the future (default today).
        #[arg(long)]
        date: Option<String>,
    },
    /// A rep leaves: hand their customers and open deals over, in one go.
    Leave {
        login: String,
        /// The reps who take over, by name or login, comma-separated (balanced by what each
        /// already holds).
        #[arg(
            long,
            value_delimiter = ',',
            required_unless_present = "to_pool",
            conflicts_with = "to_pool"
        )]
        to: Vec<String>,
        /// Return their customers to the public pool instead.
        #[arg(long)]
        to_pool: bool,
        /// The day they left: YYYY-MM-DD, today or yesterday (default today).
        #[arg(long)]
        date: Option<String>,
    },
    /// List reps.
    List {
        #[command(flatten)]
        format: ListFormat,
    },
}

// Parsed once per run: the size of a variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum CustomerCommand {
    /// Add a customer.
    Add {
        #[arg(long)]
        name: String,
        /// A, B, C or D (default C).
        #[arg(long)]
        grade: Option<String>,
        /// lead, prospect, customer, dormant or lost.
        #[arg(long)]
        stage: Option<String>,
        /// The owning rep, by name or login (default: you; a manager's customer goes to the pool).
        #[arg(long)]
        owner: Option<String>,
        #[arg(long)]
        industry: Option<String>,
        #[arg(long)]
        size: Option<String>,
        #[arg(long)]
        region: Option<String>,
        #[arg(long)]
        city: Option<String>,
        #[arg(long)]
        source: Option<String>,
        #[arg(long)]
        address: Option<String>,
        #[arg(long)]
        tags: Option<String>,
        #[arg(long)]
        notes: Option<String>,
        /// The company's phone (a landline).
        #[arg(long)]
        phone: Option<String>,
        #[arg(long)]
        mobile: Option<String>,
        #[arg(long)]
        email: Option<String>,
        #[arg(long)]
        website: Option<String>,
        /// Next follow-up: YYYY-MM-DD, today or yesterday.
        #[arg(long)]
        next: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Take a customer from the public pool (up to the claim limit).
    Claim {
        /// The customer: its exact name or short id.
        customer: String,
    },
    /// Give a customer back to the public pool.
    Release { customer: String },
    /// Lock a customer against the pool sweep (managers; a rep their own, within a quota).
    Lock { customer: String },
    /// Unlock a customer: the sweep may take it again.
    Unlock { customer: String },
    /// Give a customer to a rep (managers only).
    Assign {
        customer: String,
        /// The rep, by name or login.
        #[arg(long)]
        to: String,
    },
    /// Import customers from CSV or Excel (.xlsx, .xls), WukongCRM's export and template too.
    Import {
        #[command(flatten)]
        file: ImportArgs,
        /// Customers that exist already get the file's values, instead of being skipped.
        #[arg(long)]
        update: bool,
    },
    /// Export every customer as CSV (UTF-8 with a BOM, so Excel reads Chinese correctly).
    Export {
        /// Write to this file instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Replace FILE if it exists (never the database or another database in use).
        #[arg(long)]
        force: bool,
    },
    /// List customers.
    List {
        /// Only this rep's customers, by name or login.
        #[arg(long)]
        owner: Option<String>,
        /// Only the public pool (no owner).
        #[arg(long, conflicts_with = "owner")]
        pool: bool,
        #[arg(long)]
        grade: Option<String>,
        /// Only customers whose follow-up is overdue.
        #[arg(long)]
        overdue: bool,
        #[arg(long)]
        search: Option<String>,
        #[command(flatten)]
        format: ListFormat,
    },
}

// Parsed once per run: the size of a variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum VisitCommand {
    /// Log a visit.
    Add {
        /// The customer: its exact name or short id.
        #[arg(long)]
        customer: String,
        /// YYYY-MM-DD, today or yesterday (default today).
        #[arg(long)]
        date: Option<String>,
        /// visit, call, meeting, online, exhibition or other (default visit).
        #[arg(long)]
        kind: Option<String>,
        #[arg(long)]
        summary: String,
        #[arg(long)]
        purpose: Option<String>,
        #[arg(long)]
        outcome: Option<String>,
        #[arg(long = "next-step")]
        next_step: Option<String>,
        /// The next follow-up date.
        #[arg(long)]
        next: Option<String>,
        /// Money, e.g. 120 or 1,200.50.
        // A leading '-' reaches the money parser, which names it as negative.
        #[arg(long, allow_hyphen_values = true)]
        expense: Option<String>,
        /// Joint reps, by name or login, comma-separated.
        #[arg(long = "with", value_delimiter = ',')]
        with: Vec<String>,
        /// The customer's contacts met, by name, comma-separated.
        #[arg(long, value_delimiter = ',')]
        met: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// Import follow-up records (跟进记录) from CSV or Excel, each on its customer by name.
    Import {
        #[command(flatten)]
        file: ImportArgs,
    },
    /// List visits, newest first.
    List {
        /// The visits this rep wrote or joined, by name or login.
        #[arg(long)]
        rep: Option<String>,
        #[arg(long)]
        customer: Option<String>,
        #[arg(long)]
        kind: Option<String>,
        #[arg(long)]
        from: Option<String>,
        #[arg(long)]
        to: Option<String>,
        /// At most this many rows (default: all).
        #[arg(long)]
        limit: Option<usize>,
        #[command(flatten)]
        format: ListFormat,
    },
}

#[derive(Debug, Subcommand)]
pub enum ContactCommand {
    /// Add a contact to a customer.
    Add {
        /// The customer: its exact name or short id.
        #[arg(long)]
        customer: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        title: Option<String>,
        #[arg(long)]
        phone: Option<String>,
        #[arg(long)]
        email: Option<String>,
        /// decision_maker, buyer, user, influencer, evaluator or coach.
        #[arg(long)]
        role: Option<String>,
        /// driver, expressive, analytical or amiable.
        #[arg(long)]
        personality: Option<String>,
        #[arg(long)]
        notes: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Delete a customer's contact (the visits that met them keep it in their history).
    Delete {
        /// The customer: its exact name or short id.
        #[arg(long)]
        customer: String,
        /// The contact's name.
        name: String,
    },
    /// Import contacts (联系人) from CSV or Excel, each on its customer by name.
    Import {
        #[command(flatten)]
        file: ImportArgs,
    },
    /// List contacts, of one customer or of all.
    List {
        #[arg(long)]
        customer: Option<String>,
        #[command(flatten)]
        format: ListFormat,
    },
}

#[derive(Debug, Subcommand)]
pub enum SettingsCommand {
    /// Change a team rule (managers; audited): claim_limit, cadence.A … cadence.D,
    /// pool.enabled, pool.days_without_visit, currency.
    Set {
        key: String,
        /// Hyphens allowed, so `-1` is refused by the rule's own message, not taken for a flag.
        #[arg(allow_hyphen_values = true)]
        value: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum PoolCommand {
    /// Return to the pool the customers not followed up for their grade's days (counted
    /// from the later of the last visit and the day the owner got them).
    Sweep {
        /// List what would go back; change nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum DealCommand {
    /// Put a won or lost deal back in the pipeline (managers, or its owner the same month).
    Reopen { id: String },
    /// Import deals (商机) from CSV or Excel, each on its customer by name.
    Import {
        #[command(flatten)]
        file: ImportArgs,
    },
    /// Open a deal on a customer.
    Add {
        /// The customer: its exact name or short id.
        #[arg(long)]
        customer: String,
        #[arg(long)]
        title: String,
        #[arg(long, allow_hyphen_values = true)]
        amount: Option<String>,
        #[arg(long, allow_hyphen_values = true)]
        cost: Option<String>,
        #[arg(long)]
        product: Option<String>,
        /// lead, qualified, proposal or negotiation (default lead).
        #[arg(long)]
        stage: Option<String>,
        /// YYYY-MM-DD, today or yesterday (default today).
        #[arg(long)]
        opened: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// List deals, newest first.
    List {
        #[arg(long)]
        stage: Option<String>,
        /// This rep's deals, by name or login.
        #[arg(long)]
        rep: Option<String>,
        #[arg(long)]
        customer: Option<String>,
        #[command(flatten)]
        format: ListFormat,
    },
    /// Win a deal (the date is required, and an amount unless the deal has one).
    Win {
        id: String,
        #[arg(long)]
        date: Option<String>,
        #[arg(long, allow_hyphen_values = true)]
        amount: Option<String>,
        /// What the deal cost: gross profit counts only won deals with a cost, so a deal
        /// without one asks for it here.
        #[arg(long, allow_hyphen_values = true, conflicts_with = "no_cost")]
        cost: Option<String>,
        /// Win it without a cost: it adds nothing to gross profit until one is entered.
        #[arg(long)]
        no_cost: bool,
    },
    /// Lose a deal (the reason is required).
    Lose {
        id: String,
        #[arg(long)]
        reason: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum PaymentCommand {
    /// Record a payment on a won deal.
    Add {
        #[arg(long)]
        deal: String,
        #[arg(long, allow_hyphen_values = true)]
        amount: String,
        #[arg(long)]
        date: String,
        /// A deposit (定金): it may have been paid before the deal was won.
        #[arg(long)]
        deposit: bool,
        #[arg(long)]
        json: bool,
    },
    /// A deal's payments, with their short ids.
    List {
        #[arg(long)]
        deal: String,
        #[command(flatten)]
        format: ListFormat,
    },
    /// Correct a payment recorded wrong: its amount or its date.
    Edit {
        /// The payment's short id (`audit list` and the deal's history show it).
        id: String,
        #[arg(long, allow_hyphen_values = true)]
        amount: Option<String>,
        #[arg(long)]
        date: Option<String>,
    },
    /// Delete a payment recorded wrong.
    Delete { id: String },
    /// Import payments (回款) from CSV or Excel, each on a won deal of its customer.
    Import {
        #[command(flatten)]
        file: ImportArgs,
    },
}

/// `--team T` or `--rep LOGIN`.
#[derive(Debug, Args, Clone)]
pub struct ScopeArgs {
    /// A team.
    #[arg(long, conflicts_with = "rep")]
    pub team: Option<String>,
    /// A rep, by name or login.
    #[arg(long)]
    pub rep: Option<String>,
}

#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum TargetCommand {
    /// Set a target (money metrics in currency units, e.g. 1,200,000; counts whole).
    Set {
        #[arg(long)]
        period: String,
        /// sales, gross_profit, collected, new_customers or visits.
        #[arg(long)]
        metric: String,
        #[arg(long, allow_hyphen_values = true)]
        value: String,
        #[command(flatten)]
        scope: ScopeArgs,
        /// Why it changes (required once the period has started).
        #[arg(long)]
        reason: Option<String>,
    },
    /// Split a target into quarters, months or across the team's reps; the parts add up exactly.
    Split {
        #[arg(long)]
        period: String,
        #[arg(long)]
        metric: String,
        #[command(flatten)]
        scope: ScopeArgs,
        /// quarters or months.
        #[arg(long, conflicts_with = "across")]
        into: Option<String>,
        /// reps.
        #[arg(long)]
        across: Option<String>,
        /// even, history or weights:W1,W2,...
        #[arg(long, default_value = "even")]
        by: String,
        /// Replace children that already have targets (each change is logged).
        #[arg(long)]
        force: bool,
        #[arg(long)]
        reason: Option<String>,
    },
    /// The targets of a period with actual, completion, pace and forecast.
    Show {
        #[arg(long)]
        period: String,
        #[command(flatten)]
        scope: ScopeArgs,
        #[command(flatten)]
        format: ListFormat,
    },
    /// A value for a new period: last year's actual for the same period plus growth.
    Suggest {
        #[arg(long)]
        period: String,
        #[arg(long)]
        metric: String,
        #[command(flatten)]
        scope: ScopeArgs,
        /// Growth in per cent.
        #[arg(long, default_value_t = 10.0, allow_hyphen_values = true)]
        growth: f64,
    },
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// The newest entries first.
    List {
        /// From this day on: YYYY-MM-DD, today or yesterday.
        #[arg(long)]
        since: Option<String>,
        /// What this login did (or what a manager did as them).
        #[arg(long)]
        who: Option<String>,
        /// At most this many entries.
        #[arg(long, default_value_t = 200)]
        limit: usize,
        #[command(flatten)]
        format: ListFormat,
    },
}

/// What every import takes: the file and how to read it.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// A CSV file (saved by Excel or WPS) or an Excel workbook (.xlsx, .xls).
    pub file: PathBuf,
    /// Check and report only; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// The text encoding of a CSV file: auto, utf-8 or gbk.
    #[arg(long, default_value = "auto")]
    pub encoding: String,
    /// The sheet of a workbook to read (default: the first).
    #[arg(long)]
    pub sheet: Option<String>,
    /// A column's own labels: HEADER=FROM:TO,FROM:TO, e.g. 客户级别=重点客户:A,普通客户:B.
    /// Repeat for more columns.
    #[arg(long = "map")]
    pub maps: Vec<String>,
}
