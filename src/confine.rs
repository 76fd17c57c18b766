//! Keeping goalpost inside the repository: what it reads (templates,
//! `goalpost.yml`) and writes (`init`, `new`) must really lie under the
//! root once every link is followed. A goal repository is committed by many
//! people and checked out by CI with secrets around it; a link in it must
//! not make goalpost read or write anything else.

use std::io;
use std::path::{Component, Path, PathBuf};

/// Why a path may not be used.
#[derive(Debug)]
pub enum Escape {
    /// Its real path, links followed, lies outside the root.
    Outside(PathBuf),
    /// It cannot be resolved (a dangling link, a loop of links).
    Unresolved(io::Error),
}

impl std::fmt::Display for Escape {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Escape::Outside(_) => f.write_str("it leads outside the repository"),
            Escape::Unresolved(e) => write!(f, "it cannot be followed: {e}"),
        }
    }
}

/// The real path of `path` (which need not exist yet: its nearest existing
/// folder is resolved, and the rest may not climb with `..`), provided it
/// lies under the real path of `root`.
pub fn real_inside(root: &Path, path: &Path) -> Result<PathBuf, Escape> {
    let root = root.canonicalize().map_err(Escape::Unresolved)?;
    let mut existing = path.to_path_buf();
    let mut rest: Vec<std::ffi::OsString> = Vec::new();
    let real = loop {
        match existing.canonicalize() {
            Ok(real) => break real,
            // Not there yet: resolve the folder it would be made in.
            Err(_) if std::fs::symlink_metadata(&existing).is_err() => {
                let Some(name) = existing.file_name() else {
                    return Err(Escape::Outside(existing));
                };
                rest.push(name.to_os_string());
                if !existing.pop() || existing.as_os_str().is_empty() {
                    existing = PathBuf::from(".");
                }
            }
            // There, but a link that leads nowhere or in circles.
            Err(e) => return Err(Escape::Unresolved(e)),
        }
    };
    let mut full = real;
    for part in rest.iter().rev() {
        match Path::new(part).components().next() {
            Some(Component::Normal(_)) => full.push(part),
            _ => return Err(Escape::Outside(full)),
        }
    }
    if full.starts_with(&root) {
        Ok(full)
    } else {
        Err(Escape::Outside(full))
    }
}

/// The first link on the way from `base` down to `base/rel`, `base`
/// itself not included: every existing prefix of `rel` is looked at
/// without following it. `None` when the way holds no link (the part that
/// does not exist yet cannot). A folder that can only be reached through a
/// link must not be written or emptied: a commit can plant the link.
pub fn first_link(base: &Path, rel: &Path) -> Option<PathBuf> {
    let mut path = base.to_path_buf();
    for part in rel.components() {
        path.push(part);
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => return Some(path),
            Ok(_) => {}
            Err(_) => return None,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn links_out_of_the_root_are_caught_before_and_after_they_exist() {
        let outside = tempfile::tempdir().expect("temp dir");
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        std::fs::create_dir(root.join("projects")).expect("mkdir");
        std::os::unix::fs::symlink(outside.path(), root.join("updates")).expect("link");
        std::fs::write(outside.path().join("secret"), "x").expect("write");
        std::os::unix::fs::symlink(outside.path().join("secret"), root.join("s.j2")).expect("link");

        assert!(real_inside(root, &root.join("projects/new/a.md")).is_ok());
        assert!(real_inside(root, &root.join("projects/a.md")).is_ok());
        for path in ["updates/2026/a.md", "updates", "s.j2"] {
            assert!(
                matches!(real_inside(root, &root.join(path)), Err(Escape::Outside(_))),
                "{path}"
            );
        }
        std::os::unix::fs::symlink(root.join("nowhere"), root.join("dangling")).expect("link");
        assert!(matches!(
            real_inside(root, &root.join("dangling")),
            Err(Escape::Unresolved(_))
        ));

        assert_eq!(
            first_link(root, Path::new("updates/2026/a.md")),
            Some(root.join("updates"))
        );
        assert_eq!(first_link(root, Path::new("projects/new/a.md")), None);
        assert_eq!(
            first_link(root, Path::new("dangling")),
            Some(root.join("dangling"))
        );
    }
}
