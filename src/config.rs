//! `goalpost.yml`: where the goal repository's root is, and the team's
//! settings, read strictly (an unknown key is an error with a suggestion).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use crate::document::yaml::{self, Key, Node, Value};
use crate::document::{Cadence, Lifecycle, Source};
use crate::error::{ConfigProblem, Error};
use crate::rules::Rule;
use crate::suggest::did_you_mean;

/// The name of the configuration file, which also marks the root.
pub const FILE_NAME: &str = "goalpost.yml";

/// Per-rule severity from `rules:`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Error,
    Warning,
    Off,
}

/// The folders (globs) of each kind, relative to the root.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paths {
    pub projects: Vec<String>,
    pub updates: Vec<String>,
    pub decisions: Vec<String>,
}

/// A roster entry.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Person {
    pub name: Option<String>,
    pub team: Option<String>,
    pub location: Option<String>,
    pub email: Option<String>,
}

/// Heading aliases, lower-cased.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sections {
    pub criteria: Vec<String>,
    pub blockers: Vec<String>,
    pub asks: Vec<String>,
}

/// The goal repository's settings.
#[derive(Clone, Debug)]
pub struct Config {
    /// The folder holding `goalpost.yml`, or the git work tree root.
    pub root: PathBuf,
    /// The configuration file, when there is one.
    pub file: Option<PathBuf>,
    pub paths: Paths,
    /// Empty when no roster is configured.
    pub people: BTreeMap<String, Person>,
    /// Lower-cased status word → lifecycle state.
    statuses: HashMap<String, Lifecycle>,
    pub checkin: Cadence,
    pub grace_days: u32,
    pub sections: Sections,
    pub rules: HashMap<Rule, Level>,
    /// The questions `agenda` closes with.
    pub agenda_questions: Vec<String>,
}

/// The questions a 1:1 agenda asks by default: about support, not status.
pub const DEFAULT_QUESTIONS: &[&str] = &[
    "What is standing in your way?",
    "What would help most this week?",
    "Is there a decision you are waiting on, from me or from anyone else?",
    "Is anything on your plate that should not be?",
];

impl Config {
    /// The defaults, rooted at `root`.
    pub fn defaults(root: PathBuf) -> Self {
        let statuses = Lifecycle::ALL
            .iter()
            .map(|s| (s.as_str().to_owned(), *s))
            .collect();
        Self {
            root,
            file: None,
            paths: Paths {
                projects: vec!["projects/**/*.md".into()],
                updates: vec!["updates/**/*.md".into()],
                decisions: vec!["decisions/**/*.md".into()],
            },
            people: BTreeMap::new(),
            statuses,
            checkin: Cadence::Days(7),
            grace_days: 2,
            sections: Sections {
                criteria: vec![
                    "success criteria".into(),
                    "definition of done".into(),
                    "key results".into(),
                ],
                blockers: vec!["blockers".into()],
                asks: vec!["asks".into()],
            },
            rules: HashMap::new(),
            agenda_questions: DEFAULT_QUESTIONS.iter().map(|q| (*q).to_owned()).collect(),
        }
    }

    /// Finds the root by walking up from `start` and reads the configuration.
    ///
    /// The root is the nearest folder holding `goalpost.yml`; without one, the
    /// git work tree root; without either, `start` itself when it was given
    /// explicitly (`--repo`).
    pub fn discover(start: &Path, explicit: bool) -> Result<Self, Error> {
        let start = start.canonicalize().map_err(|source| Error::Io {
            path: start.to_path_buf(),
            source,
        })?;
        if let Some(dir) = start.ancestors().find(|d| d.join(FILE_NAME).is_file()) {
            return Self::load(dir.to_path_buf(), &dir.join(FILE_NAME));
        }
        if let Some(dir) = start.ancestors().find(|d| d.join(".git").exists()) {
            return Ok(Self::defaults(dir.to_path_buf()));
        }
        if explicit {
            return Ok(Self::defaults(start));
        }
        Err(Error::NoRepository { start })
    }

    /// Reads `goalpost.yml`.
    pub fn load(root: PathBuf, file: &Path) -> Result<Self, Error> {
        let text = std::fs::read_to_string(file).map_err(|source| Error::Io {
            path: file.to_path_buf(),
            source,
        })?;
        let mut config = Self::parse(root, &text).map_err(|problems| Error::Config {
            path: file.to_path_buf(),
            problems,
        })?;
        config.file = Some(file.to_path_buf());
        Ok(config)
    }

