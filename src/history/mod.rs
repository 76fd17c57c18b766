//! History: git commits → versions of each document → events.
//!
//! The walk is first-parent from a revision (HEAD by default), newest first,
//! and stops at the first commit older than the period; each commit is diffed
//! against its first parent with a tree diff restricted to the document
//! folders (`tree`). Every distinct blob is parsed once, in parallel, with
//! the same reader that `check` uses; versions whose frontmatter does not
//! parse are skipped with a note. Validation rules never judge the past.

mod event;
mod timeline;
mod tree;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use git2::{ErrorCode, Oid, Repository};
use rayon::prelude::*;

use crate::config::Config;
use crate::config::Selector;
use crate::document::{self, Decision, Model, Project, Update};
use crate::error::Error;
use crate::vocabulary::Kind;

pub use event::{Event, EventKind};
pub use timeline::{activated, own_project_events, project_events};

/// What to walk.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The revision to start from; HEAD when `None`.
    pub rev: Option<String>,
    /// Commits dated before this are not walked (their state is the baseline).
    pub since: Option<NaiveDate>,
    /// Commits dated after this are skipped.
    pub until: Option<NaiveDate>,
    /// Read a shallow clone anyway.
    pub allow_shallow: bool,
    /// Read only projects (skipping the update and decision folders).
    pub projects_only: bool,
}

/// One commit of the walk.
#[derive(Clone, Debug)]
pub struct Commit {
    pub id: Oid,
    /// Committer time, in the committer's own offset.
    pub time: DateTime<FixedOffset>,
    pub author: String,
    /// The commit before the period: its versions are the state at the start,
    /// not events.
    pub baseline: bool,
}

impl Commit {
    /// The date of the committer time in its own offset (`git log --date=short`).
    pub fn date(&self) -> NaiveDate {
        self.time.date_naive()
    }

    pub fn short(&self) -> String {
        short(&self.id.to_string()).to_owned()
    }
}

/// A commit id abbreviated to seven characters, as people quote them.
pub fn short(sha: &str) -> &str {
    sha.get(..7).unwrap_or(sha)
}

/// A document as it was after one commit; `doc` is `None` when it was deleted.
#[derive(Clone, Debug)]
pub struct Version<T> {
    /// Index into [`History::commits`].
    pub commit: usize,
    pub path: String,
    pub doc: Option<Arc<T>>,
}

/// A version that could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    pub commit: usize,
    pub path: String,
    pub message: String,
}

/// The versions of every document, oldest first.
#[derive(Debug, Default)]
pub struct History {
    /// The commit the walk started from; `None` for an empty repository.
    pub head: Option<Oid>,
    /// Oldest first.
    pub commits: Vec<Commit>,
    /// By project id.
    pub projects: BTreeMap<String, Vec<Version<Project>>>,
    /// Every version of every update, in commit order.
    pub updates: Vec<Version<Update>>,
    /// By decision key.
    pub decisions: BTreeMap<String, Vec<Version<Decision>>>,
    /// Versions skipped because their frontmatter did not parse.
    pub notes: Vec<Note>,
}

/// The date each project first reached `active` or a later state (blocked,
/// at-risk, done) in the first-parent history of `rev`.
pub fn first_activations(
    repo: &Repository,
    config: &Config,
    rev: Oid,
) -> Result<HashMap<String, NaiveDate>, Error> {
    let options = Options {
        rev: Some(rev.to_string()),
        projects_only: true,
        allow_shallow: true,
        ..Options::default()
    };
    let history = read(repo, config, &options)?;
    let mut out = HashMap::new();
    for (id, versions) in &history.projects {
        let first = versions.iter().find(|v| {
            v.doc
                .as_ref()
                .and_then(|d| d.status.as_ref())
                .is_some_and(|s| timeline::activated(s.value))
        });
        if let Some(version) = first {
            out.insert(id.clone(), history.commits[version.commit].date());
        }
    }
    Ok(out)
}

