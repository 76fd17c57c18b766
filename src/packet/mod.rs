//! Review packets: what was promised, delivered, blocked and decided, for a
//! person, project or team over a period — computed from history as plain
//! data, every fact citing its commit. Renderers only present this value, so
//! JSON, markdown and HTML cannot disagree. The exact meaning of every number
//! is SPEC section 5.1.

mod period;
mod render;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;
use serde::Serialize;

use crate::blockers::{self, Listing};
use crate::config::Config;
use crate::document::{Cadence, Confidence, CriterionState, Lifecycle, Project, Update};
use crate::history::{self, EventKind, History, Version};

pub use period::Period;
pub use render::render;

/// Who or what a packet is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Subject {
    Person(String),
    Project(String),
    Team(String),
}

impl Subject {
    fn kind(&self) -> &'static str {
        match self {
            Subject::Person(_) => "person",
            Subject::Project(_) => "project",
            Subject::Team(_) => "team",
        }
    }

    fn id(&self) -> &str {
        match self {
            Subject::Person(id) | Subject::Project(id) | Subject::Team(id) => id,
        }
    }
}

/// The subject as written in the packet.
#[derive(Clone, Debug, Serialize)]
pub struct SubjectFact {
    pub kind: &'static str,
    pub id: String,
    /// The person's name or the project's title, when known.
    pub name: Option<String>,
}

/// A review packet (`"schema": "goalpost.packet/1"`).
#[derive(Clone, Debug, Serialize)]
pub struct Packet {
    pub schema: &'static str,
    pub subject: SubjectFact,
    pub period: Period,
    /// The full id of the commit the packet was generated from.
    pub generated_from: String,
    pub generated_on: NaiveDate,
    pub projects: Vec<Outcome>,
    pub delivery: Delivery,
    pub blockers: Vec<BlockerFact>,
    pub updates: Vec<UpdateFact>,
    pub decisions: Vec<DecisionFact>,
    /// Versions of documents that could not be read and were skipped.
    pub notes: Vec<String>,
}

