//! `new project|update|decision`: documents that pass `check`, authors from
//! git and the roster, templates and their overrides, and never a replaced
//! file without `--force`.

use super::*;

#[test]
fn new_documents_pass_check_and_print_only_their_path() {
    // The criterion `new project` writes is a placeholder: it is vague on
    // purpose, so `check` reminds the owner until it states an outcome.
    let repo = team();
    let (code, out, err) = repo.run(&[
        "new",
        "project",
        "search-latency",
        "--title",
        "Cut search: p95 < 200 ms",
        "--due",
        "2026-12-15",
    ]);
    assert_eq!(
        (code, out.as_str()),
        (0, "projects/search-latency.md\n"),
        "{err}"
    );
    assert!(err.contains("warning[vague-criterion]"), "{err}");
    let (code, out, err) = repo.run(&["new", "update", "--project", "search-latency"]);
    assert_eq!(
        (code, out.as_str()),
        (0, "updates/2026-11/2026-11-22-alice.md\n"),
        "{err}"
    );
    let (code, out, err) = repo.run(&[
        "new",
        "decision",
        "Use Redis for the query cache",
        "--project",
        "search-latency",
    ]);
    assert_eq!(
        (code, out.as_str()),
        (0, "decisions/0001-use-redis-for-the-query-cache.md\n"),
        "{err}"
    );
    let (code, findings) = repo.check_json(&[]);
    assert_eq!(code, 0);
    assert_eq!(
        crate::places(&findings),
        [crate::at(
            "vague-criterion",
            "projects/search-latency.md",
            21,
            7
        )]
    );
    insta::assert_snapshot!("new_project", repo.read("projects/search-latency.md"));
    insta::assert_snapshot!(
        "new_update",
        repo.read("updates/2026-11/2026-11-22-alice.md")
    );
    insta::assert_snapshot!(
        "new_decision",
        repo.read("decisions/0001-use-redis-for-the-query-cache.md")
    );
}

#[test]
fn new_prints_a_path_that_works_from_a_subfolder() {
    let repo = team();
    let notes = repo.path().join("notes");
    std::fs::create_dir_all(&notes).expect("mkdir");
    let out = crate::ok(
        repo.cmd()
            .current_dir(&notes)
            .args(["new", "project", "alpha"]),
    );
    let printed = PathBuf::from(out.trim_end());
    let full = if printed.is_absolute() {
        printed
    } else {
        notes.join(printed)
    };
    assert!(full.is_file(), "{}", full.display());
}

