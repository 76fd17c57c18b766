//! `check`: every rule, pinned to the exact line and column it reports.

use crate::{Repo, at, commit_all, places};

/// One repository that breaks every rule once (or twice, for pairs).
fn every_rule() -> Repo {
    Repo::new()
        .file(
            "goalpost.yml",
            "people:\n  alice: { name: Alice, team: search }\n  bob: { name: Bob, team: search }\n",
        )
        .file(
            "projects/alpha.md",
            "---\nid: alpha\ntitle: Alpha\nowner: alice\ncontributors: [bob, zed]\nstatus: done\ndue: 2026-01-10\ncheckin: weekly\ncolour: red\n---\n# Alpha\n\nSee [missing](nope.md).\n\n## Success criteria\n- [x] p95 < 200 ms\n- [ ] Make it nicer\n",
        )
        .file(
            "projects/beta.md",
            "---\nid: alpha\ntitle: Beta\nowner: bob\nstatus: active\ndue: 2026-02-30\ncreated: 2026-11-20\ntags: {a: 1}\n---\nNo criteria here.\n",
        )
        .file(
            "projects/gamma.md",
            "---\ntitle: Gamma\nowner: alice\nstatus: activ\n---\n## Success criteria\n- [ ] 3 customers onboarded\n",
        )
        .file(
            "projects/delta.md",
            "---\ntitle: Delta\nowner: alice\nstatus: active\ndue: 2026-10-01\ncheckin: weekly\n---\n## Success criteria\n- [ ] 5 teams use it\n",
        )
        .file(
            "projects/epsilon.md",
            "---\ntitle: Epsilon\nstatus: proposed\n---\n## Success criteria\n- [ ] 1 thing shipped\n",
        )
        .file("projects/zeta.md", "# Zeta\n")
        .file(
            "projects/theta.md",
            "---\ntitle: Theta\nowner: bob\nstatus: proposed\nowner: alice\n---\n## Success criteria\n- [ ] 2 things shipped\n",
        )
        .file(
            "projects/iota.md",
            "---\ntitle: Iota\nowner: bob\nstatus: proposed\n---\n## Success criteria\n\nTo be agreed.\n",
        )
        .file("projects/eta.md", "---\ntitle: [unclosed\n---\n")
        .bytes("projects/bad.md", b"---\ntitle: caf\xe9\n---\n")
        .file(
            "updates/2026-11-01-alice.md",
            "---\nauthor: alice\ndate: 2026-11-01\nprojects: [delta, omega]\n---\n",
        )
        .file("decisions/0001-a.md", "---\nstatus: superseded\n---\n# A\n")
        .file(
            "decisions/0002-b.md",
            "---\nstatus: accepted\ndeciders: [alice]\n---\n# B\n",
        )
        .file("decisions/0003-c.md", "---\nsupersedes: [2, 9]\n---\n# C\n")
        .file("decisions/0003-d.md", "---\n---\nNo title.\n")
        .file("README.md", "not a document: outside the globs\n")
}

