//! What each page shows, as plain values the templates render: the rows of
//! the views (status, blockers, check-ins, agenda), the timeline of `log`,
//! and document bodies rendered safely.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;
use serde::Serialize;

use super::markdown::{self, Pages};
use super::names::Names;
use crate::config::Config;
use crate::document::{CriterionState, Document, Project};
use crate::history::{Event, EventKind, History, Timeline, Web};
use crate::views::{self, Who};
use crate::vocabulary::Lifecycle;
use crate::workspace::checkin::{self, Dates};
use crate::workspace::{AddedDates, Workspace};

/// A project as the board and the people pages list it.
#[derive(Clone, Debug, Serialize)]
pub struct ProjectRow {
    pub id: String,
    pub title: String,
    pub page: String,
    pub owner: Option<String>,
    pub owner_page: Option<String>,
    pub state: Option<&'static str>,
    /// The status as written, when it differs from the state.
    pub word: Option<String>,
    pub criteria_met: usize,
    pub criteria_total: usize,
    pub due: Option<NaiveDate>,
    pub overdue: bool,
    pub last_update: Option<NaiveDate>,
    pub open_blockers: usize,
    pub next_checkin: Option<NaiveDate>,
    pub checkin_late: bool,
    /// Where each measure stands (no charts: the board shows progress).
    pub measures: Vec<super::measures::MeasureView>,
    pub parent: Option<String>,
    /// What rolls up into it, every level below added up.
    pub rollup: Option<views::status::Rollup>,
    /// Its depth under the board's row it is listed with (0 for that row).
    pub depth: usize,
}

/// A decision as the log lists it.
#[derive(Clone, Debug, Serialize)]
pub struct DecisionRow {
    pub key: String,
    #[serde(skip)]
    pub number: Option<u64>,
    pub title: String,
    pub page: String,
    pub status: String,
    pub date: Option<NaiveDate>,
    pub deciders: Vec<String>,
    pub supersedes: Vec<Reference>,
    pub superseded_by: Vec<Reference>,
    pub projects: Vec<Reference>,
}

/// A link to another page (`page` is empty when it has none).
#[derive(Clone, Debug, Serialize)]
pub struct Reference {
    pub name: String,
    pub page: String,
}

/// Everything the pages are built from, read once.
pub struct Sources<'a> {
    pub config: &'a Config,
    pub ws: &'a Workspace,
    pub history: Option<&'a History>,
    pub added: &'a AddedDates,
    pub today: NaiveDate,
    pub web: Option<&'a Web>,
    /// Every project's events (`log`'s), by id, from one pass over
    /// history: what the project pages list.
    pub events: HashMap<String, Vec<Event>>,
    /// Every project's timeline, by id: what the board and the criteria
    /// ask (when a state began, when a criterion was met).
    pub timelines: Option<&'a BTreeMap<String, Timeline>>,
    /// The people with a page ([`people`]).
    pub people: BTreeSet<String>,
    /// The values reported for each project's measures.
    pub reports: super::measures::Reports<'a>,
    /// The file names of project pages and of people's pages.
    pub project_names: Names,
    pub person_names: Names,
    /// The local images the bodies show, copied into the site.
    pub images: &'a super::images::Images,
}

/// Whether an id or handle can name a page: a well-formed id is always a
/// safe file name (`document::valid_id`). Others get no page (and a note).
pub fn safe_name(id: &str) -> bool {
    crate::document::valid_id(id)
}

/// The people with a page: the roster, and everyone who owns or
/// contributes to a project.
pub fn people(config: &Config, ws: &Workspace) -> BTreeSet<String> {
    let mut people: BTreeSet<String> = config.people.keys().cloned().collect();
    for (_, p) in ws.projects() {
        people.extend(
            p.owner
                .iter()
                .chain(&p.contributors)
                .map(|h| h.value.clone()),
        );
    }
    people.retain(|h| safe_name(h));
    people
}

impl Sources<'_> {
    /// The page of project `id`.
    pub fn project_page(&self, id: &str) -> String {
        format!("projects/{}.html", self.project_names.file(id))
    }

    /// The page of the person `handle`.
    pub fn person_page(&self, handle: &str) -> String {
        format!("people/{}.html", self.person_names.file(handle))
    }

    /// A project's events in history order (empty without history).
    pub fn events(&self, id: &str) -> &[Event] {
        self.events.get(id).map_or(&[], Vec::as_slice)
    }
}

pub fn decision_page(key: &str) -> String {
    format!("decisions/{key}.html")
}