#[test]
fn the_author_comes_from_git_and_the_roster() {
    // By email, case-insensitively.
    let repo = team().file(
        "projects/alpha.md",
        "---\ntitle: Alpha\nowner: bob\nstatus: active\n---\n## Success criteria\n- [ ] 1 thing\n",
    );
    let (code, out, _) = repo.run(&["new", "update", "--project", "alpha"]);
    assert_eq!(
        (code, out.as_str()),
        (0, "updates/2026-11/2026-11-22-alice.md\n")
    );

    // By name, when no email matches.
    with_git_user(&repo, Some("bob ruiz"), Some("bob@elsewhere.org"));
    let (code, out, _) = repo.run(&["new", "update", "--project", "alpha"]);
    assert_eq!(
        (code, out.as_str()),
        (0, "updates/2026-11/2026-11-22-bob.md\n")
    );

    // No match: ask for --author, and write nothing.
    with_git_user(&repo, Some("Carol"), Some("carol@example.com"));
    let before = tree(repo.path());
    let (code, _, err) = repo.run(&["new", "update", "--project", "alpha"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("matches no one under `people:`") && err.contains("--author"),
        "{err}"
    );
    assert_eq!(tree(repo.path()), before);

    // Without a roster there is nothing to match against.
    let repo = repo.file("goalpost.yml", "");
    let (code, _, err) = repo.run(&["new", "update", "--project", "alpha"]);
    assert_eq!(code, 2);
    assert!(err.contains("pass --author HANDLE"), "{err}");
    let (code, out, _) = repo.run(&["new", "update", "--project", "alpha", "--author", "carol"]);
    assert_eq!(
        (code, out.as_str()),
        (0, "updates/2026-11/2026-11-22-carol.md\n")
    );
}

#[test]
fn new_update_carries_open_blockers_over() {
    let repo = team()
        .file(
            "projects/alpha.md",
            "---\ntitle: Alpha\nowner: alice\nstatus: active\n---\n## Success criteria\n- [ ] 1 thing\n",
        )
        .file(
            "updates/2026/2026-11-10-alice.md",
            "---\nauthor: alice\ndate: 2026-11-10\nprojects: [alpha]\n---\n## Blockers\n- Old one\n",
        )
        .file(
            "updates/2026/2026-11-17-alice.md",
            "---\nauthor: alice\ndate: 2026-11-17\nprojects: [alpha]\n---\n## Blockers\n- Waiting on the infra team\n\n## Asks\n- A review from bob\n",
        )
        .file(
            "updates/2026/2026-11-18-bob.md",
            "---\nauthor: bob\ndate: 2026-11-18\nprojects: [alpha]\n---\n## Blockers\n- Not alice's\n",
        );
    let (code, out, err) = repo.run(&["new", "update", "--project", "alpha"]);
    assert_eq!(code, 0, "{err}");
    let text = repo.read(out.trim_end());
    assert!(
        text.contains(
            "## Blockers\n- Waiting on the infra team\n\n## Asks\n- A review from bob\n\n## Next"
        ),
        "{text}"
    );
    assert!(
        err.contains("carried over 1 open blocker from updates/2026/2026-11-17-alice.md"),
        "{err}"
    );
    // Asks too: writing the next update must not close them silently.
    assert!(
        err.contains("carried over 1 open ask from updates/2026/2026-11-17-alice.md"),
        "{err}"
    );
}

#[test]
fn decision_numbers_follow_the_highest_and_keep_its_folder_and_width() {
    let repo = team()
        .file("decisions/0002-a.md", "# A\n")
        .file("decisions/0010-b.md", "# B\n");
    let (code, out, _) = repo.run(&["new", "decision", "Ünïcode café: über"]);
    assert_eq!(
        (code, out.as_str()),
        (0, "decisions/0011-unicode-cafe-uber.md\n")
    );

    let repo = team()
        .file("goalpost.yml", "paths:\n  decisions: docs/**/adr/*.md\n")
        .file("docs/arch/adr/001-first.md", "# First\n");
    let (code, out, _) = repo.run(&["new", "decision", "Second"]);
    assert_eq!((code, out.as_str()), (0, "docs/arch/adr/002-second.md\n"));
    assert_clean(&repo);
}

/// `--supersedes N` links both ways in one step: the new record names N,
/// and N's status says by which; both files are written, or neither.
#[test]
fn a_new_decision_supersedes_an_old_one_both_ways() {
    let repo = team().file(
        "decisions/0001-use-redis.md",
        "---\r\nstatus: accepted\r\ndate: 2026-10-01\r\n---\r\n# Use Redis\r\n",
    );
    let (code, out, err) = repo.run(&["new", "decision", "Use Valkey", "--supersedes", "1"]);
    assert_eq!(
        (code, out.as_str()),
        (0, "decisions/0002-use-valkey.md\n"),
        "{err}"
    );
    assert!(
        repo.read("decisions/0002-use-valkey.md")
            .contains("\nsupersedes: [1]\n")
    );
    assert_eq!(
        repo.read("decisions/0001-use-redis.md"),
        "---\r\nstatus: superseded by 0002\r\ndate: 2026-10-01\r\n---\r\n# Use Redis\r\n"
    );
    assert_clean(&repo);

    // Neither file is written when the old one cannot be superseded.
    let before = tree(repo.path());
    for (args, expected) in [
        (&["--supersedes", "7"][..], "no decision has the number 7"),
        (
            &["--supersedes", "1"][..],
            "decision 1 (decisions/0001-use-redis.md) is already superseded by 2",
        ),
    ] {
        let (code, _, err) = repo.run(&[&["new", "decision", "Again"], args].concat());
        assert_eq!(code, 2, "{err}");
        assert!(err.contains(expected), "{err}");
        assert_eq!(tree(repo.path()), before);
    }
}

/// Parallel `new decision` runs never take the same number: each claims its
/// file with create-new semantics and moves on to the next number.
#[test]
fn parallel_new_decisions_take_distinct_numbers() {
    let repo = team();
    let mut numbers: Vec<String> = std::thread::scope(|scope| {
        let runs: Vec<_> = (0..12)
            .map(|i| {
                let repo = &repo;
                scope.spawn(move || repo.run(&["new", "decision", &format!("Choice {i}")]))
            })
            .collect();
        runs.into_iter()
            .map(|run| {
                let (code, out, err) = run.join().expect("thread");
                assert_eq!(code, 0, "{err}");
                out[10..14].to_owned()
            })
            .collect()
    });
    numbers.sort();
    numbers.dedup();
    assert_eq!(numbers.len(), 12, "{numbers:?}");
    let (code, findings) = repo.check_json(&[]);
    assert!(
        findings.iter().all(|f| f["rule"] != "duplicate-id"),
        "{code} {findings:?}"
    );
}

#[test]
fn bad_input_is_a_clear_error_and_writes_nothing() {
    let repo = team().file(
        "projects/alpha.md",
        "---\ntitle: Alpha\nowner: alice\nstatus: active\n---\n## Success criteria\n- [ ] 1 thing\n",
    );
    let cases: &[(&[&str], &str)] = &[
        (
            &["new", "project", "../../x"],
            "`../../x` is not a valid project id",
        ),
        (&["new", "project", "a b"], "did you mean `a-b`?"),
        (&["new", "project", "Alpha"], "did you mean `alpha`?"),
        (
            &["new", "project", "alpha"],
            "a project with the id `alpha` already exists: projects/alpha.md",
        ),
        (
            &["new", "project", "beta", "--owner", "alicia"],
            "did you mean `alice`?",
        ),
        (
            &["new", "project", "beta", "--title", "two\nlines"],
            "--title must be a single line",
        ),
        (
            &["new", "project", "beta", "--due", "2026-02-30"],
            "not a real date",
        ),
        (
            &["new", "update", "--project", "alpa"],
            "did you mean `alpha`?",
        ),
        (
            &["new", "update", "--project", "alpha", "--author", "zed"],
            "`zed` is not in the roster",
        ),
        (&["new", "decision", "  "], "the title is empty"),
        (
            &["new", "decision", "X", "--project", "nope"],
            "no project has the id `nope`",
        ),
    ];
    let before = tree(repo.path());
    for (args, expected) in cases {
        let (code, out, err) = repo.run(args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert_eq!(out, "", "{args:?}");
        assert!(err.contains(expected), "{args:?}: {err}");
        assert_eq!(tree(repo.path()), before, "{args:?} wrote something");
    }
}

#[test]
fn broken_template_overrides_are_clear_errors_and_write_nothing() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "project.md.j2",
            "---\ntitle: {{ title\n---\n",
            "template error in .goalpost/templates/project.md.j2:3: syntax error",
        ),
        (
            "project.md.j2",
            "{% include \"_parts.j2\" %}\n",
            "tried to include non-existing template '_parts.j2'",
        ),
        (
            "project.md.j2",
            "---\ntitle: {{ titel }}\n---\n",
            "the variables of project.md.j2 are due, id, owner, title, today",
        ),
        (
            "projct.md.j2",
            "x",
            "projct.md.j2 does not override any built-in template\n  help: did you mean `project.md.j2`?",
        ),
        (
            "project.md.j2",
            "---\ntitle: {{ title }}\nowner: {{ owner }}\nstatus: activ\n---\n",
            "the new project would not pass `goalpost check`, so it was not written:\n  projects/beta.md:4:9: `activ` is not a valid `status` [invalid-value]",
        ),
    ];
    for (name, content, expected) in cases {
        let repo = team().file(&format!(".goalpost/templates/{name}"), content);
        let before = tree(repo.path());
        let (code, out, err) = repo.run(&["new", "project", "beta"]);
        assert_eq!((code, out.as_str()), (2, ""), "{name}: {err}");
        assert!(err.contains(expected), "{name}: {err}");
        assert_eq!(tree(repo.path()), before);
    }
}

