//! What the tabs and the shell draw with: the paged table, forms, dialogs, the help, and
//! laying out text in terminal cells.

pub mod dialog;
pub mod form;
pub mod help;
pub mod layout;
pub mod paged_table;
pub mod picker;
pub mod popup;
