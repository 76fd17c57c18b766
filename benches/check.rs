#![allow(clippy::print_stdout, clippy::print_stderr)]
//! Measures goalpost on a generated repository against baselines measured in
//! the same run: `check` and the team views against the floor of reading every
//! tracked file, `log` and `packet` against `git log --name-status`.
//!
//! ```text
//! cargo bench --bench check -- [--repo DIR | --people N] [--floor PATHSPEC] [--runs 10] [--only LETTERS]
//! ```
//!
//! `--only cenop` runs only the rows of those letters (with the read floor):
//! at 800 people one round of every row takes over ten minutes.
//!
//! Without `--repo`, a repository is generated once with the `gen-repo`
//! example into `target/bench-repos/default` and reused afterwards (delete it
//! to regenerate). `--people N` generates one of N people instead (800 takes
//! about five minutes), kept outside the checkout in
//! `$XDG_CACHE_HOME/goalpost-bench/people-N` (else `~/.cache/…`) so that it
//! survives `cargo clean` and fresh clones. The release binary is rebuilt first so the numbers are never
//! those of a stale build. The commands below run in turns, `--runs` times each
//! after one warm-up run (each round opens with an unrecorded read-floor run so
//! that no command pays for the previous round's heaviest one), and the table
//! shows wall-clock median and minimum:
//!
//! - (a) the read floor: `git ls-files -z -- PATHSPEC | xargs -0 cat > /dev/null`
//!   (`--floor PATHSPEC`, default `.`: every tracked file; on a repository
//!   whose documents are one folder of many, name it: `--floor EIPS`)
//! - (b) `goalpost check --repo DIR --format json > /dev/null` (exit 0 or
//!   1), cold: `--no-cache`, every file parsed
//! - (r) the same `check`, warm: what reading each file found comes from
//!   the cache (files are still read and hashed)
//! - (c) `git log --name-status` over twelve months, the baseline for history
//!   (with `core.commitGraph=false`: git's accelerator is row (o))
//! - (d) `goalpost log ID --since --until` over the same twelve months
//! - (e) `goalpost packet --team team-01` over the same twelve months
//!
//! Rows (d), (e) and (i)–(m) run with `--no-cache`: they are cold, the cost of
//! a first run. (n)–(q) are the same work with the history cache warm (the
//! warm-up run fills it), against (o), `git log` with the commit-graph and
//! its changed-path Bloom filters, written once with `git commit-graph write
//! --reachable --changed-paths` before the runs:
//! - (f), (g), (h) `goalpost status`, `blockers` and `checkins` (warm)
//! - (i) `goalpost packet --team team-01` over the last full quarter
//! - (j) `goalpost audit` over the same quarter (its target: ≤ 1.2× (i))
//! - (k) `goalpost packet --team team-01 --each` over the twelve months of
//!   (e), every member's packet and the team's (its target: ≤ 1.3× (e))
//! - (l) the read floor plus `git log --name-status` over all of history in
//!   the document folders, the baseline for the site
//! - (m) `goalpost site` (its target: ≤ 1.5× (l))
//! - (n) `goalpost packet --team team-01`, twelve months, warm (target ≤ 0.1× (c))
//! - (o) `git log --name-status` over twelve months with the commit-graph
//! - (p) `goalpost log ID`, twelve months, warm
//! - (q) `goalpost site`, warm
//! - (r) `goalpost check`, warm (see above)
//! - (s), (t) the team packet and the audit of (i) and (j), warm (the
//!   audit's target: ≤ 1.2× (s))
//! - (u) `goalpost audit --quarters 4`, cold (its target: ≤ 1.5× (j))
//!
//! Peak memory comes from GNU time's maximum resident set size.
//!
//! There are no timing assertions: this is a tool for people, not a test.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail, ensure};

const USAGE: &str = "usage: cargo bench --bench check -- [--repo DIR | --people N] [--floor PATHSPEC] [--runs N] [--only LETTERS]";

/// The twelve months the history benchmarks cover, (c) to (e).
const SINCE: &str = "2025-06-01";
const UNTIL: &str = "2026-05-31";

