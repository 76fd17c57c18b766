//! The documentation's links: in the README, the other markdown files at
//! the repository's root and every page under `docs/`, each relative link
//! or image leads to a file or folder of the repository, and each fragment
//! (`#x`, `page.md#x`) to a heading of its target, by GitHub's anchor rules.
//! Links and headings inside code are not links and headings: the pages are
//! read with pulldown-cmark, as the text is rendered.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The README and every markdown page under `docs/` (rule pages included),
/// as (path relative to the repository, text), README first, then by path.
/// The tests that hold the documentation's examples to the real output
/// read these.
pub fn documentation() -> Vec<(String, String)> {
    let root = root();
    let mut pages = vec!["README.md".to_owned()];
    let mut found = Vec::new();
    markdown_under(&root, &root.join("docs"), &mut found);
    found.sort();
    pages.extend(found);
    pages
        .into_iter()
        .map(|p| {
            let text =
                std::fs::read_to_string(root.join(&p)).unwrap_or_else(|e| panic!("{p}: {e}"));
            (p, text)
        })
        .collect()
}

/// Every `.md` file under `dir`, as paths relative to `root` with `/`.
fn markdown_under(root: &Path, dir: &Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            markdown_under(root, &path, out);
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(relative(root, &path));
        }
    }
}

fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .expect("inside the root")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS | Options::ENABLE_STRIKETHROUGH
}

/// GitHub's anchor of a heading's text: lowercased; every character but
/// letters, digits, spaces, `-` and `_` dropped; spaces made `-`.
fn anchor(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

/// The anchors of a page's headings, in order; a repeated one gets `-1`,
/// `-2`, … as GitHub numbers them.
fn anchors(markdown: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut heading: Option<String> = None;
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = heading.as_mut() {
                    h.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                let base = anchor(&heading.take().unwrap_or_default());
                let n = seen.entry(base.clone()).or_insert(0);
                out.push(if *n == 0 { base } else { format!("{base}-{n}") });
                *n += 1;
            }
            _ => {}
        }
    }
    out
}

/// The targets of a page's links and images, in order.
fn links(markdown: &str) -> Vec<String> {
    Parser::new_ext(markdown, options())
        .filter_map(|event| match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                Some(dest_url.into_string())
            }
            _ => None,
        })
        .collect()
}

/// `a%20b` as `a b`.
fn percent_decoded(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(b) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `base/../x/./y` as `x/y`, without touching the file system; `None` when
/// it climbs above `root`.
fn normalised(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::CurDir => {}
            c => out.push(c),
        }
    }
    Some(out)
}

/// Every broken relative link of `pages` (paths relative to `root`), as
/// `file: link (why)`.
fn problems(root: &Path, pages: &[String]) -> Vec<String> {
    let line_anchor = regex::Regex::new(r"^L\d+(-L\d+)?$").expect("regex");
    let mut out = Vec::new();
    for page in pages {
        let text =
            std::fs::read_to_string(root.join(page)).unwrap_or_else(|e| panic!("{page}: {e}"));
        let folder = Path::new(page).parent().unwrap_or(Path::new(""));
        for link in links(&text) {
            let mut problem = |why: &str| out.push(format!("{page}: {link} ({why})"));
            if ["http:", "https:", "mailto:"]
                .iter()
                .any(|s| link.to_ascii_lowercase().starts_with(s))
            {
                continue;
            }
            let (path, fragment) = match link.split_once('#') {
                Some((p, f)) => (p, Some(f)),
                None => (link.as_str(), None),
            };
            let path = percent_decoded(path);
            let target = if path.is_empty() {
                PathBuf::from(page)
            } else if let Some(from_root) = path.strip_prefix('/') {
                PathBuf::from(from_root)
            } else {
                folder.join(&path)
            };
            let Some(target) = normalised(&target) else {
                problem("outside the repository");
                continue;
            };
            let full = root.join(&target);
            if !full.exists() {
                problem("no such file or folder");
                continue;
            }
            let Some(fragment) = fragment else { continue };
            if target.extension().is_some_and(|e| e == "md") && full.is_file() {
                let headings = anchors(&std::fs::read_to_string(&full).expect("read"));
                if !headings.iter().any(|a| *a == percent_decoded(fragment)) {
                    problem(&format!("no heading `#{fragment}` in {}", target.display()));
                }
            } else if !line_anchor.is_match(fragment) {
                problem("a fragment of a file that is not markdown");
            }
        }
    }
    out
}

#[test]
fn every_link_of_the_documentation_leads_somewhere() {
    let root = root();
    let mut pages: Vec<String> = documentation().into_iter().map(|(p, _)| p).collect();
    for entry in std::fs::read_dir(&root).expect("root") {
        let path = entry.expect("entry").path();
        let name = relative(&root, &path);
        if path.is_file() && name.ends_with(".md") && !pages.contains(&name) {
            pages.push(name);
        }
    }
    assert!(pages.len() > 40, "{pages:?}");
    let problems = problems(&root, &pages);
    assert!(
        problems.is_empty(),
        "{} broken links:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn anchors_follow_githubs_rules() {
    let page = "# `goalpost audit [--by KEY] [--promotions FILE]`\n\
                ## Project — `projects/<id>.md`\n\
                ## The language server: `goalpost lsp`\n\
                ## `goalpost man [COMMAND…]`\n\
                ## Code scanning (SARIF)\n\
                ## Team views: `status`, `blockers` | `agenda`\n\
                ## Dates\n\
                ```markdown\n## Dates\n```\n\
                ## Dates\n\
                ## Über_alles **now**\n";
    assert_eq!(
        anchors(page),
        [
            "goalpost-audit---by-key---promotions-file",
            "project--projectsidmd",
            "the-language-server-goalpost-lsp",
            "goalpost-man-command",
            "code-scanning-sarif",
            "team-views-status-blockers--agenda",
            "dates",
            "dates-1",
            "über_alles-now",
        ]
    );
}

/// The check finds what it should, and only that: a link in code is no link.
#[test]
fn a_broken_link_is_reported() {
    let dir = tempfile::tempdir().expect("temp dir");
    let write = |path: &str, text: &str| {
        let full = dir.path().join(path);
        std::fs::create_dir_all(full.parent().expect("parent")).expect("mkdir");
        std::fs::write(full, text).expect("write");
    };
    write(
        "README.md",
        "# Title\n\n## Usage\n\n## Usage\n\n\
         [ok](docs/a.md#the-a) [ok](#usage-1) [ok](docs/) [ok](docs/a.md) [ok](https://x.io/nope)\n\
         [gone](docs/b.md) [bad](docs/a.md#usage) [bad](#nope) [out](../x.md) [line](x.rs#L3)\n\
         ![image](img/p.png)\n\n`[code](nope.md)`\n\n```\n[fenced](nope.md)\n```\n",
    );
    write(
        "docs/a.md",
        "# The A\n\n[up](../README.md#title) [img](../img/p.png)\n\n```md\n# Usage\n```\n",
    );
    write("img/p.png", "");
    let found = problems(
        dir.path(),
        &["README.md".to_owned(), "docs/a.md".to_owned()],
    );
    assert_eq!(
        found,
        [
            "README.md: docs/b.md (no such file or folder)",
            "README.md: docs/a.md#usage (no heading `#usage` in docs/a.md)",
            "README.md: #nope (no heading `#nope` in README.md)",
            "README.md: ../x.md (outside the repository)",
            "README.md: x.rs#L3 (no such file or folder)",
        ]
    );
}
