//! Date queries that other floors ask of history: when each project first
//! became active (for lead times that start before a period), and when each
//! file was added (the default of a project's `created`, SPEC 1.2).

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use chrono::NaiveDate;
use git2::{Oid, Repository};

use super::repo::{git_error, root_prefix, start_commit};
use super::walk::commit_info;
use super::{Options, read, timeline};
use crate::config::Config;
use crate::error::Error;

/// The date each project first reached `active` or a later state (blocked,
/// at-risk, done) in the first-parent history of `rev`, and what the history
/// cache had to say.
pub fn first_activations(
    repo: &Repository,
    config: &Config,
    rev: Oid,
    cache: bool,
) -> Result<(HashMap<String, NaiveDate>, Vec<String>), Error> {
    let options = Options {
        rev: Some(rev.to_string()),
        projects_only: true,
        lifecycle_only: true,
        allow_shallow: true,
        cache,
        ..Options::default()
    };
    let history = read(repo, config, &options)?;
    let mut out = HashMap::new();
    for (id, versions) in &history.projects {
        let first = versions.iter().find(|v| {
            v.doc
                .as_ref()
                .and_then(|d| d.status.as_ref())
                .is_some_and(|s| timeline::activated(s.value))
        });
        if let Some(version) = first {
            out.insert(id.clone(), history.commits[version.commit].date());
        }
    }
    Ok((out, history.cache_notes))
}

/// The date of the commit that added each file (root-relative paths), the
/// default of a project's `created` (SPEC 1.2): the oldest commit of the
/// unbroken run, back from HEAD along first parents, that has the file.
/// A file HEAD does not have, or one that reaches back past the cut of a
/// shallow clone, has no date; a repository without commits dates nothing.
/// An object git cannot read is an error, not a missing date.
///
/// Files are looked at only in commits that change their folder, so the walk
/// costs one tree lookup per folder and commit, however many files it dates.
pub fn added_dates(
    repo: &Repository,
    config: &Config,
    paths: &[&str],
) -> Result<HashMap<String, NaiveDate>, Error> {
    let mut out = HashMap::new();
    let prefix = root_prefix(repo, config)?;
    let Some(mut id) = start_commit(repo, None)? else {
        return Ok(out);
    };
    let cut = super::Cut::of(repo).is_some();
    /// The files of one folder still being traced, and the folder's tree id
    /// in the newer commit visited last.
    struct Folder<'a> {
        files: Vec<(&'a str, &'a str)>,
        seen: Option<Oid>,
    }
    let mut folders: BTreeMap<PathBuf, Folder<'_>> = by_folder(&prefix, paths)
        .into_iter()
        .map(|(dir, files)| (dir, Folder { files, seen: None }))
        .collect();
    // The date of the newer commit visited last: where a file missing from
    // this commit was added.
    let mut newer: Option<NaiveDate> = None;
    loop {
        let commit = repo.find_commit(id).map_err(git_error)?;
        let tree = commit.tree().map_err(git_error)?;
        for (dir, folder) in &mut folders {
            let current = if dir.as_os_str().is_empty() {
                Some(tree.id())
            } else {
                tree.get_path(dir).ok().map(|e| e.id())
            };
            if current.is_some() && current == folder.seen {
                continue;
            }
            let listing = match current {
                Some(t) => Some(repo.find_tree(t).map_err(git_error)?),
                None => None,
            };
            folder.files.retain(|(rel, name)| {
                let present = listing.as_ref().is_some_and(|t| t.get_name(name).is_some());
                if !present && let Some(date) = newer {
                    out.insert((*rel).to_owned(), date);
                }
                present
            });
            folder.seen = current;
        }
        folders.retain(|_, f| !f.files.is_empty());
        let date = commit_info(&commit).date();
        match commit.parent_id(0) {
            Ok(parent) if !folders.is_empty() => id = parent,
            Ok(_) => break,
            // A root commit added whatever it has; in a shallow clone (or
            // through grafts) the oldest commit may be only where the
            // history was cut.
            Err(_) if cut => break,
            Err(_) => {
                for (rel, _) in folders.values().flat_map(|f| &f.files) {
                    out.insert((*rel).to_owned(), date);
                }
                break;
            }
        }
        newer = Some(date);
    }
    Ok(out)
}