/// Today for the commands that look at the present: the generator's last
/// day with its default `--weeks`.
const LAST_DAY: &str = "2026-11-02";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("bench check: error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<()> {
    let Some(Flags {
        repo,
        people,
        floor,
        runs,
        only,
    }) = parse_args()?
    else {
        // `cargo test --benches` runs this without `--bench`: stay quick.
        eprintln!("bench check: skipped in test mode; run `cargo bench --bench check`");
        return Ok(());
    };
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), |t| root.join(t));
    let repo = match (repo, people) {
        (Some(repo), _) => repo,
        (None, None) => generated_repo(&root, &target.join("bench-repos"), "default", None)?,
        (None, Some(n)) => {
            let cache = std::env::var_os("XDG_CACHE_HOME")
                .map(PathBuf::from)
                .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
                .context("neither XDG_CACHE_HOME nor HOME is set")?;
            generated_repo(
                &root,
                &cache.join("goalpost-bench"),
                &format!("people-{n}"),
                Some(n),
            )?
        }
    };
    ensure!(repo.is_dir(), "{} is not a directory", repo.display());
    let repo = repo.canonicalize().context("resolving --repo")?;

    let goalpost = target.join("release/goalpost");
    if let Err(err) = cargo(
        &root,
        &["build", "--release", "--quiet", "--bin", "goalpost"],
    ) {
        let note = if goalpost.exists() {
            "using the existing, possibly stale, binary"
        } else {
            "there is no binary to measure"
        };
        eprintln!("warning: {err:#}; {note}");
    }

    commit_graph(&repo)?;
    let cold = |args: Vec<String>| -> Vec<String> {
        let mut args = args;
        args.push("--no-cache".to_owned());
        args
    };
    let mut benches = [
        Bench::new(
            "(a) read floor: git ls-files | xargs cat",
            sh(
                &format!("git ls-files -z -- '{floor}' | xargs -0 cat > /dev/null"),
                &repo,
            ),
            &[0],
        ),
        Bench::new(
            "(b) goalpost check --format json, cold",
            goalpost_command(&goalpost, &repo, &cold(check_args())),
            &[0, 1],
        ),
        Bench::new(
            "(c) git log --name-status, 12 months",
            git_log_command(&repo, false),
            &[0],
        ),
        Bench::new(
            "(d) goalpost log ID, 12 months, cold",
            goalpost_command(&goalpost, &repo, &cold(log_args(&repo))),
            &[0],
        ),
        Bench::new(
            "(e) goalpost packet --team, 12 months, cold",
            goalpost_command(&goalpost, &repo, &cold(packet_args())),
            &[0],
        ),
        Bench::new(
            "(f) goalpost status --format json, warm",
            goalpost_command(&goalpost, &repo, &view_args("status")),
            &[0],
        ),
        Bench::new(
            "(g) goalpost blockers --format json, warm",
            goalpost_command(&goalpost, &repo, &view_args("blockers")),
            &[0],
        ),
        Bench::new(
            "(h) goalpost checkins --format json, warm",
            goalpost_command(&goalpost, &repo, &view_args("checkins")),
            &[0],
        ),
        Bench::new(
            "(i) goalpost packet --team, quarter, cold",
            goalpost_command(&goalpost, &repo, &cold(quarter_packet_args())),
            &[0],
        ),
        Bench::new(
            "(j) goalpost audit, last quarter, cold",
            goalpost_command(&goalpost, &repo, &cold(audit_args())),
            &[0],
        ),
        Bench::new(
            "(k) packet --team --each, 12 months, cold",
            goalpost_command(&goalpost, &repo, &cold(each_args(&target))),
            &[0],
        ),
        Bench::new(
            "(l) read floor + git log --name-status, all",
            sh(
                "git ls-files -z | xargs -0 cat > /dev/null; git log --name-status -- projects updates decisions > /dev/null",
                &repo,
            ),
            &[0],
        ),
        Bench::new(
            "(m) goalpost site, cold",
            goalpost_command(&goalpost, &repo, &cold(site_args(&target))),
            &[0],
        ),
        Bench::new(
            "(n) goalpost packet --team, 12 months, warm",
            goalpost_command(&goalpost, &repo, &packet_args()),
            &[0],
        ),
        Bench::new(
            "(o) git log --name-status, 12 months, graph",
            git_log_command(&repo, true),
            &[0],
        ),
        Bench::new(
            "(p) goalpost log ID, 12 months, warm",
            goalpost_command(&goalpost, &repo, &log_args(&repo)),
            &[0],
        ),
        Bench::new(
            "(q) goalpost site, warm",
            goalpost_command(&goalpost, &repo, &site_args(&target)),
            &[0],
        ),
        Bench::new(
            "(r) goalpost check --format json, warm",
            check_command(&goalpost, &repo),
            &[0, 1],
        ),
        Bench::new(
            "(s) goalpost packet --team, quarter, warm",
            goalpost_command(&goalpost, &repo, &quarter_packet_args()),
            &[0],
        ),
        Bench::new(
            "(t) goalpost audit, last quarter, warm",
            goalpost_command(&goalpost, &repo, &audit_args()),
            &[0],
        ),
        Bench::new(
            "(u) goalpost audit --quarters 4, cold",
            goalpost_command(&goalpost, &repo, &cold(audit_quarters_args())),
            &[0],
        ),
    ];
    let letters = "abcdefghijklmnopqrstu";
    let chosen = |i: usize| {
        only.as_deref()
            .is_none_or(|only| i == 0 || letters[i..=i].chars().all(|c| only.contains(c)))
    };

    println!("repo      {} ({})", repo.display(), describe(&repo));
    println!("goalpost  {}", goalpost.display());
    println!("runs      {runs} each, alternating, after one warm-up run\n");
    // Light commands run together after the floor, the history walks last;
    // each round starts with an unrecorded floor run, so that no command pays
    // for the memory the previous round's heaviest one left to reclaim.
    let order: Vec<usize> = [
        0, 1, 17, 5, 6, 7, 2, 14, 3, 15, 4, 13, 10, 8, 9, 20, 18, 19, 11, 12, 16,
    ]
    .into_iter()
    .filter(|&i| chosen(i))
    .collect();
    for &i in &order {
        benches[i].run(false);
    }
    for _ in 0..runs {
        benches[0].run(false);
        for &i in &order {
            benches[i].run(true);
        }
    }

    println!("{:<44} {:>10} {:>10}", "", "median ms", "min ms");
    for bench in &benches {
        match (&bench.error, bench.median(), bench.min()) {
            (Some(err), _, _) => println!("{:<44} error: {err}", bench.name),
            (None, Some(median), Some(min)) => {
                println!("{:<44} {:>10.1} {:>10.1}", bench.name, ms(median), ms(min));
            }
            _ => println!("{:<44} no runs", bench.name),
        }
    }
    println!();
    for (i, what) in [
        (1, "check, cold"),
        (17, "check, warm"),
        (5, "status"),
        (6, "blockers"),
        (7, "checkins"),
    ] {
        match (benches[i].median(), benches[0].median()) {
            (Some(ours), Some(floor)) if bench_ok(&benches[i]) => println!(
                "{what} / read floor (medians): {:.2}x",
                ours.as_secs_f64() / floor.as_secs_f64()
            ),
            _ => println!("{what} / read floor (medians): n/a"),
        }
    }
    for (i, what) in [
        (3, "log, 12 months, cold"),
        (4, "packet --team, 12 months, cold"),
        (15, "log, 12 months, warm"),
        (13, "packet --team, 12 months, warm"),
    ] {
        for (git, graph) in [(2, ""), (14, " with commit-graph")] {
            match (benches[i].median(), benches[git].median()) {
                (Some(ours), Some(git)) if bench_ok(&benches[i]) => println!(
                    "{what} / git log{graph} (medians): {:.3}x",
                    ours.as_secs_f64() / git.as_secs_f64()
                ),
                _ => println!("{what} / git log{graph} (medians): n/a"),
            }
        }
    }
    match (benches[9].median(), benches[8].median()) {
        (Some(audit), Some(packet)) if bench_ok(&benches[9]) && bench_ok(&benches[8]) => println!(
            "audit / packet --team, last quarter (medians): {:.2}x",
            audit.as_secs_f64() / packet.as_secs_f64()
        ),
        _ => println!("audit / packet --team, last quarter (medians): n/a"),
    }
    for (ours, base, what) in [
        (
            19,
            18,
            "audit / packet --team, last quarter, warm (medians)",
        ),
        (
            20,
            9,
            "audit --quarters 4 / audit of one quarter, cold (medians)",
        ),
    ] {
        match (benches[ours].median(), benches[base].median()) {
            (Some(a), Some(b)) if bench_ok(&benches[ours]) && bench_ok(&benches[base]) => {
                println!("{what}: {:.2}x", a.as_secs_f64() / b.as_secs_f64());
            }
            _ => println!("{what}: n/a"),
        }
    }
    match (benches[10].median(), benches[4].median()) {
        (Some(each), Some(packet)) if bench_ok(&benches[10]) && bench_ok(&benches[4]) => println!(
            "packet --team --each / packet --team, 12 months (medians): {:.2}x",
            each.as_secs_f64() / packet.as_secs_f64()
        ),
        _ => println!("packet --team --each / packet --team, 12 months (medians): n/a"),
    }
    for (i, what) in [(12, "site, cold"), (16, "site, warm")] {
        match (benches[i].median(), benches[11].median()) {
            (Some(site), Some(floor)) if bench_ok(&benches[i]) => println!(
                "{what} / (read floor + full git log) (medians): {:.2}x",
                site.as_secs_f64() / floor.as_secs_f64()
            ),
            _ => println!("{what} / (read floor + full git log) (medians): n/a"),
        }
    }
    if bench_ok(&benches[12]) {
        println!(
            "goalpost site peak RSS (cold): {}",
            peak_rss(goalpost_command(
                &goalpost,
                &repo,
                &cold(site_args(&target))
            ))
        );
    }
    if bench_ok(&benches[3]) {
        let mut full = log_args(&repo);
        full.truncate(2);
        println!(
            "goalpost log ID (full history) peak RSS (cold): {}",
            peak_rss(goalpost_command(&goalpost, &repo, &cold(full)))
        );
    }
    if bench_ok(&benches[4]) {
        println!(
            "goalpost packet --team (12 months) peak RSS (cold): {}",
            peak_rss(goalpost_command(&goalpost, &repo, &cold(packet_args())))
        );
    }
    if bench_ok(&benches[13]) {
        println!(
            "goalpost packet --team (12 months) peak RSS (warm): {}",
            peak_rss(goalpost_command(&goalpost, &repo, &packet_args()))
        );
        println!("history cache: {}", cache_size(&repo));
    }
    if bench_ok(&benches[1]) {
        println!(
            "goalpost check peak RSS: {}",
            peak_rss(check_command(&goalpost, &repo))
        );
        println!("goalpost check findings: {}", findings(&goalpost, &repo));
    }
    Ok(())
}

