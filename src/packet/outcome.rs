//! One project's outcome in a period: status at its ends, criteria met,
//! delivery against the due date in force, lead time, days blocked, check-in
//! adherence and goalpost moves — each as SPEC 5.1 defines it.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::flow::{Flow, Ratio};
use super::{
    CriterionMet, DecisionRecord, Documents, Inputs, Move, Outcome, Period, Subject, UpdateDoc,
    commit_date,
};
use crate::document::{CriterionState, Project};
use crate::history::{Change, History, Timeline, Version, What};
use crate::vocabulary::{Cadence, Confidence, Lifecycle};

/// The versions of a project that matter for a period: the one in force at
/// its start, and those committed during it.
fn period_versions<'v>(
    history: &History,
    versions: &'v [Version<Project>],
    period: Period,
) -> (Option<&'v Project>, Vec<&'v Version<Project>>) {
    let start = versions
        .iter()
        .rev()
        .find(|v| commit_date(history, v.commit) < period.since)
        .and_then(|v| v.doc.as_deref());
    let during = versions
        .iter()
        .filter(|v| period.contains(commit_date(history, v.commit)))
        .collect();
    (start, during)
}

/// Done or dropped for the whole period: closed at its start and never
/// reopened in it.
fn closed_throughout(start: Option<&Project>, during: &[&Version<Project>]) -> bool {
    start
        .and_then(|p| p.status.as_ref())
        .is_some_and(|s| s.value.closed())
        && during.iter().all(|v| {
            v.doc
                .as_deref()
                .and_then(|p| p.status.as_ref())
                .is_none_or(|s| s.value.closed())
        })
}

/// A project in scope for a period (SPEC 5.1): in force at some moment of
/// it and not done or dropped throughout.
#[derive(Clone, Debug)]
pub struct Scope<'h> {
    pub id: &'h str,
    /// Owner and tags of each version in force during the period (the one
    /// at its start, then each committed in it): who held it, and what it
    /// was, at the same moment.
    pub moments: Vec<(Option<&'h str>, Vec<&'h str>)>,
}

impl<'h> Scope<'h> {
    /// Everyone who owned the project at some moment of the period.
    pub fn owners(&self) -> impl Iterator<Item = &'h str> + '_ {
        self.moments.iter().filter_map(|(owner, _)| *owner)
    }
}

/// Every project in scope for the period, by id.
pub fn scope(history: &History, period: Period) -> Vec<Scope<'_>> {
    let mut out = Vec::new();
    for (id, versions) in &history.projects {
        let (start, during) = period_versions(history, versions, period);
        if closed_throughout(start, &during) {
            continue;
        }
        let moments: Vec<(Option<&str>, Vec<&str>)> = start
            .into_iter()
            .chain(during.iter().filter_map(|v| v.doc.as_deref()))
            .map(|p| {
                (
                    p.owner.as_ref().map(|o| o.value.as_str()),
                    p.tags.iter().map(|t| t.value.as_str()).collect(),
                )
            })
            .collect();
        if !moments.is_empty() {
            out.push(Scope { id, moments });
        }
    }
    out
}

fn involves(project: &Project, people: &BTreeSet<&str>) -> Option<&'static str> {
    if project
        .owner
        .as_ref()
        .is_some_and(|o| people.contains(o.value.as_str()))
    {
        Some("owner")
    } else if project
        .contributors
        .iter()
        .any(|c| people.contains(c.value.as_str()))
    {
        Some("contributor")
    } else {
        None
    }
}

