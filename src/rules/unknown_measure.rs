//! `unknown-measure`: a value an update reports belongs to a measure of a
//! project the update names.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Rule};
use crate::document::Project;
use crate::rules::Context;
use crate::suggest;
use crate::workspace::Workspace;

pub fn check(ws: &Workspace, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let projects: HashMap<&str, &Project> = ws
        .projects()
        .map(|(_, p)| (p.id.value.as_str(), p))
        .collect();
    for (doc, update) in ws.updates().filter(|(d, _)| cx.wants(&d.path)) {
        for reported in &update.measures {
            let Some(project) = reported.project.as_deref() else {
                continue;
            };
            let named = update.projects.iter().map(|p| p.value.as_str());
            if !update.projects.iter().any(|p| p.value == project) {
                let help = suggest::help(project, named.clone(), || {
                    format!(
                        "report measures of the projects this update names: {}",
                        named.collect::<Vec<_>>().join(", ")
                    )
                });
                out.push(
                    Diagnostic::new(
                        Rule::UnknownMeasure,
                        &doc.path,
                        reported.key.span,
                        format!("this update does not name project `{project}`"),
                    )
                    .with_help(help),
                );
                continue;
            }
            // A project that does not exist is `unknown-project`'s to say.
            let Some(defined) = projects.get(project) else {
                continue;
            };
            if defined.measures.iter().any(|m| m.id.value == reported.id) {
                continue;
            }
            let ids = defined.measures.iter().map(|m| m.id.value.as_str());
            let help = suggest::help(&reported.id, ids.clone(), || {
                if defined.measures.is_empty() {
                    format!("define it under `measures:` in project `{project}` first")
                } else {
                    format!(
                        "the measures of `{project}` are {}",
                        ids.collect::<Vec<_>>().join(", ")
                    )
                }
            });
            out.push(
                Diagnostic::new(
                    Rule::UnknownMeasure,
                    &doc.path,
                    reported.key.span,
                    format!("project `{project}` has no measure `{}`", reported.id),
                )
                .with_help(help),
            );
        }
    }
}