/// What the command line asks for.
struct Flags {
    repo: Option<PathBuf>,
    people: Option<usize>,
    floor: String,
    runs: usize,
    only: Option<String>,
}

/// The flags, or `None` when not run by `cargo bench`.
fn parse_args() -> Result<Option<Flags>> {
    let (mut repo, mut people, mut runs, mut bench) = (None, None, 10, false);
    let mut only = None;
    let mut floor = ".".to_owned();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--repo" => repo = Some(args.next().context(USAGE)?.into()),
            "--runs" => runs = args.next().context(USAGE)?.parse().context("--runs")?,
            "--people" => {
                people = Some(args.next().context(USAGE)?.parse().context("--people")?);
            }
            "--only" => only = Some(args.next().context(USAGE)?),
            "--floor" => floor = args.next().context(USAGE)?,
            "--bench" => bench = true, // cargo bench passes it to harness = false benches
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            other => bail!("unexpected argument {other}\n{USAGE}"),
        }
    }
    ensure!(runs > 0, "--runs must be at least 1");
    ensure!(
        repo.is_none() || people.is_none(),
        "--repo and --people exclude each other"
    );
    Ok(bench.then_some(Flags {
        repo,
        people,
        floor,
        runs,
        only,
    }))
}

/// A command timed in a loop; the first failure stops it and is reported.
struct Bench {
    name: &'static str,
    command: Command,
    ok_codes: &'static [i32],
    times: Vec<Duration>,
    error: Option<String>,
}

