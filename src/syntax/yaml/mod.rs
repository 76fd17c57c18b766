//! Frontmatter YAML as a tree of nodes that remember where they came from.
//!
//! Validation needs the position of every key and value, several findings per
//! file (not just the first serde error) and duplicate keys reported with both
//! places. So the frontmatter is first read, through serde-saphyr's `Spanned`,
//! into this small tree; the document models are then built from it by hand.
//! serde-saphyr enforces the resource budgets (alias replay, depth, node
//! count) while parsing, so hostile input is rejected before it costs much.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Budget, DuplicateKeyPolicy, Location, Options, Spanned};

mod mapping;
mod message;
mod simple;

pub use mapping::{Entries, MappingProblem, mapping};

/// A position inside the YAML text: 1-based line and column (in characters)
/// plus the byte range, when known.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Mark {
    pub line: u32,
    pub column: u32,
    pub byte_start: usize,
    pub byte_len: usize,
}

impl Mark {
    pub(super) fn from_location(loc: Location) -> Self {
        let span = loc.span();
        Self {
            line: u32::try_from(loc.line()).unwrap_or(u32::MAX),
            column: u32::try_from(loc.column()).unwrap_or(u32::MAX),
            byte_start: span
                .byte_offset()
                .and_then(|b| usize::try_from(b).ok())
                .unwrap_or(0),
            byte_len: span
                .byte_len()
                .and_then(|b| usize::try_from(b).ok())
                .unwrap_or(0),
        }
    }
}

/// One YAML node with its position.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub value: Value,
    pub mark: Mark,
}

/// A key of a mapping, as text, with its position.
#[derive(Clone, Debug, PartialEq)]
pub struct Key {
    pub name: String,
    pub mark: Mark,
}

/// The shapes a YAML node can take.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    /// Entries in source order; duplicates are kept so that they can be reported.
    Map(Vec<(Key, Node)>),
}

impl Value {
    /// The YAML type name used in messages ("a string", "a list", ...).
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Int(_) | Value::Float(_) => "a number",
            Value::Str(_) => "a string",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

impl Node {
    /// The value as text when it is a scalar. Numbers and booleans keep their
    /// spelling in the source (`title: 1.10` is the title "1.10", not 1.1).
    pub fn scalar_text<'a>(&'a self, source: &'a str) -> Option<std::borrow::Cow<'a, str>> {
        use std::borrow::Cow;
        match &self.value {
            Value::Str(s) => Some(Cow::Borrowed(s.as_str())),
            Value::Int(_) | Value::Float(_) | Value::Bool(_) => {
                let raw = source
                    .get(self.mark.byte_start..self.mark.byte_start + self.mark.byte_len)
                    .map(str::trim)
                    .filter(|s| !s.is_empty());
                Some(match (raw, &self.value) {
                    (Some(raw), _) => Cow::Borrowed(raw),
                    (None, Value::Int(i)) => Cow::Owned(i.to_string()),
                    (None, Value::Float(f)) => Cow::Owned(f.to_string()),
                    (None, Value::Bool(b)) => Cow::Owned(b.to_string()),
                    (None, _) => return None,
                })
            }
            Value::Null | Value::Seq(_) | Value::Map(_) => None,
        }
    }

