//! Whose update is due: projects in flight whose next update is due within
//! two days, or late (cadence plus `grace_days` past their newest update).

use chrono::NaiveDate;
use serde::Serialize;

use super::Who;
use crate::config::Config;
use crate::workspace::checkin::{self, Dates};
use crate::workspace::{AddedDates, Workspace};

/// One project due for an update (the `checkins --format json` contract).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Row {
    pub project: String,
    pub owner: Option<String>,
    pub last_update: Option<NaiveDate>,
    pub due: NaiveDate,
    /// Days past the due date plus grace (positive: late).
    pub days_late: i64,
    pub late: bool,
    pub cadence_days: u32,
}

/// The projects `who` owns whose update is due within two days or late,
/// soonest due first.
pub fn rows(
    ws: &Workspace,
    config: &Config,
    who: &Who,
    added: &AddedDates,
    today: NaiveDate,
) -> Vec<Row> {
    let dates = Dates::new(ws, added);
    let mut rows: Vec<Row> = ws
        .projects()
        .filter(|(_, p)| who.owns(p))
        .filter_map(|(_, p)| {
            let state = checkin::state(p, &dates, config, today)?;
            // Due within two days, or already due.
            ((state.due - today).num_days() <= 2).then(|| Row {
                project: p.id.value.clone(),
                owner: p.owner.as_ref().map(|o| o.value.clone()),
                last_update: state.last_update,
                due: state.due,
                days_late: state.days_late,
                late: state.is_late(),
                cadence_days: state.every,
            })
        })
        .collect();
    rows.sort_by(|a, b| (a.due, &a.project).cmp(&(b.due, &b.project)));
    rows
}
