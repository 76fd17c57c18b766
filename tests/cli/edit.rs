//! `set`, `tick` and `untick`: only the value's bytes change, and an edit
//! that would add an error writes nothing.

use crate::Repo;

const ROSTER: &str = "people:\n  ana: { name: Ana }\n  bo: { name: Bo }\n";

/// A project written the way people write: a byte-order mark, CRLF, a
/// comment after a value, quoted values, keys in an odd order, a
/// withdrawn criterion and a numbered list.
const ODD: &str = "\u{feff}---\r\n# who asked: the search guild\r\nstatus: 'active'   # agreed 2026-11-02\r\ntitle: \"Faster search\"\r\nowner: \"ana\"\r\ncreated: 2026-11-01\r\n---\r\n# Faster search\r\n\r\nSome *context*.\r\n\r\n## Success criteria\r\n- [ ] p95 below 200 ms\r\n  * [ ] nested, not a criterion of its own\r\n- [x] Error rate under 0.1%\r\n- [ ] ~~fuzzy matching~~ dropped\r\n\r\nTrailing words.\r\n";

fn odd() -> Repo {
    Repo::new()
        .file("goalpost.yml", ROSTER)
        .file("projects/search.md", ODD)
}

fn bytes(repo: &Repo, path: &str) -> Vec<u8> {
    std::fs::read(repo.path().join(path)).expect("readable")
}

#[test]
fn set_changes_only_the_values_bytes() {
    let repo = odd();
    let out = repo.ok(&["set", "search", "status", "blocked"]);
    assert_eq!(out, "projects/search.md:3: status: active → blocked\n");
    let want = ODD.replace("status: 'active'", "status: 'blocked'");
    assert_eq!(bytes(&repo, "projects/search.md"), want.as_bytes());

    repo.ok(&["set", "search", "owner", "bo"]);
    let want = want.replace("owner: \"ana\"", "owner: \"bo\"");
    assert_eq!(bytes(&repo, "projects/search.md"), want.as_bytes());

    // A field that is not there becomes the frontmatter's last line, with
    // the file's own line ending.
    let out = repo.ok(&["set", "search", "due", "2026-12-18"]);
    assert_eq!(out, "projects/search.md:7: due: (none) → 2026-12-18\n");
    let want = want.replace(
        "created: 2026-11-01\r\n---",
        "created: 2026-11-01\r\ndue: 2026-12-18\r\n---",
    );
    assert_eq!(bytes(&repo, "projects/search.md"), want.as_bytes());

    repo.ok(&["set", "search", "due", "2027-01-08"]);
    let want = want.replace("due: 2026-12-18", "due: 2027-01-08");
    assert_eq!(bytes(&repo, "projects/search.md"), want.as_bytes());
    let (code, _, _) = repo.run(&["check"]);
    assert_eq!(code, 0);
}

#[test]
fn tick_and_untick_change_one_character() {
    let repo = odd();
    let out = repo.ok(&["tick", "search", "P95"]);
    assert_eq!(
        out,
        "projects/search.md:13: criterion 1 met: p95 below 200 ms\n"
    );
    let want = ODD.replace("- [ ] p95", "- [x] p95");
    assert_eq!(bytes(&repo, "projects/search.md"), want.as_bytes());

    // Ticking what is met already changes nothing, and says so.
    let out = repo.ok(&["tick", "search", "2"]);
    assert_eq!(
        out,
        "projects/search.md:15: unchanged: criterion 2 met: Error rate under 0.1%\n"
    );
    assert_eq!(bytes(&repo, "projects/search.md"), want.as_bytes());

    repo.ok(&["untick", "search", "2"]);
    let want = want.replace("- [x] Error", "- [ ] Error");
    assert_eq!(bytes(&repo, "projects/search.md"), want.as_bytes());
}

