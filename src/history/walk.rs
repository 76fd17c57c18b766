//! The first-parent walk: which commits a period needs, and which document
//! files each one changed (a tree diff restricted to the document folders).

use chrono::{FixedOffset, TimeZone};
use git2::{Oid, Repository};
use rayon::prelude::*;

use super::cache::{Cache, CommitRecord};
use super::select::{Change, bases, changes};
use super::{Commit, Note, Options, tree};
use crate::config::Selector;
use crate::error::Error;

/// What a walk found: its commits (oldest first), the document changes
/// they made, and the documents it skipped for their names.
pub(super) struct Walked {
    pub commits: Vec<Commit>,
    pub changes: Vec<Change>,
    pub unnamed: Vec<Note>,
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

/// Where a commit of the chain stands to the period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    /// Newer than the period: walked through, not read.
    After,
    /// In the period: diffed against its first parent.
    Period,
    /// The newest commit before the period: its tree is the state at the
    /// start.
    Baseline,
}

/// Commits diffed by one worker, newest first: consecutive commits share
/// a tree (a commit's old side is the next one's new side), so a run is
/// read by one reader, and each worker reads whole runs.
const RUN: usize = 256;

/// Commits read from the chain at a time: what is held of commits not yet
/// diffed stays bounded however long the history.
const BATCH: usize = 8192;

/// Walks first-parent from `start`, newest first, and returns the commits
/// (oldest first) and the document changes of each. What `cache` knows is
/// not read from git again, and what git had to tell is remembered in it.
///
/// The chain of commits is read a batch at a time (small objects); the tree
/// diffs of a batch, which are most of the cost on a large folder, then run
/// on every core, each worker reading contiguous runs of commits with its
/// own reader.
pub(super) fn walk(
    repo: &Repository,
    start: Oid,
    prefix: &str,
    selector: &Selector,
    options: &Options,
    cache: Option<&Cache>,
    tick: &(dyn Fn() + Sync),
) -> Result<Walked, Error> {
    let bases = bases(prefix, selector);
    let (run, batch) = sizes();
    let git_dir = repo.path().to_path_buf();
    let mut chain = Chain {
        repo,
        options,
        cache,
        next: Some(Step::read(repo, start, cache, None)?),
    };
    let mut commits = Vec::new();
    let mut per_commit: Vec<Vec<tree::FileChange>> = Vec::new();
    loop {
        let mut steps = chain.batch(batch)?;
        if steps.is_empty() {
            break;
        }
        // The tree of the commit before the batch's oldest.
        let beyond = chain.next.as_ref().map(Step::tree).transpose()?;
        let diffed = diff_batch(&git_dir, run, &steps, beyond, &bases, tick)?;
        for ((step, role), known) in steps.iter_mut().zip(diffed) {
            let role = *role;
            let fresh = known.is_some();
            let files = match (role, known) {
                (Role::After, _) => {
                    if !step.cached {
                        remember(cache, step);
                    }
                    continue;
                }
                (_, Some(files)) => files,
                (_, None) => cached_changes(step)?,
            };
            if role == Role::Period && fresh {
                step.record.changes = Some(
                    files
                        .iter()
                        .map(|f| (f.path.clone(), f.new.map(|n| n.as_bytes().to_vec())))
                        .collect(),
                );
                remember(cache, step);
            } else if !step.cached {
                remember(cache, step);
            }
            commits.push(Commit {
                baseline: role == Role::Baseline,
                ..step.info()
            });
            per_commit.push(files);
        }
    }
    commits.reverse();
    per_commit.reverse();
    let (changes, unnamed) = changes(per_commit, prefix, selector);
    Ok(Walked {
        commits,
        changes,
        unnamed,
    })
}

