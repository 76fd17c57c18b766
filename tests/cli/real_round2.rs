//! What trying goalpost on real proposal and decision folders found (round
//! 2): renames git reports keep a history when the file name gives a new id,
//! a decision number freed by a rename and used again is a new decision,
//! and the site names what it could not read.

use serde_json::Value;

use crate::{Repo, commit_all};

fn mv(repo: &Repo, from: &str, to: &str) {
    std::fs::rename(repo.path().join(from), repo.path().join(to)).expect("rename");
}

#[test]
fn a_reused_decision_number_is_dated_by_the_file_that_took_it() {
    let repo = Repo::new()
        .file("goalpost.yml", "people:\n  alice: { name: Alice }\n")
        .file(
            "projects/search.md",
            "---\ntitle: Search\nowner: alice\nstatus: active\n---\n- [ ] p95 < 200 ms\n",
        )
        .file(
            "decisions/0001-old.md",
            "---\nstatus: accepted\nprojects: [search]\n---\n# Use Redis\n\nThe cache is shared.\n",
        );
    let git = repo.git();
    commit_all(&git, "2026-01-05T10:00:00Z", "alice", "decide");
    mv(&repo, "decisions/0001-old.md", "decisions/0002-old.md");
    commit_all(&git, "2026-02-10T10:00:00Z", "alice", "renumber");
    repo.write(
        "decisions/0001-new.md",
        "---\nstatus: proposed\nprojects: [search]\n---\n# Shard the index\n\nToo big for one node.\n",
    );
    commit_all(&git, "2026-03-15T10:00:00Z", "alice", "new decision 1");

    let packet = repo.ok_json(&[
        "packet",
        "--project",
        "search",
        "--since",
        "2026-01-01",
        "--until",
        "2026-03-31",
        "--format",
        "json",
    ]);
    let dated: Vec<(String, String)> = packet["decisions"]
        .as_array()
        .expect("decisions")
        .iter()
        .map(|d| {
            let s = |k: &str| d[k].as_str().unwrap_or("-").to_owned();
            (s("key"), s("date"))
        })
        .collect();
    assert_eq!(
        dated,
        [
            ("2".to_owned(), "2026-01-05".to_owned()),
            ("1".to_owned(), "2026-03-15".to_owned())
        ],
        "{packet:#}"
    );

    let (code, _, err) = repo.once(&["--today", "2026-03-20", "site"]);
    assert_eq!(code, 0, "{err}");
    let log = repo.read("site/decisions.html");
    assert!(
        log.contains("2026-03-15") && log.contains("2026-01-05"),
        "{log}"
    );
    let one = repo.read("site/decisions/1.html");
    assert!(
        one.contains("2026-03-15") && !one.contains("2026-01-05"),
        "{one}"
    );
}

