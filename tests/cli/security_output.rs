//! The threat model of SECURITY.md, for what goalpost writes and keeps:
//! the site's folder, `packet --each`'s folder and the cache under
//! `.git/goalpost/`. A commit plants links and a marker; nothing outside
//! the output folder may be written or deleted.

#![cfg(unix)]

use std::io::Write;
use std::os::unix::fs::symlink;

use crate::{Repo, commit_all};

fn team() -> Repo {
    Repo::alice()
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

#[test]
fn a_cache_folder_that_is_a_link_is_never_written_nor_pruned() {
    let elsewhere = tempfile::tempdir().expect("temp dir");
    for dir in ["v0/keep", "walk-0123456789abcdef", "photos"] {
        std::fs::create_dir_all(elsewhere.path().join(dir)).expect("mkdir");
    }
    let repo = team();
    commit_all(&repo.git(), "2026-11-01T10:00:00+00:00", "alice", "start");
    let uncached = repo.once(&["log", "a", "--no-cache"]);
    symlink(elsewhere.path(), repo.path().join(".git/goalpost")).expect("link");
    for args in [&["log", "a"][..], &["check"]] {
        let (code, out, err) = repo.once(args);
        assert_eq!(code, 0, "{args:?}: {err}");
        assert!(
            err.contains("is a link or not a folder, so the cache is not used"),
            "{err}"
        );
        if args[0] == "log" {
            assert_eq!(out, uncached.1);
        }
    }
    let left: Vec<String> = listing(elsewhere.path());
    assert!(
        left.is_empty(),
        "files were written at the link's target: {left:?}"
    );
    for dir in ["v0/keep", "walk-0123456789abcdef", "photos"] {
        assert!(elsewhere.path().join(dir).is_dir(), "{dir} was pruned");
    }

    // A layout folder as a link: the same.
    std::fs::remove_file(repo.path().join(".git/goalpost")).expect("unlink");
    std::fs::create_dir(repo.path().join(".git/goalpost")).expect("mkdir");
    symlink(elsewhere.path(), repo.path().join(".git/goalpost/v1")).expect("link");
    let (code, _, err) = repo.once(&["log", "a"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("v1 is a link or not a folder"), "{err}");
    assert!(listing(elsewhere.path()).is_empty());
}

#[test]
fn cache_files_that_are_not_regular_files_are_never_read() {
    let repo = team();
    commit_all(&repo.git(), "2026-11-01T10:00:00+00:00", "alice", "start");
    let expected = repo.ok(&["log", "a"]);
    repo.ok(&["check"]);
    let v1 = repo.path().join(".git/goalpost/v1");
    let stores: Vec<std::path::PathBuf> = std::fs::read_dir(&v1)
        .expect("the cache")
        .map(|e| e.expect("entry").path())
        .collect();
    assert!(stores.len() >= 3, "{stores:?}");
    for store in &stores {
        // A named pipe (opening it would wait for a writer forever), a
        // link to an endless device, a sparse file of 3 GB.
        let fifo = store.join("0-fifo.seg");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo");
        symlink("/dev/zero", store.join("1-zero.seg")).expect("link");
        std::fs::File::create(store.join("2-sparse.seg"))
            .and_then(|f| f.set_len(3 << 30))
            .expect("sparse");
        // What a save killed halfway leaves: kept while it may be another
        // run's, removed once it is old.
        for (name, age) in [(".a.seg.7.0.tmp", 3600), (".b.seg.7.0.tmp", 0)] {
            let mut file = std::fs::File::create(store.join(name)).expect("tmp");
            file.write_all(b"half a segment").expect("write");
            let when = std::time::SystemTime::now() - std::time::Duration::from_secs(age);
            file.set_modified(when).expect("mtime");
        }
    }
    // The first run says the cache held what it could not read, and
    // drops it; the next finds a sound cache.
    let (code, out, err) = repo.once(&["log", "a"]);
    assert_eq!((code, out.as_str()), (0, expected.as_str()), "{err}");
    assert!(
        err.contains("was damaged; the damaged part was ignored"),
        "{err}"
    );
    let (code, _, err) = repo.once(&["check"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("was damaged"), "{err}");
    assert_eq!(repo.ok(&["log", "a"]), expected);
    repo.ok(&["check"]);
    for store in &stores {
        let names: Vec<String> = std::fs::read_dir(store)
            .expect("store")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        for gone in ["0-fifo.seg", "1-zero.seg", "2-sparse.seg", ".a.seg.7.0.tmp"] {
            assert!(!names.contains(&gone.to_owned()), "{gone} in {names:?}");
        }
        assert!(names.contains(&".b.seg.7.0.tmp".to_owned()), "{names:?}");
    }
    assert!(std::path::Path::new("/dev/zero").exists());
}
