//! `completions`, `man` and `--help`: every command and flag explained.

use super::*;

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
    // The bash script is valid bash (bash runs the GitHub Action's tests
    // too: without it this fails rather than passing unchecked).
    let (_, script, _) = repo.run(&["completions", "bash"]);
    let path = repo.path().join("goalpost.bash");
    std::fs::write(&path, script).expect("write");
    let status = std::process::Command::new("bash")
        .arg("-n")
        .arg(&path)
        .status()
        .expect("bash, to check the completion script");
    assert!(status.success());
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
