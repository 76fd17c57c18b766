//! Each measure of a project over a period (docs/metrics.md, "Measures"):
//! its value at the period's start and end, progress, when it was met and
//! when it fell back short, from the values the updates reported.

use super::{MeasureMet, MeasureOutcome, Period};
use crate::document::{Measure, Project};
use crate::history::History;
use crate::history::measures::{Report, Reports, Turn, turns};
use crate::syntax::Decimal;

/// The measures of `project` (as defined in its version in force at the
/// period's end) over `period`, from the reports with an `as_of` on or
/// before its end.
pub(super) fn measures(
    history: &History,
    project: &Project,
    reports: &Reports<'_>,
    period: Period,
) -> Vec<MeasureOutcome> {
    let id = project.id.value.as_str();
    project
        .measures
        .iter()
        .map(|measure| {
            let mut reports = reports.of_measure(id, &measure.id.value);
            reports.retain(|r| r.as_of <= period.until);
            outcome(history, measure, &reports, period)
        })
        .collect()
}

fn outcome(
    history: &History,
    measure: &Measure,
    reports: &[Report<'_>],
    period: Period,
) -> MeasureOutcome {
    let at_start = reports.iter().rev().find(|r| r.as_of < period.since);
    let at_end = reports.last();
    let fact = |r: &Report<'_>| MeasureMet {
        date: r.as_of,
        commit: history.commits[r.added].id.to_string(),
        value: r.value.shown(),
    };
    let mut met = None;
    let mut regressions = Vec::new();
    for (r, turn) in turns(measure, reports) {
        match turn {
            Some(Turn::Met) => met = Some(fact(r)),
            Some(Turn::Regressed) if period.contains(r.as_of) => regressions.push(fact(r)),
            _ => {}
        }
    }
    let reached = at_end.is_some_and(|r| measure.reached(r.value) == Some(true));
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
