//! Histories that are not the whole story. A shallow clone ends where it
//! was cut; grafts (`.git/info/grafts`) give commits parents other than
//! their own; a partial clone lacks objects that git would fetch on demand
//! and goalpost, offline, cannot. libgit2 walks the first two as if they
//! were complete, so goalpost refuses them (or reads them with a note when
//! asked) and never lets them into the history cache, whose records would
//! keep the cut after the clone is deepened or the grafts removed.

use std::path::PathBuf;

use git2::Repository;

use super::History;
use crate::error::Error;

/// Why the history libgit2 walks is not the one that was committed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cut {
    /// A shallow clone: history stops at the commits in `.git/shallow`.
    Shallow,
    /// Grafts: `.git/info/grafts` rewrites parents, anywhere in history.
    Grafts,
}

/// A grafts file larger than this is not read, only taken as grafting.
const GRAFTS_LIMIT: u64 = 1 << 20;

impl Cut {
    /// How `repo`'s history is cut, if it is.
    pub fn of(repo: &Repository) -> Option<Cut> {
        if repo.is_shallow() {
            Some(Cut::Shallow)
        } else if has_grafts(repo) {
            Some(Cut::Grafts)
        } else {
            None
        }
    }

    /// The repository's state, as the start of a sentence.
    pub fn what(self) -> &'static str {
        match self {
            Cut::Shallow => "this is a shallow clone",
            Cut::Grafts => "this repository has grafts (.git/info/grafts)",
        }
    }

    /// How to read the whole history.
    pub fn help(self) -> &'static str {
        match self {
            Cut::Shallow => {
                "fetch the full history (`git fetch --unshallow`; `fetch-depth: 0` on actions/checkout)"
            }
            Cut::Grafts => {
                "remove .git/info/grafts to read the history as it was committed (`git replace --convert-graft-file` keeps the grafts for git as replace refs, which goalpost does not follow)"
            }
        }
    }

    /// The refusal of a command that reads history without
    /// `--allow-shallow`.
    pub fn refusal(self) -> Error {
        match self {
            Cut::Shallow => Error::Shallow,
            Cut::Grafts => Error::Grafted,
        }
    }
}

/// The path of `repo`'s grafts file (shared by its worktrees).
fn grafts_path(repo: &Repository) -> PathBuf {
    repo.commondir().join("info").join("grafts")
}

/// Whether `repo` has a grafts file that grafts anything: a line that is
/// neither blank nor a comment. A file that cannot be read as text, or is
/// not a regular file, is taken as grafting: goalpost does not guess in its
/// own favour.
fn has_grafts(repo: &Repository) -> bool {
    let path = grafts_path(repo);
    let Ok(meta) = std::fs::symlink_metadata(&path) else {
        return false;
    };
    if !meta.is_file() || meta.len() > GRAFTS_LIMIT {
        return true;
    }
    std::fs::read_to_string(&path).map_or(true, |text| {
        text.lines()
            .map(str::trim)
            .any(|line| !line.is_empty() && !line.starts_with('#'))
    })
}

impl History {
    /// What the cut it was read through leaves out of this history, said
    /// every time, so that a history that looks short is never taken for
    /// the whole story: a shallow clone when the walk ran into the cut
    /// before the period's start, grafts always (they may move any commit).
    pub fn cut_note(&self) -> Option<String> {
        match self.cut? {
            Cut::Shallow => {
                let first = self.commits.first().filter(|c| !c.baseline)?;
                Some(format!(
                    "read from a shallow clone whose history starts at {} (commit {}): what happened before that, and when the projects began, is missing; fetch the full history with `git fetch --unshallow` (`fetch-depth: 0` on actions/checkout)",
                    first.date(),
                    first.short()
                ))
            }
            Cut::Grafts => Some(format!(
                "read through grafts (.git/info/grafts): commits have the parents the grafts give them, not their own, so events may be missing or misdated; {}",
                Cut::Grafts.help()
            )),
        }
    }
}

/// The filter of a partial clone (`blob:none`, `tree:0`), if `repo` is one:
/// a remote marked `promisor`, or the older `extensions.partialclone`.
fn partial_clone(repo: &Repository) -> Option<String> {
    let config = repo.config().ok()?;
    let mut names = Vec::new();
    if let Ok(entries) = config.entries(Some(r"remote\..*\.promisor")) {
        let _ = entries.for_each(|entry| names.extend(entry.name().map(str::to_owned)));
    }
    let promisor = names
        .into_iter()
        .find(|name| config.get_bool(name).unwrap_or(false))
        .map(|name| name.trim_end_matches(".promisor").to_owned());
    let remote = promisor.or_else(|| {
        config
            .get_string("extensions.partialclone")
            .ok()
            .map(|name| format!("remote.{name}"))
    })?;
    let filter = config
        .get_string(&format!("{remote}.partialclonefilter"))
        .unwrap_or_else(|_| "a filter".to_owned());
    Some(filter)
}

/// `err`, from reading history, with help that names a partial clone when
/// `repo` is one: its missing objects are no damage.
pub fn explain_missing(repo: &Repository, err: Error) -> Error {
    match (&err, partial_clone(repo)) {
        (Error::Usage { .. }, Some(filter)) => err.with_help(format!(
            "this is a partial clone (`--filter={filter}`): git fetches old objects when it needs them, goalpost reads only what is here; clone again without `--filter` (on actions/checkout, leave `filter` unset)"
        )),
        _ => err,
    }
}

/// Help for a repository libgit2 cannot open, by what it said.
pub fn open_help(err: &git2::Error) -> &'static str {
    let message = err.message().to_ascii_lowercase();
    if err.code() == git2::ErrorCode::Owner {
        "git refuses a repository owned by someone else: if you trust it, mark it safe with `git config --global --add safe.directory <path>`"
    } else if message.contains("object format") || message.contains("objectformat") {
        "goalpost reads repositories with SHA-1 object names; SHA-256 repositories are not supported yet"
    } else if message.contains("graft") {
        "libgit2 reads .git/info/grafts strictly (one commit id and its parents' per line, no comments or blank lines): remove the file, or fix the line it names"
    } else {
        "`git status` there says what git thinks of the repository"
    }
}
