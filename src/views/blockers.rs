//! Blockers and asks still open in the working tree (SPEC 1.3): listed in
//! the latest update of their author for their project, aged from the first
//! update of the unbroken run that lists them.

use std::collections::HashSet;

use chrono::NaiveDate;
use serde::Serialize;

use super::Who;
use crate::document::blocker::{self, Blocker, Listing};
use crate::workspace::Workspace;

/// Which list of an update to follow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum List {
    Blockers,
    Asks,
}

/// One open blocker (the `blockers --format json` contract).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Row {
    pub project: String,
    pub author: String,
    pub text: String,
    pub raised: NaiveDate,
    pub age_days: i64,
    /// The update that raised it.
    pub path: String,
}

/// A row of `blockers`: an open blocker, or a project waiting on a
/// dependency in trouble (`"kind": "blocker"` or `"waiting"` in JSON).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Item {
    Blocker(Row),
    Waiting(super::waiting::Waiting),
}

/// The open blockers `who` raised, oldest first, then the waits of the
/// projects `who` owns.
pub fn items(ws: &Workspace, who: &Who, today: NaiveDate) -> Vec<Item> {
    rows(ws, who, today)
        .into_iter()
        .map(Item::Blocker)
        .chain(
            super::waiting::rows(ws, who, today)
                .into_iter()
                .map(Item::Waiting),
        )
        .collect()
}

/// The open blockers raised by `who`, oldest first.
pub fn rows(ws: &Workspace, who: &Who, today: NaiveDate) -> Vec<Row> {
    open(ws, List::Blockers)
        .into_iter()
        .filter(|b| who.includes(&b.author))
        .map(|b| Row {
            age_days: b.days_open(today),
            project: b.project,
            author: b.author,
            text: b.text,
            raised: b.raised,
            path: b.raised_in,
        })
        .collect()
}

/// Blockers (or asks) still open in the working tree: listed in the latest
/// update of their author for their project, on a project that is not done
/// or dropped. Oldest first.
pub fn open(ws: &Workspace, list: List) -> Vec<Blocker> {
    let closed: HashSet<&str> = ws
        .projects()
        .filter(|(_, p)| p.status.as_ref().is_some_and(|s| s.value.closed()))
        .map(|(_, p)| p.id.value.as_str())
        .collect();
    let listings: Vec<Listing<'_>> = ws
        .updates()
        .filter_map(|(doc, u)| {
            let author = u.author.as_ref()?.value.as_str();
            let date = u.date.as_ref()?.value;
            let items = match list {
                List::Blockers => &u.blockers,
                List::Asks => &u.asks,
            };
            Some(u.projects.iter().map(move |p| Listing {
                author,
                project: p.value.as_str(),
                date,
                path: doc.path.as_str(),
                commit: None,
                blockers: items.iter().map(|b| b.value.as_str()).collect(),
            }))
        })
        .flatten()
        .collect();
    blocker::runs(&listings)
        .into_iter()
        .filter(|b| b.cleared.is_none() && !closed.contains(b.project.as_str()))
        .collect()
}
