//! Finding the bytes an edit replaces: a scalar where a span points, the end
//! of the frontmatter, a task-list box.

use super::Change;
use crate::document::split_frontmatter;
use crate::syntax::Span;

/// The byte offset in `text` (the file's text, byte-order mark included) of
/// a 1-based line and character column of the document read from it.
pub fn byte_at(text: &str, line: u32, column: u32) -> Option<usize> {
    let bom = bom_len(text);
    let body = &text[bom..];
    let mut start = 0;
    for _ in 1..line {
        start += memchr::memchr(b'\n', &body.as_bytes()[start..])? + 1;
    }
    let rest = &body[start..];
    let col = usize::try_from(column).ok()?.checked_sub(1)?;
    let within = match rest.char_indices().nth(col) {
        Some((i, _)) => i,
        None if rest.chars().count() == col => rest.len(),
        None => return None,
    };
    Some(bom + start + within)
}

pub(super) fn bom_len(text: &str) -> usize {
    if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    }
}

/// The bytes of `text` (byte-order mark included) that `span` covers.
pub(super) fn bytes_of(text: &str, span: Span) -> Option<std::ops::Range<usize>> {
    Some(byte_at(text, span.line, span.column)?..byte_at(text, span.end_line, span.end_column)?)
}

/// The change that writes `value` in place of the one-line scalar at `span`,
/// inside its quotes when it is quoted; `None` when the span is not one line.
pub fn replace_scalar(text: &str, span: Span, value: &str) -> Option<(Change, u32)> {
    if span.line != span.end_line {
        return None;
    }
    let std::ops::Range { start, end } = bytes_of(text, span)?;
    let found = text.get(start..end)?;
    let quoted = |q: char| found.len() >= 2 && found.starts_with(q) && found.ends_with(q);
    let change = if quoted('"') {
        Change {
            start: start + 1,
            end: end - 1,
            text: escaped(value),
        }
    } else if quoted('\'') {
        Change {
            start: start + 1,
            end: end - 1,
            text: value.replace('\'', "''"),
        }
    } else {
        Change {
            start,
            end,
            text: plain(value),
        }
    };
    Some((change, span.line))
}

/// `value` as a YAML plain scalar when it reads back as the same string,
/// else double-quoted.
fn plain(value: &str) -> String {
    let risky = value.is_empty()
        || value.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@` ".contains(c))
        || value.ends_with(' ')
        || value.contains(": ")
        || value.contains(" #")
        || value.contains(['\n', '\r', '\t'])
        || matches!(
            value.to_ascii_lowercase().as_str(),
            "null" | "~" | "true" | "false" | "yes" | "no" | "on" | "off"
        );
    if risky {
        format!("\"{}\"", escaped(value))
    } else {
        value.to_owned()
    }
}

/// `value` escaped for the inside of a YAML double-quoted scalar.
fn escaped(value: &str) -> String {
    value.replace('\\', "\\\\").replace('"', "\\\"")
}

/// The file's line ending, as its first line ends.
pub(super) fn eol_of(text: &str) -> &'static str {
    if text.split('\n').next().is_some_and(|l| l.ends_with('\r')) {
        "\r\n"
    } else {
        "\n"
    }
}

/// The change that adds `key: value` as the frontmatter's last line, with
/// the file's own line ending, and the 1-based line it lands on.
pub fn append_field(text: &str, key: &str, value: &str) -> Option<(Change, u32)> {
    append_lines(text, &[&format!("{key}: {}", plain(value))])
}

/// The change that adds `lines` (each written as given) as the
/// frontmatter's last lines, with the file's own line ending, and the
/// 1-based line the first lands on.
pub(super) fn append_lines(text: &str, lines: &[&str]) -> Option<(Change, u32)> {
    let bom = bom_len(text);
    let fm = split_frontmatter(&text[bom..]).ok()?;
    let at = bom + fm.yaml.end;
    let eol = eol_of(text);
    let line = text[bom..at].matches('\n').count() + 1;
    Some((
        Change {
            start: at,
            end: at,
            text: lines.iter().map(|l| format!("{l}{eol}")).collect(),
        },
        u32::try_from(line).unwrap_or(u32::MAX),
    ))
}

/// The change that checks (`met`) or clears the task-list box of the list
/// item that starts on 1-based `line`: `- [ ]`, `* [x]`, `1. [X]`, inside
/// a quote too. An `x` already there stays as written when ticking.
pub fn checkbox(text: &str, line: u32, met: bool) -> Option<Change> {
    let start = byte_at(text, line, 1)?;
    let rest = &text[start..];
    let end = rest.find('\n').unwrap_or(rest.len());
    let bytes = &rest.as_bytes()[..end];
    let mut i = 0;
    let skip_space = |i: &mut usize| {
        while *i < bytes.len() && (bytes[*i] == b' ' || bytes[*i] == b'\t') {
            *i += 1;
        }
    };
    skip_space(&mut i);
    while i < bytes.len() && bytes[i] == b'>' {
        i += 1;
        skip_space(&mut i);
    }
    if i < bytes.len() && matches!(bytes[i], b'-' | b'*' | b'+') {
        i += 1;
    } else {
        let digits = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        if digits == 0 || !matches!(bytes.get(i + digits), Some(b'.' | b')')) {
            return None;
        }
        i += digits + 1;
    }
    skip_space(&mut i);
    if bytes.get(i) != Some(&b'[') || bytes.get(i + 2) != Some(&b']') {
        return None;
    }
    let mark = bytes[i + 1];
    if !matches!(mark, b' ' | b'x' | b'X') {
        return None;
    }
    let already = (mark != b' ') == met;
    let at = start + i + 1;
    Some(Change {
        start: at,
        end: at + 1,
        text: if already {
            (mark as char).to_string()
        } else if met {
            "x".to_owned()
        } else {
            " ".to_owned()
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::apply;

    #[test]
    fn positions_skip_the_byte_order_mark_and_count_characters() {
        let text = "\u{feff}a: é b\r\nc: d\r\n";
        assert_eq!(byte_at(text, 1, 1), Some(3));
        assert_eq!(&text[byte_at(text, 1, 6).expect("in range")..][..1], "b");
        assert_eq!(&text[byte_at(text, 2, 4).expect("in range")..][..1], "d");
        assert_eq!(byte_at(text, 9, 1), None);
    }

    #[test]
    fn boxes_are_found_after_any_bullet() {
        for (line, met, want) in [
            ("- [ ] a\n", true, "- [x] a\n"),
            ("  * [X] a\n", false, "  * [ ] a\n"),
            ("1. [ ] a\n", true, "1. [x] a\n"),
            ("> - [ ] a\n", true, "> - [x] a\n"),
            ("- [X] a\n", true, "- [X] a\n"),
        ] {
            let change = checkbox(line, 1, met).expect("a box");
            assert_eq!(apply(line, &[change]), want);
        }
        assert!(checkbox("- a\n", 1, true).is_none());
        assert!(checkbox("text [ ]\n", 1, true).is_none());
    }

    #[test]
    fn values_that_would_read_differently_are_quoted() {
        assert_eq!(plain("done"), "done");
        assert_eq!(plain("on hold"), "on hold");
        assert_eq!(plain("yes"), "\"yes\"");
        assert_eq!(plain("a: b"), "\"a: b\"");
        assert_eq!(plain("@ana"), "\"@ana\"");
    }
}
