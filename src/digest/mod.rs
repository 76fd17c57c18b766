//! The digest: what changed in a period and what needs attention now, for
//! everyone or one team, every item citing its commit (docs/digest.md).
//! What needs attention comes from the team views (`checkins`, `blockers`,
//! `status`) as of today; what changed, from the period's history as a
//! packet reads it. Nothing here defines "late" or "open" again.

mod attention;
mod changes;
pub mod mention;
pub mod post;
mod render;
pub mod slack;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::config::Config;
use crate::error::Error;
use crate::history::{self, Period, Provenance, Reading, Remarks};
use crate::packet::DecisionFact;
use crate::views::Who;
use crate::vocabulary::Lifecycle;
use crate::workspace::{AddedDates, Workspace};

pub use attention::attention;
pub use changes::changes;
pub use mention::Mention;

/// A blocker older than this many days needs attention.
pub const OLD_BLOCKER_DAYS: i64 = 14;
/// Projects due within this many days after today are listed.
pub const DUE_SOON_DAYS: i64 = 14;

/// The digest (`"schema": "goalpost.digest/1"`).
#[derive(Clone, Debug, Serialize)]
pub struct Digest {
    pub schema: &'static str,
    pub period: Period,
    /// The team it is for; `null` for everyone.
    pub team: Option<String>,
    #[serde(flatten)]
    pub provenance: Provenance,
    /// Whether any list of `attention` has an item.
    pub needs_attention: bool,
    pub attention: Attention,
    pub changes: Changes,
    /// With `--mention`: how each person named is written (`@ana-q`,
    /// `<@U0123>`); people without the attribute are absent (empty
    /// without `--mention`).
    pub mentions: BTreeMap<String, String>,
    #[serde(flatten)]
    pub remarks: Remarks,
}

/// What needs someone to act, as of the day the digest is made.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Attention {
    /// Check-ins late or due within two days (`goalpost checkins`).
    pub checkins: Vec<Checkin>,
    /// Open blockers raised more than 14 days ago.
    pub old_blockers: Vec<Open>,
    /// Asks still open.
    pub asks: Vec<Open>,
    /// Projects past their due date, not done or dropped.
    pub overdue: Vec<Due>,
    /// Projects due within the next 14 days, not done or dropped.
    pub due_soon: Vec<Due>,
}

impl Attention {
    pub fn is_empty(&self) -> bool {
        self.checkins.is_empty()
            && self.old_blockers.is_empty()
            && self.asks.is_empty()
            && self.overdue.is_empty()
            && self.due_soon.is_empty()
    }
}

/// A project whose update is due: its owner is the person to nudge.
#[derive(Clone, Debug, Serialize)]
pub struct Checkin {
    pub project: String,
    pub owner: Option<String>,
    pub last_update: Option<NaiveDate>,
    /// When the next update is due.
    pub due: NaiveDate,
    /// Days past `due` plus grace (positive: late).
    pub days_late: i64,
    pub late: bool,
    /// The latest update of the project, or the project's file when it has
    /// none, and the commit that last changed that file.
    pub path: String,
    pub commit: Option<String>,
}

/// A blocker or an ask still listed in its author's latest update.
#[derive(Clone, Debug, Serialize)]
pub struct Open {
    pub project: String,
    pub author: String,
    pub text: String,
    pub raised: NaiveDate,
    pub age_days: i64,
    /// The update that raised it, and the commit that last changed it.
    pub path: String,
    pub commit: Option<String>,
}

/// A project with a due date that is near or past.
#[derive(Clone, Debug, Serialize)]
pub struct Due {
    pub project: String,
    pub title: Option<String>,
    pub owner: Option<String>,
    pub status: Option<Lifecycle>,
    pub due: NaiveDate,
    /// Days from today to `due` (negative: overdue by that many).
    pub days: i64,
    /// The project's file, and the commit that last changed it.
    pub path: String,
    pub commit: Option<String>,
}

/// What happened in the period, from history.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Changes {
    pub blockers_opened: Vec<Blocker>,
    pub blockers_cleared: Vec<Blocker>,
    pub criteria_met: Vec<Event>,
    pub measures_met: Vec<Event>,
    pub status_changes: Vec<Event>,
    /// Decisions dated in the period.
    pub decisions: Vec<DecisionFact>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.blockers_opened.is_empty()
            && self.blockers_cleared.is_empty()
            && self.criteria_met.is_empty()
            && self.measures_met.is_empty()
            && self.status_changes.is_empty()
            && self.decisions.is_empty()
    }
}

