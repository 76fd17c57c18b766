//! Markdown and HTML renderings of an audit, from templates that ship in the
//! binary and can be overridden per repository in `.goalpost/templates/`.

use std::path::Path;

use minijinja::Environment;

use super::Audit;
use crate::error::Error;
use crate::render::report;

pub use crate::render::report::Format;

impl report::Report for Audit {
    const KIND: &'static str = "audit";

    fn warnings(&self) -> &[String] {
        &self.remarks.warnings
    }

    fn filters(env: &mut Environment<'static>) {
        // A ratio as printed: three decimals at most, and never rounded up
        // to the threshold a flagged ratio is below ("n/a" when none).
        env.add_filter(
            "ratio",
            |value: Option<f64>, flagged: Option<bool>| match value {
                Some(v) if flagged == Some(true) && v >= 0.8 => "just under 0.8".to_owned(),
                Some(v) => {
                    let text = format!("{v:.3}");
                    text.trim_end_matches('0').trim_end_matches('.').to_owned()
                }
                None => "n/a".to_owned(),
            },
        );
        // A label cut to `n` characters, for the charts' fixed columns.
        env.add_filter("clip", |text: String, n: usize| {
            if text.chars().count() <= n {
                text
            } else {
                let mut cut: String = text.chars().take(n.saturating_sub(1)).collect();
                cut.push('…');
                cut
            }
        });
    }
}

/// Renders `audit` in `format` ([`report::Report::render`]).
pub fn render(audit: &Audit, format: Format, root: &Path) -> Result<String, Error> {
    report::Report::render(audit, format, root)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::audit::{DecisionRef, Finding, Group, Opportunities, Outcomes, Selection};
    use crate::history::Period;

    use crate::render::report::HOSTILE;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 7, d).expect("date")
    }

    fn selection(text: &str, flagged: bool) -> Selection {
        Selection {
            selected: 1,
            rate: 0.5,
            impact_ratio: Some(if flagged { 0.7999 } else { 1.0 }),
            flagged,
            projects: Some(vec![text.to_owned()]),
            decisions: Some(vec![
                DecisionRef::Key(text.to_owned()),
                DecisionRef::Number(3),
            ]),
        }
    }

    fn audit(text: &str) -> Audit {
        let group = |flagged| Group {
            group: text.to_owned(),
            people: Some(5),
            reported: true,
            opportunities: Some(Opportunities {
                led: selection(text, flagged),
                stretch: selection(text, flagged),
                decider: selection(text, flagged),
                recognized: Some(selection(text, flagged)),
                promoted: Some(selection(text, flagged)),
            }),
            outcomes: Some(Outcomes {
                delivered: 1,
                on_time: 1,
                late: 0,
                on_time_rate: Some(1.0),
                criteria_met: 2,
                measures_met: 1,
                median_lead_time_days: Some(3),
            }),
        };
        Audit {
            schema: "goalpost.audit/1",
            by: text.to_owned(),
            period: Period {
                since: day(1),
                until: day(31),
            },
            provenance: crate::history::Provenance {
                generated_from: "0123456789abcdef0123456789abcdef01234567".into(),
                generated_on: day(31),
            },
            min_group: 5,
            stretch_tags: vec![text.to_owned()],
            groups: vec![
                group(false),
                group(true),
                Group {
                    group: text.to_owned(),
                    people: None,
                    reported: false,
                    opportunities: None,
                    outcomes: None,
                },
            ],
            trend: None,
            findings: vec![Finding {
                group: text.to_owned(),
                opportunity: "stretch",
                impact_ratio: 0.7999,
                reference: text.to_owned(),
                outcomes_comparable: Some(true),
                p_value: 0.0412,
                significant: true,
                shortfall: 1,
                fragile: true,
            }],
            remarks: crate::history::Remarks {
                notes: vec![text.to_owned()],
                ..crate::history::Remarks::default()
            },
        }
    }

    /// An audit of `text` with a trend of two quarters.
    fn with_trend(text: &str) -> Audit {
        let mut a = audit(text);
        a.trend = Some(super::super::trend::of(&[a.clone(), a.clone()]));
        a
    }

    /// Rendered as GitHub renders markdown, no value lets markup through.
    #[test]
    fn no_value_becomes_markup_in_the_markdown_audit() {
        let root = Path::new("/nonexistent");
        for text in HOSTILE {
            let md = render(&with_trend(text), Format::Md, root).expect("render");
            report::assert_inert(&md, &format!("{text:?}"));
        }
    }

    #[test]
    fn html_escapes_every_value() {
        let root = Path::new("/nonexistent");
        for text in HOSTILE {
            let html = render(&with_trend(text), Format::Html, root).expect("render");
            assert!(!html.contains("<script"), "{html}");
            assert!(!html.contains("<img"), "{html}");
            assert!(!html.contains("<!-- hidden"), "{html}");
        }
    }

    /// A flagged ratio that rounds to 0.8 never prints as 0.8.
    #[test]
    fn a_flagged_ratio_never_reads_as_the_threshold() {
        let md = render(&audit("remote"), Format::Md, Path::new("/nonexistent")).expect("render");
        assert!(md.contains("impact ratio just under 0.8 against"), "{md}");
        assert!(md.contains("ratio **just under 0.8 ⚑**"), "{md}");
    }
}
