//! The site's folder: written only when it is missing, empty or a site
//! goalpost wrote before (its `.goalpost-site` marker lists the files), one
//! atomic write per file, and pages of documents that are gone removed.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Component, Path};

use crate::error::Error;
use crate::write::{self, Replace};

/// The marker of a folder goalpost writes sites into; it lists the files
/// the last build wrote.
pub const MARKER: &str = ".goalpost-site";
const MARKER_HEAD: &str =
    "goalpost site: this folder is written by `goalpost site`; files it lists are replaced\n";

/// What a folder holds before a build: the files the previous build wrote.
pub fn previous(dir: &Path, force: bool) -> Result<Vec<String>, Error> {
    let io = |source| Error::Io {
        path: dir.to_path_buf(),
        source,
    };
    match fs::symlink_metadata(dir) {
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(err) => return Err(io(err)),
        Ok(meta) if !meta.is_dir() => {
            return Err(Error::usage(format!(
                "{} is not a folder, so the site cannot be written there",
                dir.display()
            ))
            .with_help("choose another folder with `-o DIR`"));
        }
        Ok(_) => {}
    }
    match fs::read_to_string(dir.join(MARKER)) {
        Ok(text) => Ok(text
            .lines()
            .skip(1)
            .filter(|l| safe(l))
            .map(str::to_owned)
            .collect()),
        Err(_) => {
            let mut entries = fs::read_dir(dir).map_err(io)?;
            if entries.next().is_none() || force {
                Ok(Vec::new())
            } else {
                Err(Error::usage(format!(
                    "{} holds files goalpost did not write, so the site is not written there",
                    dir.display()
                ))
                .with_help(format!(
                    "choose an empty or new folder with `-o DIR`; `--force` writes into it anyway, replacing files of the same names as the site's (`index.html`, `style.css`, …) and leaving the others alone, and marks it with {MARKER}"
                )))
            }
        }
    }
}

/// A site-relative path that stays inside the folder.
fn safe(rel: &str) -> bool {
    !rel.is_empty()
        && Path::new(rel)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

/// Writes every file of the site, removes the files of the previous build
/// that this one no longer has, and writes the marker last.
pub fn publish(
    dir: &Path,
    files: &BTreeMap<String, Vec<u8>>,
    previous: &[String],
) -> Result<(), Error> {
    let io = |path: &Path, source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    for (rel, bytes) in files {
        debug_assert!(safe(rel), "{rel}");
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
        }
        write::atomic_unsynced(&path, bytes, Replace::Allowed)?;
    }
    for rel in previous.iter().filter(|r| !files.contains_key(*r)) {
        let path = dir.join(rel);
        match fs::remove_file(&path) {
            Ok(()) => {
                // A folder the site no longer uses goes too, when empty.
                if let Some(parent) = path.parent().filter(|p| *p != dir) {
                    let _ = fs::remove_dir(parent);
                }
            }
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
            Err(err) => return Err(io(&path, err)),
        }
    }
    // Pages are rebuilt from the repository: flushed once per folder, not
    // once per file.
    let dirs: std::collections::BTreeSet<&Path> = files
        .keys()
        .filter_map(|rel| Path::new(rel).parent())
        .collect();
    let full: Vec<std::path::PathBuf> = dirs.iter().map(|d| dir.join(d)).collect();
    write::sync_dirs(full.iter().map(std::path::PathBuf::as_path));
    let mut marker = MARKER_HEAD.to_owned();
    for rel in files.keys() {
        marker.push_str(rel);
        marker.push('\n');
    }
    write::atomic(&dir.join(MARKER), marker.as_bytes(), Replace::Allowed)
}
