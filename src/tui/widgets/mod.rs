//! Dialogs drawn over the screens.

pub mod dialog;
pub mod help;
