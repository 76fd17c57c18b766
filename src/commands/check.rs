//! `goalpost check`: validate the documents of the working tree.

use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::Args;

use crate::cli::GlobalArgs;
use crate::commands::{self, ExitStatus, Output, PathFilter};
use crate::config::{Config, Selector};
use crate::diagnostic::{
    self, Diagnostic, Format, HumanOptions, Known, Report, Rule, Severity, Tally,
};
use crate::error::Error;
use crate::history::{self, Changed};
use crate::rules::{self, Context};
use crate::workspace::{AddedDates, Workspace};

/// Validate projects, updates and decisions
///
/// Checks every document under the configured folders: frontmatter, required
/// fields, values, dates, references between documents, success criteria,
/// due dates and check-ins. Cross-file rules always see the whole repository;
/// with PATHs, only findings in those files or folders are reported.
///
/// Exit status: 0 when there are no errors (and no warnings with
/// --deny-warnings), 1 when there are, 2 when goalpost could not run.
///
/// Examples:
///   goalpost check
///   goalpost check projects/search-latency.md --format json
///   goalpost check --format sarif > goalpost.sarif
///   goalpost check --changed-since origin/main
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct CheckArgs {
    /// Report only findings in these files or folders
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format (default: human; github when GITHUB_ACTIONS=true)
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,
    /// Fail (exit 1) on warnings too
    #[arg(long)]
    pub deny_warnings: bool,
    /// Succeed when the globs select no document (otherwise exit 2)
    #[arg(long)]
    pub allow_empty: bool,
    /// Report only documents changed since the merge base of REV and HEAD
    /// (committed, staged, edited or new), and findings elsewhere that
    /// those changes brought
    #[arg(long, value_name = "REV")]
    pub changed_since: Option<String>,
}

pub fn run(
    global: &GlobalArgs,
    args: &CheckArgs,
    io: &mut Output<'_>,
) -> Result<ExitStatus, Error> {
    let started = Instant::now();
    let config = commands::config(global)?;
    let filter = PathFilter::new(&config.root, &args.paths)?;
    let changed = match &args.changed_since {
        Some(rev) => Some(history::changed_since(&config, rev)?),
        None => None,
    };
    let mut workspace = commands::read_workspace(global, io, &config)?;
    if workspace.file_count() == 0 && !args.allow_empty {
        return Err(nothing_to_check(&config));
    }
    let added = if config.severity(Rule::StaleCheckin).is_some() {
        commands::added_dates(global, io, &config, &workspace)?
    } else {
        AddedDates::new()
    };
    let loaded = started.elapsed();
    let cx = Context {
        config: &config,
        today: global.today(),
        added: &added,
        focus: None,
    };
    // What the repository held at the merge base, for the findings that
    // the change brought to documents it did not touch.
    let before = match &changed {
        Some(changed) if !changed.config => Some(at_base(&config, &mut workspace, &cx, changed)?),
        _ => None,
    };
    let mut findings = rules::findings(&workspace, &cx);
    if global.verbose {
        writeln!(
            io.err,
            "read {} documents under {} in {} ms; rules took {} ms",
            workspace.documents.len(),
            config.root.display(),
            loaded.as_millis(),
            (started.elapsed() - loaded).as_millis()
        )?;
    }
    findings.retain(|d| filter.keeps(&d.path));
    let left_out = match (&changed, before) {
        (Some(changed), Some(before)) => {
            let (kept, out) = introduced(findings, changed, &before);
            findings = kept;
            Some(out)
        }
        _ => None,
    };

    let format = args.format.unwrap_or_else(|| {
        if std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true") {
            Format::Github
        } else {
            Format::Human
        }
    });
    let source = |path: &str| workspace.document(path).map(|d| &d.source);
    let documents = if let (Some(changed), Some(_)) = (&changed, &left_out) {
        workspace
            .documents
            .iter()
            .filter(|d| filter.keeps(&d.path) && changed.touches(&d.path))
            .count()
    } else if filter.is_all() {
        workspace.file_count()
    } else {
        workspace
            .documents
            .iter()
            .filter(|d| filter.keeps(&d.path))
            .count()
    };
    let git_prefix = git_prefix(&config.root);
    let report = Report {
        diagnostics: &findings,
        documents,
        source: &source,
        git_prefix: &git_prefix,
    };
    let human = HumanOptions {
        color: io.color,
        quiet: global.quiet,
    };
    diagnostic::render(format, &report, &human, io.out)?;
    if let (Some(changed), Some(rev)) = (&changed, &args.changed_since)
        && !global.quiet
    {
        match &left_out {
            _ if changed.config => writeln!(
                io.err,
                "note: {} changed since {} (the merge base with `{rev}`), so every document was checked",
                crate::config::FILE_NAME,
                changed.base
            )?,
            Some(out) => {
                let tally = Tally::of(out);
                writeln!(
                    io.err,
                    "note: only documents changed since {} (the merge base with `{rev}`) and what the change brought elsewhere were reported; left out {} finding{} ({} error{}, {} warning{}) that were there before",
                    changed.base,
                    out.len(),
                    if out.len() == 1 { "" } else { "s" },
                    tally.errors,
                    if tally.errors == 1 { "" } else { "s" },
                    tally.warnings,
                    if tally.warnings == 1 { "" } else { "s" },
                )?;
            }
            None => {}
        }
    }

    let tally = Tally::of(&findings);
    let failed = tally.errors > 0 || (args.deny_warnings && tally.warnings > 0);
    debug_assert!(
        findings
            .iter()
            .all(|d| matches!(d.severity, Severity::Error | Severity::Warning))
    );
    Ok(if failed {
        ExitStatus::Findings
    } else {
        ExitStatus::Success
    })
}

