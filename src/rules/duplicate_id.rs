//! `duplicate-id`: project ids and decision numbers are unique, and no two
//! ids differ only in case (on macOS and Windows `A.md` and `a.md` are one
//! file, and so would their pages be). Both places are reported, since
//! either may be the one to rename.

use std::collections::BTreeMap;

use crate::diagnostic::Diagnostic;
use crate::diagnostic::Rule;
use crate::rules::Context;
use crate::workspace::Workspace;

pub fn check(ws: &Workspace, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let mut projects: BTreeMap<&str, Vec<_>> = BTreeMap::new();
    for (doc, project) in ws.projects() {
        projects
            .entry(&project.id.value)
            .or_default()
            .push((doc, project));
    }
    for (id, group) in projects.iter().filter(|(_, g)| g.len() > 1) {
        for (doc, project) in group.iter().filter(|(d, _)| cx.wants(&d.path)) {
            let others = others(group.iter().map(|(d, _)| d.path.as_str()), &doc.path);
            out.push(
                Diagnostic::new(
                    Rule::DuplicateId,
                    &doc.path,
                    project.id.span,
                    format!("project id `{id}` is also used by {others}"),
                )
                .with_help("give one of the projects a different `id` (ids must be unique)"),
            );
        }
    }

    // Ids that differ only in case: each distinct id once per group.
    let mut folded: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for id in projects.keys() {
        folded.entry(id.to_ascii_lowercase()).or_default().push(id);
    }
    for ids in folded.values().filter(|ids| ids.len() > 1) {
        for id in ids {
            for (doc, project) in projects[id].iter().filter(|(d, _)| cx.wants(&d.path)) {
                let twins = ids
                    .iter()
                    .filter(|other| *other != id)
                    .flat_map(|other| projects[other].iter().map(|(d, _)| d.path.as_str()));
                let others = others(twins, &doc.path);
                out.push(
                    Diagnostic::new(
                        Rule::DuplicateId,
                        &doc.path,
                        project.id.span,
                        format!(
                            "project id `{id}` differs only in case from the one in {others}: on macOS and Windows their files, and their site pages, are one"
                        ),
                    )
                    .with_help("rename one of the projects so that the ids differ in more than case"),
                );
            }
        }
    }

    let mut decisions: BTreeMap<u64, Vec<_>> = BTreeMap::new();
    for (doc, decision) in ws.decisions() {
        if let Some(number) = decision.number {
            decisions.entry(number).or_default().push(doc);
        }
    }
    let next_free = decisions.keys().next_back().map_or(1, |n| n + 1);
    for (number, group) in decisions.iter().filter(|(_, g)| g.len() > 1) {
        for doc in group.iter().filter(|d| cx.wants(&d.path)) {
            let others = others(group.iter().map(|d| d.path.as_str()), &doc.path);
            out.push(
                Diagnostic::new(
                    Rule::DuplicateId,
                    &doc.path,
                    crate::syntax::Span::START,
                    format!("decision number {number} is also used by {others}"),
                )
                .with_help(format!(
                    "rename one of them to the next free number, {next_free:04}"
                )),
            );
        }
    }
}

/// The first other place, and how many more there are: naming every other
/// place in every finding would grow with the square of their number.
fn others<'a>(paths: impl Iterator<Item = &'a str>, me: &str) -> String {
    let mut others = paths.filter(|p| *p != me);
    let Some(first) = others.next() else {
        return String::new();
    };
    match others.count() {
        0 => format!("`{first}`"),
        1 => format!("`{first}` and 1 other file"),
        n => format!("`{first}` and {n} other files"),
    }
}
