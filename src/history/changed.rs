//! What changed since a revision, for `check --changed-since`: the files
//! that differ between the merge base of the revision and HEAD and the
//! working tree (committed since, staged, edited, or new), as `git diff
//! $(git merge-base REV HEAD)` lists them, with each one's text at the
//! merge base.

use git2::{DiffOptions, ErrorCode};

use super::repo::{git_error, open, root_prefix, start_commit};
use crate::config::{self, Config};
use crate::error::Error;

/// The files changed since a merge base.
#[derive(Debug)]
pub struct Changed {
    /// The merge base's short id.
    pub base: String,
    /// Root-relative paths (`/`-separated), each with its text at the merge
    /// base: `None` when it did not exist there (or is not UTF-8 text).
    pub files: Vec<(String, Option<String>)>,
    /// Whether `goalpost.yml` at the root is one of them: then every
    /// document may read differently.
    pub config: bool,
}

impl Changed {
    /// Whether the file at root-relative `path` is one of them.
    pub fn touches(&self, path: &str) -> bool {
        self.files
            .binary_search_by(|(p, _)| p.as_str().cmp(path))
            .is_ok()
    }
}

pub fn changed_since(config: &Config, rev: &str) -> Result<Changed, Error> {
    let repo = open(config)?;
    let prefix = root_prefix(&repo, config)?;
    let shallow_help = "a shallow clone may not have it: fetch the history it needs (`git fetch --deepen=200`, or `fetch-depth: 0` in actions/checkout)";
    let theirs = match start_commit(&repo, Some(rev)) {
        Ok(Some(id)) => id,
        Ok(None) => return Err(Error::usage(format!("`{rev}` does not name a commit"))),
        Err(e) => return Err(e.with_help(shallow_help)),
    };
    let Some(head) = start_commit(&repo, None)? else {
        return Err(Error::usage(
            "HEAD has no commit yet, so nothing has changed since a revision",
        ));
    };
    let base = repo.merge_base(theirs, head).map_err(|err| {
        if err.code() == ErrorCode::NotFound {
            Error::usage(format!("`{rev}` and HEAD have no commit in common"))
                .with_help(shallow_help)
        } else {
            git_error(err)
        }
    })?;
    let tree = repo
        .find_commit(base)
        .and_then(|c| c.tree())
        .map_err(git_error)?;
    let mut options = DiffOptions::new();
    options.include_untracked(true).recurse_untracked_dirs(true);
    if !prefix.is_empty() {
        options.pathspec(format!("{prefix}/"));
    }
    let diff = repo
        .diff_tree_to_workdir_with_index(Some(&tree), Some(&mut options))
        .map_err(git_error)?;
    let mut files: Vec<(String, Option<String>)> = Vec::new();
    for delta in diff.deltas() {
        // A rename is a removal and an addition: both paths changed.
        for path in [delta.old_file().path(), delta.new_file().path()]
            .into_iter()
            .flatten()
        {
            let Some(full) = path.to_str().map(|p| p.replace('\\', "/")) else {
                continue;
            };
            let rel = match prefix.as_str() {
                "" => full.clone(),
                prefix => match full.strip_prefix(prefix).and_then(|r| r.strip_prefix('/')) {
                    Some(rel) => rel.to_owned(),
                    None => continue,
                },
            };
            if files.iter().any(|(p, _)| *p == rel) {
                continue;
            }
            let text = tree
                .get_path(std::path::Path::new(&full))
                .ok()
                .and_then(|entry| repo.find_blob(entry.id()).ok())
                .and_then(|blob| String::from_utf8(blob.content().to_vec()).ok());
            files.push((rel, text));
        }
    }
    files.sort();
    let config = files.iter().any(|(p, _)| p == config::FILE_NAME);
    Ok(Changed {
        base: super::short(&base.to_string()).to_owned(),
        files,
        config,
    })
}
