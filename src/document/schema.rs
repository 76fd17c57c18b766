//! The JSON Schemas of each document kind's frontmatter (and, through
//! `config::schema`, of `goalpost.yml`), for editors and frontmatter-aware
//! tools.
//!
//! The schemas say what `check` says about a single document: a frontmatter
//! is valid for the schema exactly when `check` reports no `missing-field`,
//! `unknown-field`, `invalid-type`, `invalid-value`, `invalid-date` or
//! `unknown-person` finding in it (an integration test holds the two to
//! that, and a unit test holds each kind's fields to the reader's table).
//! So scalars are accepted where `check` accepts them (a title may be
//! `2027`), words are matched case-insensitively where `check` matches them
//! so, and the repository's own status words and roster are part of the
//! schema. Two `invalid-value` findings compare one value with another and
//! are beyond a schema: a measure's target equal to its baseline, and a
//! bare measure key in an update that names several projects.

#![allow(dead_code)] // The structs below are never built; they describe.

use std::borrow::Cow;

use clap::ValueEnum;
use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde_json::{Value, json};

use crate::config::Config;
use crate::config::schema::{CadenceWord, ConfigFile};
use crate::syntax::schema::{Date, OneOrMany, OneOrMore, Text, shapes, words_schema};
use crate::vocabulary::{Confidence, DecisionStatus};

/// JSON Schema versions `schema` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Draft {
    #[value(name = "2020-12")]
    Draft2020_12,
    #[value(name = "7")]
    Draft7,
}

/// The things `schema` describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    /// The frontmatter of a project
    Project,
    /// The frontmatter of an update
    Update,
    /// The frontmatter of a decision record
    Decision,
    /// The frontmatter of a recognition
    Recognition,
    /// goalpost.yml
    Config,
}

/// The schema of `kind` under `config`.
pub fn schema(kind: SchemaKind, config: &Config, draft: Draft) -> Schema {
    let settings = match draft {
        Draft::Draft2020_12 => SchemaSettings::draft2020_12(),
        Draft::Draft7 => SchemaSettings::draft07(),
    };
    let defs_key = settings.definitions_path.trim_start_matches('/').to_owned();
    let generator = settings.into_generator();
    let mut schema = match kind {
        SchemaKind::Project => generator.into_root_schema_for::<ProjectFrontmatter>(),
        SchemaKind::Update => generator.into_root_schema_for::<UpdateFrontmatter>(),
        SchemaKind::Decision => generator.into_root_schema_for::<DecisionFrontmatter>(),
        SchemaKind::Recognition => generator.into_root_schema_for::<RecognitionFrontmatter>(),
        SchemaKind::Config => generator.into_root_schema_for::<ConfigFile>(),
    };
    // Every field of a decision and of goalpost.yml is optional, so an empty
    // block (YAML null) is fine too.
    if matches!(kind, SchemaKind::Decision | SchemaKind::Config) {
        schema.insert("type".into(), json!(["object", "null"]));
    }
    if let Some(defs) = schema.get_mut(&defs_key).and_then(Value::as_object_mut) {
        if defs.contains_key("ProjectStatus") {
            let words = config.status_words();
            let words: Vec<&str> = words.iter().map(String::as_str).collect();
            defs.insert(
                "ProjectStatus".into(),
                words_schema(
                    "The project's lifecycle state, or a word goalpost.yml maps to one (case-insensitive)",
                    &words,
                ),
            );
        }
        if defs.contains_key("Handle") && config.has_roster() {
            let handles: Vec<&str> = config.people.keys().map(String::as_str).collect();
            defs.insert(
                "Handle".into(),
                json!({
                    "description": "A person's handle from the roster (`people:` in goalpost.yml)",
                    "enum": handles,
                }),
            );
        }
    }
    schema
}

