//! History read once for a period, with what every report over it needs:
//! the versions, each project's typed timeline (its first activation found
//! by a walk from the period's start when that lies earlier), the
//! configuration of the revision read, where it is on the web, and what the
//! reading must say (cut, unmapped words, an empty period). `packet`,
//! `audit` and `site` read through this one door.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;

use super::{History, Period, Timeline, Web};
use crate::config::Config;
use crate::error::Error;

/// History read once for a period, with what every report over it needs.
#[derive(Debug)]
pub struct Reading {
    pub history: History,
    /// The configuration as of the revision read.
    pub config: Config,
    /// Each project's timeline, by id.
    pub timelines: BTreeMap<String, Timeline>,
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
    fn notes(&self) -> Vec<String> {
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
    fn generated_from(&self) -> String {
        self.history.head.map(|h| h.to_string()).unwrap_or_default()
    }
}

/// Where a report came from: the head of the envelope every report (a
/// packet, an audit) shares; its JSON has these keys after the period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Provenance {
    /// The full id of the commit the report was generated from.
    pub generated_from: String,
    pub generated_on: NaiveDate,
}

/// The tail of every report's envelope (its JSON's last keys): what it
/// could not see or count, and where the repository's commits and files
/// are on the web (its `origin` on GitHub, GitLab or Gitea), for links.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Remarks {
    pub notes: Vec<String>,
    /// Notes that the command line also says on stderr.
    #[serde(skip)]
    pub warnings: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub web: Option<Web>,
}

impl Reading {
    /// The head of a report's envelope, generated `today`.
    pub fn provenance(&self, today: NaiveDate) -> Provenance {
        Provenance {
            generated_from: self.generated_from(),
            generated_on: today,
        }
    }

    /// The tail of a report's envelope: the reading's notes, then the
    /// report's `own`.
    pub fn remarks(&self, own: Vec<String>) -> Remarks {
        let mut notes = self.notes();
        notes.extend(own);
        Remarks {
            notes,
            warnings: self.warnings(),
            web: self.web.clone(),
        }
    }
}

/// Walks the history a report over `period` needs, once, calling `tick`
/// once per commit walked; `None` for a repository without commits.
pub fn read_period(
    config: &Config,
    period: Period,
    rev: Option<&str>,
    allow_shallow: bool,
    cache: bool,
    tick: &(dyn Fn() + Sync),
) -> Result<Option<Reading>, Error> {
    let repo = super::open(config)?;
    let config = super::config_for(&repo, config.clone(), rev)?;
    let options = super::Options {
        rev: rev.map(str::to_owned),
        since: Some(period.since),
        allow_shallow,
        cache,
        ..super::Options::default()
    };
    let history = super::read_with_progress(&repo, &config, &options, tick)?;
    let Some(head) = history.head else {
        return Ok(None);
    };
    // Lead times start at activation, which may lie before the period.
    let mut cache_notes = history.cache_notes.clone();
    let activations = match history.commits.first().filter(|c| c.baseline) {
        Some(baseline) => {
            let (activations, notes) =
                super::first_activations(&repo, &config, baseline.id, cache)?;
            for note in notes {
                if !cache_notes.contains(&note) {
                    cache_notes.push(note);
                }
            }
            activations
        }
        None => HashMap::new(),
    };
    let mut timelines: BTreeMap<String, Timeline> = history
        .projects
        .par_iter()
        .map(|(id, versions)| (id.clone(), Timeline::of(&history, versions)))
        .collect();
    for (id, timeline) in &mut timelines {
        timeline.activated_before(activations.get(id).copied());
    }
    let web = super::web(
        &repo,
        &super::root_prefix(&repo, &config)?,
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
    Ok(Some(Reading {
        caveats: history.caveats(),
        cache: cache_notes,
        history,
        config,
        timelines,
        web,
        cut,
        empty,
    }))
}

/// What a report says when the repository has no commits to read.
pub fn no_commits() -> Error {
    Error::usage("this repository has no commits yet, so there is no history to review")
}
