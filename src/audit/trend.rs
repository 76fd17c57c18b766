//! `audit --quarters N`: the last N full quarters side by side, so that a
//! gap that persists can be told from a one-quarter blip
//! (docs/metrics.md, "Trend"). Each quarter is a whole audit of its own,
//! over one reading of history; the trend keeps its impact ratios and flags.

use chrono::Datelike;
use serde::Serialize;

use super::compare::OPPORTUNITIES;
use super::facts::{Audit, round3};
use crate::history::Period;

/// The quarters, oldest first, and each gap flagged in any of them.
#[derive(Clone, Debug, Serialize)]
pub struct Trend {
    pub quarters: Vec<Quarter>,
    /// Each (group, opportunity) flagged in at least one quarter.
    pub gaps: Vec<Gap>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Quarter {
    /// `2026-Q3`.
    pub quarter: String,
    pub period: Period,
    pub groups: Vec<QuarterGroup>,
}

/// One group in one quarter: no numbers when it was too small to report.
#[derive(Clone, Debug, Serialize)]
pub struct QuarterGroup {
    pub group: String,
    pub reported: bool,
    pub people: Option<usize>,
    /// The impact ratio of each opportunity, to 3 decimals; `null` when the
    /// group was not reported or nobody received the opportunity.
    pub impact_ratios: Vec<Ratio>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Ratio {
    pub opportunity: &'static str,
    pub impact_ratio: Option<f64>,
    pub flagged: bool,
}

/// How often one group was flagged for one opportunity.
#[derive(Clone, Debug, Serialize)]
pub struct Gap {
    pub group: String,
    pub opportunity: &'static str,
    /// Quarters in which it was flagged.
    pub flagged: usize,
    /// Quarters in which it had an impact ratio: the group was reported and
    /// someone in a reported group received the opportunity.
    pub measured: usize,
    /// Flagged in at least 2 quarters and in more than half of those
    /// measured.
    pub persistent: bool,
}

/// The `n` full quarters that end with `last`, oldest first.
pub fn quarters(last: Period, n: usize) -> Vec<Period> {
    let mut out = vec![last];
    while out.len() < n {
        let before = Period::last_quarter(out[0].since);
        if before == out[0] {
            break;
        }
        out.insert(0, before);
    }
    out
}

/// `2026-Q3` for a period that starts in the third quarter of 2026.
pub fn label(period: Period) -> String {
    format!("{}-Q{}", period.since.year(), period.since.month0() / 3 + 1)
}

/// The trend of audits of consecutive quarters, oldest first.
pub fn of(audits: &[Audit]) -> Trend {
    let quarters: Vec<Quarter> = audits
        .iter()
        .map(|audit| Quarter {
            quarter: label(audit.period),
            period: audit.period,
            groups: audit
                .groups
                .iter()
                .map(|g| QuarterGroup {
                    group: g.group.clone(),
                    reported: g.reported,
                    people: g.people,
                    impact_ratios: OPPORTUNITIES
                        .iter()
                        .filter_map(|&o| {
                            let Some(opportunities) = &g.opportunities else {
                                return Some(Ratio {
                                    opportunity: o,
                                    impact_ratio: None,
                                    flagged: false,
                                });
                            };
                            let selection = opportunities.get(o)?;
                            Some(Ratio {
                                opportunity: o,
                                impact_ratio: selection.impact_ratio.map(round3),
                                flagged: selection.flagged,
                            })
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect();
    let mut gaps: Vec<Gap> = Vec::new();
    for quarter in &quarters {
        for group in &quarter.groups {
            for ratio in group.impact_ratios.iter().filter(|r| r.flagged) {
                let known = gaps
                    .iter()
                    .any(|g| g.group == group.group && g.opportunity == ratio.opportunity);
                if !known {
                    gaps.push(Gap {
                        group: group.group.clone(),
                        opportunity: ratio.opportunity,
                        flagged: 0,
                        measured: 0,
                        persistent: false,
                    });
                }
            }
        }
    }
    for gap in &mut gaps {
        for quarter in &quarters {
            let Some(group) = quarter.groups.iter().find(|g| g.group == gap.group) else {
                continue;
            };
            let Some(ratio) = group
                .impact_ratios
                .iter()
                .find(|r| r.opportunity == gap.opportunity && r.impact_ratio.is_some())
            else {
                continue;
            };
            gap.measured += 1;
            gap.flagged += usize::from(ratio.flagged);
        }
        gap.persistent = gap.flagged >= 2 && gap.flagged * 2 > gap.measured;
    }
    let order = |o: &str| OPPORTUNITIES.iter().position(|n| *n == o);
    gaps.sort_by(|a, b| {
        (b.persistent, b.flagged, order(a.opportunity), &a.group).cmp(&(
            a.persistent,
            a.flagged,
            order(b.opportunity),
            &b.group,
        ))
    });
    Trend { quarters, gaps }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn quarters_run_back_across_a_new_year() {
        let last = Period::last_quarter(d(2026, 4, 2));
        let q: Vec<String> = quarters(last, 4).into_iter().map(label).collect();
        assert_eq!(q, ["2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1"]);
        let first = quarters(last, 4)[0];
        assert_eq!((first.since, first.until), (d(2025, 4, 1), d(2025, 6, 30)));
    }
}
