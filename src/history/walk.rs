//! The first-parent walk: which commits a period needs, and which document
//! files each one changed (a tree diff restricted to the document folders).

use chrono::{FixedOffset, TimeZone};
use git2::{Oid, Repository};

use super::cache::{Cache, CommitRecord};
use super::{Commit, Options, tree};
use crate::config::Selector;
use crate::error::Error;
use crate::vocabulary::Kind;

/// A document file changed in a commit, with its root-relative path.
#[derive(Clone, Debug)]
pub(super) struct Change {
    pub commit: usize,
    pub kind: Kind,
    pub path: String,
    pub new: Option<Oid>,
}

/// The folders a walk diffs: the selector's bases under `prefix`, with `/`.
pub(super) fn bases(prefix: &str, selector: &Selector) -> Vec<String> {
    selector
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
        .collect()
}

/// What the walk needs of one commit: from the cache, else from git.
struct Step {
    id: Oid,
    record: CommitRecord,
    /// The record came from the cache.
    cached: bool,
}

impl Step {
    fn read(
        repo: &Repository,
        id: Oid,
        cache: Option<&Cache>,
        of: Option<Oid>,
    ) -> Result<Step, Error> {
        if let Some(record) = cache.and_then(|c| c.commit(id)) {
            return Ok(Step {
                id,
                record,
                cached: true,
            });
        }
        let commit = repo
            .find_commit(id)
            .map_err(|e| damaged(&e, &format!("commit {id}"), of))?;
        Ok(Step::of(&commit))
    }

    /// What git says of a commit (not yet diffed).
    fn of(commit: &git2::Commit<'_>) -> Step {
        let time = commit.committer().when();
        Step {
            id: commit.id(),
            record: CommitRecord {
                parent: commit.parent_id(0).ok().map(|p| p.as_bytes().to_vec()),
                tree: commit.tree_id().as_bytes().to_vec(),
                seconds: time.seconds(),
                offset_minutes: time.offset_minutes(),
                author: commit.author().name().unwrap_or("unknown").to_owned(),
                changes: None,
            },
            cached: false,
        }
    }

    /// The first parent; an id that is not one is damage, never the start
    /// of history.
    fn parent(&self) -> Result<Option<Oid>, Error> {
        self.record
            .parent
            .as_deref()
            .map(|p| Oid::from_bytes(p).map_err(|e| damaged(&e, "a parent id", Some(self.id))))
            .transpose()
    }

    fn tree(&self) -> Result<Oid, Error> {
        Oid::from_bytes(&self.record.tree).map_err(|e| damaged(&e, "a tree id", Some(self.id)))
    }

    fn info(&self) -> Commit {
        commit_at(
            self.id,
            self.record.seconds,
            self.record.offset_minutes,
            &self.record.author,
        )
    }
}

/// Walks first-parent from `start`, newest first, and returns the commits
/// (oldest first) and the document changes of each. What `cache` knows is
/// not read from git again, and what git had to tell is remembered in it.
pub(super) fn walk(
    repo: &Repository,
    start: Oid,
    prefix: &str,
    selector: &Selector,
    options: &Options,
    cache: Option<&Cache>,
    tick: &dyn Fn(),
) -> Result<(Vec<Commit>, Vec<Change>), Error> {
    let odb = repo
        .odb()
        .map_err(|e| damaged(&e, "the object database", None))?;
    let mut trees = tree::TreeReader::new(odb, start.as_bytes().len());
    let bases = bases(prefix, selector);

    let mut commits = Vec::new();
    let mut per_commit: Vec<Vec<tree::FileChange>> = Vec::new();
    let mut next = Some(Step::read(repo, start, cache, None)?);
    while let Some(mut step) = next {
        let info = step.info();
        // A parent that cannot be read is a damaged repository, never the
        // start of history: that would date everything older wrongly.
        let parent = match step.parent()? {
            Some(id) => Some(Step::read(repo, id, cache, Some(step.id))?),
            None => None,
        };
        let id = step.id;
        let in_commit = |e: git2::Error| damaged(&e, "a tree", Some(id));
        tick();
        let before_period = options.since.is_some_and(|since| info.date() < since);
        let after_period = options.until.is_some_and(|until| info.date() > until);
        trees.next_commit();
        let mut files = Vec::new();
        if before_period {
            // The state at the start of the period: everything in this tree.
            let tree = step.tree()?;
            for base in &bases {
                let new = trees.subtree(tree, base).map_err(in_commit)?;
                trees.diff(None, new, base, &mut files).map_err(in_commit)?;
            }
            if !step.cached {
                remember(cache, &step);
            }
            commits.push(Commit {
                baseline: true,
                ..info
            });
            per_commit.push(files);
            break;
        }
        if !after_period {
            match step.record.changes.as_ref() {
                Some(known) => {
                    for (path, new) in known {
                        // A blob id that is not one is damage, never a deletion.
                        let new = new
                            .as_deref()
                            .map(Oid::from_bytes)
                            .transpose()
                            .map_err(|e| damaged(&e, "a blob id", Some(id)))?;
                        files.push(tree::FileChange {
                            path: path.clone(),
                            old: None,
                            new,
                        });
                    }
                }
                None => {
                    let tree = step.tree()?;
                    let parent_tree = parent.as_ref().map(Step::tree).transpose()?;
                    for base in &bases {
                        let new = trees.subtree(tree, base).map_err(in_commit)?;
                        let old = match parent_tree {
                            Some(t) => trees.subtree(t, base).map_err(in_commit)?,
                            None => None,
                        };
                        trees.diff(old, new, base, &mut files).map_err(in_commit)?;
                    }
                    step.record.changes = Some(
                        files
                            .iter()
                            .map(|f| (f.path.clone(), f.new.map(|n| n.as_bytes().to_vec())))
                            .collect(),
                    );
                    remember(cache, &step);
                }
            }
            commits.push(info);
            per_commit.push(files);
        } else if !step.cached {
            remember(cache, &step);
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

fn remember(cache: Option<&Cache>, step: &Step) {
    if let Some(cache) = cache {
        cache.remember_commit(step.id, &step.record);
    }
}

/// An object git cannot read: an error naming it (and the commit that needs
/// it), never a shorter history.
pub(super) fn damaged(err: &git2::Error, what: &str, of: Option<Oid>) -> Error {
    let of = of.map(|c| format!(" of commit {c}")).unwrap_or_default();
    Error::usage(format!(
        "cannot read git history: {what}{of} cannot be read ({})",
        err.message()
    ))
    .with_help("the repository is damaged: `git fsck` names what is broken; fetch a fresh clone")
}

pub(super) fn commit_info(commit: &git2::Commit<'_>) -> Commit {
    Step::of(commit).info()
}

fn commit_at(id: Oid, seconds: i64, offset_minutes: i32, author: &str) -> Commit {
    let offset = FixedOffset::east_opt(offset_minutes * 60)
        .unwrap_or_else(|| FixedOffset::east_opt(0).expect("zero offset"));
    let time = offset
        .timestamp_opt(seconds, 0)
        .single()
        .unwrap_or_else(|| offset.timestamp_opt(0, 0).single().expect("epoch"));
    Commit {
        id,
        time,
        author: author.to_owned(),
        baseline: false,
    }
}
