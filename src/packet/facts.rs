//! The packet as data: the stable `goalpost.packet/2` contract that JSON
//! serialises and the templates present.

use chrono::NaiveDate;
use serde::Serialize;

use super::Period;
use crate::history::{EventKind, Provenance, Remarks};
use crate::vocabulary::{Confidence, Lifecycle};

/// Who or what a packet is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Subject {
    Person(String),
    Project(String),
    Team(String),
}

impl Subject {
    pub fn kind(&self) -> &'static str {
        match self {
            Subject::Person(_) => "person",
            Subject::Project(_) => "project",
            Subject::Team(_) => "team",
        }
    }

    pub fn id(&self) -> &str {
        match self {
            Subject::Person(id) | Subject::Project(id) | Subject::Team(id) => id,
        }
    }
}

/// The subject as written in the packet.
#[derive(Clone, Debug, Serialize)]
pub struct SubjectFact {
    pub kind: &'static str,
    pub id: String,
    /// The person's name or the project's title, when known.
    pub name: Option<String>,
}

/// A review packet (`"schema": "goalpost.packet/2"`).
#[derive(Clone, Debug, Serialize)]
pub struct Packet {
    pub schema: &'static str,
    pub subject: SubjectFact,
    pub period: Period,
    #[serde(flatten)]
    pub provenance: Provenance,
    pub projects: Vec<Outcome>,
    pub delivery: Delivery,
    pub blockers: Vec<BlockerFact>,
    pub updates: Vec<UpdateFact>,
    pub decisions: Vec<DecisionFact>,
    /// What the packet could not see (versions of documents that could not
    /// be read and were skipped, history cut off by a shallow clone), and
    /// where its commits are on the web.
    #[serde(flatten)]
    pub remarks: Remarks,
}

/// One project's outcome in the period.
#[derive(Clone, Debug, Serialize)]
pub struct Outcome {
    pub id: String,
    pub title: Option<String>,
    /// The subject's role: `owner` or `contributor` (`null` for a project packet).
    pub role: Option<&'static str>,
    pub owner: Option<String>,
    pub status_at_start: Option<Lifecycle>,
    pub status_at_end: Option<Lifecycle>,
    pub criteria_met: Vec<CriterionMet>,
    pub criteria_open: Vec<String>,
    /// The due date in force at delivery, or at the end of the period.
    pub due: Option<NaiveDate>,
    /// Whether that due date differs from the first one in the period.
    pub due_moved: bool,
    pub delivered: Option<NaiveDate>,
    pub delivered_commit: Option<String>,
    pub on_time: Option<bool>,
    pub days_late: Option<i64>,
    pub lead_time_days: Option<i64>,
    /// Days of the period in each working state (docs/metrics.md, "Flow").
    pub days_active: i64,
    pub days_blocked: i64,
    pub days_at_risk: i64,
    /// days active / (days active + days blocked), to 3 decimals; `null`
    /// when the project spent neither kind of day in the period.
    pub flow_efficiency: Option<f64>,
    pub checkin_adherence: Option<f64>,
    pub risk_flagged: Option<bool>,
    /// Due inside the period, but neither delivered nor dropped by its end.
    pub due_not_delivered: bool,
    pub goalpost_moves: Vec<Move>,
    pub measures: Vec<MeasureOutcome>,
    /// The file of the project at the end of the period.
    pub path: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct CriterionMet {
    pub text: String,
    pub date: NaiveDate,
    pub commit: String,
}

/// A change of criteria or due date after activation.
#[derive(Clone, Debug, Serialize)]
pub struct Move {
    pub kind: EventKind,
    pub date: NaiveDate,
    pub commit: String,
    pub from: Option<String>,
    pub to: Option<String>,
    pub criterion: Option<String>,
    /// The measure whose target or baseline moved.
    pub measure: Option<String>,
    /// Decisions on the project that explain the move: added in the same
    /// commit, or dated within the 7 days before it.
    pub decisions: Vec<String>,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Delivery {
    pub delivered: usize,
    pub on_time: usize,
    pub late: usize,
    pub due_not_delivered: usize,
    pub median_lead_time_days: Option<i64>,
    /// The middle flow efficiency of the projects that have one.
    pub median_flow_efficiency: Option<f64>,
    /// Measures of the projects in scope met in the period, of all of them.
    pub measures_met: usize,
    pub measures: usize,
}

/// One measure of a project over the period (docs/metrics.md, "Measures").
/// Numbers are as written: integers stay integers.
#[derive(Clone, Debug, Serialize)]
pub struct MeasureOutcome {
    pub id: String,
    pub name: Option<String>,
    pub unit: Option<String>,
    pub baseline: Option<serde_json::Value>,
    pub target: Option<serde_json::Value>,
    /// The latest value reported as of before the period.
    pub value_at_start: Option<serde_json::Value>,
    /// The latest value reported as of its end.
    pub value_at_end: Option<serde_json::Value>,
    /// (value at end − baseline) / (target − baseline), to 3 decimals.
    pub progress: Option<serde_json::Value>,
    /// The report that last reached the target, when the value at the end
    /// has reached it.
    pub met: Option<MeasureMet>,
    /// Reports in the period that fell back short of a target reached.
    pub regressions: Vec<MeasureMet>,
    /// Values reported as of a day in the period.
    pub reports: usize,
}

/// A reported value that reached a target, or fell back short of it.
#[derive(Clone, Debug, Serialize)]
pub struct MeasureMet {
    /// Its `as_of`.
    pub date: NaiveDate,
    /// The commit that added the update reporting it.
    pub commit: String,
    pub value: serde_json::Value,
}

#[derive(Clone, Debug, Serialize)]
pub struct BlockerFact {
    pub project: String,
    pub author: String,
    pub text: String,
    pub raised: NaiveDate,
    pub cleared: Option<NaiveDate>,
    pub days_open: i64,
    /// The update that raised it, and the commit that added that update.
    pub path: String,
    pub commit: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct UpdateFact {
    pub path: String,
    pub author: String,
    pub date: NaiveDate,
    pub projects: Vec<String>,
    pub confidence: Option<Confidence>,
    pub commit: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct DecisionFact {
    pub number: Option<u64>,
    pub key: String,
    pub title: Option<String>,
    pub status: String,
    /// For a superseded decision, the one that replaced it, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub superseded_by: Option<String>,
    pub date: NaiveDate,
    pub deciders: Vec<String>,
    pub path: String,
    pub commit: String,
}
