//! The door to git: opening the repository that holds the goal repository,
//! the commit a walk starts from, where the goal repository lies inside the
//! git tree, and the configuration of a bare repository's revision.

use std::path::{Path, PathBuf};
use std::sync::Once;

use git2::{ErrorCode, Oid, Repository};

use crate::config::{Config, Identity};
use crate::error::Error;

/// The configuration to read history with. A bare repository has no
/// `goalpost.yml` on disk, so it is read from the tree of the revision.
pub fn config_for(repo: &Repository, config: Config, rev: Option<&str>) -> Result<Config, Error> {
    if !repo.is_bare() || config.file.is_some() {
        return Ok(config);
    }
    let Some(start) = start_commit(repo, rev)? else {
        return Ok(config);
    };
    let tree = repo
        .find_commit(start)
        .and_then(|c| c.tree())
        .map_err(git_error)?;
    let Ok(entry) = tree.get_path(Path::new(crate::config::FILE_NAME)) else {
        return Ok(config);
    };
    let blob = repo.find_blob(entry.id()).map_err(git_error)?;
    let shown = format!("{}:{}", rev.unwrap_or("HEAD"), crate::config::FILE_NAME);
    let text = std::str::from_utf8(blob.content())
        .map_err(|_| Error::usage(format!("{shown} is not UTF-8")))?;
    Config::parse(config.root.clone(), text).map_err(|problems| Error::Config {
        path: shown.into(),
        problems,
    })
}

/// The git folder of the bare repository at or above `start`, if `start`
/// lies in one: the root a history command reads from when it is run there.
pub fn bare_at(start: &Path) -> Option<PathBuf> {
    let repo = Repository::discover(start)
        .ok()
        .filter(Repository::is_bare)?;
    Some(
        repo.path()
            .canonicalize()
            .unwrap_or_else(|_| repo.path().to_path_buf()),
    )
}

/// Refuses a goal repository that lies in a bare git repository: it has no
/// working tree, so a command that reads or writes documents on disk would
/// answer from nothing (`[]`, "No projects yet") or write into the git
/// folder. Commands that read history read the revision's tree instead.
pub fn refuse_bare(config: &Config) -> Result<(), Error> {
    if !discover(config).is_ok_and(|repo| repo.is_bare()) {
        return Ok(());
    }
    Err(Error::usage(format!(
        "{} is a bare git repository: it has no working tree, so this command has no documents to read",
        config.root.display()
    ))
    .with_help(format!(
        "run it in a clone (`git clone {}`) or a worktree (`git worktree add`); `log`, `packet` and `audit` read history from a bare repository, goalpost.yml included",
        config.root.display()
    )))
}

/// Opens the git repository that holds the goal repository. The first
/// call also sets libgit2's process-wide options, once.
pub fn open(config: &Config) -> Result<Repository, Error> {
    discover(config).map_err(|err| {
        if err.code() == ErrorCode::NotFound {
            Error::usage(format!(
                "{} is not inside a git repository, so it has no history to read",
                config.root.display()
            ))
            .with_help(
                "goalpost reads history from git: run `git init`, then commit the documents (`git add . && git commit`)",
            )
        } else {
            Error::usage(format!(
                "cannot open the git repository of {}: {}",
                config.root.display(),
                err.message()
            ))
            .with_help(super::cut::open_help(&err))
        }
    })
}

pub(super) fn git_error(err: git2::Error) -> Error {
    Error::usage(format!("cannot read git history: {}", err.message()))
}

/// The commit to start from, or `None` when the branch has no commit yet.
pub(super) fn start_commit(repo: &Repository, rev: Option<&str>) -> Result<Option<Oid>, Error> {
    let object = match rev {
        Some(rev) => repo
            .revparse_single(rev)
            .map_err(|err| Error::usage(format!("unknown revision `{rev}`: {}", err.message())))?,
        None => match repo.head() {
            Ok(head) => head.peel(git2::ObjectType::Any).map_err(git_error)?,
            Err(err) if matches!(err.code(), ErrorCode::UnbornBranch | ErrorCode::NotFound) => {
                return Ok(None);
            }
            Err(err) => return Err(git_error(err)),
        },
    };
    let commit = object.peel_to_commit().map_err(|_| {
        Error::usage(format!(
            "`{}` does not name a commit",
            rev.unwrap_or("HEAD")
        ))
    })?;
    Ok(Some(commit.id()))
}

