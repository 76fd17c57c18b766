//! `schema`: JSON Schemas that agree with `check` on every fixture and on
//! real repositories.

use super::*;

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
        "title: Measured\nowner: alice\nstatus: active\nmeasures:\n  - id: fcr\n    name: First-contact resolution\n    unit: \"%\"\n    baseline: 61\n    target: 70.5\n  - { id: backlog, name: Refund backlog, baseline: \"200\", target: 50 }",
        "title: Unit in the number\nowner: alice\nstatus: active\nmeasures:\n  - { id: fcr, name: FCR, baseline: 61%, target: 70 }",
        "title: No target\nowner: alice\nstatus: active\nmeasures:\n  - { id: fcr, name: FCR, baseline: 61 }",
        "title: Extra\nowner: alice\nstatus: active\nmeasures:\n  - { id: fcr, name: FCR, baseline: 61, target: 70, owner: bob }",
        "title: Not a list\nowner: alice\nstatus: active\nmeasures: { fcr: 61 }",
        "title: Exponent\nowner: alice\nstatus: active\nmeasures:\n  - { id: fcr, name: FCR, baseline: \"1e3\", target: 70 }",
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
        "author: alice\ndate: 2026-11-20\nprojects: [alpha]\nmeasures:\n  fcr: 64.5\n  backlog: { value: 120, as_of: 2026-11-14, note: Zendesk }",
        "author: alice\ndate: 2026-11-20\nprojects: [alpha]\nmeasures:\n  fcr: \"64.5%\"",
        "author: alice\ndate: 2026-11-20\nprojects: [alpha]\nmeasures:\n  fcr: { as_of: 2026-11-14 }",
        "author: alice\ndate: 2026-11-20\nprojects: [alpha]\nmeasures:\n  fcr: { value: 1, when: today }",
        "author: alice\ndate: 2026-11-20\nprojects: [alpha]\nmeasures:\n  fcr: { value: 1, as_of: 2026-02-30 }",
        "author: alice\ndate: 2026-11-20\nprojects: [alpha]\nmeasures: [1, 2]",
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
        let (code, _, err) = repo.run(&["check", "--allow-empty"]);
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
        (&repo, "updates/2026-11/2026-11-22-alice.md", "update"),
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