impl Sources<'_> {
    /// Root-relative document path → page, for links in bodies.
    pub fn page_paths(&self) -> HashMap<String, String> {
        let projects = self
            .ws
            .projects()
            .filter(|(_, p)| safe_name(&p.id.value))
            .map(|(d, p)| (d.path.clone(), self.project_page(&p.id.value)));
        let decisions = self
            .ws
            .decisions()
            .filter(|(_, d)| safe_name(&d.key))
            .map(|(doc, d)| (doc.path.clone(), decision_page(&d.key)));
        projects.chain(decisions).collect()
    }

    /// One row per project, in the status view's order.
    pub fn project_rows(&self) -> Vec<ProjectRow> {
        let dates = Dates::new(self.ws, self.added);
        let by_id: HashMap<&str, &Project> = self
            .ws
            .projects()
            .map(|(_, p)| (p.id.value.as_str(), p))
            .collect();
        views::status::rows(self.ws, &Who::Everyone, None, self.today)
            .into_iter()
            .map(|row| {
                let project = by_id.get(row.id.as_str());
                let checkin =
                    project.and_then(|p| checkin::state(p, &dates, self.config, self.today));
                ProjectRow {
                    title: row.title.clone().unwrap_or_else(|| row.id.clone()),
                    page: if safe_name(&row.id) {
                        self.project_page(&row.id)
                    } else {
                        String::new()
                    },
                    owner_page: row
                        .owner
                        .as_ref()
                        .filter(|o| self.people.contains(*o))
                        .map(|o| self.person_page(o)),
                    owner: row.owner,
                    state: row.status.map(Lifecycle::as_str),
                    word: row.status_word.clone(),
                    criteria_met: row.criteria_met,
                    criteria_total: row.criteria_total,
                    due: row.due,
                    overdue: row.overdue,
                    last_update: row.last_update,
                    open_blockers: row.open_blockers,
                    next_checkin: checkin.as_ref().map(|c| c.due),
                    checkin_late: checkin.as_ref().is_some_and(|c| c.is_late()),
                    measures: project.map_or_else(Vec::new, |p| self.reports.views(p, false)),
                    parent: row.parent,
                    rollup: row.rollup,
                    depth: 0,
                    id: row.id,
                }
            })
            .collect()
    }

    /// The board: projects by state, in the order people look for them,
    /// each followed by the projects below it (whatever their state) when
    /// it is some project's parent; done and dropped only when they closed
    /// in the last 90 days.
    pub fn board(&self, rows: &[ProjectRow]) -> Vec<(&'static str, Vec<ProjectRow>)> {
        let order = [
            Lifecycle::Active,
            Lifecycle::AtRisk,
            Lifecycle::Blocked,
            Lifecycle::Proposed,
            Lifecycle::Done,
            Lifecycle::Dropped,
        ];
        let since = self.today - chrono::Days::new(90);
        let shown: Vec<ProjectRow> = rows
            .iter()
            .filter(|r| {
                let closed = [Lifecycle::Done, Lifecycle::Dropped].map(Lifecycle::as_str);
                !r.state.is_some_and(|s| closed.contains(&s))
                    || self.closed_on(&r.id).is_none_or(|d| d >= since)
            })
            .cloned()
            .collect();
        // Trees in the status order; each tree goes to its top's state.
        let mut trees: Vec<Vec<ProjectRow>> = Vec::new();
        for (depth, mut row) in views::status::nest(shown, |r| &r.id, |r| r.parent.as_deref()) {
            row.depth = depth;
            match trees.last_mut() {
                Some(tree) if depth > 0 => tree.push(row),
                _ => trees.push(vec![row]),
            }
        }
        order
            .into_iter()
            .map(|state| {
                let rows = trees
                    .iter()
                    .filter(|t| t[0].state == Some(state.as_str()))
                    .flatten()
                    .cloned()
                    .collect();
                (state.as_str(), rows)
            })
            .collect()
    }

    /// When a project reached its current (closed) state: its last status
    /// change in history.
    fn closed_on(&self, id: &str) -> Option<NaiveDate> {
        self.timeline(id)?.state_since()
    }

    fn timeline(&self, id: &str) -> Option<&Timeline> {
        self.timelines?.get(id)
    }

    /// The decision log, newest first.
    pub fn decision_rows(&self) -> Vec<DecisionRow> {
        let mut successors: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (_, d) in self.ws.decisions() {
            for named in &d.supersedes {
                successors
                    .entry(named.value.as_str())
                    .or_default()
                    .push(&d.key);
            }
        }
        let keys: BTreeSet<&str> = self.ws.decisions().map(|(_, d)| d.key.as_str()).collect();
        let reference = |key: &str| Reference {
            name: key.to_owned(),
            page: if keys.contains(key) && safe_name(key) {
                decision_page(key)
            } else {
                String::new()
            },
        };
        let projects: BTreeSet<&str> = self
            .ws
            .projects()
            .map(|(_, p)| p.id.value.as_str())
            .collect();
        let mut rows: Vec<DecisionRow> = self
            .ws
            .decisions()
            .filter(|(_, d)| safe_name(&d.key))
            .map(|(_, d)| DecisionRow {
                key: d.key.clone(),
                title: d
                    .title
                    .as_ref()
                    .map_or_else(|| d.key.clone(), |t| t.value.clone()),
                page: decision_page(&d.key),
                status: d.status.value.as_str().to_owned(),
                // MADR: a decision without `date` is dated by the commit
                // that added it.
                date: self.decision_date(d),
                number: d.number,
                deciders: d.deciders.iter().map(|h| h.value.clone()).collect(),
                supersedes: d.supersedes.iter().map(|k| reference(&k.value)).collect(),
                superseded_by: successors
                    .get(d.key.as_str())
                    .into_iter()
                    .flatten()
                    .map(|k| reference(k))
                    .collect(),
                projects: d
                    .projects
                    .iter()
                    .map(|p| Reference {
                        name: p.value.clone(),
                        page: if projects.contains(p.value.as_str()) && safe_name(&p.value) {
                            self.project_page(&p.value)
                        } else {
                            String::new()
                        },
                    })
                    .collect(),
            })
            .collect();
        rows.sort_by(|a, b| (b.date, b.number, &b.key).cmp(&(a.date, a.number, &a.key)));
        rows
    }

    /// A decision's date: its `date`, else (MADR) the date of the commit
    /// that added its file.
    pub fn decision_date(&self, d: &crate::document::Decision) -> Option<NaiveDate> {
        d.date.as_ref().map(|x| x.value).or_else(|| {
            let history = self.history?;
            let first = crate::history::life_start(history.decisions.get(&d.key)?)?;
            Some(history.commits[first.commit].date())
        })
    }

    /// A document's body as safe HTML, for a page `to_root` from the root.
    pub fn body(&self, doc: &Document, pages: &HashMap<String, String>, to_root: &str) -> String {
        let body = doc.body_text();
        let pages = Pages {
            by_path: pages,
            web_file: self.web.map(|w| w.file.as_str()),
            images: Some((&self.config.root, self.images)),
        };
        markdown::render(body, &doc.path, &pages, to_root)
    }

    /// Each criterion of a project with when and in which commit it was
    /// met (the last time it turned met, when it is met now).
    pub fn criteria(&self, project: &Project) -> Vec<Criterion> {
        let timeline = self.timeline(&project.id.value);
        project
            .criteria
            .iter()
            .map(|c| {
                let met = timeline
                    .filter(|_| c.state == CriterionState::Met)
                    .and_then(|t| t.met_on(c));
                Criterion {
                    text: c.text.clone(),
                    state: match c.state {
                        CriterionState::Open => "open",
                        CriterionState::Met => "met",
                        CriterionState::Withdrawn => "withdrawn",
                    },
                    met_on: met.map(|m| m.date),
                    met_commit: met
                        .zip(self.history)
                        .map(|(m, h)| h.commits[m.commit].id.to_string()),
                }
            })
            .collect()
    }
}

