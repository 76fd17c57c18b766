//! Changing a document in place, one value at a time, the way a careful
//! person would with an editor: only the bytes of the value change, so
//! comments, key order, quoting, line endings (CRLF stays CRLF), a
//! byte-order mark and the rest of the body are kept as written.
//!
//! An edit is planned against the file's own bytes ([`Plan`]), then
//! [`Guard`]ed: the repository is checked with the edited text in place of
//! the file, and an edit that would add an error is refused with those
//! findings. Only then is it written, atomically. `set`, `tick` and `untick`
//! (and the MCP server's write tools) all go through here.

mod locate;
mod report;

use crate::config::{Config, Selector};
use crate::diagnostic::{Diagnostic, Known, Severity};
use crate::document::{Criterion, CriterionState, Document, Project};
use crate::error::Error;
use crate::rules::{self, Context};
use crate::workspace::{AddedDates, Workspace};
use crate::write::{self, Replace};

pub use locate::byte_at;
pub use report::report;

/// One replacement of bytes `start..end` of a file (byte-order mark
/// included) by `text`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// A planned edit of one file: its text before and after.
#[derive(Clone, Debug)]
pub struct Plan {
    /// Root-relative, with `/` separators.
    pub path: String,
    /// The 1-based line the edit is on, for messages.
    pub line: u32,
    pub before: String,
    pub after: String,
    /// What changed, in words: "status: active → done".
    pub summary: String,
}

/// Applies non-overlapping changes to `text`.
pub fn apply(text: &str, changes: &[Change]) -> String {
    let mut sorted: Vec<&Change> = changes.iter().collect();
    sorted.sort_by_key(|c| c.start);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for change in sorted {
        out.push_str(&text[at..change.start]);
        out.push_str(&change.text);
        at = change.end;
    }
    out.push_str(&text[at..]);
    out
}

/// The field of a project `set` may change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Field {
    Status,
    Due,
    Owner,
}

impl Field {
    pub fn key(self) -> &'static str {
        match self {
            Field::Status => "status",
            Field::Due => "due",
            Field::Owner => "owner",
        }
    }
}

/// The file's text as it is on disk now, which must be what `doc` was read
/// from (a file changed since would make every position wrong).
pub fn current_text(config: &Config, doc: &Document) -> Result<String, Error> {
    let full = config.root.join(&doc.path);
    let bytes = std::fs::read(&full).map_err(|e| Error::Io {
        path: full.clone(),
        source: e,
    })?;
    let text = String::from_utf8(bytes)
        .map_err(|_| Error::usage(format!("{} is not UTF-8 text", doc.path)))?;
    if text.strip_prefix('\u{feff}').unwrap_or(&text) != doc.source.text() {
        return Err(Error::usage(format!(
            "{} changed while goalpost was reading it; nothing was written",
            doc.path
        ))
        .with_help("run the command again"));
    }
    Ok(text)
}

/// Plans `field: value` for a project: the value's bytes replaced where it
/// is written, else a new line at the end of the frontmatter.
pub fn set(
    text: &str,
    doc: &Document,
    project: &Project,
    field: Field,
    value: &str,
) -> Result<Plan, Error> {
    let written = match field {
        Field::Status => project
            .status_word
            .as_ref()
            .map(|w| (w.span, w.value.clone())),
        Field::Due => project.due.as_ref().map(|d| (d.span, d.value.to_string())),
        Field::Owner => project.owner.as_ref().map(|o| (o.span, o.value.clone())),
    };
    let (change, line, old) = match written {
        Some((span, old)) => {
            let (change, line) = locate::replace_scalar(text, span, value).ok_or_else(|| {
                Error::usage(format!(
                    "{}:{}:{}: `{}` is not written as a single-line value goalpost can change",
                    doc.path,
                    span.line,
                    span.column,
                    field.key()
                ))
                .with_help("edit the file by hand")
            })?;
            (change, line, old)
        }
        None => {
            let (change, line) =
                locate::append_field(text, field.key(), value).ok_or_else(|| {
                    Error::usage(format!(
                        "{} has no frontmatter to add `{}` to",
                        doc.path,
                        field.key()
                    ))
                    .with_help(
                        "a project starts with a `---` line, its fields, and a closing `---`",
                    )
                })?;
            (change, line, "(none)".to_owned())
        }
    };
    Ok(Plan {
        path: doc.path.clone(),
        line,
        after: apply(text, &[change]),
        before: text.to_owned(),
        summary: format!("{}: {old} → {value}", field.key()),
    })
}

