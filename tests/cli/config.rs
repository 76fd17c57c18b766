//! `goalpost.yml` problems and repository discovery: exit status 2 with a
//! message that names the file, line and column.

use crate::Repo;

fn stderr_of(repo: &Repo, args: &[&str]) -> (i32, String) {
    let (code, _, stderr) = repo.run(args);
    (code, stderr)
}

#[test]
fn unknown_keys_are_errors_with_a_suggestion() {
    let repo = Repo::new().file(
        "goalpost.yml",
        "checkin: weekly\ngrace_day: 2\nrules:\n  vague-criterio: off\n",
    );
    let (code, err) = stderr_of(&repo, &["check"]);
    assert_eq!(code, 2);
    assert!(err.contains("goalpost.yml:2:1: unknown key `grace_day` in goalpost.yml\n  help: did you mean `grace_days`?"), "{err}");
    assert!(err.contains("goalpost.yml:4:3: unknown key `vague-criterio` in `rules`\n  help: did you mean `vague-criterion`?"), "{err}");
}

#[test]
fn the_audit_section_is_strict_and_roster_entries_keep_their_own_attributes() {
    let repo = Repo::new().file(
        "goalpost.yml",
        "people:\n  alice: { location: remote, timezone: CET, level: 3 }\naudit:\n  by: timezone\n  min_groups: 3\n",
    );
    let (code, err) = stderr_of(&repo, &["check"]);
    assert_eq!(code, 2);
    assert!(err.contains("goalpost.yml:5:3: unknown key `min_groups` in `audit`\n  help: did you mean `min_group`?"), "{err}");

    // A group of one is a person: the smallest group is two.
    let repo = Repo::new().file("goalpost.yml", "audit:\n  min_group: 1\n");
    let (code, err) = stderr_of(&repo, &["check"]);
    assert_eq!(code, 2);
    assert!(
        err.contains(
            "goalpost.yml:2:14: `audit.min_group` must be a whole number of people from 2 to 1000"
        ),
        "{err}"
    );

    // Attributes of the team's own are fine, and `check` is happy.
    let repo = Repo::new().file(
        "goalpost.yml",
        "people:\n  alice: { location: remote, timezone: CET, level: 3 }\naudit:\n  by: timezone\n  stretch_tags: [stretch, moonshot]\n  min_group: 3\n",
    );
    let (code, err) = stderr_of(&repo, &["check", "--allow-empty"]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn broken_yaml_and_bad_values_are_errors() {
    let repo = Repo::new().file("goalpost.yml", "people: [\n");
    let (code, err) = stderr_of(&repo, &["check"]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("error: ") && err.contains("goalpost.yml:"),
        "{err}"
    );

    let repo = Repo::new().file(
        "goalpost.yml",
        "checkin: fortnightly\nrules:\n  overdue: loud\n",
    );
    let (code, err) = stderr_of(&repo, &["check"]);
    assert_eq!(code, 2);
    assert!(
        err.contains(":1:10: `fortnightly` is not a check-in cadence"),
        "{err}"
    );
    assert!(err.contains(":3:12: `loud` is not a severity"), "{err}");
}

#[test]
fn no_repository_is_an_error() {
    let (code, err) = stderr_of(&Repo::empty(), &["check"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("no goalpost.yml or git repository found"),
        "{err}"
    );
}

#[test]
fn bad_arguments_are_usage_errors() {
    let repo = Repo::new();
    assert_eq!(stderr_of(&repo, &["check", "no/such/path"]).0, 2);
    assert_eq!(stderr_of(&repo, &["check", "--format", "xml"]).0, 2);
    let (code, err) = stderr_of(&repo, &["check", "--today", "2026-02-30"]);
    assert_eq!(code, 2);
    assert!(err.contains("not a real date"), "{err}");
}

#[test]
fn repo_flag_finds_the_root_from_a_subfolder() {
    let repo = Repo::new().file("projects/p.md", "no frontmatter\n");
    // Run from a folder outside any repository, so only --repo can find it.
    let outside = Repo::empty();
    let output = outside
        .cmd()
        .args(["check", "--format", "json", "--repo"])
        .arg(repo.path().join("projects"))
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stdout).contains("projects/p.md"));
}

#[test]
fn paths_cannot_lead_outside_the_repository() {
    let repo = Repo::new().file(
        "goalpost.yml",
        "paths:\n  projects: [\"../other/*.md\"]\n  updates: [\"/tmp/*.md\"]\n  decisions: [\"adr/**/*.md\"]\n",
    );
    for command in [&["check"][..], &["new", "project", "p"]] {
        let (code, err) = stderr_of(&repo, command);
        assert_eq!(code, 2, "{err}");
        assert!(
            err.contains("goalpost.yml:2:13: `../other/*.md` leads outside the repository"),
            "{err}"
        );
        assert!(
            err.contains("\nerror: ") && err.contains("`/tmp/*.md` leads outside the repository"),
            "{err}"
        );
    }
    assert!(!repo.path().join("../other").exists());
}
