//! `packet`: every number of SPEC 5.1 checked by hand on a scripted history.
//!
//! Period: 2026-07-01..2026-09-30 (the default: the last full quarter before
//! 2026-11-22). The expected values are worked out in the comments.

use goalpost::sample::doc::{DecisionDoc, ProjectDoc, UpdateDoc};
use serde_json::{Value, json};

use crate::{Repo, commit_all};

const ROSTER: &str = "people:\n  alice: { name: Alice Ng, team: search }\n  bob: { name: Bob Ruiz, team: search }\n  chen: { name: Chen Li, team: platform }\n";

struct P<'a> {
    id: &'a str,
    owner: &'a str,
    contributors: &'a [&'a str],
    status: &'a str,
    due: &'a str,
    checkin: &'a str,
    criteria: &'a [&'a str],
}

fn project(p: &P<'_>) -> String {
    ProjectDoc::new(p.id, &format!("Project {}", p.id))
        .owner(p.owner)
        .contributors(p.contributors)
        .status(p.status)
        .due(p.due)
        .checkin(p.checkin)
        .criteria(p.criteria)
        .to_string()
}

fn update(author: &str, date: &str, project: &str, confidence: &str, blockers: &[&str]) -> String {
    UpdateDoc::new(author, date, &[project])
        .confidence(confidence)
        .progress(&["Worked on it."])
        .blockers(blockers)
        .to_string()
}

/// 10:00 UTC on `day`, as a commit time.
fn ten_am(day: &str) -> String {
    format!("{day}T10:00:00+00:00")
}

