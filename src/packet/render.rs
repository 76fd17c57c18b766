//! Markdown and HTML renderings of a packet, from templates that ship in the
//! binary and can be overridden per repository in `.goalpost/templates/`.

use std::path::Path;

use minijinja::Environment;

use super::Packet;
use crate::error::Error;
use crate::render::report;

pub use crate::render::report::Format;

impl report::Report for Packet {
    const KIND: &'static str = "packet";

    fn warnings(&self) -> &[String] {
        &self.remarks.warnings
    }

    fn filters(env: &mut Environment<'static>) {
        env.add_filter("move", |kind: String| match kind.as_str() {
            "due-changed" => "due date moved".to_owned(),
            "criterion-added" => "criterion added".to_owned(),
            "criterion-removed" => "criterion removed".to_owned(),
            "criterion-edited" => "criterion edited".to_owned(),
            "criterion-withdrawn" => "criterion withdrawn".to_owned(),
            "measure-target-moved" => "measure target moved".to_owned(),
            "measure-baseline-moved" => "measure baseline moved".to_owned(),
            other => other.to_owned(),
        });
        // A measure's value with its unit: `68%`, `45 tickets`, `no value`.
        env.add_filter(
            "measured",
            |value: minijinja::Value, unit: Option<String>| {
                if value.is_none() || value.is_undefined() {
                    return "no value".to_owned();
                }
                crate::document::with_unit(&value.to_string(), unit.as_deref())
            },
        );
    }
}

/// Renders `packet` in `format` ([`report::Report::render`]).
pub fn render(packet: &Packet, format: Format, root: &Path) -> Result<String, Error> {
    report::Report::render(packet, format, root)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::history::EventKind;
    use crate::packet::{
        BlockerFact, CriterionMet, DecisionFact, Delivery, Move, Outcome, Period, SubjectFact,
        UpdateFact,
    };
    use crate::vocabulary::{Confidence, Lifecycle};

    use crate::render::report::HOSTILE;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 7, d).expect("date")
    }

    /// A packet with `text` in every field that holds words people wrote,
    /// or names they chose (ids, paths, handles, keys).
    fn packet(kind: &'static str, text: &str) -> Packet {
        let s = || text.to_owned();
        Packet {
            schema: "goalpost.packet/2",
            subject: SubjectFact {
                kind,
                id: s(),
                name: Some(s()),
            },
            period: Period {
                since: day(1),
                until: day(31),
            },
            provenance: crate::history::Provenance {
                generated_from: "0123456789abcdef0123456789abcdef01234567".into(),
                generated_on: day(31),
            },
            projects: vec![Outcome {
                id: s(),
                title: Some(s()),
                role: Some("contributor"),
                owner: Some(s()),
                status_at_start: Some(Lifecycle::Active),
                status_at_end: Some(Lifecycle::Done),
                criteria_met: vec![CriterionMet {
                    text: s(),
                    date: day(2),
                    commit: "0123456789abcdef".into(),
                }],
                criteria_open: vec![s()],
                due: Some(day(3)),
                due_moved: true,
                delivered: Some(day(4)),
                delivered_commit: Some("0123456789abcdef".into()),
                on_time: Some(false),
                days_late: Some(1),
                lead_time_days: Some(3),
                days_active: 3,
                days_blocked: 2,
                days_at_risk: 1,
                flow_efficiency: Some(0.6),
                checkin_adherence: Some(0.5),
                risk_flagged: Some(false),
                due_not_delivered: false,
                measures: Vec::new(),
                goalpost_moves: vec![
                    Move {
                        kind: EventKind::CriterionEdited,
                        date: day(5),
                        commit: "0123456789abcdef".into(),
                        from: Some(s()),
                        to: Some(s()),
                        criterion: None,
                        measure: None,
                        decisions: vec![s()],
                    },
                    Move {
                        kind: EventKind::CriterionAdded,
                        date: day(5),
                        commit: "0123456789abcdef".into(),
                        from: None,
                        to: None,
                        criterion: Some(s()),
                        measure: None,
                        decisions: vec![],
                    },
                ],
                path: s(),
            }],
            delivery: Delivery::default(),
            blockers: vec![BlockerFact {
                project: s(),
                author: s(),
                text: s(),
                raised: day(6),
                cleared: None,
                days_open: 3,
                path: s(),
                commit: None,
            }],
            updates: vec![UpdateFact {
                path: s(),
                author: s(),
                date: day(7),
                projects: vec![s()],
                confidence: Some(Confidence::AtRisk),
                commit: "0123456789abcdef".into(),
            }],
            decisions: vec![DecisionFact {
                number: None,
                key: s(),
                title: Some(s()),
                status: s(),
                superseded_by: Some(s()),
                date: day(8),
                deciders: vec![s()],
                path: s(),
                commit: "0123456789abcdef".into(),
            }],
            remarks: crate::history::Remarks {
                notes: vec![s()],
                ..crate::history::Remarks::default()
            },
        }
    }

    /// Rendered as GitHub renders markdown, no field lets markup through:
    /// no HTML at all, and no link the template did not write.
    #[test]
    fn no_user_text_becomes_markup_in_the_markdown_packet() {
        let root = std::path::Path::new("/nonexistent");
        for kind in ["person", "team", "project"] {
            for text in HOSTILE {
                let md = render(&packet(kind, text), Format::Md, root).expect("render");
                report::assert_inert(&md, &format!("{kind}, {text:?}"));
            }
        }
    }
}