impl Bench {
    fn new(name: &'static str, mut command: Command, ok_codes: &'static [i32]) -> Self {
        command.stdout(Stdio::null()).stderr(Stdio::piped());
        Bench {
            name,
            command,
            ok_codes,
            times: Vec::new(),
            error: None,
        }
    }

    fn run(&mut self, record: bool) {
        if self.error.is_some() {
            return;
        }
        let start = Instant::now();
        let output = self.command.output();
        let elapsed = start.elapsed();
        match output {
            Ok(out)
                if out
                    .status
                    .code()
                    .is_some_and(|c| self.ok_codes.contains(&c)) =>
            {
                if record {
                    self.times.push(elapsed);
                }
            }
            Ok(out) => {
                let stderr = String::from_utf8_lossy(&out.stderr);
                let first = stderr.lines().next().unwrap_or("").trim();
                self.error = Some(format!("{}; {first}", out.status));
            }
            Err(err) => self.error = Some(format!("cannot start: {err}")),
        }
    }

    fn median(&self) -> Option<Duration> {
        let mut t = self.times.clone();
        t.sort();
        match t.len() {
            0 => None,
            n if n % 2 == 1 => Some(t[n / 2]),
            n => Some((t[n / 2 - 1] + t[n / 2]) / 2),
        }
    }

