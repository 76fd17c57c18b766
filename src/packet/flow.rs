//! Where a project's time in a period went: days active, blocked and at
//! risk, and the flow efficiency they give (docs/metrics.md, "Flow").
//! Ratios stay exact fractions until they are written out, so that two
//! projects with the same days never sort apart by a rounding error.

use std::cmp::Ordering;

use super::Period;
use crate::history::Timeline;
use crate::vocabulary::Lifecycle;

/// Days of a period in each working state. A status holds from the day of
/// the commit that set it up to, not including, the day of the next change.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Flow {
    pub active: i64,
    pub blocked: i64,
    pub at_risk: i64,
}

impl Flow {
    pub fn of(timeline: &Timeline, period: Period) -> Flow {
        let mut flow = Flow::default();
        for day in period.days() {
            match timeline.status_on(day) {
                Some(Lifecycle::Active) => flow.active += 1,
                Some(Lifecycle::Blocked) => flow.blocked += 1,
                Some(Lifecycle::AtRisk) => flow.at_risk += 1,
                _ => {}
            }
        }
        flow
    }

    /// days active / (days active + days blocked); none without either.
    pub fn efficiency(&self) -> Option<Ratio> {
        let whole = self.active + self.blocked;
        (whole > 0).then_some(Ratio {
            num: self.active,
            den: whole,
        })
    }
}

/// A fraction of whole numbers with a positive denominator.
#[derive(Clone, Copy, Debug)]
pub struct Ratio {
    num: i64,
    den: i64,
}

impl Ratio {
    /// To 3 decimals, halves rounded up.
    pub fn rounded(self) -> f64 {
        let thousandths = (self.num * 2000 + self.den).div_euclid(2 * self.den);
        thousandths as f64 / 1000.0
    }

    /// The middle of some ratios; with an even count, the mean of the two
    /// middle ones (exactly, before rounding).
    pub fn median(mut ratios: Vec<Ratio>) -> Option<Ratio> {
        ratios.sort_by(Ratio::cmp);
        let n = ratios.len();
        match n {
            0 => None,
            _ if n % 2 == 1 => Some(ratios[n / 2]),
            _ => {
                let (a, b) = (ratios[n / 2 - 1], ratios[n / 2]);
                Some(Ratio {
                    num: a.num * b.den + b.num * a.den,
                    den: 2 * a.den * b.den,
                })
            }
        }
    }

    fn cmp(&self, other: &Ratio) -> Ordering {
        (self.num * other.den).cmp(&(other.num * self.den))
    }
}

#[cfg(test)]
mod tests {
    use super::Ratio;

    fn r(num: i64, den: i64) -> Ratio {
        Ratio { num, den }
    }

    #[test]
    fn rounds_to_three_decimals_halves_up() {
        assert_eq!(r(2, 3).rounded(), 0.667);
        assert_eq!(r(1, 3).rounded(), 0.333);
        assert_eq!(r(1, 8).rounded(), 0.125);
        assert_eq!(r(1, 2000).rounded(), 0.001);
        assert_eq!(r(0, 5).rounded(), 0.0);
        assert_eq!(r(7, 7).rounded(), 1.0);
    }

    #[test]
    fn median_is_exact_before_rounding() {
        assert!(Ratio::median(Vec::new()).is_none());
        let rounded = |v| Ratio::median(v).map(Ratio::rounded);
        assert_eq!(rounded(vec![r(1, 2), r(1, 3), r(9, 10)]), Some(0.5));
        // (1/3 + 1/2) / 2 = 5/12 = 0.41666…
        assert_eq!(rounded(vec![r(1, 2), r(1, 3)]), Some(0.417));
    }
}
