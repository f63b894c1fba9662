//! salestrack: a terminal sales-team tracker over one SQLite file.
