//! Integration tests: every test builds a goal repository in a temporary
//! folder and runs the real `goalpost` binary on it, hermetically and with a
//! fixed "today".

mod adoption;
mod alignment;
mod audit;
mod audit_trend;
mod cache;
mod cache_files;
mod changed;
mod check;
mod check_formats;
mod check_hostile;
mod config;
mod demo;
mod digest;
mod docs_links;
mod edit;
mod fix;
mod history;
mod html_safety;
mod lsp;
mod mcp;
mod measures;
mod messages;
mod packaging;
mod packet;
mod positions;
mod real;
mod real_round2;
mod recognitions;
mod rule_docs;
mod security;
mod security_history;
mod security_output;
mod site;
mod tidy;
mod views;

use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

pub const TODAY: &str = "2026-11-22";

/// How long one run may take before it is killed: a hang fails its own test
/// instead of stalling the suite. No test asserts how fast anything is.
const HANG_GUARD: Duration = Duration::from_secs(300);

/// The program a test drives (`chromium`, `nvim`), found on `PATH` under
/// one of `names`. Missing, it fails the test when `CI` is set (`.ci/run`
/// sets it, after trying to install Debian's `package`); elsewhere the test
/// is skipped, said on the terminal past the test harness's capture.
pub fn program(test: &str, names: &[&str], package: &str) -> Option<std::path::PathBuf> {
    let found = std::env::var_os("PATH")
        .into_iter()
        .flat_map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
        .find(|p| p.is_file());
    if found.is_some() {
        return found;
    }
    let reason = format!(
        "`{}` is not installed (Debian's package `{package}`, which `.ci/run` installs)",
        names[0]
    );
    assert!(
        std::env::var_os("CI").is_none(),
        "{test} cannot run: {reason}; CI is set, so a missing program fails the test rather than skip it"
    );
    skip(test, &reason);
    None
}

/// Node.js and a file of an npm package `.ci/run` installs under
/// `.ci/node_modules` (`package/path`). Node is a Debian package, so
/// [`program`] fails without it in CI; npm's packages are not, so where the
/// registry cannot be reached the test is skipped, said on the terminal,
/// even in CI.
pub fn npm_module(
    test: &str,
    package: &str,
    path: &str,
) -> Option<(std::path::PathBuf, std::path::PathBuf)> {
    let node = program(test, &["node"], "nodejs")?;
    let module = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(".ci/node_modules")
        .join(package)
        .join(path);
    if !module.exists() {
        skip(
            test,
            &format!(
                "the npm package `{package}` is not installed under .ci/node_modules (`.ci/run` installs it)"
            ),
        );
        return None;
    }
    Some((node, module))
}

/// Says on the terminal that `test` was skipped and why: written to the
/// process's stderr directly, which the harness does not capture.
pub fn skip(test: &str, reason: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "SKIPPED {test}: {reason}");
}

/// `cmd` made to run in `dir` without the machine's say: today is [`TODAY`],
/// `dir` is the home and configuration folder, git's system configuration is
/// ignored, and the variables that change goalpost's output are unset.
pub fn hermetic(mut cmd: Command, dir: &Path) -> Command {
    cmd.current_dir(dir)
        .env("GOALPOST_TODAY", TODAY)
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env_remove("GITHUB_ACTIONS")
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS")
        .timeout(HANG_GUARD);
    cmd
}

/// The `goalpost` binary under test, run hermetically in `dir`.
pub fn goalpost(dir: &Path) -> Command {
    hermetic(Command::cargo_bin("goalpost").expect("binary"), dir)
}

/// A finished run as (exit code, stdout, stderr).
pub fn outcome(output: std::process::Output) -> (i32, String, String) {
    (
        output
            .status
            .code()
            .expect("no exit code: killed by the 300 s hang guard or a signal"),
        String::from_utf8(output.stdout).expect("utf-8"),
        String::from_utf8(output.stderr).expect("utf-8"),
    )
}

/// Runs `cmd`, which must exit 0; returns its stdout.
pub fn ok(cmd: &mut Command) -> String {
    let (code, stdout, stderr) = outcome(cmd.output().expect("run"));
    assert_eq!(code, 0, "{stderr}");
    stdout
}

/// Runs `cmd`, which must exit 0 and print JSON; returns the JSON.
pub fn ok_json(cmd: &mut Command) -> Value {
    let stdout = ok(cmd);
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {stdout}"))
}

