//! Adoption: `init`, `new`, templates, `schema`, `completions`, `man`, the
//! GitLab report, and the CI integrations shipped in the repository
//! (`action.yml`, `.pre-commit-hooks.yaml`, the README's snippets).

mod json_schema;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use clap::CommandFactory;
use goalpost::cli::Cli;
use serde_json::Value;

use crate::Repo;

/// Every file under `dir` (but `.git`) with its content.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.file_name().is_some_and(|n| n == ".git") {
                continue;
            }
            let meta = std::fs::symlink_metadata(&path).expect("metadata");
            let rel = path
                .strip_prefix(root)
                .expect("inside")
                .to_string_lossy()
                .replace('\\', "/");
            if meta.is_dir() {
                out.insert(format!("{rel}/"), Vec::new());
                walk(root, &path, out);
            } else {
                out.insert(rel, std::fs::read(&path).unwrap_or_default());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// A git repository whose own configuration names the user.
fn with_git_user(repo: &Repo, name: Option<&str>, email: Option<&str>) {
    let git = repo.git();
    let mut config = git
        .config()
        .and_then(|c| c.open_level(git2::ConfigLevel::Local))
        .expect("local config");
    if let Some(name) = name {
        config.set_str("user.name", name).expect("user.name");
    }
    if let Some(email) = email {
        config.set_str("user.email", email).expect("user.email");
    }
}

/// `check --format json` must find nothing at all.
fn assert_clean(repo: &Repo) {
    let (code, findings) = repo.check_json(&[]);
    assert_eq!((code, findings), (0, Vec::new()));
}

const ROSTER: &str =
    "people:\n  alice: { name: Alice Ng, email: alice@example.com }\n  bob: { name: Bob Ruiz }\n";

// ---------------------------------------------------------------- init

#[test]
fn init_writes_a_repository_that_passes_check() {
    let repo = Repo::empty();
    let (code, out, err) = repo.run(&["init"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "goalpost.yml\nprojects/\nprojects/example.md\nupdates/\ndecisions/\n"
    );
    assert!(err.contains("next steps:"), "{err}");
    assert_clean(&repo);
    let (code, _, _) = repo.run(&["check", "--deny-warnings"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!("init_goalpost_yml", repo.read("goalpost.yml"));
    insta::assert_snapshot!("init_example_project", repo.read("projects/example.md"));
}

#[test]
fn init_twice_says_what_exists_and_changes_nothing() {
    let repo = Repo::empty();
    repo.run(&["init"]);
    let before = tree(repo.path());
    let (code, out, err) = repo.run(&["init"]);
    assert_eq!(code, 0);
    assert_eq!(out, "");
    for path in [
        "goalpost.yml",
        "projects/",
        "projects/example.md",
        "updates/",
        "decisions/",
    ] {
        assert!(
            err.contains(&format!("note: {path} already exists; left as it is")),
            "{err}"
        );
    }
    assert!(err.contains("nothing to do"), "{err}");
    assert_eq!(tree(repo.path()), before);
}

#[test]
fn init_into_a_new_folder() {
    let repo = Repo::empty();
    let (code, out, _) = repo.run(&["init", "team/goals"]);
    assert_eq!(code, 0);
    assert!(
        out.starts_with("team/goals\nteam/goals/goalpost.yml\n"),
        "{out}"
    );
    let (code, _, _) = repo.run(&["check", "--repo", "team/goals"]);
    assert_eq!(code, 0);
}

#[test]
fn init_keeps_an_existing_configuration_and_follows_its_paths() {
    let config = "paths:\n  projects: goals/projects/**/*.md\n  updates: goals/updates/**/*.md\n  decisions: adr/*.md\n";
    let repo = Repo::empty().file("goalpost.yml", config).file(
        "goals/projects/mine.md",
        "---\ntitle: Mine\nowner: me\nstatus: active\n---\n## Success criteria\n- [ ] 1 thing\n",
    );
    let (code, out, _) = repo.run(&["init"]);
    assert_eq!(code, 0);
    // Projects exist, so there is no example; only missing folders are made.
    assert_eq!(out, "goals/updates/\nadr/\n");
    assert_eq!(repo.read("goalpost.yml"), config);
}

#[test]
fn init_config_shows_every_default() {
    let repo = Repo::empty();
    repo.run(&["init"]);
    let text = repo.read("goalpost.yml");
    let parsed = goalpost::config::Config::parse(repo.path().to_path_buf(), &text)
        .expect("a valid configuration");
    let defaults = goalpost::config::Config::defaults(repo.path().to_path_buf());
    assert_eq!(parsed.paths, defaults.paths);
    assert_eq!(parsed.checkin, defaults.checkin);
    assert_eq!(parsed.grace_days, defaults.grace_days);
    assert_eq!(parsed.sections, defaults.sections);
    assert_eq!(parsed.people, defaults.people);
    assert_eq!(parsed.status_words(), defaults.status_words());
    for rule in goalpost::diagnostic::Rule::ALL {
        assert_eq!(parsed.severity(*rule), Some(rule.default_severity()));
        assert!(
            text.contains(&format!(
                "  {}: {}",
                rule.id(),
                rule.default_severity().as_str()
            )),
            "{} is not listed",
            rule.id()
        );
    }
}

// ---------------------------------------------------------------- new

/// An initialised repository with a roster, and git's user set to alice.
fn team() -> Repo {
    let repo = Repo::empty();
    repo.run(&["init", "--quiet"]);
    repo.remove("projects/example.md");
    let repo = repo.file("goalpost.yml", ROSTER);
    with_git_user(&repo, Some("Somebody"), Some("Alice@Example.com"));
    repo
}

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
        (0, "updates/2026/2026-11-22-alice.md\n"),
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
            14,
            7
        )]
    );
    insta::assert_snapshot!("new_project", repo.read("projects/search-latency.md"));
    insta::assert_snapshot!("new_update", repo.read("updates/2026/2026-11-22-alice.md"));
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
        (0, "updates/2026/2026-11-22-alice.md\n")
    );

    // By name, when no email matches.
    with_git_user(&repo, Some("bob ruiz"), Some("bob@elsewhere.org"));
    let (code, out, _) = repo.run(&["new", "update", "--project", "alpha"]);
    assert_eq!(
        (code, out.as_str()),
        (0, "updates/2026/2026-11-22-bob.md\n")
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
        (0, "updates/2026/2026-11-22-carol.md\n")
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
            "---\nauthor: alice\ndate: 2026-11-17\nprojects: [alpha]\n---\n## Blockers\n- Waiting on the infra team\n",
        )
        .file(
            "updates/2026/2026-11-18-bob.md",
            "---\nauthor: bob\ndate: 2026-11-18\nprojects: [alpha]\n---\n## Blockers\n- Not alice's\n",
        );
    let (code, out, err) = repo.run(&["new", "update", "--project", "alpha"]);
    assert_eq!(code, 0, "{err}");
    let text = repo.read(out.trim_end());
    assert!(
        text.contains("## Blockers\n- Waiting on the infra team\n\n## Asks"),
        "{text}"
    );
    assert!(
        err.contains("carried over 1 open blocker from updates/2026/2026-11-17-alice.md"),
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

    // Same author, same day: one update file, not two.
    let (code, _, _) = repo.run(&["new", "update", "--project", "alpha"]);
    assert_eq!(code, 0);
    let (code, _, err) = repo.run(&["new", "update", "--project", "alpha"]);
    assert_eq!(code, 2);
    assert!(err.contains("already exists"), "{err}");
}

