//! `stale-checkin`: work in flight should be reported on at its cadence.
//!
//! The newest update that names the project is compared with today; a project
//! without any update is measured from its `created` date when it has one.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::diagnostic::Diagnostic;
use crate::rules::{Context, Rule};
use crate::workspace::Workspace;

pub fn check(ws: &Workspace, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let latest = latest_updates(ws);
    for (doc, project) in ws.projects() {
        let Some(status) = &project.status else {
            continue;
        };
        if !status.value.in_flight() {
            continue;
        }
        let cadence = project
            .checkin
            .as_ref()
            .map_or(cx.config.checkin, |c| c.value);
        let Some(days) = cadence.days() else { continue };
        let last = latest.get(project.id.value.as_str()).copied();
        let Some(since) = last.or(project.created.as_ref().map(|c| c.value)) else {
            continue;
        };
        let allowed = i64::from(days) + i64::from(cx.config.grace_days);
        let age = (cx.today - since).num_days();
        if age <= allowed {
            continue;
        }
        let span = project.checkin.as_ref().map_or(status.span, |c| c.span);
        let message = match last {
            Some(date) => format!(
                "project `{}` has had no update since {date} ({age} days; its check-in is every {days} days)",
                project.id.value
            ),
            None => format!(
                "project `{}` has had no update since it was created on {since} ({age} days; its check-in is every {days} days)",
                project.id.value
            ),
        };
        out.push(
            Diagnostic::new(Rule::StaleCheckin, &doc.path, span, message).with_help(format!(
                "write an update: `goalpost new update --project {}`",
                project.id.value
            )),
        );
    }
}

/// The date of the newest update naming each project.
pub fn latest_updates(ws: &Workspace) -> HashMap<&str, NaiveDate> {
    let mut latest: HashMap<&str, NaiveDate> = HashMap::new();
    for (_, update) in ws.updates() {
        let Some(date) = &update.date else { continue };
        for project in &update.projects {
            let entry = latest.entry(project.value.as_str()).or_insert(date.value);
            *entry = (*entry).max(date.value);
        }
    }
    latest
}
