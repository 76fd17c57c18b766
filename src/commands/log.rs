//! `goalpost log`: a project's timeline from git history.

use clap::{Args, ValueEnum};

use crate::cli::GlobalArgs;
use crate::commands::{self, ExitStatus, Output};
use crate::error::Error;
use crate::history::{self, Event};
use crate::suggest;

/// Show a project's (or a decision's) timeline from git history
///
/// Every change to the project file — status, due date, owner, each success
/// criterion added, met, reopened, edited, withdrawn or removed — with the date
/// and commit that show it, plus the updates that name the project and the
/// decisions that reference it. Changes to criteria or the due date after the
/// project first became active are marked as goalpost moves.
///
/// History is walked first-parent from HEAD (or --rev). A moved or renamed
/// file keeps its history: identity is the project id (and a rename git
/// reports carries it over to a new id). Given a decision's number (45, or
/// 0045), it shows that decision's status timeline: added, each change of
/// status (proposed → accepted → superseded), deleted.
///
/// Examples:
///   goalpost log search-latency
///   goalpost log search-latency --format json
///   goalpost log search-latency --rev origin/main
///   goalpost log search-latency --since 2026-07-01 --until 2026-09-30
///   goalpost log 45
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct LogArgs {
    /// The project id, or a decision's number
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
    let (heading, paths, events) = match history.projects.get(id) {
        Some(versions) => {
            let title = versions
                .iter()
                .rev()
                .find_map(|v| v.doc.as_ref()?.title.as_ref().map(|t| t.value.clone()));
            let heading = match title {
                Some(title) => format!("{id}: {title}"),
                None => id.to_owned(),
            };
            let paths: Vec<&str> = versions.iter().map(|v| v.path.as_str()).collect();
            (heading, paths, history::project_events(&history, id))
        }
        // Not a project: a decision's number or key has a status timeline.
        None => match decision(&history, id) {
            Some(versions) => {
                let last = versions.iter().rev().find_map(|v| v.doc.as_deref());
                let key = last.map_or(id, |d| d.key.as_str());
                let heading = match last.and_then(|d| d.title.as_ref()) {
                    Some(title) => format!("decision {key}: {}", title.value),
                    None => format!("decision {key}"),
                };
                let paths: Vec<&str> = versions.iter().map(|v| v.path.as_str()).collect();
                (heading, paths, history::decision_events(&history, versions))
            }
            None => return Err(not_found(&config, &history, args, &options)),
        },
    };

    if !global.quiet {
        for note in history
            .notes
            .iter()
            .filter(|n| paths.contains(&n.path.as_str()))
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
            writeln!(io.out, "{heading}\n")?;
            for event in &events {
                writeln!(io.out, "{}", line(event))?;
            }
        }
    }
    Ok(ExitStatus::Success)
}

/// The versions of the decision `id` names: its key, or its number
/// however padded (`45`, `0045`).
fn decision<'h>(
    history: &'h history::History,
    id: &str,
) -> Option<&'h [history::Version<crate::document::Decision>]> {
    if let Some(versions) = history.decisions.get(id) {
        return Some(versions);
    }
    let number =
        crate::vocabulary::first_number(id).filter(|_| id.bytes().all(|b| b.is_ascii_digit()))?;
    history
        .decisions
        .values()
        .find(|versions| {
            versions
                .iter()
                .any(|v| v.doc.as_deref().is_some_and(|d| d.number == Some(number)))
        })
        .map(Vec::as_slice)
}

/// Why `log ID` found nothing: a file by that name without frontmatter, a
/// history with no projects, or a likely misspelling.
fn not_found(
    config: &crate::config::Config,
    history: &history::History,
    args: &LogArgs,
    options: &history::Options,
) -> Error {
    let bare = crate::workspace::Workspace::load(config)
        .ok()
        .and_then(|ws| {
            ws.documents
                .iter()
                .find(|d| {
                    d.model.is_none()
                        && std::path::Path::new(&d.path)
                            .file_stem()
                            .and_then(|s| s.to_str())
                            == Some(args.project.as_str())
                })
                .map(|d| d.path.clone())
        });
    let hint = if let Some(path) = &bare {
        format!(
            "`{path}` has no frontmatter, so it is not a project yet: `log` follows a file from its first version that opens with `---` frontmatter (see `goalpost new project`)"
        )
    } else if history.projects.is_empty() {
        if history.decisions.is_empty() {
            "`log` follows projects and decisions (by number), and none has any history yet"
                .to_owned()
        } else {
            "`log` follows projects and decisions (by number); this history has decisions but no projects: give a decision's number".to_owned()
        }
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
    Error::usage(format!(
        "no project or decision `{}` in the history of {}{period}",
        args.project,
        options.rev.as_deref().unwrap_or("HEAD")
    ))
    .with_help(hint)
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