#[test]
fn new_needs_a_repository() {
    let repo = Repo::empty();
    let (code, _, err) = repo.run(&["new", "project", "alpha", "--owner", "a"]);
    assert_eq!(code, 2);
    assert!(err.contains("run `goalpost init`"), "{err}");
}

// ---------------------------------------------------------------- schema

/// The JSON Schema (draft 2020-12) for `kind`.
fn schema(repo: &Repo, kind: &str) -> Value {
    schema_with(repo, &[kind, "--draft", "2020-12"])
}

/// `schema ARGS`, which must succeed and use only known keywords.
fn schema_with(repo: &Repo, args: &[&str]) -> Value {
    let schema = repo.ok_json(&[&["schema"], args].concat());
    json_schema::assert_known_keywords(&schema);
    schema
}

/// YAML as JSON, read the way editors and JSON Schema tools read it (YAML
/// 1.2: `off` and `yes` are strings, as they are to `check`).
fn yaml_to_json(text: &str) -> Value {
    let mut options = serde_saphyr::Options::default();
    options.strict_booleans = true;
    serde_saphyr::from_str_with_options(text, options).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

/// The frontmatter of a document as JSON (null when it has none).
fn frontmatter(text: &str) -> Value {
    let Some(rest) = text.strip_prefix("---\n") else {
        return Value::Null;
    };
    let end = rest.find("\n---").map_or(0, |i| i + 1);
    yaml_to_json(&rest[..end])
}

/// Rules about the frontmatter of one document: what the schemas describe.
const SHAPE_RULES: &[&str] = &[
    "missing-field",
    "unknown-field",
    "invalid-type",
    "invalid-value",
    "invalid-date",
    "unknown-person",
];

/// For each document: whether the schema accepts its frontmatter, and
/// whether `check` reports no shape finding in it.
fn verdicts(repo: &Repo, root: &Path, docs: &[(String, &str)]) -> Vec<(String, bool, bool)> {
    let root_arg = root.to_string_lossy().into_owned();
    let schemas: BTreeMap<(&str, &str), Value> = ["project", "update", "decision"]
        .into_iter()
        .flat_map(|kind| ["2020-12", "7"].map(|draft| (kind, draft)))
        .map(|(kind, draft)| {
            let schema = schema_with(repo, &[kind, "--repo", &root_arg, "--draft", draft]);
            ((kind, draft), schema)
        })
        .collect();
    let (_, findings) = repo.check_json(&["--repo", &root_arg]);
    docs.iter()
        .map(|(path, kind)| {
            let text = std::fs::read_to_string(root.join(path)).expect("read");
            let value = frontmatter(&text);
            let by_schema = json_schema::is_valid(&schemas[&(*kind, "2020-12")], &value);
            assert_eq!(
                by_schema,
                json_schema::is_valid(&schemas[&(*kind, "7")], &value),
                "{path}: the drafts disagree"
            );
            let by_check = !findings.iter().any(|f| {
                f["path"] == path.as_str()
                    && SHAPE_RULES.contains(&f["rule"].as_str().expect("rule"))
            });
            (path.clone(), by_schema, by_check)
        })
        .collect()
}

#[test]
fn schemas_agree_with_check_on_the_fixtures() {
    let projects = [
        "title: Minimal\nowner: alice\nstatus: proposed",
        "id: alpha-2\ntitle: Full\nowner: alice\ncontributors: [bob]\nstatus: active\ncreated: 2026-09-01\ndue: 2026-12-15\ncheckin: 14d\ntags: [q4, 2027]",
        "title: Own words\nowner: alice\nstatus: Shipped",
        "title: Own words, any case\nowner: alice\nstatus: IN-PROGRESS",
        "title: 2027\nowner: bob\nstatus: done\ncontributors: alice\ncheckin: Weekly",
        "id: 7up\ntitle: Numbers\nowner: alice\nstatus: blocked\ntags: ~\ndue: ~",
        "title: Quoted\nowner: \"alice\"\nstatus: ' at-risk '",
        "title: No owner\nstatus: active",
        "title: Typo\nowner: alice\nstatus: activ",
        "title: A list\nowner: alice\nstatus: [active]",
        "title: Stranger\nowner: carol\nstatus: active",
        "title: Stranger helps\nowner: alice\ncontributors: [bob, zed]\nstatus: active",
        "title: No such day\nowner: alice\nstatus: active\ndue: 2026-02-30",
        "title: Slashes\nowner: alice\nstatus: active\ndue: 2026/12/01",
        "title: A number\nowner: alice\nstatus: active\ncreated: 20261201",
        "title: Fortnight\nowner: alice\nstatus: active\ncheckin: fortnightly",
        "title: Zero days\nowner: alice\nstatus: active\ncheckin: 0d",
        "title: Ages\nowner: alice\nstatus: active\ncheckin: 4000d",
        "id: Bad Id\ntitle: Bad id\nowner: alice\nstatus: active",
        "id: -1\ntitle: Negative id\nowner: alice\nstatus: active",
        "title: Colour\nowner: alice\nstatus: active\ncolour: red",
        "title: \"\"\nowner: alice\nstatus: active",
        "title: {a: 1}\nowner: alice\nstatus: active",
        "title: Tags\nowner: alice\nstatus: active\ntags: {a: 1}",
        "title: Owners\nowner: [alice]\nstatus: active",
    ];
    let updates = [
        "author: alice\ndate: 2026-11-20\nprojects: [alpha]\nconfidence: at-risk",
        "author: bob\ndate: 2026-11-20\nprojects: alpha",
        "author: alice\ndate: 2026-11-20\nprojects: [alpha, beta]\nconfidence: On-Track",
        "author: alice\nprojects: [alpha]",
        "author: alice\ndate: 2026-13-01\nprojects: [alpha]",
        "author: alice\ndate: 2026-11-20\nprojects: []",
        "author: alice\ndate: 2026-11-20\nprojects: [alpha]\nconfidence: great",
        "author: carol\ndate: 2026-11-20\nprojects: [alpha]",
        "author: alice\ndate: 2026-11-20\nprojects: [alpha]\nmood: good",
        "author: [alice]\ndate: 2026-11-20\nprojects: [alpha]",
    ];
    let decisions = [
        "status: accepted\ndate: 2026-10-02\ndeciders: [alice, bob]\nconsulted: [dana]\ninformed: [team-search]\nprojects: [alpha]\nsupersedes: [1, \"0002\", decision 3]",
        "",
        "status: Superseded by 0003",
        "status: deprecated\ndeciders: alice",
        "status: approved",
        "deciders: [carol]",
        "supersedes: [abc]",
        "date: tomorrow",
        "nav_order: 2",
        "supersedes: {a: 1}",
    ];
    let mut repo = Repo::new().file(
        "goalpost.yml",
        &format!("{ROSTER}statuses:\n  done: [shipped]\n  active: [In-Progress]\n"),
    );
    let mut docs: Vec<(String, &str)> = Vec::new();
    for (i, fm) in projects.iter().enumerate() {
        let path = format!("projects/p{i:02}.md");
        repo = repo.file(
            &path,
            &format!("---\n{fm}\n---\n# P\n\n## Success criteria\n- [ ] 5 users onboarded\n"),
        );
        docs.push((path, "project"));
    }
    for (i, fm) in updates.iter().enumerate() {
        let path = format!("updates/2026-11-20-u{i:02}.md");
        repo = repo.file(&path, &format!("---\n{fm}\n---\n## Progress\n- x\n"));
        docs.push((path, "update"));
    }
    for (i, fm) in decisions.iter().enumerate() {
        let path = format!("decisions/{:04}-d.md", i + 1);
        repo = repo.file(&path, &format!("---\n{fm}\n---\n# D\n"));
        docs.push((path, "decision"));
    }
    let repo = repo.file("decisions/0099-no-frontmatter.md", "# Plain ADR\n");
    docs.push(("decisions/0099-no-frontmatter.md".into(), "decision"));

    let verdicts = verdicts(&repo, repo.path(), &docs);
    let disagreements: Vec<&(String, bool, bool)> =
        verdicts.iter().filter(|(_, s, c)| s != c).collect();
    assert!(
        disagreements.is_empty(),
        "(path, schema says valid, check says valid): {disagreements:?}"
    );
    // The fixtures are not vacuous: each kind has valid and invalid ones.
    for kind in ["projects/", "updates/", "decisions/"] {
        let of_kind: Vec<bool> = verdicts
            .iter()
            .filter(|(p, _, _)| p.starts_with(kind))
            .map(|(_, valid, _)| *valid)
            .collect();
        assert!(
            of_kind.contains(&true) && of_kind.contains(&false),
            "{kind}"
        );
    }
}

#[test]
fn schemas_accept_the_sample_team_repository() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/team");
    let mut docs = Vec::new();
    for (folder, kind) in [
        ("projects", "project"),
        ("updates/2026", "update"),
        ("decisions", "decision"),
    ] {
        for entry in std::fs::read_dir(root.join(folder)).expect("folder") {
            let name = entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned();
            docs.push((format!("{folder}/{name}"), kind));
        }
    }
    assert!(docs.len() >= 7);
    let repo = Repo::new();
    for (path, by_schema, by_check) in verdicts(&repo, &root, &docs) {
        assert!(by_schema && by_check, "{path}: {by_schema} {by_check}");
    }
}