    fn min(&self) -> Option<Duration> {
        self.times.iter().min().copied()
    }
}

fn bench_ok(bench: &Bench) -> bool {
    bench.error.is_none() && !bench.times.is_empty()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Commands run without the user's or the system's git configuration.
fn hermetic(mut cmd: Command, repo: &Path) -> Command {
    cmd.current_dir(repo)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null");
    cmd
}

fn sh(script: &str, repo: &Path) -> Command {
    let mut cmd = Command::new("sh");
    cmd.args(["-c", script]);
    hermetic(cmd, repo)
}

/// `goalpost check --format json --repo REPO`.
fn check_command(goalpost: &Path, repo: &Path) -> Command {
    goalpost_command(goalpost, repo, &check_args())
}

fn check_args() -> Vec<String> {
    vec!["check".into(), "--format".into(), "json".into()]
}

/// `goalpost ARGS --repo REPO`.
fn goalpost_command(goalpost: &Path, repo: &Path, args: &[impl AsRef<OsStr>]) -> Command {
    let mut cmd = Command::new(goalpost);
    cmd.args(args).arg("--repo").arg(repo);
    hermetic(cmd, repo)
}

/// `log` over the twelve months of a project that existed before them (the
/// first added; its id is its file stem).
fn log_args(repo: &Path) -> Vec<String> {
    let mut cmd = Command::new("git");
    cmd.args([
        "log",
        "--reverse",
        "--diff-filter=A",
        "--format=",
        "--name-only",
        "--until",
        SINCE,
        "--",
        "projects",
    ]);
    let id = hermetic(cmd, repo)
        .output()
        .ok()
        .and_then(|out| {
            let text = String::from_utf8_lossy(&out.stdout).into_owned();
            let first = text.lines().next()?.to_owned();
            Path::new(&first)
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
        })
        .unwrap_or_else(|| "missing".to_owned());
    [
        "log", &id, "--format", "json", "--since", SINCE, "--until", UNTIL,
    ]
    .map(str::to_owned)
    .to_vec()
}

/// A team view over the whole working tree, with the generator's last day as today.
fn view_args(view: &str) -> Vec<String> {
    [view, "--format", "json", "--today", LAST_DAY]
        .map(str::to_owned)
        .to_vec()
}

/// `packet` for the generator's first team over the twelve months.
fn packet_args() -> Vec<String> {
    [
        "packet", "--team", "team-01", "--format", "json", "--since", SINCE, "--until", UNTIL,
        "--today", LAST_DAY,
    ]
    .map(str::to_owned)
    .to_vec()
}

/// `packet --team --each` over the twelve months, into a folder under the
/// target directory (replaced on every run).
fn each_args(target: &Path) -> Vec<String> {
    let mut args = packet_args();
    let dir = target.join("bench-each");
    args.extend([
        "--each".to_owned(),
        "--force".to_owned(),
        "-o".to_owned(),
        dir.to_string_lossy().into_owned(),
    ]);
    args
}

/// The last full quarter before the generator's last day.
const QUARTER: [&str; 2] = ["2026-07-01", "2026-09-30"];

/// `packet` for the generator's first team over the last full quarter.
fn quarter_packet_args() -> Vec<String> {
    [
        "packet", "--team", "team-01", "--format", "json", "--since", QUARTER[0], "--until",
        QUARTER[1], "--today", LAST_DAY,
    ]
    .map(str::to_owned)
    .to_vec()
}

/// `site` into a folder of the target directory (its own after the first run).
fn site_args(target: &Path) -> Vec<String> {
    vec![
        "--today".to_owned(),
        LAST_DAY.to_owned(),
        "site".to_owned(),
        "--force".to_owned(),
        "-o".to_owned(),
        target.join("bench-site").to_string_lossy().into_owned(),
    ]
}

/// `audit` by location over the last full quarter.
fn audit_args() -> Vec<String> {
    [
        "audit", "--format", "json", "--since", QUARTER[0], "--until", QUARTER[1], "--today",
        LAST_DAY,
    ]
    .map(str::to_owned)
    .to_vec()
}

/// `audit` by location over the four full quarters up to the last one.
fn audit_quarters_args() -> Vec<String> {
    [
        "audit",
        "--format",
        "json",
        "--quarters",
        "4",
        "--today",
        LAST_DAY,
    ]
    .map(str::to_owned)
    .to_vec()
}

/// `git log --name-status` over the twelve months; with or without the
/// commit-graph (`core.commitGraph`).
fn git_log_command(repo: &Path, graph: bool) -> Command {
    let mut cmd = Command::new("git");
    cmd.args([
        "-c",
        if graph {
            "core.commitGraph=true"
        } else {
            "core.commitGraph=false"
        },
    ]);
    cmd.args([
        "log",
        "--name-status",
        "--since",
        SINCE,
        "--until",
        UNTIL,
        "--",
        "projects",
        "updates",
        "decisions",
    ]);
    hermetic(cmd, repo)
}

fn cargo(root: &Path, args: &[&str]) -> Result<()> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .args(args)
        .current_dir(root)
        .status()
        .context("cannot run cargo")?;
    ensure!(
        status.success(),
        "cargo {} failed: {status}",
        args.join(" ")
    );
    Ok(())
}

