//! The packet pipeline: read history once for the period
//! ([`history::read_period`]), resolve the subject, compute the packet.
//! `packet` and `demo` call this; no command calls another.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::{Inputs, Packet, Period, Subject, compute};
use crate::config::Config;
use crate::document::people;
use crate::error::Error;
use crate::history::{self, History, Reading};
use crate::suggest;

/// What a packet is asked for.
#[derive(Clone, Debug)]
pub struct Request {
    /// The person, project or team, as named on the command line.
    pub subject: Subject,
    pub period: Period,
    /// The revision to read history from; HEAD when `None`.
    pub rev: Option<String>,
    /// Read a cut history (a shallow clone, grafts) anyway.
    pub allow_shallow: bool,
    /// Use the history cache under `.git/goalpost/`.
    pub cache: bool,
    /// What counts as today (blockers still open are aged to it).
    pub today: NaiveDate,
}

/// Computes the packet a request asks for, calling `tick` once per commit
/// walked. An unknown subject is a usage error naming the nearest known ones.
pub fn generate(
    config: &Config,
    request: &Request,
    tick: &(dyn Fn() + Sync),
) -> Result<Packet, Error> {
    let reading = read_for(config, request, tick)?;
    Ok(finish(&reading, &request.subject, request))
}

/// Every packet of a team from one history walk (SPEC 9): one per member
/// of the roster's team `request.subject`, by handle, then the team's; each
/// the very packet [`generate`] computes for that subject. `tick` is called
/// once per commit walked and once per packet.
pub fn generate_each(
    config: &Config,
    request: &Request,
    tick: &(dyn Fn() + Sync),
) -> Result<Vec<Packet>, Error> {
    let Subject::Team(team) = &request.subject else {
        return Err(Error::usage(
            "one packet each is for the members of a team: use `--each` with `--team`",
        ));
    };
    let reading = read_for(config, request, tick)?;
    let mut subjects: Vec<Subject> = reading
        .config
        .members(team)
        .map(|m| Subject::Person(m.to_owned()))
        .collect();
    subjects.push(request.subject.clone());
    Ok(subjects
        .iter()
        .map(|subject| {
            let packet = finish(&reading, subject, request);
            tick();
            packet
        })
        .collect())
}

/// The history a request needs, once its subject is known to exist.
fn read_for(
    config: &Config,
    request: &Request,
    tick: &(dyn Fn() + Sync),
) -> Result<Reading, Error> {
    let reading = history::read_period(
        config,
        request.period,
        request.rev.as_deref(),
        request.allow_shallow,
        request.cache,
        tick,
    )?
    .ok_or_else(history::no_commits)?;
    check_subject(&request.subject, &reading.config, &reading.history)?;
    Ok(reading)
}

/// The packet of one subject over history already read.
fn finish(reading: &Reading, subject: &Subject, request: &Request) -> Packet {
    let mut packet = compute(&Inputs {
        history: &reading.history,
        config: &reading.config,
        subject,
        period: request.period,
        today: request.today,
        timelines: &reading.timelines,
    });
    packet.remarks = reading.remarks(std::mem::take(&mut packet.remarks.notes));
    packet
}

/// Fails when the subject names no project of the history, no team of the
/// roster, or no person the roster or the history knows.
fn check_subject(subject: &Subject, config: &Config, history: &History) -> Result<(), Error> {
    match subject {
        Subject::Project(id) if !history.projects.contains_key(id) => Err(suggest::unknown(
            "project",
            id,
            history.projects.keys().map(String::as_str),
        )),
        Subject::Team(team) if !config.teams().contains(team.as_str()) => {
            Err(suggest::unknown("team", team, config.teams()))
        }
        Subject::Person(person) => {
            let known = known_people(config, history);
            if known.contains(person.as_str()) {
                Ok(())
            } else {
                Err(suggest::unknown("person", person, known))
            }
        }
        _ => Ok(()),
    }
}

/// Everyone the roster or the history names.
fn known_people<'a>(config: &'a Config, history: &'a History) -> BTreeSet<&'a str> {
    people::known(
        config,
        history
            .projects
            .values()
            .flatten()
            .filter_map(|v| v.doc.as_deref()),
        history.updates.iter().filter_map(|v| v.doc.as_deref()),
        history
            .decisions
            .values()
            .flatten()
            .filter_map(|v| v.doc.as_deref()),
    )
}
