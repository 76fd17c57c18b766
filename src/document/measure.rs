//! Measures (key results): numbers a project means to move from a baseline
//! to a target, defined in its frontmatter, and the values updates report
//! for them (docs/metrics.md, "Measures").

use chrono::NaiveDate;

use super::fields::Reader;
use super::project::valid_id;
use crate::diagnostic::Rule;
use crate::syntax::yaml::{Node, Value};
use crate::syntax::{Decimal, Located, Span};

/// The fields of one measure.
const MEASURE_FIELDS: &[&str] = &["id", "name", "unit", "baseline", "target"];
/// The fields of a value reported as a mapping.
const VALUE_FIELDS: &[&str] = &["value", "as_of", "note"];
/// What every help about a number that is not one says.
const NUMBER_HELP: &str = "write the number; the unit is the project's";

/// A measure a project defines.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Measure {
    pub id: Located<String>,
    pub name: Option<Located<String>>,
    pub unit: Option<String>,
    pub baseline: Option<Located<Decimal>>,
    pub target: Option<Located<Decimal>>,
    /// The measure's entry in the list.
    pub span: Span,
}

impl Measure {
    /// Whether `value` is at or past the target, in the direction from the
    /// baseline to the target; `None` when either is missing.
    pub fn reached(&self, value: Decimal) -> Option<bool> {
        let (baseline, target) = (self.baseline.as_ref()?.value, self.target.as_ref()?.value);
        Some(if target >= baseline {
            value >= target
        } else {
            value <= target
        })
    }

    /// (value − baseline) / (target − baseline), unclamped, to 3 decimals.
    pub fn progress(&self, value: Decimal) -> Option<Decimal> {
        let (baseline, target) = (self.baseline.as_ref()?.value, self.target.as_ref()?.value);
        value.minus(baseline).ratio(target.minus(baseline), 3)
    }
}

/// A value an update reports for a measure.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Reported {
    /// The project, from `project/id` or the update's one project; `None`
    /// when the update names several and the key does not say which.
    pub project: Option<String>,
    /// The measure's id.
    pub id: String,
    /// The key as written.
    pub key: Located<String>,
    pub value: Located<Decimal>,
    /// When the value was true; the update's date when not given.
    pub as_of: Option<Located<NaiveDate>>,
    pub note: Option<String>,
}

/// A value as people read it, with its unit: `68%`, `45 tickets`, `4.4`
/// (a unit that starts with a letter or digit is set off by a space).
pub fn with_unit(value: &str, unit: Option<&str>) -> String {
    let unit = unit.unwrap_or_default();
    let space = if unit.starts_with(char::is_alphanumeric) {
        " "
    } else {
        ""
    };
    format!("{value}{space}{unit}")
}

/// Reads a project's `measures:`, a list of mappings.
pub fn read_measures(reader: &mut Reader<'_>, node: &Node) -> Vec<Measure> {
    let items = match &node.value {
        Value::Null => return Vec::new(),
        Value::Seq(items) => items,
        _ => {
            reader.wrong_type("measures", node, "a list of measures (`- id: …`)");
            return Vec::new();
        }
    };
    let mut out: Vec<Measure> = Vec::new();
    for item in items {
        if !matches!(item.value, Value::Map(_)) {
            reader.wrong_type(
                "measures",
                item,
                "a list of mappings with `id`, `name`, `baseline` and `target`",
            );
            continue;
        }
        let span = reader.span(item.mark);
        let mut measure = Measure {
            id: Located::new(String::new(), span),
            name: None,
            unit: None,
            baseline: None,
            target: None,
            span,
        };
        let mut has_id = false;
        // A field written but invalid has been reported already.
        let mut written: Vec<&str> = Vec::new();
        for (key, value) in reader.entries(item, MEASURE_FIELDS, "measure") {
            if !super::model::is_blank(value) {
                written.push(key.name.as_str());
            }
            match key.name.as_str() {
                "id" => {
                    if let Some(id) = reader.string("id", value) {
                        if !valid_id(&id.value) {
                            reader.report(
                                Rule::InvalidValue,
                                id.span,
                                format!("`{}` is not a valid measure id", id.value),
                                Some("ids use letters, digits, `-`, `_` and `.`, and start with a letter or digit".into()),
                            );
                        }
                        measure.id = id;
                        has_id = true;
                    }
                }
                "name" => measure.name = reader.string("name", value),
                "unit" => measure.unit = reader.string("unit", value).map(|u| u.value),
                "baseline" => measure.baseline = number(reader, "baseline", value),
                "target" => measure.target = number(reader, "target", value),
                _ => {}
            }
        }
        for (field, present, example) in [
            ("id", has_id, "<slug>"),
            ("name", measure.name.is_some(), "<what is measured>"),
            ("baseline", measure.baseline.is_some(), "<the value today>"),
            (
                "target",
                measure.target.is_some(),
                "<the value that means done>",
            ),
        ] {
            if !present && !written.contains(&field) {
                reader.report(
                    Rule::MissingField,
                    span,
                    format!("this measure has no `{field}`"),
                    Some(format!("add `{field}: {example}` to it")),
                );
            }
        }
        if let (Some(baseline), Some(target)) = (&measure.baseline, &measure.target)
            && baseline.value == target.value
        {
            reader.report(
                Rule::InvalidValue,
                target.span,
                format!(
                    "the target of `{}` equals its baseline, so no value can move toward it",
                    measure.id.value
                ),
                Some("set the target to the value that means done".into()),
            );
        }
        // A measure without an id cannot be reported: it is left out.
        if !has_id {
            continue;
        }
        if let Some(first) = out.iter().find(|m| m.id.value == measure.id.value) {
            reader.report(
                Rule::DuplicateId,
                measure.id.span,
                format!(
                    "two measures of this project are `{}` (first on line {})",
                    measure.id.value, first.id.span.line
                ),
                Some("give each measure its own id".into()),
            );
            continue;
        }
        out.push(measure);
    }
    out
}

