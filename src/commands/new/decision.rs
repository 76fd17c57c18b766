//! `goalpost new decision`: a MADR record with the next free number,
//! beside the newest one.

use std::path::PathBuf;

use clap::Args;
use serde::Serialize;

use super::{Planned, Planner, one_line};
use crate::document;
use crate::document::naming::slug;
use crate::error::Error;
use crate::render::template::Templates;
use crate::vocabulary::Kind;
use crate::write::Replace;

/// Create a decision record (MADR-compatible)
///
/// Writes decisions/<NNNN>-<slug>.md with the next free number (one more
/// than the highest existing one), status `proposed`, today's date, and you
/// as a decider when your roster entry is known.
///
/// Examples:
///   goalpost new decision "Use Redis for the query cache"
///   goalpost new decision "Drop fuzzy matching" --project search-latency
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct NewDecisionArgs {
    /// The decision, in one line; it becomes the `#` title and the file name
    #[arg(value_name = "TITLE")]
    pub title: String,
    /// A project the decision affects (repeat it, or separate ids with commas)
    #[arg(long = "project", value_name = "ID", value_delimiter = ',')]
    pub projects: Vec<String>,
}

#[derive(Serialize)]
struct DecisionContext<'a> {
    number: u64,
    title: &'a str,
    date: String,
    deciders: Vec<String>,
    projects: &'a [String],
}

impl Planner<'_> {
    pub(super) fn decision(
        &self,
        args: &NewDecisionArgs,
        templates: &Templates,
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
        let number = last.map_or(1, |(n, _)| n + 1);
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
        let deciders = self.identity_handle().into_iter().collect();
        let text = templates.render(
            "decision.md.j2",
            DecisionContext {
                number,
                title: &title,
                date: self.today.to_string(),
                deciders,
                projects: &projects,
            },
        )?;
        Ok(Planned {
            kind: Kind::Decision,
            template: "decision.md.j2",
            path,
            text,
            replace: Replace::Never,
            notes: Vec::new(),
        })
    }
}
