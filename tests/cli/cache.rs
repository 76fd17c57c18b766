//! The history cache under `.git/goalpost/`: invisible to git, keyed by
//! what changes facts, never required, and never a source of a wrong fact.
//! (Every `log`, `packet` and `audit` run through `Repo::run` is also run
//! warm and uncached and compared; these tests are about the cache itself.)

use std::path::PathBuf;

use goalpost::sample::doc::ProjectDoc;

use crate::{Repo, commit_all, outcome};

const PACKET: &[&str] = &[
    "packet",
    "--team",
    "core",
    "--since",
    "2026-07-01",
    "--until",
    "2026-09-30",
    "--format",
    "json",
];

/// A small team with a month of history: a project that moves through a
/// status word only `goalpost.yml` can map, and an update.
fn team() -> (Repo, git2::Repository) {
    let repo = Repo::new().file(
        "goalpost.yml",
        "people:\n  alice: { name: Alice, team: core }\n  bob: { name: Bob, team: core }\n",
    );
    let git = repo.git();
    let doc = |status: &str, met: &str| {
        ProjectDoc::new("search", "Faster search")
            .owner("alice")
            .status(status)
            .due("2026-09-01")
            .criteria(&[met])
            .to_string()
    };
    repo.write(
        "projects/search.md",
        doc("proposed", "[ ] p95 under 200 ms"),
    );
    commit_all(&git, "2026-07-01T10:00:00+00:00", "alice", "propose");
    repo.write(
        "projects/search.md",
        doc("shipping", "[ ] p95 under 200 ms"),
    );
    repo.write(
        "updates/2026-07-10-alice.md",
        "---\nauthor: alice\ndate: 2026-07-10\nprojects: [search]\nconfidence: on-track\n---\nIndex rebuilt.\n",
    );
    commit_all(&git, "2026-07-10T10:00:00+00:00", "alice", "start");
    repo.write("projects/search.md", doc("done", "[x] p95 under 200 ms"));
    commit_all(&git, "2026-08-20T10:00:00+00:00", "bob", "ship");
    (repo, git)
}

fn cache_dir(repo: &Repo) -> PathBuf {
    repo.path().join(".git/goalpost")
}

/// Every segment file of the cache.
pub fn segments(repo: &Repo) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut dirs = vec![cache_dir(repo)];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "seg") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn the_cache_is_kept_in_git_s_folder_and_git_does_not_see_it() {
    let (repo, git) = team();
    repo.ok(PACKET);
    assert!(!segments(&repo).is_empty(), "no cache was written");
    let statuses = git.statuses(None).expect("status");
    assert_eq!(statuses.len(), 0, "git status shows the cache");
}

#[test]
fn no_cache_reads_and_writes_nothing() {
    let (repo, _git) = team();
    let (code, _, err) = repo.once(&[PACKET, &["--no-cache"]].concat());
    assert_eq!(code, 0, "{err}");
    assert!(!cache_dir(&repo).exists());
}

#[test]
fn a_change_of_status_words_is_never_served_from_the_cache() {
    let (repo, _git) = team();
    let before = repo.ok(&["log", "search"]);
    // `shipping` means nothing yet: its change is not measured.
    assert!(
        before.contains("proposed → shipping (unmapped)"),
        "{before}"
    );
    repo.write(
        "goalpost.yml",
        "statuses:\n  active: [shipping]\npeople:\n  alice: { name: Alice, team: core }\n  bob: { name: Bob, team: core }\n",
    );
    // Run as `Repo::run` does: first with the cache of the old words.
    let after = repo.ok(&["log", "search"]);
    assert!(after.contains("proposed → shipping (active)"), "{after}");
    assert_ne!(before, after);
}

#[test]
fn a_damaged_cache_is_ignored_with_a_note_and_rebuilt() {
    let (repo, _git) = team();
    let (_, sound, said) = repo.once(PACKET);
    for (i, seg) in segments(&repo).iter().enumerate() {
        let mut bytes = std::fs::read(seg).expect("read");
        if i % 2 == 0 {
            // Garble every byte after the header: checksums fail.
            for b in bytes.iter_mut().skip(8) {
                *b = b.wrapping_add(1);
            }
        } else {
            // Cut short.
            bytes.truncate(bytes.len() - 5);
        }
        std::fs::write(seg, bytes).expect("write");
    }
    let (code, out, err) = repo.once(PACKET);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, sound);
    assert!(
        err.contains("note: the history cache in ") && err.contains("was damaged"),
        "{err}"
    );
    // Rebuilt: the next run says what the first said, and no more.
    let (code, out, err) = repo.once(PACKET);
    assert_eq!((code, out, err), (0, sound, said));
}

#[test]
fn a_cache_that_cannot_be_written_is_a_note() {
    let (repo, _git) = team();
    std::fs::write(cache_dir(&repo), "not a folder").expect("block");
    let (code, out, err) = repo.once(PACKET);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("goalpost is a link or not a folder, so the cache is not used"),
        "{err}"
    );
    assert!(err.contains("--no-cache"), "{err}");
    let (_, uncached, _) = repo.once(&[PACKET, &["--no-cache"]].concat());
    assert_eq!(out, uncached);
}

