//! Which files a commit renamed, as git would report them: a file deleted
//! and one of the same kind added in the same commit, with the same blob or
//! content at least half alike (git's default `-M50%`). A renamed project
//! or decision keeps its history even when its id, which comes from the
//! file name, changed (`eip-20.md` → `erc-20.md`).

use std::collections::HashMap;

use git2::{Oid, Repository};

use super::select::{Change, by_commit};
use crate::vocabulary::Kind;

/// Past this many candidate pairs in one commit, only exact renames are
/// looked for (git's `diff.renameLimit` is in the same spirit).
const MAX_PAIRS: usize = 160_000;

/// A file that left `from` and arrived at `to` in one commit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rename {
    pub commit: usize,
    pub from: String,
    pub to: String,
}

/// The renames among `changes` (in commit order). The content a deleted
/// file had is its last version seen in the walk (the baseline commit lists
/// every file), so nothing beyond the walk is read.
pub(super) fn renames(repo: &Repository, changes: &[Change]) -> Vec<Rename> {
    let mut current: HashMap<&str, Oid> = HashMap::new();
    let mut out = Vec::new();
    for (_, batch) in by_commit(changes) {
        let commit = batch[0].commit;
        let mut gone: Vec<(Kind, &str, Oid)> = Vec::new();
        let mut added: Vec<(Kind, &str, Oid)> = Vec::new();
        for c in batch {
            match (current.get(c.path.as_str()), c.new) {
                (Some(&old), None) => gone.push((c.kind, c.path.as_str(), old)),
                (None, Some(new)) => added.push((c.kind, c.path.as_str(), new)),
                _ => {}
            }
        }
        if !gone.is_empty() && !added.is_empty() {
            out.extend(
                pair(repo, &gone, &added)
                    .into_iter()
                    .map(|(from, to)| Rename {
                        commit,
                        from: from.to_owned(),
                        to: to.to_owned(),
                    }),
            );
        }
        for c in batch {
            match c.new {
                Some(new) => current.insert(c.path.as_str(), new),
                None => current.remove(c.path.as_str()),
            };
        }
    }
    out
}

/// Deleted and added files paired: the same blob first, then the most
/// alike content at or above half, each file in one pair at most.
fn pair<'c>(
    repo: &Repository,
    gone: &[(Kind, &'c str, Oid)],
    added: &[(Kind, &'c str, Oid)],
) -> Vec<(&'c str, &'c str)> {
    let mut taken_from = vec![false; gone.len()];
    let mut taken_to = vec![false; added.len()];
    let mut out = Vec::new();
    for (t, (kind, to, new)) in added.iter().enumerate() {
        if let Some(f) =
            (0..gone.len()).find(|&f| !taken_from[f] && gone[f].0 == *kind && gone[f].2 == *new)
        {
            taken_from[f] = true;
            taken_to[t] = true;
            out.push((gone[f].1, *to));
        }
    }
    let left =
        taken_from.iter().filter(|t| !**t).count() * taken_to.iter().filter(|t| !**t).count();
    if left == 0 || left > MAX_PAIRS {
        return out;
    }
    let lines = |id: Oid| repo.find_blob(id).ok().map(|b| Lines::of(b.content()));
    let sources: Vec<Option<Lines>> = gone
        .iter()
        .enumerate()
        .map(|(f, g)| if taken_from[f] { None } else { lines(g.2) })
        .collect();
    let mut scored: Vec<(u64, usize, usize)> = Vec::new();
    for (t, (kind, _, new)) in added.iter().enumerate() {
        if taken_to[t] {
            continue;
        }
        let Some(target) = lines(*new) else { continue };
        for (f, source) in sources.iter().enumerate() {
            if let Some(source) = source.as_ref().filter(|_| gone[f].0 == *kind) {
                let score = source.similarity(&target);
                if score * 2 >= SCALE {
                    scored.push((score, f, t));
                }
            }
        }
    }
    // Best first; ties by position, so the pairing is the same every run.
    scored.sort_by(|a, b| b.0.cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2))));
    for (_, f, t) in scored {
        if !taken_from[f] && !taken_to[t] {
            taken_from[f] = true;
            taken_to[t] = true;
            out.push((gone[f].1, added[t].1));
        }
    }
    out
}

/// Similarity as a fraction of this.
const SCALE: u64 = 10_000;

/// A file's lines, counted, for comparing content.
struct Lines {
    counts: HashMap<Vec<u8>, u32>,
    len: usize,
}

impl Lines {
    fn of(content: &[u8]) -> Self {
        let mut counts: HashMap<Vec<u8>, u32> = HashMap::new();
        for line in content.split_inclusive(|&b| b == b'\n') {
            *counts.entry(line.to_vec()).or_default() += 1;
        }
        Lines {
            counts,
            len: content.len(),
        }
    }

    /// The bytes of `other`'s lines also found here (each line as often as
    /// it occurs in both), over the larger size, in [`SCALE`]ths: git's
    /// measure of a rename, on lines rather than its hashed chunks.
    fn similarity(&self, other: &Lines) -> u64 {
        let larger = self.len.max(other.len);
        if larger == 0 {
            return SCALE;
        }
        let common: usize = other
            .counts
            .iter()
            .map(|(line, n)| {
                let here = self.counts.get(line).copied().unwrap_or(0);
                line.len() * (*n).min(here) as usize
            })
            .sum();
        common as u64 * SCALE / larger as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similarity_counts_shared_lines_over_the_larger_file() {
        let a = Lines::of(b"one\ntwo\nthree\nfour\n");
        assert_eq!(a.similarity(&Lines::of(b"one\ntwo\nthree\nfour\n")), SCALE);
        // 14 of 19 bytes: "one\n", "two\n", "three\n" shared; "four\n" not.
        assert_eq!(
            a.similarity(&Lines::of(b"one\ntwo\nthree\n")),
            14 * SCALE / 19
        );
        assert_eq!(a.similarity(&Lines::of(b"five\nsix\n")), 0);
        // A line counts as often as it occurs on both sides.
        let twice = Lines::of(b"x\nx\n");
        assert_eq!(twice.similarity(&Lines::of(b"x\n")), SCALE / 2);
    }
}
