//! `goalpost rules` and `goalpost explain`: every rule has a page, the page
//! is `docs/rules/<id>.md` byte for byte, and its example really shows the
//! rule (the files before "Fixed:" give the finding; with the fixed files,
//! `check` finds nothing at all).
//!
//! `GOALPOST_BLESS=1 cargo test --test cli rule_docs` writes the pages.

use std::path::PathBuf;

use serde_json::Value;

use crate::Repo;

const ROSTER: &str =
    "people:\n  ana: { name: Ana Lima, team: search }\n  bo: { name: Bo Chen, team: search }\n";

fn docs() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/rules")
}

fn rules() -> Vec<Value> {
    let repo = Repo::empty();
    let out = repo.ok(&["rules", "--format", "json"]);
    serde_json::from_str::<Vec<Value>>(&out).expect("rules as JSON")
}

/// The index page: every rule with its default and one line.
fn index(rules: &[Value]) -> String {
    let mut page = String::from(
        "# Rules\n\nEvery rule `goalpost check` applies, with its default severity. `goalpost rules` prints this list and `goalpost explain <rule>` a rule's page; severities are set under `rules:` in `goalpost.yml`.\n\n| rule | default | checks |\n|---|---|---|\n",
    );
    for rule in rules {
        let id = rule["id"].as_str().unwrap_or_default();
        page.push_str(&format!(
            "| [`{id}`]({id}.md) | {} | {} |\n",
            rule["default"].as_str().unwrap_or_default(),
            rule["description"].as_str().unwrap_or_default()
        ));
    }
    page
}

#[test]
fn every_rule_page_is_its_docs_file() {
    let rules = rules();
    assert!(rules.len() >= 29, "{rules:?}");
    let bless = std::env::var_os("GOALPOST_BLESS").is_some();
    let repo = Repo::empty();
    let mut pages = vec![("README.md".to_owned(), index(&rules))];
    for rule in &rules {
        let id = rule["id"].as_str().unwrap_or_default();
        assert_eq!(
            rule["docs"],
            format!("https://github.com/goalpost-dev/goalpost/blob/main/docs/rules/{id}.md")
        );
        let page = repo.ok(&["explain", id]);
        assert!(page.starts_with(&format!("# `{id}`\n\n")), "{page}");
        for part in ["\n## Why\n", "\n## Example\n", "\n## Configuration\n"] {
            assert!(page.contains(part), "{id}: no {part:?}\n{page}");
        }
        pages.push((format!("{id}.md"), page));
    }
    let mut stale = Vec::new();
    for (name, page) in &pages {
        let path = docs().join(name);
        if bless {
            std::fs::write(&path, page).expect("write the page");
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(page.as_str()) {
            stale.push(name.clone());
        }
    }
    assert!(
        stale.is_empty(),
        "docs/rules/ differs from `goalpost explain` for {stale:?}: run `GOALPOST_BLESS=1 cargo test --test cli rule_docs`"
    );
    // Nothing else lives there: a page of a rule that is gone would mislead.
    let mut names: Vec<String> = std::fs::read_dir(docs())
        .expect("docs/rules")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect();
    names.sort();
    let mut want: Vec<String> = pages.into_iter().map(|(n, _)| n).collect();
    want.sort();
    assert_eq!(names, want);
}

/// The fenced blocks of a part of a page, as (path, content): the info
/// string is `<language> <path>`.
fn files(part: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut lines = part.lines();
    while let Some(line) = lines.next() {
        let Some(info) = line.strip_prefix("```") else {
            continue;
        };
        let path = info
            .split_whitespace()
            .nth(1)
            .unwrap_or_default()
            .to_owned();
        let mut content = String::new();
        for line in lines.by_ref() {
            if line == "```" {
                break;
            }
            content.push_str(line);
            content.push('\n');
        }
        if !path.is_empty() {
            out.push((path, content));
        }
    }
    out
}

/// A page's example: from `## Example` to the next `## ` heading outside a
/// fence (the files it shows have headings of their own).
fn example_part(page: &str) -> &str {
    let marker = "\n## Example\n";
    let Some(at) = page.find(marker) else {
        return "";
    };
    let rest = &page[at + marker.len()..];
    let (mut fenced, mut offset) = (false, 0);
    for line in rest.split_inclusive('\n') {
        if line.starts_with("```") {
            fenced = !fenced;
        } else if !fenced && line.starts_with("## ") {
            return &rest[..offset];
        }
        offset += line.len();
    }
    rest
}

fn findings(repo: &Repo) -> Vec<Value> {
    let (code, out, err) = repo.run(&["check", "--format", "json"]);
    assert!(code < 2, "{err}");
    serde_json::from_str(&out).expect("findings as JSON")
}

#[test]
fn every_example_shows_its_rule() {
    let repo = Repo::empty();
    let mut shown = 0;
    for rule in rules() {
        let id = rule["id"].as_str().unwrap_or_default();
        let page = repo.ok(&["explain", id]);
        let example = example_part(&page);
        let Some((reported, fixed)) = example.split_once("\nFixed:\n") else {
            // A rule no text file can show (bytes that are not UTF-8) says
            // so in words.
            assert!(files(example).is_empty(), "{id}: blocks but no `Fixed:`");
            continue;
        };
        let (reported, fixed) = (files(reported), files(fixed));
        assert!(
            !reported.is_empty() && !fixed.is_empty(),
            "{id}: an example needs files on both sides"
        );
        let mut sample = Repo::empty();
        if !reported.iter().any(|(p, _)| p == "goalpost.yml") {
            sample = sample.file("goalpost.yml", ROSTER);
        }
        for (path, content) in &reported {
            sample = sample.file(path, content);
        }
        let before = findings(&sample);
        assert!(
            before.iter().any(|f| f["rule"] == id),
            "{id}: the example does not give the finding: {before:?}"
        );
        for (path, content) in &fixed {
            sample.write(path, content);
        }
        let after = findings(&sample);
        assert!(
            after.is_empty(),
            "{id}: the fixed example still has findings: {after:?}"
        );
        shown += 1;
    }
    assert!(shown >= 27, "only {shown} rules have an example that runs");
}

#[test]
fn explain_takes_a_finding_as_shown_and_names_the_likely_rule() {
    let repo = Repo::empty();
    assert_eq!(
        repo.ok(&["explain", "error[missing-field]"]),
        repo.ok(&["explain", "missing-field"])
    );
    let err = repo.refused(&["explain", "vague-criteria"]);
    assert_eq!(
        err,
        "error: unknown rule `vague-criteria`\n  help: did you mean `vague-criterion`?\n"
    );
    // In a repository, what its goalpost.yml sets beside the default.
    let configured = Repo::new().file(
        "goalpost.yml",
        "rules:\n  vague-criterion: off\n  overdue: error\n",
    );
    let here: Vec<(String, String)> =
        serde_json::from_str::<Vec<Value>>(&configured.ok(&["rules", "--format", "json"]))
            .expect("json")
            .iter()
            .filter(|r| r["here"] != r["default"])
            .map(|r| {
                (
                    r["id"].as_str().unwrap_or_default().to_owned(),
                    r["here"].as_str().unwrap_or_default().to_owned(),
                )
            })
            .collect();
    assert_eq!(
        here,
        [
            ("vague-criterion".to_owned(), "off".to_owned()),
            ("overdue".to_owned(), "error".to_owned())
        ]
    );
    let table = repo.ok(&["rules"]);
    assert!(table.starts_with("RULE"), "{table}");
    assert!(
        table
            .lines()
            .any(|l| l.starts_with("vague-criterion") && l.contains("warning")),
        "{table}"
    );
}
