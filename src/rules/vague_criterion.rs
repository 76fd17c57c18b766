//! `vague-criterion`: a criterion should state something checkable — a
//! number, a comparison, a date or a link — so that "done" is not a matter
//! of opinion.

use crate::diagnostic::Diagnostic;
use crate::diagnostic::Rule;
use crate::document::CriterionState;
use crate::rules::Context;
use crate::workspace::Workspace;

pub fn check(ws: &Workspace, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (doc, project) in ws.projects().filter(|(d, _)| cx.wants(&d.path)) {
        for criterion in project
            .criteria
            .iter()
            .filter(|c| c.state != CriterionState::Withdrawn)
        {
            if !is_checkable(&criterion.text) {
                out.push(
                    Diagnostic::new(
                        Rule::VagueCriterion,
                        &doc.path,
                        criterion.span,
                        format!("criterion `{}` states nothing checkable", criterion.text),
                    )
                    .with_help(
                        "say how done will be measured: a number (`< 200 ms`), a comparison (`at least`), a date, or a link to the evidence",
                    ),
                );
            }
        }
    }
}

const COMPARISON_WORDS: &[&str] = &[
    "at least",
    "at most",
    "less than",
    "more than",
    "fewer than",
    "greater than",
    "under",
    "below",
    "above",
    "over",
    "within",
    "before",
    "after",
    "until",
    "every",
    "all",
    "none",
    "zero",
    "no",
    "each",
];

const NUMBER_WORDS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twice", "half",
    "double", "percent", "hundred", "thousand",
];

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "q1",
    "q2",
    "q3",
    "q4",
];

/// Whether a criterion's text names a number, comparison, date or link.
pub fn is_checkable(text: &str) -> bool {
    if text
        .chars()
        .any(|c| c.is_ascii_digit() || "<>≤≥=%".contains(c))
    {
        return true;
    }
    let lower = format!(" {} ", text.to_lowercase());
    if lower.contains("http://") || lower.contains("https://") {
        return true;
    }
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    // Phrases are matched word by word, so punctuation cannot hide them.
    let phrased = format!(" {} ", words.join(" "));
    let has_word = |list: &[&str]| {
        list.iter().any(|needle| {
            let needle = needle.trim();
            if needle.contains(' ') {
                phrased.contains(&format!(" {needle} "))
            } else {
                words.contains(&needle)
            }
        })
    };
    has_word(COMPARISON_WORDS) || has_word(NUMBER_WORDS) || has_word(MONTHS)
}

#[cfg(test)]
mod tests {
    use super::is_checkable;

    #[test]
    fn measurable_criteria_pass() {
        for text in [
            "p95 latency < 200 ms",
            "Error rate stays under 0.1%",
            "Ship by March",
            "Docs published at https://example.com/docs",
            "All services migrated",
            "at least three customers onboarded",
            "latency (less than baseline)",
            "errors: fewer than yesterday's",
        ] {
            assert!(is_checkable(text), "{text}");
        }
    }

    #[test]
    fn vague_criteria_fail() {
        for text in ["Improve performance", "Make users happy", "Better docs"] {
            assert!(!is_checkable(text), "{text}");
        }
    }
}
