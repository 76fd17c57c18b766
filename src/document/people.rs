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
