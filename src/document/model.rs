//! The three document models, the fields each kind reads, and what reading
//! them shares; each kind's reader is in its own file.

use chrono::NaiveDate;

use super::CriterionState;
use super::fields::Reader;
use super::markdown::{self, Body, Headings, Item};
use crate::syntax::yaml::{Node, Value};
use crate::syntax::{Located, Span};
use crate::vocabulary::{Cadence, Confidence, DecisionStatus, Lifecycle};

/// One success criterion.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Criterion {
    pub text: String,
    /// What the criterion says, for matching across versions: the
    /// struck-through text of a withdrawn criterion, else its text.
    pub key: String,
    pub state: CriterionState,
    pub span: Span,
}

/// A project: a definition of done.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Project {
    /// From `id`, or the file stem.
    pub id: Located<String>,
    pub title: Option<Located<String>>,
    pub owner: Option<Located<String>>,
    pub contributors: Vec<Located<String>>,
    /// The lifecycle state `status` means; `None` when the word maps to
    /// none (or there is no `status`).
    pub status: Option<Located<Lifecycle>>,
    /// `status` as written: history reports words as well as states.
    pub status_word: Option<Located<String>>,
    pub created: Option<Located<NaiveDate>>,
    pub due: Option<Located<NaiveDate>>,
    pub checkin: Option<Located<Cadence>>,
    pub tags: Vec<Located<String>>,
    /// The first line of the body: where a missing section belongs.
    pub body: Span,
    /// `None` when the body has no criteria section.
    pub criteria_section: Option<Span>,
    pub criteria: Vec<Criterion>,
    /// Key results: numbers with a baseline and a target.
    pub measures: Vec<super::Measure>,
    /// The project this one rolls up into.
    pub parent: Option<Located<String>>,
    /// The projects this one waits for.
    pub depends_on: Vec<Located<String>>,
    pub links: Vec<Located<String>>,
}

/// An async update.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Update {
    pub author: Option<Located<String>>,
    pub date: Option<Located<NaiveDate>>,
    pub projects: Vec<Located<String>>,
    pub confidence: Option<Located<Confidence>>,
    pub blockers: Vec<Located<String>>,
    pub asks: Vec<Located<String>>,
    /// Values reported for the named projects' measures.
    pub measures: Vec<super::Reported>,
    pub links: Vec<Located<String>>,
}

impl Update {
    /// The values this update reports for measure `id` of `project`, when
    /// it names that project: a value for a project it does not name is a
    /// finding (`unknown-measure`), and counts nowhere.
    pub fn reports_of<'u>(
        &'u self,
        project: &'u str,
        id: &'u str,
    ) -> impl Iterator<Item = &'u super::Reported> {
        let names = self.projects.iter().any(|p| p.value == project);
        self.measures
            .iter()
            .filter(move |r| names && r.project.as_deref() == Some(project) && r.id == id)
    }

    /// Every value this update reports for a project it names, with that
    /// project.
    pub fn reports(&self) -> impl Iterator<Item = (&str, &super::Reported)> {
        self.measures.iter().filter_map(|r| {
            let project = r.project.as_deref()?;
            self.projects
                .iter()
                .any(|p| p.value == project)
                .then_some((project, r))
        })
    }
}

/// A decision record.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Decision {
    /// The leading digits of the file name, without leading zeros, else the stem.
    pub key: String,
    pub number: Option<u64>,
    pub title: Option<Located<String>>,
    /// A missing status means `accepted`.
    pub status: Located<DecisionStatus>,
    pub date: Option<Located<NaiveDate>>,
    pub deciders: Vec<Located<String>>,
    pub consulted: Vec<Located<String>>,
    pub informed: Vec<Located<String>>,
    pub projects: Vec<Located<String>>,
    pub supersedes: Vec<Located<String>>,
    pub links: Vec<Located<String>>,
}

/// A recognition: an award, kudos or spot bonus given to people, on a day.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Recognition {
    pub date: Option<Located<NaiveDate>>,
    /// Who was recognized.
    pub people: Vec<Located<String>>,
    /// Who gave it.
    pub by: Option<Located<String>>,
    pub projects: Vec<Located<String>>,
    /// A free word: `award`, `kudos`, `spot-bonus`.
    pub kind: Option<Located<String>>,
    pub links: Vec<Located<String>>,
}

pub(super) const RECOGNITION_FIELDS: &[&str] = &["date", "people", "by", "projects", "kind"];

pub(super) const PROJECT_FIELDS: &[&str] = &[
    "id",
    "title",
    "owner",
    "contributors",
    "status",
    "created",
    "due",
    "checkin",
    "tags",
    "measures",
    "parent",
    "depends_on",
];
pub(super) const UPDATE_FIELDS: &[&str] = &["author", "date", "projects", "confidence", "measures"];
pub(super) const DECISION_FIELDS: &[&str] = &[
    "title",
    "status",
    "date",
    "deciders",
    "decision-makers",
    "consulted",
    "informed",
    "projects",
    "supersedes",
];

pub(super) fn body<'a>(reader: &Reader<'a>) -> Body {
    let sections = &reader.config.sections;
    markdown::parse(
        reader.body(),
        Headings {
            criteria: &sections.criteria,
            blockers: &sections.blockers,
            asks: &sections.asks,
        },
    )
}

pub(super) fn links(reader: &Reader<'_>, body: &Body) -> Vec<Located<String>> {
    body.links
        .iter()
        .map(|l| Located::new(l.dest.clone(), reader.body_span(l.range.clone())))
        .collect()
}

pub(super) fn items(reader: &Reader<'_>, items: &[Item]) -> Vec<Located<String>> {
    items
        .iter()
        .map(|i| Located::new(i.text.clone(), reader.body_span(i.range.clone())))
        .collect()
}

/// The first non-blank line of the body (or the line after the frontmatter).
pub(super) fn body_line(reader: &Reader<'_>) -> Span {
    let body = reader.body();
    let skipped = body.len() - body.trim_start().len();
    let start = reader.frontmatter.body_start + skipped;
    let (line, _) = reader.source.line_col(start);
    reader.source.line_span(line)
}

/// Reports required fields that are missing: at the key when it is present
/// but empty, at the closing fence when absent. A present value that was
/// invalid has been reported already.
pub(super) fn require(
    reader: &mut Reader<'_>,
    root: &Node,
    kind: &str,
    required: &[(&str, bool, &str)],
) {
    for &(field, present, example) in required {
        if present {
            continue;
        }
        let entry = root
            .as_map()
            .and_then(|entries| entries.iter().find(|(k, _)| k.name == field));
        match entry {
            None => reader.missing(field, kind, example, None),
            Some((key, node)) if is_blank(node) => reader.missing(field, kind, example, Some(key)),
            Some(_) => {}
        }
    }
}

pub(super) fn is_blank(node: &Node) -> bool {
    match &node.value {
        Value::Null => true,
        Value::Str(s) => s.trim().is_empty(),
        Value::Seq(items) => items.is_empty(),
        _ => false,
    }
}
