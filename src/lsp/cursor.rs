//! What the cursor is on in a document's frontmatter: which field's value,
//! and the word there. Completion, hover and go-to-definition all ask this
//! of the text as it is being typed, which may not parse as YAML yet.

use std::ops::Range;

/// The field whose value holds the cursor, and the word under it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cursor {
    /// The field's key, as written (`projects`, `owner`, …).
    pub key: String,
    /// The word the cursor is in or after: letters, digits, `-`, `_`, `.`.
    pub word: String,
    /// Byte range of that word in the text.
    pub range: Range<usize>,
    /// The part of the word before the cursor: what completion filters on.
    pub prefix: String,
}

/// Byte range of the frontmatter's lines, between the `---` fences (the
/// closing fence may not be typed yet).
fn frontmatter(text: &str) -> Option<Range<usize>> {
    let text_start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let first_end = text[text_start..].find('\n')? + text_start + 1;
    if text[text_start..first_end].trim_end() != "---" {
        return None;
    }
    let mut at = first_end;
    for line in text[first_end..].split_inclusive('\n') {
        let bare = line.trim_end();
        if bare == "---" || bare == "..." {
            return Some(first_end..at);
        }
        at += line.len();
    }
    Some(first_end..text.len())
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '@')
}

/// The cursor at a byte offset, when it is in a field's value.
pub fn at(text: &str, offset: usize) -> Option<Cursor> {
    let fm = frontmatter(text)?;
    if !(fm.start..=fm.end).contains(&offset) {
        return None;
    }
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let line = &text[line_start..line_end];
    let column = offset - line_start;
    let key = key_of(text, fm.start, line_start, line, column)?;
    // The word around the cursor.
    let before = &line[..column];
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word(*c))
        .last()
        .map_or(column, |(i, _)| i);
    let end = line[column..]
        .char_indices()
        .find(|(_, c)| !is_word(*c))
        .map_or(line.len(), |(i, _)| column + i);
    Some(Cursor {
        key,
        prefix: line[start..column].to_owned(),
        word: line[start..end].to_owned(),
        range: line_start + start..line_start + end,
    })
}

/// The cursor on the key of an entry of the block mapping under the
/// top-level field `parent` (`measures:\n  fc|r: 64`, or a key being typed
/// with no colon yet): its `key` is `parent`, its word the entry's key,
/// which may hold `/` (`project/id`).
pub fn entry_key_at(text: &str, offset: usize, parent: &str) -> Option<Cursor> {
    let fm = frontmatter(text)?;
    if !(fm.start..=fm.end).contains(&offset) {
        return None;
    }
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let line = text[line_start..line_end].trim_end_matches('\r');
    let column = offset - line_start;
    let indent = line.len() - line.trim_start().len();
    let body = line.trim_start();
    if indent == 0 || body.starts_with(['-', '#', '{', '[']) {
        return None;
    }
    let is_key = |c: char| is_word(c) || c == '/';
    let key_end = indent + body.find(|c: char| !is_key(c)).unwrap_or(body.len());
    if !(indent..=key_end).contains(&column) || column > line.len() {
        return None;
    }
    // What follows the key must be nothing yet, or its colon.
    let rest = line[key_end..].trim_start();
    if !(rest.is_empty() || rest.starts_with(':')) {
        return None;
    }
    // The nearest line above with less indentation is `parent:`, alone.
    for prior in text[fm.start..line_start].lines().rev() {
        let prior_indent = prior.len() - prior.trim_start().len();
        let prior_body = prior.trim();
        if prior_body.is_empty() || prior_body.starts_with('#') || prior_indent >= indent {
            continue;
        }
        let colon = key_colon(prior_body)?;
        let value = prior_body[colon + 1..].trim_start();
        let holds = prior_indent == 0
            && prior_body[..colon].trim() == parent
            && (value.is_empty() || value.starts_with('#'));
        return holds.then(|| Cursor {
            key: parent.to_owned(),
            word: line[indent..key_end].to_owned(),
            prefix: line[indent..column].to_owned(),
            range: line_start + indent..line_start + key_end,
        });
    }
    None
}