    /// Parses configuration text; every problem is collected.
    pub fn parse(root: PathBuf, text: &str) -> Result<Self, Vec<ConfigProblem>> {
        let mut config = Self::defaults(root);
        let source = Source::new(text.to_owned());
        let node = yaml::parse(source.text()).map_err(|err| {
            let (line, column) = err.mark.map_or((1, 1), |m| (m.line, m.column));
            vec![ConfigProblem {
                line,
                column,
                message: format!("invalid YAML: {}", err.message),
                help: None,
            }]
        })?;
        let mut parser = Parser {
            source: &source,
            problems: Vec::new(),
        };
        parser.config(&node, &mut config);
        if parser.problems.is_empty() {
            Ok(config)
        } else {
            Err(parser.problems)
        }
    }

    /// The lifecycle state a status word means, case-insensitively.
    pub fn lifecycle(&self, word: &str) -> Option<Lifecycle> {
        self.statuses.get(&word.trim().to_lowercase()).copied()
    }

    /// Every accepted status word, sorted.
    pub fn status_words(&self) -> Vec<String> {
        let mut words: Vec<String> = self.statuses.keys().cloned().collect();
        words.sort();
        words
    }

    /// The teams the roster names.
    pub fn teams(&self) -> std::collections::BTreeSet<&str> {
        self.people
            .values()
            .filter_map(|p| p.team.as_deref())
            .collect()
    }

    /// The handles of a team's members.
    pub fn members<'a>(&'a self, team: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.people
            .iter()
            .filter(move |(_, p)| p.team.as_deref() == Some(team))
            .map(|(handle, _)| handle.as_str())
    }

    /// Whether a roster is configured.
    pub fn has_roster(&self) -> bool {
        !self.people.is_empty()
    }

    /// The severity of a rule after `rules:`; `None` when switched off.
    pub fn severity(&self, rule: Rule) -> Option<crate::diagnostic::Severity> {
        use crate::diagnostic::Severity;
        match self.rules.get(&rule) {
            None => Some(rule.default_severity()),
            Some(Level::Error) => Some(Severity::Error),
            Some(Level::Warning) => Some(Severity::Warning),
            Some(Level::Off) => None,
        }
    }
}

const TOP_KEYS: &[&str] = &[
    "paths",
    "people",
    "statuses",
    "checkin",
    "grace_days",
    "sections",
    "rules",
    "agenda",
];
const AGENDA_KEYS: &[&str] = &["questions"];
const PATH_KEYS: &[&str] = &["projects", "updates", "decisions"];
const PERSON_KEYS: &[&str] = &["name", "team", "location", "email"];
const SECTION_KEYS: &[&str] = &["criteria", "blockers", "asks"];

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

    /// Mapping entries with unknown and repeated keys reported.
    fn entries<'n>(
        &mut self,
        node: &'n Node,
        known: Option<&[&str]>,
        what: &str,
    ) -> Vec<&'n (Key, Node)> {
        let entries = match &node.value {
            Value::Map(entries) => entries.as_slice(),
            Value::Null => &[],
            other => {
                self.problem(
                    node.mark,
                    format!("{what} must be a mapping, found {}", other.type_name()),
                    None,
                );
                &[]
            }
        };
        let mut kept: Vec<&(Key, Node)> = Vec::new();
        for (entry, first) in entries.iter().zip(yaml::repeated_keys(entries)) {
            let key = &entry.0;
            if first.is_some() {
                self.problem(key.mark, format!("duplicate key `{}`", key.name), None);
                continue;
            }
            if let Some(known) = known
                && !known.contains(&key.name.as_str())
            {
                let help = did_you_mean(&key.name, known.iter().copied())
                    .map(|s| format!("did you mean `{s}`?"))
                    .unwrap_or_else(|| format!("known keys: {}", known.join(", ")));
                self.problem(
                    key.mark,
                    format!("unknown key `{}` in {what}", key.name),
                    Some(help),
                );
                continue;
            }
            kept.push(entry);
        }
        kept
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
                            _ => {}
                        }
                    }
                }
                "people" => {
                    for (handle, node) in self.entries(node, None, "`people`") {
                        let mut person = Person::default();
                        for (key, value) in self.entries(node, Some(PERSON_KEYS), "a person") {
                            let value = self.string(value, &format!("`{}`", key.name));
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
                        let words: Vec<String> = self
                            .list(node, "a heading")
                            .iter()
                            .map(|w| w.to_lowercase())
                            .collect();
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
                    let help = did_you_mean(other, ["error", "warning", "off"]).map_or_else(
                        || "use error, warning or off".to_owned(),
                        |s| format!("did you mean `{s}`?"),
                    );
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
