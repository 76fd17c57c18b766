//! Periods of whole days that history is read for, both ends included; a
//! review looks at the last full quarter by default.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::error::Error;

/// A period of whole days, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Period {
    pub since: NaiveDate,
    pub until: NaiveDate,
}

impl Period {
    /// The last full calendar quarter before `today`.
    pub fn last_quarter(today: NaiveDate) -> Period {
        let this_quarter = quarter_start(today);
        let until = this_quarter.pred_opt().unwrap_or(this_quarter);
        Period {
            since: quarter_start(until),
            until,
        }
    }

    /// The period `--since`/`--until` name: the last full quarter before
    /// `today` when neither is given, from `since` to today (or `since`), or
    /// from the start of `until`'s quarter to `until`.
    pub fn from_flags(
        since: Option<NaiveDate>,
        until: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Result<Period, Error> {
        ordered(since, until)?;
        Ok(match (since, until) {
            (None, None) => Period::last_quarter(today),
            (Some(since), None) => Period {
                since,
                until: today.max(since),
            },
            (None, Some(until)) => Period {
                since: quarter_start(until),
                until,
            },
            (Some(since), Some(until)) => Period { since, until },
        })
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        self.since <= day && day <= self.until
    }

    /// Every day of the period.
    pub fn days(&self) -> impl Iterator<Item = NaiveDate> {
        self.since.iter_days().take_while(|d| *d <= self.until)
    }
}

/// Fails when `--since` is after `--until`.
pub fn ordered(since: Option<NaiveDate>, until: Option<NaiveDate>) -> Result<(), Error> {
    match (since, until) {
        (Some(since), Some(until)) if since > until => Err(Error::usage(format!(
            "--since {since} is after --until {until}"
        ))),
        _ => Ok(()),
    }
}

/// The first day of the calendar quarter holding `day`.
pub fn quarter_start(day: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(day.year(), (day.month0() / 3) * 3 + 1, 1).unwrap_or(day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn last_full_quarter() {
        assert_eq!(
            Period::last_quarter(d(2026, 11, 22)),
            Period {
                since: d(2026, 7, 1),
                until: d(2026, 9, 30)
            }
        );
        assert_eq!(
            Period::last_quarter(d(2026, 1, 1)),
            Period {
                since: d(2025, 10, 1),
                until: d(2025, 12, 31)
            }
        );
        assert_eq!(
            Period::last_quarter(d(2026, 3, 31)),
            Period {
                since: d(2025, 10, 1),
                until: d(2025, 12, 31)
            }
        );
    }
}