#[test]
fn a_rename_that_changes_the_id_keeps_the_history() {
    let text = |status: &str, extra: &str| {
        format!(
            "---\ntitle: Token standard\nowner: alice\nstatus: {status}\n---\n# Token standard\n\nA standard interface for tokens.\n\n## Specification\n\nMethods: name, symbol, decimals, totalSupply, balanceOf, transfer,\ntransferFrom, approve, allowance.\n\nEvents: Transfer, Approval.\n{extra}\n## Success criteria\n- [x] Two wallets implement it\n"
        )
    };
    let repo = Repo::new()
        .file(
            "goalpost.yml",
            "people:\n  alice: { name: Alice }\nstatuses:\n  active: [Draft]\n  done: [Final]\ncheckin: none\n",
        )
        .file("projects/eip-20.md", &text("Draft", ""));
    let git = repo.git();
    commit_all(&git, "2017-11-19T10:00:00Z", "alice", "eip-20");
    repo.write("projects/eip-20.md", text("Final", ""));
    let finalized = commit_all(&git, "2018-03-02T10:00:00Z", "alice", "final");
    // Moved to the ERC folder's name, with one line added: git calls it a
    // rename, and so does goalpost.
    mv(&repo, "projects/eip-20.md", "projects/erc-20.md");
    repo.write("projects/erc-20.md", text("Final", "\nSee also ERC-777.\n"));
    let moved = commit_all(&git, "2023-10-27T10:00:00Z", "alice", "move to ERCs");

    let events = repo.ok_json(&["log", "erc-20", "--format", "json"]);
    let kinds: Vec<(&str, &str, &str)> = events
        .as_array()
        .expect("events")
        .iter()
        .map(|e| {
            (
                e["event"].as_str().unwrap_or("-"),
                e["date"].as_str().unwrap_or("-"),
                e["to"].as_str().unwrap_or("-"),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            ("created", "2017-11-19", "active"),
            ("status-changed", "2018-03-02", "done"),
            ("id-changed", "2023-10-27", "erc-20"),
        ],
        "{events:#}"
    );
    assert_eq!(events[1]["commit"], Value::from(finalized.to_string()));
    assert_eq!(events[2]["commit"], Value::from(moved.to_string()));
    assert_eq!(events[2]["from"], "eip-20");

    // The old id leads to the new one.
    let (code, out, err) = repo.run(&["log", "eip-20"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("`eip-20` was renamed to `erc-20`"), "{err}");
    assert!(out.contains("id-changed          eip-20 → erc-20"), "{out}");

    // A packet of 2018 sees it delivered then, under the id it has now.
    let packet = repo.ok_json(&[
        "packet",
        "--project",
        "erc-20",
        "--since",
        "2018-01-01",
        "--until",
        "2018-12-31",
        "--format",
        "json",
    ]);
    assert_eq!(
        packet["projects"][0]["delivered"], "2018-03-02",
        "{packet:#}"
    );

    // Content too different is not a rename: a new project starts.
    repo.write(
        "projects/erc-721.md",
        "---\ntitle: NFTs\nowner: alice\nstatus: Draft\n---\n- [ ] One marketplace lists them\n",
    );
    commit_all(&git, "2024-01-01T10:00:00Z", "alice", "erc-721");
    mv(&repo, "projects/erc-721.md", "projects/erc-1155.md");
    repo.write(
        "projects/erc-1155.md",
        "---\ntitle: Multi-token\nowner: alice\nstatus: Draft\n---\nSomething else entirely.\n- [ ] Two games use it\n",
    );
    commit_all(&git, "2024-02-01T10:00:00Z", "alice", "replace");
    let events = repo.ok_json(&["log", "erc-1155", "--format", "json"]);
    assert_eq!(events[0]["event"], "created");
    assert_eq!(events[0]["date"], "2024-02-01");
}

/// `site` says which documents it could not read, as every command counts
/// them (#34.2); the other pages are still written.
#[test]
fn the_site_names_the_documents_it_could_not_read() {
    let repo = Repo::new()
        .file(
            "projects/good.md",
            "---\ntitle: Good\nowner: alice\nstatus: active\n---\n- [ ] x\n",
        )
        .file("projects/broken.md", "---\ntitle: [unclosed\n---\n");
    commit_all(&repo.git(), "2026-11-20T10:00:00Z", "alice", "start");
    let (code, _, err) = repo.once(&["--today", "2026-11-21", "site"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("1 document could not be read and got no page (projects/broken.md); run `goalpost check` for details"),
        "{err}"
    );
    assert!(repo.path().join("site/projects/good.html").exists());
}

/// A timestamp where a date belongs is named as such (#34.7).
#[test]
fn a_date_with_a_time_says_so() {
    let repo = Repo::new().file(
        "projects/a.md",
        "---\ntitle: A\nowner: alice\nstatus: active\ndue: 2024-08-19T00:00:00.000Z\ncreated: 2024-02-30\n---\n- [ ] x\n",
    );
    let (code, out, _) = repo.once(&["check"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(
            "`due` must be a date `YYYY-MM-DD` without a time: `2024-08-19T00:00:00.000Z`"
        ),
        "{out}"
    );
    assert!(
        out.contains("help: write the date alone as `2024-08-19`"),
        "{out}"
    );
    assert!(
        out.contains("`created` is not a real date: `2024-02-30`"),
        "{out}"
    );
}

/// `status --status WORD` keeps the projects that say the word, and the
/// STATUS column shows the word beside its state (#34.6).
#[test]
fn status_filters_by_the_repositorys_own_word() {
    let project = |id: &str, status: &str| {
        (
            format!("projects/{id}.md"),
            format!("---\ntitle: {id}\nowner: alice\nstatus: {status}\n---\n- [ ] x\n"),
        )
    };
    let mut repo = Repo::new().file(
        "goalpost.yml",
        "statuses:\n  active: [Draft, Review, Last Call]\n  done: [Final]\ncheckin: none\n",
    );
    for (id, status) in [
        ("eip-1", "Last Call"),
        ("eip-2", "Review"),
        ("eip-3", "active"),
        ("eip-4", "Final"),
    ] {
        let (path, text) = project(id, status);
        repo = repo.file(&path, &text);
    }
    let out = repo.ok(&["status", "--status", "last call"]);
    assert!(
        out.contains("eip-1") && !out.contains("eip-2") && !out.contains("eip-3"),
        "{out}"
    );
    assert!(out.contains("Last Call (active)"), "{out}");
    let out = repo.ok(&["status", "--status", "active"]);
    for id in ["eip-1", "eip-2", "eip-3"] {
        assert!(out.contains(id), "{out}");
    }
    assert!(!out.contains("eip-4"), "{out}");
    let rows = repo.ok_json(&["status", "--format", "json"]);
    let eip1 = rows
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["id"] == "eip-1")
        .expect("eip-1");
    assert_eq!(
        (&eip1["status"], &eip1["status_word"]),
        (&Value::from("active"), &Value::from("Last Call"))
    );
    let eip3 = rows
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["id"] == "eip-3")
        .expect("eip-3");
    assert!(eip3.get("status_word").is_none(), "{eip3}");
}

/// `log` of a decision number shows its status timeline; in a folder of
/// decisions only, or for a file without frontmatter, the error says what
/// `log` follows (#34.4).
#[test]
fn log_follows_decisions_and_says_what_it_cannot_follow() {
    let decision = |status: &str| {
        format!(
            "---\nstatus: {status}\ndate: 2024-01-10\n---\n# Use event sourcing\n\nBecause audits.\n"
        )
    };
    let repo = Repo::new().file("decisions/0045-event-sourcing.md", &decision("proposed"));
    let git = repo.git();
    let added = commit_all(&git, "2024-01-10T10:00:00Z", "alice", "propose");
    repo.write("decisions/0045-event-sourcing.md", decision("accepted"));
    commit_all(&git, "2024-02-01T10:00:00Z", "alice", "accept");
    repo.write("decisions/0045-event-sourcing.md", decision("superseded"));
    commit_all(&git, "2025-03-01T10:00:00Z", "alice", "supersede");

    let out = repo.ok(&["log", "0045"]);
    assert!(
        out.starts_with("decision 45: Use event sourcing\n\n"),
        "{out}"
    );
    let events = repo.ok_json(&["log", "45", "--format", "json"]);
    let steps: Vec<(&str, &str, &str)> = events
        .as_array()
        .expect("events")
        .iter()
        .map(|e| {
            (
                e["date"].as_str().unwrap_or("-"),
                e["from"].as_str().unwrap_or("-"),
                e["to"].as_str().unwrap_or("-"),
            )
        })
        .collect();
    assert_eq!(
        steps,
        [
            ("2024-01-10", "-", "proposed"),
            ("2024-02-01", "proposed", "accepted"),
            ("2025-03-01", "accepted", "superseded"),
        ]
    );
    assert_eq!(events[0]["commit"], Value::from(added.to_string()));

    let err = repo.refused(&["log", "search"]);
    assert!(
        err.contains("`log` follows projects and decisions (by number); this history has decisions but no projects"),
        "{err}"
    );

    // A file in the project folder that never had frontmatter.
    repo.write(
        "projects/search.md",
        "# Search\n\nNotes, no frontmatter yet.\n",
    );
    commit_all(&git, "2025-04-01T10:00:00Z", "alice", "notes");
    let err = repo.refused(&["log", "search"]);
    assert!(
        err.contains("`projects/search.md` has no frontmatter, so it is not a project yet"),
        "{err}"
    );
}

/// `!glob` leaves files out of a kind, and a glob that matches nothing
/// beside one that does is named (#34.5).
#[test]
fn globs_exclude_and_a_glob_matching_nothing_is_named() {
    let adr = "---\nstatus: accepted\ndate: 2026-01-01\n---\n# Use Postgres\n\nContext.\n";
    let repo = Repo::new()
        .file(
            "goalpost.yml",
            "paths:\n  decisions: [docs/adr/*.md, \"!docs/adr/*-template.md\", \"!docs/adr/index.md\", doc/adrs/*.md]\n",
        )
        .file("docs/adr/0001-use-postgres.md", adr)
        .file("docs/adr/0000-template.md", "# Title\n\nFill me in.\n")
        .file("docs/adr/index.md", "# Decisions\n\n- [1](0001-use-postgres.md)\n");
    let (code, out, err) = repo.run(&["check"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("in 1 document"), "{out}");
    assert!(
        err.contains("note: `doc/adrs/*.md` in paths.decisions of goalpost.yml matches no file; check its spelling, or remove it"),
        "{err}"
    );
    // The default globs of kinds with no files at all say nothing.
    assert!(!err.contains("updates/**/*.md"), "{err}");
}

/// A proposal folder configured by `init --preset proposals` checks with no
/// false finding: the id from `eip:`, the owner and contributors from
/// `author:`, the folder's own fields accepted, its template left out
/// (#34.8, #34.9).
#[test]
fn a_proposal_folder_checks_clean_with_the_preset() {
    let eip = |n: u32, status: &str, author: &str| {
        format!(
            "---\neip: {n}\ntitle: Proposal {n}\ndescription: A standard interface\nauthor: {author}\ndiscussions-to: https://ethereum-magicians.org/t/{n}\nstatus: {status}\ntype: Standards Track\ncategory: ERC\ncreated: 2017-11-19\nrequires: 20, 165\n---\n\n## Abstract\n\nA standard interface.\n\n## Specification\n\nMethods.\n"
        )
    };
    let repo = Repo::empty()
        .file(
            "EIPS/eip-20.md",
            &eip(
                20,
                "Final",
                "Fabian Vogelsteller (@frozeman), Vitalik Buterin <v@example.org>",
            ),
        )
        .file(
            "EIPS/eip-721.md",
            &eip(721, "Last Call", "William Entriken (@fulldecent)"),
        )
        .file(
            "EIPS/eip-1.md",
            &eip(1, "Living", "Martin Becze <mb@example.org>, Hudson Jameson"),
        )
        .file(
            "EIPS/eip-template.md",
            "---\neip: <to be assigned>\ntitle: <The EIP title>\n---\n",
        );
    let git = repo.git();
    let (code, out, err) = repo.once(&["init", "--preset", "proposals", "--folder", "EIPS"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "goalpost.yml\nupdates/\ndecisions/\n", "{err}");
    commit_all(&git, "2018-03-02T10:00:00Z", "alice", "proposals");

    let (code, out, err) = repo.run(&["check", "--format", "json"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(out.trim(), "[]", "{err}");

    let rows = repo.ok_json(&["status", "--format", "json"]);
    let row = |id: &str| {
        rows.as_array()
            .expect("rows")
            .iter()
            .find(|r| r["id"] == id)
            .unwrap_or_else(|| panic!("{id} in {rows:#}"))
            .clone()
    };
    assert_eq!(row("20")["owner"], "frozeman");
    assert_eq!(
        (&row("20")["status"], &row("20")["status_word"]),
        (&Value::from("done"), &Value::from("Final"))
    );
    assert_eq!(row("1")["owner"], "mb@example.org");
    assert_eq!(rows.as_array().expect("rows").len(), 3, "{rows:#}");
    let log = repo.ok(&["log", "721"]);
    assert!(log.starts_with("721: Proposal 721\n"), "{log}");
}

/// A moved update is the same update: its event and the values it reports
/// are cited at the commit that first added it, not at the move.
#[test]
fn a_moved_update_keeps_its_commit() {
    let repo = Repo::new()
        .file("goalpost.yml", "people:\n  alice: { name: Alice }\n")
        .file(
            "projects/fcr.md",
            "---\ntitle: FCR\nowner: alice\nstatus: active\nmeasures:\n  - { id: fcr, name: Resolution, baseline: 61, target: 70 }\n---\n",
        )
        .file(
            "updates/2026-07-10-alice.md",
            "---\nauthor: alice\ndate: 2026-07-10\nprojects: [fcr]\nmeasures:\n  fcr: 64\n---\n## Progress\n- Macros for the ten most common questions\n",
        );
    let git = repo.git();
    let added = commit_all(&git, "2026-07-10T10:00:00Z", "alice", "update");
    std::fs::create_dir_all(repo.path().join("updates/2026-07")).expect("mkdir");
    mv(
        &repo,
        "updates/2026-07-10-alice.md",
        "updates/2026-07/2026-07-10-alice.md",
    );
    commit_all(&git, "2026-08-01T10:00:00Z", "alice", "month folders");

    let events = repo.ok_json(&["log", "fcr", "--format", "json"]);
    let cited: Vec<(&str, &str)> = events
        .as_array()
        .expect("events")
        .iter()
        .filter(|e| e["event"] != "created")
        .map(|e| {
            (
                e["event"].as_str().unwrap_or("-"),
                e["commit"].as_str().unwrap_or("-"),
            )
        })
        .collect();
    let sha = added.to_string();
    assert_eq!(
        cited,
        [("update", sha.as_str()), ("measure-reported", sha.as_str())],
        "{events:#}"
    );
    assert_eq!(events[1]["path"], "updates/2026-07-10-alice.md");

    let packet = repo.ok_json(&[
        "packet",
        "--project",
        "fcr",
        "--since",
        "2026-07-01",
        "--until",
        "2026-08-31",
        "--format",
        "json",
    ]);
    assert_eq!(
        packet["updates"].as_array().map(Vec::len),
        Some(1),
        "{packet:#}"
    );
    assert_eq!(packet["updates"][0]["commit"], Value::from(sha.clone()));
}
