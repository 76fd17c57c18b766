//! Where every project stands: one row per project, at risk and blocked
//! first, the nearest due date first within each state.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use serde::Serialize;

use super::Who;
use super::blockers::{List, open};
use crate::document::CriterionState;
use crate::vocabulary::Lifecycle;
use crate::workspace::Workspace;
use crate::workspace::relations::Relations;

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
    /// The project it rolls up into.
    pub parent: Option<String>,
    /// The projects it waits for.
    pub depends_on: Vec<String>,
    /// What rolls up into it, for a project that is some project's parent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rollup: Option<Rollup>,
    /// Its depth under the projects shown (`status --tree` only; 0 for a
    /// project shown at the top).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub depth: Option<usize>,
    /// The due date has passed on work that is not done or dropped.
    #[serde(skip)]
    pub overdue: bool,
}

/// The projects below a parent at every depth (its children, theirs, and
/// so on; never the parent itself), added up: whatever the filters show.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Rollup {
    pub projects: usize,
    pub criteria_met: usize,
    pub criteria_total: usize,
    pub measures_met: usize,
    pub measures_total: usize,
    /// How many of them are in each state; `unknown` for those without a
    /// valid status.
    pub statuses: BTreeMap<&'static str, usize>,
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
    let mut rows: Vec<(bool, Row)> = ws
        .projects()
        .map(|(_, p)| {
            let status = p.status.as_ref().map(|s| s.value);
            let status_word = p
                .status_word
                .as_ref()
                .map(|w| w.value.trim().to_owned())
                .filter(|w| status.is_none_or(|s| !w.eq_ignore_ascii_case(s.as_str())));
            let due = p.due.as_ref().map(|d| d.value);
            let shown = who.owns(p) && wanted.is_none_or(|w| w.keeps(p));
            let row = Row {
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
                parent: p.parent.as_ref().map(|p| p.value.clone()),
                depends_on: p.depends_on.iter().map(|d| d.value.clone()).collect(),
                rollup: None,
                depth: None,
                overdue: due.is_some_and(|d| d < today) && !status.is_some_and(Lifecycle::closed),
            };
            (shown, row)
        })
        .collect();
    add_rollups(&mut rows, &Relations::of(ws));
    let mut rows: Vec<Row> = rows
        .into_iter()
        .filter_map(|(shown, row)| shown.then_some(row))
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

/// Each parent's roll-up, from the rows of every project (shown or not).
fn add_rollups(rows: &mut [(bool, Row)], relations: &Relations<'_>) {
    let mut index: HashMap<String, usize> = HashMap::new();
    for (i, (_, row)) in rows.iter().enumerate() {
        index.entry(row.id.clone()).or_insert(i);
    }
    let rollups: Vec<Option<Rollup>> = rows
        .iter()
        .map(|(_, row)| {
            let below = relations.descendants(&row.id);
            if below.is_empty() {
                return None;
            }
            let mut rollup = Rollup::default();
            for id in below {
                let Some((_, child)) = index.get(id).map(|&i| &rows[i]) else {
                    continue;
                };
                rollup.projects += 1;
                rollup.criteria_met += child.criteria_met;
                rollup.criteria_total += child.criteria_total;
                rollup.measures_met += child.measures_met;
                rollup.measures_total += child.measures_total;
                let state = child.status.map_or("unknown", Lifecycle::as_str);
                *rollup.statuses.entry(state).or_default() += 1;
            }
            Some(rollup)
        })
        .collect();
    for ((_, row), rollup) in rows.iter_mut().zip(rollups) {
        row.rollup = rollup;
    }
}

/// The rows as a tree: each under its parent when its parent is shown, in
/// the order given among siblings, with its depth set. A row whose parent is
/// not shown (or lies in a circle of parents) starts a tree of its own.
pub fn tree(rows: Vec<Row>) -> Vec<Row> {
    nest(rows, |r| &r.id, |r| r.parent.as_deref())
        .into_iter()
        .map(|(depth, mut row)| {
            row.depth = Some(depth);
            row
        })
        .collect()
}

/// Any rows as a tree, each with its depth: see [`tree`].
pub fn nest<R>(
    rows: Vec<R>,
    id: impl Fn(&R) -> &str,
    parent: impl Fn(&R) -> Option<&str>,
) -> Vec<(usize, R)> {
    let shown: HashSet<&str> = rows.iter().map(&id).collect();
    let mut below: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut roots = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        match parent(row) {
            Some(up) if up != id(row) && shown.contains(up) => {
                below.entry(up).or_default().push(i);
            }
            _ => roots.push(i),
        }
    }
    let mut order: Vec<(usize, usize)> = Vec::with_capacity(rows.len());
    let mut placed = vec![false; rows.len()];
    // Roots first; then whatever a circle of parents kept from every root.
    let starts: Vec<usize> = roots.into_iter().chain(0..rows.len()).collect();
    for start in starts {
        let mut stack = vec![(start, 0)];
        while let Some((i, depth)) = stack.pop() {
            if placed[i] {
                continue;
            }
            placed[i] = true;
            order.push((i, depth));
            if let Some(children) = below.get(id(&rows[i])) {
                stack.extend(children.iter().rev().map(|&c| (c, depth + 1)));
            }
        }
    }
    let mut slots: Vec<Option<R>> = rows.into_iter().map(Some).collect();
    order
        .into_iter()
        .filter_map(|(i, depth)| Some((depth, slots[i].take()?)))
        .collect()
}
