//! Short ids: a printed id keeps working after more records are added.
