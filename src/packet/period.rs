//! Review periods: both ends included; by default the last full quarter.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

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

    pub fn contains(&self, day: NaiveDate) -> bool {
        self.since <= day && day <= self.until
    }

    /// Every day of the period.
    pub fn days(&self) -> impl Iterator<Item = NaiveDate> {
        self.since.iter_days().take_while(|d| *d <= self.until)
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
