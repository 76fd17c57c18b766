//! `parent` and `depends_on` (#31, its validation): unknown ids with a
//! suggestion, a cycle of three named whole, a dependency due after its
//! dependant, a done project waiting on one that is not; each at its line.

use crate::{Repo, places};

fn project(id: &str, extra: &str) -> (String, String) {
    (
        format!("projects/{id}.md"),
        format!(
            "---\ntitle: {id}\nowner: alice\n{extra}---\n## Success criteria\n- [ ] p95 < 200 ms\n"
        ),
    )
}

#[test]
fn parents_and_dependencies_are_checked_at_their_lines() {
    let mut repo = Repo::new().file("goalpost.yml", "checkin: none\n");
    for (id, extra) in [
        ("a", "status: active\ndepends_on: [b]\n"),
        ("b", "status: active\ndepends_on: [c]\n"),
        ("c", "status: active\ndepends_on: [a]\n"),
        ("api", "status: active\ndue: 2026-12-01\n"),
        (
            "app",
            "status: active\ndue: 2026-11-15\ndepends_on: [api]\nparent: platfrm\n",
        ),
        ("platform", "status: active\n"),
        ("shipped", "status: done\ndepends_on:\n  - api\n"),
        ("x", "status: active\nparent: y\n"),
        ("y", "status: active\nparent: x\n"),
    ] {
        let (path, text) = project(id, extra);
        repo = repo.file(&path, &text);
    }
    let (code, out, _) = repo.once(&["--today", "2026-11-01", "check", "--format", "json"]);
    assert_eq!(code, 1, "{out}");
    let json: serde_json::Value = serde_json::from_str(&out).expect("json");
    let found = places(json.as_array().expect("findings"));
    for expected in [
        ("dependency-cycle", "projects/a.md", 5, 14),
        ("dependency-due-after", "projects/app.md", 6, 14),
        ("unknown-project", "projects/app.md", 7, 9),
        ("done-before-dependency", "projects/shipped.md", 6, 5),
    ] {
        assert!(
            found
                .iter()
                .any(|f| (f.0.as_str(), f.1.as_str(), f.2, f.3) == expected),
            "{expected:?} in {found:?}"
        );
    }
    let message = |rule: &str| {
        json.as_array()
            .expect("findings")
            .iter()
            .find(|f| f["rule"] == rule)
            .map(|f| {
                (
                    f["message"].as_str().unwrap_or("").to_owned(),
                    f["help"].as_str().unwrap_or("").to_owned(),
                )
            })
            .expect(rule)
    };
    assert_eq!(
        message("dependency-cycle").0,
        "`depends_on` leads in a circle: a → b → c → a"
    );
    assert_eq!(
        message("dependency-due-after").0,
        "`api` is due 2026-12-01, after this project's own due date 2026-11-15"
    );
    assert_eq!(message("unknown-project").1, "did you mean `platform`?");
    assert_eq!(
        message("done-before-dependency").0,
        "this project is done, but `api`, which it depends on, is active"
    );
    // One finding per cycle, in each relation.
    assert_eq!(out.matches("\"dependency-cycle\"").count(), 2, "{out}");
    assert!(
        out.contains("`parent` leads in a circle: x → y → x"),
        "{out}"
    );
}

/// Each project page lists what it is part of and includes, what it waits
/// for and what needs it, with their states.
#[test]
fn project_pages_list_related_projects_with_their_state() {
    let mut repo = Repo::new().file("goalpost.yml", "checkin: none\n");
    for (id, extra) in [
        ("platform", "status: active\n"),
        ("api", "status: blocked\nparent: platform\n"),
        (
            "app",
            "status: active\nparent: platform\ndepends_on: [api]\n",
        ),
    ] {
        let (path, text) = project(id, extra);
        repo = repo.file(&path, &text);
    }
    crate::commit_all(&repo.git(), "2026-11-01T10:00:00Z", "alice", "start");
    let (code, _, err) = repo.once(&["--today", "2026-11-02", "site"]);
    assert_eq!(code, 0, "{err}");
    let page = |id: &str| repo.read(&format!("site/projects/{id}.html"));
    let link = |id: &str| {
        format!("<a href=\"..&#x2f;projects&#x2f;{id}.html\"><code>{id}</code></a> {id}")
    };
    let platform = page("platform");
    assert!(
        platform.contains(&format!("<b>Includes</b>: {} <span class=\"state state-blocked\">blocked</span>; {} <span class=\"state state-active\">active</span>", link("api"), link("app"))),
        "{platform}"
    );
    let app = page("app");
    assert!(
        app.contains(&format!("<b>Part of</b>: {}", link("platform"))),
        "{app}"
    );
    assert!(
        app.contains(&format!(
            "<b>Waits for</b>: {} <span class=\"state state-blocked\">blocked</span>",
            link("api")
        )),
        "{app}"
    );
    assert!(page("api").contains(&format!("<b>Needed by</b>: {}", link("app"))));

    // The board lists each child under its parent, whatever its state.
    let board = repo.read("site/index.html");
    assert!(
        board.contains("Active <span class=\"muted\">(1, with 2 below them)</span>"),
        "{board}"
    );
    assert!(!board.contains("<h2>Blocked"), "{board}");
    let at = |needle: &str| board.find(needle).unwrap_or(usize::MAX);
    assert!(
        at("<code>platform</code>") < at("<code>api</code>"),
        "{board}"
    );
    assert!(at("<code>api</code>") < at("<code>app</code>"), "{board}");
    assert!(
        board.contains("<code>api</code> <span class=\"state state-blocked\">blocked</span>"),
        "{board}"
    );
    assert!(
        board.contains("below: 0/2 criteria · 1 active, 1 blocked"),
        "{board}"
    );
    // The blockers page names who to ask.
    let blockers = repo.read("site/blockers.html");
    assert!(
        blockers.contains("<h2>Waiting on other projects</h2>"),
        "{blockers}"
    );
    assert!(
        blockers.contains("<span class=\"late\">blocked</span>"),
        "{blockers}"
    );
}

