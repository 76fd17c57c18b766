//! A decision's events: for the projects it references, and its own status
//! timeline (`log` of a decision number).

use super::{Event, EventKind};
use crate::document::Decision;
use crate::history::{History, Version};

/// The events of one decision that references `project`: added, and each
/// change of status.
pub(super) fn decision_events_into(
    history: &History,
    versions: &[Version<Decision>],
    project: &str,
    out: &mut Vec<Event>,
) {
    decision_changes(
        history,
        versions,
        |d| d.projects.iter().any(|p| p.value == project),
        out,
    );
}

/// A decision's own timeline, whatever it references: added with its
/// status, each change of status, and its deletion (`log` of a decision
/// number).
pub fn decision_events(history: &History, versions: &[Version<Decision>]) -> Vec<Event> {
    let mut out = Vec::new();
    decision_changes(history, versions, |_| true, &mut out);
    let mut alive = false;
    for version in versions {
        if version.doc.is_some() {
            alive = true;
        } else if alive && !history.commits[version.commit].baseline {
            out.push(Event::at(
                history,
                EventKind::Deleted,
                version.commit,
                &version.path,
            ));
            alive = false;
        }
    }
    out.sort_by_key(|e| e.sequence);
    out
}

fn decision_changes(
    history: &History,
    versions: &[Version<Decision>],
    relevant: impl Fn(&Decision) -> bool,
    out: &mut Vec<Event>,
) {
    let mut previous: Option<&Decision> = None;
    for version in versions {
        let Some(decision) = version.doc.as_deref() else {
            previous = None;
            continue;
        };
        let status = decision.status.value.as_str();
        let changed = previous.is_none_or(|p| p.status.value.as_str() != status);
        if relevant(decision) && changed && !history.commits[version.commit].baseline {
            let mut e = Event::at(history, EventKind::Decision, version.commit, &version.path);
            e.from = previous.map(|p| p.status.value.as_str().to_owned());
            e.to = Some(status.to_owned());
            e.decision = Some(decision.key.clone());
            e.title = decision.title.as_ref().map(|t| t.value.clone());
            out.push(e);
        }
        previous = Some(decision);
    }
}
