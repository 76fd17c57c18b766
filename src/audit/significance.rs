//! Whether a flagged gap could be chance, and how little would close it
//! (docs/metrics.md, "Significance and shortfall"): the two-sided Fisher's
//! exact test of a group against the reference group, and the fewest more
//! people of the group who would have to be selected for the flag to clear.
//!
//! Everything is whole numbers: hypergeometric weights are binomial
//! coefficients (big integers: `C(800, 400)` has 240 digits), compared and
//! summed exactly; the p-value becomes a float only to be written out.

use num_bigint::BigUint;

/// A selection: `selected` of `people`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Count {
    pub selected: usize,
    pub people: usize,
}

/// The two-sided Fisher's exact p-value of a group against the reference,
/// as an exact fraction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PValue {
    numerator: BigUint,
    denominator: BigUint,
}

impl PValue {
    /// The test of the 2×2 table (selected, not selected) × (group,
    /// reference): with every margin fixed, the probability of each table
    /// is `C(n₁, x)·C(n₂, k − x) / C(N, k)`, and the p-value sums the
    /// probabilities of the tables no more likely than the one observed.
    pub fn fisher(group: Count, reference: Count) -> PValue {
        let (n1, n2) = (group.people, reference.people);
        let k = group.selected + reference.selected;
        let low = k.saturating_sub(n2);
        let high = k.min(n1);
        let row1 = binomials(n1);
        let row2 = binomials(n2);
        let weight = |x: usize| &row1[x] * &row2[k - x];
        let observed = weight(group.selected);
        let mut numerator = BigUint::ZERO;
        let mut denominator = BigUint::ZERO;
        for x in low..=high {
            let w = weight(x);
            if w <= observed {
                numerator += &w;
            }
            denominator += w;
        }
        PValue {
            numerator,
            denominator,
        }
    }

    /// Below 0.05, compared exactly: 20 · p < 1.
    pub fn significant(&self) -> bool {
        &self.numerator * 20u32 < self.denominator
    }

    /// The p-value as a float, to 3 significant digits (0.0022, 0.4,
    /// 1.31e-7): for display; the comparison above is the exact one.
    pub fn value(&self) -> f64 {
        round_significant(ratio(&self.numerator, &self.denominator), 3)
    }
}

/// `C(n, 0) ..= C(n, n)`.
fn binomials(n: usize) -> Vec<BigUint> {
    let mut row = Vec::with_capacity(n + 1);
    let mut c = BigUint::from(1u32);
    row.push(c.clone());
    for x in 0..n {
        c = c * (n - x) / (x + 1);
        row.push(c.clone());
    }
    row
}

/// `a / b` as a float, exact to the float's precision even when both
/// have hundreds of digits.
fn ratio(a: &BigUint, b: &BigUint) -> f64 {
    if *a == BigUint::ZERO {
        return 0.0;
    }
    // Scale so that the quotient has 64 significant bits, then undo it.
    let shift = 64 + i64::try_from(b.bits()).unwrap_or(0) - i64::try_from(a.bits()).unwrap_or(0);
    let quotient = if shift >= 0 {
        (a << u64::try_from(shift).unwrap_or(0)) / b
    } else {
        a / (b << u64::try_from(-shift).unwrap_or(0))
    };
    let q: f64 = quotient
        .to_u64_digits()
        .iter()
        .rev()
        .fold(0.0, |acc, d| acc * 2f64.powi(64) + *d as f64);
    q * 2f64.powi(-i32::try_from(shift).unwrap_or(i32::MAX))
}

fn round_significant(value: f64, digits: i32) -> f64 {
    if value == 0.0 {
        return 0.0;
    }
    let scale = 10f64.powi(digits - 1 - value.abs().log10().floor() as i32);
    (value * scale).round() / scale
}

/// The fewest more people of the group who would have to be selected, the
/// reference unchanged, for the impact ratio to reach 0.8: the least `m`
/// with `5 · (selected + m) · reference.people ≥ 4 · reference.selected ·
/// people`. 0 when it is not flagged.
pub fn shortfall(group: Count, reference: Count) -> usize {
    let need = 4 * reference.selected as u128 * group.people as u128;
    let per = 5 * reference.people as u128;
    if per == 0 {
        return 0;
    }
    let at_least = need.div_ceil(per);
    usize::try_from(at_least.saturating_sub(group.selected as u128)).unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(selected: usize, people: usize) -> Count {
        Count { selected, people }
    }

    /// Against scipy 1.17.1, `scipy.stats.fisher_exact(table).pvalue`.
    #[test]
    fn p_values_match_scipy() {
        for (group, reference, scipy) in [
            (c(2, 20), c(12, 20), 0.002199641243022778),
            (c(1, 3), c(3, 3), 0.4000000000000001),
            (c(3, 6), c(5, 6), 0.5454545454545454),
            (c(0, 10), c(5, 10), 0.032507739938080496),
            (c(40, 200), c(90, 200), 1.3065138109061826e-07),
            // Groups of 800: C(800, 400) has 240 digits.
            (c(300, 800), c(420, 800), 2.0812264876871725e-09),
        ] {
            let p = PValue::fisher(group, reference);
            let exact = ratio(&p.numerator, &p.denominator);
            assert!(
                (exact - scipy).abs() <= scipy * 1e-12,
                "{group:?} {reference:?}: {exact} vs {scipy}"
            );
            assert_eq!(p.significant(), scipy < 0.05);
        }
        assert_eq!(PValue::fisher(c(2, 20), c(12, 20)).value(), 0.0022);
        assert_eq!(PValue::fisher(c(40, 200), c(90, 200)).value(), 1.31e-7);
    }

    #[test]
    fn equal_rates_give_one_and_the_threshold_is_exact() {
        // Every table is as likely as the observed one or less: p = 1.
        assert_eq!(PValue::fisher(c(400, 800), c(400, 800)).value(), 1.0);
        // 1 of 1 against 0 of 19: p = 1/20 exactly, which is not below 0.05.
        let p = PValue::fisher(c(1, 1), c(0, 19));
        assert_eq!(p.value(), 0.05);
        assert!(!p.significant());
    }

    #[test]
    fn shortfall_is_the_fewest_more_selections() {
        // 3 of 6 against 5 of 6: 4 of 6 is exactly 0.8, so one more clears it.
        assert_eq!(shortfall(c(3, 6), c(5, 6)), 1);
        // 2 of 20 against 12 of 20: 0.8 · 12 = 9.6, so 10, 8 more.
        assert_eq!(shortfall(c(2, 20), c(12, 20)), 8);
        // 0 of 10 against 5 of 10: 4 needed.
        assert_eq!(shortfall(c(0, 10), c(5, 10)), 4);
        assert_eq!(shortfall(c(5, 10), c(5, 10)), 0);
    }
}
