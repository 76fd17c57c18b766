//! A folder goalpost fills with many files (the site, `packet --each`):
//! every file is written and removed along real folders only, never
//! through a link anywhere beneath the folder, whoever planted it. A
//! commit can hold `site/up -> ..` or `_site/projects -> /elsewhere`; the
//! folder's files must still land in the folder, and nothing outside it
//! may be replaced or deleted.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use super::{Replace, is_temporary_of, write};
use crate::confine;
use crate::error::Error;

/// An output folder, checked when opened and on every write and removal.
#[derive(Debug)]
pub struct Folder {
    path: PathBuf,
}

impl Folder {
    /// The folder at `path` (made by the first write when missing), refused when it is a link
    /// or not a folder, or when a folder on the way to it below the
    /// repository at `root` is a link (`-o _site/packets` with a committed
    /// `_site -> /elsewhere`). `what` names its contents in messages.
    pub fn open(path: &Path, root: &Path, what: &str) -> Result<Folder, Error> {
        let absolute = lexical_absolute(path);
        let below_root = [root.to_path_buf(), root.canonicalize().unwrap_or_default()]
            .into_iter()
            .find_map(|r| absolute.strip_prefix(&r).ok().map(Path::to_path_buf));
        let link = match below_root {
            Some(rel) => confine::first_link(&absolute_root(&absolute, &rel), &rel),
            None => match fs::symlink_metadata(&absolute) {
                Ok(meta) if meta.file_type().is_symlink() => Some(absolute.clone()),
                _ => None,
            },
        };
        if let Some(link) = link {
            return Err(Error::usage(format!(
                "{} is a link, so {what} is not written through it: a link committed to the repository could send it anywhere",
                link.display()
            ))
            .with_help("name the real folder with `-o DIR`, or replace the link with a folder"));
        }
        match fs::symlink_metadata(&absolute) {
            Ok(meta) if !meta.is_dir() => Err(Error::usage(format!(
                "{} is not a folder, so {what} cannot be written there",
                path.display()
            ))
            .with_help("choose another folder with `-o DIR`")),
            // Missing folders are made by the first write.
            _ => Ok(Folder { path: absolute }),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// `rel` under the folder, provided it stays inside (plain names only)
    /// and no part of it that exists is a link.
    pub fn reach(&self, rel: &str) -> Result<PathBuf, Reach> {
        let plain = !rel.is_empty()
            && Path::new(rel)
                .components()
                .all(|c| matches!(c, Component::Normal(_)));
        if !plain {
            return Err(Reach::Outside);
        }
        match confine::first_link(&self.path, Path::new(rel)) {
            Some(link) => Err(Reach::Link(link)),
            None => Ok(self.path.join(rel)),
        }
    }

    /// Writes `rel` atomically (see [`super::atomic`]), making its folders
    /// one at a time; refused when any of them, or the file, is a link.
    /// Without `sync` the data is not forced to disk: the caller syncs the
    /// folders once at the end ([`super::sync_dirs`]).
    pub fn write(
        &self,
        rel: &str,
        contents: &[u8],
        replace: Replace,
        sync: bool,
    ) -> Result<PathBuf, Error> {
        let path = self.reach(rel).map_err(|why| why.error(&self.path, rel))?;
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|source| Error::Io {
                path: parent.to_path_buf(),
                source,
            })?;
            // A link that appeared while the folders were made.
            if let Some(link) = confine::first_link(&self.path, Path::new(rel)) {
                return Err(Reach::Link(link).error(&self.path, rel));
            }
        }
        write(&path, &mut |w| w.write_all(contents), replace, sync)?;
        Ok(path)
    }

    /// Removes the regular file `rel` and then its folder when that is left
    /// empty. Anything else is left alone: a file that is gone, a link (even
    /// one the name itself is), a folder, a path through a link.
    pub fn remove(&self, rel: &str) -> Result<(), Error> {
        let Ok(path) = self.reach(rel) else {
            return Ok(());
        };
        match fs::symlink_metadata(&path) {
            Ok(meta) if meta.is_file() => {}
            _ => return Ok(()),
        }
        match fs::remove_file(&path) {
            Ok(()) => {}
            Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(source) => return Err(Error::Io { path, source }),
        }
        if let Some(parent) = path.parent().filter(|p| *p != self.path) {
            // `remove_dir` never follows a link, and fails on a folder
            // that still holds something.
            let _ = fs::remove_dir(parent);
        }
        Ok(())
    }

