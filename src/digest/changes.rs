//! What changed in the period, from history read as a packet reads it: the
//! blockers a packet counts, the events `goalpost log` shows, the
//! decisions dated in the period.

use std::collections::{BTreeSet, HashMap};

use super::{Blocker, Changes, Event};
use crate::history::{self, EventKind, Period, Reading};
use crate::packet;
use crate::views::Who;
use crate::workspace::Workspace;

/// The changes of the period to the work of `who`: projects they own (in
/// the working tree, or in any version of the period), blockers they
/// raised, decisions they made or that name one of those projects.
pub fn changes(
    reading: &Reading,
    events: &HashMap<String, Vec<history::Event>>,
    ws: &Workspace,
    who: &Who,
    period: Period,
) -> Changes {
    let history = &reading.history;
    let scope: BTreeSet<&str> = ws
        .projects()
        .filter(|(_, p)| who.owns(p))
        .map(|(_, p)| p.id.value.as_str())
        .chain(history.projects.iter().filter_map(|(id, versions)| {
            versions
                .iter()
                .filter_map(|v| v.doc.as_deref())
                .any(|p| who.owns(p))
                .then_some(id.as_str())
        }))
        .collect();

    let mut ids: Vec<&String> = events
        .keys()
        .filter(|id| scope.contains(id.as_str()))
        .collect();
    ids.sort();
    let mut changes = Changes::default();
    for id in ids {
        for e in &events[id] {
            if !period.contains(e.date) {
                continue;
            }
            let list = match e.event {
                EventKind::CriterionMet => &mut changes.criteria_met,
                EventKind::MeasureMet => &mut changes.measures_met,
                EventKind::StatusChanged => &mut changes.status_changes,
                _ => continue,
            };
            list.push(event(id, e));
        }
    }
    let by_date = |a: &Event, b: &Event| (a.date, &a.project).cmp(&(b.date, &b.project));
    changes.criteria_met.sort_by(by_date);
    changes.measures_met.sort_by(by_date);
    changes.status_changes.sort_by(by_date);

    for b in packet::period_blockers(history, &reading.timelines, period) {
        if !who.includes(&b.author) {
            continue;
        }
        let item = |commit: Option<String>| Blocker {
            project: b.project.clone(),
            author: b.author.clone(),
            text: b.text.clone(),
            raised: b.raised,
            cleared: b.cleared,
            path: b.raised_in.clone(),
            commit,
        };
        if period.contains(b.raised) {
            changes.blockers_opened.push(item(b.raised_commit.clone()));
        }
        if b.cleared.is_some_and(|c| period.contains(c)) {
            changes
                .blockers_cleared
                .push(item(b.cleared_commit.clone()));
        }
    }
    changes
        .blockers_cleared
        .sort_by(|a, b| (a.cleared, &a.project, &a.text).cmp(&(b.cleared, &b.project, &b.text)));

    changes.decisions = packet::decisions_naming(history, period)
        .into_iter()
        .filter(|(d, projects)| {
            *who == Who::Everyone
                || d.deciders.iter().any(|p| who.includes(p))
                || projects.iter().any(|p| scope.contains(p.as_str()))
        })
        .map(|(d, _)| d)
        .collect();
    changes
}

fn event(project: &str, e: &history::Event) -> Event {
    let measure = e.event == EventKind::MeasureMet;
    Event {
        project: project.to_owned(),
        date: e.date,
        author: e.author.clone(),
        path: e.path.clone(),
        commit: e.commit.clone(),
        criterion: e.criterion.clone(),
        measure: e.measure.clone(),
        value: e.to.clone().filter(|_| measure),
        target: e.target.clone(),
        unit: e.unit.clone(),
        from: e.from.clone().filter(|_| !measure),
        to: e.to.clone().filter(|_| !measure),
        from_word: e.from_word.clone(),
        to_word: e.to_word.clone(),
    }
}
