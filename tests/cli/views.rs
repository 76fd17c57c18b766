//! The team views: `status`, `blockers`, `checkins` and `agenda`, on the
//! working tree with today fixed at 2026-11-22.

use goalpost::sample::doc::{DecisionDoc, ProjectDoc, UpdateDoc};
use serde_json::{Value, json};

use crate::Repo;

fn project(
    id: &str,
    owner: &str,
    status: &str,
    due: &str,
    checkin: &str,
    criteria: &[&str],
) -> String {
    ProjectDoc::new(id, &format!("Project {id}"))
        .owner(owner)
        .status(status)
        .created("2026-10-01")
        .due(due)
        .checkin(checkin)
        .criteria(criteria)
        .to_string()
}

fn update(
    author: &str,
    date: &str,
    project: &str,
    confidence: &str,
    blockers: &[&str],
    asks: &[&str],
) -> String {
    UpdateDoc::new(author, date, &[project])
        .confidence(confidence)
        .blockers(blockers)
        .asks(asks)
        .to_string()
}

/// Today is 2026-11-22; grace is 2 days.
fn team() -> Repo {
    Repo::new()
        .file(
            "goalpost.yml",
            "people:\n  alice: { name: Alice Ng, team: search }\n  bob: { name: Bob Ruiz, team: search }\n  chen: { name: Chen Li, team: platform }\nstatuses:\n  active: [in-progress]\nagenda:\n  questions: [What is in your way?, What should I take off your plate?]\n",
        )
        // weekly, last update 11-20: due 11-27, not within 2 days.
        .file("projects/search.md", &project("search", "alice", "at-risk", "2026-12-10", "weekly", &["[x] p95 < 200 ms", "[ ] errors < 0.1%", "[ ] ~~fuzzy~~ dropped"]))
        // biweekly, last update 11-08: due 11-22, today: listed, not late.
        .file("projects/cache.md", &project("cache", "bob", "in-progress", "2026-11-01", "biweekly", &["[ ] 60% hit rate"]))
        // monthly, last update 10-20: due 11-19, 3 days past, grace 2: late by 1.
        .file("projects/docs.md", &project("docs", "alice", "blocked", "2027-03-01", "monthly", &["[ ] 5 guides"]))
        // 10d, no update, created 10-01: due 10-11: late.
        .file("projects/infra.md", &project("infra", "chen", "active", "2027-01-31", "10d", &["[ ] 2 regions"]))
        // none: never listed.
        .file("projects/quiet.md", &project("quiet", "chen", "active", "2027-01-31", "none", &["[ ] 1 thing"]))
        .file("projects/old.md", &project("old", "bob", "done", "2026-06-01", "weekly", &["[x] 1 thing"]))
        // alice's blocker persists across updates with different case and spaces.
        .file("updates/2026-11-06-alice.md", &update("alice", "2026-11-06", "search", "on-track", &["Waiting on infra"], &["Review of the eviction policy"]))
        .file("updates/2026-11-13-alice.md", &update("alice", "2026-11-13", "search", "at-risk", &["  waiting on INFRA", "Need a DB review"], &["Review of the eviction policy"]))
        .file("updates/2026-11-20-alice.md", &update("alice", "2026-11-20", "search", "at-risk", &["Waiting  on infra"], &[]))
        .file("updates/2026-10-20-alice.md", &update("alice", "2026-10-20", "docs", "on-track", &[], &[]))
        // bob's blocker was cleared by his next update.
        .file("updates/2026-11-01-bob.md", &update("bob", "2026-11-01", "cache", "on-track", &["Redis cluster missing"], &[]))
        .file("updates/2026-11-08-bob.md", &update("bob", "2026-11-08", "cache", "on-track", &[], &[]))
        .file("decisions/0001-cache.md", &DecisionDoc::new("Pick a cache").status("proposed").deciders(&["bob"]).consulted(&["alice"]).to_string())
        .file("decisions/0002-old.md", &DecisionDoc::new("Old").status("accepted").deciders(&["alice"]).to_string())
}

/// A view as JSON; the run must succeed.
fn json(repo: &Repo, args: &[&str]) -> Value {
    repo.ok_json(&[args, &["--format", "json"]].concat())
}

#[test]
fn status_rows_follow_the_contract() {
    let repo = team();
    let rows = json(&repo, &["status"]);
    let first = &rows[0];
    assert_eq!(
        first,
        &json!({"id": "search", "title": "Project search", "owner": "alice", "status": "at-risk",
                "criteria_met": 1, "criteria_total": 2, "measures_met": 0, "measures_total": 0, "due": "2026-12-10",
                "last_update": "2026-11-20", "open_blockers": 1, "parent": null, "depends_on": []})
    );
    let order: Vec<&str> = rows
        .as_array()
        .expect("rows")
        .iter()
        .filter_map(|r| r["id"].as_str())
        .collect();
    assert_eq!(order, ["search", "docs", "cache", "infra", "quiet", "old"]);
    let filtered = json(
        &repo,
        &["status", "--team", "search", "--status", "in-progress"],
    );
    assert_eq!(filtered.as_array().map(Vec::len), Some(1));
    assert_eq!(filtered[0]["id"], "cache");
    insta::assert_snapshot!("status_table", repo.ok(&["status"]));
}

