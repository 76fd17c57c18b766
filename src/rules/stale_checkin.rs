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
    let dates = checkin::Dates::new(ws, cx.added);
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