/// The date of the commit that added each file (root-relative paths), the
/// default of a project's `created` (SPEC 1.2): the oldest commit of the
/// unbroken run, back from HEAD along first parents, that has the file.
/// Best effort: a file HEAD does not have, or one that reaches back past
/// the cut of a shallow clone, has no date.
///
/// Files are looked at only in commits that change their folder, so the walk
/// costs one tree lookup per folder and commit, however many files it dates.
pub fn added_dates(
    repo: &Repository,
    config: &Config,
    paths: &[&str],
) -> HashMap<String, NaiveDate> {
    let mut out = HashMap::new();
    let (Ok(prefix), Ok(Some(mut id))) = (root_prefix(repo, config), start_commit(repo, None))
    else {
        return out;
    };
    /// The files of one folder still being traced, and the folder's tree id
    /// in the newer commit visited last.
    struct Folder<'a> {
        files: Vec<(&'a str, &'a str)>,
        seen: Option<Oid>,
    }
    let mut folders: BTreeMap<PathBuf, Folder<'_>> = BTreeMap::new();
    for rel in paths {
        let (dir, name) = rel.rsplit_once('/').unwrap_or(("", rel));
        let dir = [prefix.as_str(), dir]
            .iter()
            .filter(|p| !p.is_empty())
            .collect::<PathBuf>();
        folders
            .entry(dir)
            .or_insert(Folder {
                files: Vec::new(),
                seen: None,
            })
            .files
            .push((rel, name));
    }
    // The date of the newer commit visited last: where a file missing from
    // this commit was added.
    let mut newer: Option<NaiveDate> = None;
    while let Ok(commit) = repo.find_commit(id) {
        let Ok(tree) = commit.tree() else {
            break;
        };
        for (dir, folder) in &mut folders {
            let current = if dir.as_os_str().is_empty() {
                Some(tree.id())
            } else {
                tree.get_path(dir).ok().map(|e| e.id())
            };
            if current.is_some() && current == folder.seen {
                continue;
            }
            let listing = current.and_then(|t| repo.find_tree(t).ok());
            folder.files.retain(|(rel, name)| {
                let present = listing.as_ref().is_some_and(|t| t.get_name(name).is_some());
                if !present && let Some(date) = newer {
                    out.insert((*rel).to_owned(), date);
                }
                present
            });
            folder.seen = current;
        }
        folders.retain(|_, f| !f.files.is_empty());
        let date = commit_info(&commit).date();
        match commit.parent_id(0) {
            Ok(parent) if !folders.is_empty() => id = parent,
            Ok(_) => break,
            // A root commit added whatever it has; in a shallow clone the
            // oldest commit is only where the history was cut.
            Err(_) if repo.is_shallow() => break,
            Err(_) => {
                for (rel, _) in folders.values().flat_map(|f| &f.files) {
                    out.insert((*rel).to_owned(), date);
                }
                break;
            }
        }
        newer = Some(date);
    }
    out
}

/// The configuration to read history with. A bare repository has no
/// `goalpost.yml` on disk, so it is read from the tree of the revision.
pub fn config_for(repo: &Repository, config: Config, rev: Option<&str>) -> Result<Config, Error> {
    if !repo.is_bare() || config.file.is_some() {
        return Ok(config);
    }
    let Some(start) = start_commit(repo, rev)? else {
        return Ok(config);
    };
    let tree = repo
        .find_commit(start)
        .and_then(|c| c.tree())
        .map_err(git_error)?;
    let Ok(entry) = tree.get_path(Path::new(crate::config::FILE_NAME)) else {
        return Ok(config);
    };
    let blob = repo.find_blob(entry.id()).map_err(git_error)?;
    let shown = format!("{}:{}", rev.unwrap_or("HEAD"), crate::config::FILE_NAME);
    let text = std::str::from_utf8(blob.content())
        .map_err(|_| Error::usage(format!("{shown} is not UTF-8")))?;
    Config::parse(config.root.clone(), text).map_err(|problems| Error::Config {
        path: shown.into(),
        problems,
    })
}

