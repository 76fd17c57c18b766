//! `goalpost agenda`: a 1:1 agenda about unblocking someone, not about status.

use clap::{Args, ValueEnum};

use crate::cli::GlobalArgs;
use crate::commands::{self, ExitStatus, Output};
use crate::error::Error;
use crate::views::{Who, agenda};

/// Print a 1:1 agenda (markdown) for a person
///
/// Built to ask how to help: the person's open blockers and asks (oldest
/// first), projects at risk or off track per their latest update, late
/// check-ins, criteria still open on projects due within 30 days, proposed
/// decisions that involve them, and questions about what is in the way
/// (`agenda.questions` in goalpost.yml replaces them). No activity counts.
///
/// Examples:
///   goalpost agenda --person alice
///   goalpost agenda --person alice > 1on1-alice.md
///   goalpost agenda --person alice --format json
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct AgendaArgs {
    /// The person the 1:1 is with
    #[arg(long, value_name = "HANDLE")]
    pub person: String,
    /// Output format
    #[arg(long, value_enum, default_value_t = AgendaFormat::Md)]
    pub format: AgendaFormat,
}

/// Output formats of `agenda`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum AgendaFormat {
    /// A markdown document to open the 1:1 with
    Md,
    /// The agenda's items as JSON (`goalpost.agenda/1`)
    Json,
}

pub fn run(
    global: &GlobalArgs,
    args: &AgendaArgs,
    io: &mut Output<'_>,
) -> Result<ExitStatus, Error> {
    let (config, ws) = commands::load(global, io)?;
    Who::resolve(Some(&args.person), None, &config, &ws)?;
    let added = commands::added_dates(global, io, &config, &ws)?;
    let agenda = agenda::agenda(&ws, &config, &args.person, &added, global.today());
    match args.format {
        AgendaFormat::Md => io.out.write_all(agenda.to_markdown().as_bytes())?,
        AgendaFormat::Json => commands::json(io, &agenda)?,
    }
    Ok(ExitStatus::Success)
}
