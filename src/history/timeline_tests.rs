//! The timeline's questions, over a project's versions built by hand.

use std::sync::Arc;

use chrono::{NaiveDate, TimeZone};

use super::*;
use crate::config::Config;
use crate::history::Commit;
use crate::sample::doc::ProjectDoc;
use crate::vocabulary::Kind;

fn day(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

/// A project proposed before the period (the baseline), then active,
/// blocked with its due date moved and a criterion met, done, reopened and
/// done again.
fn history() -> (History, Vec<Version<Project>>) {
    let config = Config::defaults(".".into());
    let steps: [(&str, &str, &str, [&str; 2]); 6] = [
        ("2026-01-01", "proposed", "2026-03-01", ["[ ] a", "[ ] b"]),
        ("2026-01-10", "active", "2026-03-01", ["[ ] a", "[ ] b"]),
        ("2026-01-20", "blocked", "2026-04-01", ["[x] a", "[ ] b"]),
        ("2026-02-01", "done", "2026-04-01", ["[x] a", "[x] b"]),
        ("2026-02-10", "active", "2026-04-01", ["[x] a", "[x] b"]),
        ("2026-02-20", "done", "2026-04-01", ["[x] a", "[x] b"]),
    ];
    let mut history = History::default();
    let mut versions = Vec::new();
    for (i, (date, status, due, criteria)) in steps.iter().enumerate() {
        let time = chrono::FixedOffset::east_opt(0)
            .expect("offset")
            .from_local_datetime(&day(date).and_hms_opt(10, 0, 0).expect("time"))
            .single()
            .expect("time");
        history.commits.push(Commit {
            id: git2::Oid::ZERO_SHA1,
            time,
            author: "alice".into(),
            baseline: i == 0,
        });
        let text = ProjectDoc::new("p", "P")
            .owner("alice")
            .status(status)
            .due(due)
            .criteria(criteria)
            .to_string();
        let doc = crate::document::read(
            "projects/p.md",
            Kind::Project,
            text,
            &config,
            &mut Vec::new(),
        );
        versions.push(Version {
            commit: i,
            path: "projects/p.md".into(),
            doc: Some(Arc::new(doc.project().expect("a project").clone())),
        });
    }
    (history, versions)
}

#[test]
fn answers_each_question_from_one_build() {
    let (history, versions) = history();
    let mut timeline = Timeline::of(&history, &versions);
    // The baseline's version is the state at the start, not a change.
    assert_eq!(
        timeline.changes[0].what,
        What::Status {
            from: Some(Lifecycle::Proposed),
            to: Some(Lifecycle::Active),
            from_word: Some("proposed".into()),
            to_word: "active".into(),
        }
    );
    assert_eq!(timeline.status_on(day("2025-12-31")), None);
    assert_eq!(
        timeline.status_on(day("2026-01-15")),
        Some(Lifecycle::Active)
    );
    assert_eq!(
        timeline.status_on(day("2026-01-25")),
        Some(Lifecycle::Blocked)
    );
    assert_eq!(
        closed_on_or_after(&timeline, day("2026-01-15")),
        Some(day("2026-02-01"))
    );
    assert_eq!(
        closed_on_or_after(&timeline, day("2026-02-05")),
        Some(day("2026-02-05"))
    );
    assert_eq!(
        closed_on_or_after(&timeline, day("2026-02-12")),
        Some(day("2026-02-20"))
    );
    let period = |since: &str, until: &str| Period {
        since: day(since),
        until: day(until),
    };
    assert_eq!(
        timeline.delivery(period("2026-01-01", "2026-02-28")),
        Some(5)
    );
    assert_eq!(
        timeline.delivery(period("2026-01-01", "2026-02-05")),
        Some(3)
    );
    assert_eq!(timeline.delivery(period("2026-01-01", "2026-01-31")), None);
    assert_eq!(timeline.state_since(), Some(day("2026-02-20")));
    let a = &versions[5].doc.as_ref().expect("doc").criteria[0];
    assert_eq!(timeline.met_on(a).map(|c| c.date), Some(day("2026-01-20")));
    let moves: Vec<&What> = timeline
        .moves(period("2026-01-01", "2026-12-31"))
        .map(|c| &c.what)
        .collect();
    assert_eq!(
        moves,
        [&What::DueMoved {
            from: Some(day("2026-03-01")),
            to: Some(day("2026-04-01")),
        }]
    );
    assert_eq!(timeline.first_activated(), Some(day("2026-01-10")));
    timeline.activated_before(Some(day("2025-11-03")));
    assert_eq!(timeline.first_activated(), Some(day("2025-11-03")));
    timeline.activated_before(None);
    assert_eq!(timeline.first_activated(), Some(day("2025-11-03")));
}

/// The day a project closed, on or after `day`.
fn closed_on_or_after(timeline: &Timeline, day: NaiveDate) -> Option<NaiveDate> {
    timeline.closing_on_or_after(day).map(|(date, _)| date)
}
