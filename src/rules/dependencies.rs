//! `parent` and `depends_on` (their ids are `unknown-project`'s): neither
//! relation leads back to where it started (`dependency-cycle`, the whole
//! cycle named), a project is not due before what it waits for
//! (`dependency-due-after`), and it is not done while that is not
//! (`done-before-dependency`).

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostic::{Diagnostic, Rule};
use crate::document::{Document, Project};
use crate::rules::Context;
use crate::syntax::Located;
use crate::vocabulary::Lifecycle;
use crate::workspace::Workspace;

type ById<'a> = BTreeMap<&'a str, (&'a Document, &'a Project)>;

fn by_id(ws: &Workspace) -> ById<'_> {
    ws.projects()
        .map(|(d, p)| (p.id.value.as_str(), (d, p)))
        .collect()
}

/// `dependency-due-after`.
pub fn due_after(ws: &Workspace, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let by_id = by_id(ws);
    for (doc, project) in ws.projects().filter(|(d, _)| cx.wants(&d.path)) {
        for dependency in &project.depends_on {
            let Some((_, other)) = by_id.get(dependency.value.as_str()) else {
                continue;
            };
            if let (Some(mine), Some(theirs)) = (&project.due, &other.due)
                && theirs.value > mine.value
            {
                out.push(
                    Diagnostic::new(
                        Rule::DependencyDueAfter,
                        &doc.path,
                        dependency.span,
                        format!(
                            "`{}` is due {}, after this project's own due date {}",
                            dependency.value, theirs.value, mine.value
                        ),
                    )
                    .with_help("move one of the due dates, or drop the dependency"),
                );
            }
        }
    }
}

/// `done-before-dependency`.
pub fn done_before(ws: &Workspace, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let by_id = by_id(ws);
    let state = |p: &Project| p.status.as_ref().map(|s| s.value);
    for (doc, project) in ws.projects().filter(|(d, _)| cx.wants(&d.path)) {
        if state(project) != Some(Lifecycle::Done) {
            continue;
        }
        for dependency in &project.depends_on {
            let Some((_, other)) = by_id.get(dependency.value.as_str()) else {
                continue;
            };
            if state(other) != Some(Lifecycle::Done) {
                out.push(
                    Diagnostic::new(
                        Rule::DoneBeforeDependency,
                        &doc.path,
                        dependency.span,
                        format!(
                            "this project is done, but `{}`, which it depends on, is {}",
                            dependency.value,
                            state(other).map_or("without a status", Lifecycle::as_str)
                        ),
                    )
                    .with_help("finish the dependency first, or drop it from `depends_on`"),
                );
            }
        }
    }
}

/// `dependency-cycle`: each cycle of `parent` and of `depends_on`, once, at
/// its first project, on the entry that leads to the next.
pub fn cycles_of(ws: &Workspace, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let by_id = by_id(ws);
    for (field, edges) in [
        ("parent", relation(&by_id, |p| p.parent.iter().collect())),
        (
            "depends_on",
            relation(&by_id, |p| p.depends_on.iter().collect()),
        ),
    ] {
        for cycle in cycles(&edges) {
            let (doc, project) = by_id[cycle[0]];
            if !cx.wants(&doc.path) {
                continue;
            }
            let next = cycle.get(1).copied().unwrap_or(cycle[0]);
            let links: Vec<&Located<String>> = if field == "parent" {
                project.parent.iter().collect()
            } else {
                project.depends_on.iter().collect()
            };
            let at = links
                .iter()
                .find(|n| n.value == next)
                .map_or(project.id.span, |n| n.span);
            let mut shown: Vec<&str> = cycle.clone();
            shown.push(cycle[0]);
            out.push(
                Diagnostic::new(
                    Rule::DependencyCycle,
                    &doc.path,
                    at,
                    format!("`{field}` leads in a circle: {}", shown.join(" → ")),
                )
                .with_help(format!("remove one `{field}` link of the circle")),
            );
        }
    }
}

/// The edges of one relation among the projects that exist.
fn relation<'a>(
    by_id: &ById<'a>,
    targets: impl Fn(&'a Project) -> Vec<&'a Located<String>>,
) -> BTreeMap<&'a str, Vec<&'a str>> {
    by_id
        .iter()
        .map(|(id, (_, p))| {
            let to = targets(p)
                .into_iter()
                .map(|n| n.value.as_str())
                .filter(|n| by_id.contains_key(n))
                .collect();
            (*id, to)
        })
        .collect()
}

/// Every cycle of a directed graph, each once, starting at its smallest id
/// (a depth-first search from each node in order; a cycle is kept when it
/// returns to the start and passes no smaller node).
fn cycles<'a>(edges: &BTreeMap<&'a str, Vec<&'a str>>) -> Vec<Vec<&'a str>> {
    let mut found = Vec::new();
    let mut seen: BTreeSet<Vec<&str>> = BTreeSet::new();
    for &start in edges.keys() {
        let mut path = vec![start];
        walk(edges, start, &mut path, &mut found, &mut seen);
    }
    found
}

fn walk<'a>(
    edges: &BTreeMap<&'a str, Vec<&'a str>>,
    start: &'a str,
    path: &mut Vec<&'a str>,
    found: &mut Vec<Vec<&'a str>>,
    seen: &mut BTreeSet<Vec<&'a str>>,
) {
    // Long chains are not searched exhaustively: a repository's graphs are
    // shallow, and the first cycle through a node is the one to fix.
    if path.len() > 64 || found.len() > 100 {
        return;
    }
    let here = *path.last().unwrap_or(&start);
    for &next in edges.get(here).into_iter().flatten() {
        if next == start {
            if seen.insert(path.clone()) {
                found.push(path.clone());
            }
        } else if next > start && !path.contains(&next) {
            path.push(next);
            walk(edges, start, path, found, seen);
            path.pop();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cycles_are_found_once_from_their_smallest_id() {
        let edges: BTreeMap<&str, Vec<&str>> = [
            ("a", vec!["b"]),
            ("b", vec!["c"]),
            ("c", vec!["a"]),
            ("d", vec!["d"]),
            ("e", vec!["a"]),
        ]
        .into_iter()
        .collect();
        assert_eq!(cycles(&edges), vec![vec!["a", "b", "c"], vec!["d"]]);
    }
}
