//! `goalpost blockers`: what is in people's way right now.

use clap::Args;
use serde::Serialize;

use crate::ExitStatus;
use crate::cli::GlobalArgs;
use crate::commands::Output;
use crate::error::Error;
use crate::views::{self, List, TableFormat, Who};

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

#[derive(Debug, Serialize)]
struct Row {
    project: String,
    author: String,
    text: String,
    raised: chrono::NaiveDate,
    age_days: i64,
    /// The update that raised it.
    path: String,
}

pub fn run(
    global: &GlobalArgs,
    args: &BlockersArgs,
    io: &mut Output<'_>,
) -> Result<ExitStatus, Error> {
    let (config, ws) = views::load(global, io)?;
    let who = Who::from_flags(args.person.as_deref(), args.team.as_deref(), &config, &ws)?;
    let today = global.today();
    let rows: Vec<Row> = views::open(&ws, List::Blockers)
        .into_iter()
        .filter(|b| who.includes(&b.author))
        .map(|b| Row {
            age_days: b.days_open(today),
            project: b.project,
            author: b.author,
            text: b.text,
            raised: b.raised,
            path: b.raised_in,
        })
        .collect();
    views::emit(
        io,
        args.format,
        &rows,
        "No open blockers.",
        &["BLOCKER", "AGE", "PROJECT", "AUTHOR", "RAISED IN"],
        |r| {
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
