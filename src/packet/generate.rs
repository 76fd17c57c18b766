//! The packet pipeline: open the repository, walk history once for the
//! period, resolve the subject, compute the packet. `packet`, `demo`, the
//! audit and every later consumer call this; no command calls another.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;

use super::{Inputs, Packet, Period, Subject, compute};
use crate::config::Config;
use crate::document::people;
use crate::error::Error;
use crate::history::{self, History, Web};
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

/// History read once for a period, with what every report over it needs.
#[derive(Debug)]
pub struct Reading {
    pub history: History,
    /// The configuration as of the revision read.
    pub config: Config,
    /// When each project first became active, for lead times that start
    /// before the period.
    pub activations: HashMap<String, NaiveDate>,
    /// Where the repository's commits and files are on the web.
    pub web: Option<Web>,
    /// Past status words no `statuses:` line maps, and documents skipped
    /// for names that are not UTF-8, one line each.
    pub caveats: Vec<String>,
    /// What a cut history (shallow, grafts) leaves out.
    pub cut: Option<String>,
    /// A period before the repository's first commit.
    pub empty: Option<String>,
    /// What the history cache had to say (never in a report: stderr only).
    pub cache: Vec<String>,
}

impl Reading {
    /// What a report lists under its notes, before the versions skipped.
    pub fn notes(&self) -> Vec<String> {
        let mut notes: Vec<String> = self.empty.iter().chain(&self.cut).cloned().collect();
        notes.extend(self.caveats.iter().cloned());
        notes
    }

    /// What the command line says on stderr, in the order said.
    pub fn warnings(&self) -> Vec<String> {
        let mut warnings = self.caveats.clone();
        warnings.extend(self.cut.iter().chain(&self.empty).cloned());
        warnings.extend(self.cache.iter().cloned());
        warnings
    }

    /// The full id of the commit read from.
    pub fn generated_from(&self) -> String {
        self.history.head.map(|h| h.to_string()).unwrap_or_default()
    }
}

/// Walks the history a report over `period` needs, once, calling `tick`
/// once per commit walked.
pub fn read(
    config: &Config,
    period: Period,
    rev: Option<&str>,
    allow_shallow: bool,
    cache: bool,
    tick: &(dyn Fn() + Sync),
) -> Result<Reading, Error> {
    let repo = history::open(config)?;
    let config = history::config_for(&repo, config.clone(), rev)?;
    let options = history::Options {
        rev: rev.map(str::to_owned),
        since: Some(period.since),
        allow_shallow,
        cache,
        ..history::Options::default()
    };
    let history = history::read_with_progress(&repo, &config, &options, tick)?;
    let Some(head) = history.head else {
        return Err(Error::usage(
            "this repository has no commits yet, so there is no history to review",
        ));
    };
    // Lead times start at activation, which may lie before the period.
    let mut cache_notes = history.cache_notes.clone();
    let activations = match history.commits.first().filter(|c| c.baseline) {
        Some(baseline) => {
            let (activations, notes) =
                history::first_activations(&repo, &config, baseline.id, cache)?;
            for note in notes {
                if !cache_notes.contains(&note) {
                    cache_notes.push(note);
                }
            }
            activations
        }
        None => HashMap::new(),
    };
    let web = history::web(
        &repo,
        &history::root_prefix(&repo, &config)?,
        &head.to_string(),
    );
    let cut = history.cut_note();
    // A new team's first report, for the last full quarter, is empty: say
    // why, and which period would hold its history.
    let empty = history
        .commits
        .first()
        .filter(|c| !c.baseline && c.date() > period.until)
        .map(|first| {
            format!(
                "nothing here happened from {} to {}: this repository's history starts on {}; try `--since {}`",
                period.since,
                period.until,
                first.date(),
                first.date()
            )
        });
    Ok(Reading {
        caveats: history.caveats(),
        cache: cache_notes,
        history,
        config,
        activations,
        web,
        cut,
        empty,
    })
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
    let reading = read(
        config,
        request.period,
        request.rev.as_deref(),
        request.allow_shallow,
        request.cache,
        tick,
    )?;
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
        activations: &reading.activations,
    });
    packet.web = reading.web.clone();
    let mut notes = reading.notes();
    notes.append(&mut packet.notes);
    packet.notes = notes;
    packet.warnings = reading.warnings();
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
