//! Which files a walk reads: the folders it diffs, and which of the files
//! a commit changed are documents of a kind. A document whose name is not
//! UTF-8 is skipped by name, never read under a lossy one.

use std::collections::HashSet;

use git2::Oid;

use super::{Note, tree};
use crate::config::Selector;
use crate::vocabulary::Kind;

/// A document file changed in a commit, with its root-relative path.
#[derive(Clone, Debug)]
pub(super) struct Change {
    pub commit: usize,
    pub kind: Kind,
    pub path: String,
    pub new: Option<Oid>,
}

/// The changes of each commit in turn (changes are in commit order), with
/// the index of each batch's first change.
pub(super) fn by_commit(changes: &[Change]) -> impl Iterator<Item = (usize, &[Change])> {
    let mut start = 0;
    changes
        .chunk_by(|a, b| a.commit == b.commit)
        .map(move |batch| {
            let at = start;
            start += batch.len();
            (at, batch)
        })
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

/// Each file change as a document change of a kind, with its path relative
/// to the goal root; files no kind selects are left out. A document whose
/// path is not UTF-8 is left out too, with a note where it first appears.
pub(super) fn changes(
    per_commit: Vec<Vec<tree::FileChange>>,
    prefix: &str,
    selector: &Selector,
) -> (Vec<Change>, Vec<Note>) {
    let mut changes = Vec::with_capacity(per_commit.iter().map(Vec::len).sum());
    let mut unnamed: Vec<Note> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    for (index, files) in per_commit.into_iter().enumerate() {
        for file in files {
            let rel = match file.path.strip_prefix(prefix) {
                Some(rest) if !prefix.is_empty() => rest.trim_start_matches('/').to_owned(),
                _ => file.path,
            };
            if rel.contains(tree::NOT_UTF8) {
                let shown = rel.replace(tree::NOT_UTF8, "");
                if selector.kind(&shown).is_some() && seen.insert(shown.clone()) {
                    unnamed.push(Note {
                        commit: index,
                        path: shown,
                        message: "its name is not UTF-8 (the bytes written `\\xNN`), so goalpost cannot tell it from other such names and skips its history; rename it with `git mv`".to_owned(),
                    });
                }
                continue;
            }
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
    (changes, unnamed)
}