#[test]
fn blockers_persist_across_case_and_spacing_and_clear() {
    let repo = team();
    let rows = json(&repo, &["blockers"]);
    // The run started on 11-06 (16 days ago); "Need a DB review" was cleared
    // on 11-20, bob's on 11-08.
    assert_eq!(
        rows,
        json!([{"kind": "blocker", "project": "search", "author": "alice", "text": "Waiting on infra",
                "raised": "2026-11-06", "age_days": 16, "path": "updates/2026-11-06-alice.md"}])
    );
    assert_eq!(json(&repo, &["blockers", "--person", "bob"]), json!([]));
    assert_eq!(json(&repo, &["blockers", "--team", "platform"]), json!([]));
    insta::assert_snapshot!("blockers_table", repo.ok(&["blockers"]));
}

#[test]
fn checkins_cover_every_cadence() {
    let repo = team();
    let rows = json(&repo, &["checkins"]);
    let summary: Vec<(String, String, bool)> = rows
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| {
            (
                r["project"].as_str().unwrap_or("").to_owned(),
                r["due"].as_str().unwrap_or("").to_owned(),
                r["late"].as_bool().unwrap_or(false),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("infra".to_owned(), "2026-10-11".to_owned(), true),
            ("docs".to_owned(), "2026-11-19".to_owned(), true),
            ("cache".to_owned(), "2026-11-22".to_owned(), false),
        ]
    );
    insta::assert_snapshot!("checkins_table", repo.ok(&["checkins"]));
}

#[test]
fn agenda_is_about_help() {
    let repo = team();
    let agenda = repo.ok(&["agenda", "--person", "alice"]);
    insta::assert_snapshot!("agenda_alice", agenda);
    assert!(!agenda.contains("commits"));
}

/// `agenda --format json` holds the same items as the markdown, as data.
#[test]
fn agenda_as_json() {
    let repo = team();
    let agenda = repo.ok_json(&["agenda", "--person", "alice", "--format", "json"]);
    assert_eq!(agenda["schema"], "goalpost.agenda/1");
    assert_eq!(agenda["person"], "alice");
    assert_eq!(agenda["name"], "Alice Ng");
    assert_eq!(agenda["date"], "2026-11-22");
    assert_eq!(
        agenda["blockers"],
        json!([{
            "project": "search", "author": "alice", "text": "Waiting on infra",
            "raised": "2026-11-06", "days_open": 16, "path": "updates/2026-11-06-alice.md"
        }])
    );
    assert_eq!(agenda["asks"], json!([]));
    assert_eq!(agenda["asked_of_them"], json!([]));
    assert_eq!(
        agenda["at_risk"],
        json!([
            {"project": "docs", "status": "blocked"},
            {"project": "search", "confidence": "at-risk",
             "update": {"date": "2026-11-20", "path": "updates/2026-11-20-alice.md"}},
        ])
    );
    assert_eq!(
        agenda["late_checkins"],
        json!([{"project": "docs", "last_update": "2026-10-20", "due": "2026-11-19"}])
    );
    assert_eq!(
        agenda["open_criteria"],
        json!([{"project": "search", "due": "2026-12-10", "overdue": false, "criterion": "errors < 0.1%"}])
    );
    assert_eq!(
        agenda["decisions_waiting"],
        json!([{"decision": "1", "title": "Pick a cache", "path": "decisions/0001-cache.md"}])
    );
    assert_eq!(
        agenda["questions"],
        json!(["What is in your way?", "What should I take off your plate?"])
    );
}

/// The agenda says when open criteria are overdue, and brings the asks
/// others addressed to the person ("Alice: …") to their 1:1.
#[test]
fn agenda_marks_overdue_work_and_asks_addressed_to_the_person() {
    let repo = team()
        .file(
            "projects/legacy.md",
            &project(
                "legacy",
                "alice",
                "in-progress",
                "2026-11-15",
                "weekly",
                &["[ ] 3 users moved"],
            ),
        )
        .file(
            "updates/2026-11-21-bob.md",
            &update(
                "bob",
                "2026-11-21",
                "cache",
                "on-track",
                &[],
                &[
                    "Alice: a review of the cache design",
                    "Chen: a second opinion",
                ],
            ),
        );
    let agenda = repo.ok(&["agenda", "--person", "alice"]);
    assert!(
        agenda.contains("- `legacy` (due 2026-11-15, overdue): 3 users moved\n"),
        "{agenda}"
    );
    assert!(
        agenda.contains("## What others asked of them (open asks addressed to them)\n\n- “Alice: a review of the cache design” from bob on `cache` — open 1 days"),
        "{agenda}"
    );
    assert!(!agenda.contains("a second opinion"), "{agenda}");
    let chen = repo.ok_json(&["agenda", "--person", "chen", "--format", "json"]);
    assert_eq!(chen["asked_of_them"][0]["text"], "Chen: a second opinion");
}

