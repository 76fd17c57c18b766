//! One fact from history, citing its commit.

use chrono::NaiveDate;
use serde::Serialize;

/// What happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EventKind {
    Created,
    StatusChanged,
    CriterionAdded,
    CriterionRemoved,
    CriterionEdited,
    CriterionMet,
    CriterionReopened,
    CriterionWithdrawn,
    DueChanged,
    OwnerChanged,
    Deleted,
    Update,
    Decision,
}

impl EventKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Created => "created",
            EventKind::StatusChanged => "status-changed",
            EventKind::CriterionAdded => "criterion-added",
            EventKind::CriterionRemoved => "criterion-removed",
            EventKind::CriterionEdited => "criterion-edited",
            EventKind::CriterionMet => "criterion-met",
            EventKind::CriterionReopened => "criterion-reopened",
            EventKind::CriterionWithdrawn => "criterion-withdrawn",
            EventKind::DueChanged => "due-changed",
            EventKind::OwnerChanged => "owner-changed",
            EventKind::Deleted => "deleted",
            EventKind::Update => "update",
            EventKind::Decision => "decision",
        }
    }
}

/// An event in a document's timeline (the `log --format json` contract).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Event {
    pub event: EventKind,
    /// The committer date in the commit's own offset.
    pub date: NaiveDate,
    /// Full commit id.
    pub commit: String,
    pub author: String,
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// For status events: the words as written, beside the states (a word
    /// that maps to no state has a word and no state).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from_word: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_word: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub criterion: Option<String>,
    /// For `decision` events: the decision's number (or key) and title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decision: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// For `update` events: the update's own date and confidence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub update_date: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<String>,
    /// A change of criteria or due date after the project first became active.
    pub goalpost_move: bool,
    /// Position of the commit in the first-parent walk, oldest first: the
    /// order of events, whatever the commit clocks say.
    #[serde(skip)]
    pub sequence: usize,
}

impl Event {
    /// What happened, as a person reads it: `active → done`, a criterion in
    /// quotes, an update's path with its confidence (`log` and the site).
    pub fn details(&self) -> String {
        let arrow = |from: &Option<String>, to: &Option<String>| {
            format!(
                "{} → {}",
                from.as_deref().unwrap_or("none"),
                to.as_deref().unwrap_or("none")
            )
        };
        let quoted = |s: &Option<String>| format!("“{}”", s.as_deref().unwrap_or(""));
        match self.event {
            EventKind::Created => match (&self.to, &self.to_word) {
                (None, None) => "as (no status)".to_owned(),
                (to, word) => format!("as {}", status(to, word)),
            },
            EventKind::StatusChanged => format!(
                "{} → {}",
                status(&self.from, &self.from_word),
                status(&self.to, &self.to_word)
            ),
            EventKind::DueChanged | EventKind::OwnerChanged => arrow(&self.from, &self.to),
            EventKind::CriterionEdited => format!("{} → {}", quoted(&self.from), quoted(&self.to)),
            EventKind::CriterionAdded
            | EventKind::CriterionRemoved
            | EventKind::CriterionMet
            | EventKind::CriterionReopened
            | EventKind::CriterionWithdrawn => quoted(&self.criterion),
            EventKind::Deleted => self.path.clone(),
            EventKind::Update => {
                let mut s = self.path.clone();
                if let Some(c) = &self.confidence {
                    s.push_str(&format!(" ({c})"));
                }
                s
            }
            EventKind::Decision => format!(
                "{} {}: {}",
                self.decision.as_deref().unwrap_or("?"),
                self.title.as_deref().unwrap_or("(untitled)"),
                match &self.from {
                    Some(_) => arrow(&self.from, &self.to),
                    None => self.to.clone().unwrap_or_default(),
                }
            ),
        }
    }
}

/// A status as a person reads it: the word as written, with the state it
/// means when the two differ (`Last Call (active)`), or `(unmapped)`.
fn status(state: &Option<String>, word: &Option<String>) -> String {
    match (state.as_deref(), word.as_deref()) {
        (None, None) => "none".to_owned(),
        (Some(state), None) => state.to_owned(),
        (None, Some(word)) => format!("{word} (unmapped)"),
        (Some(state), Some(word)) if word.trim().eq_ignore_ascii_case(state) => state.to_owned(),
        (Some(state), Some(word)) => format!("{word} ({state})"),
    }
}
