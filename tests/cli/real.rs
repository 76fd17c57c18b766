//! Repositories as real teams write them: MADR 4 decision folders, EIP-like
//! status histories, Backlog.md-like task ids and headings. Each fixture
//! reproduces what goalpost met in a public repository, in miniature.

use serde_json::{Value, json};

use crate::{Repo, commit_all, places};

fn ten_am(day: &str) -> String {
    format!("{day}T10:00:00+00:00")
}

/// A MADR 4 folder: `decision-makers`, an `on hold` status, a title in the
/// frontmatter, fields a site generator adds.
fn madr4() -> Repo {
    Repo::new()
        .file(
            "decisions/0001-use-markdown-architectural-decision-records.md",
            "---\nstatus: accepted\ndate: 2024-03-01\ndecision-makers: [alice, bob]\n---\n# Use Markdown Architectural Decision Records\n\n## Context and Problem Statement\n\nWe want to record decisions.\n",
        )
        .file(
            "decisions/0002-title-in-frontmatter.md",
            "---\ntitle: Keep titles in the frontmatter\nstatus: proposed\ndate: 2024-04-01\ndecision-makers: [alice]\nnav_order: 2\n---\n\nJekyll renders the title from the frontmatter.\n",
        )
        .file(
            "decisions/0003-on-hold.md",
            "---\nstatus: on hold\ndate: 2024-05-01\n---\n# Wait for the next release\n",
        )
}

#[test]
fn a_madr4_folder_validates_with_zero_errors() {
    let repo = madr4();
    let (code, findings) = repo.check_json(&[]);
    assert_eq!(code, 0, "{findings:?}");
    assert_eq!(
        places(&findings),
        [
            crate::at(
                "unknown-field",
                "decisions/0002-title-in-frontmatter.md",
                6,
                1
            ),
            crate::at("unknown-status", "decisions/0003-on-hold.md", 2, 9),
        ]
    );
    assert!(
        findings[1]["help"]
            .as_str()
            .is_some_and(|h| h.contains("list a word of your own under `decisions: statuses:`")),
        "{findings:?}"
    );
    // A team's own words are accepted once listed.
    let repo = repo.file("goalpost.yml", "decisions:\n  statuses: [On Hold]\n");
    let (code, findings) = repo.check_json(&[]);
    assert_eq!((code, places(&findings).len()), (0, 1), "{findings:?}");
    // A near miss gets a "did you mean".
    let repo = repo.file(
        "decisions/0004-typo.md",
        "---\nstatus: acepted\n---\n# Typo\n",
    );
    let (_, findings) = repo.check_json(&[]);
    let typo = findings
        .iter()
        .find(|f| f["path"] == "decisions/0004-typo.md")
        .expect("a finding");
    assert_eq!(typo["rule"], "unknown-status");
    assert_eq!(typo["severity"], "warning");
    assert_eq!(typo["help"], "did you mean `accepted`?");
}

#[test]
fn deciders_under_both_names_is_an_error_naming_both_places() {
    let repo = Repo::new().file(
        "decisions/0001-x.md",
        "---\ndeciders: [alice]\nstatus: accepted\ndecision-makers: [bob]\n---\n# X\n",
    );
    let (code, findings) = repo.check_json(&[]);
    assert_eq!(code, 1);
    assert_eq!(
        places(&findings),
        [crate::at("duplicate-key", "decisions/0001-x.md", 4, 1)]
    );
    assert!(
        findings[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("`decision-makers` repeats `deciders` (line 2)")),
        "{findings:?}"
    );
}

