//! A measure's value written into an update's `measures:` mapping: the
//! value's bytes replaced where the update already reports it, else one
//! new line in the mapping (or the mapping as the frontmatter's last
//! field).

use crate::document::{Document, Update, split_frontmatter};
use crate::error::Error;

use super::locate::{self, bom_len, eol_of};
use super::{Change, Plan, apply};

/// Plans `key: value` in `update`'s `measures:` for measure `id` of
/// `project`. `value` is the number as it will be written.
pub fn report(
    text: &str,
    doc: &Document,
    update: &Update,
    project: &str,
    id: &str,
    value: &str,
) -> Result<Plan, Error> {
    let key = if update.projects.len() == 1 {
        id.to_owned()
    } else {
        format!("{project}/{id}")
    };
    let by_hand = |line: u32, why: &str| {
        Error::usage(format!("{}:{line}: {why}", doc.path))
            .with_help("edit the file by hand, or report the value in an update of its own")
    };
    let (change, line, old) = match update.reports_of(project, id).last() {
        Some(reported) => {
            let span = reported.value.span;
            let (change, line) = locate::replace_scalar(text, span, value)
                .ok_or_else(|| by_hand(span.line, "the value is not written as a plain number"))?;
            (change, line, reported.value.value.to_string())
        }
        None => match update.measures.first() {
            Some(first) => {
                let (change, line) = insert_before(text, first.key.span.line, &key, value)
                    .ok_or_else(|| {
                        by_hand(
                            first.key.span.line,
                            "`measures:` is written on one line (`{…}`), where goalpost adds no entry",
                        )
                    })?;
                (change, line, "(none)".to_owned())
            }
            None => {
                if let Some(line) = measures_key_line(text) {
                    return Err(by_hand(line, "`measures:` is there but holds no values"));
                }
                let (change, line) = append_mapping(text, &key, value)
                    .ok_or_else(|| by_hand(1, "the frontmatter cannot be found"))?;
                (change, line, "(none)".to_owned())
            }
        },
    };
    Ok(Plan {
        path: doc.path.clone(),
        line,
        before: text.to_owned(),
        after: apply(text, std::slice::from_ref(&change)),
        summary: format!("{project} {id}: {old} → {value}"),
    })
}

/// A new `key: value` line before 1-based `line` (the mapping's first
/// entry), indented as it is; `None` when that entry does not start its
/// line (a flow mapping).
fn insert_before(text: &str, line: u32, key: &str, value: &str) -> Option<(Change, u32)> {
    let start = locate::byte_at(text, line, 1)?;
    let rest = &text[start..];
    let indent: String = rest.chars().take_while(|c| *c == ' ').collect();
    let after_indent = &rest[indent.len()..];
    if indent.is_empty() || after_indent.starts_with(['{', '-', '#']) {
        return None;
    }
    let eol = eol_of(text);
    Some((
        Change {
            start,
            end: start,
            text: format!("{indent}{key}: {value}{eol}"),
        },
        line,
    ))
}

/// `measures:` and one indented entry as the frontmatter's last lines; the
/// line is the entry's.
fn append_mapping(text: &str, key: &str, value: &str) -> Option<(Change, u32)> {
    let (change, line) = locate::append_lines(text, &["measures:", &format!("  {key}: {value}")])?;
    Some((change, line + 1))
}

/// The 1-based line of a top-level `measures:` key in the frontmatter.
fn measures_key_line(text: &str) -> Option<u32> {
    let bom = bom_len(text);
    let fm = split_frontmatter(&text[bom..]).ok()?;
    let yaml = &text[bom + fm.yaml.start..bom + fm.yaml.end];
    let first = text[..bom + fm.yaml.start].matches('\n').count();
    yaml.lines()
        .position(|l| {
            l.strip_prefix("measures")
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map(|i| u32::try_from(first + i + 1).unwrap_or(u32::MAX))
}
