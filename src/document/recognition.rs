//! Reading a recognition: who was recognized, when, by whom, for which
//! projects. The audit counts the people it names (`recognized`).

use super::fields::Reader;
use super::model::{RECOGNITION_FIELDS, Recognition, body, links, require};
use crate::syntax::yaml::Node;

pub fn read_recognition(reader: &mut Reader<'_>, root: &Node) -> Recognition {
    let mut recognition = Recognition {
        date: None,
        people: Vec::new(),
        by: None,
        projects: Vec::new(),
        kind: None,
        links: Vec::new(),
    };
    for (key, node) in reader.entries(root, RECOGNITION_FIELDS, "recognition") {
        let field = key.name.as_str();
        match field {
            "date" => recognition.date = reader.date(field, node),
            "people" => recognition.people = reader.string_list(field, node),
            "by" => recognition.by = reader.handle(field, node),
            "projects" => recognition.projects = reader.string_list(field, node),
            "kind" => recognition.kind = reader.string(field, node),
            _ => {}
        }
    }
    require(
        reader,
        root,
        "recognition",
        &[
            ("date", recognition.date.is_some(), "YYYY-MM-DD"),
            (
                "people",
                !recognition.people.is_empty(),
                "[<person handle>]",
            ),
        ],
    );
    let body = body(reader);
    recognition.links = links(reader, &body);
    recognition
}
