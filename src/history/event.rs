//! One fact from history, citing its commit: the `log --format json`
//! contract, built from the typed [`Timeline`] of each project, with the
//! updates and decisions that name it.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use chrono::NaiveDate;
use serde::Serialize;

mod decisions;

use super::measures::{self, Reports, Turn};
use super::timeline::{Change, Timeline, What};
use super::{History, Version};
use crate::document::Update;
use crate::document::with_unit;
pub use decisions::decision_events;
use decisions::decision_events_into;

/// What happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EventKind {
    Created,
    StatusChanged,
    CriterionAdded,
    CriterionRemoved,
    CriterionEdited,
    CriterionMet,
    CriterionReopened,
    CriterionWithdrawn,
    DueChanged,
    OwnerChanged,
    IdChanged,
    MeasureTargetMoved,
    MeasureBaselineMoved,
    MeasureReported,
    MeasureMet,
    MeasureRegressed,
    Deleted,
    Update,
    Decision,
}

impl EventKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Created => "created",
            EventKind::StatusChanged => "status-changed",
            EventKind::CriterionAdded => "criterion-added",
            EventKind::CriterionRemoved => "criterion-removed",
            EventKind::CriterionEdited => "criterion-edited",
            EventKind::CriterionMet => "criterion-met",
            EventKind::CriterionReopened => "criterion-reopened",
            EventKind::CriterionWithdrawn => "criterion-withdrawn",
            EventKind::DueChanged => "due-changed",
            EventKind::OwnerChanged => "owner-changed",
            EventKind::IdChanged => "id-changed",
            EventKind::MeasureTargetMoved => "measure-target-moved",
            EventKind::MeasureBaselineMoved => "measure-baseline-moved",
            EventKind::MeasureReported => "measure-reported",
            EventKind::MeasureMet => "measure-met",
            EventKind::MeasureRegressed => "measure-regressed",
            EventKind::Deleted => "deleted",
            EventKind::Update => "update",
            EventKind::Decision => "decision",
        }
    }
}

/// An event in a document's timeline (the `log --format json` contract).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Event {
    pub event: EventKind,
    /// The committer date in the commit's own offset.
    pub date: NaiveDate,
    /// Full commit id.
    pub commit: String,
    pub author: String,
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// For status events: the words as written, beside the states (a word
    /// that maps to no state has a word and no state).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_word: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_word: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub criterion: Option<String>,
    /// For measure events: the measure's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measure: Option<String>,
    /// For reports (`measure-reported`, `-met`, `-regressed`, whose `to` is
    /// the value): the day the value was true, the measure's target and unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_of: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// For `decision` events: the decision's number (or key) and title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decision: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// For `update` events: the update's own date and confidence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub update_date: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<String>,
    /// A change of criteria or due date after the project first became active.
    pub goalpost_move: bool,
    /// Position of the commit in the first-parent walk, oldest first: the
    /// order of events, whatever the commit clocks say.
    #[serde(skip)]
    pub sequence: usize,
}

