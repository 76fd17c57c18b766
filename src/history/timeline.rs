//! Events derived from consecutive versions of a document.

use std::collections::{BTreeSet, HashMap, HashSet};

use super::{Event, EventKind, History, Version};
use crate::document::{Criterion, CriterionState, Project, Update};
use crate::vocabulary::Lifecycle;

/// Builds events for one commit of the history.
struct Emitter<'h> {
    history: &'h History,
}

impl Emitter<'_> {
    fn event(&self, kind: EventKind, commit: usize, path: &str) -> Event {
        let c = &self.history.commits[commit];
        Event {
            event: kind,
            date: c.date(),
            commit: c.id.to_string(),
            author: c.author.clone(),
            path: path.to_owned(),
            from: None,
            to: None,
            from_word: None,
            to_word: None,
            criterion: None,
            decision: None,
            title: None,
            update_date: None,
            confidence: None,
            goalpost_move: false,
            sequence: commit,
        }
    }
}

/// A project's own events (created, status, criteria, due date, moves), in
/// history order: what packets measure.
pub fn own_project_events(history: &History, id: &str) -> Vec<Event> {
    let mut out = Vec::new();
    if let Some(versions) = history.projects.get(id) {
        own_events(&Emitter { history }, versions, &mut out);
    }
    out
}

/// The timeline of one project: its own events, the updates that name it and
/// the decisions that reference it, in history order.
pub fn project_events(history: &History, id: &str) -> Vec<Event> {
    let emit = Emitter { history };
    let mut out = own_project_events(history, id);
    for (version, update) in added_updates(history) {
        if update.projects.iter().any(|p| p.value == id) {
            out.push(update_event(&emit, version, update));
        }
    }
    for versions in history.decisions.values() {
        decision_events_into(&emit, versions, id, &mut out);
    }
    out.sort_by_key(|a| a.sequence);
    out
}

