//! The audit as data: the stable `goalpost.audit/1` contract that JSON
//! serialises and the templates present. It holds groups, never a person.

use serde::{Serialize, Serializer};

use crate::history::{Period, Provenance, Remarks};

/// An opportunity audit (`"schema": "goalpost.audit/1"`).
#[derive(Clone, Debug, Serialize)]
pub struct Audit {
    pub schema: &'static str,
    /// The roster attribute people are grouped by.
    pub by: String,
    pub period: Period,
    #[serde(flatten)]
    pub provenance: Provenance,
    pub min_group: usize,
    /// The project tags that marked a stretch assignment.
    pub stretch_tags: Vec<String>,
    pub groups: Vec<Group>,
    pub findings: Vec<Finding>,
    /// With `--quarters N`: the N quarters ending with this one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trend: Option<super::trend::Trend>,
    /// What the audit could not see or count, and where its commits are on
    /// the web.
    #[serde(flatten)]
    pub remarks: Remarks,
}

/// One group of people: those whose roster attribute has one value.
#[derive(Clone, Debug, Serialize)]
pub struct Group {
    pub group: String,
    /// How many people the group has; `null` when it is too small to report.
    pub people: Option<usize>,
    pub reported: bool,
    /// `null` when not reported.
    pub opportunities: Option<Opportunities>,
    /// `null` when not reported.
    pub outcomes: Option<Outcomes>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Opportunities {
    pub led: Selection,
    pub stretch: Selection,
    pub decider: Selection,
    /// Only when the working tree has recognitions: named in one dated in
    /// the period.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recognized: Option<Selection>,
    /// Only with `--promotions FILE`: promoted in the period, by the file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub promoted: Option<Selection>,
}

impl Opportunities {
    /// The selection of an opportunity by its name in the contract
    /// (`led`, `stretch`, `decider`, `recognized`, `promoted`), when the
    /// audit counted it.
    pub fn get(&self, name: &str) -> Option<&Selection> {
        match name {
            "led" => Some(&self.led),
            "stretch" => Some(&self.stretch),
            "decider" => Some(&self.decider),
            "recognized" => self.recognized.as_ref(),
            "promoted" => self.promoted.as_ref(),
            _ => None,
        }
    }
}

/// How many of a group's people received an opportunity at least once.
#[derive(Clone, Debug, Serialize)]
pub struct Selection {
    pub selected: usize,
    /// selected / people.
    #[serde(serialize_with = "three_decimals")]
    pub rate: f64,
    /// rate / the highest rate among reported groups; `null` when that is 0.
    #[serde(serialize_with = "three_decimals_or_null")]
    pub impact_ratio: Option<f64>,
    /// The impact ratio is below 0.8 (compared exactly, as fractions).
    pub flagged: bool,
    /// The projects counted (`led`, `stretch`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub projects: Option<Vec<String>>,
    /// The decisions counted (`decider`): numbers, or keys where a decision
    /// has no number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decisions: Option<Vec<DecisionRef>>,
}

/// A decision as evidence: its number, or its key when it has none.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(untagged)]
pub enum DecisionRef {
    Number(u64),
    Key(String),
}

/// The outcomes of the projects a group's members owned (SPEC 5.1).
#[derive(Clone, Debug, Serialize)]
pub struct Outcomes {
    /// Projects that became `done` in the period.
    pub delivered: usize,
    /// Delivered on or before the due date in force.
    pub on_time: usize,
    /// Delivered after the due date in force.
    pub late: usize,
    /// on_time / (on_time + late): deliveries without a due date are not
    /// measured; `null` when no delivery had a due date.
    #[serde(serialize_with = "three_decimals_or_null")]
    pub on_time_rate: Option<f64>,
    /// Criteria met in the period.
    pub criteria_met: usize,
    /// Measures met in the period (docs/metrics.md, "Measures").
    pub measures_met: usize,
    pub median_lead_time_days: Option<i64>,
}

/// A flagged (group, opportunity).
#[derive(Clone, Debug, Serialize)]
pub struct Finding {
    pub group: String,
    pub opportunity: &'static str,
    #[serde(serialize_with = "three_decimals")]
    pub impact_ratio: f64,
    /// The group with the highest selection rate.
    pub reference: String,
    /// Whether the group's on-time rate is at least the reference group's;
    /// `null` when either has no measured delivery.
    pub outcomes_comparable: Option<bool>,
    /// The two-sided Fisher's exact test of the group against the
    /// reference group, to 3 significant digits.
    pub p_value: f64,
    /// p < 0.05, compared exactly.
    pub significant: bool,
    /// The fewest more people of the group who would have to be selected
    /// for the flag to clear.
    pub shortfall: usize,
    /// The shortfall is 1: one person's assignment makes the flag.
    pub fragile: bool,
}

/// Rounds to three decimals, as the contract says.
pub fn round3(value: f64) -> f64 {
    (value * 1000.0).round() / 1000.0
}

fn three_decimals<S: Serializer>(value: &f64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(round3(*value))
}

#[allow(clippy::ref_option)]
fn three_decimals_or_null<S: Serializer>(value: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) => s.serialize_f64(round3(*v)),
        None => s.serialize_none(),
    }
}
