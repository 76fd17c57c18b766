//! `goalpost set`, `tick` and `untick`: change one value of a project in
//! place, checked before it is written (see `crate::edit`).

use clap::Args;

use crate::cli::GlobalArgs;
use crate::commands::{self, ExitStatus, Output};
use crate::diagnostic::{self, Format, HumanOptions, Report};
use crate::document::{Document, Project};
use crate::edit::{self, Field, Plan};
use crate::error::Error;
use crate::suggest;
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
        let report = Report {
            diagnostics: &added,
            documents: 1,
            source: &source,
            git_prefix: "",
        };
        let human = HumanOptions {
            color: false,
            quiet: true,
        };
        diagnostic::render(Format::Human, &report, &human, io.err)?;
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
