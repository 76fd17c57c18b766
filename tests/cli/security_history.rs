//! The threat model of SECURITY.md, for what goalpost reads: a commit
//! that hides a document from `check` while history reads it, a graft that
//! cuts history, names that are not UTF-8, a bare repository, ids that
//! differ only in case. Each answer must be the whole truth or say why not.

#![cfg(unix)]

use std::path::Path;

use crate::{Repo, commit_all, signature};

const BROKEN: &str = "---\ntitle: Hidden\nowner: mallory\nstatus: active\ncreated: 2026-11-01\n---\n## Success criteria\n- [ ] 1 user\n";

fn team() -> Repo {
    Repo::alice()
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

/// A project created, made active, then finished, on three days.
fn finished() -> (Repo, git2::Repository, Vec<git2::Oid>) {
    let repo = team();
    let git = repo.git();
    let project = |status: &str| {
        format!(
            "---\ntitle: A\nowner: alice\nstatus: {status}\ncreated: 2026-11-01\n---\n## Success criteria\n- [ ] 1 user\n"
        )
    };
    let mut commits = vec![commit_all(
        &git,
        "2026-11-01T10:00:00+00:00",
        "alice",
        "propose",
    )];
    for (status, day) in [("active", "02"), ("done", "03")] {
        repo.write("projects/a.md", project(status));
        commits.push(commit_all(
            &git,
            &format!("2026-11-{day}T10:00:00+00:00"),
            "alice",
            status,
        ));
    }
    (repo, git, commits)
}

#[test]
fn grafts_are_refused_like_a_shallow_cut_and_never_reach_the_cache() {
    let (repo, _git, commits) = finished();
    let full = repo.ok(&["log", "a", "--format", "json"]);
    let uncached = |repo: &Repo| {
        let out = repo
            .cmd()
            .args(["log", "a", "--format", "json"])
            .env("GOALPOST_NO_CACHE", "1")
            .output()
            .expect("run");
        String::from_utf8(out.stdout).expect("utf-8")
    };
    assert_eq!(full, uncached(&repo));
    std::fs::remove_dir_all(repo.path().join(".git/goalpost")).expect("clear the cache");

    // The graft makes the second commit a root: "created as active".
    let grafts = repo.path().join(".git/info/grafts");
    std::fs::create_dir_all(grafts.parent().expect("info")).expect("mkdir");
    std::fs::write(&grafts, format!("{}\n", commits[1])).expect("graft");
    let err = repo.refused(&["log", "a", "--format", "json"]);
    assert!(err.contains("grafts"), "{err}");
    assert!(err.contains("--allow-shallow"), "{err}");
    let (code, cut, err) = repo.once(&["log", "a", "--format", "json", "--allow-shallow"]);
    assert_eq!(code, 0, "{err}");
    assert_ne!(
        cut, full,
        "the graft changed nothing: the test proves nothing"
    );
    assert!(err.contains("note: read through grafts"), "{err}");
    assert!(
        !repo.path().join(".git/goalpost").exists(),
        "a grafted history filled the cache"
    );

    // The graft removed, the full history is back, cache or not.
    std::fs::remove_file(&grafts).expect("ungraft");
    assert_eq!(repo.ok(&["log", "a", "--format", "json"]), full);

    // A graft added over a warm cache is not answered from the cache.
    std::fs::write(&grafts, format!("{}\n", commits[1])).expect("graft");
    let (code, again, err) = repo.once(&["log", "a", "--format", "json", "--allow-shallow"]);
    assert_eq!((code, again), (0, cut), "{err}");
    // libgit2 reads grafts strictly: a comment is an error it names, with
    // help about grafts rather than about ownership.
    std::fs::write(&grafts, "# nothing\n").expect("comment");
    let err = repo.refused(&["log", "a", "--format", "json"]);
    assert!(err.contains("grafts"), "{err}");
    assert!(!err.contains("safe.directory"), "{err}");
}

#[test]
fn a_sha256_repository_is_named_as_such_not_as_damage() {
    let (repo, git, _) = finished();
    let mut config = git.config().expect("config");
    config
        .set_i32("core.repositoryformatversion", 1)
        .expect("version");
    config
        .set_str("extensions.objectformat", "sha256")
        .expect("format");
    drop(git);
    let err = repo.refused(&["log", "a"]);
    assert!(err.contains("SHA-256"), "{err}");
    assert!(!err.contains("safe.directory"), "{err}");
}

#[test]
fn a_partial_clone_is_told_to_clone_again_not_that_it_is_damaged() {
    let (repo, git, commits) = finished();
    // The first version of the project, which only the oldest commit holds:
    // a blobless clone has not fetched it.
    let first = git.find_commit(commits[0]).expect("commit");
    let blob = first
        .tree()
        .expect("tree")
        .get_path(Path::new("projects/a.md"))
        .expect("entry")
        .id()
        .to_string();
    drop(first);
    let loose = repo
        .path()
        .join(".git/objects")
        .join(&blob[..2])
        .join(&blob[2..]);
    std::fs::remove_file(&loose).expect("drop the blob");

    let damaged = repo.refused(&["log", "a"]);
    assert!(damaged.contains("damaged"), "{damaged}");
    assert!(!damaged.contains("partial clone"), "{damaged}");

    let mut config = git.config().expect("config");
    config
        .set_str("remote.origin.url", "https://example.invalid/goals.git")
        .expect("url");
    config
        .set_bool("remote.origin.promisor", true)
        .expect("promisor");
    config
        .set_str("remote.origin.partialclonefilter", "blob:none")
        .expect("filter");
    let partial = repo.refused(&["log", "a"]);
    assert!(
        partial.contains("partial clone (`--filter=blob:none`)"),
        "{partial}"
    );
    assert!(
        partial.contains("clone again without `--filter`"),
        "{partial}"
    );
    assert!(!partial.contains("damaged"), "{partial}");
}

#[test]
fn paths_that_are_not_utf8_are_skipped_by_name_never_merged() {
    use std::os::unix::ffi::OsStrExt;

    let repo = team();
    let git = repo.git();
    let project = |status: &str| {
        format!(
            "---\ntitle: Odd\nowner: alice\nstatus: {status}\ncreated: 2026-11-01\n---\n## Success criteria\n- [ ] 1 user\n"
        )
    };
    let odd = |byte: u8| {
        let mut name = b"projects/odd-".to_vec();
        name.extend([byte, b'.', b'm', b'd']);
        repo.path().join(std::ffi::OsStr::from_bytes(&name))
    };
    std::fs::write(odd(0xFF), project("active")).expect("write");
    std::fs::write(odd(0xFE), project("blocked")).expect("write");
    commit_all(&git, "2026-11-01T10:00:00+00:00", "alice", "start");
    std::fs::remove_file(odd(0xFE)).expect("remove");
    commit_all(&git, "2026-11-02T10:00:00+00:00", "alice", "drop one");

    // Read lossily, both would be `odd-\u{FFFD}`: one project, deleted on
    // the second day while the other still exists.
    let (code, out, err) = repo.run(&["log", "a", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("\"created\""), "{out}");
    for bytes in ["odd-\\xFF.md", "odd-\\xFE.md"] {
        assert!(
            err.contains(&format!("note: skipped projects/{bytes} (first in ")),
            "{err}"
        );
    }
    assert!(err.contains("not UTF-8"), "{err}");
    assert!(!err.contains('\u{FFFD}'), "{err}");
    assert!(!err.contains('\0'), "{err}");

    let (code, _, err) = repo.run(&["log", "odd-\u{FFFD}"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("no project or decision `odd-\u{FFFD}`"),
        "{err}"
    );

    let packet = repo.ok(&[
        "packet",
        "--team",
        "t",
        "--since",
        "2026-11-01",
        "--format",
        "json",
    ]);
    let packet: serde_json::Value = serde_json::from_str(&packet).expect("json");
    let notes = packet["notes"].to_string();
    assert!(notes.contains("skipped projects/odd-\\\\xFF.md"), "{notes}");
    assert!(notes.contains("skipped projects/odd-\\\\xFE.md"), "{notes}");
}

#[test]
fn ids_that_differ_only_in_case_are_findings_and_get_pages_of_their_own() {
    let upper = "---\ntitle: Upper\nowner: alice\nstatus: active\ncreated: 2026-11-01\n---\n## Success criteria\n- [ ] 1 user\n";
    let repo = team().file("projects/A.md", upper);
    let git = repo.git();
    commit_all(&git, "2026-11-01T10:00:00+00:00", "alice", "start");

    let (code, found) = repo.check_json(&[]);
    assert_eq!(code, 1, "{found:?}");
    let twins: Vec<(&str, &str)> = found
        .iter()
        .filter(|f| f["rule"] == "duplicate-id")
        .map(|f| {
            (
                f["path"].as_str().expect("path"),
                f["message"].as_str().expect("message"),
            )
        })
        .collect();
    assert_eq!(twins.len(), 2, "{twins:?}");
    assert_eq!(twins[0].0, "projects/A.md");
    assert!(
        twins[0]
            .1
            .contains("differs only in case from the one in `projects/a.md`"),
        "{twins:?}"
    );
    assert_eq!(twins[1].0, "projects/a.md");

    let (code, _, err) = repo.once(&["site", "-o", "_site", "--today", "2026-11-02"]);
    assert_eq!(code, 0, "{err}");
    let lower = repo.read("_site/projects/a.html");
    let escaped = repo.read("_site/projects/~a.html");
    assert!(escaped.contains("Upper"), "{escaped}");
    assert!(!lower.contains("Upper"), "the pages are one");
    // No two page names of the site are one file where case does not count.
    let mut names: Vec<String> = std::fs::read_dir(repo.path().join("_site/projects"))
        .expect("pages")
        .map(|e| {
            e.expect("entry")
                .file_name()
                .to_string_lossy()
                .to_lowercase()
        })
        .collect();
    let all = names.len();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), all, "{names:?}");
    let board = repo.read("_site/index.html");
    assert!(board.contains(r#"href="projects&#x2f;~a.html""#), "{board}");
    assert!(board.contains(r#"href="projects&#x2f;a.html""#), "{board}");

    // Handles that differ only in case are a roster error.
    repo.write(
        "goalpost.yml",
        "people:\n  alice: { name: Alice, team: t }\n  Alice: { name: Other, team: t }\n",
    );
    let err = repo.refused(&["check"]);
    assert!(
        err.contains("handle `Alice` differs only in case from `alice` (line 2)"),
        "{err}"
    );
}

/// A bare clone of `repo`'s history, in a folder of its own, run from
/// inside it (`cd team.git`) and through `--repo`.
fn bare_clone(repo: &Repo) -> (Repo, std::path::PathBuf) {
    let outside = Repo::empty();
    let bare = outside.path().join("team.git");
    git2::build::RepoBuilder::new()
        .bare(true)
        .clone(repo.path().to_str().expect("utf-8 path"), &bare)
        .expect("bare clone");
    (outside, bare)
}

#[test]
fn a_bare_repository_is_read_from_its_revision_or_refused_never_answered_empty() {
    let (repo, _git, _) = finished();
    let (outside, bare) = bare_clone(&repo);
    let listing = |dir: &Path| {
        let mut names: Vec<_> = walk(dir);
        names.sort();
        names
    };
    let before = listing(&bare);

    // History commands read goalpost.yml and the documents from HEAD's
    // tree: the same answers as the working tree's, the roster included.
    let period = ["--since", "2026-11-01", "--until", "2026-11-30"];
    let history: [Vec<&str>; 4] = [
        vec!["log", "a", "--format", "json"],
        [
            &["packet", "--person", "alice", "--format", "json"][..],
            &period,
        ]
        .concat(),
        [
            &["packet", "--project", "a", "--format", "json"][..],
            &period,
        ]
        .concat(),
        [&["audit", "--by", "team", "--format", "json"][..], &period].concat(),
    ];
    for args in &history {
        let expected = repo.ok(args);
        let mut with_repo = vec!["--repo", bare.to_str().expect("utf-8")];
        with_repo.extend(args.iter().copied());
        let (code, out, err) = outside.once(&with_repo);
        assert_eq!((code, &out), (0, &expected), "{args:?}: {err}");
        let inside = crate::goalpost(&bare).args(args).output().expect("run");
        assert_eq!(
            String::from_utf8_lossy(&inside.stdout),
            expected,
            "{args:?} run inside the bare repository: {}",
            String::from_utf8_lossy(&inside.stderr)
        );
    }
    assert!(
        repo.ok(&history[3]).contains("\"t\""),
        "the audit found no group: the test proves nothing"
    );

    // Commands that read or write the working tree refuse, and write nothing.
    let refused: [&[&str]; 10] = [
        &["check"],
        &["status"],
        &["blockers"],
        &["checkins"],
        &["agenda", "--person", "alice"],
        &["site"],
        &["new", "project", "b", "--title", "B", "--owner", "alice"],
        &["new", "decision", "Use B"],
        &["new", "update", "--project", "a"],
        &["init"],
    ];
    for args in refused {
        let mut with_repo = vec!["--repo", bare.to_str().expect("utf-8")];
        with_repo.extend(args.iter().copied());
        let err = outside.refused(&with_repo);
        assert!(err.contains("is a bare git repository"), "{args:?}: {err}");
        assert!(err.contains("git clone"), "{args:?}: {err}");
        let inside = crate::goalpost(&bare).args(args).output().expect("run");
        assert_eq!(inside.status.code(), Some(2), "{args:?} inside");
        assert!(
            String::from_utf8_lossy(&inside.stderr).contains("is a bare git repository"),
            "{args:?} inside: {}",
            String::from_utf8_lossy(&inside.stderr)
        );
    }
    assert_eq!(
        listing(&bare),
        before,
        "a refused command wrote into the git folder"
    );
}

/// Every path under `dir`, relative to it, but the history cache's.
fn walk(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(next) = stack.pop() {
        for entry in std::fs::read_dir(&next).expect("read_dir") {
            let path = entry.expect("entry").path();
            let rel = path
                .strip_prefix(dir)
                .expect("under")
                .to_string_lossy()
                .into_owned();
            if rel.starts_with("goalpost") {
                continue;
            }
            if path.is_dir() {
                stack.push(path.clone());
            }
            out.push(rel);
        }
    }
    out
}
