//! The validation rules: their stable ids, default severities and
//! descriptions, and the checks that need more than one field.
//!
//! Rules about the shape of a single document (`frontmatter-missing` through
//! `invalid-date`) are raised while the document is read (`crate::document`);
//! every other rule lives in its own file here, named after its id.

mod broken_link;
mod done_with_open_criteria;
mod duplicate_id;
mod missing_success_criteria;
mod overdue;
mod stale_checkin;
mod superseded_without_successor;
mod supersedes_mismatch;
mod unknown_decision;
mod unknown_person;
mod unknown_project;
mod vague_criterion;

use chrono::NaiveDate;
use serde::Serialize;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Severity};
use crate::workspace::Workspace;

macro_rules! rules {
    ($( $variant:ident => $id:literal, $severity:ident, $description:literal; )*) => {
        /// A validation rule, identified by a stable id.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Rule { $( $variant, )* }

        impl Rule {
            /// Every rule, in documentation order.
            pub const ALL: &'static [Rule] = &[ $( Rule::$variant, )* ];

            /// The stable id used in output and in `goalpost.yml`.
            pub fn id(self) -> &'static str {
                match self { $( Rule::$variant => $id, )* }
            }

            /// The severity when `goalpost.yml` does not set one.
            pub fn default_severity(self) -> Severity {
                match self { $( Rule::$variant => Severity::$severity, )* }
            }

            /// What the rule checks, in one sentence.
            pub fn description(self) -> &'static str {
                match self { $( Rule::$variant => $description, )* }
            }
        }
    };
}

rules! {
    FrontmatterMissing => "frontmatter-missing", Error, "A document has no YAML frontmatter block, or the block is not closed.";
    YamlSyntax => "yaml-syntax", Error, "The frontmatter is not valid YAML.";
    DuplicateKey => "duplicate-key", Error, "A key appears twice in one mapping.";
    MissingField => "missing-field", Error, "A required field is absent.";
    UnknownField => "unknown-field", Warning, "A field the document kind does not define.";
    InvalidType => "invalid-type", Error, "A value has the wrong YAML type.";
    InvalidValue => "invalid-value", Error, "A value is outside its allowed set or format.";
    InvalidDate => "invalid-date", Error, "A date is not a real YYYY-MM-DD date.";
    DuplicateId => "duplicate-id", Error, "Two projects share an id, or two decisions a number.";
    UnknownProject => "unknown-project", Error, "An update or decision names a project that does not exist.";
    UnknownPerson => "unknown-person", Error, "A person handle is not in the roster of goalpost.yml.";
    UnknownDecision => "unknown-decision", Error, "A decision names a decision that does not exist.";
    MissingSuccessCriteria => "missing-success-criteria", Error, "A project has no success criteria section, or it holds no task-list item.";
    DoneWithOpenCriteria => "done-with-open-criteria", Error, "A project is done while a success criterion is still open.";
    VagueCriterion => "vague-criterion", Warning, "A success criterion states nothing checkable: no number, comparison, date or link.";
    Overdue => "overdue", Warning, "A project's due date has passed and it is not done or dropped.";
    StaleCheckin => "stale-checkin", Warning, "An active project's newest update is older than its check-in cadence plus grace days.";
    SupersededWithoutSuccessor => "superseded-without-successor", Error, "A decision is superseded but no decision supersedes it.";
    SupersedesMismatch => "supersedes-mismatch", Error, "A decision is named in another's supersedes but its status is not superseded.";
    BrokenLink => "broken-link", Warning, "A relative markdown link points to a file that does not exist.";
    UnreadableFile => "unreadable-file", Error, "A document cannot be read: not UTF-8, too large, or a dangling link.";
}

impl Rule {
    /// Looks a rule up by its id.
    pub fn from_id(id: &str) -> Option<Rule> {
        Rule::ALL.iter().copied().find(|r| r.id() == id)
    }
}

impl Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

/// What the rules need besides the documents.
pub struct Context<'a> {
    pub config: &'a Config,
    pub today: NaiveDate,
}

type Check = fn(&Workspace, &Context<'_>, &mut Vec<Diagnostic>);

/// The rules that look beyond the shape of a single document, each with the
/// one rule id it reports.
const CHECKS: [(Rule, Check); 12] = [
    (Rule::MissingSuccessCriteria, |ws, _, out| {
        missing_success_criteria::check(ws, out);
    }),
    (Rule::DoneWithOpenCriteria, |ws, _, out| {
        done_with_open_criteria::check(ws, out);
    }),
    (Rule::VagueCriterion, |ws, _, out| {
        vague_criterion::check(ws, out)
    }),
    (Rule::Overdue, overdue::check),
    (Rule::StaleCheckin, stale_checkin::check),
    (Rule::BrokenLink, broken_link::check),
    (Rule::DuplicateId, |ws, _, out| duplicate_id::check(ws, out)),
    (Rule::UnknownProject, |ws, _, out| {
        unknown_project::check(ws, out)
    }),
    (Rule::UnknownPerson, unknown_person::check),
    (Rule::UnknownDecision, |ws, _, out| {
        unknown_decision::check(ws, out)
    }),
    (Rule::SupersededWithoutSuccessor, |ws, _, out| {
        superseded_without_successor::check(ws, out);
    }),
    (Rule::SupersedesMismatch, |ws, _, out| {
        supersedes_mismatch::check(ws, out);
    }),
];

/// Runs every rule the configuration has not turned off that looks beyond
/// the shape of a single document; a rule that is off does no work (some
/// look at the file system or at git history).
pub fn check(workspace: &Workspace, cx: &Context<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (rule, check) in CHECKS {
        if cx.config.severity(rule).is_some() {
            check(workspace, cx, &mut out);
        }
    }
    out
}

/// Every finding about the workspace, from reading and from the rules, with
/// the configured severities (rules turned off are left out), in report
/// order and without repeats.
pub fn findings(workspace: &Workspace, cx: &Context<'_>) -> Vec<Diagnostic> {
    let mut findings: Vec<Diagnostic> = workspace
        .diagnostics
        .iter()
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
