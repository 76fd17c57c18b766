//! A small JSON Schema (draft 2020-12) validator for the keywords goalpost's
//! schemas use. It refuses any other keyword, so a schema can never pass a
//! test because a keyword was silently skipped.

use serde_json::Value;

const ANNOTATIONS: &[&str] = &["$schema", "title", "description", "default", "examples"];
const ASSERTIONS: &[&str] = &[
    "$ref",
    "$defs",
    "definitions",
    "type",
    "enum",
    "pattern",
    "format",
    "minItems",
    "minimum",
    "maximum",
    "items",
    "properties",
    "required",
    "additionalProperties",
    "anyOf",
    "allOf",
];

/// Whether `instance` is valid for `root`.
pub fn is_valid(root: &Value, instance: &Value) -> bool {
    valid(root, root, instance)
}

/// Panics on a keyword this validator does not implement.
pub fn assert_known_keywords(schema: &Value) {
    match schema {
        Value::Object(map) => {
            for (key, value) in map {
                assert!(
                    ANNOTATIONS.contains(&key.as_str()) || ASSERTIONS.contains(&key.as_str()),
                    "the test validator does not know the keyword `{key}`"
                );
                match key.as_str() {
                    "$defs" | "definitions" | "properties" => {
                        for sub in value.as_object().expect("object").values() {
                            assert_known_keywords(sub);
                        }
                    }
                    "items" | "additionalProperties" => assert_known_keywords(value),
                    "anyOf" | "allOf" => {
                        for sub in value.as_array().expect("array") {
                            assert_known_keywords(sub);
                        }
                    }
                    _ => {}
                }
            }
        }
        Value::Bool(_) => {}
        other => panic!("not a schema: {other}"),
    }
}

fn valid(root: &Value, schema: &Value, instance: &Value) -> bool {
    let map = match schema {
        Value::Bool(b) => return *b,
        Value::Object(map) => map,
        other => panic!("not a schema: {other}"),
    };
    map.iter().all(|(key, value)| match key.as_str() {
        "$ref" => {
            let reference = value.as_str().expect("$ref");
            let target = reference
                .strip_prefix("#/$defs/")
                .map(|name| &root["$defs"][name])
                .or_else(|| {
                    reference
                        .strip_prefix("#/definitions/")
                        .map(|name| &root["definitions"][name])
                })
                .expect("a local $ref");
            assert!(!target.is_null(), "dangling {reference}");
            valid(root, target, instance)
        }
        "type" => match value {
            Value::String(t) => has_type(t, instance),
            Value::Array(ts) => ts
                .iter()
                .any(|t| has_type(t.as_str().expect("type"), instance)),
            other => panic!("bad type: {other}"),
        },
        "enum" => value.as_array().expect("enum").contains(instance),
        "pattern" => instance.as_str().is_none_or(|s| {
            regex::Regex::new(value.as_str().expect("pattern"))
                .expect("valid pattern")
                .is_match(s)
        }),
        "format" => match (value.as_str(), instance.as_str()) {
            (Some("date"), Some(s)) => chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .is_ok_and(|d| d.format("%Y-%m-%d").to_string() == s),
            (Some("date"), None) => true,
            (other, _) => panic!("unknown format {other:?}"),
        },
        "minItems" => instance
            .as_array()
            .is_none_or(|a| a.len() as u64 >= value.as_u64().expect("count")),
        "minimum" => instance
            .as_f64()
            .is_none_or(|n| n >= value.as_f64().expect("number")),
        "maximum" => instance
            .as_f64()
            .is_none_or(|n| n <= value.as_f64().expect("number")),
        "items" => instance
            .as_array()
            .is_none_or(|items| items.iter().all(|i| valid(root, value, i))),
        "properties" => instance.as_object().is_none_or(|obj| {
            obj.iter().all(|(k, v)| match value.get(k) {
                Some(sub) => valid(root, sub, v),
                None => true,
            })
        }),
        "required" => instance.as_object().is_none_or(|obj| {
            value
                .as_array()
                .expect("required")
                .iter()
                .all(|k| obj.contains_key(k.as_str().expect("key")))
        }),
        "additionalProperties" => instance.as_object().is_none_or(|obj| {
            let known = map.get("properties").and_then(Value::as_object);
            obj.iter()
                .filter(|(k, _)| !known.is_some_and(|p| p.contains_key(*k)))
                .all(|(_, v)| valid(root, value, v))
        }),
        "anyOf" => value
            .as_array()
            .expect("anyOf")
            .iter()
            .any(|sub| valid(root, sub, instance)),
        "allOf" => value
            .as_array()
            .expect("allOf")
            .iter()
            .all(|sub| valid(root, sub, instance)),
        "$defs" | "definitions" => true,
        k if ANNOTATIONS.contains(&k) => true,
        k => panic!("unknown keyword `{k}`"),
    })
}

fn has_type(t: &str, v: &Value) -> bool {
    match t {
        "null" => v.is_null(),
        "boolean" => v.is_boolean(),
        "string" => v.is_string(),
        "number" => v.is_number(),
        "integer" => v.is_i64() || v.is_u64() || v.as_f64().is_some_and(|f| f.fract() == 0.0),
        "array" => v.is_array(),
        "object" => v.is_object(),
        other => panic!("unknown type {other}"),
    }
}

#[test]
fn the_validator_validates() {
    let schema = serde_json::json!({
        "type": "object",
        "properties": {"a": {"$ref": "#/$defs/A"}},
        "required": ["a"],
        "additionalProperties": false,
        "$defs": {"A": {"anyOf": [{"type": "integer", "minimum": 1}, {"type": "string", "pattern": "^x"}]}},
    });
    assert_known_keywords(&schema);
    assert!(is_valid(&schema, &serde_json::json!({"a": 2})));
    assert!(is_valid(&schema, &serde_json::json!({"a": "xy"})));
    assert!(!is_valid(&schema, &serde_json::json!({"a": 0})));
    assert!(!is_valid(&schema, &serde_json::json!({"a": "y"})));
    assert!(!is_valid(&schema, &serde_json::json!({"a": 2, "b": 1})));
    assert!(!is_valid(&schema, &serde_json::json!({})));
    assert!(!is_valid(&schema, &serde_json::json!([])));
}
