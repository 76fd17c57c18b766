//! A sample team repository with four months of dated history, built in code
//! with fixed authors and times, for `goalpost demo` and for tests.
//!
//! The story: a search team in the third quarter of 2026. One project ships
//! on time after its goalposts moved (with the decision that moved them), one
//! ships late after being flagged at risk, one is blocked on another team for
//! three weeks (it `depends_on` the platform team's cluster, which ships
//! late), one is due but not delivered by the end of the quarter, and
//! everyone writes weekly updates, sometimes with blockers. Beside them, the
//! support team measures its outcomes as numbers: first-contact resolution
//! reaches its target in August and falls back short in September, and the
//! refund backlog shrinks but not to its target. Today, the relevance work
//! waits on the platform team's query logs, blocked on a legal review.

use std::path::Path;

use chrono::{DateTime, Duration, NaiveDate};
use git2::{IndexAddOption, Repository, Signature, Time};

use super::doc::{DecisionDoc, ProjectDoc, UpdateDoc};
use crate::error::Error;

/// The person the demo's packet is about, and its period.
pub const PERSON: &str = "alice";
pub const SINCE: &str = "2026-07-01";
pub const UNTIL: &str = "2026-09-30";

const CONFIG: &str = "\
# goalpost configuration for the demo team.
people:
  alice: { name: Alice Ng, team: search, location: remote }
  bob: { name: Bob Ruiz, team: search, location: office }
  chen: { name: Chen Li, team: search, location: remote }
  dana: { name: Dana Okafor, team: platform, location: office }
  erin: { name: Erin Sato, team: support, location: remote }
statuses:
  active: [active, in-progress]
  done: [done, shipped]
checkin: weekly
grace_days: 2
# The demo team has four people; a real team keeps the default of 5, so
# that no group is small enough to single anyone out.
audit:
  by: location
  min_group: 2
";

struct Person {
    handle: &'static str,
    name: &'static str,
    offset: &'static str,
}

const PEOPLE: [Person; 4] = [
    Person {
        handle: "alice",
        name: "Alice Ng",
        offset: "+02:00",
    },
    Person {
        handle: "bob",
        name: "Bob Ruiz",
        offset: "-07:00",
    },
    Person {
        handle: "chen",
        name: "Chen Li",
        offset: "+08:00",
    },
    Person {
        handle: "erin",
        name: "Erin Sato",
        offset: "+01:00",
    },
];

/// A project file's changing parts.
struct ProjectState<'a> {
    id: &'a str,
    title: &'a str,
    owner: &'a str,
    contributors: &'a [&'a str],
    status: &'a str,
    created: &'a str,
    due: &'a str,
    tags: &'a [&'a str],
    parent: Option<&'a str>,
    depends_on: &'a [&'a str],
    context: &'a str,
    criteria: &'a [&'a str],
}

fn project(p: &ProjectState<'_>) -> String {
    let mut doc = ProjectDoc::new(p.id, p.title).owner(p.owner);
    if !p.contributors.is_empty() {
        doc = doc.contributors(p.contributors);
    }
    doc = doc
        .status(p.status)
        .created(p.created)
        .due(p.due)
        .checkin("weekly");
    if !p.tags.is_empty() {
        doc = doc.tags(p.tags);
    }
    if let Some(parent) = p.parent {
        doc = doc.parent(parent);
    }
    if !p.depends_on.is_empty() {
        doc = doc.depends_on(p.depends_on);
    }
    doc.context(p.context).criteria(p.criteria).to_string()
}

fn update(
    author: &str,
    date: NaiveDate,
    project: &str,
    confidence: &str,
    progress: &str,
    blockers: &[&str],
    asks: &[&str],
) -> String {
    UpdateDoc::new(author, &date.to_string(), &[project])
        .confidence(confidence)
        .progress(&[progress])
        .blockers(blockers)
        .asks(asks)
        .next(&["Keep going."])
        .to_string()
}

