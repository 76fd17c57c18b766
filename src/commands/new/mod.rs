//! `goalpost new`: a new project, update or decision from its template.
//!
//! Every input is validated before anything is written, and the rendered
//! document is read and checked like `goalpost check` would, together with
//! the rest of the repository: a file that would not pass is never written,
//! whatever an overridden template says. The file is written atomically and
//! never replaces another unless `--force` is given. Only its path is printed
//! to stdout, so that `$EDITOR $(goalpost new …)` works.

mod decision;
mod person;
mod project;
mod recognition;
mod update;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::{Args, Subcommand};

use crate::cli::GlobalArgs;
use crate::commands::{self, ExitStatus, Output};
use crate::config::{Config, Selector};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document;
use crate::error::Error;
use crate::render::template::Templates;
use crate::rules::{self, Context};
use crate::suggest;
use crate::vocabulary::Kind;
use crate::workspace::{AddedDates, Workspace, slash_path};
use crate::write::{self, Replace};

pub use decision::NewDecisionArgs;
pub use person::person;
pub use project::NewProjectArgs;
pub use recognition::NewRecognitionArgs;
pub use update::NewUpdateArgs;

/// Create a project, update, decision or recognition from its template
///
/// Writes one new document, prints its path and nothing else on stdout, so
/// that `$EDITOR $(goalpost new …)` opens it. The document passes `goalpost
/// check` as written. Templates come built in and can be replaced per
/// repository by files in .goalpost/templates/ (project.md.j2, update.md.j2,
/// decision.md.j2, recognition.md.j2). An existing file is never replaced
/// without --force.
///
/// Examples:
///   goalpost new project search-latency --title "Cut search p95 below 200 ms" --owner alice
///   goalpost new update --project search-latency
///   goalpost new decision "Use Redis for the query cache" --project search-latency
///   goalpost new recognition "Kept search up through the migration" --person alice
///   $EDITOR $(goalpost new update --project search-latency)
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct NewArgs {
    #[command(subcommand)]
    pub what: NewCommand,
}

#[derive(Debug, Subcommand)]
pub enum NewCommand {
    Project(NewProjectArgs),
    Update(NewUpdateArgs),
    Decision(NewDecisionArgs),
    Recognition(NewRecognitionArgs),
}

/// Where `new decision` holds its lock while it picks a number and writes.
pub const LOCK_FILE: &str = ".goalpost-new-decision.lock";

pub fn run(global: &GlobalArgs, args: &NewArgs, io: &mut Output<'_>) -> Result<ExitStatus, Error> {
    let config = commands::config(global)?;
    // Two `new decision` runs at once would both take the next number: the
    // second waits until the first has written its file, then reads it.
    let _lock = match args.what {
        NewCommand::Decision(_) => Some(write::Lock::acquire(
            &config.root.join(LOCK_FILE),
            std::time::Duration::from_secs(10),
        )?),
        _ => None,
    };
    let workspace = Workspace::load(&config)?;
    let templates = Templates::load(&config.root)?;
    let planner = Planner {
        config: &config,
        workspace: &workspace,
        today: global.today(),
    };
    // A decision also claims its number by creating its file: should a file
    // of that name appear meanwhile, it tries the next number.
    let mut attempt = 0;
    let (planned, warnings, full) = loop {
        let planned = match &args.what {
            NewCommand::Project(a) => planner.project(a, &templates)?,
            NewCommand::Update(a) => planner.update(a, &templates)?,
            NewCommand::Decision(a) => planner.decision(a, &templates, attempt)?,
            NewCommand::Recognition(a) => planner.recognition(a, &templates)?,
        };
        let warnings = planner.verify(&planned, &templates)?;
        let full = config.root.join(&planned.path);
        match write::atomic_inside(
            &config.root,
            &full,
            planned.text.as_bytes(),
            planned.replace,
        ) {
            Ok(()) => break (planned, warnings, full),
            Err(Error::Exists(_)) if planned.kind == Kind::Decision && attempt < 100 => {
                attempt += 1;
            }
            // The file holds someone's words: the way out is never --force.
            Err(Error::Exists(path)) => {
                return Err(Error::usage(format!(
                    "{} already exists; goalpost does not replace files",
                    shown(&path).display()
                ))
                .with_help(match planned.kind {
                    Kind::Update => {
                        "edit it, or write a second update for the day in a file of its own with `--slug WORD`"
                    }
                    Kind::Project => "edit it; a new project needs an id of its own",
                    Kind::Decision => "edit it; a new decision takes the next free number",
                    Kind::Recognition => {
                        "edit it, or write a second recognition for the day with `--slug WORD`"
                    }
                }));
            }
            Err(e) => return Err(e),
        }
    };
    // Both or neither: if an edit cannot be written, the new file goes too.
    for edit in &planned.also {
        let path = config.root.join(&edit.path);
        if let Err(e) =
            write::atomic_inside(&config.root, &path, edit.text.as_bytes(), Replace::Allowed)
        {
            let _ = std::fs::remove_file(&full);
            return Err(e);
        }
    }
    writeln!(io.out, "{}", shown(&full).display())?;
    if !global.quiet {
        for note in &planned.notes {
            writeln!(io.err, "note: {note}")?;
        }
        for w in &warnings {
            writeln!(
                io.err,
                "warning[{}]: {}:{}:{}: {}",
                w.rule, w.path, w.line, w.column, w.message
            )?;
        }
    }
    Ok(ExitStatus::Success)
}

/// A document about to be written.
struct Planned {
    kind: Kind,
    template: &'static str,
    /// Relative to the root, with `/` separators.
    path: String,
    text: String,
    replace: Replace,
    notes: Vec<String>,
    /// Existing documents that change with it (a decision it supersedes),
    /// written after it, or not at all.
    also: Vec<Edit>,
}