shapes! {
    /// A person's handle. With a roster, replaced by its handles.
    Handle => {
        "description": "A person's handle",
        "type": ["string", "number", "boolean"],
        "pattern": "\\S",
    };
    /// A project id, as `document::valid_id` accepts it.
    ProjectId => {
        "description": "Letters, digits, `-`, `_` and `.`, starting with a letter or digit, never `..`",
        "anyOf": [
            {"type": "string", "pattern": "^\\s*[A-Za-z0-9](?:[A-Za-z0-9_-]|\\.[A-Za-z0-9_-])*\\.?\\s*$"},
            {"type": "integer", "minimum": 0},
            {"type": "boolean"},
        ],
    };
    /// Replaced by the repository's status words.
    ProjectStatus => {};
    /// A number as `check` reads one: digits, a point, a sign; no unit.
    Number => {
        "description": "A number, written out (no unit, no exponent)",
        "anyOf": [
            {"type": "number"},
            {"type": "string", "pattern": "^\\s*[+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)\\s*$"},
        ],
    };
    /// The values an update reports: `id` or `project/id` to a number.
    ReportedValues => {
        "description": "Values for the measures of the projects named: `id` (or `project/id` when several) to a number, or to `{ value, as_of, note }`",
        "type": ["object", "null"],
        "additionalProperties": {
            "anyOf": [
                {"anyOf": [{"type": "number"}, {"type": "string", "pattern": "^\\s*[+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)\\s*$"}]},
                {
                    "type": "object",
                    "properties": {
                        "value": {"anyOf": [{"type": "number"}, {"type": "string", "pattern": "^\\s*[+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)\\s*$"}]},
                        "as_of": {"type": "string", "format": "date", "pattern": "^\\s*[0-9]{4}-[0-9]{2}-[0-9]{2}\\s*$"},
                        "note": {"type": ["string", "number", "boolean"]},
                    },
                    "required": ["value"],
                    "additionalProperties": false,
                },
            ],
        },
    };
    /// A decision number, or text holding one (`0003`, `decision 3`).
    DecisionRef => {
        "description": "The number of a decision",
        "type": ["number", "string"],
        "pattern": "[0-9]",
    };
}

/// How an update's author rates the project.
#[derive(Default)]
struct ConfidenceWord;

impl JsonSchema for ConfidenceWord {
    fn schema_name() -> Cow<'static, str> {
        "Confidence".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        Schema::try_from(words_schema(
            "How the author rates the project",
            &Confidence::WORDS,
        ))
        .unwrap_or_default()
    }
}

/// The status of a decision record (MADR).
#[derive(Default)]
struct DecisionStatusWord;

impl JsonSchema for DecisionStatusWord {
    fn schema_name() -> Cow<'static, str> {
        "DecisionStatus".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        // MADR's list is open: another word is a warning, not an error.
        json_schema!({
            "description": "proposed, accepted, rejected, deprecated, superseded, \"superseded by <number>\", or a word of your own listed under decisions.statuses in goalpost.yml (default: accepted)",
            "anyOf": [
                {"enum": DecisionStatus::WORDS},
                {"type": ["string", "number", "boolean"]},
            ],
        })
    }
}

/// A goalpost project: a definition of done (projects/<id>.md)
///
/// The success criteria are the task-list items under the `## Success
/// criteria` heading of the body.
#[derive(JsonSchema)]
#[schemars(title = "goalpost project", deny_unknown_fields)]
pub(crate) struct ProjectFrontmatter {
    /// Stable, unique id; default: the file name without .md
    id: Option<ProjectId>,
    /// What done looks like, in one line
    title: Text,
    /// The person accountable for the project
    owner: Handle,
    /// The people who work on it
    contributors: Option<OneOrMany<Handle>>,
    /// Where the project is in its lifecycle
    status: ProjectStatus,
    /// When the project was written down (default: the first commit of the file)
    created: Option<Date>,
    /// When it is due
    due: Option<Date>,
    /// How often it expects an update (default: `checkin` in goalpost.yml)
    checkin: Option<CadenceWord>,
    /// Free labels
    tags: Option<OneOrMany<Text>>,
    /// Key results: numbers to move from a baseline to a target
    measures: Option<Vec<MeasureFrontmatter>>,
    /// The id of the project this one rolls up into
    parent: Option<Text>,
    /// The ids of the projects this one waits for
    depends_on: Option<OneOrMany<Text>>,
}