#[test]
fn concurrent_runs_agree_and_leave_a_sound_cache() {
    let (repo, _git) = team();
    let (_, expected, said) = repo.once(&[PACKET, &["--no-cache"]].concat());
    let children: Vec<_> = (0..6)
        .map(|_| {
            std::process::Command::new(assert_cmd::cargo::cargo_bin("goalpost"))
                .args(PACKET)
                .current_dir(repo.path())
                .env("GOALPOST_TODAY", crate::TODAY)
                .env("HOME", repo.path())
                .env("GIT_CONFIG_NOSYSTEM", "1")
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    for child in children {
        let (code, out, err) = outcome(child.wait_with_output().expect("wait"));
        assert_eq!(
            (code, out.as_str(), err.as_str()),
            (0, expected.as_str(), said.as_str())
        );
    }
    let (code, out, err) = repo.once(PACKET);
    assert_eq!((code, out, err), (0, expected, said));
}

#[test]
fn a_rewritten_history_misses_the_cache() {
    let (repo, git) = team();
    let before = repo.ok(&["log", "search", "--format", "json"]);
    // Replace the last commit: the project was dropped, not done.
    let head = git.head().expect("head").peel_to_commit().expect("commit");
    let parent = head.parent(0).expect("parent");
    git.reset(parent.as_object(), git2::ResetType::Mixed, None)
        .expect("reset");
    repo.write(
        "projects/search.md",
        ProjectDoc::new("search", "Faster search")
            .owner("alice")
            .status("dropped")
            .due("2026-09-01")
            .criteria(&["[ ] p95 under 200 ms"])
            .to_string(),
    );
    commit_all(&git, "2026-08-20T10:00:00+00:00", "bob", "drop");
    let after = repo.ok(&["log", "search", "--format", "json"]);
    assert!(after.contains("\"dropped\""), "{after}");
    assert!(before.contains("\"done\"") && !after.contains("\"done\""));
}

#[test]
fn a_shallow_clone_never_takes_the_cut_from_the_cache_nor_gives_it() {
    let (repo, git) = team();
    let (_, full, said) = repo.once(&["log", "search", "--format", "json"]);
    let head = git.head().expect("head").peel_to_commit().expect("commit");
    // Made shallow at its newest commit: history is cut there, cache or not.
    std::fs::write(repo.path().join(".git/shallow"), format!("{}\n", head.id())).expect("cut");
    let (code, cut, err) = repo.once(&["log", "search", "--format", "json", "--allow-shallow"]);
    assert_eq!(code, 0, "{err}");
    assert_ne!(cut, full);
    // Unshallowed: the cache (written only from the full history) serves
    // the full history again.
    std::fs::remove_file(repo.path().join(".git/shallow")).expect("unshallow");
    let (code, again, err) = repo.once(&["log", "search", "--format", "json"]);
    assert_eq!((code, again, err), (0, full, said));
}

#[test]
fn site_builds_the_same_pages_cold_and_warm() {
    let (repo, _git) = team();
    let read_all = |dir: &str| {
        let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(repo.path().join(dir))
            .expect("site")
            .flatten()
            .filter(|e| e.path().is_file())
            .map(|e| {
                (
                    e.file_name().to_string_lossy().into_owned(),
                    std::fs::read(e.path()).expect("read"),
                )
            })
            .collect();
        files.sort();
        files
    };
    repo.once(&["site", "-o", "cold", "--no-cache"]);
    repo.once(&["site", "-o", "first"]);
    repo.once(&["site", "-o", "warm"]);
    let cold = read_all("cold");
    assert!(cold.len() > 3);
    assert_eq!(read_all("first"), cold);
    assert_eq!(read_all("warm"), cold);
}

#[test]
fn a_file_read_as_another_kind_is_read_again() {
    let repo = Repo::new().file(
        "goalpost.yml",
        "paths:\n  projects: [docs/*.md]\n  decisions: [decisions/*.md]\npeople:\n  alice: { name: Alice }\n",
    );
    let git = repo.git();
    repo.write(
        "docs/0001-use-postgres.md",
        "---\nid: pg\ntitle: Use Postgres\nowner: alice\nstatus: active\ndeciders: [alice]\ndate: 2026-07-02\n---\n# Use Postgres\n\n## Success criteria\n\n- [ ] migrated\n",
    );
    commit_all(&git, "2026-07-02T10:00:00+00:00", "alice", "add");
    let args = [
        "packet",
        "--person",
        "alice",
        "--since",
        "2026-07-01",
        "--until",
        "2026-09-30",
        "--format",
        "json",
    ];
    let as_project = repo.ok_json(&args);
    assert_eq!(as_project["projects"][0]["id"], "pg", "{as_project}");
    // The same file, now a decision: `Repo::run` compares the run that
    // finds the project's reading in the cache with an uncached one.
    repo.write(
        "goalpost.yml",
        "paths:\n  projects: [projects/*.md]\n  decisions: [docs/*.md]\npeople:\n  alice: { name: Alice }\n",
    );
    let as_decision = repo.ok_json(&args);
    assert_eq!(
        as_decision["projects"],
        serde_json::json!([]),
        "{as_decision}"
    );
    assert_eq!(
        as_decision["decisions"][0]["title"], "Use Postgres",
        "{as_decision}"
    );
}
