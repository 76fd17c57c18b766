//! Positions in the editor's terms: LSP counts lines from 0 and columns in
//! UTF-16 code units; goalpost counts both from 1, columns in characters.

use lsp_types::{Position, Range, TextDocumentContentChangeEvent};

use crate::syntax::Span;

/// A text's lines indexed once, in both counts: the editor's (LSP ends a
/// line at `\n`, `\r\n` or a lone `\r`) and goalpost's (its positions
/// count `\n` only, as `check` prints them). Converting many positions
/// costs one scan of the text, not one per position.
pub struct Lines<'a> {
    text: &'a str,
    /// Where each editor line starts, and where its content ends (before
    /// its line break).
    editor: Vec<(usize, usize)>,
    /// Where each of goalpost's lines starts.
    goalpost: Vec<usize>,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let mut editor = Vec::new();
        let mut goalpost = vec![0];
        let mut start = 0;
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => {
                    editor.push((start, i));
                    goalpost.push(i + 1);
                    start = i + 1;
                }
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                    editor.push((start, i));
                    goalpost.push(i + 2);
                    start = i + 2;
                    i += 1;
                }
                b'\r' => {
                    editor.push((start, i));
                    start = i + 1;
                }
                _ => {}
            }
            i += 1;
        }
        editor.push((start, bytes.len()));
        Lines {
            text,
            editor,
            goalpost,
        }
    }

    /// The text the lines index.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// A byte range as an LSP range.
    pub fn byte_range(&self, bytes: std::ops::Range<usize>) -> Range {
        Range {
            start: self.position(bytes.start),
            end: self.position(bytes.end),
        }
    }

    /// The byte offset of an LSP position; a column past the line's end is
    /// its end, a line past the text's end is the text's end (as LSP asks).
    pub fn offset(&self, position: Position) -> usize {
        let Some(&(start, end)) = self.editor.get(position.line as usize) else {
            return self.text.len();
        };
        let mut units = 0u32;
        for (i, c) in self.text[start..end].char_indices() {
            if units >= position.character {
                return start + i;
            }
            units += c.len_utf16() as u32;
        }
        end
    }

    /// The LSP position of a byte offset.
    pub fn position(&self, offset: usize) -> Position {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let line = self.editor.partition_point(|&(start, _)| start <= offset) - 1;
        let (start, end) = self.editor[line];
        // Inside a line break (between `\r` and `\n`) is its start.
        let offset = offset.min(end);
        let character = self.text[start..offset]
            .chars()
            .map(|c| c.len_utf16() as u32)
            .sum();
        Position {
            line: line as u32,
            character,
        }
    }

    /// The byte offset of goalpost's 1-based line and character column.
    /// `bom`: the text starts with a byte-order mark that goalpost's
    /// columns do not count.
    fn goalpost_offset(&self, line: u32, column: u32, bom: bool) -> usize {
        let index = line.saturating_sub(1) as usize;
        let Some(&start) = self.goalpost.get(index) else {
            return self.text.len();
        };
        let end = self
            .goalpost
            .get(index + 1)
            .map_or(self.text.len(), |&next| next);
        let content = self.text[start..end].trim_end_matches(['\n', '\r']);
        let skip = if bom && index == 0 {
            content
                .strip_prefix('\u{feff}')
                .map_or(0, |_| '\u{feff}'.len_utf8())
        } else {
            0
        };
        let content = &content[skip..];
        let chars = column.saturating_sub(1) as usize;
        start
            + skip
            + content
                .char_indices()
                .nth(chars)
                .map_or(content.len(), |(i, _)| i)
    }

    /// A goalpost span (1-based lines, 1-based character columns, end
    /// exclusive) as an LSP range.
    pub fn range(&self, span: Span, bom: bool) -> Range {
        Range {
            start: self.position(self.goalpost_offset(span.line, span.column, bom)),
            end: self.position(self.goalpost_offset(span.end_line, span.end_column, bom)),
        }
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Applies one change from `didChange`: a range replaced, or (without a
/// range) the whole text.
pub fn apply(text: &mut String, change: TextDocumentContentChangeEvent) {
    match change.range {
        Some(range) => {
            let lines = Lines::new(text);
            let start = lines.offset(range.start);
            let end = lines.offset(range.end).max(start);
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
        let lines = Lines::new(text);
        let r = lines.range(span, false);
        assert_eq!(r.start, pos(1, 11));
        assert_eq!(r.end, pos(1, 14));
        assert_eq!(lines.offset(r.start), text.find("bob").expect("present"));
        assert_eq!(
            lines.position(text.find("bob").expect("present")),
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
        let r = Lines::new(text).range(span, true);
        assert_eq!(r.start, pos(0, 1));
        assert_eq!(r.end, pos(0, 4));
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

    #[test]
    fn a_lone_cr_ends_a_line_for_the_editor_but_not_for_goalpost() {
        // The editor sees four lines; goalpost's count (check's) sees three.
        let text = "a\rb\r\nc🚀d\ne";
        let lines = Lines::new(text);
        assert_eq!(lines.position(text.find('b').expect("b")), pos(1, 0));
        assert_eq!(lines.position(text.find('d').expect("d")), pos(2, 3));
        assert_eq!(lines.position(text.find('e').expect("e")), pos(3, 0));
        // Inside `\r\n` is the end of the line before it.
        assert_eq!(lines.position(text.find('\n').expect("lf")), pos(1, 1));
        assert_eq!(lines.offset(pos(1, 0)), text.find('b').expect("b"));
        assert_eq!(lines.offset(pos(1, 9)), text.find('\r').expect("cr") + 2);
        // goalpost's line 1 is `a\rb`: column 3 is `b`, on the editor's line 1.
        let span = Span {
            line: 1,
            column: 3,
            end_line: 2,
            end_column: 3,
        };
        assert_eq!(lines.range(span, false).start, pos(1, 0));
        assert_eq!(lines.range(span, false).end, pos(2, 3));
    }

    #[test]
    fn an_edit_after_a_lone_cr_lands_where_the_editor_put_it() {
        let mut text = "---\rid: x\n".to_owned();
        apply(
            &mut text,
            TextDocumentContentChangeEvent {
                range: Some(Range {
                    start: pos(1, 4),
                    end: pos(1, 5),
                }),
                range_length: None,
                text: "y".into(),
            },
        );
        assert_eq!(text, "---\rid: y\n");
    }
}
