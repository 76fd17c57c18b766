//! `goalpost new`: a new project, update or decision from its template.
//!
//! Every input is validated before anything is written, and the rendered
//! document is read and checked like `goalpost check` would, together with
//! the rest of the repository: a file that would not pass is never written,
//! whatever an overridden template says. The file is written atomically and
//! never replaces another unless `--force` is given. Only its path is printed
//! to stdout, so that `$EDITOR $(goalpost new …)` works.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::{Args, Subcommand};
use serde::Serialize;

use crate::cli::GlobalArgs;
use crate::commands::{self, ExitStatus, Output};
use crate::config::Config;
use crate::config::Selector;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{self, valid_id};
use crate::error::Error;
use crate::render::template::Templates;
use crate::rules::{self, Context};
use crate::suggest::did_you_mean;
use crate::vocabulary::Kind;
use crate::workspace::{AddedDates, Workspace, slash_path};
use crate::write::{self, Replace};

/// Create a project, update or decision from its template
///
/// Writes one new document, prints its path and nothing else on stdout, so
/// that `$EDITOR $(goalpost new …)` opens it. The document passes `goalpost
/// check` as written. Templates come built in and can be replaced per
/// repository by files in .goalpost/templates/ (project.md.j2, update.md.j2,
/// decision.md.j2). An existing file is never replaced without --force.
///
/// Examples:
///   goalpost new project search-latency --title "Cut search p95 below 200 ms" --owner alice
///   goalpost new update --project search-latency
///   goalpost new decision "Use Redis for the query cache" --project search-latency
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
}

/// Create a project: a definition of done
///
/// Writes projects/<ID>.md with status `proposed`, today as `created`, and a
/// success-criteria section to fill in. The id must be new and made of
/// lowercase letters, digits and `-`. The owner defaults to your roster entry
/// (matched by git's user.email or user.name).
///
/// Examples:
///   goalpost new project search-latency
///   goalpost new project search-latency --owner alice --due 2026-12-15
///   goalpost new project search-latency --title "Cut search p95 latency below 200 ms"
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct NewProjectArgs {
    /// The project id: lowercase letters, digits and `-`
    #[arg(value_name = "ID")]
    pub id: String,
    /// What done looks like, in one line (default: from the id)
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// The person accountable for it (default: you, from the roster)
    #[arg(long, value_name = "HANDLE")]
    pub owner: Option<String>,
    /// The due date
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::cli::parse_date)]
    pub due: Option<NaiveDate>,
    /// Replace the file if it exists
    #[arg(long)]
    pub force: bool,
}

/// Create an async update for one or more projects
///
/// Writes updates/<YEAR>/<DATE>-<AUTHOR>.md with sections for progress,
/// blockers, asks and next steps. Blockers still open in your latest update
/// of each project are carried over, so that they stay open until you remove
/// them. The author defaults to your roster entry (matched by git's
/// user.email or user.name).
///
/// Examples:
///   goalpost new update --project search-latency
///   goalpost new update --project search-latency,billing-export --date 2026-11-20
///   goalpost new update --project search-latency --author alice
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct NewUpdateArgs {
    /// A project the update is about (repeat it, or separate ids with commas)
    #[arg(
        long = "project",
        value_name = "ID",
        required = true,
        value_delimiter = ','
    )]
    pub projects: Vec<String>,
    /// Who writes the update (default: you, from the roster)
    #[arg(long, value_name = "HANDLE")]
    pub author: Option<String>,
    /// The date of the update (default: today)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::cli::parse_date)]
    pub date: Option<NaiveDate>,
    /// Replace the file if it exists
    #[arg(long)]
    pub force: bool,
}

