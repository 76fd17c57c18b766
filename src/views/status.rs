//! Where every project stands: one row per project, at risk and blocked
//! first, the nearest due date first within each state.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::Who;
use super::blockers::{List, open};
use crate::document::CriterionState;
use crate::vocabulary::Lifecycle;
use crate::workspace::Workspace;

/// One project (the `status --format json` contract).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Row {
    pub id: String,
    pub title: Option<String>,
    pub owner: Option<String>,
    pub status: Option<Lifecycle>,
    /// The status as written, when it is not the state's own name
    /// (`Last Call` for `active`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_word: Option<String>,
    pub criteria_met: usize,
    pub criteria_total: usize,
    /// Measures whose latest value has reached the target, of all of them.
    pub measures_met: usize,
    pub measures_total: usize,
    pub due: Option<NaiveDate>,
    pub last_update: Option<NaiveDate>,
    pub open_blockers: usize,
    /// The due date has passed on work that is not done or dropped.
    #[serde(skip)]
    pub overdue: bool,
}

/// Which projects a status filter keeps.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Wanted {
    /// A lifecycle state's own name: every project in that state.
    State(Lifecycle),
    /// One of the repository's words: the projects whose status says it.
    Word(String),
}

impl Wanted {
    fn keeps(&self, p: &crate::document::Project) -> bool {
        match self {
            Wanted::State(state) => p.status.as_ref().map(|s| s.value) == Some(*state),
            Wanted::Word(word) => p
                .status_word
                .as_ref()
                .is_some_and(|w| w.value.trim().eq_ignore_ascii_case(word.trim())),
        }
    }
}

/// The projects `who` owns, kept by `wanted` when given.
pub fn rows(ws: &Workspace, who: &Who, wanted: Option<&Wanted>, today: NaiveDate) -> Vec<Row> {
    let latest = ws.latest_updates();
    let values = ws.latest_measures();
    let mut blockers: HashMap<String, usize> = HashMap::new();
    for b in open(ws, List::Blockers) {
        *blockers.entry(b.project).or_default() += 1;
    }
    let mut rows: Vec<Row> = ws
        .projects()
        .filter(|(_, p)| who.owns(p))
        .filter(|(_, p)| wanted.is_none_or(|w| w.keeps(p)))
        .map(|(_, p)| {
            let status = p.status.as_ref().map(|s| s.value);
            let status_word = p
                .status_word
                .as_ref()
                .map(|w| w.value.trim().to_owned())
                .filter(|w| status.is_none_or(|s| !w.eq_ignore_ascii_case(s.as_str())));
            let due = p.due.as_ref().map(|d| d.value);
            Row {
                id: p.id.value.clone(),
                title: p.title.as_ref().map(|t| t.value.clone()),
                owner: p.owner.as_ref().map(|o| o.value.clone()),
                status,
                status_word,
                criteria_met: p
                    .criteria
                    .iter()
                    .filter(|c| c.state == CriterionState::Met)
                    .count(),
                criteria_total: p
                    .criteria
                    .iter()
                    .filter(|c| c.state != CriterionState::Withdrawn)
                    .count(),
                measures_met: p
                    .measures
                    .iter()
                    .filter(|m| {
                        values
                            .get(&(p.id.value.as_str(), m.id.value.as_str()))
                            .and_then(|l| m.reached(l.reported.value.value))
                            == Some(true)
                    })
                    .count(),
                measures_total: p.measures.len(),
                due,
                last_update: latest.get(p.id.value.as_str()).copied(),
                open_blockers: blockers.get(&p.id.value).copied().unwrap_or(0),
                overdue: due.is_some_and(|d| d < today) && !status.is_some_and(Lifecycle::closed),
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        let rank = |r: &Row| match r.status {
            Some(Lifecycle::AtRisk) => 0,
            Some(Lifecycle::Blocked) => 1,
            Some(Lifecycle::Active) => 2,
            Some(Lifecycle::Proposed) => 3,
            None => 4,
            Some(Lifecycle::Done) => 5,
            Some(Lifecycle::Dropped) => 6,
        };
        (rank(a), a.due.is_none(), a.due, &a.id).cmp(&(rank(b), b.due.is_none(), b.due, &b.id))
    });
    rows
}
