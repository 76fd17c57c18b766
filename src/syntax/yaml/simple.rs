//! The common frontmatter, read without the general parser.
//!
//! Nearly every frontmatter is a column of `key: value` lines with plain,
//! one-line values (EIPs: 932 of 949 files). The general parser spends
//! ~25 µs on each, as much as reading the whole markdown body; this reads
//! that shape directly, with one level of `key: value` lines indented under
//! a key with no value (an update's `measures:`), and gives up (`None`) on
//! anything else — quotes, block lists, comments, deeper indentation, tabs,
//! CRLF, values YAML would read as anything but a string, a plain integer
//! or a plain decimal — which then goes to
//! serde-saphyr. Whatever this accepts, it reads exactly as serde-saphyr
//! does, positions included (a property test holds it to that).

use super::{Key, Mark, Node, Value};

/// Lines past this go to the general parser (and its budgets).
const MAX_LINES: usize = 1_000;

/// The mapping `text` holds, if it has the simple shape.
pub(super) fn parse(text: &str) -> Option<Node> {
    let mut entries: Vec<(Key, Node)> = Vec::new();
    // The indentation of the block mapping being read under the last
    // entry (`measures:` then `  fcr: 64.5` lines), once it has begun.
    let mut nested: Option<usize> = None;
    let mut offset = 0;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += line.len();
        let line = line.strip_suffix('\n').unwrap_or(line);
        if line.is_empty() {
            // A blank line between entries; not before the first (the
            // mapping's own position would move). It ends a nested block:
            // an indented line after it goes to the general parser.
            if index == 0 {
                return None;
            }
            nested = None;
            continue;
        }
        if index >= MAX_LINES {
            return None;
        }
        let number = u32::try_from(index + 1).ok()?;
        let indent = line.len() - line.trim_start_matches(' ').len();
        if indent == 0 {
            nested = None;
            entries.push(entry(line, 0, start, number)?);
            continue;
        }
        // An indented line: an entry of a block mapping under the last
        // entry, which has no value of its own (or already holds entries
        // at this very indentation).
        let (_, parent) = entries.last_mut()?;
        match (nested, &mut parent.value) {
            (None, Value::Null) if parent.mark.line + 1 == number => {
                let (key, node) = entry(line, indent, start, number)?;
                parent.mark = Mark {
                    byte_len: 0,
                    ..key.mark
                };
                parent.value = Value::Map(vec![(key, node)]);
                nested = Some(indent);
            }
            (Some(at), Value::Map(items)) if at == indent => {
                items.push(entry(line, indent, start, number)?);
            }
            _ => return None,
        }
    }
    if entries.is_empty() {
        return None;
    }
    Some(Node {
        value: Value::Map(entries),
        mark: Mark {
            line: 1,
            column: 1,
            byte_start: 0,
            byte_len: 0,
        },
    })
}

/// One `key: value` line starting at byte `start`, on 1-based line `line`,
/// its key `indent` spaces in (an entry of a nested block, whose key may
/// also hold `/` and `.`: `support/fcr`).
fn entry(text: &str, indent: usize, start: usize, line: u32) -> Option<(Key, Node)> {
    let colon = text.find(':')?;
    let name = &text[indent..colon];
    if !is_key(name, indent > 0) {
        return None;
    }
    let key = Key {
        name: name.to_owned(),
        mark: mark(text, line, indent, start, colon - indent),
    };
    let rest = &text[colon + 1..];
    if rest.is_empty() {
        // A nested entry with no value would be a deeper block.
        if indent > 0 {
            return None;
        }
        let node = Node {
            value: Value::Null,
            mark: mark(text, line, colon, start, 0),
        };
        return Some((key, node));
    }
    let spaces = rest.len() - rest.trim_start_matches(' ').len();
    let raw = rest[spaces..].trim_end_matches(' ');
    if spaces == 0 || raw.is_empty() {
        return None;
    }
    let at = colon + 1 + spaces;
    let node = match raw.strip_prefix('[') {
        Some(inner) => Node {
            value: Value::Seq(flow(text, inner.strip_suffix(']')?, at + 1, start, line)?),
            mark: mark(text, line, at, start, 1),
        },
        None => Node {
            value: scalar(raw)?,
            mark: mark(text, line, at, start, raw.len()),
        },
    };
    Some((key, node))
}

