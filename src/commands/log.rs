//! `goalpost log`: a project's timeline from git history.

use clap::{Args, ValueEnum};

use crate::cli::GlobalArgs;
use crate::commands::{self, ExitStatus, Output};
use crate::error::Error;
use crate::history::{self, Event};
use crate::suggest;

/// Show a project's timeline from git history
///
/// Every change to the project file — status, due date, owner, each success
/// criterion added, met, reopened, edited, withdrawn or removed — with the date
/// and commit that show it, plus the updates that name the project and the
/// decisions that reference it. Changes to criteria or the due date after the
/// project first became active are marked as goalpost moves.
///
/// History is walked first-parent from HEAD (or --rev). A moved or renamed
/// file keeps its history: identity is the project id.
///
/// Examples:
///   goalpost log search-latency
///   goalpost log search-latency --format json
///   goalpost log search-latency --rev origin/main
///   goalpost log search-latency --since 2026-07-01 --until 2026-09-30
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct LogArgs {
    /// The project id
    pub project: String,
    /// Output format
    #[arg(long, value_enum, default_value_t = LogFormat::Text)]
    pub format: LogFormat,
    /// Walk history from this revision instead of HEAD
    #[arg(long, value_name = "REV")]
    pub rev: Option<String>,
    /// Show only events on or after this date
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::cli::parse_date)]
    pub since: Option<chrono::NaiveDate>,
    /// Show only events on or before this date
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::cli::parse_date)]
    pub until: Option<chrono::NaiveDate>,
    /// Read a shallow clone's truncated history anyway
    #[arg(long)]
    pub allow_shallow: bool,
}

/// Output formats of `log`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

pub fn run(global: &GlobalArgs, args: &LogArgs, io: &mut Output<'_>) -> Result<ExitStatus, Error> {
    let config = commands::history_config(global)?;
    let repo = history::open(&config)?;
    let config = history::config_for(&repo, config, args.rev.as_deref())?;
    let options = history::Options {
        rev: args.rev.clone(),
        since: args.since,
        until: args.until,
        allow_shallow: args.allow_shallow,
        project: Some(args.project.clone()),
        cache: global.cache(),
        ..history::Options::default()
    };
    history::ordered(args.since, args.until)?;
    let progress = commands::progress(global);
    let history = history::read_with_progress(&repo, &config, &options, &|| progress.inc(1))?;
    progress.finish_and_clear();
    if let Some(note) = history.cut_note() {
        writeln!(io.err, "note: {note}")?;
    }
    for note in &history.cache_notes {
        writeln!(io.err, "note: {note}")?;
    }
    if !global.quiet {
        for note in history.caveats() {
            writeln!(io.err, "note: {note}")?;
        }
    }
    // A rename that changed the id the file name gives: follow it.
    let mut id = args.project.as_str();
    while let Some(next) = history.renamed.get(id).filter(|n| *n != &args.project) {
        writeln!(
            io.err,
            "note: `{id}` was renamed to `{next}`; its history goes on there"
        )?;
        id = next;
    }
    let Some(versions) = history.projects.get(id) else {
        let hint = if history.projects.is_empty() {
            "no project has any history yet".to_owned()
        } else {
            suggest::known_help(
                "project",
                &args.project,
                history.projects.keys().map(String::as_str),
            )
        };
        let period = match (args.since, args.until) {
            (None, None) => String::new(),
            (since, until) => format!(
                " from {} to {}",
                since.map_or("the start".to_owned(), |d| d.to_string()),
                until.map_or("the end".to_owned(), |d| d.to_string())
            ),
        };
        return Err(Error::usage(format!(
            "no project `{}` in the history of {}{period}",
            args.project,
            options.rev.as_deref().unwrap_or("HEAD")
        ))
        .with_help(hint));
    };
    let events = history::project_events(&history, id);

    if !global.quiet {
        for note in history
            .notes
            .iter()
            .filter(|n| versions.iter().any(|v| v.path == n.path))
        {
            let commit = &history.commits[note.commit];
            writeln!(
                io.err,
                "note: skipped {} at {} ({}): {}",
                note.path,
                commit.short(),
                commit.date(),
                note.message
            )?;
        }
    }
    match args.format {
        LogFormat::Json => {
            serde_json::to_writer_pretty(&mut *io.out, &events).map_err(std::io::Error::from)?;
            writeln!(io.out)?;
        }
        LogFormat::Text => {
            let title = versions
                .iter()
                .rev()
                .find_map(|v| v.doc.as_ref()?.title.as_ref().map(|t| t.value.clone()));
            match title {
                Some(title) => writeln!(io.out, "{}: {title}\n", id)?,
                None => writeln!(io.out, "{}\n", id)?,
            }
            for event in &events {
                writeln!(io.out, "{}", line(event))?;
            }
        }
    }
    Ok(ExitStatus::Success)
}

/// One event as a line: date, short commit, event, details, author.
fn line(e: &Event) -> String {
    let details = e.details();
    let commit = history::short(&e.commit);
    let marker = if e.goalpost_move {
        "  [goalpost move]"
    } else {
        ""
    };
    format!(
        "{}  {}  {:<19} {}  ({}){}",
        e.date,
        commit,
        e.event.as_str(),
        details,
        e.author,
        marker
    )
}
