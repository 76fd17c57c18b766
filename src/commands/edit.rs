//! `goalpost set`, `tick`, `untick` and `report`: change one value of a
//! project (or of an update) in place, checked before it is written (see
//! `crate::edit`).

use clap::Args;

use crate::cli::GlobalArgs;
use crate::commands::{self, ExitStatus, Output};
use crate::diagnostic::{self, Format};
use crate::document::{Document, Project};
use crate::edit::{self, Field, Plan};
use crate::error::Error;
use crate::suggest;
use crate::syntax::Decimal;
use crate::workspace::Workspace;

/// Change a project's status, due date or owner in place
///
/// Only the bytes of the value change: comments, key order, quoting, line
/// endings and the body stay as written. A field that is not there is added
/// as the frontmatter's last line. The repository is checked with the
/// change first: a change that would add an error is refused with the
/// finding (exit 1) and nothing is written.
///
/// Examples:
///   goalpost set search-latency status done
///   goalpost set search-latency due 2026-12-18
///   goalpost set search-latency owner ana
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct SetArgs {
    /// The project's id
    pub project: String,
    /// The field to change
    #[arg(value_enum)]
    pub field: Field,
    /// The new value: a status word, a YYYY-MM-DD date or a person's handle
    pub value: String,
}

/// Mark a success criterion met (`tick`) or open again (`untick`)
///
/// CRITERION is its number in the project's list (1 is the first item of
/// the criteria section, withdrawn ones counted) or the start of its text,
/// which must match exactly one criterion. Only the box's character changes;
/// the change is checked first, as with `set`.
///
/// Examples:
///   goalpost tick search-latency 2
///   goalpost tick search-latency "error rate"
///   goalpost untick search-latency 2
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct TickArgs {
    /// The project's id
    pub project: String,
    /// The criterion's number, or the start of its text
    pub criterion: String,
}

/// Report a measure's value in your update of the day
///
/// Writes `MEASURE: VALUE` into the `measures:` of the update you (or
/// --author) wrote on --date (default: today) about PROJECT: the value's
/// bytes are replaced where the update already reports it, else one line
/// is added. VALUE is a number without its unit. A value is reported in an
/// update, next to the words that explain it, and an update is a check-in:
/// without one, `report` says how to write it (`new update --measure`).
/// --as-of says when the value was true; a value already reported with an
/// `as_of` is only replaced with one. The change is checked first, as with
/// `set`.
///
/// Examples:
///   goalpost report support-fcr fcr 66
///   goalpost report support-fcr backlog 140 --author erin --date 2026-11-20
///   goalpost report support-fcr backlog 150 --as-of 2026-11-18
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct MeasureReportArgs {
    /// The project's id
    pub project: String,
    /// The measure's id, from the project's `measures:`
    pub measure: String,
    /// The value, a number without its unit (`66`, `4.4`, `-2`)
    #[arg(allow_hyphen_values = true)]
    pub value: String,
    /// Whose update it goes in (default: you, from the roster)
    #[arg(long, value_name = "HANDLE")]
    pub author: Option<String>,
    /// The update's date (default: today)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::cli::parse_date)]
    pub date: Option<chrono::NaiveDate>,
    /// When the value was true, if not the update's date (written
    /// `{ value: …, as_of: … }`)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::cli::parse_date)]
    pub as_of: Option<chrono::NaiveDate>,
}

pub fn set(global: &GlobalArgs, args: &SetArgs, io: &mut Output<'_>) -> Result<ExitStatus, Error> {
    let config = commands::config(global)?;
    let mut ws = Workspace::load(&config)?;
    let (doc, project) = find(&ws, &args.project)?;
    match args.field {
        Field::Status if config.lifecycle(&args.value).is_none() => {
            let words = config.status_words();
            return Err(suggest::unknown(
                "status",
                &args.value,
                words.iter().map(String::as_str),
            ));
        }
        Field::Due if crate::syntax::parse_date(&args.value).is_none() => {
            return Err(Error::usage(format!(
                "`{}` is not a real date; use YYYY-MM-DD",
                args.value
            )));
        }
        _ => {}
    }
    let text = edit::current_text(&config, doc)?;
    let plan = edit::set(&text, doc, project, args.field, &args.value)?;
    finish(global, io, &config, &mut ws, &plan)
}

