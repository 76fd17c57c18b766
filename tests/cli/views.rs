//! The team views: `status`, `blockers`, `checkins` and `agenda`, on the
//! working tree with today fixed at 2026-11-22.

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
    let mut s = format!(
        "---\nid: {id}\ntitle: Project {id}\nowner: {owner}\nstatus: {status}\ndue: {due}\ncheckin: {checkin}\ncreated: 2026-10-01\n---\n## Success criteria\n"
    );
    for c in criteria {
        s.push_str(&format!("- {c}\n"));
    }
    s
}

fn update(
    author: &str,
    date: &str,
    projects: &str,
    confidence: &str,
    blockers: &[&str],
    asks: &[&str],
) -> String {
    let list = |items: &[&str]| -> String {
        if items.is_empty() {
            "- None\n".into()
        } else {
            items.iter().map(|i| format!("- {i}\n")).collect()
        }
    };
    format!(
        "---\nauthor: {author}\ndate: {date}\nprojects: [{projects}]\nconfidence: {confidence}\n---\n## Blockers\n{}\n## Asks\n{}",
        list(blockers),
        list(asks)
    )
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
        .file("decisions/0001-cache.md", "---\nstatus: proposed\ndeciders: [bob]\nconsulted: [alice]\n---\n# Pick a cache\n")
        .file("decisions/0002-old.md", "---\nstatus: accepted\ndeciders: [alice]\n---\n# Old\n")
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
                "criteria_met": 1, "criteria_total": 2, "due": "2026-12-10",
                "last_update": "2026-11-20", "open_blockers": 1})
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
        json!([{"project": "search", "author": "alice", "text": "Waiting on infra",
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
