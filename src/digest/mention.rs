//! Mentions: the roster's chat and forge handles (`github: ana-q`, `slack:
//! U0123`), written so that posting the digest notifies the people it
//! names. A value that is not a well-formed handle is never written as a
//! mention (a roster line must not be able to ping a whole channel).

use std::collections::BTreeMap;

use super::Digest;
use crate::config::Config;

/// How people are mentioned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Mention {
    /// `@login`, from the roster's `github:`
    Github,
    /// `<@MEMBER-ID>`, from the roster's `slack:`
    Slack,
}

impl Mention {
    /// The roster attribute it reads.
    pub fn attribute(self) -> &'static str {
        match self {
            Mention::Github => "github",
            Mention::Slack => "slack",
        }
    }

    /// The mention of a handle's value, when it is well formed: a GitHub
    /// login (letters, digits and single inner `-`, at most 39), a Slack
    /// member id (`U` or `W`, then capitals and digits).
    pub fn write(self, value: &str) -> Option<String> {
        match self {
            Mention::Github => {
                let ok = !value.is_empty()
                    && value.len() <= 39
                    && value.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                    && !value.starts_with('-')
                    && !value.ends_with('-')
                    && !value.contains("--");
                ok.then(|| format!("@{value}"))
            }
            Mention::Slack => {
                let ok = value.len() >= 3
                    && value.len() <= 20
                    && value.starts_with(['U', 'W'])
                    && value
                        .chars()
                        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
                ok.then(|| format!("<@{value}>"))
            }
        }
    }
}

/// The handles a digest names: owners, authors, deciders.
fn named(digest: &Digest) -> Vec<&str> {
    let a = &digest.attention;
    let c = &digest.changes;
    let mut out: Vec<&str> = a
        .checkins
        .iter()
        .filter_map(|x| x.owner.as_deref())
        .chain(a.old_blockers.iter().map(|b| b.author.as_str()))
        .chain(a.asks.iter().map(|b| b.author.as_str()))
        .chain(a.overdue.iter().filter_map(|d| d.owner.as_deref()))
        .chain(a.due_soon.iter().filter_map(|d| d.owner.as_deref()))
        .chain(c.blockers_opened.iter().map(|b| b.author.as_str()))
        .chain(c.blockers_cleared.iter().map(|b| b.author.as_str()))
        .chain(
            c.decisions
                .iter()
                .flat_map(|d| d.deciders.iter().map(String::as_str)),
        )
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// How each person the digest names is mentioned, and a note for each
/// roster value that is not a well-formed handle (written plain instead).
pub fn mentions(
    digest: &Digest,
    config: &Config,
    style: Mention,
) -> (BTreeMap<String, String>, Vec<String>) {
    let mut out = BTreeMap::new();
    let mut notes = Vec::new();
    for handle in named(digest) {
        let Some(value) = config
            .people
            .get(handle)
            .and_then(|p| p.attributes.get(style.attribute()))
        else {
            continue;
        };
        match style.write(value.trim()) {
            Some(mention) => {
                out.insert(handle.to_owned(), mention);
            }
            None => notes.push(format!(
                "`{}:` of {handle} in goalpost.yml is not a {} handle, so {handle} is written plain",
                style.attribute(),
                style.attribute()
            )),
        }
    }
    (out, notes)
}

#[cfg(test)]
mod tests {
    use super::Mention;

    #[test]
    fn only_well_formed_handles_become_mentions() {
        assert_eq!(Mention::Github.write("ana-q").as_deref(), Some("@ana-q"));
        assert_eq!(Mention::Slack.write("U0123").as_deref(), Some("<@U0123>"));
        for bad in ["", "-ana", "ana--q", "a b", "ana>", &"a".repeat(40)] {
            assert_eq!(Mention::Github.write(bad), None, "{bad}");
        }
        for bad in ["u0123", "U1", "U0123> <!channel", "!channel", "C0123"] {
            assert_eq!(Mention::Slack.write(bad), None, "{bad}");
        }
    }
}
