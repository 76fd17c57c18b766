#![allow(clippy::print_stdout, clippy::print_stderr)]
//! Generates a realistic goal repository, for benchmarks and manual testing.
//!
//! ```text
//! cargo run --release --example gen-repo -- DIR [--people 200] [--weeks 104] [--seed 42]
//! ```
//!
//! A small simulation of a company of `--people` people in teams of about ten,
//! starting on Monday 2024-11-04: people propose and run projects (criteria get
//! checked off, projects get blocked, due dates move, criteria are added,
//! edited or withdrawn by a decision, projects ship or get dropped), write a
//! weekly update about their projects and record decisions. Every change is
//! its own commit with the author's identity and a dated timestamp, written
//! through one `git fast-import` stream, so 30,000 commits take seconds.
//!
//! Updates go to `updates/<yyyy>/`, so a year folder holds ~10,000 files by
//! December. That is realistic, and a good stress for history, but git
//! fast-import rewrites the whole folder's tree for every update commit, which
//! is most of the ~40 s the default size takes; `--month-dirs` writes
//! `updates/<yyyy>/<mm>/` instead and takes ~10 s.
//!
//! The output depends only on the arguments (no clock, no hash-map order), and
//! the working tree is valid per the spec except for a deliberate sprinkling
//! of problems (vague criteria, overdue projects, a typo in a project id, a
//! site-generator field in a decision) so that `goalpost check` has something
//! to report. Projects whose topic is a number (latency, availability, cost,
//! CI speed, a support backlog) define measures, and every update reports a
//! value for them (now and then `as_of` a few days earlier); some ship with
//! the last value short of the target, which `check` reports.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

use anyhow::{Context, Result, bail, ensure};
use chrono::{Datelike, NaiveDate};

const USAGE: &str = "usage: gen-repo DIR [--people N (200)] [--weeks N (104)] [--seed N (42)] \
                     [--month-dirs]";

/// Seconds in a day.
const DAY: i64 = 86_400;

/// Commits of a day fall between 07:00 and 18:00 UTC, so that the local date
/// is the UTC date for every offset in [`OFFSETS`].
const DAY_OPEN: i64 = 7 * 3600;
const DAY_CLOSE: i64 = 18 * 3600;
const OFFSETS: [&str; 6] = ["+0000", "-0700", "+0530", "+0100", "-0500", "+0200"];

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("gen-repo: error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<()> {
    let args = parse_args()?;
    let started = Instant::now();
    prepare_dir(&args.dir)?;
    git(&args.dir, &["init", "-q", "--initial-branch=main"])?;

    let mut child = git_command(&args.dir)
        .args(["fast-import", "--quiet"])
        .stdin(Stdio::piped())
        .spawn()
        .context("cannot run `git fast-import`")?;
    let stdin = child.stdin.take().context("fast-import has no stdin")?;
    let mut sim = Sim::new(&args, BufWriter::with_capacity(1 << 20, stdin));
    let streamed = sim.run(args.weeks * 7);
    let summary = sim.summary(args.weeks * 7);
    drop(sim); // closes fast-import's stdin
    let status = child.wait().context("waiting for git fast-import")?;
    ensure!(status.success(), "git fast-import failed: {status}");
    streamed.context("writing the fast-import stream")?;

    git(&args.dir, &["reset", "-q", "--hard", "main"])?;
    eprintln!(
        "gen-repo: {summary} in {:.1} s -> {}",
        started.elapsed().as_secs_f64(),
        args.dir.display(),
    );
    Ok(())
}

// ---------------------------------------------------------------------------
// Command line and git plumbing

struct Args {
    dir: PathBuf,
    people: usize,
    weeks: i64,
    seed: u64,
    month_dirs: bool,
}

fn parse_args() -> Result<Args> {
    let mut dir = None;
    let (mut people, mut weeks, mut seed, mut month_dirs) = (200, 104, 42, false);
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = |name: &str| -> Result<String> {
            it.next()
                .with_context(|| format!("{name} needs a value\n{USAGE}"))
        };
        match arg.as_str() {
            "--people" => people = value("--people")?.parse().context("--people")?,
            "--weeks" => weeks = value("--weeks")?.parse().context("--weeks")?,
            "--seed" => seed = value("--seed")?.parse().context("--seed")?,
            "--month-dirs" => month_dirs = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            s if s.starts_with('-') => bail!("unknown option {s}\n{USAGE}"),
            s if dir.is_none() => dir = Some(PathBuf::from(s)),
            s => bail!("unexpected argument {s}\n{USAGE}"),
        }
    }
    let dir = dir.context(USAGE)?;
    ensure!(people >= 2, "--people must be at least 2");
    ensure!((1..=1000).contains(&weeks), "--weeks must be in 1..=1000");
    Ok(Args {
        dir,
        people,
        weeks,
        seed,
        month_dirs,
    })
}

/// Creates `dir`, which must not exist or be empty.
fn prepare_dir(dir: &Path) -> Result<()> {
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir)
            .with_context(|| format!("{} is not a readable directory", dir.display()))?;
        ensure!(
            entries.next().is_none(),
            "{} exists and is not empty; refusing to touch it",
            dir.display()
        );
    }
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))
}

/// A git command in `dir` that reads no system or global configuration.
fn git_command(dir: &Path) -> Command {
    let mut cmd = Command::new("git");
    cmd.current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .env_remove("XDG_CONFIG_HOME")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE");
    cmd
}

fn git(dir: &Path, args: &[&str]) -> Result<()> {
    let status = git_command(dir)
        .args(args)
        .status()
        .with_context(|| format!("cannot run git {}", args.join(" ")))?;
    ensure!(status.success(), "git {} failed: {status}", args.join(" "));
    Ok(())
}

// ---------------------------------------------------------------------------
// Deterministic randomness

/// SplitMix64: tiny, fast, and good enough for a simulation.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`; `n` must not be 0.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo + 1) as u64) as i64
    }

    fn chance(&mut self, p: f64) -> bool {
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }

    fn word(&mut self, xs: &[&'static str]) -> &'static str {
        xs[self.below(xs.len())]
    }

    fn shuffle<T>(&mut self, xs: &mut [T]) {
        for i in (1..xs.len()).rev() {
            xs.swap(i, self.below(i + 1));
        }
    }
}

// ---------------------------------------------------------------------------
// Vocabulary

const FIRST: [&str; 40] = [
    "Alice", "Bob", "Chen", "Dana", "Emeka", "Fatima", "Gustavo", "Hana", "Ivan", "Jia", "Kofi",
    "Lena", "Mateo", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tariq", "Uma", "Victor",
    "Wen", "Ximena", "Yusuf", "Zoe", "Aiko", "Bruno", "Carmen", "Dmitri", "Elif", "Farid", "Greta",
    "Hugo", "Ines", "Jonas", "Kira", "Luca", "Maya", "Nils",
];
const LAST: [&str; 40] = [
    "Ng", "Ruiz", "Wang", "Okafor", "Schmidt", "Haddad", "Silva", "Tanaka", "Petrov", "Li",
    "Mensah", "Berg", "Garcia", "Khan", "Farouk", "Iyer", "Walsh", "Moreno", "Larsen", "Aziz",
    "Rao", "Costa", "Zhou", "Lopez", "Demir", "Martin", "Sato", "Rossi", "Vega", "Volkov",
    "Yilmaz", "Karimi", "Novak", "Dubois", "Ferreira", "Weber", "Ivanova", "Bianchi", "Cohen",
    "Holm",
];
const DOMAINS: [&str; 20] = [
    "search",
    "billing",
    "mobile",
    "infra",
    "data",
    "growth",
    "identity",
    "payments",
    "platform",
    "web",
    "sre",
    "ml",
    "security",
    "support",
    "docs",
    "checkout",
    "ads",
    "analytics",
    "messaging",
    "storage",
];

/// A project idea: an id stem, a title and the criteria that define it.
/// Placeholders: `{d}` domain, `{ms}`, `{pct}`, `{n}`, `{n1}`, `{k}`, `{date}`, `{id}`.
struct Topic {
    slug: &'static str,
    title: &'static str,
    criteria: &'static [&'static str],
}