#[test]
fn the_config_schema_agrees_with_goalpost_yml_loading() {
    let init = Repo::empty();
    init.run(&["init"]);
    let generated = init.read("goalpost.yml");
    let schema = schema(&init, "config");
    let schema7 = schema_with(&init, &["config", "--draft", "7"]);
    let fixtures = [
        generated.as_str(),
        "",
        "checkin: biweekly\ngrace_days: 0\n",
        "people:\n  alice: ~\n  bob: { name: Bob, email: bob@example.com, team: x, location: y }\n",
        "statuses:\n  done: [shipped]\n  at-risk: wobbly\n",
        "sections:\n  criteria: Goals\n  asks: [Asks, Requests]\n",
        "paths:\n  projects: [a/*.md, b/*.md]\n  decisions: ~\n",
        "rules:\n  overdue: off\n  vague-criterion: error\n",
        "grace_days: 400\n",
        "grace_day: 2\n",
        "checkin: ~\n",
        "checkin: fortnightly\n",
        "rules:\n  overdue: loud\n",
        "rules:\n  overdo: off\n",
        "people:\n  bob: { nick: b }\n",
        "sections:\n  criteria: []\n",
        "statuses:\n  finished: [x]\n",
        "paths:\n  project: x/*.md\n",
    ];
    let mut seen = (false, false);
    for text in fixtures {
        let repo = Repo::new().file("goalpost.yml", text);
        let (code, _, err) = repo.run(&["check"]);
        let by_check = code != 2;
        let value = yaml_to_json(text);
        let by_schema = json_schema::is_valid(&schema, &value);
        assert_eq!(by_schema, by_check, "{text}\n{err}");
        assert_eq!(
            json_schema::is_valid(&schema7, &value),
            by_check,
            "draft 7: {text}"
        );
        if by_check {
            seen.0 = true;
        } else {
            seen.1 = true;
        }
    }
    assert_eq!(seen, (true, true));
}

