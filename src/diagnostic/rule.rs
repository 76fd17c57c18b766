//! The catalogue of rules: each finding's stable id, default severity and
//! one-line description. It sits beside the findings it names and below the
//! rules that check it, so that reading a document, the configuration and the
//! renderers can all name a rule without depending on how it is checked.

use serde::Serialize;

use super::Severity;

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

            /// What the rule checks, why, and an example, in markdown
            /// (`explain/<id>.md`): the body of `goalpost explain`.
            pub fn explanation(self) -> &'static str {
                match self { $( Rule::$variant => include_str!(concat!("explain/", $id, ".md")), )* }
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
    UnknownProject => "unknown-project", Error, "An update, a decision, or a project's parent or depends_on names a project that does not exist.";
    UnknownPerson => "unknown-person", Error, "A person handle is not in the roster of goalpost.yml.";
    UnknownDecision => "unknown-decision", Error, "A decision names a decision that does not exist.";
    MissingSuccessCriteria => "missing-success-criteria", Error, "A project has no success criteria section, or it holds no task-list item, and defines no measures.";
    DoneWithOpenCriteria => "done-with-open-criteria", Error, "A project is done while a success criterion is still open.";
    UnknownMeasure => "unknown-measure", Error, "An update reports a value for a measure its project does not define, or for a project it does not name.";
    DoneWithUnmetMeasures => "done-with-unmet-measures", Warning, "A project is done while a measure's latest value has not reached its target.";
    DependencyCycle => "dependency-cycle", Error, "Projects whose parent or depends_on lead back to themselves.";
    DependencyDueAfter => "dependency-due-after", Warning, "A project is due before a project it depends on.";
    DoneBeforeDependency => "done-before-dependency", Warning, "A project is done while a project it depends on is not.";
    VagueCriterion => "vague-criterion", Warning, "A success criterion states nothing checkable: no number, comparison, date or link.";
    Overdue => "overdue", Warning, "A project's due date has passed and it is not done or dropped.";
    StaleCheckin => "stale-checkin", Warning, "An active project's newest update is older than its check-in cadence plus grace days.";
    SupersededWithoutSuccessor => "superseded-without-successor", Error, "A decision is superseded but no decision supersedes it.";
    SupersedesMismatch => "supersedes-mismatch", Error, "A decision is named in another's supersedes but its status is not superseded.";
    BrokenLink => "broken-link", Warning, "A relative markdown link points to a file that does not exist.";
    UnknownStatus => "unknown-status", Warning, "A decision's status is none of MADR's words nor one of decisions.statuses in goalpost.yml.";
    UpdateDate => "update-date", Warning, "An update's date differs from the date in its file name, or is after today.";
    NotAList => "not-a-list", Warning, "Text under a Blockers or Asks heading that is not a list item, or a heading one letter away from one: goalpost would ignore it.";
    UnreadableFile => "unreadable-file", Error, "A document cannot be read: not UTF-8, too large, or a dangling link.";
}

impl Rule {
    /// Looks a rule up by its id.
    pub fn from_id(id: &str) -> Option<Rule> {
        Rule::ALL.iter().copied().find(|r| r.id() == id)
    }

    /// The rule's documentation page, `docs/rules/<id>.md` in goalpost's
    /// repository (SARIF's `helpUri`, the language server's
    /// `codeDescription`).
    pub fn docs_url(self) -> String {
        format!(
            "{}/blob/main/docs/rules/{}.md",
            env!("CARGO_PKG_REPOSITORY"),
            self.id()
        )
    }

    /// The rule's whole page in markdown: title, default severity, what it
    /// checks, why, an example, and how to configure it. `goalpost explain`
    /// prints it, and `docs/rules/<id>.md` is it (a test keeps them equal).
    pub fn page(self) -> String {
        let (default, other) = match self.default_severity() {
            Severity::Error => ("error", "warning"),
            Severity::Warning => ("warning", "error"),
        };
        format!(
            "# `{id}`\n\n{description}\n\nDefault severity: **{default}**.\n\n{body}\n## Configuration\n\nSet its severity, or turn it off, under `rules:` in `goalpost.yml`:\n\n```yaml\nrules:\n  {id}: {other}   # error | warning | off\n```\n",
            id = self.id(),
            description = self.description(),
            body = self.explanation().trim_end().to_owned() + "\n",
        )
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
