//! What the team views (`status`, `blockers`, `checkins`, `agenda`) share:
//! the working tree read once, the person or team a filter names, and the
//! open blockers and asks — computed by the same rules as review packets.

use std::collections::BTreeSet;

use crate::blockers::{self, Blocker, Listing};
use crate::cli::GlobalArgs;
use crate::commands::{self, Output};
use crate::config::Config;
use crate::document::{Decision, Project, Update};
use crate::error::Error;
use crate::suggest;
use crate::workspace::Workspace;

/// Reads the working tree; documents that cannot be read are skipped with a
/// one-line note.
pub fn load(global: &GlobalArgs, io: &mut Output<'_>) -> Result<(Config, Workspace), Error> {
    let config = commands::config(global)?;
    let ws = Workspace::load(&config)?;
    let skipped = ws.file_count() - ws.documents.iter().filter(|d| d.model.is_some()).count();
    if skipped > 0 && !global.quiet {
        writeln!(
            io.err,
            "note: {skipped} document{} could not be read and {} skipped; run `goalpost check` for details",
            if skipped == 1 { "" } else { "s" },
            if skipped == 1 { "was" } else { "were" },
        )?;
    }
    Ok((config, ws))
}

/// `--owner`/`--team`: which projects a view shows, by their owner.
#[derive(Debug, Default, clap::Args)]
pub struct OwnerArgs {
    /// Only projects this person owns
    #[arg(long, value_name = "HANDLE")]
    pub owner: Option<String>,
    /// Only projects owned by members of this team
    #[arg(long, value_name = "TEAM")]
    pub team: Option<String>,
}

impl OwnerArgs {
    /// The owners these flags name; unknown names are usage errors.
    pub fn resolve(&self, config: &Config, ws: &Workspace) -> Result<Who, Error> {
        Who::from_flags(self.owner.as_deref(), self.team.as_deref(), config, ws)
    }
}

/// Whose work a view shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Who {
    Everyone,
    Person(String),
    /// A team and its members.
    Team(String, BTreeSet<String>),
}

impl Who {
    /// From `--person`/`--team`; unknown names are usage errors with suggestions.
    pub fn from_flags(
        person: Option<&str>,
        team: Option<&str>,
        config: &Config,
        ws: &Workspace,
    ) -> Result<Who, Error> {
        if let Some(team) = team {
            let teams = config.teams();
            if !teams.contains(team) {
                return Err(suggest::unknown("team", team, teams));
            }
            let members = config.members(team).map(str::to_owned).collect();
            return Ok(Who::Team(team.to_owned(), members));
        }
        if let Some(person) = person {
            let known = people(config, ws);
            if !known.contains(person) {
                return Err(suggest::unknown("person", person, known));
            }
            return Ok(Who::Person(person.to_owned()));
        }
        Ok(Who::Everyone)
    }

    /// Whether a project's owner is among them (any project for `Everyone`).
    pub fn owns(&self, project: &crate::document::Project) -> bool {
        *self == Who::Everyone
            || project
                .owner
                .as_ref()
                .is_some_and(|o| self.includes(&o.value))
    }

    pub fn includes(&self, handle: &str) -> bool {
        match self {
            Who::Everyone => true,
            Who::Person(p) => p == handle,
            Who::Team(_, members) => members.contains(handle),
        }
    }
}

/// Everyone the roster or the working tree names.
fn people<'a>(config: &'a Config, ws: &'a Workspace) -> BTreeSet<&'a str> {
    known_people(
        config,
        ws.projects().map(|(_, p)| p),
        ws.updates().map(|(_, u)| u),
        ws.decisions().map(|(_, d)| d),
    )
}

