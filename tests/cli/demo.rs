//! `demo` and the markdown and HTML renderings of packets.

use crate::{Repo, commit_all, outcome};

/// Runs `demo DIR/team` in an empty folder DIR; returns the folder too.
fn demo(args: &[&str]) -> (i32, String, String, Repo) {
    let repo = Repo::empty();
    let target = repo.path().join("team");
    let (code, stdout, stderr) = outcome(
        repo.cmd()
            .arg("demo")
            .arg(&target)
            .args(args)
            .output()
            .expect("run"),
    );
    (code, stdout, stderr, repo)
}

#[test]
fn demo_prints_a_packet_and_leaves_a_repository_to_explore() {
    let (code, out, err, dir) = demo(&[]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("The demo repository is at"), "{err}");
    insta::assert_snapshot!("demo_packet_md", out);

    // The repository it leaves is valid and has history.
    let team = dir.path().join("team");
    let check = dir
        .cmd()
        .env("GOALPOST_TODAY", "2026-09-20")
        .args(["check", "--repo"])
        .arg(&team)
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&check.stdout).into_owned();
    assert!(text.contains("0 errors"), "{text}");

    // The audit it suggests shows a finding by location.
    let audit = dir
        .cmd()
        .args([
            "audit",
            "--since",
            "2026-07-01",
            "--until",
            "2026-09-30",
            "--repo",
        ])
        .arg(&team)
        .output()
        .expect("run");
    assert_eq!(audit.status.code(), Some(0));
    insta::assert_snapshot!("demo_audit_md", String::from_utf8_lossy(&audit.stdout));

    // The proposal waits on the platform team's blocked project, and says
    // whom to ask.
    let blockers = dir
        .cmd()
        .env("GOALPOST_TODAY", "2026-12-07")
        .env("COLUMNS", "200")
        .args(["blockers", "--repo"])
        .arg(&team)
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&blockers.stdout).into_owned();
    assert!(
        text.contains("waiting on query-logs (blocked, overdue since 2026-11-30; ask dana)"),
        "{text}"
    );

    // Running it again into the same folder refuses to touch it.
    let again = dir.cmd().arg("demo").arg(&team).output().expect("run");
    assert_eq!(again.status.code(), Some(2));
}

/// The documentation's excerpts of the demo are what the demo prints: each
/// line of its `support-fcr` examples and of its audit, wherever they appear
/// (the README or a page under `docs/`), is a line of the real output.
#[test]
fn the_docs_show_the_demo_as_it_is() {
    let (code, _, err, dir) = demo(&[]);
    assert_eq!(code, 0, "{err}");
    let team = dir.path().join("team");
    let run = |args: &[&str]| {
        let out = dir
            .cmd()
            .args(args)
            .arg("--repo")
            .arg(&team)
            .output()
            .expect("run");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let pages = crate::docs_links::documentation();
    let quarter = ["--since", "2026-07-01", "--until", "2026-09-30"];
    let mut checked = 0;
    for (command, args) in [
        (
            "$ goalpost packet --project support-fcr --since 2026-07-01 --until 2026-09-30",
            [&["packet", "--project", "support-fcr"][..], &quarter].concat(),
        ),
        ("$ goalpost log support-fcr", vec!["log", "support-fcr"]),
        (
            "$ goalpost --repo /tmp/team audit --since 2026-07-01 --until 2026-09-30",
            [&["audit"][..], &quarter].concat(),
        ),
    ] {
        let output = run(&args);
        let mut blocks = 0;
        for (page, text) in &pages {
            for block in text
                .split(&format!("{command}\n"))
                .skip(1)
                .filter_map(|rest| rest.split("```").next())
            {
                blocks += 1;
                for line in block.lines().filter(|l| *l != "…") {
                    assert!(
                        output.lines().any(|o| o == line),
                        "{page}: line not in the output of `{command}`:\n{line}\n---\n{output}"
                    );
                    checked += 1;
                }
            }
        }
        assert!(blocks > 0, "the documentation shows no `{command}`");
    }
    assert!(checked >= 20, "{checked}");
}

/// The commands `demo` suggests work from where the user is: `goalpost`
/// only when the PATH finds this very binary.
#[test]
fn demo_suggests_commands_that_run_from_here() {
    let (_, _, err, _dir) = demo(&[]);
    let bin = assert_cmd::cargo::cargo_bin("goalpost");
    let try_check = err
        .lines()
        .find(|l| l.ends_with(" check"))
        .unwrap_or_else(|| panic!("no suggestion: {err}"));
    assert!(
        try_check
            .trim_start()
            .starts_with(&bin.display().to_string()),
        "{err}"
    );

    let repo = Repo::empty();
    let path = std::env::join_paths([bin.parent().expect("bin dir").to_path_buf()]).expect("PATH");
    let run = repo
        .cmd()
        .env("PATH", path)
        .arg("demo")
        .arg(repo.path().join("team"))
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(err.contains("\n  goalpost --repo "), "{err}");
}

#[test]
fn demo_packet_json_has_every_kind_of_outcome() {
    let (code, out, _, _dir) = demo(&["--format", "json"]);
    assert_eq!(code, 0);
    let p: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(
        p["delivery"],
        serde_json::json!({"delivered": 3, "on_time": 2, "late": 1, "due_not_delivered": 1, "median_lead_time_days": 88, "median_flow_efficiency": 0.959, "measures_met": 0, "measures": 0})
    );
}

#[test]
fn html_is_one_self_contained_file() {
    let (code, out, _, _dir) = demo(&["--format", "html"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("<!doctype html>"));
    assert!(out.contains("Content-Security-Policy"));
    assert!(!out.contains("<script"));
    assert!(
        !out.contains("http://") && !out.contains("https://"),
        "no external requests"
    );
    insta::assert_snapshot!("demo_packet_html", out);
}

#[test]
fn templates_can_be_overridden_per_repository() {
    let repo = Repo::new();
    let git = repo.git();
    repo.write(
        "projects/x.md",
        "---\ntitle: X\nowner: a\nstatus: active\n---\n## Success criteria\n- [ ] 1 user\n",
    );
    commit_all(&git, "2026-07-02T10:00:00+00:00", "a", "start");
    repo.write(
        ".goalpost/templates/packet.md.j2",
        "Packet for {{ subject.id }}: {{ projects | length }} project(s)\n",
    );
    let (code, out, _) = repo.run(&["packet", "--project", "x"]);
    assert_eq!((code, out.as_str()), (0, "Packet for x: 1 project(s)\n"));
    repo.write(".goalpost/templates/packet.md.j2", "{% for %}\n");
    let (code, _, err) = repo.run(&["packet", "--project", "x"]);
    assert_eq!(code, 2);
    assert!(err.contains("packet.md.j2"), "{err}");
}
