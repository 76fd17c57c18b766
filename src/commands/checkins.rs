//! `goalpost checkins`: which projects are due for an update.

use clap::Args;

use crate::cli::{GlobalArgs, OwnerArgs};
use crate::commands::{self, ALERT, CAUTION, ExitStatus, Output, TableFormat};
use crate::error::Error;
use crate::render::table::{Cell, Table};
use crate::views::checkins;

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
    pub owners: OwnerArgs,
    /// Output format
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    pub format: TableFormat,
}

pub fn run(
    global: &GlobalArgs,
    args: &CheckinsArgs,
    io: &mut Output<'_>,
) -> Result<ExitStatus, Error> {
    let (config, ws) = commands::load(global, io)?;
    let who = args.owners.resolve(&config, &ws)?;
    let today = global.today();
    let added = commands::added_dates(global, io, &config, &ws)?;
    let rows = checkins::rows(&ws, &config, &who, &added, today);
    // `UPDATE DUE`: when the next update is due, not the project (`status`).
    let table = Table {
        header: ["PROJECT", "OWNER", "LAST UPDATE", "UPDATE DUE", "STATE"],
        shrink: &[0],
    };
    commands::emit(
        io,
        args.format,
        &rows,
        "No check-ins due.",
        &table,
        |r: &checkins::Row| {
            let days = (r.due - today).num_days();
            let state = if r.late {
                Cell::from(format!("late ({} d past due)", -days)).styled(ALERT)
            } else if days < 0 {
                Cell::from(format!("due {} d ago, in grace", -days)).styled(CAUTION)
            } else if days == 0 {
                Cell::from("due today")
            } else {
                Cell::from(format!("due in {days} d"))
            };
            [
                Cell::from(r.project.clone()),
                Cell::from(r.owner.clone().unwrap_or_else(|| "?".into())),
                Cell::from(r.last_update.map_or("none".into(), |d| d.to_string())),
                Cell::from(r.due.to_string()),
                state,
            ]
        },
    )?;
    Ok(ExitStatus::Success)
}
