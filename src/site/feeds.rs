//! The site's feeds: `calendar.ics` (RFC 5545, with the icalendar crate)
//! and `feed.xml` (Atom, RFC 4287, with atom_syndication). Both carry the
//! commit's time as their stamp, never the clock, so that two builds of one
//! commit are identical.

use atom_syndication as atom;
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use icalendar::{Calendar, Component, EventLike};

use super::pages::{ProjectRow, Sources, anchor, decision_page, safe_name};

/// One all-day date in the calendar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Day {
    /// Stable across builds, so that a subscribed calendar updates in place.
    pub uid: String,
    pub date: NaiveDate,
    pub summary: String,
    pub description: String,
    /// The page it is about (absolute with `--base-url`, else relative).
    pub url: String,
}

/// The calendar of `days`, stamped with `stamp`.
pub fn calendar(name: &str, days: &[Day], stamp: DateTime<Utc>) -> String {
    let mut calendar = Calendar::new();
    calendar.name(name);
    for day in days {
        let mut event = icalendar::Event::new();
        event
            .uid(&day.uid)
            .timestamp(stamp)
            .summary(&day.summary)
            .description(&day.description)
            .all_day(day.date);
        if !day.url.is_empty() {
            event.url(&day.url);
        }
        calendar.push(event.done());
    }
    calendar.done().to_string()
}

/// One entry of the Atom feed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub id: String,
    pub title: String,
    pub updated: DateTime<FixedOffset>,
    pub author: Option<String>,
    pub url: String,
    /// Sanitised HTML.
    pub html: String,
}

/// The Atom feed of `entries` (newest first).
pub fn atom(
    title: &str,
    id: &str,
    url: &str,
    updated: DateTime<FixedOffset>,
    entries: Vec<Entry>,
) -> String {
    let link = |href: &str| atom::Link {
        href: href.to_owned(),
        rel: "alternate".to_owned(),
        ..atom::Link::default()
    };
    let entries: Vec<atom::Entry> = entries
        .into_iter()
        .map(|e| atom::Entry {
            id: e.id,
            title: atom::Text::plain(e.title),
            updated: e.updated,
            authors: e
                .author
                .map(|name| atom::Person {
                    name,
                    ..atom::Person::default()
                })
                .into_iter()
                .collect(),
            links: vec![link(&e.url)],
            content: Some(atom::Content {
                value: Some(e.html),
                content_type: Some("html".to_owned()),
                ..atom::Content::default()
            }),
            ..atom::Entry::default()
        })
        .collect();
    let feed = atom::Feed {
        id: id.to_owned(),
        title: atom::Text::plain(title),
        updated,
        // RFC 4287 asks for an author of the feed when an entry has none.
        authors: vec![atom::Person {
            name: "goalpost".to_owned(),
            ..atom::Person::default()
        }],
        links: vec![link(url)],
        entries,
        ..atom::Feed::default()
    };
    feed.to_string()
}

/// Due dates and next check-ins of work in flight.
pub fn calendar_of(title: &str, rows: &[ProjectRow], base: &str, stamp: DateTime<Utc>) -> String {
    let mut days = Vec::new();
    for row in rows
        .iter()
        .filter(|r| r.state.is_some_and(|s| s != "done" && s != "dropped"))
    {
        let url = if row.page.is_empty() {
            String::new()
        } else {
            format!("{base}{}", row.page)
        };
        let owner = row.owner.as_deref().unwrap_or("no owner");
        if let Some(due) = row.due {
            days.push(Day {
                uid: format!("{}-due@goalpost", row.id),
                date: due,
                summary: format!("Due: {}", row.title),
                description: format!(
                    "{} (owner: {owner}; criteria met {} of {})",
                    row.id, row.criteria_met, row.criteria_total
                ),
                url: url.clone(),
            });
        }
        if let Some(next) = row.next_checkin {
            days.push(Day {
                uid: format!("{}-checkin@goalpost", row.id),
                date: next,
                summary: format!("Check-in: {}", row.title),
                description: format!("{}: the next update is due (owner: {owner})", row.id),
                url,
            });
        }
    }
    calendar(title, &days, stamp)
}