/// One project's outcome in the period.
#[derive(Clone, Debug, Serialize)]
pub struct Outcome {
    pub id: String,
    pub title: Option<String>,
    /// The subject's role: `owner` or `contributor` (`null` for a project packet).
    pub role: Option<&'static str>,
    pub owner: Option<String>,
    pub status_at_start: Option<Lifecycle>,
    pub status_at_end: Option<Lifecycle>,
    pub criteria_met: Vec<CriterionMet>,
    pub criteria_open: Vec<String>,
    /// The due date in force at delivery, or at the end of the period.
    pub due: Option<NaiveDate>,
    /// Whether that due date differs from the first one in the period.
    pub due_moved: bool,
    pub delivered: Option<NaiveDate>,
    pub delivered_commit: Option<String>,
    pub on_time: Option<bool>,
    pub days_late: Option<i64>,
    pub lead_time_days: Option<i64>,
    pub days_blocked: i64,
    pub checkin_adherence: Option<f64>,
    pub risk_flagged: Option<bool>,
    /// Due inside the period, but neither delivered nor dropped by its end.
    pub due_not_delivered: bool,
    pub goalpost_moves: Vec<Move>,
    /// The file of the project at the end of the period.
    pub path: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct CriterionMet {
    pub text: String,
    pub date: NaiveDate,
    pub commit: String,
}

/// A change of criteria or due date after activation.
#[derive(Clone, Debug, Serialize)]
pub struct Move {
    pub kind: EventKind,
    pub date: NaiveDate,
    pub commit: String,
    pub from: Option<String>,
    pub to: Option<String>,
    pub criterion: Option<String>,
    /// Decisions that reference the project in the period.
    pub decisions: Vec<String>,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Delivery {
    pub delivered: usize,
    pub on_time: usize,
    pub late: usize,
    pub due_not_delivered: usize,
    pub median_lead_time_days: Option<i64>,
}

#[derive(Clone, Debug, Serialize)]
pub struct BlockerFact {
    pub project: String,
    pub author: String,
    pub text: String,
    pub raised: NaiveDate,
    pub cleared: Option<NaiveDate>,
    pub days_open: i64,
    /// The update that raised it, and the commit that added that update.
    pub path: String,
    pub commit: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct UpdateFact {
    pub path: String,
    pub author: String,
    pub date: NaiveDate,
    pub projects: Vec<String>,
    pub confidence: Option<Confidence>,
    pub commit: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct DecisionFact {
    pub number: Option<u64>,
    pub key: String,
    pub title: Option<String>,
    pub status: String,
    pub date: NaiveDate,
    pub deciders: Vec<String>,
    pub path: String,
    pub commit: String,
}

/// Everything a packet is computed from.
pub struct Inputs<'a> {
    pub history: &'a History,
    pub config: &'a Config,
    pub subject: &'a Subject,
    pub period: Period,
    pub today: NaiveDate,
    /// When each project first became active, for lead times that start
    /// before the period.
    pub activations: &'a HashMap<String, NaiveDate>,
}

/// The latest version of every update file, with the commit that added it.
struct UpdateDoc<'a> {
    path: &'a str,
    update: &'a Update,
    date: NaiveDate,
    author: &'a str,
    commit: String,
}

/// Computes a packet.
pub fn compute(inputs: &Inputs<'_>) -> Packet {
    let history = inputs.history;
    let period = inputs.period;
    let updates = latest_updates(history, period.until);
    let members = members(inputs);
    let decisions = decisions(history, period);

    let mut projects = Vec::new();
    for (id, versions) in &history.projects {
        if let Some(outcome) = outcome(inputs, id, versions, &members, &updates, &decisions) {
            projects.push(outcome);
        }
    }
    let in_scope: BTreeSet<&str> = projects.iter().map(|p| p.id.as_str()).collect();

    let listings: Vec<Listing<'_>> = updates
        .iter()
        .flat_map(|u| {
            u.update.projects.iter().map(move |p| Listing {
                author: u.author,
                project: p.value.as_str(),
                date: u.date,
                path: u.path,
                commit: Some(u.commit.as_str()),
                blockers: u.update.blockers.iter().map(|b| b.value.as_str()).collect(),
            })
        })
        .collect();
    let end = period.until.min(inputs.today);
    let blockers: Vec<BlockerFact> = blockers::runs(&listings)
        .into_iter()
        .filter(|b| b.open_during(period.since, period.until))
        .filter(|b| match inputs.subject {
            Subject::Project(id) => b.project == *id,
            _ => members.contains(b.author.as_str()),
        })
        .map(|b| BlockerFact {
            days_open: b.days_open(end),
            project: b.project,
            author: b.author,
            text: b.text,
            raised: b.raised,
            cleared: b.cleared,
            path: b.raised_in,
            commit: b.raised_commit,
        })
        .collect();

    let updates_written: Vec<UpdateFact> = updates
        .iter()
        .filter(|u| period.contains(u.date))
        .filter(|u| match inputs.subject {
            Subject::Project(id) => u.update.projects.iter().any(|p| p.value == *id),
            _ => members.contains(u.author),
        })
        .map(|u| UpdateFact {
            path: u.path.to_owned(),
            author: u.author.to_owned(),
            date: u.date,
            projects: u.update.projects.iter().map(|p| p.value.clone()).collect(),
            confidence: u.update.confidence.as_ref().map(|c| c.value),
            commit: u.commit.clone(),
        })
        .collect();

    let decisions_made: Vec<DecisionFact> = decisions
        .into_iter()
        .filter(|d| match inputs.subject {
            Subject::Person(_) => d.deciders.iter().any(|p| members.contains(p.as_str())),
            Subject::Project(id) => d.projects.iter().any(|p| p == id),
            Subject::Team(_) => {
                d.deciders.iter().any(|p| members.contains(p.as_str()))
                    || d.projects.iter().any(|p| in_scope.contains(p.as_str()))
            }
        })
        .map(|d| d.fact)
        .collect();

    let delivery = delivery(&projects);
    let notes = history
        .notes
        .iter()
        .map(|n| {
            let c = &history.commits[n.commit];
            format!(
                "skipped {} at {} ({}): {}",
                n.path,
                c.short(),
                c.date(),
                n.message
            )
        })
        .collect();
    Packet {
        schema: "goalpost.packet/1",
        subject: SubjectFact {
            kind: inputs.subject.kind(),
            id: inputs.subject.id().to_owned(),
            name: subject_name(inputs, &projects),
        },
        period,
        generated_from: history.head.map(|h| h.to_string()).unwrap_or_default(),
        generated_on: inputs.today,
        projects,
        delivery,
        blockers,
        updates: updates_written,
        decisions: decisions_made,
        notes,
    }
}

fn subject_name(inputs: &Inputs<'_>, projects: &[Outcome]) -> Option<String> {
    match inputs.subject {
        Subject::Person(p) => inputs.config.people.get(p).and_then(|p| p.name.clone()),
        Subject::Project(_) => projects.first().and_then(|p| p.title.clone()),
        Subject::Team(_) => None,
    }
}

/// The people whose work the packet covers.
fn members<'a>(inputs: &Inputs<'a>) -> BTreeSet<&'a str> {
    match inputs.subject {
        Subject::Person(p) => [p.as_str()].into(),
        Subject::Team(team) => inputs.config.members(team).collect(),
        Subject::Project(_) => BTreeSet::new(),
    }
}

