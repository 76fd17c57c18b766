//! History and `log`: events derived from real commits with fixed authors
//! and times.

use assert_cmd::Command;
use goalpost::sample::doc::ProjectDoc;
use serde_json::Value;

use crate::{Repo, commit_all, signature};

/// The search project in one state.
fn project(status: &str, due: &str, owner: &str, criteria: &[&str]) -> String {
    ProjectDoc::new("search", "Faster search")
        .owner(owner)
        .status(status)
        .due(due)
        .criteria(criteria)
        .to_string()
}

/// The file every test here keeps its project in.
const SEARCH: &str = "projects/search.md";

/// Writes the search project as `text` and commits it.
fn commit_search(
    repo: &Repo,
    git: &git2::Repository,
    when: &str,
    author: &str,
    message: &str,
    text: &str,
) -> git2::Oid {
    repo.write(SEARCH, text);
    commit_all(git, when, author, message)
}

/// The events of `log ARGS --format json` in the repository.
/// (Through [`Repo::run`]: cold, warm and uncached runs must agree.)
fn log_json(repo: &Repo, args: &[&str]) -> Vec<Value> {
    let args = [&["log"], args, &["--format", "json"]].concat();
    serde_json::from_value(repo.ok_json(&args)).expect("a list of events")
}

/// The events a `log` command prints as JSON; the run must succeed.
fn log_events(cmd: &mut Command) -> Vec<Value> {
    serde_json::from_value(crate::ok_json(cmd.args(["--format", "json"])))
        .expect("a list of events")
}

/// (event, date, detail) for compact comparisons.
fn summary(events: &[Value]) -> Vec<String> {
    events
        .iter()
        .map(|e| {
            let mut s = format!(
                "{} {}",
                e["date"].as_str().unwrap_or(""),
                e["event"].as_str().unwrap_or("")
            );
            for key in ["from", "to", "criterion"] {
                if let Some(v) = e[key].as_str() {
                    s.push_str(&format!(" {key}={v}"));
                }
            }
            if e["goalpost_move"] == true {
                s.push_str(" MOVE");
            }
            s
        })
        .collect()
}

/// The search project's three criteria, none met yet.
const OPEN: [&str; 3] = [
    "[ ] p95 < 200 ms",
    "[ ] errors < 1%",
    "[ ] docs at https://x.org",
];

/// A scripted history that produces every project event kind.
fn scripted() -> (Repo, git2::Repository) {
    let repo = Repo::new();
    let git = repo.git();
    commit_search(
        &repo,
        &git,
        "2026-07-01T10:00:00+02:00",
        "alice",
        "propose",
        &project("proposed", "2026-09-01", "alice", &OPEN),
    );
    // 23:30 at -07:00 is already 07-06 in UTC: the date is the commit's own.
    commit_search(
        &repo,
        &git,
        "2026-07-05T23:30:00-07:00",
        "alice",
        "start",
        &project("active", "2026-09-01", "alice", &OPEN),
    );
    commit_search(
        &repo,
        &git,
        "2026-07-20T09:00:00+00:00",
        "bob",
        "progress",
        &project(
            "blocked",
            "2026-09-15",
            "alice",
            &[
                "[x] p95 < 200 ms",
                "[ ] errors < 0.5%",
                "[ ] docs at https://x.org",
                "[ ] 3 teams onboarded",
            ],
        ),
    );
    commit_search(
        &repo,
        &git,
        "2026-07-25T09:00:00+00:00",
        "chen",
        "handover",
        &project(
            "active",
            "2026-09-15",
            "chen",
            &[
                "[ ] p95 < 200 ms",
                "[ ] errors < 0.5%",
                "[ ] ~~docs at https://x.org~~ not needed",
                "[ ] 3 teams onboarded",
            ],
        ),
    );
    commit_search(
        &repo,
        &git,
        "2026-09-10T09:00:00+00:00",
        "chen",
        "ship",
        &project(
            "done",
            "2026-09-15",
            "chen",
            &[
                "[x] p95 < 200 ms",
                "[x] errors < 0.5%",
                "[ ] ~~docs at https://x.org~~ not needed",
            ],
        ),
    );
    (repo, git)
}

