//! `goalpost new decision`: a MADR record with the next free number,
//! beside the newest one.

use std::path::PathBuf;

use clap::Args;
use serde::Serialize;

use super::{Edit, Planned, Planner, one_line, usage};
use crate::document;
use crate::document::naming::slug;
use crate::error::Error;
use crate::render::template::Templates;
use crate::suggest;
use crate::vocabulary::DecisionStatus;
use crate::vocabulary::Kind;
use crate::write::Replace;

/// Create a decision record (MADR-compatible)
///
/// Writes decisions/<NNNN>-<slug>.md with the next free number (one more
/// than the highest existing one), status `proposed`, today's date, and you
/// as a decider when your roster entry is known. With --supersedes N, the new
/// record names N in `supersedes` and N's status becomes "superseded by" the
/// new number: both files are written, or neither. The sections can be
/// written from flags (each one line): --context, --option (repeat it),
/// --outcome and --consequences; --decider names who decides (repeat it;
/// default: you).
///
/// Examples:
///   goalpost new decision "Use Redis for the query cache"
///   goalpost new decision "Drop fuzzy matching" --project search-latency
///   goalpost new decision "Use Valkey for the query cache" --supersedes 2
///   goalpost new decision "Use Redis" --option Redis --option Memcached --outcome "Redis, because we run it already"
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct NewDecisionArgs {
    /// The decision, in one line; it becomes the `#` title and the file name
    #[arg(value_name = "TITLE")]
    pub title: String,
    /// A project the decision affects (repeat it, or separate ids with commas)
    #[arg(long = "project", value_name = "ID", value_delimiter = ',')]
    pub projects: Vec<String>,
    /// A decision this one replaces, by number (repeat it, or separate numbers with commas)
    #[arg(long, value_name = "N", value_delimiter = ',')]
    pub supersedes: Vec<u64>,
    /// Who decides, by handle (repeat it, or separate handles with commas; default: you)
    #[arg(long = "decider", value_name = "HANDLE", value_delimiter = ',')]
    pub deciders: Vec<String>,
    /// What forces the decision, and what is at stake
    #[arg(long, value_name = "TEXT")]
    pub context: Option<String>,
    /// An option considered (repeat it for each)
    #[arg(long = "option", value_name = "TEXT")]
    pub options: Vec<String>,
    /// The option chosen, and why
    #[arg(long, value_name = "TEXT")]
    pub outcome: Option<String>,
    /// What becomes easier, and what becomes harder
    #[arg(long, value_name = "TEXT")]
    pub consequences: Option<String>,
}

#[derive(Serialize)]
struct DecisionContext<'a> {
    number: u64,
    title: &'a str,
    date: String,
    deciders: Vec<String>,
    projects: &'a [String],
    supersedes: &'a [u64],
    context: Option<String>,
    options: Vec<String>,
    outcome: Option<String>,
    consequences: Option<String>,
}