#[rustfmt::skip]
const TOPICS: &[Topic] = &[
    Topic { slug: "latency", title: "Cut {d} p95 latency below {ms} ms", criteria: &[
        "p95 {d} latency < {ms} ms on the production dashboard for 7 consecutive days",
        "Error rate stays under 0.{n1}% during the rollout"] },
    Topic { slug: "cluster-migration", title: "Migrate {d} to the new storage cluster", criteria: &[
        "{pct}% of {d} reads served from the new cluster by {date}",
        "Old cluster decommissioned with 0 remaining clients"] },
    Topic { slug: "onboarding", title: "Streamline {d} onboarding", criteria: &[
        "Median time to first successful call < {n} minutes for new users",
        "Onboarding drop-off down by {pct}% in the funnel report"] },
    Topic { slug: "availability", title: "Raise {d} availability to 99.9%", criteria: &[
        "Monthly availability >= 99.9% for 2 consecutive months",
        "All {n} critical alerts have a linked runbook"] },
    Topic { slug: "cost", title: "Reduce {d} infrastructure cost by {pct}%", criteria: &[
        "Monthly {d} cloud bill down by {pct}% against the Q3 baseline",
        "Fewer than {n} idle instances across all regions"] },
    Topic { slug: "api-v2", title: "Ship the {d} API v2", criteria: &[
        "{n} endpoints available in v2 with OpenAPI docs at https://api.example.com/{d}/v2",
        "{pct}% of internal callers moved to v2 by {date}"] },
    Topic { slug: "test-coverage", title: "Raise {d} test coverage to {pct}%", criteria: &[
        "Line coverage of the {d} core >= {pct}%",
        "Flaky test rate < 1% over 30 days of CI runs"] },
    Topic { slug: "ci-speed", title: "Speed up {d} CI", criteria: &[
        "CI p50 duration <= {n} minutes on main",
        "Build cache hit rate >= {pct}% on main"] },
    Topic { slug: "relevance", title: "Improve {d} result relevance", criteria: &[
        "NDCG@10 up by {n1}% on the offline benchmark",
        "Click-through rate +{n1}% in a 2-week A/B test"] },
    Topic { slug: "health-dashboard", title: "Build the {d} health dashboard", criteria: &[
        "Dashboard live at https://grafana.example.com/d/{id}",
        "{n} key metrics have alert thresholds"] },
    Topic { slug: "accessibility", title: "Make {d} screens accessible", criteria: &[
        "WCAG 2.1 AA audit passes with 0 critical issues",
        "All {n} forms are usable with the keyboard only"] },
    Topic { slug: "legacy-retirement", title: "Retire the legacy {d} service", criteria: &[
        "Traffic to the legacy service = 0 for 14 consecutive days",
        "{n} dependent teams confirmed their migration"] },
    Topic { slug: "data-retention", title: "Complete the {d} data-retention review", criteria: &[
        "Retention policy applied to {n} tables by {date}",
        "100% of deletion requests processed within 30 days"] },
    Topic { slug: "alerting", title: "Rework {d} alerting", criteria: &[
        "Fewer than {n} pages per on-call week",
        "{pct}% of alerts rated actionable in the monthly review"] },
    Topic { slug: "offline-mode", title: "Ship {d} offline mode", criteria: &[
        "Crash-free sessions >= 99.5% on the release build",
        "{pct}% of beta users keep offline mode enabled after 2 weeks"] },
    Topic { slug: "annual-plan", title: "Launch the {d} annual plan", criteria: &[
        "Annual plan available in {n} countries by {date}",
        "At least {n1}% of new subscriptions choose the annual plan"] },
    Topic { slug: "developer-docs", title: "Rewrite the {d} developer docs", criteria: &[
        "Docs published at https://docs.example.com/{d}",
        "Setup-related support tickets down {pct}%"] },
    Topic { slug: "auth-hardening", title: "Harden {d} authentication", criteria: &[
        "100% of admin accounts use hardware keys",
        "Pen-test finds 0 high-severity issues"] },
    Topic { slug: "ranking-model", title: "Train the {d} ranking model v{n1}", criteria: &[
        "Offline AUC >= 0.8{n1} on the holdout set",
        "Online conversion +{n1}% in a 2-week A/B test"] },
    Topic { slug: "event-streaming", title: "Move {d} events to the streaming platform", criteria: &[
        "{k}k events per second sustained in the load test",
        "Consumer lag < {n} seconds at p99"] },
    Topic { slug: "support-backlog", title: "Reduce the {d} support backlog", criteria: &[
        "Fewer than {n}0 open tickets by {date}",
        "First response time < {n} hours at p90"] },
    Topic { slug: "localization", title: "Localize {d} into {n} languages", criteria: &[
        "{n} locales live with 100% string coverage",
        "Translation turnaround < 5 working days"] },
    Topic { slug: "invoice-accuracy", title: "Fix {d} invoice accuracy", criteria: &[
        "Fewer than {n} invoice disputes per month",
        "Reconciliation flags 0 mismatches for 30 days"] },
    Topic { slug: "tracing", title: "Add distributed tracing to {d}", criteria: &[
        "{pct}% of requests carry a trace id",
        "Tracing overhead < 2% CPU at peak"] },
];

/// Measurable criteria any project may add to its own.
const POOL: &[&str] = &[
    "p99 latency of the {d} read path < {ms} ms at peak traffic",
    "Error budget burn < {pct}% over the last 28 days",
    "{pct}% of {d} traffic served by the new stack by {date}",
    "Migration of {k}k records completes with 0 data-loss incidents",
    "On-call pages for {d} down by {pct}% compared with last quarter",
    "Runbook published at https://wiki.example.com/{d}/runbooks/{id}",
    "Cost per 1k requests down by {pct}% by {date}",
    "{n} pilot customers use the feature every week",
    "Load test passes at {k}k requests per second",
    "Backfill of {k}k rows finished by {date}",
    "Median time to first byte < {ms} ms",
    "Security review signed off by {date}",
    "All {n} SLOs have an alert and a linked runbook",
    "Rollback tested twice in staging, each in < {n} minutes",
    "Support tickets tagged {d} down {pct}% month over month",
    "Design doc approved at https://docs.example.com/design/{id}",
];

/// Criteria that state nothing checkable (no number, comparison, date or link).
const VAGUE: &[&str] = &[
    "Improve the user experience",
    "Make the codebase cleaner",
    "Better documentation for new joiners",
    "Users are happier with the product",
    "Reduce tech debt where possible",
];

const CONTEXT: &[&str] = &[
    "Customers have been asking for this since the last planning cycle.",
    "The {d} team owns this end to end; other teams review the rollout plan.",
    "This is the follow-up to last quarter's incident review.",
    "Support volume on this topic has doubled in six months.",
    "The current setup will not survive next year's expected growth.",
    "We keep the scope small on purpose and ship behind a feature flag.",
    "Leadership asked for a measurable result rather than a rewrite.",
    "The approach was discussed in the {d} architecture review.",
];
const APPROACH: &[&str] = &[
    "Prototype on a copy of production data",
    "Roll out behind a feature flag, 1% then 10% then 50% then 100%",
    "Pair with the platform team on the deployment pipeline",
    "Write the migration script and run it in staging first",
    "Add dashboards before changing anything",
    "Keep the old path available for one release as a fallback",
];
const PROGRESS: &[&str] = &[
    "landed the first slice behind a feature flag",
    "rollout now at {pct}% of traffic",
    "finished the design review, feedback addressed",
    "load test run, results shared in the channel",
    "migration script merged and tested in staging",
    "dashboards in place, baseline measured",
    "fixed {n} bugs found during the beta",
    "paired with the platform team on the deploy pipeline",
    "wrote the runbook draft",
    "cleaned up the remaining TODOs from the spike",
];
const NEXT: &[&str] = &[
    "Roll out to {pct}% of traffic",
    "Write the runbook",
    "Finish the migration script",
    "Run the load test again with production data",
    "Present results at the team review",
    "Close the remaining {n} bugs",
    "Start the A/B test",
    "Hand over the on-call notes",
];
const BLOCKERS: &[&str] = &[
    "Waiting on the infra team for the new cache cluster",
    "Security review of the rollout plan not scheduled yet",
    "Staging environment broken since the last deploy",
    "Vendor contract not signed yet",
    "Waiting for API keys from the payments provider",
    "Need a schema decision from the data team",
    "Load-test environment is booked for two weeks",
    "Blocked on the upstream library release",
];
const ASKS: &[&str] = &[
    "Review of the rollout plan from {who}",
    "Could someone pair with me on the migration script?",
    "Need {n} more days of QA support",
    "Feedback on the design doc by Friday",
    "Help from {who} with the dashboard queries",
];
const TECH: &[&str] = &[
    "Redis",
    "Postgres",
    "Kafka",
    "gRPC",
    "SQLite",
    "ClickHouse",
    "S3",
    "OpenTelemetry",
    "Temporal",
    "feature flags",
    "Rust",
    "a managed queue",
];
const COMPONENTS: &[&str] = &[
    "query cache",
    "event bus",
    "job queue",
    "session store",
    "audit log",
    "metrics pipeline",
    "config service",
    "API gateway",
];
const PRACTICES: &[&str] = &[
    "trunk-based development",
    "weekly release trains",
    "error budgets",
    "contract tests",
    "canary deploys",
    "blameless postmortems",
];
const TAGS: &[&str] = &[
    "infra",
    "customer",
    "okr",
    "tech-debt",
    "compliance",
    "reliability",
    "stretch",
];

