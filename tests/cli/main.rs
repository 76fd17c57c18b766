//! Integration tests: every test builds a goal repository in a temporary
//! folder and runs the real `goalpost` binary on it, with a fixed "today".

mod check;
mod check_formats;
mod check_hostile;
mod config;

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

pub const TODAY: &str = "2026-11-22";

/// A goal repository under construction.
pub struct Repo {
    dir: TempDir,
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
