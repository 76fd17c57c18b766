//! A measure's value written into an update's `measures:` mapping: the
//! value's bytes replaced where the update already reports it, else one
//! new line in the mapping (or the mapping as the frontmatter's last
//! field).

use chrono::NaiveDate;

use crate::document::{Document, Update, split_frontmatter};
use crate::error::Error;

use super::locate::{self, bom_len, eol_of};
use super::{Change, Plan, apply};

/// Plans `key: value` in `update`'s `measures:` for measure `id` of
/// `project`. `value` is the number as it will be written; `as_of`, when
/// the value was true (written `{ value: …, as_of: … }`).
///
/// A value reported with an `as_of` is only replaced with one: keeping the
/// old date beside a new number would date it wrongly, without a word.
pub fn report(
    text: &str,
    doc: &Document,
    update: &Update,
    project: &str,
    id: &str,
    value: &str,
    as_of: Option<NaiveDate>,
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
    let written = match as_of {
        Some(date) => format!("{{ value: {value}, as_of: {date} }}"),
        None => value.to_owned(),
    };
    let (changes, line, old) = match update.reports_of(project, id).last() {
        Some(reported) => {
            let span = reported.value.span;
            let old = reported.value.value.to_string();
            let plain = |new: &str| {
                locate::replace_scalar(text, span, new)
                    .ok_or_else(|| by_hand(span.line, "the value is not written as a plain number"))
            };
            match (&reported.as_of, as_of) {
                (Some(then), None) => {
                    return Err(Error::usage(format!(
                        "{}:{}: the value there, {old}, is as of {}; say when the new one is true",
                        doc.path, then.span.line, then.value
                    ))
                    .with_help(format!(
                        "add `--as-of YYYY-MM-DD`, e.g. `--as-of {}`",
                        update.date.as_ref().map_or(then.value, |d| d.value)
                    )));
                }
                (Some(then), Some(date)) => {
                    let (value_change, line) = plain(value)?;
                    let (date_change, _) = locate::replace_scalar(
                        text,
                        then.span,
                        &date.to_string(),
                    )
                    .ok_or_else(|| {
                        by_hand(then.span.line, "the `as_of` is not written as a plain date")
                    })?;
                    (vec![value_change, date_change], line, old)
                }
                (None, Some(_)) => {
                    // `fcr: 64` becomes `fcr: { value: 66, as_of: … }`; a
                    // long form without `as_of` is a mapping to add to.
                    if long_form(text, reported.key.span, span) {
                        return Err(by_hand(
                            span.line,
                            "the value is written as `{ value: … }` without `as_of`",
                        ));
                    }
                    let bytes = locate::bytes_of(text, span)
                        .ok_or_else(|| by_hand(span.line, "the value cannot be found"))?;
                    let change = Change {
                        start: bytes.start,
                        end: bytes.end,
                        text: written.clone(),
                    };
                    (vec![change], span.line, old)
                }
                (None, None) => {
                    let (change, line) = plain(value)?;
                    (vec![change], line, old)
                }
            }
        }
        None => match update.measures.first() {
            Some(first) => {
                let (change, line) = insert_before(text, first.key.span.line, &key, &written)
                    .ok_or_else(|| {
                        by_hand(
                            first.key.span.line,
                            "`measures:` is written on one line (`{…}`), where goalpost adds no entry",
                        )
                    })?;
                (vec![change], line, "(none)".to_owned())
            }
            None => {
                if let Some(line) = measures_key_line(text) {
                    return Err(by_hand(line, "`measures:` is there but holds no values"));
                }
                let (change, line) = append_mapping(text, &key, &written)
                    .ok_or_else(|| by_hand(1, "the frontmatter cannot be found"))?;
                (vec![change], line, "(none)".to_owned())
            }
        },
    };
    let when = as_of.map(|d| format!(" as of {d}")).unwrap_or_default();
    Ok(Plan {
        path: doc.path.clone(),
        line,
        before: text.to_owned(),
        after: apply(text, &changes),
        summary: format!("{project} {id}: {old} → {value}{when}"),
    })
}

/// Whether a reported value is written in the long form (`{ value: … }`
/// or a block mapping under its key) rather than plainly after its key.
fn long_form(text: &str, key: crate::syntax::Span, value: crate::syntax::Span) -> bool {
    if key.line != value.line {
        return true;
    }
    let (Some(start), Some(at)) = (
        locate::byte_at(text, key.line, key.column),
        locate::byte_at(text, value.line, value.column),
    ) else {
        return true;
    };
    text.get(start..at)
        .is_none_or(|between| between.contains('{'))
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