#[test]
fn generated_documents_are_valid_for_the_schemas() {
    let repo = team();
    repo.run(&["new", "project", "alpha", "--due", "2026-12-01"]);
    repo.run(&["new", "update", "--project", "alpha"]);
    repo.run(&["new", "decision", "Go", "--project", "alpha"]);
    let example = Repo::empty();
    example.run(&["init"]);
    for (repo, path, kind) in [
        (&repo, "projects/alpha.md", "project"),
        (&repo, "updates/2026/2026-11-22-alice.md", "update"),
        (&repo, "decisions/0001-go.md", "decision"),
        (&example, "projects/example.md", "project"),
    ] {
        let value = frontmatter(&repo.read(path));
        assert!(json_schema::is_valid(&schema(repo, kind), &value), "{path}");
    }
    let config = yaml_to_json(&example.read("goalpost.yml"));
    assert!(json_schema::is_valid(&schema(&example, "config"), &config));
}

#[test]
fn schema_works_outside_a_repository() {
    let repo = Repo::empty();
    let project = schema(&repo, "project");
    assert_eq!(project["title"], "goalpost project");
    assert_eq!(
        project["required"],
        serde_json::json!(["title", "owner", "status"])
    );
    let (code, _, err) = repo.run(&["schema", "projects"]);
    assert_eq!(code, 2);
    assert!(err.contains("possible values"), "{err}");

    // The schema of goalpost.yml is there for fixing a broken one.
    let broken = Repo::new().file("goalpost.yml", "grace_day: 2\n");
    assert_eq!(schema(&broken, "config")["title"], "goalpost.yml");
    let (code, _, _) = broken.run(&["schema", "project"]);
    assert_eq!(code, 2);
}