impl Planner<'_> {
    /// Plans the decision with the `skip`-th free number after the highest
    /// (another process may have just taken the next one).
    pub(super) fn decision(
        &self,
        args: &NewDecisionArgs,
        templates: &Templates,
        skip: u64,
    ) -> Result<Planned, Error> {
        let title = one_line(&args.title, "the title")?;
        let projects = self.projects(&args.projects)?;
        // The highest number so far, and the file that holds it: its folder
        // and the width of its number are kept for the new one.
        let last = self
            .workspace
            .decisions()
            .filter_map(|(doc, d)| Some((d.number?, doc.path.as_str())))
            .max();
        let number = last.map_or(1, |(n, _)| n + 1) + skip;
        let (width, folder) = last.map_or((4, None), |(_, path)| {
            let stem = document::file_stem(path);
            let digits = stem.chars().take_while(char::is_ascii_digit).count();
            (digits, path.rsplit_once('/').map(|(dir, _)| dir.to_owned()))
        });
        let mut name = slug(&title, 50);
        if name.is_empty() {
            name = "decision".into();
        }
        let file = format!("{number:0width$}-{name}.md");
        let beside_last = folder.and_then(|folder| {
            self.place_exact(Kind::Decision, &[PathBuf::from(folder).join(&file)])
        });
        let path = match beside_last {
            Some(path) => path,
            None => self.place(Kind::Decision, &[file])?,
        };
        let shown_number = format!("{number:0width$}");
        let also = args
            .supersedes
            .iter()
            .map(|old| self.supersede(*old, &shown_number))
            .collect::<Result<Vec<Edit>, Error>>()?;
        let deciders = if args.deciders.is_empty() {
            self.identity_handle().into_iter().collect()
        } else {
            let mut handles: Vec<String> = Vec::new();
            for given in &args.deciders {
                let handle = self.person(Some(given.trim()), "--decider", "decide")?;
                if !handles.contains(&handle) {
                    handles.push(handle);
                }
            }
            handles
        };
        let line = |text: &Option<String>, flag: &str| {
            text.as_deref()
                .map(|t| one_line(t, &format!("`{flag}`")))
                .transpose()
        };
        let context = line(&args.context, "--context")?;
        let outcome = line(&args.outcome, "--outcome")?;
        let consequences = line(&args.consequences, "--consequences")?;
        let options = args
            .options
            .iter()
            .map(|o| one_line(o, "`--option`"))
            .collect::<Result<Vec<_>, _>>()?;
        let given: Vec<String> = [&context, &outcome, &consequences]
            .into_iter()
            .flatten()
            .chain(&options)
            .cloned()
            .collect();
        let text = templates.render(
            "decision.md.j2",
            DecisionContext {
                number,
                title: &title,
                date: self.today.to_string(),
                deciders,
                projects: &projects,
                supersedes: &args.supersedes,
                context,
                options,
                outcome,
                consequences,
            },
        )?;
        // A repository's own template that leaves out a section the flags
        // fill would drop the words silently.
        if let Some(lost) = given.iter().find(|g| !text.contains(g.as_str())) {
            return Err(usage(
                format!(
                    "the decision template does not show `{lost}`, so the decision was not written"
                ),
                format!(
                    "show `context`, `options`, `outcome` and `consequences` in {}/decision.md.j2 as the built-in template does, or leave out the flag",
                    crate::render::template::OVERRIDE_DIR
                ),
            ));
        }
        Ok(Planned {
            kind: Kind::Decision,
            template: "decision.md.j2",
            path,
            text,
            replace: Replace::Never,
            notes: Vec::new(),
            also,
        })
    }

    /// The decision numbered `old`, marked "superseded by `by`".
    fn supersede(&self, old: u64, by: &str) -> Result<Edit, Error> {
        let numbers: Vec<String> = self
            .workspace
            .decisions()
            .filter_map(|(_, d)| d.number.map(|n| n.to_string()))
            .collect();
        let Some((doc, decision)) = self
            .workspace
            .decisions()
            .find(|(_, d)| d.number == Some(old))
        else {
            return Err(usage(
                format!("no decision has the number {old}"),
                suggest::known_help(
                    "decision",
                    &old.to_string(),
                    numbers.iter().map(String::as_str),
                ),
            ));
        };
        if let DecisionStatus::Superseded(successor) = &decision.status.value {
            return Err(usage(
                format!(
                    "decision {old} ({}) is already superseded{}",
                    doc.path,
                    successor
                        .as_ref()
                        .map(|s| format!(" by {s}"))
                        .unwrap_or_default()
                ),
                "a decision is superseded once; supersede its successor instead".into(),
            ));
        }
        let full = self.config.root.join(&doc.path);
        let text = std::fs::read_to_string(&full).map_err(|source| Error::Io {
            path: full.clone(),
            source,
        })?;
        Ok(Edit {
            kind: Kind::Decision,
            path: doc.path.clone(),
            text: superseded_by(&text, by),
        })
    }
}

/// `text` with its status set to `superseded by <by>`: the `status:` line
/// replaced, or added at the top of the frontmatter (or a frontmatter made
/// for it), keeping the file's line endings.
fn superseded_by(text: &str, by: &str) -> String {
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let status = format!("status: superseded by {by}");
    let (bom, body) = match text.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", text),
    };
    let mut lines: Vec<&str> = body.split_inclusive('\n').collect();
    let fence = |l: &str| l.trim_end_matches(['\r', '\n']) == "---";
    if !lines.first().is_some_and(|l| fence(l)) {
        return format!("{bom}---{eol}{status}{eol}---{eol}{body}");
    }
    let close = lines
        .iter()
        .skip(1)
        .position(|l| fence(l) || l.trim_end_matches(['\r', '\n']) == "...")
        .map_or(lines.len(), |i| i + 1);
    let new_line = format!("{status}{eol}");
    match (1..close).find(|&i| lines[i].starts_with("status:")) {
        Some(i) => lines[i] = &new_line,
        None => lines.insert(1, &new_line),
    }
    format!("{bom}{}", lines.concat())
}

#[cfg(test)]
mod tests {
    use super::superseded_by;

    #[test]
    fn the_status_line_is_replaced_or_added() {
        assert_eq!(
            superseded_by(
                "---\nstatus: accepted  # ok\ndate: 2026-01-01\n---\n# A\n",
                "0004"
            ),
            "---\nstatus: superseded by 0004\ndate: 2026-01-01\n---\n# A\n"
        );
        assert_eq!(
            superseded_by("---\r\ndate: 2026-01-01\r\n---\r\n# A\r\n", "4"),
            "---\r\nstatus: superseded by 4\r\ndate: 2026-01-01\r\n---\r\n# A\r\n"
        );
        assert_eq!(
            superseded_by("# A\n\nNo frontmatter.\n", "4"),
            "---\nstatus: superseded by 4\n---\n# A\n\nNo frontmatter.\n"
        );
    }
}
