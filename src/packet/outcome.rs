//! One project's outcome in a period: status at its ends, criteria met,
//! delivery against the due date in force, lead time, days blocked, check-in
//! adherence and goalpost moves — each as SPEC 5.1 defines it.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::{
    CriterionMet, DecisionRecord, Inputs, Move, Outcome, Period, Subject, UpdateDoc, commit_date,
};
use crate::document::{CriterionState, Project};
use crate::history::{self, EventKind, History, Version};
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

/// The status on each change date: `(date, status)` in commit order; `None`
/// while the project does not exist.
fn status_changes(
    history: &History,
    versions: &[Version<Project>],
) -> Vec<(NaiveDate, Option<Lifecycle>)> {
    let mut out = Vec::new();
    let mut last: Option<Lifecycle> = None;
    for v in versions {
        let status = match v.doc.as_deref() {
            None => None,
            Some(p) => p.status.as_ref().map(|s| s.value).or(last),
        };
        last = status;
        out.push((commit_date(history, v.commit), status));
    }
    out
}

/// The first day on or after `day` on which the project was done or
/// dropped: when its blockers end (SPEC 5.1).
pub(super) fn closed_on_or_after(
    history: &History,
    versions: &[Version<Project>],
    day: NaiveDate,
) -> Option<NaiveDate> {
    let changes = status_changes(history, versions);
    if status_on(&changes, day).is_some_and(Lifecycle::closed) {
        return Some(day);
    }
    changes
        .iter()
        .find(|(d, s)| *d > day && s.is_some_and(Lifecycle::closed))
        .map(|(d, _)| *d)
}

/// The status in force on a day: set by the last change dated on or before it.
fn status_on(changes: &[(NaiveDate, Option<Lifecycle>)], day: NaiveDate) -> Option<Lifecycle> {
    changes
        .iter()
        .take_while(|(d, _)| *d <= day)
        .last()
        .and_then(|(_, s)| *s)
}

pub(super) fn outcome(
    inputs: &Inputs<'_>,
    id: &str,
    versions: &[Version<Project>],
    members: &BTreeSet<&str>,
    updates: &[UpdateDoc<'_>],
    decisions: &[DecisionRecord],
) -> Option<Outcome> {
    let history = inputs.history;
    let period = inputs.period;
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

    let changes = status_changes(history, versions);
    let status_at_end = status_on(&changes, period.until);
    let end_doc = end_version.doc.as_deref().or(in_force.last().copied());
    let events: Vec<history::Event> = history::own_project_events(history, id)
        .into_iter()
        .filter(|e| period.contains(e.date))
        .collect();

    let criteria_met = events
        .iter()
        .filter(|e| e.event == EventKind::CriterionMet)
        .map(|e| CriterionMet {
            text: e.criterion.clone().unwrap_or_default(),
            date: e.date,
            commit: e.commit.clone(),
        })
        .collect();
    let criteria_open = end_doc.map_or_else(Vec::new, |p| {
        p.criteria
            .iter()
            .filter(|c| c.state == CriterionState::Open)
            .map(|c| c.text.clone())
            .collect()
    });

    // Delivered: the last commit in the period in which the status became
    // done. A project recorded as done when its file was created became
    // done there. States carry over versions that say none (a word no
    // `statuses:` line maps), so Final → Accepted → Final delivers once.
    let done = Some(Lifecycle::Done);
    let delivery = versions
        .iter()
        .zip(&changes)
        .enumerate()
        .filter(|(i, (_, (date, status)))| {
            period.contains(*date) && *status == done && (*i == 0 || changes[i - 1].1 != done)
        })
        .map(|(_, (version, _))| version)
        .next_back();
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
    let activation = versions
        .iter()
        .find(|v| {
            v.doc
                .as_deref()
                .and_then(|p| p.status.as_ref())
                .is_some_and(|s| history::activated(s.value))
                && !history.commits[v.commit].baseline
        })
        .map(|v| commit_date(history, v.commit));
    let activation = match (inputs.activations.get(id), activation) {
        (Some(before), _) => Some(*before),
        (None, found) => found,
    };
    let lead_time_days = delivered.zip(activation).map(|(d, a)| (d - a).num_days());

    let days_blocked = i64::try_from(
        period
            .days()
            .filter(|d| status_on(&changes, *d) == Some(Lifecycle::Blocked))
            .count(),
    )
    .unwrap_or(0);

    let cadence = end_doc
        .and_then(|p| p.checkin.as_ref().map(|c| c.value))
        .unwrap_or(inputs.config.checkin);
    let project_updates: Vec<&UpdateDoc<'_>> = updates
        .iter()
        .filter(|u| u.update.projects.iter().any(|p| p.value == id))
        .collect();
    let checkin_adherence = adherence(period, cadence, &changes, &project_updates);

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
    let goalpost_moves = events
        .iter()
        .filter(|e| e.goalpost_move)
        .map(|e| Move {
            kind: e.event,
            date: e.date,
            commit: e.commit.clone(),
            from: e.from.clone(),
            to: e.to.clone(),
            criterion: e
                .criterion
                .clone()
                .filter(|_| e.event != EventKind::CriterionEdited),
            decisions: explaining(&referencing, e),
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
        days_blocked,
        checkin_adherence,
        risk_flagged,
        due_not_delivered: due_in_period_undelivered,
        goalpost_moves,
        path: end_version.path.clone(),
    })
}

/// The decisions that explain a goalpost move (SPEC 5.1): added in the
/// same commit, or dated within the 7 days before the move.
fn explaining(referencing: &[&DecisionRecord], event: &history::Event) -> Vec<String> {
    referencing
        .iter()
        .filter(|d| {
            d.fact.commit == event.commit
                || (d.fact.date <= event.date && (event.date - d.fact.date).num_days() <= 7)
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
    changes: &[(NaiveDate, Option<Lifecycle>)],
    updates: &[&UpdateDoc<'_>],
) -> Option<f64> {
    let length = i64::from(cadence.days()?);
    let mut counted = 0u32;
    let mut held = 0u32;
    // Windows start at `since`, or when the work first got under way inside
    // the period: a window before that is no missed check-in.
    let mut start = period
        .days()
        .find(|d| status_on(changes, *d).is_some_and(Lifecycle::in_flight))?;
    while start <= period.until {
        let end = (start + chrono::Duration::days(length - 1)).min(period.until);
        let window = Period {
            since: start,
            until: end,
        };
        if window
            .days()
            .any(|d| status_on(changes, d).is_some_and(Lifecycle::in_flight))
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
