//! `goalpost packet`: a review packet for a person, project or team.

use clap::{ArgGroup, Args};

use crate::cli::{GlobalArgs, ReportArgs};
use crate::commands::{self, ExitStatus, Output};
use crate::error::Error;
use crate::packet::{self, Request, Subject};

/// Build a review packet from git history
///
/// What was promised, what was delivered and when, what got in the way, how
/// the goalposts moved and what was decided — for one person, project or team
/// over a period, every fact citing the commit that shows it. Activity
/// (commits, lines, hours) is deliberately not measured.
///
/// The default period is the last full calendar quarter before today.
///
/// Examples:
///   goalpost packet --person alice
///   goalpost packet --team search --since 2026-07-01 --until 2026-09-30
///   goalpost packet --project search-latency --format json
///   goalpost packet --person alice --format html -o alice-q3.html
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
#[command(group(ArgGroup::new("subject").required(true).args(["person", "project", "team"])))]
pub struct PacketArgs {
    /// A person's handle
    #[arg(long, value_name = "HANDLE")]
    pub person: Option<String>,
    /// A project id
    #[arg(long, value_name = "ID")]
    pub project: Option<String>,
    /// A team from the roster in goalpost.yml
    #[arg(long, value_name = "TEAM")]
    pub team: Option<String>,
    #[command(flatten)]
    pub report: ReportArgs,
    /// Read history from this revision instead of HEAD
    #[arg(long, value_name = "REV")]
    pub rev: Option<String>,
}

pub fn run(
    global: &GlobalArgs,
    args: &PacketArgs,
    io: &mut Output<'_>,
) -> Result<ExitStatus, Error> {
    let config = commands::config(global)?;
    let today = global.today();
    let request = Request {
        subject: subject(args),
        period: args.report.period(today)?,
        rev: args.rev.clone(),
        allow_shallow: args.report.allow_shallow,
        today,
    };
    let progress = commands::progress(global);
    let packet = packet::generate(&config, &request, &|| progress.inc(1))?;
    progress.finish_and_clear();
    let text = packet::render(&packet, args.report.format, &config.root)?;
    commands::report(
        global,
        io,
        &packet.warnings,
        &text,
        args.report.output.as_deref(),
        args.report.force,
    )?;
    Ok(ExitStatus::Success)
}

/// The subject the flags name (clap requires exactly one).
fn subject(args: &PacketArgs) -> Subject {
    match (&args.project, &args.team, &args.person) {
        (Some(id), _, _) => Subject::Project(id.clone()),
        (_, Some(team), _) => Subject::Team(team.clone()),
        (_, _, person) => Subject::Person(person.clone().unwrap_or_default()),
    }
}
