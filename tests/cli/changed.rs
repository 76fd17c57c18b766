//! `check --changed-since REV`: the findings of the documents a branch
//! changed, and those its changes brought to documents it did not touch.

use serde_json::Value;

use crate::{Repo, commit_all};

/// A project without an owner: one `missing-field` error.
fn ownerless(title: &str) -> String {
    format!(
        "---\ntitle: {title}\nstatus: active\ncreated: 2026-11-20\n---\n## Success criteria\n- [ ] 10 users sign up\n"
    )
}

fn project(title: &str, extra: &str) -> String {
    format!(
        "---\ntitle: {title}\nowner: ana\nstatus: active\ncreated: 2026-11-20\n{extra}---\n## Success criteria\n- [ ] 10 users sign up\n"
    )
}

fn rules_and_paths(findings: &Value) -> Vec<(String, String)> {
    findings
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| {
            (
                f["path"].as_str().unwrap_or_default().to_owned(),
                f["rule"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

#[test]
fn only_what_the_branch_changed_or_brought() {
    let repo = Repo::new()
        .file("goalpost.yml", "people:\n  ana: { name: Ana }\n")
        .file("projects/a.md", &ownerless("A"))
        .file("projects/b.md", &ownerless("B"))
        .file("projects/c.md", &ownerless("C"))
        .file("projects/d.md", &project("D", "depends_on: [e]\n"))
        .file("projects/e.md", &project("E", ""));
    let git = repo.git();
    let base = commit_all(&git, "2026-11-02T10:00:00Z", "ana", "start");
    git.branch("main", &git.find_commit(base).expect("commit"), true)
        .expect("branch");
    let (code, out, _) = repo.run(&["check", "--format", "json"]);
    assert_eq!(code, 1);
    assert_eq!(
        rules_and_paths(&serde_json::from_str(&out).expect("json")).len(),
        3,
        "three documents with findings: {out}"
    );

    // The branch touches b (its error stays), and removes e, which d, not
    // touched, depends on: d's new finding is the branch's doing.
    repo.write("projects/b.md", ownerless("B, renamed"));
    repo.remove("projects/e.md");
    commit_all(&git, "2026-11-03T10:00:00Z", "ana", "the branch");
    let (code, out, err) = repo.run(&["check", "--format", "json", "--changed-since", "main"]);
    assert_eq!(code, 1, "{err}");
    let short = &base.to_string()[..7];
    assert_eq!(
        rules_and_paths(&serde_json::from_str(&out).expect("json")),
        [
            ("projects/b.md".to_owned(), "missing-field".to_owned()),
            ("projects/d.md".to_owned(), "unknown-project".to_owned()),
        ]
    );
    assert_eq!(
        err,
        format!(
            "note: only documents changed since {short} (the merge base with `main`) and what the change brought elsewhere were reported; left out 2 findings (2 errors, 0 warnings) that were there before\n"
        )
    );

    // An edit not committed yet counts as changed, as `git diff` shows it;
    // the human summary counts the changed documents (a and b; e is gone).
    repo.write("projects/a.md", project("A", ""));
    let (code, out, _) = repo.run(&["check", "--changed-since", "main"]);
    assert_eq!(code, 1);
    assert!(
        out.ends_with("2 errors, 0 warnings in 2 documents\n"),
        "{out}"
    );

    // Fixing b and d leaves nothing the branch brought: exit 0, though
    // c's old error is still there.
    repo.write("projects/b.md", project("B", ""));
    repo.write("projects/d.md", project("D", ""));
    let (code, out, err) = repo.run(&["check", "--format", "json", "--changed-since", "main"]);
    assert_eq!((code, out.trim()), (0, "[]"), "{err}");
    assert!(
        err.contains("left out 1 finding (1 error, 0 warnings)"),
        "{err}"
    );

    // A changed goalpost.yml can change how every document reads.
    repo.write(
        "goalpost.yml",
        "people:\n  ana: { name: Ana }\n  bo: { name: Bo }\n",
    );
    let (code, _, err) = repo.run(&["check", "--changed-since", "main"]);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        format!(
            "note: goalpost.yml changed since {short} (the merge base with `main`), so every document was checked\n"
        )
    );

    let err = repo.refused(&["check", "--changed-since", "no-such-branch"]);
    assert!(
        err.starts_with("error: unknown revision `no-such-branch`")
            && err.contains("fetch-depth: 0"),
        "{err}"
    );
}

/// Goals kept in a folder of a larger repository: paths are the goal
/// repository's, and files outside it never count.
#[test]
fn goals_in_a_subfolder() {
    let repo = Repo::empty()
        .file("goals/goalpost.yml", "people:\n  ana: { name: Ana }\n")
        .file("goals/projects/a.md", &ownerless("A"))
        .file("goals/projects/b.md", &ownerless("B"))
        .file("src/main.c", "int main(void) { return 0; }\n");
    let git = repo.git();
    let base = commit_all(&git, "2026-11-02T10:00:00Z", "ana", "start");
    git.branch("base", &git.find_commit(base).expect("commit"), true)
        .expect("branch");
    repo.write("goals/projects/a.md", ownerless("A, renamed"));
    repo.write("src/main.c", "int main(void) { return 1; }\n");
    let (code, out, err) = repo.run(&[
        "--repo",
        "goals",
        "check",
        "--format",
        "json",
        "--changed-since",
        "base",
    ]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(
        rules_and_paths(&serde_json::from_str(&out).expect("json")),
        [("projects/a.md".to_owned(), "missing-field".to_owned())]
    );
    assert!(
        err.contains("left out 1 finding (1 error, 0 warnings)"),
        "{err}"
    );
}
