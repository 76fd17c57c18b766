//! Blocker identity and age (SPEC 1.3), shared by review packets and the
//! team views so that both count the same blockers the same way.
//!
//! A blocker is open while the latest update of its author for its project
//! still lists it. Its age runs from the first update of the unbroken run of
//! that author's updates for that project that list it, matching text after
//! trimming and case-folding.

use std::collections::BTreeMap;

use chrono::NaiveDate;

/// One update's blockers for one project, as the input of [`runs`].
#[derive(Clone, Debug)]
pub struct Listing<'a> {
    pub author: &'a str,
    pub project: &'a str,
    pub date: NaiveDate,
    /// Where the update lives (and, in history, the commit that added it).
    pub path: &'a str,
    pub commit: Option<&'a str>,
    pub blockers: Vec<&'a str>,
}

/// One unbroken run of updates listing the same blocker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Blocker {
    pub author: String,
    pub project: String,
    /// The text as first written.
    pub text: String,
    /// The date of the first update of the run.
    pub raised: NaiveDate,
    /// The update that raised it.
    pub raised_in: String,
    pub raised_commit: Option<String>,
    /// The date of the first later update that no longer lists it; `None`
    /// while the author's latest update for the project still lists it.
    pub cleared: Option<NaiveDate>,
    /// The commit of the update that no longer lists it, when an update
    /// cleared it and the listing had a commit.
    pub cleared_commit: Option<String>,
}

impl Blocker {
    /// Days open: cleared − raised, or `end` − raised while still open.
    pub fn days_open(&self, end: NaiveDate) -> i64 {
        (self.cleared.unwrap_or(end) - self.raised)
            .num_days()
            .max(0)
    }

    /// Clears it on `date` (or on the day it was raised, if later) unless an
    /// update cleared it earlier: a blocker ends when its project becomes
    /// done or dropped (SPEC 5.1).
    /// `commit` is the commit that closed it, when known.
    pub fn clear_by(&mut self, date: NaiveDate, commit: Option<&str>) {
        let date = date.max(self.raised);
        if self.cleared.is_none_or(|c| c > date) {
            self.cleared = Some(date);
            self.cleared_commit = commit.map(str::to_owned);
        }
    }

    /// Whether it was open at any moment of `since..=until` (open from the
    /// day it was raised up to, not including, the day it was cleared).
    pub fn open_during(&self, since: NaiveDate, until: NaiveDate) -> bool {
        self.raised <= until && self.cleared.is_none_or(|c| c > since)
    }
}

/// The identity of a blocker's text: trimmed and case-folded.
pub fn identity(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Every blocker run in a set of update listings. Listings of one author for
/// one project are taken in date order (ties in the order given).
pub fn runs(listings: &[Listing<'_>]) -> Vec<Blocker> {
    let mut by_thread: BTreeMap<(&str, &str), Vec<&Listing<'_>>> = BTreeMap::new();
    for listing in listings {
        by_thread
            .entry((listing.author, listing.project))
            .or_default()
            .push(listing);
    }
    let mut out = Vec::new();
    for ((author, project), mut thread) in by_thread {
        thread.sort_by_key(|l| l.date);
        // Open runs by identity, in the order they were raised.
        let mut open: Vec<(String, Blocker)> = Vec::new();
        for listing in thread {
            let listed: Vec<String> = listing.blockers.iter().map(|b| identity(b)).collect();
            let (still, cleared): (Vec<_>, Vec<_>) =
                open.into_iter().partition(|(id, _)| listed.contains(id));
            for (_, mut blocker) in cleared {
                blocker.cleared = Some(listing.date);
                blocker.cleared_commit = listing.commit.map(str::to_owned);
                out.push(blocker);
            }
            open = still;
            for (text, id) in listing.blockers.iter().zip(listed) {
                if open.iter().any(|(open_id, _)| *open_id == id) {
                    continue;
                }
                open.push((
                    id,
                    Blocker {
                        author: author.to_owned(),
                        project: project.to_owned(),
                        text: text.trim().to_owned(),
                        raised: listing.date,
                        raised_in: listing.path.to_owned(),
                        raised_commit: listing.commit.map(str::to_owned),
                        cleared: None,
                        cleared_commit: None,
                    },
                ));
            }
        }
        out.extend(open.into_iter().map(|(_, b)| b));
    }
    out.sort_by(|a, b| {
        (a.raised, &a.project, &a.author, &a.text).cmp(&(b.raised, &b.project, &b.author, &b.text))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 7, d).expect("date")
    }

    fn listing<'a>(date: u32, blockers: &[&'a str]) -> Listing<'a> {
        Listing {
            author: "alice",
            project: "search",
            date: day(date),
            path: "u.md",
            commit: None,
            blockers: blockers.to_vec(),
        }
    }

    #[test]
    fn runs_follow_text_after_trimming_and_case_folding() {
        let found = runs(&[
            listing(1, &["Waiting on infra"]),
            listing(8, &["  waiting ON infra ", "Need a DB review"]),
            listing(15, &["Need a DB review"]),
            listing(22, &[]),
            listing(29, &["Waiting on infra"]),
        ]);
        let summary: Vec<_> = found
            .iter()
            .map(|b| (b.text.as_str(), b.raised, b.cleared))
            .collect();
        assert_eq!(
            summary,
            [
                ("Waiting on infra", day(1), Some(day(15))),
                ("Need a DB review", day(8), Some(day(22))),
                ("Waiting on infra", day(29), None),
            ]
        );
        assert_eq!(found[0].days_open(day(31)), 14);
        assert_eq!(found[2].days_open(day(31)), 2);
    }

    #[test]
    fn a_closed_project_clears_its_blockers() {
        let mut found = runs(&[listing(1, &["x", "y"]), listing(8, &["y"])]);
        for b in &mut found {
            b.clear_by(day(5), None);
        }
        let cleared: Vec<_> = found.iter().map(|b| (b.text.as_str(), b.cleared)).collect();
        assert_eq!(cleared, [("x", Some(day(5))), ("y", Some(day(5)))]);
        let mut late = runs(&[listing(10, &["z"])]);
        late[0].clear_by(day(5), None);
        assert_eq!(late[0].cleared, Some(day(10)));
    }

    #[test]
    fn open_during_uses_a_half_open_interval() {
        let b = &runs(&[listing(1, &["x"]), listing(8, &[])])[0];
        assert!(b.open_during(day(7), day(7)));
        assert!(!b.open_during(day(8), day(9)));
        assert!(!b.open_during(
            NaiveDate::from_ymd_opt(2026, 6, 1).expect("d"),
            NaiveDate::from_ymd_opt(2026, 6, 30).expect("d")
        ));
    }
}
