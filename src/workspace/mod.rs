//! The goal repository's working tree: finding the documents the configured
//! globs select (honouring `.gitignore`), reading them in parallel, and
//! turning unreadable files into findings rather than failures — and the
//! questions views and rules ask of it.

pub mod checkin;
mod read;
pub mod relations;

use std::collections::HashMap;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::config::{Config, Selector};
use crate::diagnostic::Diagnostic;
use crate::document::{Decision, Document, Project, Recognition, Update};
use crate::error::Error;
use crate::history;

pub use read::slash_path;

/// When project files were added, by root-relative path: the dates only git
/// knows that check-ins need (SPEC 1.2's default of `created`). The loading
/// step gathers them once ([`Workspace::added_dates`]) and hands them to the
/// rules and views, which never read git themselves.
pub type AddedDates = HashMap<String, NaiveDate>;

/// What git could say about when project files were added.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Dating {
    pub dates: AddedDates,
    /// Files in HEAD that a shallow clone (or grafts) cannot date: the
    /// commit that added them lies beyond the cut.
    pub cut_off: Vec<String>,
    /// How the history was cut, when `cut_off` is not empty.
    pub cut: Option<history::Cut>,
}

/// The newest update naming a project.
#[derive(Clone, Copy, Debug)]
pub struct Latest<'a> {
    pub date: NaiveDate,
    pub document: &'a Document,
    pub update: &'a Update,
}

/// Reads a document from text an editor holds, with the checks a file gets
/// (a buffer over 8 MiB, or with a NUL byte, is `unreadable-file` as the
/// file would be).
pub fn read_text(
    config: &Config,
    rel: &str,
    kind: crate::vocabulary::Kind,
    text: String,
    out: &mut Vec<Diagnostic>,
) -> Option<Document> {
    if let Some(problem) = read::too_large_or_binary(rel, text.as_bytes()) {
        out.push(problem);
        return None;
    }
    Some(crate::document::read(rel, kind, text, config, out))
}

/// The latest value of a measure in the working tree.
#[derive(Clone, Copy, Debug)]
pub struct LatestValue<'a> {
    pub as_of: NaiveDate,
    pub document: &'a Document,
    pub reported: &'a crate::document::Reported,
}

/// Every document of the working tree, and what reading them found.
#[derive(Debug, Default)]
pub struct Workspace {
    /// Sorted by path.
    pub documents: Vec<Document>,
    /// Findings from reading: unreadable files and malformed documents.
    pub diagnostics: Vec<Diagnostic>,
    /// Files the globs select, read or not: a folder that could not be
    /// walked is a finding but not a file.
    pub(crate) files: usize,
    /// What to say of `paths:` globs that select no file.
    pub unmatched: Vec<String>,
}

impl Workspace {
    /// Finds and reads every document under the configured globs.
    pub fn load(config: &Config) -> Result<Workspace, Error> {
        Self::load_with(config, None)
    }

    /// [`Workspace::load`] through the cache under `.git/goalpost/` when
    /// `cache` is set and git can open the enclosing repository (outside
    /// one there is no cache); returns the cache's notes (a damaged store
    /// ignored, or one that could not be written) for stderr.
    pub fn load_cached(config: &Config, cache: bool) -> Result<(Workspace, Vec<String>), Error> {
        let repo = if cache {
            history::open_enclosing(config).ok().flatten()
        } else {
            None
        };
        let mut notes = Vec::new();
        let cache = repo.as_ref().and_then(|repo| {
            history::FileCache::open(repo, config)
                .map_err(|n| notes.push(n))
                .ok()
        });
        let workspace = Self::load_with(config, cache.as_ref())?;
        notes.extend(workspace.unmatched.iter().cloned());
        notes.extend(cache.map(history::FileCache::save).unwrap_or_default());
        Ok((workspace, notes))
    }

    /// [`Workspace::load`], taking what reading a file found from `cache`
    /// when the file's content is one the cache has read before, and
    /// leaving there what it reads anew.
    pub fn load_with(
        config: &Config,
        cache: Option<&history::FileCache>,
    ) -> Result<Workspace, Error> {
        Self::load_selected(config, &Selector::new(config)?, cache)
    }

    /// The documents of some kinds only, read without a cache.
    pub fn load_kinds(
        config: &Config,
        kinds: &[crate::vocabulary::Kind],
    ) -> Result<Workspace, Error> {
        Self::load_selected(config, &Selector::with_kinds(config, kinds)?, None)
    }