/// One commit of the story.
struct Step {
    when: DateTime<chrono::FixedOffset>,
    who: &'static Person,
    message: String,
    files: Vec<(String, String)>,
}

/// Collects the story's commits; they are made in time order at the end, as
/// a real team's history would be.
struct Script<'r> {
    repo: &'r Repository,
    dir: &'r Path,
    steps: std::cell::RefCell<Vec<Step>>,
}

impl Script<'_> {
    fn commit(
        &self,
        day: &str,
        time: &str,
        who: &str,
        message: &str,
        files: &[(String, String)],
    ) -> Result<(), Error> {
        let person = PEOPLE
            .iter()
            .find(|p| p.handle == who)
            .unwrap_or(&PEOPLE[0]);
        let when = DateTime::parse_from_rfc3339(&format!("{day}T{time}{}", person.offset))
            .map_err(|e| Error::usage(format!("demo script has a bad time: {e}")))?;
        self.steps.borrow_mut().push(Step {
            when,
            who: person,
            message: message.to_owned(),
            files: files.to_vec(),
        });
        Ok(())
    }

    /// Makes every collected commit, oldest first.
    fn finish(&self) -> Result<(), Error> {
        let mut steps = self.steps.take();
        steps.sort_by_key(|s| s.when);
        for step in &steps {
            self.make(step)?;
        }
        Ok(())
    }

    fn make(&self, step: &Step) -> Result<(), Error> {
        let (person, when, message, files) =
            (step.who, step.when, step.message.as_str(), &step.files);
        for (path, content) in files {
            let full = self.dir.join(path);
            if let Some(parent) = full.parent() {
                std::fs::create_dir_all(parent).map_err(|source| Error::Io {
                    path: parent.to_path_buf(),
                    source,
                })?;
            }
            std::fs::write(&full, content).map_err(|source| Error::Io {
                path: full.clone(),
                source,
            })?;
        }
        let sig = Signature::new(
            person.name,
            &format!("{}@example.com", person.handle),
            &Time::new(when.timestamp(), when.offset().local_minus_utc() / 60),
        )
        .map_err(git)?;
        let mut index = self.repo.index().map_err(git)?;
        index
            .add_all(["*"], IndexAddOption::DEFAULT, None)
            .map_err(git)?;
        index.update_all(["*"], None).map_err(git)?;
        index.write().map_err(git)?;
        let tree = self
            .repo
            .find_tree(index.write_tree().map_err(git)?)
            .map_err(git)?;
        let parent = self.repo.head().ok().and_then(|h| h.peel_to_commit().ok());
        let parents: Vec<&git2::Commit<'_>> = parent.iter().collect();
        self.repo
            .commit(Some("HEAD"), &sig, &sig, message, &tree, &parents)
            .map_err(git)?;
        Ok(())
    }
}

fn git(err: git2::Error) -> Error {
    Error::usage(format!(
        "cannot build the demo repository: {}",
        err.message()
    ))
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
}

// The criteria of three projects as their boxes get checked.
const CACHE_OPEN: [&str; 2] = [
    "[ ] Cache hit rate above 60% on production traffic",
    "[ ] Invalidation within 5 s of an index update",
];
const CACHE_HALF: [&str; 2] = [
    "[x] Cache hit rate above 60% on production traffic",
    "[ ] Invalidation within 5 s of an index update",
];
const CACHE_DONE: [&str; 2] = [
    "[x] Cache hit rate above 60% on production traffic",
    "[x] Invalidation within 5 s of an index update",
];
const DOCS_OPEN: [&str; 2] = [
    "[ ] A new engineer ships a change within 3 days of starting",
    "[ ] 5 guides reviewed by another team",
];
const DOCS_HALF: [&str; 2] = [
    "[x] A new engineer ships a change within 3 days of starting",
    "[ ] 5 guides reviewed by another team",
];
const DOCS_DONE: [&str; 2] = [
    "[x] A new engineer ships a change within 3 days of starting",
    "[x] 5 guides reviewed by another team",
];
const BILLING_OPEN: [&str; 2] = [
    "[ ] Export of 100k rows finishes in under 30 s",
    "[ ] Finance downloads the monthly export by the 2nd working day",
];
const BILLING_DONE: [&str; 2] = [
    "[x] Export of 100k rows finishes in under 30 s",
    "[x] Finance downloads the monthly export by the 2nd working day",
];

