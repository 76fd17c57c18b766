//! The command line: global flags and one subcommand per file in `commands/`.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::commands;
use crate::config::Config;
use crate::error::Error;
use crate::views::Who;
use crate::workspace::Workspace;

/// Success criteria, async updates and decision records as markdown in git:
/// validated in CI, turned into evidence-backed review packets
#[derive(Debug, Parser)]
#[command(
    name = "goalpost",
    version,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Flags every command accepts.
#[derive(Clone, Debug, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// Use the goal repository at DIR (default: search upward from the current folder)
    #[arg(long, global = true, value_name = "DIR")]
    pub repo: Option<PathBuf>,
    /// When to use colors
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
    /// Print only results, no summaries or notes
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Print more about what is going on
    #[arg(short, long, global = true)]
    pub verbose: bool,
    /// Take this date as today, for reproducible output
    #[arg(long, global = true, env = "GOALPOST_TODAY", value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub today: Option<NaiveDate>,
    /// Neither read nor write the cache in .git/goalpost/ (history, files read)
    #[arg(long, global = true, env = "GOALPOST_NO_CACHE", value_parser = clap::builder::BoolishValueParser::new())]
    pub no_cache: bool,
}

impl GlobalArgs {
    /// Whether the cache under `.git/goalpost/` may be used.
    pub fn cache(&self) -> bool {
        !self.no_cache
    }

    /// `--today`, or the local date.
    pub fn today(&self) -> NaiveDate {
        self.today
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    }
}

/// `--owner`/`--team`: which projects a view shows, by their owner.
#[derive(Debug, Default, Args)]
pub struct OwnerArgs {
    /// Only projects this person owns
    #[arg(long, value_name = "HANDLE")]
    pub owner: Option<String>,
    /// Only projects owned by members of this team
    #[arg(long, value_name = "TEAM")]
    pub team: Option<String>,
}

impl OwnerArgs {
    /// Whose projects the flags name; unknown names are usage errors.
    pub fn resolve(&self, config: &Config, ws: &Workspace) -> Result<Who, Error> {
        Who::resolve(self.owner.as_deref(), self.team.as_deref(), config, ws)
    }
}

/// Flags of the commands that write a report over a period (`packet`,
/// `audit`).
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// First day of the period (default: start of the last full quarter)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub since: Option<NaiveDate>,
    /// Last day of the period, included (default: end of the last full quarter)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub until: Option<NaiveDate>,
    /// Output format
    #[arg(long, value_enum, default_value_t = crate::render::report::Format::Md)]
    pub format: crate::render::report::Format,
    /// Write the report to FILE (atomically) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace FILE if it exists
    #[arg(long, requires = "output")]
    pub force: bool,
    /// Read a shallow clone's truncated history anyway
    #[arg(long)]
    pub allow_shallow: bool,
}

impl ReportArgs {
    /// The period the flags name (the last full quarter before `today` by
    /// default).
    pub fn period(&self, today: NaiveDate) -> Result<crate::history::Period, Error> {
        crate::history::Period::from_flags(self.since, self.until, today)
    }
}

/// When to color output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Demo(commands::demo::DemoArgs),
    Init(commands::init::InitArgs),
    New(commands::new::NewArgs),
    Set(commands::edit::SetArgs),
    Tick(commands::edit::TickArgs),
    Untick(commands::edit::TickArgs),
    Report(commands::edit::MeasureReportArgs),
    Fix(commands::fix::FixArgs),
    Check(commands::check::CheckArgs),
    Rules(commands::explain::RulesArgs),
    Explain(commands::explain::ExplainArgs),
    Status(commands::status::StatusArgs),
    Blockers(commands::blockers::BlockersArgs),
    Checkins(commands::checkins::CheckinsArgs),
    Agenda(commands::agenda::AgendaArgs),
    Log(commands::log::LogArgs),
    Packet(commands::packet::PacketArgs),
    Audit(commands::audit::AuditArgs),
    Digest(commands::digest::DigestArgs),
    Site(commands::site::SiteArgs),
    Lsp(commands::lsp::LspArgs),
    Mcp(commands::mcp::McpArgs),
    Schema(commands::schema::SchemaArgs),
    Completions(commands::completions::CompletionsArgs),
    Man(commands::man::ManArgs),
}

/// Parses a strict `YYYY-MM-DD` date for flags.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    crate::syntax::parse_date(text)
        .ok_or_else(|| format!("`{text}` is not a real date; use YYYY-MM-DD"))
}
