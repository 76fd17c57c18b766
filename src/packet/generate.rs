//! The packet pipeline: open the repository, walk history once for the
//! period, resolve the subject, compute the packet. `packet`, `demo` and
//! every later consumer call this; no command calls another.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::{Inputs, Packet, Period, Subject, compute};
use crate::config::Config;
use crate::document::people;
use crate::error::Error;
use crate::history::{self, History};
use crate::suggest;

/// What a packet is asked for.
#[derive(Clone, Debug)]
pub struct Request {
    /// The person, project or team, as named on the command line.
    pub subject: Subject,
    pub period: Period,
    /// The revision to read history from; HEAD when `None`.
    pub rev: Option<String>,
    /// Read a shallow clone's truncated history anyway.
    pub allow_shallow: bool,
    /// What counts as today (blockers still open are aged to it).
    pub today: NaiveDate,
}

/// Computes the packet a request asks for, calling `tick` once per commit
/// walked. An unknown subject is a usage error naming the nearest known ones.
pub fn generate(config: &Config, request: &Request, tick: &dyn Fn()) -> Result<Packet, Error> {
    let repo = history::open(config)?;
    let config = history::config_for(&repo, config.clone(), request.rev.as_deref())?;
    let options = history::Options {
        rev: request.rev.clone(),
        since: Some(request.period.since),
        allow_shallow: request.allow_shallow,
        ..history::Options::default()
    };
    let history = history::read_with_progress(&repo, &config, &options, tick)?;
    if history.head.is_none() {
        return Err(Error::usage(
            "this repository has no commits yet, so there is no history to review",
        ));
    }
    check_subject(&request.subject, &config, &history)?;
    // Lead times start at activation, which may lie before the period.
    let activations = match history.commits.first().filter(|c| c.baseline) {
        Some(baseline) => history::first_activations(&repo, &config, baseline.id)?,
        None => Default::default(),
    };
    let mut packet = compute(&Inputs {
        history: &history,
        config: &config,
        subject: &request.subject,
        period: request.period,
        today: request.today,
        activations: &activations,
    });
    packet.web = history::web(
        &repo,
        &history::root_prefix(&repo, &config)?,
        &packet.generated_from,
    );
    for note in history.unmapped_notes().into_iter().rev() {
        packet.notes.insert(0, note.clone());
        packet.warnings.insert(0, note);
    }
    if let Some(note) = history::shallow_note(&repo, &history) {
        packet.notes.insert(0, note.clone());
        packet.warnings.push(note);
    }
    // A new team's first packet, for the last full quarter, is empty: say
    // why, and which period would hold its history.
    if let Some(first) = history
        .commits
        .first()
        .filter(|c| !c.baseline && c.date() > request.period.until)
    {
        let note = format!(
            "nothing here happened from {} to {}: this repository's history starts on {}; try `--since {}`",
            request.period.since,
            request.period.until,
            first.date(),
            first.date()
        );
        packet.notes.insert(0, note.clone());
        packet.warnings.push(note);
    }
    Ok(packet)
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
