//! A project's typed timeline, built once from its versions: what changed
//! in each commit that touched it (states as lifecycle states, dates as
//! dates), and the questions every report asks of it: the state on a day,
//! when it closed, when it first became active, when a criterion was met,
//! how the goalposts moved. `log`'s events, packets, the audit and the site
//! all answer from it; none derives these facts again.

use chrono::NaiveDate;

use super::criteria::{Pairing, match_criteria};
use super::{EventKind, History, Period, Version};
use crate::document::{Criterion, CriterionState, Project};
use crate::syntax::Decimal;
use crate::vocabulary::Lifecycle;

/// One project's history, oldest first.
#[derive(Clone, Debug, Default)]
pub struct Timeline {
    /// The state after each version (carried over versions that say none;
    /// `None` while deleted, or before any state), with its commit's date
    /// and the commit (an index into [`History::commits`]).
    states: Vec<(NaiveDate, Option<Lifecycle>, usize)>,
    /// What changed, in commit order; the baseline commit (the state at the
    /// start of a period) changes nothing.
    pub changes: Vec<Change>,
    /// The first day the project was active or later.
    first_activated: Option<NaiveDate>,
}

/// One change to a project, citing its commit.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    /// Index into [`History::commits`]: the order of changes, whatever the
    /// commit clocks say.
    pub commit: usize,
    /// The commit's date, in its own offset.
    pub date: NaiveDate,
    /// The project's file after the change.
    pub path: String,
    pub what: What,
    /// A change of criteria or due date after the project first became
    /// active (SPEC 5.1).
    pub goalpost_move: bool,
}

/// What changed, typed.
#[derive(Clone, Debug, PartialEq)]
pub enum What {
    /// The file appeared, with the state (and the word as written) it said.
    Created {
        state: Option<Lifecycle>,
        word: Option<String>,
    },
    /// A new status word: `from` is the state the previous word meant
    /// (none, for an unmapped word), `to` the new word's.
    Status {
        from: Option<Lifecycle>,
        to: Option<Lifecycle>,
        from_word: Option<String>,
        to_word: String,
    },
    CriterionAdded {
        text: String,
    },
    CriterionRemoved {
        text: String,
    },
    /// The same criterion, reworded: `from` and `to` are what it says.
    CriterionEdited {
        from: String,
        to: String,
        text: String,
    },
    CriterionMet {
        text: String,
    },
    CriterionReopened {
        text: String,
    },
    CriterionWithdrawn {
        text: String,
    },
    DueMoved {
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    },
    OwnerChanged {
        from: Option<String>,
        to: String,
    },
    /// A rename gave the file a name that makes another id (`eip-20` →
    /// `erc-20`); the history goes on under the new one.
    IdChanged {
        from: String,
        to: String,
    },
    /// A measure's target (or, with `baseline`, its baseline) changed.
    MeasureMoved {
        id: String,
        baseline: bool,
        from: Decimal,
        to: Decimal,
    },
    Deleted,
}

impl What {
    /// The kind of event `log --format json` names it by.
    pub fn kind(&self) -> EventKind {
        match self {
            What::Created { .. } => EventKind::Created,
            What::Status { .. } => EventKind::StatusChanged,
            What::CriterionAdded { .. } => EventKind::CriterionAdded,
            What::CriterionRemoved { .. } => EventKind::CriterionRemoved,
            What::CriterionEdited { .. } => EventKind::CriterionEdited,
            What::CriterionMet { .. } => EventKind::CriterionMet,
            What::CriterionReopened { .. } => EventKind::CriterionReopened,
            What::CriterionWithdrawn { .. } => EventKind::CriterionWithdrawn,
            What::DueMoved { .. } => EventKind::DueChanged,
            What::OwnerChanged { .. } => EventKind::OwnerChanged,
            What::IdChanged { .. } => EventKind::IdChanged,
            What::MeasureMoved {
                baseline: false, ..
            } => EventKind::MeasureTargetMoved,
            What::MeasureMoved { baseline: true, .. } => EventKind::MeasureBaselineMoved,
            What::Deleted => EventKind::Deleted,
        }
    }

    /// The criterion a change is about, as it reads after the change.
    pub fn criterion(&self) -> Option<&str> {
        match self {
            What::CriterionAdded { text }
            | What::CriterionRemoved { text }
            | What::CriterionEdited { text, .. }
            | What::CriterionMet { text }
            | What::CriterionReopened { text }
            | What::CriterionWithdrawn { text } => Some(text),
            _ => None,
        }
    }