    /// Mapping entries, if this node is a mapping.
    pub fn as_map(&self) -> Option<&[(Key, Node)]> {
        match &self.value {
            Value::Map(entries) => Some(entries),
            _ => None,
        }
    }
}

/// YAML that could not be parsed, with the position the parser gave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub message: String,
    pub mark: Option<Mark>,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Budgets: frontmatter and configuration are small, so these are far below
/// the library's defaults and reject alias bombs and deep nesting early.
pub(super) const MAX_DEPTH: usize = 32;
pub(super) const MAX_NODES: usize = 100_000;
pub(super) const MAX_ALIASES: usize = 1_000;
pub(super) const MAX_ANCHORS: usize = 1_000;

/// Parses YAML text into a node tree under tight resource budgets.
///
/// Frontmatter and configuration are small; budgets far below the library's
/// defaults reject alias bombs and deep nesting in microseconds.
pub fn parse(text: &str) -> Result<Node, SyntaxError> {
    if text.trim().is_empty() {
        return Ok(Node {
            value: Value::Null,
            mark: Mark {
                line: 1,
                column: 1,
                ..Mark::default()
            },
        });
    }
    if let Some(node) = simple::parse(text) {
        return Ok(node);
    }
    parse_general(text)
}

/// [`parse`] through serde-saphyr, whatever the text's shape.
fn parse_general(text: &str) -> Result<Node, SyntaxError> {
    let mut options = Options::default();
    options.duplicate_keys = DuplicateKeyPolicy::PassThrough;
    options.with_snippet = false;
    options.strict_booleans = true;
    options.leading_zero_numbers_as_strings = true;
    options.alias_limits.max_total_replayed_events = 20_000;
    options.alias_limits.max_replay_stack_depth = 16;
    let mut budget = Budget::default();
    budget.max_events = 200_000;
    budget.max_nodes = MAX_NODES;
    budget.max_depth = MAX_DEPTH;
    budget.flow_nesting_limit = MAX_DEPTH;
    budget.max_aliases = MAX_ALIASES;
    budget.max_anchors = MAX_ANCHORS;
    budget.max_documents = 1;
    budget.max_recorded_anchor_events = 20_000;
    options.budget = Some(budget);

    let spanned: Spanned<Value> = serde_saphyr::from_str_with_options(text, options)
        .map_err(|err| message::syntax_error(&err, text))?;
    Ok(from_spanned(spanned))
}

fn from_spanned(spanned: Spanned<Value>) -> Node {
    Node {
        value: spanned.value,
        mark: Mark::from_location(spanned.referenced),
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Int(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or(Value::Float(v as f64), Value::Int))
    }

    fn visit_i128<E>(self, v: i128) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or(Value::Float(v as f64), Value::Int))
    }

    fn visit_u128<E>(self, v: u128) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or(Value::Float(v as f64), Value::Int))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Float(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::Str(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::Str(v))
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Value, E> {
        Ok(Value::Str(String::from_utf8_lossy(v).into_owned()))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<Value>>()? {
            items.push(from_spanned(item));
        }
        Ok(Value::Seq(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<Value>>()? {
            let value = map.next_value::<Spanned<Value>>()?;
            let key = from_spanned(key);
            let name = match &key.value {
                Value::Str(s) => s.clone(),
                Value::Int(i) => i.to_string(),
                Value::Float(f) => f.to_string(),
                Value::Bool(b) => b.to_string(),
                Value::Null => "null".to_owned(),
                Value::Seq(_) | Value::Map(_) => {
                    return Err(de::Error::custom("a mapping key must be a plain value"));
                }
            };
            entries.push((
                Key {
                    name,
                    mark: key.mark,
                },
                from_spanned(value),
            ));
        }
        Ok(Value::Map(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(text: &str) -> Vec<(Key, Node)> {
        parse(text)
            .expect("valid yaml")
            .as_map()
            .expect("a mapping")
            .to_vec()
    }

    #[test]
    fn keys_and_values_have_positions() {
        let entries = map("id: x\ntitle:   Hello world\ntags: [a, b]\n");
        assert_eq!(entries[1].0.name, "title");
        assert_eq!((entries[1].0.mark.line, entries[1].0.mark.column), (2, 1));
        assert_eq!((entries[1].1.mark.line, entries[1].1.mark.column), (2, 10));
        let Value::Seq(tags) = &entries[2].1.value else {
            panic!("tags is a list")
        };
        assert_eq!((tags[1].mark.line, tags[1].mark.column), (3, 11));
    }

    #[test]
    fn scalars_keep_their_spelling() {
        let text = "title: 1.10\nn: 0012\nflag: yes\n";
        let entries = map(text);
        assert_eq!(entries[0].1.scalar_text(text).as_deref(), Some("1.10"));
        assert_eq!(entries[1].1.value, Value::Str("0012".into()));
        assert_eq!(entries[2].1.value, Value::Str("yes".into()));
    }

    #[test]
    fn duplicate_keys_are_kept_for_reporting() {
        let entries = map("a: 1\na: 2\n");
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[1].0.mark.line, 2);
    }

    #[test]
    fn syntax_errors_carry_a_position() {
        let err = parse("a: [1, 2\nb: 3\n").expect_err("unclosed flow list");
        assert!(err.mark.is_some(), "{err:?}");
    }

    #[test]
    fn alias_bomb_is_rejected_quickly() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let prev = i - 1;
            text.push_str(&format!(
                "a{i}: &a{i} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"
            ));
        }
        assert!(parse(&text).is_err());
    }

    #[test]
    fn breached_budgets_have_readable_messages() {
        let message = |text: &str| parse(text).expect_err("over budget").message;
        let block: String = (0..40).map(|i| format!("{}k:\n", " ".repeat(i))).collect();
        assert_eq!(message(&block), "nested more than 32 levels deep");
        let anchors: String = (0..1001).map(|i| format!("k{i}: &x{i} 1\n")).collect();
        assert_eq!(message(&anchors), "more than 1000 anchors (`&name`)");
        let aliases = format!("a: &a 1\nb: [{}]\n", vec!["*a"; 1001].join(", "));
        assert_eq!(message(&aliases), "more than 1000 aliases (`*name`)");
        assert!(message("a: 1\n--- b\n").starts_with("a second YAML document"));
        assert_eq!(
            message("title: !!binary /w==\n"),
            "this `!!binary` value is not UTF-8 text"
        );
        let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for i in 1..9 {
            let p = i - 1;
            bomb.push_str(&format!(
                "a{i}: &a{i} [{}]\n",
                vec![format!("*a{p}"); 9].join(", ")
            ));
        }
        assert_eq!(message(&bomb), "too large once its aliases are expanded");
    }

    #[test]
    fn deep_nesting_is_rejected() {
        let text = format!("a: {}{}", "[".repeat(5000), "]".repeat(5000));
        assert!(parse(&text).is_err());
        let text: String = (0..5000)
            .map(|i| format!("{}k:\n", " ".repeat(i)))
            .collect();
        assert!(parse(&text).is_err());
    }
}
