//! Parser messages in the words of the YAML a person wrote, not of the
//! library that read it: no Rust escapes, type names or budget internals.

use super::{MAX_ALIASES, MAX_ANCHORS, MAX_DEPTH, MAX_NODES, Mark, SyntaxError};

/// The error of parsing `text`, with a message a person can act on and
/// the parser's position, as a byte offset into `text` too (the parser often
/// gives only a line and a column).
pub(super) fn syntax_error(err: &serde_saphyr::Error, text: &str) -> SyntaxError {
    let mark = err.location().filter(|loc| loc.line() > 0).map(|loc| {
        let mut mark = Mark::from_location(loc);
        if loc.span().byte_offset().is_none() {
            mark.byte_start = byte_offset(text, mark.line, mark.column);
            mark.byte_len = 0;
        }
        mark
    });
    if let Some(message) = own_message(err) {
        return SyntaxError { message, mark };
    }
    let rendered = err.without_snippet().to_string();
    // The library appends the position; positions are reported separately.
    let message = rendered
        .lines()
        .next()
        .unwrap_or("invalid YAML")
        .trim()
        .trim_end_matches('.')
        .to_owned();
    let message = strip_location_suffix(&message);
    let message = readable_character(&message)
        .or_else(|| readable_library_message(&message))
        .unwrap_or(message);
    // The scanner names a tab it found but points where the value began:
    // point at the tab instead, which is what has to change.
    let mark = match mark {
        Some(mut m) if message.contains("tab") => {
            let from = text
                .get(..m.byte_start)
                .and_then(|before| before.rfind('\n'))
                .map_or(0, |nl| nl + 1);
            if let Some(tab) = text.get(from..).and_then(|rest| rest.find('\t')) {
                let at = from + tab;
                let before = &text[..at];
                m.line = u32::try_from(before.matches('\n').count() + 1).unwrap_or(m.line);
                let line_start = before.rfind('\n').map_or(0, |i| i + 1);
                m.column = u32::try_from(before[line_start..].chars().count() + 1).unwrap_or(1);
                m.byte_start = at;
                m.byte_len = 1;
            }
            Some(m)
        }
        other => other,
    };
    SyntaxError { message, mark }
}

/// The byte offset of a 1-based line and character column in `text`,
/// clamped to the end of that line (and of the text).
fn byte_offset(text: &str, line: u32, column: u32) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match text[start..].find('\n') {
            Some(nl) => start += nl + 1,
            None => return text.len(),
        }
    }
    let rest = &text[start..];
    let line_text = rest.split('\n').next().unwrap_or(rest);
    let column = usize::try_from(column.max(1) - 1).unwrap_or(0);
    start
        + line_text
            .char_indices()
            .nth(column)
            .map_or(line_text.len(), |(i, _)| i)
}

/// Messages that name the library's types or limits rather than the YAML.
fn readable_library_message(message: &str) -> Option<String> {
    Some(match message {
        "invalid u64" | "invalid i64" | "invalid u128" | "invalid i128" => {
            "a value tagged `!!int` is not a whole number".to_owned()
        }
        "invalid f64" | "invalid f32" => "a value tagged `!!float` is not a number".to_owned(),
        "invalid bool" => "a value tagged `!!bool` is not `true` or `false`".to_owned(),
        "recursion limit exceeded" => format!("nested more than {MAX_DEPTH} levels deep"),
        _ => return None,
    })
}

