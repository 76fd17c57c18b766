//! Writing files without ever leaving a half-written one behind, and without
//! replacing a user's file unless asked: the content goes to a temporary file
//! in the same folder, is flushed to disk, and then takes its final name in
//! one step (a hard link when the name must be new, a rename otherwise).

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::confine;
use crate::error::Error;

mod folder;

pub use folder::{Folder, Reach};

/// Like [`atomic`], for a file of the repository at `root`: refused when its
/// folder, links followed, lies outside the repository (`updates/2026 ->
/// /elsewhere` must not make `new` write there).
pub fn atomic_inside(
    root: &Path,
    path: &Path,
    contents: &[u8],
    replace: Replace,
) -> Result<(), Error> {
    inside(root, path.parent().unwrap_or(root), path)?;
    atomic(path, contents, replace)
}

/// Fails unless `dir`, links followed, lies inside the repository at `root`.
pub fn inside(root: &Path, dir: &Path, shown: &Path) -> Result<(), Error> {
    match confine::real_inside(root, dir) {
        Ok(_) => Ok(()),
        Err(escape) => Err(Error::usage(format!(
            "{} cannot be written: its folder {}; goalpost writes only inside the repository",
            shown.display(),
            match escape {
                confine::Escape::Outside(_) => "leads outside the repository".to_owned(),
                confine::Escape::Unresolved(e) => format!("cannot be followed ({e})"),
            }
        ))
        .with_help(
            "replace the link with a real folder, or move the documents into the repository",
        )),
    }
}

/// Whether an existing file may be replaced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Replace {
    /// Fail if the file exists (the default everywhere).
    Never,
    /// Replace it (`--force`).
    Allowed,
}

/// Writes `contents` to `path` atomically, creating missing folders.
///
/// With [`Replace::Never`], an existing file makes this fail with
/// [`Error::Exists`] and leaves that file untouched, even if it appears
/// between the check and the write. Only regular files are ever replaced:
/// never a folder, link, pipe or device, even with [`Replace::Allowed`].
pub fn atomic(path: &Path, contents: &[u8], replace: Replace) -> Result<(), Error> {
    write(path, &mut |w| w.write_all(contents), replace, true)
}

/// As [`atomic`] (a reader sees the old file or the new one, never part of
/// one), without forcing the data to disk: for output that is rebuilt from
/// the repository, thousands of files at a time (the site's pages), where a
/// flush per file would be most of the work. The caller calls
/// [`sync_dirs`] once at the end.
pub fn atomic_unsynced(path: &Path, contents: &[u8], replace: Replace) -> Result<(), Error> {
    write(path, &mut |w| w.write_all(contents), replace, false)
}

/// As [`atomic_unsynced`], with the contents written by `fill` through a
/// buffer: for a file of tens of megabytes that need not be held whole in
/// memory first (a cache segment).
pub fn atomic_unsynced_from(
    path: &Path,
    fill: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
    replace: Replace,
) -> Result<(), Error> {
    write(path, fill, replace, false)
}

/// Makes the renames in these folders durable, once for many files.
pub fn sync_dirs<'a>(dirs: impl IntoIterator<Item = &'a Path>) {
    for dir in dirs {
        sync_dir(dir);
    }
}

fn write(
    path: &Path,
    fill: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
    replace: Replace,
    sync: bool,
) -> Result<(), Error> {
    let io_error = |source: io::Error| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    if let Ok(meta) = fs::symlink_metadata(path) {
        let what = if meta.is_file() {
            None
        } else if meta.is_dir() {
            Some("a folder")
        } else if meta.file_type().is_symlink() {
            // Without --force, a link is simply something that exists.
            Some("a link").filter(|_| replace == Replace::Allowed)
        } else {
            Some("not a regular file")
        };
        if let Some(what) = what {
            return Err(Error::usage(format!(
                "{} is {what}; goalpost writes only regular files, even with --force",
                path.display()
            )));
        }
        if replace == Replace::Never {
            return Err(Error::Exists(path.to_path_buf()));
        }
    }
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&dir).map_err(|source| Error::Io {
        path: dir.clone(),
        source,
    })?;
    let temp = TempFile::create(&dir, path).map_err(io_error)?;
    temp.fill(fill, sync).map_err(io_error)?;
    match replace {
        Replace::Allowed => fs::rename(&temp.path, path).map_err(io_error)?,
        Replace::Never => match fs::hard_link(&temp.path, path) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                return Err(Error::Exists(path.to_path_buf()));
            }
            // Some file systems have no hard links; a rename still never
            // exposes a partial file, and the existence check above makes a
            // lost race very unlikely.
            Err(_) => {
                if fs::symlink_metadata(path).is_ok() {
                    return Err(Error::Exists(path.to_path_buf()));
                }
                fs::rename(&temp.path, path).map_err(io_error)?;
            }
        },
    }
    if sync {
        sync_dir(&dir);
    }
    Ok(())
}

/// A temporary file next to the target, removed when dropped (after a
/// rename, the removal finds nothing, which is fine).
struct TempFile {
    path: PathBuf,
    file: Option<fs::File>,
}