    /// Removes the temporary files goalpost left beside `names` (files of
    /// the folder `dir`, relative to this folder) when a run was killed
    /// before it could rename them; returns how many.
    pub fn clean_temporaries(&self, dir: &str, names: &[&str]) -> usize {
        let folder = if dir.is_empty() {
            self.path.clone()
        } else {
            match self.reach(dir) {
                Ok(path) => path,
                Err(_) => return 0,
            }
        };
        let Ok(entries) = fs::read_dir(&folder) else {
            return 0;
        };
        let mut removed = 0;
        for entry in entries.flatten() {
            let name = entry.file_name();
            let Some(of) = name.to_str().and_then(is_temporary_of) else {
                continue;
            };
            let regular = entry.file_type().is_ok_and(|t| t.is_file());
            if regular && names.contains(&of) && fs::remove_file(entry.path()).is_ok() {
                removed += 1;
            }
        }
        removed
    }
}

/// Why a path under the folder may not be used.
#[derive(Debug)]
pub enum Reach {
    /// It is empty, absolute or climbs with `..`.
    Outside,
    /// It runs through this link.
    Link(PathBuf),
}

impl Reach {
    pub fn error(&self, folder: &Path, rel: &str) -> Error {
        match self {
            Reach::Outside => Error::usage(format!(
                "`{rel}` is not a path inside {}",
                folder.display()
            )),
            Reach::Link(link) => Error::usage(format!(
                "{} is a link, so {} is not written through it: a link committed to the repository could send it anywhere",
                link.display(),
                folder.join(rel).display()
            ))
            .with_help("remove the link; goalpost makes the folders it needs"),
        }
    }
}

/// `path` made absolute against the current folder, with `.` parts dropped
/// and `..` taken lexically.
fn lexical_absolute(path: &Path) -> PathBuf {
    let base = if path.is_absolute() {
        PathBuf::new()
    } else {
        std::env::current_dir().unwrap_or_default()
    };
    let mut out = base;
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The part of `absolute` above `rel`.
fn absolute_root(absolute: &Path, rel: &Path) -> PathBuf {
    let mut root = absolute.to_path_buf();
    for _ in rel.components() {
        root.pop();
    }
    root
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn nothing_is_written_or_removed_through_a_link() {
        let outside = tempfile::tempdir().expect("temp dir");
        std::fs::write(outside.path().join("keep.html"), "theirs").expect("write");
        let repo = tempfile::tempdir().expect("temp dir");
        let root = repo.path();
        let site = Folder::open(&root.join("site"), root, "the site").expect("open");
        std::fs::create_dir(root.join("site")).expect("mkdir");
        symlink(outside.path(), root.join("site/projects")).expect("link");
        symlink(root, root.join("site/up")).expect("link");
        std::fs::write(root.join("goalpost.yml"), "").expect("write");

        let err = site
            .write("projects/keep.html", b"x", Replace::Allowed, false)
            .expect_err("through a link");
        assert!(err.to_string().contains("is a link"), "{err}");
        site.remove("projects/keep.html").expect("left alone");
        site.remove("up/goalpost.yml").expect("left alone");
        site.remove("projects").expect("a link is left alone");
        assert_eq!(
            std::fs::read_to_string(outside.path().join("keep.html")).expect("kept"),
            "theirs"
        );
        assert!(root.join("goalpost.yml").exists());
        assert!(root.join("site/projects").exists());

        site.write("a/b.html", b"x", Replace::Allowed, false)
            .expect("a real folder");
        site.remove("a/b.html").expect("removed");
        assert!(!root.join("site/a").exists(), "its empty folder goes too");

        // The folder itself, or one on the way to it, as a link.
        symlink(outside.path(), root.join("_site")).expect("link");
        for path in ["_site", "_site/packets"] {
            let err = Folder::open(&root.join(path), root, "the site").expect_err(path);
            assert!(err.to_string().contains("is a link"), "{err}");
        }
    }

    #[test]
    fn only_goalposts_own_temporary_files_are_cleaned() {
        let dir = tempfile::tempdir().expect("temp dir");
        let folder = Folder::open(dir.path(), dir.path(), "the site").expect("open");
        for name in [
            ".index.html.4242.0.tmp",
            ".index.html.notes.tmp",
            ".other.html.4242.0.tmp",
            "index.html",
        ] {
            std::fs::write(dir.path().join(name), "x").expect("write");
        }
        assert_eq!(folder.clean_temporaries("", &["index.html"]), 1);
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [
                ".index.html.notes.tmp",
                ".other.html.4242.0.tmp",
                "index.html"
            ]
        );
    }
}