/// Opens the git repository that holds the goal repository.
pub fn open(config: &Config) -> Result<Repository, Error> {
    Repository::discover(&config.root).map_err(|err| {
        Error::usage(format!(
            "{} is not inside a git repository: {}",
            config.root.display(),
            err.message()
        ))
    })
}

/// Reads the history of the goal repository.
pub fn read(repo: &Repository, config: &Config, options: &Options) -> Result<History, Error> {
    read_with_progress(repo, config, options, &indicatif::ProgressBar::hidden())
}

/// Reads the history, ticking `progress` once per commit walked.
pub fn read_with_progress(
    repo: &Repository,
    config: &Config,
    options: &Options,
    progress: &indicatif::ProgressBar,
) -> Result<History, Error> {
    if repo.is_shallow() && !options.allow_shallow {
        return Err(Error::Shallow);
    }
    // Objects come from our own repository; hashing every read costs ~1.7×.
    git2::opts::strict_hash_verification(false);
    let Some(start) = start_commit(repo, options.rev.as_deref())? else {
        return Ok(History::default());
    };
    let prefix = root_prefix(repo, config)?;
    let selector = if options.projects_only {
        Selector::with_kinds(config, &[Kind::Project])?
    } else {
        Selector::new(config)?
    };
    let (commits, changes) =
        walk(repo, start, &prefix, &selector, options, progress).map_err(git_error)?;
    let parsed = parse_blobs(repo, config, &changes);
    let mut history = assemble(commits, changes, &parsed);
    history.head = Some(start);
    Ok(history)
}

fn git_error(err: git2::Error) -> Error {
    Error::usage(format!("cannot read git history: {}", err.message()))
}

/// The commit to start from, or `None` when the branch has no commit yet.
fn start_commit(repo: &Repository, rev: Option<&str>) -> Result<Option<Oid>, Error> {
    let object = match rev {
        Some(rev) => repo
            .revparse_single(rev)
            .map_err(|err| Error::usage(format!("unknown revision `{rev}`: {}", err.message())))?,
        None => match repo.head() {
            Ok(head) => head.peel(git2::ObjectType::Any).map_err(git_error)?,
            Err(err) if matches!(err.code(), ErrorCode::UnbornBranch | ErrorCode::NotFound) => {
                return Ok(None);
            }
            Err(err) => return Err(git_error(err)),
        },
    };
    let commit = object.peel_to_commit().map_err(|_| {
        Error::usage(format!(
            "`{}` does not name a commit",
            rev.unwrap_or("HEAD")
        ))
    })?;
    Ok(Some(commit.id()))
}

