//! Reading an update: its fields, its blockers and asks, and the words
//! under those headings that would otherwise be lost (`not-a-list`).

use super::fields::Reader;
use super::markdown::{self, Body};
use super::model::{UPDATE_FIELDS, Update, body, items, links, require};
use crate::diagnostic::Rule;
use crate::syntax::yaml::Node;
use crate::syntax::{Located, Span};
use crate::vocabulary::Confidence;

pub fn read_update(reader: &mut Reader<'_>, root: &Node) -> Update {
    let mut update = Update {
        author: None,
        date: None,
        projects: Vec::new(),
        confidence: None,
        blockers: Vec::new(),
        asks: Vec::new(),
        measures: Vec::new(),
        links: Vec::new(),
    };
    let mut measures = None;
    for (key, node) in reader.entries(root, UPDATE_FIELDS, "update") {
        let field = key.name.as_str();
        match field {
            "author" => update.author = reader.handle(field, node),
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
            // Read once the projects are known, whatever the key order.
            "measures" => measures = Some(node),
            _ => {}
        }
    }
    if let Some(node) = measures {
        update.measures = super::measure::read_reported(reader, node, &update.projects);
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
