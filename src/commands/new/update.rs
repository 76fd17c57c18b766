//! `goalpost new update`: an async update, carrying over the blockers and
//! asks still open in the author's latest update of each project, so that
//! writing the next update never closes them silently.

use chrono::NaiveDate;
use clap::Args;
use serde::Serialize;

use super::{Planned, Planner, replace, usage};
use crate::document::naming::slug;
use crate::document::{Update, blocker, with_unit};
use crate::error::Error;
use crate::render::template::Templates;
use crate::syntax::Located;
use crate::vocabulary::Kind;

/// Create an async update for one or more projects
///
/// Writes updates/<YEAR>-<MONTH>/<DATE>-<AUTHOR>.md with sections for
/// progress, blockers, asks and next steps (updates/<YEAR>/… when the newest
/// update is in a year folder: the layout a team uses is kept). Blockers
/// and asks still open in your latest update of each project are carried
/// over, so that they stay open until you remove them. The author defaults
/// to your roster entry (matched by git's user.email or user.name). A second
/// update on the same day takes a --slug: <DATE>-<AUTHOR>-<SLUG>.md.
///
/// Examples:
///   goalpost new update --project search-latency
///   goalpost new update --project search-latency,billing-export --date 2026-11-20
///   goalpost new update --project search-latency --author alice
///   goalpost new update --project search-latency --slug afternoon
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
    /// A word for the file name, for a second update on the same day
    #[arg(long, value_name = "WORD")]
    pub slug: Option<String>,
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
    asks: Vec<String>,
    measures: Vec<MeasureLine>,
}

/// A measure of a project the update names, to report on: a commented
/// line with the last value reported, for the author to uncomment.
#[derive(Serialize)]
struct MeasureLine {
    /// `id`, or `project/id` when the update names several projects.
    key: String,
    /// The last value as written, or empty when none was reported.
    value: String,
    /// What it is and where it stands, for the line's comment.
    about: String,
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
        let file = match &args.slug {
            None => format!("{date}-{file}.md"),
            Some(word) => match slug(word, 40) {
                s if s.is_empty() => {
                    return Err(usage(
                        format!("cannot make a file name from the slug `{word}`"),
                        "use a word with letters or digits, e.g. `--slug afternoon`".into(),
                    ));
                }
                s => format!("{date}-{file}-{s}.md"),
            },
        };
        let year = date.format("%Y").to_string();
        let mut names = vec![format!("{year}/{file}"), file.clone()];
        if self.month_folders() {
            names.insert(0, format!("{}/{file}", date.format("%Y-%m")));
        }
        let path = self.place(Kind::Update, &names)?;

        let blockers = self.still_open(&author, &projects, date, &path, |u| &u.blockers);
        let asks = self.still_open(&author, &projects, date, &path, |u| &u.asks);
        let mut notes = Vec::new();
        for (what, open) in [("blocker", &blockers), ("ask", &asks)] {
            if !open.items.is_empty() {
                notes.push(format!(
                    "carried over {} open {what}{} from {}; delete what is resolved",
                    open.items.len(),
                    if open.items.len() == 1 { "" } else { "s" },
                    open.from.join(", ")
                ));
            }
        }
        let text = templates.render(
            "update.md.j2",
            UpdateContext {
                author: &author,
                date: date.to_string(),
                projects: &projects,
                blockers: blockers.items,
                asks: asks.items,
                measures: self.measure_lines(&projects, &path),
            },
        )?;
        Ok(Planned {
            kind: Kind::Update,
            template: "update.md.j2",
            path,
            text,
            replace: replace(args.force),
            notes,
            also: Vec::new(),
        })
    }

    /// A line for each measure of `projects`, with its last reported value
    /// (the latest by `as_of`, as `check` reads it) in an update other than
    /// the one at `path`.
    fn measure_lines(&self, projects: &[String], path: &str) -> Vec<MeasureLine> {
        // Not the file about to be replaced: its values are being rewritten.
        let latest = self.workspace.latest_measures_except(Some(path));
        let mut out = Vec::new();
        for id in projects {
            let Some((_, project)) = self.workspace.projects().find(|(_, p)| p.id.value == *id)
            else {
                continue;
            };
            for measure in &project.measures {
                let shown = |v: &str| with_unit(v, measure.unit.as_deref());
                let name = measure
                    .name
                    .as_ref()
                    .map_or(measure.id.value.as_str(), |n| n.value.as_str());
                let mut about = name.to_owned();
                if let Some(target) = &measure.target {
                    about.push_str(&format!(", target {}", shown(&target.value.to_string())));
                }
                let last = latest.get(&(id.as_str(), measure.id.value.as_str()));
                let value = last.map_or(String::new(), |l| l.reported.value.value.to_string());
                match last {
                    Some(l) => about.push_str(&format!(
                        "; last {} as of {} ({})",
                        shown(&value),
                        l.as_of,
                        l.document.path
                    )),
                    None => about.push_str("; nothing reported yet"),
                }
                let key = if projects.len() > 1 {
                    format!("{id}/{}", measure.id.value)
                } else {
                    measure.id.value.clone()
                };
                // A comment is one line: a name or path written with a line
                // break must not end it.
                let one_line = |s: String| s.replace(char::is_control, " ");
                out.push(MeasureLine {
                    key: one_line(key),
                    value,
                    about: one_line(about),
                });
            }
        }
        out
    }

    /// Whether the next update goes in a month folder (`2026-07/`): the
    /// default, as a folder of a year of a large team's updates slows every
    /// git operation (see the README's layout advice), unless the newest
    /// update lives elsewhere (a team that keeps them by year keeps doing so).
    fn month_folders(&self) -> bool {
        let newest = self
            .workspace
            .updates()
            .filter_map(|(doc, u)| Some((u.date.as_ref()?.value, doc.path.as_str())))
            .max();
        newest.is_none_or(|(_, path)| {
            let folder = path.rsplit('/').nth(1).unwrap_or_default().as_bytes();
            folder.len() == 7
                && folder[4] == b'-'
                && folder
                    .iter()
                    .enumerate()
                    .all(|(i, b)| i == 4 || b.is_ascii_digit())
        })
    }

    /// The items of one list (blockers or asks) in the author's latest
    /// earlier update of each project (not counting the file about to be
    /// replaced), and the updates they come from.
    fn still_open(
        &self,
        author: &str,
        projects: &[String],
        date: NaiveDate,
        path: &str,
        list: impl Fn(&Update) -> &[Located<String>],
    ) -> Carried {
        let mut out = Carried::default();
        let latest = self.workspace.latest_updates_where(|doc, u| {
            doc.path != path
                && u.date.as_ref().is_some_and(|d| d.value <= date)
                && u.author.as_ref().is_some_and(|a| a.value == author)
        });
        for project in projects {
            let Some(latest) = latest.get(project.as_str()) else {
                continue;
            };
            let items = list(latest.update);
            for item in items {
                let key = blocker::identity(&item.value);
                if !out.items.iter().any(|x| blocker::identity(x) == key) {
                    out.items.push(item.value.clone());
                }
            }
            let source = &latest.document.path;
            if !items.is_empty() && !out.from.contains(source) {
                out.from.push(source.clone());
            }
        }
        out
    }
}

/// Items carried over from earlier updates.
#[derive(Default)]
struct Carried {
    items: Vec<String>,
    /// The updates they come from.
    from: Vec<String>,
}