#[test]
fn every_project_event_kind_with_dates_and_moves() {
    let (repo, git) = scripted();
    repo.remove(SEARCH);
    commit_all(&git, "2026-10-01T09:00:00+00:00", "alice", "archive");
    let events = log_json(&repo, &["search"]);
    assert_eq!(
        summary(&events),
        [
            "2026-07-01 created to=proposed",
            "2026-07-05 status-changed from=proposed to=active",
            "2026-07-20 status-changed from=active to=blocked",
            "2026-07-20 due-changed from=2026-09-01 to=2026-09-15 MOVE",
            "2026-07-20 criterion-met criterion=p95 < 200 ms",
            "2026-07-20 criterion-edited from=errors < 1% to=errors < 0.5% criterion=errors < 0.5% MOVE",
            "2026-07-20 criterion-added criterion=3 teams onboarded MOVE",
            "2026-07-25 status-changed from=blocked to=active",
            "2026-07-25 owner-changed from=alice to=chen",
            "2026-07-25 criterion-reopened criterion=p95 < 200 ms",
            "2026-07-25 criterion-withdrawn criterion=docs at https://x.org not needed MOVE",
            "2026-09-10 status-changed from=active to=done",
            "2026-09-10 criterion-met criterion=p95 < 200 ms",
            "2026-09-10 criterion-met criterion=errors < 0.5%",
            "2026-09-10 criterion-removed criterion=3 teams onboarded MOVE",
            "2026-10-01 deleted",
        ]
    );
    // Each event cites the commit, its author and the file.
    let head = git.head().expect("head").peel_to_commit().expect("commit");
    let last = events.last().expect("events");
    assert_eq!(last["commit"], head.id().to_string());
    assert_eq!(last["author"], "alice");
    assert_eq!(last["path"], "projects/search.md");
    assert_eq!(events[2]["author"], "bob");
}

#[test]
fn a_moved_file_keeps_its_history_and_broken_versions_are_skipped() {
    let (repo, git) = scripted();
    commit_search(
        &repo,
        &git,
        "2026-09-11T09:00:00+00:00",
        "alice",
        "oops",
        "---\ntitle: [broken\n---\n",
    );
    // Move with an edit: delete one path and add the same id elsewhere.
    repo.remove(SEARCH);
    repo.write(
        "projects/archive/search.md",
        project(
            "done",
            "2026-09-15",
            "chen",
            &[
                "[x] p95 < 200 ms",
                "[x] errors < 0.5%",
                "[x] 2 teams onboarded",
            ],
        ),
    );
    commit_all(&git, "2026-09-12T09:00:00+00:00", "alice", "move");
    let (code, out, err) = repo.run(&["log", "search", "--format", "json"]);
    assert_eq!(code, 0);
    assert!(err.contains("note: skipped projects/search.md at"), "{err}");
    assert!(err.contains("invalid YAML"), "{err}");
    let events: Vec<Value> = serde_json::from_str(&out).expect("json");
    let tail: Vec<String> = summary(&events).into_iter().skip(15).collect();
    assert_eq!(
        tail,
        [
            "2026-09-12 criterion-removed criterion=docs at https://x.org not needed",
            "2026-09-12 criterion-added criterion=2 teams onboarded MOVE",
            "2026-09-12 criterion-met criterion=2 teams onboarded",
        ]
    );
    assert_eq!(
        events.last().expect("event")["path"],
        "projects/archive/search.md"
    );
    assert!(!summary(&events).iter().any(|e| e.contains("deleted")));
}

#[test]
fn updates_and_decisions_join_the_timeline() {
    let (repo, git) = scripted();
    repo.write(
        "updates/2026-09-11-chen.md",
        "---\nauthor: chen\ndate: 2026-09-11\nprojects: [search]\nconfidence: on-track\n---\n",
    );
    repo.write(
        "decisions/0001-drop-docs.md",
        "---\nstatus: proposed\nprojects: [search]\n---\n# Drop the docs criterion\n",
    );
    commit_all(
        &git,
        "2026-09-11T09:00:00+00:00",
        "chen",
        "update and decision",
    );
    repo.write(
        "decisions/0001-drop-docs.md",
        "---\nstatus: accepted\nprojects: [search]\n---\n# Drop the docs criterion\n",
    );
    commit_all(&git, "2026-09-12T09:00:00+00:00", "alice", "accept");
    let events = log_json(&repo, &["search"]);
    let tail: Vec<String> = summary(&events).into_iter().skip(15).collect();
    assert_eq!(
        tail,
        [
            "2026-09-11 update",
            "2026-09-11 decision to=proposed",
            "2026-09-12 decision from=proposed to=accepted",
        ]
    );
    assert_eq!(events[15]["confidence"], "on-track");
    assert_eq!(events[16]["decision"], "1");
    assert_eq!(events[16]["title"], "Drop the docs criterion");
}

