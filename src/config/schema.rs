//! The JSON Schema of `goalpost.yml`, described beside the reader it must
//! agree with: a test holds its keys to the reader's tables.

#![allow(dead_code)] // The structs below are never built; they describe.

use std::borrow::Cow;
use std::collections::BTreeMap;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde_json::{Value, json};

use crate::diagnostic::Rule;
use crate::syntax::schema::{OneOrMany, OneOrMore, Scalar, Text, any_case, shapes};
use crate::vocabulary::Cadence;

shapes! {
    /// At least two people: a group of one is a person.
    MinGroup => {
        "description": "Groups with fewer people are listed without numbers",
        "type": "integer",
        "minimum": 2,
        "maximum": 1000,
        "default": 5,
    };
    /// A whole number of days from 0 to 365.
    GraceDays => {
        "description": "A check-in is late after the cadence plus this many days",
        "type": "integer",
        "minimum": 0,
        "maximum": 365,
        "default": 2,
    };
}

/// How often a project expects an update.
#[derive(Default)]
pub(crate) struct CadenceWord;

impl JsonSchema for CadenceWord {
    fn schema_name() -> Cow<'static, str> {
        "Cadence".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        // `<N>d` with N from 1 to 3650, as `Cadence::parse` reads it.
        let days = "\\+?0*(?:[1-9][0-9]{0,2}|[1-2][0-9]{3}|3[0-5][0-9]{2}|36[0-4][0-9]|3650)[dD]";
        let pattern = format!("^\\s*(?:{}|{days})\\s*$", any_case(&Cadence::WORDS));
        let mut words: Vec<&str> = Cadence::WORDS.to_vec();
        words.extend(["14d", "90d"]);
        json_schema!({
            "description": "weekly, biweekly, monthly, none, or a number of days such as 10d",
            "anyOf": [{"enum": words}, {"type": "string", "pattern": pattern}],
        })
    }
}

/// goalpost.yml: the goal repository's configuration
///
/// Every key is optional; unknown keys are errors.
#[derive(JsonSchema)]
#[schemars(title = "goalpost.yml", deny_unknown_fields)]
pub(crate) struct ConfigFile {
    /// Where each kind of document lives: globs relative to goalpost.yml
    paths: Option<PathsConfig>,
    /// The roster: handle → person. When present, every handle must be in it
    people: Option<BTreeMap<String, Option<PersonConfig>>>,
    /// Your own words for the six lifecycle states
    statuses: Option<StatusesConfig>,
    /// The default check-in cadence of projects
    #[schemars(default, extend("default" = "weekly"))]
    checkin: CadenceWord,
    /// A check-in is late after the cadence plus this many days
    #[schemars(default)]
    grace_days: GraceDays,
    /// Headings goalpost reads (case-insensitive); a list replaces the default
    sections: Option<SectionsConfig>,
    /// The severity of each rule: error, warning or off
    rules: Option<RulesConfig>,
    /// The 1:1 agenda
    agenda: Option<AgendaConfig>,
    /// Decision records
    decisions: Option<DecisionsConfig>,
    /// The opportunity audit
    audit: Option<AuditConfig>,
    /// A project folder's own field names (a proposal folder's `eip:` and `author:`)
    fields: Option<FieldsConfig>,
}

#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct FieldsConfig {
    /// Fields whose value is the project id, when `id` is absent
    id: Option<OneOrMany<Scalar>>,
    /// Fields naming the owner (first) and contributors, when `owner` is absent
    owner: Option<OneOrMany<Scalar>>,
    /// The folder's other fields, accepted as they are
    other: Option<OneOrMany<Scalar>>,
}

#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct PathsConfig {
    /// Globs of project files
    #[schemars(extend("default" = "projects/**/*.md"))]
    projects: Option<OneOrMany<Scalar>>,
    /// Globs of update files
    #[schemars(extend("default" = "updates/**/*.md"))]
    updates: Option<OneOrMany<Scalar>>,
    /// Globs of decision files
    #[schemars(extend("default" = "decisions/**/*.md"))]
    decisions: Option<OneOrMany<Scalar>>,
    /// Globs of recognition files (awards, kudos), which the audit counts
    #[schemars(extend("default" = "recognitions/**/*.md"))]
    recognitions: Option<OneOrMany<Scalar>>,
}

/// A roster entry: the four keys goalpost reads, and any attribute of the
/// team's own (`timezone`, `level`), which `audit --by` can group by.
#[derive(JsonSchema)]
#[schemars(extend("additionalProperties" = {"type": ["string", "number", "boolean"]}))]
struct PersonConfig {
    /// Full name; `goalpost new` also matches it against git's user.name
    #[schemars(default)]
    name: Scalar,
    /// The team, for team packets
    #[schemars(default)]
    team: Scalar,
    /// Where the person works
    #[schemars(default)]
    location: Scalar,
    /// Email; `goalpost new` matches it against git's user.email
    #[schemars(default)]
    email: Scalar,
}