/// The scripted team history.
fn scripted() -> Repo {
    let repo = Repo::new().file("goalpost.yml", ROSTER);
    let git = repo.git();
    let alpha = |status, due, criteria| P {
        id: "alpha",
        owner: "alice",
        contributors: &[],
        status,
        due,
        checkin: "weekly",
        criteria,
    };
    let a_open: &[&str] = &["[ ] p95 < 200 ms", "[ ] errors < 1%"];
    let a_half: &[&str] = &["[x] p95 < 200 ms", "[ ] errors < 1%"];
    let a_done: &[&str] = &["[x] p95 < 200 ms", "[x] errors < 1%"];
    let beta = |status, criteria| P {
        id: "beta",
        owner: "alice",
        contributors: &["bob"],
        status,
        due: "2026-08-31",
        checkin: "biweekly",
        criteria,
    };
    let gamma = |status, criteria| P {
        id: "gamma",
        owner: "alice",
        contributors: &[],
        status,
        due: "2026-09-15",
        checkin: "monthly",
        criteria,
    };
    let delta = |status| P {
        id: "delta",
        owner: "bob",
        contributors: &[],
        status,
        due: "2026-06-30",
        checkin: "weekly",
        criteria: &["[x] 1 migration done"],
    };
    let epsilon = |contributors| P {
        id: "epsilon",
        owner: "chen",
        contributors,
        status: "proposed",
        due: "2026-12-31",
        checkin: "none",
        criteria: &["[ ] 2 teams use it"],
    };

    let step = |day: &str, author: &str, files: &[(&str, String)]| {
        for (path, content) in files {
            repo.write(path, content);
        }
        commit_all(&git, &ten_am(day), author, day);
    };
    step(
        "2026-05-01",
        "bob",
        &[
            ("projects/delta.md", project(&delta("active"))),
            (
                "decisions/0002-old.md",
                "---\ndate: 2026-05-01\ndeciders: [alice]\n---\n# An old decision\n".into(),
            ),
        ],
    );
    step(
        "2026-06-01",
        "alice",
        &[(
            "projects/alpha.md",
            project(&alpha("proposed", "2026-08-15", a_open)),
        )],
    );
    // alpha first becomes active on 06-10, before the period: lead times start here.
    step(
        "2026-06-10",
        "alice",
        &[(
            "projects/alpha.md",
            project(&alpha("active", "2026-08-15", a_open)),
        )],
    );
    step(
        "2026-06-15",
        "alice",
        &[(
            "projects/gamma.md",
            project(&gamma(
                "active",
                &["[ ] 1000 users", "[ ] docs at https://example.com/docs"],
            )),
        )],
    );
    step(
        "2026-06-20",
        "bob",
        &[("projects/delta.md", project(&delta("done")))],
    );
    // A blocker raised before the period and cleared inside it.
    step(
        "2026-06-25",
        "alice",
        &[(
            "updates/2026/2026-06-25-alice.md",
            update(
                "alice",
                "2026-06-25",
                "alpha",
                "on-track",
                &["Waiting on infra"],
            ),
        )],
    );
    // --- the period starts on 07-01 ---
    step(
        "2026-07-01",
        "alice",
        &[(
            "projects/beta.md",
            project(&beta("active", &["[ ] 3 teams onboarded"])),
        )],
    );
    step(
        "2026-07-02",
        "alice",
        &[(
            "updates/2026/2026-07-02-alice.md",
            update(
                "alice",
                "2026-07-02",
                "alpha",
                "on-track",
                &["waiting on INFRA "],
            ),
        )],
    );
    step(
        "2026-07-05",
        "chen",
        &[("projects/epsilon.md", project(&epsilon(&[])))],
    );
    step("2026-07-09", "alice", &[
        ("updates/2026/2026-07-09-alice.md", update("alice", "2026-07-09", "alpha", "on-track", &["Waiting on infra"])),
        ("decisions/0001-cache.md", "---\nstatus: accepted\ndate: 2026-07-09\ndeciders: [alice, bob]\nprojects: [alpha]\n---\n# Use a cache\n".into()),
    ]);
    // The due date moves after activation: a goalpost move.
    step(
        "2026-07-10",
        "alice",
        &[(
            "projects/alpha.md",
            project(&alpha("active", "2026-08-31", a_open)),
        )],
    );
    step(
        "2026-07-16",
        "alice",
        &[(
            "updates/2026/2026-07-16-alice.md",
            update("alice", "2026-07-16", "alpha", "on-track", &[]),
        )],
    );
    // Blocked from 07-20 up to, not including, 07-25: 5 days.
    step(
        "2026-07-20",
        "alice",
        &[(
            "projects/alpha.md",
            project(&alpha("blocked", "2026-08-31", a_open)),
        )],
    );
    step(
        "2026-07-25",
        "alice",
        &[(
            "projects/alpha.md",
            project(&alpha("active", "2026-08-31", a_open)),
        )],
    );
    // The file moves; its history follows the id.
    repo.remove("projects/alpha.md");
    step(
        "2026-08-01",
        "alice",
        &[(
            "projects/search/alpha.md",
            project(&alpha("active", "2026-08-31", a_open)),
        )],
    );
    step(
        "2026-08-05",
        "alice",
        &[(
            "projects/search/alpha.md",
            project(&alpha("active", "2026-08-31", a_half)),
        )],
    );
    step(
        "2026-08-06",
        "alice",
        &[(
            "updates/2026/2026-08-06-alice.md",
            update("alice", "2026-08-06", "alpha", "on-track", &[]),
        )],
    );
    step(
        "2026-08-10",
        "chen",
        &[("projects/epsilon.md", project(&epsilon(&["alice"])))],
    );
    step(
        "2026-08-20",
        "bob",
        &[(
            "updates/2026/2026-08-20-bob.md",
            update("bob", "2026-08-20", "beta", "at-risk", &[]),
        )],
    );
    // Delivered at 23:30 on 08-20 in the committer's offset (08-21 in UTC).
    repo.write(
        "projects/search/alpha.md",
        project(&alpha("done", "2026-08-31", a_done)),
    );
    commit_all(&git, "2026-08-20T23:30:00-05:00", "alice", "ship alpha");
    step(
        "2026-09-04",
        "alice",
        &[(
            "projects/beta.md",
            project(&beta("done", &["[x] 3 teams onboarded"])),
        )],
    );
    step(
        "2026-09-10",
        "alice",
        &[(
            "updates/2026/2026-09-10-alice.md",
            update(
                "alice",
                "2026-09-10",
                "gamma",
                "off-track",
                &["Need design review"],
            ),
        )],
    );
    step(
        "2026-09-20",
        "alice",
        &[(
            "projects/gamma.md",
            project(&gamma(
                "at-risk",
                &[
                    "[ ] 1000 users",
                    "[ ] docs at https://example.com/docs",
                    "[ ] NPS > 40",
                ],
            )),
        )],
    );
    // --- the period ends on 09-30; this is after it ---
    step(
        "2026-10-05",
        "alice",
        &[(
            "projects/gamma.md",
            project(&gamma(
                "done",
                &[
                    "[x] 1000 users",
                    "[x] docs at https://example.com/docs",
                    "[x] NPS > 40",
                ],
            )),
        )],
    );
    repo
}