// ---------------------------------------------------------------- shell and docs

#[test]
fn completions_for_every_shell() {
    let repo = Repo::empty();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let (code, out, err) = repo.run(&["completions", shell]);
        assert_eq!(code, 0, "{shell}: {err}");
        for word in ["goalpost", "init", "new", "check", "deny-warnings"] {
            assert!(out.contains(word), "{shell} completions lack {word}");
        }
    }
    // The bash script is at least valid bash.
    let (_, script, _) = repo.run(&["completions", "bash"]);
    let path = repo.path().join("goalpost.bash");
    std::fs::write(&path, script).expect("write");
    if let Ok(status) = std::process::Command::new("bash")
        .arg("-n")
        .arg(&path)
        .status()
    {
        assert!(status.success());
    }
}

#[test]
fn man_pages_for_goalpost_and_its_commands() {
    let repo = Repo::empty();
    let (code, out, _) = repo.run(&["man"]);
    assert_eq!(code, 0);
    assert!(out.starts_with(".ie \\n(.g .ds Aq \\(aq") || out.contains(".TH goalpost 1"));
    assert!(out.contains(".TH goalpost 1"), "{out}");
    assert!(out.contains("goalpost\\-init"), "{out}");
    let (code, out, _) = repo.run(&["man", "new", "project"]);
    assert_eq!(code, 0);
    assert!(out.contains(".TH goalpost-new-project 1"), "{out}");
    assert!(out.contains("\\-\\-owner"), "{out}");
    let (code, _, err) = repo.run(&["man", "chek"]);
    assert_eq!(code, 2);
    assert!(err.contains("did you mean `check`?"), "{err}");
}

