//! The cache: what a walk learned, kept under `.git/goalpost/` so that the
//! next walk need not learn it again (SPEC principle 2 allows a disposable
//! cache there; git never shows it), and what reading each working-tree file
//! found (`files`, keyed by the file's content: see [`FileCache`]).
//!
//! Two history stores, each keyed by what could change its facts:
//! - **walk**: per commit id, its first parent, tree, committer time and
//!   author, and the document files it changed under the folders read (the
//!   store's folder name hashes those folders and goalpost's build);
//! - **blobs**: per (blob id, path), the document read from it, or why it
//!   could not be read (the folder name hashes every setting the reader
//!   uses: status words, section headings, decision statuses, and the build).
//!
//! Commit and blob ids name their content, so a record can never go stale;
//! a rewritten history simply misses. The cache is never required: a
//! damaged file is ignored with a note and rebuilt, a cache that cannot be
//! written is a note, `--no-cache` skips it, and a cut history (a shallow
//! clone, grafts: `history::Cut`) neither fills nor reads it: a cut keeps
//! the commits' ids but not their parents, and would be remembered after
//! the clone is deepened or the grafts removed.

mod files;
mod pending;
mod record;
mod segment;
mod store;

pub use files::{FileCache, FileKey};

use std::path::{Path, PathBuf};

use git2::{Oid, Repository};
use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::document::{Decision, Project, Update};
use crate::vocabulary::Kind;
use pending::Pending;
use record::checksum;
use store::{Hold, Store};

/// The layout of the records; a new layout is a new folder.
const LAYOUT: &str = "v1";
/// At most this many bytes per store; past it, a store starts over.
const WALK_LIMIT: u64 = 256 << 20;
const BLOB_LIMIT: u64 = 768 << 20;
/// Store folders kept per kind (the current one and older settings).
const KEEP: usize = 3;

/// What a commit holds that a walk needs.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(super) struct CommitRecord {
    pub parent: Option<Vec<u8>>,
    pub tree: Vec<u8>,
    pub seconds: i64,
    pub offset_minutes: i32,
    pub author: String,
    /// The document files it changed against its first parent (path, new
    /// blob); `None` when the walk did not diff it (it lay after a period).
    pub changes: Option<Vec<(String, Option<Vec<u8>>)>>,
}

/// A document read from a blob, or why it could not be read.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(super) enum Stored {
    Project(Project),
    Update(Update),
    Decision(Decision),
    Invalid(String),
    /// Last, so that the encodings before it keep their tags.
    Recognition(crate::document::Recognition),
}

