//! Pure types and rules: money, periods, dates as typed, ids, names and the enums of the data model (src/store/schema/migrations/0001_schema.sql).
//! No I/O and no SQL here; everything a rule decides is decided and unit-tested here.

pub mod company;
pub mod date_input;
pub mod sheet;
#[macro_use]
pub mod enums;
pub mod error;
pub mod funnel;
pub mod ids;
pub mod kpi;
pub mod money;
pub mod names;
pub mod pace;
pub mod period;
pub mod pinyin;
pub mod roster;
pub mod scoring;
pub mod split;
pub mod tally;
pub mod template;
pub mod text;

pub use enums::*;
pub use error::{FieldError, Reason};
pub use money::{Money, Scale};
pub use period::{Granularity, Period};
