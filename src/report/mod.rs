//! What a scorecard and a report show, formatted once for every front end: the CLI table and
//! JSON, the TUI, and the Markdown, CSV and HTML reports.

pub mod values;