/// `target/bench-repos/default`, generated on first use.
/// The generated repository `dir/name` (of `people` people, else the
/// generator's default), generated once.
fn generated_repo(root: &Path, dir: &Path, name: &str, people: Option<usize>) -> Result<PathBuf> {
    let repo = dir.join(name);
    if repo.join(".git").is_dir() {
        return Ok(repo);
    }
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    // Generate next to it and rename, so an interrupted run leaves no half repo.
    let tmp = dir.join(format!("{name}.tmp"));
    if tmp.exists() {
        std::fs::remove_dir_all(&tmp).with_context(|| format!("removing {}", tmp.display()))?;
    }
    eprintln!(
        "generating {} (once; delete it to regenerate)",
        repo.display()
    );
    let tmp_arg = tmp.to_str().context("target dir is not UTF-8")?;
    let people = people.map(|n| n.to_string());
    let mut args = vec![
        "run",
        "--release",
        "--quiet",
        "--example",
        "gen-repo",
        "--",
        tmp_arg,
    ];
    if let Some(n) = &people {
        args.extend(["--people", n]);
    }
    cargo(root, &args)?;
    let dir = repo;
    std::fs::rename(&tmp, &dir).with_context(|| format!("moving the repo to {}", dir.display()))?;
    Ok(dir)
}

