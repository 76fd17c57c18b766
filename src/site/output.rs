//! The site's folder: written only when it is missing, empty or a site
//! goalpost wrote before (its `.goalpost-site` marker lists the files), one
//! atomic write per file, never through a link, and pages of documents that
//! are gone removed.
//!
//! The marker is what allows deleting, so it is trusted only when it can
//! only have come from goalpost: a regular file git does not track, whose
//! every line is a plain path inside the folder reached without a link. It
//! is written first, listing every file the build may leave (the previous
//! build's and this one's), so a build killed halfway is still recognised
//! and finished by the next one; the final list replaces it at the end.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use crate::error::Error;
use crate::write::{self, Folder, Replace};

/// The marker of a folder goalpost writes sites into; it lists the files
/// the last build wrote.
pub const MARKER: &str = ".goalpost-site";
const MARKER_HEAD: &str =
    "goalpost site: this folder is written by `goalpost site`; files it lists are replaced\n";
const MARKER_BUSY: &str = "goalpost site, being written (a build that stopped early leaves this line): this folder is written by `goalpost site`; files it lists are replaced\n";
/// A marker larger than this was not written by goalpost.
const MARKER_LIMIT: u64 = 8 * 1024 * 1024;

/// The site's folder, and the files the previous build wrote there.
#[derive(Debug)]
pub struct Output {
    folder: Folder,
    previous: Vec<String>,
}

/// Opens the folder `dir` of the repository at `root`; `tracked` says
/// whether git tracks a file.
pub fn open(
    dir: &Path,
    root: &Path,
    force: bool,
    tracked: &dyn Fn(&Path) -> bool,
) -> Result<Output, Error> {
    let folder = Folder::open(dir, root, "the site")?;
    let previous = previous(&folder, dir, force, tracked)?;
    Ok(Output { folder, previous })
}

/// The files the previous build wrote, from a marker that can be trusted.
fn previous(
    folder: &Folder,
    dir: &Path,
    force: bool,
    tracked: &dyn Fn(&Path) -> bool,
) -> Result<Vec<String>, Error> {
    let refuse = |why: String| {
        Error::usage(format!(
            "{} is not a marker goalpost wrote: {why}; the site is not written, so nothing it names is deleted",
            dir.join(MARKER).display()
        ))
    };
    let marker = folder
        .reach(MARKER)
        .map_err(|why| why.error(folder.path(), MARKER))?;
    let meta = match fs::symlink_metadata(&marker) {
        Ok(meta) => meta,
        Err(_) => return foreign(folder, dir, force),
    };
    if !meta.is_file() || meta.len() > MARKER_LIMIT {
        return Err(refuse("it is not a regular file of a marker's size".into())
            .with_help("delete it, or choose another folder with `-o DIR`"));
    }
    if tracked(&marker) {
        if force {
            return Ok(Vec::new());
        }
        return Err(refuse("git tracks it, so a commit can say what it lists".into())
            .with_help(format!(
                "build into a folder git does not track (add it to .gitignore and run `git rm --cached {MARKER}` there), or pass `--force` to write the site without deleting anything the marker lists"
            )));
    }
    let text = fs::read(&marker).map_err(|source| Error::Io {
        path: marker.clone(),
        source,
    })?;
    let text = String::from_utf8_lossy(&text);
    let mut files = Vec::new();
    for (n, rel) in text.lines().enumerate().skip(1) {
        if let Err(why) = folder.reach(rel) {
            let why = match why {
                write::Reach::Outside => {
                    format!("line {} names `{rel}`, outside the folder", n + 1)
                }
                write::Reach::Link(link) => format!(
                    "line {} names `{rel}`, which leads through the link {}",
                    n + 1,
                    link.display()
                ),
            };
            return Err(refuse(why).with_help(
                "delete the marker and the link, or choose another folder with `-o DIR`",
            ));
        }
        files.push(rel.to_owned());
    }
    Ok(files)
}

/// A folder without a marker: used when it is missing or empty, or with
/// `--force`.
fn foreign(folder: &Folder, dir: &Path, force: bool) -> Result<Vec<String>, Error> {
    let empty = match fs::read_dir(folder.path()) {
        Ok(mut entries) => entries.next().is_none(),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => true,
        Err(source) => {
            return Err(Error::Io {
                path: dir.to_path_buf(),
                source,
            });
        }
    };
    if empty || force {
        return Ok(Vec::new());
    }
    Err(Error::usage(format!(
        "{} holds files goalpost did not write, so the site is not written there",
        dir.display()
    ))
    .with_help(format!(
        "choose an empty or new folder with `-o DIR`; `--force` writes into it anyway, replacing files of the same names as the site's (`index.html`, `style.css`, …) and leaving the others alone, and marks it with {MARKER}"
    )))
}

impl Output {
    /// Writes every file of the site and removes the files of the previous
    /// build that this one no longer has: the marker first (listing both),
    /// the marker with this build's files last.
    pub fn publish(&self, files: &BTreeMap<String, Vec<u8>>) -> Result<(), Error> {
        let every: BTreeSet<&str> = files
            .keys()
            .map(String::as_str)
            .chain(self.previous.iter().map(String::as_str))
            .collect();
        self.marker(MARKER_BUSY, every.iter().copied())?;
        // The temporary files of a build that was killed go first.
        let mut by_folder: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for rel in &every {
            let (dir, name) = rel.rsplit_once('/').unwrap_or(("", rel));
            by_folder.entry(dir).or_default().push(name);
        }
        for (dir, names) in &by_folder {
            self.folder.clean_temporaries(dir, names);
        }
        for (rel, bytes) in files {
            self.folder.write(rel, bytes, Replace::Allowed, false)?;
        }
        for rel in self.previous.iter().filter(|r| !files.contains_key(*r)) {
            self.folder.remove(rel)?;
        }
        // Pages are rebuilt from the repository: flushed once per folder,
        // not once per file.
        let dirs: BTreeSet<&Path> = files
            .keys()
            .filter_map(|rel| Path::new(rel).parent())
            .collect();
        let full: Vec<std::path::PathBuf> =
            dirs.iter().map(|d| self.folder.path().join(d)).collect();
        write::sync_dirs(full.iter().map(std::path::PathBuf::as_path));
        self.marker(MARKER_HEAD, files.keys().map(String::as_str))
    }

    fn marker<'a>(&self, head: &str, files: impl Iterator<Item = &'a str>) -> Result<(), Error> {
        let mut text = head.to_owned();
        for rel in files {
            text.push_str(rel);
            text.push('\n');
        }
        self.folder
            .write(MARKER, text.as_bytes(), Replace::Allowed, true)
            .map(drop)
    }
}