/// Builds the demo repository in `dir`, which must not exist or be empty.
pub fn build(dir: &Path) -> Result<(), Error> {
    if dir.exists()
        && std::fs::read_dir(dir)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        return Err(Error::usage(format!(
            "{} already exists and is not empty; give the demo a new folder",
            dir.display()
        )));
    }
    std::fs::create_dir_all(dir).map_err(|source| Error::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let repo = Repository::init(dir).map_err(git)?;
    let s = Script {
        repo: &repo,
        dir,
        steps: std::cell::RefCell::new(Vec::new()),
    };
    let f = |path: &str, content: String| (path.to_owned(), content);

    // --- Projects and decisions, in story order -----------------------------
    let latency = |status, due, criteria| ProjectState {
        id: "search-latency",
        title: "Cut search p95 latency below 200 ms",
        owner: "alice",
        contributors: &["bob"],
        status,
        created: "2026-06-01",
        due,
        tags: &[],
        parent: None,
        depends_on: &[],
        context: "Search is slow for large tenants. Approach: a shared query cache, then index tuning.",
        criteria,
    };
    let cache = |status, criteria| ProjectState {
        id: "query-cache",
        title: "Shared query cache for search",
        owner: "bob",
        contributors: &["alice"],
        status,
        created: "2026-06-22",
        due: "2026-08-15",
        tags: &["stretch"],
        parent: Some("search-latency"),
        depends_on: &["redis-cluster"],
        context: "A cache shared by all search nodes, on the platform team's Redis cluster.",
        criteria,
    };
    let docs = |status, criteria| ProjectState {
        id: "onboarding-docs",
        title: "Rewrite the onboarding guide",
        owner: "chen",
        contributors: &["alice"],
        status,
        created: "2026-06-15",
        due: "2026-08-31",
        tags: &[],
        parent: None,
        depends_on: &[],
        context: "New engineers take two weeks to ship their first change.",
        criteria,
    };
    let billing = |status, criteria| ProjectState {
        id: "billing-export",
        title: "CSV export for billing",
        owner: "bob",
        contributors: &["alice"],
        status,
        created: "2026-07-01",
        due: "2026-09-30",
        tags: &[],
        parent: None,
        depends_on: &[],
        context: "Finance assembles the monthly invoice report by hand.",
        criteria,
    };
    let eval = |depends_on| ProjectState {
        id: "relevance-eval",
        title: "Offline relevance evaluation",
        owner: "alice",
        contributors: &["chen"],
        status: "proposed",
        created: "2026-09-14",
        due: "2026-12-15",
        tags: &[],
        parent: None,
        depends_on,
        context: "Measure ranking changes before they ship.",
        criteria: &[
            "[ ] An offline suite of at least 500 judged queries",
            "[ ] nDCG@10 reported for every ranking change",
        ],
    };
    // The platform team's work that search waits for.
    let cluster = |status| ProjectState {
        id: "redis-cluster",
        title: "Managed Redis cluster for search",
        owner: "dana",
        contributors: &[],
        status,
        created: "2026-06-19",
        due: "2026-07-10",
        tags: &[],
        parent: None,
        depends_on: &[],
        context: "A managed Redis cluster that the search team's query cache runs on.",
        criteria: if status == "done" {
            &["[x] A 3-node cluster serves the search nodes in production"]
        } else {
            &["[ ] A 3-node cluster serves the search nodes in production"]
        },
    };
    let logs = |status| ProjectState {
        id: "query-logs",
        title: "Anonymised query logs for evaluation",
        owner: "dana",
        contributors: &[],
        status,
        created: "2026-09-21",
        due: "2026-11-30",
        tags: &[],
        parent: None,
        depends_on: &[],
        context: "Search queries with personal data removed, for offline evaluation.",
        criteria: &["[ ] 30 days of anonymised queries exported, approved by legal"],
    };
    let l0 = [
        "[ ] p95 search latency < 200 ms for 7 consecutive days",
        "[ ] Error rate stays under 0.1% during the rollout",
        "[ ] Fuzzy matching for queries with typos",
    ];

    s.commit("2026-06-01", "10:00:00", "alice", "Set up goalpost", &[
        f("goalpost.yml", CONFIG.to_owned()),
        f(
            "decisions/0001-record-decisions.md",
            DecisionDoc::new("Record decisions as MADR files")
                .status("accepted")
                .date("2026-06-01")
                .deciders(&["alice", "bob", "chen"])
                .section("Context and problem statement", "Decisions got lost in chat threads.")
                .section(
                    "Decision",
                    "Every decision that changes a project's scope or approach gets a record here.",
                )
                .to_string(),
        ),
        f("projects/search-latency.md", project(&latency("proposed", "2026-09-15", &l0))),
    ])?;
    s.commit(
        "2026-06-08",
        "09:30:00",
        "alice",
        "Start search-latency",
        &[f(
            "projects/search-latency.md",
            project(&latency("active", "2026-09-15", &l0)),
        )],
    )?;
    s.commit(
        "2026-06-15",
        "11:00:00",
        "chen",
        "Add onboarding-docs",
        &[f(
            "projects/onboarding-docs.md",
            project(&docs("in-progress", &DOCS_OPEN)),
        )],
    )?;
    s.commit(
        "2026-06-19",
        "14:00:00",
        "dana",
        "Add redis-cluster",
        &[f("projects/redis-cluster.md", project(&cluster("active")))],
    )?;
    s.commit(
        "2026-06-22",
        "08:45:00",
        "bob",
        "Add query-cache",
        &[f(
            "projects/query-cache.md",
            project(&cache("active", &CACHE_OPEN)),
        )],
    )?;
    s.commit(
        "2026-07-01",
        "09:15:00",
        "bob",
        "Add billing-export",
        &[f(
            "projects/billing-export.md",
            project(&billing("active", &BILLING_OPEN)),
        )],
    )?;
    s.commit(
        "2026-07-01",
        "13:30:00",
        "erin",
        "Add support-fcr",
        &[f(
            "projects/support-fcr.md",
            ProjectDoc::new("support-fcr", "Resolve more support tickets on first contact")
                .owner("erin")
                .status("active")
                .created("2026-07-01")
                .due("2026-12-18")
                .checkin("weekly")
                .measure("fcr", "First-contact resolution", Some("%"), "61", "70")
                .measure("backlog", "Refund backlog", Some("tickets"), "180", "50")
                .context(
                    "Customers wait days for answers a first reply could give. Done means both measures reach their targets and hold there.",
                )
                .to_string(),
        )],
    )?;
    s.commit(
        "2026-07-06",
        "11:00:00",
        "dana",
        "redis-cluster is at risk: the vendor quota",
        &[f("projects/redis-cluster.md", project(&cluster("at-risk")))],
    )?;
    s.commit(
        "2026-07-06",
        "16:20:00",
        "bob",
        "query-cache is blocked on the Redis cluster",
        &[f(
            "projects/query-cache.md",
            project(&cache("blocked", &CACHE_OPEN)),
        )],
    )?;
    s.commit(
        "2026-07-09",
        "14:00:00",
        "alice",
        "Decide on Redis",
        &[f(
            "decisions/0002-use-redis-for-the-query-cache.md",
            DecisionDoc::new("Use Redis for the query cache")
                .status("accepted")
                .date("2026-07-09")
                .deciders(&["alice", "bob"])
                .consulted(&["dana"])
                .projects(&["query-cache", "search-latency"])
                .section(
                    "Context and problem statement",
                    "The cache must be shared by all search nodes and support eviction.",
                )
                .section("Decision", "Use the platform team's managed Redis cluster.")
                .section(
                    "Consequences",
                    "The cache waits for the cluster to be provisioned.",
                )
                .to_string(),
        )],
    )?;
    s.commit(
        "2026-07-13",
        "10:10:00",
        "alice",
        "search-latency is blocked too",
        &[f(
            "projects/search-latency.md",
            project(&latency("blocked", "2026-09-15", &l0)),
        )],
    )?;
    s.commit(
        "2026-07-20",
        "10:05:00",
        "alice",
        "search-latency unblocked",
        &[f(
            "projects/search-latency.md",
            project(&latency("active", "2026-09-15", &l0)),
        )],
    )?;
    s.commit(
        "2026-07-27",
        "15:00:00",
        "dana",
        "Ship redis-cluster",
        &[f("projects/redis-cluster.md", project(&cluster("done")))],
    )?;
    s.commit(
        "2026-07-27",
        "17:30:00",
        "bob",
        "query-cache unblocked",
        &[f(
            "projects/query-cache.md",
            project(&cache("active", &CACHE_OPEN)),
        )],
    )?;
    let l1 = [
        "[ ] p95 search latency < 200 ms for 7 consecutive days",
        "[ ] Error rate stays under 0.1% during the rollout",
        "[ ] ~~Fuzzy matching for queries with typos~~ dropped, see decision 3",
    ];
    s.commit("2026-08-03", "11:45:00", "alice", "Drop fuzzy matching; move the due date", &[
        f(
            "decisions/0003-drop-fuzzy-matching.md",
            DecisionDoc::new("Drop fuzzy matching from search-latency")
                .status("accepted")
                .date("2026-08-03")
                .deciders(&["alice"])
                .consulted(&["dana"])
                .projects(&["search-latency"])
                .section(
                    "Context and problem statement",
                    "Fuzzy matching doubles the index size and is not needed to meet the latency goal.",
                )
                .section(
                    "Decision",
                    "Drop it from this project; move the due date by two weeks for the cache rollout.",
                )
                .to_string(),
        ),
        f("projects/search-latency.md", project(&latency("active", "2026-09-30", &l1))),
    ])?;
    s.commit(
        "2026-08-10",
        "18:00:00",
        "bob",
        "Cache hit rate goal met",
        &[f(
            "projects/query-cache.md",
            project(&cache("active", &CACHE_HALF)),
        )],
    )?;
    s.commit(
        "2026-08-14",
        "17:40:00",
        "bob",
        "Ship query-cache",
        &[f(
            "projects/query-cache.md",
            project(&cache("shipped", &CACHE_DONE)),
        )],
    )?;
    s.commit(
        "2026-08-20",
        "10:30:00",
        "chen",
        "First onboarding criterion met",
        &[f(
            "projects/onboarding-docs.md",
            project(&docs("in-progress", &DOCS_HALF)),
        )],
    )?;
    let l2 = [
        "[x] p95 search latency < 200 ms for 7 consecutive days",
        "[ ] Error rate stays under 0.1% during the rollout",
        "[ ] ~~Fuzzy matching for queries with typos~~ dropped, see decision 3",
    ];
    s.commit(
        "2026-08-24",
        "09:00:00",
        "alice",
        "Latency goal met",
        &[f(
            "projects/search-latency.md",
            project(&latency("active", "2026-09-30", &l2)),
        )],
    )?;
    s.commit(
        "2026-09-11",
        "12:00:00",
        "chen",
        "Ship onboarding-docs",
        &[f(
            "projects/onboarding-docs.md",
            project(&docs("done", &DOCS_DONE)),
        )],
    )?;
    s.commit(
        "2026-09-14",
        "15:00:00",
        "alice",
        "Propose relevance-eval",
        &[f("projects/relevance-eval.md", project(&eval(&[])))],
    )?;
    s.commit(
        "2026-09-21",
        "10:00:00",
        "dana",
        "Add query-logs",
        &[f("projects/query-logs.md", project(&logs("active")))],
    )?;
    s.commit(
        "2026-09-21",
        "11:30:00",
        "alice",
        "relevance-eval waits on query-logs",
        &[f(
            "projects/relevance-eval.md",
            project(&eval(&["query-logs"])),
        )],
    )?;
    let l3 = [
        "[x] p95 search latency < 200 ms for 7 consecutive days",
        "[x] Error rate stays under 0.1% during the rollout",
        "[ ] ~~Fuzzy matching for queries with typos~~ dropped, see decision 3",
    ];
    s.commit(
        "2026-09-25",
        "16:00:00",
        "alice",
        "Ship search-latency",
        &[f(
            "projects/search-latency.md",
            project(&latency("done", "2026-09-30", &l3)),
        )],
    )?;

    // --- Weekly updates, each its own commit, on Fridays --------------------
    let mut friday = date("2026-06-12");
    while friday <= date("2026-10-09") {
        weekly(&s, friday)?;
        friday += Duration::days(7);
    }
    s.commit(
        "2026-10-05",
        "10:00:00",
        "dana",
        "query-logs is blocked on the legal review",
        &[f("projects/query-logs.md", project(&logs("blocked")))],
    )?;
    s.commit(
        "2026-10-07",
        "11:00:00",
        "bob",
        "Ship billing-export",
        &[f(
            "projects/billing-export.md",
            project(&billing("done", &BILLING_DONE)),
        )],
    )?;
    s.finish()
}

