//! Markdown that shows people's words as they wrote them.

/// Plain text that markdown shows as written: characters that would start
/// markup (HTML tags, entities, links, code, emphasis, table cells) are
/// escaped with a
/// backslash; the rest is left alone so the raw file stays readable.
pub fn plain(text: &str) -> String {
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

/// Text as a markdown code span that shows it as written: fenced with one
/// more backtick than its longest run of backticks, and padded with spaces
/// when it starts or ends with one, so nothing inside can close it early.
pub fn code(text: &str) -> String {
    let text = text.replace(['\n', '\r'], " ");
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    // CommonMark strips one space from each end of a span that has both.
    let spaced = text.starts_with(' ') && text.ends_with(' ') && !text.trim().is_empty();
    let pad = if text.starts_with('`') || text.ends_with('`') || spaced {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use pulldown_cmark::{Parser, html};

    use super::{code, plain};

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
            html::push_html(&mut out, Parser::new(&plain(text)));
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

    #[test]
    fn code_spans_hold_any_text() {
        for text in [
            "projects/a.md",
            "a`b",
            "`<img src=x onerror=alert(1)>`",
            "x``y`",
            " ",
            " a ",
        ] {
            let mut out = String::new();
            html::push_html(&mut out, Parser::new(&code(text)));
            let shown = out
                .trim()
                .strip_prefix("<p><code>")
                .and_then(|s| s.strip_suffix("</code></p>"))
                .unwrap_or_else(|| panic!("one code span: {out}"))
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&amp;", "&");
            assert_eq!(shown, text);
        }
    }
}