impl Event {
    /// What happened, as a person reads it: `active → done`, a criterion in
    /// quotes, an update's path with its confidence (`log` and the site).
    pub fn details(&self) -> String {
        let arrow = |from: &Option<String>, to: &Option<String>| {
            format!(
                "{} → {}",
                from.as_deref().unwrap_or("none"),
                to.as_deref().unwrap_or("none")
            )
        };
        let quoted = |s: &Option<String>| format!("“{}”", s.as_deref().unwrap_or(""));
        match self.event {
            EventKind::Created => match (&self.to, &self.to_word) {
                (None, None) => "as (no status)".to_owned(),
                (to, word) => format!("as {}", status(to, word)),
            },
            EventKind::StatusChanged => format!(
                "{} → {}",
                status(&self.from, &self.from_word),
                status(&self.to, &self.to_word)
            ),
            EventKind::DueChanged | EventKind::OwnerChanged | EventKind::IdChanged => {
                arrow(&self.from, &self.to)
            }
            EventKind::MeasureTargetMoved | EventKind::MeasureBaselineMoved => format!(
                "{}: {}",
                self.measure.as_deref().unwrap_or("?"),
                arrow(&self.from, &self.to)
            ),
            EventKind::MeasureReported | EventKind::MeasureMet | EventKind::MeasureRegressed => {
                let shown = |v: &str| with_unit(v, self.unit.as_deref());
                let value = shown(self.to.as_deref().unwrap_or("?"));
                let mut s = format!("{}: {value}", self.measure.as_deref().unwrap_or("?"));
                if let Some(target) = &self.target {
                    s.push_str(&format!(" (target {})", shown(target)));
                }
                // The day the value was true, when it is not the day of
                // the commit that reported it.
                if let Some(as_of) = self.as_of.filter(|d| *d != self.date) {
                    s.push_str(&format!(" as of {as_of}"));
                }
                s
            }
            EventKind::CriterionEdited => format!("{} → {}", quoted(&self.from), quoted(&self.to)),
            EventKind::CriterionAdded
            | EventKind::CriterionRemoved
            | EventKind::CriterionMet
            | EventKind::CriterionReopened
            | EventKind::CriterionWithdrawn => quoted(&self.criterion),
            EventKind::Deleted => self.path.clone(),
            EventKind::Update => {
                let mut s = self.path.clone();
                if let Some(c) = &self.confidence {
                    s.push_str(&format!(" ({c})"));
                }
                s
            }
            EventKind::Decision => format!(
                "{} {}: {}",
                self.decision.as_deref().unwrap_or("?"),
                self.title.as_deref().unwrap_or("(untitled)"),
                match &self.from {
                    Some(_) => arrow(&self.from, &self.to),
                    None => self.to.clone().unwrap_or_default(),
                }
            ),
        }
    }
}

/// A status as a person reads it: the word as written, with the state it
/// means when the two differ (`Last Call (active)`), or `(unmapped)`.
fn status(state: &Option<String>, word: &Option<String>) -> String {
    match (state.as_deref(), word.as_deref()) {
        (None, None) => "none".to_owned(),
        (Some(state), None) => state.to_owned(),
        (None, Some(word)) => format!("{word} (unmapped)"),
        (Some(state), Some(word)) if word.trim().eq_ignore_ascii_case(state) => state.to_owned(),
        (Some(state), Some(word)) => format!("{word} ({state})"),
    }
}

impl Event {
    /// An event at a commit of the history, with nothing else said yet.
    fn at(history: &History, event: EventKind, commit: usize, path: &str) -> Event {
        let c = &history.commits[commit];
        Event {
            event,
            date: c.date(),
            commit: c.id.to_string(),
            author: c.author.clone(),
            path: path.to_owned(),
            from: None,
            to: None,
            from_word: None,
            to_word: None,
            criterion: None,
            measure: None,
            as_of: None,
            target: None,
            unit: None,
            decision: None,
            title: None,
            update_date: None,
            confidence: None,
            goalpost_move: false,
            sequence: commit,
        }
    }

    /// A change of a project's timeline, as the contract writes it.
    pub fn of_change(history: &History, change: &Change) -> Event {
        let mut e = Event::at(history, change.what.kind(), change.commit, &change.path);
        (e.from, e.to) = change.what.from_to();
        match &change.what {
            What::Created { word, .. } => e.to_word.clone_from(word),
            What::Status {
                from_word, to_word, ..
            } => {
                e.from_word.clone_from(from_word);
                e.to_word = Some(to_word.clone());
            }
            What::MeasureMoved { id, .. } => e.measure = Some(id.clone()),
            what => e.criterion = what.criterion().map(str::to_owned),
        }
        e.goalpost_move = change.goalpost_move;
        e
    }
}

/// A project's own events (created, status, criteria, due date, moves), in
/// history order.
fn own_project_events(history: &History, id: &str) -> Vec<Event> {
    history.projects.get(id).map_or_else(Vec::new, |versions| {
        own_events(history, &Timeline::of(history, versions))
    })
}

fn own_events(history: &History, timeline: &Timeline) -> Vec<Event> {
    timeline
        .changes
        .iter()
        .map(|c| Event::of_change(history, c))
        .collect()
}

