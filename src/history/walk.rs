//! The first-parent walk: which commits a period needs, and which document
//! files each one changed (a tree diff restricted to the document folders).

use chrono::{FixedOffset, TimeZone};
use git2::{Oid, Repository};

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

/// Walks first-parent from `start`, newest first, and returns the commits
/// (oldest first) and the document changes of each.
pub(super) fn walk(
    repo: &Repository,
    start: Oid,
    prefix: &str,
    selector: &Selector,
    options: &Options,
    tick: &dyn Fn(),
) -> Result<(Vec<Commit>, Vec<Change>), Error> {
    let odb = repo
        .odb()
        .map_err(|e| damaged(&e, "the object database", None))?;
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
    let mut next = Some(
        repo.find_commit(start)
            .map_err(|e| damaged(&e, &format!("commit {start}"), None))?,
    );
    while let Some(commit) = next {
        let info = commit_info(&commit);
        // A parent that cannot be read is a damaged repository, never the
        // start of history: that would date everything older wrongly.
        let parent = match commit.parent_id(0) {
            Ok(id) => Some(
                repo.find_commit(id)
                    .map_err(|e| damaged(&e, &format!("commit {id}"), Some(commit.id())))?,
            ),
            Err(_) => None,
        };
        let in_commit = |e: git2::Error| damaged(&e, "a tree", Some(commit.id()));
        tick();
        let before_period = options.since.is_some_and(|since| info.date() < since);
        let after_period = options.until.is_some_and(|until| info.date() > until);
        trees.next_commit();
        let mut files = Vec::new();
        if before_period {
            // The state at the start of the period: everything in this tree.
            for base in &bases {
                let new = trees.subtree(commit.tree_id(), base).map_err(in_commit)?;
                trees.diff(None, new, base, &mut files).map_err(in_commit)?;
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
                let new = trees.subtree(commit.tree_id(), base).map_err(in_commit)?;
                let old = match parent_tree {
                    Some(tree) => trees.subtree(tree, base).map_err(in_commit)?,
                    None => None,
                };
                trees.diff(old, new, base, &mut files).map_err(in_commit)?;
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