/// Create a decision record (MADR-compatible)
///
/// Writes decisions/<NNNN>-<slug>.md with the next free number (one more
/// than the highest existing one), status `proposed`, today's date, and you
/// as a decider when your roster entry is known.
///
/// Examples:
///   goalpost new decision "Use Redis for the query cache"
///   goalpost new decision "Drop fuzzy matching" --project search-latency
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct NewDecisionArgs {
    /// The decision, in one line; it becomes the `#` title and the file name
    #[arg(value_name = "TITLE")]
    pub title: String,
    /// A project the decision affects (repeat it, or separate ids with commas)
    #[arg(long = "project", value_name = "ID", value_delimiter = ',')]
    pub projects: Vec<String>,
}

pub fn run(global: &GlobalArgs, args: &NewArgs, io: &mut Output<'_>) -> Result<ExitStatus, Error> {
    let config = commands::config(global)?;
    let workspace = Workspace::load(&config)?;
    let templates = Templates::load(&config.root)?;
    let planner = Planner {
        config: &config,
        workspace: &workspace,
        today: global.today(),
    };
    let planned = match &args.what {
        NewCommand::Project(a) => planner.project(a, &templates)?,
        NewCommand::Update(a) => planner.update(a, &templates)?,
        NewCommand::Decision(a) => planner.decision(a, &templates)?,
    };
    let warnings = planner.verify(&planned, &templates)?;
    let full = config.root.join(&planned.path);
    write::atomic(&full, planned.text.as_bytes(), planned.replace).map_err(|e| match e {
        Error::Exists(path) => Error::Exists(shown(&path)),
        e => e,
    })?;
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
}

/// Plans a new document from what the repository holds.
struct Planner<'a> {
    config: &'a Config,
    workspace: &'a Workspace,
    today: NaiveDate,
}

#[derive(Serialize)]
struct ProjectContext<'a> {
    id: &'a str,
    title: &'a str,
    owner: &'a str,
    due: Option<String>,
    today: String,
}

#[derive(Serialize)]
struct UpdateContext<'a> {
    author: &'a str,
    date: String,
    projects: &'a [String],
    blockers: Vec<String>,
}

#[derive(Serialize)]
struct DecisionContext<'a> {
    number: u64,
    title: &'a str,
    date: String,
    deciders: Vec<String>,
    projects: &'a [String],
}

