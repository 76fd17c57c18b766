//! What users read: every finding and every error is a sentence, never a Rust
//! `Debug` value, a panic message or a hint to set `RUST_BACKTRACE`.

use crate::{Repo, commit_all, outcome};

/// Text that only Rust's own formatting produces, never goalpost's sentences.
/// The inputs below never contain these, so an echo of user text cannot
/// match by accident.
const INTERNALS: [&str; 18] = [
    "\\u{",
    "Some(",
    "None",
    "Ok(",
    "Err(",
    "Error {",
    "kind:",
    " { ",
    "::",
    "panicked",
    "RUST_BACKTRACE",
    "unwrap",
    "`'",
    "```",
    "u64",
    "i64",
    "recursion limit",
    // Not Rust's, but as wrong: a sentence built from a kind's name.
    " a update",
];

fn assert_readable(what: &str, text: &str) {
    for needle in INTERNALS {
        assert!(
            !text.contains(needle),
            "{what}: `{needle}` in a message users read:\n{text}"
        );
    }
}

/// Frontmatter that is broken in every way the YAML scanner and parser know,
/// and values of every wrong shape.
const BROKEN: &[&str] = &[
    "title: a\u{b}b",
    "title: a\u{7f}b",
    "title: \"a\u{1}b\"",
    "title: x\n\towner: y",
    "title: [a",
    "title: {a: b",
    "title: \"open",
    "title: 'open",
    "title: a\n  - b",
    "- a\nb: c",
    "title: *nowhere",
    "title: &a x\nowner: &a y\nstatus: *a",
    "title: !!int x",
    "title: !custom x",
    "%YAML 2.0\n---\ntitle: x",
    "? [a, b]\n: c",
    "title: |\n x\n  y\n z",
    "title: >-\n\tx",
    "title: @x",
    "title: `x`",
    "title: x\n---\nowner: y",
    "title: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[x]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    "title: 1\ntitle: 2",
    "title: [1, 2]\nowner: {a: b}\nstatus: 7\ndue: 2026-02-30\ncreated: yesterday",
    "title: x\nowner: y\nstatus: active\ncheckin: hourly\nteam: [a]",
    "title: \"\\q\"",
    "title: \"\\uD800\"",
    "title: !!binary \"////\"",
    "\u{feff}title: x",
    "title: x\r\nowner: y\rstatus: z",
];

#[test]
fn every_finding_is_a_sentence() {
    let mut repo = Repo::new();
    for (i, frontmatter) in BROKEN.iter().enumerate() {
        repo = repo.file(
            &format!("projects/p{i}.md"),
            &format!("---\n{frontmatter}\n---\n## Success criteria\n- [ ] 1 user\n"),
        );
        repo = repo.file(
            &format!("updates/2026-11-20-u{i}.md"),
            &format!("---\n{frontmatter}\n---\n"),
        );
    }
    let (code, findings) = repo.check_json(&[]);
    assert_eq!(code, 1);
    for (i, frontmatter) in BROKEN.iter().enumerate() {
        let path = format!("projects/p{i}.md");
        assert!(
            findings.iter().any(|f| f["path"] == path.as_str()),
            "no finding for {path}: {frontmatter:?}"
        );
    }
    for f in &findings {
        for key in ["message", "help"] {
            if let Some(text) = f[key].as_str() {
                assert_readable(&format!("{} {}", f["path"], f["rule"]), text);
            }
        }
    }
    // The human format carries the same sentences, with snippets.
    let output = repo
        .cmd()
        .args(["check", "--color", "never"])
        .output()
        .expect("run");
    let human = String::from_utf8_lossy(&output.stdout);
    assert_readable("human", &human);
    for f in &findings {
        let message = f["message"].as_str().expect("message");
        let first = message.lines().next().unwrap_or(message);
        assert!(
            human.contains(first),
            "the human report lacks `{first}` ({} {})",
            f["path"],
            f["rule"]
        );
    }
}

/// A repository with one project and one commit.
fn small() -> Repo {
    let repo = Repo::new().file(
        "projects/x.md",
        "---\ntitle: X\nowner: alice\nstatus: active\n---\n## Success criteria\n- [ ] 1 user\n",
    );
    commit_all(&repo.git(), "2026-07-02T10:00:00+00:00", "alice", "start");
    repo
}