/// The scanner names a bad character in Rust escapes and mismatched quotes
/// (``unexpected character: `\u{b}'``); name it as a person would.
fn readable_character(message: &str) -> Option<String> {
    let escaped = message
        .strip_prefix("unexpected character: `")?
        .strip_suffix('\'')?;
    let c = match escaped {
        "\\t" => '\t',
        "\\r" => '\r',
        "\\n" => '\n',
        "\\'" => '\'',
        "\\\"" => '"',
        "\\\\" => '\\',
        _ => match escaped
            .strip_prefix("\\u{")
            .and_then(|s| s.strip_suffix('}'))
        {
            Some(hex) => char::from_u32(u32::from_str_radix(hex, 16).ok()?)?,
            None => {
                let mut chars = escaped.chars();
                let c = chars.next()?;
                if chars.next().is_some() {
                    return None;
                }
                c
            }
        },
    };
    let code = format!("U+{:04X}", u32::from(c));
    Some(match c {
        '\t' => "unexpected tab character".to_owned(),
        '`' => "unexpected backtick; put the value in quotes".to_owned(),
        '@' => {
            "a plain value cannot start with `@`; put the value in quotes (`\"@name\"`)".to_owned()
        }
        c if c.is_control() => format!("unexpected control character {code}"),
        c if c.is_whitespace() || c == '\u{feff}' => {
            format!("unexpected invisible character {code}")
        }
        c => format!("unexpected character `{c}`"),
    })
}

/// A message of our own where the library's would show its internals: a
/// breached budget as `Debug` (`budget breached: Depth { depth: 33 }`), or
/// advice about its own options.
fn own_message(err: &serde_saphyr::Error) -> Option<String> {
    use serde_saphyr::Error;
    use serde_saphyr::budget::BudgetBreach;

    let mut err = err;
    while let Error::AliasError { error, .. } | Error::WithSnippet { error, .. } = err {
        err = error;
    }
    Some(match err {
        Error::Budget { breach, .. } => match breach {
            BudgetBreach::Depth { .. } => format!("nested more than {MAX_DEPTH} levels deep"),
            BudgetBreach::Documents { .. } => {
                "a second YAML document starts here; a line beginning with `---` ends the first"
                    .to_owned()
            }
            BudgetBreach::Aliases { .. } => format!("more than {MAX_ALIASES} aliases (`*name`)"),
            BudgetBreach::Anchors { .. } => format!("more than {MAX_ANCHORS} anchors (`&name`)"),
            BudgetBreach::Nodes { .. } => format!("more than {MAX_NODES} values"),
            _ => "too large once its aliases are expanded".to_owned(),
        },
        Error::BinaryNotUtf8 { .. } => "this `!!binary` value is not UTF-8 text".to_owned(),
        _ => return None,
    })
}

fn strip_location_suffix(message: &str) -> String {
    for marker in [" at line ", " at ", ", line "] {
        if let Some(idx) = message.rfind(marker) {
            let tail = &message[idx + marker.len()..];
            if tail.starts_with(|c: char| c.is_ascii_digit()) || tail.starts_with("line ") {
                return message[..idx].to_owned();
            }
        }
    }
    message.to_owned()
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use super::*;

    #[test]
    fn byte_offsets_of_lines_and_columns() {
        let text = "a: 1\nbé: [x\n";
        assert_eq!(byte_offset(text, 1, 1), 0);
        assert_eq!(byte_offset(text, 2, 1), 5);
        assert_eq!(byte_offset(text, 2, 4), 9);
        assert_eq!(byte_offset(text, 2, 99), 12);
        assert_eq!(byte_offset(text, 9, 1), text.len());
    }

    #[test]
    fn bad_characters_are_named_readably() {
        let message = |text: &str| parse(text).expect_err("bad character").message;
        assert_eq!(
            message("a: b\u{b}c\n"),
            "unexpected control character U+000B"
        );
        assert_eq!(
            readable_character("unexpected character: `%'").as_deref(),
            Some("unexpected character `%`")
        );
        assert_eq!(
            message("assignee: @alice\n"),
            "a plain value cannot start with `@`; put the value in quotes (`\"@name\"`)"
        );
        assert_eq!(
            readable_character("unexpected character: `\\u{a0}'").as_deref(),
            Some("unexpected invisible character U+00A0")
        );
        assert_eq!(readable_character("illegal placement"), None);
    }
}
