//! Measures (key results): their format as `check` reads it, every finding
//! at its line, and the rules that look across documents.

use serde_json::json;

use crate::{Repo, at, commit_all, places};

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
    let status = repo.ok_json(&["status", "--format", "json"]);
    let support = status
        .as_array()
        .and_then(|rows| rows.iter().find(|r| r["id"] == "support"))
        .expect("support");
    assert_eq!(
        (&support["measures_met"], &support["measures_total"]),
        (&json!(1), &json!(3))
    );
    assert!(repo.ok(&["status"]).contains("  1/3 measures  "));
}

fn support(backlog_target: u32) -> String {
    format!(
        "---\ntitle: Support\nowner: alice\nstatus: active\nmeasures:\n  - {{ id: fcr, name: First-contact resolution, unit: \"%\", baseline: 61, target: 70 }}\n  - {{ id: backlog, name: Refund backlog, baseline: 200, target: {backlog_target} }}\n  - {{ id: csat, name: CSAT, baseline: 4.2, target: 4.5 }}\n---\n"
    )
}

fn update(date: &str, projects: &str, measures: &str) -> String {
    format!("---\nauthor: alice\ndate: {date}\nprojects: [{projects}]\nmeasures:\n{measures}---\n")
}

/// A scripted quarter: values reported out of commit order (`as_of`), a
/// measure met and fallen back, a target moved mid-period, progress below
/// 0 and above 1, two projects in one update.
#[test]
fn packets_follow_each_measure_through_history() {
    let repo = Repo::new()
        .file("goalpost.yml", "people:\n  alice: { name: Alice }\n")
        .file("projects/support.md", &support(50))
        .file(
            "projects/refunds.md",
            "---\ntitle: Refunds\nowner: alice\nstatus: active\nmeasures:\n  - { id: queue, name: Queue, baseline: 10, target: 5 }\n---\n",
        );
    let git = repo.git();
    let mut commits = vec![commit_all(&git, "2026-07-01T10:00:00Z", "alice", "start")];
    let mut step = |when: &str, path: &str, text: &str| {
        repo.write(path, text);
        commits.push(commit_all(&git, when, "alice", path));
    };
    step(
        "2026-07-10T10:00:00Z",
        "updates/2026-07-10-alice.md",
        &update("2026-07-10", "support", "  fcr: 64\n"),
    );
    step(
        "2026-07-20T10:00:00Z",
        "updates/2026-07-20-alice.md",
        &update("2026-07-20", "support", "  fcr: 71\n  backlog: 120\n"),
    );
    step("2026-08-05T10:00:00Z", "projects/support.md", &support(40));
    // Committed on 10 Aug, but the backlog figure is as of 25 July.
    step(
        "2026-08-10T10:00:00Z",
        "updates/2026-08-10-alice.md",
        &update(
            "2026-08-10",
            "support",
            "  fcr: 68\n  backlog: { value: 30, as_of: 2026-07-25, note: export }\n",
        ),
    );
    step(
        "2026-08-12T10:00:00Z",
        "updates/2026-08-12-alice.md",
        &update(
            "2026-08-12",
            "support, refunds",
            "  support/backlog: 45\n  support/csat: 4.0\n  refunds/queue: 4\n",
        ),
    );
    let sha = |i: usize| commits[i].to_string();
    let period = [
        "--since",
        "2026-07-15",
        "--until",
        "2026-08-31",
        "--format",
        "json",
    ];
    let packet = repo.ok_json(&[&["packet", "--project", "support"][..], &period].concat());
    assert_eq!(packet["schema"], "goalpost.packet/2");
    let measures = &packet["projects"][0]["measures"];
    assert_eq!(
        measures[0],
        json!({
            "id": "fcr", "name": "First-contact resolution", "unit": "%",
            "baseline": 61, "target": 70, "value_at_start": 64, "value_at_end": 68,
            "progress": 0.778, "met": null,
            "regressions": [{"date": "2026-08-10", "commit": sha(4), "value": 68}],
            "reports": 2,
        })
    );
    // 120 (20 Jul), 30 (as of 25 Jul: met), 45 (12 Aug: short of the moved
    // target 40); (45 − 200) / (40 − 200) = 0.969.
    assert_eq!(
        measures[1],
        json!({
            "id": "backlog", "name": "Refund backlog", "unit": null,
            "baseline": 200, "target": 40, "value_at_start": null, "value_at_end": 45,
            "progress": 0.969, "met": null,
            "regressions": [{"date": "2026-08-12", "commit": sha(5), "value": 45}],
            "reports": 3,
        })
    );
    // Worse than the baseline: (4.0 − 4.2) / (4.5 − 4.2) = −0.667.
    assert_eq!(measures[2]["progress"], json!(-0.667));
    assert_eq!(measures[2]["value_at_end"], json!(4.0));
    let moves = &packet["projects"][0]["goalpost_moves"];
    assert_eq!(moves[0]["kind"], "measure-target-moved");
    assert_eq!(moves[0]["measure"], "backlog");
    assert_eq!(
        (&moves[0]["from"], &moves[0]["to"]),
        (&json!("50"), &json!("40"))
    );
    assert_eq!(moves[0]["commit"], sha(3));
    assert_eq!(packet["delivery"]["measures"], 3);
    assert_eq!(packet["delivery"]["measures_met"], 0);

    // Past the target: (4 − 10) / (5 − 10) = 1.2, met on 12 Aug.
    let refunds = repo.ok_json(&[&["packet", "--project", "refunds"][..], &period].concat());
    let queue = &refunds["projects"][0]["measures"][0];
    assert_eq!(queue["progress"], json!(1.2));
    assert_eq!(
        queue["met"],
        json!({"date": "2026-08-12", "commit": sha(5), "value": 4})
    );
    assert_eq!(refunds["delivery"]["measures_met"], 1);

    // The markdown says the same.
    let md = repo.ok(&[
        "packet",
        "--project",
        "support",
        "--since",
        "2026-07-15",
        "--until",
        "2026-08-31",
    ]);
    assert!(md.contains("First-contact resolution (`fcr`): 64% → 68% (baseline 61%, target 70%); progress 0.778 · not met · fell back to 68% on 2026-08-10"), "{md}");
    assert!(
        md.contains("measure target moved `backlog` 50 → 40"),
        "{md}"
    );
    assert!(md.contains("Measures met in the period: 0 of 3."), "{md}");
    // And `log` names the move.
    let log = repo.ok(&["log", "support"]);
    assert!(log.contains("backlog: 50 → 40"), "{log}");

    // `log` has an event for each report, and one where it turned the
    // measure (in `as_of` order, against the target in force now: 40): the
    // backlog is met by the 25 July figure committed on 10 August.
    let events = repo.ok_json(&["log", "support", "--format", "json"]);
    let measure_events: Vec<(String, String, String, String, String)> = events
        .as_array()
        .expect("events")
        .iter()
        .filter(|e| e["measure"].is_string() && e["event"] != "measure-target-moved")
        .map(|e| {
            let s = |k: &str| e[k].as_str().unwrap_or("-").to_owned();
            (s("event"), s("measure"), s("to"), s("as_of"), s("commit"))
        })
        .collect();
    let row = |event: &str, id: &str, value: &str, as_of: &str, commit: usize| {
        (
            event.to_owned(),
            id.to_owned(),
            value.to_owned(),
            as_of.to_owned(),
            sha(commit),
        )
    };
    assert_eq!(
        measure_events,
        vec![
            row("measure-reported", "fcr", "64", "2026-07-10", 1),
            row("measure-reported", "fcr", "71", "2026-07-20", 2),
            row("measure-met", "fcr", "71", "2026-07-20", 2),
            row("measure-reported", "backlog", "120", "2026-07-20", 2),
            row("measure-reported", "fcr", "68", "2026-08-10", 4),
            row("measure-regressed", "fcr", "68", "2026-08-10", 4),
            row("measure-reported", "backlog", "30", "2026-07-25", 4),
            row("measure-met", "backlog", "30", "2026-07-25", 4),
            row("measure-reported", "backlog", "45", "2026-08-12", 5),
            row("measure-regressed", "backlog", "45", "2026-08-12", 5),
            row("measure-reported", "csat", "4.0", "2026-08-12", 5),
        ]
    );
    let met = events
        .as_array()
        .expect("events")
        .iter()
        .find(|e| e["event"] == "measure-met")
        .expect("met");
    assert_eq!((&met["target"], &met["unit"]), (&json!("70"), &json!("%")));
    assert!(
        log.contains("measure-met") && log.contains("measure-met         fcr: 71% (target 70%)  ("),
        "{log}"
    );
}