/// A new text for an existing document.
struct Edit {
    kind: Kind,
    path: String,
    text: String,
}

/// Plans a new document from what the repository holds.
struct Planner<'a> {
    config: &'a Config,
    workspace: &'a Workspace,
    today: NaiveDate,
}

impl Planner<'_> {
    /// Where a new document of `kind` goes: the first of `names`, inside the
    /// folder its globs start from, that the globs select.
    fn place(&self, kind: Kind, names: &[String]) -> Result<String, Error> {
        let selector = Selector::with_kinds(self.config, &[kind])?;
        let candidates: Vec<PathBuf> = selector
            .bases()
            .iter()
            .flat_map(|base| names.iter().map(move |n| base.join(n)))
            .collect();
        self.place_exact(kind, &candidates).ok_or_else(|| {
            let globs = match kind {
                Kind::Project => &self.config.paths.projects,
                Kind::Update => &self.config.paths.updates,
                Kind::Decision => &self.config.paths.decisions,
                Kind::Recognition => &self.config.paths.recognitions,
            };
            usage(
                format!(
                    "cannot tell where a new {} goes: `{}` selects none of {}",
                    kind.as_str(),
                    globs.join("`, `"),
                    names.join(", ")
                ),
                format!(
                    "give `paths.{}s` in goalpost.yml a folder to start from, e.g. `{}s/**/*.md`",
                    kind.as_str(),
                    kind.as_str()
                ),
            )
        })
    }

    /// The first candidate (relative to the root) that is a document of `kind`.
    fn place_exact(&self, kind: Kind, candidates: &[PathBuf]) -> Option<String> {
        let selector = Selector::with_kinds(self.config, &[kind]).ok()?;
        candidates.iter().find_map(|c| {
            let rel = slash_path(c)?;
            (selector.kind(&rel) == Some(kind)).then_some(rel)
        })
    }

    /// Project ids from flags: each must exist; repeats are dropped.
    fn projects(&self, given: &[String]) -> Result<Vec<String>, Error> {
        let ids: Vec<&str> = self
            .workspace
            .projects()
            .map(|(_, p)| p.id.value.as_str())
            .collect();
        let mut out: Vec<String> = Vec::new();
        for id in given.iter().map(|s| s.trim()) {
            if !ids.contains(&id) {
                let help = if ids.is_empty() {
                    "there are no projects yet; create one with `goalpost new project <id>`".into()
                } else {
                    format!(
                        "{}; `goalpost status` lists every project",
                        suggest::known_help("project", id, ids.iter().copied())
                    )
                };
                return Err(usage(format!("no project has the id `{id}`"), help));
            }
            if !out.iter().any(|o| o == id) {
                out.push(id.to_owned());
            }
        }
        Ok(out)
    }

    /// Reads the rendered document as `check` would, with the rest of the
    /// repository; refuses it on any error and returns its warnings.
    fn verify(&self, planned: &Planned, templates: &Templates) -> Result<Vec<Diagnostic>, Error> {
        let mut found = Vec::new();
        let doc = document::read(
            &planned.path,
            planned.kind,
            planned.text.clone(),
            self.config,
            &mut found,
        );
        let mut changed = vec![doc];
        for edit in &planned.also {
            changed.push(document::read(
                &edit.path,
                edit.kind,
                edit.text.clone(),
                self.config,
                &mut found,
            ));
        }
        let mut workspace = Workspace::from_documents(
            self.workspace
                .documents
                .iter()
                .filter(|d| !changed.iter().any(|c| c.path == d.path))
                .cloned()
                .collect(),
            found,
        );
        for doc in changed {
            let at = workspace
                .documents
                .partition_point(|d| d.path.as_str() < doc.path.as_str());
            workspace.documents.insert(at, doc);
        }
        // Only the new document's findings matter, and check-ins are
        // judged on project files, so no dates are asked of git here.
        let cx = Context {
            config: self.config,
            today: self.today,
            added: &AddedDates::new(),
            focus: None,
        };
        let mut findings = rules::findings(&workspace, &cx);
        findings
            .retain(|d| d.path == planned.path || planned.also.iter().any(|e| e.path == d.path));
        let errors: Vec<String> = findings
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| {
                format!(
                    "  {}:{}:{}: {} [{}]",
                    d.path, d.line, d.column, d.message, d.rule
                )
            })
            .collect();
        if errors.is_empty() {
            return Ok(findings);
        }
        let help = if templates.is_overridden(planned.template) {
            format!(
                "fix {}/{}, or delete it to use the built-in template",
                crate::render::template::OVERRIDE_DIR,
                planned.template
            )
        } else {
            "check the values given on the command line".to_owned()
        };
        Err(usage(
            format!(
                "the new {} would not pass `goalpost check`, so it was not written:\n{}",
                planned.kind.as_str(),
                errors.join("\n")
            ),
            help,
        ))
    }
}

fn replace(force: bool) -> Replace {
    if force {
        Replace::Allowed
    } else {
        Replace::Never
    }
}

/// A usage error with a help line.
fn usage(message: String, help: String) -> Error {
    Error::usage(message).with_help(help)
}

/// A flag's text, which must be one non-empty line.
fn one_line(text: &str, what: &str) -> Result<String, Error> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(usage(
            format!("{what} is empty"),
            "give it some text".into(),
        ));
    }
    if trimmed.chars().any(char::is_control) {
        return Err(usage(
            format!("{what} must be a single line of text"),
            "remove line breaks and tabs".into(),
        ));
    }
    Ok(trimmed.to_owned())
}

/// A path as the user can type it: relative to the current folder when it
/// is inside it, else absolute.
fn shown(full: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| cwd.canonicalize().ok())
        .and_then(|cwd| full.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| full.to_path_buf())
}
