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
