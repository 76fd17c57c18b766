//! Markdown and HTML renderings of a packet, from templates that ship in the
//! binary and can be overridden per repository in `.goalpost/templates/`.

use std::path::Path;

use minijinja::Value;
use pulldown_cmark::{Options, Parser, html};

use super::Packet;
use crate::error::Error;
use crate::template::Templates;

/// Renders `packet` with the template `name` (`packet.md.j2` or
/// `packet.html.j2`), from the built-ins or `.goalpost/templates/` under `root`.
pub fn render(packet: &Packet, name: &str, root: &Path) -> Result<String, Error> {
    let mut templates = Templates::load(root)?;
    let env = templates.environment_mut();
    env.add_filter("short", |sha: String| {
        sha.chars().take(7).collect::<String>()
    });
    env.add_filter("percent", |value: Option<f64>| match value {
        Some(v) => format!("{:.0}%", v * 100.0),
        None => "n/a".to_owned(),
    });
    env.add_filter("move", |kind: String| match kind.as_str() {
        "due-changed" => "due date moved".to_owned(),
        "criterion-added" => "criterion added".to_owned(),
        "criterion-removed" => "criterion removed".to_owned(),
        "criterion-edited" => "criterion edited".to_owned(),
        "criterion-withdrawn" => "criterion withdrawn".to_owned(),
        other => other.to_owned(),
    });
    env.add_filter("inline", |text: String| {
        Value::from_safe_string(inline_markdown(&text))
    });
    templates.render(name, packet)
}

/// Markdown text rendered to inline HTML, with raw HTML and unsafe links removed.
pub fn inline_markdown(text: &str) -> String {
    let mut out = String::new();
    html::push_html(
        &mut out,
        Parser::new_ext(text, Options::ENABLE_STRIKETHROUGH),
    );
    let clean = ammonia::Builder::default()
        .link_rel(Some("noopener noreferrer nofollow"))
        .clean(&out)
        .to_string();
    // A single paragraph renders inline.
    clean
        .trim()
        .strip_prefix("<p>")
        .and_then(|s| s.strip_suffix("</p>"))
        .filter(|s| !s.contains("<p>"))
        .map_or_else(|| clean.trim().to_owned(), str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::inline_markdown;

    #[test]
    fn raw_html_and_script_links_are_removed() {
        let out = inline_markdown(
            "ok <script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)> **b**",
        );
        assert!(!out.contains("<script"), "{out}");
        assert!(!out.contains("javascript:"), "{out}");
        assert!(!out.contains("onerror"), "{out}");
        assert!(out.contains("<strong>b</strong>"), "{out}");
    }
}
