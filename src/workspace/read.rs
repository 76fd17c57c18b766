//! Finding and reading the files of the working tree: the folders the
//! globs start from are walked (honouring `.gitignore`, never following a
//! link out of the repository), and each file is read with size, encoding
//! and link checks that turn anything unreadable into a finding.

use std::io::Read;
use std::path::{Component, Path};

use super::Workspace;
use crate::config::{Config, Selector};
use crate::confine;
use crate::diagnostic::{Diagnostic, Rule};
use crate::document::{self, Document};
use crate::history::{FileCache, FileKey};
use crate::syntax::{Source, Span};
use crate::vocabulary::Kind;

/// Every document path with its kind and whether it is a symbolic link.
/// A folder that leads out of the root is not walked, and a folder that
/// cannot be listed is skipped: each is a finding, and the walk goes on.
pub(super) fn walk(
    selector: &Selector,
    root: &Path,
    workspace: &mut Workspace,
) -> Vec<(String, Kind, bool)> {
    let out = &mut workspace.diagnostics;
    let mut found = Vec::new();
    let real_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    for base in selector.bases() {
        let start = root.join(base);
        // The walk follows the folder it starts from even when that is
        // a link (`projects -> ..` would read the whole parent folder).
        let Ok(real) = start.canonicalize() else {
            continue;
        };
        if !real.starts_with(&real_root) {
            out.push(unreadable(
                &base.to_string_lossy(),
                "this folder leads outside the repository; goalpost does not follow it".into(),
                "move the documents into the repository instead of linking to them",
            ));
            continue;
        }
        let walker = ignore::WalkBuilder::new(&start)
            .git_global(false)
            .require_git(false)
            .follow_links(false)
            // A nested repository (a submodule) is not part of this one,
            // as for `git ls-files`.
            .filter_entry(|e| {
                e.depth() == 0
                    || !e.file_type().is_some_and(|t| t.is_dir())
                    || !e.path().join(".git").exists()
            })
            .build();
        for entry in walker {
            let entry = match entry {
                Ok(entry) => entry,
                Err(err) => {
                    out.push(walk_error(root, &err));
                    continue;
                }
            };
            let Some(file_type) = entry.file_type() else {
                continue;
            };
            if file_type.is_dir() {
                continue;
            }
            let Ok(rel) = entry.path().strip_prefix(root) else {
                continue;
            };
            let Some(rel) = slash_path(rel) else {
                // A name that is not UTF-8 would otherwise pass unchecked.
                let lossy = rel.to_string_lossy();
                let named = rel.components().all(|c| matches!(c, Component::Normal(_)));
                if named && selector.kind(&lossy).is_some() {
                    workspace.files += 1;
                    out.push(unreadable(
                        &lossy,
                        "this file name is not valid UTF-8, so goalpost cannot check it".into(),
                        "rename the file; goalpost reads documents with UTF-8 names",
                    ));
                }
                continue;
            };
            // A link to a folder that could hold documents is not followed;
            // say so, or its documents would go unchecked in silence.
            if file_type.is_symlink()
                && selector.kind(&rel).is_none()
                && entry.path().is_dir()
                && selector.kind(&format!("{rel}/x.md")).is_some()
            {
                let why = match confine::real_inside(root, entry.path()) {
                    Err(confine::Escape::Outside(_)) => "leads outside the repository",
                    _ => "is a link to a folder",
                };
                out.push(unreadable(
                    &rel,
                    format!("this folder {why}; goalpost does not follow links to folders, so the documents in it are not checked"),
                    "move the documents into a real folder of the repository",
                ));
                continue;
            }
            let Some(kind) = selector.kind(&rel) else {
                continue;
            };
            if !file_type.is_file() && !file_type.is_symlink() {
                // Opening a named pipe would wait for a writer forever.
                workspace.files += 1;
                out.push(not_regular(&rel));
                continue;
            }
            found.push((rel, kind, file_type.is_symlink()));
        }
    }
    found
}

/// Adds to `found` the documents git tracks that the walk did not reach: a
/// name with a leading dot (`projects/.hidden.md`), or a file an ignore file
/// lists and someone added anyway. History reads every tracked document, so
/// `check` must too. Outside git the walk alone decides.
pub(super) fn add_tracked(
    config: &Config,
    selector: &Selector,
    found: &mut Vec<(String, Kind, bool)>,
    workspace: &mut Workspace,
) {
    let Some(tracked) = crate::history::tracked_files(config) else {
        return;
    };
    let seen: std::collections::HashSet<String> = found.iter().map(|(p, _, _)| p.clone()).collect();
    for rel in tracked {
        let Some(kind) = selector.kind(&rel) else {
            continue;
        };
        if seen.contains(&rel) {
            continue;
        }
        // A folder on the way that is a link: git tracks the link, not
        // what lies behind it.
        if confine::first_link(&config.root, Path::new(&rel))
            .is_some_and(|link| link != config.root.join(&rel))
        {
            continue;
        }
        let Ok(meta) = std::fs::symlink_metadata(config.root.join(&rel)) else {
            // Deleted in the working tree: not a document of it.
            continue;
        };
        if !meta.is_file() && !meta.file_type().is_symlink() {
            workspace.files += 1;
            workspace.diagnostics.push(not_regular(&rel));
            continue;
        }
        found.push((rel, kind, meta.file_type().is_symlink()));
    }
}