/// A [`Stored`] value borrowed, for writing (the same encoding).
#[derive(Serialize)]
pub(super) enum StoredRef<'a> {
    Project(&'a Project),
    Update(&'a Update),
    Decision(&'a Decision),
    Invalid(&'a str),
    Recognition(&'a crate::document::Recognition),
}

/// The cache of one walk: both stores, indexed at the start, and what the
/// walk learned (spilled to a temporary file as it goes), written to them
/// at the end.
#[derive(Debug)]
pub(super) struct Cache {
    walk: Store,
    blobs: Store,
    walk_new: Pending,
    blobs_new: Pending,
    root: PathBuf,
}

impl Cache {
    /// Opens the cache of `repo` for a walk of `bases` (root-relative
    /// folders, `prefix` included) read with `config` (never for a cut
    /// history: the caller asks `history::Cut` first); a note when the
    /// cache's folder cannot be trusted.
    pub fn open(
        repo: &Repository,
        bases: &[String],
        config: &Config,
    ) -> Result<Option<Cache>, String> {
        let root = cache_root(repo)?;
        let build = build_stamp();
        let walk_key = fingerprint(&[&build, &bases.join("\n")]);
        let blob_key = fingerprint(&[&build, &reader_settings(config)]);
        // A walk reads every commit's record, and the documents of its
        // period: a part of all it ever read.
        let walk = Store::open(
            root.join(format!("walk-{walk_key:016x}")),
            Hold::InMemory,
            WALK_LIMIT,
            more_complete,
        );
        let blobs = Store::open(
            root.join(format!("blobs-{blob_key:016x}")),
            Hold::InPlace,
            BLOB_LIMIT,
            |_, _| false,
        );
        Ok(Some(Cache {
            walk,
            blobs,
            walk_new: Pending::new(root.clone()),
            blobs_new: Pending::new(root.clone()),
            root,
        }))
    }

    /// A commit's record, if the cache has a sound one (every id in it an id).
    pub fn commit(&self, id: Oid) -> Option<CommitRecord> {
        let bytes = self.walk.get(id.as_bytes())?;
        let record: CommitRecord = postcard::from_bytes(&bytes).ok()?;
        let is_id = |b: &[u8]| Oid::from_bytes(b).is_ok();
        let sound = is_id(&record.tree)
            && record.parent.as_deref().is_none_or(is_id)
            && record
                .changes
                .iter()
                .flatten()
                .all(|(_, new)| new.as_deref().is_none_or(is_id));
        sound.then_some(record)
    }

    pub fn remember_commit(&self, id: Oid, record: &CommitRecord) {
        if let Ok(bytes) = postcard::to_stdvec(record) {
            self.walk_new.push(id.as_bytes(), &bytes);
        }
    }

    /// The document read from `blob` at `path` as a `kind`, if the cache
    /// has it.
    pub fn parsed(&self, blob: Oid, path: &str, kind: Kind) -> Option<Stored> {
        let bytes = self.blobs.get(&blob_key(blob, path, kind))?;
        postcard::from_bytes(&bytes).ok()
    }

    pub fn remember_parsed(&self, blob: Oid, path: &str, kind: Kind, stored: &StoredRef<'_>) {
        if let Ok(bytes) = postcard::to_stdvec(stored) {
            self.blobs_new.push(&blob_key(blob, path, kind), &bytes);
        }
    }

    /// Writes what the walk learned; returns what the user should know
    /// (a damaged cache ignored, or a cache that could not be written).
    pub fn save(self) -> Vec<String> {
        let mut notes = Vec::new();
        for (store, new, limit) in [
            (&self.walk, &self.walk_new, WALK_LIMIT),
            (&self.blobs, &self.blobs_new, BLOB_LIMIT),
        ] {
            if !save_store(store, new, limit, &self.root, "history cache", &mut notes) {
                break;
            }
        }
        notes.dedup();
        notes
    }
}

/// The folder of this layout's stores, `.git/goalpost/v1`, provided
/// neither it nor `.git/goalpost` is a link or anything but a folder: the
/// cache writes and prunes there, and must never do so at a link's target.
pub(super) fn cache_root(repo: &Repository) -> Result<PathBuf, String> {
    let base = repo.commondir().join("goalpost");
    let root = base.join(LAYOUT);
    for path in [&base, &root] {
        if std::fs::symlink_metadata(path).is_ok_and(|m| !m.is_dir()) {
            return Err(format!(
                "{} is a link or not a folder, so the cache is not used (goalpost keeps it only in a real folder; remove it and the cache is rebuilt; `--no-cache` skips it)",
                path.display()
            ));
        }
    }
    Ok(root)
}

/// Writes what a run learned into `store` (of the cache at `root`, named
/// `what` in notes), pruning old settings' stores when it starts afresh.
/// Notes a damaged store ignored; returns `false`, with a note, when the
/// cache cannot be written.
fn save_store(
    store: &Store,
    new: &Pending,
    limit: u64,
    root: &Path,
    what: &str,
    notes: &mut Vec<String>,
) -> bool {
    if !store.unreadable.is_empty() || store.damaged() {
        notes.push(format!(
            "the {what} in {} was damaged; the damaged part was ignored and is rebuilt (nothing read from it was used)",
            root.display()
        ));
    }
    let fresh = store.len() == 0 && !new.is_empty();
    if let Err(err) = store.save(new, limit) {
        notes.push(format!(
            "cannot write the {what} in {}: {err}; goalpost works without it (`--no-cache` skips it)",
            root.display()
        ));
        return false;
    }
    if fresh {
        prune(store.dir(), KEEP);
        prune_layouts(root);
    }
    true
}

/// Of two records of one commit, the later wins only when it has the
/// changes the earlier lacks.
fn more_complete(old: &[u8], new: &[u8]) -> bool {
    let has = |bytes: &[u8]| {
        postcard::from_bytes::<CommitRecord>(bytes).is_ok_and(|r| r.changes.is_some())
    };
    !has(old) && has(new)
}

/// A blob's key: its id, the kind it is read as (a changed glob may read
/// one path as another kind) and its path (ids and keys come from names).
fn blob_key(blob: Oid, path: &str, kind: Kind) -> Vec<u8> {
    let mut key = blob.as_bytes().to_vec();
    key.push(kind as u8);
    key.extend_from_slice(path.as_bytes());
    key
}

/// Every setting the document reader uses, in a fixed order.
fn reader_settings(config: &Config) -> String {
    let mut statuses: Vec<String> = config
        .statuses
        .iter()
        .map(|(word, state)| format!("{word}={}", state.as_str()))
        .collect();
    statuses.sort();
    let s = &config.sections;
    let f = &config.fields;
    // An owner read from `author:` is matched to the roster by email.
    let emails: Vec<String> = if f.owner.is_empty() {
        Vec::new()
    } else {
        config
            .people
            .iter()
            .filter_map(|(h, p)| Some(format!("{h}={}", p.email.as_deref()?)))
            .collect()
    };
    format!(
        "statuses:{}\ncriteria:{}\nblockers:{}\nasks:{}\ndecisions:{}\nfields:{}|{}|{}\nemails:{}",
        statuses.join("\u{1f}"),
        s.criteria.join("\u{1f}"),
        s.blockers.join("\u{1f}"),
        s.asks.join("\u{1f}"),
        config.decision_statuses.join("\u{1f}"),
        f.id.join("\u{1f}"),
        f.owner.join("\u{1f}"),
        f.other.join("\u{1f}"),
        emails.join("\u{1f}"),
    )
}

/// goalpost's version and a fingerprint of the sources it was built from
/// (`build.rs`): a changed reader never trusts records another build wrote,
/// and the same sources installed again find their cache.
fn build_stamp() -> String {
    format!(
        "{}:{}",
        env!("CARGO_PKG_VERSION"),
        env!("GOALPOST_SOURCE_HASH")
    )
}

fn fingerprint(parts: &[&str]) -> u64 {
    checksum(parts.join("\u{0}").as_bytes())
}

/// Removes the folders of other record layouts (`v2`, …) beside `root`.
fn prune_layouts(root: &Path) {
    let (Some(parent), Some(current)) = (root.parent(), root.file_name()) else {
        return;
    };
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let layout = |name: &str| {
        name.strip_prefix('v')
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    };
    for entry in entries.filter_map(Result::ok) {
        // Only a real folder named as a layout is: never a link's target.
        if entry.file_name() != current
            && entry.file_name().to_str().is_some_and(layout)
            && entry.file_type().is_ok_and(|t| t.is_dir())
        {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Whether `s` is a store folder's key: 16 lowercase hex digits.
fn is_hex_key(s: &str) -> bool {
    s.len() == 16 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// Removes the store folders of `keep`'s kind (the name before its `-`)
/// beside it, oldest first, until at most `max` remain with it (a changed
/// configuration leaves its old store behind; it is only useful if the
/// change is undone soon).
fn prune(keep: &Path, max: usize) {
    let (Some(parent), Some(name)) = (keep.parent(), keep.file_name()) else {
        return;
    };
    let name = name.to_string_lossy();
    let kind = format!("{}-", name.split('-').next().unwrap_or_default());
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let mut others: Vec<(std::time::SystemTime, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter(|e| {
            e.path() != keep
                && e.file_name()
                    .to_str()
                    .and_then(|n| n.strip_prefix(&kind))
                    .is_some_and(is_hex_key)
                // A link is not a folder here: its target is never emptied.
                && e.file_type().is_ok_and(|t| t.is_dir())
        })
        .map(|e| {
            let modified = e
                .metadata()
                .and_then(|m| m.modified())
                .unwrap_or(std::time::UNIX_EPOCH);
            (modified, e.path())
        })
        .collect();
    others.sort();
    let excess = (others.len() + 1).saturating_sub(max);
    for (_, path) in others.into_iter().take(excess) {
        let _ = std::fs::remove_dir_all(path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(yaml: &str) -> String {
        let config = Config::parse(PathBuf::from("/r"), yaml).expect("config");
        reader_settings(&config)
    }

    /// Every setting the reader uses keys the document store: a change to
    /// any of them must never be served records read under the old one.
    #[test]
    fn every_reader_setting_changes_the_key() {
        let base = settings("");
        let changed = [
            "statuses:\n  active: [in-progress]\n",
            "sections:\n  criteria: [Acceptance Criteria]\n",
            "sections:\n  blockers: [Impediments]\n",
            "sections:\n  asks: [Requests]\n",
            "decisions:\n  statuses: [on hold]\n",
        ];
        for yaml in changed {
            assert_ne!(settings(yaml), base, "{yaml}");
        }
        // The roster is not read by the reader: changing it keeps the cache.
        assert_eq!(settings("people:\n  alice: { name: Alice }\n"), base);
        // Order of words in a map is not a change.
        assert_eq!(
            settings("statuses:\n  active: [a, b]\n  done: [c]\n"),
            settings("statuses:\n  done: [c]\n  active: [b, a]\n")
        );
    }
}