/// The items of a one-line flow list `[a, b]` of plain values, `inner`
/// being what lies between the brackets, `at` bytes into the line.
fn flow(text: &str, inner: &str, at: usize, start: usize, line: u32) -> Option<Vec<Node>> {
    if inner.is_empty() {
        return Some(Vec::new());
    }
    let mut items = Vec::new();
    let mut offset = at;
    for item in inner.split(',') {
        let lead = item.len() - item.trim_start_matches(' ').len();
        let raw = item.trim_matches(' ');
        if raw.is_empty() || raw.contains(['[', ']', '{', '}', ':', '#']) {
            return None;
        }
        items.push(Node {
            value: scalar(raw)?,
            mark: mark(text, line, offset + lead, start, raw.len()),
        });
        offset += item.len() + 1;
    }
    Some(items)
}

/// The position `byte_len` long, `at` bytes into the line `text`, which
/// starts at byte `start` of the frontmatter.
fn mark(text: &str, line: u32, at: usize, start: usize, byte_len: usize) -> Mark {
    let column = text.get(..at).map_or(at, |before| before.chars().count());
    Mark {
        line,
        column: u32::try_from(column + 1).unwrap_or(u32::MAX),
        byte_start: start + at,
        byte_len,
    }
}

fn is_key(name: &str, nested: bool) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| {
            c.is_ascii_alphanumeric() || c == '_' || c == '-' || (nested && matches!(c, '/' | '.'))
        })
        && !is_special_word(name)
}

