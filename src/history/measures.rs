//! The values reported for one measure, in the order they are read, and
//! where the measure was met and where it fell back short
//! (docs/metrics.md, "Measures"): one definition for `log`, packets and
//! the site.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use super::{History, Version};
use crate::document::{Measure, Update};
use crate::syntax::Decimal;

/// An update file in its latest version, with the commit that added it:
/// a report's value is the one the update says now (a corrected typo is
/// corrected), and it is cited at the commit that first said it.
#[derive(Clone, Copy)]
pub struct Reporting<'h> {
    pub path: &'h str,
    pub update: &'h Update,
    /// The index of the commit that added the file.
    pub added: usize,
}

/// Every update file of `history` in its latest version, by path; a
/// deleted or unreadable latest version reports nothing.
pub fn reportings(history: &History) -> Vec<Reporting<'_>> {
    let mut latest: BTreeMap<&str, (&Version<Update>, usize)> = BTreeMap::new();
    for (version, &added) in history.updates.iter().zip(&history.update_added) {
        latest.insert(version.path.as_str(), (version, added));
    }
    latest
        .into_iter()
        .filter_map(|(path, (version, added))| {
            Some(Reporting {
                path,
                update: version.doc.as_deref()?,
                added,
            })
        })
        .collect()
}

/// One reported value.
#[derive(Clone, Debug)]
pub struct Report<'h> {
    /// When the value was true: `as_of`, or the update's date.
    pub as_of: NaiveDate,
    /// The index of the commit that added the update.
    pub added: usize,
    pub path: &'h str,
    pub value: Decimal,
}

/// Every value reported, by project: read once, then asked for each
/// measure.
#[derive(Debug, Default)]
pub struct Reports<'h> {
    by_project: HashMap<&'h str, Vec<(&'h str, Report<'h>)>>,
}

impl<'h> Reports<'h> {
    /// The values `reportings` report, each cited at the commit that added
    /// its update. An update without a date reports only values with their
    /// own `as_of`.
    pub fn of(reportings: &[Reporting<'h>]) -> Self {
        Self::from_updates(reportings.iter().map(|u| (u.path, u.update, u.added)))
    }

    /// The values of `updates` (path, update, the index of the commit that
    /// added it: 0 for the working tree, ordered by path alone).
    pub fn from_updates(updates: impl Iterator<Item = (&'h str, &'h Update, usize)>) -> Self {
        let mut by_project: HashMap<&str, Vec<(&str, Report<'_>)>> = HashMap::new();
        for (path, update, added) in updates {
            let date = update.date.as_ref().map(|d| d.value);
            for (project, r) in update.reports() {
                let Some(as_of) = r.as_of.as_ref().map(|d| d.value).or(date) else {
                    continue;
                };
                by_project.entry(project).or_default().push((
                    r.id.as_str(),
                    Report {
                        as_of,
                        added,
                        path,
                        value: r.value.value,
                    },
                ));
            }
        }
        Reports { by_project }
    }

    /// The values reported for measure `measure` of `project`, by `as_of`,
    /// then by the commit that added the update, then its path: the last is
    /// the current value.
    pub fn of_measure(&self, project: &str, measure: &str) -> Vec<Report<'h>> {
        let mut out: Vec<Report<'h>> = self
            .by_project
            .get(project)
            .into_iter()
            .flatten()
            .filter(|(id, _)| *id == measure)
            .map(|(_, r)| r.clone())
            .collect();
        out.sort_by(|a, b| (a.as_of, a.added, a.path).cmp(&(b.as_of, b.added, b.path)));
        out
    }
}

/// What a report did to its measure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Turn {
    /// The first report at or past the target, or the first again after a
    /// regression.
    Met,
    /// A report short of the target after one that reached it.
    Regressed,
}

/// The turn each report takes, beside it, in the order of `reports`.
pub fn turns<'r, 'h>(
    measure: &Measure,
    reports: &'r [Report<'h>],
) -> impl Iterator<Item = (&'r Report<'h>, Option<Turn>)> {
    let mut reached = false;
    reports.iter().map(move |r| {
        let now = measure.reached(r.value) == Some(true);
        let turn = match (reached, now) {
            (false, true) => Some(Turn::Met),
            (true, false) => Some(Turn::Regressed),
            _ => None,
        };
        reached = now;
        (r, turn)
    })
}
