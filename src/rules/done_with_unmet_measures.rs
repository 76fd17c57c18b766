//! `done-with-unmet-measures`: a project is done when its measures reached
//! their targets, as `done-with-open-criteria` asks of its criteria.

use crate::diagnostic::{Diagnostic, Rule};
use crate::document::with_unit;
use crate::rules::Context;
use crate::vocabulary::Lifecycle;
use crate::workspace::Workspace;

pub fn check(ws: &Workspace, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let latest = ws.latest_measures();
    for (doc, project) in ws.projects().filter(|(d, _)| cx.wants(&d.path)) {
        if project.status.as_ref().map(|s| s.value) != Some(Lifecycle::Done) {
            continue;
        }
        for measure in &project.measures {
            let Some(target) = &measure.target else {
                continue;
            };
            let shown = |v: String| with_unit(&v, measure.unit.as_deref());
            let message = match latest.get(&(project.id.value.as_str(), measure.id.value.as_str()))
            {
                None => format!(
                    "project `{}` is done, but no update reported `{}`",
                    project.id.value, measure.id.value
                ),
                Some(l) if measure.reached(l.reported.value.value) == Some(false) => format!(
                    "project `{}` is done, but `{}` is {} (as of {}, in {}), short of its target {}",
                    project.id.value,
                    measure.id.value,
                    shown(l.reported.value.value.to_string()),
                    l.as_of,
                    l.document.path,
                    shown(target.value.to_string())
                ),
                Some(_) => continue,
            };
            out.push(
                Diagnostic::new(
                    Rule::DoneWithUnmetMeasures,
                    &doc.path,
                    measure.id.span,
                    message,
                )
                .with_help(
                    "report the value that reached the target in an update, or change the status",
                ),
            );
        }
    }
}
