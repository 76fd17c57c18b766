//! The opportunity audit (SPEC 6): who led projects, who got the stretch
//! work and who sat at the decision table, per group of people, next to the
//! outcomes of the projects each group owned — the structural answer to
//! proximity bias. It speaks of groups, never of a person: no figure of one
//! person appears, and groups under `audit.min_group` carry no numbers.
//!
//! Selection rates are compared as fractions (cross-multiplied whole
//! numbers), never as rounded floats, so a ratio of exactly 0.8 is not below
//! 0.8; rounding is for display.

mod compare;
mod facts;
mod promotions;
mod recognitions;
mod render;
mod significance;
mod trend;

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::config::Config;
use crate::error::Error;
use crate::history::Reading;
use crate::history::{self, Period};
use crate::packet::{self, Inputs, Subject};
use crate::suggest;

use compare::{Counted, OPPORTUNITIES, Pick};
pub use facts::*;
pub use promotions::Promotions;
use recognitions::recognitions;
pub use recognitions::recognitions_in;
pub use render::{Format, render};

/// The group of people without the attribute.
pub const UNSET: &str = "(unset)";

/// Roster attributes that name one person, so grouping by them would make
/// a group of each person.
const PERSONAL: &[&str] = &["name", "email"];

/// What an audit is asked for.
#[derive(Clone, Debug)]
pub struct Request {
    /// The roster attribute to group by; `audit.by` when `None`.
    pub by: Option<String>,
    pub period: Period,
    pub allow_shallow: bool,
    /// Use the history cache under `.git/goalpost/`.
    pub cache: bool,
    pub today: NaiveDate,
    /// The promotions file named on the command line, read.
    pub promotions: Option<Promotions>,
    /// `--quarters N`: the N full quarters ending with `period`, side by
    /// side.
    pub quarters: Option<usize>,
}

/// Checks that the roster can be grouped by `by`: a roster exists, and some
/// entry has the attribute. Fails with a usage error that shows the way.
pub fn check_grouping(config: &Config, by: &str) -> Result<(), Error> {
    if !config.has_roster() {
        return Err(Error::usage(
            "the audit compares groups of people, and goalpost.yml has no roster",
        )
        .with_help(
            "list the team under `people:` in goalpost.yml, with the attribute to group by:\n\n  people:\n    alice: { name: Alice Ng, team: search, location: remote }\n    bob:   { name: Bob Ruiz, team: search, location: office }",
        ));
    }
    if PERSONAL.contains(&by) {
        return Err(Error::usage(format!(
            "`{by}` names one person, so every group would be one person; the audit compares groups, never people"
        ))
        .with_help("group by an attribute people share: `--by location` or `--by team`"));
    }
    let keys: BTreeSet<&str> = config
        .people
        .values()
        .flat_map(|p| p.attributes.keys().map(String::as_str))
        .filter(|k| !PERSONAL.contains(k))
        .collect();
    if !keys.contains(by) {
        let listed: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
        let mut error = suggest::unknown("roster attribute", by, keys.iter().copied());
        let help = match (listed.is_empty(), error.help()) {
            (true, _) => "no roster entry has an attribute to group by; add one to each person in goalpost.yml, e.g. `location: remote`".to_owned(),
            (false, Some(h)) if h.contains("did you mean") => {
                format!("{h}; the roster's attributes are {}", listed.join(", "))
            }
            (false, _) => format!("the roster's attributes are {}", listed.join(", ")),
        };
        error = error.with_help(help);
        return Err(error);
    }
    Ok(())
}

/// Computes the audit a request asks for, calling `tick` once per commit
/// walked.
pub fn generate(
    config: &Config,
    request: &Request,
    tick: &(dyn Fn() + Sync),
) -> Result<Audit, Error> {
    // A bare repository's roster is the one in the revision's tree.
    // A repository git cannot open is history::read_period's to report, with help.
    let config = &match history::open_enclosing(config).ok().flatten() {
        Some(repo) => history::config_for(&repo, config.clone(), None)?,
        None => config.clone(),
    };
    let by = request
        .by
        .clone()
        .unwrap_or_else(|| config.audit.by.clone());
    check_grouping(config, &by)?;
    let recognitions = recognitions(config)?;
    let periods = trend::quarters(request.period, request.quarters.unwrap_or(1));
    let whole = Period {
        since: periods[0].since,
        until: request.period.until,
    };
    // One reading of history for every quarter.
    let reading = history::read_period(
        config,
        whole,
        None,
        request.allow_shallow,
        request.cache,
        tick,
    )?
    .ok_or_else(history::no_commits)?;
    let mut audits: Vec<Audit> = periods
        .par_iter()
        .map(|&period| {
            compute(
                &reading,
                config,
                &by,
                period,
                request.today,
                request.promotions.as_ref(),
                recognitions.as_deref(),
            )
        })
        .collect();
    let trend = request.quarters.map(|_| trend::of(&audits));
    let mut audit = audits.pop().ok_or_else(history::no_commits)?;
    // Quarters over before the first commit count nothing, and say so.
    if let Some(first) = reading.history.commits.first().filter(|c| !c.baseline) {
        let start = first.date();
        let before: Vec<String> = periods
            .iter()
            .filter(|p| p.until < start)
            .map(|p| trend::label(*p))
            .collect();
        if trend.is_some() && !before.is_empty() {
            audit.remarks.notes.push(format!(
                "{} end{} before the repository's first commit ({start}): nothing in {} can be counted",
                before.join(", "),
                if before.len() == 1 { "s" } else { "" },
                if before.len() == 1 { "it" } else { "them" },
            ));
        }
    }
    audit.trend = trend;
    let spelling = spelling_notes(&audit.groups);
    audit.remarks.warnings.extend(spelling);
    Ok(audit)
}

