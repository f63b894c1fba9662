//! Dialogs drawn over the screens.

pub mod dialog;
pub mod form;
pub mod help;
pub mod popup;