/// The key whose value the column of this line lies in: `key: value`,
/// `key: [a, b]`, or a `- item` under a `key:` line above.
fn key_of(
    text: &str,
    fm_start: usize,
    line_start: usize,
    line: &str,
    column: usize,
) -> Option<String> {
    let indent = line.len() - line.trim_start().len();
    let body = line.trim_start();
    if let Some(colon) = key_colon(body) {
        // On the key itself, nothing to offer.
        return (column > indent + colon).then(|| body[..colon].trim().to_owned());
    }
    if !body.starts_with('-') && !body.is_empty() {
        return None;
    }
    // A list item (or an empty line in a list): the nearest line above
    // with less indentation names the field.
    let above = &text[fm_start..line_start];
    for prior in above.lines().rev() {
        let prior_indent = prior.len() - prior.trim_start().len();
        let prior_body = prior.trim_start();
        if prior_body.is_empty() || prior_body.starts_with('#') {
            continue;
        }
        if prior_body.starts_with('-') && prior_indent >= indent {
            continue;
        }
        if prior_indent <= indent {
            let colon = key_colon(prior_body)?;
            return Some(prior_body[..colon].trim().to_owned());
        }
    }
    None
}

/// Where a `key:` ends, when the line opens with one.
fn key_colon(body: &str) -> Option<usize> {
    let colon = body.find(':')?;
    let key = &body[..colon];
    let plain = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ' '));
    (plain
        && body[colon + 1..]
            .chars()
            .next()
            .is_none_or(char::is_whitespace))
    .then_some(colon)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cursor(marked: &str) -> Option<Cursor> {
        let offset = marked.find('|').expect("a cursor mark");
        let text = marked.replacen('|', "", 1);
        at(&text, offset)
    }

    #[test]
    fn inline_values_flow_lists_and_block_lists() {
        let c = cursor("---\nstatus: act|\n---\n").expect("present");
        assert_eq!((c.key.as_str(), c.word.as_str()), ("status", "act"));
        let c = cursor("---\nprojects: [search-latency, on|]\n---\n").expect("present");
        assert_eq!((c.key.as_str(), c.word.as_str()), ("projects", "on"));
        let c = cursor("---\nauthor: bob\nprojects:\n  - sea|rch\n---\n").expect("present");
        assert_eq!((c.key.as_str(), c.word.as_str()), ("projects", "search"));
        let c = cursor("---\nprojects:\n- a\n- |\n").expect("present");
        assert_eq!((c.key.as_str(), c.word.as_str()), ("projects", ""));
        let c = cursor("---\nsupersedes: [00|03]\n---\n").expect("present");
        assert_eq!((c.key.as_str(), c.word.as_str()), ("supersedes", "0003"));
    }

    #[test]
    fn keys_of_a_mapping_under_a_field() {
        let entry = |marked: &str| {
            let offset = marked.find('|').expect("a cursor mark");
            entry_key_at(&marked.replacen('|', "", 1), offset, "measures")
                .map(|c| (c.word, c.prefix))
        };
        let words = |w: &str, p: &str| Some((w.to_owned(), p.to_owned()));
        assert_eq!(
            entry("---\nmeasures:\n  fc|r: 64\n---\n"),
            words("fcr", "fc")
        );
        assert_eq!(
            entry("---\nmeasures:\n  fcr: 1\n  sup|\n"),
            words("sup", "sup")
        );
        assert_eq!(
            entry("---\nmeasures:  # values\n  support/cs|at: 4\n---\n"),
            words("support/csat", "support/cs")
        );
        assert_eq!(entry("---\nmeasures:\n  |\n---\n"), words("", ""));
        // Not on the key, not under `measures:`, not an entry of it.
        assert_eq!(entry("---\nmeasures:\n  fcr: 6|4\n---\n"), None);
        assert_eq!(entry("---\nprojects:\n  fc|r\n---\n"), None);
        assert_eq!(entry("---\nmeasures:\n  csat:\n    val|ue: 4\n---\n"), None);
        assert_eq!(entry("---\nmeasures:\n- fc|r\n---\n"), None);
    }

    #[test]
    fn nothing_outside_values() {
        assert_eq!(cursor("---\nsta|tus: active\n---\n"), None);
        assert_eq!(cursor("---\nstatus: active\n---\n# Ti|tle\n"), None);
        assert_eq!(cursor("# No front|matter\n"), None);
    }
}