/// The updates written in the week ending on `friday`.
fn weekly(s: &Script<'_>, friday: NaiveDate) -> Result<(), Error> {
    let day = friday.to_string();
    let between = |a: &str, b: &str| date(a) <= friday && friday <= date(b);
    let commit = |who: &str,
                  slug: &str,
                  project: &str,
                  confidence: &str,
                  progress: &str,
                  blockers: &[&str],
                  asks: &[&str]| {
        let path = format!("updates/2026/{day}-{who}-{slug}.md");
        let text = update(who, friday, project, confidence, progress, blockers, asks);
        s.commit(
            &day,
            "17:00:00",
            who,
            &format!("{who}: update on {project}"),
            &[(path, text)],
        )
    };
    // alice on search-latency; two weeks of holiday in August.
    if between("2026-06-12", "2026-09-25") && !between("2026-08-07", "2026-08-14") {
        let blockers: &[&str] = if between("2026-07-10", "2026-07-17") {
            &["Waiting on the platform team for the cache cluster"]
        } else {
            &[]
        };
        let confidence = if between("2026-07-10", "2026-07-31") {
            "at-risk"
        } else {
            "on-track"
        };
        commit(
            "alice",
            "latency",
            "search-latency",
            confidence,
            "Profiling and cache rollout.",
            blockers,
            &[],
        )?;
    }
    // dana on the platform work that search waits for: the cluster, late by
    // the vendor's quota; then the query logs, held up by a legal review.
    if between("2026-06-26", "2026-07-24") {
        let late = between("2026-07-10", "2026-07-24");
        commit(
            "dana",
            "cluster",
            "redis-cluster",
            if late { "at-risk" } else { "on-track" },
            "Provisioning the cluster.",
            if late {
                &["The vendor has not raised our memory quota"]
            } else {
                &[]
            },
            &[],
        )?;
    }
    if between("2026-09-25", "2026-10-09") {
        let held = friday >= date("2026-10-09");
        commit(
            "dana",
            "logs",
            "query-logs",
            if held { "off-track" } else { "on-track" },
            "Export job and anonymisation.",
            if held {
                &["Legal has not approved the anonymisation"]
            } else {
                &[]
            },
            &[],
        )?;
    }
    // bob on query-cache, blocked on the same cluster for three weeks.
    if between("2026-06-26", "2026-08-14") {
        let blockers: &[&str] = if between("2026-07-03", "2026-07-24") {
            &["Waiting on the platform team for the Redis cluster"]
        } else {
            &[]
        };
        let asks: &[&str] = if between("2026-07-03", "2026-07-10") {
            &["Can someone escalate the cluster request with the platform team?"]
        } else {
            &[]
        };
        commit(
            "bob",
            "cache",
            "query-cache",
            if blockers.is_empty() {
                "on-track"
            } else {
                "at-risk"
            },
            "Cache client and invalidation.",
            blockers,
            asks,
        )?;
    }
    // bob on billing-export, at risk from September, delivered in October.
    if between("2026-07-03", "2026-10-02") && friday.to_string().as_str() != "2026-08-21" {
        let blockers: &[&str] = if friday >= date("2026-09-11") {
            &["Finance has not confirmed the CSV columns"]
        } else {
            &[]
        };
        let confidence = if friday >= date("2026-09-04") {
            "at-risk"
        } else {
            "on-track"
        };
        commit(
            "bob",
            "billing",
            "billing-export",
            confidence,
            "Export job and column mapping.",
            blockers,
            &[],
        )?;
    }
    // erin on support-fcr: first-contact resolution reaches 70% on 21 August
    // and falls back short on 11 September; the refund backlog shrinks but
    // stays above its target of 50. One figure comes late, as of its export.
    const SUPPORT: [(&str, &str, &str); 14] = [
        ("2026-07-10", "62", "176"),
        ("2026-07-17", "63", "168"),
        ("2026-07-24", "64.5", "150"),
        ("2026-07-31", "66", "141"),
        ("2026-08-07", "67", "128"),
        ("2026-08-14", "68.5", "117"),
        ("2026-08-21", "70.5", "104"),
        (
            "2026-08-28",
            "71",
            "{ value: 96, as_of: 2026-08-26, note: \"Zendesk export\" }",
        ),
        ("2026-09-04", "70.2", "90"),
        ("2026-09-11", "68.8", "84"),
        ("2026-09-18", "69.1", "79"),
        ("2026-09-25", "68.4", "75"),
        ("2026-10-02", "69", "72"),
        ("2026-10-09", "69.4", "70"),
    ];
    if let Some((_, fcr, backlog)) = SUPPORT.iter().find(|(d, _, _)| *d == day) {
        let blockers: &[&str] = if between("2026-09-18", "2026-09-25") {
            &["The refund policy change waits on Finance's sign-off"]
        } else {
            &[]
        };
        let text = UpdateDoc::new("erin", &day, &["support-fcr"])
            .confidence(if friday >= date("2026-09-11") {
                "at-risk"
            } else {
                "on-track"
            })
            .measure("fcr", fcr)
            .measure("backlog", backlog)
            .progress(&["Macros for the ten most common questions; refund triage."])
            .blockers(blockers)
            .asks(&[])
            .next(&["Keep going."])
            .to_string();
        s.commit(
            &day,
            "16:00:00",
            "erin",
            "erin: update on support-fcr",
            &[(format!("updates/2026/{day}-erin-support.md"), text)],
        )?;
    }
    // chen on onboarding-docs, flagged at risk before missing the due date.
    if between("2026-06-19", "2026-09-11") {
        let blockers: &[&str] = if between("2026-08-14", "2026-08-28") {
            &["Need reviewers from two other teams"]
        } else {
            &[]
        };
        let confidence = if friday >= date("2026-08-21") {
            "at-risk"
        } else {
            "on-track"
        };
        commit(
            "chen",
            "docs",
            "onboarding-docs",
            confidence,
            "Drafting and reviews.",
            blockers,
            &[],
        )?;
    }
    Ok(())
}