    fn load_selected(
        config: &Config,
        selector: &Selector,
        cache: Option<&history::FileCache>,
    ) -> Result<Workspace, Error> {
        let mut workspace = Workspace::default();
        let mut paths = read::walk(selector, &config.root, &mut workspace);
        read::add_tracked(config, selector, &mut paths, &mut workspace);
        paths.sort();
        paths.dedup();
        workspace.files += paths.len();
        // A glob that selects nothing beside one that does is likely a typo.
        if !paths.is_empty() {
            workspace.unmatched = selector
                .unmatched(paths.iter().map(|(rel, _, _)| rel.as_str()))
                .into_iter()
                .map(|(kind, glob)| {
                    let key = kind.paths_key();
                    format!("`{glob}` in paths.{key} of goalpost.yml matches no file; check its spelling, or remove it")
                })
                .collect();
        }
        let results: Vec<(Option<Document>, Vec<Diagnostic>)> = paths
            .par_iter()
            .map(|(rel, kind, link)| {
                let mut found = Vec::new();
                let doc = read::read_file(config, rel, *kind, *link, cache, &mut found);
                (doc, found)
            })
            .collect();
        for (doc, found) in results {
            workspace.documents.extend(doc);
            workspace.diagnostics.extend(found);
        }
        Ok(workspace)
    }

    /// Reads the document at a root-relative path again and puts it in place
    /// of the old one, with its reading findings: from `text` when given (an
    /// editor's unsaved buffer), else from disk, and a file that no longer
    /// exists leaves the workspace. Only this document is read. Returns
    /// `false`, changing nothing, when the globs do not select the path.
    pub fn reread(
        &mut self,
        config: &Config,
        selector: &Selector,
        rel: &str,
        text: Option<String>,
    ) -> bool {
        let Some(kind) = selector.kind(rel) else {
            return false;
        };
        let mut found = Vec::new();
        let doc = match text {
            Some(text) => read_text(config, rel, kind, text, &mut found),
            None => match std::fs::symlink_metadata(config.root.join(rel)) {
                Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
                meta => {
                    let is_link = meta.is_ok_and(|m| m.file_type().is_symlink());
                    read::read_file(config, rel, kind, is_link, None, &mut found)
                }
            },
        };
        self.put(rel, doc, found);
        true
    }

    /// Takes the document at a root-relative path out, as if its file did
    /// not exist (`check --changed-since`: a file new since the merge base).
    pub fn forget(&mut self, rel: &str) {
        self.put(rel, None, Vec::new());
    }

    /// Puts what reading the file at `rel` gave (a document or none, and
    /// its findings) in place of what the workspace held for it, keeping
    /// the documents sorted and the count of files right.
    fn put(&mut self, rel: &str, doc: Option<Document>, found: Vec<Diagnostic>) {
        let known = self
            .documents
            .binary_search_by(|d| d.path.as_str().cmp(rel));
        let had_findings = self.diagnostics.iter().any(|d| d.path == rel);
        let was_counted = known.is_ok() || had_findings;
        self.diagnostics.retain(|d| d.path != rel);
        let gone = doc.is_none() && found.is_empty();
        self.diagnostics.extend(found);
        match (known, doc) {
            (Ok(i), Some(doc)) => self.documents[i] = doc,
            (Ok(i), None) => {
                self.documents.remove(i);
            }
            (Err(i), Some(doc)) => self.documents.insert(i, doc),
            (Err(_), None) => {}
        }
        match (was_counted, gone) {
            (false, false) => self.files += 1,
            (true, true) => self.files -= 1,
            _ => {}
        }
    }

    /// Builds a workspace from documents already read (tests and fuzzing).
    pub fn from_documents(documents: Vec<Document>, diagnostics: Vec<Diagnostic>) -> Self {
        Self {
            files: documents.len(),
            documents,
            diagnostics,
            unmatched: Vec::new(),
        }
    }

    /// The number of document files considered, readable or not.
    pub fn file_count(&self) -> usize {
        self.files
    }

    pub fn projects(&self) -> impl Iterator<Item = (&Document, &Project)> {
        self.documents
            .iter()
            .filter_map(|d| Some((d, d.project()?)))
    }

    pub fn updates(&self) -> impl Iterator<Item = (&Document, &Update)> {
        self.documents.iter().filter_map(|d| Some((d, d.update()?)))
    }

    pub fn decisions(&self) -> impl Iterator<Item = (&Document, &Decision)> {
        self.documents
            .iter()
            .filter_map(|d| Some((d, d.decision()?)))
    }

