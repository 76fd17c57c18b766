//! `goalpost blockers`: what is in people's way right now.

use clap::Args;

use crate::cli::GlobalArgs;
use crate::commands::{self, ExitStatus, Output, TableFormat};
use crate::error::Error;
use crate::render::table::{Cell, Table};
use crate::views::{Who, blockers};

/// List open blockers across projects, oldest first
///
/// A blocker is open while its author's latest update for the project still
/// lists it; its age runs from the first update of the unbroken run that
/// lists it (same text after trimming and case-folding). Reads the working
/// tree only.
///
/// Examples:
///   goalpost blockers
///   goalpost blockers --team search
///   goalpost blockers --person alice --format json
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct BlockersArgs {
    /// Only blockers this person raised
    #[arg(long, value_name = "HANDLE")]
    pub person: Option<String>,
    /// Only blockers raised by members of this team
    #[arg(long, value_name = "TEAM")]
    pub team: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    pub format: TableFormat,
}

pub fn run(
    global: &GlobalArgs,
    args: &BlockersArgs,
    io: &mut Output<'_>,
) -> Result<ExitStatus, Error> {
    let (config, ws) = commands::load(global, io)?;
    let who = Who::resolve(args.person.as_deref(), args.team.as_deref(), &config, &ws)?;
    let rows = blockers::rows(&ws, &who, global.today());
    // A path gives way before the words of a blocker do.
    let table = Table {
        header: ["BLOCKER", "AGE", "PROJECT", "AUTHOR", "RAISED IN"],
        shrink: &[4, 0],
    };
    commands::emit(
        io,
        args.format,
        &rows,
        "No open blockers.",
        &table,
        |r: &blockers::Row| {
            [
                Cell::from(r.text.clone()),
                Cell::from(format!("{} d", r.age_days)),
                Cell::from(r.project.clone()),
                Cell::from(r.author.clone()),
                Cell::path(r.path.clone()),
            ]
        },
    )?;
    Ok(ExitStatus::Success)
}