/// `decision-makers` get decider credit, a frontmatter title is the title,
/// and an ADR folder imported later counts in the period its dates say.
#[test]
fn imported_madr_decisions_count_by_their_dates() {
    let repo = madr4().file(
        "goalpost.yml",
        "people:\n  alice: { name: Alice Ng, team: arch }\n  bob: { name: Bob Ruiz, team: arch }\n",
    );
    let git = repo.git();
    // The whole folder arrives in 2026.
    commit_all(&git, &ten_am("2026-06-01"), "alice", "import the ADRs");
    let packet = repo.ok_json(&[
        "packet",
        "--person",
        "alice",
        "--since",
        "2024-01-01",
        "--until",
        "2024-12-31",
        "--format",
        "json",
    ]);
    let decisions: Vec<(Value, Value, Value)> = packet["decisions"]
        .as_array()
        .expect("decisions")
        .iter()
        .map(|d| (d["key"].clone(), d["date"].clone(), d["title"].clone()))
        .collect();
    assert_eq!(
        decisions,
        [
            (
                json!("1"),
                json!("2024-03-01"),
                json!("Use Markdown Architectural Decision Records")
            ),
            (
                json!("2"),
                json!("2024-04-01"),
                json!("Keep titles in the frontmatter")
            ),
        ]
    );
}

/// Backlog.md-like tasks: ids with capitals and dots, the team's own
/// heading for criteria, and the help that names it.
#[test]
fn task_tracker_ids_and_headings() {
    let task = |id: &str, criteria: &str| {
        format!(
            "---\nid: {id}\ntitle: Task {id}\nowner: alice\nstatus: In Progress\n---\n## Description\nWork.\n{criteria}"
        )
    };
    let repo = Repo::new()
        .file(
            "goalpost.yml",
            "paths:\n  projects: backlog/tasks/*.md\nstatuses:\n  proposed: [To Do]\n  active: [In Progress]\nsections:\n  criteria: [Acceptance Criteria]\n",
        )
        .file("backlog/tasks/back-100.md", &task("BACK-100", "\n## Acceptance Criteria\n- [ ] #1 3 users can log in\n"))
        .file("backlog/tasks/back-4.1.md", &task("BACK-4.1", "\n## Acceptance criteria:\n- [ ] #1 2 reports export\n"))
        .file("backlog/tasks/back-7.md", &task("BACK-7", ""))
        .file("backlog/tasks/bad.md", &task("a..b", "\n## Acceptance Criteria\n- [ ] 1 thing\n"));
    let (code, findings) = repo.check_json(&[]);
    assert_eq!(code, 1);
    assert_eq!(
        places(&findings),
        [
            crate::at("missing-success-criteria", "backlog/tasks/back-7.md", 7, 1),
            crate::at("invalid-value", "backlog/tasks/bad.md", 2, 5),
        ]
    );
    assert!(
        findings[0]["help"]
            .as_str()
            .is_some_and(|h| h.starts_with("add a `## Acceptance Criteria` section")),
        "{findings:?}"
    );
    let status = repo.ok_json(&["status", "--format", "json"]);
    let ids: Vec<&str> = status
        .as_array()
        .expect("rows")
        .iter()
        .filter_map(|r| r["id"].as_str())
        .collect();
    assert_eq!(ids, ["BACK-100", "BACK-4.1", "BACK-7", "a..b"]);
    // `new project` still proposes lowercase ids.
    let (code, _, err) = repo.run(&["new", "project", "BACK-101", "--owner", "alice"]);
    assert_eq!(code, 2);
    assert!(err.contains("did you mean `back-101`?"), "{err}");
}

/// EIP-like proposals: citations as GitHub footnotes (with an indented code
/// block), and links without `.md` as every site generator resolves them.
#[test]
fn footnotes_and_extensionless_links_are_not_broken() {
    let eip = "---\nid: eip-1\ntitle: Purpose and guidelines\nowner: alice\nstatus: active\n---\n## Success criteria\n- [ ] 3 editors review it\n\nSee [EIP-150](./eip-150), [EIP-15O](./eip-15O) and the paper[^1].\n\n[^1]:\n    ```csl-json\n    {\n      \"type\": \"article\"\n    }\n    ```\n";
    let repo = Repo::new()
        .file("projects/eip-1.md", eip)
        .file(
            "projects/eip-150.md",
            "---\nid: eip-150\ntitle: Gas costs\nowner: bob\nstatus: active\n---\n## Success criteria\n- [ ] 1 client ships it\n",
        );
    let (_, findings) = repo.check_json(&[]);
    let links: Vec<_> = findings
        .iter()
        .filter(|f| f["rule"] == "broken-link")
        .collect();
    assert_eq!(links.len(), 1, "{findings:?}");
    assert_eq!(
        links[0]["message"],
        "link `./eip-15O` points to a file that does not exist"
    );
    assert_eq!(links[0]["help"], "did you mean `./eip-150.md`?");
}

