//! `check` on hostile input: each bad file gives a precise finding, quickly,
//! and never hides the findings of the other files.

use crate::{Repo, at, places};

/// A document every hostile test keeps next to its bad file, with one
/// finding of its own that must still be reported.
const NEIGHBOUR: &str =
    "---\ntitle: N\nowner: a\nstatus: active\nbogus: 1\n---\n## Success criteria\n- [ ] 1 user\n";

fn with_neighbour(repo: Repo) -> Repo {
    repo.file("projects/neighbour.md", NEIGHBOUR)
}

fn neighbour_finding() -> (String, String, u64, u64) {
    at("unknown-field", "projects/neighbour.md", 5, 1)
}

fn rules_for(findings: &[serde_json::Value], path: &str) -> Vec<String> {
    findings
        .iter()
        .filter(|f| f["path"] == path)
        .map(|f| f["rule"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn billion_laughs_is_rejected() {
    let mut yaml = String::from("---\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..9 {
        let p = i - 1;
        yaml.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    yaml.push_str("title: x\n---\n");
    let repo = with_neighbour(Repo::new().file("projects/bomb.md", &yaml));
    let (code, findings) = repo.check_json(&[]);
    assert_eq!(code, 1);
    assert_eq!(rules_for(&findings, "projects/bomb.md"), ["yaml-syntax"]);
    assert!(places(&findings).contains(&neighbour_finding()));
}

#[test]
fn deep_nesting_is_rejected() {
    let flow = format!(
        "---\ntitle: {}{}\n---\n",
        "[".repeat(5000),
        "]".repeat(5000)
    );
    // Block nesting costs one more space a level: 3,000 levels stay under the size cap.
    let block: String = (0..3000)
        .map(|i| format!("{}k:\n", " ".repeat(i)))
        .collect();
    let repo = with_neighbour(
        Repo::new()
            .file("projects/flow.md", &flow)
            .file("projects/block.md", &format!("---\n{block}---\n")),
    );
    let (_, findings) = repo.check_json(&[]);
    assert_eq!(rules_for(&findings, "projects/flow.md"), ["yaml-syntax"]);
    assert_eq!(rules_for(&findings, "projects/block.md"), ["yaml-syntax"]);
    assert!(places(&findings).contains(&neighbour_finding()));
}

#[test]
fn huge_binary_and_non_utf8_files_are_findings() {
    let huge = format!("---\ntitle: x\n---\n{}", "a".repeat(9 * 1024 * 1024));
    // Only the first 8 MiB and a byte are ever read of a 50 MB file.
    let fifty = "---\ntitle: x\n---\n".to_owned() + &"abcdefghi\n".repeat(5_000_000);
    let repo = with_neighbour(
        Repo::new()
            .file("projects/huge.md", &huge)
            .file("projects/fifty.md", &fifty)
            .bytes("projects/binary.md", &[0x7f, b'E', b'L', b'F', 0, 0, 1, 2])
            .bytes("projects/latin1.md", b"---\ntitle: caf\xe9\n---\n"),
    );
    let (code, findings) = repo.check_json(&[]);
    assert_eq!(code, 1);
    for path in [
        "projects/huge.md",
        "projects/fifty.md",
        "projects/binary.md",
        "projects/latin1.md",
    ] {
        assert_eq!(rules_for(&findings, path), ["unreadable-file"], "{path}");
    }
    let messages: Vec<&str> = findings
        .iter()
        .filter_map(|f| f["message"].as_str())
        .collect();
    assert!(messages.contains(&"this file is larger than 8 MiB"));
    assert!(messages.contains(&"this is a binary file, not a markdown document"));
    assert!(messages.contains(&"this file is not valid UTF-8 (first bad byte on line 2)"));
    assert!(places(&findings).contains(&neighbour_finding()));
}

#[cfg(unix)]
#[test]
fn dangling_and_escaping_links_are_findings() {
    let outside = tempfile::tempdir().expect("tmp");
    std::fs::write(outside.path().join("secret.md"), "---\ntitle: s\n---\n").expect("write");
    let repo = with_neighbour(Repo::new().file("projects/.keep", ""));
    let projects = repo.path().join("projects");
    std::os::unix::fs::symlink(projects.join("gone.md"), projects.join("dangling.md")).expect("ln");
    std::os::unix::fs::symlink(outside.path().join("secret.md"), projects.join("out.md"))
        .expect("ln");
    let (_, findings) = repo.check_json(&[]);
    assert_eq!(
        rules_for(&findings, "projects/dangling.md"),
        ["unreadable-file"]
    );
    assert_eq!(rules_for(&findings, "projects/out.md"), ["unreadable-file"]);
    assert!(places(&findings).contains(&neighbour_finding()));
}

#[test]
fn wrong_types_and_impossible_dates_are_all_reported() {
    let repo = Repo::new().file(
        "projects/p.md",
        "---\ntitle: [a, b]\nowner: {x: 1}\nstatus: active\ncreated: 2026-13-01\ndue: 2026-02-29\ncheckin: 7\ncontributors: [[x]]\n---\n## Success criteria\n- [ ] 1 user\n",
    );
    let (_, findings) = repo.check_json(&[]);
    assert_eq!(
        places(&findings),
        [
            at("invalid-type", "projects/p.md", 2, 8),
            at("invalid-type", "projects/p.md", 3, 8),
            at("invalid-date", "projects/p.md", 5, 10),
            at("invalid-date", "projects/p.md", 6, 6),
            at("invalid-value", "projects/p.md", 7, 10),
            at("invalid-type", "projects/p.md", 8, 16),
        ]
    );
}

#[test]
fn yaml_tags_and_documents_do_not_execute_or_crash() {
    let repo = Repo::new()
        .file(
            "projects/tag.md",
            "---\ntitle: !!python/object:os.system [\"rm -rf /\"]\nowner: a\nstatus: active\n---\n## Success criteria\n- [ ] 1\n",
        )
        .file("projects/empty.md", "---\n---\n")
        .file("projects/scalar.md", "---\njust a string\n---\n")
        .file("projects/only-dashes.md", "---\n");
    let (code, findings) = repo.check_json(&[]);
    assert_eq!(code, 1);
    assert_eq!(
        rules_for(&findings, "projects/only-dashes.md"),
        ["frontmatter-missing"]
    );
    assert_eq!(
        rules_for(&findings, "projects/scalar.md"),
        [
            "invalid-type",
            "missing-field",
            "missing-field",
            "missing-field",
            "missing-success-criteria"
        ]
    );
    assert!(!rules_for(&findings, "projects/tag.md").is_empty());
}

#[test]
fn a_hundred_thousand_updates_stay_fast() {
    let repo = with_neighbour(Repo::new())
        .file(
            "projects/p.md",
            "---\ntitle: P\nowner: a\nstatus: active\n---\n## Success criteria\n- [ ] 1 user\n",
        )
        .file(
            "updates/bad.md",
            "---\nauthor: a\ndate: 2026-11-20\nprojects: [nope]\n---\n",
        );
    let updates = repo.path().join("updates");
    for i in 0..100_000 {
        std::fs::write(
            updates.join(format!("2026-11-20-a-{i}.md")),
            "---\nauthor: a\ndate: 2026-11-20\nprojects: [p]\n---\n",
        )
        .expect("write");
    }
    let (code, findings) = repo.check_json(&[]);
    assert_eq!(code, 1);
    assert_eq!(
        places(&findings),
        [
            neighbour_finding(),
            at("unknown-project", "updates/bad.md", 4, 12)
        ]
    );
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_links_to_parents_are_bounded() {
    use std::os::unix::fs::symlink;

    let outside = tempfile::tempdir().expect("tmp");
    std::fs::write(outside.path().join("0001-secret.md"), "# Secret\n").expect("write");
    let repo = with_neighbour(Repo::new());
    let projects = repo.path().join("projects");
    symlink("b", projects.join("a")).expect("ln");
    symlink("a", projects.join("b")).expect("ln");
    symlink("loop2.md", projects.join("loop1.md")).expect("ln");
    symlink("loop1.md", projects.join("loop2.md")).expect("ln");
    symlink("..", projects.join("up")).expect("ln");
    symlink("..", projects.join("up.md")).expect("ln");
    // A whole documents folder that leads out of the repository.
    symlink(outside.path(), repo.path().join("decisions")).expect("ln");
    let (code, findings) = repo.check_json(&[]);
    assert_eq!(code, 1);
    for path in [
        "projects/loop1.md",
        "projects/loop2.md",
        "projects/up.md",
        "decisions",
    ] {
        assert_eq!(rules_for(&findings, path), ["unreadable-file"], "{path}");
    }
    let message = |path: &str| {
        findings
            .iter()
            .find(|f| f["path"] == path)
            .and_then(|f| f["message"].as_str())
            .unwrap_or_default()
            .to_owned()
    };
    assert!(
        message("projects/loop1.md").starts_with("this link cannot be followed: "),
        "{findings:#?}"
    );
    assert!(
        message("projects/up.md").starts_with("this is not a regular file"),
        "{findings:#?}"
    );
    assert!(
        findings
            .iter()
            .all(|f| f["path"] != "decisions/0001-secret.md"),
        "a document outside the repository was read: {findings:#?}"
    );
    assert!(places(&findings).contains(&neighbour_finding()));
    // `projects/up`, a link to a folder, is not followed, and says so.
    assert!(
        message("projects/up").contains("goalpost does not follow links to folders"),
        "{findings:#?}"
    );
    // The folders are findings, not documents: neighbour and three links.
    let (_, human, _) = repo.run(&["check", "--format", "human"]);
    assert!(
        human.ends_with("5 errors, 1 warning in 4 documents\n"),
        "{human}"
    );
}

/// A named pipe with a document's name would block a reader forever.
#[cfg(unix)]
#[test]
fn named_pipes_and_links_to_folders_are_not_read() {
    let repo = with_neighbour(Repo::new());
    let status = std::process::Command::new("mkfifo")
        .arg(repo.path().join("projects/pipe.md"))
        .status()
        .expect("mkfifo");
    assert!(status.success());
    std::fs::create_dir_all(repo.path().join("projects/folder.md")).expect("mkdir");
    std::os::unix::fs::symlink("folder.md", repo.path().join("projects/to-folder.md")).expect("ln");
    let (code, findings) = repo.check_json(&[]);
    assert_eq!(code, 1);
    for path in ["projects/pipe.md", "projects/to-folder.md"] {
        assert_eq!(rules_for(&findings, path), ["unreadable-file"], "{path}");
    }
    assert!(places(&findings).contains(&neighbour_finding()));
}

/// Files and folders the user cannot read are findings; the rest is checked.
/// Tests often run as root, who may read anything, so then goalpost runs as
/// `nobody` (through `setpriv`) to make the permissions bite.
#[cfg(unix)]
#[test]
fn unreadable_files_and_folders_are_findings() {
    use std::os::unix::fs::PermissionsExt;

    let repo = with_neighbour(Repo::new())
        .file("projects/secret.md", NEIGHBOUR)
        .file("updates/locked/2026-11-20-a.md", "not even read");
    let mode = |path: &str, mode: u32| {
        std::fs::set_permissions(
            repo.path().join(path),
            std::fs::Permissions::from_mode(mode),
        )
        .expect("chmod");
    };
    mode(".", 0o755);
    mode("projects", 0o755);
    mode("projects/neighbour.md", 0o644);
    mode("goalpost.yml", 0o644);
    mode("updates", 0o755);
    mode("projects/secret.md", 0o000);
    mode("updates/locked", 0o000);
    // Files this process creates belong to its effective user.
    let root = {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(repo.path().join("goalpost.yml")).is_ok_and(|m| m.uid() == 0)
    };
    let as_user = |program: &std::path::Path| {
        let mut cmd = if root {
            let mut cmd = std::process::Command::new("setpriv");
            cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"]);
            cmd.arg(program);
            cmd
        } else {
            std::process::Command::new(program)
        };
        cmd.current_dir(repo.path());
        cmd
    };
    if root {
        // `nobody` must be able to reach the temporary folder at all.
        let reachable = as_user(std::path::Path::new("cat"))
            .arg("goalpost.yml")
            .output()
            .is_ok_and(|o| o.status.success());
        if !reachable {
            crate::skip(
                "unreadable files (as nobody)",
                "`setpriv` or the temporary folder is not usable as nobody",
            );
            return;
        }
    }
    let output = as_user(&assert_cmd::cargo::cargo_bin("goalpost"))
        .args(["check", "--format", "json"])
        .env("GOALPOST_TODAY", crate::TODAY)
        .env("HOME", repo.path())
        .output()
        .expect("run");
    let stdout = String::from_utf8_lossy(&output.stdout);
    mode("projects/secret.md", 0o644);
    mode("updates/locked", 0o755);
    let findings = crate::findings(&stdout, &String::from_utf8_lossy(&output.stderr));
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert_eq!(
        places(&findings),
        [
            neighbour_finding(),
            at("unreadable-file", "projects/secret.md", 1, 1),
            at("unreadable-file", "updates/locked", 1, 1),
        ]
    );
    assert!(
        findings[1]["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("cannot read this file: ")),
        "{findings:#?}"
    );
    assert!(
        findings[2]["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("cannot list this folder: ")),
        "{findings:#?}"
    );
}

#[test]
fn file_names_with_spaces_unicode_and_newlines_are_checked() {
    const BOGUS: &str = "---\ntitle: T\nowner: a\nstatus: active\nbogus: 1\n---\n## Success criteria\n- [ ] 1 user\n";
    let names = [
        "projects/with space.md",
        "projects/ünïcødé 名前 😀.md",
        "projects/new\nline.md",
    ];
    let repo = names
        .iter()
        .fold(with_neighbour(Repo::new()), |repo, name| {
            repo.file(name, BOGUS)
        });
    let (code, findings) = repo.check_json(&[]);
    assert_eq!(code, 0, "warnings only");
    let mut want: Vec<_> = names
        .iter()
        .map(|name| at("unknown-field", name, 5, 1))
        .collect();
    want.push(neighbour_finding());
    let mut got = places(&findings);
    got.sort();
    want.sort();
    assert_eq!(got, want);
    // Every format copes with such names: a newline in a GitHub annotation
    // is escaped, or it would end the workflow command early.
    for format in ["human", "github", "gitlab", "sarif"] {
        let (code, stdout, _) = repo.run(&["check", "--format", format]);
        assert_eq!(code, 0, "{format}");
        assert!(stdout.contains("with space.md"), "{format}: {stdout}");
    }
    let (_, github, _) = repo.run(&["check", "--format", "github"]);
    assert!(github.contains("file=projects/new%0Aline.md,"), "{github}");
}

/// A name that is not UTF-8 used to be skipped: the file passed unchecked.
#[cfg(unix)]
#[test]
fn file_names_that_are_not_utf8_are_findings() {
    use std::os::unix::ffi::OsStrExt;

    let repo = with_neighbour(Repo::new());
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.md");
    std::fs::write(
        repo.path().join("projects").join(name),
        "---\ntitle: T\n---\n",
    )
    .expect("write");
    let (code, findings) = repo.check_json(&[]);
    assert_eq!(code, 1);
    assert_eq!(
        places(&findings),
        [
            at("unreadable-file", "projects/caf\u{fffd}.md", 1, 1),
            neighbour_finding()
        ]
    );
}

#[test]
fn megabyte_lines_are_bounded() {
    let long = "x".repeat(1024 * 1024);
    let repo = with_neighbour(Repo::new())
        .file(
            "projects/long-title.md",
            &format!("---\ntitle: {long}\nowner: a\nstatus: active\n---\n## Success criteria\n- [ ] 1 user\n"),
        )
        .file(
            "projects/long-status.md",
            &format!("---\ntitle: T\nowner: a\nstatus: {long}\n---\n## Success criteria\n- [ ] 1 user\n"),
        )
        .file(
            "projects/long-body.md",
            &format!(
                "---\ntitle: T\nowner: a\nstatus: active\n---\n{}\n{}\n## Success criteria\n- [ ] 1 user\n",
                "[".repeat(256 * 1024),
                "*a".repeat(256 * 1024)
            ),
        );
    let (code, findings) = repo.check_json(&[]);
    assert_eq!(code, 1, "json");
    assert_eq!(rules_for(&findings, "projects/long-title.md"), [""; 0]);
    assert_eq!(rules_for(&findings, "projects/long-body.md"), [""; 0]);
    assert!(places(&findings).contains(&at("invalid-value", "projects/long-status.md", 4, 9)));
    assert!(places(&findings).contains(&neighbour_finding()));
    let (code, _, _) = repo.run(&["check", "--format", "human"]);
    assert_eq!(code, 1, "human");
}

#[test]
fn binary_and_custom_yaml_tags_are_data() {
    let doc = |fields: &str| {
        format!("---\n{fields}owner: a\nstatus: active\n---\n## Success criteria\n- [ ] 1 user\n")
    };
    let repo = with_neighbour(Repo::new())
        .file(
            "projects/binary.md",
            &doc("title: !!binary aGVsbG8gd29ybGQ=\n"),
        )
        .file(
            "projects/bad-binary.md",
            &doc("title: !!binary \"not base64!\"\n"),
        )
        .file("projects/custom.md", &doc("title: !person alice\n"))
        .file(
            "projects/verbatim.md",
            &doc("title: !<tag:example.com,2000:title> T\ntags: !!set {a, b}\n"),
        )
        .file(
            "projects/collections.md",
            &doc("title: T\ncontributors: !!omap [a: 1]\ntags: !custom [x]\n"),
        );
    let (code, findings) = repo.check_json(&[]);
    assert_eq!(code, 1);
    // Clean passes (`!!binary` is decoded, custom tags are ignored) and
    // findings for what the tag makes of the value.
    assert_eq!(
        places(&findings),
        [
            at("yaml-syntax", "projects/bad-binary.md", 2, 17),
            at("invalid-type", "projects/collections.md", 3, 23),
            neighbour_finding(),
            at("invalid-type", "projects/verbatim.md", 3, 13),
        ]
    );
}

#[test]
fn bom_only_and_blank_crlf_documents_are_findings() {
    let repo = with_neighbour(Repo::new())
        .file("projects/bom.md", "\u{feff}")
        .file("updates/bom.md", "\u{feff}")
        .file("decisions/0001-bom.md", "\u{feff}")
        .file("projects/crlf.md", "\r\n\r\n\r\n")
        .file("projects/crlf-fence.md", "---\r\n\r\n\r\n---\r\n\r\n")
        .file("projects/cr.md", "---\r---\r");
    let (code, findings) = repo.check_json(&[]);
    assert_eq!(code, 1);
    let missing = |path: &str, line| at("missing-field", path, line, 1);
    assert_eq!(
        places(&findings),
        [
            missing("decisions/0001-bom.md", 1),
            at("frontmatter-missing", "projects/bom.md", 1, 1),
            at("frontmatter-missing", "projects/cr.md", 1, 1),
            missing("projects/crlf-fence.md", 4),
            missing("projects/crlf-fence.md", 4),
            missing("projects/crlf-fence.md", 4),
            at("missing-success-criteria", "projects/crlf-fence.md", 6, 1),
            at("frontmatter-missing", "projects/crlf.md", 1, 1),
            neighbour_finding(),
            at("frontmatter-missing", "updates/bom.md", 1, 1),
        ]
    );
}

/// Found by `cargo fuzz run document`: the human format split a multi-byte
/// white-space character (U+2028) while underlining, and panicked.
#[test]
fn human_format_underlines_whole_characters() {
    let repo = with_neighbour(Repo::new()).file("projects/ls.md", "---\n|\r\u{2028}\n---\n");
    let (code, stdout, _) = repo.run(&["check", "--format", "human"]);
    assert_eq!(code, 1);
    assert!(stdout.contains("projects/ls.md:2:3"), "{stdout}");
    assert!(stdout.contains("projects/neighbour.md:5:1"), "{stdout}");
}
