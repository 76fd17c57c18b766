//! `goalpost init`: start a goal repository in a folder, without touching
//! anything that is already there.

use std::path::{Path, PathBuf};

use clap::Args;
use serde::Serialize;

use crate::cli::GlobalArgs;
use crate::commands::{ExitStatus, Output};
use crate::config::Selector;
use crate::config::{self, Config};
use crate::diagnostic::Rule;
use crate::error::Error;
use crate::history;
use crate::render::template::Templates;
use crate::vocabulary::Kind;
use crate::workspace::Workspace;
use crate::workspace::slash_path;
use crate::write::{self, Replace};

/// Start a goal repository
///
/// Writes goalpost.yml (every option, with its default, and comments), the
/// folders projects/, updates/ and decisions/, and an example project that
/// shows the format. Files and folders that exist are left exactly as they
/// are: run it twice and the second run says what is there and changes
/// nothing. A new repository passes `goalpost check`.
///
/// Examples:
///   goalpost init
///   goalpost init team-goals
///   git init goals && goalpost init goals
///   goalpost init --preset proposals --folder EIPS   # a folder of proposals
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct InitArgs {
    /// The folder to set up, created if missing (default: --repo, else the current folder)
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Configure for a kind of repository: `proposals` (EIP-, SIMD-, TEP-style:
    /// status-only documents with authors, no check-ins, no checkbox criteria)
    #[arg(long, value_enum)]
    pub preset: Option<Preset>,
    /// With --preset proposals: the folder that holds the proposals
    #[arg(
        long,
        value_name = "FOLDER",
        default_value = "proposals",
        requires = "preset"
    )]
    pub folder: String,
}

/// Kinds of repository `init` can configure for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Preset {
    Proposals,
}

/// One line of the rules table in `goalpost.yml`.
#[derive(Serialize)]
struct RuleLine {
    id: &'static str,
    severity: &'static str,
    pad: String,
    description: &'static str,
}

pub fn run(global: &GlobalArgs, args: &InitArgs, io: &mut Output<'_>) -> Result<ExitStatus, Error> {
    let given = args
        .dir
        .clone()
        .or_else(|| global.repo.clone())
        .unwrap_or_else(|| PathBuf::from("."));
    let mut report = Report {
        given: given.clone(),
        created: Vec::new(),
        existing: Vec::new(),
    };
    if !given.exists() {
        std::fs::create_dir_all(&given).map_err(|source| Error::Io {
            path: given.clone(),
            source,
        })?;
        report.created.push(String::new());
    }
    let root = given.canonicalize().map_err(|source| Error::Io {
        path: given.clone(),
        source,
    })?;
    history::refuse_bare(&Config::defaults(root.clone()))?;
    let templates = Templates::load(&root)?;

    let config_file = root.join(config::FILE_NAME);
    let config = if config_file.exists() {
        report.existing.push(config::FILE_NAME.to_owned());
        Config::load(root.clone(), &config_file)?
    } else {
        let text = match args.preset {
            None => templates.render("goalpost.yml.j2", config_context())?,
            Some(Preset::Proposals) => {
                let folder = args.folder.trim_matches('/');
                if folder.is_empty()
                    || folder.contains(['"', '\\', '*', '?', '[', '{', '!'])
                    || folder.split('/').any(|p| p == "..")
                {
                    return Err(
                        Error::usage(format!("`{folder}` cannot be a proposal folder"))
                            .with_help("name a folder inside the repository, e.g. `--folder EIPS`"),
                    );
                }
                templates.render(
                    "goalpost-proposals.yml.j2",
                    serde_json::json!({ "folder": folder }),
                )?
            }
        };
        // A template that does not produce a valid configuration would make
        // every later command fail; refuse it now.
        let config =
            Config::parse(root.clone(), &text).map_err(|problems| {
                let problems: Vec<String> = problems
                    .iter()
                    .map(|p| format!("  line {}, column {}: {}", p.line, p.column, p.message))
                    .collect();
                Error::template(format!(
                "the goalpost.yml rendered from {}/{} is not valid, so nothing was written:\n{}",
                crate::render::template::OVERRIDE_DIR,
                if args.preset.is_some() { "goalpost-proposals.yml.j2" } else { "goalpost.yml.j2" },
                problems.join("\n")
            ))
            .with_help("fix the template, or delete it to use the built-in one")
            })?;
        write_new(&mut report, &root, config::FILE_NAME, &text)?;
        config
    };

    for kind in Kind::CORE {
        let selector = Selector::with_kinds(&config, &[kind])?;
        for base in selector.bases() {
            let Some(rel) = slash_path(base) else {
                continue;
            };
            if rel.is_empty() {
                continue;
            }
            let full = root.join(base);
            // A folder that is a link out of the repository is not "left
            // as it is": nothing goes through it.
            write::inside(&root, &full, &full)?;
            if full.exists() {
                report.existing.push(format!("{rel}/"));
                continue;
            }
            std::fs::create_dir_all(&full).map_err(|source| Error::Io {
                path: full.clone(),
                source,
            })?;
            report.created.push(format!("{rel}/"));
        }
        // A proposal folder has its own documents.
        if kind == Kind::Project && args.preset.is_none() {
            example_project(&mut report, &config, &templates, global)?;
        }
    }

    for rel in &report.created {
        writeln!(io.out, "{}", report.shown(rel).display())?;
    }
    if !global.quiet {
        for rel in &report.existing {
            writeln!(
                io.err,
                "note: {} already exists; left as it is",
                report.shown(rel).display()
            )?;
        }
        if report.created.is_empty() {
            writeln!(
                io.err,
                "nothing to do: {} is already a goal repository",
                report.shown("").display()
            )?;
        } else {
            let cd = if args.dir.is_some() || global.repo.is_some() {
                format!("cd {} && ", given.display())
            } else {
                String::new()
            };
            writeln!(io.err, "\nnext steps:")?;
            writeln!(io.err, "  {cd}goalpost check")?;
            writeln!(
                io.err,
                "  goalpost new project <id> --title \"<what done looks like>\" --owner <handle>"
            )?;
            if history::open_enclosing(&config).is_ok_and(|repo| repo.is_some()) {
                writeln!(
                    io.err,
                    "  git add . && git commit -m \"Start a goal repository\""
                )?;
            } else {
                writeln!(
                    io.err,
                    "  git init && git add . && git commit -m \"Start a goal repository\""
                )?;
                writeln!(
                    io.err,
                    "\nnote: this folder is not in a git repository yet; `check` works without one, but `log` and `packet` read history from git"
                )?;
            }
        }
    }
    Ok(ExitStatus::Success)
}