/// Tracked files and commits, for the header.
fn describe(repo: &Path) -> String {
    let count = |args: &[&str]| -> Option<String> {
        let mut cmd = Command::new("git");
        cmd.args(args);
        let out = hermetic(cmd, repo).output().ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
    };
    let files = count(&["ls-files", "-z"]).map(|s| s.split('\0').filter(|f| !f.is_empty()).count());
    let commits = count(&["rev-list", "--count", "HEAD"]);
    match (files, commits) {
        (Some(files), Some(commits)) => {
            format!("{files} tracked files, {} commits", commits.trim())
        }
        _ => "not a git repository?".to_owned(),
    }
}

/// Peak resident set size of one run of `command`, from GNU time.
fn peak_rss(command: Command) -> String {
    let time = Path::new("/usr/bin/time");
    if !time.exists() {
        return "n/a (no /usr/bin/time)".to_owned();
    }
    let report = std::env::temp_dir().join(format!("goalpost-bench-rss-{}", std::process::id()));
    let mut cmd = Command::new(time);
    cmd.arg("-f").arg("%M").arg("-o").arg(&report);
    cmd.arg(command.get_program()).args(command.get_args());
    if let Some(dir) = command.get_current_dir() {
        cmd.current_dir(dir);
    }
    for (key, value) in command.get_envs() {
        match value {
            Some(value) => cmd.env(key, value),
            None => cmd.env_remove(key),
        };
    }
    let ran = cmd.stdout(Stdio::null()).stderr(Stdio::null()).status();
    let text = std::fs::read_to_string(&report).unwrap_or_default();
    let _ = std::fs::remove_file(&report);
    // GNU time puts "Command exited with non-zero status 1" before the value.
    match (
        ran,
        text.lines()
            .rev()
            .find_map(|l| l.trim().parse::<u64>().ok()),
    ) {
        (Ok(_), Some(kib)) => format!("{:.1} MiB", kib as f64 / 1024.0),
        _ => "n/a".to_owned(),
    }
}

/// The exit code and a count of findings by severity, from the JSON output.
fn findings(goalpost: &Path, repo: &Path) -> String {
    let Ok(out) = check_command(goalpost, repo).stderr(Stdio::null()).output() else {
        return "n/a".to_owned();
    };
    let code = out
        .status
        .code()
        .map_or("signal".to_owned(), |c| c.to_string());
    let Ok(serde_json::Value::Array(items)) = serde_json::from_slice(&out.stdout) else {
        return format!("exit {code}, output is not a JSON array");
    };
    let severity = |s: &str| items.iter().filter(|i| i["severity"] == s).count();
    format!(
        "exit {code}, {} ({} errors, {} warnings)",
        items.len(),
        severity("error"),
        severity("warning")
    )
}

/// Writes git's commit-graph with changed-path Bloom filters once, for (o).
fn commit_graph(repo: &Path) -> Result<()> {
    let graph = repo.join(".git/objects/info/commit-graph");
    if graph.exists() {
        return Ok(());
    }
    eprintln!("writing the commit-graph (once) for row (o)…");
    let mut cmd = Command::new("git");
    cmd.args(["commit-graph", "write", "--reachable", "--changed-paths"]);
    let status = hermetic(cmd, repo)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .context("git commit-graph write")?;
    ensure!(status.success(), "git commit-graph write failed: {status}");
    Ok(())
}

/// The history cache's size on disk, under `.git/goalpost`.
fn cache_size(repo: &Path) -> String {
    fn walk(dir: &Path) -> u64 {
        std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| match e.file_type() {
                Ok(t) if t.is_dir() => walk(&e.path()),
                _ => e.metadata().map_or(0, |m| m.len()),
            })
            .sum()
    }
    format!("{:.1} MB", walk(&repo.join(".git/goalpost")) as f64 / 1e6)
}
