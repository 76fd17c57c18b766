//! Recognitions (#28): a document kind of their own, validated like the
//! others, written by `new recognition`, and counted by the audit as
//! `recognized`, with no person's figure.

use serde_json::json;

use crate::{Repo, places};

const ROSTER: &str = "people:\n  alice: { location: remote }\n  bob: { location: office }\n";

#[test]
fn new_recognition_writes_a_document_that_checks_clean() {
    let repo = Repo::new()
        .file("goalpost.yml", ROSTER)
        .file(
            "projects/search.md",
            "---\ntitle: Search\nowner: alice\nstatus: active\n---\n## Success criteria\n- [ ] p95 < 200 ms\n",
        );
    let (code, out, err) = repo.once(&[
        "--today",
        "2026-11-20",
        "new",
        "recognition",
        "Kept search up: the migration",
        "--person",
        "alice",
        "--by",
        "bob",
        "--project",
        "search",
        "--kind",
        "spot-bonus",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out.trim(),
        "recognitions/2026-11-20-kept-search-up-the-migration.md"
    );
    assert_eq!(
        repo.read("recognitions/2026-11-20-kept-search-up-the-migration.md"),
        "---\ndate: 2026-11-20\npeople: [alice]\nby: bob\nprojects: [search]\nkind: spot-bonus\n---\n# Kept search up: the migration\n\nWhat they did, and why it mattered to the team.\n"
    );
    let (code, out, _) = repo.once(&["--today", "2026-11-20", "check"]);
    assert_eq!(code, 0, "{out}");

    // Someone not in the roster is refused, with the nearest handle.
    let (code, _, err) = repo.once(&["new", "recognition", "Thanks", "--person", "alicee"]);
    assert_eq!(code, 2);
    assert!(err.contains("`alicee` is not in the roster"), "{err}");
    assert!(err.contains("alice"), "{err}");
    let (code, _, err) = repo.once(&[
        "new",
        "recognition",
        "Thanks",
        "--person",
        "alice",
        "--kind",
        "two words",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("is not one word"), "{err}");
}

#[test]
fn recognitions_are_checked_at_their_lines() {
    let repo = Repo::new()
        .file("goalpost.yml", ROSTER)
        .file(
            "recognitions/2026-08-01-a.md",
            "---\ndate: 2026-08-01\npeople: [alice, zed]\nby: bbo\nprojects: [nope]\ncolour: red\n---\n# A\n",
        )
        .file("recognitions/2026-08-02-b.md", "---\ndate: 2026-02-30\n---\n# B\n");
    let (code, out, _) = repo.once(&["check", "--format", "json"]);
    assert_eq!(code, 1, "{out}");
    let json: serde_json::Value = serde_json::from_str(&out).expect("json");
    let found = places(json.as_array().expect("findings"));
    for expected in [
        ("unknown-person", "recognitions/2026-08-01-a.md", 3, 17),
        ("unknown-person", "recognitions/2026-08-01-a.md", 4, 5),
        ("unknown-project", "recognitions/2026-08-01-a.md", 5, 12),
        ("unknown-field", "recognitions/2026-08-01-a.md", 6, 1),
        ("invalid-date", "recognitions/2026-08-02-b.md", 2, 7),
        ("missing-field", "recognitions/2026-08-02-b.md", 3, 1),
    ] {
        assert!(
            found
                .iter()
                .any(|f| (f.0.as_str(), f.1.as_str(), f.2, f.3) == expected),
            "{expected:?} in {found:?}"
        );
    }
    // The schema says the same fields.
    let schema = repo.ok_json(&["schema", "recognition"]);
    let mut fields: Vec<&str> = schema["properties"]
        .as_object()
        .expect("properties")
        .keys()
        .map(String::as_str)
        .collect();
    fields.sort_unstable();
    assert_eq!(fields, ["by", "date", "kind", "people", "projects"]);
    assert_eq!(schema["required"], json!(["date", "people"]));
}

/// The audit's scripted history (tests/cli/audit.rs) with recognitions:
/// 08-01 oksana and rahel, 09-15 rosa, raquel and ryoko; olaf's on 06-30 is
/// before the period, otto's on 10-02 after it, bruno's (berlin) in a group
/// too small to report.
#[test]
fn the_audit_counts_who_is_recognized() {
    let repo = crate::audit::scripted();
    for (name, date, people) in [
        ("a", "2026-08-01", "[oksana, rahel]"),
        ("b", "2026-09-15", "[rosa, raquel, ryoko]"),
        ("c", "2026-06-30", "[olaf]"),
        ("d", "2026-10-02", "[otto]"),
        ("e", "2026-08-20", "[bruno]"),
    ] {
        repo.write(
            &format!("recognitions/{date}-{name}.md"),
            format!("---\ndate: {date}\npeople: {people}\nkind: kudos\n---\n# Thanks\n"),
        );
    }
    let audit = repo.ok_json(&["audit", "--format", "json"]);
    let recognized = |group: &str| {
        audit["groups"]
            .as_array()
            .expect("groups")
            .iter()
            .find(|g| g["group"] == group)
            .map(|g| g["opportunities"]["recognized"].clone())
            .unwrap_or_default()
    };
    // office 1 of 6, remote 4 of 6: (1/6) / (4/6) = 0.25.
    assert_eq!(
        recognized("office"),
        json!({"selected": 1, "rate": 0.167, "impact_ratio": 0.25, "flagged": true})
    );
    assert_eq!(
        recognized("remote"),
        json!({"selected": 4, "rate": 0.667, "impact_ratio": 1.0, "flagged": false})
    );
    // Fisher's exact test of [[1, 5], [4, 2]]: p = 0.2424… (scipy); 0.8 ·
    // 4/6 · 6 = 3.2, so 4 of 6: 3 more.
    let finding = audit["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["opportunity"] == "recognized")
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        finding,
        json!({"group": "office", "opportunity": "recognized", "impact_ratio": 0.25, "reference": "remote",
               "outcomes_comparable": false, "p_value": 0.242, "significant": false, "shortfall": 3, "fragile": false})
    );
    let md = repo.ok(&["audit"]);
    assert!(
        md.contains("| group | people | led a project | stretch work | decider | recognized |"),
        "{md}"
    );
    // No recognition names anyone in any format: file names and all.
    for format in ["md", "html", "json"] {
        let text = repo.ok(&["audit", "--format", format]);
        assert!(!text.contains("recognitions/"), "{text}");
        assert!(!text.contains("kudos"), "{text}");
    }
}
