//! What `cargo package` ships: what a user needs to build, run and read
//! the licence of goalpost, and nothing of the repository's own tooling.

use std::process::Command;

fn manifest_dir() -> &'static str {
    env!("CARGO_MANIFEST_DIR")
}

#[test]
fn the_package_holds_only_what_a_user_needs() {
    let out = Command::new(env!("CARGO"))
        .args(["package", "--locked", "--list", "--allow-dirty"])
        .current_dir(manifest_dir())
        .env("CARGO_TERM_COLOR", "never")
        .output()
        .expect("cargo package --list");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let files: Vec<&str> = stdout.lines().collect();
    // At the root: what builds the crate and what a user reads.
    let root = [
        "Cargo.toml",
        "Cargo.lock",
        "build.rs",
        "README.md",
        "CHANGELOG.md",
        "LICENSE-MIT",
        "LICENSE-APACHE",
    ];
    for needed in root.iter().chain(&[
        "src/main.rs",
        "src/lib.rs",
        "src/diagnostic/explain/vague-criterion.md",
        "templates/update.md.j2",
        "templates/site/style.css.j2",
    ]) {
        assert!(
            files.contains(needed),
            "{needed} is not packaged: {files:?}"
        );
    }
    // What cargo adds of its own.
    let cargo = ["Cargo.toml.orig", ".cargo_vcs_info.json"];
    let allowed = |f: &&str| {
        f.starts_with("src/")
            || f.starts_with("templates/")
            || root.contains(f)
            || cargo.contains(f)
    };
    let extra: Vec<&&str> = files.iter().filter(|f| !allowed(f)).collect();
    assert!(extra.is_empty(), "packaged but not needed: {extra:?}");
}

#[test]
fn the_manifest_says_where_goalpost_lives() {
    let manifest =
        std::fs::read_to_string(format!("{}/Cargo.toml", manifest_dir())).expect("Cargo.toml");
    for key in [
        "repository = \"https://github.com/",
        "keywords = [",
        "categories = [",
        "license = \"MIT OR Apache-2.0\"",
    ] {
        assert!(manifest.contains(key), "Cargo.toml has no {key}");
    }
    assert_eq!(
        env!("CARGO_PKG_REPOSITORY"),
        "https://github.com/goalpost-dev/goalpost"
    );
}
