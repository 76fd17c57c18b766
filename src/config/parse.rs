//! Reading `goalpost.yml` strictly: every key known, every value checked,
//! every problem collected with its position (an unknown key gets a "did
//! you mean").

use super::{Config, Level, Person};
use crate::diagnostic::Rule;
use crate::error::ConfigProblem;
use crate::suggest;
use crate::syntax::yaml::{self, Key, MappingProblem, Node, Value};
use crate::syntax::{Source, chars};
use crate::vocabulary::{Cadence, Lifecycle};

/// Reads the configuration in `node` into `config`; returns the problems.
pub(super) fn read(source: &Source, node: &Node, config: &mut Config) -> Vec<ConfigProblem> {
    let mut parser = Parser {
        source,
        problems: Vec::new(),
    };
    parser.config(node, config);
    parser.problems
}

pub(super) const TOP_KEYS: &[&str] = &[
    "paths",
    "people",
    "statuses",
    "checkin",
    "grace_days",
    "sections",
    "rules",
    "agenda",
    "decisions",
    "audit",
    "fields",
];
pub(super) const FIELDS_KEYS: &[&str] = &["id", "owner", "other"];
pub(super) const AGENDA_KEYS: &[&str] = &["questions"];
pub(super) const DECISIONS_KEYS: &[&str] = &["statuses"];
pub(super) const AUDIT_KEYS: &[&str] = &["by", "stretch_tags", "min_group"];
pub(super) const PATH_KEYS: &[&str] = &["projects", "updates", "decisions", "recognitions"];
/// The keys of a roster entry goalpost itself reads (others are kept as the
/// team's own attributes); the config schema is held to this list.
#[cfg(test)]
pub(super) const PERSON_KEYS: &[&str] = &["name", "team", "location", "email"];
pub(super) const SECTION_KEYS: &[&str] = &["criteria", "blockers", "asks"];

struct Parser<'a> {
    source: &'a Source,
    problems: Vec<ConfigProblem>,
}

