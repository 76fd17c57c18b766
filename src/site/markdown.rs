//! Document bodies as safe HTML: rendered with pulldown-cmark, raw HTML
//! dropped, local images the site copies shown (`super::images`) and any
//! other image a link (a page makes no request outside the site), links to
//! other documents pointed at their pages, and the result cleaned by
//! ammonia, which keeps only `http`, `https`, `mailto` and relative
//! targets.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd, html};

/// Where the pages of documents are, for links between them.
pub struct Pages<'a> {
    /// Root-relative document path → site-relative page path.
    pub by_path: &'a HashMap<String, String>,
    /// The web address of repository files, for links to files that have no page.
    pub web_file: Option<&'a str>,
    /// The repository's root and the images the site copies, when it does.
    pub images: Option<(&'a std::path::Path, &'a super::images::Images)>,
}

/// What became of a link or image opened and not yet closed.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Open {
    Link,
    Image,
    Dropped,
}

/// The HTML of a markdown body written in the document at `doc_path`,
/// for a page `to_root` away from the site's root (`""` or `"../"`).
pub fn render(body: &str, doc_path: &str, pages: &Pages<'_>, to_root: &str) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES;
    let mut open: Vec<Open> = Vec::new();
    // The first `#` heading is the document's title, which the page shows
    // already; the other headings move one level down, under it.
    let mut title: Option<bool> = None;
    let events = Parser::new_ext(body, options).filter_map(|event| match event {
        Event::Start(Tag::Heading {
            level: HeadingLevel::H1,
            ..
        }) if title.is_none() => {
            title = Some(true);
            None
        }
        Event::End(TagEnd::Heading(HeadingLevel::H1)) if title == Some(true) => {
            title = Some(false);
            None
        }
        _ if title == Some(true) => None,
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Some(Event::Start(Tag::Heading {
            level: lower(level),
            id,
            classes,
            attrs,
        })),
        Event::End(TagEnd::Heading(level)) => Some(Event::End(TagEnd::Heading(lower(level)))),
        // Raw HTML is removed, not escaped: it is markup, not words.
        Event::Html(_) | Event::InlineHtml(_) => None,
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => match target(&dest_url, doc_path, pages, to_root) {
            Some(dest) => {
                open.push(Open::Link);
                Some(Event::Start(Tag::Link {
                    link_type,
                    dest_url: dest.into(),
                    title,
                    id,
                }))
            }
            None => {
                open.push(Open::Dropped);
                None
            }
        },
        Event::End(TagEnd::Link | TagEnd::Image) => match open.pop() {
            Some(Open::Link) => Some(Event::End(TagEnd::Link)),
            Some(Open::Image) => Some(Event::End(TagEnd::Image)),
            Some(Open::Dropped) | None => None,
        },
        // A local image the site copies is shown from its copy; any other
        // would be a request the page makes (or an SVG, which can carry
        // script): link to it instead.
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            if let Some(rel) = local_image(&dest_url, doc_path, pages) {
                open.push(Open::Image);
                return Some(Event::Start(Tag::Image {
                    link_type,
                    dest_url: format!("{to_root}{}{}", super::images::FOLDER, encoded(&rel)).into(),
                    title,
                    id,
                }));
            }
            let dest = target(&dest_url, doc_path, pages, to_root);
            open.push(if dest.is_some() {
                Open::Link
            } else {
                Open::Dropped
            });
            dest.map(|dest| {
                Event::Start(Tag::Link {
                    link_type: LinkType::Inline,
                    dest_url: dest.into(),
                    title,
                    id,
                })
            })
        }
        other => Some(other),
    });
    let mut raw = String::with_capacity(body.len() * 3 / 2);
    html::push_html(&mut raw, events);
    clean(&raw)
}

fn lower(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        HeadingLevel::H5 | HeadingLevel::H6 => HeadingLevel::H6,
    }
}

/// Keeps safe markup only: the tags markdown produces, links with safe
/// targets (`rel="noopener noreferrer"`), nothing that runs.
fn clean(raw: &str) -> String {
    let schemes: HashSet<&str> = ["http", "https", "mailto"].into_iter().collect();
    ammonia::Builder::default()
        .url_schemes(schemes)
        .url_relative(ammonia::UrlRelative::PassThrough)
        .link_rel(Some("noopener noreferrer"))
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .add_tags(["input"])
        .clean(raw)
        .to_string()
}

