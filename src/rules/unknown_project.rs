//! `unknown-project`: updates, decisions, recognitions and projects'
//! `parent` and `depends_on` name projects that exist.

use std::collections::HashSet;

use crate::diagnostic::Diagnostic;
use crate::diagnostic::Rule;
use crate::rules::Context;
use crate::suggest;
use crate::syntax::Located;
use crate::workspace::Workspace;

pub fn check(ws: &Workspace, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let ids: HashSet<&str> = ws.projects().map(|(_, p)| p.id.value.as_str()).collect();
    let mut report = |path: &str, names: &[Located<String>]| {
        for name in names.iter().filter(|n| !ids.contains(n.value.as_str())) {
            let help = suggest::help(&name.value, ids.iter().copied(), || {
                "use the `id` of a project under the projects folder".to_owned()
            });
            out.push(
                Diagnostic::new(
                    Rule::UnknownProject,
                    path,
                    name.span,
                    format!("no project has the id `{}`", name.value),
                )
                .with_help(help),
            );
        }
    };
    for (doc, update) in ws.updates().filter(|(d, _)| cx.wants(&d.path)) {
        report(&doc.path, &update.projects);
    }
    for (doc, decision) in ws.decisions().filter(|(d, _)| cx.wants(&d.path)) {
        report(&doc.path, &decision.projects);
    }
    for (doc, r) in ws.recognitions().filter(|(d, _)| cx.wants(&d.path)) {
        report(&doc.path, &r.projects);
    }
    for (doc, project) in ws.projects().filter(|(d, _)| cx.wants(&d.path)) {
        report(&doc.path, project.parent.as_slice());
        report(&doc.path, &project.depends_on);
    }
}