/// The events of the values reported for each measure of project `id` (as
/// its latest readable version defines them): each report, at the commit
/// that added its update, followed by `measure-met` or `measure-regressed`
/// when it turned the measure (reports read in their order: docs/metrics.md,
/// "Measures").
fn measure_events_into(history: &History, reports: &Reports<'_>, id: &str, out: &mut Vec<Event>) {
    let Some(project) = history
        .projects
        .get(id)
        .and_then(|versions| versions.iter().rev().find_map(|v| v.doc.as_deref()))
    else {
        return;
    };
    for measure in &project.measures {
        let reports = reports.of_measure(id, &measure.id.value);
        for (report, turn) in measures::turns(measure, &reports) {
            if history.commits[report.added].baseline {
                continue;
            }
            let kinds = [
                Some(EventKind::MeasureReported),
                turn.map(|t| match t {
                    Turn::Met => EventKind::MeasureMet,
                    Turn::Regressed => EventKind::MeasureRegressed,
                }),
            ];
            for kind in kinds.into_iter().flatten() {
                let mut e = Event::at(history, kind, report.added, report.path);
                e.measure = Some(measure.id.value.clone());
                e.to = Some(report.value.to_string());
                e.as_of = Some(report.as_of);
                e.target = measure.target.as_ref().map(|t| t.value.to_string());
                e.unit.clone_from(&measure.unit);
                out.push(e);
            }
        }
    }
}

/// The timeline of one project: its own events, the updates that name it
/// with the values they report, and the decisions that reference it, in
/// history order.
pub fn project_events(history: &History, id: &str) -> Vec<Event> {
    let mut out = own_project_events(history, id);
    for (version, update) in added_updates(history) {
        if update.projects.iter().any(|p| p.value == id) {
            out.push(update_event(history, version, update));
        }
    }
    let reportings = measures::reportings(history);
    measure_events_into(history, &Reports::of(&reportings), id, &mut out);
    for versions in history.decisions.values() {
        decision_events_into(history, versions, id, &mut out);
    }
    out.sort_by_key(|a| a.sequence);
    out
}

/// Every project's events ([`project_events`]) in one pass over history,
/// from the projects' timelines, by project id: for pages of every project
/// at once.
pub fn events_by_project(
    history: &History,
    timelines: &BTreeMap<String, Timeline>,
) -> HashMap<String, Vec<Event>> {
    let mut out: HashMap<String, Vec<Event>> = timelines
        .iter()
        .map(|(id, timeline)| (id.clone(), own_events(history, timeline)))
        .collect();
    for (version, update) in added_updates(history) {
        let named: BTreeSet<&str> = update.projects.iter().map(|p| p.value.as_str()).collect();
        for id in named {
            out.entry(id.to_owned())
                .or_default()
                .push(update_event(history, version, update));
        }
    }
    let reportings = measures::reportings(history);
    let reports = Reports::of(&reportings);
    for (id, events) in &mut out {
        measure_events_into(history, &reports, id, events);
    }
    for versions in history.decisions.values() {
        let named: BTreeSet<&str> = versions
            .iter()
            .filter_map(|v| v.doc.as_deref())
            .flat_map(|d| d.projects.iter().map(|p| p.value.as_str()))
            .collect();
        for id in named {
            decision_events_into(history, versions, id, out.entry(id.to_owned()).or_default());
        }
    }
    for events in out.values_mut() {
        events.sort_by_key(|a| a.sequence);
    }
    out
}

/// The version that added each update, inside the walked period: only it
/// is an event; edits are not news.
fn added_updates(history: &History) -> impl Iterator<Item = (&Version<Update>, &Update)> {
    let mut seen: HashSet<&str> = HashSet::new();
    history
        .updates
        .iter()
        .zip(&history.update_added)
        .filter_map(move |(version, &added)| {
            let update = version.doc.as_deref()?;
            // A later version at the same path, or the update moved there,
            // is not news.
            let first = seen.insert(version.path.as_str()) && added == version.commit;
            (first && !history.commits[version.commit].baseline).then_some((version, update))
        })
}

fn update_event(history: &History, version: &Version<Update>, update: &Update) -> Event {
    let mut e = Event::at(history, EventKind::Update, version.commit, &version.path);
    e.update_date = update.date.as_ref().map(|d| d.value);
    e.confidence = update
        .confidence
        .as_ref()
        .map(|c| c.value.as_str().to_owned());
    e
}
