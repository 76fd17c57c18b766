//! History: git commits → versions of each document → events.
//!
//! The walk is first-parent from a revision (HEAD by default), newest first,
//! and stops at the first commit older than the period; each commit is diffed
//! against its first parent with a tree diff restricted to the document
//! folders (`tree`), runs of consecutive commits on every core (`walk`).
//! Every distinct blob is parsed once, in parallel, with the same reader that
//! `check` uses; versions whose frontmatter does not parse are skipped with a
//! note. Validation rules never judge the past.

mod assemble;
mod cache;
mod changed;
mod criteria;
mod cut;
mod dates;
mod event;
pub mod measures;
mod parse;
mod period;
mod reading;
mod renames;
mod repo;
mod select;
mod timeline;
mod tree;
mod walk;
mod web;

pub use cache::{FileCache, FileKey};
pub use changed::{Changed, changed_since};

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, NaiveDate};
use git2::{Oid, Repository};

use crate::config::{Config, Selector};
use crate::document::{Decision, Project, Update};
use crate::error::Error;
use crate::vocabulary::Kind;

pub use cut::Cut;
pub use dates::{added_dates, first_activations, is_committed, last_changes};
pub use event::{Event, EventKind, decision_events, events_by_project, project_events};
pub use period::{Period, ordered, quarter_start};
pub use reading::{Provenance, Reading, Remarks, no_commits, read_period};
pub use repo::{
    bare_at, config_for, identity, is_tracked, open, open_enclosing, refuse_bare, root_prefix,
    tracked_files,
};
pub use timeline::{Change, Timeline, What, activated};
pub use web::{Web, web};

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
    /// Read the bodies of this project's versions only (other projects are
    /// looked at for their id): for one project's timeline.
    pub project: Option<String>,
    /// Keep of each project only what its lifecycle needs (id and status):
    /// for a walk over all of history that asks no more.
    pub lifecycle_only: bool,
    /// Use the history cache under `.git/goalpost/` (see `cache`).
    pub cache: bool,
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

/// The version that began a document's current life: the first after its
/// last deletion (a decision number freed by a rename and used again
/// starts a new life, dated by the commit that added that file).
pub fn life_start<T>(versions: &[Version<T>]) -> Option<&Version<T>> {
    versions.get(life_start_index(versions))
}

/// Where [`life_start`]'s version sits in `versions` (their length when
/// the last is a deletion).
pub(crate) fn life_start_index<T>(versions: &[Version<T>]) -> usize {
    versions
        .iter()
        .rposition(|v| v.doc.is_none())
        .map_or(0, |i| i + 1)
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
    /// Project ids that a rename changed (the file name gave the id), to
    /// the id the history continues under.
    pub renamed: BTreeMap<String, String>,
    /// For each of `updates`, the commit that first added the update (a
    /// moved update is the same update, added when its first path was).
    pub update_added: Vec<usize>,
    /// Versions skipped because their frontmatter did not parse.
    pub notes: Vec<Note>,
    /// How the history read was cut (shallow, grafts), if it was.
    pub cut: Option<Cut>,
    /// Document paths skipped because their names are not UTF-8, each once,
    /// where it was first seen (the path shows the bytes as `\xNN`).
    pub unnamed: Vec<Note>,
    /// Status words of past versions that map to no lifecycle state, each
    /// once, where it was first seen.
    pub unmapped: Vec<Unmapped>,
    /// What the history cache had to say: a damaged cache ignored, or one
    /// that could not be written. Never a fact: for stderr only.
    pub cache_notes: Vec<String>,
}

/// A past status word that `statuses:` does not map.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unmapped {
    pub word: String,
    /// Index into [`History::commits`].
    pub commit: usize,
    pub path: String,
}

impl History {
    /// What every reader of this history is told, one line each: an
    /// unmapped status word (where it was first seen, and how to map it), a
    /// document skipped for a name that is not UTF-8. History never drops
    /// these in silence.
    pub fn caveats(&self) -> Vec<String> {
        self.unmapped
            .iter()
            .map(|u| {
                let c = &self.commits[u.commit];
                format!(
                    "status `{}` (first in {} at {}, {}) means no lifecycle state, so its changes are not measured; map it in goalpost.yml: `statuses: {{ <state>: [{}] }}`, where <state> is one of proposed, active, blocked, at-risk, done, dropped",
                    u.word,
                    u.path,
                    c.short(),
                    c.date(),
                    u.word
                )
            })
            .chain(self.unnamed.iter().map(|n| {
                let c = &self.commits[n.commit];
                format!(
                    "skipped {} (first in {}, {}): {}",
                    n.path,
                    c.short(),
                    c.date(),
                    n.message
                )
            }))
            .collect()
    }
}

/// Reads the history of the goal repository.
pub fn read(repo: &Repository, config: &Config, options: &Options) -> Result<History, Error> {
    read_with_progress(repo, config, options, &|| {})
}

/// Reads the history, calling `tick` once per commit walked (for a progress
/// display; the library never draws one itself).
pub fn read_with_progress(
    repo: &Repository,
    config: &Config,
    options: &Options,
    tick: &(dyn Fn() + Sync),
) -> Result<History, Error> {
    let cut = Cut::of(repo);
    if let Some(cut) = cut
        && !options.allow_shallow
    {
        return Err(cut.refusal());
    }
    let Some(start) = repo::start_commit(repo, options.rev.as_deref())? else {
        return Ok(History::default());
    };
    let prefix = repo::root_prefix(repo, config)?;
    let selector = if options.projects_only {
        Selector::with_kinds(config, &[Kind::Project])?
    } else {
        Selector::with_kinds(config, &Kind::CORE)?
    };
    let mut refused = None;
    // A cut history neither fills nor reads the cache (`history::cache`).
    let cache = if options.cache && cut.is_none() {
        cache::Cache::open(repo, &select::bases(&prefix, &selector), config).unwrap_or_else(
            |note| {
                refused = Some(note);
                None
            },
        )
    } else {
        None
    };
    let walk::Walked {
        commits,
        changes,
        unnamed,
    } = walk::walk(
        repo,
        start,
        &prefix,
        &selector,
        options,
        cache.as_ref(),
        tick,
    )
    .map_err(|e| cut::explain_missing(repo, e))?;
    let renamed = renames::renames(repo, &changes);
    let whole: std::collections::HashSet<&str> = renamed
        .iter()
        .flat_map(|r| [r.from.as_str(), r.to.as_str()])
        .collect();
    let readings = parse::parse_blobs(
        repo,
        config,
        &changes,
        options.project.as_deref(),
        &whole,
        options.lifecycle_only,
        cache.as_ref(),
    );
    if let Some(damaged) = readings.docs.iter().find_map(|p| match p {
        parse::Parsed::Damaged(what) => Some(what),
        _ => None,
    }) {
        let damaged = Error::usage(format!("cannot read git history: {damaged}")).with_help(
            "the repository is damaged: `git fsck` names what is broken; fetch a fresh clone",
        );
        return Err(cut::explain_missing(repo, damaged));
    }
    let mut history = assemble::assemble(commits, &changes, &readings, &renamed);
    drop(whole);
    history.unnamed = unnamed;
    history.cut = cut;
    drop(readings);
    drop(changes);
    history.head = Some(start);
    if let Some(cache) = cache {
        history.cache_notes = cache.save();
    }
    history.cache_notes.extend(refused);
    Ok(history)
}
