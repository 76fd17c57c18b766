//! Integration tests: every test builds a goal repository in a temporary
//! folder and runs the real `goalpost` binary on it, with a fixed "today".

mod adoption;
mod check;
mod check_formats;
mod check_hostile;
mod config;
mod demo;
mod history;
mod html_safety;
mod messages;
mod packet;
mod positions;
mod views;

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

pub const TODAY: &str = "2026-11-22";

/// A goal repository under construction.
pub struct Repo {
    dir: TempDir,
}

impl Default for Repo {
    fn default() -> Self {
        Self::new()
    }
}

impl Repo {
    /// An empty repository with an empty `goalpost.yml`.
    pub fn new() -> Self {
        let repo = Self {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        repo.file("goalpost.yml", "")
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file (creating folders); returns self for chaining.
    pub fn file(self, path: &str, content: &str) -> Self {
        self.bytes(path, content.as_bytes())
    }

    pub fn bytes(self, path: &str, content: &[u8]) -> Self {
        let full = self.dir.path().join(path);
        std::fs::create_dir_all(full.parent().expect("parent")).expect("mkdir");
        std::fs::write(full, content).expect("write");
        self
    }

    /// `goalpost` run inside the repository, hermetically.
    pub fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("goalpost").expect("binary");
        cmd.current_dir(self.dir.path())
            .env("GOALPOST_TODAY", TODAY)
            .env_remove("GITHUB_ACTIONS")
            .env_remove("NO_COLOR")
            .env("HOME", self.dir.path());
        cmd
    }

    /// Runs `check --format json` with extra args; returns (exit code, findings).
    pub fn check_json(&self, args: &[&str]) -> (i32, Vec<Value>) {
        let output = self
            .cmd()
            .args(["check", "--format", "json"])
            .args(args)
            .output()
            .expect("run");
        let code = output.status.code().expect("exit code");
        let stdout = String::from_utf8(output.stdout).expect("utf-8");
        let findings: Vec<Value> = serde_json::from_str(&stdout).unwrap_or_else(|e| {
            panic!(
                "not JSON ({e}): {stdout}\nstderr: {}",
                String::from_utf8_lossy(&output.stderr)
            )
        });
        (code, findings)
    }
}

/// A finding reduced to what the tests compare: (rule, path, line, column).
pub fn place(finding: &Value) -> (String, String, u64, u64) {
    (
        finding["rule"].as_str().expect("rule").to_owned(),
        finding["path"].as_str().expect("path").to_owned(),
        finding["line"].as_u64().expect("line"),
        finding["column"].as_u64().expect("column"),
    )
}

pub fn places(findings: &[Value]) -> Vec<(String, String, u64, u64)> {
    findings.iter().map(place).collect()
}

/// Shorthand for an expected place.
pub fn at(rule: &str, path: &str, line: u64, column: u64) -> (String, String, u64, u64) {
    (rule.to_owned(), path.to_owned(), line, column)
}

/// Commits the current state of the work tree with a fixed author and time
/// (`2026-07-05T23:30:00-07:00`), without reading any git configuration.
pub fn commit_all(repo: &git2::Repository, when: &str, author: &str, message: &str) -> git2::Oid {
    let time = chrono::DateTime::parse_from_rfc3339(when).expect("rfc3339 time");
    let sig = git2::Signature::new(
        author,
        &format!("{author}@example.com"),
        &git2::Time::new(time.timestamp(), time.offset().local_minus_utc() / 60),
    )
    .expect("signature");
    let mut index = repo.index().expect("index");
    index
        .add_all(["*"], git2::IndexAddOption::DEFAULT, None)
        .expect("add");
    index.update_all(["*"], None).expect("update");
    index.write().expect("write index");
    let tree = repo
        .find_tree(index.write_tree().expect("tree"))
        .expect("tree");
    let parents: Vec<git2::Commit<'_>> = repo
        .head()
        .ok()
        .and_then(|h| h.peel_to_commit().ok())
        .into_iter()
        .collect();
    let parents: Vec<&git2::Commit<'_>> = parents.iter().collect();
    repo.commit(Some("HEAD"), &sig, &sig, message, &tree, &parents)
        .expect("commit")
}

impl Repo {
    /// Initialises a git repository here.
    pub fn git(&self) -> git2::Repository {
        git2::Repository::init(self.path()).expect("git init")
    }

    /// Removes a file from the work tree.
    pub fn remove(&self, path: &str) {
        std::fs::remove_file(self.path().join(path)).expect("rm");
    }

    /// Writes a file in place (for use between commits).
    pub fn write(&self, path: &str, content: &str) {
        let full = self.path().join(path);
        std::fs::create_dir_all(full.parent().expect("parent")).expect("mkdir");
        std::fs::write(full, content).expect("write");
    }

    /// Runs `log` with extra args; returns (exit code, stdout, stderr).
    pub fn run(&self, args: &[&str]) -> (i32, String, String) {
        let output = self.cmd().args(args).output().expect("run");
        (
            output.status.code().expect("code"),
            String::from_utf8(output.stdout).expect("utf-8"),
            String::from_utf8(output.stderr).expect("utf-8"),
        )
    }
}
