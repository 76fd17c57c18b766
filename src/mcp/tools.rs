//! The tools the server offers: each a command of the command line with
//! its parameters, described in the words of the repository's own
//! configuration (its status words, sections and people).

use crate::config::Config;
use crate::vocabulary::Confidence;

use super::params::{Kind, Param, Place};

/// One tool.
pub struct Tool {
    pub name: &'static str,
    pub title: &'static str,
    pub about: String,
    /// Whether it only reads (a hint for clients that ask before writing).
    pub read_only: bool,
    /// The command words before the arguments (`["set"]`).
    pub command: &'static [&'static str],
    pub params: Vec<Param>,
    pub answer: Answer,
}

/// How the server answers a call, beyond running `command`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// What the command prints; its exit status 1 is a refusal.
    Command,
    /// `check`: with `text`, a draft checked by the server; findings (exit
    /// status 1) are the answer, not a refusal.
    Check,
    /// `tick_criterion`: `met: false` runs `untick` instead.
    Tick,
}

/// How many people a description names before it says "and N more".
const PEOPLE_SHOWN: usize = 40;

/// Every tool, described for this repository.
pub fn all(config: &Config) -> Vec<Tool> {
    let words = Words::of(config);
    let flag = Place::Flag;
    let positional = Place::Positional;
    let owner = || {
        Param::new(
            "owner",
            Kind::Text,
            flag("--owner"),
            format!(
                "Only projects this person owns, by handle{}",
                words.people_hint
            ),
        )
    };
    let team = |what: &str| {
        Param::new(
            "team",
            Kind::Text,
            flag("--team"),
            format!("Only {what} of members of this team{}", words.teams_hint),
        )
    };
    let since = || {
        Param::new(
            "since",
            Kind::Date,
            flag("--since"),
            "First day, YYYY-MM-DD",
        )
    };
    let until = || {
        Param::new(
            "until",
            Kind::Date,
            flag("--until"),
            "Last day, included, YYYY-MM-DD",
        )
    };
    let projects = |what: &str| {
        Param::new(
            "projects",
            Kind::Texts,
            flag("--project"),
            format!("Ids of the projects {what}"),
        )
    };
    let project = || Param::new("project", Kind::Text, positional, "The project's id").required();
    // `new update`'s and `report`'s: whose update, and of which day.
    let author = |whose: &str| {
        Param::new(
            "author",
            Kind::Text,
            flag("--author"),
            format!(
                "{whose}, by handle (default: the git user's roster entry){}",
                words.people_hint
            ),
        )
    };
    let update_date = || {
        Param::new(
            "date",
            Kind::Date,
            flag("--date"),
            "The update's date, YYYY-MM-DD (default: today)",
        )
    };
    vec![
        Tool {
            name: "status",
            title: "Where the projects stand",
            about: format!(
                "Every project with its status, owner, due date and success criteria met, as JSON (goalpost status). {}",
                words.statuses
            ),
            read_only: true,
            command: &["status", "--format=json"],
            answer: Answer::Command,
            params: vec![
                owner(),
                team("projects"),
                Param::new("status", Kind::Text, flag("--status"), "Only projects in this status (a lifecycle state or one of the team's words)"),
            ],
        },
        Tool {
            name: "blockers",
            title: "Open blockers",
            about: format!(
                "The blockers still open in each author's latest update, oldest first, and the projects waiting on another, as JSON (goalpost blockers). Blockers are the items of an update's {} section.",
                words.blockers
            ),
            read_only: true,
            command: &["blockers", "--format=json"],
            answer: Answer::Command,
            params: vec![
                Param::new("person", Kind::Text, flag("--person"), format!("Only blockers this person raised{}", words.people_hint)),
                team("blockers"),
            ],
        },
        Tool {
            name: "checkins",
            title: "Late check-ins",
            about: format!(
                "When each active project last had an update and whether it is late, as JSON (goalpost checkins). {}",
                words.cadence
            ),
            read_only: true,
            command: &["checkins", "--format=json"],
            answer: Answer::Command,
            params: vec![owner(), team("projects")],
        },
        Tool {
            name: "agenda",
            title: "A 1:1 agenda",
            about: "A 1:1 agenda with one person, in markdown: their projects, open blockers and asks, late check-ins, and questions that ask how to help (goalpost agenda).".into(),
            read_only: true,
            command: &["agenda"],
            answer: Answer::Command,
            params: vec![
                Param::new("person", Kind::Text, flag("--person"), format!("The person the 1:1 is with{}", words.people_hint)).required(),
            ],
        },
        Tool {
            name: "log",
            title: "A project's history",
            about: "What happened to one project, from git history: status changes, criteria met, due dates moved, updates and decisions, each with its commit (goalpost log).".into(),
            read_only: true,
            command: &["log"],
            answer: Answer::Command,
            params: vec![
                Param::new("project", Kind::Text, positional, "The project id, or a decision's number").required(),
                since(),
                until(),
            ],
        },
        Tool {
            name: "packet",
            title: "A review packet",
            about: "A review packet in markdown for one person, project or team over a period, from git history: what was promised, delivered and when, what blocked it, how the goalposts moved, what was decided; every fact cites its commit. Give exactly one of person, project or team. The period defaults to the last full quarter (goalpost packet).".into(),
            read_only: true,
            command: &["packet"],
            answer: Answer::Command,
            params: vec![
                Param::new("person", Kind::Text, flag("--person"), format!("A person's handle{}", words.people_hint)),
                Param::new("project", Kind::Text, flag("--project"), "A project id"),
                Param::new("team", Kind::Text, flag("--team"), format!("A team{}", words.teams_hint)),
                since(),
                until(),
            ],
        },
        Tool {
            name: "check",
            title: "Check documents",
            about: format!(
                "Validates documents as goalpost check does and returns the findings as JSON (file, line, column, rule, message, help). With `text`, checks that text as if it were the file at `path`, with the rest of the repository, and writes nothing: use it on a draft before saving it. A project states its success criteria under {}.",
                words.criteria
            ),
            read_only: true,
            command: &["check", "--format=json"],
            answer: Answer::Check,
            params: vec![
                Param::new("path", Kind::Text, positional, "A file or folder, relative to the repository's root (the file the draft would be, with `text`)"),
                Param::new("text", Kind::Text, Place::Server, "The draft's full text, frontmatter included"),
            ],
        },
        Tool {
            name: "new_update",
            title: "Write an async update",
            about: format!(
                "Writes a new async update (goalpost new update) and returns its path. The author's blockers and asks still open in their latest update of each project are carried over. The update is checked with the rest of the repository first and not written if it would not pass. {} {}",
                words.confidence, words.people
            ),
            read_only: false,
            command: &["new", "update"],
            answer: Answer::Command,
            params: vec![
                projects("the update is about").required(),
                Param::new("progress", Kind::Texts, flag("--progress"), "What moved since the last update, one line each"),
                Param::new("blockers", Kind::Texts, flag("--blocker"), "What blocks the work, one line each, besides those carried over"),
                Param::new("asks", Kind::Texts, flag("--ask"), "What the author needs from someone, one line each, besides those carried over"),
                Param::new("next", Kind::Texts, flag("--next"), "What comes before the next update, one line each"),
                Param::new("confidence", Kind::Choice(Confidence::WORDS.map(String::from).to_vec()), flag("--confidence"), "How the work stands"),
                Param::new("measures", Kind::NumbersById, flag("--measure"), "Values of the projects' measures by id (`project/id` when the update names several projects), as numbers without units"),
                author("Who writes the update"),
                update_date(),
                Param::new("slug", Kind::Text, flag("--slug"), "A word for the file name, for a second update on the same day"),
            ],
        },
        Tool {
            name: "new_decision",
            title: "Record a decision",
            about: format!(
                "Writes a new decision record with the next free number and status `proposed` (goalpost new decision) and returns its path. {} {}",
                words.decision_statuses, words.people
            ),
            read_only: false,
            command: &["new", "decision"],
            answer: Answer::Command,
            params: vec![
                Param::new("title", Kind::Text, positional, "The decision, in one line").required(),
                projects("the decision affects"),
                Param::new("supersedes", Kind::Numbers, flag("--supersedes"), "Numbers of decisions this one replaces; each becomes `superseded by` the new one"),
                Param::new("deciders", Kind::Texts, flag("--decider"), "Who decides, by handle (default: the git user's roster entry)"),
                Param::new("context", Kind::Text, flag("--context"), "What forces the decision, and what is at stake, in one line"),
                Param::new("options", Kind::Texts, flag("--option"), "The options considered, one line each"),
                Param::new("outcome", Kind::Text, flag("--outcome"), "The option chosen, and why, in one line"),
                Param::new("consequences", Kind::Text, flag("--consequences"), "What becomes easier, and what becomes harder, in one line"),
            ],
        },
        Tool {
            name: "set_status",
            title: "Change a project's status",
            about: format!(
                "Changes one project's `status:` in place, keeping every other byte (goalpost set PROJECT status WORD). The repository is checked with the change first: a change that would add an error (e.g. done with criteria still open) is refused with the findings and nothing is written. {}",
                words.statuses
            ),
            read_only: false,
            command: &["set"],
            answer: Answer::Command,
            params: vec![
                project(),
                Param::new("status", Kind::Choice(config.status_words()), Place::PositionalAfter("status"), "The new status word").required(),
            ],
        },
        Tool {
            name: "report_measure",
            title: "Report a measure's value",
            about: "Writes a measure's value into the author's update of the day about the project (goalpost report PROJECT MEASURE VALUE): the value's bytes replaced where the update already reports it, else one line added to its `measures:`. Without such an update it is refused: write the update with new_update and `measures` instead. The change is checked first, as with set_status.".into(),
            read_only: false,
            command: &["report"],
            answer: Answer::Command,
            params: vec![
                project(),
                Param::new("measure", Kind::Text, positional, "The measure's id, from the project's `measures:`").required(),
                Param::new("value", Kind::Number, positional, "The value, a number without its unit").required(),
                author("Whose update it goes in"),
                update_date(),
                Param::new("as_of", Kind::Date, flag("--as-of"), "When the value was true, YYYY-MM-DD, if not the update's date; required to replace a value reported with one"),
            ],
        },
        Tool {
            name: "tick_criterion",
            title: "Mark a success criterion met",
            about: format!(
                "Marks one success criterion of a project met ([x]), or open again with met=false, changing only the box (goalpost tick / untick). The change is checked first, as with set_status. Criteria are the checklist under {}.",
                words.criteria
            ),
            read_only: false,
            command: &["tick"],
            answer: Answer::Tick,
            params: vec![
                project(),
                Param::new("criterion", Kind::Text, positional, "The criterion's number (1 is the first item of the list) or the start of its text, matching exactly one").required(),
                Param::new("met", Kind::Switch, Place::Server, "true (the default) to mark it met, false to open it again"),
            ],
        },
    ]
}

