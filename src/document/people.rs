//! Who the repository knows: the roster and every handle the documents name.

use std::collections::BTreeSet;

use super::{Decision, Project, Update};
use crate::config::Config;

/// Everyone the roster names, and every owner, contributor, author and
/// decider the given documents name.
pub fn known<'a>(
    config: &'a Config,
    projects: impl IntoIterator<Item = &'a Project>,
    updates: impl IntoIterator<Item = &'a Update>,
    decisions: impl IntoIterator<Item = &'a Decision>,
) -> BTreeSet<&'a str> {
    let mut known: BTreeSet<&str> = config.people.keys().map(String::as_str).collect();
    for p in projects {
        known.extend(p.owner.iter().map(|o| o.value.as_str()));
        known.extend(p.contributors.iter().map(|c| c.value.as_str()));
    }
    for u in updates {
        known.extend(u.author.iter().map(|a| a.value.as_str()));
    }
    for d in decisions {
        known.extend(d.deciders.iter().map(|a| a.value.as_str()));
    }
    known
}

/// The people a proposal's `author:` names, in order, as handles: `Name
/// (@handle)` gives the handle, `Name <email>` the roster entry with that
/// email (else the email), and a bare name itself. Entries are separated by
/// commas outside `<>` and `()`.
pub fn authors(config: &Config, text: &str) -> Vec<String> {
    let mut entries = Vec::new();
    let (mut depth, mut start) = (0usize, 0);
    for (i, c) in text.char_indices() {
        match c {
            '<' | '(' => depth += 1,
            '>' | ')' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                entries.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    entries.push(&text[start..]);
    entries
        .into_iter()
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .map(|entry| author(config, entry))
        .collect()
}

fn author(config: &Config, entry: &str) -> String {
    let inside = |open: &str, close: char| {
        let from = entry.find(open)? + open.len();
        let to = entry[from..].find(close)? + from;
        Some(entry[from..to].trim().to_owned())
    };
    if let Some(handle) = inside("(@", ')') {
        return handle;
    }
    if let Some(email) = inside("<", '>') {
        return config
            .people
            .iter()
            .find(|(_, p)| {
                p.email
                    .as_deref()
                    .is_some_and(|e| e.eq_ignore_ascii_case(&email))
            })
            .map_or(email, |(handle, _)| handle.clone());
    }
    entry.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn authors_are_read_as_handles() {
        let mut config = Config::defaults(std::path::PathBuf::from("."));
        config.people.insert(
            "martin".into(),
            crate::config::Person {
                name: None,
                team: None,
                location: None,
                email: Some("martin@example.org".into()),
                attributes: std::collections::BTreeMap::new(),
            },
        );
        assert_eq!(
            authors(
                &config,
                "Vitalik Buterin (@vbuterin), Martin S <Martin@example.org>, Ana <ana@x.io>, Nick Johnson"
            ),
            ["vbuterin", "martin", "ana@x.io", "Nick Johnson"]
        );
        assert_eq!(
            authors(&config, "A (@a, the first), B"),
            ["a, the first", "B"]
        );
    }
}
