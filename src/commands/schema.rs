//! `goalpost schema`: JSON Schemas of the frontmatter of each document kind
//! and of `goalpost.yml`, for editors and frontmatter-aware tools.
//!
//! The schemas say what `check` says about a single document: a frontmatter
//! is valid for the schema exactly when `check` reports no `missing-field`,
//! `unknown-field`, `invalid-type`, `invalid-value`, `invalid-date` or
//! `unknown-person` finding in it (an integration test holds the two to
//! that). So scalars are accepted where `check` accepts them (a title may be
//! `2027`), words are matched case-insensitively where `check` matches them
//! so, and the repository's own status words and roster are part of the
//! schema.
//!
//! The shapes are described once, as marker types with their own schemas;
//! the structs below derive the schema of each kind from them, with their
//! doc comments as descriptions.

#![allow(dead_code)] // The structs below are never built; they describe.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde_json::{Value, json};

use crate::cli::GlobalArgs;
use crate::commands::{self, ExitStatus, Output};
use crate::config::Config;
use crate::diagnostic::Rule;
use crate::error::Error;
use crate::vocabulary::{Cadence, Confidence, DecisionStatus};

/// Print the JSON Schema of a document kind or of goalpost.yml
///
/// The schema describes the YAML frontmatter of a project, update or
/// decision, or the configuration file, and agrees with `goalpost check`:
/// what the schema accepts, check accepts. Inside a goal repository the
/// schema includes its own status words and, when goalpost.yml has a
/// roster, its people; regenerate it after changing goalpost.yml.
///
/// Examples:
///   goalpost schema project > .goalpost/schemas/project.json
///   goalpost schema config > .goalpost/schemas/config.json
///   goalpost schema update --draft 7 > .goalpost/schemas/update.json
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct SchemaArgs {
    /// What to describe
    #[arg(value_enum, value_name = "KIND")]
    pub kind: SchemaKind,
    /// The JSON Schema version to write (7 suits tools built on ajv's defaults)
    #[arg(long, value_enum, default_value = "2020-12", value_name = "VERSION")]
    pub draft: Draft,
}

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
    /// goalpost.yml
    Config,
}

