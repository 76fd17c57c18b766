//! `goalpost blockers`: what is in people's way right now.

use clap::Args;

use crate::cli::GlobalArgs;
use crate::commands::{self, CAUTION, ExitStatus, Output, TableFormat};
use crate::error::Error;
use crate::render::table::{Cell, Table};
use crate::views::{Who, blockers};

/// List open blockers across projects, oldest first, and work waiting on other work
///
/// A blocker is open while its author's latest update for the project still
/// lists it; its age runs from the first update of the unbroken run that
/// lists it (same text after trimming and case-folding). After the
/// blockers come the projects whose `depends_on` names one that is
/// blocked, at risk or overdue, with that project's owner: who to ask.
/// Reads the working tree only.
///
/// Examples:
///   goalpost blockers
///   goalpost blockers --team search
///   goalpost blockers --person alice --format json
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct BlockersArgs {
    /// Only blockers this person raised, and waits of projects they own
    #[arg(long, value_name = "HANDLE")]
    pub person: Option<String>,
    /// Only blockers raised by members of this team, and waits of their projects
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
    let rows = blockers::items(&ws, &who, global.today());
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
        |item: &blockers::Item| match item {
            blockers::Item::Blocker(r) => [
                Cell::from(r.text.clone()),
                Cell::from(format!("{} d", r.age_days)),
                Cell::from(r.project.clone()),
                Cell::from(r.author.clone()),
                Cell::path(r.path.clone()),
            ],
            blockers::Item::Waiting(w) => {
                let on = &w.waiting_on;
                let ask = on
                    .owner
                    .as_ref()
                    .map_or(String::new(), |o| format!("; ask {o}"));
                [
                    Cell::from(format!("waiting on {} ({}{ask})", on.id, w.trouble()))
                        .styled(CAUTION),
                    Cell::from("-"),
                    Cell::from(w.project.clone()),
                    Cell::from(w.owner.clone().unwrap_or_else(|| "?".into())),
                    Cell::path(on.path.clone()),
                ]
            }
        },
    )?;
    Ok(ExitStatus::Success)
}