/// Everyone the roster names, and every owner, contributor, author and
/// decider the given documents name.
pub fn known_people<'a>(
    config: &'a Config,
    projects: impl IntoIterator<Item = &'a Project>,
    updates: impl IntoIterator<Item = &'a Update>,
    decisions: impl IntoIterator<Item = &'a Decision>,
) -> BTreeSet<&'a str> {
    let mut known: BTreeSet<&str> = config.people.keys().map(String::as_str).collect();
    for p in projects {
        known.extend(p.owner.iter().map(|o| o.value.as_str()));
        known.extend(p.contributors.iter().map(|c| c.value.as_str()));
    }
    for u in updates {
        known.extend(u.author.iter().map(|a| a.value.as_str()));
    }
    for d in decisions {
        known.extend(d.deciders.iter().map(|a| a.value.as_str()));
    }
    known
}

/// Writes a view: its rows as JSON, or as a table (or `empty` when there
/// are no rows).
pub fn emit<R: serde::Serialize, const N: usize>(
    io: &mut Output<'_>,
    format: TableFormat,
    rows: &[R],
    empty: &str,
    header: &[&str; N],
    cells: impl Fn(&R) -> [String; N],
) -> Result<(), Error> {
    match format {
        TableFormat::Json => {
            serde_json::to_writer_pretty(&mut *io.out, rows).map_err(std::io::Error::from)?;
            writeln!(io.out)?;
        }
        TableFormat::Table if rows.is_empty() => writeln!(io.out, "{empty}")?,
        TableFormat::Table => {
            let table: Vec<[String; N]> = rows.iter().map(cells).collect();
            write_table(io, header, &table)?;
        }
    }
    Ok(())
}

/// Writes aligned columns; the first column shrinks to fit the terminal.
fn write_table<const N: usize>(
    io: &mut Output<'_>,
    header: &[&str; N],
    rows: &[[String; N]],
) -> Result<(), Error> {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    // `COLUMNS` first (set it to force a width), then the terminal itself.
    let terminal = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse::<usize>().ok())
        .or_else(|| {
            terminal_size::terminal_size_of(std::io::stdout())
                .map(|(terminal_size::Width(w), _)| usize::from(w))
        })
        .unwrap_or(120);
    let rest: usize = widths[1..].iter().map(|w| w + 2).sum();
    widths[0] = widths[0].min(terminal.saturating_sub(rest).max(12));
    let line = |cells: &[String]| {
        let mut s = String::new();
        for (i, (cell, w)) in cells.iter().zip(&widths).enumerate() {
            let cell = if cell.chars().count() > *w {
                let mut c: String = cell.chars().take(w.saturating_sub(1)).collect();
                c.push('…');
                c
            } else {
                cell.clone()
            };
            if i + 1 == cells.len() {
                s.push_str(&cell);
            } else {
                s.push_str(&format!("{cell:<w$}  ", w = *w));
            }
        }
        s
    };
    let header: Vec<String> = header.iter().map(|h| (*h).to_owned()).collect();
    writeln!(io.out, "{}", line(&header))?;
    for row in rows {
        writeln!(io.out, "{}", line(row))?;
    }
    Ok(())
}

/// Output formats of the team views.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum TableFormat {
    Table,
    Json,
}

/// Which list of an update to follow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum List {
    Blockers,
    Asks,
}

/// Blockers (or asks) still open in the working tree: listed in the latest
/// update of their author for their project. Oldest first.
pub fn open(ws: &Workspace, list: List) -> Vec<Blocker> {
    let listings: Vec<Listing<'_>> = ws
        .updates()
        .filter_map(|(doc, u)| {
            let author = u.author.as_ref()?.value.as_str();
            let date = u.date.as_ref()?.value;
            let items = match list {
                List::Blockers => &u.blockers,
                List::Asks => &u.asks,
            };
            Some(u.projects.iter().map(move |p| Listing {
                author,
                project: p.value.as_str(),
                date,
                path: doc.path.as_str(),
                commit: None,
                blockers: items.iter().map(|b| b.value.as_str()).collect(),
            }))
        })
        .flatten()
        .collect();
    blockers::runs(&listings)
        .into_iter()
        .filter(|b| b.cleared.is_none())
        .collect()
}
