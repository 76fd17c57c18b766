//! Typed reading of frontmatter fields from the YAML node tree, turning every
//! problem into a positioned finding instead of stopping at the first one.

use chrono::NaiveDate;

use super::Frontmatter;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Rule};
use crate::suggest;
use crate::syntax::yaml::{self, Key, MappingProblem, Mark, Node, Value};
use crate::syntax::{Located, Source, Span, chars, parse_date};

/// Reads fields of one document and collects its findings.
pub struct Reader<'a> {
    pub path: &'a str,
    pub source: &'a Source,
    pub frontmatter: &'a Frontmatter,
    pub config: &'a Config,
    pub out: &'a mut Vec<Diagnostic>,
}

impl<'a> Reader<'a> {
    pub fn new(
        path: &'a str,
        source: &'a Source,
        frontmatter: &'a Frontmatter,
        config: &'a Config,
        out: &'a mut Vec<Diagnostic>,
    ) -> Self {
        Self {
            path,
            source,
            frontmatter,
            config,
            out,
        }
    }

    /// The span in the file of a YAML mark.
    pub fn span(&self, mark: Mark) -> Span {
        let start = self.frontmatter.yaml.start + mark.byte_start;
        let mut end = start + mark.byte_len;
        // Block collections span several lines; point at their first line only.
        if let Some(nl) = self
            .source
            .text()
            .get(start..end)
            .and_then(|s| s.find('\n'))
        {
            end = start + nl;
        }
        let text = self.source.text();
        let end = end.min(text.len());
        let trimmed_end = start + text.get(start..end).map_or(0, |s| s.trim_end().len());
        self.source.span(start, trimmed_end.max(start))
    }

    /// The span of a whole body range (offsets relative to the body).
    pub fn body_span(&self, range: std::ops::Range<usize>) -> Span {
        let base = self.frontmatter.body_start;
        self.source.span(base + range.start, base + range.end)
    }

    /// The closing fence of the frontmatter: where a missing field belongs.
    pub fn closing_fence(&self) -> Span {
        let (line, _) = self.source.line_col(self.frontmatter.yaml.end);
        self.source.line_span(line)
    }