#[test]
fn every_command_and_flag_has_help_and_every_command_an_example() {
    fn walk(cmd: &clap::Command, path: &str, problems: &mut Vec<String>) {
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            let name = format!("{path} {}", sub.get_name());
            if sub.get_about().is_none() {
                problems.push(format!("`{name}` has no help"));
            }
            let long = sub
                .get_long_about()
                .map(ToString::to_string)
                .unwrap_or_default();
            if !long.contains("Example") {
                problems.push(format!("`{name}` has no example in its long help"));
            }
            for arg in sub.get_arguments() {
                let id = arg.get_id().as_str();
                if arg.is_hide_set() || id == "help" || id == "version" {
                    continue;
                }
                if arg.get_help().is_none() {
                    problems.push(format!("`{name}` argument `{id}` has no help"));
                }
            }
            walk(sub, &name, problems);
        }
    }
    let mut problems = Vec::new();
    let mut cli = Cli::command();
    cli.build();
    walk(&cli, "goalpost", &mut problems);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

// ---------------------------------------------------------------- CI

/// A repository with one finding of each severity, and a clean file.
fn ci_sample() -> Repo {
    Repo::new()
        .file(
            "projects/good.md",
            "---\ntitle: Good\nowner: alice\nstatus: active\n---\n## Success criteria\n- [ ] p95 < 200 ms\n",
        )
        .file(
            "projects/bad.md",
            "---\ntitle: Bad\nowner: alice\nstatus: activ\n---\n## Success criteria\n- [ ] Make it nicer\n",
        )
        .file(
            "updates/2026-11-21-alice.md",
            "---\nauthor: alice\ndate: 2026-11-21\nprojects: [good]\n---\n",
        )
}

#[test]
fn gitlab_code_quality_report() {
    let repo = ci_sample();
    let (code, out, _) = repo.run(&["check", "--format", "gitlab"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!("gitlab", out);
    let issues: Vec<Value> = serde_json::from_str(&out).expect("JSON");
    assert_eq!(issues.len(), 2);
    for issue in &issues {
        for key in ["description", "check_name", "fingerprint", "severity"] {
            assert!(issue[key].is_string(), "{key}: {issue}");
        }
        assert!(issue["location"]["path"].is_string());
        assert!(issue["location"]["lines"]["begin"].is_u64());
    }
    assert_ne!(issues[0]["fingerprint"], issues[1]["fingerprint"]);
}

/// Parses a YAML file of this repository into JSON.
fn repo_yaml(path: &str) -> Value {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).expect(path);
    serde_saphyr::from_str(&text).expect(path)
}

/// The directory holding the goalpost binary under test.
fn bin_dir() -> PathBuf {
    Path::new(env!("CARGO_BIN_EXE_goalpost"))
        .parent()
        .expect("folder")
        .to_path_buf()
}

fn path_with_goalpost() -> std::ffi::OsString {
    let mut paths = vec![bin_dir()];
    paths.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(paths).expect("PATH")
}

#[test]
fn the_github_action_is_well_formed() {
    let action = repo_yaml("action.yml");
    assert_eq!(action["runs"]["using"], "composite");
    let inputs = action["inputs"].as_object().expect("inputs");
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("action.yml"))
        .expect("action.yml");
    let used = regex::Regex::new(r"\$\{\{\s*inputs\.([A-Za-z0-9_-]+)").expect("regex");
    for name in used.captures_iter(&text).map(|c| c[1].to_owned()) {
        assert!(inputs.contains_key(&name), "undeclared input `{name}`");
    }
    for (name, input) in inputs {
        assert!(input["description"].is_string(), "{name}");
    }
    for step in action["runs"]["steps"].as_array().expect("steps") {
        if step.get("run").is_some() {
            assert!(
                step["shell"].is_string(),
                "a run step needs a shell: {step}"
            );
            // Inputs go through `env:`, never into the script itself.
            assert!(
                !step["run"].as_str().expect("run").contains("${{"),
                "{step}"
            );
        }
    }
}

