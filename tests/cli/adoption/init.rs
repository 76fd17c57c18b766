//! `init`: a new goal repository that passes `check`, written without
//! touching what is there.

use super::*;

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

/// Outside git, init says so and what to run; log explains itself too.
#[test]
fn init_and_log_outside_git_say_what_to_do() {
    let repo = Repo::empty();
    let (code, _, err) = repo.run(&["init"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("  git init && git add . && git commit"),
        "{err}"
    );
    assert!(
        err.contains("note: this folder is not in a git repository yet"),
        "{err}"
    );
    let (code, _, err) = repo.run(&["log", "example"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("is not inside a git repository, so it has no history to read"),
        "{err}"
    );
    assert!(
        err.contains("help: goalpost reads history from git: run `git init`"),
        "{err}"
    );
    assert!(!err.contains("could not find repository"), "{err}");

    let repo = Repo::empty();
    repo.git();
    let (_, _, err) = repo.run(&["init"]);
    assert!(err.contains("  git add . && git commit"), "{err}");
    assert!(!err.contains("git init"), "{err}");
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
