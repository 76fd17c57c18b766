//! `goalpost packet`: a review packet for a person, project or team.

use chrono::NaiveDate;
use clap::{ArgGroup, Args};

use crate::cli::GlobalArgs;
use crate::commands::{self, ExitStatus, Output};
use crate::error::Error;
use crate::packet::{self, Format, Period, Request, Subject};
use crate::write;

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
    /// First day of the period (default: start of the last full quarter)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::cli::parse_date)]
    pub since: Option<NaiveDate>,
    /// Last day of the period, included (default: end of the last full quarter)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::cli::parse_date)]
    pub until: Option<NaiveDate>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Md)]
    pub format: Format,
    /// Write the packet to FILE (atomically) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
    /// Replace FILE if it exists
    #[arg(long, requires = "output")]
    pub force: bool,
    /// Read history from this revision instead of HEAD
    #[arg(long, value_name = "REV")]
    pub rev: Option<String>,
    /// Read a shallow clone's truncated history anyway
    #[arg(long)]
    pub allow_shallow: bool,
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
        period: Period::from_flags(args.since, args.until, today)?,
        rev: args.rev.clone(),
        allow_shallow: args.allow_shallow,
        today,
    };
    let progress = commands::progress(global);
    let packet = packet::generate(&config, &request, &|| progress.inc(1))?;
    progress.finish_and_clear();
    if !global.quiet {
        for warning in &packet.warnings {
            writeln!(io.err, "note: {warning}")?;
        }
    }
    let text = packet::render(&packet, args.format, &config.root)?;
    match &args.output {
        Some(path) => {
            let replace = if args.force {
                write::Replace::Allowed
            } else {
                write::Replace::Never
            };
            write::atomic(path, text.as_bytes(), replace)?;
            if !global.quiet {
                writeln!(io.err, "wrote {}", path.display())?;
            }
        }
        None => io.out.write_all(text.as_bytes())?,
    }
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