/// Reads an update's `measures:`, a mapping from `id` (or `project/id`)
/// to a number or `{ value, as_of, note }`. `projects` are those the
/// update names, for keys that do not say which.
pub fn read_reported(
    reader: &mut Reader<'_>,
    node: &Node,
    projects: &[Located<String>],
) -> Vec<Reported> {
    if !matches!(node.value, Value::Map(_) | Value::Null) {
        reader.wrong_type(
            "measures",
            node,
            "a mapping of measure ids to values (`fcr: 64.5`)",
        );
        return Vec::new();
    }
    let mut out = Vec::new();
    for (key, value) in reader.any_entries(node, "update's measures") {
        let key = Located::new(key.name.trim().to_owned(), reader.span(key.mark));
        let (project, id) = match key.value.split_once('/') {
            Some((project, id)) => (Some(project.trim().to_owned()), id.trim().to_owned()),
            None => (None, key.value.clone()),
        };
        let project = match (project, projects) {
            (Some(p), _) => Some(p),
            (None, [only]) => Some(only.value.clone()),
            (None, []) => None,
            (None, _) => {
                let example = projects[0].value.as_str();
                reader.report(
                    Rule::InvalidValue,
                    key.span,
                    format!("this update names several projects, so `{id}` does not say whose measure it is"),
                    Some(format!("write `<project>/{id}`, e.g. `{example}/{id}`")),
                );
                continue;
            }
        };
        let (number_node, as_of, note) = match &value.value {
            Value::Map(_) => {
                let mut number_node = None;
                let (mut as_of, mut note) = (None, None);
                for (k, v) in reader.entries(value, VALUE_FIELDS, "measure value") {
                    match k.name.as_str() {
                        "value" => number_node = Some(v),
                        "as_of" => as_of = reader.date("as_of", v),
                        "note" => note = reader.string("note", v).map(|n| n.value),
                        _ => {}
                    }
                }
                let Some(number_node) = number_node else {
                    reader.report(
                        Rule::MissingField,
                        key.span,
                        format!("the report of `{}` has no `value`", key.value),
                        Some("add `value: <number>`".into()),
                    );
                    continue;
                };
                (number_node, as_of, note)
            }
            _ => (value, None, None),
        };
        let Some(number) = number(reader, &key.value, number_node) else {
            continue;
        };
        out.push(Reported {
            project,
            id,
            key,
            value: number,
            as_of,
            note,
        });
    }
    out
}

/// A number, exactly as written; anything else is a finding.
fn number(reader: &mut Reader<'_>, field: &str, node: &Node) -> Option<Located<Decimal>> {
    match &node.value {
        Value::Null => None,
        Value::Seq(_) | Value::Map(_) | Value::Bool(_) => {
            reader.wrong_type(field, node, "a number");
            None
        }
        _ => {
            let text = reader.string(field, node)?;
            match Decimal::parse(&text.value) {
                Some(n) => Some(Located::new(n, text.span)),
                None => {
                    reader.report(
                        Rule::InvalidType,
                        text.span,
                        format!("`{field}` must be a number, found `{}`", text.value),
                        Some(NUMBER_HELP.into()),
                    );
                    None
                }
            }
        }
    }
}