/// A packet as JSON; the run must succeed.
fn packet(repo: &Repo, args: &[&str]) -> Value {
    repo.ok_json(&[&["packet", "--format", "json"], args].concat())
}

/// alice's packet for July 2026.
fn alice_in_july(repo: &Repo) -> Value {
    packet(
        repo,
        &[
            "--person",
            "alice",
            "--since",
            "2026-07-01",
            "--until",
            "2026-07-31",
        ],
    )
}

/// The ids of the projects a packet covers, in its order.
fn ids(packet: &Value) -> Vec<&str> {
    packet["projects"]
        .as_array()
        .expect("projects")
        .iter()
        .filter_map(|x| x["id"].as_str())
        .collect()
}

fn project_entry<'a>(packet: &'a Value, id: &str) -> &'a Value {
    packet["projects"]
        .as_array()
        .expect("projects")
        .iter()
        .find(|p| p["id"] == id)
        .unwrap_or_else(|| panic!("no project {id} in {packet}"))
}

#[test]
fn person_packet_numbers_follow_the_spec_to_the_day() {
    let repo = scripted();
    let p = packet(&repo, &["--person", "alice"]);
    assert_eq!(p["schema"], "goalpost.packet/2");
    assert_eq!(
        p["subject"],
        json!({"kind": "person", "id": "alice", "name": "Alice Ng"})
    );
    assert_eq!(
        p["period"],
        json!({"since": "2026-07-01", "until": "2026-09-30"})
    );
    assert_eq!(p["generated_from"].as_str().map(str::len), Some(40));

    // In scope: alpha, beta, gamma (owner), epsilon (contributor from 08-10).
    // delta is bob's; it would be out anyway, done for the whole period.
    assert_eq!(ids(&p), ["alpha", "beta", "epsilon", "gamma"]);

    let alpha = project_entry(&p, "alpha");
    assert_eq!(alpha["role"], "owner");
    assert_eq!(alpha["status_at_start"], "active");
    assert_eq!(alpha["status_at_end"], "done");
    assert_eq!(alpha["path"], "projects/search/alpha.md");
    let met: Vec<(&str, &str)> = alpha["criteria_met"]
        .as_array()
        .expect("met")
        .iter()
        .map(|c| {
            (
                c["text"].as_str().unwrap_or(""),
                c["date"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        met,
        [
            ("p95 < 200 ms", "2026-08-05"),
            ("errors < 1%", "2026-08-20")
        ]
    );
    assert_eq!(
        alpha["criteria_met"][0]["commit"].as_str().map(str::len),
        Some(40)
    );
    assert_eq!(alpha["criteria_open"], json!([]));
    // Due moved 08-15 → 08-31 on 07-10; delivered 08-20 in its own offset.
    assert_eq!(alpha["due"], "2026-08-31");
    assert_eq!(alpha["due_moved"], true);
    assert_eq!(alpha["delivered"], "2026-08-20");
    assert_eq!(alpha["on_time"], true);
    assert_eq!(alpha["days_late"], 0);
    // Lead time: 08-20 − 06-10 (first active, before the period) = 71 days.
    assert_eq!(alpha["lead_time_days"], 71);
    // Flow, half-open spans cut at the period's ends: active from 06-10
    // (before the period) to 07-20, 19 days; blocked 07-20 to 07-25, 5;
    // active 07-25 to the delivery on 08-20, 7 + 19 = 26. 45 / (45 + 5).
    assert_eq!(alpha["days_active"], 45);
    assert_eq!(alpha["days_blocked"], 5);
    assert_eq!(alpha["days_at_risk"], 0);
    assert_eq!(alpha["flow_efficiency"], 0.9);
    // Weekly windows from 07-01; in flight in the first 8 (until 08-20);
    // updates on 07-02, 07-09, 07-16 and 08-06 fill 4 of them.
    assert_eq!(alpha["checkin_adherence"], 0.5);
    assert_eq!(alpha["risk_flagged"], Value::Null);
    assert_eq!(alpha["due_not_delivered"], false);
    let moves = alpha["goalpost_moves"].as_array().expect("moves");
    assert_eq!(moves.len(), 1);
    assert_eq!(moves[0]["kind"], "due-changed");
    assert_eq!(moves[0]["date"], "2026-07-10");
    assert_eq!(moves[0]["from"], "2026-08-15");
    assert_eq!(moves[0]["to"], "2026-08-31");
    assert_eq!(moves[0]["decisions"], json!(["1"]));

    let beta = project_entry(&p, "beta");
    assert_eq!(beta["status_at_start"], Value::Null);
    assert_eq!(beta["status_at_end"], "done");
    // Delivered 09-04 against 08-31: 4 days late; active since 07-01: 65 days.
    assert_eq!(beta["delivered"], "2026-09-04");
    assert_eq!(beta["on_time"], false);
    assert_eq!(beta["days_late"], 4);
    assert_eq!(beta["lead_time_days"], 65);
    // bob flagged it at risk on 08-20, before the due date.
    assert_eq!(beta["risk_flagged"], true);
    // Biweekly: 5 windows in flight (the 5th ends 09-08), one holds an update.
    assert_eq!(beta["checkin_adherence"], 0.2);

    let gamma = project_entry(&p, "gamma");
    assert_eq!(gamma["status_at_start"], "active");
    assert_eq!(gamma["status_at_end"], "at-risk");
    assert_eq!(gamma["delivered"], Value::Null);
    assert_eq!(gamma["on_time"], Value::Null);
    assert_eq!(gamma["lead_time_days"], Value::Null);
    assert_eq!(gamma["due"], "2026-09-15");
    assert_eq!(gamma["due_not_delivered"], true);
    assert_eq!(gamma["risk_flagged"], true);
    assert_eq!(
        gamma["criteria_open"],
        json!(["1000 users", "docs at https://example.com/docs", "NPS > 40"])
    );
    // Monthly windows: 07-01, 07-31, 08-30, 09-29; only the third has an update.
    assert_eq!(gamma["checkin_adherence"], 0.25);
    assert_eq!(gamma["goalpost_moves"][0]["kind"], "criterion-added");
    assert_eq!(gamma["goalpost_moves"][0]["criterion"], "NPS > 40");

    let epsilon = project_entry(&p, "epsilon");
    assert_eq!(epsilon["role"], "contributor");
    assert_eq!(epsilon["checkin_adherence"], Value::Null);
    assert_eq!(epsilon["risk_flagged"], Value::Null);

    // gamma: active from 06-15 to 09-20 (31 + 31 + 19 = 81 days), at risk
    // from 09-20 to the period's end, 11 days (done only on 10-05). beta:
    // active 07-01 to 09-04, 65 days. epsilon stayed proposed: no ratio.
    let gamma = project_entry(&p, "gamma");
    assert_eq!(
        (&gamma["days_active"], &gamma["days_at_risk"]),
        (&json!(81), &json!(11))
    );
    assert_eq!(gamma["flow_efficiency"], 1.0);
    let beta = project_entry(&p, "beta");
    assert_eq!(
        (&beta["days_active"], &beta["flow_efficiency"]),
        (&json!(65), &json!(1.0))
    );
    assert_eq!(epsilon["days_active"], 0);
    assert_eq!(epsilon["flow_efficiency"], Value::Null);

    // Median flow efficiency of 0.9, 1.0, 1.0 (epsilon has none).
    assert_eq!(
        p["delivery"],
        json!({"delivered": 2, "on_time": 1, "late": 1, "due_not_delivered": 1, "median_lead_time_days": 68, "median_flow_efficiency": 1.0, "measures_met": 0, "measures": 0})
    );

    // "Waiting on infra" spans the period start (06-25 → 07-16: 21 days);
    // "Need design review" is still open at the end (09-10 → 09-30: 20 days).
    let blockers: Vec<(&str, &str, Value, i64)> = p["blockers"]
        .as_array()
        .expect("blockers")
        .iter()
        .map(|b| {
            (
                b["text"].as_str().unwrap_or(""),
                b["raised"].as_str().unwrap_or(""),
                b["cleared"].clone(),
                b["days_open"].as_i64().unwrap_or(-1),
            )
        })
        .collect();
    assert_eq!(
        blockers,
        [
            ("Waiting on infra", "2026-06-25", json!("2026-07-16"), 21),
            ("Need design review", "2026-09-10", Value::Null, 20),
        ]
    );
    assert_eq!(p["blockers"][0]["path"], "updates/2026/2026-06-25-alice.md");

    let updates: Vec<&str> = p["updates"]
        .as_array()
        .expect("updates")
        .iter()
        .filter_map(|u| u["date"].as_str())
        .collect();
    assert_eq!(
        updates,
        [
            "2026-07-02",
            "2026-07-09",
            "2026-07-16",
            "2026-08-06",
            "2026-09-10"
        ]
    );
    assert_eq!(p["updates"][4]["confidence"], "off-track");

    let decisions = p["decisions"].as_array().expect("decisions");
    assert_eq!(decisions.len(), 1);
    assert_eq!(decisions[0]["number"], 1);
    assert_eq!(decisions[0]["title"], "Use a cache");
    assert_eq!(decisions[0]["status"], "accepted");
    assert_eq!(decisions[0]["date"], "2026-07-09");
}

#[test]
fn team_and_project_packets() {
    let repo = scripted();
    let team = packet(&repo, &["--team", "search"]);
    // delta (bob) was done for the whole period.
    assert_eq!(ids(&team), ["alpha", "beta", "epsilon", "gamma"]);
    assert_eq!(team["updates"].as_array().map(Vec::len), Some(6));

    let delta = packet(&repo, &["--project", "delta"]);
    assert_eq!(delta["projects"][0]["status_at_start"], "done");
    assert_eq!(delta["projects"][0]["role"], Value::Null);

    // A period that ends later sees gamma delivered, 20 days late.
    let q4 = packet(
        &repo,
        &[
            "--project",
            "gamma",
            "--since",
            "2026-07-01",
            "--until",
            "2026-10-31",
        ],
    );
    assert_eq!(q4["projects"][0]["delivered"], "2026-10-05");
    assert_eq!(q4["projects"][0]["days_late"], 20);
    assert_eq!(q4["projects"][0]["lead_time_days"], 112);
}

#[test]
fn bad_subjects_and_periods_are_usage_errors() {
    let repo = scripted();
    let (code, _, err) = repo.run(&["packet", "--person", "alise"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("unknown person `alise`") && err.contains("`alice`"),
        "{err}"
    );
    let (code, _, err) = repo.run(&["packet", "--team", "serch"]);
    assert_eq!(code, 2);
    assert!(err.contains("help: did you mean `search`?"), "{err}");
    let (code, _, err) = repo.run(&["packet", "--project", "alpah"]);
    assert_eq!(code, 2);
    assert!(err.contains("`alpha`"), "{err}");
    let (code, _, err) = repo.run(&[
        "packet",
        "--person",
        "alice",
        "--since",
        "2026-09-01",
        "--until",
        "2026-08-01",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("is after --until"), "{err}");
    let (code, _, _) = repo.run(&["packet"]);
    assert_eq!(code, 2);
}

#[test]
fn invalid_versions_in_history_become_notes_not_failures() {
    let repo = Repo::new();
    let git = repo.git();
    let good = "---\nid: p\ntitle: P\nowner: alice\nstatus: active\n---\n## Success criteria\n- [ ] 1 user\n";
    repo.write("projects/p.md", good);
    commit_all(&git, &ten_am("2026-07-01"), "alice", "start");
    repo.write("projects/p.md", "---\ntitle: [broken\n---\n");
    commit_all(&git, &ten_am("2026-07-02"), "alice", "oops");
    repo.write(
        "projects/p.md",
        good.replace("status: active", "status: done")
            .replace("[ ]", "[x]"),
    );
    commit_all(&git, &ten_am("2026-07-03"), "alice", "ship");
    let p = alice_in_july(&repo);
    let notes = p["notes"].as_array().expect("notes");
    assert_eq!(notes.len(), 1);
    assert!(
        notes[0]
            .as_str()
            .unwrap_or("")
            .starts_with("skipped projects/p.md at "),
        "{notes:?}"
    );
    assert_eq!(project_entry(&p, "p")["delivered"], "2026-07-03");
}

#[test]
fn flow_days_are_cut_at_the_period_ends() {
    let repo = scripted();
    let p = alice_in_july(&repo);
    // alpha, active since 06-10: 07-01..07-19 and 07-25..07-31 active (19 +
    // 7), 07-20..07-24 blocked. 26 / 31 = 0.8387…
    let alpha = project_entry(&p, "alpha");
    assert_eq!(
        [
            &alpha["days_active"],
            &alpha["days_blocked"],
            &alpha["days_at_risk"]
        ],
        [&json!(26), &json!(5), &json!(0)]
    );
    assert_eq!(alpha["flow_efficiency"], 0.839);
    assert_eq!(project_entry(&p, "gamma")["days_active"], 31);
    assert_eq!(p["delivery"]["median_flow_efficiency"], 1.0);
    let md = repo.ok(&[
        "packet",
        "--person",
        "alice",
        "--since",
        "2026-07-01",
        "--until",
        "2026-07-31",
    ]);
    assert!(
        md.contains(
            "- Days in the period: 26 active, 5 blocked, 0 at risk · flow efficiency 83.9%"
        ),
        "{md}"
    );
    assert!(md.contains("| 0 | 0 | 0 | 0 | – | 100% |"), "{md}");
}

#[test]
fn a_project_recorded_as_done_is_delivered_by_the_commit_that_added_it() {
    let repo = Repo::new();
    let git = repo.git();
    repo.write(
        "projects/p.md",
        "---\nid: p\ntitle: P\nowner: alice\nstatus: done\ndue: 2026-07-10\n---\n## Success criteria\n- [x] 1 user\n",
    );
    commit_all(
        &git,
        &ten_am("2026-07-12"),
        "alice",
        "record a finished project",
    );
    let p = alice_in_july(&repo);
    let entry = project_entry(&p, "p");
    assert_eq!(entry["delivered"], "2026-07-12");
    assert_eq!(entry["days_late"], 2);
    assert_eq!(entry["lead_time_days"], 0);
}

/// A July in which zeta got under way on the 5th, moved its goalposts
/// twice and shipped on the 24th, while its blocker was never taken off
/// alice's updates.
fn zeta_in_july() -> Repo {
    let repo = Repo::new().file("goalpost.yml", ROSTER);
    let git = repo.git();
    let zeta = |status: &str, due: &str, criteria: &[&str]| {
        ProjectDoc::new("zeta", "Zeta")
            .owner("alice")
            .status(status)
            .due(due)
            .checkin("weekly")
            .criteria(criteria)
            .to_string()
    };
    let one: &[&str] = &["[ ] 1 team uses it"];
    let two: &[&str] = &["[ ] 1 team uses it", "[ ] 2 regions"];
    let decision = |title: &str, date: &str| {
        DecisionDoc::new(title)
            .status("accepted")
            .date(date)
            .deciders(&["alice"])
            .projects(&["zeta"])
            .to_string()
    };
    let update = |day: &str, blockers: &[&str]| {
        UpdateDoc::new("alice", day, &["zeta"])
            .confidence("on-track")
            .blockers(blockers)
            .to_string()
    };
    let step = |day: &str, files: &[(&str, String)]| {
        for (path, text) in files {
            repo.write(path, text);
        }
        commit_all(&git, &ten_am(day), "alice", day);
    };
    step(
        "2026-06-20",
        &[("projects/zeta.md", zeta("proposed", "2026-07-31", one))],
    );
    step(
        "2026-07-05",
        &[("projects/zeta.md", zeta("active", "2026-07-31", one))],
    );
    step(
        "2026-07-08",
        &[(
            "updates/2026-07-08-alice.md",
            update("2026-07-08", &["Waiting on X"]),
        )],
    );
    step(
        "2026-07-10",
        &[(
            "decisions/0001-early.md",
            decision("Early thought", "2026-07-10"),
        )],
    );
    step(
        "2026-07-15",
        &[(
            "updates/2026-07-15-alice.md",
            update("2026-07-15", &["Waiting on X"]),
        )],
    );
    step(
        "2026-07-18",
        &[(
            "decisions/0002-move.md",
            decision("Move the date", "2026-07-18"),
        )],
    );
    // 2 days after decision 2, 10 after decision 1: only 2 explains it.
    step(
        "2026-07-20",
        &[("projects/zeta.md", zeta("active", "2026-08-07", one))],
    );
    // Decision 3 is dated weeks earlier but committed with the change.
    step(
        "2026-07-21",
        &[
            ("projects/zeta.md", zeta("active", "2026-08-07", two)),
            (
                "decisions/0003-regions.md",
                decision("Two regions", "2026-07-01"),
            ),
        ],
    );
    step(
        "2026-07-22",
        &[(
            "updates/2026-07-22-alice.md",
            update("2026-07-22", &["Waiting on X"]),
        )],
    );
    step(
        "2026-07-24",
        &[(
            "projects/zeta.md",
            zeta(
                "done",
                "2026-08-07",
                &["[x] 1 team uses it", "[x] 2 regions"],
            ),
        )],
    );
    step(
        "2026-07-27",
        &[(
            "updates/2026-07-27-alice.md",
            update("2026-07-27", &["Waiting on X"]),
        )],
    );
    repo
}

/// SPEC 5.1 on the edges a new team hits: goalpost moves cite only the
/// decisions that explain them, check-in windows start when the work did,
/// and a blocker ends when its project is done.
#[test]
fn moves_windows_and_blockers_follow_the_work() {
    let repo = zeta_in_july();
    let p = alice_in_july(&repo);
    let zeta = project_entry(&p, "zeta");
    let moves: Vec<(&str, Value)> = zeta["goalpost_moves"]
        .as_array()
        .expect("moves")
        .iter()
        .map(|m| (m["kind"].as_str().unwrap_or(""), m["decisions"].clone()))
        .collect();
    assert_eq!(
        moves,
        [
            ("due-changed", json!(["2"])),
            // 3 in the same commit; 2 dated 3 days before.
            ("criterion-added", json!(["3", "2"])),
        ]
    );
    // Windows from 07-05 (when zeta became active), not from 07-01: 07-05..11
    // (update 07-08), 07-12..18 (07-15), 07-19..25 (07-22); done on 07-24.
    assert_eq!(zeta["checkin_adherence"], json!(1.0));
    // Cleared the day zeta was done, though the 07-27 update still lists it.
    let blockers = p["blockers"].as_array().expect("blockers");
    assert_eq!(blockers.len(), 1);
    assert_eq!(blockers[0]["cleared"], "2026-07-24");
    assert_eq!(blockers[0]["days_open"], 16);

    // The view agrees: a done project has no open blockers.
    let open = repo.ok_json(&["blockers", "--format", "json"]);
    assert_eq!(open, json!([]));

    let md = repo.ok(&[
        "packet",
        "--person",
        "alice",
        "--since",
        "2026-07-01",
        "--until",
        "2026-07-31",
    ]);
    assert!(md.contains("(commit `"), "{md}");
    assert!(md.contains("; decision 2\n"), "{md}");
    assert!(md.contains("; decisions 3, 2\n"), "{md}");
    assert!(
        md.contains("The project's check-in adherence: 100%"),
        "{md}"
    );
}

/// A team or project packet names each project's owner; only a person's
/// packet speaks of the person's role.
#[test]
fn team_packets_name_the_owner() {
    let repo = zeta_in_july();
    let range = ["--since", "2026-07-01", "--until", "2026-07-31"];
    for format in ["md", "html"] {
        let team = repo.ok(&[
            &["packet", "--team", "search", "--format", format],
            &range[..],
        ]
        .concat());
        assert!(team.contains("owner alice"), "{format}: {team}");
        assert!(!team.contains("search is owner"), "{format}: {team}");
        let project = repo.ok(&[
            &["packet", "--project", "zeta", "--format", format],
            &range[..],
        ]
        .concat());
        assert!(project.contains("owner alice"), "{format}: {project}");
        let person = repo.ok(&[
            &["packet", "--person", "alice", "--format", format],
            &range[..],
        ]
        .concat());
        assert!(person.contains("alice is owner"), "{format}: {person}");
    }
}

/// A new team's first packet covers the last full quarter, before anything
/// was written: it says so, and which `--since` would cover the history.
#[test]
fn a_packet_before_the_history_says_which_period_would_cover_it() {
    let repo = Repo::new().file("goalpost.yml", ROSTER);
    let git = repo.git();
    repo.write(
        "projects/zeta.md",
        ProjectDoc::new("zeta", "Zeta")
            .owner("alice")
            .status("active")
            .criteria(&["[ ] 1 team uses it"])
            .to_string(),
    );
    commit_all(&git, &ten_am("2026-10-12"), "alice", "start");
    let (code, out, err) = repo.run(&["packet", "--person", "alice"]);
    assert_eq!(code, 0, "{err}");
    let said = "nothing here happened from 2026-07-01 to 2026-09-30: this repository's history starts on 2026-10-12; try `--since 2026-10-12`";
    assert!(err.contains(&format!("note: {said}")), "{err}");
    assert!(
        out.contains("No projects in scope")
            && out.contains("this repository's history starts on 2026-10-12"),
        "{out}"
    );
    let p = packet(&repo, &["--person", "alice", "--since", "2026-10-12"]);
    assert_eq!(ids(&p), ["zeta"]);
}

/// With a web remote, an emailed HTML packet links every commit and file to
/// it; a superseded decision says by which.
#[test]
fn html_packets_link_commits_and_files_to_the_web_remote() {
    let repo = zeta_in_july();
    let git = repo.git();
    repo.write(
        "decisions/0001-early.md",
        DecisionDoc::new("Early thought")
            .status("superseded by 2")
            .date("2026-07-10")
            .deciders(&["alice"])
            .projects(&["zeta"])
            .to_string(),
    );
    commit_all(&git, &ten_am("2026-07-28"), "alice", "supersede");
    let range = ["--since", "2026-07-01", "--until", "2026-07-31"];
    let args = |format: &'static str| {
        [
            &["packet", "--person", "alice", "--format", format][..],
            &range[..],
        ]
        .concat()
    };
    let plain = repo.ok(&args("html"));
    assert!(!plain.contains("<a href"), "no remote, no links");

    git.remote("origin", "git@github.com:team/goals.git")
        .expect("remote");
    // minijinja writes `/` as `&#x2f;`, which browsers read back as `/`.
    let html = repo.ok(&args("html")).replace("&#x2f;", "/");
    let json = repo.ok_json(&args("json"));
    let head = json["generated_from"].as_str().expect("sha");
    assert_eq!(
        json["web"],
        json!({
            "commit": "https://github.com/team/goals/commit/",
            "file": format!("https://github.com/team/goals/blob/{head}/"),
        })
    );
    assert!(
        html.contains(&format!(
            "<a href=\"https://github.com/team/goals/commit/{head}\"><code>{}</code></a>",
            &head[..7]
        )),
        "{html}"
    );
    assert!(
        html.contains(&format!("<a href=\"https://github.com/team/goals/blob/{head}/projects/zeta.md\"><code>projects/zeta.md</code></a>")),
        "{html}"
    );
    let early = json["decisions"]
        .as_array()
        .expect("decisions")
        .iter()
        .find(|d| d["key"] == "1")
        .expect("decision 1");
    assert_eq!(early["superseded_by"], "2");
    assert!(html.contains("superseded by 2, 2026-07-10"), "{html}");
}

/// `--each`: one walk, one file per member and the team's, each the very
/// packet a single run prints (SPEC 9).
#[test]
fn each_writes_every_members_packet_and_the_teams_from_one_walk() {
    let repo = scripted();
    for format in ["md", "json", "html"] {
        let out = repo.path().join(format!("out-{format}"));
        let out_arg = out.to_str().expect("utf-8");
        let (code, _, stderr) = repo.run(&[
            "packet", "--team", "search", "--each", "--format", format, "-o", out_arg,
        ]);
        assert_eq!(code, 0, "{stderr}");
        let mut written: Vec<String> = std::fs::read_dir(&out)
            .expect("folder")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        written.sort();
        assert_eq!(
            written,
            [
                format!("alice.{format}"),
                format!("bob.{format}"),
                format!("team-search.{format}")
            ]
        );
        for (file, flags) in [
            ("alice", ["--person", "alice"]),
            ("bob", ["--person", "bob"]),
            ("team-search", ["--team", "search"]),
        ] {
            let single = repo.ok(&[&["packet", "--format", format][..], &flags[..]].concat());
            let each = std::fs::read_to_string(out.join(format!("{file}.{format}"))).expect("file");
            assert_eq!(each, single, "{file}.{format}");
        }
        assert!(
            stderr.contains(&format!("wrote {out_arg}/alice.{format}")),
            "{stderr}"
        );
    }

    // Nothing is replaced without --force, and nothing at all is written
    // when one file is in the way.
    let out = repo.path().join("out-md");
    std::fs::remove_file(out.join("alice.md")).expect("rm");
    std::fs::write(out.join("bob.md"), "my notes").expect("write");
    let (code, _, stderr) = repo.run(&["packet", "--team", "search", "--each", "-o", "out-md"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("bob.md already exists"), "{stderr}");
    assert!(
        !out.join("alice.md").exists(),
        "a partial batch was written"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("bob.md")).expect("bob"),
        "my notes"
    );
    let (code, _, stderr) = repo.run(&[
        "packet", "--team", "search", "--each", "-o", "out-md", "--force",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(out.join("alice.md").exists());

    // --each is for a team, into a folder.
    let (code, _, stderr) = repo.run(&["packet", "--person", "alice", "--each", "-o", "x"]);
    assert_eq!(code, 2, "{stderr}");
    let (code, _, stderr) = repo.run(&["packet", "--team", "search", "--each"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("-o DIR"), "{stderr}");
}
