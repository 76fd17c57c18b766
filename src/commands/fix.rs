//! `goalpost fix`: apply every finding's one unambiguous "did you mean",
//! the same edit the language server's quick fix makes.

use std::collections::BTreeMap;
use std::path::PathBuf;

use clap::Args;

use crate::cli::GlobalArgs;
use crate::commands::{self, ExitStatus, Output, PathFilter};
use crate::diagnostic::Diagnostic;
use crate::edit::{self, Change, Guard, Plan};
use crate::error::Error;
use crate::suggest;
use crate::workspace::Workspace;

/// Apply the fixes `check` proposes that have exactly one candidate
///
/// A finding whose help says "did you mean `x`?" (a misspelt person,
/// project, status word, key, heading or link target) is changed to `x`,
/// in place, with every other byte kept. A finding with two or more
/// candidates is left for a person to choose. Each file's fixes are checked
/// first, as `set`'s are: a file whose fixes would add an error is left
/// unchanged. Prints one line per fix, or a unified diff with --dry-run.
///
/// Examples:
///   goalpost fix
///   goalpost fix projects/ --dry-run
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct FixArgs {
    /// Fix only findings in these files or folders
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Print the changes as a unified diff and write nothing
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(global: &GlobalArgs, args: &FixArgs, io: &mut Output<'_>) -> Result<ExitStatus, Error> {
    let config = commands::config(global)?;
    let filter = PathFilter::new(&config.root, &args.paths)?;
    let mut ws = Workspace::load(&config)?;
    // Each file's fixes are judged against the errors as they stand after
    // the files fixed before it.
    let mut guard = Guard::new(&config, &ws, global.today())?;
    let mut by_file: BTreeMap<String, Vec<(Diagnostic, String)>> = BTreeMap::new();
    let mut choices = 0;
    for d in guard.findings(&ws) {
        if !filter.keeps(&d.path) {
            continue;
        }
        let proposed = d.help.as_deref().map(suggest::proposed).unwrap_or_default();
        match proposed.as_slice() {
            [one] => {
                let one = (*one).to_owned();
                by_file.entry(d.path.clone()).or_default().push((d, one));
            }
            [] => {}
            _ => choices += 1,
        }
    }
    let (mut fixed, mut left) = (0, 0);
    for (path, fixes) in by_file {
        let Some(doc) = ws.document(&path) else {
            continue;
        };
        let text = edit::current_text(&config, doc)?;
        let mut changes: Vec<(Change, &Diagnostic, String)> = Vec::new();
        for (d, suggestion) in &fixes {
            let range = edit::byte_at(&text, d.line, d.column)
                .zip(edit::byte_at(&text, d.end_line, d.end_column))
                .and_then(|(a, b)| suggest::replaced(&text, a..b));
            let Some(range) = range else { continue };
            let old = text[range.clone()].to_owned();
            if old == *suggestion {
                continue;
            }
            // Two fixes of one place: neither is sure.
            if changes
                .iter()
                .any(|(c, ..)| c.start < range.end && range.start < c.end)
            {
                continue;
            }
            changes.push((
                Change {
                    start: range.start,
                    end: range.end,
                    text: suggestion.clone(),
                },
                d,
                old,
            ));
        }
        if changes.is_empty() {
            continue;
        }
        changes.sort_by_key(|(c, ..)| c.start);
        let plain: Vec<Change> = changes.iter().map(|(c, ..)| c.clone()).collect();
        let plan = Plan {
            path: path.clone(),
            line: changes[0].1.line,
            after: edit::apply(&text, &plain),
            before: text,
            summary: String::new(),
        };
        let errors = guard.check(&mut ws, &plan);
        if !errors.is_empty() {
            guard.undo(&mut ws, &plan);
            left += changes.len();
            writeln!(
                io.err,
                "note: {path} left unchanged: its fixes would add {} error{} ({})",
                errors.len(),
                if errors.len() == 1 { "" } else { "s" },
                errors[0].message
            )?;
            continue;
        }
        if args.dry_run {
            let diff = similar::TextDiff::from_lines(&plan.before, &plan.after);
            write!(
                io.out,
                "{}",
                diff.unified_diff()
                    .header(&format!("a/{path}"), &format!("b/{path}"))
            )?;
        } else {
            edit::write(&config, &plan)?;
            for (c, d, old) in &changes {
                writeln!(
                    io.out,
                    "{path}:{}:{}: {}: `{old}` → `{}`",
                    d.line,
                    d.column,
                    d.rule.id(),
                    c.text
                )?;
            }
        }
        fixed += changes.len();
    }
    if !global.quiet {
        let verb = if args.dry_run { "would fix" } else { "fixed" };
        let mut line = format!(
            "{verb} {fixed} finding{}",
            if fixed == 1 { "" } else { "s" }
        );
        if choices > 0 {
            line.push_str(&format!(
                "; left {choices} with more than one candidate for you to choose"
            ));
        }
        if left > 0 {
            line.push_str(&format!("; left {left} whose file would gain an error"));
        }
        writeln!(io.err, "{line}")?;
    }
    Ok(ExitStatus::Success)
}
