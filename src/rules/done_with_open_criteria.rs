//! `done-with-open-criteria`: a project is not done while a criterion is open.

use crate::diagnostic::Diagnostic;
use crate::diagnostic::Rule;
use crate::document::CriterionState;
use crate::rules::Context;
use crate::vocabulary::Lifecycle;
use crate::workspace::Workspace;

pub fn check(ws: &Workspace, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (doc, project) in ws.projects().filter(|(d, _)| cx.wants(&d.path)) {
        let Some(status) = &project.status else {
            continue;
        };
        if status.value != Lifecycle::Done {
            continue;
        }
        for criterion in project
            .criteria
            .iter()
            .filter(|c| c.state == CriterionState::Open)
        {
            out.push(
                Diagnostic::new(
                    Rule::DoneWithOpenCriteria,
                    &doc.path,
                    criterion.span,
                    format!(
                        "project `{}` is done, but this criterion is still open",
                        project.id.value
                    ),
                )
                .with_help(
                    "check it off (`- [x]`) if it was met, strike it through (`- [ ] ~~…~~ why`) if it was dropped, or change the status",
                ),
            );
        }
    }
}
