//! The working-tree store of the cache: what reading each file found, kept
//! by the file's content. `check` and the views re-read only what changed,
//! and say exactly what an uncached run says. (`Repo::run` also runs every
//! `check` and view warm and uncached and compares them; inside a git
//! repository, as here, that exercises this store.)

use std::path::PathBuf;

use crate::{Repo, at, places};

/// A repository whose documents give `check` something to say: a sound
/// project, one with a status nobody configured, an update whose YAML does
/// not parse, a decision without frontmatter, and a CRLF file with a byte
/// order mark and a broken link.
fn mixed() -> Repo {
    let repo = Repo::new().file("goalpost.yml", "people:\n  alice: { name: Alice }\n");
    repo.git();
    repo.write("projects/sound.md", sound("active"));
    repo.write(
        "projects/odd.md",
        "---\nid: odd\ntitle: Odd\nowner: alice\nstatus: shipping\n---\n# Odd\n\n## Success criteria\n\n- [ ] p95 under 200 ms\n",
    );
    repo.write(
        "updates/2026-07-10-alice.md",
        "---\nauthor: @alice\ndate: 2026-07-10\nprojects: [sound]\n---\nIndexed.\n",
    );
    repo.write(
        "decisions/0001-use-postgres.md",
        "# Use Postgres\n\n## Context\n\nWe need a database.\n",
    );
    repo.write(
        "projects/crlf.md",
        "\u{feff}---\r\nid: crlf\r\ntitle: CRLF\r\nowner: alice\r\nstatus: active\r\n---\r\n# CRLF é🚀\r\n\r\nSee [the plan](./plan.md).\r\n\r\n## Success criteria\r\n\r\n- [ ] p95 under 200 ms\r\n",
    );
    repo
}

fn sound(status: &str) -> String {
    format!(
        "---\nid: sound\ntitle: Sound\nowner: alice\nstatus: {status}\ncreated: 2026-07-01\n---\n# Sound\n\n## Success criteria\n\n- [ ] p95 under 200 ms by 2026-12-01\n"
    )
}

/// The segment files of the working-tree store.
fn file_segments(repo: &Repo) -> Vec<PathBuf> {
    crate::cache::segments(repo)
        .into_iter()
        .filter(|seg| {
            seg.parent()
                .and_then(|store| store.file_name())
                .is_some_and(|name| name.to_string_lossy().starts_with("files-"))
        })
        .collect()
}

#[test]
fn check_keeps_what_it_read_and_says_the_same_warm() {
    let repo = mixed();
    let (code, findings) = repo.check_json(&[]);
    assert_eq!(code, 1);
    let found = places(&findings);
    assert!(
        found.contains(&at("invalid-value", "projects/odd.md", 5, 9)),
        "{found:?}"
    );
    assert!(
        found.contains(&at("yaml-syntax", "updates/2026-07-10-alice.md", 2, 9)),
        "{found:?}"
    );
    assert!(
        found.contains(&at("broken-link", "projects/crlf.md", 9, 5)),
        "{found:?}"
    );
    assert!(!file_segments(&repo).is_empty(), "nothing was kept");
    // The human format quotes the lines: a document from the store still
    // has its text.
    let (_, human, _) = repo.run(&["check"]);
    assert!(human.contains("status: shipping"), "{human}");
    assert!(human.contains("author: @alice"), "{human}");
    // The views read the same store.
    repo.ok(&["status"]);
    repo.ok(&["checkins"]);
    // Nothing new to keep: a warm run writes nothing.
    let before = file_segments(&repo);
    repo.once(&["check"]);
    assert_eq!(file_segments(&repo), before);
}

#[test]
fn an_edited_file_is_read_again() {
    let repo = mixed();
    let (_, first) = repo.check_json(&[]);
    assert!(!places(&first).contains(&at("invalid-value", "projects/sound.md", 5, 9)));
    repo.write("projects/sound.md", sound("shiping"));
    let (_, edited) = repo.check_json(&[]);
    assert!(
        places(&edited).contains(&at("invalid-value", "projects/sound.md", 5, 9)),
        "{edited:?}"
    );
    // Back as it was: served from the store, and the same as the first run.
    repo.write("projects/sound.md", sound("active"));
    let (_, back) = repo.check_json(&[]);
    assert_eq!(back, first);
}

#[test]
fn a_change_of_status_words_is_never_served_from_the_store() {
    let repo = mixed();
    let (_, before) = repo.check_json(&[]);
    assert!(places(&before).contains(&at("invalid-value", "projects/odd.md", 5, 9)));
    repo.write(
        "goalpost.yml",
        "statuses:\n  active: [shipping]\npeople:\n  alice: { name: Alice }\n",
    );
    let (_, after) = repo.check_json(&[]);
    assert!(
        !places(&after).contains(&at("invalid-value", "projects/odd.md", 5, 9)),
        "{after:?}"
    );
}

#[test]
fn a_damaged_store_is_ignored_with_a_note_and_rebuilt() {
    let repo = mixed();
    let (code, sound_out, said) = repo.once(&["check", "--format", "json"]);
    assert_eq!(code, 1);
    for seg in file_segments(&repo) {
        let mut bytes = std::fs::read(&seg).expect("read");
        for b in bytes.iter_mut().skip(8) {
            *b = b.wrapping_add(1);
        }
        std::fs::write(&seg, bytes).expect("write");
    }
    let (code, out, err) = repo.once(&["check", "--format", "json"]);
    assert_eq!((code, out.as_str()), (1, sound_out.as_str()));
    assert!(
        err.contains("note: the goalpost cache in ") && err.contains("was damaged"),
        "{err}"
    );
    let (code, out, err) = repo.once(&["check", "--format", "json"]);
    assert_eq!((code, out, err), (1, sound_out, said));
}

#[test]
fn no_cache_and_a_folder_outside_git_write_nothing() {
    let repo = mixed();
    let (code, _, err) = repo.once(&["check", "--no-cache"]);
    assert_eq!(code, 1, "{err}");
    assert!(!repo.path().join(".git/goalpost").exists());
    // Not a git repository: `check` works as ever, and keeps nothing.
    let plain = Repo::new().file("projects/p.md", &sound("active"));
    let (code, _, err) = plain.once(&["check"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(std::fs::read_dir(plain.path()).expect("ls").count(), 2);
}
