//! `broken-link`: relative links in a document point at files that exist.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::diagnostic::Rule;
use crate::rules::Context;
use crate::suggest;
use crate::workspace::Workspace;

pub fn check(ws: &Workspace, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let root = &cx.config.root;
    // Documents link to the same few files again and again (EIPs: 3,000
    // links, 600 targets): each target is looked up on disk once.
    let mut found: HashMap<PathBuf, bool> = HashMap::new();
    let mut exists = |rel: PathBuf| {
        *found
            .entry(rel)
            .or_insert_with_key(|rel| root.join(rel).exists() || markdown_sibling(root, rel))
    };
    // A folder's names, listed once for every "did you mean" in it.
    let mut listings: HashMap<PathBuf, Vec<String>> = HashMap::new();
    for doc in ws.documents.iter().filter(|d| cx.wants(&d.path)) {
        for link in doc.links() {
            let Some(target) = local_target(&link.value) else {
                continue;
            };
            let dir = Path::new(&doc.path).parent().unwrap_or(Path::new(""));
            let joined = match target.strip_prefix('/') {
                Some(from_root) => PathBuf::from(from_root),
                None => dir.join(&target),
            };
            let (problem, help) = match normalize(&joined) {
                None => ("points outside the repository", None),
                // `./eip-150` for `eip-150.md` works on every site generator.
                Some(rel) if exists(rel.clone()) => continue,
                Some(rel) => (
                    "points to a file that does not exist",
                    near_file(root, &rel, &target, &mut listings),
                ),
            };
            out.push(
                Diagnostic::new(
                    Rule::BrokenLink,
                    &doc.path,
                    link.span,
                    format!("link `{}` {problem}", link.value),
                )
                .with_help(help.unwrap_or_else(|| {
                    "fix the path (relative to this file) or remove the link".to_owned()
                })),
            );
        }
    }
}

/// Whether `rel` names a markdown file without its extension.
fn markdown_sibling(root: &Path, rel: &Path) -> bool {
    rel.extension().is_none() && root.join(rel).with_extension("md").is_file()
}

/// "did you mean `eip-150.md`?" when a file of the link's folder has a name
/// close to what the link says (with or without `.md`).
fn near_file(
    root: &Path,
    rel: &Path,
    written: &str,
    listings: &mut HashMap<PathBuf, Vec<String>>,
) -> Option<String> {
    let folder = root.join(rel.parent().unwrap_or(Path::new("")));
    let wanted = rel.file_name()?.to_string_lossy().into_owned();
    let names = listings.entry(folder).or_insert_with_key(|folder| {
        std::fs::read_dir(folder)
            .into_iter()
            .flatten()
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect()
    });
    let stems: Vec<&str> = names
        .iter()
        .map(|n| n.strip_suffix(".md").unwrap_or(n))
        .collect();
    let wanted_stem = wanted.strip_suffix(".md").unwrap_or(&wanted);
    let close = suggest::did_you_mean(wanted_stem, stems.iter().copied())?;
    let index = stems.iter().position(|s| *s == close)?;
    let found = &names[index];
    let prefix = written
        .rsplit_once('/')
        .map(|(dir, _)| format!("{dir}/"))
        .unwrap_or_default();
    Some(format!("did you mean `{prefix}{found}`?"))
}

/// The file a link points at, if it is a relative link to a local file.
fn local_target(dest: &str) -> Option<String> {
    let dest = dest.trim();
    if dest.is_empty() || dest.starts_with('#') || dest.starts_with("//") {
        return None;
    }
    // A scheme (`https:`, `mailto:`) makes the link external.
    if let Some(colon) = dest.find(':')
        && dest[..colon]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    {
        return None;
    }
    let path = dest.split(['#', '?']).next().unwrap_or("");
    if path.is_empty() {
        return None;
    }
    Some(percent_decode(path))
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .filter(|_| bytes[i] == b'%')
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match hex {
            Some(b) => {
                out.push(b);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Resolves `.` and `..` lexically; `None` when the path leaves the root.
fn normalize(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::Normal(part) => out.push(part),
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_links_are_checked() {
        assert_eq!(local_target("https://x.org/a.md"), None);
        assert_eq!(local_target("mailto:a@b.c"), None);
        assert_eq!(local_target("#heading"), None);
        assert_eq!(local_target("../a%20b.md#x").as_deref(), Some("../a b.md"));
    }

    #[test]
    fn escaping_paths_are_rejected() {
        assert_eq!(normalize(Path::new("a/../../b")), None);
        assert_eq!(
            normalize(Path::new("a/./b/../c")),
            Some(PathBuf::from("a/c"))
        );
    }
}