/// A program of two levels: `search` (with `index` under it) and `billing`
/// roll up into `program`; `loose` stands alone.
fn program() -> Repo {
    let mut repo = Repo::new().file(
        "goalpost.yml",
        "checkin: none\npeople:\n  alice: {name: Alice}\n  bob: {name: Bob}\n",
    );
    for (path, text) in [
        (
            "projects/program.md",
            "---\ntitle: Program\nowner: alice\nstatus: active\n---\n## Success criteria\n- [ ] 2 teams on it\n",
        ),
        (
            "projects/search.md",
            "---\ntitle: Search\nowner: bob\nstatus: active\nparent: program\n---\n## Success criteria\n- [x] a\n- [ ] b\n",
        ),
        (
            "projects/index.md",
            "---\ntitle: Index\nowner: alice\nstatus: blocked\nparent: search\nmeasures:\n  - {id: p95, baseline: 300, target: 200, unit: ms}\n  - {id: errors, baseline: 5, target: 1}\n---\n## Success criteria\n- [x] c\n- [x] d\n- [ ] ~~e~~ withdrawn\n",
        ),
        (
            "projects/billing.md",
            "---\ntitle: Billing\nowner: alice\nstatus: done\nparent: program\n---\n## Success criteria\n- [x] f\n",
        ),
        (
            "projects/loose.md",
            "---\ntitle: Loose\nowner: alice\nstatus: at-risk\n---\n## Success criteria\n- [ ] g\n",
        ),
        (
            "updates/2026-11-02-alice.md",
            "---\nauthor: alice\ndate: 2026-11-02\nprojects: [index]\nmeasures:\n  p95: 190\n  errors: 2\n---\n## Progress\nFaster.\n",
        ),
    ] {
        repo = repo.file(path, text);
    }
    repo
}

#[test]
fn a_parent_rolls_up_every_level_below_it() {
    let repo = program();
    let rows = repo.ok_json(&["--today", "2026-11-10", "status", "--format", "json"]);
    let row = |id: &str| {
        rows.as_array()
            .expect("rows")
            .iter()
            .find(|r| r["id"] == id)
            .cloned()
            .unwrap_or_default()
    };
    // search (1/2), index (2/2, the withdrawn one counts in neither; p95 met,
    // errors not) and billing (1/1): 4 of 5 criteria, 1 of 2 measures.
    assert_eq!(
        row("program")["rollup"],
        serde_json::json!({
            "projects": 3, "criteria_met": 4, "criteria_total": 5,
            "measures_met": 1, "measures_total": 2,
            "statuses": {"active": 1, "blocked": 1, "done": 1},
        })
    );
    assert_eq!(row("program")["criteria_met"], 0);
    assert_eq!(
        row("search")["rollup"],
        serde_json::json!({
            "projects": 1, "criteria_met": 2, "criteria_total": 2,
            "measures_met": 1, "measures_total": 2, "statuses": {"blocked": 1},
        })
    );
    assert_eq!(row("index")["rollup"], serde_json::Value::Null);
    assert_eq!(row("index")["parent"], "search");
    assert_eq!(row("index").get("depth"), None);

    // The tree keeps the status order among siblings: at risk, blocked,
    // active, then done.
    let tree = repo.ok(&["--today", "2026-11-10", "status", "--tree"]);
    let firsts: Vec<&str> = tree
        .lines()
        .skip(1)
        .map(|l| l.split("  ").find(|w| !w.is_empty()).map_or("", str::trim))
        .collect();
    assert_eq!(
        firsts,
        ["loose", "program", "search", "index", "billing"],
        "{tree}"
    );
    let line = |id: &str| {
        tree.lines()
            .find(|l| l.trim_start().starts_with(&format!("{id} ")))
            .unwrap_or_default()
            .to_owned()
    };
    assert!(line("index").starts_with("    index "), "{tree}");
    assert!(line("search").starts_with("  search "), "{tree}");
    assert!(line("program").starts_with("program "), "{tree}");
    assert!(
        line("program").contains("0/1 (below: 4/5 · 1/2 measures)"),
        "{tree}"
    );
    let json = repo.ok_json(&[
        "--today",
        "2026-11-10",
        "status",
        "--tree",
        "--format",
        "json",
    ]);
    let depths: Vec<(&str, u64)> = json
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap_or(""),
                r["depth"].as_u64().unwrap_or(9),
            )
        })
        .collect();
    assert_eq!(
        depths,
        [
            ("loose", 0),
            ("program", 0),
            ("search", 1),
            ("index", 2),
            ("billing", 1)
        ]
    );

    // bob's view: search alone, at the top, still rolling up index.
    let bob = repo.ok_json(&[
        "--today",
        "2026-11-10",
        "status",
        "--tree",
        "--owner",
        "bob",
        "--format",
        "json",
    ]);
    assert_eq!(bob[0]["id"], "search");
    assert_eq!(bob[0]["depth"], 0);
    assert_eq!(bob[0]["rollup"]["projects"], 1);
}