/// One group's people and what they received.
struct Tally<'a> {
    name: String,
    people: BTreeSet<&'a str>,
}

/// The audit of a period, over history already read; `roster` is the
/// working tree's configuration (whose people are grouped).
pub fn compute(
    reading: &Reading,
    roster: &Config,
    by: &str,
    period: Period,
    today: NaiveDate,
    promotions: Option<&Promotions>,
    recognitions: Option<&[(NaiveDate, Vec<String>)]>,
) -> Audit {
    let history = &reading.history;
    let config = &reading.config;
    let min_group = roster.audit.min_group;
    let stretch_tags: Vec<String> = roster.audit.stretch_tags.clone();
    let is_stretch = |tag: &str| stretch_tags.iter().any(|s| s.eq_ignore_ascii_case(tag));

    // Groups, by the attribute's value as written; `(unset)` last.
    let mut by_value: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    for (handle, person) in &roster.people {
        let value = person
            .attributes
            .get(by)
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
            .unwrap_or(UNSET);
        by_value.entry(value.to_owned()).or_default().insert(handle);
    }
    let mut tallies: Vec<Tally<'_>> = by_value
        .into_iter()
        .map(|(name, people)| Tally { name, people })
        .collect();
    tallies.sort_by_key(|t| t.name == UNSET);

    let scope = packet::scope(history, period);
    let decisions = packet::decisions_in(history, period);
    let inputs = Inputs {
        history,
        config,
        subject: &Subject::Team(String::new()),
        period,
        today,
        timelines: &reading.timelines,
    };
    let owners = packet::Owners::new(&inputs);

    // Selections of the reported groups, as exact fractions.
    let mut counted: Vec<Option<Counted>> = Vec::new();
    for tally in &tallies {
        if tally.people.len() < min_group {
            counted.push(None);
            continue;
        }
        let members = &tally.people;
        // Who owned an in-scope project (a stretch one: while it carried a
        // stretch tag), and which projects that counts.
        let owned = |stretch: bool| {
            let mut selected: BTreeSet<&str> = BTreeSet::new();
            let mut projects = Vec::new();
            for s in &scope {
                let mut counted = false;
                for (owner, tags) in &s.moments {
                    if let Some(owner) = owner.filter(|o| members.contains(o))
                        && (!stretch || tags.iter().any(|t| is_stretch(t)))
                    {
                        selected.insert(owner);
                        counted = true;
                    }
                }
                if counted {
                    projects.push(s.id.to_owned());
                }
            }
            Pick::of_projects(selected.len(), projects)
        };
        let sat: Vec<&packet::DecisionFact> = decisions
            .iter()
            .filter(|d| d.deciders.iter().any(|p| members.contains(p.as_str())))
            .collect();
        let deciders = members
            .iter()
            .filter(|m| sat.iter().any(|d| d.deciders.iter().any(|p| p == *m)))
            .count();
        let mut refs: Vec<DecisionRef> = sat
            .iter()
            .map(|d| match d.number {
                Some(n) => DecisionRef::Number(n),
                None => DecisionRef::Key(d.key.clone()),
            })
            .collect();
        refs.sort();
        refs.dedup();
        // Recognitions and promotions carry no evidence list: a file name
        // or a row may name a person.
        let recognized = recognitions.map(|list| Pick {
            selected: members
                .iter()
                .filter(|m| {
                    list.iter().any(|(date, people)| {
                        period.contains(*date) && people.iter().any(|p| p == *m)
                    })
                })
                .count(),
            projects: None,
            decisions: None,
        });
        let promoted = promotions.map(|file| Pick {
            selected: members
                .iter()
                .filter(|m| file.promoted(m, |d| period.contains(d)))
                .count(),
            projects: None,
            decisions: None,
        });

        let outcomes = owners.outcomes(members);
        let delivered: Vec<&packet::Outcome> =
            outcomes.iter().filter(|o| o.delivered.is_some()).collect();
        let on_time = delivered.iter().filter(|o| o.on_time == Some(true)).count();
        let late = delivered
            .iter()
            .filter(|o| o.on_time == Some(false))
            .count();
        let mut lead: Vec<i64> = delivered.iter().filter_map(|o| o.lead_time_days).collect();
        lead.sort_unstable();
        counted.push(Some(Counted {
            picks: [
                Some(owned(false)),
                Some(owned(true)),
                Some(Pick {
                    selected: deciders,
                    projects: None,
                    decisions: Some(refs),
                }),
                recognized,
                promoted,
            ],
            outcomes: Outcomes {
                delivered: delivered.len(),
                on_time,
                late,
                on_time_rate: ratio(on_time, on_time + late),
                criteria_met: outcomes.iter().map(|o| o.criteria_met.len()).sum(),
                measures_met: outcomes
                    .iter()
                    .flat_map(|o| &o.measures)
                    .filter(|m| m.met.as_ref().is_some_and(|met| period.contains(met.date)))
                    .count(),
                median_lead_time_days: packet::median(&lead),
            },
            measured: (on_time, on_time + late),
        }));
    }
    let sizes: Vec<usize> = tallies.iter().map(|t| t.people.len()).collect();
    let names: Vec<&str> = tallies.iter().map(|t| t.name.as_str()).collect();
    let (groups, mut findings) = compare::groups(&counted, &sizes, &names);
    findings.sort_by_key(|f| OPPORTUNITIES.iter().position(|n| *n == f.opportunity));

    let mut notes = spelling_notes(&groups);
    let unowned: Vec<&str> = scope
        .iter()
        .filter(|s| !s.owners().any(|o| roster.people.contains_key(o)))
        .map(|s| s.id)
        .collect();
    if !unowned.is_empty() {
        notes.push(format!(
            "{} project{} in scope had no owner in the roster and {} for no group: {}",
            unowned.len(),
            if unowned.len() == 1 { "" } else { "s" },
            if unowned.len() == 1 {
                "counts"
            } else {
                "count"
            },
            unowned.join(", ")
        ));
    }
    if let Some(file) = promotions.filter(|p| p.unknown_rows > 0) {
        let n = file.unknown_rows;
        notes.push(format!(
            "{n} row{} of the promotions file name{} no one in the roster and {} not counted",
            if n == 1 { "" } else { "s" },
            if n == 1 { "s" } else { "" },
            if n == 1 { "was" } else { "were" },
        ));
    }
    // An update's path names its author: count skipped versions, and leave
    // naming them to a packet.
    if !history.notes.is_empty() {
        let n = history.notes.len();
        notes.push(format!(
            "{n} past version{} of documents could not be read and {} skipped; a team packet for the period names {}",
            if n == 1 { "" } else { "s" },
            if n == 1 { "was" } else { "were" },
            if n == 1 { "it" } else { "them" },
        ));
    }
    Audit {
        schema: "goalpost.audit/1",
        by: by.to_owned(),
        period,
        provenance: reading.provenance(today),
        min_group,
        stretch_tags,
        groups,
        findings,
        trend: None,
        remarks: reading.remarks(notes),
    }
}

