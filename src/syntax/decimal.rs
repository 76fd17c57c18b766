//! Strict decimal numbers, kept exactly as written (`64.5` is 645 tenths),
//! so that comparing a value with a target and computing progress never
//! round on the way. No exponents, no `inf`, no thousands separators: a
//! number people read in a review is written out.

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

/// The most digits after the point a number may have.
const MAX_SCALE: u32 = 9;
/// The most digits a number may have in all: far from `i128`'s limits
/// once two numbers are brought to one scale and multiplied.
const MAX_DIGITS: usize = 18;

/// A decimal number: `units / 10^scale`.
#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
pub struct Decimal {
    units: i128,
    scale: u32,
}

impl Decimal {
    /// Parses `-12`, `64.5`, `+0.25`, `.5`; `None` for anything else.
    pub fn parse(text: &str) -> Option<Decimal> {
        let text = text.trim();
        let (negative, digits) = match text.as_bytes().first()? {
            b'-' => (true, &text[1..]),
            b'+' => (false, &text[1..]),
            _ => (false, text),
        };
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if (whole.is_empty() && fraction.is_empty())
            || !all_digits(whole)
            || !all_digits(fraction)
            || whole.len() + fraction.len() > MAX_DIGITS
            || fraction.len() > MAX_SCALE as usize
        {
            return None;
        }
        let units: i128 = format!("{whole}{fraction}").parse().ok()?;
        Some(Decimal {
            units: if negative { -units } else { units },
            scale: u32::try_from(fraction.len()).ok()?,
        })
    }

    /// The number at `scale` (at least its own).
    fn at(self, scale: u32) -> i128 {
        self.units * 10i128.pow(scale - self.scale)
    }

    /// `self - other`, exactly.
    pub fn minus(self, other: Decimal) -> Decimal {
        let scale = self.scale.max(other.scale);
        Decimal {
            units: self.at(scale) - other.at(scale),
            scale,
        }
    }

    pub fn is_zero(self) -> bool {
        self.units == 0
    }

    /// `self / other` rounded half away from zero to `places` decimals,
    /// as a number; `None` when `other` is zero.
    pub fn ratio(self, other: Decimal, places: u32) -> Option<Decimal> {
        if other.is_zero() {
            return None;
        }
        let scale = self.scale.max(other.scale);
        let (n, d) = (self.at(scale), other.at(scale));
        // n / d * 10^places, rounded: (2·n·10^p + d) / (2·d), signs aside.
        let scaled = n * 10i128.pow(places);
        let negative = (scaled < 0) != (d < 0);
        let (a, b) = (scaled.abs(), d.abs());
        let rounded = (2 * a + b) / (2 * b);
        Some(Decimal {
            units: if negative { -rounded } else { rounded },
            scale: places,
        })
    }

    /// The number as the nearest `f64`, for JSON and templates.
    pub fn to_f64(self) -> f64 {
        // Both parts are exact in f64 for the digits allowed.
        self.units as f64 / 10f64.powi(self.scale as i32)
    }

    /// The number as JSON shows it.
    pub fn shown(self) -> serde_json::Value {
        if self.scale == 0 {
            i64::try_from(self.units).map_or_else(|_| self.to_f64().into(), Into::into)
        } else {
            self.to_f64().into()
        }
    }
}

impl PartialEq for Decimal {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Decimal {}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Decimal {
    fn cmp(&self, other: &Self) -> Ordering {
        let scale = self.scale.max(other.scale);
        self.at(scale).cmp(&other.at(scale))
    }
}

impl std::fmt::Display for Decimal {
    /// As written, less a leading `+`: `64.5`, `-3`, `0.250`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let digits = self.units.unsigned_abs().to_string();
        let sign = if self.units < 0 { "-" } else { "" };
        let scale = self.scale as usize;
        if scale == 0 {
            return write!(f, "{sign}{digits}");
        }
        let padded = format!("{digits:0>width$}", width = scale + 1);
        let (whole, fraction) = padded.split_at(padded.len() - scale);
        write!(f, "{sign}{whole}.{fraction}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::parse(s).expect(s)
    }

    #[test]
    fn parses_only_plain_decimals() {
        for ok in ["0", "61", "-3", "+4.5", "64.5", ".5", "5.", "0.000000001"] {
            assert!(Decimal::parse(ok).is_some(), "{ok}");
        }
        for bad in [
            "",
            "-",
            ".",
            "64.5%",
            "1e3",
            "inf",
            "NaN",
            "1,000",
            "0x10",
            "1.0000000001",
            "1 2",
        ] {
            assert!(Decimal::parse(bad).is_none(), "{bad}");
        }
        assert_eq!(d("64.50"), d("64.5"));
        assert!(d("-0.5") < d("0.25"));
        assert_eq!(d("0.250").to_string(), "0.250");
        assert_eq!(d("-0.05").to_string(), "-0.05");
    }

    #[test]
    fn progress_is_exact_and_rounded_half_away_from_zero() {
        // (64.5 - 61) / (70 - 61) = 0.38888… → 0.389
        let progress = |v: &str, b: &str, t: &str| {
            d(v).minus(d(b))
                .ratio(d(t).minus(d(b)), 3)
                .map(|p| p.to_string())
        };
        assert_eq!(progress("64.5", "61", "70").as_deref(), Some("0.389"));
        assert_eq!(progress("55", "61", "70").as_deref(), Some("-0.667"));
        assert_eq!(progress("120", "200", "50").as_deref(), Some("0.533"));
        assert_eq!(progress("40", "200", "50").as_deref(), Some("1.067"));
        // 1/8 = 0.125 exactly; 0.0625 rounds away from zero.
        assert_eq!(
            d("1").ratio(d("16"), 3).map(|p| p.to_string()).as_deref(),
            Some("0.063")
        );
        assert_eq!(
            d("-1").ratio(d("16"), 3).map(|p| p.to_string()).as_deref(),
            Some("-0.063")
        );
        assert_eq!(d("1").ratio(d("0"), 3), None);
    }
}