/// The findings of the repository as it was at the merge base: the changed
/// files read from their text there (or taken out, when they are new),
/// then read again from the working tree.
fn at_base(
    config: &Config,
    workspace: &mut Workspace,
    cx: &Context<'_>,
    changed: &Changed,
) -> Result<Vec<Diagnostic>, Error> {
    let selector = Selector::new(config)?;
    for (rel, text) in &changed.files {
        match text {
            Some(text) => {
                workspace.reread(config, &selector, rel, Some(text.clone()));
            }
            None => workspace.forget(rel),
        }
    }
    let before = rules::findings(workspace, cx);
    for (rel, _) in &changed.files {
        workspace.reread(config, &selector, rel, None);
    }
    Ok(before)
}

/// Splits today's findings into those to report (in a changed document,
/// or not there at the merge base: the same rule and message in the same
/// file, counted) and those left out.
fn introduced(
    findings: Vec<Diagnostic>,
    changed: &Changed,
    before: &[Diagnostic],
) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
    let mut was = Known::of(before);
    findings
        .into_iter()
        .partition(|d| changed.touches(&d.path) || !was.take(d))
}

/// A `check` that would pass having checked nothing: the globs, and any
/// `goalpost.yml` further down that was probably meant.
fn nothing_to_check(config: &Config) -> Error {
    let globs: Vec<String> = [
        &config.paths.projects,
        &config.paths.updates,
        &config.paths.decisions,
    ]
    .into_iter()
    .flatten()
    .map(|g| format!("`{g}`"))
    .collect();
    let message = format!(
        "no document to check: nothing under {} matches {}",
        config.root.display(),
        globs.join(", ")
    );
    let nested = config.nested_files(4);
    let help = match nested.first() {
        Some(first) => {
            let dir = first.parent().map(Path::to_path_buf).unwrap_or_default();
            format!(
                "{} found in a subfolder: run `goalpost --repo {} check`, or `cd {}` first",
                nested
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
                dir.display(),
                dir.display()
            )
        }
        None => "write documents with `goalpost new`, point `paths:` in goalpost.yml at yours, or pass --allow-empty if this repository is meant to be empty".to_owned(),
    };
    Error::usage(message).with_help(help)
}

/// Where `root` lies inside its git work tree, as a path prefix (`""` when
/// it is the top, or not inside one). `check` must work wherever git cannot
/// open the repository (a container whose user does not own the checkout,
/// a bare `.git` folder), so this looks at the file system, not libgit2.
fn git_prefix(root: &Path) -> String {
    let Some(top) = root.ancestors().find(|d| d.join(".git").exists()) else {
        return String::new();
    };
    let rel = root.strip_prefix(top).unwrap_or(Path::new(""));
    rel.components()
        .map(|c| format!("{}/", c.as_os_str().to_string_lossy()))
        .collect()
}