#[cfg(unix)]
#[test]
fn the_github_action_annotates_and_writes_sarif() {
    let action = repo_yaml("action.yml");
    let step = action["runs"]["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .find(|s| s["name"] == "goalpost check")
        .expect("the check step")
        .clone();
    let script = step["run"].as_str().expect("script");
    let env = step["env"].as_object().expect("env");
    let run_action = |repo: &Repo, inputs: &[(&str, &str)]| {
        let mut cmd = crate::hermetic(Command::new("bash"), repo.path());
        cmd.arg("-e")
            .arg("-c")
            .arg(script)
            .env("PATH", path_with_goalpost())
            .env("GITHUB_ACTIONS", "true");
        for (var, value) in env {
            let input = value
                .as_str()
                .and_then(|v| v.strip_prefix("${{ inputs."))
                .and_then(|v| v.strip_suffix(" }}"))
                .expect("an input");
            let given = inputs
                .iter()
                .find(|(k, _)| *k == input)
                .map_or("", |(_, v)| v);
            cmd.env(var, given);
        }
        let (code, stdout, _) = crate::outcome(cmd.output().expect("bash"));
        (code, stdout)
    };

    let repo = ci_sample();
    let (code, out) = run_action(&repo, &[("sarif-file", "goalpost.sarif")]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("::error file=projects/bad.md,line=4,col=9,"),
        "{out}"
    );
    assert!(
        out.contains("::warning file=projects/bad.md,line=7,"),
        "{out}"
    );
    let sarif: Value = serde_json::from_str(&repo.read("goalpost.sarif")).expect("SARIF is JSON");
    assert_eq!(sarif["version"], "2.1.0");
    assert_eq!(
        sarif["runs"][0]["results"].as_array().map(Vec::len),
        Some(2)
    );

    // Extra arguments are passed on: only the clean file, so success.
    let (code, out) = run_action(&repo, &[("args", "projects/good.md --deny-warnings")]);
    assert_eq!((code, out.as_str()), (0, ""));
    // A failure of goalpost itself fails the step, even when writing SARIF.
    let broken = Repo::new().file("goalpost.yml", "grace_day: 2\n");
    let (code, _) = run_action(&broken, &[("sarif-file", "out.sarif")]);
    assert_eq!(code, 2);
}

#[cfg(unix)]
#[test]
fn the_github_action_fingerprints_its_source_for_the_cache() {
    let action = repo_yaml("action.yml");
    let step = action["runs"]["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .find(|s| s["id"] == "source")
        .expect("the fingerprint step")
        .clone();
    let out = tempfile::NamedTempFile::new().expect("temp file");
    let status = std::process::Command::new("bash")
        .args(["-e", "-o", "pipefail", "-c"])
        .arg(step["run"].as_str().expect("script"))
        .env("GITHUB_ACTION_PATH", env!("CARGO_MANIFEST_DIR"))
        .env("GITHUB_OUTPUT", out.path())
        .env("RUNNER_OS", "Linux")
        .status()
        .expect("bash");
    assert!(status.success());
    let written = std::fs::read_to_string(out.path()).expect("output");
    let key = regex::Regex::new(r"^key=goalpost-Linux-[0-9a-f]{16}\n$").expect("regex");
    assert!(key.is_match(&written), "{written}");
}

#[test]
fn the_pre_commit_hooks_run_a_real_command() {
    let hooks = repo_yaml(".pre-commit-hooks.yaml");
    let hooks = hooks.as_array().expect("a list of hooks");
    assert!(!hooks.is_empty());
    let repo = ci_sample();
    for hook in hooks {
        for key in ["id", "name", "entry", "language", "files"] {
            assert!(hook[key].is_string(), "{key}: {hook}");
        }
        assert!(["rust", "system"].contains(&hook["language"].as_str().expect("language")));
        let files = regex::Regex::new(hook["files"].as_str().expect("files")).expect("regex");
        for path in [
            "projects/a.md",
            "updates/2026/2026-11-20-alice.md",
            "decisions/0001-x.md",
            "goalpost.yml",
        ] {
            assert!(files.is_match(path), "{path}");
        }
        for path in [
            "README.md",
            "src/main.rs",
            "projects/notes.txt",
            "docs/projects/a.md",
        ] {
            assert!(!files.is_match(path), "{path}");
        }
        // pre-commit runs the entry with the changed files appended.
        let entry: Vec<&str> = hook["entry"]
            .as_str()
            .expect("entry")
            .split_whitespace()
            .collect();
        assert_eq!(entry[0], "goalpost");
        assert_parses(&[entry.as_slice(), &["projects/a.md"]].concat());
        let run_entry = |files: &[&str]| {
            let mut cmd = crate::hermetic(Command::new(entry[0]), repo.path());
            cmd.args(&entry[1..])
                .args(files)
                .env("PATH", path_with_goalpost());
            crate::outcome(cmd.output().expect("run the entry"))
        };
        let (code, out, _) = run_entry(&["projects/bad.md", "updates/2026-11-21-alice.md"]);
        assert_eq!(code, 1);
        assert!(out.contains("--> projects/bad.md:4:9"), "{out}");
        let (code, _, _) = run_entry(&["projects/good.md"]);
        assert_eq!(code, 0);
    }
}

/// Panics unless clap accepts the command line.
fn assert_parses(words: &[&str]) {
    if let Err(e) = <Cli as clap::Parser>::try_parse_from(words) {
        panic!("`{}` does not parse: {e}", words.join(" "));
    }
}

/// A shell command line as words, up to the first redirection, pipe, list
/// operator or comment; `None` when it uses variables or substitutions.
fn shell_words(line: &str) -> Option<Vec<String>> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quote: Option<char> = None;
    let mut in_word = false;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), '$') | (None, '$' | '`') => return None,
            (Some(_), c) => word.push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                in_word = true;
            }
            (None, c) if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            (None, '>' | '|' | '&' | ';' | '#') if !in_word => break,
            (None, c) => {
                word.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(word);
    }
    Some(words)
}