/// Check-ins of a project without `created` or updates count from the
/// commit that added its file; when git cannot read that far, the views and
/// `check` say so instead of silently measuring nothing.
#[test]
fn a_history_git_cannot_read_is_a_note_not_a_silent_gap() {
    let repo = Repo::new();
    let git = repo.git();
    let infra = ProjectDoc::new("infra", "Two regions")
        .owner("chen")
        .status("active")
        .criteria(&["[ ] 2 regions"]);
    repo.write("projects/infra.md", infra.to_string());
    crate::commit_all(&git, "2026-10-01T10:00:00+00:00", "chen", "add infra");
    let (code, _, err) = repo.run(&["checkins", "--format", "json"]);
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(
        repo.ok_json(&["checkins", "--format", "json"])[0]["due"],
        "2026-10-08"
    );

    // A second project changes the folder; then the first commit's folder
    // tree goes missing.
    let first = git.head().expect("head").peel_to_tree().expect("tree");
    let folder = first
        .get_path(std::path::Path::new("projects"))
        .expect("projects")
        .id();
    repo.write(
        "projects/docs.md",
        infra.to_string().replace("id: infra", "id: docs"),
    );
    crate::commit_all(&git, "2026-10-02T10:00:00+00:00", "chen", "add docs");
    let hex = folder.to_string();
    repo.remove(&format!(".git/objects/{}/{}", &hex[..2], &hex[2..]));

    let (code, out, err) = repo.run(&["checkins", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        serde_json::from_str::<Value>(&out).expect("json"),
        json!([])
    );
    assert!(
        err.contains("note: cannot tell from git when project files were added"),
        "{err}"
    );
    let (code, _, err) = repo.run(&["check", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("cannot tell from git"), "{err}");
}

#[test]
fn unknown_people_and_teams_are_usage_errors() {
    let repo = team();
    let (code, _, err) = repo.run(&["agenda", "--person", "alise"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("unknown person `alise`") && err.contains("`alice`"),
        "{err}"
    );
    let (code, _, err) = repo.run(&["status", "--team", "serch"]);
    assert_eq!(code, 2);
    assert!(err.contains("`search`"), "{err}");
    let (code, _, err) = repo.run(&["status", "--status", "shipped"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown status `shipped`"), "{err}");
    // A near miss gets a "did you mean".
    let (code, _, err) = repo.run(&["status", "--status", "propsed"]);
    assert_eq!(code, 2);
    assert!(err.contains("help: did you mean `proposed`?"), "{err}");
}

/// A project whose status cannot be read shows `?`, with a pointer to why.
#[test]
fn an_unreadable_status_points_at_check() {
    let repo = team().file(
        "projects/odd.md",
        &ProjectDoc::new("odd", "Odd")
            .owner("bob")
            .status("finished")
            .criteria(&["[ ] 1 thing"])
            .to_string(),
    );
    let (code, out, err) = repo.run(&["status"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.lines()
            .any(|l| l.starts_with("odd ") && l.contains(" finished (?) ")),
        "{out}"
    );
    assert!(
        err.contains(
            "note: 1 project has no valid status (shown with `?`); `goalpost check` says why"
        ),
        "{err}"
    );
}

#[test]
fn invalid_documents_are_skipped_with_a_note() {
    let repo = team().file("projects/broken.md", "---\ntitle: [x\n---\n");
    let (code, out, err) = repo.run(&["status", "--format", "json"]);
    assert_eq!(code, 0);
    assert!(
        err.contains("1 document could not be read and was skipped; run `goalpost check`"),
        "{err}"
    );
    assert!(!out.contains("broken"));
}

/// In a narrow terminal the path gives way before the blocker's words, and
/// with colour on, what needs attention stands out as it does in `check`.
#[test]
fn tables_fit_the_terminal_and_colour_what_needs_attention() {
    let repo = team();
    let out = crate::ok(repo.cmd().env("COLUMNS", "56").args(["blockers"]));
    let row = out.lines().nth(1).expect("a row");
    assert!(
        row.starts_with("Waiting on infra  16 d  search   alice   …"),
        "{out}"
    );
    assert!(row.ends_with("…11-06-alice.md"), "{out}");
    assert!(row.chars().count() <= 56, "{out}");

    let plain = repo.ok(&["status"]);
    assert!(!plain.contains('\u{1b}'));
    let coloured = repo.ok(&["--color", "always", "status"]);
    assert!(
        coloured.contains("\u{1b}[33mat-risk\u{1b}[0m"),
        "{coloured:?}"
    );
    assert!(
        coloured.contains("\u{1b}[31mblocked\u{1b}[0m"),
        "{coloured:?}"
    );
    assert!(
        coloured.contains("\u{1b}[31m2026-11-01 overdue\u{1b}[0m"),
        "{coloured:?}"
    );
    let checkins = repo.ok(&["--color", "always", "checkins"]);
    assert!(
        checkins.contains("\u{1b}[31mlate (42 d past due)\u{1b}[0m"),
        "{checkins:?}"
    );
}
