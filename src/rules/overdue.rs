//! `overdue`: a due date that has passed on work that is not closed.

use crate::diagnostic::Diagnostic;
use crate::diagnostic::Rule;
use crate::rules::Context;
use crate::workspace::Workspace;

pub fn check(ws: &Workspace, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (doc, project) in ws.projects().filter(|(d, _)| cx.wants(&d.path)) {
        let (Some(due), Some(status)) = (&project.due, &project.status) else {
            continue;
        };
        if status.value.closed() || due.value >= cx.today {
            continue;
        }
        let days = (cx.today - due.value).num_days();
        out.push(
            Diagnostic::new(
                Rule::Overdue,
                &doc.path,
                due.span,
                format!(
                    "project `{}` was due {} ({} day{} ago) and is still `{}`",
                    project.id.value,
                    due.value,
                    days,
                    if days == 1 { "" } else { "s" },
                    status.value.as_str()
                ),
            )
            .with_help(
                "mark it `done` if it was delivered, or move `due` and record why in a decision",
            ),
        );
    }
}
