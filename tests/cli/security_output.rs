//! The threat model of SECURITY.md, for what goalpost writes and keeps:
//! the site's folder, `packet --each`'s folder and the cache under
//! `.git/goalpost/`. A commit plants links and a marker; nothing outside
//! the output folder may be written or deleted.

#![cfg(unix)]

use std::os::unix::fs::symlink;

use crate::{Repo, commit_all};

fn team() -> Repo {
    Repo::new()
        .file("goalpost.yml", "people:\n  alice: { name: Alice, team: t }\n")
        .file(
            "projects/a.md",
            "---\ntitle: A\nowner: alice\nstatus: active\ncreated: 2026-11-01\n---\n## Success criteria\n- [ ] 1 user\n",
        )
}

/// Every file under `dir`, relative, sorted.
fn listing(dir: &std::path::Path) -> Vec<String> {
    let mut out: Vec<String> = walk(dir)
        .into_iter()
        .map(|p| p.strip_prefix(dir).expect("under").display().to_string())
        .collect();
    out.sort();
    out
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if entry.file_type().expect("type").is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn a_committed_marker_and_link_cannot_make_site_delete_the_repository() {
    let repo = team();
    std::fs::create_dir(repo.path().join("site")).expect("mkdir");
    symlink("..", repo.path().join("site/up")).expect("link");
    let marker = "goalpost site: x\nup/goalpost.yml\nup/.git/HEAD\n";
    repo.write("site/.goalpost-site", marker);
    let git = repo.git();
    commit_all(&git, "2026-11-01T10:00:00+00:00", "alice", "hostile");

    // Tracked by git: refused, even though each line is checked too.
    let (code, out, err) = repo.run(&["site"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("git tracks it"), "{err}");
    // With --force the marker is not believed: nothing it names goes.
    let (code, _, err) = repo.run(&["site", "--force"]);
    assert_eq!(code, 0, "{err}");
    assert!(repo.path().join("goalpost.yml").exists());
    assert!(repo.path().join(".git/HEAD").exists());

    // Untracked, planted some other way: the link in its lines refuses it.
    repo.remove("site/.goalpost-site");
    commit_all(&git, "2026-11-02T10:00:00+00:00", "alice", "untrack");
    repo.write("site/.goalpost-site", marker);
    let (code, _, err) = repo.run(&["site"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("line 2 names `up/goalpost.yml`, which leads through the link"),
        "{err}"
    );
    assert!(repo.path().join("goalpost.yml").exists());
    assert!(repo.path().join(".git/HEAD").exists());
    repo.ok(&["log", "a"]);
}

#[test]
fn site_and_packets_are_never_written_through_a_committed_link() {
    let elsewhere = tempfile::tempdir().expect("temp dir");
    std::fs::write(elsewhere.path().join("a.html"), "theirs\n").expect("write");
    let repo = team();
    std::fs::create_dir(repo.path().join("_site")).expect("mkdir");
    symlink(elsewhere.path(), repo.path().join("_site/projects")).expect("link");
    symlink(elsewhere.path(), repo.path().join("packets")).expect("link");
    commit_all(&repo.git(), "2026-11-01T10:00:00+00:00", "alice", "hostile");

    let (code, _, err) = repo.run(&["site", "-o", "_site", "--force"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("_site/projects is a link"), "{err}");
    // A marker planted beside the link (untracked) lists the page there.
    repo.write(
        "_site/.goalpost-site",
        "goalpost site: x\nprojects/a.html\n",
    );
    let (code, _, err) = repo.run(&["site", "-o", "_site", "--force"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("which leads through the link"), "{err}");

    for args in [
        &[
            "packet",
            "--team",
            "t",
            "--each",
            "-o",
            "packets",
            "--since",
            "2026-11-01",
        ][..],
        &[
            "packet",
            "--team",
            "t",
            "--each",
            "-o",
            "packets/q4",
            "--since",
            "2026-11-01",
        ],
    ] {
        let (code, _, err) = repo.run(args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains("packets is a link"), "{args:?}: {err}");
    }
    assert_eq!(listing(elsewhere.path()), ["a.html"]);
    assert_eq!(
        std::fs::read_to_string(elsewhere.path().join("a.html")).expect("kept"),
        "theirs\n"
    );
}

#[test]
fn a_site_build_that_was_killed_is_finished_by_the_next_one() {
    let repo = team();
    commit_all(&repo.git(), "2026-11-01T10:00:00+00:00", "alice", "start");
    repo.ok(&["site"]);
    let marker = repo.read("site/.goalpost-site");
    let pages: Vec<&str> = marker.lines().skip(1).collect();
    assert!(pages.contains(&"projects/a.html"), "{marker}");
    // What a build killed halfway leaves: the marker it wrote first, a
    // page's temporary file, and a page of a project that is gone since.
    repo.write(
        "site/.goalpost-site",
        format!(
            "goalpost site, being written\n{}\nprojects/gone.html\n",
            pages.join("\n")
        ),
    );
    repo.write("site/projects/.a.html.4242.0.tmp", "half a page");
    repo.write("site/projects/gone.html", "old");
    repo.write("site/notes.txt", "mine");
    repo.ok(&["site"]);
    let files = listing(&repo.path().join("site"));
    assert!(!files.iter().any(|f| f.ends_with(".tmp")), "{files:?}");
    assert!(
        !files.contains(&"projects/gone.html".to_owned()),
        "{files:?}"
    );
    assert!(files.contains(&"notes.txt".to_owned()), "{files:?}");
    assert_eq!(repo.read("site/.goalpost-site"), marker);

    // A first build killed before it wrote its marker is impossible now,
    // but a foreign folder with a temporary file of a page, built with
    // --force, does not publish it.
    repo.write("other/.index.html.99.0.tmp", "half");
    repo.write("other/keep.txt", "mine");
    let (code, _, err) = repo.run(&["site", "-o", "other", "--force"]);
    assert_eq!(code, 0, "{err}");
    let files = listing(&repo.path().join("other"));
    assert!(!files.iter().any(|f| f.ends_with(".tmp")), "{files:?}");
    assert!(files.contains(&"keep.txt".to_owned()), "{files:?}");
}