pub fn tick(
    global: &GlobalArgs,
    args: &TickArgs,
    met: bool,
    io: &mut Output<'_>,
) -> Result<ExitStatus, Error> {
    let config = commands::config(global)?;
    let mut ws = Workspace::load(&config)?;
    let (doc, project) = find(&ws, &args.project)?;
    let (n, criterion) = edit::criterion(doc, project, &args.criterion)?;
    let text = edit::current_text(&config, doc)?;
    let plan = edit::tick(&text, doc, n, criterion, met)?;
    finish(global, io, &config, &mut ws, &plan)
}

pub fn report(
    global: &GlobalArgs,
    args: &MeasureReportArgs,
    io: &mut Output<'_>,
) -> Result<ExitStatus, Error> {
    let config = commands::config(global)?;
    let mut ws = Workspace::load(&config)?;
    let (_, project) = find(&ws, &args.project)?;
    let id = args.measure.trim();
    if project.measures.is_empty() {
        return Err(Error::usage(format!(
            "project `{}` has no measures to report",
            args.project
        ))
        .with_help("give it a `measures:` list (id, name, unit, baseline, target) first"));
    }
    if !project.measures.iter().any(|m| m.id.value == id) {
        return Err(suggest::unknown(
            "measure",
            id,
            project.measures.iter().map(|m| m.id.value.as_str()),
        ));
    }
    let value = args.value.trim();
    if Decimal::parse(value).is_none() {
        return Err(Error::usage(format!("`{value}` is not a number"))
            .with_help("write the value without its unit, e.g. `66` or `4.4`"));
    }
    let author = commands::new::person(
        &config,
        args.author.as_deref(),
        "--author",
        "report the value",
    )?;
    let date = args.date.unwrap_or_else(|| global.today());
    // The day's latest update by the author about the project (a second
    // one that day has a `-slug` and sorts after the first).
    let found = ws
        .updates()
        .filter(|(_, u)| {
            u.author.as_ref().is_some_and(|a| a.value == author)
                && u.date.as_ref().is_some_and(|d| d.value == date)
                && u.projects.iter().any(|p| p.value == args.project)
        })
        .max_by(|a, b| a.0.path.cmp(&b.0.path));
    let Some((doc, update)) = found else {
        return Err(Error::usage(format!(
            "no update by {author} on {date} is about `{}`, so there is nowhere to report the value",
            args.project
        ))
        .with_help(format!(
            "write the day's update with the value: `goalpost new update --project {} --author {author} --date {date} --measure {id}={value}`",
            args.project
        )));
    };
    let text = edit::current_text(&config, doc)?;
    let plan = edit::report(&text, doc, update, &args.project, id, value, args.as_of)?;
    finish(global, io, &config, &mut ws, &plan)
}

/// The project of this id in the working tree.
fn find<'w>(ws: &'w Workspace, id: &str) -> Result<(&'w Document, &'w Project), Error> {
    ws.projects()
        .find(|(_, p)| p.id.value == id)
        .ok_or_else(|| {
            let ids: Vec<&str> = ws.projects().map(|(_, p)| p.id.value.as_str()).collect();
            suggest::unknown("project", id, ids)
        })
}

/// Guards the plan, then writes it and says what changed, or says why not.
fn finish(
    global: &GlobalArgs,
    io: &mut Output<'_>,
    config: &crate::config::Config,
    ws: &mut Workspace,
    plan: &Plan,
) -> Result<ExitStatus, Error> {
    if plan.after == plan.before {
        writeln!(
            io.out,
            "{}:{}: unchanged: {}",
            plan.path, plan.line, plan.summary
        )?;
        return Ok(ExitStatus::Success);
    }
    let added = edit::Guard::new(config, ws, global.today())?.check(ws, plan);
    if !added.is_empty() {
        let source = |path: &str| ws.document(path).map(|d| &d.source);
        diagnostic::render_one(Format::Human, &added, &source, io.err)?;
        writeln!(
            io.err,
            "error: not written: {} would add {} error{} ({})",
            plan.path,
            added.len(),
            if added.len() == 1 { "" } else { "s" },
            plan.summary
        )?;
        return Ok(ExitStatus::Findings);
    }
    edit::write(config, plan)?;
    writeln!(io.out, "{}:{}: {}", plan.path, plan.line, plan.summary)?;
    Ok(ExitStatus::Success)
}
