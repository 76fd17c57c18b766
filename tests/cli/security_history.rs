//! The threat model of SECURITY.md, for what goalpost reads: a commit
//! that hides a document from `check` while history reads it, a graft that
//! cuts history, names that are not UTF-8, a bare repository, ids that
//! differ only in case. Each answer must be the whole truth or say why not.

#![cfg(unix)]

use std::path::Path;

use crate::{Repo, commit_all, signature};

const BROKEN: &str = "---\ntitle: Hidden\nowner: mallory\nstatus: active\ncreated: 2026-11-01\n---\n## Success criteria\n- [ ] 1 user\n";

fn team() -> Repo {
    Repo::new()
        .file("goalpost.yml", "people:\n  alice: { name: Alice, team: t }\n")
        .file(
            "projects/a.md",
            "---\ntitle: A\nowner: alice\nstatus: active\ncreated: 2026-11-01\n---\n## Success criteria\n- [ ] 1 user\n",
        )
}

/// Adds `paths` to git's index even when an ignore file lists them (`git
/// add -f`), and commits the index.
fn force_add(git: &git2::Repository, paths: &[&str], when: &str) {
    let mut index = git.index().expect("index");
    for path in paths {
        index.add_path(Path::new(path)).expect("add");
    }
    index.write().expect("index");
    let tree = git
        .find_tree(index.write_tree().expect("tree"))
        .expect("tree");
    let sig = signature("alice", when);
    let parent = git.head().ok().and_then(|h| h.peel_to_commit().ok());
    let parents: Vec<&git2::Commit<'_>> = parent.iter().collect();
    git.commit(Some("HEAD"), &sig, &sig, "hide", &tree, &parents)
        .expect("commit");
}

#[test]
fn check_reads_every_document_git_tracks_whatever_ignore_files_say() {
    let repo = team()
        .file("projects/.hidden.md", BROKEN)
        .file("projects/ignored.md", BROKEN)
        .file("projects/quiet.md", BROKEN)
        .file("projects/.gitignore", "ignored.md\n")
        .file("projects/.ignore", "quiet.md\n");
    let git = repo.git();
    commit_all(&git, "2026-11-01T10:00:00+00:00", "alice", "start");
    force_add(
        &git,
        &[
            "projects/.hidden.md",
            "projects/ignored.md",
            "projects/quiet.md",
        ],
        "2026-11-02T10:00:00+00:00",
    );
    // History reads all three (the packet of the project says who owns it).
    let packet = repo.ok(&["packet", "--project", ".hidden", "--since", "2026-11-01"]);
    assert!(packet.contains("Hidden"), "{packet}");

    let (code, found) = repo.check_json(&[]);
    assert_eq!(code, 1, "{found:?}");
    let mut flagged: Vec<&str> = found
        .iter()
        .filter(|f| f["rule"] == "unknown-person")
        .map(|f| f["path"].as_str().expect("path"))
        .collect();
    flagged.sort_unstable();
    assert_eq!(
        flagged,
        [
            "projects/.hidden.md",
            "projects/ignored.md",
            "projects/quiet.md"
        ]
    );

    // A file that is ignored and not tracked is still not a document.
    repo.write("projects/ignored-too.md", BROKEN);
    std::fs::write(repo.path().join("projects/.gitignore"), "ignored*.md\n").expect("write");
    let (_, found) = repo.check_json(&[]);
    assert!(
        !found.iter().any(|f| f["path"] == "projects/ignored-too.md"),
        "{found:?}"
    );
}
