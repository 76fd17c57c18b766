//! Reading a project: its fields, and its success criteria from the body.

use super::CriterionState;
use super::fields::Reader;
use super::model::{Criterion, PROJECT_FIELDS, Project, body, body_line, links, require};
use crate::diagnostic::Rule;
use crate::syntax::yaml::Node;
use crate::syntax::{Located, Span};
use crate::vocabulary::Cadence;

/// Whether an id that `new project` proposes is well formed:
/// `[a-z0-9][a-z0-9-]*`.
pub fn proposable_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Whether an id in an existing document is well formed: ASCII letters,
/// digits, `-`, `_` and `.` (trackers write `BACK-4.1`), not starting with a
/// dot and never `..`, so an id is always a safe file name.
pub fn valid_id(id: &str) -> bool {
    !id.starts_with('.')
        && !id.contains("..")
        && id.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

pub fn read_project(reader: &mut Reader<'_>, root: &Node, stem: &str) -> Project {
    let mut project = Project {
        id: Located::new(stem.to_owned(), Span::START),
        title: None,
        owner: None,
        contributors: Vec::new(),
        status: None,
        status_word: None,
        created: None,
        due: None,
        checkin: None,
        tags: Vec::new(),
        body: body_line(reader),
        criteria_section: None,
        criteria: Vec::new(),
        measures: Vec::new(),
        parent: None,
        depends_on: Vec::new(),
        links: Vec::new(),
    };
    // The folder's own names for fields (`fields:` in goalpost.yml).
    let own = reader.config.fields.clone();
    let known: Vec<&str> = PROJECT_FIELDS
        .iter()
        .copied()
        .chain(
            own.id
                .iter()
                .chain(&own.owner)
                .chain(&own.other)
                .map(String::as_str),
        )
        .collect();
    let (mut id_at, mut owner_at) = (None, None);
    let mut has_id = false;
    for (key, node) in reader.entries(root, &known, "project") {
        let field = key.name.as_str();
        match field {
            "id" => {
                has_id = true;
                if let Some(id) = reader.string(field, node) {
                    if !valid_id(&id.value) {
                        reader.report(
                            Rule::InvalidValue,
                            id.span,
                            format!("`{}` is not a valid project id", id.value),
                            Some(
                                "ids use letters, digits, `-`, `_` and `.`, and start with a letter or digit"
                                    .into(),
                            ),
                        );
                    }
                    project.id = id;
                }
            }
            "title" => project.title = reader.string(field, node),
            "owner" => project.owner = reader.handle(field, node),
            "contributors" => project.contributors = reader.handles(field, node),
            "status" => {
                if let Some(word) = reader.string(field, node) {
                    project.status_word = Some(word.clone());
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
            "measures" => project.measures = super::measure::read_measures(reader, node),
            "parent" => project.parent = reader.string(field, node),
            "depends_on" => project.depends_on = reader.string_list(field, node),
            other if id_at.is_none() && own.id.iter().any(|f| f == other) => {
                id_at = Some((key, node));
            }
            other if owner_at.is_none() && own.owner.iter().any(|f| f == other) => {
                owner_at = Some((key, node));
            }
            _ => {}
        }
    }
    if let Some((key, node)) = id_at.filter(|_| !has_id)
        && let Some(id) = reader.string(&key.name, node)
    {
        if valid_id(&id.value) {
            project.id = id;
        } else {
            reader.report(
                Rule::InvalidValue,
                id.span,
                format!(
                    "`{}` is not a valid project id (from `{}`)",
                    id.value, key.name
                ),
                Some(
                    "ids use letters, digits, `-`, `_` and `.`, and start with a letter or digit"
                        .into(),
                ),
            );
        }
    }
    if project.owner.is_none()
        && let Some((key, node)) = owner_at
    {
        let written = reader.string_list(&key.name, node);
        let mut people: Vec<Located<String>> = written
            .iter()
            .flat_map(|w| {
                super::people::authors(reader.config, &w.value)
                    .into_iter()
                    .map(|h| Located::new(h, w.span))
            })
            .collect();
        if !people.is_empty() {
            project.owner = Some(people.remove(0));
            if project.contributors.is_empty() {
                project.contributors = people;
            }
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