pub(super) fn outcome(
    inputs: &Inputs<'_>,
    id: &str,
    versions: &[Version<Project>],
    members: &BTreeSet<&str>,
    documents: &Documents<'_>,
) -> Option<Outcome> {
    let history = inputs.history;
    let decisions = &documents.decisions;
    let period = inputs.period;
    let timeline = inputs.timelines.get(id)?;
    let (start, during) = period_versions(history, versions, period);
    let in_force: Vec<&Project> = start
        .into_iter()
        .chain(during.iter().filter_map(|v| v.doc.as_deref()))
        .collect();
    let end_version = versions
        .iter()
        .rev()
        .find(|v| commit_date(history, v.commit) <= period.until)?;
    let role = match inputs.subject {
        Subject::Project(subject) => {
            if subject != id {
                return None;
            }
            None
        }
        _ => {
            let roles: Vec<&'static str> = in_force
                .iter()
                .filter_map(|p| involves(p, members))
                .collect();
            if roles.is_empty() {
                return None;
            }
            Some(if roles.contains(&"owner") {
                "owner"
            } else {
                "contributor"
            })
        }
    };
    let status_at_start = start.and_then(|p| p.status.as_ref().map(|s| s.value));
    if closed_throughout(start, &during) && !matches!(inputs.subject, Subject::Project(_)) {
        return None;
    }
    if in_force.is_empty() {
        return None;
    }

    let status_at_end = timeline.status_on(period.until);
    let end_doc = end_version.doc.as_deref().or(in_force.last().copied());
    let commit_id = |change: &Change| history.commits[change.commit].id.to_string();

    let criteria_met = timeline
        .during(period)
        .filter_map(|c| match &c.what {
            What::CriterionMet { text } => Some(CriterionMet {
                text: text.clone(),
                date: c.date,
                commit: commit_id(c),
            }),
            _ => None,
        })
        .collect();
    let criteria_open = end_doc.map_or_else(Vec::new, |p| {
        p.criteria
            .iter()
            .filter(|c| c.state == CriterionState::Open)
            .map(|c| c.text.clone())
            .collect()
    });

    let delivery = timeline.delivery(period).map(|i| &versions[i]);
    let delivered = delivery.map(|v| commit_date(history, v.commit));
    // The due date in force in the delivery commit, else at the end of the period.
    let due = match delivery {
        Some(v) => v
            .doc
            .as_deref()
            .and_then(|p| p.due.as_ref().map(|d| d.value)),
        None => end_doc.and_then(|p| p.due.as_ref().map(|d| d.value)),
    };
    let first_due = in_force
        .first()
        .and_then(|p| p.due.as_ref().map(|d| d.value));
    let due_moved = first_due.is_some() && first_due != due;
    let (on_time, days_late) = match (delivered, due) {
        (Some(delivered), Some(due)) => {
            let late = (delivered - due).num_days().max(0);
            (Some(late == 0), Some(late))
        }
        _ => (None, None),
    };
    let lead_time_days = delivered
        .zip(timeline.first_activated())
        .map(|(d, a)| (d - a).num_days());

    let flow = Flow::of(timeline, period);

    let cadence = end_doc
        .and_then(|p| p.checkin.as_ref().map(|c| c.value))
        .unwrap_or(inputs.config.checkin);
    let project_updates: Vec<&UpdateDoc<'_>> = documents.naming(id).collect();
    let checkin_adherence = adherence(period, cadence, timeline, &project_updates);

    let due_in_period_undelivered = delivered.is_none()
        && due.is_some_and(|d| period.contains(d))
        && !status_at_end.is_some_and(Lifecycle::closed);
    let late = on_time == Some(false);
    let risk_flagged = (late || due_in_period_undelivered).then(|| {
        let due = due.unwrap_or(period.until);
        project_updates.iter().any(|u| {
            u.date < due
                && u.update
                    .confidence
                    .as_ref()
                    .is_some_and(|c| matches!(c.value, Confidence::AtRisk | Confidence::OffTrack))
        })
    });

    let referencing: Vec<&DecisionRecord> = decisions
        .iter()
        .filter(|d| d.projects.iter().any(|p| p == id))
        .collect();
    let goalpost_moves = timeline
        .moves(period)
        .map(|c| {
            let commit = commit_id(c);
            let (from, to) = c.what.from_to();
            Move {
                kind: c.what.kind(),
                date: c.date,
                decisions: explaining(&referencing, &commit, c.date),
                commit,
                from,
                to,
                criterion: match &c.what {
                    What::CriterionEdited { .. } => None,
                    what => what.criterion().map(str::to_owned),
                },
                measure: match &c.what {
                    What::MeasureMoved { id, .. } => Some(id.clone()),
                    _ => None,
                },
            }
        })
        .collect();

    Some(Outcome {
        id: id.to_owned(),
        title: end_doc.and_then(|p| p.title.as_ref().map(|t| t.value.clone())),
        role,
        owner: end_doc.and_then(|p| p.owner.as_ref().map(|o| o.value.clone())),
        status_at_start,
        status_at_end,
        criteria_met,
        criteria_open,
        due,
        due_moved,
        delivered,
        delivered_commit: delivery.map(|v| history.commits[v.commit].id.to_string()),
        on_time,
        days_late,
        lead_time_days,
        days_active: flow.active,
        days_blocked: flow.blocked,
        days_at_risk: flow.at_risk,
        flow_efficiency: flow.efficiency().map(Ratio::rounded),
        checkin_adherence,
        risk_flagged,
        due_not_delivered: due_in_period_undelivered,
        goalpost_moves,
        measures: end_doc.map_or_else(Vec::new, |p| {
            super::measures::measures(history, p, &documents.reports, period)
        }),
        path: end_version.path.clone(),
    })
}

/// The decisions that explain a goalpost move (SPEC 5.1): added in the
/// same commit, or dated within the 7 days before the move.
fn explaining(referencing: &[&DecisionRecord], commit: &str, date: NaiveDate) -> Vec<String> {
    referencing
        .iter()
        .filter(|d| {
            d.fact.commit == commit || (d.fact.date <= date && (date - d.fact.date).num_days() <= 7)
        })
        .map(|d| d.fact.key.clone())
        .collect()
}

/// The share of cadence windows (from `since`, or from the first day inside
/// the period the project was in flight, if later) in which the project was
/// in flight at some moment that hold at least one update dated inside them.
fn adherence(
    period: Period,
    cadence: Cadence,
    timeline: &Timeline,
    updates: &[&UpdateDoc<'_>],
) -> Option<f64> {
    let length = i64::from(cadence.days()?);
    let mut counted = 0u32;
    let mut held = 0u32;
    // Windows start at `since`, or when the work first got under way inside
    // the period: a window before that is no missed check-in.
    let mut start = period
        .days()
        .find(|d| timeline.status_on(*d).is_some_and(Lifecycle::in_flight))?;
    while start <= period.until {
        let end = (start + chrono::Duration::days(length - 1)).min(period.until);
        let window = Period {
            since: start,
            until: end,
        };
        if window
            .days()
            .any(|d| timeline.status_on(d).is_some_and(Lifecycle::in_flight))
        {
            counted += 1;
            if updates.iter().any(|u| window.contains(u.date)) {
                held += 1;
            }
        }
        start += chrono::Duration::days(length);
    }
    (counted > 0).then(|| f64::from(held) / f64::from(counted))
}