#[test]
fn text_output_lists_date_commit_event_and_details() {
    let (repo, _git) = scripted();
    let out = repo.ok(&["log", "search"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "search: Faster search");
    assert!(lines[3].starts_with("2026-07-05  "), "{out}");
    assert!(
        lines[3].ends_with("status-changed      proposed → active  (alice)"),
        "{out}"
    );
    assert!(
        out.contains("due-changed         2026-09-01 → 2026-09-15  (bob)  [goalpost move]"),
        "{out}"
    );
}

#[test]
fn merges_are_read_first_parent() {
    let (repo, git) = scripted();
    let main = git.head().expect("head").peel_to_commit().expect("commit");
    // A side branch changes the due date; main merges it.
    git.branch("side", &main, false).expect("branch");
    git.set_head("refs/heads/side").expect("switch");
    let side = commit_search(
        &repo,
        &git,
        "2026-09-11T09:00:00+00:00",
        "bob",
        "side",
        &project(
            "done",
            "2026-09-20",
            "chen",
            &[
                "[x] p95 < 200 ms",
                "[x] errors < 0.5%",
                "[ ] ~~docs at https://x.org~~ not needed",
            ],
        ),
    );
    let side = git.find_commit(side).expect("side");
    git.set_head("refs/heads/master").ok();
    git.set_head("refs/heads/main").ok();
    let sig = signature("alice", "2026-09-13T11:46:40+00:00");
    let tree = side.tree().expect("tree");
    let merge = git
        .commit(None, &sig, &sig, "merge side", &tree, &[&main, &side])
        .expect("merge");
    git.set_head_detached(merge).expect("detach");
    let events = log_json(&repo, &["search"]);
    let last = events.last().expect("event");
    assert_eq!(last["event"], "due-changed");
    assert_eq!(last["commit"], merge.to_string());
    assert_eq!(
        events
            .iter()
            .filter(|e| e["event"] == "due-changed")
            .count(),
        2
    );
}

#[test]
fn rev_selects_the_starting_point() {
    let (repo, git) = scripted();
    let first = git.revparse_single("HEAD~3").expect("rev").id().to_string();
    let events = log_json(&repo, &["search", "--rev", &first]);
    assert_eq!(events.len(), 2);
    let (code, _, err) = repo.run(&["log", "search", "--rev", "nope"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown revision `nope`"), "{err}");
}

#[test]
fn empty_and_unborn_repositories_have_no_history() {
    let repo = Repo::new();
    let _git = repo.git();
    let (code, _, err) = repo.run(&["log", "search"]);
    assert_eq!(code, 2);
    assert!(err.contains("no project or decision `search`"), "{err}");
    assert!(err.contains("none has any history yet"), "{err}");
}

#[test]
fn unknown_projects_get_suggestions() {
    let (repo, _git) = scripted();
    let (code, _, err) = repo.run(&["log", "serch"]);
    assert_eq!(code, 2);
    assert!(err.contains("help: did you mean `search`?"), "{err}");
}

#[test]
fn shallow_clones_are_refused_unless_allowed() {
    let (repo, git) = scripted();
    let head = git.head().expect("head").peel_to_commit().expect("commit");
    std::fs::write(repo.path().join(".git/shallow"), format!("{}\n", head.id())).expect("shallow");
    let (code, _, err) = repo.run(&["log", "search"]);
    assert_eq!(code, 2);
    assert!(err.contains("shallow clone"), "{err}");
    assert!(err.contains("git fetch --unshallow"), "{err}");
    assert!(err.contains("fetch-depth: 0"), "{err}");
    // Allowed, the cut is said on stderr and in the packet, every time.
    let (code, _, err) = repo.run(&["log", "search", "--allow-shallow"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("note: read from a shallow clone whose history starts at"),
        "{err}"
    );
    let args = [
        "packet",
        "--project",
        "search",
        "--allow-shallow",
        "--since",
        "2026-01-01",
        "--until",
        "2026-12-31",
    ];
    let (code, out, err) = repo.run(&args);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("note: read from a shallow clone"), "{err}");
    assert!(
        out.contains("## Notes") && out.contains("shallow clone"),
        "{out}"
    );
}

#[test]
fn status_words_are_mapped_to_lifecycle_states() {
    let repo = Repo::new().file(
        "goalpost.yml",
        "statuses:\n  active: [in-progress]\n  done: [shipped]\n",
    );
    let git = repo.git();
    commit_search(
        &repo,
        &git,
        "2026-07-01T10:00:00+00:00",
        "alice",
        "start",
        &project("in-progress", "2026-09-01", "alice", &["[ ] 1 user"]),
    );
    commit_search(
        &repo,
        &git,
        "2026-07-02T10:00:00+00:00",
        "alice",
        "ship",
        &project("Shipped", "2026-09-01", "alice", &["[x] 1 user"]),
    );
    let events = log_json(&repo, &["search"]);
    assert_eq!(
        summary(&events),
        [
            "2026-07-01 created to=active",
            "2026-07-02 status-changed from=active to=done",
            "2026-07-02 criterion-met criterion=1 user",
        ]
    );
}

#[test]
fn a_goal_repository_in_a_subfolder_reads_its_own_paths() {
    let repo = Repo::empty();
    let git = repo.git();
    repo.write("team/goalpost.yml", "");
    repo.write(
        "team/projects/search.md",
        project("active", "2026-09-01", "alice", &["[ ] 1 user"]),
    );
    repo.write(
        "projects/other.md",
        project("active", "2026-09-01", "alice", &["[ ] 1 user"]),
    );
    commit_all(&git, "2026-07-01T10:00:00+00:00", "alice", "start");
    let events = log_json(&repo, &["search", "--repo", "team"]);
    assert_eq!(events[0]["path"], "projects/search.md");
}

#[test]
fn a_period_keeps_the_state_before_it_as_the_baseline() {
    let (repo, _git) = scripted();
    let events = log_json(
        &repo,
        &["search", "--since", "2026-07-20", "--until", "2026-07-31"],
    );
    let dates: Vec<&str> = events.iter().filter_map(|e| e["date"].as_str()).collect();
    assert!(
        dates
            .iter()
            .all(|d| ("2026-07-20".."2026-08-01").contains(d)),
        "{dates:?}"
    );
    // The first change in the period is measured against the state before it.
    assert_eq!(
        summary(&events)[0],
        "2026-07-20 status-changed from=active to=blocked"
    );
    // The due date moved after activation, which happened before the period.
    assert!(
        summary(&events)
            .contains(&"2026-07-20 due-changed from=2026-09-01 to=2026-09-15 MOVE".to_owned())
    );
    let (code, _, err) = repo.run(&[
        "log",
        "search",
        "--since",
        "2026-08-01",
        "--until",
        "2026-07-01",
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("--since 2026-08-01 is after --until 2026-07-01"),
        "{err}"
    );
}

/// A repository whose team calls `active` "in-progress", with two commits.
fn vocabulary_repo() -> (Repo, git2::Repository) {
    let repo = Repo::new().file("goalpost.yml", "statuses:\n  active: [in-progress]\n");
    let git = repo.git();
    commit_search(
        &repo,
        &git,
        "2026-07-01T10:00:00+00:00",
        "alice",
        "propose",
        &project("proposed", "2026-09-01", "alice", &["[ ] 1 user"]),
    );
    commit_search(
        &repo,
        &git,
        "2026-07-02T10:00:00+00:00",
        "alice",
        "start",
        &project("in-progress", "2026-09-01", "alice", &["[ ] 1 user"]),
    );
    (repo, git)
}

#[test]
fn a_bare_repository_reads_its_configuration_from_the_tree() {
    let (repo, _git) = vocabulary_repo();
    let bare = tempfile::tempdir().expect("tmp");
    let bare_path = bare.path().join("goals.git");
    git2::build::RepoBuilder::new()
        .bare(true)
        .clone(repo.path().to_str().expect("utf-8 path"), &bare_path)
        .expect("bare clone");
    let events = log_events(
        crate::goalpost(bare.path())
            .args(["log", "search", "--repo"])
            .arg(&bare_path),
    );
    // "in-progress" is only known from the goalpost.yml inside the tree.
    assert_eq!(
        summary(&events)[1],
        "2026-07-02 status-changed from=proposed to=active"
    );
}

#[test]
fn a_worktree_reads_the_shared_history() {
    let (repo, git) = vocabulary_repo();
    let place = tempfile::tempdir().expect("tmp");
    let wt = place.path().join("wt");
    git.worktree("wt", &wt, None).expect("worktree");
    let events = log_events(crate::goalpost(&wt).args(["log", "search"]));
    assert_eq!(events.len(), 2);
    // The history cache is shared too: it lives in the common git folder,
    // and a warm run from the worktree says the same.
    assert!(repo.path().join(".git/goalpost").is_dir());
    assert!(!repo.path().join(".git/worktrees/wt/goalpost").exists());
    let warm = log_events(crate::goalpost(&wt).args(["log", "search"]));
    assert_eq!(warm, events);
    drop(repo);
}

#[test]
fn a_nested_repository_is_not_part_of_the_working_tree() {
    let repo = Repo::new()
        .file("projects/vendor/.git/HEAD", "ref: refs/heads/main\n")
        .file("projects/vendor/broken.md", "no frontmatter\n");
    let (code, findings) = repo.check_json(&["--allow-empty"]);
    assert_eq!((code, findings.len()), (0, 0), "{findings:?}");
}

#[test]
fn history_order_wins_over_commit_clocks() {
    let repo = Repo::new();
    let git = repo.git();
    // Two commits with the very same time, then one dated in the future and
    // one dated before its parent: events keep the order of history.
    for (when, message, status, criterion) in [
        (
            "2026-07-01T10:00:00+00:00",
            "propose",
            "proposed",
            "[ ] 1 user",
        ),
        ("2026-07-02T10:00:00+00:00", "start", "active", "[ ] 1 user"),
        (
            "2026-07-02T10:00:00+00:00",
            "blocked",
            "blocked",
            "[ ] 1 user",
        ),
        (
            "2031-01-01T00:00:00+00:00",
            "future",
            "active",
            "[ ] 1 user",
        ),
        (
            "2026-06-15T00:00:00+00:00",
            "skewed clock",
            "done",
            "[x] 1 user",
        ),
    ] {
        let text = project(status, "2026-09-01", "alice", &[criterion]);
        commit_search(&repo, &git, when, "alice", message, &text);
    }
    let events = log_json(&repo, &["search"]);
    assert_eq!(
        summary(&events),
        [
            "2026-07-01 created to=proposed",
            "2026-07-02 status-changed from=proposed to=active",
            "2026-07-02 status-changed from=active to=blocked",
            "2031-01-01 status-changed from=blocked to=active",
            "2026-06-15 status-changed from=active to=done",
            "2026-06-15 criterion-met criterion=1 user",
        ]
    );
}

#[test]
fn offsets_far_from_utc_keep_the_committers_date() {
    let repo = Repo::new();
    let git = repo.git();
    // 01:00 at +14:00 is still the previous day in UTC.
    commit_search(
        &repo,
        &git,
        "2026-07-01T01:00:00+14:00",
        "alice",
        "kiribati",
        &project("proposed", "2026-09-01", "alice", &["[ ] 1 user"]),
    );
    // 23:00 at -12:00 is already the next day in UTC.
    commit_search(
        &repo,
        &git,
        "2026-07-01T23:00:00-12:00",
        "alice",
        "baker island",
        &project("active", "2026-09-01", "alice", &["[ ] 1 user"]),
    );
    let dates: Vec<String> = log_json(&repo, &["search"])
        .iter()
        .filter_map(|e| e["date"].as_str().map(str::to_owned))
        .collect();
    assert_eq!(dates, ["2026-07-01", "2026-07-01"]);
}

/// Both sides of a merge change the same project: first-parent history
/// dates main's own change at its commit and the side's at the merge.
#[test]
fn a_merge_where_both_parents_touch_a_document() {
    let repo = Repo::new();
    let git = repo.git();
    let criteria = ["[ ] p95 < 200 ms"];
    let base = commit_search(
        &repo,
        &git,
        "2026-07-01T10:00:00+00:00",
        "alice",
        "start",
        &project("active", "2026-09-01", "alice", &criteria),
    );
    let base = git.find_commit(base).expect("base");
    let trunk = git.head().expect("head").name().expect("name").to_owned();
    // The side branch moves the due date.
    git.branch("side", &base, false).expect("branch");
    git.set_head("refs/heads/side").expect("switch");
    let side = commit_search(
        &repo,
        &git,
        "2026-07-10T10:00:00+00:00",
        "bob",
        "side: later",
        &project("active", "2026-10-01", "alice", &criteria),
    );
    // Main hands the project to chen meanwhile.
    git.set_head(&trunk).expect("back");
    let main = commit_search(
        &repo,
        &git,
        "2026-07-12T10:00:00+00:00",
        "alice",
        "main: chen",
        &project("active", "2026-09-01", "chen", &criteria),
    );
    // The merge keeps both changes.
    repo.write(SEARCH, project("active", "2026-10-01", "chen", &criteria));
    let mut index = git.index().expect("index");
    index.add_path(std::path::Path::new(SEARCH)).expect("add");
    let tree = git
        .find_tree(index.write_tree().expect("tree"))
        .expect("tree");
    let sig = signature("alice", "2026-07-14T03:33:20+00:00");
    let (main, side) = (
        git.find_commit(main).expect("main"),
        git.find_commit(side).expect("side"),
    );
    let merge = git
        .commit(
            Some("HEAD"),
            &sig,
            &sig,
            "merge side",
            &tree,
            &[&main, &side],
        )
        .expect("merge");
    let events = log_json(&repo, &["search"]);
    assert_eq!(
        summary(&events),
        [
            "2026-07-01 created to=active",
            "2026-07-12 owner-changed from=alice to=chen",
            "2026-07-14 due-changed from=2026-09-01 to=2026-10-01 MOVE",
        ]
    );
    assert_eq!(events[2]["commit"], merge.to_string());
}

/// A submodule is a commit inside the tree, not a file: history steps over it.
#[test]
fn submodules_in_history_are_not_documents() {
    let repo = Repo::new();
    let git = repo.git();
    repo.write(
        SEARCH,
        project("active", "2026-09-01", "alice", &["[ ] 1 user"]),
    );
    repo.write(
        ".gitmodules",
        "[submodule \"vendor\"]\n\tpath = projects/vendor\n\turl = ../vendor\n",
    );
    let first = commit_all(&git, "2026-07-01T10:00:00+00:00", "alice", "start");
    // Add a gitlink at projects/vendor, pointing at a commit of another repo.
    let head = git.find_commit(first).expect("head");
    let projects = head
        .tree()
        .expect("tree")
        .get_path(std::path::Path::new("projects"))
        .expect("projects");
    let mut sub = git
        .treebuilder(Some(&git.find_tree(projects.id()).expect("tree")))
        .expect("builder");
    let foreign = git2::Oid::from_str("1234567890abcdef1234567890abcdef12345678").expect("oid");
    sub.insert("vendor", foreign, 0o160000).expect("gitlink");
    sub.insert("vendor.md", foreign, 0o160000)
        .expect("gitlink named like a document");
    let sub = sub.write().expect("write");
    let mut root = git
        .treebuilder(Some(&head.tree().expect("tree")))
        .expect("builder");
    root.insert("projects", sub, 0o040000).expect("projects");
    let tree = git.find_tree(root.write().expect("write")).expect("tree");
    let sig = signature("alice", "2026-07-02T13:46:40+00:00");
    git.commit(Some("HEAD"), &sig, &sig, "vendor", &tree, &[&head])
        .expect("commit");
    repo.ok(&["log", "search"]);
    let packet = repo.ok_json(&[
        "packet",
        "--person",
        "alice",
        "--since",
        "2026-07-01",
        "--until",
        "2026-09-30",
        "--format",
        "json",
    ]);
    assert_eq!(
        packet["projects"].as_array().map(Vec::len),
        Some(1),
        "{packet}"
    );
}
