//! The validation rules: their stable ids, default severities and
//! descriptions, and the checks that need more than one field.
//!
//! Rules about the shape of a single document (`frontmatter-missing` through
//! `invalid-date`) are raised while the document is read (`crate::document`);
//! every other rule lives in its own file here, named after its id.

mod broken_link;
mod dependencies;
mod done_with_open_criteria;
mod done_with_unmet_measures;
mod duplicate_id;
mod missing_success_criteria;
mod overdue;
mod stale_checkin;
mod superseded_without_successor;
mod supersedes_mismatch;
mod unknown_decision;
mod unknown_measure;
mod unknown_person;
mod unknown_project;
mod update_date;
mod vague_criterion;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Rule};
use crate::workspace::{AddedDates, Workspace};
use chrono::NaiveDate;
use rayon::prelude::*;

/// What the rules need besides the documents. Rules are pure: what only
/// git knows arrives here, gathered by the loading step.
pub struct Context<'a> {
    pub config: &'a Config,
    pub today: NaiveDate,
    /// When project files were added ([`Workspace::added_dates`]).
    pub added: &'a AddedDates,
    /// Only findings in this document are wanted (the editor's open file):
    /// rules still see every document, but judge only this one.
    pub focus: Option<&'a str>,
}

impl Context<'_> {
    /// Whether findings in the document at this path are wanted.
    pub fn wants(&self, path: &str) -> bool {
        self.focus.is_none_or(|focus| focus == path)
    }
}

type Check = fn(&Workspace, &Context<'_>, &mut Vec<Diagnostic>);

/// The rules that look beyond the shape of a single document, each with the
/// one rule id it reports.
const CHECKS: [(Rule, Check); 18] = [
    (
        Rule::MissingSuccessCriteria,
        missing_success_criteria::check,
    ),
    (Rule::DoneWithOpenCriteria, done_with_open_criteria::check),
    (Rule::DoneWithUnmetMeasures, done_with_unmet_measures::check),
    (Rule::VagueCriterion, vague_criterion::check),
    (Rule::Overdue, overdue::check),
    (Rule::UpdateDate, update_date::check),
    (Rule::StaleCheckin, stale_checkin::check),
    (Rule::BrokenLink, broken_link::check),
    (Rule::DuplicateId, duplicate_id::check),
    (Rule::UnknownProject, unknown_project::check),
    (Rule::UnknownPerson, unknown_person::check),
    (Rule::UnknownDecision, unknown_decision::check),
    (Rule::UnknownMeasure, unknown_measure::check),
    (
        Rule::SupersededWithoutSuccessor,
        superseded_without_successor::check,
    ),
    (Rule::SupersedesMismatch, supersedes_mismatch::check),
    (Rule::DependencyCycle, dependencies::cycles_of),
    (Rule::DependencyDueAfter, dependencies::due_after),
    (Rule::DoneBeforeDependency, dependencies::done_before),
];

/// Runs every rule the configuration has not turned off that looks beyond
/// the shape of a single document; a rule that is off does no work (some
/// look at the file system or at git history).
/// The rules run side by side (`broken-link` asks the file system, the
/// others only the documents); their findings come back in rule order.
pub fn check(workspace: &Workspace, cx: &Context<'_>) -> Vec<Diagnostic> {
    CHECKS
        .par_iter()
        .filter(|(rule, _)| cx.config.severity(*rule).is_some())
        .map(|(_, check)| {
            let mut out = Vec::new();
            check(workspace, cx, &mut out);
            out
        })
        .collect::<Vec<_>>()
        .into_iter()
        .flatten()
        .collect()
}

/// Every finding about the workspace, from reading and from the rules, with
/// the configured severities (rules turned off are left out), in report
/// order and without repeats.
pub fn findings(workspace: &Workspace, cx: &Context<'_>) -> Vec<Diagnostic> {
    let mut findings: Vec<Diagnostic> = workspace
        .diagnostics
        .iter()
        .filter(|d| cx.wants(&d.path))
        .cloned()
        .chain(check(workspace, cx))
        .filter_map(|mut d| {
            d.severity = cx.config.severity(d.rule)?;
            Some(d)
        })
        .collect();
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    findings.dedup();
    findings
}
