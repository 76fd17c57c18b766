//! The words documents and `goalpost.yml` share: the kinds of document, a
//! project's lifecycle
//! states, check-in cadences, an update's confidence and a decision's
//! status. They sit below both, so that the configuration can map a team's
//! own words onto them and the documents can be read with that mapping.

use serde::{Deserialize, Serialize};

/// The six lifecycle states of a project. Teams may use other words for them
/// (`statuses` in `goalpost.yml`); events and packets report these.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Lifecycle {
    Proposed,
    Active,
    Blocked,
    AtRisk,
    Done,
    Dropped,
}

impl Lifecycle {
    pub const ALL: [Lifecycle; 6] = [
        Lifecycle::Proposed,
        Lifecycle::Active,
        Lifecycle::Blocked,
        Lifecycle::AtRisk,
        Lifecycle::Done,
        Lifecycle::Dropped,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Lifecycle::Proposed => "proposed",
            Lifecycle::Active => "active",
            Lifecycle::Blocked => "blocked",
            Lifecycle::AtRisk => "at-risk",
            Lifecycle::Done => "done",
            Lifecycle::Dropped => "dropped",
        }
    }

    /// Work is under way: active, at risk or blocked.
    pub fn in_flight(self) -> bool {
        matches!(
            self,
            Lifecycle::Active | Lifecycle::AtRisk | Lifecycle::Blocked
        )
    }

    /// Done or dropped.
    pub fn closed(self) -> bool {
        matches!(self, Lifecycle::Done | Lifecycle::Dropped)
    }
}

/// How often a project expects an update.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Cadence {
    Days(u32),
    None,
}

impl Cadence {
    pub const WORDS: [&'static str; 4] = ["weekly", "biweekly", "monthly", "none"];

    /// Parses `weekly`, `biweekly`, `monthly`, `none` or `<N>d`.
    pub fn parse(text: &str) -> Option<Cadence> {
        match text.trim().to_ascii_lowercase().as_str() {
            "weekly" => Some(Cadence::Days(7)),
            "biweekly" => Some(Cadence::Days(14)),
            "monthly" => Some(Cadence::Days(30)),
            "none" => Some(Cadence::None),
            other => other
                .strip_suffix('d')
                .and_then(|n| n.parse::<u32>().ok())
                .filter(|n| (1..=3650).contains(n))
                .map(Cadence::Days),
        }
    }

    pub fn days(self) -> Option<u32> {
        match self {
            Cadence::Days(n) => Some(n),
            Cadence::None => None,
        }
    }
}

/// How an update's author rates the project.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Confidence {
    OnTrack,
    AtRisk,
    OffTrack,
}

impl Confidence {
    pub const WORDS: [&'static str; 3] = ["on-track", "at-risk", "off-track"];

    pub fn parse(text: &str) -> Option<Confidence> {
        match text.trim().to_ascii_lowercase().as_str() {
            "on-track" => Some(Confidence::OnTrack),
            "at-risk" => Some(Confidence::AtRisk),
            "off-track" => Some(Confidence::OffTrack),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::OnTrack => "on-track",
            Confidence::AtRisk => "at-risk",
            Confidence::OffTrack => "off-track",
        }
    }
}

/// The status of a decision record (MADR).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DecisionStatus {
    Proposed,
    Accepted,
    Rejected,
    Deprecated,
    /// `superseded`, or `superseded by 0012` (the successor's key, if named).
    Superseded(Option<String>),
    /// A team's own word (MADR's list is open: `on hold`), as written.
    Other(String),
}

impl DecisionStatus {
    pub const WORDS: [&'static str; 5] = [
        "proposed",
        "accepted",
        "rejected",
        "deprecated",
        "superseded",
    ];

    /// Reads a status: one of MADR's words (any letter case), `superseded
    /// by <number>`, or any other word, kept as written.
    pub fn parse(text: &str) -> DecisionStatus {
        let lower = text.trim().to_ascii_lowercase();
        match lower.as_str() {
            "proposed" => DecisionStatus::Proposed,
            "accepted" => DecisionStatus::Accepted,
            "rejected" => DecisionStatus::Rejected,
            "deprecated" => DecisionStatus::Deprecated,
            "superseded" => DecisionStatus::Superseded(None),
            other => match other.strip_prefix("superseded by") {
                Some(rest) => DecisionStatus::Superseded(first_number(rest).map(|n| n.to_string())),
                None => DecisionStatus::Other(text.trim().to_owned()),
            },
        }
    }

    pub fn as_str(&self) -> &str {
        match self {
            DecisionStatus::Proposed => "proposed",
            DecisionStatus::Accepted => "accepted",
            DecisionStatus::Rejected => "rejected",
            DecisionStatus::Deprecated => "deprecated",
            DecisionStatus::Superseded(_) => "superseded",
            DecisionStatus::Other(word) => word,
        }
    }
}

/// The first run of digits in `text` as a number (`"ADR-0007"` → 7), which
/// is how decisions are named and keyed.
pub fn first_number(text: &str) -> Option<u64> {
    let digits = text.trim_start_matches(|c: char| !c.is_ascii_digit());
    let end = digits
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(digits.len());
    digits[..end].parse().ok()
}

/// The kinds of goalpost document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Project,
    Update,
    Decision,
    Recognition,
}

impl Kind {
    pub const ALL: [Kind; 4] = [
        Kind::Project,
        Kind::Update,
        Kind::Decision,
        Kind::Recognition,
    ];

    /// The kinds every goal repository has: `init` lays out their folders,
    /// and history (packets, `log`, the audit) reads them. Recognitions are
    /// optional, and count as they stand in the working tree.
    pub const CORE: [Kind; 3] = [Kind::Project, Kind::Update, Kind::Decision];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Project => "project",
            Kind::Update => "update",
            Kind::Decision => "decision",
            Kind::Recognition => "recognition",
        }
    }

    /// The key of `paths:` in goalpost.yml that holds this kind's globs.
    pub fn paths_key(self) -> &'static str {
        match self {
            Kind::Project => "projects",
            Kind::Update => "updates",
            Kind::Decision => "decisions",
            Kind::Recognition => "recognitions",
        }
    }
}
