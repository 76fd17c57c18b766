//! A document's text and the arithmetic from byte offsets to lines and columns.

use std::sync::OnceLock;

use super::Span;

/// The text of one file, without its byte-order mark, with an index of lines
/// made when a position is first asked for (a document read from the cache
/// may never need one).
#[derive(Clone, Debug)]
pub struct Source {
    text: String,
    line_starts: OnceLock<Vec<usize>>,
}

impl Source {
    /// Wraps decoded text, dropping a UTF-8 byte-order mark.
    pub fn new(mut text: String) -> Self {
        if text.starts_with('\u{feff}') {
            text.drain(..'\u{feff}'.len_utf8());
        }
        Self {
            text,
            line_starts: OnceLock::new(),
        }
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(memchr::memchr_iter(b'\n', self.text.as_bytes()).map(|i| i + 1))
                .collect()
        })
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The 1-based line and character column of a byte offset.
    pub fn line_col(&self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts().partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts()[line];
        let column = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (to_u32(line + 1), to_u32(column + 1))
    }

    /// The span covering the bytes `start..end`.
    pub fn span(&self, start: usize, end: usize) -> Span {
        let (line, column) = self.line_col(start);
        let (end_line, end_column) = self.line_col(end.max(start));
        Span {
            line,
            column,
            end_line,
            end_column,
        }
    }

    /// The span of a whole 1-based line, without its line ending.
    pub fn line_span(&self, line: u32) -> Span {
        let len = self.line(line).map_or(0, |l| l.chars().count());
        Span {
            line,
            column: 1,
            end_line: line,
            end_column: to_u32(len + 1),
        }
    }

    /// The text of a 1-based line, without its line ending.
    pub fn line(&self, line: u32) -> Option<&str> {
        let idx = usize::try_from(line).ok()?.checked_sub(1)?;
        let start = *self.line_starts().get(idx)?;
        let end = self
            .line_starts()
            .get(idx + 1)
            .copied()
            .unwrap_or(self.text.len());
        Some(self.text[start..end].trim_end_matches(['\n', '\r']))
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_is_dropped_and_columns_count_characters() {
        let src = Source::new("\u{feff}---\né: x\n".to_owned());
        assert!(src.text().starts_with("---"));
        let off = src.text().find('x').expect("x");
        assert_eq!(src.line_col(off), (2, 4));
        assert_eq!(src.line(2), Some("é: x"));
    }
}