// ---------------------------------------------------------------------------
// The simulated world

#[derive(Clone, Copy, PartialEq, Eq)]
enum Status {
    Proposed,
    Active,
    Blocked,
    AtRisk,
    Done,
    Dropped,
}

impl Status {
    fn in_flight(self) -> bool {
        !matches!(self, Status::Done | Status::Dropped)
    }
}

struct Person {
    handle: String,
    name: String,
    team: usize,
    remote: bool,
    tz: &'static str,
    /// The weekday (0 = Monday) this person usually writes the update.
    weekday: i64,
    /// How many projects this person likes to own at once.
    capacity: usize,
    /// The day this person starts using the repository.
    start: i64,
    /// This week's update day, if any.
    update_day: Option<i64>,
    /// A personal blocker: text, project, last day it is listed.
    blocker: Option<(String, usize, i64)>,
}

struct Team {
    name: String,
    domain: String,
    /// Says `in-progress` and `shipped` instead of `active` and `done`.
    vocab: bool,
    heading: &'static str,
    members: Vec<usize>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Crit {
    Open,
    Met,
    Withdrawn(usize),
}

struct Criterion {
    template: &'static str,
    text: String,
    state: Crit,
}

/// Values substituted into templates.
struct Params {
    domain: String,
    id: String,
    date: NaiveDate,
    ms: i64,
    pct: i64,
    n: i64,
    n1: i64,
    k: i64,
}

impl Params {
    fn new(rng: &mut Rng, domain: &str, id: &str, date: NaiveDate) -> Self {
        Params {
            domain: domain.to_owned(),
            id: id.to_owned(),
            date,
            ms: *rng.pick(&[100, 150, 200, 250, 300, 400, 500]),
            pct: *rng.pick(&[20, 30, 50, 75, 80, 90, 95, 99]),
            n: rng.range(2, 12),
            n1: rng.range(1, 9),
            k: *rng.pick(&[5, 10, 20, 50, 100, 250]),
        }
    }

