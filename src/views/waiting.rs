//! Work that waits on other work in trouble: an open project whose
//! `depends_on` names a project that is blocked, at risk or overdue. Each
//! names the dependency's owner, the person to ask.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::Who;
use crate::document::{Document, Project};
use crate::vocabulary::Lifecycle;
use crate::workspace::Workspace;

/// One project waiting on one dependency (in `blockers --format json` with
/// `"kind": "waiting"`, and in the agenda).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Waiting {
    /// The project that waits.
    pub project: String,
    pub owner: Option<String>,
    /// What it waits on.
    pub waiting_on: Dependency,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Dependency {
    pub id: String,
    /// Who to ask.
    pub owner: Option<String>,
    pub status: Option<Lifecycle>,
    pub due: Option<NaiveDate>,
    /// Its due date has passed and it is not done or dropped.
    pub overdue: bool,
    /// Its file.
    pub path: String,
}

impl Waiting {
    /// What the wait is about, in words: `blocked`, `at risk`, `overdue
    /// since 2026-10-01`, or two of them.
    pub fn trouble(&self) -> String {
        let on = &self.waiting_on;
        let mut words: Vec<String> = Vec::new();
        match on.status {
            Some(Lifecycle::Blocked) => words.push("blocked".into()),
            Some(Lifecycle::AtRisk) => words.push("at risk".into()),
            _ => {}
        }
        if let Some(due) = on.due.filter(|_| on.overdue) {
            words.push(format!("overdue since {due}"));
        }
        words.join(", ")
    }
}

/// Every wait in the working tree, by the waiting project's id and then
/// the dependency's, as `depends_on` lists them.
pub fn all(ws: &Workspace, today: NaiveDate) -> Vec<Waiting> {
    let mut by_id: HashMap<&str, (&Document, &Project)> = HashMap::new();
    for (doc, p) in ws.projects() {
        by_id.entry(p.id.value.as_str()).or_insert((doc, p));
    }
    let closed = |p: &Project| p.status.as_ref().is_some_and(|s| s.value.closed());
    let mut out = Vec::new();
    for (_, p) in ws.projects() {
        if closed(p) {
            continue;
        }
        for dependency in &p.depends_on {
            let Some(&(doc, on)) = by_id.get(dependency.value.as_str()) else {
                continue;
            };
            if closed(on) || on.id.value == p.id.value {
                continue;
            }
            let status = on.status.as_ref().map(|s| s.value);
            let due = on.due.as_ref().map(|d| d.value);
            let overdue = due.is_some_and(|d| d < today);
            if !overdue && !matches!(status, Some(Lifecycle::Blocked | Lifecycle::AtRisk)) {
                continue;
            }
            out.push(Waiting {
                project: p.id.value.clone(),
                owner: p.owner.as_ref().map(|o| o.value.clone()),
                waiting_on: Dependency {
                    id: on.id.value.clone(),
                    owner: on.owner.as_ref().map(|o| o.value.clone()),
                    status,
                    due,
                    overdue,
                    path: doc.path.clone(),
                },
            });
        }
    }
    out.sort_by(|a, b| (&a.project, &a.waiting_on.id).cmp(&(&b.project, &b.waiting_on.id)));
    out.dedup();
    out
}

/// The waits of the projects `who` owns.
pub fn rows(ws: &Workspace, who: &Who, today: NaiveDate) -> Vec<Waiting> {
    all(ws, today)
        .into_iter()
        .filter(|w| *who == Who::Everyone || w.owner.as_deref().is_some_and(|o| who.includes(o)))
        .collect()
}
