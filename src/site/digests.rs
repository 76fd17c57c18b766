//! The site's digest: a page for the last full week (what changed, and what
//! needs attention on the day the site is built), and a feed entry for each
//! of the last four full weeks, with their changes. Weeks run Monday to
//! Sunday, so a site rebuilt every day keeps the same entries.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};

use super::Renderer;
use super::feeds::Entry;
use crate::config::Config;
use crate::digest::{self, Digest};
use crate::error::Error;
use crate::history::{Event, Reading};
use crate::views::Who;
use crate::workspace::{AddedDates, Workspace};

/// How many weeks the feed has an entry for.
const WEEKS: usize = 4;

/// The digests of the last full weeks, newest first; none (with a note)
/// when they cannot be made.
pub(super) fn digests(
    reading: &Reading,
    events: &HashMap<String, Vec<Event>>,
    config: &Config,
    ws: &Workspace,
    added: &AddedDates,
    today: NaiveDate,
    notes: &mut Vec<String>,
) -> Vec<Digest> {
    let weeks = digest::weeks(today, WEEKS);
    let built = digest::build(&digest::Inputs {
        reading,
        ws,
        config,
        who: &Who::Everyone,
        period: weeks[0],
        today,
        added,
        mention: None,
        events: Some(events),
    });
    let latest = match built {
        Ok(d) => d,
        Err(err) => {
            notes.push(format!("no digest page: {err}"));
            return Vec::new();
        }
    };
    // The weeks before it differ only in what changed (their entries show
    // nothing else): what needs attention is read and cited once.
    let earlier: Vec<Digest> = weeks[1..]
        .iter()
        .map(|&period| Digest {
            period,
            changes: digest::changes(reading, events, ws, &Who::Everyone, period),
            ..latest.clone()
        })
        .collect();
    std::iter::once(latest).chain(earlier).collect()
}

/// The feed's entries: each week's changes, linking to the digest page; a
/// week in which nothing changed has none.
pub(super) fn entries(
    out: &mut Renderer<'_>,
    digests: &[Digest],
    base: &str,
) -> Result<Vec<(NaiveDate, String, Entry)>, Error> {
    let mut entries = Vec::new();
    for d in digests.iter().filter(|d| !d.changes.is_empty()) {
        let mut context = serde_json::to_value(d).map_err(std::io::Error::from)?;
        if let Some(map) = context.as_object_mut() {
            map.insert("only_changes".into(), true.into());
            map.insert("web".into(), serde_json::json!(out.web));
        }
        let html = out.templates.render("_digest.html.j2", context)?;
        // Dated the Monday after the week: when its digest is complete.
        let day = d.period.until + Duration::days(1);
        let (since, until) = (d.period.since, d.period.until);
        entries.push((
            day,
            format!("digest/{since}"),
            Entry {
                id: format!("tag:goalpost,2026:digest/{since}..{until}"),
                title: format!("Digest, {since} to {until}"),
                updated: day
                    .and_hms_opt(0, 0, 0)
                    .unwrap_or_default()
                    .and_utc()
                    .fixed_offset(),
                author: None,
                url: format!("{base}digest.html"),
                html,
            },
        ));
    }
    Ok(entries)
}