/// A criterion on a project's page.
#[derive(Clone, Debug, Serialize)]
pub struct Criterion {
    pub text: String,
    pub state: &'static str,
    pub met_on: Option<NaiveDate>,
    pub met_commit: Option<String>,
}

/// An HTML id for an update, from its path.
pub fn anchor(path: &str) -> String {
    let id: String = path
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    format!("update-{id}")
}

/// The project's lifecycle as bars on a 1000-wide axis from its creation
/// to today (state spans), with a tick where a criterion was met.
pub fn timeline_bar(
    events: &[Event],
    today: NaiveDate,
) -> (Vec<serde_json::Value>, Vec<serde_json::Value>) {
    let changes: Vec<(String, NaiveDate)> = events
        .iter()
        .filter(|e| matches!(e.event, EventKind::Created | EventKind::StatusChanged))
        .map(|e| (e.to.clone().unwrap_or_else(|| "none".to_owned()), e.date))
        .collect();
    let Some(start) = changes.first().map(|(_, d)| *d) else {
        return (Vec::new(), Vec::new());
    };
    let end = today.max(start);
    let days = (end - start).num_days().max(1) as f64;
    let x = |d: NaiveDate| ((d - start).num_days() as f64 / days * 1000.0).clamp(0.0, 1000.0);
    let ends: Vec<NaiveDate> = changes
        .iter()
        .skip(1)
        .map(|(_, d)| *d)
        .chain([end])
        .collect();
    let spans = changes
        .iter()
        .zip(ends)
        .map(|((state, from), to)| {
            let to = to.max(*from);
            serde_json::json!({
                "state": state, "from": from, "to": to,
                "x": format!("{:.1}", x(*from)), "w": format!("{:.1}", (x(to) - x(*from)).max(2.0)),
            })
        })
        .collect();
    let ticks = events
        .iter()
        .filter(|e| e.event == EventKind::CriterionMet)
        .map(|e| serde_json::json!({ "x": format!("{:.1}", x(e.date).min(997.0)), "date": e.date, "text": e.criterion }))
        .collect();
    (spans, ticks)
}