    /// What it was and became, as the JSON contract writes them: states and
    /// handles as words, dates as `YYYY-MM-DD`, an edit as the criterion's
    /// old and new text.
    pub fn from_to(&self) -> (Option<String>, Option<String>) {
        let state = |s: &Option<Lifecycle>| s.map(|s| s.as_str().to_owned());
        let day = |d: &Option<NaiveDate>| d.map(|d| d.to_string());
        match self {
            What::Created { state: to, .. } => (None, state(to)),
            What::Status { from, to, .. } => (state(from), state(to)),
            What::CriterionEdited { from, to, .. } => (Some(from.clone()), Some(to.clone())),
            What::DueMoved { from, to } => (day(from), day(to)),
            What::OwnerChanged { from, to } => (from.clone(), Some(to.clone())),
            What::IdChanged { from, to } => (Some(from.clone()), Some(to.clone())),
            What::MeasureMoved { from, to, .. } => (Some(from.to_string()), Some(to.to_string())),
            _ => (None, None),
        }
    }
}

/// Whether a status means work had started.
pub fn activated(status: Lifecycle) -> bool {
    matches!(
        status,
        Lifecycle::Active | Lifecycle::Blocked | Lifecycle::AtRisk | Lifecycle::Done
    )
}

impl Timeline {
    /// The timeline of a project's versions (in commit order, the baseline
    /// commit's first when the walk had one).
    pub fn of(history: &History, versions: &[Version<Project>]) -> Timeline {
        let mut out = Timeline::default();
        let mut previous: Option<&Project> = None;
        // The state in force, carried over versions that say none.
        let mut status: Option<Lifecycle> = None;
        // The last status word, with the state it means (`None`: unmapped).
        let mut word: Option<(&str, Option<Lifecycle>)> = None;
        // Whether the project had been active before this version.
        let mut active = false;
        for version in versions {
            let commit = &history.commits[version.commit];
            let at = |what: What| Change {
                commit: version.commit,
                date: commit.date(),
                path: version.path.clone(),
                what,
                goalpost_move: false,
            };
            let mut changes = Vec::new();
            match (previous, version.doc.as_deref()) {
                (_, None) => {
                    changes.push(at(What::Deleted));
                    previous = None;
                    status = None;
                    word = None;
                }
                (None, Some(project)) => {
                    changes.push(at(What::Created {
                        state: project.status.as_ref().map(|s| s.value),
                        word: project.status_word.as_ref().map(|w| w.value.clone()),
                    }));
                    previous = Some(project);
                }
                (Some(old), Some(new)) => {
                    if old.id.value != new.id.value {
                        changes.push(at(What::IdChanged {
                            from: old.id.value.clone(),
                            to: new.id.value.clone(),
                        }));
                    }
                    for (what, moves) in diff(old, new, (status, word)) {
                        let mut change = at(what);
                        change.goalpost_move = moves && active;
                        changes.push(change);
                    }
                    previous = Some(new);
                }
            }
            if let Some(doc) = version.doc.as_deref() {
                if let Some(new) = &doc.status {
                    status = Some(new.value);
                    active |= activated(new.value);
                    if activated(new.value) && !commit.baseline && out.first_activated.is_none() {
                        out.first_activated = Some(commit.date());
                    }
                }
                if let Some(new) = &doc.status_word {
                    word = Some((new.value.as_str(), doc.status.as_ref().map(|s| s.value)));
                }
            }
            out.states.push((commit.date(), status, version.commit));
            if !commit.baseline {
                out.changes.extend(changes);
            }
        }
        out
    }

    /// Makes `day` the first activation when the project was active before
    /// the history read (a walk from an earlier commit found it).
    pub fn activated_before(&mut self, day: Option<NaiveDate>) {
        if day.is_some() {
            self.first_activated = day;
        }
    }

    /// The first day the project was active or later: where lead time starts.
    pub fn first_activated(&self) -> Option<NaiveDate> {
        self.first_activated
    }

    /// The state in force on a day: set by the last version dated on or
    /// before it.
    pub fn status_on(&self, day: NaiveDate) -> Option<Lifecycle> {
        self.states
            .iter()
            .take_while(|(d, _, _)| *d <= day)
            .last()
            .and_then(|(_, s, _)| *s)
    }

    /// The first day on or after `day` on which the project was done or
    /// dropped: when its blockers end (SPEC 5.1); with the commit (an index
    /// into [`History::commits`]) of the version that closed it.
    pub fn closing_on_or_after(&self, day: NaiveDate) -> Option<(NaiveDate, usize)> {
        let closed = |i: &usize| self.states[*i].1.is_some_and(Lifecycle::closed);
        // The version in force on `day`, as `status_on` finds it.
        let in_force = self.states.iter().take_while(|(d, _, _)| *d <= day).count();
        let Some(now) = in_force.checked_sub(1).filter(closed) else {
            let i = (0..self.states.len()).find(|i| self.states[*i].0 > day && closed(i))?;
            return Some((self.states[i].0, self.states[i].2));
        };
        // Closed already: since the first version of that closed run.
        let first = (0..=now).rev().take_while(closed).last().unwrap_or(now);
        Some((day, self.states[first].2))
    }

