//! A page per project: its definition of done (criteria, and measures with
//! their charts), body, timeline, updates and decisions.

use std::collections::{BTreeSet, HashMap};

use super::Renderer;
use super::pages::{self, ProjectRow, Sources, safe_name};
use crate::document::{Document, Update};
use crate::error::Error;
use crate::history::EventKind;
use crate::workspace::relations::Relations;

/// A page per project: definition of done, body, timeline, updates and
/// decisions; every timeline from one pass over history.
pub(super) fn project_pages(
    out: &mut Renderer<'_>,
    sources: &Sources<'_>,
    rows: &[ProjectRow],
    decisions: &[pages::DecisionRow],
    paths: &HashMap<String, String>,
    notes: &mut Vec<String>,
) -> Result<(), Error> {
    let row_of: HashMap<&str, &ProjectRow> = rows.iter().map(|r| (r.id.as_str(), r)).collect();
    let mut updates_of: HashMap<&str, Vec<(&Document, &Update)>> = HashMap::new();
    for (doc, u) in sources.ws.updates() {
        let named: BTreeSet<&str> = u.projects.iter().map(|p| p.value.as_str()).collect();
        for id in named {
            updates_of.entry(id).or_default().push((doc, u));
        }
    }
    let relations = Relations::of(sources.ws);
    for (doc, project) in sources.ws.projects() {
        let id = project.id.value.as_str();
        if !safe_name(id) {
            notes.push(format!(
                "{}: the id `{id}` cannot be a file name, so the project has no page",
                doc.path
            ));
            continue;
        }
        let Some(row) = row_of.get(id) else {
            continue;
        };
        let timeline: Vec<serde_json::Value> = sources
            .events(id)
            .iter()
            .rev()
            // Each value reported is a point of its measure's chart.
            .filter(|e| e.event != EventKind::MeasureReported)
            .map(|e| {
                serde_json::json!({
                    "date": e.date, "commit": e.commit, "event": e.event.as_str(),
                    "details": e.details(), "author": e.author, "goalpost_move": e.goalpost_move,
                })
            })
            .collect();
        let (spans, ticks) = pages::timeline_bar(sources.events(id), sources.today);
        let mut updates = updates_of.remove(id).unwrap_or_default();
        updates.sort_by(|(a, ua), (b, ub)| {
            (ub.date.as_ref().map(|d| d.value), &b.path)
                .cmp(&(ua.date.as_ref().map(|d| d.value), &a.path))
        });
        let updates: Vec<serde_json::Value> = updates
            .into_iter()
            .map(|(doc, u)| {
                serde_json::json!({
                    "anchor": pages::anchor(&doc.path), "path": doc.path,
                    "date": u.date.as_ref().map(|d| d.value),
                    "author": u.author.as_ref().map(|a| a.value.clone()),
                    "confidence": u.confidence.as_ref().map(|c| c.value.as_str()),
                    "body": sources.body(doc, paths, "../"),
                })
            })
            .collect();
        // Its place among other projects: what it rolls up into and what
        // rolls up into it, what it waits for and what waits for it.
        let entry = |other: &str| {
            let row = row_of.get(other);
            serde_json::json!({
                "id": other,
                "title": row.map(|r| r.title.as_str()),
                "state": row.and_then(|r| r.state),
                "word": row.and_then(|r| r.word.as_deref()),
            })
        };
        let named =
            |of: &[&str]| -> Vec<serde_json::Value> { of.iter().map(|o| entry(o)).collect() };
        let related_projects: Vec<(&str, Vec<serde_json::Value>)> = [
            (
                "Part of",
                project.parent.iter().map(|p| entry(&p.value)).collect(),
            ),
            ("Includes", named(relations.children(id))),
            (
                "Waits for",
                project.depends_on.iter().map(|d| entry(&d.value)).collect(),
            ),
            ("Needed by", named(relations.dependants(id))),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .collect();
        let related: Vec<_> = decisions
            .iter()
            .filter(|d| d.projects.iter().any(|p| p.name == id))
            .collect();
        out.page(
            &sources.project_page(id),
            "site/project.html.j2",
            serde_json::json!({
                "project": row, "path": doc.path,
                "contributors": project.contributors.iter().map(|c| &c.value).collect::<Vec<_>>(),
                "tags": project.tags.iter().map(|t| &t.value).collect::<Vec<_>>(),
                "created": project.created.as_ref().map(|c| c.value),
                "criteria": sources.criteria(project),
                "measures": sources.reports.views(project, true),
                "body": sources.body(doc, paths, "../"),
                "timeline": timeline, "spans": spans, "ticks": ticks, "updates": updates, "decisions": related,
                "relations": related_projects,
            }),
        )?;
    }
    Ok(())
}