#[test]
fn every_rule_points_at_the_offending_key_or_value() {
    let repo = every_rule();
    let (code, findings) = repo.check_json(&[]);
    assert_eq!(code, 1);
    let expected = vec![
        at("unknown-decision", "decisions/0003-c.md", 2, 17),
        at("superseded-without-successor", "decisions/0001-a.md", 2, 9),
        at("supersedes-mismatch", "decisions/0002-b.md", 2, 9),
        at("duplicate-id", "decisions/0003-c.md", 1, 1),
        at("duplicate-id", "decisions/0003-d.md", 1, 1),
        at("missing-field", "decisions/0003-d.md", 3, 1),
        at("unreadable-file", "projects/bad.md", 1, 1),
        at("unknown-person", "projects/alpha.md", 5, 21),
        at("unknown-field", "projects/alpha.md", 9, 1),
        at("broken-link", "projects/alpha.md", 13, 5),
        at("done-with-open-criteria", "projects/alpha.md", 17, 7),
        at("vague-criterion", "projects/alpha.md", 17, 7),
        at("duplicate-id", "projects/alpha.md", 2, 5),
        at("duplicate-id", "projects/beta.md", 2, 5),
        at("invalid-date", "projects/beta.md", 6, 6),
        at("invalid-type", "projects/beta.md", 8, 7),
        at("missing-success-criteria", "projects/beta.md", 10, 1),
        at("overdue", "projects/delta.md", 5, 6),
        at("stale-checkin", "projects/delta.md", 6, 10),
        at("missing-field", "projects/epsilon.md", 4, 1),
        at("yaml-syntax", "projects/eta.md", 2, 8),
        at("invalid-value", "projects/gamma.md", 4, 9),
        at("missing-success-criteria", "projects/iota.md", 6, 1),
        at("duplicate-key", "projects/theta.md", 5, 1),
        at("frontmatter-missing", "projects/zeta.md", 1, 1),
        at("unknown-project", "updates/2026-11-01-alice.md", 4, 19),
    ];
    let mut actual = places(&findings);
    let mut expected_sorted = expected.clone();
    actual.sort();
    expected_sorted.sort();
    assert_eq!(actual, expected_sorted);

    // Every rule of SPEC section 3 (and unreadable-file) is exercised here.
    let mut rules: Vec<&str> = expected.iter().map(|(r, ..)| r.as_str()).collect();
    rules.sort_unstable();
    rules.dedup();
    assert_eq!(rules.len(), 21, "{rules:?}");
}

#[test]
fn findings_carry_messages_help_and_end_positions() {
    let repo = every_rule();
    let (_, findings) = repo.check_json(&["projects/gamma.md"]);
    assert_eq!(findings.len(), 1);
    let f = &findings[0];
    assert_eq!(f["severity"], "error");
    assert_eq!(f["message"], "`activ` is not a valid `status`");
    assert!(
        f["help"]
            .as_str()
            .expect("help")
            .starts_with("did you mean `active`?")
    );
    assert_eq!(
        (f["end_line"].as_u64(), f["end_column"].as_u64()),
        (Some(4), Some(14))
    );
}

#[test]
fn paths_limit_the_report_but_not_cross_file_rules() {
    let repo = every_rule();
    let (_, findings) = repo.check_json(&["updates"]);
    assert_eq!(
        places(&findings),
        [at("unknown-project", "updates/2026-11-01-alice.md", 4, 19)]
    );
    let (_, findings) = repo.check_json(&["decisions/0002-b.md"]);
    assert_eq!(
        places(&findings),
        [at("supersedes-mismatch", "decisions/0002-b.md", 2, 9)]
    );
}

#[test]
fn a_clean_repository_passes() {
    let repo = Repo::new()
        .file(
            "projects/search-latency.md",
            "---\nid: search-latency\ntitle: Cut search p95 latency below 200 ms\nowner: alice\nstatus: active\ndue: 2026-12-15\n---\n# Cut latency\n\n## Success criteria\n- [x] p95 < 200 ms for 7 days\n- [ ] Error rate under 0.1%\n- [ ] ~~Fuzzy matching~~ dropped, see decision 12\n",
        )
        .file(
            "updates/2026/2026-11-20-alice.md",
            "---\nauthor: alice\ndate: 2026-11-20\nprojects: search-latency\nconfidence: at-risk\n---\n## Blockers\n- None\n",
        )
        .file(
            "decisions/0012-no-fuzzy.md",
            "---\nstatus: accepted\nprojects: [search-latency]\n---\n# Drop fuzzy matching\n",
        );
    let output = repo.cmd().arg("check").output().expect("run");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "0 errors, 0 warnings in 3 documents\n"
    );
}

