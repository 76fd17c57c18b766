//! `goalpost blockers`: what is in people's way right now.

use clap::Args;

use crate::cli::GlobalArgs;
use crate::commands::{self, ExitStatus, Output, TableFormat};
use crate::error::Error;
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
    commands::emit(
        io,
        args.format,
        &rows,
        "No open blockers.",
        &["BLOCKER", "AGE", "PROJECT", "AUTHOR", "RAISED IN"],
        |r: &blockers::Row| {
            [
                r.text.clone(),
                format!("{} d", r.age_days),
                r.project.clone(),
                r.author.clone(),
                r.path.clone(),
            ]
        },
    )?;
    Ok(ExitStatus::Success)
}