/// The findings `check --format json` printed; a test fails with the run's
/// output when they are not JSON.
pub fn findings(stdout: &str, stderr: &str) -> Vec<Value> {
    serde_json::from_str(stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {stdout}\nstderr: {stderr}"))
}

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
    /// The smallest team the security tests plant their attacks beside:
    /// `alice` on team `t`, owning one active project `a` (not committed).
    pub fn alice() -> Self {
        Self::new()
            .file("goalpost.yml", "people:\n  alice: { name: Alice, team: t }\n")
            .file(
                "projects/a.md",
                "---\ntitle: A\nowner: alice\nstatus: active\ncreated: 2026-11-01\n---\n## Success criteria\n- [ ] 1 user\n",
            )
    }

    /// An empty repository with an empty `goalpost.yml`.
    pub fn new() -> Self {
        Self::empty().file("goalpost.yml", "")
    }

    /// A folder with nothing in it (no `goalpost.yml`).
    pub fn empty() -> Self {
        Self {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file (creating folders); returns self for chaining.
    pub fn file(self, path: &str, content: &str) -> Self {
        self.bytes(path, content.as_bytes())
    }

    /// Writes a file of raw bytes; returns self for chaining.
    pub fn bytes(self, path: &str, content: &[u8]) -> Self {
        self.write(path, content);
        self
    }

    /// Writes a file in place, creating folders (for use between commits).
    pub fn write(&self, path: &str, content: impl AsRef<[u8]>) {
        let full = self.path().join(path);
        std::fs::create_dir_all(full.parent().expect("parent")).expect("mkdir");
        std::fs::write(full, content).expect("write");
    }

    /// The text of a file.
    pub fn read(&self, path: &str) -> String {
        std::fs::read_to_string(self.path().join(path)).expect(path)
    }

    /// Removes a file from the work tree.
    pub fn remove(&self, path: &str) {
        std::fs::remove_file(self.path().join(path)).expect("rm");
    }

    /// Initialises a git repository here.
    pub fn git(&self) -> git2::Repository {
        git2::Repository::init(self.path()).expect("git init")
    }

    /// `goalpost` run inside the repository, hermetically.
    pub fn cmd(&self) -> Command {
        goalpost(self.path())
    }

    /// Runs goalpost with `args`; returns (exit code, stdout, stderr).
    ///
    /// A command that reads history runs three times: as asked (with the
    /// history cache as earlier runs left it, often cold), again (warm), and
    /// with `GOALPOST_NO_CACHE=1`; all three must say the same, byte for byte.
    pub fn run(&self, args: &[&str]) -> (i32, String, String) {
        let first = outcome(self.cmd().args(args).output().expect("run"));
        // (A command line clap refuses never reaches history; its usage
        // line would show the variable.)
        if reads_history(args) && !first.2.contains("\nUsage: ") {
            let warm = outcome(self.cmd().args(args).output().expect("run"));
            assert_eq!(first, warm, "a warm cache changed `{args:?}`");
            let uncached = outcome(
                self.cmd()
                    .args(args)
                    .env("GOALPOST_NO_CACHE", "1")
                    .output()
                    .expect("run"),
            );
            assert_eq!(first, uncached, "the cache changed `{args:?}`");
        }
        first
    }

    /// One run, without the three-way comparison of `run` (for a run that
    /// changes the cache, or whose note differs cold and warm).
    pub fn once(&self, args: &[&str]) -> (i32, String, String) {
        outcome(self.cmd().args(args).output().expect("run"))
    }

    /// One run with `args`, which goalpost must refuse (exit 2); returns
    /// what it said on stderr.
    pub fn refused(&self, args: &[&str]) -> String {
        let (code, out, err) = self.once(args);
        assert_eq!(code, 2, "{args:?} was not refused: {out}{err}");
        err
    }

    /// Runs goalpost with `args`, which must exit 0; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let (code, stdout, stderr) = self.run(args);
        assert_eq!(code, 0, "{stderr}");
        stdout
    }

    /// Runs goalpost with `args`, which must exit 0 and print JSON.
    pub fn ok_json(&self, args: &[&str]) -> Value {
        let stdout = self.ok(args);
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {stdout}"))
    }

    /// Runs `check --format json` with extra args; returns (exit code, findings).
    pub fn check_json(&self, args: &[&str]) -> (i32, Vec<Value>) {
        let (code, stdout, stderr) = self.run(&[&["check", "--format", "json"], args].concat());
        (code, findings(&stdout, &stderr))
    }
}

/// Whether `args` run a command that reads through the cache (history, or
/// the working tree's files) and only prints (one that writes files would
/// refuse to write them twice; `--verbose` prints timings).
fn reads_history(args: &[&str]) -> bool {
    matches!(
        args.first(),
        Some(
            &("log"
                | "packet"
                | "audit"
                | "check"
                | "status"
                | "blockers"
                | "checkins"
                | "agenda"
                | "digest")
        )
    ) && !args.iter().any(|a| {
        matches!(
            *a,
            "--no-cache" | "-o" | "--output" | "--each" | "--help" | "--verbose" | "-v"
        )
    })
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

/// The identity `author <author@example.com>` at `when`, an RFC 3339 time
/// whose offset is kept.
pub fn signature(author: &str, when: &str) -> git2::Signature<'static> {
    let time = chrono::DateTime::parse_from_rfc3339(when).expect("rfc3339 time");
    git2::Signature::new(
        author,
        &format!("{author}@example.com"),
        &git2::Time::new(time.timestamp(), time.offset().local_minus_utc() / 60),
    )
    .expect("signature")
}

/// Commits the whole work tree on top of `HEAD` as [`signature`]`(author,
/// when)`, without reading any git configuration.
pub fn commit_all(repo: &git2::Repository, when: &str, author: &str, message: &str) -> git2::Oid {
    let sig = signature(author, when);
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