/// Where the goal repository's root lies inside the git tree (`""` at the top).
fn root_prefix(repo: &Repository, config: &Config) -> Result<String, Error> {
    let Some(workdir) = repo.workdir() else {
        return Ok(String::new());
    };
    let workdir = workdir
        .canonicalize()
        .unwrap_or_else(|_| workdir.to_path_buf());
    let rel = config.root.strip_prefix(&workdir).unwrap_or(Path::new(""));
    Ok(rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/"))
}

/// A document file changed in a commit, with its root-relative path.
#[derive(Clone, Debug)]
struct Change {
    commit: usize,
    kind: Kind,
    path: String,
    new: Option<Oid>,
}

/// Walks first-parent from `start`, newest first, and returns the commits
/// (oldest first) and the document changes of each.
fn walk(
    repo: &Repository,
    start: Oid,
    prefix: &str,
    selector: &Selector,
    options: &Options,
    progress: &indicatif::ProgressBar,
) -> Result<(Vec<Commit>, Vec<Change>), git2::Error> {
    let odb = repo.odb()?;
    let mut trees = tree::TreeReader::new(odb, start.as_bytes().len());
    let bases: Vec<String> = selector
        .bases()
        .iter()
        .map(|b| {
            let b = b.to_string_lossy().replace('\\', "/");
            match (prefix.is_empty(), b.is_empty()) {
                (true, _) => b,
                (false, true) => prefix.to_owned(),
                (false, false) => format!("{prefix}/{b}"),
            }
        })
        .collect();

    let mut commits = Vec::new();
    let mut per_commit: Vec<Vec<tree::FileChange>> = Vec::new();
    let mut next = Some(repo.find_commit(start)?);
    while let Some(commit) = next {
        let info = commit_info(&commit);
        let parent = commit.parent(0).ok();
        progress.inc(1);
        let before_period = options.since.is_some_and(|since| info.date() < since);
        let after_period = options.until.is_some_and(|until| info.date() > until);
        trees.next_commit();
        let mut files = Vec::new();
        if before_period {
            // The state at the start of the period: everything in this tree.
            for base in &bases {
                let new = trees.subtree(commit.tree_id(), base)?;
                trees.diff(None, new, base, &mut files)?;
            }
            commits.push(Commit {
                baseline: true,
                ..info
            });
            per_commit.push(files);
            break;
        }
        if !after_period {
            let parent_tree = parent.as_ref().map(git2::Commit::tree_id);
            for base in &bases {
                let new = trees.subtree(commit.tree_id(), base)?;
                let old = match parent_tree {
                    Some(tree) => trees.subtree(tree, base)?,
                    None => None,
                };
                trees.diff(old, new, base, &mut files)?;
            }
            commits.push(info);
            per_commit.push(files);
        }
        next = parent;
    }
    commits.reverse();
    per_commit.reverse();

    let mut changes = Vec::new();
    for (index, files) in per_commit.into_iter().enumerate() {
        for file in files {
            let rel = match file.path.strip_prefix(prefix) {
                Some(rest) if !prefix.is_empty() => rest.trim_start_matches('/').to_owned(),
                _ => file.path,
            };
            if let Some(kind) = selector.kind(&rel) {
                changes.push(Change {
                    commit: index,
                    kind,
                    path: rel,
                    new: file.new,
                });
            }
        }
    }
    Ok((commits, changes))
}

fn commit_info(commit: &git2::Commit<'_>) -> Commit {
    let time = commit.committer().when();
    let offset = FixedOffset::east_opt(time.offset_minutes() * 60)
        .unwrap_or_else(|| FixedOffset::east_opt(0).expect("zero offset"));
    let time = offset
        .timestamp_opt(time.seconds(), 0)
        .single()
        .unwrap_or_else(|| offset.timestamp_opt(0, 0).single().expect("epoch"));
    Commit {
        id: commit.id(),
        time,
        author: commit.author().name().unwrap_or("unknown").to_owned(),
        baseline: false,
    }
}

/// A blob read as a document, shared by every version that has it, or why it
/// could not be read.
#[derive(Debug)]
enum Parsed {
    Project(Arc<Project>),
    Update(Arc<Update>),
    Decision(Arc<Decision>),
    Invalid(String),
}

/// Parses every distinct (blob, path) once, in parallel.
fn parse_blobs(
    repo: &Repository,
    config: &Config,
    changes: &[Change],
) -> HashMap<(Oid, String), Parsed> {
    let mut wanted: Vec<(Oid, &str, Kind)> = Vec::new();
    let mut seen: HashSet<(Oid, &str)> = HashSet::new();
    for change in changes {
        if let Some(new) = change.new
            && seen.insert((new, change.path.as_str()))
        {
            wanted.push((new, change.path.as_str(), change.kind));
        }
    }
    let git_dir = repo.path().to_path_buf();
    wanted
        .par_iter()
        .map_init(
            || Repository::open(&git_dir).ok(),
            |repo, &(oid, path, kind)| {
                let parsed = match repo.as_ref().map(|r| r.find_blob(oid)) {
                    Some(Ok(blob)) => parse_blob(blob.content(), path, kind, config),
                    Some(Err(err)) => {
                        Parsed::Invalid(format!("cannot read blob {oid}: {}", err.message()))
                    }
                    None => Parsed::Invalid("cannot open the repository".to_owned()),
                };
                ((oid, path.to_owned()), parsed)
            },
        )
        .collect()
}

fn parse_blob(bytes: &[u8], path: &str, kind: Kind, config: &Config) -> Parsed {
    if bytes.len() as u64 > crate::workspace::MAX_FILE_BYTES {
        return Parsed::Invalid("larger than 8 MiB".to_owned());
    }
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Parsed::Invalid("not UTF-8".to_owned());
    };
    let mut findings = Vec::new();
    let doc = document::read(path, kind, text.to_owned(), config, &mut findings);
    match doc.model {
        Some(Model::Project(p)) => Parsed::Project(Arc::new(p)),
        Some(Model::Update(u)) => Parsed::Update(Arc::new(u)),
        Some(Model::Decision(d)) => Parsed::Decision(Arc::new(d)),
        None => Parsed::Invalid(
            findings
                .first()
                .map_or_else(|| "unreadable".to_owned(), |d| d.message.clone()),
        ),
    }
}

