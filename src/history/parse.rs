//! Reading the blobs a walk found: each distinct (blob, path) parsed once,
//! in parallel, with the same reader that `check` uses.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use git2::{Oid, Repository};
use rayon::prelude::*;

use super::cache::{Cache, Stored, StoredRef};
use super::select::Change;
use crate::config::Config;
use crate::document::{self, Decision, Model, Project, Update};
use crate::vocabulary::Kind;

/// A blob read as a document, shared by every version that has it, or why it
/// could not be read.
#[derive(Debug)]
pub(super) enum Parsed {
    Project(Arc<Project>),
    Update(Arc<Update>),
    Decision(Arc<Decision>),
    /// A project other than the one asked for, by its id: read no further.
    OtherProject(String),
    /// Not a readable document (a version history keeps going past).
    Invalid(String),
    /// An object git cannot read: the repository is damaged.
    Damaged(String),
}

/// What the blobs of a walk's changes read as.
pub(super) struct Readings {
    /// Each distinct (blob, path), read once.
    pub docs: Vec<Parsed>,
    /// For each change, in order, its reading in `docs` (`None` for a
    /// deletion).
    pub of: Vec<Option<usize>>,
}

impl Readings {
    /// The reading of the change at `index`.
    pub fn of_change(&self, index: usize) -> Option<&Parsed> {
        self.of.get(index).copied().flatten().map(|k| &self.docs[k])
    }
}

/// Parses every distinct (blob, path) once, in parallel; what `cache` has
/// read before is taken from it, and what is read now is remembered there.
pub(super) fn parse_blobs(
    repo: &Repository,
    config: &Config,
    changes: &[Change],
    only: Option<&str>,
    whole: &HashSet<&str>,
    lifecycle_only: bool,
    cache: Option<&Cache>,
) -> Readings {
    let mut wanted: Vec<(Oid, &str, Kind)> = Vec::new();
    let mut slot: HashMap<(Oid, &str), usize> = HashMap::new();
    let of = changes
        .iter()
        .map(|change| {
            let new = change.new?;
            Some(*slot.entry((new, change.path.as_str())).or_insert_with(|| {
                wanted.push((new, change.path.as_str(), change.kind));
                wanted.len() - 1
            }))
        })
        .collect();
    drop(slot);
    let git_dir = repo.path().to_path_buf();
    let docs = wanted
        .par_iter()
        .map_init(
            || Repository::open(&git_dir).ok(),
            |repo, &(oid, path, kind)| {
                // A file renamed into or out of the one asked for is read in
                // full: its id may be the one asked for before or after.
                let only = only.filter(|_| !whole.contains(path));
                let keep = |parsed| match parsed {
                    Parsed::Project(p) if lifecycle_only => Parsed::Project(lifecycle(p)),
                    other => other,
                };
                if let Some(stored) = cache.and_then(|c| c.parsed(oid, path, kind)) {
                    return keep(from_store(stored, only));
                }
                let parsed = match repo.as_ref().map(|r| r.find_blob(oid)) {
                    Some(Ok(blob)) => parse_blob(blob.content(), path, kind, config, only),
                    Some(Err(err)) => {
                        Parsed::Damaged(format!("blob {oid} ({path}): {}", err.message()))
                    }
                    None => Parsed::Damaged("the repository cannot be opened again".to_owned()),
                };
                if let (Some(cache), Some(stored)) = (cache, to_store(&parsed)) {
                    cache.remember_parsed(oid, path, kind, &stored);
                }
                keep(parsed)
            },
        )
        .collect();
    Readings { docs, of }
}

/// Of a project, what its lifecycle needs (id and status) and no more: a
/// walk over all of history for first activations holds every version.
fn lifecycle(project: Arc<Project>) -> Arc<Project> {
    let p = Arc::unwrap_or_clone(project);
    Arc::new(Project {
        id: p.id,
        status: p.status,
        status_word: p.status_word,
        body: p.body,
        title: None,
        owner: None,
        contributors: Vec::new(),
        created: None,
        due: None,
        checkin: None,
        tags: Vec::new(),
        criteria_section: None,
        criteria: Vec::new(),
        measures: Vec::new(),
        parent: None,
        depends_on: Vec::new(),
        links: Vec::new(),
    })
}

/// A document from the cache, as [`parse_blob`] would have read it.
fn from_store(stored: Stored, only: Option<&str>) -> Parsed {
    match stored {
        Stored::Project(p) => match only {
            Some(wanted) if p.id.value != wanted => Parsed::OtherProject(p.id.value),
            _ => Parsed::Project(Arc::new(p)),
        },
        Stored::Update(u) => Parsed::Update(Arc::new(u)),
        Stored::Decision(d) => Parsed::Decision(Arc::new(d)),
        Stored::Invalid(message) => Parsed::Invalid(message),
        Stored::Recognition(_) => Parsed::Invalid("a recognition".to_owned()),
    }
}

/// What the cache keeps of a reading: whole documents and why one could not
/// be read, never a project read no further than its id, nor damage.
fn to_store(parsed: &Parsed) -> Option<StoredRef<'_>> {
    Some(match parsed {
        Parsed::Project(p) => StoredRef::Project(p),
        Parsed::Update(u) => StoredRef::Update(u),
        Parsed::Decision(d) => StoredRef::Decision(d),
        Parsed::Invalid(message) => StoredRef::Invalid(message),
        Parsed::OtherProject(_) | Parsed::Damaged(_) => return None,
    })
}

fn parse_blob(bytes: &[u8], path: &str, kind: Kind, config: &Config, only: Option<&str>) -> Parsed {
    if bytes.len() as u64 > document::MAX_FILE_BYTES {
        return Parsed::Invalid("larger than 8 MiB".to_owned());
    }
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Parsed::Invalid("not UTF-8".to_owned());
    };
    // One project's history needs no other project's body.
    if let (Kind::Project, Some(wanted)) = (kind, only)
        && let Some(id) = document::project_id(path, text, config)
        && id != wanted
    {
        return Parsed::OtherProject(id);
    }
    let mut findings = Vec::new();
    let doc = document::read(path, kind, text.to_owned(), config, &mut findings);
    match doc.model {
        Some(Model::Project(p)) => Parsed::Project(Arc::new(p)),
        Some(Model::Update(u)) => Parsed::Update(Arc::new(u)),
        Some(Model::Decision(d)) => Parsed::Decision(Arc::new(d)),
        // History never selects recognitions (Kind::CORE).
        Some(Model::Recognition(_)) => Parsed::Invalid("a recognition".to_owned()),
        None => Parsed::Invalid(
            findings
                .first()
                .map_or_else(|| "unreadable".to_owned(), |d| d.message.clone()),
        ),
    }
}