    pub fn body(&self) -> &'a str {
        &self.source.text()[self.frontmatter.body_start..]
    }

    pub fn report(&mut self, rule: Rule, span: Span, message: String, help: Option<String>) {
        self.out
            .push(Diagnostic::new(rule, self.path, span, message).with_help_opt(help));
    }

    /// The entries of the top-level mapping, first occurrence of each known
    /// key. Repeated keys are reported; unknown keys are reported with a
    /// suggestion.
    pub fn entries<'n>(
        &mut self,
        root: &'n Node,
        known: &[&str],
        kind: &str,
    ) -> Vec<&'n (Key, Node)> {
        self.mapping(root, Some(known), kind)
    }

    /// The entries of a mapping whose keys are the writer's own (an
    /// update's measure ids), first occurrence of each; repeated keys are
    /// reported.
    pub fn any_entries<'n>(&mut self, root: &'n Node, kind: &str) -> Vec<&'n (Key, Node)> {
        self.mapping(root, None, kind)
    }

    fn mapping<'n>(
        &mut self,
        root: &'n Node,
        known: Option<&[&str]>,
        kind: &str,
    ) -> Vec<&'n (Key, Node)> {
        let read = yaml::mapping(root, known);
        for problem in read.problems {
            match problem {
                MappingProblem::NotAMapping(node) => {
                    let span = self.span(node.mark);
                    self.report(
                        Rule::InvalidType,
                        span,
                        format!(
                            "the frontmatter must be a mapping of fields, found {}",
                            node.value.type_name()
                        ),
                        Some("write one `field: value` per line between the `---` lines".into()),
                    );
                }
                MappingProblem::Repeated { key, first } => {
                    let span = self.span(key.mark);
                    let first_line = self.span(first.mark).line;
                    self.report(
                        Rule::DuplicateKey,
                        span,
                        format!(
                            "duplicate key `{}` (first defined on line {first_line})",
                            key.name
                        ),
                        Some(format!("remove one of the two `{}` entries", key.name)),
                    );
                }
                MappingProblem::Unknown(key) => {
                    let span = self.span(key.mark);
                    let a = if kind.starts_with(['a', 'e', 'i', 'o', 'u']) {
                        "an"
                    } else {
                        "a"
                    };
                    let known = known.unwrap_or_default();
                    let help = suggest::help(&key.name, known.iter().copied(), || {
                        format!("fields of {a} {kind}: {}", known.join(", "))
                    });
                    self.report(
                        Rule::UnknownField,
                        span,
                        format!("unknown field `{}` in {a} {kind}", key.name),
                        Some(help),
                    );
                }
            }
        }
        read.entries
    }

    /// Reports a required field that is absent (or empty).
    pub fn missing(&mut self, field: &str, kind: &str, example: &str, at: Option<&Key>) {
        let span = at.map_or_else(|| self.closing_fence(), |k| self.span(k.mark));
        let message = if at.is_some() {
            format!("required field `{field}` is empty")
        } else {
            format!("required field `{field}` is missing from this {kind}")
        };
        self.report(
            Rule::MissingField,
            span,
            message,
            Some(format!("add `{field}: {example}` to the frontmatter")),
        );
    }

    /// A scalar as text. Null means absent; a list or mapping is reported.
    pub fn string(&mut self, field: &str, node: &Node) -> Option<Located<String>> {
        match &node.value {
            Value::Null => None,
            Value::Seq(_) | Value::Map(_) => {
                self.wrong_type(field, node, "a single value");
                None
            }
            _ => {
                let text = node.scalar_text(yaml_text(self))?.trim().to_owned();
                if text.is_empty() {
                    return None;
                }
                let span = self.span(node.mark);
                // An escaped NUL (`"\0"`) or bell is no text anyone wrote.
                if let Some(c) = chars::control(&text) {
                    self.report(
                        Rule::InvalidValue,
                        span,
                        format!(
                            "`{field}` holds a control character ({})",
                            chars::code_point(c)
                        ),
                        Some("remove it; only tabs and line breaks belong in text".into()),
                    );
                }
                Some(Located::new(text, span))
            }
        }
    }

    /// A list of scalars; a single scalar is accepted as a list of one.
    pub fn string_list(&mut self, field: &str, node: &Node) -> Vec<Located<String>> {
        match &node.value {
            Value::Null => Vec::new(),
            Value::Seq(items) => items
                .iter()
                .filter_map(|item| match &item.value {
                    Value::Seq(_) | Value::Map(_) => {
                        self.wrong_type(field, item, "a plain value in the list");
                        None
                    }
                    _ => self.string(field, item),
                })
                .collect(),
            Value::Map(_) => {
                self.wrong_type(field, node, "a list");
                Vec::new()
            }
            _ => self.string(field, node).into_iter().collect(),
        }
    }

    /// A person's handle, or a list of them: reported when one hides a
    /// character a reader cannot see (`bob` and a zero-width space would
    /// be two people who look like one).
    pub fn handles(&mut self, field: &str, node: &Node) -> Vec<Located<String>> {
        let handles = self.string_list(field, node);
        for handle in &handles {
            self.visible(field, handle);
        }
        handles
    }

    /// One person's handle (see [`Reader::handles`]).
    pub fn handle(&mut self, field: &str, node: &Node) -> Option<Located<String>> {
        let handle = self.string(field, node)?;
        self.visible(field, &handle);
        Some(handle)
    }

    fn visible(&mut self, field: &str, handle: &Located<String>) {
        if let Some(c) = chars::hidden(&handle.value) {
            self.report(
                Rule::InvalidValue,
                handle.span,
                format!(
                    "`{field}` holds an invisible or text-reordering character ({})",
                    chars::code_point(c)
                ),
                Some("retype the handle with visible characters only".into()),
            );
        }
    }

    /// A `YYYY-MM-DD` date.
    pub fn date(&mut self, field: &str, node: &Node) -> Option<Located<NaiveDate>> {
        let text = self.string(field, node)?;
        match parse_date(&text.value) {
            Some(date) => Some(Located::new(date, text.span)),
            None => {
                self.report(
                    Rule::InvalidDate,
                    text.span,
                    date_message(field, &text.value),
                    Some(date_help(&text.value)),
                );
                None
            }
        }
    }

    pub fn wrong_type(&mut self, field: &str, node: &Node, expected: &str) {
        let span = self.span(node.mark);
        self.report(
            Rule::InvalidType,
            span,
            format!(
                "`{field}` must be {expected}, found {}",
                node.value.type_name()
            ),
            None,
        );
    }

    /// Reports a value outside its allowed set, suggesting the nearest.
    pub fn invalid_value(&mut self, field: &str, value: &Located<String>, allowed: &[&str]) {
        let help = suggest::help_then(
            &value.value,
            allowed.iter().copied(),
            &format!("allowed: {}", allowed.join(", ")),
        );
        self.report(
            Rule::InvalidValue,
            value.span,
            format!("`{}` is not a valid `{field}`", value.value),
            Some(help),
        );
    }
}

fn yaml_text<'a>(reader: &Reader<'a>) -> &'a str {
    &reader.source.text()[reader.frontmatter.yaml.clone()]
}

/// What is wrong with a date that does not read: a time after it, a day
/// the calendar lacks, or another shape.
fn date_message(field: &str, text: &str) -> String {
    if text.get(..10).is_some_and(|p| parse_date(p).is_some()) {
        format!("`{field}` must be a date `YYYY-MM-DD` without a time: `{text}`")
    } else if text.len() == 10 && text.as_bytes()[4] == b'-' {
        format!("`{field}` is not a real date: `{text}`")
    } else {
        format!("`{field}` must be a date written `YYYY-MM-DD`: `{text}`")
    }
}

fn date_help(text: &str) -> String {
    if let Some(prefix) = text.get(..10).filter(|p| parse_date(p).is_some()) {
        format!("write the date alone as `{prefix}`")
    } else if text.len() == 10 && text.as_bytes()[4] == b'-' {
        "that day does not exist in the calendar; dates are `YYYY-MM-DD`".to_owned()
    } else {
        "dates are written `YYYY-MM-DD`, for example `2026-03-31`".to_owned()
    }
}