/// Diffs the commits of a batch that git must diff (in the period and not
/// known to the cache, and the baseline: its whole tree), in parallel runs;
/// `None` for the others. `beyond` is the tree of the first parent of the
/// batch's oldest commit. The newest failure is the one reported, as a walk
/// one commit at a time would have met it first.
fn diff_batch(
    git_dir: &std::path::Path,
    run: usize,
    steps: &[(Step, Role)],
    beyond: Option<Oid>,
    bases: &[String],
    tick: &(dyn Fn() + Sync),
) -> Result<Vec<Option<Vec<tree::FileChange>>>, Error> {
    let id_len = steps
        .first()
        .map_or(20, |(step, _)| step.id.as_bytes().len());
    let jobs: Vec<usize> = (0..steps.len())
        .filter(|&i| match steps[i].1 {
            Role::Period => steps[i].0.record.changes.is_none(),
            Role::Baseline => true,
            Role::After => false,
        })
        .collect();
    for _ in 0..steps.len() - jobs.len() {
        tick();
    }
    let trees = |i: usize| -> Result<(Option<Oid>, Option<Oid>), Error> {
        let (step, role) = &steps[i];
        let parent = match (role, steps.get(i + 1)) {
            (Role::Baseline, _) => None,
            (_, Some((parent, _))) => Some(parent.tree()?),
            (_, None) => beyond,
        };
        Ok((parent, Some(step.tree()?)))
    };
    let diffed: Vec<(usize, Result<Vec<tree::FileChange>, Error>)> = jobs
        .par_chunks(run)
        .map_init(
            || Repository::open(git_dir),
            |opened, chunk| {
                let odb = match opened {
                    Ok(repo) => repo
                        .odb()
                        .map_err(|e| damaged(&e, "the object database", None)),
                    Err(e) => Err(damaged(e, "the repository", None)),
                };
                let odb = match odb {
                    Ok(odb) => odb,
                    Err(e) => return vec![(chunk[0], Err(e))],
                };
                let mut reader = tree::TreeReader::new(&odb, id_len);
                chunk
                    .iter()
                    .map(|&i| {
                        reader.next_commit();
                        let files = trees(i).and_then(|(old, new)| {
                            diff(&mut reader, old, new, bases, steps[i].0.id)
                        });
                        tick();
                        (i, files)
                    })
                    .collect::<Vec<_>>()
            },
        )
        .flatten()
        .collect();
    let mut out: Vec<Option<Vec<tree::FileChange>>> = vec![None; steps.len()];
    for (i, files) in diffed {
        out[i] = Some(files?);
    }
    Ok(out)
}

/// The run and batch sizes: tests make them small, to cross every boundary.
fn sizes() -> (usize, usize) {
    #[cfg(test)]
    if let Some(sizes) = tests::SIZES.with(std::cell::Cell::get) {
        return sizes;
    }
    (RUN, BATCH)
}

/// The first-parent chain, read a batch at a time, newest first, down to
/// the first commit before the period (or the root).
struct Chain<'a> {
    repo: &'a Repository,
    options: &'a Options,
    cache: Option<&'a Cache>,
    /// The next commit to hand out: the first parent of the last one.
    next: Option<Step>,
}

impl Chain<'_> {
    /// Up to `n` more commits, each with its role.
    fn batch(&mut self, n: usize) -> Result<Vec<(Step, Role)>, Error> {
        let mut steps = Vec::new();
        while steps.len() < n
            && let Some(step) = self.next.take()
        {
            let date = step.info().date();
            let role = if self.options.since.is_some_and(|since| date < since) {
                Role::Baseline
            } else if self.options.until.is_some_and(|until| date > until) {
                Role::After
            } else {
                Role::Period
            };
            // A parent that cannot be read is a damaged repository, never
            // the start of history: that would date everything older wrongly.
            self.next = match (role, step.parent()?) {
                (Role::Baseline, _) | (_, None) => None,
                (_, Some(id)) => Some(Step::read(self.repo, id, self.cache, Some(step.id))?),
            };
            steps.push((step, role));
        }
        Ok(steps)
    }
}

/// The document files that differ between two trees of a commit, under
/// each base folder.
fn diff(
    trees: &mut tree::TreeReader<'_>,
    old: Option<Oid>,
    new: Option<Oid>,
    bases: &[String],
    commit: Oid,
) -> Result<Vec<tree::FileChange>, Error> {
    let in_commit = |e: git2::Error| damaged(&e, "a tree", Some(commit));
    let mut files = Vec::new();
    for base in bases {
        let new = match new {
            Some(tree) => trees.subtree(tree, base).map_err(in_commit)?,
            None => None,
        };
        let old = match old {
            Some(tree) => trees.subtree(tree, base).map_err(in_commit)?,
            None => None,
        };
        trees.diff(old, new, base, &mut files).map_err(in_commit)?;
    }
    Ok(files)
}

/// The changes the cache remembers of a commit.
fn cached_changes(step: &Step) -> Result<Vec<tree::FileChange>, Error> {
    let known = step.record.changes.as_deref().unwrap_or_default();
    known
        .iter()
        .map(|(path, new)| {
            // A blob id that is not one is damage, never a deletion.
            let new = new
                .as_deref()
                .map(Oid::from_bytes)
                .transpose()
                .map_err(|e| damaged(&e, "a blob id", Some(step.id)))?;
            Ok(tree::FileChange {
                path: path.clone(),
                old: None,
                new,
            })
        })
        .collect()
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

#[cfg(test)]
#[path = "walk_tests.rs"]
mod tests;