/// An EIP's life: words within one state (Review → Last Call) are history
/// too, and a past word no `statuses:` line maps is named, never dropped.
#[test]
fn past_status_words_are_kept_and_unmapped_ones_named() {
    let repo = Repo::new().file(
        "goalpost.yml",
        "statuses:\n  proposed: [Draft]\n  active: [Review, Last Call]\n  done: [Final]\n",
    );
    let git = repo.git();
    let eip = |status: &str| {
        format!(
            "---\nid: eip-145\ntitle: Bitwise shifting\nowner: alice\nstatus: {status}\n---\n## Success criteria\n- [ ] 2 clients ship it\n"
        )
    };
    for (day, status) in [
        ("2026-01-05", "Draft"),
        ("2026-02-05", "Review"),
        ("2026-03-05", "Last Call"),
        ("2026-04-05", "Final"),
        ("2026-05-05", "Accepted"),
        ("2026-06-05", "Final"),
    ] {
        repo.write("projects/eip-145.md", eip(status));
        commit_all(&git, &ten_am(day), "alice", status);
    }
    let (code, out, err) = repo.run(&["log", "eip-145", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let events: Vec<Value> = serde_json::from_str(&out).expect("json");
    let statuses: Vec<(Value, Value, Value, Value)> = events
        .iter()
        .map(|e| {
            (
                e["from"].clone(),
                e["to"].clone(),
                e["from_word"].clone(),
                e["to_word"].clone(),
            )
        })
        .collect();
    let n = Value::Null;
    assert_eq!(
        statuses,
        [
            (n.clone(), json!("proposed"), n.clone(), json!("Draft")),
            (
                json!("proposed"),
                json!("active"),
                json!("Draft"),
                json!("Review")
            ),
            (
                json!("active"),
                json!("active"),
                json!("Review"),
                json!("Last Call")
            ),
            (
                json!("active"),
                json!("done"),
                json!("Last Call"),
                json!("Final")
            ),
            (json!("done"), n.clone(), json!("Final"), json!("Accepted")),
            (n.clone(), json!("done"), json!("Accepted"), json!("Final")),
        ]
    );
    assert_eq!(err.matches("status `Accepted`").count(), 1, "{err}");
    assert!(
        err.contains("note: status `Accepted` (first in projects/eip-145.md at ")
            && err.contains("map it in goalpost.yml: `statuses: { <state>: [Accepted] }`"),
        "{err}"
    );
    let text = repo.ok(&["log", "eip-145"]);
    assert!(
        text.contains("status-changed      Review (active) → Last Call (active)"),
        "{text}"
    );
    assert!(
        text.contains("Final (done) → Accepted (unmapped)"),
        "{text}"
    );

    // Delivery is the change into done, not a later word within done.
    let (code, out, err) = repo.run(&[
        "packet",
        "--project",
        "eip-145",
        "--since",
        "2026-01-01",
        "--until",
        "2026-06-30",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let packet: Value = serde_json::from_str(&out).expect("json");
    assert_eq!(packet["projects"][0]["delivered"], "2026-04-05");
    assert!(err.contains("status `Accepted`"), "{err}");
    assert!(
        packet["notes"][0]
            .as_str()
            .is_some_and(|n| n.starts_with("status `Accepted`")),
        "{packet}"
    );
}