/// Turns changes into per-document versions, following ids across moves.
fn assemble(
    commits: Vec<Commit>,
    changes: Vec<Change>,
    parsed: &HashMap<(Oid, String), Parsed>,
) -> History {
    let mut history = History {
        commits,
        ..History::default()
    };
    let mut project_at: HashMap<String, String> = HashMap::new();
    let mut decision_at: HashMap<String, String> = HashMap::new();
    let mut start = 0;
    while start < changes.len() {
        let commit = changes[start].commit;
        let end = changes[start..]
            .iter()
            .position(|c| c.commit != commit)
            .map_or(changes.len(), |n| start + n);
        let batch = &changes[start..end];
        let mut gone_projects: Vec<(String, String)> = Vec::new();
        let mut gone_decisions: Vec<(String, String)> = Vec::new();
        for change in batch {
            let parsed = match change.new {
                None => None,
                Some(oid) => match parsed.get(&(oid, change.path.clone())) {
                    Some(Parsed::Invalid(message)) => {
                        history.notes.push(Note {
                            commit,
                            path: change.path.clone(),
                            message: message.clone(),
                        });
                        continue;
                    }
                    Some(p) => Some(p),
                    None => continue,
                },
            };
            let path = change.path.clone();
            match (change.kind, parsed) {
                (Kind::Project, Some(Parsed::Project(p))) => {
                    let id = p.id.value.clone();
                    if let Some(previous) = project_at.insert(path.clone(), id.clone())
                        && previous != id
                    {
                        gone_projects.push((previous, path.clone()));
                    }
                    let doc = Some(Arc::clone(p));
                    history
                        .projects
                        .entry(id)
                        .or_default()
                        .push(Version { commit, path, doc });
                }
                (Kind::Decision, Some(Parsed::Decision(d))) => {
                    let key = d.key.clone();
                    if let Some(previous) = decision_at.insert(path.clone(), key.clone())
                        && previous != key
                    {
                        gone_decisions.push((previous, path.clone()));
                    }
                    let doc = Some(Arc::clone(d));
                    history
                        .decisions
                        .entry(key)
                        .or_default()
                        .push(Version { commit, path, doc });
                }
                (Kind::Update, Some(Parsed::Update(u))) => {
                    let doc = Some(Arc::clone(u));
                    history.updates.push(Version { commit, path, doc });
                }
                (Kind::Project, None) => {
                    if let Some(id) = project_at.remove(&path) {
                        gone_projects.push((id, path));
                    }
                }
                (Kind::Decision, None) => {
                    if let Some(key) = decision_at.remove(&path) {
                        gone_decisions.push((key, path));
                    }
                }
                (Kind::Update, None) => history.updates.push(Version {
                    commit,
                    path,
                    doc: None,
                }),
                _ => {}
            }
        }
        // A document that left one path is deleted only if its id lives at no
        // other path: deleting a file and adding the id elsewhere is a move.
        for (id, path) in gone_projects {
            if !project_at.values().any(|v| *v == id) {
                history.projects.entry(id).or_default().push(Version {
                    commit,
                    path,
                    doc: None,
                });
            }
        }
        for (key, path) in gone_decisions {
            if !decision_at.values().any(|v| *v == key) {
                history.decisions.entry(key).or_default().push(Version {
                    commit,
                    path,
                    doc: None,
                });
            }
        }
        start = end;
    }
    history
}
