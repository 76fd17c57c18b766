//! `check` renderers: one snapshot per output format, plus format selection.

use crate::Repo;

fn sample() -> Repo {
    Repo::new()
        .file(
            "projects/search-latency.md",
            "---\ntitle: Cut search latency\nowner: alice\nstatus: activ\ndue: 2026-12-15\n---\n# Cut search latency\n\n## Success criteria\n- [ ] Make search feel faster\n",
        )
        .file(
            "updates/2026-11-20-alice.md",
            "---\nauthor: alice\ndate: 2026-11-20\nprojects: [search-latncy]\n---\n",
        )
}

fn run(repo: &Repo, args: &[&str]) -> (i32, String) {
    let (code, stdout, _) = repo.run(&[&["check"], args].concat());
    (code, stdout)
}

#[test]
fn human() {
    let (code, out) = run(&sample(), &["--color", "never"]);
    assert_eq!(code, 1);
    insta::assert_snapshot!("human", out);
}

#[test]
fn human_in_color_uses_ansi_escapes() {
    let (_, out) = run(&sample(), &["--color", "always"]);
    assert!(out.contains("\u{1b}["));
}

#[test]
fn json() {
    let (_, out) = run(&sample(), &["--format", "json"]);
    insta::assert_snapshot!("json", out);
}

#[test]
fn github() {
    let (_, out) = run(&sample(), &["--format", "github"]);
    insta::assert_snapshot!("github", out);
}

#[test]
fn github_is_the_default_under_github_actions() {
    let repo = sample();
    let output = repo
        .cmd()
        .env("GITHUB_ACTIONS", "true")
        .arg("check")
        .output()
        .expect("run");
    let out = String::from_utf8(output.stdout).expect("utf-8");
    assert!(out.starts_with("::error file=projects/search-latency.md,line=4,col=9,endLine=4,endColumn=14,title=goalpost invalid-value::"), "{out}");
}

#[test]
fn sarif() {
    let (_, out) = run(&sample(), &["--format", "sarif"]);
    let log: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(log["version"], "2.1.0");
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules");
    assert_eq!(rules.len(), goalpost::diagnostic::Rule::ALL.len());
    insta::assert_snapshot!("sarif", out);
}

#[test]
fn quiet_drops_the_summary() {
    let repo = Repo::new();
    let (code, out) = run(&repo, &["--quiet", "--allow-empty"]);
    assert_eq!((code, out.as_str()), (0, ""));
    let (_, out) = run(&repo, &["--allow-empty"]);
    assert_eq!(out, "0 errors, 0 warnings in 0 documents\n");
}

#[test]
fn ci_formats_use_paths_from_the_git_root() {
    let repo = Repo::new().file("team/goalpost.yml", "").file(
        "team/projects/p.md",
        "---\ntitle: P\nowner: a\nstatus: activ\n---\n## Success criteria\n- [ ] 1 user\n",
    );
    std::fs::create_dir(repo.path().join(".git")).expect("mkdir .git");
    let run = |format: &str| {
        let output = repo
            .cmd()
            .current_dir(repo.path().join("team"))
            .args(["check", "--format", format])
            .output()
            .expect("run");
        String::from_utf8(output.stdout).expect("utf-8")
    };
    assert!(run("github").starts_with("::error file=team/projects/p.md,"));
    assert!(run("sarif").contains("\"uri\": \"team/projects/p.md\""));
    assert!(run("gitlab").contains("\"path\": \"team/projects/p.md\""));
    // JSON keeps the SPEC's paths, relative to the goal repository.
    assert!(run("json").contains("\"path\": \"projects/p.md\""));
}
