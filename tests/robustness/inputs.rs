//! Inputs that must be refused with the rule named and nothing changed.
