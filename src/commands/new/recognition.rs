//! `goalpost new recognition`: an award, kudos or spot bonus, on record, so
//! that the opportunity audit can count who is recognized.

use chrono::NaiveDate;
use clap::Args;
use serde::Serialize;

use super::{Planned, Planner, one_line, replace, usage};
use crate::document::naming::slug;
use crate::error::Error;
use crate::render::template::Templates;
use crate::vocabulary::Kind;

/// Create a recognition: who was recognized, for what, by whom
///
/// Writes recognitions/<DATE>-<SLUG>.md (the slug from the title). Each
/// --person must be in the roster; --by defaults to you, from the roster.
/// The audit counts the people of recognitions dated in its period as
/// `recognized`.
///
/// Examples:
///   goalpost new recognition "Kept search up through the migration" --person alice
///   goalpost new recognition "Support rotation hero" --person erin --kind spot-bonus --project support-fcr
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct NewRecognitionArgs {
    /// What it is for, in one line (the document's title)
    #[arg(value_name = "TITLE")]
    pub title: String,
    /// Who is recognized (repeat it, or separate handles with commas)
    #[arg(long, value_name = "HANDLE", value_delimiter = ',', required = true)]
    pub person: Vec<String>,
    /// Who gives it (default: you, from the roster)
    #[arg(long, value_name = "HANDLE")]
    pub by: Option<String>,
    /// A project it is for (repeat it, or separate ids with commas)
    #[arg(long, value_name = "ID", value_delimiter = ',')]
    pub project: Vec<String>,
    /// Your word for its kind: award, kudos, spot-bonus
    #[arg(long, value_name = "WORD")]
    pub kind: Option<String>,
    /// The day it was given (default: today)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::cli::parse_date)]
    pub date: Option<NaiveDate>,
    /// Replace the file if it exists
    #[arg(long)]
    pub force: bool,
}

#[derive(Serialize)]
struct RecognitionContext<'a> {
    title: &'a str,
    date: String,
    people: Vec<String>,
    by: Option<String>,
    projects: Vec<String>,
    kind: Option<String>,
}

impl Planner<'_> {
    pub(super) fn recognition(
        &self,
        args: &NewRecognitionArgs,
        templates: &Templates,
    ) -> Result<Planned, Error> {
        let title = one_line(&args.title, "the title")?;
        let mut people = Vec::new();
        for handle in &args.person {
            let handle = self.person(Some(handle.trim()), "--person", "be recognized")?;
            if !people.contains(&handle) {
                people.push(handle);
            }
        }
        let by = match &args.by {
            Some(handle) => Some(self.person(Some(handle), "--by", "give it")?),
            None => self.identity_handle(),
        };
        let projects = self.projects(&args.project)?;
        let kind = match &args.kind {
            Some(word) => {
                let word = word.trim();
                if word.is_empty()
                    || !word
                        .chars()
                        .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
                {
                    return Err(usage(
                        format!("`{word}` is not one word"),
                        "write the kind as one word: award, kudos, spot-bonus".into(),
                    ));
                }
                Some(word.to_owned())
            }
            None => None,
        };
        let date = args.date.unwrap_or(self.today);
        let name = match slug(&title, 50) {
            s if s.is_empty() => "recognition".to_owned(),
            s => s,
        };
        let path = self.place(Kind::Recognition, &[format!("{date}-{name}.md")])?;
        let text = templates.render(
            "recognition.md.j2",
            RecognitionContext {
                title: &title,
                date: date.to_string(),
                people,
                by,
                projects,
                kind,
            },
        )?;
        Ok(Planned {
            kind: Kind::Recognition,
            template: "recognition.md.j2",
            path,
            text,
            replace: replace(args.force),
            notes: Vec::new(),
            also: Vec::new(),
        })
    }
}
