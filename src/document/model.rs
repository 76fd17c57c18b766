//! The three document models and how each is read from its fields and body.

use chrono::NaiveDate;

use super::CriterionState;
use super::fields::Reader;
use super::markdown::{self, Body, Headings, Item};
use crate::diagnostic::Rule;
use crate::syntax::yaml::{Node, Value};
use crate::syntax::{Located, Span};
use crate::vocabulary::{Cadence, Confidence, DecisionStatus, Lifecycle, first_number};

/// One success criterion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Criterion {
    pub text: String,
    /// What the criterion says, for matching across versions: the
    /// struck-through text of a withdrawn criterion, else its text.
    pub key: String,
    pub state: CriterionState,
    pub span: Span,
}

/// A project: a definition of done.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Project {
    /// From `id`, or the file stem.
    pub id: Located<String>,
    pub title: Option<Located<String>>,
    pub owner: Option<Located<String>>,
    pub contributors: Vec<Located<String>>,
    pub status: Option<Located<Lifecycle>>,
    pub created: Option<Located<NaiveDate>>,
    pub due: Option<Located<NaiveDate>>,
    pub checkin: Option<Located<Cadence>>,
    pub tags: Vec<Located<String>>,
    /// The first line of the body: where a missing section belongs.
    pub body: Span,
    /// `None` when the body has no criteria section.
    pub criteria_section: Option<Span>,
    pub criteria: Vec<Criterion>,
    pub links: Vec<Located<String>>,
}

/// An async update.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Update {
    pub author: Option<Located<String>>,
    pub date: Option<Located<NaiveDate>>,
    pub projects: Vec<Located<String>>,
    pub confidence: Option<Located<Confidence>>,
    pub blockers: Vec<Located<String>>,
    pub asks: Vec<Located<String>>,
    pub links: Vec<Located<String>>,
}

/// A decision record.
#[derive(Clone, Debug, PartialEq, Eq)]
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
];
pub(super) const UPDATE_FIELDS: &[&str] = &["author", "date", "projects", "confidence"];
pub(super) const DECISION_FIELDS: &[&str] = &[
    "status",
    "date",
    "deciders",
    "consulted",
    "informed",
    "projects",
    "supersedes",
];

