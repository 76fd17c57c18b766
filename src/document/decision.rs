//! Reading a decision record (MADR 1 to 4): its fields, with
//! `decision-makers` as MADR 4's name for the deciders, an open list of
//! statuses, and a title from the `#` heading or a `title:` field.

use super::fields::Reader;
use super::model::{DECISION_FIELDS, Decision, body, body_line, links};
use crate::diagnostic::Rule;
use crate::suggest;
use crate::syntax::yaml::{Key, Node};
use crate::syntax::{Located, Span};
use crate::vocabulary::{DecisionStatus, first_number};

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
    let mut title_field: Option<Located<String>> = None;
    let mut deciders_key: Option<Key> = None;
    for (key, node) in reader.entries(root, DECISION_FIELDS, "decision") {
        let field = key.name.as_str();
        match field {
            "status" => {
                if let Some(word) = reader.string(field, node) {
                    let status = DecisionStatus::parse(&word.value);
                    if let DecisionStatus::Other(other) = &status {
                        unknown_status(reader, other, word.span);
                    }
                    decision.status = Located::new(status, word.span);
                }
            }
            "date" => decision.date = reader.date(field, node),
            "title" => title_field = reader.string(field, node),
            // MADR 4 calls the deciders `decision-makers`.
            "deciders" | "decision-makers" => {
                if let Some(first) = &deciders_key {
                    let line = reader.span(first.mark).line;
                    let span = reader.span(key.mark);
                    reader.report(
                        Rule::DuplicateKey,
                        span,
                        format!(
                            "`{field}` repeats `{}` (line {line}): MADR's two names for the deciders",
                            first.name
                        ),
                        Some(format!("keep one of them: merge the lists under `{}`", first.name)),
                    );
                    continue;
                }
                deciders_key = Some(key.clone());
                decision.deciders = reader.handles(field, node);
            }
            "consulted" => decision.consulted = reader.handles(field, node),
            "informed" => decision.informed = reader.handles(field, node),
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
    match (&body.title, title_field) {
        (Some((title, range)), _) if !title.is_empty() => {
            decision.title = Some(Located::new(title.clone(), reader.body_span(range.clone())));
        }
        // MADR's Jekyll layouts put the title in the frontmatter.
        (_, Some(title)) => decision.title = Some(title),
        _ => {
            let span = body_line(reader);
            reader.report(
                Rule::MissingField,
                span,
                "this decision has no `#` title".into(),
                Some("add a level-1 heading after the frontmatter, e.g. `# Use Redis for the query cache`, or a `title:` field".into()),
            );
        }
    }
    decision.links = links(reader, &body);
    decision
}

/// `unknown-status`: a decision status beyond MADR's words that
/// `decisions.statuses` does not list either (a warning: MADR's list is open).
fn unknown_status(reader: &mut Reader<'_>, word: &str, span: Span) {
    let own = &reader.config.decision_statuses;
    if own.iter().any(|w| w.eq_ignore_ascii_case(word)) {
        return;
    }
    let known: Vec<&str> = DecisionStatus::WORDS
        .iter()
        .copied()
        .chain(own.iter().map(String::as_str))
        .collect();
    let help = suggest::help(word, known.iter().copied(), || {
        format!(
            "MADR's words are {}, or `superseded by <number>`; list a word of your own under `decisions: statuses:` in goalpost.yml",
            DecisionStatus::WORDS.join(", ")
        )
    });
    reader.report(
        Rule::UnknownStatus,
        span,
        format!("`{word}` is not a decision status goalpost knows"),
        Some(help),
    );
}