    pub fn recognitions(&self) -> impl Iterator<Item = (&Document, &Recognition)> {
        self.documents
            .iter()
            .filter_map(|d| Some((d, d.recognition()?)))
    }

    /// The document at a root-relative path.
    pub fn document(&self, path: &str) -> Option<&Document> {
        self.documents
            .binary_search_by(|d| d.path.as_str().cmp(path))
            .ok()
            .map(|i| &self.documents[i])
    }

    /// The date of the newest update naming each project, by project id.
    pub fn latest_updates(&self) -> HashMap<&str, NaiveDate> {
        self.latest_updates_where(|_, _| true)
            .into_iter()
            .map(|(id, latest)| (id, latest.date))
            .collect()
    }

    /// The newest update that `keep` accepts (by date, then path) for each
    /// project it names, by project id: the one answer to "what did the
    /// latest update say" for views, check-ins and `new update`.
    pub fn latest_updates_where(
        &self,
        keep: impl Fn(&Document, &Update) -> bool,
    ) -> HashMap<&str, Latest<'_>> {
        let mut latest: HashMap<&str, Latest<'_>> = HashMap::new();
        for (document, update) in self.updates() {
            let Some(date) = update.date.as_ref().map(|d| d.value) else {
                continue;
            };
            if !keep(document, update) {
                continue;
            }
            for project in &update.projects {
                let candidate = Latest {
                    date,
                    document,
                    update,
                };
                latest
                    .entry(project.value.as_str())
                    .and_modify(|l| {
                        if (date, &document.path) > (l.date, &l.document.path) {
                            *l = candidate;
                        }
                    })
                    .or_insert(candidate);
            }
        }
        latest
    }

    /// The latest value reported for each measure, by (project, measure
    /// id): the latest `as_of` (the update's date when it gives none); of
    /// two on one day, the update whose path sorts later. A value without
    /// a date to order it by is left out.
    pub fn latest_measures(&self) -> HashMap<(&str, &str), LatestValue<'_>> {
        self.latest_measures_except(None)
    }

    /// [`Workspace::latest_measures`], leaving out the update at `path` (the
    /// file `new update --force` is about to replace).
    pub fn latest_measures_except(
        &self,
        path: Option<&str>,
    ) -> HashMap<(&str, &str), LatestValue<'_>> {
        let mut latest: HashMap<(&str, &str), LatestValue<'_>> = HashMap::new();
        for (document, update) in self
            .updates()
            .filter(|(d, _)| Some(d.path.as_str()) != path)
        {
            for (project, reported) in update.reports() {
                let Some(as_of) = reported
                    .as_of
                    .as_ref()
                    .or(update.date.as_ref())
                    .map(|d| d.value)
                else {
                    continue;
                };
                let candidate = LatestValue {
                    as_of,
                    document,
                    reported,
                };
                latest
                    .entry((project, reported.id.as_str()))
                    .and_modify(|l| {
                        if (as_of, &document.path) > (l.as_of, &l.document.path) {
                            *l = candidate;
                        }
                    })
                    .or_insert(candidate);
            }
        }
        latest
    }

    /// When git says the files of projects in flight were added, for those
    /// whose check-ins have nothing else to count from (no `created`, no
    /// update). Outside a git repository nothing is dated; a repository git
    /// cannot read is an error, for the caller to report; files a shallow
    /// clone cannot date are named, for the same reason.
    pub fn added_dates(&self, config: &Config) -> Result<Dating, Error> {
        let latest = self.latest_updates();
        let undated: Vec<&str> = self
            .projects()
            .filter(|(_, p)| {
                p.created.is_none()
                    && !latest.contains_key(p.id.value.as_str())
                    && p.status.as_ref().is_some_and(|s| s.value.in_flight())
            })
            .map(|(doc, _)| doc.path.as_str())
            .collect();
        if undated.is_empty() {
            return Ok(Dating::default());
        }
        let Some(repo) = history::open_enclosing(config)? else {
            return Ok(Dating::default());
        };
        let dates = history::added_dates(&repo, config, &undated)?;
        // In a shallow clone a file older than the cut has no date; a file
        // not committed yet has none anywhere, and that is no loss.
        let cut = history::Cut::of(&repo);
        let cut_off = if cut.is_some() {
            undated
                .into_iter()
                .filter(|path| {
                    !dates.contains_key(*path) && history::is_committed(&repo, config, path)
                })
                .map(str::to_owned)
                .collect()
        } else {
            Vec::new()
        };
        Ok(Dating {
            dates,
            cut_off,
            cut,
        })
    }
}