/// `new update` lists each measure of the projects it names with the last
/// value reported (by `as_of`), commented out, and the file still passes.
#[test]
fn new_update_lists_each_measure_with_its_last_value() {
    let repo = Repo::new()
        .file("goalpost.yml", "people:\n  alice: { name: Alice }\n")
        .file("projects/support.md", &support(50))
        .file(
            "projects/refunds.md",
            "---\ntitle: Refunds\nowner: alice\nstatus: active\nmeasures:\n  - { id: queue, name: \"Queue\\nlength\", unit: tickets, baseline: 10, target: 5 }\n---\n",
        )
        .file(
            "updates/2026-08-10-alice.md",
            &update(
                "2026-08-10",
                "support",
                "  fcr: 68\n  backlog: { value: 30, as_of: 2026-07-25 }\n",
            ),
        )
        .file(
            "updates/2026-08-01-alice.md",
            &update("2026-08-01", "support, refunds", "  support/backlog: 45\n  refunds/queue: 7\n"),
        );
    let git = repo.git();
    commit_all(&git, "2026-08-10T10:00:00Z", "alice", "start");
    let out = repo.ok(&[
        "new",
        "update",
        "--project",
        "support",
        "--author",
        "alice",
        "--date",
        "2026-08-20",
    ]);
    let text = repo.read(out.trim());
    assert!(text.contains("\n# measures:   "), "{text}");
    for line in [
        "#   fcr: 68    # First-contact resolution, target 70%; last 68% as of 2026-08-10 (updates/2026-08-10-alice.md)",
        // 45 as of 1 Aug is later than 30 as of 25 July.
        "#   backlog: 45    # Refund backlog, target 50; last 45 as of 2026-08-01 (updates/2026-08-01-alice.md)",
        "#   csat:     # CSAT, target 4.5; nothing reported yet",
    ] {
        assert!(text.lines().any(|l| l == line), "{line}\n{text}");
    }
    repo.ok(&["check"]);

    // Replacing that file with --force does not take the last value from
    // the words it replaces.
    repo.write(out.trim(), update("2026-08-20", "support", "  fcr: 99\n"));
    let again = repo.ok(&[
        "new",
        "update",
        "--project",
        "support",
        "--author",
        "alice",
        "--date",
        "2026-08-20",
        "--force",
    ]);
    assert_eq!(again, out);
    assert!(
        repo.read(out.trim()).contains("#   fcr: 68    #"),
        "{}",
        repo.read(out.trim())
    );

    // Several projects: each key names its project, and a name's line
    // break does not end the comment.
    let out = repo.ok(&[
        "new",
        "update",
        "--project",
        "support,refunds",
        "--author",
        "alice",
        "--date",
        "2026-08-21",
    ]);
    let text = repo.read(out.trim());
    assert!(text.contains("#   support/fcr: 68 "), "{text}");
    assert!(
        text.lines().any(|l| l
            == "#   refunds/queue: 7    # Queue length, target 5 tickets; last 7 tickets as of 2026-08-01 (updates/2026-08-01-alice.md)"),
        "{text}"
    );
    repo.ok(&["check"]);
}

