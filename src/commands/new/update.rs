//! `goalpost new update`: an async update, carrying over the blockers
//! still open in the author's latest update of each project.

use chrono::NaiveDate;
use clap::Args;
use serde::Serialize;

use super::{Planned, Planner, replace, usage};
use crate::document::blocker;
use crate::document::naming::slug;
use crate::error::Error;
use crate::render::template::Templates;
use crate::vocabulary::Kind;

/// Create an async update for one or more projects
///
/// Writes updates/<YEAR>/<DATE>-<AUTHOR>.md with sections for progress,
/// blockers, asks and next steps. Blockers still open in your latest update
/// of each project are carried over, so that they stay open until you remove
/// them. The author defaults to your roster entry (matched by git's
/// user.email or user.name).
///
/// Examples:
///   goalpost new update --project search-latency
///   goalpost new update --project search-latency,billing-export --date 2026-11-20
///   goalpost new update --project search-latency --author alice
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct NewUpdateArgs {
    /// A project the update is about (repeat it, or separate ids with commas)
    #[arg(
        long = "project",
        value_name = "ID",
        required = true,
        value_delimiter = ','
    )]
    pub projects: Vec<String>,
    /// Who writes the update (default: you, from the roster)
    #[arg(long, value_name = "HANDLE")]
    pub author: Option<String>,
    /// The date of the update (default: today)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::cli::parse_date)]
    pub date: Option<NaiveDate>,
    /// Replace the file if it exists
    #[arg(long)]
    pub force: bool,
}

#[derive(Serialize)]
struct UpdateContext<'a> {
    author: &'a str,
    date: String,
    projects: &'a [String],
    blockers: Vec<String>,
}

impl Planner<'_> {
    pub(super) fn update(
        &self,
        args: &NewUpdateArgs,
        templates: &Templates,
    ) -> Result<Planned, Error> {
        let projects = self.projects(&args.projects)?;
        let author = self.person(args.author.as_deref(), "--author", "write the update")?;
        let date = args.date.unwrap_or(self.today);
        let file = slug(&author, 60);
        if file.is_empty() {
            return Err(usage(
                format!("cannot make a file name from the handle `{author}`"),
                "use a handle with letters or digits".into(),
            ));
        }
        let file = format!("{date}-{file}.md");
        let year = date.format("%Y").to_string();
        let path = self.place(Kind::Update, &[format!("{year}/{file}"), file])?;

        let (blockers, from) = self.open_blockers(&author, &projects, date, &path);
        let mut notes = Vec::new();
        if !blockers.is_empty() {
            notes.push(format!(
                "carried over {} open blocker{} from {}; delete what is resolved",
                blockers.len(),
                if blockers.len() == 1 { "" } else { "s" },
                from.join(", ")
            ));
        }
        let text = templates.render(
            "update.md.j2",
            UpdateContext {
                author: &author,
                date: date.to_string(),
                projects: &projects,
                blockers,
            },
        )?;
        Ok(Planned {
            kind: Kind::Update,
            template: "update.md.j2",
            path,
            text,
            replace: replace(args.force),
            notes,
        })
    }

    /// Blockers in the author's latest earlier update of each project (not
    /// counting the file about to be replaced), and the updates they come from.
    fn open_blockers(
        &self,
        author: &str,
        projects: &[String],
        date: NaiveDate,
        path: &str,
    ) -> (Vec<String>, Vec<String>) {
        let mut blockers: Vec<String> = Vec::new();
        let mut from: Vec<String> = Vec::new();
        let latest = self.workspace.latest_updates_where(|doc, u| {
            doc.path != path
                && u.date.as_ref().is_some_and(|d| d.value <= date)
                && u.author.as_ref().is_some_and(|a| a.value == author)
        });
        for project in projects {
            let Some(latest) = latest.get(project.as_str()) else {
                continue;
            };
            let update = latest.update;
            for b in &update.blockers {
                let key = blocker::identity(&b.value);
                if !blockers.iter().any(|x| blocker::identity(x) == key) {
                    blockers.push(b.value.clone());
                }
            }
            let source = &latest.document.path;
            if !update.blockers.is_empty() && !from.contains(source) {
                from.push(source.clone());
            }
        }
        (blockers, from)
    }
}