/// Every project's timeline ([`project_events`]) in one pass over history,
/// by project id: for pages of every project at once.
pub fn project_timelines(history: &History) -> HashMap<String, Vec<Event>> {
    let emit = Emitter { history };
    let mut out: HashMap<String, Vec<Event>> = history
        .projects
        .iter()
        .map(|(id, versions)| {
            let mut events = Vec::new();
            own_events(&emit, versions, &mut events);
            (id.clone(), events)
        })
        .collect();
    for (version, update) in added_updates(history) {
        let named: BTreeSet<&str> = update.projects.iter().map(|p| p.value.as_str()).collect();
        for id in named {
            out.entry(id.to_owned())
                .or_default()
                .push(update_event(&emit, version, update));
        }
    }
    for versions in history.decisions.values() {
        let named: BTreeSet<&str> = versions
            .iter()
            .filter_map(|v| v.doc.as_deref())
            .flat_map(|d| d.projects.iter().map(|p| p.value.as_str()))
            .collect();
        for id in named {
            decision_events_into(&emit, versions, id, out.entry(id.to_owned()).or_default());
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
    history.updates.iter().filter_map(move |version| {
        let update = version.doc.as_deref()?;
        let first = seen.insert(version.path.as_str());
        (first && !history.commits[version.commit].baseline).then_some((version, update))
    })
}

fn update_event(emit: &Emitter<'_>, version: &Version<Update>, update: &Update) -> Event {
    let mut e = emit.event(EventKind::Update, version.commit, &version.path);
    e.update_date = update.date.as_ref().map(|d| d.value);
    e.confidence = update
        .confidence
        .as_ref()
        .map(|c| c.value.as_str().to_owned());
    e
}

/// The events of one decision that references `project`: added, and each
/// change of status.
fn decision_events_into(
    emit: &Emitter<'_>,
    versions: &[Version<crate::document::Decision>],
    project: &str,
    out: &mut Vec<Event>,
) {
    let mut previous: Option<&crate::document::Decision> = None;
    for version in versions {
        let Some(decision) = version.doc.as_deref() else {
            previous = None;
            continue;
        };
        let relevant = decision.projects.iter().any(|p| p.value == project);
        let status = decision.status.value.as_str();
        let changed = previous.is_none_or(|p| p.status.value.as_str() != status);
        if relevant && changed && !emit.history.commits[version.commit].baseline {
            let mut e = emit.event(EventKind::Decision, version.commit, &version.path);
            e.from = previous.map(|p| p.status.value.as_str().to_owned());
            e.to = Some(status.to_owned());
            e.decision = Some(decision.key.clone());
            e.title = decision.title.as_ref().map(|t| t.value.clone());
            out.push(e);
        }
        previous = Some(decision);
    }
}

/// Whether a status means work had started.
pub fn activated(status: Lifecycle) -> bool {
    matches!(
        status,
        Lifecycle::Active | Lifecycle::Blocked | Lifecycle::AtRisk | Lifecycle::Done
    )
}

fn own_events(emit: &Emitter<'_>, versions: &[Version<Project>], out: &mut Vec<Event>) {
    let mut previous: Option<&Project> = None;
    let mut status: Option<Lifecycle> = None;
    // The last status word, with the state it means (`None`: unmapped).
    let mut word: Option<(&str, Option<Lifecycle>)> = None;
    let mut active = false;
    for version in versions {
        let baseline = emit.history.commits[version.commit].baseline;
        let mut events = Vec::new();
        match (previous, version.doc.as_deref()) {
            (_, None) => {
                events.push(emit.event(EventKind::Deleted, version.commit, &version.path));
                previous = None;
                status = None;
                word = None;
            }
            (None, Some(project)) => {
                let mut e = emit.event(EventKind::Created, version.commit, &version.path);
                e.to = project.status.as_ref().map(|s| s.value.as_str().to_owned());
                e.to_word = project.status_word.as_ref().map(|w| w.value.clone());
                events.push(e);
                previous = Some(project);
            }
            (Some(old), Some(new)) => {
                let mut changes = diff(emit, old, new, (status, word), version);
                for e in &mut changes {
                    e.goalpost_move &= active;
                }
                events.extend(changes);
                previous = Some(new);
            }
        }
        if let Some(new) = version.doc.as_deref().and_then(|p| p.status.as_ref()) {
            status = Some(new.value);
            active |= activated(new.value);
        }
        if let Some(doc) = version.doc.as_deref()
            && let Some(new) = &doc.status_word
        {
            word = Some((new.value.as_str(), doc.status.as_ref().map(|s| s.value)));
        }
        if !baseline {
            out.extend(events);
        }
    }
}

/// The events between two versions of a project. `last` is the status in
/// force before `new` (state and word as written), carried over versions
/// that did not say.
fn diff(
    emit: &Emitter<'_>,
    old: &Project,
    new: &Project,
    last: (Option<Lifecycle>, Option<(&str, Option<Lifecycle>)>),
    version: &Version<Project>,
) -> Vec<Event> {
    let event = |kind| emit.event(kind, version.commit, &version.path);
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
            let mut e = event(EventKind::StatusChanged);
            e.from = from.map(|s| s.as_str().to_owned());
            e.to = to.map(|s| s.as_str().to_owned());
            e.from_word = last_word.map(str::to_owned);
            e.to_word = Some(word.to_owned());
            out.push(e);
        }
    }
    let due = |p: &Project| p.due.as_ref().map(|d| d.value.to_string());
    if due(old) != due(new) {
        let mut e = event(EventKind::DueChanged);
        e.from = due(old);
        e.to = due(new);
        e.goalpost_move = true;
        out.push(e);
    }
    let owner = |p: &Project| p.owner.as_ref().map(|o| o.value.clone());
    if owner(old) != owner(new) && owner(new).is_some() {
        let mut e = event(EventKind::OwnerChanged);
        e.from = owner(old);
        e.to = owner(new);
        out.push(e);
    }
    for change in match_criteria(&old.criteria, &new.criteria) {
        match change {
            Pairing::Added(c) => {
                let mut e = event(EventKind::CriterionAdded);
                e.criterion = Some(c.text.clone());
                e.goalpost_move = true;
                out.push(e);
                if c.state == CriterionState::Met {
                    let mut e = event(EventKind::CriterionMet);
                    e.criterion = Some(c.text.clone());
                    out.push(e);
                }
            }
            Pairing::Removed(c) => {
                let mut e = event(EventKind::CriterionRemoved);
                e.criterion = Some(c.text.clone());
                // Dropping a criterion that was already withdrawn changes nothing.
                e.goalpost_move = c.state != CriterionState::Withdrawn;
                out.push(e);
            }
            Pairing::Same(a, b) => {
                if a.key != b.key {
                    let mut e = event(EventKind::CriterionEdited);
                    e.from = Some(a.key.clone());
                    e.to = Some(b.key.clone());
                    e.criterion = Some(b.text.clone());
                    e.goalpost_move = true;
                    out.push(e);
                }
                let kind = match (a.state, b.state) {
                    (x, y) if x == y => None,
                    (_, CriterionState::Met) => Some(EventKind::CriterionMet),
                    (_, CriterionState::Withdrawn) => Some(EventKind::CriterionWithdrawn),
                    (_, CriterionState::Open) => Some(EventKind::CriterionReopened),
                };
                if let Some(kind) = kind {
                    let mut e = event(kind);
                    e.criterion = Some(b.text.clone());
                    e.goalpost_move = kind == EventKind::CriterionWithdrawn;
                    out.push(e);
                }
            }
        }
    }
    out
}