fn commit_date(history: &History, version_commit: usize) -> NaiveDate {
    history.commits[version_commit].date()
}

/// Every update file as of the end of the period (its latest version
/// committed by then... or later, since an update's date is its own).
fn latest_updates(history: &History, until: NaiveDate) -> Vec<UpdateDoc<'_>> {
    let mut latest: BTreeMap<&str, &Version<Update>> = BTreeMap::new();
    let mut added: HashMap<&str, usize> = HashMap::new();
    for version in &history.updates {
        added.entry(version.path.as_str()).or_insert(version.commit);
        latest.insert(version.path.as_str(), version);
    }
    latest
        .into_iter()
        .filter_map(|(path, version)| {
            let update = version.doc.as_deref()?;
            let date = update.date.as_ref()?.value;
            if date > until {
                return None;
            }
            let author = update.author.as_ref()?.value.as_str();
            let commit = history.commits[added[path]].id.to_string();
            Some(UpdateDoc {
                path,
                update,
                date,
                author,
                commit,
            })
        })
        .collect()
}

/// A decision dated in the period, with what filters need.
struct DecisionInPeriod {
    fact: DecisionFact,
    deciders: Vec<String>,
    projects: Vec<String>,
}

fn decisions(history: &History, period: Period) -> Vec<DecisionInPeriod> {
    let mut out = Vec::new();
    for versions in history.decisions.values() {
        let Some(first) = versions.first() else {
            continue;
        };
        let added = &history.commits[first.commit];
        let Some(latest) = versions
            .iter()
            .rev()
            .find(|v| commit_date(history, v.commit) <= period.until)
        else {
            continue;
        };
        let Some(decision) = latest.doc.as_deref() else {
            continue;
        };
        let date = match &decision.date {
            Some(d) => d.value,
            // Without a date, the commit that added the file dates it, unless
            // that commit is only the state before the period.
            None if !added.baseline => added.date(),
            None => continue,
        };
        if !period.contains(date) {
            continue;
        }
        out.push(DecisionInPeriod {
            deciders: decision.deciders.iter().map(|d| d.value.clone()).collect(),
            projects: decision.projects.iter().map(|p| p.value.clone()).collect(),
            fact: DecisionFact {
                number: decision.number,
                key: decision.key.clone(),
                title: decision.title.as_ref().map(|t| t.value.clone()),
                status: decision.status.value.as_str().to_owned(),
                date,
                deciders: decision.deciders.iter().map(|d| d.value.clone()).collect(),
                path: latest.path.clone(),
                commit: added.id.to_string(),
            },
        });
    }
    out.sort_by(|a, b| (a.fact.date, &a.fact.key).cmp(&(b.fact.date, &b.fact.key)));
    out
}

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

