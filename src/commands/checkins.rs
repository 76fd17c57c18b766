//! `goalpost checkins`: which projects are due for an update.

use clap::Args;
use serde::Serialize;

use crate::ExitStatus;
use crate::checkin;
use crate::cli::GlobalArgs;
use crate::commands::Output;
use crate::error::Error;
use crate::views::{self, TableFormat};

/// List projects whose next update is due within 2 days, or late
///
/// For each active, at-risk or blocked project, the next update is due one
/// cadence (`checkin`, or the default from goalpost.yml) after its newest
/// update (or its `created` date); it is late once `grace_days` have passed.
/// This is a view and exits 0 either way; the CI gate is the `stale-checkin`
/// rule of `goalpost check`.
///
/// Examples:
///   goalpost checkins
///   goalpost checkins --team search --format json
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct CheckinsArgs {
    #[command(flatten)]
    pub owners: views::OwnerArgs,
    /// Output format
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    pub format: TableFormat,
}

#[derive(Debug, Serialize)]
struct Row {
    project: String,
    owner: Option<String>,
    last_update: Option<chrono::NaiveDate>,
    due: chrono::NaiveDate,
    /// Days past the due date plus grace (positive: late).
    days_late: i64,
    late: bool,
    cadence_days: u32,
}

pub fn run(
    global: &GlobalArgs,
    args: &CheckinsArgs,
    io: &mut Output<'_>,
) -> Result<ExitStatus, Error> {
    let (config, ws) = views::load(global, io)?;
    let who = args.owners.resolve(&config, &ws)?;
    let today = global.today();
    let dates = checkin::Dates::gather(&ws, &config);
    let mut rows: Vec<Row> = ws
        .projects()
        .filter(|(_, p)| who.owns(p))
        .filter_map(|(_, p)| {
            let state = checkin::state(p, &dates, &config, today)?;
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
    views::emit(
        io,
        args.format,
        &rows,
        "No check-ins due.",
        &["PROJECT", "OWNER", "LAST UPDATE", "DUE", "STATE"],
        |r| {
            let days = (r.due - today).num_days();
            let state = if r.late {
                format!("late ({} d past due)", -days)
            } else if days < 0 {
                format!("due {} d ago, in grace", -days)
            } else if days == 0 {
                "due today".to_owned()
            } else {
                format!("due in {days} d")
            };
            [
                r.project.clone(),
                r.owner.clone().unwrap_or_else(|| "?".into()),
                r.last_update.map_or("none".into(), |d| d.to_string()),
                r.due.to_string(),
                state,
            ]
        },
    )?;
    Ok(ExitStatus::Success)
}