impl Planner<'_> {
    fn project(&self, args: &NewProjectArgs, templates: &Templates) -> Result<Planned, Error> {
        let id = args.id.as_str();
        if !valid_id(id) {
            let hint = match slug(id, 60) {
                s if !s.is_empty() && s != id => format!("did you mean `{s}`? "),
                _ => String::new(),
            };
            return Err(usage(
                format!("`{id}` is not a valid project id"),
                format!(
                    "{hint}ids use lowercase letters, digits and `-`, and start with a letter or digit"
                ),
            ));
        }
        let path = self.place(Kind::Project, &[format!("{id}.md")])?;
        if let Some((doc, _)) = self
            .workspace
            .projects()
            .find(|(_, p)| p.id.value == id)
            .filter(|(doc, _)| !(args.force && doc.path == path))
        {
            return Err(usage(
                format!("a project with the id `{id}` already exists: {}", doc.path),
                "choose another id; project ids are unique".into(),
            ));
        }
        let title = match &args.title {
            Some(t) => one_line(t, "--title")?,
            None => humanize(id),
        };
        let owner = self.person(args.owner.as_deref(), "--owner", "own the project")?;
        let text = templates.render(
            "project.md.j2",
            ProjectContext {
                id,
                title: &title,
                owner: &owner,
                due: args.due.map(|d| d.to_string()),
                today: self.today.to_string(),
            },
        )?;
        Ok(Planned {
            kind: Kind::Project,
            template: "project.md.j2",
            path,
            text,
            replace: replace(args.force),
            notes: Vec::new(),
        })
    }

    fn update(&self, args: &NewUpdateArgs, templates: &Templates) -> Result<Planned, Error> {
        let projects = self.projects(&args.projects)?;
        let author = self.person(args.author.as_deref(), "--author", "write the update")?;
        let date = args.date.unwrap_or(self.today);
        let file = slug(&author, 60);
        if file.is_empty() {
            return Err(usage(
                format!("cannot make a file name from the handle `{author}`"),
                "use a handle with letters or digits".into(),
            ));
        }
        let file = format!("{date}-{file}.md");
        let year = date.format("%Y").to_string();
        let path = self.place(Kind::Update, &[format!("{year}/{file}"), file])?;

        let (blockers, from) = self.open_blockers(&author, &projects, date, &path);
        let mut notes = Vec::new();
        if !blockers.is_empty() {
            notes.push(format!(
                "carried over {} open blocker{} from {}; delete what is resolved",
                blockers.len(),
                if blockers.len() == 1 { "" } else { "s" },
                from.join(", ")
            ));
        }
        let text = templates.render(
            "update.md.j2",
            UpdateContext {
                author: &author,
                date: date.to_string(),
                projects: &projects,
                blockers,
            },
        )?;
        Ok(Planned {
            kind: Kind::Update,
            template: "update.md.j2",
            path,
            text,
            replace: replace(args.force),
            notes,
        })
    }

    fn decision(&self, args: &NewDecisionArgs, templates: &Templates) -> Result<Planned, Error> {
        let title = one_line(&args.title, "the title")?;
        let projects = self.projects(&args.projects)?;
        // The highest number so far, and the file that holds it: its folder
        // and the width of its number are kept for the new one.
        let last = self
            .workspace
            .decisions()
            .filter_map(|(doc, d)| Some((d.number?, doc.path.as_str())))
            .max();
        let number = last.map_or(1, |(n, _)| n + 1);
        let (width, folder) = last.map_or((4, None), |(_, path)| {
            let stem = document::file_stem(path);
            let digits = stem.chars().take_while(char::is_ascii_digit).count();
            (digits, path.rsplit_once('/').map(|(dir, _)| dir.to_owned()))
        });
        let mut name = slug(&title, 50);
        if name.is_empty() {
            name = "decision".into();
        }
        let file = format!("{number:0width$}-{name}.md");
        let beside_last = folder.and_then(|folder| {
            self.place_exact(Kind::Decision, &[PathBuf::from(folder).join(&file)])
        });
        let path = match beside_last {
            Some(path) => path,
            None => self.place(Kind::Decision, &[file])?,
        };
        let deciders = self.identity_handle().into_iter().collect();
        let text = templates.render(
            "decision.md.j2",
            DecisionContext {
                number,
                title: &title,
                date: self.today.to_string(),
                deciders,
                projects: &projects,
            },
        )?;
        Ok(Planned {
            kind: Kind::Decision,
            template: "decision.md.j2",
            path,
            text,
            replace: Replace::Never,
            notes: Vec::new(),
        })
    }

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
                let help = match did_you_mean(id, ids.iter().copied()) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None if ids.is_empty() => {
                        "there are no projects yet; create one with `goalpost new project <id>`"
                            .into()
                    }
                    None => "`goalpost check` lists problems with existing projects".into(),
                };
                return Err(usage(format!("no project has the id `{id}`"), help));
            }
            if !out.iter().any(|o| o == id) {
                out.push(id.to_owned());
            }
        }
        Ok(out)
    }

    /// A person from a flag, or else from git's identity and the roster.
    fn person(&self, given: Option<&str>, flag: &str, role: &str) -> Result<String, Error> {
        if let Some(handle) = given {
            let handle = one_line(handle, flag)?;
            if self.config.has_roster() && !self.config.people.contains_key(&handle) {
                let help = did_you_mean(&handle, self.config.people.keys().map(String::as_str))
                    .map_or_else(
                        || "add the person under `people:` in goalpost.yml".to_owned(),
                        |s| format!("did you mean `{s}`?"),
                    );
                return Err(usage(
                    format!("`{handle}` is not in the roster of goalpost.yml"),
                    help,
                ));
            }
            return Ok(handle);
        }
        let who = git_identity(&self.config.root);
        match self.roster_match(&who) {
            Match::One(handle) => Ok(handle),
            Match::NoRoster => Err(usage(
                format!("who will {role}? pass {flag} HANDLE"),
                "with a `people:` roster in goalpost.yml that lists your email, goalpost finds your handle from git".into(),
            )),
            Match::NoIdentity => Err(usage(
                format!("who will {role}? git has no user.name or user.email here; pass {flag} HANDLE"),
                "or set your identity with `git config user.email you@example.com`".into(),
            )),
            Match::None => Err(usage(
                format!(
                    "who will {role}? git's identity `{}` matches no one under `people:` in goalpost.yml; pass {flag} HANDLE",
                    who.describe()
                ),
                "or add `email: <your git user.email>` to your entry in the roster".into(),
            )),
            Match::Several(handles) => Err(usage(
                format!(
                    "who will {role}? git's identity `{}` matches several people: {}; pass {flag} HANDLE",
                    who.describe(),
                    handles.join(", ")
                ),
                "give each person in the roster their own email".into(),
            )),
        }
    }

    /// Your handle, when the roster and git's identity name it.
    fn identity_handle(&self) -> Option<String> {
        match self.roster_match(&git_identity(&self.config.root)) {
            Match::One(handle) => Some(handle),
            _ => None,
        }
    }

    /// The roster entry git's identity names: by email first, else by name
    /// (a person's `name`, or the handle itself), case-insensitively.
    fn roster_match(&self, who: &Identity) -> Match {
        if !self.config.has_roster() {
            return Match::NoRoster;
        }
        if who.name.is_none() && who.email.is_none() {
            return Match::NoIdentity;
        }
        let same = |a: &Option<String>, b: &str| {
            a.as_deref()
                .is_some_and(|a| a.trim().eq_ignore_ascii_case(b.trim()))
        };
        let by_email: Vec<&String> = self
            .config
            .people
            .iter()
            .filter(|(_, p)| p.email.as_deref().is_some_and(|e| same(&who.email, e)))
            .map(|(h, _)| h)
            .collect();
        let found = if by_email.is_empty() {
            self.config
                .people
                .iter()
                .filter(|(h, p)| {
                    same(&who.name, h) || p.name.as_deref().is_some_and(|n| same(&who.name, n))
                })
                .map(|(h, _)| h)
                .collect()
        } else {
            by_email
        };
        match found.as_slice() {
            [] => Match::None,
            [one] => Match::One((*one).clone()),
            many => Match::Several(many.iter().map(|h| (*h).clone()).collect()),
        }
    }

    /// Blockers in the author's latest earlier update of each project (not
    /// counting the file about to be replaced), and the updates they come from.
    fn open_blockers(
        &self,
        author: &str,
        projects: &[String],
        date: NaiveDate,
        path: &str,
    ) -> (Vec<String>, Vec<String>) {
        let mut blockers: Vec<String> = Vec::new();
        let mut from: Vec<String> = Vec::new();
        for project in projects {
            let latest = self
                .workspace
                .updates()
                .filter(|(doc, u)| {
                    doc.path != path && u.date.as_ref().is_some_and(|d| d.value <= date)
                })
                .filter(|(_, u)| u.author.as_ref().is_some_and(|a| a.value == author))
                .filter(|(_, u)| u.projects.iter().any(|p| &p.value == project))
                .filter_map(|(doc, u)| Some(((u.date.as_ref()?.value, doc.path.as_str()), u)))
                .max_by(|a, b| a.0.cmp(&b.0));
            let Some(((_, path), update)) = latest else {
                continue;
            };
            for blocker in &update.blockers {
                let key = crate::document::blocker::identity(&blocker.value);
                if !blockers
                    .iter()
                    .any(|b| crate::document::blocker::identity(b) == key)
                {
                    blockers.push(blocker.value.clone());
                }
            }
            if !update.blockers.is_empty() && !from.iter().any(|f| f == path) {
                from.push(path.to_owned());
            }
        }
        (blockers, from)
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
        let mut workspace = Workspace::from_documents(
            self.workspace
                .documents
                .iter()
                .filter(|d| d.path != planned.path)
                .cloned()
                .collect(),
            found,
        );
        let at = workspace
            .documents
            .partition_point(|d| d.path.as_str() < planned.path.as_str());
        workspace.documents.insert(at, doc);
        // Only the new document's findings matter, and check-ins are
        // judged on project files, so no dates are asked of git here.
        let cx = Context {
            config: self.config,
            today: self.today,
            added: &AddedDates::new(),
        };
        let mut findings = rules::findings(&workspace, &cx);
        findings.retain(|d| d.path == planned.path);
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

/// Lowercase ASCII letters and digits joined by `-`, at most `max` bytes,
/// cut at a word boundary.
fn slug(text: &str, max: usize) -> String {
    let mut out = String::new();
    for c in text.chars() {
        let c = c.to_lowercase().next().unwrap_or(c);
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if let Some(folded) = fold_latin(c) {
            out.push_str(folded);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.len() > max {
        match out.rfind('-') {
            Some(i) => out.truncate(i),
            None => out.truncate(max),
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// The ASCII letters a lowercase Latin letter with a diacritic is written
/// with in a file name (`é` → `e`).
fn fold_latin(c: char) -> Option<&'static str> {
    const TABLE: &[(&str, &str)] = &[
        ("àáâãäåāăą", "a"),
        ("çćĉċč", "c"),
        ("ďđ", "d"),
        ("èéêëēĕėęě", "e"),
        ("ĝğġģ", "g"),
        ("ìíîïĩīĭįı", "i"),
        ("ĺļľŀł", "l"),
        ("ñńņňŉ", "n"),
        ("òóôõöøōŏő", "o"),
        ("ŕŗř", "r"),
        ("śŝşš", "s"),
        ("ţťŧ", "t"),
        ("ùúûüũūŭůűų", "u"),
        ("ýÿŷ", "y"),
        ("źżž", "z"),
        ("ß", "ss"),
        ("æ", "ae"),
        ("œ", "oe"),
    ];
    TABLE
        .iter()
        .find(|(letters, _)| letters.contains(c))
        .map(|(_, ascii)| *ascii)
}

/// `search-latency` → `Search latency`.
fn humanize(id: &str) -> String {
    let words = id.replace('-', " ");
    let mut chars = words.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
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

/// Who git says you are.
struct Identity {
    name: Option<String>,
    email: Option<String>,
}

impl Identity {
    fn describe(&self) -> String {
        match (&self.name, &self.email) {
            (Some(n), Some(e)) => format!("{n} <{e}>"),
            (Some(n), None) => n.clone(),
            (None, Some(e)) => format!("<{e}>"),
            (None, None) => String::new(),
        }
    }
}

enum Match {
    One(String),
    NoRoster,
    NoIdentity,
    None,
    Several(Vec<String>),
}

/// `user.name` and `user.email` from git's configuration (the repository's,
/// else the user's), read through libgit2.
fn git_identity(root: &Path) -> Identity {
    let config = git2::Repository::discover(root)
        .and_then(|r| r.config())
        .or_else(|_| git2::Config::open_default());
    let get = |key: &str| {
        config
            .as_ref()
            .ok()
            .and_then(|c| c.get_string(key).ok())
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
    };
    Identity {
        name: get("user.name"),
        email: get("user.email"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_words_cut_at_a_boundary() {
        assert_eq!(
            slug("Use Redis for the query cache!", 50),
            "use-redis-for-the-query-cache"
        );
        assert_eq!(slug("  --Ünïcode--  ", 50), "unicode");
        assert_eq!(slug("Straße für Œuvres", 50), "strasse-fur-oeuvres");
        assert_eq!(slug("日本語 notes", 50), "notes");
        assert_eq!(slug("a very long title indeed", 12), "a-very-long");
        assert_eq!(slug("???", 50), "");
        assert_eq!(slug("abcdefghijklmnop", 5), "abcde");
    }

    #[test]
    fn ids_become_titles() {
        assert_eq!(humanize("search-latency"), "Search latency");
        assert_eq!(humanize("q4"), "Q4");
    }
}