/// A folder that could not be listed, as a finding on that folder.
fn walk_error(root: &Path, err: &ignore::Error) -> Diagnostic {
    let mut path = None;
    let mut cause = err;
    loop {
        match cause {
            ignore::Error::WithPath { path: p, err } => {
                path.get_or_insert_with(|| p.clone());
                cause = err;
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                cause = err;
            }
            _ => break,
        }
    }
    let rel = path
        .as_deref()
        .map(|p| {
            p.strip_prefix(root)
                .unwrap_or(p)
                .to_string_lossy()
                .into_owned()
        })
        .unwrap_or_else(|| ".".to_owned());
    let reason = match cause {
        ignore::Error::Io(io) => io.to_string(),
        other => other.to_string(),
    };
    unreadable(
        &rel,
        format!("cannot list this folder: {reason}"),
        "check the folder's permissions; the documents in it were not checked",
    )
}

fn not_regular(rel: &str) -> Diagnostic {
    unreadable(
        rel,
        "this is not a regular file (it is a folder, named pipe, socket or device), so goalpost does not read it"
            .into(),
        "replace it with a markdown file, or move it out of the documents folder",
    )
}

/// A relative path with `/` separators, if it is valid UTF-8.
pub fn slash_path(path: &Path) -> Option<String> {
    let parts: Option<Vec<&str>> = path
        .components()
        .map(|c| match c {
            Component::Normal(s) => s.to_str(),
            _ => None,
        })
        .collect();
    Some(parts?.join("/"))
}

fn unreadable(path: &str, message: String, help: &str) -> Diagnostic {
    Diagnostic::new(Rule::UnreadableFile, path, Span::START, message).with_help(help)
}

/// What makes a document unreadable whatever its encoding: its size, or a
/// NUL byte. The language server asks the same of an editor's buffer.
pub(super) fn too_large_or_binary(rel: &str, bytes: &[u8]) -> Option<Diagnostic> {
    if bytes.len() as u64 > document::MAX_FILE_BYTES {
        return Some(unreadable(
            rel,
            format!(
                "this file is larger than {} MiB",
                document::MAX_FILE_BYTES / (1024 * 1024)
            ),
            "goal documents are short; split the file or move large content elsewhere",
        ));
    }
    bytes.contains(&0).then(|| {
        unreadable(
            rel,
            "this is a binary file, not a markdown document".into(),
            "remove it from the documents folder",
        )
    })
}

/// Reads one file; anything that makes it unreadable is a finding.
pub(super) fn read_file(
    config: &Config,
    rel: &str,
    kind: Kind,
    is_link: bool,
    cache: Option<&FileCache>,
    out: &mut Vec<Diagnostic>,
) -> Option<Document> {
    let full = config.root.join(rel);
    if is_link {
        match full.canonicalize() {
            Err(err) => {
                let message = if err.kind() == std::io::ErrorKind::NotFound {
                    "this link points to a file that does not exist".to_owned()
                } else {
                    // A loop of links, or a link through something unreadable.
                    format!("this link cannot be followed: {err}")
                };
                out.push(unreadable(rel, message, "fix or remove the link"));
                return None;
            }
            Ok(target) if !target.starts_with(&config.root) => {
                out.push(unreadable(
                    rel,
                    "this link points outside the repository; goalpost does not follow it".into(),
                    "copy the document into the repository instead of linking to it",
                ));
                return None;
            }
            Ok(target) if !target.is_file() => {
                out.push(not_regular(rel));
                return None;
            }
            Ok(_) => {}
        }
    }
    // The open file's size (an `fstat`, no path lookup) sizes the buffer, so
    // a long document is not copied as its buffer grows; reading through
    // `Take` stops a file that grows meanwhile at the limit.
    let mut bytes = Vec::new();
    let read = std::fs::File::open(&full).and_then(|f| {
        let size = f.metadata().map_or(0, |m| m.len());
        bytes.reserve_exact(usize::try_from(size.min(document::MAX_FILE_BYTES) + 1).unwrap_or(0));
        f.take(document::MAX_FILE_BYTES + 1).read_to_end(&mut bytes)
    });
    if let Err(err) = read {
        out.push(unreadable(
            rel,
            format!("cannot read this file: {err}"),
            "check that the file exists and is readable",
        ));
        return None;
    }
    if let Some(problem) = too_large_or_binary(rel, &bytes) {
        out.push(problem);
        return None;
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let offset = err.utf8_error().valid_up_to();
            let line = err.as_bytes()[..offset]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            out.push(unreadable(
                rel,
                format!("this file is not valid UTF-8 (first bad byte on line {line})"),
                "save the file as UTF-8 text",
            ));
            return None;
        }
    };
    let Some(cache) = cache else {
        return Some(document::read(rel, kind, text, config, out));
    };
    let key = FileKey::new(&text, rel, kind);
    if let Some((model, found)) = cache.get(&key, rel) {
        out.extend(found);
        return Some(Document {
            path: rel.to_owned(),
            kind,
            source: Source::new(text),
            model,
        });
    }
    let start = out.len();
    let doc = document::read(rel, kind, text, config, out);
    cache.remember(key, doc.model.as_ref(), &out[start..]);
    Some(doc)
}
