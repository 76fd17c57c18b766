//! `missing-success-criteria`: every project says what done means.

use crate::diagnostic::{Diagnostic, Rule};
use crate::rules::Context;
use crate::workspace::Workspace;

pub fn check(ws: &Workspace, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    // The help names the repository's own heading (`sections.criteria`).
    let heading = cx
        .config
        .sections
        .criteria
        .first()
        .map_or("Success criteria", String::as_str);
    for (doc, project) in ws.projects().filter(|(d, _)| cx.wants(&d.path)) {
        // Measures with a baseline and a target say what done means too.
        if !project.measures.is_empty() && project.criteria.is_empty() {
            continue;
        }
        match project.criteria_section {
            None => out.push(
                Diagnostic::new(
                    Rule::MissingSuccessCriteria,
                    &doc.path,
                    project.body,
                    format!("project `{}` has no success criteria section", project.id.value),
                )
                .with_help(format!(
                    "add a `## {heading}` section with at least one `- [ ]` item, e.g. `- [ ] p95 latency < 200 ms for 7 days`"
                )),
            ),
            Some(heading) if project.criteria.is_empty() => out.push(
                Diagnostic::new(
                    Rule::MissingSuccessCriteria,
                    &doc.path,
                    heading,
                    "the success criteria section holds no task-list item",
                )
                .with_help("list each criterion as a task item: `- [ ] <something checkable>`"),
            ),
            Some(_) => {}
        }
    }
}