fn body<'a>(reader: &Reader<'a>) -> Body {
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

fn links(reader: &Reader<'_>, body: &Body) -> Vec<Located<String>> {
    body.links
        .iter()
        .map(|l| Located::new(l.dest.clone(), reader.body_span(l.range.clone())))
        .collect()
}

fn items(reader: &Reader<'_>, items: &[Item]) -> Vec<Located<String>> {
    items
        .iter()
        .map(|i| Located::new(i.text.clone(), reader.body_span(i.range.clone())))
        .collect()
}

/// The first non-blank line of the body (or the line after the frontmatter).
fn body_line(reader: &Reader<'_>) -> Span {
    let body = reader.body();
    let skipped = body.len() - body.trim_start().len();
    let start = reader.frontmatter.body_start + skipped;
    let (line, _) = reader.source.line_col(start);
    reader.source.line_span(line)
}

/// Whether a project id is well formed: `[a-z0-9][a-z0-9-]*`.
pub fn valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

pub fn read_project(reader: &mut Reader<'_>, root: &Node, stem: &str) -> Project {
    let mut project = Project {
        id: Located::new(stem.to_owned(), Span::START),
        title: None,
        owner: None,
        contributors: Vec::new(),
        status: None,
        created: None,
        due: None,
        checkin: None,
        tags: Vec::new(),
        body: body_line(reader),
        criteria_section: None,
        criteria: Vec::new(),
        links: Vec::new(),
    };
    for (key, node) in reader.entries(root, PROJECT_FIELDS, "project") {
        let field = key.name.as_str();
        match field {
            "id" => {
                if let Some(id) = reader.string(field, node) {
                    if !valid_id(&id.value) {
                        reader.report(
                            Rule::InvalidValue,
                            id.span,
                            format!("`{}` is not a valid project id", id.value),
                            Some(
                                "ids use lowercase letters, digits and `-`, and start with a letter or digit"
                                    .into(),
                            ),
                        );
                    }
                    project.id = id;
                }
            }
            "title" => project.title = reader.string(field, node),
            "owner" => project.owner = reader.string(field, node),
            "contributors" => project.contributors = reader.string_list(field, node),
            "status" => {
                if let Some(word) = reader.string(field, node) {
                    match reader.config.lifecycle(&word.value) {
                        Some(state) => project.status = Some(Located::new(state, word.span)),
                        None => {
                            let words = reader.config.status_words();
                            let words: Vec<&str> = words.iter().map(String::as_str).collect();
                            reader.invalid_value(field, &word, &words);
                        }
                    }
                }
            }
            "created" => project.created = reader.date(field, node),
            "due" => project.due = reader.date(field, node),
            "checkin" => {
                if let Some(word) = reader.string(field, node) {
                    match Cadence::parse(&word.value) {
                        Some(c) => project.checkin = Some(Located::new(c, word.span)),
                        None => {
                            let mut allowed = Cadence::WORDS.to_vec();
                            allowed.push("<N>d");
                            reader.invalid_value(field, &word, &allowed);
                        }
                    }
                }
            }
            "tags" => project.tags = reader.string_list(field, node),
            _ => {}
        }
    }
    require(
        reader,
        root,
        "project",
        &[
            ("title", project.title.is_some(), "<what done looks like>"),
            ("owner", project.owner.is_some(), "<person handle>"),
            ("status", project.status.is_some(), "active"),
        ],
    );

    let body = body(reader);
    if let Some(section) = &body.criteria {
        project.criteria_section = Some(reader.body_span(section.heading.clone()));
        project.criteria = section
            .items
            .iter()
            .filter_map(|item| {
                let state = item.criterion_state()?;
                let key = if state == CriterionState::Withdrawn && !item.struck_text.is_empty() {
                    item.struck_text.clone()
                } else {
                    item.text.clone()
                };
                Some(Criterion {
                    text: item.text.clone(),
                    key,
                    state,
                    span: reader.body_span(item.range.clone()),
                })
            })
            .collect();
    }
    project.links = links(reader, &body);
    project
}

/// Reports required fields that are missing: at the key when it is present
/// but empty, at the closing fence when absent. A present value that was
/// invalid has been reported already.
fn require(reader: &mut Reader<'_>, root: &Node, kind: &str, required: &[(&str, bool, &str)]) {
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

fn is_blank(node: &Node) -> bool {
    match &node.value {
        Value::Null => true,
        Value::Str(s) => s.trim().is_empty(),
        Value::Seq(items) => items.is_empty(),
        _ => false,
    }
}

pub fn read_update(reader: &mut Reader<'_>, root: &Node) -> Update {
    let mut update = Update {
        author: None,
        date: None,
        projects: Vec::new(),
        confidence: None,
        blockers: Vec::new(),
        asks: Vec::new(),
        links: Vec::new(),
    };
    for (key, node) in reader.entries(root, UPDATE_FIELDS, "update") {
        let field = key.name.as_str();
        match field {
            "author" => update.author = reader.string(field, node),
            "date" => update.date = reader.date(field, node),
            "projects" => update.projects = reader.string_list(field, node),
            "confidence" => {
                if let Some(word) = reader.string(field, node) {
                    match Confidence::parse(&word.value) {
                        Some(c) => update.confidence = Some(Located::new(c, word.span)),
                        None => reader.invalid_value(field, &word, &Confidence::WORDS),
                    }
                }
            }
            _ => {}
        }
    }
    require(
        reader,
        root,
        "update",
        &[
            ("author", update.author.is_some(), "<person handle>"),
            ("date", update.date.is_some(), "YYYY-MM-DD"),
            ("projects", !update.projects.is_empty(), "[<project id>]"),
        ],
    );
    let body = body(reader);
    update.blockers = items(reader, markdown::meaningful_items(body.blockers.as_ref()));
    update.asks = items(reader, markdown::meaningful_items(body.asks.as_ref()));
    update.links = links(reader, &body);
    not_a_list(reader, &body);
    update
}

/// `not-a-list`: words under a Blockers or Asks heading that goalpost would
/// ignore (text that is not a list item), and a level-2 heading one letter
/// away from one of those sections.
fn not_a_list(reader: &mut Reader<'_>, body: &Body) {
    let sections = &reader.config.sections;
    let lists = [
        (body.blockers.as_ref(), "blocker"),
        (body.asks.as_ref(), "ask"),
    ];
    for (section, what) in lists {
        let Some(section) = section else { continue };
        for range in &section.stray {
            let span = reader.body_span(range.clone());
            let span = Span {
                end_line: span.line,
                end_column: reader.source.line_span(span.line).end_column,
                ..span
            };
            reader.report(
                Rule::NotAList,
                span,
                format!(
                    "this text under `## {}` is not a list item, so it is not read as {} {what}",
                    section.title,
                    if what == "ask" { "an" } else { "a" }
                ),
                Some(format!(
                    "write each {what} as a list item (`- Waiting on …`), or `- None` when there is none"
                )),
            );
        }
    }
    let known: Vec<&String> = sections.blockers.iter().chain(&sections.asks).collect();
    for (heading, range) in &body.other_headings {
        let key = markdown::heading_key(heading);
        let near = known
            .iter()
            .find(|alias| strsim::levenshtein(&key, &markdown::heading_key(alias)) == 1);
        if let Some(alias) = near {
            let span = reader.body_span(range.clone());
            reader.report(
                Rule::NotAList,
                span,
                format!("`## {heading}` is not a section goalpost reads, so the list under it is ignored"),
                Some(format!("did you mean `## {alias}`?")),
            );
        }
    }
}

pub fn read_decision(reader: &mut Reader<'_>, root: &Node, stem: &str) -> Decision {
    // Only a file name that starts with its number is numbered.
    let number = stem
        .starts_with(|c: char| c.is_ascii_digit())
        .then(|| first_number(stem))
        .flatten();
    let mut decision = Decision {
        key: number.map_or_else(|| stem.to_owned(), |n| n.to_string()),
        number,
        title: None,
        status: Located::new(DecisionStatus::Accepted, reader.closing_fence()),
        date: None,
        deciders: Vec::new(),
        consulted: Vec::new(),
        informed: Vec::new(),
        projects: Vec::new(),
        supersedes: Vec::new(),
        links: Vec::new(),
    };
    for (key, node) in reader.entries(root, DECISION_FIELDS, "decision") {
        let field = key.name.as_str();
        match field {
            "status" => {
                if let Some(word) = reader.string(field, node) {
                    match DecisionStatus::parse(&word.value) {
                        Some(s) => decision.status = Located::new(s, word.span),
                        None => {
                            let mut allowed = DecisionStatus::WORDS.to_vec();
                            allowed.push("superseded by <number>");
                            reader.invalid_value(field, &word, &allowed);
                        }
                    }
                }
            }
            "date" => decision.date = reader.date(field, node),
            "deciders" => decision.deciders = reader.string_list(field, node),
            "consulted" => decision.consulted = reader.string_list(field, node),
            "informed" => decision.informed = reader.string_list(field, node),
            "projects" => decision.projects = reader.string_list(field, node),
            "supersedes" => {
                for item in reader.string_list(field, node) {
                    match first_number(&item.value) {
                        Some(n) => decision
                            .supersedes
                            .push(Located::new(n.to_string(), item.span)),
                        None => reader.report(
                            Rule::InvalidValue,
                            item.span,
                            format!("`{}` is not a decision number", item.value),
                            Some("list the numbers of the decisions this one replaces, e.g. `supersedes: [3]`".into()),
                        ),
                    }
                }
            }
            _ => {}
        }
    }
    let body = body(reader);
    match &body.title {
        Some((title, range)) if !title.is_empty() => {
            decision.title = Some(Located::new(title.clone(), reader.body_span(range.clone())));
        }
        _ => {
            let span = body_line(reader);
            reader.report(
                Rule::MissingField,
                span,
                "this decision has no `#` title".into(),
                Some("add a level-1 heading after the frontmatter, e.g. `# Use Redis for the query cache`".into()),
            );
        }
    }
    decision.links = links(reader, &body);
    decision
}