    fn fill(&self, template: &str) -> String {
        template
            .replace("{d}", &self.domain)
            .replace("{id}", &self.id)
            .replace("{date}", &self.date.to_string())
            .replace("{ms}", &self.ms.to_string())
            .replace("{pct}", &self.pct.to_string())
            .replace("{n1}", &self.n1.to_string())
            .replace("{n}", &self.n.to_string())
            .replace("{k}", &self.k.to_string())
    }
}

/// Lifecycle events planned when a project becomes active.
#[derive(Clone, Copy)]
enum Event {
    Block,
    AtRisk,
    AddCriterion,
    EditCriterion,
    Withdraw,
    Decide,
    Drop,
    Move,
    Handover,
}

struct Project {
    id: String,
    title: String,
    team: usize,
    /// The team folder the file lives in (`projects/<folder>/<id>.md`).
    folder: String,
    owner: usize,
    contributors: Vec<usize>,
    status: Status,
    created: NaiveDate,
    show_created: bool,
    due: Option<NaiveDate>,
    checkin: Option<&'static str>,
    tags: Vec<String>,
    context: String,
    approach: Vec<&'static str>,
    criteria: Vec<Criterion>,
    /// Decisions linked from the body.
    links: Vec<usize>,
    params: Params,
    next_step: i64,
    planned_end: i64,
    /// Events as fractions of the active period, turned into days on activation.
    wishes: Vec<(f64, Event)>,
    plan: Vec<(i64, Event)>,
    due_moves: u32,
    blocker: Option<String>,
    /// Forgotten after its first criterion: stays active, gets no updates.
    neglected: bool,
    /// Key results, for the topics whose outcome is a number.
    measures: Vec<GenMeasure>,
}

/// A measure of a project: `baseline` and `target` in tenths, so that one
/// with a decimal (availability) is written exactly.
struct GenMeasure {
    id: &'static str,
    name: &'static str,
    unit: &'static str,
    baseline: i64,
    target: i64,
}

/// FNV-1a: a stable number from text, so that measures and their values
/// come from the project and the day and draw nothing from the simulation's
/// random stream (the rest of the repository is the same with or without
/// them).
fn stable(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain([0]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// The measures a project of `topic` defines (none for most topics).
fn measures_for(topic: &str, id: &str) -> Vec<GenMeasure> {
    let h = stable(&[id]) as i64 & 0xffff;
    let m = |id, name, unit, baseline, target| GenMeasure {
        id,
        name,
        unit,
        baseline,
        target,
    };
    match topic {
        "support-backlog" => vec![
            m("backlog", "Open tickets", "tickets", 3000 + h % 3000, 500),
            m(
                "first-response",
                "First response at p90",
                "h",
                200 + h % 100,
                40,
            ),
        ],
        "latency" => vec![m("p95", "p95 latency", "ms", 3500 + h % 1500, 2000)],
        "availability" => vec![m("uptime", "Monthly availability", "%", 995 + h % 3, 999)],
        "ci-speed" => vec![m(
            "ci-minutes",
            "CI wall time at p50",
            "min",
            250 + h % 150,
            100,
        )],
        "cost" => vec![m("spend", "Monthly spend", "k$", 800 + h % 700, 600)],
        _ => Vec::new(),
    }
}

/// Tenths as written: `64.5`, `120`.
fn tenths(v: i64) -> String {
    if v % 10 == 0 {
        (v / 10).to_string()
    } else {
        format!("{}.{}", v / 10, (v % 10).abs())
    }
}

impl Project {
    fn path(&self) -> String {
        format!("projects/{}/{}.md", self.folder, self.id)
    }

    /// A neglected project that has stopped moving.
    fn stalled(&self) -> bool {
        self.neglected && self.criteria.iter().any(|c| c.state == Crit::Met)
    }

    fn open(&self) -> Vec<usize> {
        (0..self.criteria.len())
            .filter(|&i| self.criteria[i].state == Crit::Open)
            .collect()
    }
}

struct Decision {
    number: usize,
    slug: String,
    title: String,
    team: usize,
    status: String,
    date: NaiveDate,
    deciders: Vec<usize>,
    consulted: Vec<usize>,
    projects: Vec<String>,
    supersedes: Vec<usize>,
    nav_order: bool,
    context: String,
    options: Vec<String>,
    outcome: String,
    consequences: Vec<String>,
}

impl Decision {
    fn path(&self) -> String {
        format!("decisions/{:04}-{}.md", self.number, self.slug)
    }
}

/// Something to do on a given day; executed in random order within the day.
enum Intent {
    Step(usize),
    Update(usize),
    Create(usize),
    Accept(usize),
    Supersede { old: usize, by: usize },
}

/// One file change of a commit: new contents, or `None` to delete.
type Op = (String, Option<String>);

struct Sim<W: Write> {
    rng: Rng,
    out: W,
    start: NaiveDate,
    people: Vec<Person>,
    teams: Vec<Team>,
    projects: Vec<Project>,
    decisions: Vec<Decision>,
    ids: BTreeSet<String>,
    topic_uses: BTreeMap<String, u32>,
    /// Decision work that happens on a later day: (day, intent).
    later: Vec<(i64, Intent)>,
    day: i64,
    clock: i64,
    tick: i64,
    month_dirs: bool,
    commits: usize,
    updates: usize,
}

impl<W: Write> Sim<W> {
    fn new(args: &Args, out: W) -> Self {
        let mut rng = Rng(args.seed ^ 0x676f_616c_706f_7374);
        let team_count = args.people.div_ceil(10);
        let teams: Vec<Team> = (0..team_count)
            .map(|t| Team {
                name: format!("team-{:02}", t + 1),
                domain: if t < DOMAINS.len() {
                    DOMAINS[t].to_owned()
                } else {
                    format!("{}{}", DOMAINS[t % DOMAINS.len()], t / DOMAINS.len() + 1)
                },
                vocab: rng.chance(0.3),
                heading: if rng.chance(0.1) {
                    "Definition of done"
                } else {
                    "Success criteria"
                },
                members: Vec::new(),
            })
            .collect();
        let mut sim = Sim {
            rng,
            out,
            start: NaiveDate::from_ymd_opt(2024, 11, 4).expect("valid start date"),
            people: Vec::new(),
            teams,
            projects: Vec::new(),
            decisions: Vec::new(),
            ids: BTreeSet::new(),
            topic_uses: BTreeMap::new(),
            later: Vec::new(),
            day: 0,
            clock: 0,
            tick: 600,
            month_dirs: args.month_dirs,
            commits: 0,
            updates: 0,
        };
        for i in 0..args.people {
            let rng = &mut sim.rng;
            let team = i * team_count / args.people;
            let person = Person {
                handle: format!("p{:03}", i + 1),
                name: format!("{} {}", rng.pick(&FIRST), rng.pick(&LAST)),
                team,
                remote: rng.chance(0.4),
                tz: if rng.chance(0.5) {
                    OFFSETS[0]
                } else {
                    rng.word(&OFFSETS)
                },
                weekday: *rng.pick(&[0, 1, 2, 3, 3, 3, 4, 4, 4, 4]),
                capacity: if rng.chance(0.3) { 2 } else { 1 },
                start: if i == 0 { 0 } else { rng.range(0, 18) },
                update_day: None,
                blocker: None,
            };
            sim.teams[team].members.push(i);
            sim.people.push(person);
        }
        sim
    }

    /// Counts for the closing line: projects, updates, decisions, commits.
    fn summary(&self, days: i64) -> String {
        let end = self.date(days);
        let in_flight = || self.projects.iter().filter(|p| p.status.in_flight());
        let overdue = in_flight()
            .filter(|p| p.due.is_some_and(|d| d < end))
            .count();
        format!(
            "{} projects ({} in flight, {overdue} overdue on {end}), {} updates, {} decisions, \
             {} commits",
            self.projects.len(),
            in_flight().count(),
            self.updates,
            self.decisions.len(),
            self.commits,
        )
    }

    fn date(&self, day: i64) -> NaiveDate {
        self.start + chrono::Duration::days(day)
    }

    fn today(&self) -> NaiveDate {
        self.date(self.day)
    }

    /// Moves a day that falls on a weekend to the next Monday.
    fn weekday(day: i64) -> i64 {
        match day.rem_euclid(7) {
            5 => day + 2,
            6 => day + 1,
            _ => day,
        }
    }

    fn run(&mut self, days: i64) -> Result<()> {
        let start_ts = self
            .start
            .and_hms_opt(0, 0, 0)
            .expect("midnight exists")
            .and_utc()
            .timestamp();
        writeln!(self.out, "feature done")?;
        self.clock = start_ts + DAY_OPEN - 3600;
        self.root_commit()?;

        for day in 0..days {
            self.day = day;
            let weekday = day % 7;
            let mut intents = Vec::new();
            if weekday == 0 {
                self.plan_update_days(day);
            }
            if weekday < 5 {
                let mut owned = vec![0usize; self.people.len()];
                for p in self.projects.iter() {
                    if p.status.in_flight() && !p.stalled() {
                        owned[p.owner] += 1;
                    }
                }
                for (i, person) in self.people.iter().enumerate() {
                    if day < person.start {
                        continue;
                    }
                    if person.update_day == Some(day) {
                        intents.push(Intent::Update(i));
                    }
                    if owned[i] < person.capacity && self.rng.chance(0.1) {
                        intents.push(Intent::Create(i));
                    }
                }
            }
            for (i, p) in self.projects.iter().enumerate() {
                if p.status.in_flight() && p.next_step == day {
                    intents.push(Intent::Step(i));
                }
            }
            let (due_now, rest): (Vec<_>, Vec<_>) =
                self.later.drain(..).partition(|(d, _)| *d <= day);
            self.later = rest;
            intents.extend(due_now.into_iter().map(|(_, intent)| intent));
            self.rng.shuffle(&mut intents);

            let day_ts = start_ts + day * DAY;
            self.clock = self.clock.max(day_ts + DAY_OPEN);
            self.tick = (DAY_CLOSE - DAY_OPEN) / (intents.len() as i64 * 3 / 2 + 2);
            for intent in intents {
                match intent {
                    Intent::Step(p) => self.step(p)?,
                    Intent::Update(person) => self.write_update(person)?,
                    Intent::Create(person) => self.create_project(person)?,
                    Intent::Accept(d) => self.accept_decision(d)?,
                    Intent::Supersede { old, by } => self.mark_superseded(old, by)?,
                }
            }
        }
        // Decision follow-ups never stay pending past the end.
        for (_, intent) in std::mem::take(&mut self.later) {
            match intent {
                Intent::Accept(d) => self.accept_decision(d)?,
                Intent::Supersede { old, by } => self.mark_superseded(old, by)?,
                _ => {}
            }
        }
        writeln!(self.out, "done")?;
        self.out.flush()?;
        Ok(())
    }

    fn plan_update_days(&mut self, week_start: i64) {
        for person in &mut self.people {
            person.update_day = if self.rng.chance(0.03) {
                None
            } else {
                let shift = *self.rng.pick(&[0, 0, 0, 0, 0, 0, -1, 1]);
                Some(week_start + (person.weekday + shift).clamp(0, 4))
            };
        }
    }

    // -- fast-import -------------------------------------------------------

    fn commit(&mut self, who: usize, message: &str, ops: &[Op]) -> Result<()> {
        let day_close = self.start_of_day() + DAY_CLOSE;
        let step = self.rng.range(1, self.tick.max(2) * 2);
        self.clock = (self.clock + step).min(day_close).max(self.clock);
        let person = &self.people[who];
        let ident = format!(
            "{} <{}@example.com> {} {}",
            person.name, person.handle, self.clock, person.tz
        );
        let out = &mut self.out;
        write!(
            out,
            "commit refs/heads/main\nauthor {ident}\ncommitter {ident}\n"
        )?;
        write!(out, "data {}\n{message}\n", message.len())?;
        for (path, contents) in ops {
            match contents {
                Some(text) => write!(out, "M 100644 inline {path}\ndata {}\n{text}\n", text.len())?,
                None => writeln!(out, "D {path}")?,
            }
        }
        writeln!(out)?;
        self.commits += 1;
        Ok(())
    }

    fn start_of_day(&self) -> i64 {
        self.today()
            .and_hms_opt(0, 0, 0)
            .expect("midnight exists")
            .and_utc()
            .timestamp()
    }

    fn root_commit(&mut self) -> Result<()> {
        let mut yml = String::from(
            "# goalpost configuration: see `goalpost schema config`\n\
             paths:\n  projects: projects/**/*.md\n  updates: updates/**/*.md\n  \
             decisions: decisions/**/*.md\npeople:\n",
        );
        for p in &self.people {
            let _ = writeln!(
                yml,
                "  {}: {{ name: {}, team: {}, location: {} }}",
                p.handle,
                p.name,
                self.teams[p.team].name,
                if p.remote { "remote" } else { "office" }
            );
        }
        yml.push_str(
            "statuses:\n  active: [active, in-progress]\n  done: [done, shipped]\n\
             checkin: weekly\ngrace_days: 2\n\
             sections:\n  criteria: [Success criteria, Definition of done, Key results]\n  \
             blockers: [Blockers]\n  asks: [Asks]\n\
             rules:\n  vague-criterion: warning\n  stale-checkin: warning\n",
        );
        let readme = "# Goals\n\nProjects, weekly updates and decision records, checked by \
                      goalpost in CI.\n\n- `projects/<team>/`: what done means\n- \
                      `updates/<year>/`: how work is going\n- `decisions/`: why things \
                      changed\n";
        self.commit(
            0,
            "Set up the goals repository",
            &[
                ("goalpost.yml".into(), Some(yml)),
                ("README.md".into(), Some(readme.into())),
            ],
        )
    }

    // -- projects ----------------------------------------------------------

    fn create_project(&mut self, owner: usize) -> Result<()> {
        let day = self.day;
        let team = self.people[owner].team;
        let domain = self.teams[team].domain.clone();
        let topic = self.rng.pick(TOPICS);
        let stem = format!("{domain}-{}", topic.slug);
        let uses = self.topic_uses.entry(stem.clone()).or_insert(0);
        *uses += 1;
        let uses_now = *uses;
        let mut id = if uses_now == 1 {
            stem.clone()
        } else {
            format!("{stem}-{uses_now}")
        };
        while self.ids.contains(&id) {
            id.push('x');
        }
        self.ids.insert(id.clone());

        let proposed = self.rng.chance(0.4);
        let wait = if proposed { self.rng.range(3, 15) } else { 0 };
        let weeks = self.rng.range(4, 18);
        let mut due_day = day + wait + weeks * 7;
        due_day += (4 - due_day.rem_euclid(7)).rem_euclid(7); // a Friday
        let slip = if self.rng.chance(0.6) {
            self.rng.range(-21, 0)
        } else {
            self.rng.range(1, 35)
        };
        let has_due = self.rng.chance(0.92);
        let due = has_due.then(|| self.date(due_day));
        let planned_end = (due_day + slip).max(day + wait + 14);
        let target = self.date(due_day);
        let params = Params::new(&mut self.rng, &domain, &id, target);

        let count = self.rng.range(2, 6) as usize;
        let mut criteria: Vec<Criterion> = topic
            .criteria
            .iter()
            .take(count)
            .map(|&t| Criterion {
                template: t,
                text: params.fill(t),
                state: Crit::Open,
            })
            .collect();
        while criteria.len() < count {
            let template = self.rng.word(POOL);
            if criteria.iter().any(|c| c.template == template) {
                continue;
            }
            let p = Params::new(&mut self.rng, &domain, &id, target);
            criteria.push(Criterion {
                template,
                text: p.fill(template),
                state: Crit::Open,
            });
        }
        if self.rng.chance(0.015) {
            let template = self.rng.word(VAGUE);
            let at = self.rng.below(criteria.len() + 1);
            criteria.insert(
                at,
                Criterion {
                    template,
                    text: template.to_owned(),
                    state: Crit::Open,
                },
            );
        }

        let mut contributors = Vec::new();
        let n = *self.rng.pick(&[0, 0, 1, 1, 1, 2, 2, 2, 3]);
        for _ in 0..n {
            let pool = if self.rng.chance(0.15) {
                self.rng.below(self.people.len())
            } else {
                *self.rng.pick(&self.teams[team].members)
            };
            if pool != owner && !contributors.contains(&pool) {
                contributors.push(pool);
            }
        }

        let mut tags = Vec::new();
        if self.rng.chance(0.6) {
            let d = self.date(due_day);
            tags.push(format!("q{}-{}", d.month0() / 3 + 1, d.year()));
        }
        if self.rng.chance(0.5) {
            tags.push(domain.clone());
        }
        if self.rng.chance(0.4) {
            tags.push(self.rng.word(TAGS).to_owned());
        }

        let mut context = String::new();
        for _ in 0..self.rng.range(1, 3) {
            let sentence = params.fill(self.rng.word(CONTEXT));
            if !context.contains(&sentence) {
                if !context.is_empty() {
                    context.push(' ');
                }
                context.push_str(&sentence);
            }
        }
        let approach = if self.rng.chance(0.5) {
            (0..self.rng.range(2, 4))
                .map(|_| self.rng.word(APPROACH))
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect()
        } else {
            Vec::new()
        };

        let mut wishes = Vec::new();
        for (p, event) in [
            (0.15, Event::Block),
            (0.10, Event::AtRisk),
            (0.06, Event::AddCriterion),
            (0.06, Event::EditCriterion),
            (0.05, Event::Withdraw),
            (0.07, Event::Decide),
            (0.04, Event::Decide),
            (0.07, Event::Drop),
            (0.02, Event::Move),
            (0.015, Event::Handover),
        ] {
            if self.rng.chance(p) {
                let at = self.rng.range(10, 85) as f64 / 100.0;
                wishes.push((at, event));
            }
        }

        let checkin = match self.rng.below(100) {
            0..=74 => Some("weekly"),
            75..=84 => Some("biweekly"),
            85..=89 => Some("monthly"),
            90..=93 => Some("14d"),
            94..=96 => Some("none"),
            _ => None,
        };
        let project = Project {
            title: if uses_now > 1 {
                format!("{}, phase {uses_now}", params.fill(topic.title))
            } else {
                params.fill(topic.title)
            },
            id: id.clone(),
            team,
            folder: self.teams[team].name.clone(),
            owner,
            contributors,
            status: if proposed {
                Status::Proposed
            } else {
                Status::Active
            },
            created: self.today(),
            show_created: self.rng.chance(0.85),
            due,
            checkin,
            tags,
            context,
            approach,
            criteria,
            links: Vec::new(),
            params,
            next_step: Self::weekday(day + wait.max(1)),
            planned_end,
            wishes,
            plan: Vec::new(),
            due_moves: 0,
            blocker: None,
            neglected: self.rng.chance(0.01),
            measures: measures_for(topic.slug, &id),
        };
        self.projects.push(project);
        let pid = self.projects.len() - 1;
        if !proposed {
            self.activate(pid);
        }
        let verb = if proposed { "propose" } else { "start" };
        self.save(pid, owner, &format!("{verb} {id}"))
    }

    /// Turns the project's wishes into dated events over its active period.
    fn activate(&mut self, pid: usize) {
        let day = self.day;
        let p = &mut self.projects[pid];
        p.status = Status::Active;
        p.planned_end = p.planned_end.max(day + 14);
        let span = (p.planned_end - day) as f64;
        p.plan = p
            .wishes
            .iter()
            .map(|&(at, e)| (day + (at * span) as i64, e))
            .collect();
        p.plan.sort_by_key(|&(d, _)| d);
        self.schedule(pid);
    }

    fn schedule(&mut self, pid: usize) {
        let day = self.day;
        let open = self.projects[pid].open().len() as i64;
        let jitter = self.rng.range(-2, 3);
        let quick = self.rng.range(2, 8);
        let p = &mut self.projects[pid];
        if p.stalled() {
            p.next_step = i64::MAX;
            return;
        }
        let left = p.planned_end - day;
        let gap = if open == 0 {
            quick.min(5)
        } else if left > 0 {
            left / (open + 1) + jitter
        } else {
            quick
        };
        let mut next = day + gap.clamp(1, 28);
        if let Some(&(d, _)) = p.plan.first() {
            next = next.min(d.max(day + 1));
        }
        p.next_step = Self::weekday(next);
    }

    fn step(&mut self, pid: usize) -> Result<()> {
        let day = self.day;
        let owner = self.projects[pid].owner;
        let id = self.projects[pid].id.clone();
        match self.projects[pid].status {
            Status::Done | Status::Dropped => Ok(()),
            Status::Proposed => {
                if self.rng.chance(0.07) {
                    self.projects[pid].status = Status::Dropped;
                    self.save(pid, owner, &format!("drop proposal {id}"))
                } else {
                    self.activate(pid);
                    self.save(pid, owner, &format!("activate {id}"))
                }
            }
            Status::Blocked => {
                let p = &mut self.projects[pid];
                p.status = Status::Active;
                p.blocker = None;
                self.schedule(pid);
                self.save(pid, owner, &format!("unblock {id}"))
            }
            Status::Active | Status::AtRisk => {
                let open = self.projects[pid].open();
                if open.is_empty() {
                    self.projects[pid].status = Status::Done;
                    return self.save(pid, owner, &format!("ship {id}"));
                }
                let planned = match self.projects[pid].plan.first() {
                    Some(&(d, e)) if d <= day => {
                        self.projects[pid].plan.remove(0);
                        Some(e)
                    }
                    _ => None,
                };
                if let Some(event) = planned {
                    return self.project_event(pid, event);
                }
                let p = &self.projects[pid];
                if let Some(due) = p.due
                    && p.due_moves < 2
                    && self.today() >= due - chrono::Duration::days(7)
                    && self.rng.chance(0.3)
                {
                    let weeks = self.rng.range(1, 6);
                    let p = &mut self.projects[pid];
                    p.due = Some(due + chrono::Duration::weeks(weeks));
                    p.due_moves += 1;
                    self.schedule(pid);
                    return self.save(pid, owner, &format!("move due date of {id}"));
                }
                if p.status == Status::AtRisk && self.rng.chance(0.5) {
                    self.projects[pid].status = Status::Active;
                    self.schedule(pid);
                    return self.save(pid, owner, &format!("{id} back on track"));
                }
                let met: Vec<usize> = (0..p.criteria.len())
                    .filter(|&i| p.criteria[i].state == Crit::Met)
                    .collect();
                if !met.is_empty() && self.rng.chance(0.01) {
                    let i = *self.rng.pick(&met);
                    self.projects[pid].criteria[i].state = Crit::Open;
                    self.schedule(pid);
                    return self.save(pid, owner, &format!("reopen a criterion of {id}"));
                }
                let mut open = open;
                self.rng.shuffle(&mut open);
                let how_many = if open.len() > 1 && self.rng.chance(0.4) {
                    2
                } else {
                    1
                };
                for &i in &open[..how_many] {
                    self.projects[pid].criteria[i].state = Crit::Met;
                }
                let who = self.someone_on(pid);
                self.schedule(pid);
                self.save(pid, who, &format!("check off criteria of {id}"))
            }
        }
    }

    /// The owner, or now and then a contributor.
    fn someone_on(&mut self, pid: usize) -> usize {
        let p = &self.projects[pid];
        if !p.contributors.is_empty() && self.rng.chance(0.3) {
            *self.rng.pick(&p.contributors)
        } else {
            p.owner
        }
    }

    fn project_event(&mut self, pid: usize, event: Event) -> Result<()> {
        let day = self.day;
        let owner = self.projects[pid].owner;
        let id = self.projects[pid].id.clone();
        let domain = self.teams[self.projects[pid].team].domain.clone();
        match event {
            Event::Block => {
                let text = self.rng.word(BLOCKERS).to_owned();
                let until = Self::weekday(day + self.rng.range(7, 35));
                let p = &mut self.projects[pid];
                p.status = Status::Blocked;
                p.blocker = Some(text);
                let delay = (until - day) * 7 / 10;
                p.planned_end += delay;
                for (d, _) in &mut p.plan {
                    *d += until - day;
                }
                p.next_step = until;
                self.save(pid, owner, &format!("{id} is blocked"))
            }
            Event::AtRisk => {
                self.projects[pid].status = Status::AtRisk;
                self.schedule(pid);
                self.save(pid, owner, &format!("flag {id} at risk"))
            }
            Event::AddCriterion => {
                let template = self.rng.word(POOL);
                let date = self.projects[pid].params.date;
                let params = Params::new(&mut self.rng, &domain, &id, date);
                self.projects[pid].criteria.push(Criterion {
                    template,
                    text: params.fill(template),
                    state: Crit::Open,
                });
                self.schedule(pid);
                self.save(pid, owner, &format!("add a criterion to {id}"))
            }
            Event::EditCriterion => {
                let open = self.projects[pid].open();
                if open.len() >= 2 && self.rng.chance(0.2) {
                    self.projects[pid].criteria.remove(*self.rng.pick(&open));
                    self.schedule(pid);
                    return self.save(pid, owner, &format!("remove a criterion of {id}"));
                }
                let Some(&i) = open
                    .iter()
                    .find(|&&i| self.projects[pid].criteria[i].template.contains('{'))
                else {
                    self.schedule(pid);
                    return Ok(());
                };
                let date = self.projects[pid].params.date;
                for _ in 0..5 {
                    let params = Params::new(&mut self.rng, &domain, &id, date);
                    let c = &mut self.projects[pid].criteria[i];
                    let text = params.fill(c.template);
                    if text != c.text {
                        c.text = text;
                        break;
                    }
                }
                self.schedule(pid);
                self.save(pid, owner, &format!("reword a criterion of {id}"))
            }
            Event::Withdraw => {
                let open = self.projects[pid].open();
                if open.len() < 2 {
                    self.schedule(pid);
                    return Ok(());
                }
                let i = *self.rng.pick(&open);
                let text = self.projects[pid].criteria[i].text.clone();
                let options = [
                    "Withdraw the criterion",
                    "Keep the criterion as written",
                    "Reword the criterion",
                ];
                let number = self.new_decision(
                    pid,
                    format!("Withdraw a success criterion of {id}"),
                    format!(
                        "The criterion \"{text}\" no longer measures what {id} is for: \
                         the context changed after the project started."
                    ),
                    options.map(str::to_owned).to_vec(),
                    false,
                )?;
                let p = &mut self.projects[pid];
                p.criteria[i].state = Crit::Withdrawn(number);
                p.links.push(self.decisions.len() - 1);
                self.schedule(pid);
                self.save(
                    pid,
                    owner,
                    &format!("withdraw a criterion of {id}, see decision {number}"),
                )
            }
            Event::Decide => {
                let (title, mut options) = match self.rng.below(3) {
                    0 => {
                        let tech = self.rng.word(TECH);
                        let other = self.rng.word(TECH);
                        let title =
                            format!("Use {tech} for the {domain} {}", self.rng.pick(COMPONENTS));
                        (title, vec![tech, other])
                    }
                    1 => {
                        let practice = self.rng.word(PRACTICES);
                        (format!("Adopt {practice} in {domain}"), vec![practice])
                    }
                    _ => {
                        let component = self.rng.pick(COMPONENTS);
                        let title = format!("Deprecate the {domain} {component}");
                        (
                            title,
                            vec!["Deprecate it over two releases", "Rewrite it in place"],
                        )
                    }
                };
                options.dedup();
                options.push("Keep the current approach");
                let options = options.into_iter().map(str::to_owned).collect();
                let context = format!(
                    "{id} needs a choice here before the next milestone; the options were \
                     discussed in the {domain} weekly."
                );
                self.new_decision(pid, title, context, options, true)?;
                self.schedule(pid);
                Ok(())
            }
            Event::Drop => {
                self.projects[pid].status = Status::Dropped;
                self.save(pid, owner, &format!("drop {id}"))
            }
            Event::Move => {
                let from = self.projects[pid].path();
                let mut to = self.rng.below(self.teams.len());
                if self.teams[to].name == self.projects[pid].folder {
                    to = (to + 1) % self.teams.len();
                }
                let folder = self.teams[to].name.clone();
                self.projects[pid].folder = folder.clone();
                let text = self.render_project(pid);
                let path = self.projects[pid].path();
                self.schedule(pid);
                if path == from {
                    return Ok(());
                }
                self.commit(
                    owner,
                    &format!("{}: move {id} to {folder}", self.people[owner].handle),
                    &[(from, None), (path, Some(text))],
                )
            }
            Event::Handover => {
                let p = &mut self.projects[pid];
                if p.contributors.is_empty() {
                    self.schedule(pid);
                    return Ok(());
                }
                let new_owner = p.contributors.remove(0);
                p.contributors.push(p.owner);
                p.owner = new_owner;
                let handle = self.people[new_owner].handle.clone();
                self.schedule(pid);
                self.save(pid, owner, &format!("hand {id} over to {handle}"))
            }
        }
    }

    fn save(&mut self, pid: usize, who: usize, what: &str) -> Result<()> {
        let text = self.render_project(pid);
        let path = self.projects[pid].path();
        let message = format!("{}: {what}", self.people[who].handle);
        self.commit(who, &message, &[(path, Some(text))])
    }

    fn render_project(&self, pid: usize) -> String {
        let p = &self.projects[pid];
        let team = &self.teams[p.team];
        let handle = |i: &usize| self.people[*i].handle.as_str();
        let status = match p.status {
            Status::Proposed => "proposed",
            Status::Active if team.vocab => "in-progress",
            Status::Active => "active",
            Status::Blocked => "blocked",
            Status::AtRisk => "at-risk",
            Status::Done if team.vocab => "shipped",
            Status::Done => "done",
            Status::Dropped => "dropped",
        };
        let mut s = String::with_capacity(1024);
        let _ = writeln!(
            s,
            "---\nid: {}\ntitle: {}\nowner: {}",
            p.id,
            p.title,
            handle(&p.owner)
        );
        if !p.contributors.is_empty() {
            let list: Vec<&str> = p.contributors.iter().map(handle).collect();
            let _ = writeln!(s, "contributors: [{}]", list.join(", "));
        }
        let _ = writeln!(s, "status: {status}");
        if p.show_created {
            let _ = writeln!(s, "created: {}", p.created);
        }
        if let Some(due) = p.due {
            let _ = writeln!(s, "due: {due}");
        }
        if let Some(checkin) = p.checkin {
            let _ = writeln!(s, "checkin: {checkin}");
        }
        if !p.tags.is_empty() {
            let _ = writeln!(s, "tags: [{}]", p.tags.join(", "));
        }
        if !p.measures.is_empty() {
            s.push_str("measures:\n");
            for m in &p.measures {
                let _ = writeln!(
                    s,
                    "  - {{ id: {}, name: {}, unit: \"{}\", baseline: {}, target: {} }}",
                    m.id,
                    m.name,
                    m.unit,
                    tenths(m.baseline),
                    tenths(m.target)
                );
            }
        }
        let _ = write!(s, "---\n# {}\n\n{}\n", p.title, p.context);
        if !p.approach.is_empty() {
            s.push_str("\n## Approach\n");
            for a in &p.approach {
                let _ = writeln!(s, "- {a}");
            }
        }
        let _ = write!(s, "\n## {}\n", team.heading);
        for c in &p.criteria {
            let _ = match c.state {
                Crit::Open => writeln!(s, "- [ ] {}", c.text),
                Crit::Met => writeln!(s, "- [x] {}", c.text),
                Crit::Withdrawn(n) => writeln!(s, "- [ ] ~~{}~~ dropped, see decision {n}", c.text),
            };
        }
        if !p.links.is_empty() {
            s.push_str("\n## Decisions\n");
            for &d in &p.links {
                let d = &self.decisions[d];
                let _ = writeln!(s, "- [{:04} {}](../../{})", d.number, d.title, d.path());
            }
        }
        s
    }

    // -- decisions ---------------------------------------------------------

    /// Records a decision about a project; returns its number.
    fn new_decision(
        &mut self,
        pid: usize,
        title: String,
        context: String,
        options: Vec<String>,
        standalone: bool,
    ) -> Result<usize> {
        let number = self.decisions.len() + 1;
        let p = &self.projects[pid];
        let team = p.team;
        let mut deciders = vec![p.owner];
        for _ in 0..self.rng.range(0, 2) {
            let who = *self.rng.pick(&self.teams[team].members);
            if !deciders.contains(&who) {
                deciders.push(who);
            }
        }
        let consulted = if self.rng.chance(0.3) {
            vec![self.rng.below(self.people.len())]
                .into_iter()
                .filter(|c| !deciders.contains(c))
                .collect()
        } else {
            Vec::new()
        };
        let projects = if standalone && self.rng.chance(0.15) {
            Vec::new()
        } else {
            vec![p.id.clone()]
        };
        let status = match self.rng.below(100) {
            _ if !standalone => "accepted",
            0..=79 => "accepted",
            80..=92 => "proposed",
            _ => "rejected",
        };
        // Supersede an earlier accepted decision of the same team now and then.
        let old = if standalone && self.rng.chance(0.15) {
            self.decisions
                .iter()
                .rposition(|d| d.team == team && d.status == "accepted")
        } else {
            None
        };
        let slug = slugify(&title);
        let decision = Decision {
            number,
            slug,
            title,
            team,
            status: status.to_owned(),
            date: self.today(),
            deciders,
            consulted,
            projects,
            supersedes: old.map(|o| self.decisions[o].number).into_iter().collect(),
            nav_order: self.rng.chance(0.01),
            context,
            outcome: if standalone {
                format!(
                    "Chosen option: \"{}\", because it meets the needs of the project with \
                     the least operational cost.",
                    options[0]
                )
            } else {
                format!(
                    "Chosen option: \"{}\", because the other criteria already describe \
                     the outcome we want.",
                    options[0]
                )
            },
            options,
            consequences: vec![
                "Good, because the team can ship without waiting on another team".to_owned(),
                "Bad, because we take on one more component to operate".to_owned(),
            ],
        };
        let who = decision.deciders[0];
        let message = format!(
            "{}: decision {:04} {}",
            self.people[who].handle, number, decision.title
        );
        let mut ops = vec![(
            decision.path(),
            Some(render_decision(&decision, &self.people)),
        )];
        self.decisions.push(decision);
        let this = self.decisions.len() - 1;
        if let Some(old) = old {
            if self.rng.chance(0.7) {
                ops.push(self.supersede_op(old, this));
            } else {
                // Marked in a later commit; reserve it so nothing else supersedes it.
                self.decisions[old].status = "superseded".to_owned();
                let day = Self::weekday(self.day + self.rng.range(1, 4));
                self.later.push((day, Intent::Supersede { old, by: this }));
            }
        }
        if status == "proposed" {
            let day = Self::weekday(self.day + self.rng.range(2, 10));
            if self.rng.chance(0.8) {
                self.later.push((day, Intent::Accept(this)));
            }
        }
        self.commit(who, &message, &ops)?;
        Ok(number)
    }

    fn supersede_op(&mut self, old: usize, by: usize) -> Op {
        let status = if self.rng.chance(0.4) {
            format!("superseded by {:04}", self.decisions[by].number)
        } else {
            "superseded".to_owned()
        };
        let d = &mut self.decisions[old];
        d.status = status;
        (d.path(), Some(render_decision(d, &self.people)))
    }

    fn mark_superseded(&mut self, old: usize, by: usize) -> Result<()> {
        let op = self.supersede_op(old, by);
        let who = self.decisions[by].deciders[0];
        let message = format!(
            "{}: mark decision {:04} superseded by {:04}",
            self.people[who].handle, self.decisions[old].number, self.decisions[by].number
        );
        self.commit(who, &message, &[op])
    }

    fn accept_decision(&mut self, d: usize) -> Result<()> {
        if self.decisions[d].status != "proposed" {
            return Ok(());
        }
        self.decisions[d].status = "accepted".to_owned();
        let text = render_decision(&self.decisions[d], &self.people);
        let who = self.decisions[d].deciders[0];
        let message = format!(
            "{}: accept decision {:04}",
            self.people[who].handle, self.decisions[d].number
        );
        self.commit(who, &message, &[(self.decisions[d].path(), Some(text))])
    }

    // -- updates -----------------------------------------------------------

    fn write_update(&mut self, who: usize) -> Result<()> {
        let day = self.day;
        let today = self.today();
        let mut owned = Vec::new();
        let mut helping = Vec::new();
        for (i, p) in self.projects.iter().enumerate() {
            if !p.status.in_flight() || p.stalled() {
                continue;
            }
            if p.owner == who {
                owned.push(i);
            } else if p.contributors.contains(&who) {
                helping.push(i);
            }
        }
        self.rng.shuffle(&mut helping);
        owned.extend(helping);
        if owned.is_empty() {
            return Ok(());
        }
        let k = (*self.rng.pick(&[1, 1, 1, 1, 2, 2, 2, 2, 3, 3])).min(owned.len());
        let chosen = &owned[..k];

        let mut ids: Vec<String> = chosen
            .iter()
            .map(|&p| self.projects[p].id.clone())
            .collect();
        if self.rng.chance(0.001) {
            // A deliberate typo: `unknown-project`, with a did-you-mean.
            let mut typo = ids[0].clone();
            typo.remove(typo.len() / 2);
            if !self.ids.contains(&typo) {
                ids[0] = typo;
            }
        }

        // Blockers: a blocked project's blocker, or a personal one that lasts weeks.
        let mut blockers: Vec<String> = chosen
            .iter()
            .filter_map(|&p| self.projects[p].blocker.clone())
            .collect();
        let person_blocker = match self.people[who].blocker.take() {
            Some((text, p, until)) if until >= day && self.projects[p].status.in_flight() => {
                Some((text, p, until))
            }
            _ if self.rng.chance(0.04) => {
                let until = day + self.rng.range(7, 28);
                Some((self.rng.word(BLOCKERS).to_owned(), chosen[0], until))
            }
            _ => None,
        };
        if let Some((text, p, _)) = &person_blocker
            && chosen.contains(p)
            && !blockers.contains(text)
        {
            blockers.push(text.clone());
        }
        self.people[who].blocker = person_blocker;

        let worst = chosen
            .iter()
            .map(|&p| {
                let p = &self.projects[p];
                let late = p.due.is_some_and(|d| d < today);
                match p.status {
                    Status::Blocked => 2,
                    Status::AtRisk => 1,
                    _ if late => 1,
                    _ => 0,
                }
            })
            .max()
            .unwrap_or(0);
        let confidence = match worst {
            2 if self.rng.chance(0.7) => "off-track",
            0 if self.rng.chance(0.93) => "on-track",
            _ => "at-risk",
        };

        let mut s = String::with_capacity(512);
        let _ = write!(
            s,
            "---\nauthor: {}\ndate: {today}\n",
            self.people[who].handle
        );
        if ids.len() == 1 && self.rng.chance(0.1) {
            let _ = writeln!(s, "projects: {}", ids[0]);
        } else {
            let _ = writeln!(s, "projects: [{}]", ids.join(", "));
        }
        if self.rng.chance(0.9) {
            let _ = writeln!(s, "confidence: {confidence}");
        }
        self.write_measures(&mut s, chosen, &ids);
        s.push_str("---\n## Progress\n");
        for &p in chosen {
            let project = &self.projects[p];
            let met: Vec<&Criterion> = project
                .criteria
                .iter()
                .filter(|c| c.state == Crit::Met)
                .collect();
            let line = if !met.is_empty() && self.rng.chance(0.3) {
                format!("met \"{}\"", self.rng.pick(&met).text)
            } else {
                project.params.fill(self.rng.word(PROGRESS))
            };
            let _ = writeln!(s, "- {}: {line}", project.id);
        }
        s.push_str("\n## Blockers\n");
        if blockers.is_empty() {
            s.push_str("- None\n");
        }
        for b in &blockers {
            let _ = writeln!(s, "- {b}");
        }
        if self.rng.chance(0.9) {
            s.push_str("\n## Asks\n");
            if self.rng.chance(0.25) {
                let team = &self.teams[self.people[who].team].members;
                let helper = &self.people[*self.rng.pick(team)].handle;
                let ask = self.projects[chosen[0]]
                    .params
                    .fill(self.rng.word(ASKS))
                    .replace("{who}", helper);
                let _ = writeln!(s, "- {ask}");
            } else {
                s.push_str("- None\n");
            }
        }
        s.push_str("\n## Next\n");
        for _ in 0..self.rng.range(1, 2) {
            let next = self.projects[chosen[0]].params.fill(self.rng.word(NEXT));
            let _ = writeln!(s, "- {next}");
        }

        let handle = self.people[who].handle.clone();
        let mut path = format!("updates/{}/", today.year());
        if self.month_dirs {
            let _ = write!(path, "{:02}/", today.month());
        }
        let _ = write!(path, "{today}-{handle}");
        if self.rng.chance(0.3) {
            let _ = write!(path, "-{}", ids[0]);
        }
        path.push_str(".md");
        self.updates += 1;
        self.commit(
            who,
            &format!("{handle}: update {}", ids.join(", ")),
            &[(path, Some(s))],
        )
    }
}

impl<W: Write> Sim<W> {
    /// The values an update reports for its projects' measures: from the
    /// share of criteria met, give or take a stable jitter, now and then as
    /// of a few days earlier. Nothing when a typo changed the only id.
    fn write_measures(&self, s: &mut String, chosen: &[usize], ids: &[String]) {
        let today = self.today().to_string();
        let mut lines = Vec::new();
        for &pid in chosen {
            let p = &self.projects[pid];
            if !ids.contains(&p.id) {
                continue;
            }
            let met = p.criteria.iter().filter(|c| c.state == Crit::Met).count();
            let share = met as i64 * 100 / p.criteria.len().max(1) as i64;
            for m in &p.measures {
                let h = stable(&[&p.id, m.id, &today]);
                let jitter = (h % 16) as i64 - 6; // −6 … +9 points of 100
                let step = (share * 105 / 100 + jitter).clamp(-10, 115);
                let value = tenths(m.baseline + (m.target - m.baseline) * step / 100);
                let key = if ids.len() == 1 {
                    m.id.to_owned()
                } else {
                    format!("{}/{}", p.id, m.id)
                };
                if h.is_multiple_of(10) {
                    let as_of = self.today() - chrono::Days::new(3);
                    lines.push(format!("  {key}: {{ value: {value}, as_of: {as_of} }}"));
                } else {
                    lines.push(format!("  {key}: {value}"));
                }
            }
        }
        if !lines.is_empty() {
            s.push_str("measures:\n");
            for line in lines {
                s.push_str(&line);
                s.push('\n');
            }
        }
    }
}

fn render_decision(d: &Decision, people: &[Person]) -> String {
    let handles = |xs: &[usize]| -> String {
        xs.iter()
            .map(|&i| people[i].handle.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut s = String::with_capacity(1024);
    let _ = write!(
        s,
        "---\nstatus: {}\ndate: {}\ndeciders: [{}]\n",
        d.status,
        d.date,
        handles(&d.deciders)
    );
    if !d.consulted.is_empty() {
        let _ = writeln!(s, "consulted: [{}]", handles(&d.consulted));
    }
    if !d.projects.is_empty() {
        let _ = writeln!(s, "projects: [{}]", d.projects.join(", "));
    }
    if !d.supersedes.is_empty() {
        let list: Vec<String> = d.supersedes.iter().map(ToString::to_string).collect();
        let _ = writeln!(s, "supersedes: [{}]", list.join(", "));
    }
    if d.nav_order {
        let _ = writeln!(s, "nav_order: {}", d.number);
    }
    let _ = write!(
        s,
        "---\n# {}\n\n## Context and problem statement\n\n{}\n",
        d.title, d.context
    );
    s.push_str("\n## Considered options\n\n");
    for o in &d.options {
        let _ = writeln!(s, "- {o}");
    }
    let _ = write!(s, "\n## Decision\n\n{}\n\n## Consequences\n\n", d.outcome);
    for c in &d.consequences {
        let _ = writeln!(s, "- {c}");
    }
    s
}

/// Lowercase ASCII words joined by `-`, at most six of them.
fn slugify(title: &str) -> String {
    title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(6)
        .map(str::to_ascii_lowercase)
        .collect::<Vec<_>>()
        .join("-")
}
