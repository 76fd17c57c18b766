//! The threat model of SECURITY.md: a hostile commit in the goal
//! repository, run by CI with secrets around it. Each test reproduces an
//! attack and holds goalpost to the guarantee it broke.

#![cfg(unix)]

use std::os::unix::fs::symlink;

use crate::{Repo, commit_all, outcome};

/// A folder outside the repository holding a secret.
fn outside() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("secret"), "TOKEN=hunter2\n").expect("secret");
    dir
}

fn team() -> Repo {
    let repo = Repo::alice();
    let git = repo.git();
    commit_all(&git, "2026-11-01T10:00:00+00:00", "alice", "start");
    repo
}

#[test]
fn template_overrides_never_read_outside_the_repository() {
    let secret = outside();
    let secret_file = secret.path().join("secret");
    // A linked partial, a linked folder of partials, a linked template.
    type Plant<'a> = Box<dyn Fn(&Repo) + 'a>;
    let cases: Vec<(&str, Plant<'_>)> = vec![
        (
            "_pw.j2",
            Box::new(|repo: &Repo| {
                symlink(&secret_file, repo.path().join(".goalpost/templates/_pw.j2"))
                    .expect("link");
                repo.write(
                    ".goalpost/templates/packet.md.j2",
                    "{% include \"_pw.j2\" %}",
                );
            }),
        ),
        (
            "_etc",
            Box::new(|repo: &Repo| {
                symlink(secret.path(), repo.path().join(".goalpost/templates/_etc")).expect("link");
                repo.write(
                    ".goalpost/templates/packet.md.j2",
                    "{% include \"_etc/secret\" %}",
                );
            }),
        ),
        (
            "packet.md.j2",
            Box::new(|repo: &Repo| {
                symlink(
                    &secret_file,
                    repo.path().join(".goalpost/templates/packet.md.j2"),
                )
                .expect("link");
            }),
        ),
    ];
    for (name, plant) in cases {
        let repo = team();
        std::fs::create_dir_all(repo.path().join(".goalpost/templates")).expect("mkdir");
        plant(&repo);
        let (code, out, err) = repo.run(&["packet", "--person", "alice", "--since", "2026-11-01"]);
        assert_eq!(code, 2, "{name}: {out}{err}");
        assert!(
            !out.contains("hunter2") && !err.contains("hunter2"),
            "{name}: {out}{err}"
        );
        assert!(
            err.contains("cannot be used: it leads outside the repository"),
            "{name}: {err}"
        );
    }
    // A templates folder that is itself a link.
    let repo = team();
    std::fs::create_dir_all(repo.path().join(".goalpost")).expect("mkdir");
    std::fs::write(secret.path().join("project.md.j2"), "{{ id }} hunter2").expect("write");
    symlink(secret.path(), repo.path().join(".goalpost/templates")).expect("link");
    let (code, _, err) = repo.run(&["new", "project", "b", "--owner", "alice"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains(".goalpost/templates cannot be used"), "{err}");
    assert!(!repo.path().join("projects/b.md").exists());
}

#[test]
fn new_and_init_never_write_through_a_link_out_of_the_repository() {
    let elsewhere = outside();
    let repo = team();
    std::fs::create_dir_all(repo.path().join("updates")).expect("mkdir");
    symlink(elsewhere.path(), repo.path().join("updates/2026-11")).expect("link");
    let (code, out, err) = repo.run(&["new", "update", "--project", "a", "--author", "alice"]);
    assert_eq!((code, out.as_str()), (2, ""), "{err}");
    assert!(
        err.contains("its folder leads outside the repository"),
        "{err}"
    );
    assert_eq!(std::fs::read_dir(elsewhere.path()).expect("dir").count(), 1);

    let repo = Repo::empty();
    repo.git();
    symlink(elsewhere.path(), repo.path().join("projects")).expect("link");
    let (code, _, err) = repo.run(&["init"]);
    assert_eq!(code, 2, "{err}");
    assert!(!err.contains("left as it is"), "{err}");
    assert_eq!(std::fs::read_dir(elsewhere.path()).expect("dir").count(), 1);
}

#[test]
fn a_goalpost_yml_that_is_a_link_out_or_a_pipe_is_refused() {
    let secret = outside();
    std::fs::write(secret.path().join("goalpost.yml"), "hunter2: x\n").expect("write");
    let repo = Repo::empty();
    repo.git();
    symlink(
        secret.path().join("goalpost.yml"),
        repo.path().join("goalpost.yml"),
    )
    .expect("link");
    let (code, _, err) = repo.run(&["check"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("goalpost.yml cannot be read: it leads outside the repository"),
        "{err}"
    );
    assert!(!err.contains("hunter2"), "{err}");

    let repo = Repo::empty();
    repo.git();
    let fifo = repo.path().join("goalpost.yml");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let (code, _, err) = repo.run(&["check"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("is not a regular file"), "{err}");
}

/// The path of a loose object.
fn object_path(repo: &Repo, id: git2::Oid) -> std::path::PathBuf {
    let hex = id.to_string();
    repo.path()
        .join(".git/objects")
        .join(&hex[..2])
        .join(&hex[2..])
}

/// A damaged object is an error naming it and the commit that needs it,
/// never a shorter history that re-dates everything older.
#[test]
fn a_damaged_commit_or_tree_is_an_error_not_a_shorter_history() {
    let repo = team();
    let git = repo.git();
    let first = git
        .head()
        .expect("head")
        .peel_to_commit()
        .expect("commit")
        .id();
    repo.write(
        "projects/a.md",
        "---\ntitle: A\nowner: alice\nstatus: done\ncreated: 2026-11-01\n---\n## Success criteria\n- [x] 1 user\n",
    );
    let second = commit_all(&git, "2026-11-10T10:00:00+00:00", "alice", "ship");
    let log = |repo: &Repo| repo.run(&["log", "a", "--format", "json", "--no-cache"]);
    let (code, _, err) = log(&repo);
    assert_eq!(code, 0, "{err}");
    // The cache, filled while the objects were sound.
    let (code, full, err) = repo.run(&["log", "a", "--format", "json"]);
    assert_eq!(code, 0, "{err}");

    // The first commit's object is garbage now.
    std::fs::write(object_path(&repo, first), b"not an object").expect("corrupt");
    // What the cache learned from the sound object still holds (ids name
    // content): the whole history, never a shorter one.
    let cached = outcome(
        repo.cmd()
            .args(["log", "a", "--format", "json"])
            .output()
            .expect("run"),
    );
    assert_eq!(cached.1, full);
    let (code, out, err) = log(&repo);
    assert_eq!((code, out.as_str()), (2, ""), "{err}");
    assert!(
        err.contains(&format!("commit {first} of commit {second} cannot be read")),
        "{err}"
    );
    assert!(err.contains("git fsck"), "{err}");

    // A tree of the newest commit is missing.
    let repo = team();
    let git = repo.git();
    let head = git.head().expect("head").peel_to_commit().expect("commit");
    let projects = head
        .tree()
        .expect("tree")
        .get_path(std::path::Path::new("projects"))
        .expect("projects")
        .id();
    std::fs::remove_file(object_path(&repo, projects)).expect("remove");
    let (code, _, err) = repo.run(&["packet", "--person", "alice", "--since", "2026-11-01"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains(&format!("tree {projects}")) && err.contains(&head.id().to_string()),
        "{err}"
    );
}

/// 3,000 files sharing one id used to make 186 MB of JSON: each finding
/// names one other place and counts the rest.
#[test]
fn many_duplicate_ids_make_findings_of_constant_size() {
    let mut repo = Repo::new();
    for i in 0..300 {
        repo = repo.file(
            &format!("projects/p{i:03}.md"),
            "---\nid: same\ntitle: T\nowner: a\nstatus: active\n---\n## Success criteria\n- [ ] 1 user\n",
        );
    }
    let (_, out, _) = repo.run(&["check", "--format", "json"]);
    let findings: Vec<serde_json::Value> = serde_json::from_str(&out).expect("json");
    let duplicates: Vec<&serde_json::Value> = findings
        .iter()
        .filter(|f| f["rule"] == "duplicate-id")
        .collect();
    assert_eq!(duplicates.len(), 300);
    assert_eq!(
        duplicates[0]["message"],
        "project id `same` is also used by `projects/p001.md` and 298 other files"
    );
    assert!(out.len() < 300 * 1_000, "{} bytes", out.len());
}

/// Two people who look like one: a Cyrillic `а`, a zero-width space, a
/// right-to-left override. In the roster they are configuration errors; in
/// documents, findings; an escaped NUL in a title too.
#[test]
fn look_alike_and_invisible_names_are_refused() {
    for (roster, expected) in [
        (
            "people:\n  alice: { name: Alice Ng }\n  \u{430}lice: { name: Alice Ng }\n",
            "goalpost.yml:3:3: handle `\u{430}lice` looks like `alice` (line 2) but is another person",
        ),
        (
            "people:\n  bob\u{200b}: { name: Bob }\n",
            "goalpost.yml:2:3: this handle holds an invisible or text-reordering character (U+200B)",
        ),
        (
            "people:\n  carol: { name: \"Carol \u{202e}gN\" }\n",
            "goalpost.yml:2:12: this name holds an invisible or text-reordering character (U+202E)",
        ),
    ] {
        let repo = Repo::new().file("goalpost.yml", roster);
        let (code, _, err) = repo.run(&["check", "--allow-empty"]);
        assert_eq!(code, 2, "{roster}: {err}");
        assert!(err.contains(expected), "{roster}: {err}");
    }
    let repo = Repo::new().file(
        "projects/a.md",
        "---\ntitle: \"A\\0B\"\nowner: \"bob\\u200B\"\nstatus: active\n---\n## Success criteria\n- [ ] 1 user\n",
    );
    let (code, findings) = repo.check_json(&[]);
    assert_eq!(code, 1);
    let messages: Vec<&str> = findings
        .iter()
        .filter(|f| f["rule"] == "invalid-value")
        .filter_map(|f| f["message"].as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "`title` holds a control character (U+0000)",
            "`owner` holds an invisible or text-reordering character (U+200B)",
        ]
    );
}

/// A link to a folder inside `projects/` is not followed, and says so; a
/// 7 MB criterion is not repeated whole in its finding.
#[test]
fn nested_folder_links_and_huge_values_are_findings_of_reasonable_size() {
    let elsewhere = outside();
    let repo = Repo::new()
        .file(
            "projects/real/a.md",
            "---\ntitle: A\nowner: a\nstatus: active\ncreated: 2026-11-20\n---\n## Success criteria\n- [ ] 1 user\n",
        );
    symlink(elsewhere.path(), repo.path().join("projects/linked")).expect("link");
    symlink(
        repo.path().join("projects/real"),
        repo.path().join("projects/alias"),
    )
    .expect("link");
    let (_, findings) = repo.check_json(&[]);
    let unreadable: Vec<(&str, &str)> = findings
        .iter()
        .filter(|f| f["rule"] == "unreadable-file")
        .map(|f| {
            (
                f["path"].as_str().unwrap_or(""),
                f["message"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        unreadable,
        [
            (
                "projects/alias",
                "this folder is a link to a folder; goalpost does not follow links to folders, so the documents in it are not checked"
            ),
            (
                "projects/linked",
                "this folder leads outside the repository; goalpost does not follow links to folders, so the documents in it are not checked"
            ),
        ]
    );

    let huge = "x".repeat(7 * 1024 * 1024);
    let repo = Repo::new().file(
        "projects/big.md",
        &format!("---\ntitle: Big\nowner: a\nstatus: active\ncreated: 2026-11-20\n---\n## Success criteria\n- [ ] {huge}\n"),
    );
    let (_, out, _) = repo.run(&["check", "--format", "json"]);
    assert!(out.len() < 10_000, "{} bytes of findings", out.len());
    let (_, out, _) = repo.run(&["check"]);
    assert!(out.len() < 10_000, "{} bytes of findings", out.len());
    assert!(out.contains("projects/big.md:8:7"), "{out}");
}