#[test]
fn work_waiting_on_a_dependency_in_trouble_names_who_to_ask() {
    let mut repo = Repo::new().file("goalpost.yml", "checkin: none\n");
    for (id, owner, extra) in [
        ("api", "bob", "status: blocked\n"),
        ("auth", "chen", "status: active\ndue: 2026-10-01\n"),
        ("fine", "bob", "status: active\ndue: 2027-01-01\n"),
        ("risky", "chen", "status: at-risk\ndue: 2026-11-01\n"),
        (
            "app",
            "alice",
            "status: active\ndepends_on: [auth, api, fine]\n",
        ),
        ("web", "alice", "status: active\ndepends_on: [risky]\n"),
        ("shipped", "alice", "status: done\ndepends_on: [api]\n"),
    ] {
        repo = repo.file(
            &format!("projects/{id}.md"),
            &format!(
                "---\ntitle: {id}\nowner: {owner}\n{extra}---\n## Success criteria\n- [ ] 1 user\n"
            ),
        );
    }
    let today = ["--today", "2026-11-10"];
    let blockers = repo.ok_json(&[&today[..], &["blockers", "--format", "json"]].concat());
    let waits = serde_json::json!([
        {"kind": "waiting", "project": "app", "owner": "alice", "waiting_on": {
            "id": "api", "owner": "bob", "status": "blocked", "due": null, "overdue": false,
            "path": "projects/api.md"}},
        {"kind": "waiting", "project": "app", "owner": "alice", "waiting_on": {
            "id": "auth", "owner": "chen", "status": "active", "due": "2026-10-01", "overdue": true,
            "path": "projects/auth.md"}},
        {"kind": "waiting", "project": "web", "owner": "alice", "waiting_on": {
            "id": "risky", "owner": "chen", "status": "at-risk", "due": "2026-11-01", "overdue": true,
            "path": "projects/risky.md"}},
    ]);
    assert_eq!(blockers, waits);
    // --person keeps the waits of the projects the person owns.
    let bob = repo.ok_json(
        &[
            &today[..],
            &["blockers", "--person", "bob", "--format", "json"],
        ]
        .concat(),
    );
    assert_eq!(bob, serde_json::json!([]));
    let table = repo.ok(&[&today[..], &["blockers"]].concat());
    assert!(
        table.contains("waiting on risky (at risk, overdue since 2026-11-01; ask chen)"),
        "{table}"
    );
    assert!(
        table.contains("waiting on api (blocked; ask bob)"),
        "{table}"
    );

    let agenda = |who: &str| {
        repo.ok_json(&[&today[..], &["agenda", "--person", who, "--format", "json"]].concat())
    };
    // The agenda's rows are the same, without the kind.
    let untagged: Vec<serde_json::Value> = waits
        .as_array()
        .expect("waits")
        .iter()
        .map(|w| {
            let mut w = w.clone();
            if let Some(fields) = w.as_object_mut() {
                fields.remove("kind");
            }
            w
        })
        .collect();
    assert_eq!(
        agenda("alice")["waiting_on_others"],
        serde_json::Value::from(untagged)
    );
    assert_eq!(agenda("alice")["others_waiting"], serde_json::json!([]));
    let on_bob: Vec<String> = agenda("bob")["others_waiting"]
        .as_array()
        .expect("waits")
        .iter()
        .map(|w| {
            format!(
                "{}→{}",
                w["project"].as_str().unwrap_or(""),
                w["waiting_on"]["id"].as_str().unwrap_or("")
            )
        })
        .collect();
    assert_eq!(on_bob, ["app→api"]);
    assert_eq!(
        agenda("chen")["others_waiting"].as_array().map(Vec::len),
        Some(2)
    );
    let md = repo.ok(&[&today[..], &["agenda", "--person", "bob"]].concat());
    assert!(
        md.contains("## Others waiting on their projects\n\n- `app` (alice) waits on their `api`, which is blocked (`projects/api.md`)\n"),
        "{md}"
    );
    let md = repo.ok(&[&today[..], &["agenda", "--person", "alice"]].concat());
    assert!(
        md.contains("- `web` (alice) waits on `risky`, which is at risk, overdue since 2026-11-01 (`projects/risky.md`) — ask chen\n"),
        "{md}"
    );
}
