//! The closed vocabularies read from their columns. The schema's CHECK constraints keep a
//! column to the codes `code()` writes, so anything else in the file (damage, a hand edit,
//! another program) is refused loudly with the column's value named, never read as the
//! default. Here rather than in `domain` so the domain stays free of SQL.

use std::fmt;

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ValueRef};

use crate::domain::{
    CustomerStage, DealStage, Grade, Metric, OwnershipReason, Personality, PurchaseRole, Role,
    VisitKind,
};

/// A stored code that is none of its vocabulary's.
#[derive(Debug)]
pub struct UnknownCode {
    pub field: &'static str,
    pub value: String,
    pub codes: &'static [&'static str],
}

impl fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "stored {} {:?} is not one of {}",
            self.field,
            self.value,
            self.codes.join(", ")
        )
    }
}

impl std::error::Error for UnknownCode {}

macro_rules! from_code {
    ($($name:ident),+ $(,)?) => {$(
        impl FromSql for $name {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                // Exactly the stored code: no case folding or Chinese words, which are for
                // what people type.
                let text = value.as_str()?;
                $name::ALL
                    .iter()
                    .copied()
                    .find(|v| v.code() == text)
                    .ok_or_else(|| {
                        FromSqlError::Other(Box::new(UnknownCode {
                            field: $name::FIELD,
                            value: text.to_string(),
                            codes: $name::CODES,
                        }))
                    })
            }
        }
    )+};
}

from_code!(
    Grade,
    CustomerStage,
    VisitKind,
    PurchaseRole,
    Personality,
    DealStage,
    Role,
    Metric,
    OwnershipReason,
);

#[cfg(test)]
mod tests {
    use rusqlite::Connection;

    use super::*;

    #[test]
    fn a_code_reads_as_its_value_and_anything_else_is_refused_by_name() {
        let conn = Connection::open_in_memory().unwrap();
        let read = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, Grade>(0));
        assert_eq!(read("SELECT 'A'").unwrap(), Grade::A);
        for bad in ["SELECT 'E'", "SELECT 'a'", "SELECT ''"] {
            let e = read(bad).unwrap_err().to_string();
            assert!(
                e.contains("stored grade") && e.contains("A, B, C, D"),
                "{e}"
            );
        }
        assert!(
            read("SELECT 'E'")
                .unwrap_err()
                .to_string()
                .contains("\"E\"")
        );
        // Not text at all: a type error, not a default.
        assert!(read("SELECT 3").is_err());
        let role = conn
            .query_row("SELECT NULL", [], |r| r.get::<_, Option<PurchaseRole>>(0))
            .unwrap();
        assert_eq!(role, None);
    }
}
