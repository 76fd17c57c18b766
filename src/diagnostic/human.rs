//! `--format human`: rustc-style findings with the source line and a caret,
//! then a summary line.

use std::io::{self, Write};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::{Report, Severity, Tally};
use crate::syntax::Source;

/// The longest source excerpt shown under a finding.
const MAX_EXCERPT_BYTES: usize = 1_000;

/// Presentation choices for human output.
#[derive(Clone, Copy, Debug, Default)]
pub struct HumanOptions {
    pub color: bool,
    /// Omit the summary line (`--quiet`).
    pub quiet: bool,
}

pub fn render(report: &Report<'_>, options: &HumanOptions, out: &mut dyn Write) -> io::Result<()> {
    let renderer = if options.color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    for d in report.diagnostics {
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let title = level.primary_title(d.message.as_str()).id(d.rule.id());
        // A megabyte line is not shown: the finding keeps its place.
        let excerpt = (report.source)(&d.path)
            .and_then(|source| excerpt(source, d))
            .filter(|(text, _)| text.len() <= MAX_EXCERPT_BYTES);
        let mut group = match &excerpt {
            Some((text, range)) => title.element(
                Snippet::source(text.as_str())
                    .line_start(usize::try_from(d.line).unwrap_or(1))
                    .path(d.path.as_str())
                    .annotation(AnnotationKind::Primary.span(range.clone())),
            ),
            None => title.element(
                annotate_snippets::Origin::path(d.path.as_str())
                    .line(usize::try_from(d.line).unwrap_or(1))
                    .char_column(usize::try_from(d.column).unwrap_or(1)),
            ),
        };
        if let Some(help) = &d.help {
            group = group.element(Level::HELP.message(help.as_str()));
        }
        let groups: [Group<'_>; 1] = [group];
        writeln!(out, "{}\n", renderer.render(&groups))?;
    }
    if !options.quiet {
        let tally = Tally::of(report.diagnostics);
        writeln!(out, "{}", summary(tally, report.documents))?;
    }
    Ok(())
}

/// "3 errors, 2 warnings in 41 documents".
pub fn summary(tally: Tally, documents: usize) -> String {
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    format!(
        "{}, {} in {}",
        plural(tally.errors, "error"),
        plural(tally.warnings, "warning"),
        plural(documents, "document")
    )
}

/// The lines a finding covers (at most three) and the byte range to underline
/// within them. Lines come from the source's line index, so a file with
/// many findings is not split again for each one.
fn excerpt(source: &Source, d: &super::Diagnostic) -> Option<(String, std::ops::Range<usize>)> {
    let line_text = source.line(d.line)?;
    let wanted = d.end_line.clamp(d.line, d.line.saturating_add(2));
    let shown: Vec<&str> = (d.line..=wanted).map_while(|n| source.line(n)).collect();
    let last = d.line + u32::try_from(shown.len()).ok()? - 1;
    let joined = shown.join("\n");
    let start = char_to_byte(line_text, d.column);
    let end = if d.end_line > last || (d.end_line, d.end_column) <= (d.line, d.column) {
        // Underline to the end of the first line's word when the end is unknown.
        let rest = &shown[0][start.min(shown[0].len())..];
        let word = rest.find(char::is_whitespace).unwrap_or(rest.len());
        // At least one character, which can be several bytes long.
        start + word.max(rest.chars().next().map_or(1, char::len_utf8))
    } else {
        let covered = (d.end_line - d.line) as usize;
        let offset: usize = shown[..covered].iter().map(|l| l.len() + 1).sum();
        let last_line = shown[covered];
        offset + char_to_byte(last_line, d.end_column)
    };
    let end = end.clamp(start, joined.len().max(start));
    Some((joined, start..end))
}

fn char_to_byte(line: &str, column: u32) -> usize {
    let column = usize::try_from(column).unwrap_or(1).saturating_sub(1);
    line.char_indices()
        .nth(column)
        .map_or(line.len(), |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::document::{self};
    use crate::vocabulary::Kind;

    /// Found by `cargo fuzz run document`: a finding on a character of
    /// several bytes (U+2028, a white-space character) whose end is unknown
    /// was underlined one byte wide, splitting the character, and the
    /// snippet renderer panicked.
    #[test]
    fn underline_never_splits_a_character() {
        let text = "---\n|\r\u{2028}\n---";
        let mut findings = Vec::new();
        let config = Config::defaults(".".into());
        let doc = document::read("p.md", Kind::Project, text.into(), &config, &mut findings);
        let first = findings.first().map(|d| (d.rule.id(), d.line, d.column));
        assert_eq!(first, Some(("invalid-type", 2, 3)));
        let source = |_: &str| Some(&doc.source);
        let report = Report {
            diagnostics: &findings,
            documents: 1,
            source: &source,
            git_prefix: "",
        };
        let mut out = Vec::new();
        render(&report, &HumanOptions::default(), &mut out).expect("render");
        let out = String::from_utf8(out).expect("utf-8");
        assert!(out.contains("p.md:2:3"), "{out}");
    }
}
