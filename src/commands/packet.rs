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
///   goalpost packet --team search --each -o packets-q3/
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
    /// With --team: one packet per member and the team's, from one history
    /// walk, as files in the folder -o names (<handle>.<ext>, team-<team>.<ext>)
    #[arg(long, requires = "team", conflicts_with_all = ["person", "project"])]
    pub each: bool,
}

pub fn run(
    global: &GlobalArgs,
    args: &PacketArgs,
    io: &mut Output<'_>,
) -> Result<ExitStatus, Error> {
    let config = commands::history_config(global)?;
    let today = global.today();
    let request = Request {
        subject: subject(args),
        period: args.report.period(today)?,
        rev: args.rev.clone(),
        allow_shallow: args.report.allow_shallow,
        cache: global.cache(),
        today,
    };
    if args.each {
        return each(global, args, &config, &request, io);
    }
    commands::run_report(global, io, &args.report, &config.root, |tick| {
        packet::generate(&config, &request, tick)
    })
}

/// `--each`: every member's packet and the team's, as files in one folder.
/// Nothing is written unless every file can be: an existing one (without
/// `--force`) stops the batch before the first write.
fn each(
    global: &GlobalArgs,
    args: &PacketArgs,
    config: &crate::config::Config,
    request: &Request,
    io: &mut Output<'_>,
) -> Result<ExitStatus, Error> {
    let Some(dir) = args.report.output.as_deref() else {
        return Err(Error::usage(
            "`--each` writes one file per packet: name their folder with `-o DIR`",
        ));
    };
    // Nothing is written through a link, in the folder or on the way to it.
    let folder = crate::write::Folder::open(dir, &config.root, "the packets")?;
    let progress = commands::progress(global);
    let packets = packet::generate_each(config, request, &|| progress.inc(1))?;
    progress.finish_and_clear();
    let format = args.report.format;
    let mut files = Vec::new();
    for packet in &packets {
        let stem = match packet.subject.kind {
            "team" => format!("team-{}", packet.subject.id),
            _ => packet.subject.id.clone(),
        };
        if !plain_file_name(&stem) {
            return Err(Error::usage(format!(
                "`{stem}` cannot be a file name; rename the handle or team in goalpost.yml to letters, digits, `-`, `_` and `.`"
            )));
        }
        let name = format!("{stem}.{}", format.extension());
        let path = folder
            .reach(&name)
            .map_err(|why| why.error(folder.path(), &name))?;
        if !args.report.force && std::fs::symlink_metadata(&path).is_ok() {
            return Err(Error::Exists(dir.join(name)));
        }
        files.push((name, packet::render(packet, format, &config.root)?));
    }
    // The notes are the walk's, the same for every packet: said once.
    let notes = packets
        .first()
        .map(|p| p.remarks.warnings.as_slice())
        .unwrap_or_default();
    if !global.quiet {
        for note in notes {
            writeln!(io.err, "note: {note}")?;
        }
    }
    let replace = if args.report.force {
        crate::write::Replace::Allowed
    } else {
        crate::write::Replace::Never
    };
    for (name, text) in &files {
        folder.write(name, text.as_bytes(), replace, true)?;
        if !global.quiet {
            writeln!(io.err, "wrote {}", dir.join(name).display())?;
        }
    }
    Ok(ExitStatus::Success)
}

/// Whether `name` is one plain file name: no folder separators, no leading
/// dot, nothing invisible.
fn plain_file_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && name.chars().all(|c| {
            !c.is_control() && !matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')
        })
}

/// The subject the flags name (clap requires exactly one).
fn subject(args: &PacketArgs) -> Subject {
    match (&args.project, &args.team, &args.person) {
        (Some(id), _, _) => Subject::Project(id.clone()),
        (_, Some(team), _) => Subject::Team(team.clone()),
        (_, _, person) => Subject::Person(person.clone().unwrap_or_default()),
    }
}