/// Words YAML (or a float parser) may read as something other than text.
fn is_special_word(word: &str) -> bool {
    const WORDS: &[&str] = &[
        "null", "true", "false", "yes", "no", "on", "off", "y", "n", "inf", "infinity", "nan",
    ];
    WORDS.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// A one-line plain value as YAML reads it, when that is certain: a string,
/// or a plain decimal integer.
fn scalar(raw: &str) -> Option<Value> {
    let first = raw.chars().next()?;
    if "-?:,[]{}#&*!|>'\"%@`.+~".contains(first)
        || raw.contains(": ")
        || raw.contains(" #")
        || raw.ends_with(':')
        || raw.chars().any(is_unsafe_char)
        || is_special_word(raw)
    {
        return None;
    }
    if !first.is_ascii_digit() {
        return Some(Value::Str(raw.to_owned()));
    }
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if digits(raw) && (raw == "0" || !raw.starts_with('0')) && raw.len() <= 18 {
        return raw.parse().ok().map(Value::Int);
    }
    // A plain decimal (`64.5`, `0.25`), as a float; its text stays in the
    // source for readers that need it exactly.
    if let Some((whole, fraction)) = raw.split_once('.')
        && digits(whole)
        && digits(fraction)
        && (whole == "0" || !whole.starts_with('0'))
        && raw.len() <= 17
    {
        return raw.parse().ok().map(Value::Float);
    }
    // A date, and a list of numbers written as text (`requires: 20, 165`).
    let is_date =
        raw.len() == 10 && raw.split('-').map(str::len).eq([4, 2, 2]) && raw.split('-').all(digits);
    let is_numbers = raw.contains(',') && raw.split(',').all(|n| digits(n.trim_start_matches(' ')));
    (is_date || is_numbers).then(|| Value::Str(raw.to_owned()))
}

/// Characters that end, break or are not allowed in a plain scalar.
fn is_unsafe_char(c: char) -> bool {
    c.is_control() || matches!(c, '\u{feff}' | '\u{2028}' | '\u{2029}')
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn general(text: &str) -> Option<Node> {
        super::super::parse_general(text).ok()
    }

    #[test]
    fn the_common_shape_reads_as_the_general_parser_reads_it() {
        let texts = [
            "eip: 145\ntitle: Bitwise shifting é instructions\nauthor: Alex <a@b.c>, Nick (@nick)\ncreated: 2017-02-13\nrequires: 20, 165\n",
            "a: b\n\nc: d",
            "a:\nb: c\n",
            "a: b  \nc:  d\n",
            "status: Last Call\nlast-call-deadline: 2026-01-01\n",
            "title: Use https://example.org/x?y=1\n",
            "id: BACK-4.1\nx: 0\n",
            "a: b\na: c\n",
            "projects: [search, é-2]\ncontributors: []\nb: [ 1, 2 ]\n",
            "a: [x]\n",
            "a: 64.5\nb: 0.25\nc: 10.0\n",
            "author: ana\nmeasures:\n  fcr: 64.5\n  support/csat: 4\n  b.c: x\nnext: 1\n",
            "measures:\n    a: 1\n    b: 2\n",
            "measures:\n  a: 1\n\nb: 2\n",
            "a:\n  b/: 1\n",
        ];
        for text in texts {
            let fast = parse(text).unwrap_or_else(|| panic!("not simple: {text:?}"));
            assert_eq!(Some(fast), general(text), "{text:?}");
        }
    }

    #[test]
    fn anything_else_goes_to_the_general_parser() {
        let texts = [
            "# comment\na: b\n",
            "\na: b\n",
            "a: 'b'\n",
            "a: \"b\"\n",
            "a:\n  - b\n",
            "a: b # c\n",
            "a: b\r\n",
            "a:\tb\n",
            "a: null\n",
            "a: True\n",
            "a: .inf\n",
            "a: 1.5.1\n",
            "a: 01.5\n",
            "a: 1.\n",
            "a: .5\n",
            "a:\n  b: 1\n   c: 2\n",
            "a:\n  b: 1\n c: 2\n",
            "a:\n  b:\n",
            "a:\n  - b\n",
            "a: 1\n  b: 2\n",
            "a:\n\n  b: 2\n",
            "a:\n  b: 1\n\n  c: 2\n",
            "a:\n  /b: 1\n",
            "a:\n  b: {value: 1}\n",
            "a: 0012\n",
            "a: 0x1F\n",
            "a: 1e3\n",
            "a: -1\n",
            "a: @b\n",
            "a: b: c\n",
            "a:b\n",
            "a:  \n",
            "a b: c\n",
            "yes: c\n",
            "a: 99999999999999999999\n",
            "a: [b, [c]]\n",
            "a: [b, ]\n",
            "a: [ ]\n",
            "a: [b: c]\n",
            "a: [b\n",
            "a: ['b']\n",
        ];
        for text in texts {
            assert_eq!(parse(text), None, "{text:?}");
        }
    }

    fn line() -> impl Strategy<Value = String> {
        let key = "( {0,3})[a-zA-Z_][a-zA-Z0-9_./-]{0,6}";
        let plain = "[a-zA-Z0-9 :,#.@<>()=/+~'\"é🚀-]{0,12}";
        let list = prop::collection::vec("[a-zA-Z0-9 :#.@é\\[\\]-]{0,5}", 0..4)
            .prop_map(|items| format!("[{}]", items.join(",")));
        let value = prop_oneof![plain, list];
        (key, prop_oneof![Just(": "), Just(":"), Just(":  ")], value)
            .prop_map(|(k, sep, v)| format!("{k}{sep}{v}"))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// Whatever the fast reading accepts, it reads exactly as
        /// serde-saphyr does: values, types and every position.
        #[test]
        fn the_fast_reading_never_differs(lines in prop::collection::vec(line(), 1..6), blank in any::<bool>()) {
            let text = lines.join(if blank { "\n\n" } else { "\n" });
            if let Some(fast) = parse(&text) {
                prop_assert_eq!(Some(fast), general(&text), "{:?}", text);
            }
        }
    }
}
