//! The syntax floor: text with positions, shared by `goalpost.yml` and the
//! documents. A file's text and its line index (`Source`), ranges in it
//! (`Span`), values that remember where they were written (`Located`), YAML
//! as a tree of positioned nodes read under tight budgets, strict dates and
//! strict decimal numbers.
//! Nothing here knows what a project or a configuration key is.

pub mod chars;
mod decimal;
pub mod schema;
mod source;
pub mod yaml;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use decimal::Decimal;
pub use source::Source;

/// A range in a file: 1-based lines and character columns, end exclusive.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Span {
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

impl Span {
    /// The very start of a file.
    pub const START: Span = Span {
        line: 1,
        column: 1,
        end_line: 1,
        end_column: 1,
    };
}

/// A value and where it was written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Located<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Located<T> {
    pub fn new(value: T, span: Span) -> Self {
        Self { value, span }
    }
}

/// Parses a strict `YYYY-MM-DD` date.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return None;
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}