impl Parser<'_> {
    fn problem(&mut self, mark: yaml::Mark, message: String, help: Option<String>) {
        let (line, column) = self.source.line_col(mark.byte_start);
        self.problems.push(ConfigProblem {
            line,
            column,
            message,
            help,
        });
    }

    /// Mapping entries with unknown and repeated keys reported (and left out).
    fn entries<'n>(
        &mut self,
        node: &'n Node,
        known: Option<&[&str]>,
        what: &str,
    ) -> Vec<&'n (Key, Node)> {
        let read = yaml::mapping(node, known);
        for problem in read.problems {
            match problem {
                MappingProblem::NotAMapping(node) => self.problem(
                    node.mark,
                    format!("{what} must be a mapping, found {}", node.value.type_name()),
                    None,
                ),
                MappingProblem::Repeated { key, .. } => {
                    self.problem(key.mark, format!("duplicate key `{}`", key.name), None);
                }
                MappingProblem::Unknown(key) => {
                    let known = known.unwrap_or_default();
                    let help = suggest::help(&key.name, known.iter().copied(), || {
                        format!("known keys: {}", known.join(", "))
                    });
                    self.problem(
                        key.mark,
                        format!("unknown key `{}` in {what}", key.name),
                        Some(help),
                    );
                }
            }
        }
        read.entries
    }

    /// Reports a name that hides characters a reader cannot see.
    fn visible(&mut self, at: &Key, text: &str, what: &str) {
        if let Some(c) = chars::hidden(text) {
            self.problem(
                at.mark,
                format!(
                    "this {what} holds an invisible or text-reordering character ({})",
                    chars::code_point(c)
                ),
                Some("retype it with visible characters only".into()),
            );
        }
    }

    fn string(&mut self, node: &Node, what: &str) -> Option<String> {
        match node.scalar_text(self.source.text()) {
            Some(text) => Some(text.trim().to_owned()),
            None => {
                self.problem(
                    node.mark,
                    format!(
                        "{what} must be a single value, found {}",
                        node.value.type_name()
                    ),
                    None,
                );
                None
            }
        }
    }

    fn list(&mut self, node: &Node, what: &str) -> Vec<String> {
        match &node.value {
            Value::Seq(items) => items.iter().filter_map(|i| self.string(i, what)).collect(),
            Value::Null => Vec::new(),
            _ => self.string(node, what).into_iter().collect(),
        }
    }

    fn config(&mut self, root: &Node, config: &mut Config) {
        for (key, node) in self.entries(root, Some(TOP_KEYS), "goalpost.yml") {
            match key.name.as_str() {
                "paths" => {
                    for (key, node) in self.entries(node, Some(PATH_KEYS), "`paths`") {
                        let globs = self.list(node, "a path glob");
                        for glob in &globs {
                            if let Err(err) = globset::Glob::new(glob) {
                                self.problem(
                                    node.mark,
                                    format!("invalid glob `{glob}`: {err}"),
                                    None,
                                );
                            } else if glob.starts_with(['/', '\\'])
                                || glob.split(['/', '\\']).any(|part| part == "..")
                                || glob.get(1..2) == Some(":")
                            {
                                self.problem(
                                    node.mark,
                                    format!("`{glob}` leads outside the repository"),
                                    Some(
                                        "paths are relative to the folder of goalpost.yml and stay inside it"
                                            .into(),
                                    ),
                                );
                            }
                        }
                        match key.name.as_str() {
                            "projects" => config.paths.projects = globs,
                            "updates" => config.paths.updates = globs,
                            "decisions" => config.paths.decisions = globs,
                            "recognitions" => config.paths.recognitions = globs,
                            _ => {}
                        }
                    }
                }
                "people" => {
                    let mut handles: Vec<&Key> = Vec::new();
                    for (handle, node) in self.entries(node, None, "`people`") {
                        self.visible(handle, &handle.name, "handle");
                        if let Some(twin) = handles
                            .iter()
                            .find(|h| chars::look_alike(&h.name, &handle.name))
                        {
                            self.problem(
                                handle.mark,
                                format!(
                                    "handle `{}` looks like `{}` (line {}) but is another person: their packets could not be told apart",
                                    handle.name,
                                    twin.name,
                                    self.source.line_col(twin.mark.byte_start).0,
                                ),
                                Some(format!(
                                    "the characters that differ are not plain letters ({}); give each person a handle that looks like no other",
                                    chars::unusual(&format!("{}{}", handle.name, twin.name))
                                )),
                            );
                        } else if let Some(twin) = handles.iter().find(|h| {
                            h.name != handle.name && h.name.eq_ignore_ascii_case(&handle.name)
                        }) {
                            self.problem(
                                handle.mark,
                                format!(
                                    "handle `{}` differs only in case from `{}` (line {}): on macOS and Windows their pages are one file, and people would mistake one for the other",
                                    handle.name,
                                    twin.name,
                                    self.source.line_col(twin.mark.byte_start).0,
                                ),
                                Some("give each person a handle that differs in more than case".to_owned()),
                            );
                        }
                        handles.push(handle);
                        let mut person = Person::default();
                        // Keys beyond the four goalpost reads are attributes
                        // of the team's own (`timezone`), for `audit --by`.
                        for (key, value) in self.entries(node, None, "a person") {
                            let value = self.string(value, &format!("`{}`", key.name));
                            if let Some(text) = &value {
                                self.visible(key, text, &key.name);
                                person.attributes.insert(key.name.clone(), text.clone());
                            }
                            match key.name.as_str() {
                                "name" => person.name = value,
                                "team" => person.team = value,
                                "location" => person.location = value,
                                "email" => person.email = value,
                                _ => {}
                            }
                        }
                        config.people.insert(handle.name.clone(), person);
                    }
                }
                "statuses" => {
                    let names: Vec<&str> = Lifecycle::ALL.iter().map(|s| s.as_str()).collect();
                    for (state_key, words) in self.entries(node, Some(&names), "`statuses`") {
                        let Some(state) = Lifecycle::ALL
                            .iter()
                            .copied()
                            .find(|s| s.as_str() == state_key.name)
                        else {
                            continue;
                        };
                        for word in self.list(words, "a status word") {
                            let lower = word.to_lowercase();
                            match config.statuses.get(&lower) {
                                Some(other) if *other != state => self.problem(
                                    words.mark,
                                    format!(
                                        "status word `{word}` cannot mean both `{}` and `{}`",
                                        other.as_str(),
                                        state.as_str()
                                    ),
                                    None,
                                ),
                                _ => {
                                    config.statuses.insert(lower, state);
                                }
                            }
                        }
                    }
                }
                "checkin" => {
                    if let Some(word) = self.string(node, "`checkin`") {
                        match Cadence::parse(&word) {
                            Some(c) => config.checkin = c,
                            None => self.problem(
                                node.mark,
                                format!("`{word}` is not a check-in cadence"),
                                Some("use weekly, biweekly, monthly, none or <N>d".into()),
                            ),
                        }
                    }
                }
                "grace_days" => match &node.value {
                    Value::Int(n) if (0..=365).contains(n) => {
                        config.grace_days = u32::try_from(*n).unwrap_or(2)
                    }
                    _ => self.problem(
                        node.mark,
                        "`grace_days` must be a whole number of days from 0 to 365".into(),
                        None,
                    ),
                },
                "sections" => {
                    for (key, node) in self.entries(node, Some(SECTION_KEYS), "`sections`") {
                        let words: Vec<String> = self.list(node, "a heading");
                        if words.is_empty() {
                            self.problem(
                                node.mark,
                                format!("`sections.{}` needs at least one heading", key.name),
                                None,
                            );
                            continue;
                        }
                        match key.name.as_str() {
                            "criteria" => config.sections.criteria = words,
                            "blockers" => config.sections.blockers = words,
                            "asks" => config.sections.asks = words,
                            _ => {}
                        }
                    }
                }
                "agenda" => {
                    for (_, node) in self.entries(node, Some(AGENDA_KEYS), "`agenda`") {
                        let questions = self.list(node, "a question");
                        if questions.is_empty() {
                            self.problem(
                                node.mark,
                                "`agenda.questions` needs at least one question".into(),
                                None,
                            );
                            continue;
                        }
                        config.agenda_questions = questions;
                    }
                }
                "audit" => {
                    for (key, node) in self.entries(node, Some(AUDIT_KEYS), "`audit`") {
                        match key.name.as_str() {
                            "by" => {
                                if let Some(by) = self.string(node, "`audit.by`") {
                                    config.audit.by = by;
                                }
                            }
                            "stretch_tags" => {
                                config.audit.stretch_tags = self.list(node, "a tag");
                            }
                            "min_group" => match &node.value {
                                Value::Int(n) if (2..=1000).contains(n) => {
                                    config.audit.min_group = usize::try_from(*n).unwrap_or(5);
                                }
                                _ => self.problem(
                                    node.mark,
                                    "`audit.min_group` must be a whole number of people from 2 to 1000: a group of one is a person"
                                        .into(),
                                    None,
                                ),
                            },
                            _ => {}
                        }
                    }
                }
                "fields" => {
                    for (key, node) in self.entries(node, Some(FIELDS_KEYS), "`fields`") {
                        let names = self.list(node, "a field name");
                        match key.name.as_str() {
                            "id" => config.fields.id = names,
                            "owner" => config.fields.owner = names,
                            "other" => config.fields.other = names,
                            _ => {}
                        }
                    }
                }
                "decisions" => {
                    for (_, node) in self.entries(node, Some(DECISIONS_KEYS), "`decisions`") {
                        config.decision_statuses = self.list(node, "a decision status");
                    }
                }
                "rules" => self.rules(node, config),
                // `entries` has reported every key it does not know.
                _ => {}
            }
        }
    }

    /// `rules:`: a severity for each rule id.
    fn rules(&mut self, node: &Node, config: &mut Config) {
        let ids: Vec<&str> = Rule::ALL.iter().map(|r| r.id()).collect();
        for (key, node) in self.entries(node, Some(&ids), "`rules`") {
            let Some(rule) = Rule::from_id(&key.name) else {
                continue;
            };
            let level = match self.string(node, "a severity").as_deref() {
                Some("error") => Level::Error,
                Some("warning") => Level::Warning,
                Some("off") => Level::Off,
                Some(other) => {
                    let help = suggest::help(other, ["error", "warning", "off"], || {
                        "use error, warning or off".to_owned()
                    });
                    self.problem(
                        node.mark,
                        format!("`{other}` is not a severity"),
                        Some(help),
                    );
                    continue;
                }
                None => continue,
            };
            config.rules.insert(rule, level);
        }
    }
}
