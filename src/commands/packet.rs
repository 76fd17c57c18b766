//! `goalpost packet`: a review packet for a person, project or team.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use clap::{ArgGroup, Args, ValueEnum};

use crate::ExitStatus;
use crate::cli::GlobalArgs;
use crate::commands::{self, Output};
use crate::config::Config;
use crate::error::Error;
use crate::history::{self, History};
use crate::packet::{self, Inputs, Period, Subject, quarter_start};
use crate::suggest;
use crate::views::known_people;
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
    #[arg(long, value_enum, default_value_t = PacketFormat::Md)]
    pub format: PacketFormat,
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

/// Output formats of `packet`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PacketFormat {
    /// Markdown, from the template packet.md.j2
    Md,
    /// One self-contained HTML file, from the template packet.html.j2
    Html,
    /// The facts as JSON (`goalpost.packet/1`)
    Json,
}

pub fn run(
    global: &GlobalArgs,
    args: &PacketArgs,
    io: &mut Output<'_>,
) -> Result<ExitStatus, Error> {
    let config = commands::config(global)?;
    let today = global.today();
    let period = period(args, today)?;
    let repo = history::open(&config)?;
    let config = history::config_for(&repo, config, args.rev.as_deref())?;
    let options = history::Options {
        rev: args.rev.clone(),
        since: Some(period.since),
        allow_shallow: args.allow_shallow,
        ..history::Options::default()
    };
    let progress = commands::progress(global);
    let history = history::read_with_progress(&repo, &config, &options, &progress)?;
    progress.finish_and_clear();
    if history.head.is_none() {
        return Err(Error::usage(
            "this repository has no commits yet, so there is no history to review",
        ));
    }
    let subject = subject(args, &config, &history)?;
    // Lead times start at activation, which may lie before the period.
    let activations = match history.commits.first().filter(|c| c.baseline) {
        Some(baseline) => history::first_activations(&repo, &config, baseline.id)?,
        None => Default::default(),
    };
    let packet = packet::compute(&Inputs {
        history: &history,
        config: &config,
        subject: &subject,
        period,
        today,
        activations: &activations,
    });
    let text = match args.format {
        PacketFormat::Json => {
            let mut json = serde_json::to_string_pretty(&packet).map_err(std::io::Error::from)?;
            json.push('\n');
            json
        }
        PacketFormat::Md => packet::render(&packet, "packet.md.j2", &config.root)?,
        PacketFormat::Html => packet::render(&packet, "packet.html.j2", &config.root)?,
    };
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

/// The period from the flags; the last full quarter by default.
fn period(args: &PacketArgs, today: NaiveDate) -> Result<Period, Error> {
    let default = Period::last_quarter(today);
    let period = match (args.since, args.until) {
        (None, None) => default,
        (Some(since), None) => Period {
            since,
            until: today.max(since),
        },
        (None, Some(until)) => Period {
            since: quarter_start(until),
            until,
        },
        (Some(since), Some(until)) => Period { since, until },
    };
    if period.since > period.until {
        return Err(Error::usage(format!(
            "--since {} is after --until {}",
            period.since, period.until
        )));
    }
    Ok(period)
}

/// Resolves the subject, or fails with the nearest known names.
fn subject(args: &PacketArgs, config: &Config, history: &History) -> Result<Subject, Error> {
    if let Some(id) = &args.project {
        if !history.projects.contains_key(id) {
            return Err(suggest::unknown(
                "project",
                id,
                history.projects.keys().map(String::as_str),
            ));
        }
        return Ok(Subject::Project(id.clone()));
    }
    if let Some(team) = &args.team {
        let teams = config.teams();
        if !teams.contains(team.as_str()) {
            return Err(suggest::unknown("team", team, teams));
        }
        return Ok(Subject::Team(team.clone()));
    }
    let person = args.person.clone().unwrap_or_default();
    let known = people(config, history);
    if !known.contains(person.as_str()) {
        return Err(suggest::unknown("person", &person, known));
    }
    Ok(Subject::Person(person))
}

/// Everyone the roster or the history names.
fn people<'a>(config: &'a Config, history: &'a History) -> BTreeSet<&'a str> {
    known_people(
        config,
        history
            .projects
            .values()
            .flatten()
            .filter_map(|v| v.doc.as_deref()),
        history.updates.iter().filter_map(|v| v.doc.as_deref()),
        history
            .decisions
            .values()
            .flatten()
            .filter_map(|v| v.doc.as_deref()),
    )
}
