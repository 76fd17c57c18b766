//! Measures (key results): their format as `check` reads it, every finding
//! at its line, and the rules that look across documents.

use crate::{Repo, at, places};

const PROJECT: &str = "---
title: Resolve more on first contact
owner: alice
status: done
measures:
  - id: fcr
    name: First-contact resolution
    unit: \"%\"
    baseline: 61
    target: 70
  - id: backlog
    name: Refund backlog
    baseline: 200
    target: 50
  - id: csat
    name: CSAT
    baseline: 4.5
    target: 4.5
  - id: fcr
    name: Again
    baseline: 1
    target: 2
  - name: No id
    baseline: high
---
Nothing to tick: the measures say what done means.
";

#[test]
fn every_measure_finding_is_at_its_line() {
    let repo = Repo::new()
        .file("goalpost.yml", "people:\n  alice: { name: Alice }\n")
        .file("projects/support.md", PROJECT)
        .file(
            "projects/refunds.md",
            "---\ntitle: Refunds\nowner: alice\nstatus: active\nmeasures:\n  - { id: backlog, name: Backlog, baseline: 200, target: 50 }\n---\n",
        )
        .file(
            "updates/2026-11-20-alice.md",
            "---\nauthor: alice\ndate: 2026-11-20\nprojects: [support]\nmeasures:\n  fcr: \"64.5%\"\n  backlog: { value: 40, as_of: 2026-11-14 }\n  fcrr: 3\n  refunds/backlog: 120\n---\n",
        )
        .file(
            "updates/2026-11-21-alice.md",
            "---\nauthor: alice\ndate: 2026-11-21\nprojects: [support, refunds]\nmeasures:\n  backlog: 1\n  refunds/backlog: 150\n  support/fcr: 66\n---\n",
        );
    let (code, findings) = repo.check_json(&[]);
    assert_eq!(code, 1);
    let mut found = places(&findings);
    found.sort();
    let mut expected = vec![
        // The project: done with `fcr` short of 70 (66, the latest), `csat`
        // never reported; a target equal to its baseline; a duplicate id; a
        // measure with no id and no target, and a baseline that is a word.
        at("done-with-unmet-measures", "projects/support.md", 6, 9),
        at("done-with-unmet-measures", "projects/support.md", 15, 9),
        at("invalid-value", "projects/support.md", 18, 13),
        at("duplicate-id", "projects/support.md", 19, 9),
        at("missing-field", "projects/support.md", 23, 5),
        at("missing-field", "projects/support.md", 23, 5),
        at("invalid-type", "projects/support.md", 24, 15),
        // The first update: a unit in the number, a typo of a measure id, a
        // project it does not name.
        at("invalid-type", "updates/2026-11-20-alice.md", 6, 8),
        at("unknown-measure", "updates/2026-11-20-alice.md", 8, 3),
        at("unknown-measure", "updates/2026-11-20-alice.md", 9, 3),
        // The second names two projects: a bare id does not say whose.
        at("invalid-value", "updates/2026-11-21-alice.md", 6, 3),
    ];
    expected.sort();
    assert_eq!(found, expected, "{findings:#?}");
    let message = |rule: &str, line: u64| {
        findings
            .iter()
            .find(|f| f["rule"] == rule && f["line"] == line)
            .map(|f| {
                format!(
                    "{} | {}",
                    f["message"].as_str().unwrap_or(""),
                    f["help"].as_str().unwrap_or("")
                )
            })
            .unwrap_or_default()
    };
    assert_eq!(
        message("invalid-type", 6),
        "`fcr` must be a number, found `64.5%` | write the number; the unit is the project's"
    );
    assert!(
        message("unknown-measure", 8).contains("did you mean `fcr`?"),
        "{}",
        message("unknown-measure", 8)
    );
    assert!(
        message("done-with-unmet-measures", 6).contains("`fcr` is 66% (as of 2026-11-21, in updates/2026-11-21-alice.md), short of its target 70%"),
        "{}",
        message("done-with-unmet-measures", 6)
    );
    // `backlog` reached 50 from 200 (40 as of 14 Nov): no finding for it,
    // and no `missing-success-criteria`: the measures say what done means.
}
