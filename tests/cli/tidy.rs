//! Tidy: the architecture of `ARCHITECTURE.md`, checked against the code.
//!
//! The floors table there is the source of truth: every top-level module of
//! `src/` stands on one floor and may use only modules on lower floors (and
//! modules named in its own row). This test reads the table and every
//! `crate::…` path outside `#[cfg(test)]` code, in the manner of
//! rust-analyzer's tidy test, so the architecture is checked, not only
//! described.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Command files that may carry the name of the floor they are the door to
/// (ARCHITECTURE.md, "Floors").
const DOORS: &[&str] = &["packet", "audit", "lsp", "site"];

/// The most lines a file of `src/` has unless `ARCHITECTURE.md` says why.
const LONG: usize = 450;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn architecture() -> String {
    std::fs::read_to_string(root().join("ARCHITECTURE.md")).expect("ARCHITECTURE.md")
}

/// The words in backticks of a table cell.
fn ticked(cell: &str) -> Vec<String> {
    cell.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

/// Module → (floor, row): the floors table of ARCHITECTURE.md.
fn floors() -> BTreeMap<String, (u32, usize)> {
    let mut out = BTreeMap::new();
    for (row, line) in architecture().lines().enumerate() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let [_, floor, modules, ..] = cells.as_slice() else {
            continue;
        };
        let Ok(floor) = floor.parse::<u32>() else {
            continue;
        };
        for module in ticked(modules) {
            assert!(
                out.insert(module.clone(), (floor, row)).is_none(),
                "{module} stands on two floors in ARCHITECTURE.md"
            );
        }
    }
    assert!(!out.is_empty(), "ARCHITECTURE.md has no floors table");
    out
}

/// Every `.rs` file under `dir`.
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every file of `src/` as (path relative to `src/`, text).
fn files() -> Vec<(String, String)> {
    let src = root().join("src");
    let mut paths = Vec::new();
    sources(&src, &mut paths);
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let rel = p
                .strip_prefix(&src)
                .expect("inside src")
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read_to_string(&p).expect("source"))
        })
        .collect()
}

/// The top-level module a file belongs to; `None` for the crate root.
fn module_of(rel: &str) -> Option<String> {
    match rel.split_once('/') {
        Some((dir, _)) => Some(dir.to_owned()),
        None if rel == "lib.rs" || rel == "main.rs" => None,
        None => Some(rel.trim_end_matches(".rs").to_owned()),
    }
}

/// The top-level modules a file's code (not its tests or comments) uses.
fn uses(text: &str) -> Vec<String> {
    let code = text.split("#[cfg(test)]").next().unwrap_or(text);
    let mut out = Vec::new();
    for line in code.lines() {
        let line = line.trim_start();
        if line.starts_with("//") {
            continue;
        }
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            if let Some(group) = rest.strip_prefix('{') {
                let end = group.find('}').unwrap_or(group.len());
                for item in group[..end].split(',') {
                    let name: String = item
                        .trim()
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    if !name.is_empty() {
                        out.push(name);
                    }
                }
            } else {
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    out.push(name);
                }
            }
        }
    }
    out
}

#[test]
fn no_floor_imports_one_above_or_beside_it() {
    let floors = floors();
    let mut problems = Vec::new();
    for (rel, text) in files() {
        let Some(module) = module_of(&rel) else {
            continue;
        };
        let Some(&(floor, row)) = floors.get(&module) else {
            problems.push(format!(
                "src/{rel}: module `{module}` has no floor in ARCHITECTURE.md"
            ));
            continue;
        };
        for used in uses(&text) {
            if used == module {
                continue;
            }
            let Some(&(used_floor, used_row)) = floors.get(&used) else {
                problems.push(format!(
                    "src/{rel}: uses `{used}`, which has no floor in ARCHITECTURE.md"
                ));
                continue;
            };
            if used_floor >= floor && used_row != row {
                problems.push(format!(
                    "src/{rel}: `{module}` (floor {floor}) uses `{used}` (floor {used_floor})"
                ));
            }
        }
    }
    problems.sort();
    problems.dedup();
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

/// The checker itself: an upward import is seen, a test module's is not.
#[test]
fn the_checker_sees_imports_in_code_only() {
    let text = "//! doc about crate::views\nuse crate::{config::Config, syntax};\nfn f() { crate::views::x(); }\n#[cfg(test)]\nmod tests { use crate::commands; }\n";
    assert_eq!(uses(text), ["config", "syntax", "views"]);
}

#[test]
fn every_module_says_why_it_exists() {
    let missing: Vec<String> = files()
        .into_iter()
        .filter(|(_, text)| !text.starts_with("//!"))
        .map(|(rel, _)| format!("src/{rel}"))
        .collect();
    assert!(
        missing.is_empty(),
        "these files do not open with a `//!` doc comment: {missing:?}"
    );
}

#[test]
fn long_files_say_why() {
    let text = architecture();
    let listed: Vec<String> = text
        .split("## Long files")
        .nth(1)
        .map(|section| section.split("\n## ").next().unwrap_or(section))
        .unwrap_or_default()
        .lines()
        .filter(|l| l.starts_with("| `"))
        .flat_map(|l| ticked(l.split('|').nth(1).unwrap_or_default()))
        .collect();
    let mut problems = Vec::new();
    for (rel, body) in files() {
        let path = format!("src/{rel}");
        let lines = body.lines().count();
        match (lines > LONG, listed.contains(&path)) {
            (true, false) => problems.push(format!(
                "{path} has {lines} lines; split it, or say in ARCHITECTURE.md why its length is one concept"
            )),
            (false, true) => problems.push(format!(
                "{path} is listed as long in ARCHITECTURE.md but has {lines} lines"
            )),
            _ => {}
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn no_top_level_module_shares_a_command_file_name() {
    let modules: Vec<String> = files()
        .iter()
        .filter_map(|(rel, _)| module_of(rel))
        .collect();
    let clashes: Vec<String> = files()
        .iter()
        .filter_map(|(rel, _)| rel.strip_prefix("commands/"))
        .map(|f| {
            f.split('/')
                .next()
                .unwrap_or(f)
                .trim_end_matches(".rs")
                .to_owned()
        })
        .filter(|name| modules.contains(name) && !DOORS.contains(&name.as_str()))
        .collect();
    assert!(
        clashes.is_empty(),
        "top-level modules named like command files: {clashes:?}"
    );
}
