//! CI: the GitLab report, the GitHub Action, the pre-commit hooks and the
//! snippets of the README and `docs/`, run for real.

use super::*;

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
            // `${{ inputs.X }}` is given as `X`, `${{ github.… }}` by its
            // whole name.
            let input = value
                .as_str()
                .and_then(|v| v.strip_prefix("${{ "))
                .and_then(|v| v.strip_suffix(" }}"))
                .map(|v| v.strip_prefix("inputs.").unwrap_or(v))
                .expect("an expression");
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

    // On a pull request, only what it changed: a new bad file is
    // annotated, the old one is not (it was there at the base).
    let git = repo.git();
    let base = crate::commit_all(&git, "2026-11-02T10:00:00Z", "alice", "base");
    repo.write("projects/worse.md", repo.read("projects/bad.md"));
    crate::commit_all(&git, "2026-11-03T10:00:00Z", "alice", "the pull request");
    let sha = base.to_string();
    let pr = [
        ("github.event.pull_request.base.sha", sha.as_str()),
        ("changed-only", "true"),
    ];
    let (code, out) = run_action(&repo, &pr);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("::error file=projects/worse.md,line=4,col=9,"),
        "{out}"
    );
    assert!(!out.contains("file=projects/bad.md"), "{out}");
    // `changed-only: false`, or no pull request, checks everything.
    for inputs in [&pr[..1], &[("changed-only", "true")][..]] {
        let (code, out) = run_action(&repo, inputs);
        assert_eq!(code, 1, "{out}");
        assert!(out.contains("file=projects/bad.md"), "{inputs:?}: {out}");
    }
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

/// Every `goalpost …` command line in the shell and YAML snippets of the
/// README and of every page under `docs/` parses, and every YAML snippet
/// that mentions goalpost is valid YAML.
#[test]
fn the_readme_snippets_are_valid() {
    let mut yaml_snippets = 0;
    let mut commands = Vec::new();
    for (page, text) in crate::docs_links::documentation() {
        for (i, block) in text.split("```").enumerate().filter(|(i, _)| i % 2 == 1) {
            let (lang, body) = block.split_once('\n').unwrap_or((block, ""));
            match lang.trim() {
                "yaml" if body.contains("goalpost") => {
                    yaml_snippets += 1;
                    let _: Value = serde_saphyr::from_str(body)
                        .unwrap_or_else(|e| panic!("{page} block {i}: {e}\n{body}"));
                }
                // An assistant's configuration: valid JSON whose goalpost
                // command line parses.
                "json" if body.contains("\"goalpost\"") => {
                    let config: Value = serde_json::from_str(body)
                        .unwrap_or_else(|e| panic!("{page} block {i}: {e}\n{body}"));
                    let servers = config
                        .get("mcpServers")
                        .or_else(|| config.get("servers"))
                        .unwrap_or_else(|| panic!("{page} block {i} names no servers\n{body}"));
                    let server = &servers["goalpost"];
                    assert_eq!(server["command"], "goalpost", "{page} block {i}");
                    let mut words = vec!["goalpost".to_owned()];
                    for arg in server["args"].as_array().into_iter().flatten() {
                        words.push(
                            arg.as_str()
                                .unwrap_or_default()
                                .replace("${workspaceFolder}", "."),
                        );
                    }
                    commands.push(words);
                    continue;
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
    }
    for words in &commands {
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        assert_parses(&words);
    }
    assert!(yaml_snippets >= 5, "{yaml_snippets} YAML snippets");
    let with = |sub: &str| commands.iter().any(|w| w.get(1).is_some_and(|s| s == sub));
    for sub in [
        "init",
        "new",
        "check",
        "schema",
        "completions",
        "man",
        "digest",
        "mcp",
    ] {
        assert!(
            with(sub),
            "no `goalpost {sub}` example in the documentation"
        );
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

/// The action's `command: site` step builds the site into `site-dir`, with
/// the extra arguments passed on.
#[test]
fn the_github_action_builds_the_site() {
    let action = repo_yaml("action.yml");
    let step = action["runs"]["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .find(|s| s["name"] == "goalpost site")
        .expect("the site step")
        .clone();
    assert_eq!(step["if"], "inputs.command == 'site'");
    let repo = ci_sample();
    crate::commit_all(&repo.git(), "2026-11-21T10:00:00Z", "alice", "goals");
    let mut cmd = crate::hermetic(Command::new("bash"), repo.path());
    cmd.arg("-e")
        .arg("-c")
        .arg(step["run"].as_str().expect("script"))
        .env("PATH", path_with_goalpost())
        .env("GOALPOST_SITE_DIR", "_site")
        .env("GOALPOST_ARGS", "--base-url https://team.example.io/goals");
    let (code, _, stderr) = crate::outcome(cmd.output().expect("bash"));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        repo.read("_site/index.html")
            .contains("<h1>Where things stand</h1>")
    );
    assert!(
        repo.read("_site/calendar.ics")
            .contains("https://team.example.io/goals/")
    );
}

#[cfg(unix)]
#[test]
fn the_github_action_writes_the_digest_to_the_job_summary() {
    let action = repo_yaml("action.yml");
    let step = action["runs"]["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .find(|s| s["name"] == "goalpost digest")
        .expect("the digest step")
        .clone();
    assert_eq!(step["if"], "inputs.command == 'digest'");
    let repo = Repo::new().file("goalpost.yml", "checkin: none\n").file(
        "projects/a.md",
        "---\nowner: alice\nstatus: active\ndue: 2026-11-25\n---\n# A\n\n## Success criteria\n- [ ] 1 user\n",
    );
    crate::commit_all(&repo.git(), "2026-11-16T10:00:00+00:00", "alice", "start");
    let summary = repo.path().join("summary.md");
    std::fs::write(&summary, "earlier steps' summary\n").expect("summary");
    let run = |args: &str| {
        let mut cmd = crate::hermetic(Command::new("bash"), repo.path());
        cmd.arg("-e")
            .arg("-c")
            .arg(step["run"].as_str().expect("script"))
            .env("PATH", path_with_goalpost())
            .env("GOALPOST_TODAY", "2026-11-20")
            .env("GITHUB_STEP_SUMMARY", &summary)
            .env("GOALPOST_ARGS", args);
        crate::outcome(cmd.output().expect("bash"))
    };
    let (code, _, err) = run("--team-less-flag");
    assert_eq!(code, 2, "{err}");
    let (code, out, err) = run("");
    assert_eq!((code, out.as_str()), (0, ""), "{err}");
    let text = std::fs::read_to_string(&summary).expect("summary");
    assert!(
        text.starts_with("earlier steps' summary\n# Digest, 2026-11-14 to 2026-11-20\n"),
        "{text}"
    );
    assert!(
        text.contains("- `a`: due 2026-11-25 (in 5 days), active; owner alice"),
        "{text}"
    );
    assert!(!repo.path().join("goalpost-digest.md").exists());
}
