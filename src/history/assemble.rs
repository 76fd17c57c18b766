//! From changes to versions: each document's versions in commit order,
//! following project ids and decision keys across moves and renames.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use super::parse::{Parsed, Readings};
use super::renames::Rename;
use super::select::{Change, by_commit};
use super::{Commit, History, Note, Unmapped, Version};
use crate::vocabulary::Kind;

/// Turns changes into per-document versions, following ids across moves,
/// and across `renames` that changed the id a file name gives.
pub(super) fn assemble(
    commits: Vec<Commit>,
    changes: &[Change],
    readings: &Readings,
    renames: &[Rename],
) -> History {
    let mut history = History {
        commits,
        ..History::default()
    };
    let moved: HashMap<(usize, &str), &str> = renames
        .iter()
        .map(|r| ((r.commit, r.from.as_str()), r.to.as_str()))
        .collect();
    let mut project_at: HashMap<String, String> = HashMap::new();
    let mut decision_at: HashMap<String, String> = HashMap::new();
    for (start, batch) in by_commit(changes) {
        let commit = batch[0].commit;
        let mut gone_projects: Vec<(String, String)> = Vec::new();
        let mut gone_decisions: Vec<(String, String)> = Vec::new();
        for (offset, change) in batch.iter().enumerate() {
            // `None`: the change deleted the file.
            let parsed = match readings.of_change(start + offset) {
                Some(Parsed::Invalid(message)) => {
                    history.notes.push(Note {
                        commit,
                        path: change.path.clone(),
                        message: message.clone(),
                    });
                    continue;
                }
                other => other,
            };
            let path = change.path.clone();
            match (change.kind, parsed) {
                (Kind::Project, Some(Parsed::Project(p))) => {
                    if let Some(word) = p.status_word.as_ref().filter(|_| p.status.is_none())
                        && !history
                            .unmapped
                            .iter()
                            .any(|u| u.word.eq_ignore_ascii_case(&word.value))
                    {
                        history.unmapped.push(Unmapped {
                            word: word.value.clone(),
                            commit,
                            path: path.clone(),
                        });
                    }
                    let id = p.id.value.clone();
                    if let Some(previous) = project_at.insert(path.clone(), id.clone())
                        && previous != id
                    {
                        gone_projects.push((previous, path.clone()));
                    }
                    let doc = Some(Arc::clone(p));
                    history
                        .projects
                        .entry(id)
                        .or_default()
                        .push(Version { commit, path, doc });
                }
                // Another project, read no further than its id: only where it
                // lives matters, for moves and deletions of the one asked for.
                (Kind::Project, Some(Parsed::OtherProject(id))) => {
                    // Known by name (for "did you mean"), with no versions.
                    history.projects.entry(id.clone()).or_default();
                    if let Some(previous) = project_at.insert(path.clone(), id.clone())
                        && previous != *id
                    {
                        gone_projects.push((previous, path.clone()));
                    }
                }
                (Kind::Decision, Some(Parsed::Decision(d))) => {
                    let key = d.key.clone();
                    if let Some(previous) = decision_at.insert(path.clone(), key.clone())
                        && previous != key
                    {
                        gone_decisions.push((previous, path.clone()));
                    }
                    let doc = Some(Arc::clone(d));
                    history
                        .decisions
                        .entry(key)
                        .or_default()
                        .push(Version { commit, path, doc });
                }
                (Kind::Update, Some(Parsed::Update(u))) => {
                    let doc = Some(Arc::clone(u));
                    history.updates.push(Version { commit, path, doc });
                }
                (Kind::Project, None) => {
                    if let Some(id) = project_at.remove(&path) {
                        gone_projects.push((id, path));
                    }
                }
                (Kind::Decision, None) => {
                    if let Some(key) = decision_at.remove(&path) {
                        gone_decisions.push((key, path));
                    }
                }
                (Kind::Update, None) => history.updates.push(Version {
                    commit,
                    path,
                    doc: None,
                }),
                _ => {}
            }
        }
        // A document that left one path is deleted only if its id lives at no
        // other path: deleting a file and adding the id elsewhere is a move.
        // A file git saw renamed, whose new name gives a new id, carries
        // its history over to it.
        for (id, path) in gone_projects {
            if project_at.values().any(|v| *v == id) {
                continue;
            }
            if let Some(new_id) = moved
                .get(&(commit, path.as_str()))
                .and_then(|to| project_at.get(*to))
                && carry(&mut history.projects, &id, new_id, commit)
            {
                history.renamed.insert(id, new_id.clone());
                continue;
            }
            history.projects.entry(id).or_default().push(Version {
                commit,
                path,
                doc: None,
            });
        }
        for (key, path) in gone_decisions {
            if decision_at.values().any(|v| *v == key) {
                continue;
            }
            if let Some(new_key) = moved
                .get(&(commit, path.as_str()))
                .and_then(|to| decision_at.get(*to))
                && carry(&mut history.decisions, &key, new_key, commit)
            {
                continue;
            }
            history.decisions.entry(key).or_default().push(Version {
                commit,
                path,
                doc: None,
            });
        }
    }
    history.update_added = update_added(&history.updates, &moved);
    history
}

/// For each update version, the commit that first added the update: the
/// first commit at its path, or, for a file git saw moved there, at the
/// path it came from.
fn update_added(
    updates: &[Version<crate::document::Update>],
    moved: &HashMap<(usize, &str), &str>,
) -> Vec<usize> {
    let came_from: HashMap<(usize, &str), &str> = moved
        .iter()
        .map(|(&(commit, from), &to)| ((commit, to), from))
        .collect();
    let mut first: HashMap<&str, usize> = HashMap::new();
    updates
        .iter()
        .map(|version| {
            let path = version.path.as_str();
            let added = came_from
                .get(&(version.commit, path))
                .and_then(|from| first.get(from).copied())
                .unwrap_or(version.commit);
            *first.entry(path).or_insert(added)
        })
        .collect()
}

/// Moves the current life of `from` (its versions since it was last
/// deleted) to the front of `to`'s, when `to` first appeared in `commit`
/// (a document that already had a history is not merged into). Whether it
/// did.
fn carry<T>(
    versions: &mut BTreeMap<String, Vec<Version<T>>>,
    from: &str,
    to: &str,
    commit: usize,
) -> bool {
    if from == to
        || !versions
            .get(to)
            .is_some_and(|v| v.iter().all(|v| v.commit == commit))
    {
        return false;
    }
    let Some(old) = versions.get_mut(from) else {
        return false;
    };
    let life = super::life_start_index(old);
    let mut carried: Vec<Version<T>> = old.drain(life..).collect();
    if old.is_empty() {
        versions.remove(from);
    }
    if let Some(new) = versions.get_mut(to) {
        carried.append(new);
        *new = carried;
    }
    true
}
