//! `goalpost new project`: a definition of done, with a placeholder
//! criterion that `check` flags until the owner states an outcome.

use chrono::NaiveDate;
use clap::Args;
use serde::Serialize;

use super::{Planned, Planner, one_line, replace, usage};
use crate::document::naming::{humanize, slug};
use crate::document::proposable_id;
use crate::error::Error;
use crate::render::template::Templates;
use crate::vocabulary::Kind;

/// Create a project: a definition of done
///
/// Writes projects/<ID>.md with status `proposed`, today as `created`, and a
/// success-criteria section to fill in. The id must be new and made of
/// lowercase letters, digits and `-`. The owner defaults to your roster entry
/// (matched by git's user.email or user.name).
///
/// Examples:
///   goalpost new project search-latency
///   goalpost new project search-latency --owner alice --due 2026-12-15
///   goalpost new project search-latency --title "Cut search p95 latency below 200 ms"
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct NewProjectArgs {
    /// The project id: lowercase letters, digits and `-`
    #[arg(value_name = "ID")]
    pub id: String,
    /// What done looks like, in one line (default: from the id)
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// The person accountable for it (default: you, from the roster)
    #[arg(long, value_name = "HANDLE")]
    pub owner: Option<String>,
    /// The due date
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::cli::parse_date)]
    pub due: Option<NaiveDate>,
    /// Replace the file if it exists
    #[arg(long)]
    pub force: bool,
}

#[derive(Serialize)]
struct ProjectContext<'a> {
    id: &'a str,
    title: &'a str,
    owner: &'a str,
    due: Option<String>,
    today: String,
}

impl Planner<'_> {
    pub(super) fn project(
        &self,
        args: &NewProjectArgs,
        templates: &Templates,
    ) -> Result<Planned, Error> {
        let id = args.id.as_str();
        if !proposable_id(id) {
            let hint = match slug(id, 60) {
                s if !s.is_empty() && s != id => format!("did you mean `{s}`? "),
                _ => String::new(),
            };
            return Err(usage(
                format!("`{id}` is not a valid project id"),
                format!(
                    "{hint}ids use lowercase letters, digits and `-`, and start with a letter or digit"
                ),
            ));
        }
        let path = self.place(Kind::Project, &[format!("{id}.md")])?;
        if let Some((doc, _)) = self
            .workspace
            .projects()
            .find(|(_, p)| p.id.value == id)
            .filter(|(doc, _)| !(args.force && doc.path == path))
        {
            return Err(usage(
                format!("a project with the id `{id}` already exists: {}", doc.path),
                "choose another id; project ids are unique".into(),
            ));
        }
        let title = match &args.title {
            Some(t) => one_line(t, "--title")?,
            None => humanize(id),
        };
        let owner = self.person(args.owner.as_deref(), "--owner", "own the project")?;
        let text = templates.render(
            "project.md.j2",
            ProjectContext {
                id,
                title: &title,
                owner: &owner,
                due: args.due.map(|d| d.to_string()),
                today: self.today.to_string(),
            },
        )?;
        Ok(Planned {
            kind: Kind::Project,
            template: "project.md.j2",
            path,
            text,
            replace: replace(args.force),
            notes: Vec::new(),
            also: Vec::new(),
        })
    }
}