/// A key result: a number the project means to move
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub(crate) struct MeasureFrontmatter {
    /// Unique within the project; updates report values under it
    id: ProjectId,
    /// What is measured
    name: Text,
    /// Shown after values (`%`, `ms`, `tickets`)
    unit: Option<Text>,
    /// The value when the project was agreed
    baseline: Number,
    /// Reached when a value is at or past it, from the baseline's side
    target: Number,
}

/// A goalpost update: progress, blockers and asks (updates/<date>-<author>.md)
///
/// Blockers and asks are the list items under the `## Blockers` and `## Asks`
/// headings of the body.
#[derive(JsonSchema)]
#[schemars(title = "goalpost update", deny_unknown_fields)]
pub(crate) struct UpdateFrontmatter {
    /// Who wrote the update
    author: Handle,
    /// The day the update speaks for
    date: Date,
    /// The ids of the projects it is about
    projects: OneOrMore<Text>,
    /// How the author rates the projects
    confidence: Option<ConfidenceWord>,
    /// Values for the projects' measures
    measures: Option<ReportedValues>,
}

/// A goalpost recognition (recognitions/<date>-<slug>.md): an award, kudos or
/// spot bonus, which the opportunity audit counts as `recognized`.
#[derive(JsonSchema)]
#[schemars(title = "goalpost recognition", deny_unknown_fields)]
pub(crate) struct RecognitionFrontmatter {
    /// The day it was given
    date: Date,
    /// Who was recognized
    people: OneOrMore<Handle>,
    /// Who gave it
    by: Option<Handle>,
    /// The ids of the projects it was for
    projects: Option<OneOrMany<Text>>,
    /// What kind it was, in your own word: award, kudos, spot-bonus
    kind: Option<Text>,
}

/// A goalpost decision record, MADR-compatible (decisions/<NNNN>-<slug>.md)
///
/// Every field is optional. The title is the first `#` heading of the body;
/// the number is the leading digits of the file name.
#[derive(JsonSchema)]
#[schemars(title = "goalpost decision", deny_unknown_fields)]
pub(crate) struct DecisionFrontmatter {
    /// The title, when the body has no `#` heading (MADR's Jekyll layouts)
    title: Option<Text>,
    /// Where the decision stands (default: accepted)
    status: Option<DecisionStatusWord>,
    /// When it was made (default: the date of the commit that added the file)
    date: Option<Date>,
    /// Who made the decision
    deciders: Option<OneOrMany<Handle>>,
    /// Who made the decision, as MADR 4 calls them (the same as `deciders`)
    #[schemars(rename = "decision-makers")]
    decision_makers: Option<OneOrMany<Handle>>,
    /// Whose opinion was sought
    consulted: Option<OneOrMany<Text>>,
    /// Who is kept up to date
    informed: Option<OneOrMany<Text>>,
    /// The ids of the projects it affects
    projects: Option<OneOrMany<Text>>,
    /// The numbers of the decisions it replaces
    supersedes: Option<OneOrMany<DecisionRef>>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::model::{
        DECISION_FIELDS, PROJECT_FIELDS, RECOGNITION_FIELDS, UPDATE_FIELDS,
    };

    /// Every field the reader knows is in the schema, and no other.
    #[test]
    fn schema_fields_are_the_readers_fields() {
        let config = Config::defaults(".".into());
        for (kind, fields) in [
            (SchemaKind::Project, PROJECT_FIELDS),
            (SchemaKind::Update, UPDATE_FIELDS),
            (SchemaKind::Decision, DECISION_FIELDS),
            (SchemaKind::Recognition, RECOGNITION_FIELDS),
        ] {
            let schema = schema(kind, &config, Draft::Draft2020_12).to_value();
            let mut described: Vec<&str> = schema["properties"]
                .as_object()
                .map(|p| p.keys().map(String::as_str).collect())
                .unwrap_or_default();
            described.sort_unstable();
            let mut read = fields.to_vec();
            read.sort_unstable();
            assert_eq!(described, read, "{kind:?}");
        }
    }
}
