//! Each measure of a project over a period (docs/metrics.md, "Measures"):
//! its value at the period's start and end, progress, when it was met and
//! when it fell back short, from the values the updates reported.

use chrono::NaiveDate;

use super::{MeasureMet, MeasureOutcome, Period, UpdateDoc};
use crate::document::{Measure, Project};
use crate::syntax::Decimal;

/// One reported value, in the order reports are read: by `as_of`, then by
/// the commit that added the update, then its path.
struct Report<'a> {
    as_of: NaiveDate,
    added: usize,
    path: &'a str,
    value: Decimal,
    commit: &'a str,
}

/// The measures of `project` (as defined in its version in force at the
/// period's end) over `period`, from `updates` (each update file as of the
/// period's end).
pub(super) fn measures(
    project: &Project,
    updates: &[UpdateDoc<'_>],
    period: Period,
) -> Vec<MeasureOutcome> {
    let id = project.id.value.as_str();
    project
        .measures
        .iter()
        .map(|measure| {
            let mut reports: Vec<Report<'_>> = updates
                .iter()
                .flat_map(|u| {
                    u.update
                        .measures
                        .iter()
                        .filter(|r| r.project.as_deref() == Some(id) && r.id == measure.id.value)
                        .map(move |r| Report {
                            as_of: r.as_of.as_ref().map_or(u.date, |d| d.value),
                            added: u.added,
                            path: u.path,
                            value: r.value.value,
                            commit: u.commit.as_str(),
                        })
                })
                .filter(|r| r.as_of <= period.until)
                .collect();
            reports.sort_by(|a, b| (a.as_of, a.added, a.path).cmp(&(b.as_of, b.added, b.path)));
            outcome(measure, &reports, period)
        })
        .collect()
}

fn outcome(measure: &Measure, reports: &[Report<'_>], period: Period) -> MeasureOutcome {
    let at_start = reports.iter().rev().find(|r| r.as_of < period.since);
    let at_end = reports.last();
    // Met when a report first reaches the target, and again after each
    // time one falls back short of it.
    let mut reached = false;
    let mut met: Option<MeasureMet> = None;
    let mut regressions = Vec::new();
    for r in reports {
        let now = measure.reached(r.value) == Some(true);
        let fact = || MeasureMet {
            date: r.as_of,
            commit: r.commit.to_owned(),
            value: r.value.shown(),
        };
        match (reached, now) {
            (false, true) => met = Some(fact()),
            (true, false) if period.contains(r.as_of) => regressions.push(fact()),
            _ => {}
        }
        reached = now;
    }
    MeasureOutcome {
        id: measure.id.value.clone(),
        name: measure.name.as_ref().map(|n| n.value.clone()),
        unit: measure.unit.clone(),
        baseline: measure.baseline.as_ref().map(|b| b.value.shown()),
        target: measure.target.as_ref().map(|t| t.value.shown()),
        value_at_start: at_start.map(|r| r.value.shown()),
        value_at_end: at_end.map(|r| r.value.shown()),
        progress: at_end
            .and_then(|r| measure.progress(r.value))
            .map(Decimal::shown),
        met: met.filter(|_| reached),
        regressions,
        reports: reports.iter().filter(|r| period.contains(r.as_of)).count(),
    }
}