#[test]
fn criteria_are_named_by_number_or_one_unique_prefix() {
    let repo = Repo::new().file("goalpost.yml", ROSTER).file(
        "projects/a.md",
        "---\nowner: ana\nstatus: active\n---\n## Success criteria\n- [ ] Latency a\n- [ ] Latency b\n- [ ] ~~old~~ dropped\n",
    );
    let before = bytes(&repo, "projects/a.md");
    let err = repo.refused(&["tick", "a", "latency"]);
    assert!(err.contains("`latency` starts 2 criteria of a"), "{err}");
    let err = repo.refused(&["tick", "a", "4"]);
    assert!(
        err.contains("a has 3 criteria; there is no criterion 4"),
        "{err}"
    );
    let err = repo.refused(&["tick", "a", "3"]);
    assert!(
        err.contains("criterion 3 of projects/a.md is withdrawn"),
        "{err}"
    );
    let err = repo.refused(&["tick", "a", "nope"]);
    assert!(
        err.contains("the criteria are: 1 Latency a; 2 Latency b; 3 old dropped"),
        "{err}"
    );
    let err = repo.refused(&["set", "a", "status", "donne"]);
    assert!(err.contains("did you mean `done`?"), "{err}");
    let err = repo.refused(&["set", "a", "due", "2026-02-30"]);
    assert!(err.contains("not a real date"), "{err}");
    let err = repo.refused(&["set", "b", "status", "done"]);
    assert!(err.contains("unknown project `b`"), "{err}");
    assert_eq!(bytes(&repo, "projects/a.md"), before);
    repo.ok(&["tick", "a", "latency B"]);
    assert!(repo.read("projects/a.md").contains("- [x] Latency b"));
}

