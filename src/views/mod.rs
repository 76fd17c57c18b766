//! The team views as data: where projects stand (`status`), what is in
//! people's way (`blockers`), whose update is due (`checkins`) and what a
//! 1:1 should be about (`agenda`). Each computes plain serializable rows
//! from the working tree, by the same rules as review packets; commands
//! only choose and render them, and `--format json` is the rows as they are.

pub mod agenda;
pub mod blockers;
pub mod checkins;
pub mod status;
pub mod waiting;

use std::collections::BTreeSet;

use crate::config::Config;
use crate::document::{Project, people};
use crate::error::Error;
use crate::suggest;
use crate::workspace::Workspace;

/// Whose work a view shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Who {
    Everyone,
    Person(String),
    /// A team and its members.
    Team(String, BTreeSet<String>),
}

impl Who {
    /// The person or team a filter names (a team wins when both are given);
    /// an unknown name is a usage error naming the nearest known ones.
    pub fn resolve(
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
            let known = people::known(
                config,
                ws.projects().map(|(_, p)| p),
                ws.updates().map(|(_, u)| u),
                ws.decisions().map(|(_, d)| d),
            );
            if !known.contains(person) {
                return Err(suggest::unknown("person", person, known));
            }
            return Ok(Who::Person(person.to_owned()));
        }
        Ok(Who::Everyone)
    }

    /// Whether a project's owner is among them (any project for `Everyone`).
    pub fn owns(&self, project: &Project) -> bool {
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
