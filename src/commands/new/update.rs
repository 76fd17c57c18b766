//! `goalpost new update`: an async update, carrying over the blockers and
//! asks still open in the author's latest update of each project, so that
//! writing the next update never closes them silently.

use chrono::NaiveDate;
use clap::Args;
use serde::Serialize;

use super::{Planned, Planner, one_line, replace, usage};
use crate::document::naming::slug;
use crate::document::{Update, blocker, with_unit};
use crate::error::Error;
use crate::render::template::Templates;
use crate::suggest;
use crate::syntax::{Decimal, Located};
use crate::vocabulary::{Confidence, Kind};

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
/// The sections can be written from flags (each one line; repeat a flag for
/// more items): --progress, --blocker and --ask (added to those carried
/// over), --next, --confidence and --measure ID=VALUE. Without them the
/// sections hold placeholders to replace.
///
/// Examples:
///   goalpost new update --project search-latency
///   goalpost new update --project search-latency --progress "p95 at 240 ms" --confidence at-risk
///   goalpost new update --project support-fcr --measure fcr=66 --blocker "waiting on the CRM export"
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
    /// What moved since the last update: one item (repeat for more)
    #[arg(long, value_name = "TEXT")]
    pub progress: Vec<String>,
    /// What blocks the work, besides those carried over (repeat for more)
    #[arg(long = "blocker", value_name = "TEXT")]
    pub blockers: Vec<String>,
    /// What you need from someone, besides those carried over (repeat for more)
    #[arg(long = "ask", value_name = "TEXT")]
    pub asks: Vec<String>,
    /// What comes before the next update (repeat for more)
    #[arg(long, value_name = "TEXT")]
    pub next: Vec<String>,
    /// How the work stands: on-track, at-risk or off-track
    #[arg(long, value_name = "WORD")]
    pub confidence: Option<String>,
    /// A measure's value: ID=VALUE, or PROJECT/ID=VALUE when the update names several projects (repeat for more)
    #[arg(long = "measure", value_name = "ID=VALUE")]
    pub measures: Vec<String>,
}

#[derive(Serialize)]
struct UpdateContext<'a> {
    author: &'a str,
    date: String,
    projects: &'a [String],
    blockers: Vec<String>,
    asks: Vec<String>,
    progress: Vec<String>,
    next: Vec<String>,
    confidence: Option<&'static str>,
    /// Values given with `--measure`, as `key: value` lines.
    reported: Vec<Given>,
    /// The measures not given a value, as commented lines.
    measures: Vec<MeasureLine>,
}

/// A value given with `--measure`.
#[derive(Clone, Serialize)]
struct Given {
    key: String,
    value: String,
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

        let fields = Fields::from_args(args)?;
        let mut blockers = self.still_open(&author, &projects, date, &path, |u| &u.blockers);
        let mut asks = self.still_open(&author, &projects, date, &path, |u| &u.asks);
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
        for (open, given) in [(&mut blockers, &fields.blockers), (&mut asks, &fields.asks)] {
            for item in given {
                let key = blocker::identity(item);
                if !open.items.iter().any(|x| blocker::identity(x) == key) {
                    open.items.push(item.clone());
                }
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
                progress: fields.progress.clone(),
                next: fields.next.clone(),
                confidence: fields.confidence.map(Confidence::as_str),
                measures: self
                    .measure_lines(&projects, &path)
                    .into_iter()
                    .filter(|m| !fields.reported.iter().any(|g| g.key == m.key))
                    .collect(),
                reported: fields.reported.clone(),
            },
        )?;
        fields.shown_in(&text)?;
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
    /// git operation (see the layout advice in docs/performance.md), unless the newest
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

/// What the flags say the update holds, each checked to be one line (and
/// a measure's value a number) before it goes into the template.
struct Fields {
    progress: Vec<String>,
    blockers: Vec<String>,
    asks: Vec<String>,
    next: Vec<String>,
    confidence: Option<Confidence>,
    reported: Vec<Given>,
}

impl Fields {
    fn from_args(args: &NewUpdateArgs) -> Result<Fields, Error> {
        let lines = |given: &[String], flag: &str| -> Result<Vec<String>, Error> {
            given
                .iter()
                .map(|t| one_line(t, &format!("`{flag}`")))
                .collect()
        };
        let confidence = match args.confidence.as_deref() {
            None => None,
            Some(word) => Some(
                Confidence::parse(word)
                    .ok_or_else(|| suggest::unknown("confidence", word, Confidence::WORDS))?,
            ),
        };
        let mut reported: Vec<Given> = Vec::new();
        for given in &args.measures {
            let Some((key, value)) = given.split_once('=') else {
                return Err(usage(
                    format!("`--measure {given}` has no value"),
                    "write `--measure ID=VALUE`, e.g. `--measure fcr=66`".into(),
                ));
            };
            let (key, value) = (key.trim(), value.trim());
            if key.is_empty()
                || !key
                    .chars()
                    .all(|c| c.is_alphanumeric() || "-_./".contains(c))
            {
                return Err(usage(
                    format!("`{key}` in `--measure {given}` is not a measure id"),
                    "write `--measure ID=VALUE`, e.g. `--measure fcr=66`".into(),
                ));
            }
            if Decimal::parse(value).is_none() {
                return Err(usage(
                    format!("`{value}` in `--measure {given}` is not a number"),
                    "write the value as a number, without its unit, e.g. `--measure fcr=66.5`"
                        .into(),
                ));
            }
            if reported.iter().any(|g| g.key == key) {
                return Err(usage(
                    format!("`--measure {key}` is given twice"),
                    "give each measure one value".into(),
                ));
            }
            reported.push(Given {
                key: key.to_owned(),
                value: value.to_owned(),
            });
        }
        Ok(Fields {
            progress: lines(&args.progress, "--progress")?,
            blockers: lines(&args.blockers, "--blocker")?,
            asks: lines(&args.asks, "--ask")?,
            next: lines(&args.next, "--next")?,
            confidence,
            reported,
        })
    }

    /// Refuses a rendered update that leaves out what a flag gave (a
    /// repository's own template that does not show the field): the words
    /// would be lost without a word.
    fn shown_in(&self, text: &str) -> Result<(), Error> {
        let items = [
            ("--progress", "progress", &self.progress),
            ("--blocker", "blockers", &self.blockers),
            ("--ask", "asks", &self.asks),
            ("--next", "next", &self.next),
        ];
        let mut missing = items
            .iter()
            .filter(|(_, _, given)| given.iter().any(|item| !text.contains(item.as_str())))
            .map(|(flag, var, _)| (*flag, *var))
            .collect::<Vec<_>>();
        if let Some(c) = self.confidence
            && !text.contains(&format!("confidence: {}", c.as_str()))
        {
            missing.push(("--confidence", "confidence"));
        }
        if self
            .reported
            .iter()
            .any(|g| !text.contains(&format!("{}: {}", g.key, g.value)))
        {
            missing.push(("--measure", "reported"));
        }
        match missing.first() {
            None => Ok(()),
            Some((flag, var)) => Err(usage(
                format!(
                    "the update template does not show what `{flag}` gives, so the update was not written"
                ),
                format!(
                    "show `{var}` in {}/update.md.j2 as the built-in template does, or leave out `{flag}`",
                    crate::render::template::OVERRIDE_DIR
                ),
            )),
        }
    }
}

/// Items carried over from earlier updates.
#[derive(Default)]
struct Carried {
    items: Vec<String>,
    /// The updates they come from.
    from: Vec<String>,
}
