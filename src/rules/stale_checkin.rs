//! `stale-checkin`: work in flight should be reported on at its cadence.
//!
//! The newest update that names the project is compared with today; a project
//! without any update is measured from its `created` date, which defaults to
//! the date of the commit that added its file (SPEC 1.2).

use crate::diagnostic::Diagnostic;
use crate::diagnostic::Rule;
use crate::rules::Context;
use crate::workspace::Workspace;
use crate::workspace::checkin;

pub fn check(ws: &Workspace, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    // Judging one document (the editor's): only a project has a check-in,
    // and only its own updates count.
    let dates = match cx.focus {
        None => checkin::Dates::new(ws, cx.added),
        Some(path) => match ws.document(path).and_then(|d| d.project()) {
            Some(project) => checkin::Dates::of(ws, cx.added, &project.id.value),
            None => return,
        },
    };
    for (doc, project) in ws.projects().filter(|(d, _)| cx.wants(&d.path)) {
        let Some(state) = checkin::state(project, &dates, cx.config, cx.today) else {
            continue;
        };
        if !state.is_late() {
            continue;
        }
        let Some(status) = &project.status else {
            continue;
        };
        let span = project.checkin.as_ref().map_or(status.span, |c| c.span);
        let (id, days, age) = (
            &project.id.value,
            state.every,
            (cx.today - state.since).num_days(),
        );
        let message = match state.last_update {
            Some(date) => format!(
                "project `{id}` has had no update since {date} ({age} days; its check-in is every {days} days)"
            ),
            None => format!(
                "project `{id}` has had no update since it was created on {} ({age} days; its check-in is every {days} days)",
                state.since
            ),
        };
        out.push(
            Diagnostic::new(Rule::StaleCheckin, &doc.path, span, message).with_help(format!(
                "write an update: `goalpost new update --project {id}`"
            )),
        );
    }
}