pub fn run(
    global: &GlobalArgs,
    args: &SchemaArgs,
    io: &mut Output<'_>,
) -> Result<ExitStatus, Error> {
    let config = if args.kind == SchemaKind::Config {
        // The schema of goalpost.yml does not depend on it, and must not
        // fail because the file being edited is broken.
        Config::defaults(PathBuf::from("."))
    } else {
        match commands::config(global) {
            Ok(config) => config,
            // Outside any repository the defaults describe what `check` accepts.
            Err(Error::NoRepository { start }) => Config::defaults(start),
            Err(e) => return Err(e),
        }
    };
    let schema = schema(args.kind, &config, args.draft);
    serde_json::to_writer_pretty(&mut *io.out, &schema).map_err(std::io::Error::from)?;
    writeln!(io.out)?;
    Ok(ExitStatus::Success)
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

/// A word from a fixed list, case-insensitive and ignoring surrounding
/// spaces, as `check` reads it: the list for completion, a pattern to match.
fn words_schema(description: &str, words: &[&str]) -> Value {
    json!({
        "description": description,
        "anyOf": [
            {"enum": words},
            {"type": "string", "pattern": format!("^\\s*(?:{})\\s*$", any_case(words))},
        ],
    })
}

/// A regular expression alternation matching each word in any letter case.
fn any_case(words: &[&str]) -> String {
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

/// Declares marker types whose schema is given by a JSON literal.
macro_rules! shapes {
    ($( $(#[$doc:meta])* $name:ident => $schema:tt; )*) => {$(
        $(#[$doc])*
        #[derive(Default)]
        struct $name;

        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!($schema)
            }
        }
    )*};
}

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
    /// A person's handle. With a roster, replaced by its handles.
    Handle => {
        "description": "A person's handle",
        "type": ["string", "number", "boolean"],
        "pattern": "\\S",
    };
    /// A project id, as `document::valid_id` accepts it.
    ProjectId => {
        "description": "Lowercase letters, digits and `-`, starting with a letter or digit",
        "anyOf": [
            {"type": "string", "pattern": "^\\s*[a-z0-9][a-z0-9-]*\\s*$"},
            {"type": "integer", "minimum": 0},
            {"type": "boolean"},
        ],
    };
    /// A real calendar date.
    Date => {
        "description": "A date, YYYY-MM-DD",
        "type": "string",
        "format": "date",
        "pattern": "^\\s*[0-9]{4}-[0-9]{2}-[0-9]{2}\\s*$",
    };
    /// Replaced by the repository's status words.
    ProjectStatus => {};
    /// A decision number, or text holding one (`0003`, `decision 3`).
    DecisionRef => {
        "description": "The number of a decision",
        "type": ["number", "string"],
        "pattern": "[0-9]",
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
struct CadenceWord;

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
        let words = any_case(&DecisionStatus::WORDS);
        let successor = any_case(&["superseded by"]);
        json_schema!({
            "description": "proposed, accepted, rejected, deprecated, superseded, or \"superseded by <number>\" (default: accepted)",
            "anyOf": [
                {"enum": DecisionStatus::WORDS},
                {"type": "string", "pattern": format!("^\\s*(?:(?:{words})\\s*$|{successor})")},
            ],
        })
    }
}

/// One value, or a list of them.
struct OneOrMany<T>(T);

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
struct OneOrMore<T>(T);

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

/// A goalpost project: a definition of done (projects/<id>.md)
///
/// The success criteria are the task-list items under the `## Success
/// criteria` heading of the body.
#[derive(JsonSchema)]
#[schemars(title = "goalpost project", deny_unknown_fields)]
struct ProjectFrontmatter {
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
}

/// A goalpost update: progress, blockers and asks (updates/<date>-<author>.md)
///
/// Blockers and asks are the list items under the `## Blockers` and `## Asks`
/// headings of the body.
#[derive(JsonSchema)]
#[schemars(title = "goalpost update", deny_unknown_fields)]
struct UpdateFrontmatter {
    /// Who wrote the update
    author: Handle,
    /// The day the update speaks for
    date: Date,
    /// The ids of the projects it is about
    projects: OneOrMore<Text>,
    /// How the author rates the projects
    confidence: Option<ConfidenceWord>,
}

/// A goalpost decision record, MADR-compatible (decisions/<NNNN>-<slug>.md)
///
/// Every field is optional. The title is the first `#` heading of the body;
/// the number is the leading digits of the file name.
#[derive(JsonSchema)]
#[schemars(title = "goalpost decision", deny_unknown_fields)]
struct DecisionFrontmatter {
    /// Where the decision stands (default: accepted)
    status: Option<DecisionStatusWord>,
    /// When it was made (default: the date of the commit that added the file)
    date: Option<Date>,
    /// Who made the decision
    deciders: Option<OneOrMany<Handle>>,
    /// Whose opinion was sought
    consulted: Option<OneOrMany<Text>>,
    /// Who is kept up to date
    informed: Option<OneOrMany<Text>>,
    /// The ids of the projects it affects
    projects: Option<OneOrMany<Text>>,
    /// The numbers of the decisions it replaces
    supersedes: Option<OneOrMany<DecisionRef>>,
}

/// goalpost.yml: the goal repository's configuration
///
/// Every key is optional; unknown keys are errors.
#[derive(JsonSchema)]
#[schemars(title = "goalpost.yml", deny_unknown_fields)]
struct ConfigFile {
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
}

#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
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

impl<T: Default> Default for OneOrMore<T> {
    fn default() -> Self {
        OneOrMore(T::default())
    }
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