/// A blocker raised or cleared in the period.
#[derive(Clone, Debug, Serialize)]
pub struct Blocker {
    pub project: String,
    pub author: String,
    pub text: String,
    pub raised: NaiveDate,
    pub cleared: Option<NaiveDate>,
    /// The update that raised it.
    pub path: String,
    /// For `blockers_opened`, the commit that added the update raising it;
    /// for `blockers_cleared`, the commit of the update that no longer
    /// lists it, or of the project's change to done or dropped.
    pub commit: Option<String>,
}

/// A criterion met, a measure met or a status change, as `goalpost log`
/// shows it.
#[derive(Clone, Debug, Serialize)]
pub struct Event {
    pub project: String,
    pub date: NaiveDate,
    /// Who made the commit.
    pub author: String,
    pub path: String,
    pub commit: String,
    /// The criterion's text (`criteria_met`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub criterion: Option<String>,
    /// The measure's id, value, target and unit (`measures_met`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measure: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The states before and after, and the words as written
    /// (`status_changes`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_word: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_word: Option<String>,
}

/// What a digest is made from.
pub struct Inputs<'a> {
    /// History read for (at least) the period.
    pub reading: &'a Reading,
    pub ws: &'a Workspace,
    pub config: &'a Config,
    pub who: &'a Who,
    pub period: Period,
    pub today: NaiveDate,
    /// When project files were added (check-ins of projects without updates).
    pub added: &'a AddedDates,
    pub mention: Option<Mention>,
    /// Every project's events in the reading, when the caller has them
    /// (`history::events_by_project`); computed otherwise.
    pub events: Option<&'a std::collections::HashMap<String, Vec<history::Event>>>,
}

/// The digest of `inputs`: attention as of today with each item's commit,
/// the period's changes, mentions; notes about mentions are in
/// `remarks.notes` and `remarks.warnings`.
pub fn build(inputs: &Inputs<'_>) -> Result<Digest, Error> {
    let mut attention = attention(
        inputs.ws,
        inputs.config,
        inputs.who,
        inputs.added,
        inputs.today,
    );
    let repo = history::open(inputs.config)?;
    attention.cite(&history::last_changes(
        &repo,
        inputs.config,
        &attention.paths(),
    )?);
    let computed;
    let events = match inputs.events {
        Some(events) => events,
        None => {
            computed =
                history::events_by_project(&inputs.reading.history, &inputs.reading.timelines);
            &computed
        }
    };
    let changes = changes(inputs.reading, events, inputs.ws, inputs.who, inputs.period);
    let team = match inputs.who {
        Who::Team(team, _) => Some(team.clone()),
        _ => None,
    };
    let mut digest = Digest {
        schema: "goalpost.digest/1",
        period: inputs.period,
        team,
        provenance: inputs.reading.provenance(inputs.today),
        needs_attention: !attention.is_empty(),
        attention,
        changes,
        mentions: BTreeMap::new(),
        remarks: Remarks::default(),
    };
    let mut notes = Vec::new();
    if let Some(style) = inputs.mention {
        let (mentions, mention_notes) = mention::mentions(&digest, inputs.config, style);
        digest.mentions = mentions;
        notes = mention_notes;
    }
    // Said in the digest's notes, and on stderr.
    digest.remarks = inputs.reading.remarks(notes.clone());
    digest.remarks.warnings.extend(notes);
    Ok(digest)
}

/// The last `n` full weeks (Monday to Sunday) before the week of `today`,
/// newest first: the site's digest periods, the same whichever day it is
/// built.
pub fn weeks(today: NaiveDate, n: usize) -> Vec<Period> {
    use chrono::Datelike;
    let monday = today - chrono::Duration::days(i64::from(today.weekday().num_days_from_monday()));
    (1..=n as i64)
        .map(|k| Period {
            since: monday - chrono::Duration::weeks(k),
            until: monday - chrono::Duration::weeks(k - 1) - chrono::Duration::days(1),
        })
        .collect()
}

/// The period a digest covers: `--since` and `--until` as given, the seven
/// days up to `until` (today by default) otherwise.
pub fn period(
    since: Option<NaiveDate>,
    until: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<Period, crate::error::Error> {
    crate::history::ordered(since, until)?;
    let until = until.unwrap_or(today.max(since.unwrap_or(today)));
    let since = since.unwrap_or_else(|| until - chrono::Duration::days(6));
    Ok(Period { since, until })
}