#[test]
fn warnings_fail_only_under_deny_warnings() {
    let repo = Repo::new().file(
        "projects/p.md",
        "---\ntitle: P\nowner: a\nstatus: active\nnav_order: 3\n---\n## Success criteria\n- [ ] 1 user\n",
    );
    let (code, findings) = repo.check_json(&[]);
    assert_eq!((code, findings.len()), (0, 1));
    assert_eq!(findings[0]["severity"], "warning");
    let (code, _) = repo.check_json(&["--deny-warnings"]);
    assert_eq!(code, 1);
}

/// Without `created` or any update, a project's check-ins count from the
/// commit that added its file (SPEC 1.2), in a subfolder as well.
#[test]
fn stale_checkin_counts_from_the_commit_that_added_the_file() {
    let project = "---\ntitle: P\nowner: a\nstatus: active\ncheckin: monthly\n---\n## Success criteria\n- [ ] 1 user\n";
    let repo = Repo::new();
    let git = repo.git();
    repo.write("goals/goalpost.yml", "");
    repo.write("goals/projects/old.md", project);
    repo.write("goals/projects/renamed.md", project);
    commit_all(&git, "2026-09-01T10:00:00+00:00", "a", "start");
    // A later commit moves one file: its history starts again at the move.
    repo.remove("goals/projects/renamed.md");
    repo.write("goals/projects/moved.md", project);
    commit_all(&git, "2026-10-30T10:00:00+00:00", "a", "move");
    // Not committed yet: no date to count from.
    repo.write("goals/projects/new.md", project);
    let output = repo
        .cmd()
        .current_dir(repo.path().join("goals"))
        .args(["check", "--format", "json"])
        .output()
        .expect("run");
    let findings: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).expect("json");
    let stale: Vec<(&str, &str)> = findings
        .iter()
        .filter(|f| f["rule"] == "stale-checkin")
        .map(|f| {
            (
                f["path"].as_str().unwrap_or_default(),
                f["message"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        stale,
        [(
            "projects/old.md",
            "project `old` has had no update since it was created on 2026-09-01 (82 days; its check-in is every 30 days)"
        )]
    );
    let (code, out, err) = repo.run(&["--repo", "goals", "checkins", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let rows: Vec<serde_json::Value> = serde_json::from_str(&out).expect("json");
    let due: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| {
            (
                r["project"].as_str().unwrap_or_default(),
                r["due"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(due, [("old", "2026-10-01")]);
}

/// In a shallow clone the oldest commit is where history was cut, not where
/// a file was added: such a file has no date to count from.
#[test]
fn stale_checkin_does_not_date_files_at_a_shallow_cut() {
    let project = "---\ntitle: P\nowner: a\nstatus: active\ncheckin: monthly\n---\n## Success criteria\n- [ ] 1 user\n";
    let repo = Repo::new().file("projects/old.md", project);
    let git = repo.git();
    commit_all(&git, "2026-01-05T10:00:00+00:00", "a", "start");
    repo.write("README.md", "the team's goals\n");
    let cut = commit_all(&git, "2026-09-01T10:00:00+00:00", "a", "readme");
    let stale = |repo: &Repo| {
        let (_, findings) = repo.check_json(&[]);
        crate::places(&findings)
            .into_iter()
            .filter(|p| p.0 == "stale-checkin")
            .count()
    };
    assert_eq!(stale(&repo), 1);
    std::fs::write(repo.path().join(".git/shallow"), format!("{cut}\n")).expect("shallow");
    assert_eq!(stale(&repo), 0);
    // ... and says so, every time, instead of passing in silence.
    for args in [&["check"][..], &["checkins"][..]] {
        let (_, _, err) = repo.run(args);
        assert!(
            err.contains("note: this is a shallow clone, so git cannot tell when 1 project file was added (projects/old.md)")
                && err.contains("fetch-depth: 0"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn stale_checkin_honours_cadence_and_grace() {
    let project = |checkin: &str| {
        format!(
            "---\ntitle: P\nowner: a\nstatus: active\ncheckin: {checkin}\n---\n## Success criteria\n- [ ] 1 user\n"
        )
    };
    let update = "---\nauthor: a\ndate: 2026-11-10\nprojects: [weekly, biweekly, monthly, ten, never]\n---\n";
    // Today is 2026-11-22: 12 days since the update; grace is 2 days.
    let repo = Repo::new()
        .file("projects/weekly.md", &project("weekly"))
        .file("projects/biweekly.md", &project("biweekly"))
        .file("projects/monthly.md", &project("monthly"))
        .file("projects/ten.md", &project("10d"))
        .file("projects/never.md", &project("none"))
        .file("updates/u.md", update);
    let (_, findings) = repo.check_json(&[]);
    let mut stale: Vec<String> = findings
        .iter()
        .filter(|f| f["rule"] == "stale-checkin")
        .map(|f| f["path"].as_str().unwrap_or_default().to_owned())
        .collect();
    stale.sort();
    assert_eq!(stale, ["projects/weekly.md"]);
}

#[test]
fn missing_config_keys_use_defaults_and_git_root_is_found() {
    let repo = Repo::empty().file("projects/p.md", "# no frontmatter\n");
    std::fs::create_dir(repo.path().join(".git")).expect("mkdir .git");
    let output = repo
        .cmd()
        .current_dir(repo.path().join("projects"))
        .args(["check", "--format", "json"])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("\"path\": \"projects/p.md\""), "{text}");
}

#[test]
fn gitignored_and_unmatched_files_are_not_documents() {
    let repo = Repo::new()
        .file(".gitignore", "projects/drafts/\n")
        .file("projects/drafts/wip.md", "no frontmatter\n")
        .file("projects/notes.txt", "not markdown\n")
        .file("notes/x.md", "outside the globs\n");
    // None of them is a document, so there is nothing to check.
    let (code, _, err) = repo.run(&["check"]);
    assert_eq!(code, 2, "{err}");
    let (code, findings) = repo.check_json(&["--allow-empty"]);
    assert_eq!((code, findings.len()), (0, 0), "{findings:?}");
}

/// The monorepo trap: `check` from the git root of a repository whose goals
/// live in `goals/` used to pass having checked nothing.
#[test]
fn a_check_that_selects_nothing_fails_and_points_at_the_goal_repository() {
    let repo = Repo::empty().file("goals/goalpost.yml", "").file(
        "goals/projects/p.md",
        "---
title: P
owner: a
status: active
---
## Success criteria
- [ ] 1 user
",
    );
    repo.git();
    let (code, out, err) = repo.run(&["check"]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(
        err.contains("error: no document to check: nothing under ")
            && err.contains("matches `projects/**/*.md`, `updates/**/*.md`, `decisions/**/*.md`"),
        "{err}"
    );
    assert!(
        err.contains(
            "help: goals/goalpost.yml found in a subfolder: run `goalpost --repo goals check`"
        ),
        "{err}"
    );
    let (code, _, err) = repo.run(&["check", "--allow-empty"]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = repo.run(&["--repo", "goals", "check"]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn configured_globs_statuses_sections_and_severities_apply() {
    let repo = Repo::new()
        .file(
            "goalpost.yml",
            "paths:\n  projects: [work/*.md]\n  decisions: docs/adr/*.md\nstatuses:\n  done: [shipped]\nsections:\n  criteria: [Definition of done]\nrules:\n  vague-criterion: error\n  unknown-field: off\n",
        )
        .file(
            "work/p.md",
            "---\ntitle: P\nowner: a\nstatus: Shipped\nlayout: x\n---\n## Definition of Done\n- [ ] better\n",
        )
        .file("docs/adr/0001-x.md", "---\nparent: Decisions\n---\n# X\n");
    let (code, findings) = repo.check_json(&[]);
    assert_eq!(code, 1);
    let mut found: Vec<_> = findings
        .iter()
        .map(|f| (f["rule"].as_str(), f["severity"].as_str()))
        .collect();
    found.sort();
    assert_eq!(
        found,
        [
            (Some("done-with-open-criteria"), Some("error")),
            (Some("vague-criterion"), Some("error")),
        ]
    );
}

#[test]
fn madr_decisions_validate_without_edits() {
    let repo = Repo::new()
        .file("decisions/0001-record-architecture-decisions.md", "# 1. Record architecture decisions\n\nDate: 2026-01-01\n")
        .file(
            "decisions/0002-use-postgres.md",
            "---\nstatus: \"superseded by [ADR-0003](0003-use-redis.md)\"\ndate: 2026-02-01\ndeciders: [alice, bob]\nconsulted: [dana]\ninformed: [team-search]\n---\n# Use Postgres\n\n## Context and Problem Statement\n",
        )
        .file(
            "decisions/0003-use-redis.md",
            "---\nstatus: accepted\nsupersedes: [2]\n---\n# Use Redis\n",
        );
    let (code, findings) = repo.check_json(&[]);
    assert_eq!((code, findings.len()), (0, 0), "{findings:?}");
}

#[test]
fn crlf_and_bom_keep_positions() {
    let repo = Repo::new().bytes(
        "projects/p.md",
        "\u{feff}---\r\ntitle: P\r\nowner: a\r\nstatus: actve\r\n---\r\n## Success criteria\r\n- [ ] 1 user\r\n"
            .as_bytes(),
    );
    let (_, findings) = repo.check_json(&[]);
    assert_eq!(
        places(&findings),
        [at("invalid-value", "projects/p.md", 4, 9)]
    );
    assert_eq!(findings[0]["end_column"], 14);
}

/// `yaml-syntax` points where the parser stopped, on the right line, in
/// every format (it used to point at line 2 whatever the error).
#[test]
fn yaml_syntax_errors_point_at_the_parsers_position() {
    let repo = Repo::new()
        .file(
            "projects/colon.md",
            "---\nid: colon\ntitle: Refunds: self-serve API\nowner: alice\n---\n",
        )
        .file(
            "projects/bracket.md",
            "---\nid: bracket\ntitle: B\nowner: alice\nstatus: active\ncheckin: weekly\ndue: 2026-12-01\ncreated: 2026-01-01\ncontributors: []\ntags: [x\n---\n",
        )
        .file(
            "projects/tab.md",
            "---\nid: tab\ntitle: T\nowner: alice\nstatus: active\ndue: 2026-12-01\ncreated: 2026-01-01\ncheckin: weekly\ncontributors: []\ntags: []\n\tnote: x\n---\n",
        )
        .file(
            "updates/2026-11-20-alice.md",
            "---\nauthor: @alice\ndate: 2026-11-20\n---\n",
        );
    let (code, findings) = repo.check_json(&[]);
    assert_eq!(code, 1);
    assert_eq!(
        places(&findings),
        [
            at("yaml-syntax", "projects/bracket.md", 10, 7),
            at("yaml-syntax", "projects/colon.md", 3, 15),
            at("yaml-syntax", "projects/tab.md", 11, 1),
            at("yaml-syntax", "updates/2026-11-20-alice.md", 2, 9),
        ]
    );
    assert!(
        findings[3]["message"]
            .as_str()
            .is_some_and(|m| m.contains("put the value in quotes")),
        "{findings:?}"
    );
    // The human format shows the line itself.
    let (_, out, _) = repo.run(&["check", "--color", "never"]);
    assert!(out.contains("3 | title: Refunds: self-serve API"), "{out}");
    assert!(out.contains("--> projects/bracket.md:10:7"), "{out}");
}

/// A blocker is read under `## Blockers:` or `## Blocker`; prose where a
/// list belongs, or a heading one letter off, is a `not-a-list` finding
/// instead of a blocker that silently vanishes.
#[test]
fn blockers_never_vanish_silently() {
    let project = "---\nid: search\ntitle: Search\nowner: alice\nstatus: active\ncreated: 2026-11-01\n---\n## Success criteria\n- [ ] p95 < 200 ms\n";
    let update = |author: &str, date: &str, body: &str| {
        format!("---\nauthor: {author}\ndate: {date}\nprojects: [search]\n---\n{body}")
    };
    let repo = Repo::new()
        .file("projects/search.md", project)
        .file(
            "updates/2026-11-20-alice.md",
            &update("alice", "2026-11-20", "## Blockers:\n- Waiting on infra\n"),
        )
        .file(
            "updates/2026-11-20-bob.md",
            &update(
                "bob",
                "2026-11-20",
                "## Blocker\nWaiting on the DB team.\n\n## Asks\nNone.\n",
            ),
        )
        .file(
            "updates/2026-11-20-chen.md",
            &update(
                "chen",
                "2026-11-20",
                "## Progress\n- ok\n\n## Blokers\n- lost\n",
            ),
        );
    let blockers = repo.ok_json(&["blockers", "--format", "json"]);
    let texts: Vec<&str> = blockers
        .as_array()
        .expect("rows")
        .iter()
        .filter_map(|b| b["text"].as_str())
        .collect();
    assert_eq!(texts, ["Waiting on infra"]);

    let (code, findings) = repo.check_json(&[]);
    assert_eq!(code, 0, "{findings:?}");
    assert_eq!(
        places(&findings),
        [
            at("not-a-list", "updates/2026-11-20-bob.md", 7, 1),
            at("not-a-list", "updates/2026-11-20-chen.md", 9, 1),
        ]
    );
    assert_eq!(findings[1]["help"], "did you mean `## Blockers`?");
    assert_eq!(findings[0]["severity"], "warning");
}

/// An update dated apart from its file name, or after today, would stand
/// as the newest update and hide a late check-in.
#[test]
fn update_dates_agree_with_the_file_name_and_today() {
    let update = |date: &str| {
        format!("---\nauthor: alice\ndate: {date}\nprojects: [search]\n---\n## Blockers\n- None\n")
    };
    let repo = Repo::new()
        .file(
            "projects/search.md",
            "---\nid: search\ntitle: Search\nowner: alice\nstatus: active\ncreated: 2026-11-01\n---\n## Success criteria\n- [ ] p95 < 200 ms\n",
        )
        .file("updates/2026-11-20-alice.md", &update("2026-11-21"))
        .file("updates/2026-11-30-alice.md", &update("2026-11-30"))
        .file("updates/2026-11-21-alice-late.md", &update("2026-11-21"))
        .file("updates/notes-alice.md", &update("2026-11-19"));
    let (_, findings) = repo.check_json(&[]);
    let dated: Vec<_> = places(&findings)
        .into_iter()
        .filter(|f| f.0 == "update-date")
        .collect();
    assert_eq!(
        dated,
        [
            at("update-date", "updates/2026-11-20-alice.md", 3, 7),
            at("update-date", "updates/2026-11-30-alice.md", 3, 7),
        ]
    );
    let messages: Vec<&str> = findings
        .iter()
        .filter(|f| f["rule"] == "update-date")
        .filter_map(|f| f["message"].as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "this update is dated 2026-11-21 but its file name says 2026-11-20",
            "this update is dated 2026-11-30, 8 days after today (2026-11-22)",
        ]
    );
}

/// The README's example of `check` is what `check` prints, byte for byte,
/// for the project it describes: a misspelt status, a vague criterion.
#[test]
fn the_readme_shows_check_as_it_is() {
    let repo = Repo::new().file(
        "projects/search-latency.md",
        "---\ntitle: Cut search p95 latency below 200 ms\nowner: alice\nstatus: actve\ndue: 2027-12-15\n---\n# Cut search p95 latency below 200 ms\n\n## Success criteria\n- [ ] p95 search latency < 200 ms on the production dashboard for 7 consecutive days\n- [ ] Search feels faster\n",
    );
    let (code, out, err) = repo.run(&["check"]);
    assert_eq!(code, 1, "{err}");
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let shown = readme
        .split("```console\n$ goalpost check\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("the README shows `$ goalpost check`");
    assert_eq!(shown, out);
}