/// The newest 50 updates and decisions.
pub fn feed_of(
    sources: &Sources<'_>,
    title: &str,
    base: &str,
    stamp: DateTime<Utc>,
    paths: &std::collections::HashMap<String, String>,
    digests: Vec<(NaiveDate, String, Entry)>,
) -> String {
    let at = |date: NaiveDate| {
        date.and_hms_opt(0, 0, 0)
            .map_or(stamp, |t| t.and_utc())
            .fixed_offset()
    };
    let mut entries: Vec<(NaiveDate, String, Entry)> = Vec::new();
    for (doc, u) in sources.ws.updates() {
        let (Some(date), Some(first)) = (u.date.as_ref(), u.projects.first()) else {
            continue;
        };
        let author = u.author.as_ref().map(|a| a.value.clone());
        let projects: Vec<&str> = u.projects.iter().map(|p| p.value.as_str()).collect();
        let page = if safe_name(&first.value) {
            sources.project_page(&first.value)
        } else {
            "index.html".to_owned()
        };
        entries.push((
            date.value,
            doc.path.clone(),
            Entry {
                id: format!("tag:goalpost,2026:update/{}", doc.path),
                title: format!(
                    "Update on {} by {}",
                    projects.join(", "),
                    author.as_deref().unwrap_or("someone")
                ),
                updated: at(date.value),
                author,
                url: format!("{base}{page}#{}", anchor(&doc.path)),
                html: sources.body(doc, paths, base),
            },
        ));
    }
    for (doc, d) in sources.ws.decisions().filter(|(_, d)| safe_name(&d.key)) {
        let Some(date) = sources.decision_date(d) else {
            continue;
        };
        let title = d
            .title
            .as_ref()
            .map_or(d.key.as_str(), |t| t.value.as_str());
        entries.push((
            date,
            doc.path.clone(),
            Entry {
                id: format!("tag:goalpost,2026:decision/{}", d.key),
                title: format!("Decision {}: {title} ({})", d.key, d.status.value.as_str()),
                updated: at(date),
                author: d.deciders.first().map(|h| h.value.clone()),
                url: format!("{base}{}", decision_page(&d.key)),
                html: sources.body(doc, paths, base),
            },
        ));
    }
    entries.extend(digests);
    entries.sort_by(|a, b| (b.0, &b.1).cmp(&(a.0, &a.1)));
    entries.truncate(50);
    let updated = entries
        .first()
        .map_or(stamp.fixed_offset(), |e| e.2.updated);
    atom(
        &format!("{title}: updates and decisions"),
        "tag:goalpost,2026:site",
        &format!("{base}index.html"),
        updated,
        entries.into_iter().map(|e| e.2).collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn stamp() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-11-20T10:00:00+01:00").expect("a time")
    }

    #[test]
    fn the_calendar_is_rfc_5545_and_reads_back() {
        let days = [Day {
            uid: "search-latency-due@goalpost".into(),
            date: NaiveDate::from_ymd_opt(2026, 12, 15).expect("a date"),
            summary: "Due: Cut search p95 latency below 200 ms, a long title that has to be folded onto the next line".into(),
            description: "owner: alice; criteria met 1 of 2".into(),
            url: "projects/search-latency.html".into(),
        }];
        let text = calendar("team goals", &days, stamp().with_timezone(&Utc));
        assert!(text.lines().count() > 5);
        assert!(
            text.split("\r\n").all(|l| l.len() <= 75),
            "folded lines: {text}"
        );
        assert!(text.contains("DTSTART;VALUE=DATE:20261215\r\n"), "{text}");
        assert!(text.contains("DTSTAMP:20261120T090000Z\r\n"), "{text}");
        let parsed = icalendar::Calendar::from_str(&text).expect("parses back");
        let events: Vec<_> = parsed
            .components
            .iter()
            .filter_map(|c| c.as_event())
            .collect();
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].get_uid(), Some("search-latency-due@goalpost"));
        assert_eq!(
            events[0]
                .get_summary()
                .map(|s| s.starts_with("Due: Cut search")),
            Some(true)
        );
    }

    #[test]
    fn the_feed_is_atom_and_reads_back() {
        let entries = vec![Entry {
            id: "tag:goalpost,2026:update/updates/u.md".into(),
            title: "Update by <alice> & co".into(),
            updated: stamp(),
            author: Some("alice".into()),
            url: "projects/x.html".into(),
            html: "<p>done &amp; dusted</p>".into(),
        }];
        let text = atom(
            "team",
            "tag:goalpost,2026:site",
            "index.html",
            stamp(),
            entries,
        );
        let feed = atom::Feed::from_str(&text).expect("parses back");
        assert_eq!(feed.entries().len(), 1);
        assert_eq!(feed.entries()[0].title().as_str(), "Update by <alice> & co");
        assert_eq!(
            feed.entries()[0].content().and_then(|c| c.value()),
            Some("<p>done &amp; dusted</p>")
        );
    }
}
