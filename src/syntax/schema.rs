//! JSON Schemas of YAML values as goalpost reads them, for the schemas that
//! editors validate frontmatter and `goalpost.yml` with: text where a
//! number is read as written, strict dates, one-or-many lists, words in any
//! letter case. The document and configuration schemas are built from
//! these, beside the readers they must agree with.

#![allow(dead_code)] // The marker types are never built; they describe.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde_json::{Value, json};

/// Declares marker types whose schema is given by a JSON literal.
macro_rules! shapes {
    ($( $(#[$doc:meta])* $name:ident => $schema:tt; )*) => {$(
        $(#[$doc])*
        #[derive(Default)]
        pub(crate) struct $name;

        impl ::schemars::JsonSchema for $name {
            fn schema_name() -> ::std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut ::schemars::SchemaGenerator) -> ::schemars::Schema {
                ::schemars::json_schema!($schema)
            }
        }
    )*};
}

pub(crate) use shapes;

shapes! {
    /// Text that is not blank. A number or a boolean is read as the text
    /// it is written with, as `check` does.
    Text => {
        "description": "Text; a number or true/false is read as written",
        "type": ["string", "number", "boolean"],
        "pattern": "\\S",
    };
    /// Any single value (the roster's fields may be empty).
    Scalar => {
        "type": ["string", "number", "boolean"],
    };
    /// A real calendar date.
    Date => {
        "description": "A date, YYYY-MM-DD",
        "type": "string",
        "format": "date",
        "pattern": "^\\s*[0-9]{4}-[0-9]{2}-[0-9]{2}\\s*$",
    };
}

/// A word from a fixed list, case-insensitive and ignoring surrounding
/// spaces, as `check` reads it: the list for completion, a pattern to match.
pub(crate) fn words_schema(description: &str, words: &[&str]) -> Value {
    json!({
        "description": description,
        "anyOf": [
            {"enum": words},
            {"type": "string", "pattern": format!("^\\s*(?:{})\\s*$", any_case(words))},
        ],
    })
}

/// A regular expression alternation matching each word in any letter case.
pub(crate) fn any_case(words: &[&str]) -> String {
    let alternatives: Vec<String> = words
        .iter()
        .map(|word| word.chars().map(any_case_char).collect())
        .collect();
    alternatives.join("|")
}

fn any_case_char(c: char) -> String {
    let mut lower = c.to_lowercase();
    let mut upper = c.to_uppercase();
    match (lower.next(), lower.next(), upper.next(), upper.next()) {
        (Some(l), None, Some(u), None) if l != u => format!("[{l}{u}]"),
        _ if "\\^$.|?*+()[]{}/".contains(c) => format!("\\{c}"),
        _ => c.to_string(),
    }
}

/// One value, or a list of them.
pub(crate) struct OneOrMany<T>(T);

impl<T: JsonSchema> JsonSchema for OneOrMany<T> {
    fn schema_name() -> Cow<'static, str> {
        format!("OneOrMany{}", T::schema_name()).into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let item = generator.subschema_for::<T>();
        json_schema!({
            "anyOf": [item, {"type": "array", "items": item}],
        })
    }
}

/// One value, or a list of at least one.
pub(crate) struct OneOrMore<T>(T);

impl<T: JsonSchema> JsonSchema for OneOrMore<T> {
    fn schema_name() -> Cow<'static, str> {
        format!("OneOrMore{}", T::schema_name()).into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let item = generator.subschema_for::<T>();
        json_schema!({
            "anyOf": [item, {"type": "array", "items": item, "minItems": 1}],
        })
    }
}

impl<T: Default> Default for OneOrMore<T> {
    fn default() -> Self {
        OneOrMore(T::default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_case_matches_each_word_in_any_case_only() {
        assert_eq!(any_case(&["at-risk"]), "[aA][tT]-[rR][iI][sS][kK]");
        let re = regex::Regex::new(&format!("^(?:{})$", any_case(&["at-risk", "a.b"])))
            .expect("valid pattern");
        assert!(re.is_match("AT-Risk"));
        assert!(re.is_match("a.B"));
        assert!(!re.is_match("axb"));
        assert!(!re.is_match("at-risky"));
    }
}
