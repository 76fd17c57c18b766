//! Findings as plain data, and one renderer per output format.
//!
//! A finding is not an error: it is what `check` reports about a document.
//! Errors are goalpost failing to do its job (see `crate::error`).

mod github;
mod gitlab;
mod human;
mod json;
mod rule;
mod sarif;

use std::collections::HashMap;
use std::io::{self, Write};

use serde::Serialize;

use crate::syntax::{Source, Span};

pub use human::HumanOptions;
pub use rule::Rule;

/// The longest message a finding carries, in characters.
const MAX_MESSAGE_CHARS: usize = 300;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One finding about one place in one file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Path relative to the goal repository root, with `/` separators.
    pub path: String,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    pub severity: Severity,
    pub rule: Rule,
    pub message: String,
    pub help: Option<String>,
}

impl Diagnostic {
    /// A finding of `rule` at its default severity. A message that quotes
    /// a huge value (a 7 MB criterion) is cut: the position says where.
    pub fn new(rule: Rule, path: &str, span: Span, message: impl Into<String>) -> Self {
        let mut message = message.into();
        if let Some((cut, _)) = message.char_indices().nth(MAX_MESSAGE_CHARS) {
            message.truncate(cut);
            message.push('…');
        }
        Self {
            path: path.to_owned(),
            line: span.line,
            column: span.column,
            end_line: span.end_line,
            end_column: span.end_column,
            severity: rule.default_severity(),
            rule,
            message,
            help: None,
        }
    }

    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds the help line when there is one.
    #[must_use]
    pub fn with_help_opt(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    /// Sort key: file, then position, then rule.
    pub fn sort_key(&self) -> (&str, u32, u32, &'static str) {
        (&self.path, self.line, self.column, self.rule.id())
    }
}

/// Counts of findings by severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub errors: usize,
    pub warnings: usize,
}

impl Tally {
    pub fn of(diagnostics: &[Diagnostic]) -> Self {
        let errors = diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        Self {
            errors,
            warnings: diagnostics.len() - errors,
        }
    }
}

/// The output formats of `check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
    Github,
    Sarif,
    Gitlab,
}

impl Format {
    pub const ALL: [Format; 5] = [
        Format::Human,
        Format::Json,
        Format::Github,
        Format::Sarif,
        Format::Gitlab,
    ];
}

/// What a renderer needs besides the findings.
pub struct Report<'a> {
    pub diagnostics: &'a [Diagnostic],
    /// Number of documents checked (for the human summary line).
    pub documents: usize,
    /// The text of a file, for source snippets.
    pub source: &'a dyn Fn(&str) -> Option<&'a Source>,
    /// Where the goal repository's root lies inside the git work tree
    /// (`""` at its top, else ending in `/`). CI formats need paths
    /// relative to the git repository, not to `goalpost.yml`.
    pub git_prefix: &'a str,
}

impl Report<'_> {
    /// A finding's path relative to the git work tree.
    pub fn git_path(&self, d: &Diagnostic) -> String {
        format!("{}{}", self.git_prefix, d.path)
    }
}

/// Writes the findings in the chosen format.
pub fn render(
    format: Format,
    report: &Report<'_>,
    human: &HumanOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Human => human::render(report, human, out),
        Format::Json => json::render(report, out),
        Format::Github => github::render(report, out),
        Format::Sarif => sarif::render(report, out),
        Format::Gitlab => gitlab::render(report, out),
    }
}

/// Renders the findings of one document as a tool that checked it alone
/// says them: no colour, no summary line, positions from the root (a
/// refused edit, the MCP server's check of a draft).
pub fn render_one<'a>(
    format: Format,
    diagnostics: &'a [Diagnostic],
    source: &'a dyn Fn(&str) -> Option<&'a Source>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let report = Report {
        diagnostics,
        documents: 1,
        source,
        git_prefix: "",
    };
    let human = HumanOptions {
        color: false,
        quiet: true,
    };
    render(format, &report, &human, out)
}

/// Findings counted by file, rule and message, to tell which of a later
/// reading's findings were there before: positions move when a file
/// changes, what is wrong does not. `edit::Guard` asks it of an edit,
/// `check --changed-since` of a branch.
#[derive(Clone, Debug, Default)]
pub struct Known(HashMap<(String, Rule, String), usize>);

impl Known {
    pub fn of<'a>(findings: impl IntoIterator<Item = &'a Diagnostic>) -> Known {
        let mut known = Known::default();
        for d in findings {
            *known
                .0
                .entry((d.path.clone(), d.rule, d.message.clone()))
                .or_default() += 1;
        }
        known
    }

    /// Whether `d` is one of them, counting it off: a second finding of the
    /// same words in the same file is new when it was there once.
    pub fn take(&mut self, d: &Diagnostic) -> bool {
        match self.0.get_mut(&(d.path.clone(), d.rule, d.message.clone())) {
            Some(n) if *n > 0 => {
                *n -= 1;
                true
            }
            _ => false,
        }
    }
}