#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct StatusesConfig {
    proposed: Option<OneOrMany<Scalar>>,
    active: Option<OneOrMany<Scalar>>,
    blocked: Option<OneOrMany<Scalar>>,
    #[schemars(rename = "at-risk")]
    at_risk: Option<OneOrMany<Scalar>>,
    done: Option<OneOrMany<Scalar>>,
    dropped: Option<OneOrMany<Scalar>>,
}

#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct SectionsConfig {
    /// Headings of the success criteria
    #[schemars(default)]
    criteria: OneOrMore<Scalar>,
    /// Headings of blockers in updates
    #[schemars(default)]
    blockers: OneOrMore<Scalar>,
    /// Headings of asks in updates
    #[schemars(default)]
    asks: OneOrMore<Scalar>,
}

#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct AgendaConfig {
    /// The questions an agenda closes with; a list replaces the default
    #[schemars(default)]
    questions: OneOrMore<Text>,
}

#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct DecisionsConfig {
    /// Decision statuses of your own, beyond MADR's (e.g. `on hold`)
    statuses: Option<OneOrMany<Text>>,
}

#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct AuditConfig {
    /// The roster attribute people are grouped by
    #[schemars(extend("default" = "location"))]
    by: Option<Text>,
    /// Project tags that mark a stretch assignment
    #[schemars(extend("default" = ["stretch"]))]
    stretch_tags: Option<OneOrMany<Text>>,
    /// Groups with fewer people are listed without numbers
    #[schemars(default)]
    min_group: MinGroup,
}

/// `rules:`: one key per rule id.
struct RulesConfig;

impl JsonSchema for RulesConfig {
    fn schema_name() -> Cow<'static, str> {
        "Rules".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let properties: serde_json::Map<String, Value> = Rule::ALL
            .iter()
            .map(|rule| {
                (
                    rule.id().to_owned(),
                    json!({
                        "description": rule.description(),
                        "enum": ["error", "warning", "off"],
                        "default": rule.default_severity().as_str(),
                    }),
                )
            })
            .collect();
        json_schema!({
            "type": ["object", "null"],
            "properties": properties,
            "additionalProperties": false,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::parse::{
        AGENDA_KEYS, AUDIT_KEYS, DECISIONS_KEYS, PATH_KEYS, PERSON_KEYS, SECTION_KEYS, TOP_KEYS,
    };
    use crate::vocabulary::Lifecycle;

    /// The keys a schema object lists, sorted.
    fn keys(schema: &Value, path: &[&str]) -> Vec<String> {
        let mut node = schema;
        for step in path {
            node = &node[*step];
        }
        if let Some(reference) = node["$ref"].as_str() {
            let name = reference.rsplit('/').next().unwrap_or_default();
            node = &schema["$defs"][name];
        }
        let mut keys: Vec<String> = node["properties"]
            .as_object()
            .map(|p| p.keys().cloned().collect())
            .unwrap_or_default();
        keys.sort();
        keys
    }

    fn sorted(table: &[&str]) -> Vec<String> {
        let mut keys: Vec<String> = table.iter().map(|k| (*k).to_owned()).collect();
        keys.sort();
        keys
    }

    /// Every key the reader knows is in the schema, and no other.
    #[test]
    fn schema_keys_are_the_readers_keys() {
        let generator = schemars::generate::SchemaSettings::draft2020_12().into_generator();
        let schema = generator.into_root_schema_for::<ConfigFile>().to_value();
        assert_eq!(keys(&schema, &[]), sorted(TOP_KEYS));
        let def = |name: &str| json!({"$ref": format!("#/$defs/{name}")});
        for (name, table) in [
            ("PathsConfig", PATH_KEYS),
            ("PersonConfig", PERSON_KEYS),
            ("SectionsConfig", SECTION_KEYS),
            ("AgendaConfig", AGENDA_KEYS),
            ("DecisionsConfig", DECISIONS_KEYS),
            ("AuditConfig", AUDIT_KEYS),
        ] {
            let wrapped = json!({"x": def(name), "$defs": schema["$defs"]});
            assert_eq!(keys(&wrapped, &["x"]), sorted(table), "{name}");
        }
        let states: Vec<&str> = Lifecycle::ALL.iter().map(|s| s.as_str()).collect();
        let wrapped = json!({"x": def("StatusesConfig"), "$defs": schema["$defs"]});
        assert_eq!(keys(&wrapped, &["x"]), sorted(&states));
        let ids: Vec<&str> = Rule::ALL.iter().map(|r| r.id()).collect();
        let wrapped = json!({"x": def("Rules"), "$defs": schema["$defs"]});
        assert_eq!(keys(&wrapped, &["x"]), sorted(&ids));
    }
}