#[test]
fn template_overrides_and_partials_are_used() {
    let repo = team()
        .file(
            ".goalpost/templates/project.md.j2",
            "---\nid: {{ id|yaml }}\ntitle: {{ title|yaml }}\nowner: {{ owner }}\nstatus: proposed\n---\n# {{ title }}\n\n{% include \"_criteria.j2\" %}",
        )
        .file(
            ".goalpost/templates/_criteria.j2",
            "## Definition of done\n- [ ] Our own wording, with a number: 1\n",
        );
    let (code, out, err) = repo.run(&["new", "project", "beta", "--title", "yes"]);
    assert_eq!(code, 0, "{err}");
    let text = repo.read(out.trim_end());
    assert!(text.contains("title: \"yes\"\n"), "{text}");
    assert!(text.contains("## Definition of done\n"), "{text}");
    assert_clean(&repo);
}

#[test]
fn new_never_replaces_a_file_without_force() {
    let repo = team();
    let (code, out, _) = repo.run(&["new", "project", "alpha", "--owner", "bob"]);
    assert_eq!(code, 0);
    let path = out.trim_end().to_owned();
    repo.write(&path, "my own words\n");
    let (code, _, err) = repo.run(&["new", "project", "alpha", "--owner", "bob"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("projects/alpha.md already exists; goalpost does not replace files"),
        "{err}"
    );
    assert_eq!(repo.read(&path), "my own words\n");

    // With --force the file is replaced, atomically: no temporary file stays.
    let (code, _, err) = repo.run(&["new", "project", "alpha", "--owner", "bob", "--force"]);
    assert_eq!(code, 0, "{err}");
    assert!(repo.read(&path).starts_with("---\nid: alpha\n"));
    let names: Vec<String> = tree(&repo.path().join("projects")).into_keys().collect();
    assert_eq!(names, ["alpha.md"]);

    // Same author, same day: the morning's words are kept, and the way out
    // is a second file, never --force.
    let (code, out, _) = repo.run(&["new", "update", "--project", "alpha"]);
    assert_eq!(code, 0);
    let morning = out.trim_end().to_owned();
    repo.write(
        &morning,
        repo.read(&morning).replace("What moved", "Morning words"),
    );
    let (code, _, err) = repo.run(&["new", "update", "--project", "alpha"]);
    assert_eq!(code, 2);
    assert!(err.contains("already exists"), "{err}");
    assert!(err.contains("help: edit it, or write a second update for the day in a file of its own with `--slug WORD`"), "{err}");
    assert!(!err.contains("--force"), "{err}");
    let (code, out, err) = repo.run(&[
        "new",
        "update",
        "--project",
        "alpha",
        "--slug",
        "Afternoon!",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out.trim_end(),
        "updates/2026-11/2026-11-22-alice-afternoon.md"
    );
    assert!(repo.read(&morning).contains("Morning words"));
    let (code, _, err) = repo.run(&["new", "project", "alpha", "--owner", "bob"]);
    assert_eq!(code, 2);
    assert!(!err.contains("--force"), "{err}");
}

#[test]
fn new_needs_a_repository() {
    let repo = Repo::empty();
    let (code, _, err) = repo.run(&["new", "project", "alpha", "--owner", "a"]);
    assert_eq!(code, 2);
    assert!(err.contains("run `goalpost init`"), "{err}");
}

/// A team that keeps updates by month (the default: the layout the README
/// advises once a folder holds thousands) gets the next one in this month's
/// folder; a team that keeps them by year, in this year's.
#[test]
fn new_update_follows_a_month_layout() {
    let project = "---\ntitle: Alpha\nowner: alice\nstatus: active\n---\n## Success criteria\n- [ ] 1 thing\n";
    let repo = team()
        .file("projects/alpha.md", project)
        .file(
            "updates/2026/2026-09-01-alice.md",
            "---\nauthor: alice\ndate: 2026-09-01\nprojects: [alpha]\n---\n",
        )
        .file(
            "updates/2026-10/2026-10-06-bob.md",
            "---\nauthor: bob\ndate: 2026-10-06\nprojects: [alpha]\n---\n",
        );
    let (code, out, err) = repo.run(&["new", "update", "--project", "alpha"]);
    assert_eq!(
        (code, out.as_str()),
        (0, "updates/2026-11/2026-11-22-alice.md\n"),
        "{err}"
    );
    assert_clean(&repo);

    // The newest update decides: a team that went back to year folders.
    let repo = team()
        .file("projects/alpha.md", project)
        .file(
            "updates/2026-10/2026-10-06-bob.md",
            "---\nauthor: bob\ndate: 2026-10-06\nprojects: [alpha]\n---\n",
        )
        .file(
            "updates/2026/2026-11-02-bob.md",
            "---\nauthor: bob\ndate: 2026-11-02\nprojects: [alpha]\n---\n",
        );
    let (code, out, err) = repo.run(&["new", "update", "--project", "alpha"]);
    assert_eq!(
        (code, out.as_str()),
        (0, "updates/2026/2026-11-22-alice.md\n"),
        "{err}"
    );
}

/// `new decision` fills its sections from flags, each one line, and names
/// the deciders given (each from the roster) instead of the git user.
#[test]
fn new_decision_sections_from_flags() {
    let repo = team();
    let out = repo.ok(&[
        "new",
        "decision",
        "Use Redis for the query cache",
        "--decider",
        "bob,alice",
        "--context",
        "p95 is 340 ms; most of it is repeated queries",
        "--option",
        "Redis",
        "--option",
        "Memcached",
        "--outcome",
        "Redis, because we run it already",
    ]);
    assert_eq!(
        repo.read(out.trim()),
        "---\nstatus: proposed            # proposed | accepted | rejected | deprecated | superseded\ndate: 2026-11-22\ndeciders: [bob, alice]\n---\n# Use Redis for the query cache\n\n## Context and problem statement\np95 is 340 ms; most of it is repeated queries\n\n## Considered options\n- Redis\n- Memcached\n\n## Decision outcome\nRedis, because we run it already\n\n## Consequences\nWhat becomes easier, and what becomes harder.\n"
    );
    let err = repo.refused(&["new", "decision", "Another", "--context", "two\nlines"]);
    assert!(
        err.contains("`--context` must be a single line of text"),
        "{err}"
    );
    let err = repo.refused(&["new", "decision", "Another", "--decider", "bobb"]);
    assert!(
        err.contains("`bobb` is not in the roster of goalpost.yml"),
        "{err}"
    );
}
