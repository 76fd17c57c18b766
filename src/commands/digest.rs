//! `goalpost digest`: what changed this week and what needs attention,
//! for a chat channel, an issue or a job summary.

use std::path::PathBuf;
use std::time::Duration;

use chrono::NaiveDate;
use clap::{Args, ValueEnum};

use crate::cli::{GlobalArgs, OwnerArgs, parse_date};
use crate::commands::{self, ExitStatus, Output};
use crate::digest::{self, Mention, post, slack};
use crate::error::Error;
use crate::history;
use crate::render::report::{self, Report};

/// Summarize what changed and what needs attention, for a channel or an issue
///
/// What needs attention today: check-ins late or due within 2 days (with the
/// person to nudge), blockers open more than 14 days, asks still open,
/// projects overdue or due within 14 days. What changed in the period (the
/// 7 days up to today by default): status changes, criteria and measures
/// met, blockers raised and cleared, decisions dated in it. Every item cites
/// its commit.
///
/// --post sends the Slack form to the incoming webhook whose URL is in the
/// environment variable GOALPOST_WEBHOOK_URL (never read from the
/// repository, never printed); the digest is printed either way, and a
/// failed post exits 1.
///
/// Examples:
///   goalpost digest
///   goalpost digest --team search --mention github > digest.md
///   goalpost digest --format slack --mention slack --post
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct DigestArgs {
    /// First day of the period (default: 6 days before --until)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub since: Option<NaiveDate>,
    /// Last day of the period, included (default: today)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub until: Option<NaiveDate>,
    #[command(flatten)]
    pub owners: OwnerArgs,
    /// Output format
    #[arg(long, value_enum, default_value_t = DigestFormat::Md)]
    pub format: DigestFormat,
    /// Write people as mentions, from the roster's `github:` or `slack:`
    #[arg(long, value_enum, value_name = "STYLE")]
    pub mention: Option<Mention>,
    /// Post the Slack form to the webhook in GOALPOST_WEBHOOK_URL
    #[arg(long)]
    pub post: bool,
    /// Give up on the webhook after this many seconds
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0, requires = "post", value_parser = parse_timeout)]
    pub timeout: f64,
    /// Write the digest to FILE (atomically) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace FILE if it exists
    #[arg(long, requires = "output")]
    pub force: bool,
    /// Read a shallow clone's truncated history anyway
    #[arg(long)]
    pub allow_shallow: bool,
}

/// Output formats of the digest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DigestFormat {
    /// Markdown, from digest.md.j2
    Md,
    /// One self-contained HTML file, from digest.html.j2
    Html,
    /// The facts as JSON (goalpost.digest/1)
    Json,
    /// The message an incoming Slack webhook takes (what --post sends)
    Slack,
}

fn parse_timeout(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(s) if s > 0.0 && s <= 600.0 => Ok(s),
        _ => Err(format!("`{text}` is not a number of seconds from 0 to 600")),
    }
}

pub fn run(
    global: &GlobalArgs,
    args: &DigestArgs,
    io: &mut Output<'_>,
) -> Result<ExitStatus, Error> {
    // Before any work: a post that cannot happen should not wait for it.
    let url = if args.post {
        let url = std::env::var(post::URL_VAR).unwrap_or_default();
        if url.trim().is_empty() {
            return Err(Error::usage(post::Failure::Missing.to_string()).with_help(
                "set it to the incoming webhook's URL in the job's secrets (`GOALPOST_WEBHOOK_URL: ${{ secrets.SLACK_WEBHOOK_URL }}`)",
            ));
        }
        if let Err(failure) = post::check_url(&url) {
            return Err(Error::usage(failure.to_string()));
        }
        Some(url)
    } else {
        None
    };
    let (config, ws) = commands::load(global, io)?;
    let who = args.owners.resolve(&config, &ws)?;
    let today = global.today();
    let period = digest::period(args.since, args.until, today)?;
    let added = commands::added_dates(global, io, &config, &ws)?;
    let progress = commands::progress(global);
    let reading = history::read_period(
        &config,
        period,
        None,
        args.allow_shallow,
        global.cache(),
        &|| progress.inc(1),
    )?
    .ok_or_else(history::no_commits)?;
    progress.finish_and_clear();
    let digest = digest::build(&digest::Inputs {
        reading: &reading,
        ws: &ws,
        config: &config,
        who: &who,
        period,
        today,
        added: &added,
        mention: args.mention,
        events: None,
    })?;

    // The Slack form is what `--post` sends, as well as a format.
    let message =
        (args.format == DigestFormat::Slack || url.is_some()).then(|| slack::message(&digest));
    let text = match (args.format, &message) {
        (DigestFormat::Slack, Some(message)) => {
            let mut json = serde_json::to_string_pretty(message).map_err(std::io::Error::from)?;
            json.push('\n');
            json
        }
        (DigestFormat::Html, _) => digest.render(report::Format::Html, &config.root)?,
        (DigestFormat::Json, _) => digest.render(report::Format::Json, &config.root)?,
        _ => digest.render(report::Format::Md, &config.root)?,
    };
    commands::report(
        global,
        io,
        digest.warnings(),
        &text,
        args.output.as_deref(),
        args.force,
    )?;
    let (Some(url), Some(message)) = (url, message) else {
        return Ok(ExitStatus::Success);
    };
    let body = message.to_string();
    match post::post(&url, &body, Duration::from_secs_f64(args.timeout)) {
        Ok(status) => {
            if !global.quiet {
                writeln!(io.err, "posted the digest (HTTP {status})")?;
            }
            Ok(ExitStatus::Success)
        }
        Err(failure) => {
            writeln!(
                io.err,
                "error: the digest was not posted: {failure}\n  help: the digest is above, on standard output; nothing was lost"
            )?;
            Ok(ExitStatus::Findings)
        }
    }
}