#[test]
fn an_edit_that_would_add_an_error_writes_nothing() {
    let repo = odd();
    let (code, out, err) = repo.run(&["set", "search", "status", "done"]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(out, "");
    assert!(err.contains("error[done-with-open-criteria]"), "{err}");
    assert!(err.contains("projects/search.md:13:"), "{err}");
    assert!(
        err.contains(
            "error: not written: projects/search.md would add 1 error (status: active → done)"
        ),
        "{err}"
    );
    assert_eq!(bytes(&repo, "projects/search.md"), ODD.as_bytes());

    let (code, _, err) = repo.run(&["set", "search", "owner", "zed"]);
    assert_eq!(code, 1);
    assert!(err.contains("error[unknown-person]"), "{err}");
    assert_eq!(bytes(&repo, "projects/search.md"), ODD.as_bytes());

    // Errors already there do not stop an edit; only new ones do.
    repo.write(
        "projects/other.md",
        "---\nowner: ghost\nstatus: active\n---\n## Success criteria\n- [ ] x\n",
    );
    repo.ok(&["set", "search", "status", "blocked"]);
    repo.ok(&["set", "other", "status", "blocked"]);
    assert!(repo.read("projects/other.md").contains("status: blocked"));
}

#[test]
fn a_value_that_yaml_would_misread_is_quoted() {
    let repo = Repo::new()
        .file(
            "goalpost.yml",
            "people:\n  ana: { name: Ana }\nstatuses:\n  active: [active, \"on: hold\"]\n",
        )
        .file(
            "projects/a.md",
            "---\nowner: ana\nstatus: active\n---\n## Success criteria\n- [ ] x\n",
        );
    let (code, _, err) = repo.run(&["set", "a", "status", "on: hold"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        repo.read("projects/a.md")
            .contains("status: \"on: hold\"\n")
    );
}

const MEASURED: &str = "---\ntitle: Support\nowner: ana\nstatus: active\nmeasures:\n  - { id: fcr, name: First-contact resolution, unit: \"%\", baseline: 61, target: 70 }\n  - { id: backlog, name: Refund backlog, baseline: 200, target: 50 }\n---\n";

/// An update with CRLF, a comment, a value in long form and another
/// project: `report` changes the value's bytes, or adds one line indented
/// as the others, or the mapping when there is none.
const UPDATE: &str = "---\r\nauthor: ana\r\ndate: 2026-11-22\r\nprojects: [support, search]\r\nmeasures:\r\n    support/backlog: { value: 140, as_of: 2026-11-20 }   # from the CRM\r\n---\r\n## Progress\r\n- Macros are live\r\n";

#[test]
fn report_writes_a_value_into_the_days_update() {
    let repo = odd()
        .file("projects/support.md", MEASURED)
        .file("updates/2026-11-22-ana.md", UPDATE)
        .file(
            "updates/2026-11-21-ana.md",
            "---\nauthor: ana\ndate: 2026-11-21\nprojects: [support]\n---\n## Progress\n- Started\n",
        );
    let path = "updates/2026-11-22-ana.md";
    // The value there is as of a date: a new number without one would
    // wear the old date, so it is refused.
    let err = repo.refused(&["report", "support", "backlog", "120", "--author", "ana"]);
    assert_eq!(
        err,
        format!(
            "error: {path}:6: the value there, 140, is as of 2026-11-20; say when the new one is true\n  help: add `--as-of YYYY-MM-DD`, e.g. `--as-of 2026-11-22`\n"
        )
    );
    let out = repo.ok(&[
        "report",
        "support",
        "backlog",
        "120",
        "--author",
        "ana",
        "--as-of",
        "2026-11-21",
    ]);
    assert_eq!(
        out,
        format!("{path}:6: support backlog: 140 → 120 as of 2026-11-21\n")
    );
    let want = UPDATE.replace(
        "{ value: 140, as_of: 2026-11-20 }",
        "{ value: 120, as_of: 2026-11-21 }",
    );
    assert_eq!(bytes(&repo, path), want.as_bytes());

    // Not reported yet: a line before the first, with its indentation and
    // the file's line ending; the update names two projects, so the key
    // says whose measure it is.
    let out = repo.ok(&["report", "support", "fcr", "66.5", "--author", "ana"]);
    assert_eq!(out, format!("{path}:6: support fcr: (none) → 66.5\n"));
    let want = want.replace(
        "measures:\r\n    support/backlog",
        "measures:\r\n    support/fcr: 66.5\r\n    support/backlog",
    );
    assert_eq!(bytes(&repo, path), want.as_bytes());

    // A plain value given a date takes the long form.
    let out = repo.ok(&[
        "report",
        "support",
        "fcr",
        "67",
        "--author",
        "ana",
        "--as-of",
        "2026-11-21",
    ]);
    assert_eq!(
        out,
        format!("{path}:6: support fcr: 66.5 → 67 as of 2026-11-21\n")
    );
    let want = want.replace(
        "support/fcr: 66.5",
        "support/fcr: { value: 67, as_of: 2026-11-21 }",
    );
    assert_eq!(bytes(&repo, path), want.as_bytes());

    // No `measures:` at all: the mapping becomes the frontmatter's end.
    let out = repo.ok(&[
        "report",
        "support",
        "fcr",
        "64",
        "--author",
        "ana",
        "--date",
        "2026-11-21",
    ]);
    assert_eq!(
        out,
        "updates/2026-11-21-ana.md:6: support fcr: (none) → 64\n"
    );
    assert_eq!(
        repo.read("updates/2026-11-21-ana.md"),
        "---\nauthor: ana\ndate: 2026-11-21\nprojects: [support]\nmeasures:\n  fcr: 64\n---\n## Progress\n- Started\n"
    );
    let status = repo.ok_json(&["status", "--format", "json"]);
    let support = status
        .as_array()
        .and_then(|rows| rows.iter().find(|r| r["id"] == "support"))
        .cloned()
        .unwrap_or_default();
    assert_eq!(support["measures_total"], 2, "{support}");
    repo.ok(&["check"]);

    // Nowhere to report: no update that day. An unknown measure and a value
    // that is not a number are refused before anything is read twice.
    let before = bytes(&repo, path);
    let err = repo.refused(&[
        "report",
        "support",
        "fcr",
        "70",
        "--author",
        "ana",
        "--date",
        "2026-11-23",
    ]);
    assert_eq!(
        err,
        "error: no update by ana on 2026-11-23 is about `support`, so there is nowhere to report the value\n  help: write the day's update with the value: `goalpost new update --project support --author ana --date 2026-11-23 --measure fcr=70`\n"
    );
    let err = repo.refused(&["report", "support", "fcrr", "70", "--author", "ana"]);
    assert!(err.contains("did you mean `fcr`?"), "{err}");
    let err = repo.refused(&["report", "support", "fcr", "70%", "--author", "ana"]);
    assert!(err.contains("`70%` is not a number"), "{err}");
    let err = repo.refused(&["report", "search", "fcr", "70", "--author", "ana"]);
    assert!(
        err.contains("project `search` has no measures to report"),
        "{err}"
    );
    assert_eq!(bytes(&repo, path), before, "nothing written");
}
