//! `broken-link`: relative links in a document point at files that exist.

use std::path::{Component, Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::diagnostic::Rule;
use crate::rules::Context;
use crate::workspace::Workspace;

pub fn check(ws: &Workspace, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let root = &cx.config.root;
    for doc in &ws.documents {
        for link in doc.links() {
            let Some(target) = local_target(&link.value) else {
                continue;
            };
            let dir = Path::new(&doc.path).parent().unwrap_or(Path::new(""));
            let joined = match target.strip_prefix('/') {
                Some(from_root) => PathBuf::from(from_root),
                None => dir.join(&target),
            };
            let problem = match normalize(&joined) {
                None => Some("points outside the repository"),
                Some(rel) if !root.join(&rel).exists() => {
                    Some("points to a file that does not exist")
                }
                Some(_) => None,
            };
            if let Some(problem) = problem {
                out.push(
                    Diagnostic::new(
                        Rule::BrokenLink,
                        &doc.path,
                        link.span,
                        format!("link `{}` {problem}", link.value),
                    )
                    .with_help("fix the path (relative to this file) or remove the link"),
                );
            }
        }
    }
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
