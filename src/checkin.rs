//! When a project's next update is due, from its cadence, its newest update
//! and `grace_days` — one computation for the `stale-checkin` rule and the
//! `checkins` view.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};

use crate::config::Config;
use crate::document::Project;
use crate::workspace::Workspace;

/// Where a project stands against its check-in cadence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Checkin {
    /// The newest update naming the project, if any.
    pub last_update: Option<NaiveDate>,
    /// What the cadence counts from: the newest update, else `created`.
    pub since: NaiveDate,
    /// The cadence in days.
    pub every: u32,
    /// `since` + cadence: when the next update is due.
    pub due: NaiveDate,
    /// Days past `due` + `grace_days` (positive means late).
    pub days_late: i64,
}

impl Checkin {
    /// Late: the next update is more than `grace_days` past due.
    pub fn is_late(&self) -> bool {
        self.days_late > 0
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

/// The check-in state of a project in flight; `None` when it is not in
/// flight, has no cadence, or has neither an update nor a `created` date.
pub fn state(
    project: &Project,
    latest: &HashMap<&str, NaiveDate>,
    config: &Config,
    today: NaiveDate,
) -> Option<Checkin> {
    let status = project.status.as_ref()?.value;
    if !status.in_flight() {
        return None;
    }
    let cadence = project.checkin.as_ref().map_or(config.checkin, |c| c.value);
    let every = cadence.days()?;
    let last_update = latest.get(project.id.value.as_str()).copied();
    let since = last_update.or(project.created.as_ref().map(|c| c.value))?;
    let due = since + Duration::days(i64::from(every));
    let days_late = (today - due).num_days() - i64::from(config.grace_days);
    Some(Checkin {
        last_update,
        since,
        every,
        due,
        days_late,
    })
}