/// Where a link in a document should lead on the site; `None` drops the
/// link (its text stays) when it leads nowhere the site can reach.
fn target(dest: &CowStr<'_>, doc_path: &str, pages: &Pages<'_>, to_root: &str) -> Option<String> {
    let dest = dest.trim();
    if dest.starts_with('#') {
        return Some(dest.to_owned());
    }
    if has_scheme(dest) || dest.starts_with("//") {
        // ammonia drops the schemes it does not keep.
        return Some(dest.to_owned());
    }
    let (path, fragment) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (dest, None),
    };
    let path = path.split('?').next().unwrap_or(path);
    let resolved = resolve(doc_path, path)?;
    let page = pages
        .by_path
        .get(&resolved)
        .or_else(|| pages.by_path.get(&format!("{resolved}.md")));
    let mut out = match (page, pages.web_file) {
        (Some(page), _) => format!("{to_root}{page}"),
        (None, Some(web)) => format!("{web}{resolved}"),
        (None, None) => return None,
    };
    if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
        out.push('#');
        out.push_str(fragment);
    }
    Some(out)
}

/// The root-relative path of a local image the site shows, for an image's
/// destination in the document at `doc_path`.
fn local_image(dest: &CowStr<'_>, doc_path: &str, pages: &Pages<'_>) -> Option<String> {
    let (root, images) = pages.images?;
    let dest = dest.trim();
    if has_scheme(dest) || dest.starts_with("//") || dest.starts_with('#') {
        return None;
    }
    let path = dest.split(['#', '?']).next().unwrap_or(dest);
    let rel = resolve(doc_path, path)?;
    images.show(root, &rel).then_some(rel)
}

/// A path as a URL path: each byte outside the unreserved set and `/`
/// percent-encoded.
fn encoded(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn has_scheme(dest: &str) -> bool {
    let Some((scheme, _)) = dest.split_once(':') else {
        return false;
    };
    !scheme.is_empty()
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// A link's path made root-relative, from the folder of the document it is
/// in (or the root, for `/path`); `None` when it leaves the repository.
fn resolve(doc_path: &str, link: &str) -> Option<String> {
    let mut parts: Vec<&str> = if link.starts_with('/') {
        Vec::new()
    } else {
        let mut dir: Vec<&str> = doc_path.split('/').collect();
        dir.pop();
        dir
    };
    for part in link.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pages() -> HashMap<String, String> {
        [
            (
                "projects/search.md".to_owned(),
                "projects/search.html".to_owned(),
            ),
            (
                "decisions/0001-redis.md".to_owned(),
                "decisions/0001.html".to_owned(),
            ),
        ]
        .into_iter()
        .collect()
    }

    fn html(body: &str, web: Option<&str>) -> String {
        let by_path = pages();
        let pages = Pages {
            by_path: &by_path,
            web_file: web,
            images: None,
        };
        render(body, "updates/2026/u.md", &pages, "../")
    }

    #[test]
    fn links_to_documents_lead_to_their_pages() {
        let out = html(
            "See [it](../../projects/search.md#plan) and [ADR](../../decisions/0001-redis).",
            None,
        );
        assert!(
            out.contains(r##"href="../projects/search.html#plan""##),
            "{out}"
        );
        assert!(out.contains(r#"href="../decisions/0001.html""#), "{out}");
    }

    #[test]
    fn other_files_link_to_the_web_or_lose_their_link() {
        let out = html("[log](./notes.txt)", Some("https://example.test/blob/abc/"));
        assert!(
            out.contains(r#"href="https://example.test/blob/abc/updates/2026/notes.txt""#),
            "{out}"
        );
        let out = html("[log](./notes.txt) and [out](../../../etc/passwd)", None);
        assert!(!out.contains("href"), "{out}");
        assert!(out.contains("log") && out.contains("out"), "{out}");
    }

    #[test]
    fn the_title_heading_goes_and_the_others_move_down() {
        let out = html("# Title\n\nText\n\n## Context\n\n# Another\n", None);
        assert!(!out.contains("Title"), "{out}");
        assert!(
            out.contains("<h3>Context</h3>") && out.contains("<h2>Another</h2>"),
            "{out}"
        );
    }

    #[test]
    fn hostile_markup_is_inert() {
        let out = html(
            "<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)> ![p](https://tracker.example/p.png) [m](mailto:a@b.c)",
            None,
        );
        for bad in ["<script", "javascript:", "onerror", "<img"] {
            assert!(!out.contains(bad), "{bad} in {out}");
        }
        assert!(
            out.contains(r#"href="https://tracker.example/p.png""#),
            "an image becomes a link: {out}"
        );
        assert!(out.contains(r#"href="mailto:a@b.c""#), "{out}");
    }
}
