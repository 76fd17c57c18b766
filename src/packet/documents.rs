//! The documents a packet reads once for all its projects: the latest
//! version of every update dated by the period's end (indexed by the
//! projects each names), and the decisions as of the period's end.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{DecisionFact, Period, commit_date};
use crate::document::{Decision, Update};
use crate::history::measures::{Reporting, Reports, reportings};
use crate::history::{self, History, Version};
use crate::vocabulary::DecisionStatus;

/// The latest version of every update file, with the commit that added it.
pub(super) struct UpdateDoc<'a> {
    pub(super) path: &'a str,
    pub(super) update: &'a Update,
    pub(super) date: NaiveDate,
    pub(super) author: &'a str,
    pub(super) commit: String,
}

/// The updates and decisions a packet reads, once for all its projects.
pub(super) struct Documents<'h> {
    pub(super) updates: Vec<UpdateDoc<'h>>,
    /// For each project id, the updates (indexes into `updates`) naming
    /// it, each once: so that no project scans every update.
    pub(super) naming: HashMap<&'h str, Vec<usize>>,
    pub(super) decisions: Vec<DecisionRecord>,
    pub(super) reports: Reports<'h>,
}

impl<'h> Documents<'h> {
    pub(super) fn read(history: &'h History, period: Period) -> Documents<'h> {
        let reportings = reportings(history);
        let updates = latest_updates(history, &reportings, period.until);
        let mut naming: HashMap<&'h str, Vec<usize>> = HashMap::new();
        for (i, u) in updates.iter().enumerate() {
            for p in &u.update.projects {
                let list = naming.entry(p.value.as_str()).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
        Documents {
            updates,
            naming,
            decisions: decisions(history, period),
            reports: Reports::of(&reportings),
        }
    }

    /// The updates that name project `id`, in the order of `updates`.
    pub(super) fn naming(&self, id: &str) -> impl Iterator<Item = &UpdateDoc<'h>> {
        self.naming
            .get(id)
            .into_iter()
            .flatten()
            .map(|&i| &self.updates[i])
    }
}

/// Every update file as of the end of the period (its latest version,
/// since an update's date is its own) dated by then.
fn latest_updates<'h>(
    history: &'h History,
    reportings: &[Reporting<'h>],
    until: NaiveDate,
) -> Vec<UpdateDoc<'h>> {
    reportings
        .iter()
        .filter_map(|r| {
            let date = r.update.date.as_ref()?.value;
            if date > until {
                return None;
            }
            Some(UpdateDoc {
                path: r.path,
                update: r.update,
                date,
                author: r.update.author.as_ref()?.value.as_str(),
                commit: history.commits[r.added].id.to_string(),
            })
        })
        .collect()
}

/// A decision as of the end of the period, with what filters need.
pub(super) struct DecisionRecord {
    pub(super) fact: DecisionFact,
    pub(super) projects: Vec<String>,
}

/// A decision as of `until`.
fn latest_decision<'h>(
    history: &History,
    versions: &'h [Version<Decision>],
    until: NaiveDate,
) -> Option<&'h Decision> {
    versions
        .iter()
        .rev()
        .find(|v| commit_date(history, v.commit) <= until)
        .and_then(|v| v.doc.as_deref())
}

/// Every decision with a known date, as of the end of the period (those
/// dated before it too: a goalpost move early in the period can rest on
/// one), oldest first.
pub(super) fn decisions(history: &History, period: Period) -> Vec<DecisionRecord> {
    // Which decision supersedes which, as of the end of the period.
    let mut successor: HashMap<&str, &str> = HashMap::new();
    for versions in history.decisions.values() {
        if let Some(d) = latest_decision(history, versions, period.until) {
            for old in &d.supersedes {
                successor.insert(old.value.as_str(), d.key.as_str());
            }
        }
    }
    let mut out = Vec::new();
    for versions in history.decisions.values() {
        // Dated, without a `date`, by the commit that added this file.
        let Some(first) = history::life_start(versions) else {
            continue;
        };
        let added = &history.commits[first.commit];
        // As of the end of the period; a decision committed later but dated
        // in the period (an imported ADR folder) is read as first committed.
        let Some(latest) = versions
            .iter()
            .rev()
            .find(|v| commit_date(history, v.commit) <= period.until)
            .or(Some(first))
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
        if date > period.until {
            continue;
        }
        out.push(DecisionRecord {
            projects: decision.projects.iter().map(|p| p.value.clone()).collect(),
            fact: DecisionFact {
                number: decision.number,
                key: decision.key.clone(),
                title: decision.title.as_ref().map(|t| t.value.clone()),
                status: decision.status.value.as_str().to_owned(),
                superseded_by: match &decision.status.value {
                    DecisionStatus::Superseded(named) => named.clone().or_else(|| {
                        successor
                            .get(decision.key.as_str())
                            .map(|s| (*s).to_owned())
                    }),
                    _ => None,
                },
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