/// How a criterion of the old version relates to the new one.
#[derive(Debug)]
enum Pairing<'a> {
    Same(&'a Criterion, &'a Criterion),
    Added(&'a Criterion),
    Removed(&'a Criterion),
}

fn norm(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Matches criteria across two versions: first by identical text, then an
/// unmatched pair that is clearly the same item (similar text, or the same
/// position with somewhat similar text) is an edit; the rest were removed or
/// added.
fn match_criteria<'a>(old: &'a [Criterion], new: &'a [Criterion]) -> Vec<Pairing<'a>> {
    let old_keys: Vec<String> = old.iter().map(|c| norm(&c.key)).collect();
    let new_keys: Vec<String> = new.iter().map(|c| norm(&c.key)).collect();
    let mut new_of_old: Vec<Option<usize>> = vec![None; old.len()];
    let mut taken: HashSet<usize> = HashSet::new();
    for (i, key) in old_keys.iter().enumerate() {
        if let Some(j) = (0..new.len()).find(|j| !taken.contains(j) && new_keys[*j] == *key) {
            new_of_old[i] = Some(j);
            taken.insert(j);
        }
    }
    for i in 0..old.len() {
        if new_of_old[i].is_some() {
            continue;
        }
        let best = (0..new.len())
            .filter(|j| !taken.contains(j))
            .map(|j| {
                let similarity = strsim::normalized_levenshtein(&old_keys[i], &new_keys[j]);
                (j, similarity, i == j)
            })
            .filter(|&(_, s, same_place)| s >= 0.6 || (same_place && s >= 0.3))
            .max_by(|a, b| {
                let score = |x: &(usize, f64, bool)| x.1 + if x.2 { 0.2 } else { 0.0 };
                score(a).total_cmp(&score(b))
            });
        if let Some((j, _, _)) = best {
            new_of_old[i] = Some(j);
            taken.insert(j);
        }
    }
    let mut out = Vec::new();
    for (i, c) in old.iter().enumerate() {
        match new_of_old[i] {
            Some(j) => out.push(Pairing::Same(c, &new[j])),
            None => out.push(Pairing::Removed(c)),
        }
    }
    for (j, c) in new.iter().enumerate() {
        if !taken.contains(&j) {
            out.push(Pairing::Added(c));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::Span;

    fn c(key: &str, state: CriterionState) -> Criterion {
        Criterion {
            text: key.to_owned(),
            key: key.to_owned(),
            state,
            span: Span::START,
        }
    }

    fn kinds(p: &[Pairing<'_>]) -> Vec<String> {
        p.iter()
            .map(|x| match x {
                Pairing::Same(a, b) if a.key == b.key => format!("same {}", a.key),
                Pairing::Same(a, b) => format!("edit {} -> {}", a.key, b.key),
                Pairing::Added(c) => format!("add {}", c.key),
                Pairing::Removed(c) => format!("remove {}", c.key),
            })
            .collect()
    }

    #[test]
    fn matches_by_text_then_similarity() {
        use CriterionState::Open;
        let old = [
            c("p95 < 200 ms", Open),
            c("errors < 0.1%", Open),
            c("docs published", Open),
        ];
        let new = [
            c("errors < 0.1%", Open),
            c("p95 < 150 ms", Open),
            c("3 customers onboarded", Open),
        ];
        assert_eq!(
            kinds(&match_criteria(&old, &new)),
            [
                "edit p95 < 200 ms -> p95 < 150 ms",
                "same errors < 0.1%",
                "remove docs published",
                "add 3 customers onboarded"
            ]
        );
    }
}