#[test]
fn every_error_is_one_readable_line_with_status_2() {
    let bad_config = |text: &str| Repo::new().file("goalpost.yml", text);
    let cases: Vec<(Repo, Vec<&str>)> = vec![
        (small(), vec!["--repo", "/nonexistent/goalpost", "check"]),
        (small(), vec!["--today", "2026-13-01", "status"]),
        (small(), vec!["log", "nope"]),
        (small(), vec!["log", "x", "--rev", "no-such-branch"]),
        (small(), vec!["packet", "--person", "nobody"]),
        (small(), vec!["packet", "--team", "nowhere"]),
        (
            small(),
            vec![
                "packet",
                "--project",
                "x",
                "--since",
                "2026-09-01",
                "--until",
                "2026-01-01",
            ],
        ),
        (
            small(),
            vec!["packet", "--project", "x", "--since", "banana"],
        ),
        (small(), vec!["packet", "--project", "x", "-o", "."]),
        (
            small(),
            vec!["packet", "--project", "x", "-o", "projects/x.md"],
        ),
        (small(), vec!["new", "project", "../escape"]),
        (small(), vec!["new", "project", "x"]),
        (small(), vec!["new", "update", "--project", "nope"]),
        (small(), vec!["check", "--format", "yaml"]),
        (small(), vec!["schema", "everything"]),
        (small(), vec!["agenda", "--person", "nobody"]),
        (bad_config("pathz: {}\n"), vec!["check"]),
        (bad_config("paths: [1, 2]\n"), vec!["status"]),
        (bad_config("paths:\n  projects: [\"[\"]\n"), vec!["check"]),
        (
            bad_config("grace_days: -1\ncheckin: hourly\n"),
            vec!["check"],
        ),
        (bad_config("people: {alice: {team: [}\n"), vec!["check"]),
        (bad_config("statuses: \"\u{b}\"\n"), vec!["check"]),
        (
            small().file(".goalpost/templates/packet.md.j2", "{% for %}"),
            vec!["packet", "--project", "x"],
        ),
    ];
    for (repo, args) in &cases {
        let (code, stdout, stderr) = repo.run(args);
        assert_eq!(code, 2, "{args:?}: {stdout}{stderr}");
        assert!(stderr.starts_with("error"), "{args:?}: {stderr}");
        assert_readable(&format!("{args:?}"), &stderr);
    }
    // Outside any repository.
    let (code, _, stderr) = Repo::empty().run(&["status"]);
    assert_eq!(code, 2);
    assert_readable("no repository", &stderr);
}

/// A bug must still read as a sentence and exit with status 2 (SPEC 2:
/// "an internal error"), not as Rust's panic message with status 101.
#[test]
fn a_bug_is_reported_as_an_internal_error() {
    let output = small()
        .cmd()
        .env("GOALPOST_TEST_PANIC", "1")
        .arg("status")
        .output()
        .expect("run");
    let (code, stdout, stderr) = outcome(output);
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    assert!(
        stderr.starts_with("error: goalpost ") && stderr.contains("internal error"),
        "{stderr}"
    );
    assert!(stderr.contains("please report it"), "{stderr}");
    assert!(!stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"));
}

/// `-o --force` replaces files, never folders, links, pipes or devices.
#[cfg(unix)]
#[test]
fn output_to_a_folder_pipe_or_link_is_refused_even_with_force() {
    let repo = small();
    let status = std::process::Command::new("mkfifo")
        .arg(repo.path().join("pipe"))
        .status()
        .expect("mkfifo");
    assert!(status.success());
    std::fs::create_dir(repo.path().join("folder")).expect("mkdir");
    std::os::unix::fs::symlink("projects/x.md", repo.path().join("link.md")).expect("ln");
    let before = repo.read("projects/x.md");
    for target in ["pipe", "folder", "link.md"] {
        let (code, stdout, stderr) =
            repo.run(&["packet", "--project", "x", "-o", target, "--force"]);
        assert_eq!((code, stdout.as_str()), (2, ""), "{target}: {stderr}");
        assert!(stderr.starts_with("error: "), "{stderr}");
        assert_readable(target, &stderr);
    }
    let meta = std::fs::symlink_metadata(repo.path().join("pipe")).expect("pipe");
    assert!(!meta.is_file(), "the pipe is still a pipe");
    let after = repo.read("projects/x.md");
    assert_eq!(before, after);
}
