//! A tool's parameters, declared once: the JSON Schema a client is shown
//! and the command line the arguments become are both made from them, so
//! the two cannot disagree.

use serde_json::{Map, Value, json};

/// One parameter of a tool.
pub struct Param {
    pub name: &'static str,
    pub about: String,
    pub kind: Kind,
    pub required: bool,
    /// How it is passed to the command.
    pub place: Place,
}

/// What values a parameter takes.
pub enum Kind {
    Text,
    /// A `YYYY-MM-DD` date.
    Date,
    /// A list of texts, one flag each.
    Texts,
    /// A list of whole numbers, one flag each.
    Numbers,
    /// A number, written as JSON writes it.
    Number,
    /// One of these words.
    Choice(Vec<String>),
    /// Passed as a flag when true.
    Switch,
    /// A mapping from ids to numbers, one `ID=VALUE` flag per entry.
    NumbersById,
}

/// Where a parameter goes on the command line.
#[derive(Clone, Copy)]
pub enum Place {
    /// `--flag=value`.
    Flag(&'static str),
    /// A positional argument, after `--`.
    Positional,
    /// A positional argument after a fixed word (`set ID status WORD`).
    PositionalAfter(&'static str),
    /// Not on the command line: the server reads it itself (a draft's
    /// text, whether to tick or untick). Its type is checked all the same.
    Server,
}

impl Param {
    pub fn new(name: &'static str, kind: Kind, place: Place, about: impl Into<String>) -> Param {
        Param {
            name,
            about: about.into(),
            kind,
            required: false,
            place,
        }
    }

    pub fn required(mut self) -> Param {
        self.required = true;
        self
    }

    fn schema(&self) -> Value {
        let mut schema = match &self.kind {
            Kind::Text => json!({"type": "string"}),
            Kind::Date => json!({"type": "string", "format": "date"}),
            Kind::Texts => json!({"type": "array", "items": {"type": "string"}}),
            Kind::Numbers => json!({"type": "array", "items": {"type": "integer", "minimum": 1}}),
            Kind::Number => json!({"type": "number"}),
            Kind::Choice(words) => json!({"type": "string", "enum": words}),
            Kind::Switch => json!({"type": "boolean"}),
            Kind::NumbersById => {
                json!({"type": "object", "additionalProperties": {"type": "number"}})
            }
        };
        schema["description"] = Value::String(self.about.clone());
        schema
    }
}

/// The JSON Schema of a tool's arguments.
pub fn schema(params: &[Param]) -> Map<String, Value> {
    let properties: Map<String, Value> = params
        .iter()
        .map(|p| (p.name.to_owned(), p.schema()))
        .collect();
    let required: Vec<&str> = params
        .iter()
        .filter(|p| p.required)
        .map(|p| p.name)
        .collect();
    let mut schema = Map::new();
    schema.insert("type".into(), "object".into());
    schema.insert("properties".into(), Value::Object(properties));
    if !required.is_empty() {
        schema.insert("required".into(), json!(required));
    }
    schema.insert("additionalProperties".into(), false.into());
    schema
}

/// The command-line words `arguments` stand for, after `command`: every
/// value as `--flag=value` (a value that starts with `-` is never taken
/// for a flag) and positional ones after `--`. Arguments the tool does not
/// take, missing required ones and values of the wrong type are refused
/// with a sentence that says which.
pub fn argv(
    command: &[&str],
    params: &[Param],
    arguments: &Map<String, Value>,
) -> Result<Vec<String>, String> {
    if let Some(unknown) = arguments
        .keys()
        .find(|k| !params.iter().any(|p| p.name == k.as_str()))
    {
        let names: Vec<&str> = params.iter().map(|p| p.name).collect();
        return Err(format!(
            "this tool has no argument `{unknown}`; it takes {}",
            names.join(", ")
        ));
    }
    let mut flags: Vec<String> = command.iter().map(|s| (*s).to_owned()).collect();
    let mut positional = Vec::new();
    for param in params {
        let value = match arguments.get(param.name) {
            None | Some(Value::Null) if param.required => {
                return Err(format!("`{}` is required: {}", param.name, param.about));
            }
            None | Some(Value::Null) => continue,
            Some(value) => value,
        };
        let words = words(param, value)?;
        match param.place {
            Place::Flag(flag) => {
                if matches!(param.kind, Kind::Switch) {
                    flags.extend(words.into_iter().map(|_| flag.to_owned()));
                } else {
                    flags.extend(words.into_iter().map(|w| format!("{flag}={w}")));
                }
            }
            Place::Positional => positional.extend(words),
            Place::PositionalAfter(word) => {
                positional.push(word.to_owned());
                positional.extend(words);
            }
            Place::Server => {}
        }
    }
    if !positional.is_empty() {
        flags.push("--".into());
        flags.extend(positional);
    }
    Ok(flags)
}

/// A value as the words it becomes on the command line (a switch: one
/// word when true, none when false).
fn words(param: &Param, value: &Value) -> Result<Vec<String>, String> {
    let wrong = |what: &str| format!("`{}` must be {what}", param.name);
    let text = |v: &Value| -> Option<String> {
        match v {
            Value::String(s) => Some(s.clone()),
            _ => None,
        }
    };
    Ok(match &param.kind {
        Kind::Text | Kind::Date => vec![text(value).ok_or_else(|| wrong("a string"))?],
        Kind::Choice(words) => {
            let word = text(value).ok_or_else(|| wrong("a string"))?;
            if !words.contains(&word) {
                return Err(format!(
                    "`{}` must be one of {}, not `{word}`",
                    param.name,
                    words.join(", ")
                ));
            }
            vec![word]
        }
        Kind::Number => match value {
            Value::Number(n) => vec![n.to_string()],
            _ => return Err(wrong("a number")),
        },
        Kind::Switch => match value {
            Value::Bool(true) => vec![String::new()],
            Value::Bool(false) => Vec::new(),
            _ => return Err(wrong("true or false")),
        },
        Kind::Texts => match value {
            // One item given on its own is taken as a list of one.
            Value::String(s) => vec![s.clone()],
            Value::Array(items) => items
                .iter()
                .map(|v| text(v).ok_or_else(|| wrong("a list of strings")))
                .collect::<Result<_, _>>()?,
            _ => return Err(wrong("a list of strings")),
        },
        Kind::Numbers => {
            let one = |v: &Value| {
                v.as_u64()
                    .filter(|n| *n > 0)
                    .map(|n| n.to_string())
                    .ok_or_else(|| wrong("a list of whole numbers from 1"))
            };
            match value {
                Value::Array(items) => items.iter().map(one).collect::<Result<_, _>>()?,
                v => vec![one(v)?],
            }
        }
        Kind::NumbersById => {
            let Value::Object(map) = value else {
                return Err(wrong("an object of measure ids to numbers"));
            };
            map.iter()
                .map(|(id, v)| match v {
                    Value::Number(n) => Ok(format!("{id}={n}")),
                    _ => Err(format!("`{}.{id}` must be a number", param.name)),
                })
                .collect::<Result<_, _>>()?
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params() -> Vec<Param> {
        vec![
            Param::new("project", Kind::Text, Place::Positional, "the id").required(),
            Param::new("owner", Kind::Text, Place::Flag("--owner"), "a handle"),
            Param::new("progress", Kind::Texts, Place::Flag("--progress"), "items"),
            Param::new("met", Kind::Switch, Place::Flag("--met"), "ticked"),
            Param::new(
                "measures",
                Kind::NumbersById,
                Place::Flag("--measure"),
                "values",
            ),
        ]
    }

    fn args(value: Value) -> Map<String, Value> {
        value.as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn values_that_look_like_flags_stay_values() {
        let params = params();
        let argv = argv(
            &["set"],
            &params,
            &args(
                json!({"project": "-rf", "owner": "--help", "progress": ["a", "-b"], "met": true, "measures": {"fcr": 66.5}}),
            ),
        );
        assert_eq!(
            argv.as_deref(),
            Ok(&[
                "set",
                "--owner=--help",
                "--progress=a",
                "--progress=-b",
                "--met",
                "--measure=fcr=66.5",
                "--",
                "-rf"
            ]
            .map(String::from)[..])
        );
    }

    #[test]
    fn wrong_arguments_are_named() {
        let params = params();
        let err = |v: Value| argv(&["set"], &params, &args(v)).err().unwrap_or_default();
        assert_eq!(
            err(json!({"project": "a", "colour": "red"})),
            "this tool has no argument `colour`; it takes project, owner, progress, met, measures"
        );
        assert_eq!(err(json!({})), "`project` is required: the id");
        assert_eq!(err(json!({"project": 3})), "`project` must be a string");
        assert_eq!(
            err(json!({"project": "a", "measures": {"fcr": "high"}})),
            "`measures.fcr` must be a number"
        );
        assert_eq!(
            argv(
                &["set"],
                &params,
                &args(json!({"project": "a", "met": false}))
            )
            .as_deref(),
            Ok(&["set", "--", "a"].map(String::from)[..])
        );
    }
}