/// Where the goal repository's root lies inside the git tree (`""` at the top).
pub fn root_prefix(repo: &Repository, config: &Config) -> Result<String, Error> {
    let Some(workdir) = repo.workdir() else {
        return Ok(String::new());
    };
    let workdir = workdir
        .canonicalize()
        .unwrap_or_else(|_| workdir.to_path_buf());
    let rel = config.root.strip_prefix(&workdir).unwrap_or(Path::new(""));
    Ok(rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/"))
}

/// Whether git tracks the file at `path` (its index or HEAD's tree holds
/// it): such a file came, or can come, from a commit.
pub fn is_tracked(repo: &Repository, path: &Path) -> bool {
    let Some(workdir) = repo.workdir().and_then(|w| w.canonicalize().ok()) else {
        return false;
    };
    let Some(real) = path
        .parent()
        .and_then(|p| p.canonicalize().ok())
        .zip(path.file_name())
        .map(|(dir, name)| dir.join(name))
    else {
        return false;
    };
    let Ok(rel) = real.strip_prefix(&workdir) else {
        return false;
    };
    let in_index = repo
        .index()
        .is_ok_and(|index| index.get_path(rel, 0).is_some());
    in_index
        || repo
            .head()
            .and_then(|h| h.peel_to_tree())
            .is_ok_and(|tree| tree.get_path(rel).is_ok())
}

/// Every file git's index tracks under the goal repository's root, as
/// root-relative paths (names that are not UTF-8 left out: the walk of the
/// working tree names those); `None` outside git or without a working tree.
/// What history reads, `check` must read too, whatever an ignore file says.
pub fn tracked_files(config: &Config) -> Option<Vec<String>> {
    let repo = open_enclosing(config).ok().flatten()?;
    repo.workdir()?;
    let prefix = root_prefix(&repo, config).ok()?;
    let index = repo.index().ok()?;
    let under = if prefix.is_empty() {
        String::new()
    } else {
        format!("{prefix}/")
    };
    let out = index
        .iter()
        // Files and links; a submodule (a commit) is another repository.
        .filter(|e| matches!(e.mode & 0o170000, 0o100000 | 0o120000))
        .filter_map(|e| String::from_utf8(e.path).ok())
        .filter_map(|p| p.strip_prefix(&under).map(str::to_owned))
        .collect();
    Some(out)
}

/// Opens the git repository that holds the goal repository, or `None` when
/// there is none (the goal repository is a plain folder); any other failure
/// to open it is an error.
pub fn open_enclosing(config: &Config) -> Result<Option<Repository>, Error> {
    match discover(config) {
        Ok(repo) => Ok(Some(repo)),
        Err(err) if err.code() == ErrorCode::NotFound => Ok(None),
        Err(err) => Err(git_error(err)),
    }
}

fn discover(config: &Config) -> Result<Repository, git2::Error> {
    static OPTIONS: Once = Once::new();
    OPTIONS.call_once(|| {
        // Objects come from the user's own repository; verifying the hash of
        // every object read costs ~1.7x on a history walk.
        git2::opts::strict_hash_verification(false);
        // A walk reads each commit once, its trees through `tree`'s own
        // two-commit cache and each blob once: libgit2's object cache only
        // holds memory (36 MB of 210 on a 12-month team packet).
        git2::opts::enable_caching(false);
    });
    Repository::discover(&config.root)
}

/// `user.name` and `user.email` from git's configuration (the repository's,
/// else the user's), read through libgit2.
pub fn identity(root: &Path) -> Identity {
    let config = git2::Repository::discover(root)
        .and_then(|r| r.config())
        .or_else(|_| git2::Config::open_default());
    let get = |key: &str| {
        config
            .as_ref()
            .ok()
            .and_then(|c| c.get_string(key).ok())
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
    };
    Identity {
        name: get("user.name"),
        email: get("user.email"),
    }
}