impl TempFile {
    fn create(dir: &Path, target: &Path) -> io::Result<TempFile> {
        let name = target
            .file_name()
            .map_or_else(|| "goalpost".into(), |n| n.to_string_lossy().into_owned());
        // The name starts with a dot and does not end in `.md`, so even a
        // temporary file left by a power cut is never taken for a document.
        let mut attempt = 0u32;
        loop {
            let path = dir.join(format!(".{name}.{}.{attempt}.tmp", std::process::id()));
            match OpenOptions::new().write(true).create_new(true).open(&path) {
                Ok(file) => {
                    return Ok(TempFile {
                        path,
                        file: Some(file),
                    });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => {
                    attempt += 1;
                }
                Err(e) => return Err(e),
            }
        }
    }

    fn fill(
        &self,
        fill: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
        sync: bool,
    ) -> io::Result<()> {
        let file = self.file.as_ref().ok_or(io::ErrorKind::NotFound)?;
        let mut out = io::BufWriter::with_capacity(64 * 1024, file);
        fill(&mut out)?;
        out.flush()?;
        if sync {
            file.sync_all()?;
        }
        Ok(())
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        drop(self.file.take());
        let _ = fs::remove_file(&self.path);
    }
}

/// The file `name` is goalpost's temporary file of, when it is one: the
/// names [`TempFile`] makes, `.<file>.<process>.<attempt>.tmp`.
pub fn is_temporary_of(name: &str) -> Option<&str> {
    let inner = name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let (rest, attempt) = inner.rsplit_once('.')?;
    let (file, process) = rest.rsplit_once('.')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (digits(attempt) && digits(process) && !file.is_empty()).then_some(file)
}

/// Makes a rename durable; failure only weakens durability, so it is ignored.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// An exclusive lock between goalpost processes on one machine, held by
/// creating a file with create-new semantics and released when dropped.
/// A lock file older than a minute was left by a process that died, and is
/// taken over.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
}

impl Lock {
    /// Waits up to `wait` for the lock at `path`.
    pub fn acquire(path: &Path, wait: std::time::Duration) -> Result<Lock, Error> {
        let started = std::time::Instant::now();
        loop {
            match OpenOptions::new().write(true).create_new(true).open(path) {
                Ok(_) => {
                    return Ok(Lock {
                        path: path.to_path_buf(),
                    });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                    let stale = fs::metadata(path)
                        .and_then(|m| m.modified())
                        .ok()
                        .and_then(|t| t.elapsed().ok())
                        .is_some_and(|age| age > std::time::Duration::from_secs(60));
                    if stale {
                        let _ = fs::remove_file(path);
                        continue;
                    }
                    if started.elapsed() > wait {
                        return Err(Error::usage(format!(
                            "{} is held by another goalpost process",
                            path.display()
                        ))
                        .with_help("wait for it to finish and run the command again; delete the file if no goalpost is running"));
                    }
                    std::thread::sleep(std::time::Duration::from_millis(10));
                }
                Err(source) => {
                    return Err(Error::Io {
                        path: path.to_path_buf(),
                        source,
                    });
                }
            }
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .expect("read dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn writes_a_new_file_and_its_folders_leaving_no_temporary_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a/b/file.md");
        atomic(&path, b"hello\n", Replace::Never).expect("write");
        assert_eq!(fs::read_to_string(&path).expect("read"), "hello\n");
        assert_eq!(names(&dir.path().join("a/b")), ["file.md"]);
    }

    #[test]
    fn never_replaces_an_existing_file_without_permission() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("file.md");
        fs::write(&path, "mine\n").expect("write");
        let err = atomic(&path, b"theirs\n", Replace::Never).expect_err("must refuse");
        assert!(matches!(err, Error::Exists(_)), "{err}");
        assert_eq!(fs::read_to_string(&path).expect("read"), "mine\n");
        assert_eq!(names(dir.path()), ["file.md"]);

        atomic(&path, b"theirs\n", Replace::Allowed).expect("replace");
        assert_eq!(fs::read_to_string(&path).expect("read"), "theirs\n");
        assert_eq!(names(dir.path()), ["file.md"]);
    }

    #[test]
    fn a_dangling_link_counts_as_existing() {
        #[cfg(unix)]
        {
            let dir = tempfile::tempdir().expect("temp dir");
            let path = dir.path().join("file.md");
            std::os::unix::fs::symlink(dir.path().join("nowhere"), &path).expect("symlink");
            assert!(matches!(
                atomic(&path, b"x", Replace::Never),
                Err(Error::Exists(_))
            ));
        }
    }

    #[test]
    fn force_replaces_only_regular_files() {
        let dir = tempfile::tempdir().expect("temp dir");
        let folder = dir.path().join("folder");
        fs::create_dir(&folder).expect("mkdir");
        let err = atomic(&folder, b"x", Replace::Allowed).expect_err("a folder");
        assert!(err.to_string().contains("is a folder"), "{err}");
        #[cfg(unix)]
        {
            let link = dir.path().join("link.md");
            fs::write(dir.path().join("target.md"), "mine\n").expect("write");
            std::os::unix::fs::symlink(dir.path().join("target.md"), &link).expect("symlink");
            let err = atomic(&link, b"x", Replace::Allowed).expect_err("a link");
            assert!(err.to_string().contains("is a link"), "{err}");
            assert_eq!(
                fs::read_to_string(dir.path().join("target.md")).expect("read"),
                "mine\n"
            );
        }
        assert_eq!(names(dir.path()).len(), if cfg!(unix) { 3 } else { 1 });
    }

    #[test]
    fn a_failed_write_leaves_nothing_behind() {
        let dir = tempfile::tempdir().expect("temp dir");
        fs::write(dir.path().join("blocker"), "a file, not a folder").expect("write");
        let path = dir.path().join("blocker/file.md");
        assert!(atomic(&path, b"x", Replace::Never).is_err());
        assert_eq!(names(dir.path()), ["blocker"]);
    }

    #[test]
    fn a_lock_is_exclusive_until_dropped() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("x.lock");
        let wait = std::time::Duration::from_millis(50);
        let first = Lock::acquire(&path, wait).expect("free");
        let err = Lock::acquire(&path, wait).expect_err("held");
        assert!(err.to_string().contains("held by another goalpost process"));
        drop(first);
        assert!(!path.exists());
        let _again = Lock::acquire(&path, wait).expect("free again");
    }
}
