//! When a project's next update is due, from its cadence, its newest update
//! and `grace_days` — one computation for the `stale-checkin` rule, the
//! `checkins` view and the agenda.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};

use super::{AddedDates, Workspace};
use crate::config::Config;
use crate::document::Project;

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

/// What check-ins count from: each project's newest update and, for a
/// project in flight with neither an update nor a `created` date, the date
/// of the commit that added its file (SPEC 1.2's default for `created`).
#[derive(Debug, Default)]
pub struct Dates<'a> {
    pub latest: HashMap<&'a str, NaiveDate>,
    added: HashMap<&'a str, NaiveDate>,
}

impl<'a> Dates<'a> {
    /// The dates of `ws`, with `added` from [`Workspace::added_dates`].
    pub fn new(ws: &'a Workspace, added: &AddedDates) -> Self {
        let added = ws
            .projects()
            .filter_map(|(doc, p)| Some((p.id.value.as_str(), *added.get(&doc.path)?)))
            .collect();
        Self {
            latest: ws.latest_updates(),
            added,
        }
    }

    /// The dates one project's check-in needs: the newest update naming
    /// it, without a map of every project's.
    pub fn of(ws: &'a Workspace, added: &AddedDates, id: &str) -> Self {
        let latest = ws
            .latest_updates_where(|_, u| u.projects.iter().any(|p| p.value == id))
            .into_iter()
            .filter(|(project, _)| *project == id)
            .map(|(project, l)| (project, l.date))
            .collect();
        let added = ws
            .projects()
            .filter(|(_, p)| p.id.value == id)
            .filter_map(|(doc, p)| Some((p.id.value.as_str(), *added.get(&doc.path)?)))
            .collect();
        Self { latest, added }
    }
}

/// The check-in state of a project in flight; `None` when it is not in
/// flight, has no cadence, or has no date to count from (no update, no
/// `created`, and a file not yet committed).
pub fn state(
    project: &Project,
    dates: &Dates<'_>,
    config: &Config,
    today: NaiveDate,
) -> Option<Checkin> {
    let status = project.status.as_ref()?.value;
    if !status.in_flight() {
        return None;
    }
    let cadence = project.checkin.as_ref().map_or(config.checkin, |c| c.value);
    let every = cadence.days()?;
    let id = project.id.value.as_str();
    let last_update = dates.latest.get(id).copied();
    let since = last_update
        .or(project.created.as_ref().map(|c| c.value))
        .or_else(|| dates.added.get(id).copied())?;
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
