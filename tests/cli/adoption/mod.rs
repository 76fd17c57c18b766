//! Adoption, one file per command: `init`, `new` and templates, `schema`,
//! `completions` and `man` (`shell`), and the CI integrations shipped in the
//! repository (`ci`: the GitLab report, `action.yml`,
//! `.pre-commit-hooks.yaml`, the documentation's snippets). Helpers they share
//! live here.

mod ci;
mod init;
mod json_schema;
mod new;
mod release;
mod schema;
mod shell;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use clap::CommandFactory;
use goalpost::cli::Cli;
use serde_json::Value;

use crate::Repo;

/// Every file under `dir` (but `.git`) with its content.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.file_name().is_some_and(|n| n == ".git") {
                continue;
            }
            let meta = std::fs::symlink_metadata(&path).expect("metadata");
            let rel = path
                .strip_prefix(root)
                .expect("inside")
                .to_string_lossy()
                .replace('\\', "/");
            if meta.is_dir() {
                out.insert(format!("{rel}/"), Vec::new());
                walk(root, &path, out);
            } else {
                out.insert(rel, std::fs::read(&path).unwrap_or_default());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// A git repository whose own configuration names the user.
fn with_git_user(repo: &Repo, name: Option<&str>, email: Option<&str>) {
    let git = repo.git();
    let mut config = git
        .config()
        .and_then(|c| c.open_level(git2::ConfigLevel::Local))
        .expect("local config");
    if let Some(name) = name {
        config.set_str("user.name", name).expect("user.name");
    }
    if let Some(email) = email {
        config.set_str("user.email", email).expect("user.email");
    }
}

/// `check --format json` must find nothing at all.
fn assert_clean(repo: &Repo) {
    let (code, findings) = repo.check_json(&[]);
    assert_eq!((code, findings), (0, Vec::new()));
}

const ROSTER: &str =
    "people:\n  alice: { name: Alice Ng, email: alice@example.com }\n  bob: { name: Bob Ruiz }\n";

/// An initialised repository with a roster, and git's user set to alice.
fn team() -> Repo {
    let repo = Repo::empty();
    repo.run(&["init", "--quiet"]);
    repo.remove("projects/example.md");
    let repo = repo.file("goalpost.yml", ROSTER);
    with_git_user(&repo, Some("Somebody"), Some("Alice@Example.com"));
    repo
}