/// The status in force on a day: set by the last change dated on or before it.
fn status_on(changes: &[(NaiveDate, Option<Lifecycle>)], day: NaiveDate) -> Option<Lifecycle> {
    changes
        .iter()
        .take_while(|(d, _)| *d <= day)
        .last()
        .and_then(|(_, s)| *s)
}

fn outcome(
    inputs: &Inputs<'_>,
    id: &str,
    versions: &[Version<Project>],
    members: &BTreeSet<&str>,
    updates: &[UpdateDoc<'_>],
    decisions: &[DecisionInPeriod],
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
    // Closed for the whole period: closed at the start and never reopened.
    let closed_throughout = status_at_start.is_some_and(Lifecycle::closed)
        && during.iter().all(|v| {
            v.doc
                .as_deref()
                .and_then(|p| p.status.as_ref())
                .is_none_or(|s| s.value.closed())
        });
    if closed_throughout && !matches!(inputs.subject, Subject::Project(_)) {
        return None;
    }
    if in_force.is_empty() {
        return None;
    }

    let changes = status_changes(history, versions);
    let status_at_end = status_on(&changes, period.until);
    let end_doc = end_version.doc.as_deref().or(in_force.last().copied());
    let events: Vec<history::Event> = history::project_events(history, id)
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

    // Delivered: the last commit in the period in which the status became done.
    // A project recorded as done when its file was created became done there.
    let delivery_event = events.iter().rfind(|e| {
        matches!(e.event, EventKind::StatusChanged | EventKind::Created)
            && e.to.as_deref() == Some(Lifecycle::Done.as_str())
    });
    let delivered = delivery_event.map(|e| e.date);
    // The due date in force in the delivery commit, else at the end of the period.
    let due = match delivery_event {
        Some(e) => versions
            .iter()
            .rev()
            .find(|v| history.commits[v.commit].id.to_string() == e.commit)
            .and_then(|v| v.doc.as_deref())
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

    let referencing: Vec<String> = decisions
        .iter()
        .filter(|d| d.projects.iter().any(|p| p == id))
        .map(|d| d.fact.key.clone())
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
            decisions: referencing.clone(),
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
        delivered_commit: delivery_event.map(|e| e.commit.clone()),
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

/// The share of cadence windows (from `since`) in which the project was in
/// flight at some moment that hold at least one update dated inside them.
fn adherence(
    period: Period,
    cadence: Cadence,
    changes: &[(NaiveDate, Option<Lifecycle>)],
    updates: &[&UpdateDoc<'_>],
) -> Option<f64> {
    let length = i64::from(cadence.days()?);
    let mut counted = 0u32;
    let mut held = 0u32;
    let mut start = period.since;
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

fn delivery(projects: &[Outcome]) -> Delivery {
    let mut delivery = Delivery::default();
    let mut lead_times: Vec<i64> = Vec::new();
    for p in projects {
        if p.delivered.is_some() {
            delivery.delivered += 1;
            match p.on_time {
                Some(true) => delivery.on_time += 1,
                Some(false) => delivery.late += 1,
                None => {}
            }
            lead_times.extend(p.lead_time_days);
        } else if p.due_not_delivered {
            delivery.due_not_delivered += 1;
        }
    }
    lead_times.sort_unstable();
    delivery.median_lead_time_days = median(&lead_times);
    delivery
}

/// The median of sorted whole days; with an even count, the mean of the two
/// middle values rounded down.
fn median(sorted: &[i64]) -> Option<i64> {
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some((sorted[n / 2 - 1] + sorted[n / 2]).div_euclid(2)),
    }
}

#[cfg(test)]
mod tests {
    use super::median;

    #[test]
    fn median_of_whole_days() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[41]), Some(41));
        assert_eq!(median(&[10, 20, 41]), Some(20));
        assert_eq!(median(&[10, 21]), Some(15));
    }
}
