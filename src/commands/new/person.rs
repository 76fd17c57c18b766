//! Who a new document is by: a handle from a flag (checked against the
//! roster), or else the roster entry git's identity names.

use super::{Planner, one_line, usage};
use crate::config::{Config, Match};
use crate::error::Error;
use crate::history;
use crate::suggest;

impl Planner<'_> {
    /// A person from a flag, or else from git's identity and the roster.
    pub(super) fn person(
        &self,
        given: Option<&str>,
        flag: &str,
        role: &str,
    ) -> Result<String, Error> {
        person(self.config, given, flag, role)
    }

    /// Your handle, when the roster and git's identity name it.
    pub(super) fn identity_handle(&self) -> Option<String> {
        match self
            .config
            .roster_match(&history::identity(&self.config.root))
        {
            Match::One(handle) => Some(handle),
            _ => None,
        }
    }
}

/// A person from a flag (`given`, checked against the roster), or else the
/// roster entry git's identity names; `role` says what they will do, for
/// the error that asks for the flag.
pub fn person(
    config: &Config,
    given: Option<&str>,
    flag: &str,
    role: &str,
) -> Result<String, Error> {
    if let Some(handle) = given {
        let handle = one_line(handle, flag)?;
        if config.has_roster() && !config.people.contains_key(&handle) {
            let help = suggest::help(&handle, config.people.keys().map(String::as_str), || {
                "add the person under `people:` in goalpost.yml".to_owned()
            });
            return Err(usage(
                format!("`{handle}` is not in the roster of goalpost.yml"),
                help,
            ));
        }
        return Ok(handle);
    }
    let who = history::identity(&config.root);
    match config.roster_match(&who) {
            Match::One(handle) => Ok(handle),
            Match::NoRoster => Err(usage(
                format!("who will {role}? pass {flag} HANDLE"),
                "with a `people:` roster in goalpost.yml that lists your email, goalpost finds your handle from git".into(),
            )),
            Match::NoIdentity => Err(usage(
                format!("who will {role}? git has no user.name or user.email here; pass {flag} HANDLE"),
                "or set your identity with `git config user.email you@example.com`".into(),
            )),
            Match::None => Err(usage(
                format!(
                    "who will {role}? git's identity `{}` matches no one under `people:` in goalpost.yml; pass {flag} HANDLE",
                    who.describe()
                ),
                "or add `email: <your git user.email>` to your entry in the roster".into(),
            )),
            Match::Several(handles) => Err(usage(
                format!(
                    "who will {role}? git's identity `{}` matches several people: {}; pass {flag} HANDLE",
                    who.describe(),
                    handles.join(", ")
                ),
                "give each person in the roster their own email".into(),
            )),
        }
}