/// Every `goalpost …` command line in the README's shell and YAML snippets
/// parses, and every YAML snippet that mentions goalpost is valid YAML.
#[test]
fn the_readme_snippets_are_valid() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md");
    let mut yaml_snippets = 0;
    let mut commands = Vec::new();
    for (i, block) in readme.split("```").enumerate().filter(|(i, _)| i % 2 == 1) {
        let (lang, body) = block.split_once('\n').unwrap_or((block, ""));
        match lang.trim() {
            "yaml" if body.contains("goalpost") => {
                yaml_snippets += 1;
                let _: Value = serde_saphyr::from_str(body)
                    .unwrap_or_else(|e| panic!("README block {i}: {e}\n{body}"));
            }
            "sh" | "yaml" => {}
            _ => continue,
        }
        for line in body.lines() {
            let line = line
                .trim()
                .trim_start_matches("- ")
                .trim_start_matches("run: ");
            if !line.starts_with("goalpost ") {
                continue;
            }
            if let Some(words) = shell_words(line) {
                commands.push(words);
            }
        }
    }
    for words in &commands {
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        assert_parses(&words);
    }
    assert!(yaml_snippets >= 5, "{yaml_snippets} YAML snippets");
    let with = |sub: &str| commands.iter().any(|w| w.get(1).is_some_and(|s| s == sub));
    for sub in ["init", "new", "check", "schema", "completions", "man"] {
        assert!(with(sub), "no `goalpost {sub}` example in the README");
    }
}

#[test]
fn shell_words_split_like_a_shell() {
    assert_eq!(
        shell_words(r#"goalpost new x --title "a b" 'c d' > out # note"#),
        Some(
            vec!["goalpost", "new", "x", "--title", "a b", "c d"]
                .into_iter()
                .map(String::from)
                .collect()
        )
    );
    assert_eq!(shell_words("goalpost schema \"$kind\""), None);
}