/// One note per pair of group names that differ only in letter case
/// (`Remote`, `remote`): counted apart, which is rarely what was meant.
fn spelling_notes(groups: &[Group]) -> Vec<String> {
    let mut notes = Vec::new();
    for (i, a) in groups.iter().enumerate() {
        for b in &groups[i + 1..] {
            if a.group != b.group && a.group.to_lowercase() == b.group.to_lowercase() {
                notes.push(format!(
                    "groups `{}` and `{}` differ only in letter case, so they are counted apart; write one spelling in goalpost.yml",
                    a.group, b.group
                ));
            }
        }
    }
    notes
}

/// `a / b`, or `None` when `b` is 0.
fn ratio(a: usize, b: usize) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

/// Compares two fractions `(numerator, denominator)` with positive
/// denominators exactly.
fn fraction_cmp(a: (usize, usize), b: (usize, usize)) -> Ordering {
    (a.0 as u128 * b.1 as u128).cmp(&(b.0 as u128 * a.1 as u128))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fractions_compare_exactly_where_floats_do_not() {
        // (4/6) / (5/6) is 0.8 exactly; as floats it is 0.7999…
        let (four, five, six) = (std::hint::black_box(4.0), 5.0, 6.0);
        assert!((four / six) / (five / six) < 0.8);
        assert_eq!(fraction_cmp((4 * 6, 6 * 5), (4, 5)), Ordering::Equal);
        assert_eq!(fraction_cmp((2, 3), (1, 2)), Ordering::Greater);
        assert_eq!(fraction_cmp((0, 7), (0, 2)), Ordering::Equal);
        assert_eq!(ratio(2, 3).map(round3), Some(0.667));
        assert_eq!(ratio(1, 0), None);
    }
}
