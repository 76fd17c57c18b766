//! The roster (`people:`) as it answers "who is this?": the entry git's
//! identity names, matched by email first, else by name.

use super::Config;

/// Who git says you are.
pub struct Identity {
    pub name: Option<String>,
    pub email: Option<String>,
}

impl Identity {
    /// `Name <email>`, as git shows an identity.
    pub fn describe(&self) -> String {
        match (&self.name, &self.email) {
            (Some(n), Some(e)) => format!("{n} <{e}>"),
            (Some(n), None) => n.clone(),
            (None, Some(e)) => format!("<{e}>"),
            (None, None) => String::new(),
        }
    }
}

/// Whom an identity names in the roster.
#[derive(Debug, PartialEq, Eq)]
pub enum Match {
    One(String),
    NoRoster,
    NoIdentity,
    None,
    Several(Vec<String>),
}

impl Config {
    /// The roster entry git's identity names: by email first, else by name
    /// (a person's `name`, or the handle itself), case-insensitively.
    pub fn roster_match(&self, who: &Identity) -> Match {
        if !self.has_roster() {
            return Match::NoRoster;
        }
        if who.name.is_none() && who.email.is_none() {
            return Match::NoIdentity;
        }
        let same = |a: &Option<String>, b: &str| {
            a.as_deref()
                .is_some_and(|a| a.trim().eq_ignore_ascii_case(b.trim()))
        };
        let by_email: Vec<&String> = self
            .people
            .iter()
            .filter(|(_, p)| p.email.as_deref().is_some_and(|e| same(&who.email, e)))
            .map(|(h, _)| h)
            .collect();
        let found = if by_email.is_empty() {
            self.people
                .iter()
                .filter(|(h, p)| {
                    same(&who.name, h) || p.name.as_deref().is_some_and(|n| same(&who.name, n))
                })
                .map(|(h, _)| h)
                .collect()
        } else {
            by_email
        };
        match found.as_slice() {
            [] => Match::None,
            [one] => Match::One((*one).clone()),
            many => Match::Several(many.iter().map(|h| (*h).clone()).collect()),
        }
    }
}
