//! The file names of pages. An id or handle is its own file name, unless
//! another differs from it only in case: on macOS and Windows the two would
//! be one file, and one page would overwrite the other. Each name of such a
//! group is written with its uppercase letters escaped (`A` → `~a`), which
//! no id can contain, so every page keeps a file of its own everywhere.
//! (`check` reports the ids; the roster refuses such handles.)

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap, HashSet};

/// The names of one folder of pages that must be escaped.
#[derive(Debug, Default)]
pub struct Names {
    escaped: HashSet<String>,
}

impl Names {
    /// The names among `names` that differ from another only in case.
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> Self {
        let mut by_fold: HashMap<String, BTreeSet<&str>> = HashMap::new();
        for name in names {
            by_fold
                .entry(name.to_ascii_lowercase())
                .or_default()
                .insert(name);
        }
        let escaped = by_fold
            .into_values()
            .filter(|group| group.len() > 1)
            .flatten()
            .map(str::to_owned)
            .collect();
        Self { escaped }
    }

    /// The file name (without extension) of `name`'s page.
    pub fn file<'a>(&self, name: &'a str) -> Cow<'a, str> {
        if !self.escaped.contains(name) {
            return Cow::Borrowed(name);
        }
        let mut out = String::with_capacity(name.len() + 4);
        for c in name.chars() {
            if c.is_ascii_uppercase() {
                out.push('~');
                out.push(c.to_ascii_lowercase());
            } else {
                out.push(c);
            }
        }
        Cow::Owned(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_names_that_differ_in_case_are_escaped_and_all_stay_distinct() {
        let names = Names::new(["A", "a", "Ab", "AB", "ab", "search", "API-v2"]);
        assert_eq!(names.file("search"), "search");
        assert_eq!(names.file("API-v2"), "API-v2");
        assert_eq!(names.file("a"), "a");
        assert_eq!(names.file("A"), "~a");
        let files: HashSet<String> = ["Ab", "AB", "ab"]
            .iter()
            .map(|n| names.file(n).to_ascii_lowercase())
            .collect();
        assert_eq!(files.len(), 3, "{files:?}");
    }
}