/// The site charts each measure: a dot per value linking to its update,
/// dashed baseline and target lines, coordinates computed by hand; the
/// board shows where each stands. A value for a project the update does not
/// name is a finding and counts nowhere.
#[test]
fn the_site_charts_each_measure_and_the_board_shows_progress() {
    let repo = Repo::new()
        .file("goalpost.yml", "people:\n  alice: { name: Alice }\n")
        .file(
            "projects/fcr.md",
            "---\ntitle: FCR\nowner: alice\nstatus: active\nmeasures:\n  - { id: fcr, name: Resolution, unit: \"%\", baseline: 0, target: 10 }\n  - { id: csat, name: CSAT, baseline: 4, target: 4.5 }\n---\n",
        )
        .file("projects/other.md", "---\ntitle: Other\nowner: alice\nstatus: active\n---\n- [ ] x\n")
        .file("updates/2026-07-01-alice.md", &update("2026-07-01", "fcr", "  fcr: 2\n"))
        .file("updates/2026-07-11-alice.md", &update("2026-07-11", "fcr", "  fcr: 10\n"))
        // Written on 25 July, true on 21 July.
        .file(
            "updates/2026-07-25-alice.md",
            &update("2026-07-25", "fcr", "  fcr: { value: 5, as_of: 2026-07-21 }\n"),
        )
        // Names only `other`: its value for fcr counts nowhere.
        .file(
            "updates/2026-07-30-alice.md",
            &update("2026-07-30", "other", "  fcr/fcr: 99\n"),
        );
    commit_all(&repo.git(), "2026-07-30T10:00:00Z", "alice", "start");
    let (code, out, _) = repo.once(&["check", "--format", "json"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("unknown-measure"), "{out}");
    assert!(repo.ok(&["status"]).contains("0/2 measures"));

    let (code, _, err) = repo.once(&["--today", "2026-08-01", "site"]);
    assert_eq!(code, 0, "{err}");
    let page = repo.read("site/projects/fcr.html");
    // x: 1 Jul → 10, 11 Jul → 200, 21 Jul → 390. y over [0, 10] padded by
    // 6% to [−0.6, 10.6] onto 20…172: y(2) = 20 + 8.6/11.2 × 152 = 136.7,
    // y(10) = 28.1, y(5) = 96.0, y(0) = 163.9.
    assert!(
        page.contains(r#"<polyline points="10.0,136.7 200.0,28.1 390.0,96.0"/>"#),
        "{page}"
    );
    assert!(
        page.contains(r#"<line class="guide target" x1="10" x2="390" y1="28.1" y2="28.1"/>"#),
        "{page}"
    );
    assert!(
        page.contains(r#"<line class="guide baseline" x1="10" x2="390" y1="163.9" y2="163.9"/>"#),
        "{page}"
    );
    // Each dot links to its update's card on the same page.
    for (anchor, title) in [
        (
            "update-updates-2026-07-11-alice-md",
            "10% as of 2026-07-11 (updates&#x2f;2026-07-11-alice.md)",
        ),
        (
            "update-updates-2026-07-25-alice-md",
            "5% as of 2026-07-21 (updates&#x2f;2026-07-25-alice.md)",
        ),
    ] {
        assert!(
            page.contains(&format!("<a href=\"#{anchor}\"><title>{title}</title>")),
            "{page}"
        );
        assert!(page.contains(&format!("id=\"{anchor}\"")), "{anchor}");
    }
    assert!(!page.contains("99%"), "{page}");
    assert!(
        page.contains("latest <b>5%</b> as of 2026-07-21 · baseline 0% · target 10% · progress 0.5 · <span class=\"warn\">fell back short of the target on 2026-07-21</span>"),
        "{page}"
    );
    assert!(page.contains(r#"aria-label="Resolution: 3 reports from 2% on 2026-07-01 to 5% on 2026-07-21; target 10%""#), "{page}");
    assert!(!page.contains("no success criteria"), "{page}");
    // A measure nothing reported yet has no chart, and says so.
    assert!(
        page.contains("<p class=\"meta\">nothing reported yet · baseline 4 · target 4.5</p>"),
        "{page}"
    );
    assert_eq!(page.matches("<svg class=\"chart\"").count(), 1, "{page}");
    assert!(!page.contains("<script"), "{page}");

    let board = repo.read("site/index.html");
    assert!(
        board.contains(r#"<span class="bar short" role="img" aria-label="progress 0.5"><span style="width: 50%"></span></span>fcr 5% <span class="muted">· target 10%</span>"#),
        "{board}"
    );
}

/// `new update --measure ID=VALUE` reports values in the frontmatter (the
/// measures not given stay as commented lines); a value that is not a
/// number, or a measure the project does not have, writes nothing.
#[test]
fn new_update_reports_measures_from_flags() {
    let repo = Repo::new()
        .file("goalpost.yml", "people:\n  alice: { name: Alice }\n")
        .file("projects/support.md", &support(50));
    commit_all(&repo.git(), "2026-08-10T10:00:00Z", "alice", "start");
    let new = |extra: &[&str]| {
        let mut args = vec![
            "new",
            "update",
            "--project",
            "support",
            "--author",
            "alice",
            "--date",
            "2026-08-20",
        ];
        args.extend_from_slice(extra);
        repo.once(&args)
    };
    let (code, _, err) = new(&["--measure", "fcr=high"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("`high` in `--measure fcr=high` is not a number"),
        "{err}"
    );
    let (code, _, err) = new(&["--measure", "nps=40"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("the new update would not pass `goalpost check`")
            && err.contains("[unknown-measure]"),
        "{err}"
    );
    assert!(!repo.path().join("updates").exists(), "nothing written");

    let (code, out, err) = new(&[
        "--measure",
        "fcr=71",
        "--measure",
        "backlog=40.5",
        "--confidence",
        "on-track",
    ]);
    assert_eq!(code, 0, "{err}");
    let text = repo.read(out.trim());
    assert!(
        text.starts_with("---\nauthor: alice\ndate: 2026-08-20\nprojects: [support]\nconfidence: on-track\nmeasures:\n  fcr: 71\n  backlog: 40.5\n#   csat:     # CSAT, target 4.5; nothing reported yet\n---\n"),
        "{text}"
    );
    let status = repo.ok_json(&["status", "--format", "json"]);
    assert_eq!(
        (&status[0]["measures_met"], &status[0]["measures_total"]),
        (&json!(2), &json!(3))
    );
}

/// A repository's own update template that does not show what a flag
/// gives would lose the words: the update is refused, nothing written.
#[test]
fn a_template_that_drops_a_flag_is_refused() {
    let repo = Repo::new()
        .file("goalpost.yml", "people:\n  alice: { name: Alice }\n")
        .file("projects/support.md", &support(50))
        .file(
            ".goalpost/templates/update.md.j2",
            "---\nauthor: {{ author }}\ndate: {{ date }}\nprojects: {{ projects|yaml }}\n---\n## Progress\n- ...\n",
        );
    let err = repo.refused(&[
        "new",
        "update",
        "--project",
        "support",
        "--author",
        "alice",
        "--progress",
        "shipped the macro",
    ]);
    assert!(
        err.contains("the update template does not show what `--progress` gives, so the update was not written")
            && err.contains("show `progress` in .goalpost/templates/update.md.j2"),
        "{err}"
    );
    assert!(!repo.path().join("updates").exists());
}
