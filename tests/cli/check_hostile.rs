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
    let repo = with_neighbour(
        Repo::new()
            .file("projects/huge.md", &huge)
            .bytes("projects/binary.md", &[0x7f, b'E', b'L', b'F', 0, 0, 1, 2])
            .bytes("projects/latin1.md", b"---\ntitle: caf\xe9\n---\n"),
    );
    let (code, findings) = repo.check_json(&[]);
    assert_eq!(code, 1);
    for path in [
        "projects/huge.md",
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
