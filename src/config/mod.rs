//! `goalpost.yml`: where the goal repository's root is, and the team's
//! settings, read strictly (an unknown key is an error with a suggestion).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

mod parse;
mod roster;
pub(crate) mod schema;
mod select;

pub use roster::{Identity, Match};
pub use select::Selector;

use crate::confine;
use crate::diagnostic::{Rule, Severity};
use crate::error::{ConfigProblem, Error};
use crate::syntax::{Source, yaml};
use crate::vocabulary::{Cadence, Lifecycle};

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
    pub recognitions: Vec<String>,
}

/// A roster entry.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Person {
    pub name: Option<String>,
    pub team: Option<String>,
    pub location: Option<String>,
    pub email: Option<String>,
    /// Every key of the entry with its value, the four above included:
    /// what `audit --by` groups people by (`timezone`, `level`, …).
    pub attributes: BTreeMap<String, String>,
}

/// `fields:`: a project folder's own names for goalpost's fields (a
/// proposal folder writes the owner `author:` and the id `eip:`), and the
/// fields of its own that are not findings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fields {
    /// Fields whose value is the project id, when `id` is absent.
    pub id: Vec<String>,
    /// Fields that name the owner (the first person) and contributors (the
    /// rest), when `owner` is absent: `Name (@handle), Name <email>`.
    pub owner: Vec<String>,
    /// The folder's other fields, accepted as they are.
    pub other: Vec<String>,
}

/// `audit:`: how the opportunity audit groups people and what it counts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Audit {
    /// The roster attribute people are grouped by.
    pub by: String,
    /// Project tags that mark a stretch assignment (compared case-insensitively).
    pub stretch_tags: Vec<String>,
    /// Groups with fewer people are listed without numbers.
    pub min_group: usize,
}

impl Default for Audit {
    fn default() -> Self {
        Self {
            by: "location".into(),
            stretch_tags: vec!["stretch".into()],
            min_group: 5,
        }
    }
}

/// Heading aliases, as written; headings match them ignoring letter case,
/// white space, a trailing `:` and a final `s`.
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
    pub(crate) statuses: HashMap<String, Lifecycle>,
    pub checkin: Cadence,
    pub grace_days: u32,
    pub sections: Sections,
    pub rules: HashMap<Rule, Level>,
    /// The questions `agenda` closes with.
    pub agenda_questions: Vec<String>,
    /// Decision statuses of the team's own, beyond MADR's words.
    pub decision_statuses: Vec<String>,
    pub audit: Audit,
    pub fields: Fields,
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
                recognitions: vec!["recognitions/**/*.md".into()],
            },
            people: BTreeMap::new(),
            statuses,
            checkin: Cadence::Days(7),
            grace_days: 2,
            sections: Sections {
                criteria: vec![
                    "Success criteria".into(),
                    "Definition of done".into(),
                    "Key results".into(),
                ],
                blockers: vec!["Blockers".into()],
                asks: vec!["Asks".into()],
            },
            rules: HashMap::new(),
            agenda_questions: DEFAULT_QUESTIONS.iter().map(|q| (*q).to_owned()).collect(),
            decision_statuses: Vec::new(),
            audit: Audit::default(),
            fields: Fields::default(),
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
        // Anything named goalpost.yml marks the root, so that a link or a
        // pipe under that name is an error rather than silently ignored.
        if let Some(dir) = start
            .ancestors()
            .find(|d| std::fs::symlink_metadata(d.join(FILE_NAME)).is_ok())
        {
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

    /// Reads `goalpost.yml`, which must be a regular file inside the
    /// repository (a link that leads out of it is not read: its contents
    /// would end up in messages, and CI logs).
    pub fn load(root: PathBuf, file: &Path) -> Result<Self, Error> {
        let real = confine::real_inside(&root, file).map_err(|escape| {
            Error::usage(format!("{} cannot be read: {escape}", file.display())).with_help(
                "make goalpost.yml a file of the repository, not a link to one elsewhere",
            )
        })?;
        if !std::fs::metadata(&real).is_ok_and(|m| m.is_file()) {
            return Err(Error::usage(format!(
                "{} is not a regular file (a folder, pipe or device), so goalpost cannot read its settings",
                file.display()
            ))
            .with_help("replace it with a YAML file, or remove it to use the defaults"));
        }
        let text = std::fs::read_to_string(&real).map_err(|source| Error::Io {
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
        let problems = parse::read(&source, &node, &mut config);
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(problems)
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

    /// `goalpost.yml` files in folders below the root (at most `depth`
    /// levels down, honouring `.gitignore`), relative to the root: other
    /// goal repositories, or the one a command run from here meant.
    pub fn nested_files(&self, depth: usize) -> Vec<PathBuf> {
        let mut found: Vec<PathBuf> = ignore::WalkBuilder::new(&self.root)
            .max_depth(Some(depth))
            .git_global(false)
            .require_git(false)
            .follow_links(false)
            .build()
            .filter_map(Result::ok)
            .filter(|e| e.depth() > 1 && e.file_name() == FILE_NAME)
            .filter_map(|e| {
                e.path()
                    .strip_prefix(&self.root)
                    .ok()
                    .map(Path::to_path_buf)
            })
            .collect();
        found.sort();
        found
    }

    /// Whether a roster is configured.
    pub fn has_roster(&self) -> bool {
        !self.people.is_empty()
    }

    /// The severity of a rule after `rules:`; `None` when switched off.
    pub fn severity(&self, rule: Rule) -> Option<Severity> {
        match self.rules.get(&rule) {
            None => Some(rule.default_severity()),
            Some(Level::Error) => Some(Severity::Error),
            Some(Level::Warning) => Some(Severity::Warning),
            Some(Level::Off) => None,
        }
    }
}
