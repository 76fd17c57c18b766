//! The third store: what reading a working-tree file found, keyed by the
//! file's content, so that `check` and the views re-read only what changed.
//!
//! A record is keyed by the BLAKE3 hash of the file's bytes, the kind it is
//! read as and its path, in a store whose folder hashes every setting the
//! reader uses and goalpost's build (as the blob store's does). A file's
//! bytes are always read; only their parse is skipped. A collision of a
//! cryptographic hash is what it would take to be served another file's
//! reading, so a record can never go stale: an edited file simply misses.

use std::path::PathBuf;

use git2::Repository;
use serde::{Deserialize, Serialize};

use super::pending::Pending;
use super::store::{Hold, Store};
use super::{Stored, StoredRef, build_stamp, fingerprint, reader_settings, save_store};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Rule, Severity};
use crate::document::Model;
use crate::vocabulary::Kind;

/// At most this many bytes; past it, the store starts over.
const FILES_LIMIT: u64 = 128 << 20;

/// One finding of reading a file, without its path (the key holds it).
#[derive(Debug, Serialize, Deserialize)]
struct Found {
    /// The rule's place in [`Rule::ALL`] (the build is part of the key).
    rule: u16,
    error: bool,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    message: String,
    help: Option<String>,
}

#[derive(Deserialize)]
struct Record {
    model: Option<Stored>,
    found: Vec<Found>,
}

#[derive(Serialize)]
struct RecordRef<'a> {
    model: Option<StoredRef<'a>>,
    found: Vec<Found>,
}

/// Where a file's reading is kept: its content's hash, kind and path.
#[derive(Clone, Debug)]
pub struct FileKey(Vec<u8>);

impl FileKey {
    pub fn new(text: &str, path: &str, kind: Kind) -> FileKey {
        let mut key = blake3::hash(text.as_bytes()).as_bytes().to_vec();
        key.push(kind as u8);
        key.extend_from_slice(path.as_bytes());
        FileKey(key)
    }
}

/// The working-tree store of one run: read at the start, what the run read
/// anew written at the end.
#[derive(Debug)]
pub struct FileCache {
    files: Store,
    new: Pending,
    root: PathBuf,
}

impl FileCache {
    /// Opens the store of `repo` for files read with `config`. Unlike the
    /// history stores it serves a shallow clone too: its keys are contents.
    /// A note instead when the cache's folder cannot be trusted.
    pub fn open(repo: &Repository, config: &Config) -> Result<FileCache, String> {
        let root = super::cache_root(repo)?;
        let key = fingerprint(&[&build_stamp(), &reader_settings(config)]);
        // A run reads (nearly) every file it read last time.
        let files = Store::open(
            root.join(format!("files-{key:016x}")),
            Hold::InMemory,
            FILES_LIMIT,
            |_, _| false,
        );
        Ok(FileCache {
            files,
            new: Pending::new(root.clone()),
            root,
        })
    }

    /// What reading the file under `key` found, if the store has it: the
    /// model (`None` when its frontmatter could not be read) and the
    /// findings, for the file at `path`.
    pub fn get(&self, key: &FileKey, path: &str) -> Option<(Option<Model>, Vec<Diagnostic>)> {
        let record: Record = postcard::from_bytes(&self.files.get(&key.0)?).ok()?;
        let model = match record.model {
            None => None,
            Some(Stored::Project(p)) => Some(Model::Project(p)),
            Some(Stored::Update(u)) => Some(Model::Update(u)),
            Some(Stored::Decision(d)) => Some(Model::Decision(d)),
            Some(Stored::Recognition(r)) => Some(Model::Recognition(r)),
            Some(Stored::Invalid(_)) => return None,
        };
        let mut found = Vec::with_capacity(record.found.len());
        for f in record.found {
            let rule = *Rule::ALL.get(usize::from(f.rule))?;
            found.push(Diagnostic {
                path: path.to_owned(),
                line: f.line,
                column: f.column,
                end_line: f.end_line,
                end_column: f.end_column,
                severity: if f.error {
                    Severity::Error
                } else {
                    Severity::Warning
                },
                rule,
                message: f.message,
                help: f.help,
            });
        }
        Some((model, found))
    }

    /// Keeps what reading the file under `key` found.
    pub fn remember(&self, key: FileKey, model: Option<&Model>, found: &[Diagnostic]) {
        let model = model.map(|m| match m {
            Model::Project(p) => StoredRef::Project(p),
            Model::Update(u) => StoredRef::Update(u),
            Model::Decision(d) => StoredRef::Decision(d),
            Model::Recognition(r) => StoredRef::Recognition(r),
        });
        let found = found
            .iter()
            .filter_map(|d| {
                Some(Found {
                    rule: u16::try_from(Rule::ALL.iter().position(|r| *r == d.rule)?).ok()?,
                    error: d.severity == Severity::Error,
                    line: d.line,
                    column: d.column,
                    end_line: d.end_line,
                    end_column: d.end_column,
                    message: d.message.clone(),
                    help: d.help.clone(),
                })
            })
            .collect();
        if let Ok(bytes) = postcard::to_stdvec(&RecordRef { model, found }) {
            self.new.push(&key.0, &bytes);
        }
    }

    /// Writes what the run read anew; returns what the user should know (a
    /// damaged store ignored, or a store that could not be written).
    pub fn save(self) -> Vec<String> {
        let mut notes = Vec::new();
        save_store(
            &self.files,
            &self.new,
            FILES_LIMIT,
            &self.root,
            "goalpost cache",
            &mut notes,
        );
        notes
    }
}
