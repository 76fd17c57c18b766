//! Positions in the editor's terms: LSP counts lines from 0 and columns in
//! UTF-16 code units; goalpost counts both from 1, columns in characters.

use lsp_types::{Position, Range, TextDocumentContentChangeEvent};

use crate::syntax::Span;

/// The text of a 0-based line, without its line ending (empty past the end).
pub fn line(text: &str, line: u32) -> &str {
    text.split('\n')
        .nth(line as usize)
        .unwrap_or("")
        .trim_end_matches('\r')
}

/// The byte offset of a 0-based line's start, or the end of the text.
fn line_start(text: &str, line: u32) -> usize {
    if line == 0 {
        return 0;
    }
    text.match_indices('\n')
        .nth(line as usize - 1)
        .map_or(text.len(), |(i, _)| i + 1)
}

/// The byte offset of an LSP position; a column past the line's end is its
/// end, a line past the text's end is the text's end (as LSP asks).
pub fn offset(text: &str, position: Position) -> usize {
    let start = line_start(text, position.line);
    let rest = &text[start..];
    let end = rest.find('\n').map_or(rest.len(), |i| i);
    let content = rest[..end].trim_end_matches('\r');
    let mut units = 0u32;
    for (i, c) in content.char_indices() {
        if units >= position.character {
            return start + i;
        }
        units += c.len_utf16() as u32;
    }
    start + content.len()
}

/// The LSP position of a byte offset.
pub fn position(text: &str, offset: usize) -> Position {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.matches('\n').count() as u32;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    let character = before[start..].chars().map(|c| c.len_utf16() as u32).sum();
    Position { line, character }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// A goalpost span (1-based lines, 1-based character columns, end
/// exclusive) as an LSP range. `bom` is whether the editor's text starts
/// with a byte-order mark that goalpost's positions do not count.
pub fn range(text: &str, span: Span, bom: bool) -> Range {
    let at = |line: u32, column: u32| {
        let line = line.saturating_sub(1);
        let content = self::line(text, line);
        let content = if bom && line == 0 {
            content.strip_prefix('\u{feff}').unwrap_or(content)
        } else {
            content
        };
        let mut character: u32 = content
            .chars()
            .take(column.saturating_sub(1) as usize)
            .map(|c| c.len_utf16() as u32)
            .sum();
        if bom && line == 0 {
            character += 1;
        }
        Position { line, character }
    };
    Range {
        start: at(span.line, span.column),
        end: at(span.end_line, span.end_column),
    }
}

/// Applies one change from `didChange`: a range replaced, or (without a
/// range) the whole text.
pub fn apply(text: &mut String, change: TextDocumentContentChangeEvent) {
    match change.range {
        Some(range) => {
            let start = offset(text, range.start);
            let end = offset(text, range.end).max(start);
            text.replace_range(start..end, &change.text);
        }
        None => *text = change.text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position { line, character }
    }

    #[test]
    fn columns_are_utf16_units() {
        // `é` is one unit, `🚀` two (a surrogate pair), both after the start.
        let text = "---\nowner: é🚀 bob\n";
        let span = Span {
            line: 2,
            column: 11,
            end_line: 2,
            end_column: 14,
        };
        let r = range(text, span, false);
        assert_eq!(r.start, pos(1, 11));
        assert_eq!(r.end, pos(1, 14));
        assert_eq!(offset(text, r.start), text.find("bob").expect("present"));
        assert_eq!(
            position(text, text.find("bob").expect("present")),
            pos(1, 11)
        );
    }

    #[test]
    fn a_byte_order_mark_is_one_unit_on_the_first_line() {
        let text = "\u{feff}---\nid: x\n";
        let span = Span {
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 4,
        };
        assert_eq!(range(text, span, true).start, pos(0, 1));
        assert_eq!(range(text, span, true).end, pos(0, 4));
    }

    #[test]
    fn changes_apply_by_range_and_past_the_end() {
        let mut text = "ab\r\ncd🚀\n".to_owned();
        apply(
            &mut text,
            TextDocumentContentChangeEvent {
                range: Some(Range {
                    start: pos(1, 2),
                    end: pos(1, 4),
                }),
                range_length: None,
                text: "x".into(),
            },
        );
        assert_eq!(text, "ab\r\ncdx\n");
        apply(
            &mut text,
            TextDocumentContentChangeEvent {
                range: Some(Range {
                    start: pos(0, 99),
                    end: pos(9, 0),
                }),
                range_length: None,
                text: "!".into(),
            },
        );
        assert_eq!(text, "ab!");
    }
}