/// Which criterion a `tick` means: its 1-based number in the list, or the
/// start of its text (case-insensitive), which must match one criterion.
pub fn criterion<'p>(
    doc: &Document,
    project: &'p Project,
    which: &str,
) -> Result<(usize, &'p Criterion), Error> {
    let list = &project.criteria;
    if list.is_empty() {
        return Err(Error::usage(format!(
            "{} lists no success criteria",
            doc.path
        )));
    }
    if let Ok(n) = which.parse::<usize>() {
        return match n.checked_sub(1).and_then(|i| list.get(i)) {
            Some(c) => Ok((n, c)),
            None => Err(Error::usage(format!(
                "{} has {} criteria; there is no criterion {n}",
                project.id.value,
                list.len()
            ))),
        };
    }
    let wanted = which.trim().to_lowercase();
    let found: Vec<(usize, &Criterion)> = list
        .iter()
        .enumerate()
        .filter(|(_, c)| !wanted.is_empty() && c.text.to_lowercase().starts_with(&wanted))
        .map(|(i, c)| (i + 1, c))
        .collect();
    match found.as_slice() {
        [one] => Ok(*one),
        [] => Err(Error::usage(format!(
            "no criterion of {} starts with `{which}`",
            project.id.value
        ))
        .with_help(numbered(list))),
        many => Err(Error::usage(format!(
            "`{which}` starts {} criteria of {}",
            many.len(),
            project.id.value
        ))
        .with_help("give more of the text, or the criterion's number")),
    }
}

fn numbered(list: &[Criterion]) -> String {
    let items: Vec<String> = list
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{} {}", i + 1, c.text))
        .collect();
    format!("the criteria are: {}", items.join("; "))
}

/// Plans checking (`met`) or unchecking a criterion's box.
pub fn tick(
    text: &str,
    doc: &Document,
    n: usize,
    criterion: &Criterion,
    met: bool,
) -> Result<Plan, Error> {
    if criterion.state == CriterionState::Withdrawn {
        return Err(Error::usage(format!(
            "criterion {n} of {} is withdrawn (struck through); it is neither met nor open",
            doc.path
        )));
    }
    let change = locate::checkbox(text, criterion.span.line, met).ok_or_else(|| {
        Error::usage(format!(
            "{}:{}: criterion {n} has no `[ ]` box goalpost can change",
            doc.path, criterion.span.line
        ))
    })?;
    Ok(Plan {
        path: doc.path.clone(),
        line: criterion.span.line,
        after: apply(text, &[change]),
        before: text.to_owned(),
        summary: format!(
            "criterion {n} {}: {}",
            if met { "met" } else { "open" },
            criterion.text
        ),
    })
}

/// The repository's errors as they stand (counted by file, rule and
/// message), to tell which errors an edit would add.
pub struct Guard<'c> {
    config: &'c Config,
    selector: Selector,
    today: chrono::NaiveDate,
    /// Stale check-ins need the dates only git knows; no edit here touches
    /// them, so the guard judges without.
    added: AddedDates,
    /// The repository's errors as they stand, which do not block an edit.
    errors: Known,
}

impl<'c> Guard<'c> {
    pub fn new(
        config: &'c Config,
        ws: &Workspace,
        today: chrono::NaiveDate,
    ) -> Result<Self, Error> {
        let mut guard = Self {
            config,
            selector: Selector::new(config)?,
            today,
            added: AddedDates::new(),
            errors: Known::default(),
        };
        guard.errors = errors(&guard.findings(ws));
        Ok(guard)
    }

    /// Every finding about the workspace, as `check` has them.
    pub fn findings(&self, ws: &Workspace) -> Vec<Diagnostic> {
        let cx = Context {
            config: self.config,
            today: self.today,
            added: &self.added,
            focus: None,
        };
        rules::findings(ws, &cx)
    }

    /// The errors the plan would add: empty when it may be written, and
    /// then the plan's errors are the ones that stand. `ws` ends with the
    /// plan's text in place of the file either way ([`Guard::undo`] puts
    /// the old text back).
    pub fn check(&mut self, ws: &mut Workspace, plan: &Plan) -> Vec<Diagnostic> {
        ws.reread(
            self.config,
            &self.selector,
            &plan.path,
            Some(plan.after.clone()),
        );
        let after = self.findings(ws);
        let mut left = self.errors.clone();
        let added: Vec<Diagnostic> = after
            .iter()
            .filter(|d| d.severity == Severity::Error && !left.take(d))
            .cloned()
            .collect();
        if added.is_empty() {
            self.errors = errors(&after);
        }
        added
    }

    /// Puts the file's text from before the plan back into `ws`.
    pub fn undo(&self, ws: &mut Workspace, plan: &Plan) {
        ws.reread(
            self.config,
            &self.selector,
            &plan.path,
            Some(plan.before.clone()),
        );
    }
}

/// The errors of `findings`, counted ([`Known`]).
fn errors(findings: &[Diagnostic]) -> Known {
    Known::of(findings.iter().filter(|d| d.severity == Severity::Error))
}

/// Writes a plan that passed its guard, atomically, inside the repository.
pub fn write(config: &Config, plan: &Plan) -> Result<(), Error> {
    let full = config.root.join(&plan.path);
    write::atomic_inside(&config.root, &full, plan.after.as_bytes(), Replace::Allowed)
}