/// The commit that last changed each file (root-relative paths), with its
/// date: the newest commit along first parents from HEAD whose version of
/// the file differs from its parent's (or that has no parent). What a
/// report cites for a fact it reads from the working tree. A file HEAD does
/// not have, or whose last change lies beyond the cut of a shallow clone,
/// has none; as in [`added_dates`], files are looked at only in commits that
/// change their folder.
pub fn last_changes(
    repo: &Repository,
    config: &Config,
    paths: &[&str],
) -> Result<HashMap<String, (Oid, NaiveDate)>, Error> {
    let mut out = HashMap::new();
    let prefix = root_prefix(repo, config)?;
    let Some(mut id) = start_commit(repo, None)? else {
        return Ok(out);
    };
    let cut = super::Cut::of(repo).is_some();
    /// The files of one folder still being traced, each with its blob id in
    /// the newer commit visited last, and the folder's tree id there.
    struct Folder<'a> {
        files: Vec<(&'a str, &'a str, Option<Oid>)>,
        seen: Option<Oid>,
    }
    let mut folders: BTreeMap<PathBuf, Folder<'_>> = by_folder(&prefix, paths)
        .into_iter()
        .map(|(dir, files)| {
            let files = files
                .into_iter()
                .map(|(rel, name)| (rel, name, None))
                .collect();
            (dir, Folder { files, seen: None })
        })
        .collect();
    // The newer commit visited last: where a file that differs here changed.
    let mut newer: Option<(Oid, NaiveDate)> = None;
    loop {
        let commit = repo.find_commit(id).map_err(git_error)?;
        let tree = commit.tree().map_err(git_error)?;
        for (dir, folder) in &mut folders {
            let current = if dir.as_os_str().is_empty() {
                Some(tree.id())
            } else {
                tree.get_path(dir).ok().map(|e| e.id())
            };
            if newer.is_some() && current.is_some() && current == folder.seen {
                continue;
            }
            let listing = match current {
                Some(t) => Some(repo.find_tree(t).map_err(git_error)?),
                None => None,
            };
            folder.files.retain_mut(|(rel, name, blob)| {
                let here = listing
                    .as_ref()
                    .and_then(|t| t.get_name(name))
                    .map(|e| e.id());
                match newer {
                    // HEAD: a file it lacks has no last change.
                    None if here.is_none() => false,
                    None => {
                        *blob = here;
                        true
                    }
                    Some(changed) if here != *blob => {
                        out.insert((*rel).to_owned(), changed);
                        false
                    }
                    Some(_) => true,
                }
            });
            folder.seen = current;
        }
        folders.retain(|_, f| !f.files.is_empty());
        let this = (id, commit_info(&commit).date());
        match commit.parent_id(0) {
            Ok(parent) if !folders.is_empty() => id = parent,
            Ok(_) => break,
            Err(_) if cut => break,
            // A root commit made whatever it has.
            Err(_) => {
                for (rel, _, _) in folders.values().flat_map(|f| &f.files) {
                    out.insert((*rel).to_owned(), this);
                }
                break;
            }
        }
        newer = Some(this);
    }
    Ok(out)
}

/// Root-relative paths by their folder in the repository (under `prefix`,
/// the goal repository's folder), each as (path, file name), once each.
fn by_folder<'a>(prefix: &str, paths: &[&'a str]) -> BTreeMap<PathBuf, Vec<(&'a str, &'a str)>> {
    let mut out: BTreeMap<PathBuf, Vec<(&'a str, &'a str)>> = BTreeMap::new();
    for &rel in paths {
        let (dir, name) = rel.rsplit_once('/').unwrap_or(("", rel));
        let dir = [prefix, dir]
            .iter()
            .filter(|p| !p.is_empty())
            .collect::<PathBuf>();
        let files = out.entry(dir).or_default();
        if !files.iter().any(|(r, _)| *r == rel) {
            files.push((rel, name));
        }
    }
    out
}

/// Whether HEAD's tree holds the file at `rel` (relative to the root).
pub fn is_committed(repo: &Repository, config: &Config, rel: &str) -> bool {
    let Ok(prefix) = root_prefix(repo, config) else {
        return false;
    };
    let path: PathBuf = [prefix.as_str(), rel]
        .iter()
        .filter(|p| !p.is_empty())
        .collect();
    repo.head()
        .and_then(|h| h.peel_to_tree())
        .is_ok_and(|tree| tree.get_path(&path).is_ok())
}