    /// The version (an index into the project's versions) in which the
    /// project was delivered in `period`: the last in it in which the state
    /// became done. States carry over versions that say none, so Final →
    /// Accepted → Final delivers once; a file created as done was
    /// delivered there.
    pub fn delivery(&self, period: Period) -> Option<usize> {
        let done = Some(Lifecycle::Done);
        (0..self.states.len()).rfind(|&i| {
            let (date, state, _) = self.states[i];
            period.contains(date) && state == done && (i == 0 || self.states[i - 1].1 != done)
        })
    }

    /// The day the status in force was set: its last change, or the day the
    /// file was created.
    pub fn state_since(&self) -> Option<NaiveDate> {
        self.changes
            .iter()
            .rev()
            .find(|c| matches!(c.what, What::Created { .. } | What::Status { .. }))
            .map(|c| c.date)
    }

    /// The last change that met `criterion` (by its text, or what it says).
    pub fn met_on(&self, criterion: &Criterion) -> Option<&Change> {
        self.changes.iter().rev().find(|c| {
            matches!(&c.what, What::CriterionMet { text } if *text == criterion.text || *text == criterion.key)
        })
    }

    /// The changes inside `period`.
    pub fn during(&self, period: Period) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(move |c| period.contains(c.date))
    }

    /// The goalpost moves (SPEC 5.1) inside `period`.
    pub fn moves(&self, period: Period) -> impl Iterator<Item = &Change> {
        self.during(period).filter(|c| c.goalpost_move)
    }
}

/// What changed between two versions of a project, each with whether it
/// moves the goalposts once the project is active. `last` is the status in
/// force before `new` (state and word as written), carried over versions
/// that did not say.
fn diff(
    old: &Project,
    new: &Project,
    last: (Option<Lifecycle>, Option<(&str, Option<Lifecycle>)>),
) -> Vec<(What, bool)> {
    let mut out = Vec::new();
    let (last_status, last) = last;
    let last_word = last.map(|(word, _)| word);
    // The state the previous word meant (none, for an unmapped word).
    let from = match last {
        Some((_, state)) => state,
        None => last_status,
    };
    // A new word is a change even within one state (Review → Last Call),
    // and a word that maps to no state is a change of unknown state.
    if let Some(word) = new.status_word.as_ref().map(|w| w.value.as_str()) {
        let to = new.status.as_ref().map(|s| s.value);
        let same_word = last_word.is_some_and(|w| w.trim().eq_ignore_ascii_case(word.trim()));
        if !same_word || (to.is_some() && to != from) {
            out.push((
                What::Status {
                    from,
                    to,
                    from_word: last_word.map(str::to_owned),
                    to_word: word.to_owned(),
                },
                false,
            ));
        }
    }
    let due = |p: &Project| p.due.as_ref().map(|d| d.value);
    if due(old) != due(new) {
        out.push((
            What::DueMoved {
                from: due(old),
                to: due(new),
            },
            true,
        ));
    }
    let owner = |p: &Project| p.owner.as_ref().map(|o| o.value.clone());
    if let Some(to) = owner(new).filter(|to| owner(old).as_ref() != Some(to)) {
        out.push((
            What::OwnerChanged {
                from: owner(old),
                to,
            },
            false,
        ));
    }
    // A measure's target or baseline changed: the goalposts moved.
    for measure in &new.measures {
        let Some(before) = old.measures.iter().find(|m| m.id.value == measure.id.value) else {
            continue;
        };
        for (baseline, from, to) in [
            (false, &before.target, &measure.target),
            (true, &before.baseline, &measure.baseline),
        ] {
            if let (Some(from), Some(to)) = (from, to)
                && from.value != to.value
            {
                out.push((
                    What::MeasureMoved {
                        id: measure.id.value.clone(),
                        baseline,
                        from: from.value,
                        to: to.value,
                    },
                    true,
                ));
            }
        }
    }
    for change in match_criteria(&old.criteria, &new.criteria) {
        match change {
            Pairing::Added(c) => {
                let text = c.text.clone();
                out.push((What::CriterionAdded { text: text.clone() }, true));
                if c.state == CriterionState::Met {
                    out.push((What::CriterionMet { text }, false));
                }
            }
            // Dropping a criterion that was already withdrawn changes nothing.
            Pairing::Removed(c) => out.push((
                What::CriterionRemoved {
                    text: c.text.clone(),
                },
                c.state != CriterionState::Withdrawn,
            )),
            Pairing::Same(a, b) => {
                if a.key != b.key {
                    out.push((
                        What::CriterionEdited {
                            from: a.key.clone(),
                            to: b.key.clone(),
                            text: b.text.clone(),
                        },
                        true,
                    ));
                }
                let text = b.text.clone();
                match (a.state, b.state) {
                    (x, y) if x == y => {}
                    (_, CriterionState::Met) => out.push((What::CriterionMet { text }, false)),
                    (_, CriterionState::Withdrawn) => {
                        out.push((What::CriterionWithdrawn { text }, true));
                    }
                    (_, CriterionState::Open) => {
                        out.push((What::CriterionReopened { text }, false));
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
#[path = "timeline_tests.rs"]
mod tests;