/// The example project, unless the repository has projects already.
fn example_project(
    report: &mut Report,
    config: &Config,
    templates: &Templates,
    global: &GlobalArgs,
) -> Result<(), Error> {
    let selector = Selector::with_kinds(config, &[Kind::Project])?;
    let Some(rel) = selector
        .bases()
        .iter()
        .filter_map(|b| slash_path(&b.join("example.md")))
        .find(|rel| selector.kind(rel) == Some(Kind::Project))
    else {
        return Ok(());
    };
    let full = config.root.join(&rel);
    if full.exists() {
        report.existing.push(rel);
        return Ok(());
    }
    let workspace = Workspace::load(config)?;
    if workspace.projects().next().is_some() {
        return Ok(());
    }
    let today = global.today();
    let due = today + chrono::Days::new(90);
    let text = templates.render(
        "example-project.md.j2",
        serde_json::json!({ "today": today.to_string(), "due": due.to_string() }),
    )?;
    write_new(report, &config.root, &rel, &text)
}

/// Writes a new file; one that appeared meanwhile is reported, not replaced.
fn write_new(report: &mut Report, root: &Path, rel: &str, text: &str) -> Result<(), Error> {
    match write::atomic_inside(root, &root.join(rel), text.as_bytes(), Replace::Never) {
        Ok(()) => report.created.push(rel.to_owned()),
        Err(Error::Exists(_)) => report.existing.push(rel.to_owned()),
        Err(e) => return Err(e),
    }
    Ok(())
}

/// What the `goalpost.yml` template shows: every rule and its default.
fn config_context() -> serde_json::Value {
    let width = Rule::ALL
        .iter()
        .map(|r| r.id().len() + r.default_severity().as_str().len())
        .max()
        .unwrap_or(0);
    let rules: Vec<RuleLine> = Rule::ALL
        .iter()
        .map(|r| {
            let severity = r.default_severity().as_str();
            RuleLine {
                id: r.id(),
                severity,
                pad: " ".repeat(width - r.id().len() - severity.len()),
                description: r.description(),
            }
        })
        .collect();
    serde_json::json!({ "rules": rules })
}

/// What `init` did, in paths relative to the root.
struct Report {
    given: PathBuf,
    created: Vec<String>,
    existing: Vec<String>,
}

impl Report {
    /// A root-relative path as the user named the folder.
    fn shown(&self, rel: &str) -> PathBuf {
        if self.given == Path::new(".") {
            if rel.is_empty() {
                PathBuf::from(".")
            } else {
                PathBuf::from(rel)
            }
        } else if rel.is_empty() {
            self.given.clone()
        } else {
            self.given.join(rel)
        }
    }
}
