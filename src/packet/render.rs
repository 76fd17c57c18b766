//! Markdown and HTML renderings of a packet, from templates that ship in the
//! binary and can be overridden per repository in `.goalpost/templates/`.

use std::path::Path;

use super::Packet;
use crate::error::Error;
use crate::template::Templates;

/// Renders `packet` with the template `name` (`packet.md.j2` or
/// `packet.html.j2`), from the built-ins or `.goalpost/templates/` under `root`.
pub fn render(packet: &Packet, name: &str, root: &Path) -> Result<String, Error> {
    let mut templates = Templates::load(root)?;
    let env = templates.environment_mut();
    env.add_filter("short", |sha: String| {
        crate::history::short(&sha).to_owned()
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
    env.add_filter("text", |text: String| markdown_text(&text));
    templates.render(name, packet)
}

/// Plain text that markdown shows as written: characters that would start
/// markup (HTML tags, entities, links, code, emphasis, table cells) are
/// escaped with a
/// backslash; the rest is left alone so the raw file stays readable.
pub fn markdown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut first = true;
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        let markup = match c {
            '[' | ']' | '`' | '*' | '|' => true,
            '<' => next.is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?')),
            '&' => next.is_some_and(|n| n.is_ascii_alphanumeric() || n == '#'),
            '\\' => next.is_none_or(|n| n.is_ascii_punctuation()),
            '>' | '#' | '-' | '+' => first,
            _ => false,
        };
        if markup {
            out.push('\\');
        }
        out.push(c);
        first = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use pulldown_cmark::{Parser, html};

    use super::markdown_text;

    /// Rendered by a markdown viewer, escaped text reads as written.
    #[test]
    fn escaped_text_renders_as_written() {
        for text in [
            "<script>alert(1)</script> and <br> tags",
            "[x](javascript:alert(1)) `code` *not bold* a\\b &amp; x",
            "> not a quote, p95 < 200 ms & 5 > 3",
            "# not a heading \\",
        ] {
            let mut out = String::new();
            html::push_html(&mut out, Parser::new(&markdown_text(text)));
            let shown = out
                .trim()
                .strip_prefix("<p>")
                .and_then(|s| s.strip_suffix("</p>"))
                .expect("one paragraph")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&amp;", "&");
            assert_eq!(shown, text);
        }
    }
}