/// Sentences about the repository's conventions, for the descriptions.
struct Words {
    statuses: String,
    criteria: String,
    blockers: String,
    cadence: String,
    confidence: String,
    decision_statuses: String,
    people: String,
    people_hint: String,
    teams_hint: String,
}

impl Words {
    fn of(config: &Config) -> Words {
        let statuses = config
            .status_words()
            .into_iter()
            .map(|word| match config.lifecycle(&word) {
                Some(state) if state.as_str() != word => format!("`{word}` ({})", state.as_str()),
                _ => format!("`{word}`"),
            })
            .collect::<Vec<_>>();
        let headings = |names: &[String]| {
            names
                .iter()
                .map(|n| format!("`## {n}`"))
                .collect::<Vec<_>>()
                .join(" or ")
        };
        let handles: Vec<&str> = config.people.keys().map(String::as_str).collect();
        let teams: Vec<&str> = config.teams().into_iter().collect();
        let people = match handles.len() {
            0 => "The repository has no roster: people are named by any handle.".to_owned(),
            n if n <= PEOPLE_SHOWN => format!("People (handles): {}.", handles.join(", ")),
            n => format!(
                "People (handles): {}, and {} more in goalpost.yml.",
                handles[..PEOPLE_SHOWN].join(", "),
                n - PEOPLE_SHOWN
            ),
        };
        let cadence = match config.checkin {
            crate::vocabulary::Cadence::Days(days) => format!(
                "This team expects an update on each active project every {days} days, with {} days' grace.",
                config.grace_days
            ),
            crate::vocabulary::Cadence::None => "This team sets no check-in cadence.".to_owned(),
        };
        Words {
            statuses: format!("This team's status words: {}.", statuses.join(", ")),
            criteria: headings(&config.sections.criteria),
            blockers: headings(&config.sections.blockers),
            cadence,
            confidence: format!("Confidence is one of {}.", Confidence::WORDS.join(", ")),
            decision_statuses: format!(
                "Decision statuses: {}.",
                config.decision_statuses.join(", ")
            ),
            people_hint: match handles.len() {
                0 => String::new(),
                n if n <= PEOPLE_SHOWN => format!(" ({})", handles.join(", ")),
                _ => " (see goalpost.yml's people)".to_owned(),
            },
            teams_hint: if teams.is_empty() {
                String::new()
            } else {
                format!(" ({})", teams.join(", "))
            },
            people,
        }
    }
}
